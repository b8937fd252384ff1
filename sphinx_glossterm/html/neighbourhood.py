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

from sphinx_glossterm.html.links import anchor_url
from sphinx_glossterm.model.collation import sort_key
from sphinx_glossterm.model.graph import TermGraph

MAX_NEIGHBOURS = 16
WIDTH, HEIGHT = 640, 300
# The phone drawing's width: about a phone's reading column, so names keep their size.
NARROW_WIDTH = 340
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


def _node(
    url: str, direction: str, x: float, y: float, label: str, anchor: str, dx: int, dy: int
) -> str:
    return (
        f'<a class="glossterm-nb-node glossterm-link glossterm-nb-{direction}" '
        f'href="{escape(url)}">'
        f'<circle cx="{x:.0f}" cy="{y:.0f}" r="6"/>'
        f'<text x="{x + dx:.0f}" y="{y + dy:.0f}" text-anchor="{anchor}">'
        f"{escape(_short(label))}</text></a>"
    )


def _edge(direction: str, x1: float, y1: float, x2: float, y2: float) -> str:
    return (
        f'<line class="glossterm-nb-edge glossterm-nb-{direction}" '
        f'x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}"/>'
    )


def _centre(title: str, x: float, y: float, dy: int, anchor: str = "middle") -> str:
    return (
        f'<g class="glossterm-nb-center"><circle cx="{x:.0f}" cy="{y:.0f}" r="9"/>'
        f'<text x="{x:.0f}" y="{y + dy:.0f}" text-anchor="{anchor}">'
        f"{escape(_short(title))}</text></g>"
    )


def _wide(term_title: str, shown: list[tuple[str, str, str]], more: str, caption_id: str) -> str:
    """The neighbours on an ellipse around the entry: for screens wider than a phone."""
    cx, cy, rx, ry = WIDTH / 2, HEIGHT / 2, WIDTH / 2 - 150, HEIGHT / 2 - 34
    lines, points = [], []
    for number, (title, url, direction) in enumerate(shown):
        angle = -math.pi / 2 + 2 * math.pi * number / len(shown)
        x, y = cx + rx * math.cos(angle), cy + ry * math.sin(angle)
        lines.append(_edge(direction, cx, cy, x, y))
        cos = math.cos(angle)
        anchor = "start" if cos > 0.2 else "end" if cos < -0.2 else "middle"
        dx = 9 if anchor == "start" else -9 if anchor == "end" else 0
        dy = 4 if anchor != "middle" else (-10 if math.sin(angle) < 0 else 17)
        points.append(_node(url, direction, x, y, title, anchor, dx, dy))
    if more:
        more = (
            f'<text class="glossterm-nb-more" x="{WIDTH - 8}" y="{HEIGHT - 8}" '
            f'text-anchor="end">{more}</text>'
        )
    return (
        f'<svg class="glossterm-nb-svg glossterm-nb-wide" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-labelledby="{caption_id}">{"".join(lines)}{_centre(term_title, cx, cy, 24)}'
        f"{''.join(points)}{more}</svg>"
    )


def _narrow(term_title: str, shown: list[tuple[str, str, str]], more: str, caption_id: str) -> str:
    """The neighbours in a column right of the entry: on a phone, at the text's own size.

    Scaled down to a phone's width the ellipse's names would be some 6 px tall;
    this drawing is about as wide as a phone, so its names stay 13 px.
    """
    row = 28
    height = max(row * len(shown) + (row if more else 0) + 16, 80)
    cx, cy = 18, height / 2
    lines, points = [], []
    for number, (title, url, direction) in enumerate(shown):
        x, y = NARROW_WIDTH - 210, 8 + row / 2 + row * number
        lines.append(_edge(direction, cx, cy, x, y))
        points.append(_node(url, direction, x, y, title, "start", 10, 4))
    if more:
        more = (
            f'<text class="glossterm-nb-more" x="{NARROW_WIDTH - 210}" y="{height - 12}">'
            f"{more}</text>"
        )
    return (
        f'<svg class="glossterm-nb-svg glossterm-nb-narrow" viewBox="0 0 {NARROW_WIDTH} {height}" '
        f'aria-labelledby="{caption_id}">{"".join(lines)}'
        f"{_centre(term_title, cx, cy, -14, 'start')}{''.join(points)}{more}</svg>"
    )


def neighbourhood_svg(
    graph: TermGraph,
    key: str,
    pathto: Callable[..., str],
    words: dict[str, str],
) -> Markup:
    """The figure with the SVGs of ``key``'s neighbourhood, or nothing for an isolated entry.

    Two drawings of the same neighbours, one for wide screens and one for
    phones; the stylesheet shows one (the other is ``display: none``, so it is
    neither seen nor read out).
    """
    rows = neighbour_keys(graph, key)
    if not rows:
        return Markup("")
    term = graph.nodes[key]
    shown = []
    for other_key, direction in rows[:MAX_NEIGHBOURS]:
        other = graph.nodes[other_key]
        shown.append((other.title, anchor_url(pathto, other.docname, other.anchor), direction))
    hidden = len(rows) - MAX_NEIGHBOURS
    more = f"+{hidden}" if hidden > 0 else ""
    caption_id = f"glossterm-nb-{escape(term.anchor)}"
    caption = escape(words["neighbourhood_caption"].format(title=term.title))
    wide = _wide(term.title, shown, more, caption_id)
    narrow = _narrow(term.title, shown, more, caption_id)
    return Markup(
        f'<figure class="glossterm-neighbourhood">{wide}{narrow}'
        f'<figcaption id="{caption_id}">{caption}</figcaption></figure>'
    )
