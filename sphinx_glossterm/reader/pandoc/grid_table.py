"""Parse a Pandoc grid table from its source lines into a plain model.

This module has no Sphinx, docutils or markdown-it import: it turns the lines of
one table into a :class:`GridTable` (columns, head, body and foot rows, cells
with their spans and text) or raises :class:`GridTableError`, the only
exception it raises, carrying the 0-based line (relative to the table's first
line) where the table went wrong.

What it accepts is what Pandoc 3's ``grid_tables`` extension accepts (Pandoc
uses the ``gridtables`` library; its rules are reproduced here):

* The first line is a border ``+---+---+``; the table is every following line
  that starts with ``+`` or ``|`` (a blank line, or any other line, ends it).
* A line of ``=`` segments (``+===+===+``) is a *part separator*. Rows above the
  first one are the table head. If the last line is a part separator and there
  is another one before it, the rows below that other one are the table foot.
  So ``+===+`` ends the foot in the common three-separator layout, and (as in
  Pandoc) a table whose only separators are the head separator and a ``=``
  bottom line has its body rows in the foot, and a table whose only ``=`` line
  is its bottom line is all head.
* Colons mark alignment: in the first part separator, or in the top border if
  there is none (``+:---+`` left, ``+:---:+`` centre, ``+---:+`` right). The
  markers are read per separator segment and given to the columns in order.
* Cells span columns and rows by leaving out the ``|`` and ``+---+`` borders
  between them.
* Columns are counted in display cells, as Pandoc does: East Asian wide and
  full-width characters (CJK, most emoji) count two, combining marks and
  zero-width characters none, everything else (umlauts, typographic quotes,
  dashes, ``≥``) one. Tabs are expanded to a tab stop of 4 first, as Pandoc's
  reader does for the whole document.
* A cell's text is its lines with the border removed, right-stripped, and with
  one leading space removed if every line starts with one -- exactly Pandoc's
  rule. So text indented further than that keeps its indentation: four or more
  spaces make an indented code block, in Pandoc and in markdown-it alike.

Where Pandoc silently repairs a broken table (a missing or moved right border is
taken as cell text or cut off, a cell that cannot be traced becomes an empty
cell, overlapping cells overwrite each other, a table that cannot be traced at
all becomes a paragraph), this parser raises :class:`GridTableError` naming the
line, so that the caller can warn and show the lines instead of losing or
garbling content. A moved or missing *inner* border is no error, here as in
Pandoc: tracing finds the smallest closed rectangles, so the cells around it
merge into one spanning cell.

Why not docutils' ``GridTableParser``? It traces cells with the same corner
algorithm, but using it would take more code than it saves: it reports some
malformed tables only through ``assert`` (an ``AssertionError`` that vanishes
under ``python -O``), reports "parse incomplete" without a line, indexes past
the end of short lines (``IndexError``), needs a padded rectangular
``StringList`` with wide characters pre-padded, allows one ``=`` line only, and
removes the common indentation of a cell where Pandoc removes one space. The
tracer below is a compact re-implementation of that algorithm with Pandoc's
extensions and line-precise errors.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from sphinx_glossterm.reader.pandoc.grid_cells import (
    PAD,
    CellBox,
    CellTracer,
    GridTableError,
    describe_slot,
    display_width,
    grid_slots,
)

__all__ = [
    "Align",
    "Cell",
    "Column",
    "GridTable",
    "GridTableError",
    "Row",
    "display_width",
    "is_table_line",
    "is_top_border",
    "parse_grid_table",
]

Align = Literal["left", "center", "right"]
"""Alignment of a column; ``None`` where the source has no colon markers."""

TAB_STOP = 4
"""Pandoc's default ``--tab-stop``."""

PANDOC_COLUMNS = 72
"""Pandoc's default ``--columns``, the text width relative column widths refer to."""

_TOP_BORDER = re.compile(r"\+(?::?-+:?\+)+[ \t]*")
_PART_SEPARATOR = re.compile(r"\+(?::?=+:?\+)+")
_SEGMENT = re.compile(r"(:?)[-=]+(:?)\+")
_BORDER_CHARS = frozenset("+-=:")


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the table grid."""

    width: int
    """Display cells between the column's borders (the number of dashes above it)."""
    align: Align | None


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell, placed at its top-left grid position."""

    row: int
    """Index of the cell's first row, counted over all rows (head, body, foot)."""
    column: int
    colspan: int
    rowspan: int
    lines: tuple[str, ...]
    """The cell's text lines, border removed, ready to be parsed as Markdown blocks."""
    first_line: int
    """0-based line, relative to the table's first line, of the cell's first text line."""

    @property
    def text(self) -> str:
        """The cell's lines joined with newlines."""
        return "\n".join(self.lines)


