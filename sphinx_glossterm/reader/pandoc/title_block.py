"""Pandoc's title block: up to three ``%`` lines (title, authors, date) opening a file.

MyST reads ``% text`` as a comment, so this block rule must come before MyST's
comment rule, and it only matches at the very first line of a document.  The
fields are read by :func:`sphinx_glossterm.model.front_matter.title_block_fields`,
which also reads a project's title file for the build.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

from sphinx_glossterm.model.front_matter import title_block_fields

TITLE_BLOCK = "pandoc_title_block"


def title_block_plugin(md: MarkdownIt) -> None:
    """Register the title-block rule ahead of every other block rule."""
    first_rule = md.block.ruler.get_all_rules()[0]
    md.block.ruler.before(first_rule, TITLE_BLOCK, _title_block_rule)


def _title_block_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if start_line != 0 or state.level != 0 or state.parentType != "root":
        return False
    if not _line(state, start_line).startswith("%"):
        return False
    if silent:
        return True
    fields, used = title_block_fields([_line(state, line) for line in range(start_line, end_line)])
    token = state.push(TITLE_BLOCK, "", 0)
    token.map = [start_line, start_line + used]
    token.meta = fields
    state.line = start_line + used
    return True


def _line(state: StateBlock, line: int) -> str:
    # Untrimmed: an indented line continues the field above it.
    return state.src[state.bMarks[line] : state.eMarks[line]]
