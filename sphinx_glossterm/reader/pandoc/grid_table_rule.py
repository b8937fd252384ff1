"""markdown-it-py plugin: Pandoc grid tables as a block rule.

``md.use(grid_table_plugin)`` adds the block rule ``grid_table`` before
markdown-it's pipe-table rule. It recognises a grid table the way Pandoc does
(a ``+---+`` border at the container's left margin, followed by at least one
line starting with ``+`` or ``|``; the table ends at the first other line),
parses it with :func:`~sphinx_glossterm.reader.pandoc.grid_table.parse_grid_table`
and emits these tokens (every token has ``block=True``; maps are 0-based,
end-exclusive source lines, as markdown-it's)::

    grid_table_open     tag table   map [first line, line after the table]
                                    meta {"table": GridTable (shape only, no cell text)}
      grid_thead_open   tag thead   map of its rows          (only if the table has a head)
        grid_tr_open    tag tr      map [border above, border below + 1]
                                    meta {"part": "head" | "body" | "foot"}
          grid_cell_open  tag th|td map [first text line, line of the border below]
                                    meta {"colspan": int, "rowspan": int, "column": int,
                                          "align": "left" | "center" | "right" | None,
                                          "header": bool}
                                    attrs colspan / rowspan (when > 1), style (alignment),
                                    so markdown-it's HTML renderer gives valid HTML
            ...block tokens of the cell's Markdown, maps in absolute source lines...
          grid_cell_close
        grid_tr_close
      grid_thead_close
      grid_tbody_open / grid_tbody_close   (only if the table has body rows)
      grid_tfoot_open / grid_tfoot_close   (only if the table has foot rows)
    grid_table_close

A table caption, added by :mod:`~sphinx_glossterm.reader.pandoc.table_captions`,
becomes ``table_caption_open``/``inline``/``table_caption_close`` right after
``grid_table_open``.

If the lines look like a grid table but cannot be parsed, no content is lost:
the rule emits one ``grid_table_error`` token (tag ``pre``, nesting 0) whose
``content`` is the table's lines and whose ``meta`` is ``{"message": str,
"offset": int}``, ``offset`` being the 0-based line of the problem relative to
``map[0]``, so that a renderer can warn with the exact line (even after the
map has been shifted, e.g. by a nested parse) and show the text as a literal
block.

As in Pandoc, a grid table cannot interrupt a paragraph: a ``+---+`` line
directly under a line of text continues that paragraph.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from markdown_it.rules_block import StateBlock

from sphinx_glossterm.reader.pandoc.grid_table import (
    Cell,
    GridTable,
    GridTableError,
    Row,
    is_table_line,
    is_top_border,
    parse_grid_table,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from markdown_it.utils import EnvType, OptionsDict

__all__ = ["grid_table_plugin"]

_PARTS = (
    ("head", "grid_thead", "thead"),
    ("body", "grid_tbody", "tbody"),
    ("foot", "grid_tfoot", "tfoot"),
)


def grid_table_plugin(md: MarkdownIt) -> None:
    """Add the ``grid_table`` block rule (and HTML render rules for its error token)."""
    # alt=[]: the rule terminates no other block, so it cannot interrupt a
    # paragraph (Pandoc would continue the paragraph), a list or a blockquote.
    md.block.ruler.before("table", "grid_table", _grid_table_rule, {"alt": []})
    md.add_render_rule("grid_table_error", _render_error_html)


def _line_text(state: StateBlock, line: int) -> str:
    """The text of ``line`` inside the current container (list, blockquote...)."""
    return state.getLines(line, line + 1, state.blkIndent, False)


def _grid_table_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    # Pandoc only sees a grid table at the left margin: an indented '+---+'
    # is paragraph text (or, from four spaces on, an indented code block).
    if state.sCount[start_line] != state.blkIndent:
        return False
    if not is_top_border(_line_text(state, start_line)):
        return False
    next_line = start_line + 1
    while (
        next_line < end_line
        and state.sCount[next_line] >= state.blkIndent
        and is_table_line(_line_text(state, next_line))
    ):
        next_line += 1
    if next_line == start_line + 1:
        return False  # a lone border line is not a table, as in Pandoc
    if silent:
        return True

    lines = [_line_text(state, line) for line in range(start_line, next_line)]
    try:
        table = parse_grid_table(lines)
    except GridTableError as error:
        _push_error(state, lines, error, start_line, next_line)
    else:
        _push_table(state, table, start_line, next_line)
    state.line = next_line
    return True


def _push_error(
    state: StateBlock, lines: Sequence[str], error: GridTableError, start: int, end: int
) -> None:
    token = state.push("grid_table_error", "pre", 0)
    token.map = [start, end]
    token.content = "\n".join(lines) + "\n"
    token.meta = {"message": error.message, "offset": error.line}


def _push_table(state: StateBlock, table: GridTable, start: int, end: int) -> None:
    token = state.push("grid_table_open", "table", 1)
    token.map = [start, end]
    token.meta = {"table": table.without_text()}
    for part, name, tag in _PARTS:
        rows: tuple[Row, ...] = getattr(table, part)
        if not rows:
            continue
        token = state.push(f"{name}_open", tag, 1)
        token.map = [start + rows[0].first_line, start + rows[-1].last_line + 1]
        for row in rows:
            _push_row(state, table, row, part, start)
        state.push(f"{name}_close", tag, -1)
    state.push("grid_table_close", "table", -1)


def _push_row(state: StateBlock, table: GridTable, row: Row, part: str, start: int) -> None:
    token = state.push("grid_tr_open", "tr", 1)
    token.map = [start + row.first_line, start + row.last_line + 1]
    token.meta = {"part": part}
    header = part == "head"
    tag = "th" if header else "td"
    for cell in row.cells:
        align = table.columns[cell.column].align
        token = state.push("grid_cell_open", tag, 1)
        token.map = [start + cell.first_line, start + cell.first_line + len(cell.lines)]
        token.meta = {
            "colspan": cell.colspan,
            "rowspan": cell.rowspan,
            "column": cell.column,
            "align": align,
            "header": header,
        }
        if cell.colspan > 1:
            token.attrSet("colspan", str(cell.colspan))
        if cell.rowspan > 1:
            token.attrSet("rowspan", str(cell.rowspan))
        if align:
            token.attrSet("style", f"text-align:{align}")
        _push_cell_blocks(state, cell, start + cell.first_line)
        state.push("grid_cell_close", tag, -1)
    state.push("grid_tr_close", "tr", -1)


def _push_cell_blocks(state: StateBlock, cell: Cell, first_line: int) -> None:
    """Run the block parser on the cell's text, appending to the same token stream.

    A fresh :class:`StateBlock` over the cell text shares the token list, the
    environment (link references) and the nesting level of the outer state,
    so the core ``inline`` rule later parses the cell's inline tokens with the
    rest, and ``maxNesting`` still bounds tables nested in cells. Its maps
    count from the cell's first line and are shifted to source lines.
    """
    text = cell.text
    if not text.strip():
        return
    first_token = len(state.tokens)
    cell_state = StateBlock(text, state.md, state.env, state.tokens)
    cell_state.level = state.level
    state.md.block.tokenize(cell_state, 0, cell_state.lineMax)
    for token in state.tokens[first_token:]:
        if token.map is not None:
            token.map = [token.map[0] + first_line, token.map[1] + first_line]


def _render_error_html(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    """Show an unparsable grid table as preformatted text in markdown-it's HTML output."""
    return f'<pre class="grid-table-error"><code>{escape(tokens[idx].content)}</code></pre>\n'
