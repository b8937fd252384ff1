"""The node for inline HTML elements docutils has no node for (``<mark>``, ``<small>``, ...).

It is an ``inline`` with the element's name as its class: Sphinx's translators
look visitors up along the node's class hierarchy, so LaTeX, text and every
other writer show it as an inline (its text, with the class as a LaTeX
``\\DUrole``); the HTML visitor below writes the element itself.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from sphinx_glossterm.reader.rawhtml.tags import ELEMENTS


class html_element(nodes.inline):  # noqa: N801 - docutils node naming
    """An allowed inline HTML element: ``node["tag"]`` is one of :data:`.tags.ELEMENTS`."""


def element(tag: str) -> html_element:
    """An empty ``html_element`` for ``tag`` (which must be allowed)."""
    if ELEMENTS.get(tag) is None or ELEMENTS[tag].node != "html_element":
        raise ValueError(f"<{tag}> is not an html_element tag")
    return html_element(classes=[tag], tag=tag)


def _tag_of(node: html_element) -> str:
    # Written from an allowed name only; anything else degrades to a span.
    tag = node.get("tag", "")
    return tag if tag in ELEMENTS and ELEMENTS[tag].node == "html_element" else "span"


def visit_html_element(translator: HTML5Translator, node: html_element) -> None:
    """``<mark class="mark">``: the element, with the node's ids and classes."""
    translator.body.append(translator.starttag(node, _tag_of(node), ""))


def depart_html_element(translator: HTML5Translator, node: html_element) -> None:
    """The closing tag."""
    translator.body.append(f"</{_tag_of(node)}>")
