"""HTML: the glossterm theme, term previews, navigation, the graph page, the search index, math.

Previews, meta descriptions and the search index serve every HTML theme; the
letter bar, pager, neighbourhood graph and graph page are the glossterm theme's
(:mod:`.theme`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def register(app: Sphinx) -> None:
    """The theme, its assets and the page and build hooks of HTML builders."""
    from sphinx_glossterm.html import math
    from sphinx_glossterm.html.graph_page import collect_graph_page, write_graph_data
    from sphinx_glossterm.html.meta import add_description
    from sphinx_glossterm.html.navigation import add_navigation, navigation_view
    from sphinx_glossterm.html.previews import add_page_assets, add_static_path, write_previews
    from sphinx_glossterm.html.search_index import (
        lighten_before_dump,
        lighten_indexer,
        load_index_once,
    )
    from sphinx_glossterm.html.theme import THEME_DIR, use_project_title
    from sphinx_glossterm.html.translations import add_language_links
    from sphinx_glossterm.sphinx_ext.incremental import declare_view

    app.add_html_theme("glossterm", str(THEME_DIR))
    # What pages show of other entries, so that edits rewrite them (sphinx_ext.incremental).
    declare_view("navigation", navigation_view)
    math.register(app)
    # Before the exports' JSON-LD: the description comes first in the page's head.
    app.connect("html-page-context", add_description, priority=490)
    app.connect("builder-inited", add_static_path)
    app.connect("builder-inited", use_project_title)
    app.connect("html-page-context", add_page_assets)
    app.connect("html-page-context", add_navigation)
    app.connect("html-page-context", add_language_links)
    app.connect("html-collect-pages", collect_graph_page)
    app.connect("build-finished", write_previews)
    app.connect("build-finished", write_graph_data)
    app.connect("builder-inited", load_index_once)
    app.connect("doctree-resolved", lighten_indexer)
    app.connect("html-collect-pages", lighten_before_dump)
