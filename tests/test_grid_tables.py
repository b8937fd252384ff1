"""Pandoc grid tables and table captions: parser, markdown-it tokens, docutils doctree.

Every table here is written for this file. The last tests compare the
structure we derive with Pandoc's own output for the same tables.
"""

from __future__ import annotations

import json
import subprocess
import textwrap
from html.parser import HTMLParser

import pytest
from docutils import nodes
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import DocutilsRenderer, make_document
from myst_parser.parsers.docutils_ import Parser as MystDocutilsParser
from myst_parser.parsers.mdit import create_md_parser

from sphinx_glossterm.reader.pandoc.grid_table import (
    GridTable,
    GridTableError,
    display_width,
    is_top_border,
    parse_grid_table,
)
from sphinx_glossterm.reader.pandoc.grid_table_rule import grid_table_plugin
from sphinx_glossterm.reader.pandoc.table_captions import caption_text, table_captions_plugin
from sphinx_glossterm.reader.pandoc.table_render import (
    ERROR_BLOCK_CLASS,
    FOOT_ROW_CLASS,
    TableRenderMixin,
)


def lines_of(text: str) -> list[str]:
    """The lines of a dedented, stripped table literal."""
    return textwrap.dedent(text).strip("\n").split("\n")


def parse(text: str) -> GridTable:
    return parse_grid_table(lines_of(text))


def texts(table: GridTable) -> list[list[str]]:
    """Cell texts per row, head, body and foot together, without trailing blank lines."""
    return [[cell.text.rstrip("\n") for cell in row.cells] for row in table.rows]


# A table with a head, a body, a foot, spans in both directions and alignments.
FULL_TABLE = """\
+------------+----------+---------+
| Tool       | Input    | Output  |
+:===========+:========:+========:+
| Ruler\\     | paper    | lines   |
| of oak     |          |         |
+------------+----------+---------+
| Compass    | circles  | arcs    |
|            +----------+---------+
|            | spans both columns |
+============+==========+=========+
| *Footnote:* all tools are wood  |
+================================:+
"""


# -- the parser ----------------------------------------------------------------


def test_head_body_foot_spans_and_alignment() -> None:
    table = parse(FULL_TABLE)
    assert [(c.width, c.align) for c in table.columns] == [
        (12, "left"),
        (10, "center"),
        (9, "right"),
    ]
    assert texts(table) == [
        ["Tool", "Input", "Output"],
        ["Ruler\\\nof oak", "paper", "lines"],
        ["Compass", "circles", "arcs"],
        ["spans both columns"],
        ["*Footnote:* all tools are wood"],
    ]
    assert (len(table.head), len(table.body), len(table.foot)) == (1, 3, 1)
    compass = table.body[1].cells[0]
    assert (compass.rowspan, compass.colspan, compass.first_line) == (2, 1, 6)
    spanning = table.body[2].cells[0]
    assert (spanning.column, spanning.colspan, spanning.rowspan) == (1, 2, 1)
    footnote = table.foot[0].cells[0]
    assert (footnote.colspan, footnote.first_line) == (3, 10)
    assert table.line_count == 12


def test_rows_record_their_border_lines() -> None:
    table = parse(FULL_TABLE)
    assert [(row.first_line, row.last_line) for row in table.rows] == [
        (0, 2),
        (2, 5),
        (5, 7),
        (7, 9),
        (9, 11),
    ]


def test_headerless_table_takes_alignment_from_the_top_border() -> None:
    table = parse(
        """
        +:----+:---:+----:+-----+
        | a   | b   | c   | d   |
        +-----+-----+-----+-----+
        """
    )
    assert [c.align for c in table.columns] == ["left", "center", "right", None]
    assert table.head == ()
    assert texts(table) == [["a", "b", "c", "d"]]


def test_top_border_colons_are_ignored_when_there_is_a_head_separator() -> None:
    table = parse(
        """
        +:----+-----+
        | h1  | h2  |
        +=====+====:+
        | a   | b   |
        +-----+-----+
        """
    )
    assert [c.align for c in table.columns] == [None, "right"]


