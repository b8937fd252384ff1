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
 *   index: number, size: number }} GraphNode
 * @typedef {{ left: number, top: number, right: number, bottom: number, scale: number, pixel: number }} View
 */

// Segments per stroke and dots per fill: one huge path costs the rasteriser far
// more than several small ones.
const BATCH = 1024;
// Names of every node in view from this zoom on; below it only for hubs and the
// highlighted neighbourhood.
const LABEL_SCALE = 2.4;
// A frame draws at most about this many edges (an even sample); once the view
// rests, the following animation frames draw the rest, a sample each, under
// what is there: tens of thousands of lines in one frame would block the page.
// The sample halves while frames take longer than SLOW_FRAME ms (a slow
// machine, a high-DPI screen), down to MIN_FRAME_EDGES, and grows again when
// they are fast.
const FRAME_EDGES = 6000;
const MIN_FRAME_EDGES = 750;
const SLOW_FRAME = 34;
// Largest dot radius and name size on screen, in CSS pixels: zoomed far in,
// bigger ones would only cover each other (and cost the rasteriser dearly).
const MAX_RADIUS = 14;
const MAX_NAME = 16;

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

/**
 * The part of the graph the canvas shows, in graph coordinates, from the
 * context's transform (zoom and pan, times the device pixel ratio).
 * @param {CanvasRenderingContext2D} context
 * @returns {View}
 */
function viewOf(context) {
  const t = context.getTransform();
  const { width, height } = context.canvas;
  return {
    left: -t.e / t.a,
    top: -t.f / t.d,
    right: (width - t.e) / t.a,
    bottom: (height - t.f) / t.d,
    scale: t.a / (window.devicePixelRatio || 1),
    pixel: 1 / t.a,
  };
}

