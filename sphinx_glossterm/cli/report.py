"""The report of ``glossterm check``: what the checks found and what the term graph looks like.

Built from the Term records of a project, whichever reader made them (the
Markdown reader, :mod:`.check_markdown`, or Sphinx, :mod:`.check_sphinx`), and
the warnings logged while reading; :mod:`.check_output` turns it into text or JSON.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.console import strip_colors
from sphinx.util.logging import is_suppressed_warning

from sphinx_glossterm.model.checks import Finding, broken_links, collect_findings, planned_links
from sphinx_glossterm.model.graph import TermGraph
from sphinx_glossterm.model.mentions import (
    EntryProse,
    MentionFinder,
    MentionSuggestion,
    find_mentions,
    unused_entries,
)
from sphinx_glossterm.model.records import Link, LinkKind, Term, relative_path
from sphinx_glossterm.model.suggest import Suggester
from sphinx_glossterm.model.term_index import TermIndex
from sphinx_glossterm.model.translations import Translations
from sphinx_glossterm.model.warnings_ import WARNING_TYPE, GlosstermWarning

if TYPE_CHECKING:
    from sphinx.config import Config

FORMAT_VERSION = 1
"""Version of the JSON report's shape; bumped when a key changes meaning or goes away."""

HUBS = 10
"""How many hubs the report lists."""

SMALL_COMPONENT = 5
"""Components of at most this many entries (other than the largest) are listed by member."""

EXIT_OK, EXIT_PROBLEMS, EXIT_FAILED = 0, 1, 2

MARKDOWN_READER = "markdown"
"""The report's ``reader`` when the Markdown files were scanned (the default)."""
SPHINX_READER = "sphinx"
"""The report's ``reader`` when Sphinx read the project (``--full``, or a fallback)."""

# Findings with a section of their own in the text report.
OWN_SECTION = (GlosstermWarning.UNRESOLVED, GlosstermWarning.DUPLICATE_ID)

# One warning of Sphinx's warning stream: "<location>: WARNING: <message> [type.subtype]";
# a location is a path, "path:line" or "path:" (no line), and may be missing.
_WARNING_START = re.compile(r"^(?:(?P<location>.+?): )?(?P<level>WARNING|ERROR|CRITICAL): ", re.M)
_TYPE_SUFFIX = re.compile(r" \[(?P<type>[\w-]+)(?:\.(?P<subtype>[\w-]+))?\]$")


class ProjectError(Exception):
    """The project could not be read; the message says why."""


NOT_LOADED = "the project does not load sphinx_glossterm (add it to extensions in conf.py)"


def no_root_note(root: str) -> str:
    """The report's note for a project without a root document, whichever reader read it."""
    return (
        f"the project has no root document {root!r}: sphinx-build generates one "
        "(glossterm_generate_root) or fails; toctree membership was not checked"
    )


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True, slots=True)
class Referrer:
    """One use of a broken link target."""

    file: str
    line: int | None
    kind: LinkKind
    label: str
    entry: str | None
    """Id of the entry the link is written in; ``None`` for a link on an ordinary page."""


@dataclass(frozen=True, slots=True)
class BrokenTarget:
    """A link target nothing declares, with every use and the likely ids."""

    target: str
    referrers: tuple[Referrer, ...]
    suggestions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Place:
    """One of the entries sharing an id."""

    file: str
    line: int | None
    title: str
    chosen: bool
    """Whether links to the id go to this entry."""


@dataclass(frozen=True, slots=True)
class Problem:
    """A ``glossterm`` finding, from the checks or logged while reading."""

    subtype: str
    file: str | None
    line: int | None
    message: str
    from_checks: bool
    """Made by :func:`~.checks.collect_findings` (else: logged by Sphinx while reading)."""


@dataclass(frozen=True, slots=True)
class LoggedWarning:
    """One entry of Sphinx's warning stream."""

    level: str
    file: str | None
    line: int | None
    message: str
    type: str | None
    subtype: str | None

    @property
    def key(self) -> tuple[str, int, str, str]:
        """What identifies a logged glossterm finding: file, line, subtype, message."""
        return self.file or "", self.line or 0, self.subtype or "", self.message