def test_alignment_markers_are_given_to_columns_in_order() -> None:
    # One '=' segment over two columns: Pandoc zips segments with columns.
    table = parse(
        """
        +-----+-----+
        | head      |
        +:=========:+
        | a   | b   |
        +-----+-----+
        """
    )
    assert [c.align for c in table.columns] == ["center", None]


def test_a_cell_under_a_split_border_spans_both_columns() -> None:
    # Every '+' on a traced border is a column border, as in Pandoc.
    table = parse(
        """
        +-----+-----+
        | one cell  |
        +-----------+
        """
    )
    assert len(table.columns) == 2
    assert table.body[0].cells[0].colspan == 2


def test_equals_bottom_line_after_head_moves_body_rows_to_the_foot() -> None:
    # Pandoc: the rows below the second-to-last '=' line form the foot, even
    # when that line is the head separator.
    table = parse(
        """
        +----+----+
        | h  | h  |
        +====+====+
        | b  | b  |
        +====+====+
        """
    )
    assert (len(table.head), len(table.body), len(table.foot)) == (1, 0, 1)


def test_single_equals_bottom_line_makes_every_row_head() -> None:
    table = parse(
        """
        +----+
        | a  |
        +----+
        | b  |
        +====+
        """
    )
    assert (len(table.head), len(table.body), len(table.foot)) == (2, 0, 0)


def test_second_separator_that_is_not_the_last_line_is_an_ordinary_border() -> None:
    table = parse(
        """
        +----+
        | h  |
        +====+
        | a  |
        +====+
        | b  |
        +----+
        """
    )
    assert (len(table.head), len(table.body), len(table.foot)) == (1, 2, 0)


def test_multi_line_cells_keep_lines_and_backslash_breaks() -> None:
    table = parse(
        """
        +------------------+----------------+
        | first line\\      | - item one     |
        | second line\\     | - item two     |
        | third line       |                |
        +------------------+----------------+
        """
    )
    left, right = table.body[0].cells
    assert left.lines == ("first line\\", "second line\\", "third line")
    assert right.lines == ("- item one", "- item two", "")


def test_one_leading_space_is_removed_as_in_pandoc() -> None:
    table = parse(
        """
        +----------+----------+
        |   two    |      x   |
        |   more   |          |
        +----------+----------+
        """
    )
    # Pandoc strips one space only: deeper indentation is kept (and four
    # spaces or more then make an indented code block, as in Pandoc).
    assert table.body[0].cells[0].lines == ("  two", "  more")
    assert table.body[0].cells[1].lines == ("     x", "")


def test_unicode_counts_display_columns() -> None:
    # Typographic quotes, dashes and umlauts are one column, CJK and emoji two,
    # a combining accent none (Pandoc counts the same way).
    table = parse(
        """
        +---------+--------+
        | “Größe” | ≥ 5 –  |
        +---------+--------+
        | 日本語  | ok 😀  |
        +---------+--------+
        | e\u0301té     | ’s     |
        +---------+--------+
        """
    )
    assert texts(table) == [
        ["“Größe”", "≥ 5 –"],
        ["日本語", "ok 😀"],
        ["e\u0301té", "’s"],
    ]


def test_display_width() -> None:
    assert display_width("äöü“”’–≥") == 8
    assert display_width("日本") == 4
    assert display_width("😀") == 2
    assert display_width("e\u0301") == 1
    assert display_width("a\u200bb") == 2


def test_tabs_expand_to_a_tab_stop_of_four() -> None:
    table = parse_grid_table(["+-------+", "| a\t\t|", "+-------+"])
    assert texts(table) == [["a"]]


def test_trailing_whitespace_is_ignored() -> None:
    table = parse_grid_table(["+----+   ", "| a  |  ", "+====+ "])
    assert texts(table) == [["a"]]


def test_relative_widths_follow_pandoc() -> None:
    table = parse("+------+--------+\n| a    | b      |\n+------+--------+")
    assert table.relative_widths() == [7 / 72, 9 / 72]
    wide = parse_grid_table(["+" + "-" * 80 + "+", "|" + " " * 80 + "|", "+" + "-" * 80 + "+"])
    assert wide.relative_widths() == [81 / 80]


def test_without_text_keeps_shape_only() -> None:
    shape = parse(FULL_TABLE).without_text()
    assert all(cell.lines == () for cell in shape.cells())
    assert [c.colspan for c in shape.cells()] == [1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 3]


