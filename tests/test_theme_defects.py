"""What a real glossary showed wrong in the glossterm theme, checked in headless Chromium.

The corpus (222 entries, no ``index.md``: the A–Z page is the generated root)
and the documentation's demo are built once per session, served from
127.0.0.1 and opened at a desktop (1280 px) and a phone (390 px) width.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sphinx_glossterm.model import words as ui

from .browser import chromium, serve

pytestmark = [pytest.mark.browser, pytest.mark.corpus]

WIDTHS = [1280, 390]
TABLE_PAGES = ["AI-Act", "AI-Alignment", "AI-Doom"]


@pytest.fixture(scope="module")
def corpus(corpus_site: Path) -> Iterator[str]:
    with serve(corpus_site) as base:
        yield base


@pytest.fixture(scope="module")
def demo(docs_site: Path) -> Iterator[str]:
    with serve(docs_site) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as instance:
        yield instance


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    width = request.param
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 400 else 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    yield page
    context.close()


# The lowest bottom edge of every sticky or fixed element on screen, and the
# top of an element: a heading is visible when it starts below all of them.
STICKY_BOTTOM = """() => {
  let bottom = 0;
  for (const element of document.querySelectorAll("body *")) {
    const position = getComputedStyle(element).position;
    if (position !== "sticky" && position !== "fixed") continue;
    const box = element.getBoundingClientRect();
    const shown = box.height > 0 && box.top < innerHeight && box.bottom > 0;
    if (shown) bottom = Math.max(bottom, box.bottom);
  }
  return bottom;
}"""


def _heading_clear(page: Any, anchor: str) -> None:
    page.wait_for_timeout(300)
    box = page.locator(f"#{anchor}").bounding_box()
    sticky = page.evaluate(STICKY_BOTTOM)
    viewport = page.viewport_size["height"]
    assert sticky > 0, "the A–Z page's letter bar is sticky"
    assert sticky <= box["y"] < viewport, f"heading at {box['y']}, sticky bars end at {sticky}"


def test_no_link_in_any_page_is_a_double_fragment(corpus_site: Path, docs_site: Path) -> None:
    for site in (corpus_site, docs_site):
        for html in site.rglob("*.html"):
            assert 'href="##' not in html.read_text(encoding="utf-8"), html


def test_letter_links_show_their_heading_below_the_sticky_bar(page: Any, corpus: str) -> None:
    anchor = "glossterm-letter-L"
    # From an entry: the header's letter bar leads to the A–Z page's heading.
    page.goto(corpus + "CLIP.html")
    header_letter = page.locator(".gt-letters a", has_text=re.compile(r"^L$"))
    if header_letter.is_visible():
        header_letter.click()
        page.wait_for_url(re.compile(rf"index\.html#{anchor}$"))
        _heading_clear(page, anchor)
    # On the A–Z page: one letter bar (no second one in the header), whose links work.
    page.goto(corpus + "index.html")
    bars = page.locator(".gt-letters, .glossterm-letter-bar")
    assert sum(bar.is_visible() for bar in bars.all()) == 1
    page.evaluate("window.scrollTo(0, 0)")
    page.locator(".glossterm-letter-bar a", has_text=re.compile(r"^L$")).click()
    assert page.url.endswith(f"index.html#{anchor}")
    _heading_clear(page, anchor)
    # Opened at the letter's address.
    page.goto(corpus + f"index.html#{anchor}")
    _heading_clear(page, anchor)
    # The sticky bar covers no entry: the first row of the group starts below it.
    first = page.locator(f"#{anchor} ~ ul.glossterm-index-list > li").first.bounding_box()
    assert first["y"] >= page.evaluate(STICKY_BOTTOM)
    assert page.errors == []


def test_the_header_letters_of_the_demo_lead_to_the_index(page: Any, demo: str) -> None:
    page.goto(demo + "demo/terms/Synonym.html")
    letter = page.locator(".gt-letters a").first
    if page.viewport_size["width"] > 400:
        href = letter.get_attribute("href")
        letter.click()
        page.wait_for_url(re.compile(re.escape(href.rsplit("/", 1)[-1]) + "$"))
        _heading_clear(page, href.rsplit("#", 1)[1])


def _alignments(page: Any) -> list[list[tuple[str, str]]]:
    """Per table: ``(text, computed text-align)`` of each cell, in document order."""
    return page.evaluate(
        """() => [...document.querySelectorAll("table")].map((table) =>
          [...table.querySelectorAll("th, td")].map((cell) => [
            cell.textContent.replace(/\\s+/g, " ").trim(),
            getComputedStyle(cell).textAlign.replace("start", "left"),
          ]))"""
    )


@pytest.mark.parametrize("name", TABLE_PAGES)
def test_grid_table_cells_align_as_pandoc_aligns_them(
    page: Any, corpus: str, corpus_dir: Path, pandoc_path: str, name: str
) -> None:
    pandoc = subprocess.run(
        [pandoc_path, "-f", "markdown", "-t", "html5", "-s", str(corpus_dir / f"{name}.md")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    page.set_content(pandoc)
    expected = _alignments(page)
    page.goto(corpus + f"{name}.html")
    ours = _alignments(page)
    assert len(ours) == len(expected) > 0
    for our_table, pandoc_table in zip(ours, expected, strict=True):
        assert [align for _, align in our_table] == [align for _, align in pandoc_table]
        assert {"center", "right"} & {align for _, align in our_table}, "the file aligns columns"
    # No empty band under a cell's paragraph.
    bands = page.evaluate(
        """() => [...document.querySelectorAll("td > p, th > p")].map((p) =>
          parseFloat(getComputedStyle(p).marginBottom))"""
    )
    assert max(bands) == 0


@pytest.mark.parametrize(
    "path", ["AI-Act.html", "CLIP.html", "index.html", "search.html?q=KI", "glossterm-graph.html"]
)
def test_no_page_scrolls_sideways_and_tables_scroll_in_their_box(
    page: Any, corpus: str, path: str
) -> None:
    page.goto(corpus + path)
    page.wait_for_timeout(300)
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    tables = page.evaluate(
        """() => [...document.querySelectorAll("main table")].map((table) => ({
          right: table.getBoundingClientRect().right,
          overflow: getComputedStyle(table).overflowX,
          wide: table.scrollWidth > table.clientWidth,
        }))"""
    )
    for table in tables:
        assert table["right"] <= width
        assert table["overflow"] in {"auto", "scroll"}
    if path == "AI-Act.html" and width < 400:
        assert any(table["wide"] for table in tables), "the three-column haiku table scrolls"
        # Instead of squeezing its columns to a word per line.
        narrowest = page.evaluate(
            """() => Math.min(...[...document.querySelectorAll("main td, main th")].map((cell) =>
              cell.getBoundingClientRect().width / parseFloat(getComputedStyle(cell).fontSize)))"""
        )
        assert narrowest >= 7.4


def test_highlighted_code_has_padding(page: Any, demo: str) -> None:
    page.goto(demo + "format.html")
    padding = page.evaluate(
        """() => [...document.querySelectorAll(".highlight pre")].map((pre) => {
          const style = getComputedStyle(pre);
          return Math.min(parseFloat(style.paddingLeft), parseFloat(style.paddingTop));
        })"""
    )
    assert padding and min(padding) >= 8


ENGLISH = re.compile(
    r"Search finished|found \d+ page|Searching for multiple words|glossary term|Glossary-"
    r"|Preparing search|did not match"
)


def test_the_german_search_page_speaks_german(page: Any, corpus: str) -> None:
    german = ui.strings("de")
    page.goto(corpus + "search.html?q=Transformer")
    page.wait_for_selector("#search-results ul li", timeout=30_000)
    # Sphinx's searchtools.js stops its pulse when it reports what it found.
    page.wait_for_function("Search._pulse_status === -1 && Search.status.innerText !== ''")
    text = page.locator("main").inner_text()
    assert not ENGLISH.search(text), ENGLISH.search(text)
    assert german["search_hint"] in text
    assert re.search(r"Suche beendet: \d+ Seiten passen zur Suchanfrage\.", text)
    # The entry's own result names what it is in German.
    assert f"({german['search_object_type']}, in Transformer)" in text
    # The search page's button is the theme's, not the browser's grey one.
    button = page.locator("main form button[type=submit]")
    assert button.inner_text() == german["search_button"]
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") == page.evaluate(
        "getComputedStyle(document.querySelector('.gt-nav a')).color"
    )
    assert page.errors == []


def test_pages_that_are_no_entry_have_no_term_pager(page: Any, corpus: str, demo: str) -> None:
    term_words = [ui.strings("de")["next"], ui.strings("de")["previous"]]
    page.goto(corpus + "index.html")
    assert page.locator(".gt-pager").count() == 0
    page.goto(corpus + "CLIP.html")
    assert page.locator(".gt-pager").inner_text().count(term_words[0]) == 1
    page.goto(demo + "index.html")
    assert page.locator(".gt-pager").count() == 0
    page.goto(demo + "format.html")
    english = ui.strings("en")
    assert english["next"] not in page.locator("body").inner_text()
    assert english["previous"] not in page.locator("body").inner_text()


def _toggle_picture(page: Any) -> str:
    """The toggle's visible icon (its SVG) and its accessible words."""
    return page.evaluate(
        """() => [...document.querySelectorAll(".gt-theme-toggle > *")]
          .filter((part) => getComputedStyle(part).display !== "none")
          .map((part) => part.outerHTML).join("")"""
    )