@dataclass
class Report:
    """Everything ``glossterm check`` tells about a project."""

    srcdir: str
    reader: str = SPHINX_READER
    """Which reader made the records: :data:`MARKDOWN_READER` or :data:`SPHINX_READER`."""
    notes: list[str] = field(default_factory=list)
    pages: int = 0
    entries: int = 0
    entry_files: int = 0
    links: Counter[LinkKind] = field(default_factory=Counter)
    broken: list[BrokenTarget] = field(default_factory=list)
    planned: list[tuple[str, int]] = field(default_factory=list)
    duplicates: dict[str, list[Place]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[LoggedWarning] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    orphans: list[str] = field(default_factory=list)
    dead_ends: list[str] = field(default_factory=list)
    components: list[list[str]] = field(default_factory=list)
    hubs: list[tuple[str, int]] = field(default_factory=list)
    records: ProjectRecords | None = field(default=None, repr=False, compare=False)
    """What the reader found (``glossterm check --fix`` edits the files from it)."""
    mentions: list[MentionSuggestion] | None = None
    """Unlinked mentions of entries (``--mentions``; ``None`` when not asked for)."""
    unused: list[str] = field(default_factory=list)
    """Entries nobody links to and no other entry mentions (``--mentions``)."""

    @property
    def broken_uses(self) -> int:
        """How many link uses name a broken target."""
        return sum(len(target.referrers) for target in self.broken)

    @property
    def small_components(self) -> list[list[str]]:
        """The components listed by member: all but the largest, of few entries."""
        return [group for group in self.components[1:] if len(group) <= SMALL_COMPONENT]

    @property
    def status(self) -> int:
        """The exit status: 1 when anything was found or warned, else 0."""
        found = self.problems or self.warnings or self.broken or self.duplicates
        return EXIT_PROBLEMS if found else EXIT_OK

    def findings_by_subtype(self) -> dict[str, list[Problem]]:
        """Every glossterm finding by subtype, subtypes sorted, each list in file order."""
        groups: dict[str, list[Problem]] = {}
        for problem in sorted(self.problems, key=_problem_order):
            groups.setdefault(problem.subtype, []).append(problem)
        return dict(sorted(groups.items()))

    def counts(self) -> dict[str, int]:
        """The numbers at the top of the report."""
        return {
            "pages": self.pages,
            "entries": self.entries,
            "entry_files": self.entry_files,
            "links": sum(self.links.values()),
            "see_also_links": self.links[LinkKind.SEE_ALSO],
            "inline_links": self.links[LinkKind.MENTION],
            "broken_targets": len(self.broken),
            "broken_uses": self.broken_uses,
            "planned_targets": len(self.planned),
            "planned_uses": sum(uses for _, uses in self.planned),
            "duplicate_ids": len(self.duplicates),
            "findings": len(self.problems),
            "warnings": len(self.warnings),
            "orphans": len(self.orphans),
            "dead_ends": len(self.dead_ends),
            "components": len(self.components),
        }


def _problem_order(problem: Problem) -> tuple[str, int, str, str]:
    return problem.file or "", problem.line or 0, problem.subtype, problem.message


@dataclass(frozen=True, slots=True)
class ProjectRecords:
    """What a reader found in a project: the records the report is made of."""

    srcdir: Path
    pages: int
    """How many documents were read."""
    index: TermIndex
    graph: TermGraph
    page_links: list[Link]
    """Term links written outside entries, in document order (see ``checks.ordered_page_links``)."""
    config: Config
    """The project's configuration: ``suppress_warnings`` and the ``glossterm_*`` values."""
    suggestions: dict[str, tuple[str, ...]] | None = None
    """Suggestions for unknown targets known already (see :class:`~..model.suggest.Suggester`)."""
    prose: tuple[EntryProse, ...] | None = None
    """The entries' running text, read for ``--mentions`` (else ``None``)."""
    translations: Translations | None = None
    """The other languages' entries, when the checks are not in the warnings (Markdown reader)."""


def build_report(
    records: ProjectRecords,
    logged: list[LoggedWarning],
    notes: Iterable[str] = (),
    reader: str = SPHINX_READER,
) -> Report:
    """The report on a project: checks, warnings logged while reading, and the term graph."""
    index, graph, page_links, config = (
        records.index,
        records.graph,
        records.page_links,
        records.config,
    )
    suppressed = set(config.suppress_warnings)

    def shown(kind: GlosstermWarning) -> bool:
        return not is_suppressed_warning(WARNING_TYPE, kind.value, suppressed)

    suggest = Suggester(index.terms, records.suggestions)
    report = Report(srcdir=str(records.srcdir), reader=reader, notes=list(notes))
    report.records = records
    report.pages = records.pages
    report.entries = len(index.terms)
    report.entry_files = len({term.source for term in index.terms})
    report.links = Counter(link.kind for term in index.terms for link in term.links)
    report.links.update(link.kind for link in page_links)
    if shown(GlosstermWarning.UNRESOLVED):
        report.broken = _broken_targets(
            broken_links(index, page_links, config), index.terms, suggest
        )
    planned = Counter(link.target for link in planned_links(index, page_links, config))
    report.planned = sorted(planned.items(), key=lambda item: (-item[1], item[0]))
    if shown(GlosstermWarning.DUPLICATE_ID):
        report.duplicates = {
            term_id: [
                Place(term.source, term.line, term.title, term is index.by_id[term_id])
                for term in sorted(terms, key=lambda t: (t.source, t.line or 0))
            ]
            for term_id, terms in sorted(index.duplicates.items())
        }
    findings = [f for f in collect_findings(index, page_links, config, suggest) if shown(f.kind)]
    if records.translations is not None:
        findings += [
            Finding(f.source, f.line or 0, f.kind, f.message)
            for f in records.translations.findings(index.by_id.values())
            if shown(f.kind)
        ]
    report.problems, report.warnings = _sort_out(findings, logged)
    report.titles = {key: term.title for key, term in graph.nodes.items()}
    report.orphans = list(graph.orphans)
    report.dead_ends = list(graph.dead_ends)
    report.components = [list(group) for group in graph.components]
    report.hubs = graph.hubs(HUBS)
    if records.prose is not None:
        report.mentions, report.unused = _mentions(records, page_links)
    return report


def _mentions(
    records: ProjectRecords, page_links: list[Link]
) -> tuple[list[MentionSuggestion], list[str]]:
    """The unlinked mentions and the unused entries (``--mentions``)."""
    index, config = records.index, records.config
    finder = MentionFinder(
        index.by_id.values(),
        config.language,
        config.glossterm_mention_min_length,
        config.glossterm_mention_stop_words,
    )
    suggestions = find_mentions(records.prose or (), index.by_id, finder)
    linked = [link.target for term in index.terms for link in term.links if link.target != term.id]
    linked += [link.target for link in page_links]
    return suggestions, unused_entries(index.by_id.values(), linked, suggestions)


def _broken_targets(
    broken: dict[str, list[Link]], terms: Iterable[Term], suggest: Callable[[str], tuple[str, ...]]
) -> list[BrokenTarget]:
    """Broken targets, most used first, then by name; each use in file and line order."""
    written_in = {id(link): term.id for term in terms for link in term.links}
    targets = []
    for target, links in broken.items():
        uses = [
            Referrer(link.source, link.line, link.kind, link.label, written_in.get(id(link)))
            for link in links
        ]
        uses.sort(key=lambda use: (use.file, use.line or 0, use.label))
        targets.append(BrokenTarget(target, tuple(uses), suggest(target)))
    return sorted(targets, key=lambda item: (-len(item.referrers), item.target))


def _sort_out(
    findings: list[Finding], logged: list[LoggedWarning]
) -> tuple[list[Problem], list[LoggedWarning]]:
    """Glossterm findings (checked and logged) apart from every other warning.

    The checks' findings are also in the warning stream (``run_checks`` logs
    them); each is matched there once, by place, subtype and message, so that
    it is counted once.
    """
    problems = [
        Problem(f.kind.value, f.source, f.line or None, f.message, from_checks=True)
        for f in findings
    ]
    pending = Counter((f.source, f.line or 0, f.kind.value, f.message) for f in findings)
    others: list[LoggedWarning] = []
    for warning in logged:
        if warning.type != WARNING_TYPE:
            others.append(warning)
        elif pending[warning.key] > 0:
            pending[warning.key] -= 1
        else:
            problems.append(
                Problem(
                    warning.subtype or "",
                    warning.file,
                    warning.line,
                    warning.message,
                    from_checks=False,
                )
            )
    problems.sort(key=_problem_order)
    others.sort(key=lambda w: (w.file or "", w.line or 0, w.type or "", w.message))
    return problems, others


def parse_warnings(text: str, srcdir: Path) -> list[LoggedWarning]:
    """The entries of a Sphinx warning stream; a message may span several lines."""
    text = strip_colors(text)
    starts = list(_WARNING_START.finditer(text))
    parsed = []
    # Text before the first warning (none, from Sphinx's own handler) is kept, not lost.
    leading = text[: starts[0].start() if starts else len(text)].strip()
    if leading:
        parsed.append(LoggedWarning("WARNING", None, None, leading, None, None))
    for number, start in enumerate(starts):
        end = starts[number + 1].start() if number + 1 < len(starts) else len(text)
        message = text[start.end() : end].rstrip()
        suffix = _TYPE_SUFFIX.search(message)
        kind, subtype = (suffix["type"], suffix["subtype"]) if suffix else (None, None)
        if suffix:
            message = message[: suffix.start()]
        file, line = _split_location(start["location"], srcdir)
        parsed.append(LoggedWarning(start["level"], file, line, message, kind, subtype))
    return parsed


def _split_location(location: str | None, srcdir: Path) -> tuple[str | None, int | None]:
    if not location:
        return None, None
    path, colon, line = location.rpartition(":")
    if not colon or not (line.isdigit() or line == ""):
        path, line = location, ""
    if Path(path).is_absolute():
        # os.path, not Path.relative_to: a gathered file may lie outside the project.
        path = relative_path(path, srcdir)
    return path, int(line) if line else None


# --------------------------------------------------------------------------- rendering