def test_inner_misalignment_reads_as_a_span_like_pandoc() -> None:
    # Tracing finds the smallest closed rectangle: a moved or missing inner
    # '|' merges the cells around it instead of failing, in Pandoc too (the
    # comparison with Pandoc below includes such a table).
    table = parse(
        """
        +-----+-----+
        | a    | b  |
        +-----+-----+
        | c   x d   |
        +-----+-----+
        """
    )
    assert texts(table) == [["a    | b"], ["c   x d"]]
    assert [cell.colspan for cell in table.cells()] == [2, 2]


def test_is_top_border() -> None:
    assert is_top_border("+---+")
    assert is_top_border("+:--+--:+  ")
    assert not is_top_border("+===+")
    assert not is_top_border("+---")
    assert not is_top_border("++")
    assert not is_top_border(" +---+")


# -- malformed tables ------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "line", "words"),
    [
        pytest.param(
            """
            +-----+-----+
            | a   | b   |
            | c   | dd   |
            +-----+-----+
            """,
            2,
            "columns wide",
            id="ragged-right-border",
        ),
        pytest.param(
            """
            +-----+-----+
            | 日本 | b   |
            +-----+-----+
            """,
            1,
            "wide East Asian",
            id="wide-characters-counted-as-one",
        ),
        pytest.param(
            """
            +-----+-----+
            | a   | b   |
            | a   | b
            +-----+-----+
            """,
            2,
            "columns wide",
            id="missing-right-border",
        ),
        pytest.param(
            """
            +-----+-----+
            | a   | b   |
            | a   | b   x
            +-----+-----+
            """,
            2,
            "must end with",
            id="text-in-the-right-border",
        ),
        pytest.param(
            """
            +-----+-----+
            | a   | b   |
            | a   | b   |
            """,
            2,
            "not closed",
            id="unclosed",
        ),
        pytest.param(
            """
            +-----+-----+
            | a   | b   |
            +=====+-----+
            | a   | b   |
            +-----+-----+
            """,
            2,
            "'=' across",
            id="mixed-separator",
        ),
        pytest.param(
            """
            +-----+-----+
            | a   | b   |
            +:----+-----+
            | a   | b   |
            +-----+-----+
            """,
            2,
            "alignment colons",
            id="colon-in-body-border",
        ),
        # A single misplaced character is either caught by the line checks or
        # merges cells into a span (as in Pandoc); tracing fails with two.
        pytest.param(
            """
            +-----+-----+-----+
            | one | two | six |
            +=====+=====+=====+
            | ten | wide      |
            +-----+-----+-----+
            | tall| x   | y   |
            |     +-----+---|-+
            |     | z   - w   |
            +-----+-----+-----+
            """,
            7,
            "expected '|' or '+' at column 13",
            id="two-broken-borders",
        ),
        pytest.param(
            """
            +-----+-----+-----+
            | one | two | six |
            +=====+=====+=====+
            | ten | wide      |
            +-----+-----+-- --+
            | tall| x   | y   |
            |     ------+-----+
            |     | z   | w   |
            +-----+-----+-----+
            """,
            4,
            "overlaps another cell",
            id="overlapping-cells",
        ),
        pytest.param(
            """
            +-----+-----+
            | a   | b   |
            + ----+-----+
            """,
            2,
            "not closed",
            id="broken-bottom-border",
        ),
        pytest.param(
            """
            +-----+
            x a   |
            +-----+
            """,
            1,
            "must start with",
            id="line-not-a-table-line",
        ),
        pytest.param("+-----+", 0, "no rows", id="border-only"),
        pytest.param("| a |\n+---+", 0, "starts with a border", id="no-top-border"),
    ],
)
def test_malformed_tables_raise_grid_table_error_at_the_line(
    source: str, line: int, words: str
) -> None:
    with pytest.raises(GridTableError) as raised:
        parse(source)
    assert raised.value.line == line
    assert words in raised.value.message
    assert f"table line {line + 1}" in str(raised.value)


def test_empty_input_raises_grid_table_error() -> None:
    with pytest.raises(GridTableError):
        parse_grid_table([])


