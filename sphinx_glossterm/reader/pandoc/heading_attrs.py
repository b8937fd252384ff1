"""Pandoc ``header_attributes``: ``## Title {#id .class key=value}`` on any heading level.

A core rule that runs after block parsing and before inline parsing: it strips a
trailing attribute block from each heading's text and keeps the parsed
:class:`~sphinx_glossterm.reader.pandoc.attributes.Attributes` in ``token.meta``, where
the entry rule and the renderer read them.  A block that is meant as attributes
but malformed stays in the heading text (Pandoc does the same) and the error is
kept in ``meta`` for the renderer to report with the heading's line.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from sphinx_glossterm.reader.pandoc.attributes import (
    AttributeSyntaxError,
    parse_attributes,
    split_trailing_attributes,
)

ATTRS_META = "pandoc_attrs"
ATTRS_ERROR_META = "pandoc_attrs_error"


def heading_attrs_plugin(md: MarkdownIt) -> None:
    """Register the heading-attribute core rule."""
    md.core.ruler.after("block", "pandoc_heading_attrs", _heading_attrs_rule)


def _heading_attrs_rule(state: StateCore) -> None:
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or index + 1 >= len(tokens):
            continue
        inline = tokens[index + 1]
        if inline.type != "inline":
            continue
        split = split_trailing_attributes(inline.content)
        if split is None:
            continue
        text, block = split
        try:
            attrs = parse_attributes(block)
        except AttributeSyntaxError as error:
            token.meta[ATTRS_ERROR_META] = f"malformed attribute block {block!r}: {error}"
            continue
        inline.content = text
        token.meta[ATTRS_META] = attrs