@dataclass(frozen=True, slots=True)
class Row:
    """The cells that start in one grid row (cells spanning into it from above are not repeated)."""

    cells: tuple[Cell, ...]
    first_line: int
    """0-based line of the border above the row."""
    last_line: int
    """0-based line of the border below the row (the next row's ``first_line``)."""


@dataclass(frozen=True, slots=True)
class GridTable:
    """A parsed grid table."""

    columns: tuple[Column, ...]
    head: tuple[Row, ...]
    body: tuple[Row, ...]
    foot: tuple[Row, ...]
    line_count: int
    """Number of source lines the table occupies."""

    @property
    def rows(self) -> tuple[Row, ...]:
        """All rows, head, body and foot, in source order."""
        return self.head + self.body + self.foot

    def cells(self) -> Iterator[Cell]:
        """Every cell in source order."""
        for row in self.rows:
            yield from row.cells

    def relative_widths(self, columns: int = PANDOC_COLUMNS) -> list[float]:
        """Column widths as fractions of the text width, computed as Pandoc does.

        Each column counts its width plus one separator; the sum is divided by
        the table's total width or by ``columns`` (Pandoc's ``--columns``),
        whichever is larger. Narrow tables therefore do not fill the line.
        """
        widths = [column.width + 1 for column in self.columns]
        norm = max(sum(widths) + len(widths) - 2, columns)
        return [width / norm for width in widths]

    def without_text(self) -> GridTable:
        """A copy with every cell's ``lines`` emptied: the shape only, for token metadata."""

        def strip(rows: tuple[Row, ...]) -> tuple[Row, ...]:
            return tuple(
                dataclasses.replace(
                    row, cells=tuple(dataclasses.replace(c, lines=()) for c in row.cells)
                )
                for row in rows
            )

        return dataclasses.replace(
            self, head=strip(self.head), body=strip(self.body), foot=strip(self.foot)
        )


def is_top_border(line: str) -> bool:
    """Whether ``line`` can start a grid table (``+---+``, ``+:--+--:+``, ...)."""
    return _TOP_BORDER.fullmatch(line) is not None


def is_table_line(line: str) -> bool:
    """Whether ``line`` continues a grid table: it starts with ``+`` or ``|``."""
    return line[:1] in ("+", "|")


def _remove_one_leading_space(lines: list[str]) -> list[str]:
    """Pandoc's rule: drop one leading space if every line starts with one (or is empty)."""
    if all(line[:1] in ("", " ") for line in lines):
        return [line[1:] for line in lines]
    return lines


def _segment_aligns(line: str) -> list[Align | None]:
    aligns: list[Align | None] = []
    for match in _SEGMENT.finditer(line, 1):
        left, right = bool(match.group(1)), bool(match.group(2))
        if left and right:
            aligns.append("center")
        elif left:
            aligns.append("left")
        elif right:
            aligns.append("right")
        else:
            aligns.append(None)
    return aligns


def _check_lines(source: list[str], grid: list[list[str]]) -> None:
    """Report the common mistakes with their exact line before tracing."""
    width = len(grid[0])
    for number, (text, slots) in enumerate(zip(source, grid, strict=True)):
        if not is_table_line(text):
            raise GridTableError("a grid table line must start with '|' or '+'", number)
        if len(slots) != width:
            hint = (
                " (wide East Asian characters and most emoji count as two columns)"
                if PAD in slots
                else ""
            )
            raise GridTableError(
                f"this line is {len(slots)} columns wide but the top border is {width}:"
                f" its right border is out of line{hint}",
                number,
            )
        if slots[-1] not in ("|", "+"):
            raise GridTableError(
                f"this line must end with '|' or '+' at column {width},"
                f" found {describe_slot(slots[-1])}",
                number,
            )
    if not set(source[-1]) <= _BORDER_CHARS:
        raise GridTableError(
            "the table is not closed: its last line must be a border like '+-----+'",
            len(source) - 1,
        )


def _check_separator(text: str, number: int) -> None:
    """Reject '=' and ':' in border lines where Pandoc would fail to trace the table."""
    if not set(text) <= _BORDER_CHARS:
        return
    if "=" in text:
        raise GridTableError(
            "a '=' separator must use '=' across the whole table width"
            " (it cannot be mixed with '-')",
            number,
        )
    if ":" in text:
        raise GridTableError(
            "alignment colons are only allowed in the top border and in '=' separator lines",
            number,
        )


