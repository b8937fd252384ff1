// @ts-check
/**
 * sphinx_glossterm in the browser, under any HTML theme:
 * - previews of term links (hover, keyboard focus, first tap on touch screens),
 *   from the data files the build writes to _static/glossterm-previews/;
 * - a filter box above the A–Z index that narrows the list as one types.
 * Data only ever reaches the page through textContent, never as HTML.
 */

const BUCKETS = 64; // sphinx_glossterm/previews.py: BUCKETS
const SHOW_DELAY = 250;
const HIDE_DELAY = 250;

/** @type {Record<string, Record<string, string>>} */
const WORDS = {
  en: { filter: "Filter the entries", count: "{shown} of {total} entries", none: "No entry matches." },
  de: { filter: "Einträge filtern", count: "{shown} von {total} Einträgen", none: "Kein Eintrag passt." },
};

/** The UI words in the page's language. */
function words() {
  const code = (document.documentElement.lang || "en").slice(0, 2).toLowerCase();
  return WORDS[code] || WORDS.en;
}

const current = /** @type {HTMLScriptElement | null} */ (document.currentScript);
const staticUrl = new URL(".", current ? current.src : location.href);
const rootUrl = new URL("../", staticUrl);

/**
 * FNV-1a over UTF-16 code units, as sphinx_glossterm.previews.fnv1a.
 * @param {string} text
 */
export function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The href of an HTML or SVG link, resolved.
 * @param {Element} link
 */
function hrefOf(link) {
  if (link instanceof HTMLAnchorElement) return link.href;
  const raw = link.getAttribute("href") || link.getAttribute("xlink:href") || "";
  return new URL(raw, document.baseURI).href;
}

/**
 * The preview key of a link: its URL relative to the site's root, decoded, with the anchor.
 * @param {Element} link
 */
function keyOf(link) {
  const url = new URL(hrefOf(link));
  if (url.origin !== rootUrl.origin || !url.pathname.startsWith(rootUrl.pathname)) return null;
  try {
    return decodeURIComponent(url.pathname.slice(rootUrl.pathname.length)) + "#" + decodeURIComponent(url.hash.slice(1));
  } catch {
    return null;
  }
}

/** @type {Map<string, [string, string, string]>} */
const previews = new Map();
/** @type {Map<number, Promise<void>>} */
const loading = new Map();
/** @type {Map<number, () => void>} */
const waiting = new Map();

window.glosstermPreviewChunk = (bucket, data) => {
  for (const [key, value] of Object.entries(data)) previews.set(key, value);
  const done = waiting.get(bucket);
  if (done) done();
};

/**
 * Load the data file of one bucket (once); resolves when it ran or failed.
 * @param {number} bucket
 */
function loadBucket(bucket) {
  let promise = loading.get(bucket);
  if (!promise) {
    promise = new Promise((resolve) => {
      waiting.set(bucket, resolve);
      const script = document.createElement("script");
      script.src = new URL(`glossterm-previews/${String(bucket).padStart(2, "0")}.js`, staticUrl).href;
      script.async = true;
      script.onerror = () => resolve();
      document.head.append(script);
    });
    loading.set(bucket, promise);
  }
  return promise;
}

/**
 * The preview of the link's target, loading its data file first.
 * @param {string} key
 */
async function previewOf(key) {
  if (!previews.has(key)) await loadBucket(fnv1a(key) % BUCKETS);
  return previews.get(key) || null;
}

/** @type {HTMLDivElement | null} */
let box = null;
/** @type {Element | null} */
let shownFor = null;
let showTimer = 0;
let hideTimer = 0;
let lastPointer = "mouse";

function ensureBox() {
  if (!box) {
    box = document.createElement("div");
    box.className = "glossterm-preview";
    box.id = "glossterm-preview";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    box.addEventListener("pointerenter", () => window.clearTimeout(hideTimer));
    box.addEventListener("pointerleave", () => scheduleHide());
    document.body.append(box);
  }
  return box;
}

/**
 * Show the preview of ``link``.
 * @param {Element} link
 */
async function show(link) {
  const key = keyOf(link);
  if (!key) return;
  const data = await previewOf(key);
  if (!data) return;
  const [title, tagline, summary] = data;
  const element = ensureBox();
  const heading = document.createElement("a");
  heading.className = "glossterm-preview-title";
  heading.href = hrefOf(link);
  heading.textContent = title;
  heading.tabIndex = -1;
  const parts = [heading];
  if (tagline) {
    const p = document.createElement("p");
    p.className = "glossterm-preview-tagline";
    p.textContent = tagline;
    parts.push(/** @type {any} */ (p));
  }
  if (summary) {
    const p = document.createElement("p");
    p.className = "glossterm-preview-summary";
    p.textContent = summary;
    parts.push(/** @type {any} */ (p));
  }
  element.replaceChildren(...parts);
  element.hidden = false;
  if (shownFor && shownFor !== link) shownFor.removeAttribute("aria-describedby");
  shownFor = link;
  link.setAttribute("aria-describedby", element.id);
  place(element, link);
}

