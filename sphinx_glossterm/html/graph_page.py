"""The whole-glossary graph page of the glossterm theme, and the data it draws.

``glossterm-graph.html`` is generated (``html-collect-pages``) when the
glossterm theme renders the site.  The page holds a canvas, drawn by the
bundled ``glossterm-graph.js`` (force-graph, from ``js/``), and, for readers
without JavaScript, the same graph as lists of links.  The positions come from
:mod:`.layout`, computed once per build and written with the nodes and edges to
``_static/glossterm-graph-data.js`` (a script, so it loads from ``file://``).

The lists of links grow with the number of links, about 100 bytes each: past
:data:`FALLBACK_MAX_LINKS` (a 3,000-entry glossary has some 40,000) they would
make a page of megabytes that every reader downloads and the browser parses
before it draws the graph, so the page then lists the entries alone, each
linking to its page, where its links are listed.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

from markupsafe import Markup
from sphinx.application import Sphinx

from sphinx_glossterm.exports.site import SiteUrls, is_html_site
from sphinx_glossterm.html.layout import layout
from sphinx_glossterm.html.navigation import GRAPH_PAGE, term_order
from sphinx_glossterm.html.previews import script_literal
from sphinx_glossterm.html.theme import uses_glossterm_theme
from sphinx_glossterm.model import words as ui
from sphinx_glossterm.model.collation import sort_key
from sphinx_glossterm.sphinx_ext.domain import GlosstermDomain, glossterm_domain
from sphinx_glossterm.sphinx_ext.memo import remembered

DATA_FILE = "glossterm-graph-data.js"
# About 1 MB of lists; the KI-Glossar's 225 entries have about 1,000 links.
FALLBACK_MAX_LINKS = 10_000


def collect_graph_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the graph page, with the glossterm theme and some entries."""
    if not is_html_site(app.builder) or not uses_glossterm_theme(app):
        return
    domain = glossterm_domain(app.env)
    if not domain.all_terms():
        return
    words = ui.strings(app.config.language)
    yield (
        GRAPH_PAGE,
        {"title": words["graph_title"], "glossterm_fallback": _fallback(app, domain, words)},
        "glossterm-graph.html",
    )


def _fallback(app: Sphinx, domain: GlosstermDomain, words: dict[str, str]) -> Markup:
    """Every entry with the entries it links to, as lists of links (see the module's docs)."""
    builder = app.builder
    graph = domain.graph
    order = term_order(domain)
    key_of = {id(term): key for key, term in graph.nodes.items()}
    with_links = len(graph.linked_pairs) <= FALLBACK_MAX_LINKS

    def href(term: Any) -> str:
        return escape(f"{builder.get_relative_uri(GRAPH_PAGE, term.docname)}#{term.anchor}")

    # Each entry's link and sort key are made once, not once per link to it.
    link_to = {
        key: f'<a href="{href(term)}">{escape(term.title)}</a>' for key, term in graph.nodes.items()
    }
    # Entries of one title are ordered by key, so the page is the same in every build.
    order_of = {key: (sort_key(term.title), key) for key, term in graph.nodes.items()}
    label = escape(words["links_to"])
    items = []
    for term in order.terms:
        key = key_of.get(id(term))
        if key is None:
            continue
        outgoing = {edge.target for edge in graph.outgoing.get(key, [])} if with_links else ()
        targets = sorted(outgoing, key=order_of.get)
        inner = ""
        if targets:
            links = ", ".join(link_to[target] for target in targets)
            inner = f' <span class="glossterm-graph-links-to">{label}</span> {links}'
        items.append(
            f'<li><a href="{href(term)}"><strong>{escape(term.title)}</strong></a>{inner}</li>'
        )
    heading = escape(words["graph_fallback" if with_links else "graph_fallback_entries"])
    return Markup(
        f'<section class="glossterm-graph-fallback" id="glossterm-graph-fallback">'
        f"<h2>{heading}</h2><ul>{''.join(items)}</ul></section>"
    )


def graph_data(app: Sphinx) -> dict[str, Any]:
    """Nodes ``[key, title, url, x, y, letter]`` and edges ``[source, target]`` as indices."""
    domain = glossterm_domain(app.env)
    graph = domain.graph
    urls = SiteUrls(app.builder)
    keys = sorted(graph.nodes)
    pairs = graph.linked_pairs
    # The layout is the one costly part, and most edits do not move a node or an edge.
    positions = remembered(app, "layout", (keys, pairs), lambda: layout(keys, pairs))
    number = {key: n for n, key in enumerate(keys)}
    return {
        "nodes": [
            [
                key,
                graph.nodes[key].title,
                urls.term(graph.nodes[key]).removeprefix("./"),
                *positions[key],
            ]
            for key in keys
        ],
        "edges": [[number[a], number[b]] for a, b in pairs],
    }


def write_graph_data(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the graph page's data, once per build."""
    if exception is not None or not is_html_site(app.builder) or not uses_glossterm_theme(app):
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    text = f"window.glosstermGraph={script_literal(graph_data(app))};\n"
    (static / DATA_FILE).write_text(text, encoding="utf-8", newline="\n")