TABLE_ALPHABET = "+-=:| \tab\\日é\u0301"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet=TABLE_ALPHABET, max_size=14), min_size=1, max_size=8))
def test_junk_lines_only_ever_raise_grid_table_error(lines: list[str]) -> None:
    try:
        parse_grid_table(lines)
    except GridTableError as error:
        assert 0 <= error.line < max(len(lines), 1)


@st.composite
def valid_tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]], int]:
    """A random span-free grid table: its lines, its cell words, its number of head rows."""
    widths = draw(st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=4))
    words = st.text(alphabet="abcxyzäß日", max_size=6)
    n_rows = draw(st.integers(min_value=1, max_value=4))
    head = draw(st.integers(min_value=0, max_value=n_rows - 1))
    rows: list[list[str]] = []
    for _ in range(n_rows):
        row = []
        for width in widths:
            word = draw(words)
            while display_width(word) > width - 1:
                word = word[:-1]
            row.append(word)
        rows.append(row)

    def border(char: str) -> str:
        return "+" + "+".join(char * (w + 1) for w in widths) + "+"

    lines = [border("-")]
    for index, row in enumerate(rows):
        cells = (
            f" {word}" + " " * (w - display_width(word))
            for word, w in zip(row, widths, strict=True)
        )
        lines.append("|" + "|".join(cells) + "|")
        lines.append(border("=" if head and index == head - 1 else "-"))
    return lines, rows, head


@settings(max_examples=200, deadline=None)
@given(valid_tables())
def test_generated_tables_round_trip(table: tuple[list[str], list[list[str]], int]) -> None:
    lines, rows, head = table
    parsed = parse_grid_table(lines)
    assert len(parsed.head) == head
    assert texts(parsed) == rows


@settings(max_examples=300, deadline=None)
@given(valid_tables(), st.data())
def test_damaged_tables_only_raise_grid_table_error(
    table: tuple[list[str], list[list[str]], int], data: st.DataObject
) -> None:
    lines = list(table[0])
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        number = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
        line = lines[number]
        column = data.draw(st.integers(min_value=0, max_value=len(line)))
        char = data.draw(st.sampled_from(["+", "-", "=", ":", "|", " ", "x", "日", ""]))
        lines[number] = line[:column] + char + line[column + 1 :]
    try:
        parse_grid_table(lines)
    except GridTableError as error:
        assert 0 <= error.line < len(lines)


# -- markdown-it tokens ----------------------------------------------------------


def markdown() -> MarkdownIt:
    return (
        MarkdownIt("commonmark").enable("table").use(grid_table_plugin).use(table_captions_plugin)
    )


def tokens_of(text: str) -> list[Token]:
    return markdown().parse(textwrap.dedent(text))


def types(tokens: list[Token]) -> list[str]:
    return [token.type for token in tokens]


def test_token_stream_of_a_small_table() -> None:
    tokens = tokens_of(
        """\
        +-----+-----+
        | h   | i   |
        +=====+====:+
        | *a* | b   |
        +-----+-----+
        """
    )
    assert types(tokens) == [
        "grid_table_open",
        "grid_thead_open",
        "grid_tr_open",
        "grid_cell_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "grid_cell_close",
        "grid_cell_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "grid_cell_close",
        "grid_tr_close",
        "grid_thead_close",
        "grid_tbody_open",
        "grid_tr_open",
        "grid_cell_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "grid_cell_close",
        "grid_cell_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "grid_cell_close",
        "grid_tr_close",
        "grid_tbody_close",
        "grid_table_close",
    ]
    table_open = tokens[0]
    assert table_open.map == [0, 5]
    assert isinstance(table_open.meta["table"], GridTable)
    assert all(cell.lines == () for cell in table_open.meta["table"].cells())
    head_cell, body_cell = tokens[8], tokens[22]
    assert head_cell.tag == "th"
    assert head_cell.meta == {
        "colspan": 1,
        "rowspan": 1,
        "column": 1,
        "align": "right",
        "header": True,
    }
    assert body_cell.tag == "td"
    assert body_cell.meta["header"] is False
    assert tokens[16].meta == {"part": "body"}
    # Levels nest like any markdown-it container.
    assert [t.level for t in tokens[:6]] == [0, 1, 2, 3, 4, 5]
    assert tokens[19].children is not None
    assert types(tokens[19].children) == ["em_open", "text", "em_close"]


