"""Render the tokens of :mod:`.rule` for term documents; other pages as myst-parser does.

:class:`RawHtmlRenderMixin` goes in front of myst-parser's renderer.  In a term
document (a Pandoc-dialect file, or the inside of a ``glossterm`` directive)
with ``glossterm_raw_html = "safe"`` (the default):

* a matched pair of allowed tags becomes the node of :data:`.tags.ELEMENTS`,
  ``<br>`` a line break (as a backslash line break is);
* comments are dropped, as every output hides them;
* any other tag is shown as the text it is (as inline code), with a ``glossterm.raw_html``
  warning at its line (a closing tag whose opening tag was reported is not
  reported again);
* an HTML block whose tags are all allowed becomes a paragraph; any other
  becomes a literal block, with one warning.

With ``"keep"``, allowed pairs still become nodes, and everything else is
passed on as myst-parser does (raw HTML in HTML output, nothing elsewhere).
Ordinary MyST pages are rendered exactly as by myst-parser.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from docutils import nodes
from markdown_it.token import Token
from markdown_it.tree import SyntaxTreeNode
from myst_parser.mdit_to_docutils.html_to_nodes import html_to_nodes

from sphinx_glossterm.model.warnings_ import GlosstermWarning
from sphinx_glossterm.reader.entry_rules import rejected_html_problem, unsafe_link_problem
from sphinx_glossterm.reader.rawhtml import nodes as hnodes
from sphinx_glossterm.reader.rawhtml.rule import (
    COMMENT,
    REJECTED,
    UNSAFE_LINK,
    note_unsafe_links,
    pair_tags,
)
from sphinx_glossterm.reader.rawhtml.tags import (
    ELEMENTS,
    TagKind,
    block_tags,
    is_comment_block,
    rejection,
)

if TYPE_CHECKING:
    from sphinx_glossterm.reader.render_base import GlosstermRendererBase

    _RendererBase = GlosstermRendererBase
else:
    _RendererBase = object

POLICIES = ("safe", "keep")
ENTRY_DEPTH_KEY = "glossterm_entry_depth"
"""``env.temp_data`` key: how many ``glossterm`` directives are being run."""
LITERAL_CLASS = "glossterm-raw-html"
"""Class of the inline literal or literal block that shows rejected raw HTML."""


@contextmanager
def inside_entry(temp_data: MutableMapping[str, Any]) -> Iterator[None]:
    """While a ``glossterm`` directive parses its parts: they are a term document."""
    temp_data[ENTRY_DEPTH_KEY] = temp_data.get(ENTRY_DEPTH_KEY, 0) + 1
    try:
        yield
    finally:
        temp_data[ENTRY_DEPTH_KEY] -= 1


class RawHtmlRenderMixin(_RendererBase):
    """Raw HTML: nodes for harmless tags, text and a warning for the rest."""

    @property
    def checks_raw_html(self) -> bool:
        """Whether the tokens come from a term document, where the policy applies."""
        if self.in_pandoc:
            return True
        env = getattr(self.document.settings, "env", None)
        return bool(env is not None and env.temp_data.get(ENTRY_DEPTH_KEY))

    @property
    def keeps_raw_html(self) -> bool:
        """Whether the project passes raw HTML other than the allowed tags on."""
        return self.glossterm.raw_html == "keep"

    # -- inline tags -------------------------------------------------------------

    def render_html_inline(self, token: SyntaxTreeNode) -> None:
        if not self.checks_raw_html:
            super().render_html_inline(token)
            return
        if token.meta.get(COMMENT):
            return
        if self.keeps_raw_html:
            super().render_html_inline(token)
            return
        reason = token.meta.get(REJECTED)
        if reason:
            self._warn_inline(rejected_html_problem(reason), token)
        # As code: it reads as the markup it is, and no typographic quotes change it.
        literal = nodes.literal(token.content, token.content, classes=[LITERAL_CLASS])
        self.add_line_and_source_path(literal, token)
        self.current_node.append(literal)

    def render_glossterm_html(self, token: SyntaxTreeNode) -> None:
        opening, closing = token.nester_tokens
        if not self.checks_raw_html:
            self._myst_html(opening)
            self.render_children(token)
            self._myst_html(closing)
            return
        node = self._element_node(token.tag, token.attrs)
        self.add_line_and_source_path(node, token)
        with self.current_node_context(node, append=True):
            self.render_children(token)

    def render_glossterm_html_void(self, token: SyntaxTreeNode) -> None:
        if not self.checks_raw_html:
            self._myst_html(token)
            return
        self.render_hardbreak(token)

    def _myst_html(self, token: SyntaxTreeNode | Token) -> None:
        line = token.map[0] if token.map else 0
        self.current_node.extend(html_to_nodes(token.content, line, self))

    @staticmethod
    def _element_node(tag: str, attrs: dict[str, Any]) -> nodes.Element:
        element = ELEMENTS[tag]
        if element.node == "abbreviation":
            node = nodes.abbreviation()
            if attrs.get("title"):
                node["explanation"] = str(attrs["title"])
            return node
        if element.node == "html_element":
            return hnodes.element(tag)
        node_class = {
            "subscript": nodes.subscript,
            "superscript": nodes.superscript,
            "emphasis": nodes.emphasis,
            "strong": nodes.strong,
            "literal": nodes.literal,
        }[element.node]
        return node_class(classes=list(element.classes))

    # -- HTML blocks ---------------------------------------------------------------

    def render_html_block(self, token: SyntaxTreeNode) -> None:
        if not self.checks_raw_html:
            super().render_html_block(token)
            return
        content = token.content
        if is_comment_block(content):
            return
        rejected = [
            (text, tag)
            for text, tag in block_tags(content)
            if tag.kind is not TagKind.COMMENT and rejection(tag) is not None
        ]
        if not rejected:
            self._render_as_paragraph(token)
        elif self.keeps_raw_html:
            super().render_html_block(token)
        else:
            text, tag = rejected[0]
            more = f" and {len(rejected) - 1} more tags" if len(rejected) > 1 else ""
            self._warn(
                GlosstermWarning.RAW_HTML,
                f"raw HTML block with {_shorten(text)} ({rejection(tag)}){more}; "
                "shown as literal text",
                token,
            )
            block = nodes.literal_block(content, content, classes=[LITERAL_CLASS])
            block["language"] = "html"
            self.add_line_and_source_path(block, token)
            self.current_node.append(block)

    def _render_as_paragraph(self, token: SyntaxTreeNode) -> None:
        """An HTML block of allowed inline tags only: a paragraph, as Pandoc reads it."""
        text = token.content.strip()
        children: list[Token] = []
        self.md.inline.parse(text, self.md, self.md_env, children)
        for child in children:
            child.map = token.map
            if child.type == "text_special":
                child.type = "text"
        children = pair_tags(children)
        note_unsafe_links(children)
        inline = Token("inline", "", 0, content=text, map=token.map, children=children)
        opening = Token("paragraph_open", "p", 1, map=token.map)
        closing = Token("paragraph_close", "p", -1)
        (paragraph,) = SyntaxTreeNode([opening, inline, closing]).children
        self.render_paragraph(paragraph)

    # -- links markdown-it refused -------------------------------------------------------

    def render_text(self, token: SyntaxTreeNode) -> None:
        scheme = token.meta.get(UNSAFE_LINK) if token.meta else None
        if scheme and self.checks_raw_html:
            self._warn_inline(unsafe_link_problem(scheme), token, GlosstermWarning.UNSAFE_LINK)
        super().render_text(token)

    def _warn_inline(
        self,
        message: str,
        token: SyntaxTreeNode,
        kind: GlosstermWarning = GlosstermWarning.RAW_HTML,
    ) -> None:
        self._warn(kind, message, token)


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["ENTRY_DEPTH_KEY", "LITERAL_CLASS", "POLICIES", "RawHtmlRenderMixin", "inside_entry"]
