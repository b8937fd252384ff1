"""markdown-it-py plugin: Pandoc's ``table_captions`` for grid and pipe tables.

A paragraph that starts with ``:`` (not directly followed by punctuation) or
with ``Table:`` / ``table:`` is a table caption when it stands directly before
or directly after a table, blank lines allowed between. The core rule added by
``md.use(table_captions_plugin)`` runs after block parsing, removes such a
paragraph and puts its inline token, without the marker, into the table::

    table_open | grid_table_open
      table_caption_open   tag caption, map of the caption paragraph
        inline             the caption text
      table_caption_close
      thead_open | grid_thead_open ...

Which table gets a paragraph that sits between two tables follows Pandoc,
which reads tables in order and takes a caption after a table only if the
table has none before it: the paragraph is the caption of the table before it,
unless that table already has a caption, in which case it is the caption of the
table after it. A paragraph whose caption text is empty (``:`` alone) stays a
paragraph.

Renderers: a ``table_caption`` child comes first in the table's token tree, so
myst-parser's own ``render_table`` (which takes the first child for the head)
must be wrapped, as :class:`~sphinx_glossterm.reader.pandoc.table_render.TableRenderMixin`
does.

Limitation: markdown-it's pipe-table rule treats a line directly under the
table as one more row, so a caption after a *pipe* table needs a blank line
before it (Pandoc does not); for grid tables the blank line is optional, as in
Pandoc.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from markdown_it.token import Token

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore

__all__ = ["caption_text", "table_captions_plugin"]

TABLE_OPEN_TYPES = frozenset({"table_open", "grid_table_open"})
TABLE_CLOSE_TYPES = frozenset({"table_close", "grid_table_close"})

_MARKER = re.compile(r"(?:[Tt]able:|:)")


def table_captions_plugin(md: MarkdownIt) -> None:
    """Add the ``table_captions`` core rule (after block parsing, before inline parsing)."""
    md.core.ruler.after("block", "table_captions", _table_captions)


def caption_text(paragraph_text: str) -> str | None:
    """The caption in a paragraph's raw text, or ``None`` if it is not a caption.

    ``paragraph_text`` is the content of the paragraph's inline token (already
    stripped of indentation by the paragraph rule).
    """
    match = _MARKER.match(paragraph_text)
    if match is None:
        return None
    rest = paragraph_text[match.end() :]
    # Pandoc: ':' must not be directly followed by punctuation (':.', ':(' ...).
    if match.group() == ":" and rest and unicodedata.category(rest[0]).startswith("P"):
        return None
    rest = rest.strip()
    return rest or None


def _is_caption_paragraph(tokens: list[Token], index: int) -> str | None:
    if not (
        index + 2 < len(tokens)
        and tokens[index].type == "paragraph_open"
        and tokens[index + 1].type == "inline"
        and tokens[index + 2].type == "paragraph_close"
    ):
        return None
    return caption_text(tokens[index + 1].content)


def _matching_open(tokens: list[Token], close_index: int) -> int:
    """Index of the open token matching the close token at ``close_index``."""
    level = tokens[close_index].level
    for index in range(close_index - 1, -1, -1):
        if tokens[index].level == level and tokens[index].nesting == 1:
            return index
    raise ValueError("unbalanced token stream")  # pragma: no cover - markdown-it balances


def _has_caption(tokens: list[Token], open_index: int) -> bool:
    return open_index + 1 < len(tokens) and tokens[open_index + 1].type == "table_caption_open"


def _target_table(tokens: list[Token], index: int) -> int | None:
    """The open-token index of the table the caption paragraph at ``index`` belongs to."""
    if index > 0 and tokens[index - 1].type in TABLE_CLOSE_TYPES:
        before = _matching_open(tokens, index - 1)
        if not _has_caption(tokens, before):
            return before
    after = index + 3
    if (
        after < len(tokens)
        and tokens[after].type in TABLE_OPEN_TYPES
        and not _has_caption(tokens, after)
    ):
        return after
    return None


def _table_captions(state: StateCore) -> None:
    tokens = state.tokens
    index = 0
    while index < len(tokens):
        text = _is_caption_paragraph(tokens, index)
        target = _target_table(tokens, index) if text is not None else None
        if text is None or target is None:
            index += 1
            continue
        paragraph_open, inline, _paragraph_close = tokens[index : index + 3]
        del tokens[index : index + 3]
        if target > index:
            target -= 3
        level = tokens[target].level + 1
        caption_open = Token("table_caption_open", "caption", 1, block=True, level=level)
        caption_open.map = paragraph_open.map
        caption_close = Token("table_caption_close", "caption", -1, block=True, level=level)
        inline.content = text
        inline.level = level + 1
        tokens[target + 1 : target + 1] = [caption_open, inline, caption_close]
        # Continue after what was moved: past the caption paragraph's old place
        # when it went back into an earlier table, at the table itself otherwise.
        index = index + 3 if target < index else target + 1
