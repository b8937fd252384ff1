"""The running text of entries, kept by the Markdown reader for ``glossterm check --mentions``.

A mixin of the reader's token walker (:mod:`.scan`): for each inline token of
an entry (not a heading), the text of its ``text`` children, in runs that
code, math, raw HTML, roles and links end (a link's label is no part of any
run), each piece with its source line.  :mod:`sphinx_glossterm.model.mentions`
looks for the names of entries in these runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markdown_it.token import Token

from sphinx_glossterm.model.mentions import ProsePiece
from sphinx_glossterm.reader.inline_lines import LINE_OFFSET


class ProseReader:
    """Keeps an entry's running text; the walker provides ``context`` and ``settings``."""

    if TYPE_CHECKING:
        context: Any
        settings: Any

    def prose_run(self, title: bool) -> list[ProsePiece] | None:
        """A new run of the entry's running text, or ``None`` if this text is not kept."""
        if title or self.context.entry is None or not self.settings.prose:
            return None
        return self.start_run()

    def start_run(self) -> list[ProsePiece]:
        run: list[ProsePiece] = []
        if self.context.entry is not None:
            self.context.entry.prose.append((self.context.section, run))
        return run

    def note_prose(
        self, run: list[ProsePiece], child: Token, link: int | None, block_line: int | None
    ) -> list[ProsePiece]:
        """Keep a text token's text; code, math, HTML, roles and links end the run."""
        kind = child.type
        if link is not None:  # a link's label: the run after the link is a new one
            return run
        if kind == "text":
            run.append(ProsePiece(offset_line(block_line, child), child.content))
        elif kind in ("softbreak", "hardbreak"):
            run.append(ProsePiece(offset_line(block_line, child), " "))
        elif kind == "link_open" or not kind.endswith(("_open", "_close")):
            return self.start_run()
        return run


def offset_line(block_line: int | None, token: Token) -> int | None:
    """The line of an inline token: its block's first line and the token's offset below it."""
    offset = token.meta.get(LINE_OFFSET) if token.meta else None
    return block_line + offset if block_line and offset else block_line
