"""What the fixers work on: the project's records, its files, and the edits planned so far.

Every edit is planned against the file as read (see-also lists by their
items, other lines by a replacement), and applied at the end by
:meth:`FixProject.results`, so fixers never see shifted line numbers.  A
file in which a needed edit is not safe is left alone as a whole and named
with the reason (:meth:`FixProject.skip`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_glossterm.cli.fix.sources import HEADING, Item, SeeAlsoList, SourceText
from sphinx_glossterm.model.checks import all_links, is_known
from sphinx_glossterm.model.options import section_types
from sphinx_glossterm.model.records import Link, LinkKind, Term
from sphinx_glossterm.model.warnings_ import GlosstermWarning

if TYPE_CHECKING:
    from sphinx.config import Config

    from sphinx_glossterm.cli.report import ProjectRecords
    from sphinx_glossterm.model.mentions import MentionSuggestion
    from sphinx_glossterm.model.term_index import TermIndex


@dataclass(frozen=True, slots=True)
class Change:
    """One edit a fixer made (or, with ``--diff``, would make)."""

    source: str
    line: int
    kind: str
    """The finding the edit answers: a warning subtype, or ``mention`` (``--fix --mentions``)."""
    message: str


@dataclass(frozen=True, slots=True)
class FileResult:
    """A file's bytes before and after the fixes."""

    source: str
    path: Path
    before: list[str]
    after: list[str]
    data: bytes


