"""Benchmark the whole-glossary graph page: first frame and interaction in headless Chromium.

Builds a synthetic glossary of N entries (``generate.py``) once with the
glossterm theme, or takes the output folder of an existing build (``--html``),
serves it on 127.0.0.1 and opens ``glossterm-graph.html`` in Debian's Chromium
through Playwright, several times.  Per run it reads:

- ``first_frame_ms``: navigation start to the ``glossterm-graph-first-frame``
  mark, which js/src/graph.js sets once it has drawn the first frame at its
  first view (the whole graph); ``first_frame_shown_ms`` to the next task,
  once that frame is painted and committed (without a GPU, Chromium rasterises
  the canvas there); ``complete_ms`` to the ``glossterm-graph-complete``
  mark, once the edges left out of the first frame are drawn in;
- ``longest_task_load_ms``: the longest main-thread task (over 50 ms, the
  Long Tasks API) before that mark, and ``longest_task_after_ms`` the longest
  from the mark to the end of the run (an idle second and the interaction);
- ``frame_median_ms``, ``frame_p95_ms``, ``frame_max_ms``: intervals between
  animation frames while the mouse pans and zooms for about two seconds,
  first over the whole graph, then zoomed in where names are drawn.

It also reports the size of the data file and of the page's HTML (plain and
gzipped), and times :func:`sphinx_glossterm.html.layout.layout` alone on the same
nodes and edges, since every build runs it.

    python benchmarks/graph_frame.py --terms 3000 --runs 5 --json graph-3000.json
    python benchmarks/graph_frame.py --html /tmp/site/html   # an existing build
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from itertools import pairwise
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import build, make_project, theme_available  # noqa: E402

sys.path.insert(0, str(HERE.parent))
from tests.local_chromium import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

PAGE = "glossterm-graph.html"
DATA = "_static/glossterm-graph-data.js"
MARK = "glossterm-graph-first-frame"
COMPLETE = "glossterm-graph-complete"
VIEWPORT = {"width": 1280, "height": 800}

# Installed before any script of the page: long tasks and animation frames.
PROBE = """
window.__bench = { tasks: [], frames: null, shown: null };
// The task after the one that drew the first frame starts once that frame is
// painted and committed (where Chromium rasterises a canvas without a GPU).
const mark = performance.mark.bind(performance);
performance.mark = (name, options) => {
  const entry = mark(name, options);
  if (name === "glossterm-graph-first-frame") {
    setTimeout(() => { window.__bench.shown = performance.now(); });
  }
  return entry;
};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__bench.tasks.push([entry.startTime, entry.duration]);
  }
}).observe({ type: "longtask", buffered: true });
window.__benchFrames = (on) => {
  if (!on) { const frames = window.__bench.frames; window.__bench.frames = null; return frames; }
  const frames = window.__bench.frames = [];
  const tick = (now) => {
    if (window.__bench.frames !== frames) return;
    frames.push(now);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return true;
};
"""


def read_graph_data(html: Path) -> dict[str, Any]:
    """The nodes and edges that the build wrote for the page."""
    text = (html / DATA).read_text(encoding="utf-8")
    literal = text.strip().removeprefix("window.glosstermGraph=").removesuffix(";")
    return json.loads(literal)


def time_layout(data: dict[str, Any], repeats: int = 3) -> float:
    """Median seconds of the build-time layout on the nodes and edges of ``data``."""
    from sphinx_glossterm.html.layout import layout

    keys = [node[0] for node in data["nodes"]]
    pairs = [(keys[a], keys[b]) for a, b in data["edges"]]
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        layout(keys, pairs)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def sizes(html: Path) -> dict[str, float]:
    """Bytes of the data file and of the page, plain and gzipped, in KiB."""
    figures = {}
    for name, path in (("data", html / DATA), ("page", html / PAGE)):
        content = path.read_bytes()
        figures[f"{name}_kib"] = len(content) / 1024
        figures[f"{name}_gzip_kib"] = len(gzip.compress(content, 6)) / 1024
    return figures


def _drag(page: Any, x: float, y: float, dx: float, dy: float, steps: int) -> None:
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y + dy, steps=steps)
    page.mouse.up()


def _interact(page: Any, centre: tuple[float, float], seconds: float) -> list[float]:
    """Pan back and forth and zoom with the wheel for ``seconds``; the frame intervals."""
    x, y = centre
    page.evaluate("window.__benchFrames(true)")
    end = time.perf_counter() + seconds
    turn = 0
    while time.perf_counter() < end:
        sign = 1 if turn % 2 == 0 else -1
        _drag(page, x, y, 160 * sign, 90 * sign, steps=12)
        page.mouse.wheel(0, -120 * sign)
        turn += 1
    frames = page.evaluate("window.__benchFrames(false)")
    return [b - a for a, b in pairwise(frames)]


def measure_once(browser: Any, url: str, pixel_ratio: float = 1) -> dict[str, float]:
    """Open the graph page once: the first frame, long tasks and frame intervals."""
    context = browser.new_context(
        viewport=VIEWPORT, device_scale_factor=pixel_ratio, color_scheme="light"
    )
    try:
        page = context.new_page()
        page.add_init_script(PROBE)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url, wait_until="load", timeout=120_000)
        page.wait_for_function(
            f"performance.getEntriesByName('{MARK}').length > 0", timeout=120_000
        )
        first = page.evaluate(f"performance.getEntriesByName('{MARK}')[0].startTime")
        page.wait_for_function("window.__bench.shown !== null")
        shown = page.evaluate("window.__bench.shown")
        page.wait_for_function(f"performance.getEntriesByName('{COMPLETE}').length > 0")
        complete = page.evaluate(f"performance.getEntriesByName('{COMPLETE}')[0].startTime")
        nodes = page.evaluate("window.glosstermGraph.nodes.length")
        page.wait_for_timeout(1000)
        box = page.locator("#glossterm-graph .gt-graph-canvas").bounding_box()
        centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        overview = _interact(page, centre, 1.0)
        # Zoom in until names are drawn (the page shows names above scale 2.4).
        page.mouse.move(*centre)
        for _ in range(8):
            page.mouse.wheel(0, -300)
            page.wait_for_timeout(30)
        page.wait_for_timeout(300)
        close = _interact(page, centre, 1.0)
        tasks = page.evaluate("window.__bench.tasks")
        if errors:
            raise RuntimeError(f"errors on the page: {errors}")
    finally:
        context.close()
    before = [duration for start, duration in tasks if start < first]
    after = [duration for start, duration in tasks if start >= first]
    frames = overview + close
    return {
        "nodes": nodes,
        "first_frame_ms": first,
        "first_frame_shown_ms": shown,
        "complete_ms": complete,
        "longest_task_load_ms": max(before, default=0.0),
        "longest_task_after_ms": max(after, default=0.0),
        "long_tasks_after": len(after),
        "frame_median_ms": statistics.median(frames),
        "frame_p95_ms": _percentile(frames, 95),
        "frame_max_ms": max(frames),
        "frame_p95_overview_ms": _percentile(overview, 95),
        "frame_p95_zoomed_ms": _percentile(close, 95),
        "frames": len(frames),
    }


def _percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def measure_browser(
    html: Path, runs: int, pixel_ratio: float = 1
) -> tuple[dict[str, float], list[dict[str, float]]]:
    """``runs`` page loads in one browser; the medians and the single runs."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    rows = []
    with serve(html) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            measure_once(browser, base + PAGE, pixel_ratio)  # warm the server and the disk cache
            rows = [measure_once(browser, base + PAGE, pixel_ratio) for _ in range(runs)]
        finally:
            browser.close()
    medians = {key: statistics.median(row[key] for row in rows) for key in rows[0]}
    return medians, rows


def build_site(terms: int, workdir: Path) -> tuple[Path, float]:
    """Generate and build a glossary of ``terms`` entries; its output folder and build seconds."""
    if not theme_available():
        raise SystemExit("the glossterm theme is not installed: nothing to measure")
    generate(terms, workdir / "terms")
    srcdir = make_project(workdir / "terms", workdir, "glossterm")
    figures = build(srcdir, fresh=True)
    return srcdir.parent / "html", figures["seconds"]


LABELS = {
    "nodes": ("nodes", "{:.0f}"),
    "edges": ("edges", "{:.0f}"),
    "build_s": ("full build (s)", "{:.1f}"),
    "layout_s": ("layout.py alone (s)", "{:.2f}"),
    "first_frame_ms": ("first frame drawn (ms)", "{:.0f}"),
    "first_frame_shown_ms": ("  and committed (ms)", "{:.0f}"),
    "complete_ms": ("every edge drawn (ms)", "{:.0f}"),
    "longest_task_load_ms": ("longest task before it (ms)", "{:.0f}"),
    "longest_task_after_ms": ("longest task after it (ms)", "{:.0f}"),
    "long_tasks_after": ("long tasks after it", "{:.0f}"),
    "frame_median_ms": ("frame median, pan+zoom (ms)", "{:.1f}"),
    "frame_p95_ms": ("frame p95, pan+zoom (ms)", "{:.1f}"),
    "frame_p95_overview_ms": ("  p95 whole graph (ms)", "{:.1f}"),
    "frame_p95_zoomed_ms": ("  p95 zoomed in (ms)", "{:.1f}"),
    "frame_max_ms": ("frame max (ms)", "{:.1f}"),
    "data_kib": ("data file (KiB)", "{:.0f}"),
    "data_gzip_kib": ("  gzipped (KiB)", "{:.0f}"),
    "page_kib": ("page HTML (KiB)", "{:.0f}"),
    "page_gzip_kib": ("  gzipped (KiB)", "{:.0f}"),
}


def report(figures: dict[str, float], runs: int) -> str:
    """The table the benchmark prints."""
    lines = [f"glossterm-graph.html, median of {runs} run(s) in headless Chromium"]
    if figures.get("pixel_ratio", 1) != 1:
        lines[0] += f", device pixel ratio {figures['pixel_ratio']:g}"
    for key, (label, form) in LABELS.items():
        if key in figures:
            lines.append(f"{label:<32}{form.format(figures[key]):>10}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``graph_frame.py [--terms N | --html DIR] [--runs R] [--json FILE]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terms", type=int, default=3000)
    parser.add_argument("--html", type=Path, help="the output folder of an existing build")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument(
        "--pixel-ratio", type=float, default=1, help="device pixel ratio (2: a high-DPI screen)"
    )
    args = parser.parse_args(argv)
    figures: dict[str, float] = {"pixel_ratio": args.pixel_ratio}
    workdir = None
    if args.html is None:
        workdir = args.keep or Path(tempfile.mkdtemp(prefix="glossterm-graph-bench-"))
        html, figures["build_s"] = build_site(args.terms, workdir)
    else:
        html = args.html
    try:
        data = read_graph_data(html)
        figures["edges"] = len(data["edges"])
        figures["layout_s"] = time_layout(data)
        figures.update(sizes(html))
        medians, rows = measure_browser(html, args.runs, args.pixel_ratio)
        figures.update(medians)
    finally:
        if workdir is not None and args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(report(figures, args.runs))
    if args.json:
        result = {"figures": figures, "runs": rows}
        args.json.write_text(json.dumps(result, indent=2, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
