"""The term graph page in headless Chromium: groups, names that fit, search, filter, keys.

On the corpus (222 entries, built once per session) at 1280 and 390 px wide.
js/src/graph.js exposes ``window.glosstermGraphView`` for these tests: the
drawn name boxes, the colours names are drawn in, the selected node.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser import chromium, serve

pytestmark = [pytest.mark.browser, pytest.mark.corpus]

GRAPH = "glossterm-graph.html"
FIRST_FRAME = "performance.getEntriesByName('glossterm-graph-first-frame').length === 1"


@pytest.fixture(scope="module")
def corpus(corpus_site: Path) -> Iterator[str]:
    with serve(corpus_site) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as instance:
        yield instance


def _open(browser: Any, url: str, width: int, scheme: str = "light") -> Any:
    context = browser.new_context(
        viewport={"width": width, "height": 900 if width > 400 else 844}, color_scheme=scheme
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(url)
    page.wait_for_function(FIRST_FRAME)
    return page


def _overlapping(boxes: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [
        (a["title"], b["title"])
        for n, a in enumerate(boxes)
        for b in boxes[n + 1 :]
        if a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    ]


def _canvas(page: Any) -> dict[str, float]:
    return page.locator(".gt-graph-canvas").bounding_box()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_drawn_names_never_overlap(browser: Any, corpus: str, width: int, scheme: str) -> None:
    page = _open(browser, corpus + GRAPH, width, scheme)
    try:
        boxes = page.evaluate("glosstermGraphView.labelBoxes()")
        assert len(boxes) >= 5, "the hubs are named at the first frame"
        assert _overlapping(boxes) == []
        canvas = _canvas(page)
        assert all(box["x"] >= 0 and box["x"] + box["width"] <= canvas["width"] for box in boxes)
        # Zoomed in, more names fit, still none over another.
        page.mouse.move(canvas["x"] + canvas["width"] / 2, canvas["y"] + canvas["height"] / 2)
        for _ in range(4):
            page.mouse.wheel(0, -300)
            page.wait_for_timeout(120)
        page.wait_for_timeout(500)
        closer = page.evaluate("glosstermGraphView.labelBoxes()")
        assert _overlapping(closer) == []
        assert page.errors == []
    finally:
        page.context.close()


def _luminance(colour: str) -> float:
    channels = [int(part) / 255 for part in re.findall(r"\d+", colour)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _rgb(page: Any, colour: str) -> str:
    return page.evaluate(
        "(c) => { const s = document.createElement('span'); s.style.color = c;"
        " document.body.append(s); const v = getComputedStyle(s).color; s.remove(); return v; }",
        colour,
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_names_keep_wcag_aa_contrast(browser: Any, corpus: str, scheme: str) -> None:
    page = _open(browser, corpus + GRAPH, 1280, scheme)
    try:
        colours = page.evaluate("glosstermGraphView.labelColours()")
        text, halo = _rgb(page, colours["text"]), _rgb(page, colours["halo"])
        background = page.evaluate(
            "getComputedStyle(document.querySelector('.gt-graph-canvas')).backgroundColor"
        )
        # Each name sits on a halo of the canvas's own colour, over dots and edges alike.
        assert halo == background
        assert _contrast(text, halo) >= 4.5
        if scheme == "dark":
            assert _luminance(background) < 0.05
    finally:
        page.context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_search_flies_to_the_term_and_opens_its_preview(
    browser: Any, corpus: str, width: int
) -> None:
    page = _open(browser, corpus + GRAPH, width)
    try:
        before = page.evaluate("glosstermGraphView.screenOf('Transformer')")
        page.get_by_label(re.compile("Begriff im Netz finden")).fill("Transformer")
        page.keyboard.press("Enter")
        page.wait_for_timeout(1300)
        canvas = _canvas(page)
        point = page.evaluate("glosstermGraphView.screenOf('Transformer')")
        centre = (canvas["x"] + canvas["width"] / 2, canvas["y"] + canvas["height"] / 2)
        assert abs(point["x"] - centre[0]) < 12 and abs(point["y"] - centre[1]) < 12, (
            before,
            point,
            centre,
        )
        # On screen, not only in the middle of the canvas (which on a phone starts low).
        assert 0 <= point["y"] <= page.viewport_size["height"]
        assert 0 <= point["x"] <= page.viewport_size["width"]
        assert page.evaluate("glosstermGraphView.selected()") == "Transformer"
        preview = page.locator("#glossterm-preview")
        preview.wait_for(state="visible")
        assert preview.locator(".glossterm-preview-title").inner_text() == "Transformer"
        # The text alternative: the entry's neighbours as links.
        details = page.locator(".gt-graph-details")
        assert "Transformer" in details.locator("h2").inner_text()
        assert details.locator("a.glossterm-link").count() >= 3
        assert page.errors == []
    finally:
        page.context.close()


def test_the_legend_names_each_coloured_group(browser: Any, corpus: str) -> None:
    page = _open(browser, corpus + GRAPH, 1280)
    try:
        groups = page.evaluate("window.glosstermGraph.groups")
        assert len(groups) >= 3
        items = page.locator(".gt-graph-legend li")
        assert items.count() == len(groups)
        for item, (names, size) in zip(items.all(), groups, strict=True):
            assert ", ".join(names) in item.inner_text() and f"({size})" in item.inner_text()
        swatches = page.evaluate(
            "[...document.querySelectorAll('.gt-graph-swatch')]"
            ".map((s) => getComputedStyle(s).backgroundColor)"
        )
        assert len(set(swatches)) == len(swatches)
    finally:
        page.context.close()


def test_filter_by_group_names_only_its_entries(browser: Any, corpus: str) -> None:
    page = _open(browser, corpus + GRAPH, 1280)
    try:
        page.select_option("#gt-graph-filter", "group:1")
        page.wait_for_timeout(400)
        members = set(
            page.evaluate("window.glosstermGraph.nodes.filter((n) => n[5] === 1).map((n) => n[1])")
        )
        names = {box["title"] for box in page.evaluate("glosstermGraphView.labelBoxes()")}
        assert names and names <= members
        types = page.evaluate("window.glosstermGraph.types")
        assert types, "the corpus's entries have typed sections"
        page.select_option("#gt-graph-filter", "type:0")
        page.wait_for_timeout(400)
        having = set(
            page.evaluate("window.glosstermGraph.nodes.filter((n) => n[6] & 1).map((n) => n[1])")
        )
        names = {box["title"] for box in page.evaluate("glosstermGraphView.labelBoxes()")}
        assert names and names <= having
    finally:
        page.context.close()


def test_keyboard_moves_between_linked_entries_and_opens_one(browser: Any, corpus: str) -> None:
    page = _open(browser, corpus + GRAPH, 1280)
    try:
        page.locator(".gt-graph-canvas").focus()
        page.keyboard.press("ArrowRight")
        first = page.evaluate("glosstermGraphView.selected()")
        assert first
        neighbours = set(
            page.evaluate(
                """(key) => { const g = window.glosstermGraph;
                  const at = g.nodes.findIndex((n) => n[0] === key);
                  return g.edges.filter((e) => e.includes(at))
                    .map((e) => g.nodes[e[0] === at ? e[1] : e[0]][0]); }""",
                first,
            )
        )
        moved = None
        for key in ("ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"):
            page.keyboard.press(key)
            page.wait_for_timeout(100)
            moved = page.evaluate("glosstermGraphView.selected()")
            if moved != first:
                break
        assert moved in neighbours
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"\.html#"))
        assert page.errors == []
    finally:
        page.context.close()


def test_hover_names_the_node_and_its_neighbours_first(browser: Any, corpus: str) -> None:
    page = _open(browser, corpus + GRAPH, 1280)
    try:
        point = page.evaluate("glosstermGraphView.screenOf('Transformer')")
        page.mouse.move(point["x"], point["y"])
        page.wait_for_function("document.querySelector('.gt-graph-canvas').title === 'Transformer'")
        page.wait_for_timeout(200)
        boxes = page.evaluate("glosstermGraphView.labelBoxes()")
        assert boxes[0]["title"] == "Transformer"
        assert _overlapping(boxes) == []
    finally:
        page.context.close()


def test_the_whole_graph_is_centred_on_a_phone(browser: Any, corpus: str) -> None:
    page = _open(browser, corpus + GRAPH, 390)
    try:
        page.wait_for_timeout(300)
        points = page.evaluate(
            "window.glosstermGraph.nodes.map((n) => glosstermGraphView.screenOf(n[0]))"
        )
        canvas = _canvas(page)
        xs, ys = [p["x"] for p in points], [p["y"] for p in points]
        assert abs((min(xs) + max(xs)) / 2 - (canvas["x"] + canvas["width"] / 2)) < 8
        assert abs((min(ys) + max(ys)) / 2 - (canvas["y"] + canvas["height"] / 2)) < 8
        assert min(xs) >= canvas["x"] and max(xs) <= canvas["x"] + canvas["width"]
    finally:
        page.context.close()
