// Globals the page scripts share with the data files sphinx_glossterm writes.
interface Window {
  /** Called by each _static/glossterm-previews/NN.js: bucket number and its previews. */
  glosstermPreviewChunk?: (bucket: number, data: Record<string, [string, string, string]>) => void;
  /** _static/glossterm-graph-data.js: nodes [key, title, url, x, y] and edges [source, target]. */
  glosstermGraph?: {
    nodes: [string, string, string, number, number][];
    edges: [number, number][];
  };
  /** The graph page's view, for tests and the curious: screen position of a node. */
  glosstermGraphView?: { count: number; screenOf: (key: string) => { x: number; y: number } | null };
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
