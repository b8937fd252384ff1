"""Tracing the cells of a grid table in a grid of display cells (see :mod:`.grid_table`).

The character grid counts display cells as Pandoc does (wide characters take
two, combining marks none); the tracer follows docutils' corner algorithm.
"""

from __future__ import annotations

import heapq
import unicodedata
from dataclasses import dataclass

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff")
PAD = ""
"""Grid slot standing for the second display column of a wide character."""


class GridTableError(ValueError):
    """A grid table that cannot be parsed.

    ``line`` is the 0-based line, relative to the table's first line, where the
    problem was found; ``message`` says what is wrong there.
    """

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message, line)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        return f"{self.message} (table line {self.line + 1})"


def char_width(char: str) -> int:
    """Display width of one character, as Pandoc (doclayout) counts it."""
    if char in _ZERO_WIDTH or unicodedata.category(char) in ("Mn", "Me"):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 2
    return 1


def display_width(text: str) -> int:
    """Number of display cells ``text`` takes in a monospace font (Pandoc's count)."""
    return sum(char_width(char) for char in text)


def grid_slots(line: str) -> list[str]:
    """Split a line into display cells.

    Each slot holds one character plus any zero-width characters that follow
    it (or, at the start of a line, precede it); a wide character is followed
    by an empty :data:`PAD` slot. A border character therefore only counts as
    one if it stands alone in its slot, as in Pandoc.
    """
    slots: list[str] = []
    pending = ""
    last = -1
    for char in line:
        width = char_width(char)
        if width == 0:
            if last >= 0:
                slots[last] += char
            else:
                pending += char
            continue
        last = len(slots)
        slots.append(pending + char)
        pending = ""
        if width == 2:
            slots.append(PAD)
    if pending:
        slots.append(pending)
    return slots


def describe_slot(slot: str) -> str:
    if slot == PAD:
        return "the second half of a wide character"
    return repr(slot)


@dataclass(frozen=True, slots=True)
class CellBox:
    """A traced cell: the grid positions of its four borders."""

    top: int
    left: int
    bottom: int
    right: int


class CellTracer:
    """Trace the cells of a character grid, following docutils' corner algorithm.

    Start with the table's top-left corner in a queue. For each corner, follow
    the border right to a ``+``, down to a ``+``, left back to the starting
    column and up to the corner; if the border closes, that is a cell, and its
    top-right and bottom-left corners join the queue. ``done[col]`` records the
    last line seen in each text column, so every part of the grid is traced
    once, top to bottom.
    """

    def __init__(self, grid: list[list[str]]) -> None:
        self.grid = grid
        self.bottom = len(grid) - 1
        self.right = len(grid[0]) - 1

    def trace(self) -> list[CellBox]:
        done = [-1] * (self.right + 1)
        corners: list[tuple[int, int]] = [(0, 0)]
        boxes: list[CellBox] = []
        while corners:
            top, left = heapq.heappop(corners)
            if top == self.bottom or left == self.right or top <= done[left]:
                continue
            box = self._scan_right(top, left)
            if box is None:
                continue
            for col in range(left, box.right):
                if done[col] != top - 1:
                    raise GridTableError(
                        f"the cell at column {left + 1} overlaps another cell"
                        f" or leaves a gap above it at column {col + 1}",
                        top,
                    )
                done[col] = box.bottom - 1
            boxes.append(box)
            heapq.heappush(corners, (top, box.right))
            heapq.heappush(corners, (box.bottom, left))
        for col in range(self.right):
            if done[col] != self.bottom - 1:
                raise self._diagnose(done[col] + 1, col)
        return boxes

    def _char(self, line: int, col: int) -> str:
        return self.grid[line][col]

    def _scan_right(self, top: int, left: int) -> CellBox | None:
        for col in range(left + 1, self.right + 1):
            char = self._char(top, col)
            if char == "+":
                bottom = self._scan_down(top, left, col)
                if bottom is not None:
                    return CellBox(top, left, bottom, col)
            elif char != "-":
                return None
        return None

    def _scan_down(self, top: int, left: int, right: int) -> int | None:
        for line in range(top + 1, self.bottom + 1):
            char = self._char(line, right)
            if char == "+":
                if self._scan_left(top, left, line, right):
                    return line
            elif char != "|":
                return None
        return None

    def _scan_left(self, top: int, left: int, bottom: int, right: int) -> bool:
        row = self.grid[bottom]
        if any(row[col] not in ("-", "+") for col in range(left + 1, right)):
            return False
        if row[left] != "+":
            return False
        return all(self._char(line, left) in ("|", "+") for line in range(top + 1, bottom))

    def _diagnose(self, top: int, col: int) -> GridTableError:
        """Explain why the part of the grid starting at ``(top, col)`` could not be traced.

        Of the candidate right borders of the cell whose top-left corner is
        there, take the one whose borders run furthest down before breaking:
        that break is almost always the misplaced character.
        """
        row = self.grid[top]
        left = next((c for c in range(col, -1, -1) if row[c] == "+"), None)
        if left is None:
            return GridTableError(
                f"a cell border is broken: no '+' corner on this line at or before"
                f" column {col + 1}",
                top,
            )
        best = GridTableError(
            f"the cell whose top-left corner is at column {left + 1} is never closed:"
            " its borders do not meet in '+' corners",
            top,
        )
        for right in range(left + 1, self.right + 1):
            char = row[right]
            if char == "+":
                found = self._break_below(top, left, right)
                if found.line > best.line:
                    best = found
            elif char != "-":
                if best.line == top:
                    best = GridTableError(
                        f"expected '-' or '+' in the border at column {right + 1},"
                        f" found {describe_slot(char)}",
                        top,
                    )
                break
        return best

    def _break_below(self, top: int, left: int, right: int) -> GridTableError:
        """Where the borders of the cell spanning columns ``left`` to ``right`` break."""
        bad_bottom: GridTableError | None = None
        for line in range(top + 1, self.bottom + 1):
            for col, side in ((left, "left"), (right, "right")):
                char = self._char(line, col)
                if char not in ("|", "+"):
                    return bad_bottom or GridTableError(
                        f"expected '|' or '+' at column {col + 1} (the {side} border of the"
                        f" cell that starts on table line {top + 1}), found {describe_slot(char)}",
                        line,
                    )
            if bad_bottom is None and self._char(line, left) == self._char(line, right) == "+":
                # Corners on both sides but no closing border between them: either a
                # cell spanning past its neighbours' row border (legal, keep going)
                # or a bottom border with a stray character (the likely error).
                stray = next(
                    (c for c in range(left + 1, right) if self._char(line, c) not in ("-", "+")),
                    None,
                )
                if stray is not None:
                    bad_bottom = GridTableError(
                        f"expected '-' or '+' at column {stray + 1} in the border below the"
                        f" cell that starts on table line {top + 1},"
                        f" found {describe_slot(self._char(line, stray))}",
                        line,
                    )
        return bad_bottom or GridTableError(
            f"the cell that starts on table line {top + 1} is never closed", top
        )
