"""Pandoc's title block: up to three ``%`` lines (title, authors, date) opening a file.

MyST reads ``% text`` as a comment, so this block rule must come before MyST's
comment rule, and it only matches at the very first line of a document.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

TITLE_BLOCK = "pandoc_title_block"
_FIELDS = ("title", "author", "date")


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
    fields: list[list[str]] = []
    line = start_line
    while line < end_line and len(fields) < len(_FIELDS):
        text = _line(state, line)
        if text.startswith("%"):
            fields.append([text[1:].strip()])
        elif text[:1] in (" ", "\t") and text.strip() and fields:
            # Pandoc continues a field on lines that start with a space.
            fields[-1].append(text.strip())
        else:
            break
        line += 1
    token = state.push(TITLE_BLOCK, "", 0)
    token.map = [start_line, line]
    token.meta = {
        name: " ".join(part for part in parts if part)
        for name, parts in zip(_FIELDS, fields, strict=False)
    }
    state.line = line
    return True


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]