def test_token_maps_point_at_source_lines() -> None:
    tokens = tokens_of(
        """\
        Some text.

        +-------+----------+
        | x     | - one    |
        |       | - two    |
        +-------+----------+
        | y     | z        |
        +-------+----------+
        """
    )
    by_type: dict[str, list[Token]] = {}
    for token in tokens:
        by_type.setdefault(token.type, []).append(token)
    assert by_type["grid_table_open"][0].map == [2, 8]
    assert [t.map for t in by_type["grid_tr_open"]] == [[2, 6], [5, 8]]
    assert [t.map for t in by_type["grid_cell_open"]] == [[3, 5], [3, 5], [6, 7], [6, 7]]
    assert [t.map for t in by_type["list_item_open"]] == [[3, 4], [4, 5]]
    assert [t.map for t in by_type["inline"]] == [[0, 1], [3, 4], [3, 4], [4, 5], [6, 7], [6, 7]]


def test_spans_and_foot_in_tokens() -> None:
    tokens = tokens_of(FULL_TABLE)
    assert "grid_tfoot_open" in types(tokens)
    cells = [t for t in tokens if t.type == "grid_cell_open"]
    assert [(t.meta["colspan"], t.meta["rowspan"]) for t in cells] == [
        (1, 1),
        (1, 1),
        (1, 1),
        (1, 1),
        (1, 1),
        (1, 1),
        (1, 2),
        (1, 1),
        (1, 1),
        (2, 1),
        (3, 1),
    ]
    assert cells[6].attrGet("rowspan") == "2"
    assert cells[9].attrGet("colspan") == "2"
    assert cells[0].attrGet("style") == "text-align:left"


def test_table_nested_in_a_cell() -> None:
    tokens = tokens_of(
        """\
        +-------------+
        | +---+---+   |
        | | a | b |   |
        | +---+---+   |
        +-------------+
        """
    )
    opens = [t for t in tokens if t.type == "grid_table_open"]
    assert len(opens) == 2
    assert opens[1].map == [1, 4]
    assert opens[1].level > opens[0].level


def test_grid_table_cannot_interrupt_a_paragraph() -> None:
    tokens = tokens_of(
        """\
        A paragraph
        +---+
        | a |
        +---+
        """
    )
    assert "grid_table_open" not in types(tokens)
    assert types(tokens) == ["paragraph_open", "inline", "paragraph_close"]


def test_indented_border_is_not_a_table() -> None:
    # As in Pandoc, a grid table starts at the left margin of its container.
    tokens = markdown().parse("Text.\n\n  +---+\n  | a |\n  +---+\n")
    assert "grid_table_open" not in types(tokens)


def test_lone_border_line_is_not_a_table() -> None:
    assert types(tokens_of("+---+\n\ntext\n"))[:3] == [
        "paragraph_open",
        "inline",
        "paragraph_close",
    ]


def test_table_inside_list_item_and_blockquote() -> None:
    tokens = tokens_of("- item\n\n  +---+\n  | a |\n  +---+\n\n> +---+\n> | b |\n> +---+\n")
    opens = [t for t in tokens if t.type == "grid_table_open"]
    assert [t.map for t in opens] == [[2, 5], [6, 9]]


def test_unparsable_table_becomes_an_error_token_with_its_text() -> None:
    source = "Before.\n\n+---+---+\n| a | b  |\n+---+---+\n\nAfter.\n"
    tokens = tokens_of(source)
    assert types(tokens) == [
        "paragraph_open",
        "inline",
        "paragraph_close",
        "grid_table_error",
        "paragraph_open",
        "inline",
        "paragraph_close",
    ]
    error = tokens[3]
    assert error.map == [2, 5]
    assert error.content == "+---+---+\n| a | b  |\n+---+---+\n"
    assert error.meta["offset"] == 1
    assert "columns wide" in error.meta["message"]
    html = markdown().render(source)
    assert '<pre class="grid-table-error"><code>+---+---+\n| a | b  |' in html


def test_html_rendering_uses_spans_and_alignment() -> None:
    html = markdown().render(FULL_TABLE)
    assert '<td rowspan="2" style="text-align:left">' in html
    assert '<td colspan="2" style="text-align:center">' in html
    assert "<tfoot>" in html
    assert "<br />" in html


