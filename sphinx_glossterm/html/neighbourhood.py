"""The neighbourhood graph of one entry: a small SVG drawn at build time.

The entries an entry links to and those linking to it, around it on an
ellipse in dictionary order, each a link.  It needs no JavaScript and no data
file, and its size depends only on the entry's links (at most
:data:`MAX_NEIGHBOURS` are drawn), never on the size of the glossary.  The
whole-glossary graph page is the interactive view; the entry links to itself
there.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

from markupsafe import Markup

from sphinx_glossterm.model.collation import sort_key
from sphinx_glossterm.model.graph import TermGraph

MAX_NEIGHBOURS = 16
WIDTH, HEIGHT = 640, 300
LABEL_LENGTH = 26


def neighbour_keys(graph: TermGraph, key: str, ordered: bool = True) -> list[tuple[str, str]]:
    """``(neighbour key, direction)`` with direction ``out``, ``in`` or ``both``, in order.

    ``ordered=False`` skips the dictionary order (for a set of them).
    """
    outgoing = {edge.target for edge in graph.outgoing.get(key, [])}
    incoming = {edge.source for edge in graph.incoming.get(key, [])}
    rows = []
    for other in outgoing | incoming:
        if other == key:
            continue
        direction = (
            "both"
            if other in outgoing and other in incoming
            else ("out" if other in outgoing else "in")
        )
        rows.append((other, direction))
    if ordered:
        rows.sort(key=lambda row: (sort_key(graph.nodes[row[0]].title), row[0]))
    return rows


def _short(text: str) -> str:
    return text if len(text) <= LABEL_LENGTH else text[: LABEL_LENGTH - 1].rstrip() + "…"


def neighbourhood_svg(
    graph: TermGraph,
    key: str,
    pathto: Callable[..., str],
    words: dict[str, str],
) -> Markup:
    """The figure with the SVG of ``key``'s neighbourhood, or nothing for an isolated entry."""
    rows = neighbour_keys(graph, key)
    if not rows:
        return Markup("")
    term = graph.nodes[key]
    shown, hidden = rows[:MAX_NEIGHBOURS], len(rows) - MAX_NEIGHBOURS
    cx, cy, rx, ry = WIDTH / 2, HEIGHT / 2, WIDTH / 2 - 150, HEIGHT / 2 - 34
    lines, points = [], []
    for number, (other_key, direction) in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * number / len(shown)
        x, y = cx + rx * math.cos(angle), cy + ry * math.sin(angle)
        other = graph.nodes[other_key]
        url = f"{pathto(other.docname)}#{other.anchor}"
        lines.append(
            f'<line class="glossterm-nb-edge glossterm-nb-{direction}" '
            f'x1="{cx:.0f}" y1="{cy:.0f}" x2="{x:.0f}" y2="{y:.0f}"/>'
        )
        cos = math.cos(angle)
        anchor = "start" if cos > 0.2 else "end" if cos < -0.2 else "middle"
        dx = 9 if anchor == "start" else -9 if anchor == "end" else 0
        dy = 4 if anchor != "middle" else (-10 if math.sin(angle) < 0 else 17)
        points.append(
            f'<a class="glossterm-nb-node glossterm-link glossterm-nb-{direction}" '
            f'href="{escape(url)}">'
            f'<circle cx="{x:.0f}" cy="{y:.0f}" r="6"/>'
            f'<text x="{x + dx:.0f}" y="{y + dy:.0f}" text-anchor="{anchor}">'
            f"{escape(_short(other.title))}</text></a>"
        )
    more = ""
    if hidden > 0:
        more = (
            f'<text class="glossterm-nb-more" x="{WIDTH - 8}" y="{HEIGHT - 8}" '
            f'text-anchor="end">+{hidden}</text>'
        )
    center = (
        f'<g class="glossterm-nb-center"><circle cx="{cx:.0f}" cy="{cy:.0f}" r="9"/>'
        f'<text x="{cx:.0f}" y="{cy + 24:.0f}" text-anchor="middle">'
        f"{escape(_short(term.title))}</text></g>"
    )
    caption_id = f"glossterm-nb-{escape(term.anchor)}"
    caption = escape(words["neighbourhood_caption"].format(title=term.title))
    svg = (
        f'<svg class="glossterm-nb-svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-labelledby="{caption_id}">{"".join(lines)}{center}{"".join(points)}{more}</svg>'
    )
    return Markup(
        f'<figure class="glossterm-neighbourhood">{svg}'
        f'<figcaption id="{caption_id}">{caption}</figcaption></figure>'
    )
