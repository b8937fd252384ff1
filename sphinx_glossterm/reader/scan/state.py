"""The state of the check's token walk: the entry and section being read, ids, positions.

:class:`WalkerBase` holds what every part of the walk (:mod:`.walker`,
:mod:`.inline`, :mod:`.directives`) uses: where it is, how a warning is noted,
and how ids are registered (as :func:`.nodes.register_id` does on a document).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from docutils.nodes import make_id
from markdown_it import MarkdownIt
from markdown_it.token import Token

from sphinx_glossterm.model.mentions import ProsePiece
from sphinx_glossterm.model.records import Link
from sphinx_glossterm.model.warnings_ import GlosstermWarning
from sphinx_glossterm.reader import entry_rules
from sphinx_glossterm.reader.pandoc.identifiers import html_anchor
from sphinx_glossterm.reader.scan.settings import DocumentRecords, ReadProblem, ScanSettings
from sphinx_glossterm.reader.terminology import terminology


@dataclass
class EntryBuilder:
    """An entry being read: what the domain reads from its node (``_term_from_entry``)."""

    written_id: str | None
    source: str
    line: int | None
    level: int
    classes: tuple[str, ...]
    aliases: tuple[str, ...]
    inferred: bool = False
    translated_from: str = ""
    directive: bool = False
    declared: dict[str, object] = field(default_factory=lambda: terminology({}))
    """Status, replacement and abbreviation as written (:func:`.terminology.terminology`)."""
    title: str = ""
    tagline: str = ""
    has_lead: bool = False
    sections: list[SectionBuilder] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    prose: list[tuple[SectionBuilder | None, list[ProsePiece]]] = field(default_factory=list)
    """Runs of running text, each with the section it is in (``None``: the lead)."""


@dataclass
class SectionBuilder:
    """A section of an entry being read."""

    kind: str | None
    """The type class; ``None`` for an untyped section at section level."""
    source: str
    line: int | None
    explicit_id: str | None = None
    anchor: str = ""
    title: str = ""
    has_body: bool = False


@dataclass
class ScanContext:
    """Where the walker is: the file, the entry and the typed section around a token."""

    source: str
    pandoc: bool
    entry: EntryBuilder | None = None
    section: SectionBuilder | None = None


class WalkerBase:
    """The state of one document's walk; the parts of the walk build on it."""

    def __init__(
        self,
        records: DocumentRecords,
        settings: ScanSettings,
        md: MarkdownIt,
        path: str,
        pandoc: bool,
    ) -> None:
        self.records = records
        self.settings = settings
        self.md = md
        self.ids: set[str] = set()
        self.context = ScanContext(path, pandoc)
        self.outer_files: list[tuple[str, bool]] = []
        """The file (and dialect) around each gathered file being read."""

    # -- positions ---------------------------------------------------------------

    @staticmethod
    def line_of(token: Token, base: int) -> int | None:
        """The 1-based line of ``token`` in its file (``base`` is the line its text starts at)."""
        return token.map[0] + 1 + base if token.map else None

    def warn(self, kind: GlosstermWarning, line: int | None, message: str) -> None:
        """Note a warning at ``line`` of the file being read."""
        self.records.problems.append(ReadProblem(kind, self.context.source, line, message))

    # -- ids, as nodes.register_id on a document's ids ---------------------------------

    def register(self, wanted: str, line: int | None) -> str:
        """Take the anchor for ``wanted`` (or a free variant of it); returns the anchor."""
        anchor = html_anchor(wanted)
        if anchor != wanted:
            self.warn(GlosstermWarning.ID, line, entry_rules.anchor_problem(wanted, anchor))
        candidate = entry_rules.free_anchor(anchor, self.ids.__contains__)
        self.ids.add(candidate)
        return candidate

    def note_explicit(self, written: str, title: str, line: int | None) -> str:
        """A heading's id written by the author: registered, and kept as a link target."""
        anchor = self.register(written, line)
        self.records.anchors.setdefault(written, (title, line, anchor))
        return anchor

    def note_implicit(self, title: str) -> None:
        """A section named by its title (docutils' ``make_id``), when the id is free."""
        implicit = make_id(title)
        if implicit and implicit not in self.ids:
            self.ids.add(implicit)

    # -- the token stream ------------------------------------------------------------

    def step(self, tokens: list[Token], index: int, base: int) -> int:
        """Read the token at ``index``; returns the index of the next one to read."""
        raise NotImplementedError

    def walk(self, tokens: list[Token], base: int) -> None:
        """Read a stream of block tokens; ``base`` is added to their 1-based lines."""
        index = 0
        while index < len(tokens):
            index = self.step(tokens, index, base)

    def step_to_close(
        self,
        tokens: list[Token],
        position: int,
        base: int,
        block: str,
        visit: Callable[[int], None] | None = None,
    ) -> int:
        """Read the tokens from ``position`` to the close of the ``block`` open before it.

        Returns the close token's index (or the end); ``visit`` sees each token
        at this level first.
        """
        depth = 1
        while position < len(tokens):
            kind = tokens[position].type
            if kind == f"{block}_open":
                depth += 1
            elif kind == f"{block}_close":
                depth -= 1
                if depth == 0:
                    break
            if visit is not None:
                visit(position)
            position = self.step(tokens, position, base)
        return position

    def inline(self, token: Token, base: int, title: bool = False) -> str:
        """Read the links of an inline token; its text (see :class:`.inline.InlineReading`)."""
        raise NotImplementedError

    def finish(self, entry: EntryBuilder, term_id: str) -> None:
        """Make the Term record of a read entry (see :class:`.walker.Walker`)."""
        raise NotImplementedError