# -- captions --------------------------------------------------------------------


def caption_of(tokens: list[Token], table_index: int) -> str | None:
    """The caption text of the n-th table (grid or pipe), or None."""
    opens = [i for i, t in enumerate(tokens) if t.type in ("table_open", "grid_table_open")]
    index = opens[table_index]
    if tokens[index + 1].type != "table_caption_open":
        return None
    assert tokens[index + 2].type == "inline"
    assert tokens[index + 3].type == "table_caption_close"
    return tokens[index + 2].content


SMALL = "+---+\n| a |\n+---+\n"


def test_caption_before_a_grid_table() -> None:
    tokens = tokens_of(": The caption\n\n\n" + SMALL)
    assert types(tokens)[:4] == [
        "grid_table_open",
        "table_caption_open",
        "inline",
        "table_caption_close",
    ]
    assert caption_of(tokens, 0) == "The caption"
    assert tokens[1].map == [0, 1]
    assert tokens[1].tag == "caption"
    assert [t.level for t in tokens[:4]] == [0, 1, 2, 1]


def test_caption_after_a_grid_table_needs_no_blank_line() -> None:
    tokens = tokens_of(SMALL + "Table: After *it*\ncontinued\n\nText.\n")
    assert caption_of(tokens, 0) == "After *it*\ncontinued"
    assert types(tokens)[-3:] == ["paragraph_open", "inline", "paragraph_close"]


def test_caption_between_two_tables_belongs_to_the_first() -> None:
    tokens = tokens_of(SMALL + "\n: Between\n\n" + SMALL)
    assert (caption_of(tokens, 0), caption_of(tokens, 1)) == ("Between", None)


def test_caption_between_two_tables_goes_to_the_second_if_the_first_has_one() -> None:
    tokens = tokens_of(": First\n\n" + SMALL + "\n: Second\n\n" + SMALL)
    assert (caption_of(tokens, 0), caption_of(tokens, 1)) == ("First", "Second")


def test_caption_of_a_pipe_table() -> None:
    tokens = tokens_of("table: Pipe caption\n\n| x | y |\n|---|---|\n| 1 | 2 |\n")
    assert caption_of(tokens, 0) == "Pipe caption"


@pytest.mark.parametrize(
    ("text", "caption"),
    [
        (": plain", "plain"),
        (":no space", "no space"),
        ("Table: word", "word"),
        ("table:  word  ", "word"),
        (":. punctuation", None),
        (":(", None),
        (":", None),
        ("Table:", None),
        ("TABLE: upper", None),
        ("text: not one", None),
    ],
)
def test_caption_text(text: str, caption: str | None) -> None:
    assert caption_text(text) == caption


def test_caption_paragraph_not_next_to_a_table_stays() -> None:
    tokens = tokens_of(": just text\n\nmore text\n")
    assert types(tokens) == ["paragraph_open", "inline", "paragraph_close"] * 2


# -- docutils doctree --------------------------------------------------------------


class TableRenderer(TableRenderMixin, DocutilsRenderer):
    """myst-parser's docutils renderer with the table methods."""


def doctree(text: str) -> nodes.document:
    """Render Markdown to a docutils document, as myst-parser's docutils parser does."""
    document = make_document("test.md", parser_cls=MystDocutilsParser)
    document.reporter.stream = None  # keep warnings in the doctree, off stderr
    md = (
        create_md_parser(MdParserConfig(), TableRenderer)
        .use(grid_table_plugin)
        .use(table_captions_plugin)
    )
    md.options["document"] = document
    md.render(textwrap.dedent(text))
    return document


