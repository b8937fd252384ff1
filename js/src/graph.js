// @ts-check
/**
 * The whole-glossary graph page: every entry a node, every link an edge,
 * drawn on a canvas by force-graph at positions computed at build time
 * (sphinx_glossterm/layout.py), so nothing is simulated before the first frame.
 * Pan, zoom, click a node to open its entry, find a node by name, hover or
 * select one to highlight its neighbours.  Without JavaScript the page keeps
 * the same graph as lists of links.
 */
import ForceGraph from "force-graph";

/**
 * @typedef {{ id: string, title: string, url: string, x: number, y: number, fx: number, fy: number,
 *   neighbours: Set<GraphNode>, size: number }} GraphNode
 * @typedef {{ source: GraphNode, target: GraphNode }} GraphLink
 */

/** Colours from the theme's custom properties. */
function palette() {
  const style = getComputedStyle(document.documentElement);
  /** @param {string} name @param {string} fallback */
  const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  return {
    node: read("--glossterm-accent", "#1d4ed8"),
    text: read("--glossterm-text", "#1b1f24"),
    edge: read("--glossterm-border", "#c7ccd4"),
    muted: read("--glossterm-muted", "#4f5863"),
    surface: read("--glossterm-surface", "#f5f6f8"),
  };
}

function start() {
  const data = window.glosstermGraph;
  const container = document.getElementById("glossterm-graph");
  const canvasBox = container && container.querySelector(".gt-graph-canvas");
  if (!data || !container || !(canvasBox instanceof HTMLElement)) return;
  const root = new URL(container.dataset.contentRoot || "./", location.href);

  /** @type {GraphNode[]} */
  const nodes = data.nodes.map(([id, title, url, x, y]) => ({
    id, title, url, x, y, fx: x, fy: y, neighbours: new Set(), size: 2,
  }));
  /** @type {GraphLink[]} */
  const links = data.edges.map(([a, b]) => ({ source: nodes[a], target: nodes[b] }));
  for (const { source, target } of links) {
    source.neighbours.add(target);
    target.neighbours.add(source);
  }
  for (const node of nodes) node.size = 2.5 + Math.sqrt(node.neighbours.size);
  const byId = new Map(nodes.map((node) => [node.id, node]));

  let colours = palette();
  /** @type {GraphNode | null} */
  let hovered = null;
  /** @type {GraphNode | null} */
  let selected = null;
  let drawn = 0;

  /** The node whose neighbourhood is highlighted. */
  const focus = () => hovered || selected;

  /** @param {GraphNode} node */
  const open = (node) => {
    location.href = new URL(node.url, root).href;
  };

  const graph = new ForceGraph(canvasBox)
    .width(canvasBox.clientWidth)
    .height(canvasBox.clientHeight)
    .graphData({ nodes, links })
    .nodeId("id")
    .nodeLabel("")
    .enableNodeDrag(false)
    .warmupTicks(0)
    .cooldownTicks(0)
    .d3Force("charge", null)
    .d3Force("center", null)
    .d3Force("link", null)
    .linkColor((link) => {
      const f = focus();
      const l = /** @type {GraphLink} */ (link);
      return f && (l.source === f || l.target === f) ? colours.node : colours.edge;
    })
    .linkWidth((link) => {
      const f = focus();
      const l = /** @type {GraphLink} */ (link);
      return f && (l.source === f || l.target === f) ? 1.6 : 0.6;
    })
    .linkVisibility((link) => {
      const f = focus();
      const l = /** @type {GraphLink} */ (link);
      return !f || l.source === f || l.target === f || nodes.length < 2000;
    })
    .onRenderFramePre(() => {
      drawn = 0;
    })
    .nodeCanvasObject((object, context, scale) => {
      const node = /** @type {GraphNode} */ (object);
      const f = focus();
      const lit = !f || node === f || f.neighbours.has(node);
      drawn++;
      context.globalAlpha = lit ? 1 : 0.18;
      context.beginPath();
      context.arc(node.x, node.y, node.size, 0, 2 * Math.PI);
      context.fillStyle = node === f ? colours.text : colours.node;
      context.fill();
      // Names when zoomed in, for the highlighted neighbourhood, and for hubs.
      if ((f && lit) || scale > 2.4 || node.neighbours.size * scale > 30) {
        const size = Math.max(11 / scale, 1.5);
        context.font = `${node === f ? "bold " : ""}${size}px system-ui, sans-serif`;
        context.textAlign = "center";
        context.textBaseline = "top";
        context.fillStyle = colours.text;
        context.fillText(node.title, node.x, node.y + node.size + 1);
      }
      context.globalAlpha = 1;
    })
    .nodePointerAreaPaint((object, colour, context) => {
      const node = /** @type {GraphNode} */ (object);
      context.fillStyle = colour;
      context.beginPath();
      context.arc(node.x, node.y, node.size + 2, 0, 2 * Math.PI);
      context.fill();
    })
    .onRenderFramePost(() => {
      container.dataset.drawn = String(drawn);
    })
    .onNodeHover((object) => {
      hovered = /** @type {GraphNode | null} */ (object);
      canvasBox.style.cursor = hovered ? "pointer" : "";
      canvasBox.title = hovered ? hovered.title : "";
    })
    .onNodeClick((object) => open(/** @type {GraphNode} */ (object)))
    .onBackgroundClick(() => {
      selected = null;
    });

  let fitted = false;
  graph.onEngineStop(() => {
    if (fitted) return;
    fitted = true;
    const target = byId.get(decodeURIComponent(location.hash.slice(1)))
      || nodes.find((node) => node.url.split("#")[1] === decodeURIComponent(location.hash.slice(1)));
    if (target) select(target, 0);
    else graph.zoomToFit(0, 24);
  });

  // Find a node: the names as suggestions; Enter selects, the link opens it.
  const list = container.querySelector("datalist");
  const input = container.querySelector("input[type=search]");
  const form = container.querySelector("form");
  // Added on the first selection: a link without a target is no link.
  const openLink = document.createElement("a");
  openLink.className = "gt-graph-open";
  if (list) {
    const options = [...nodes].sort((a, b) => a.title.localeCompare(b.title, document.documentElement.lang || undefined));
    list.replaceChildren(...options.map((node) => {
      const option = document.createElement("option");
      option.value = node.title;
      return option;
    }));
  }

  /**
   * Centre the graph on ``node`` and highlight its neighbours.
   * @param {GraphNode} node
   * @param {number} duration
   */
  function select(node, duration) {
    selected = node;
    graph.centerAt(node.x, node.y, duration);
    graph.zoom(Math.max(graph.zoom(), 2.5), duration);
    openLink.href = new URL(node.url, root).href;
    openLink.textContent = node.title;
    if (form && !openLink.isConnected) form.append(openLink);
  }

  if (form && input instanceof HTMLInputElement) {
    const find = () => {
      const wanted = input.value.trim().toLocaleLowerCase();
      if (!wanted) return null;
      return nodes.find((node) => node.title.toLocaleLowerCase() === wanted)
        || nodes.find((node) => node.title.toLocaleLowerCase().startsWith(wanted))
        || nodes.find((node) => node.title.toLocaleLowerCase().includes(wanted))
        || null;
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const node = find();
      if (node) select(node, 600);
    });
    input.addEventListener("change", () => {
      const node = find();
      if (node) select(node, 600);
    });
  }

  new ResizeObserver(() => {
    graph.width(canvasBox.clientWidth).height(canvasBox.clientHeight);
  }).observe(canvasBox);
  document.addEventListener("glossterm-theme-change", () => {
    colours = palette();
  });

  window.glosstermGraphView = {
    count: nodes.length,
    screenOf(key) {
      const node = byId.get(key);
      if (!node) return null;
      const point = graph.graph2ScreenCoords(node.x, node.y);
      const box = canvasBox.getBoundingClientRect();
      return { x: point.x + box.left, y: point.y + box.top };
    },
  };
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
