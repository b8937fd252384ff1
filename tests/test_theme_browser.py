"""The glossterm theme in headless Chromium: navigation, previews, index, graph, modes.

Pages are built once per module (the demo documentation, and the shared corpus
with a four-line conf.py), served from 127.0.0.1 and opened with Debian's
Chromium through Playwright (tests/browser.py).  Screenshots of a term page,
the index and the graph go to ``_artifacts/`` at the top of the checkout.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser import chromium, serve
from .conftest import CHECKOUT_DIR, skip_or_fail
from .themed import ARTIFACTS, build_docs

AXE = CHECKOUT_DIR / "js" / "node_modules" / "axe-core" / "axe.min.js"
TERM, INDEX, GRAPH = "demo/terms/Synonym.html", "demo/index.html", "glossterm-graph.html"
CORPUS_PAGES = {"term": "CLIP.html", "index": "index.html", "graph": GRAPH}
DEMO_PAGES = {"term": TERM, "index": INDEX, "graph": GRAPH}
MAX_PAGE_BYTES = 150 * 1024


@pytest.fixture(scope="module")
def demo(docs_site: Path) -> Iterator[str]:
    with serve(docs_site) as base:
        yield base


@pytest.fixture(scope="module")
def corpus(corpus_site: Path) -> Iterator[str]:
    with serve(corpus_site) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, color_scheme="light")
    page = context.new_page()
    page.set_default_timeout(10_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.errors = errors
    yield page
    context.close()


def _preview(page: Any) -> Any:
    return page.locator("#glossterm-preview")


def test_following_see_also_links(page: Any, demo: str) -> None:
    page.goto(demo + TERM)
    page.locator("ul.glossterm-link-list a", has_text="Homonym").click()
    page.wait_for_url(re.compile(r"Homonym\.html#Homonym$"))
    assert page.locator("h1").first.inner_text().startswith("Homonym")
    page.locator("ul.glossterm-link-list a", has_text="Polysemy").click()
    page.wait_for_url(re.compile(r"Polysemy\.html#Polysemy$"))
    assert page.errors == []


def test_preview_on_hover(page: Any, demo: str) -> None:
    page.goto(demo + TERM)
    link = page.locator(".glossterm-lead a.glossterm-link", has_text="term").first
    link.hover()
    preview = _preview(page)
    preview.wait_for(state="visible")
    assert preview.locator(".glossterm-preview-title").inner_text() == "Term"
    assert "names a concept" in preview.inner_text()
    assert link.get_attribute("aria-describedby") == "glossterm-preview"
    # The link inside the preview resolves to the entry from this page.
    href = preview.locator("a").get_attribute("href")
    assert href.endswith("/demo/terms/Term.html#Term")
    page.mouse.move(5, 5)
    preview.wait_for(state="hidden")
    assert page.errors == []


def test_preview_on_keyboard_focus_and_escape(page: Any, demo: str) -> None:
    page.goto(demo + TERM)
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('main a.glossterm-link')"):
            break
    else:
        pytest.fail("Tab never reached a term link")
    preview = _preview(page)
    preview.wait_for(state="visible")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip()
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")


def test_first_tap_previews_on_touch(browser: Any, demo: str) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True
    )
    page = context.new_page()
    try:
        page.goto(demo + TERM)
        link = page.locator(".glossterm-lead a.glossterm-link", has_text="concept").first
        link.tap()
        _preview(page).wait_for(state="visible")
        assert page.url.endswith(TERM)
        link.tap()
        page.wait_for_url(re.compile(r"Concept\.html#Concept$"))
    finally:
        context.close()


def test_previews_work_from_file_urls(page: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    outdir, _ = build_docs(tmp_path_factory.mktemp("file"))
    page.goto((outdir / "demo" / "book.html").as_uri())
    page.locator("a.glossterm-link", has_text="Synonym").first.hover()
    _preview(page).wait_for(state="visible")
    assert "same concept" in _preview(page).inner_text()


def test_letter_bar_jumps(page: Any, demo: str) -> None:
    page.goto(demo + INDEX)
    page.locator(".glossterm-letter-bar a", has_text="T").click()
    assert page.url.endswith("#glossterm-letter-T")
    # On screen (near the page's end the heading cannot reach the top); that it
    # lands below the sticky bar is tests/test_theme_defects.py's.
    top = page.locator("#glossterm-letter-T").bounding_box()["y"]
    assert 0 <= top < 900
    # The header's letter bar leads to the same place from any page.
    page.goto(demo + TERM)
    page.locator(".gt-letters a", has_text="H").click()
    page.wait_for_url(re.compile(r"index\.html#glossterm-letter-H$"))


def test_filter_box_narrows_the_index(page: Any, demo: str) -> None:
    page.goto(demo + INDEX)
    rows = page.locator("ul.glossterm-index-list > li")
    total = rows.count()
    page.get_by_label("Filter the entries").fill("hyp")
    visible = [row for row in rows.all() if row.is_visible()]
    assert 0 < len(visible) < total
    assert all("hyp" in row.inner_text().lower() for row in visible)
    assert page.locator("#glossterm-letter-A").is_hidden()
    # Folded like the collation: "aqui" finds Äquivalenz.
    page.get_by_label("Filter the entries").fill("aqui")
    first = next(row.inner_text() for row in rows.all() if row.is_visible())
    assert first.startswith("Äquivalenz")
    page.get_by_label("Filter the entries").fill("")
    assert sum(row.is_visible() for row in rows.all()) == total


def test_index_without_javascript_shows_everything(browser: Any, demo: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(demo + INDEX)
        rows = page.locator("ul.glossterm-index-list > li")
        assert rows.count() > 30 and all(row.is_visible() for row in rows.all())
        assert page.locator(".glossterm-filter").count() == 0
        page.goto(demo + GRAPH)
        assert page.locator("#glossterm-graph-fallback li").count() > 30
        assert page.locator("#glossterm-graph").is_hidden()
    finally:
        context.close()


def _node_count(page: Any) -> int:
    return page.evaluate("window.glosstermGraph.nodes.length")


def test_graph_draws_every_node_and_opens_a_term(page: Any, demo: str) -> None:
    page.goto(demo + GRAPH)
    graph = page.locator("#glossterm-graph")
    graph.wait_for(state="visible")
    count = _node_count(page)
    terms = len(
        json.loads(page.evaluate("fetch('glossterm-graph.json').then(r => r.text())"))["nodes"]
    )
    assert count == terms
    page.wait_for_function(
        f"document.getElementById('glossterm-graph').dataset.drawn === '{count}'"
    )
    # Find a node by name: it is centred and zoomed to.
    page.get_by_label("Find a term in the graph").fill("Synonym")
    page.keyboard.press("Enter")
    page.wait_for_timeout(900)
    point = page.evaluate("window.glosstermGraphView.screenOf('Synonym')")
    page.mouse.move(point["x"], point["y"])
    page.wait_for_timeout(200)
    page.mouse.click(point["x"], point["y"])
    page.wait_for_url(re.compile(r"Synonym\.html#Synonym$"))
    assert page.errors == []


def test_graph_marks_its_first_frame_and_finds_the_node_under_pointer(page: Any, demo: str) -> None:
    # benchmarks/graph_frame.py times the page up to this mark.
    page.goto(demo + GRAPH)
    page.wait_for_function(
        "performance.getEntriesByName('glossterm-graph-first-frame').length === 1"
    )
    count = _node_count(page)
    assert page.evaluate("document.getElementById('glossterm-graph').dataset.drawn") == str(count)
    # The hit test (force-graph's hidden canvas) still knows every node.
    point = page.evaluate("window.glosstermGraphView.screenOf('Synonym')")
    page.mouse.move(point["x"], point["y"])
    page.wait_for_function("document.querySelector('.gt-graph-canvas').title === 'Synonym'")
    assert page.errors == []


def test_graph_of_the_corpus_draws_every_node(page: Any, corpus: str) -> None:
    page.goto(corpus + GRAPH)
    count = _node_count(page)
    assert count > 200
    page.wait_for_function(
        f"document.getElementById('glossterm-graph').dataset.drawn === '{count}'"
    )
    assert page.errors == []


def test_dark_mode_toggle_remembers(page: Any, demo: str) -> None:
    page.goto(demo + TERM)
    background = "getComputedStyle(document.body).backgroundColor"
    light = page.evaluate(background)
    toggle = page.locator(".gt-theme-toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert toggle.get_attribute("aria-pressed") == "true"
    dark = page.evaluate(background)
    assert dark != light
    page.goto(demo + INDEX)
    assert page.evaluate(background) == dark, "the choice is remembered"
    page.locator(".gt-theme-toggle").click()
    assert page.evaluate(background) == light


def test_dark_mode_follows_the_system(browser: Any, demo: str) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(demo + TERM)
        red = page.evaluate(
            "parseInt(getComputedStyle(document.body).backgroundColor.match(/\\d+/)[0])"
        )
        assert red < 60
        assert page.locator(".gt-theme-toggle").get_attribute("aria-pressed") == "true"
    finally:
        context.close()


@pytest.mark.parametrize(
    "path", [TERM, INDEX, GRAPH, "format.html", "demo/book.html", "search.html?q=term"]
)
def test_no_horizontal_scroll_at_360_px(browser: Any, demo: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(demo + path)
        page.wait_for_timeout(300)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width} px wide"
    finally:
        context.close()


def test_search_uses_german_stemming(page: Any, corpus: str) -> None:
    page.goto(corpus + "search.html?q=Netzwerke")
    page.wait_for_selector("#search-results ul li", timeout=20_000)
    found = page.locator("#search-results ul li").count()
    assert found > 3
    # Sphinx's German (Snowball) stemmer: the plural and the singular meet.
    assert page.evaluate("new Stemmer().stemWord('netzwerke')") == "netzwerk"
    assert page.errors == []


def _bytes_loaded(browser: Any, url: str) -> tuple[int, list[tuple[str, int]]]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    loaded: list[tuple[str, int]] = []

    def note(response: Any) -> None:
        if response.request.resource_type == "font":
            return
        # A redirect or an aborted request has no body.
        with contextlib.suppress(Exception):
            loaded.append((response.url, len(response.body())))

    page.on("response", note)
    try:
        page.goto(url, wait_until="networkidle")
    finally:
        context.close()
    return sum(size for _, size in loaded), loaded


@pytest.mark.parametrize("site", ["demo", "corpus"])
def test_term_page_weighs_at_most_150_kb(
    browser: Any, site: str, request: pytest.FixtureRequest, report: Any
) -> None:
    base = request.getfixturevalue(site)
    pages = DEMO_PAGES if site == "demo" else CORPUS_PAGES
    total, loaded = _bytes_loaded(browser, base + pages["term"])
    report(f"theme: {site} term page and its assets: {total / 1024:.1f} KB ({len(loaded)} files)")
    assert total <= MAX_PAGE_BYTES, sorted(loaded, key=lambda item: -item[1])[:5]


def _axe(page: Any) -> list[str]:
    if not AXE.is_file():
        skip_or_fail(f"axe-core not found at {AXE} (cd js && npm ci)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["term", "index", "graph"])
@pytest.mark.parametrize("site", ["demo", "corpus"])
def test_axe_finds_no_serious_violation(
    browser: Any, site: str, kind: str, scheme: str, request: pytest.FixtureRequest
) -> None:
    base = request.getfixturevalue(site)
    pages = DEMO_PAGES if site == "demo" else CORPUS_PAGES
    context = browser.new_context(viewport={"width": 1200, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(base + pages[kind])
        page.wait_for_timeout(500)
        assert _axe(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(browser: Any, demo: str, corpus: str, scheme: str) -> None:
    """Written for people to look at (CI keeps ``_artifacts/``)."""
    ARTIFACTS.mkdir(exist_ok=True)
    for name, base, path, width in (
        ("demo-term", demo, TERM, 1200),
        ("demo-index", demo, INDEX, 1200),
        ("demo-graph", demo, GRAPH, 1200),
        ("corpus-term", corpus, CORPUS_PAGES["term"], 1200),
        ("corpus-graph", corpus, GRAPH, 1200),
        ("demo-term-360", demo, TERM, 360),
    ):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        page = context.new_page()
        try:
            page.goto(base + path)
            page.wait_for_timeout(600)
            target = ARTIFACTS / f"theme-{name}-{scheme}.png"
            page.screenshot(path=str(target), full_page=width == 360)
            assert target.stat().st_size > 5_000
        finally:
            context.close()


def test_search_results_for_an_entry_show_its_tagline(page: Any, corpus: str) -> None:
    page.goto(corpus + "search.html?q=CLIP")
    summary = page.locator("#search-results li:has(a[href^='CLIP.html']) p.context").first
    summary.wait_for(timeout=20_000)
    assert "glossterm-search-tagline" in (summary.get_attribute("class") or "")
    assert summary.text_content() == (
        "OpenAI-Variante zum Pre-Training von Text und Bildern in einem gemeinsamen Vektor-Raum"
    )
    assert page.errors == []