/**
 * Put the preview below the link, or above it when there is no room below.
 * @param {HTMLElement} element
 * @param {Element} link
 */
function place(element, link) {
  const rect = link.getBoundingClientRect();
  const width = element.offsetWidth;
  const height = element.offsetHeight;
  const viewport = document.documentElement.clientWidth;
  let left = Math.min(rect.left, viewport - width - 8);
  left = Math.max(8, left);
  let top = rect.bottom + 6;
  if (top + height > window.innerHeight && rect.top - height - 6 > 0) top = rect.top - height - 6;
  element.style.left = `${left + window.scrollX}px`;
  element.style.top = `${top + window.scrollY}px`;
}

function hide() {
  window.clearTimeout(showTimer);
  if (box) box.hidden = true;
  if (shownFor) shownFor.removeAttribute("aria-describedby");
  shownFor = null;
}

function scheduleHide() {
  window.clearTimeout(hideTimer);
  hideTimer = window.setTimeout(hide, HIDE_DELAY);
}

/**
 * The term link an event is about, if any (not the links inside the preview).
 * @param {Event} event
 */
function termLink(event) {
  const target = event.target;
  if (!(target instanceof Element)) return null;
  const link = target.closest("a.glossterm-link");
  if (!link || (box && box.contains(link))) return null;
  return link;
}

/** Move the tagline out of ``title`` so the browser's tooltip does not cover the preview. */
function quietTitles() {
  for (const link of document.querySelectorAll("a.glossterm-link[title]")) {
    const title = link.getAttribute("title") || "";
    link.setAttribute("data-glossterm-tagline", title);
    link.removeAttribute("title");
  }
}

function setUpPreviews() {
  quietTitles();
  window.glosstermShowPreview = (link) => {
    window.clearTimeout(hideTimer);
    show(link);
  };
  document.addEventListener("pointerdown", (event) => {
    lastPointer = event.pointerType || "mouse";
  }, true);
  document.addEventListener("pointerover", (event) => {
    if (/** @type {PointerEvent} */ (event).pointerType === "touch") return;
    const link = termLink(event);
    if (!link) return;
    window.clearTimeout(hideTimer);
    window.clearTimeout(showTimer);
    if (link === shownFor) return;
    showTimer = window.setTimeout(() => show(link), SHOW_DELAY);
  });
  document.addEventListener("pointerout", (event) => {
    if (termLink(event)) {
      window.clearTimeout(showTimer);
      scheduleHide();
    }
  });
  document.addEventListener("focusin", (event) => {
    const link = termLink(event);
    if (link) {
      window.clearTimeout(hideTimer);
      show(link);
    }
  });
  document.addEventListener("focusout", (event) => {
    if (termLink(event)) scheduleHide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && box && !box.hidden) {
      hide();
    }
  });
  // Touch: the first tap on a link shows its preview, the second follows it.
  document.addEventListener("click", (event) => {
    const link = termLink(event);
    if (!link || lastPointer !== "touch" || link === shownFor) return;
    const key = keyOf(link);
    if (!key) return;
    event.preventDefault();
    show(link);
  });
  document.addEventListener("scroll", () => {
    if (shownFor && box && !box.hidden) place(box, shownFor);
  }, { passive: true });
}

/**
 * Text as the filter compares it: no diacritics, ß as ss, case folded (as collation.py).
 * @param {string} text
 */
