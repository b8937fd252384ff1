"""Render grid tables, table captions and unparsable grid tables to docutils nodes.

:class:`TableRenderMixin` goes in front of myst-parser's renderer::

    class GlosstermRenderer(TableRenderMixin, SphinxRenderer): ...

It builds the standard docutils table (``table > title? > tgroup > colspec*,
thead?, tbody``) so every writer handles it without new nodes:

* spans become ``entry["morecols"]`` / ``entry["morerows"]``;
* alignment becomes the class ``text-left`` / ``text-center`` / ``text-right``
  on each entry, the classes myst-parser gives pipe-table cells. Sphinx's HTML
  writer copies them into ``class="..."`` of the ``<td>``/``<th>``; its basic
  theme has CSS only for ``align-*``, so the theme must style ``text-*`` (the
  LaTeX writer ignores entry classes);
* the caption becomes the table's ``title``, which the HTML writer turns into
  ``<caption>`` and the LaTeX writer into the table caption;
* docutils has no table-foot node, so foot rows are appended to the ``tbody``,
  each ``row`` with the class ``glossterm-table-foot``;
* column widths are the dash counts of the source (``colspec["colwidth"]``),
  as docutils' own grid tables give them; like those, the table carries no
  ``colwidths-given`` class, so writers size columns automatically;
* a grid table that could not be parsed becomes a ``literal_block`` (class
  ``glossterm-grid-table-error``) with its lines, and a ``glossterm.grid_table``
  warning at the faulty line: through Sphinx's logger, located by the block's
  source, under Sphinx; through myst-parser's ``create_warning`` (a
  ``system_message`` in the doctree) under plain docutils.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from myst_parser.mdit_to_docutils.base import token_line
from sphinx.util import logging

from sphinx_glossterm.model.warnings_ import (
    WARNING_TYPE,
    GlosstermWarning,
    location,
    warning_kwargs,
)

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode
    from myst_parser.mdit_to_docutils.base import DocutilsRenderer

    from sphinx_glossterm.reader.pandoc.grid_table import GridTable

    _RendererBase = DocutilsRenderer
else:
    _RendererBase = object

__all__ = ["ERROR_BLOCK_CLASS", "FOOT_ROW_CLASS", "TableRenderMixin"]

logger = logging.getLogger(__name__)

FOOT_ROW_CLASS = "glossterm-table-foot"
"""Class of the ``row`` nodes that come from a table foot."""

ERROR_BLOCK_CLASS = "glossterm-grid-table-error"
"""Class of the literal block that shows a grid table that could not be parsed."""


class TableRenderMixin(_RendererBase):
    """Render methods for the tokens of the grid-table and table-caption plugins."""

    def render_grid_table(self, token: SyntaxTreeNode) -> None:
        """Render a ``grid_table`` token tree as a docutils table."""
        shape: GridTable = token.meta["table"]
        table = nodes.table()
        self.add_line_and_source_path(table, token)
        self.current_node.append(table)

        for child in token.children:
            if child.type == "table_caption":
                table += self._table_title(child)

        tgroup = nodes.tgroup(cols=len(shape.columns))
        table += tgroup
        for column in shape.columns:
            # A column between two adjacent '+' has no width; writers divide by it.
            tgroup += nodes.colspec(colwidth=max(column.width, 1))

        tbody: nodes.tbody | None = None
        for child in token.children:
            if child.type == "grid_thead":
                thead = nodes.thead()
                tgroup += thead
                self._render_grid_rows(child, thead)
            elif child.type in ("grid_tbody", "grid_tfoot"):
                if tbody is None:
                    tbody = nodes.tbody()
                    tgroup += tbody
                # No tfoot in docutils: foot rows close the body, marked by a class.
                self._render_grid_rows(
                    child, tbody, classes=[FOOT_ROW_CLASS] if child.type == "grid_tfoot" else []
                )

    def _render_grid_rows(
        self,
        section: SyntaxTreeNode,
        parent: nodes.Element,
        classes: list[str] | None = None,
    ) -> None:
        for row_token in section.children:
            row = nodes.row(classes=list(classes or []))
            self.add_line_and_source_path(row, row_token)
            parent += row
            for cell_token in row_token.children:
                meta = cell_token.meta
                entry = nodes.entry()
                if meta["colspan"] > 1:
                    entry["morecols"] = meta["colspan"] - 1
                if meta["rowspan"] > 1:
                    entry["morerows"] = meta["rowspan"] - 1
                if meta["align"]:
                    entry["classes"].append(f"text-{meta['align']}")
                self.add_line_and_source_path(entry, cell_token)
                row += entry
                with self.current_node_context(entry):
                    self.render_children(cell_token)

    def _table_title(self, token: SyntaxTreeNode) -> nodes.title:
        """The ``title`` node for a ``table_caption`` token, with its inline content."""
        title = nodes.title()
        self.add_line_and_source_path(title, token)
        with self.current_node_context(title):
            self.render_children(token)
        return title

    def render_table_caption(self, token: SyntaxTreeNode) -> None:
        """Append the caption as a ``title`` to the current node (normally the table)."""
        self.current_node.append(self._table_title(token))

    def render_table(self, token: SyntaxTreeNode) -> None:
        """Render a pipe table as myst-parser does, plus its caption as the table title."""
        captions = [child for child in token.children if child.type == "table_caption"]
        if not captions:
            super().render_table(token)
            return
        # myst-parser's render_table expects thead as the first child.
        children = token.children
        token.children = [child for child in children if child.type != "table_caption"]
        parent = self.current_node
        first_new = len(parent.children)
        try:
            super().render_table(token)
        finally:
            token.children = children
        for node in parent.children[first_new:]:
            if isinstance(node, nodes.table):
                node.insert(0, self._table_title(captions[0]))
                break

    def render_grid_table_error(self, token: SyntaxTreeNode) -> None:
        """Show an unparsable grid table as a literal block and warn at the faulty line."""
        text = token.content.rstrip("\n")
        block = nodes.literal_block(text, text, classes=[ERROR_BLOCK_CLASS])
        block["language"] = "text"
        self.add_line_and_source_path(block, token)
        self.current_node.append(block)
        # map[0] is the table's first line (1-based once myst-parser has
        # shifted it); offset counts from there, so the warning names the
        # faulty line itself.
        line = token_line(token, default=0) + int(token.meta.get("offset", 0))
        message = f"grid table could not be parsed, shown as literal text: {token.meta['message']}"
        if self.sphinx_env is not None:
            # The block's source, not the docname: a renderer may render tokens
            # gathered from another file and set that file on its nodes.
            source = block.source or self.document["source"]
            logger.warning(
                message,
                location=location(source, line),
                **warning_kwargs(GlosstermWarning.GRID_TABLE),
            )
        else:
            self.create_warning(
                message,
                GlosstermWarning.GRID_TABLE.value,
                wtype=WARNING_TYPE,
                line=line,
                append_to=self.current_node,
            )
