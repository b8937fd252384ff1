// @ts-check
/**
 * The whole-glossary graph page: every entry a node, every link an edge,
 * drawn on a canvas by force-graph at positions computed at build time
 * (sphinx_glossterm/html/layout.py), so nothing is simulated before the first
 * frame.  Groups of closely linked entries (html/graph_page.py, Louvain) are
 * coloured and named in a legend; dots grow with their links; names are drawn
 * where they fit, most linked first, never over each other.  Pan, zoom, click
 * a node to open its entry, find a node by name (the view flies to it and its
 * preview opens), hover or select one to light up its neighbours, show one
 * group or section type only, move between linked entries with the arrow
 * keys; the selected entry's neighbours are listed as links below the
 * picture.  Without JavaScript the page keeps the graph as lists of links.
 */
import ForceGraph from "force-graph";

/**
 * @typedef {{ id: string, title: string, url: string, x: number, y: number, fx: number, fy: number,
 *   index: number, size: number, group: number, types: number }} GraphNode
 * @typedef {{ x: number, y: number, width: number, height: number, title: string }} LabelBox
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
const MIN_NAME = 11;
// Names are placed on a grid of cells this many CSS pixels wide, to find
// overlaps quickly; at most MAX_LABELS per frame.
const LABEL_CELL = 64;
const MAX_LABELS = 400;
// A node is named when its dot is at least this large on screen (or it is lit,
// or the view is zoomed in past LABEL_SCALE) and its name fits.
const NAMED_RADIUS = 4;
// Colours of the groups: --gt-graph-0 … --gt-graph-9 in glossterm-theme.css,
// the last for small groups and the rest.
const GROUP_COLOURS = 10;

/** Colours from the theme's custom properties. */
function palette() {
  const style = getComputedStyle(document.documentElement);
  /** @param {string} name @param {string} fallback */
  const read = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  const groups = [];
  for (let n = 0; n < GROUP_COLOURS; n++) groups.push(read(`--gt-graph-${n}`, "#6b7280"));
  return {
    node: read("--glossterm-accent", "#1d4ed8"),
    text: read("--glossterm-text", "#1b1f24"),
    edge: read("--glossterm-border", "#c7ccd4"),
    muted: read("--glossterm-muted", "#4f5863"),
    surface: read("--glossterm-surface", "#f5f6f8"),
    groups,
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
  const nodes = data.nodes.map(([id, title, url, x, y, group, types], index) => ({
    id, title, url, x, y, fx: x, fy: y, index, size: 2,
    group: Math.min(group || 0, GROUP_COLOURS - 1), types: types || 0,
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
  // Most linked first: the order in which names claim their place.
  const byImportance = nodes.map((node) => node.index)
    .sort((a, b) => degree[b] - degree[a] || (nodes[a].title < nodes[b].title ? -1 : 1));
  /** Node indices per colour, so each colour is one fill. @type {number[][]} */
  const byColour = Array.from({ length: GROUP_COLOURS }, () => []);
  for (const node of nodes) byColour[node.group].push(node.index);
  /** Whether each node passes the filter (1), all of them while none is chosen. */
  const passes = new Uint8Array(count).fill(1);
  let filtered = false;
  /** Name widths at a 100 px font, measured when first needed. */
  const nameWidth = new Float32Array(count).fill(-1);
  const measurer = document.createElement("canvas").getContext("2d");
  // Set once: a canvas parses the font string on every assignment.
  if (measurer) measurer.font = "100px system-ui, sans-serif";
  /** The names drawn in the last frame, in CSS pixels of the canvas. @type {LabelBox[]} */
  let labelBoxes = [];
  /** Whether the reader has moved the view (then a resize no longer refits it). */
  let userMoved = false;

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
    context.globalAlpha = f || filtered ? 0.18 : 1;
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
   * The dots in view, one fill per colour and pass: dimmed first (outside the
   * lit neighbourhood, or the filter), then the others.  Returns how many dots
   * were drawn.
   * @param {CanvasRenderingContext2D} context @param {View} v @param {GraphNode | null} f
   */
  function drawNodes(context, v, f) {
    let drawn = 0;
    const dimming = Boolean(f) || filtered;
    for (let pass = dimming ? 0 : 1; pass < 2; pass++) {
      context.globalAlpha = pass === 0 ? 0.16 : 1;
      for (let colour = 0; colour < GROUP_COLOURS; colour++) {
        context.fillStyle = colours.groups[colour];
        let batch = 0;
        context.beginPath();
        for (const index of byColour[colour]) {
          const node = nodes[index];
          const bright = f ? lit[index] === 1 : passes[index] === 1;
          if ((bright ? 1 : 0) !== pass || !inView(node, v, node.size)) continue;
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
    }
    context.globalAlpha = 1;
    if (f) {
      context.fillStyle = colours.text;
      context.beginPath();
      context.arc(f.x, f.y, radius(f, v.scale), 0, 2 * Math.PI);
      context.fill();
    }
    drawLabels(context, v, f);
    return drawn;
  }

  /**
   * Names where they fit: the node in focus, its neighbours, then every node
   * by its number of links, each below its dot unless its box would overlap a
   * name already placed.  Drawn in screen pixels with a halo of the
   * background's colour, so a name stays legible over dots and edges.
   * @param {CanvasRenderingContext2D} context @param {View} v @param {GraphNode | null} f
   */
  function drawLabels(context, v, f) {
    const t = context.getTransform();
    const ratio = window.devicePixelRatio || 1;
    const width = context.canvas.width / ratio;
    const height = context.canvas.height / ratio;
    const size = Math.min(Math.max(MIN_NAME, 1.5 * v.scale), MAX_NAME);
    const all = v.scale > LABEL_SCALE;
    /** @type {Map<number, LabelBox[]>} */
    const grid = new Map();
    /** @type {LabelBox[]} */
    const placed = [];
    /** @param {LabelBox} box */
    const cells = (box) => {
      const keys = [];
      for (let gx = Math.floor(box.x / LABEL_CELL); gx <= Math.floor((box.x + box.width) / LABEL_CELL); gx++) {
        for (let gy = Math.floor(box.y / LABEL_CELL); gy <= Math.floor((box.y + box.height) / LABEL_CELL); gy++) {
          keys.push(gx * 100003 + gy);
        }
      }
      return keys;
    };
    /** @param {GraphNode} node @param {boolean} bold */
    const tryPlace = (node, bold) => {
      if (placed.length >= MAX_LABELS) return;
      const sx = (node.x * t.a + t.e) / ratio;
      const sy = (node.y * t.d + t.f) / ratio;
      const r = radius(node, v.scale) * v.scale;
      if (sx < -200 || sx > width + 200 || sy < -40 || sy > height) return;
      if (nameWidth[node.index] < 0 && measurer) {
        nameWidth[node.index] = measurer.measureText(node.title).width;
      }
      const w = (nameWidth[node.index] * size) / 100 * (bold ? 1.08 : 1) + 4;
      const box = { x: sx - w / 2, y: sy + r + 1, width: w, height: size * 1.25, title: node.title };
      if (box.x < 0 || box.x + box.width > width || box.y + box.height > height) return;
      const keys = cells(box);
      for (const key of keys) {
        for (const other of grid.get(key) || []) {
          if (box.x < other.x + other.width && other.x < box.x + box.width
            && box.y < other.y + other.height && other.y < box.y + box.height) return;
        }
      }
      for (const key of keys) {
        const list = grid.get(key);
        if (list) list.push(box);
        else grid.set(key, [box]);
      }
      placed.push(box);
    };
    if (f) {
      tryPlace(f, true);
      for (let i = offsets[f.index]; i < offsets[f.index + 1]; i++) tryPlace(nodes[adjacent[i]], false);
    }
    for (const index of byImportance) {
      if (placed.length >= MAX_LABELS) break;
      const node = nodes[index];
      if (node === f) continue;
      // With a node in focus its neighbours came first; the others only zoomed in.
      if (f ? lit[index] === 1 || !all : passes[index] === 0) continue;
      if (!all && radius(node, v.scale) * v.scale < NAMED_RADIUS) continue;
      if (!inView(node, v, node.size)) continue;
      tryPlace(node, false);
    }
    context.save();
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.textAlign = "center";
    context.textBaseline = "top";
    context.lineJoin = "round";
    context.lineWidth = 3;
    context.strokeStyle = colours.surface;
    context.fillStyle = colours.text;
    let font = "";
    placed.forEach((box, number) => {
      const bold = f !== null && number === 0 && box.title === f.title;
      const wanted = `${bold ? "bold " : ""}${size}px system-ui, sans-serif`;
      if (wanted !== font) context.font = font = wanted;
      const x = box.x + box.width / 2;
      context.strokeText(box.title, x, box.y + 1);
      context.fillText(box.title, x, box.y + 1);
    });
    context.restore();
    labelBoxes = placed;
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
      select(null, 0);
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

  const list = container.querySelector("datalist");
  const input = container.querySelector("input[type=search]");
  const form = container.querySelector("form.gt-graph-search");
  const filter = container.querySelector("select.gt-graph-filter");
  const legend = container.querySelector(".gt-graph-legend");
  const details = container.querySelector(".gt-graph-details");
  const text = {
    neighbours: container.dataset.wordsNeighbours || "{title}",
    group: container.dataset.wordsGroup || "{number}: {names}",
    section: container.dataset.wordsSection || "{title}",
  };
  // Added on the first selection: a link without a target is no link.  A term
  // link, so glossterm-core.js shows its preview.
  const openLink = document.createElement("a");
  openLink.className = "gt-graph-open glossterm-link";
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

  /** @param {string} template @param {Record<string, string>} values */
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");

  /** The groups in the legend: a swatch of each colour and the group's central entries. */
  const groupName = (/** @type {number} */ number) => {
    const group = data.groups[number];
    return fill(text.group, { number: String(number + 1), names: group ? group[0].join(", ") : "" });
  };
  if (legend) {
    const items = data.groups.map((group, number) => {
      const item = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = `gt-graph-swatch gt-graph-swatch-${Math.min(number, GROUP_COLOURS - 1)}`;
      swatch.setAttribute("aria-hidden", "true");
      item.append(swatch, `${groupName(number)} (${group[1]})`);
      return item;
    });
    legend.replaceChildren(...items);
  }

  if (filter instanceof HTMLSelectElement) {
    /** @type {HTMLOptionElement[]} */
    const options = [];
    data.groups.forEach((_, number) => options.push(new Option(groupName(number), `group:${number}`)));
    data.types.forEach(([, label], bit) => {
      options.push(new Option(fill(text.section, { title: label }), `type:${bit}`));
    });
    filter.append(...options);
    filter.addEventListener("change", () => {
      const [kind, value] = filter.value.split(":");
      const number = Number(value);
      filtered = kind === "group" || kind === "type";
      for (const node of nodes) {
        const match = kind === "group" ? node.group === number : (node.types & (1 << number)) !== 0;
        passes[node.index] = !filtered || match ? 1 : 0;
      }
      redraw();
    });
  }

  /**
   * The text alternative: the selected entry and its neighbours as links.
   * @param {GraphNode | null} node
   */
  function describe(node) {
    if (!details) return;
    if (!node) {
      details.replaceChildren();
      return;
    }
    const heading = document.createElement("h2");
    heading.textContent = fill(text.neighbours, { title: node.title });
    const items = [];
    const seen = new Set();
    for (let i = offsets[node.index]; i < offsets[node.index + 1]; i++) {
      const other = nodes[adjacent[i]];
      if (other === node || seen.has(other)) continue;
      seen.add(other);
      items.push(other);
    }
    const collator = new Intl.Collator(document.documentElement.lang || undefined);
    items.sort((a, b) => collator.compare(a.title, b.title));
    const listing = document.createElement("ul");
    listing.replaceChildren(...items.map((other) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.className = "glossterm-link";
      link.href = new URL(other.url, root).href;
      link.textContent = other.title;
      item.append(link);
      return item;
    }));
    details.replaceChildren(heading, listing);
  }

  /**
   * Select ``node`` (or nothing): light up its neighbours, list them, and fly
   * to it: centre first, then zoom in about the centre (force-graph's two
   * transitions would cancel each other if run together).
   * @param {GraphNode | null} node
   * @param {number} duration
   */
  function select(node, duration) {
    selected = node;
    redraw();
    describe(node);
    if (!node) return;
    graph.centerAt(node.x, node.y, duration);
    const zoomIn = () => {
      graph.zoom(Math.max(graph.zoom(), 2.5), duration);
      if (!duration) graph.centerAt(node.x, node.y, 0);
    };
    if (duration) window.setTimeout(zoomIn, duration);
    else zoomIn();
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
    /** Fly to the term found and open its preview once the view is there. */
    const go = () => {
      const node = find();
      if (!node || node === selected) return;
      userMoved = true;
      // On a phone the picture starts below the search box: bring it on screen too.
      const box = canvasBox.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) {
        canvasBox.scrollIntoView({ block: box.height > window.innerHeight ? "start" : "center" });
      }
      select(node, 500);
      window.setTimeout(() => {
        if (selected === node && window.glosstermShowPreview) window.glosstermShowPreview(openLink);
      }, 1000);
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      go();
    });
    input.addEventListener("change", go);
  }

  // Keyboard: the arrows move to the linked entry in their direction, Enter
  // opens the selected entry, Escape clears, + and - zoom.
  canvasBox.addEventListener("keydown", (event) => {
    const directions = /** @type {Record<string, [number, number]>} */ ({
      ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1],
    });
    const direction = directions[event.key];
    if (direction) {
      event.preventDefault();
      userMoved = true;
      if (!selected) {
        const first = byImportance.map((index) => nodes[index]).find((node) => passes[node.index]);
        if (first) select(first, 300);
        return;
      }
      let best = null;
      let bestScore = 0.35;
      for (let i = offsets[selected.index]; i < offsets[selected.index + 1]; i++) {
        const other = nodes[adjacent[i]];
        const dx = other.x - selected.x;
        const dy = other.y - selected.y;
        const length = Math.hypot(dx, dy) || 1;
        const score = (dx * direction[0] + dy * direction[1]) / length;
        if (score > bestScore + 1e-9) {
          best = other;
          bestScore = score;
        }
      }
      if (best) select(best, 300);
    } else if (event.key === "Enter" && selected) {
      open(selected);
    } else if (event.key === "Escape" && selected) {
      select(null, 0);
    } else if (event.key === "+" || event.key === "=" || event.key === "-") {
      userMoved = true;
      graph.zoom(graph.zoom() * (event.key === "-" ? 1 / 1.5 : 1.5), 200);
    }
  });
  for (const kind of ["pointerdown", "wheel", "touchstart"]) {
    canvasBox.addEventListener(kind, () => {
      userMoved = true;
    }, { passive: true });
  }

  // Until the reader moves it, the view follows the canvas's size: the first
  // measure may come before the page's layout settles (on a phone, off centre).
  new ResizeObserver(() => {
    graph.width(canvasBox.clientWidth).height(canvasBox.clientHeight);
    if (!fitted || userMoved) return;
    if (selected) graph.centerAt(selected.x, selected.y, 0);
    else graph.zoomToFit(0, 24);
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
    labelBoxes: () => labelBoxes.map((box) => ({ ...box })),
    labelColours: () => ({ text: colours.text, halo: colours.surface }),
    selected: () => (selected ? selected.id : null),
  };
}

// The page runs this script right after the graph's markup, before the long
// lists of links below it are parsed: start at once when the markup is there.
if (document.readyState !== "loading" || document.getElementById("glossterm-graph")) start();
else document.addEventListener("DOMContentLoaded", start);