def parse_grid_table(lines: Sequence[str]) -> GridTable:
    """Parse the lines of one grid table (first line the top border, last the bottom border).

    Trailing whitespace is ignored. Raises :class:`GridTableError` and nothing
    else on malformed input.
    """
    source = [line.expandtabs(TAB_STOP).rstrip() for line in lines]
    if not source or not is_top_border(source[0]):
        raise GridTableError("a grid table starts with a border line like '+-----+-----+'", 0)
    if len(source) < 2:
        raise GridTableError("the table has a top border but no rows", 0)
    grid = [grid_slots(text) for text in source]
    _check_lines(source, grid)

    separators = [n for n in range(1, len(source)) if _PART_SEPARATOR.fullmatch(source[n])]
    normalised = {0, *separators}
    for number in range(1, len(source)):
        if number not in normalised:
            _check_separator(source[number], number)
    # As in Pandoc, '=' and ':' become plain '-' on the top border and the '='
    # lines before tracing; the markers only carry alignment and table parts.
    traced = [
        ["-" if slot in ("=", ":") else slot for slot in slots] if n in normalised else slots
        for n, slots in enumerate(grid)
    ]
    boxes = CellTracer(traced).trace()
    return _build(source, grid, traced, boxes, separators)


def _build(
    source: list[str],
    grid: list[list[str]],
    traced: list[list[str]],
    boxes: list[CellBox],
    separators: list[int],
) -> GridTable:
    """Turn traced boxes into rows and columns, and split head, body and foot.

    Like Pandoc, every ``+`` on a cell's border marks a row or column border,
    even where no cell has its corner: a cell under ``+---+---+`` that spans
    both columns still makes a two-column table.
    """
    row_set: set[int] = set()
    col_set: set[int] = set()
    for box in boxes:
        for line in (box.top, box.bottom):
            col_set.update(c for c in range(box.left, box.right + 1) if traced[line][c] == "+")
        for col in (box.left, box.right):
            row_set.update(n for n in range(box.top, box.bottom + 1) if traced[n][col] == "+")
    row_lines = sorted(row_set)
    col_positions = sorted(col_set)
    row_of = {line: index for index, line in enumerate(row_lines)}
    col_of = {pos: index for index, pos in enumerate(col_positions)}
    n_rows, n_cols = len(row_lines) - 1, len(col_positions) - 1

    occupied = [[False] * n_cols for _ in range(n_rows)]
    cells: list[Cell] = []
    for box in sorted(boxes, key=lambda b: (b.top, b.left)):
        row, col = row_of[box.top], col_of[box.left]
        rowspan, colspan = row_of[box.bottom] - row, col_of[box.right] - col
        for sep in separators:
            if box.top < sep < box.bottom:
                raise GridTableError("a cell spans across this '=' separator line", sep)
        for r in range(row, row + rowspan):
            for c in range(col, col + colspan):
                if occupied[r][c]:
                    raise GridTableError(f"two cells overlap at column {box.left + 1}", box.top)
                occupied[r][c] = True
        text = [
            "".join(grid[line][box.left + 1 : box.right]).rstrip()
            for line in range(box.top + 1, box.bottom)
        ]
        cells.append(
            Cell(
                row=row,
                column=col,
                colspan=colspan,
                rowspan=rowspan,
                lines=tuple(_remove_one_leading_space(text)),
                first_line=box.top + 1,
            )
        )
    for r, flags in enumerate(occupied):
        if not all(flags):
            raise GridTableError(
                f"no cell covers grid column {flags.index(False) + 1} below this line",
                row_lines[r],
            )

    align_line = separators[0] if separators else 0
    aligns = _segment_aligns(source[align_line])
    columns = tuple(
        Column(
            width=col_positions[c + 1] - col_positions[c] - 1,
            align=aligns[c] if c < len(aligns) else None,
        )
        for c in range(n_cols)
    )

    rows = [
        Row(
            cells=tuple(cell for cell in cells if cell.row == r),
            first_line=row_lines[r],
            last_line=row_lines[r + 1],
        )
        for r in range(n_rows)
    ]
    for sep in separators:
        if sep not in row_of:
            raise GridTableError("this '=' separator line is not a row border of the table", sep)
    head_end = row_of[separators[0]] if separators else 0
    last_line = len(source) - 1
    if len(separators) >= 2 and separators[-1] == last_line:
        foot_start = row_of[separators[-2]]
    else:
        foot_start = n_rows
    return GridTable(
        columns=columns,
        head=tuple(rows[:head_end]),
        body=tuple(rows[head_end:foot_start]),
        foot=tuple(rows[foot_start:]),
        line_count=len(source),
    )
