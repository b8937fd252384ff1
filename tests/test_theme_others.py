"""Our pages under other HTML themes: entries, previews and the index still work.

The extension adds the previews' script and style (and the index filter) for
every HTML theme; only the glossterm theme adds the rest (header, pager,
graph page).  Each theme builds the documentation with its demo glossary.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .browser import chromium, serve
from .themed import build_docs

THEMES = ["furo", "pydata_sphinx_theme", "sphinx_rtd_theme"]
PAGES = {
    "demo/terms/Synonym.html": "section.glossterm-entry",
    "demo/index.html": ".glossterm-index li",
    "demo/book.html": "section.glossterm-entry",
}
"""Each page, and what of ours it must show under every theme."""


@pytest.fixture(scope="module", params=THEMES)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    theme = request.param
    pytest.importorskip(theme)
    # Each theme as its documentation sets it up; pydata's script logs an error
    # unless the default mode is named.
    extra = {"html_context": {"default_mode": "auto"}} if theme == "pydata_sphinx_theme" else {}
    outdir, warnings = build_docs(tmp_path_factory.mktemp(theme), theme=theme, **extra)
    messages = [line.partition("WARNING:")[2] for line in warnings]
    assert [message for message in messages if "template" in message.lower()] == []
    assert not (outdir / "glossterm-graph.html").exists(), "the graph page is the theme's"
    with serve(outdir) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as instance:
        yield instance


@pytest.mark.parametrize("path", sorted(PAGES))
def test_pages_render_without_console_errors(browser: Any, site: str, path: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource")
            else None
        ),
    )
    # Failed requests by URL; these themes ship no favicon, so the browser's
    # own request for /favicon.ico fails: not our page's doing.
    page.on(
        "response",
        lambda response: (
            errors.append(f"{response.status} {response.url}")
            if response.status >= 400 and not response.url.endswith("/favicon.ico")
            else None
        ),
    )
    try:
        page.goto(site + path, wait_until="networkidle")
        assert page.locator(PAGES[path]).count() >= 1
        assert errors == []
    finally:
        page.close()


def test_previews_and_filter_work(browser: Any, site: str) -> None:
    page = browser.new_page()
    try:
        page.goto(site + "demo/terms/Synonym.html")
        page.locator(".glossterm-lead a.glossterm-link", has_text="term").first.hover()
        preview = page.locator("#glossterm-preview")
        preview.wait_for(state="visible")
        assert "names a concept" in preview.inner_text()
        page.goto(site + "demo/index.html")
        rows = page.locator("ul.glossterm-index-list > li")
        total = rows.count()
        page.get_by_label("Filter the entries").fill("synonym")
        assert 0 < sum(row.is_visible() for row in rows.all()) < total
    finally:
        page.close()
