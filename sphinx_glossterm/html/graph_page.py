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
from sphinx_glossterm.html.layout import layout, separate_groups
from sphinx_glossterm.html.navigation import GRAPH_PAGE, term_order
from sphinx_glossterm.html.previews import script_literal
from sphinx_glossterm.html.theme import uses_glossterm_theme
from sphinx_glossterm.model import words as ui
from sphinx_glossterm.model.collation import sort_key
from sphinx_glossterm.model.communities import communities
from sphinx_glossterm.model.options import section_types
from sphinx_glossterm.sphinx_ext.domain import GlosstermDomain, glossterm_domain
from sphinx_glossterm.sphinx_ext.memo import remembered

DATA_FILE = "glossterm-graph-data.js"
# About 1 MB of lists; the KI-Glossar's 225 entries have about 1,000 links.
FALLBACK_MAX_LINKS = 10_000
# Coloured groups: as many as one can tell apart (js/src/graph.js has a colour
# for each); smaller groups and the rest share a neutral colour.
MAX_GROUPS = 9
MIN_GROUP = 3
OTHER_GROUP = MAX_GROUPS
# Section types the graph can filter by (bits of one number per node).
MAX_TYPES = 30


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
    """What the graph page draws, as small arrays (see :func:`_node_rows`).

    ``nodes``: ``[key, title, url, x, y, group, section types]`` (the types a
    bit mask over ``types``); ``edges``: ``[source, target]`` as indices;
    ``groups``: ``[names of the most central entries, size]`` per coloured
    group, largest first (smaller groups share the last colour, group
    :data:`OTHER_GROUP`); ``types``: ``[class, label]`` of the section types
    entries use.
    """
    domain = glossterm_domain(app.env)
    graph = domain.graph
    keys = sorted(graph.nodes)
    pairs = graph.linked_pairs
    # The layout and the groups are the costly parts; most edits move no node or edge.
    positions = remembered(app, "layout", (keys, pairs), lambda: layout(keys, pairs))
    found = remembered(app, "communities", (keys, pairs), lambda: communities(keys, pairs))
    coloured = [group for group in found[:MAX_GROUPS] if len(group.members) >= MIN_GROUP]
    positions = separate_groups(positions, [group.members for group in coloured])
    group_of = dict.fromkeys(keys, OTHER_GROUP)
    for number, group in enumerate(coloured):
        for key in group.members:
            group_of[key] = number
    labels = section_types(app.config)
    used = sorted({s.type for term in graph.nodes.values() for s in term.sections if s.type})
    used = [name for name in used if name in labels][:MAX_TYPES]
    bit = {name: 1 << n for n, name in enumerate(used)}
    language = app.config.language
    return {
        "nodes": _node_rows(app, keys, positions, group_of, bit),
        "edges": [[number, other] for number, other in _edge_indices(keys, pairs)],
        "groups": [
            [[graph.nodes[key].title for key in group.central], len(group.members)]
            for group in coloured
        ],
        "types": [[name, labels[name].label(language)] for name in used],
    }


def _node_rows(
    app: Sphinx,
    keys: list[str],
    positions: dict[str, tuple[float, float]],
    group_of: dict[str, int],
    bit: dict[str, int],
) -> list[list[Any]]:
    graph = glossterm_domain(app.env).graph
    urls = SiteUrls(app.builder)
    rows = []
    for key in keys:
        term = graph.nodes[key]
        mask = 0
        for section in term.sections:
            mask |= bit.get(section.type or "", 0)
        url = urls.term(term).removeprefix("./")
        rows.append([key, term.title, url, *positions[key], group_of[key], mask])
    return rows


def _edge_indices(keys: list[str], pairs: Any) -> Iterator[tuple[int, int]]:
    number = {key: n for n, key in enumerate(keys)}
    for a, b in pairs:
        yield number[a], number[b]


def write_graph_data(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the graph page's data, once per build."""
    if exception is not None or not is_html_site(app.builder) or not uses_glossterm_theme(app):
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    text = f"window.glosstermGraph={script_literal(graph_data(app))};\n"
    (static / DATA_FILE).write_text(text, encoding="utf-8", newline="\n")