def test_the_toggle_shows_a_different_icon_in_each_mode(page: Any, corpus: str) -> None:
    page.goto(corpus + "CLIP.html")
    light = _toggle_picture(page)
    page.locator(".gt-theme-toggle").click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    dark = _toggle_picture(page)
    assert "<svg" in light and "<svg" in dark
    assert light != dark
    assert ui.strings("de")["theme_to_dark"] in light
    assert ui.strings("de")["theme_to_light"] in dark


def test_the_header_and_titles_name_the_glossary(page: Any, corpus: str) -> None:
    page.goto(corpus + "CLIP.html")
    assert page.locator(".gt-brand").inner_text() == "KI-Glossar"
    assert page.title() == "CLIP — KI-Glossar"


def test_backlink_places_have_no_trailing_colon(page: Any, corpus: str, corpus_site: Path) -> None:
    page.goto(corpus + "CLIP.html")
    places = page.locator(".glossterm-backlink-where").all_inner_texts()
    assert places
    # Every page: each place named once, none with the heading's colon.
    for html in corpus_site.glob("*.html"):
        for where in re.findall(r'glossterm-backlink-where">([^<]*)<', html.read_text("utf-8")):
            names = where.split(", ")
            assert not any(name.rstrip().endswith(":") for name in names), (html.name, where)
            assert len(names) == len(set(names)), (html.name, where)


def test_neighbourhood_names_keep_their_size(page: Any, corpus: str) -> None:
    page.goto(corpus + "CLIP.html")
    heights = page.evaluate(
        """() => [...document.querySelectorAll(".glossterm-nb-svg text")]
          .filter((text) => text.getClientRects().length)
          .map((text) => text.getBoundingClientRect().height)"""
    )
    assert heights and min(heights) >= 12, heights
