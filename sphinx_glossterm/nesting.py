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
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .warnings_ import GlosstermWarning, warning_kwargs

logger = logging.getLogger(__name__)

BLOCK_LIMIT = 100
"""The deepest markdown-it block level parsed as Markdown (two per list level)."""
INLINE_LIMIT = 32
"""The deepest nesting of emphasis, links and the like within one paragraph."""
DEPTH_LIMIT = 150
"""The deepest doctree level kept as nodes."""
TOO_DEEP = "glossterm_too_deep"
TOO_DEEP_INLINE = "glossterm_too_deep_inline"
"""Meta of the text token that replaces inline content nested too deeply."""

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


def nesting_plugin(md: MarkdownIt) -> None:
    """Parse blocks nested up to :data:`BLOCK_LIMIT` levels; keep deeper lines as one token."""
    parse_blocks = md.block.tokenize

    def tokenize(state: StateBlock, start_line: int, end_line: int, *args: Any) -> None:
        if state.level > BLOCK_LIMIT:
            _keep_lines(state, start_line, end_line)
            return
        options = state.md.options
        saved = options["maxNesting"]
        options["maxNesting"] = max(saved, BLOCK_LIMIT + 2)
        try:
            parse_blocks(state, start_line, end_line, *args)
        finally:
            options["maxNesting"] = saved

    md.block.tokenize = tokenize  # type: ignore[method-assign]
    md.core.ruler.push("glossterm_inline_depth", _limit_inline_depth)


def _limit_inline_depth(state: StateCore) -> None:
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        depth = deepest = 0
        for child in token.children:
            depth += child.nesting
            deepest = max(deepest, depth)
        if deepest > INLINE_LIMIT:
            text = Token("text", "", 0, content=token.content, map=token.map)
            text.meta[TOO_DEEP_INLINE] = True
            token.children = [text]


def _keep_lines(state: StateBlock, start_line: int, end_line: int) -> None:
    line = state.skipEmptyLines(start_line)
    if line < end_line:
        token = state.push(TOO_DEEP, "pre", 0)
        token.content = state.getLines(line, end_line, state.blkIndent, False)
        token.map = [line, end_line]
        token.block = True
    state.line = end_line


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
