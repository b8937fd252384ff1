"""The markdown-it side of the nesting limits (see :mod:`.nesting`): Sphinx-free.

Blocks nested deeper than :data:`BLOCK_LIMIT` are kept as one
``glossterm_too_deep`` token, inline content nested deeper than
:data:`INLINE_LIMIT` as its source text; the renderer warns about both.
"""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

BLOCK_LIMIT = 100
"""The deepest markdown-it block level parsed as Markdown (two per list level)."""
INLINE_LIMIT = 32
"""The deepest nesting of emphasis, links and the like within one paragraph."""
TOO_DEEP = "glossterm_too_deep"
TOO_DEEP_INLINE = "glossterm_too_deep_inline"
"""Meta of the text token that replaces inline content nested too deeply."""


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
