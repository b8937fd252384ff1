// Globals the page scripts share with the data files sphinx_glossterm writes.
interface Window {
  /** Called by each _static/glossterm-previews/NN.js: bucket number and its previews. */
  glosstermPreviewChunk?: (bucket: number, data: Record<string, [string, string, string]>) => void;
  /**
   * _static/glossterm-graph-data.js (sphinx_glossterm/html/graph_page.py): nodes
   * [key, title, url, x, y, group, section-type bits], edges [source, target],
   * groups [central titles, size], section types [class, label].
   */
  glosstermGraph?: {
    nodes: [string, string, string, number, number, number, number][];
    edges: [number, number][];
    groups: [string[], number][];
    types: [string, string][];
  };
  /** The graph page's view, for tests and the curious. */
  glosstermGraphView?: {
    count: number;
    screenOf: (key: string) => { x: number; y: number } | null;
    labelBoxes: () => { x: number; y: number; width: number; height: number; title: string }[];
    labelColours: () => { text: string; halo: string };
    selected: () => string | null;
  };
  /** glossterm-core.js: show the preview of a term link (the graph page's search uses it). */
  glosstermShowPreview?: (link: Element) => void;
}

/** Sphinx's search (searchtools.js), present on the search page only. */
declare const Search: {
  makeSearchSummary: (htmlText: string, keywords: Set<string> | string[], anchor: string) => HTMLElement | null;
};

/** Sphinx's doctools.js: translations of the UI strings. */
declare const Documentation: {
  ngettext: (singular: string, plural: string, n: number) => string;
  TRANSLATIONS?: Record<string, string | string[]>;
  PLURAL_EXPR: (n: number) => number | boolean;
};