def test_doctree_of_a_grid_table() -> None:
    document = doctree(": Tools *we* use\n\n" + FULL_TABLE)
    tree = document.pformat()
    table = document[0]
    assert isinstance(table, nodes.table)
    assert isinstance(table[0], nodes.title)
    assert table[0].astext() == "Tools we use"
    assert "<emphasis>" in tree
    tgroup = table[1]
    assert tgroup["cols"] == 3
    assert [c["colwidth"] for c in tgroup.findall(nodes.colspec)] == [12, 10, 9]
    thead, tbody = tgroup[3], tgroup[4]
    assert isinstance(thead, nodes.thead)
    assert isinstance(tbody, nodes.tbody)
    assert len(thead) == 1
    assert len(tbody) == 4
    assert tbody[-1]["classes"] == [FOOT_ROW_CLASS]
    assert '<entry classes="text-left" morerows="1">' in tree
    assert '<entry classes="text-center" morecols="1">' in tree
    assert '<entry classes="text-left" morecols="2">' in tree
    assert '<entry classes="text-right">' in tree
    # Backslash line break inside a cell.
    ruler = tbody[0][0]
    assert [raw.astext() for raw in ruler.findall(nodes.raw)] == ["<br />\n", "\\\\\n"]
    assert ruler.astext().replace("\n", "") == "Ruler<br />\\\\of oak"
    assert table.line == 3
    assert thead[0][0].line == 4


def test_doctree_keeps_nested_markdown_in_cells() -> None:
    document = doctree(
        """\
        +-----------------+--------------------+
        | **bold** text   | - first            |
        |                 | - second           |
        +-----------------+--------------------+
        | `code` and      | 1. one             |
        | [link](#x)      |                    |
        +-----------------+--------------------+
        """
    )
    entries = list(document.findall(nodes.entry))
    assert len(entries) == 4
    assert entries[0].next_node(nodes.strong).astext() == "bold"
    bullet = entries[1].next_node(nodes.bullet_list)
    assert bullet is not None
    assert [item.astext() for item in bullet.children] == ["first", "second"]
    assert entries[2].next_node(nodes.literal).astext() == "code"
    assert entries[3].next_node(nodes.enumerated_list) is not None
    assert not list(document.findall(nodes.thead))
    assert entries[1].next_node(nodes.list_item).line == 2


def test_doctree_of_a_pipe_table_with_caption() -> None:
    document = doctree("| a | b |\n|:--|--:|\n| 1 | 2 |\n\nTable: Pipes\n")
    table = document[0]
    assert isinstance(table, nodes.table)
    assert table[0].astext() == "Pipes"
    assert isinstance(table[1], nodes.tgroup)
    assert '<entry classes="text-right">' in document.pformat()


def test_doctree_of_a_pipe_table_without_caption_is_myst_parsers() -> None:
    source = "| a | b |\n|---|---|\n| 1 | 2 |\n"
    plain = make_document("test.md", parser_cls=MystDocutilsParser)
    md = create_md_parser(MdParserConfig(), DocutilsRenderer)
    md.options["document"] = plain
    md.render(source)
    assert doctree(source).pformat() == plain.pformat()


def test_doctree_of_an_unparsable_table_keeps_text_and_warns_at_the_line() -> None:
    document = doctree("Intro.\n\n+-----+-----+\n| a   | b   |\n|  c  |\n+-----+-----+\n")
    block = document[1]
    assert isinstance(block, nodes.literal_block)
    assert ERROR_BLOCK_CLASS in block["classes"]
    assert block.astext() == "+-----+-----+\n| a   | b   |\n|  c  |\n+-----+-----+"
    assert block.line == 3
    message = document[2]
    assert isinstance(message, nodes.system_message)
    assert message["line"] == 5
    assert "[glossterm.grid_table]" in message.astext()
    assert "columns wide" in message.astext()


# -- comparison with Pandoc --------------------------------------------------------

PANDOC_TABLES = [
    pytest.param(FULL_TABLE.replace("*Footnote:*", " Footnote: "), id="head-body-foot-spans"),
    pytest.param(
        """\
        : Sizes

        +:-----+:------:+-------:+
        | one  | two    | three  |
        +------+--------+--------+
        | four          | five   |
        +---------------+--------+
        """,
        id="headerless-with-caption",
    ),
    pytest.param(
        """\
        +--------+-------+-------+
        | tall   | a     | b     |
        |        +-------+-------+
        |        | c     | d     |
        +========+=======+=======+
        | e      | f     | g     |
        +--------+-------+-------+
        | h              | i     |
        +----------------+-------+

        Table: Rows in the head
        """,
        id="rowspan-in-head",
    ),
    pytest.param(
        """\
        +------+------+
        | h    | h2   |
        +======+======+
        | b    | b2   |
        +======+======+
        """,
        id="foot-only-body",
    ),
    pytest.param(
        """\
        +-----+-----+
        | a    | b  |
        +-----+-----+
        | c   | d   |
        +-----+-----+
        """,
        id="misaligned-border-spans",
    ),
    pytest.param(
        """\
        +-----+
        | one |
        +-----+

        : After the first

        +-----+
        | two |
        +-----+
        """,
        id="caption-between-tables-goes-to-the-first",
    ),
    pytest.param(
        """\
        : Before the first

        +-----+
        | one |
        +-----+

        : Before the second

        +-----+
        | two |
        +-----+
        """,
        id="caption-between-tables-goes-to-the-second",
    ),
    pytest.param(
        """\
        +---------+---------+
        | Größe   | 日本語  |
        +=========+=========+
        | a\\      | b       |
        | c       | d       |
        +---------+---------+
        """,
        id="unicode-and-breaks",
    ),
]