@dataclass
class FixProject:
    """The records of one project and the edits the fixers plan for its files."""

    records: ProjectRecords
    mentions: list[MentionSuggestion] | None = None
    """The unlinked mentions to link (``--fix --mentions``); ``None``: none asked for."""
    changes: list[Change] = field(default_factory=list)
    skipped: dict[str, list[str]] = field(default_factory=dict)
    """Files left alone: their name and why."""
    _files: dict[str, SourceText] = field(default_factory=dict)
    _lists: dict[tuple[str, int | None], SeeAlsoList | None] = field(default_factory=dict)
    _line_edits: dict[str, dict[int, str]] = field(default_factory=dict)
    _labels: dict[tuple[str, int, str], str] = field(default_factory=dict)
    _list_items: set[tuple[str, int, str]] | None = None

    def __post_init__(self) -> None:
        link_types = {
            name for name, kind in section_types(self.config).items() if kind.render == "links"
        }
        self._link_types = link_types
        for term in self.index.terms:
            for link in term.see_also:
                self._labels[(link.source, link.line or 0, link.target)] = link.label

    @property
    def config(self) -> Config:
        return self.records.config

    @property
    def index(self) -> TermIndex:
        return self.records.index

    @property
    def index_id(self) -> str:
        return str(self.config.glossterm_index_id)

    def is_known(self, target: str) -> bool:
        """Whether a link to ``target`` resolves (an entry, an anchor, the index)."""
        return is_known(target, self.index, self.index_id)

    def links(self) -> list[Link]:
        """Every term link of the project."""
        return all_links(self.index, self.records.page_links)

    def file(self, source: str) -> SourceText:
        """The file ``source`` (relative to the source folder), read once."""
        if source not in self._files:
            encoding = str(getattr(self.config, "source_encoding", "utf-8-sig"))
            self._files[source] = SourceText.read(source, self.records.srcdir / source, encoding)
        return self._files[source]

    def see_also_of(self, term: Term) -> SeeAlsoList | None:
        """The entry's see-also list, as written; ``None`` (and the file named) if unsafe."""
        key = (term.source, term.line)
        if key not in self._lists:
            self._lists[key] = self._read_list(term)
        return self._lists[key]

    def see_also_lists(self) -> list[SeeAlsoList]:
        """The see-also lists of every entry that has one the fixers can edit."""
        found = (self.see_also_of(term) for term in self.index.terms)
        return [see_also for see_also in found if see_also is not None]

    def in_see_also_list(self, link: Link) -> bool:
        """Whether ``link`` is an item of a see-also list the fixers edit as a list."""
        if link.kind is not LinkKind.SEE_ALSO:
            return False
        if self._list_items is None:
            self._list_items = {
                (see_also.source.source, item.line, item.written_target)
                for see_also in self.see_also_lists()
                for item in see_also.written
            }
        return (link.source, link.line or 0, link.target) in self._list_items

    def label_of(self, see_also: SeeAlsoList, item: Item) -> str:
        """The item's label as the reader saw it (markup resolved), for sorting."""
        key = (see_also.source.source, item.line, item.written_target)
        return self._labels.get(key, item.label)

    def record(
        self, see_also: SeeAlsoList, line: int, kind: GlosstermWarning, message: str
    ) -> None:
        """Note a change to ``see_also`` (made by the caller)."""
        self.changes.append(Change(see_also.source.source, line, _name(kind), message))

    def edit_line(
        self, source: str, line: int, old: str, new: str, kind: GlosstermWarning | str, message: str
    ) -> None:
        """Replace ``old`` by ``new`` in line ``line`` (1-based) of ``source``."""
        text = self.file(source)
        if text.problem is not None or not 0 < line <= len(text.lines):
            self.skip(source, text.problem or f"line {line} is not in the file")
            return
        edits = self._line_edits.setdefault(source, {})
        current = edits.get(line, text.lines[line - 1])
        if old not in current:
            self.skip(source, f"line {line} does not read as the reader saw it")
            return
        edits[line] = current.replace(old, new)
        self.changes.append(Change(source, line, _name(kind), message))

    def line_text(self, source: str, line: int) -> str | None:
        """Line ``line`` (1-based) of ``source`` with the edits planned so far; ``None`` if none."""
        text = self.file(source)
        if text.problem is not None or not 0 < line <= len(text.lines):
            return None
        return self._line_edits.get(source, {}).get(line, text.lines[line - 1])

    def skip(self, source: str, reason: str) -> None:
        """Leave ``source`` alone, and say why."""
        reasons = self.skipped.setdefault(source, [])
        if reason not in reasons:
            reasons.append(reason)

    def results(self) -> list[FileResult]:
        """The files the fixers changed, with their new bytes (skipped files left out)."""
        by_source: dict[str, list[SeeAlsoList]] = {}
        for see_also in self.see_also_lists():
            if see_also.changed():
                by_source.setdefault(see_also.source.source, []).append(see_also)
        results: list[FileResult] = []
        for source in sorted(set(by_source) | set(self._line_edits)):
            text = self.file(source)
            lines = list(text.lines)
            for line, new in self._line_edits.get(source, {}).items():
                lines[line - 1] = new
            for see_also in sorted(by_source.get(source, []), key=lambda s: -s.first):
                if see_also.problem is not None:
                    self.skip(source, see_also.problem)
                    continue
                rendered = see_also.rendered()
                if rendered is None:
                    self.skip(source, "the see-also items end in different separators")
                    continue
                lines[see_also.first : see_also.first + len(see_also.written)] = rendered
            if source in self.skipped:
                continue
            results.append(FileResult(source, text.path, text.lines, lines, text.encode(lines)))
        skipped = set(self.skipped)
        self.changes = [change for change in self.changes if change.source not in skipped]
        return results

    def _read_list(self, term: Term) -> SeeAlsoList | None:
        headings = [section for section in term.sections if section.type in self._link_types]
        if not headings:
            return None
        text = self.file(term.source)
        if text.problem is not None:
            self.skip(term.source, text.problem)
            return None
        if len(headings) > 1:
            self.skip(term.source, f"the entry {term.id!r} has more than one see-also list")
            return None
        line = headings[0].line or 0
        if not 0 < line <= len(text.lines) or not HEADING.match(text.lines[line - 1]):
            self.skip(term.source, f"the see-also heading of {term.id!r} is not at line {line}")
            return None
        see_also = SeeAlsoList.read(text, line - 1)
        if see_also.problem is not None:
            # The fixers still see the list as the reader did, so that a file whose
            # list needs a fix is named; it is not rewritten.
            see_also.items = [
                Item(link.label, link.target, f"[{link.label}](#{link.target})", link.line or 0)
                for link in term.see_also
            ]
            see_also.written = list(see_also.items)
            see_also.written_lines = [(item.text(), item.line) for item in see_also.items]
        return see_also


def _name(kind: GlosstermWarning | str) -> str:
    return kind.value if isinstance(kind, GlosstermWarning) else kind
