"""Deep nesting: kept as literal text with a warning, never dropped, never a crash.

Two limits protect a build from a document nested without end (a list of
lists of lists ..., ``>>>>>>`` quotes, emphasis inside emphasis):

* markdown-it stops parsing blocks nested deeper than its ``maxNesting``
  option (20 levels in CommonMark mode, about nine nested lists) and silently
  drops *the rest of the document*.  :func:`nesting_plugin` lets blocks nest up
  to :data:`BLOCK_LIMIT` levels (a 50-level nested list) and keeps the lines of
  anything deeper as a ``glossterm_too_deep`` token, which the renderer shows
  as a literal block with a ``glossterm.nesting`` warning.
* markdown-it nests emphasis without limit (``*a *a *a … x* b* b*``), and
  building the token tree recurses per level: a paragraph whose inline
  content nests deeper than :data:`INLINE_LIMIT` is kept as its source text,
  with a warning.
* Sphinx pickles every doctree, and pickling recurses once per level: a
  doctree much deeper than about 180 levels fails the whole build with a
  RecursionError.  :class:`LimitDepth` turns whatever lies deeper than
  :data:`DEPTH_LIMIT` (from nested directives, say) into plain text, again
  with a warning.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from sphinx_glossterm.model.warnings_ import GlosstermWarning, warning_kwargs
from sphinx_glossterm.reader.nesting_rule import (
    BLOCK_LIMIT,
    INLINE_LIMIT,
    TOO_DEEP,
    TOO_DEEP_INLINE,
    nesting_plugin,
)

__all__ = [
    "BLOCK_LIMIT",
    "DEPTH_LIMIT",
    "INLINE_LIMIT",
    "TOO_DEEP",
    "TOO_DEEP_INLINE",
    "LimitDepth",
    "flatten",
    "nesting_plugin",
]

logger = logging.getLogger(__name__)

DEPTH_LIMIT = 150
"""The deepest doctree level kept as nodes."""

# Nodes whose children must be of one kind (items, rows): a cut goes below them.
_STRUCTURE = (
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.definition_list,
    nodes.definition_list_item,
    nodes.field_list,
    nodes.field,
    nodes.option_list,
    nodes.option_list_item,
    nodes.table,
    nodes.tgroup,
    nodes.thead,
    nodes.tbody,
    nodes.row,
)


class LimitDepth(SphinxTransform):
    """Replace what lies deeper than :data:`DEPTH_LIMIT` in a doctree by its text."""

    default_priority = 880  # after the parsers' transforms, before the doctree is stored

    def apply(self, **kwargs: Any) -> None:
        stack: list[tuple[nodes.Element, int]] = [(self.document, 0)]
        while stack:
            node, depth = stack.pop()
            if depth >= DEPTH_LIMIT and not isinstance(node, _STRUCTURE):
                flatten(node)
                continue
            stack.extend(
                (child, depth + 1) for child in node.children if isinstance(child, nodes.Element)
            )


def flatten(node: nodes.Element) -> None:
    """Keep only the text of everything inside ``node``, with a warning."""
    if not any(isinstance(child, nodes.Element) for child in node.children):
        return
    text = node.astext()
    if isinstance(node, nodes.TextElement):
        node.children = []
        node += nodes.Text(text)
    else:
        node.children = []
        node += nodes.paragraph(text, text)
    logger.warning(
        "the document is nested more than %d levels deep here; the deeper content "
        "is kept as plain text",
        DEPTH_LIMIT,
        location=node,
        **warning_kwargs(GlosstermWarning.NESTING),
    )
