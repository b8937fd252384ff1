"""Source files as ``glossterm check --fix`` edits them: lines kept byte for byte.

A file is decoded with the project's ``source_encoding`` (a UTF-8 byte order
mark is kept), split into lines with their own line endings, and written
back from the same pieces: only the lines a fixer changed differ.  A
see-also list is read from the text under the heading the reader found
(:class:`SeeAlsoList`); a list whose lines the fixers cannot take apart
safely (two items on a line, text between items) is marked, and left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

BOM = "\ufeff"
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
END_OF_LINE = re.compile(r"(\r\n|\r|\n)\Z")
ITEM = re.compile(
    r"(?P<body>[ \t]*\[(?P<label>[^\[\]\r\n]+)\]\(#(?P<target>[^()\s]+)\))"
    r"(?P<tail>[ \t]*\|?[ \t]*(?:\r\n|\r|\n)?)\Z"
)
BLANK = re.compile(r"[ \t]*(?:\r\n|\r|\n)?\Z")
HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
THEMATIC_BREAK = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*(?:\r\n|\r|\n)?\Z")


@dataclass
class SourceText:
    """One source file: its lines (with their endings), and how to write them back."""

    source: str
    """The file's name relative to the source folder, as records name it."""
    path: Path
    encoding: str
    lines: list[str]
    bom: bool = False
    problem: str | None = None
    """Why the file cannot be edited (not decodable); ``None`` when it can."""

    @classmethod
    def read(cls, source: str, path: Path, encoding: str) -> SourceText:
        """The file at ``path``; a file that does not decode is kept with its problem."""
        data = path.read_bytes()
        # utf-8-sig would drop the byte order mark: decode as UTF-8 and keep it.
        codec = "utf-8" if encoding.replace("_", "-").lower() == "utf-8-sig" else encoding
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError) as error:
            return cls(source, path, codec, [], problem=f"not readable as {encoding}: {error}")
        bom = text.startswith(BOM)
        return cls(source, path, codec, LINE.findall(text[1:] if bom else text), bom)

    @property
    def newline(self) -> str:
        """The file's line ending (its first one; ``\\n`` for a file without)."""
        for line in self.lines:
            match = END_OF_LINE.search(line)
            if match:
                return match.group(1)
        return "\n"

    def encode(self, lines: list[str]) -> bytes:
        """``lines`` as the file's bytes (same encoding, same byte order mark)."""
        return ((BOM if self.bom else "") + "".join(lines)).encode(self.encoding)


@dataclass
class Item:
    """One item of a see-also list: ``[label](#target)``."""

    label: str
    target: str
    body: str
    """The item as written, indentation included, without the separator."""
    line: int
    """Its line in the file (1-based); 0 for an item a fixer added."""
    written_target: str = ""

    def __post_init__(self) -> None:
        self.written_target = self.written_target or self.target

    def text(self) -> str:
        """The item's text: as written, with a corrected target if a fixer changed it."""
        if self.target == self.written_target:
            return self.body
        return self.body.replace(f"](#{self.written_target})", f"](#{self.target})", 1)


@dataclass
class SeeAlsoList:
    """The see-also list of one entry, as its lines are written."""

    source: SourceText
    heading: int
    """Index of the heading line in ``source.lines``."""
    first: int = 0
    """Index of the first item line."""
    items: list[Item] = field(default_factory=list)
    tails: list[str] = field(default_factory=list)
    """What follows each item on its line (separator, spaces, line ending), by position."""
    problem: str | None = None
    """Why the list cannot be rewritten safely; ``None`` when it can."""
    written: list[Item] = field(default_factory=list)
    """The items read (fixers may change their targets; see ``written_lines``)."""
    written_lines: list[tuple[str, int]] = field(default_factory=list)
    """The text and line of each item as read."""

    @classmethod
    def read(cls, source: SourceText, heading: int) -> SeeAlsoList:
        """The list under the heading at index ``heading``."""
        found = cls(source, heading, first=heading + 1)
        lines = source.lines
        index = heading + 1
        while index < len(lines) and BLANK.match(lines[index]):
            index += 1
        found.first = index
        while index < len(lines):
            match = ITEM.match(lines[index])
            if not match:
                break
            found.items.append(Item(match["label"], match["target"], match["body"], index + 1))
            found.tails.append(match["tail"])
            index += 1
        found.written = list(found.items)
        found.written_lines = [(item.text(), item.line) for item in found.items]
        found.problem = _list_problem(lines, index, found.items)
        return found

    def changed(self) -> bool:
        """Whether the fixers changed the list."""
        return [(item.text(), item.line) for item in self.items] != self.written_lines

    def rendered(self) -> list[str] | None:
        """The list's new lines, or ``None`` if its separators follow no pattern."""
        tails = self.tails
        if not tails:
            return None
        if len(set(tails)) == 1:
            middle = last = tails[0]
        elif len(set(tails[:-1])) == 1:
            middle, last = tails[0], tails[-1]
        else:
            return None
        if not END_OF_LINE.search(middle):
            middle += self.source.newline
        count = len(self.items)
        return [
            item.text() + (last if position == count - 1 else middle)
            for position, item in enumerate(self.items)
        ]


def _list_problem(lines: list[str], end: int, items: list[Item]) -> str | None:
    """Why the list that ends before ``lines[end]`` cannot be rewritten, or ``None``."""
    if not items:
        return "the see-also list has no item of the form [label](#id) on a line of its own"
    index = end
    if index < len(lines) and not _ends_list(lines[index]):
        return f"line {index + 1} of the see-also list is not one [label](#id) item"
    while index < len(lines) and BLANK.match(lines[index]):
        index += 1
    if index < len(lines) and "](#" in lines[index] and not _ends_list(lines[index]):
        return f"the see-also list goes on after a blank line (line {index + 1})"
    return None


def _ends_list(line: str) -> bool:
    return bool(BLANK.match(line) or HEADING.match(line) or THEMATIC_BREAK.match(line))