class _TableShape(HTMLParser):
    """Collect the shape of every table in an HTML5 document.

    Per table: the caption text and, per non-empty section, its rows as
    ``(tag, colspan, rowspan, align, text)`` tuples.
    """

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, object]] = []
        self._section: list[list[tuple[str, int, int, str, str]]] | None = None
        self._cell: list[object] | None = None
        self._caption: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "table":
            self.tables.append({"caption": None, "sections": []})
        elif tag == "caption":
            self._caption = []
        elif tag in ("thead", "tbody", "tfoot"):
            self._section = []
            self.tables[-1]["sections"].append((tag, self._section))  # type: ignore[union-attr]
        elif tag == "tr" and self._section is not None:
            self._section.append([])
        elif tag in ("td", "th"):
            style = (values.get("style") or "").replace(" ", "").rstrip(";")
            self._cell = [
                tag,
                int(values.get("colspan") or 1),
                int(values.get("rowspan") or 1),
                style.removeprefix("text-align:"),
                "",
            ]

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption" and self._caption is not None:
            self.tables[-1]["caption"] = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None and self._section is not None:
            self._cell[4] = " ".join(str(self._cell[4]).split())
            self._section[-1].append(tuple(self._cell))  # type: ignore[arg-type]
            self._cell = None
        elif tag in ("thead", "tbody", "tfoot"):
            self._section = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell[4] = str(self._cell[4]) + data
        elif self._caption is not None:
            self._caption.append(data)

    def shapes(self) -> list[dict[str, object]]:
        for table in self.tables:
            table["sections"] = [
                (tag, rows)
                for tag, rows in table["sections"]  # type: ignore[attr-defined]
                if rows
            ]
        return self.tables


def html_shape(html: str) -> list[dict[str, object]]:
    parser = _TableShape()
    parser.feed(html)
    return parser.shapes()


def run_pandoc(pandoc: str, source: str, to: str) -> str:
    result = subprocess.run(
        [pandoc, "-f", "markdown", "-t", to],
        input=source,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.mark.parametrize("source", PANDOC_TABLES)
def test_structure_matches_pandoc_html(pandoc_path: str, source: str) -> None:
    source = textwrap.dedent(source)
    ours = html_shape(markdown().render(source))
    theirs = html_shape(run_pandoc(pandoc_path, source, "html5"))
    assert ours == theirs
    assert ours  # the comparison saw a table


@pytest.mark.parametrize("source", PANDOC_TABLES)
def test_columns_match_pandoc_ast(pandoc_path: str, source: str) -> None:
    source = textwrap.dedent(source)
    document = json.loads(run_pandoc(pandoc_path, source, "json"))
    table_block = next(block for block in document["blocks"] if block["t"] == "Table")
    colspecs = table_block["c"][2]
    pandoc_aligns = [spec[0]["t"] for spec in colspecs]
    pandoc_widths = [spec[1]["c"] for spec in colspecs]
    lines = source.split("\n")
    start = next(i for i, line in enumerate(lines) if is_top_border(line))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(("+", "|")))
    table = parse_grid_table(lines[start:end])
    names = {
        None: "AlignDefault",
        "left": "AlignLeft",
        "center": "AlignCenter",
        "right": "AlignRight",
    }
    assert [names[c.align] for c in table.columns] == pandoc_aligns
    assert table.relative_widths() == pytest.approx(pandoc_widths)