function start() {
  const data = window.glosstermGraph;
  const container = document.getElementById("glossterm-graph");
  const canvasBox = container && container.querySelector(".gt-graph-canvas");
  if (!data || !container || !(canvasBox instanceof HTMLElement)) return;
  const root = new URL(container.dataset.contentRoot || "./", location.href);

  // Positions come from the build (layout.py): no force runs in the page.
  /** @type {GraphNode[]} */
  const nodes = data.nodes.map(([id, title, url, x, y], index) => ({
    id, title, url, x, y, fx: x, fy: y, index, size: 2,
  }));
  const count = nodes.length;
  // Edges as flat index pairs, neighbours in compressed rows (offsets into one
  // array): a few typed arrays instead of tens of thousands of small objects.
  const ends = new Int32Array(data.edges.length * 2);
  const degree = new Int32Array(count + 1);
  data.edges.forEach(([a, b], number) => {
    ends[2 * number] = a;
    ends[2 * number + 1] = b;
    degree[a]++;
    degree[b]++;
  });
  const offsets = new Int32Array(count + 1);
  for (let n = 0; n < count; n++) offsets[n + 1] = offsets[n] + degree[n];
  const adjacent = new Int32Array(offsets[count]);
  const filled = offsets.slice(0, count);
  for (let e = 0; e < ends.length; e += 2) {
    adjacent[filled[ends[e]]++] = ends[e + 1];
    adjacent[filled[ends[e + 1]]++] = ends[e];
  }
  for (const node of nodes) node.size = 2.5 + Math.sqrt(degree[node.index]);
  const byId = new Map(nodes.map((node) => [node.id, node]));

  let colours = palette();
  /** @type {GraphNode | null} */
  let hovered = null;
  /** @type {GraphNode | null} */
  let selected = null;
  /** Nodes lit by the highlighted neighbourhood (1), for the node in focus. */
  const lit = new Uint8Array(count);
  /** @type {GraphNode | null} */
  let litFor = null;
  /** @type {View | null} */
  let view = null;
  let fitted = false;
  let painted = false;
  /** Whether a pan or zoom is under way. */
  let moving = false;
  /** Edges per frame: FRAME_EDGES, fewer where frames are slow. */
  let frameEdges = FRAME_EDGES;
  /** Frames force-graph asked for, to stop filling in a picture it has wiped. */
  let frame = 0;
  let complete = false;

  /** The node whose neighbourhood is highlighted. */
  const focus = () => hovered || selected;

  /** @param {GraphNode | null} node */
  const light = (node) => {
    if (node === litFor) return;
    lit.fill(0);
    if (node) {
      lit[node.index] = 1;
      for (let i = offsets[node.index]; i < offsets[node.index + 1]; i++) lit[adjacent[i]] = 1;
    }
    litFor = node;
  };

  /** @param {GraphNode} node */
  const open = (node) => {
    location.href = new URL(node.url, root).href;
  };

  /** A dot's radius at zoom ``scale``. @param {GraphNode} node @param {number} scale */
  const radius = (node, scale) => Math.min(node.size, MAX_RADIUS / scale);

  /** @param {GraphNode} node @param {View} v @param {number} margin */
  const inView = (node, v, margin) =>
    node.x + margin >= v.left && node.x - margin <= v.right
    && node.y + margin >= v.top && node.y - margin <= v.bottom;

  /**
   * The edges of the nodes in view as hairlines (one device pixel: the
   * rasteriser's cheap path), in batches; the highlighted node's edges on top,
   * wider.  Edges that only cross the view are left out: zoomed in, thousands
   * of them would cost the rasteriser more than everything else.  Draws every
   * ``stride``-th edge from number ``phase`` on.
   * @param {CanvasRenderingContext2D} context @param {View} v @param {GraphNode | null} f
   * @param {number} phase @param {number} stride
   */
  function drawEdges(context, v, f, phase, stride) {
    context.lineWidth = v.pixel;
    context.strokeStyle = colours.edge;
    context.globalAlpha = f ? 0.18 : 1;
    let batch = 0;
    context.beginPath();
    for (let e = 2 * phase; e < ends.length; e += 2 * stride) {
      const a = nodes[ends[e]];
      const b = nodes[ends[e + 1]];
      if (!inView(a, v, 0) && !inView(b, v, 0)) continue;
      context.moveTo(a.x, a.y);
      context.lineTo(b.x, b.y);
      if (++batch === BATCH) {
        context.stroke();
        context.beginPath();
        batch = 0;
      }
    }
    context.stroke();
    context.globalAlpha = 1;
    if (!f || phase > 0) return;
    context.lineWidth = 1.6 / v.scale;
    context.strokeStyle = colours.node;
    context.beginPath();
    for (let i = offsets[f.index]; i < offsets[f.index + 1]; i++) {
      const other = nodes[adjacent[i]];
      context.moveTo(f.x, f.y);
      context.lineTo(other.x, other.y);
    }
    context.stroke();
  }

  /**
   * The dots in view, batched by colour; names when zoomed in, for hubs and for
   * the highlighted neighbourhood.  Returns how many dots were drawn.
   * @param {CanvasRenderingContext2D} context @param {View} v @param {GraphNode | null} f
   */
  function drawNodes(context, v, f) {
    let drawn = 0;
    // Pass 0: every dot (dimmed when a node is in focus); pass 1: the lit ones.
    for (let pass = 0; pass < (f ? 2 : 1); pass++) {
      context.globalAlpha = f && pass === 0 ? 0.18 : 1;
      context.fillStyle = colours.node;
      let batch = 0;
      context.beginPath();
      for (const node of nodes) {
        if ((f && lit[node.index] !== pass) || !inView(node, v, node.size)) continue;
        const r = radius(node, v.scale);
        context.moveTo(node.x + r, node.y);
        context.arc(node.x, node.y, r, 0, 2 * Math.PI);
        drawn++;
        if (++batch === BATCH) {
          context.fill();
          context.beginPath();
          batch = 0;
        }
      }
      context.fill();
    }
    context.globalAlpha = 1;
    if (f) {
      context.fillStyle = colours.text;
      context.beginPath();
      context.arc(f.x, f.y, radius(f, v.scale), 0, 2 * Math.PI);
      context.fill();
    }
    const size = Math.min(Math.max(11 / v.scale, 1.5), MAX_NAME / v.scale);
    const font = `${size}px system-ui, sans-serif`;
    context.font = font;
    context.textAlign = "center";
    context.textBaseline = "top";
    context.fillStyle = colours.text;
    const all = v.scale > LABEL_SCALE;
    for (const node of nodes) {
      const named = all || (f ? lit[node.index] === 1 : degree[node.index] * v.scale > 30);
      if (!named || node === f || !inView(node, v, node.size + 40 * size)) continue;
      context.fillText(node.title, node.x, node.y + radius(node, v.scale) + 1);
    }
    if (f) {
      context.font = `bold ${font}`;
      context.fillText(f.title, f.x, f.y + radius(f, v.scale) + 1);
    }
    return drawn;
  }

  /** Time the frame just drawn (to the next animation frame) and adapt the sample. */
  const timeFrame = () => {
    const begun = performance.now();
    requestAnimationFrame(() => {
      const cost = performance.now() - begun;
      if (cost > SLOW_FRAME) frameEdges = Math.max(MIN_FRAME_EDGES, frameEdges / 2);
      else if (cost < SLOW_FRAME / 2) frameEdges = Math.min(FRAME_EDGES, frameEdges * 1.5);
    });
  };

  /** The view's picture is complete; the benchmark times the page up to the first. */
  const completed = () => {
    if (complete || !painted) return;
    complete = true;
    performance.mark("glossterm-graph-complete");
  };

  /**
   * The other edges of a resting view, one sample per animation frame, drawn
   * under the picture; stopped when force-graph draws a new one.
   * @param {CanvasRenderingContext2D} context @param {View} v @param {GraphNode | null} f
   * @param {number} stride
   */
  function fillIn(context, v, f, stride) {
    const at = frame;
    let phase = 1;
    const step = () => {
      const now = viewOf(context);
      if (frame !== at || moving || now.left !== v.left || now.top !== v.top
        || now.scale !== v.scale) return;
      timeFrame();
      context.save();
      context.globalCompositeOperation = "destination-over";
      drawEdges(context, v, f, phase, stride);
      context.restore();
      if (++phase < stride) requestAnimationFrame(step);
      else completed();
    };
    requestAnimationFrame(step);
  }

  // force-graph keeps the zoom, the pointer and the hit test (its hidden canvas
  // of node colours); the page draws the picture itself in one pass per frame.
  // It is given no links: it would draw and index each one on its own.
  const skip = () => {};
  const graph = new ForceGraph(canvasBox)
    .width(canvasBox.clientWidth)
    .height(canvasBox.clientHeight)
    .graphData({ nodes, links: [] })
    .nodeId("id")
    .nodeLabel("")
    .enableNodeDrag(false)
    .warmupTicks(0)
    .cooldownTicks(0)
    .d3Force("charge", null)
    .d3Force("center", null)
    .d3Force("link", null)
    .nodeCanvasObjectMode(() => "replace")
    .nodeCanvasObject(skip)
    .nodePointerAreaPaint((object, colour, context, scale) => {
      const node = /** @type {GraphNode} */ (object);
      context.fillStyle = colour;
      context.beginPath();
      context.arc(node.x, node.y, radius(node, scale) + 2 / scale, 0, 2 * Math.PI);
      context.fill();
    })
    .onRenderFramePost((context) => {
      // The next animation frame comes once this one is painted (and, without
      // a GPU, rasterised): the time to it is what this frame cost.
      frame++;
      timeFrame();
      const f = focus();
      light(f);
      view = viewOf(context);
      const stride = Math.max(1, Math.ceil(ends.length / 2 / frameEdges));
      drawEdges(context, view, f, 0, stride);
      container.dataset.drawn = String(drawNodes(context, view, f));
      // The first frame at its first view (the whole graph, or the node the
      // address names); benchmarks/graph_frame.py times the page up to here.
      if (fitted && !painted) {
        painted = true;
        performance.mark("glossterm-graph-first-frame");
      }
      if (moving) return;
      if (stride > 1) fillIn(context, view, f, stride);
      else completed();
    })
    .onNodeHover((object) => {
      hovered = /** @type {GraphNode | null} */ (object);
      canvasBox.style.cursor = hovered ? "pointer" : "";
      canvasBox.title = hovered ? hovered.title : "";
      redraw();
    })
    .onZoom(() => {
      moving = true;
    })
    .onZoomEnd(() => {
      moving = false;
      redraw();
    })
    .onNodeClick((object) => open(/** @type {GraphNode} */ (object)))
    .onBackgroundClick(() => {
      selected = null;
      redraw();
    });

  /** Draw again on the next frame (setting a drawing property asks force-graph to). */
  function redraw() {
    graph.nodeCanvasObject(skip);
  }

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
  // The names as suggestions, added when the box is first used, not before
  // the first frame.
  const suggest = () => {
    if (!list || list.childElementCount) return;
    const collator = new Intl.Collator(document.documentElement.lang || undefined);
    const options = [...nodes].sort((a, b) => collator.compare(a.title, b.title));
    list.replaceChildren(...options.map((node) => {
      const option = document.createElement("option");
      option.value = node.title;
      return option;
    }));
  };

  /**
   * Centre the graph on ``node`` and highlight its neighbours.
   * @param {GraphNode} node
   * @param {number} duration
   */
  function select(node, duration) {
    selected = node;
    redraw();
    graph.centerAt(node.x, node.y, duration);
    graph.zoom(Math.max(graph.zoom(), 2.5), duration);
    openLink.href = new URL(node.url, root).href;
    openLink.textContent = node.title;
    if (form && !openLink.isConnected) form.append(openLink);
  }

  if (form && input instanceof HTMLInputElement) {
    input.addEventListener("focus", suggest, { once: true });
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
    redraw();
  });

  window.glosstermGraphView = {
    count,
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