function fold(text) {
  return text
    .replace(/ß/g, "ss").replace(/ẞ/g, "SS").replace(/æ/g, "ae").replace(/œ/g, "oe")
    .normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/**
 * Add a filter box to one A–Z index.
 * @param {Element} index
 * @param {number} number
 */
function setUpFilter(index, number) {
  const text = words();
  const groups = [...index.querySelectorAll(".glossterm-letter-group")];
  /** @type {[HTMLElement, string][]} */
  const rows = [];
  for (const item of index.querySelectorAll("ul.glossterm-index-list > li")) {
    rows.push([/** @type {HTMLElement} */ (item), fold(item.textContent || "")]);
  }
  const form = document.createElement("div");
  form.className = "glossterm-filter";
  form.setAttribute("role", "search");
  const label = document.createElement("label");
  const input = document.createElement("input");
  input.type = "search";
  input.id = `glossterm-filter-${number}`;
  input.autocomplete = "off";
  input.spellcheck = false;
  label.htmlFor = input.id;
  label.textContent = text.filter;
  const count = document.createElement("span");
  count.className = "glossterm-filter-count";
  count.setAttribute("aria-live", "polite");
  form.append(label, input, count);
  index.prepend(form);
  const bar = index.querySelector(".glossterm-letter-bar");
  const total = rows.length;

  function apply() {
    const query = fold(input.value.trim());
    let shown = 0;
    for (const [item, folded] of rows) {
      const match = !query || folded.includes(query);
      item.hidden = !match;
      if (match) shown++;
    }
    for (const group of groups) {
      const any = group.querySelector("li:not([hidden])");
      /** @type {HTMLElement} */ (group).hidden = !any;
      const heading = group.querySelector("[id]");
      if (bar && heading) {
        const link = bar.querySelector(`a[href="#${CSS.escape(heading.id)}"]`);
        if (link) {
          if (any) link.removeAttribute("aria-disabled");
          else link.setAttribute("aria-disabled", "true");
        }
      }
    }
    count.textContent = query
      ? shown ? text.count.replace("{shown}", String(shown)).replace("{total}", String(total)) : text.none
      : "";
  }
  input.addEventListener("input", apply);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      input.value = "";
      apply();
    }
  });
}

/**
 * The entry a search result points at: the element of its anchor, or the page's
 * only entry.
 * @param {Document} page
 * @param {string} anchor  "" or "#id"
 * @returns {Element | null}
 */
function resultEntry(page, anchor) {
  if (anchor) {
    const target = page.getElementById(decodeURIComponent(anchor.slice(1)));
    return target && target.classList.contains("glossterm-entry") ? target : null;
  }
  const entries = page.querySelectorAll("section.glossterm-entry");
  return entries.length === 1 ? entries[0] : null;
}

/** Search results that lead to an entry show its tagline as their summary. */
function setUpSearchSummaries() {
  // Sphinx's searchtools.js declares `Search` on the search page only.
  if (typeof Search === "undefined" || typeof Search.makeSearchSummary !== "function") return;
  const sphinxSummary = Search.makeSearchSummary;
  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const page = new DOMParser().parseFromString(htmlText, "text/html");
    const entry = resultEntry(page, anchor);
    const tagline = entry && entry.querySelector(".glossterm-tagline");
    const text = tagline ? (tagline.textContent || "").trim() : "";
    if (!text) return sphinxSummary(htmlText, keywords, anchor);
    const summary = document.createElement("p");
    summary.classList.add("context", "glossterm-search-tagline");
    summary.textContent = text;
    return summary;
  };
}

/**
 * Sphinx's doctools.js picks a plural form with the catalogue's plural
 * expression, which for German is the boolean "(n != 1)": the lookup gives
 * undefined, and the search page stops with a TypeError when it reports how
 * many pages it found.  Index the forms with a number, and fall back to the
 * English text where the catalogue has none.
 */
function mendPluralForms() {
  if (typeof Documentation === "undefined" || typeof Documentation.ngettext !== "function") return;
  const ngettext = Documentation.ngettext;
  Documentation.ngettext = (singular, plural, n) => {
    const result = ngettext(singular, plural, n);
    if (typeof result === "string" && result) return result;
    const forms = Documentation.TRANSLATIONS ? Documentation.TRANSLATIONS[singular] : undefined;
    const form = Array.isArray(forms) ? forms[Number(Documentation.PLURAL_EXPR(n))] : undefined;
    return form || (n === 1 ? singular : plural);
  };
}

/**
 * A letter heading must land below the sticky letter bar, whose height
 * depends on how many rows its letters wrap to: the bar's height (with its
 * offset from the top) becomes --glossterm-sticky-height, which the headings'
 * scroll-margin-top uses.  A page opened at a letter's address was scrolled
 * before the height was known, so it is scrolled there again.
 * @param {Element} index
 */
function keepHeadingsClear(index) {
  const bar = index.querySelector(".glossterm-letter-bar");
  if (!(bar instanceof HTMLElement)) return;
  const measure = () => {
    const top = parseFloat(getComputedStyle(bar).top) || 0;
    const height = Math.ceil(bar.getBoundingClientRect().height + top);
    document.documentElement.style.setProperty("--glossterm-sticky-height", `${height}px`);
  };
  measure();
  new ResizeObserver(measure).observe(bar);
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (target && index.contains(target)) target.scrollIntoView();
}

function start() {
  mendPluralForms();
  setUpPreviews();
  setUpSearchSummaries();
  document.querySelectorAll(".glossterm-index").forEach(setUpFilter);
  document.querySelectorAll(".glossterm-index").forEach(keepHeadingsClear);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
