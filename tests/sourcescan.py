"""Deliberately simple scanners over term documents, independent of the code under test.

The acceptance tests count what a file declares (term headings, ids, links)
with these line-based scanners and compare the counts with what the build
produced. They know only the few rules of TERM-FORMAT.md they need: ATX
headings with a trailing ``{...}`` attribute block, fenced code blocks
(backticks or tildes) and inline code spans, which hide everything else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

_FENCE_RE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_ATX_RE = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*\{([^{}]*)\}[ \t]*$")
_CODE_SPAN_RE = re.compile(r"(`+)(?:.+?)\1")
_LINK_RE = re.compile(r"\]\(#([^()\s]+)\)")


@dataclass(frozen=True)
class Heading:
    """An ATX heading that ends in a ``{...}`` attribute block."""

    line: int
    level: int
    title: str
    id: str | None
    classes: tuple[str, ...] = field(default=())

    @property
    def is_term(self) -> bool:
        """Whether the heading starts a glossary entry."""
        return "term" in self.classes


@dataclass(frozen=True)
class LinkUse:
    """One ``[text](#Id)`` link."""

    line: int
    target: str


def content_lines(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(line number, line)`` for lines outside fenced code blocks (1-based)."""
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        match = _FENCE_RE.match(line)
        if fence is None:
            if match:
                fence = match.group(1)
                continue
            yield number, line
        elif (
            match
            and match.group(1)[0] == fence[0]
            and len(match.group(1)) >= len(fence)
            and not line.strip().lstrip(fence[0])
        ):
            fence = None


def _parse_attributes(block: str) -> tuple[str | None, tuple[str, ...]]:
    ident: str | None = None
    classes: list[str] = []
    for token in block.split():
        if token.startswith("#") and ident is None:
            ident = token[1:]
        elif token.startswith("."):
            classes.append(token[1:])
    return ident, tuple(classes)


def headings(text: str) -> list[Heading]:
    """All ATX headings with an attribute block, outside code fences."""
    found = []
    for number, line in content_lines(text):
        match = _HEADING_RE.match(line)
        if not match:
            continue
        ident, classes = _parse_attributes(match.group(3))
        found.append(Heading(number, len(match.group(1)), match.group(2), ident, classes))
    return found


def all_headings(text: str) -> list[int]:
    """Line numbers of all ATX headings outside code fences, with or without attributes."""
    return [number for number, line in content_lines(text) if _ATX_RE.match(line)]


def term_headings(text: str) -> list[Heading]:
    """The headings whose attribute block holds the class ``.term``."""
    return [heading for heading in headings(text) if heading.is_term]


def declared_ids(text: str) -> list[str]:
    """Every ``#id`` declared in a heading's attribute block, in order."""
    return [heading.id for heading in headings(text) if heading.id is not None]


def link_uses(text: str) -> list[LinkUse]:
    """Every ``[...](#Id)`` outside code fences and inline code, in order."""
    uses = []
    for number, line in content_lines(text):
        visible = _CODE_SPAN_RE.sub("", line)
        uses.extend(LinkUse(number, target) for target in _LINK_RE.findall(visible))
    return uses


_STUB_RE = re.compile(
    r"\*\*[^*]+\*\* (?:steht für|stands for|Abkürzung für) \W*"
    r"\[(?P<label>[^\]]+)\]\(#(?P<target>[^)]+)\)\W*"
)


@dataclass(frozen=True)
class Stub:
    """An abbreviation stub: its title (the abbreviation), id, long form and its entry's id."""

    title: str
    id: str
    label: str
    target: str


@dataclass
class Corpus:
    """What the scanners find in a folder of term documents (``*.md`` only)."""

    files: dict[str, str]
    """File name -> text."""

    @classmethod
    def read(cls, folder: Path) -> Corpus:
        """Read every ``*.md`` file of *folder*."""
        return cls(
            {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.md"))}
        )

    def declared(self) -> dict[str, list[str]]:
        """Id -> the files declaring it (once per declaration)."""
        result: dict[str, list[str]] = {}
        for name, text in self.files.items():
            for ident in declared_ids(text):
                result.setdefault(ident, []).append(name)
        return result

    def stub_targets(self) -> dict[str, str]:
        """Abbreviation stubs: id -> the id of the entry they stand for."""
        return {stub.id: stub.target for stub in self.stubs()}

    def stubs(self) -> list[Stub]:
        """Abbreviation stubs whose long form is an entry, in file order.

        A stub's text is one sentence, ``**AGI** steht für "[Long form](#Target)".``
        (or "stands for", "Abkürzung für"); the build sends links to the stub there.
        """
        stubs: list[Stub] = []
        for text in self.files.values():
            lines = text.splitlines()
            # A file's first heading with an id is its term heading even without .term.
            first = [h for h in headings(text)[:1] if h.id and h.level in (2, 3)]
            for heading in term_headings(text) or first:
                lead: list[str] = []
                for line in lines[heading.line :]:
                    if line.startswith("#") or line.strip() == "----":
                        break
                    if line.strip():
                        lead.append(line.strip())
                match = _STUB_RE.fullmatch(" ".join(lead))
                if heading.id and match and match["target"] in self.declared():
                    stubs.append(Stub(heading.title, heading.id, match["label"], match["target"]))
        return stubs

    def unresolved_links(
        self, ignore: frozenset[str] = frozenset({"Index"})
    ) -> list[tuple[str, LinkUse]]:
        """``(file, link)`` for each link whose id no file declares (and not in *ignore*)."""
        declared = self.declared()
        return [
            (name, use)
            for name, text in self.files.items()
            for use in link_uses(text)
            if use.target not in declared and use.target not in ignore
        ]
