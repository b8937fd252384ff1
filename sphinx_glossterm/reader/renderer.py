"""The docutils renderer for term documents: myst-parser's, plus our tokens.

Ordinary MyST documents render exactly as with myst-parser: every override
below defers to it unless the tokens come from a Pandoc-dialect file (the whole
document, or a file gathered by ``glossterm-include``).
"""

from __future__ import annotations

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode

from sphinx_glossterm.model.translations import TRANSLATED_FROM
from sphinx_glossterm.model.warnings_ import GlosstermWarning
from sphinx_glossterm.reader import entry_rules
from sphinx_glossterm.reader import nodes as gnodes
from sphinx_glossterm.reader.nesting import BLOCK_LIMIT, INLINE_LIMIT, TOO_DEEP_INLINE
from sphinx_glossterm.reader.pandoc.abbreviation import ABBREVIATION_META
from sphinx_glossterm.reader.pandoc.attributes import Attributes
from sphinx_glossterm.reader.pandoc.entries import heading_attributes
from sphinx_glossterm.reader.pandoc.heading_attrs import ATTRS_ERROR_META
from sphinx_glossterm.reader.pandoc.identifiers import pandoc_identifier
from sphinx_glossterm.reader.pandoc.math import MathRenderMixin
from sphinx_glossterm.reader.pandoc.table_render import TableRenderMixin
from sphinx_glossterm.reader.rawhtml.render import RawHtmlRenderMixin
from sphinx_glossterm.reader.render_base import GlosstermRendererBase
from sphinx_glossterm.reader.terminology import terminology


class GlosstermRenderer(
    MathRenderMixin, RawHtmlRenderMixin, TableRenderMixin, GlosstermRendererBase
):
    """myst-parser's Sphinx renderer, extended with entries, sections and Pandoc headings."""

    # -- headings ---------------------------------------------------------------

    def update_section_level_state(self, section: nodes.section, level: int) -> None:
        if not self.in_pandoc:
            super().update_section_level_state(section, level)
            return
        # Pandoc accepts any heading levels (term files start at H2 or H3), so
        # level jumps are not reported here; the nesting is kept the same way.
        parent_level = max(known for known in self._level_to_section if level > known)
        self._level_to_section[parent_level].append(section)
        self._level_to_section[level] = section
        self._level_to_section = {
            known: value for known, value in self._level_to_section.items() if known <= level
        }

    def render_heading(self, token: SyntaxTreeNode) -> None:
        if not self.in_pandoc:
            super().render_heading(token)
            return
        self._check_attributes(token)
        attrs = heading_attributes(token)
        before = self.current_node
        super().render_heading(token)
        node = self.current_node if self.current_node is not before else before.children[-1]
        self._apply_attributes(node, attrs)

    def _check_attributes(self, token: SyntaxTreeNode) -> None:
        error = token.meta.get(ATTRS_ERROR_META)
        if error:
            self._warn(GlosstermWarning.ATTRIBUTES, entry_rules.attributes_problem(error), token)

    def _apply_attributes(self, node: nodes.Element, attrs: Attributes) -> None:
        node["classes"].extend(name for name in attrs.classes if name not in node["classes"])
        if attrs.id:
            gnodes.set_explicit_id(self.document, node, attrs.id)

    # -- entries ----------------------------------------------------------------

    def render_glossterm_entry(self, token: SyntaxTreeNode) -> None:
        heading, *content = token.children
        self._check_attributes(heading)
        attrs: Attributes = token.meta["attrs"]
        level: int = token.meta["level"]
        entry = gnodes.entry_section(
            classes=entry_rules.entry_classes(attrs.classes),
            aliases=entry_rules.split_aliases(attrs.pairs.get("aliases", "")),
        )
        self.add_line_and_source_path(entry, token)
        if token.meta.get("inferred"):
            entry[gnodes.INFERRED] = True
        entry[gnodes.TERMINOLOGY] = terminology(attrs.pairs, token.meta.get(ABBREVIATION_META))
        if attrs.pairs.get(TRANSLATED_FROM):
            entry[gnodes.TRANSLATED_FROM] = attrs.pairs[TRANSLATED_FROM]
        self.update_section_level_state(entry, level)
        title = self._title(heading)
        entry += title
        if not title.astext().strip():
            self._warn(GlosstermWarning.ENTRY, entry_rules.NO_TITLE, heading)
        level_problem = entry_rules.heading_level_problem(level)
        if level_problem:
            self._warn(GlosstermWarning.ENTRY, level_problem, heading)
        with self.current_node_context(entry):
            self.render_children_of(content)
        term_id = attrs.id or pandoc_identifier(title.astext())
        gnodes.finish_entry(self.document, entry, term_id, self.glossterm.section_types)
        # Whatever follows the entry belongs to the entry's parent, not inside it.
        self.current_node = entry.parent
        self._level_to_section = {
            known: value for known, value in self._level_to_section.items() if known < level
        }

    def render_glossterm_tagline(self, token: SyntaxTreeNode) -> None:
        paragraph = gnodes.tagline_paragraph()
        self.add_line_and_source_path(paragraph, token)
        with self.current_node_context(paragraph, append=True):
            self.render_children(token)

    def render_glossterm_lead(self, token: SyntaxTreeNode) -> None:
        container = gnodes.lead_container()
        self.add_line_and_source_path(container, token)
        with self.current_node_context(container, append=True):
            self.render_children(token)

    def render_glossterm_section(self, token: SyntaxTreeNode) -> None:
        heading, *content = token.children
        self._check_attributes(heading)
        attrs = heading_attributes(heading)
        kind: str | None = token.meta["type"]
        section = gnodes.typed_section(kind, self.glossterm.section_types)
        self.add_line_and_source_path(section, token)
        section["classes"].extend(
            name for name in attrs.classes if name != kind and name not in section["classes"]
        )
        if attrs.id:
            gnodes.set_explicit_id(self.document, section, attrs.id)
        section += self._title(heading)
        with self.current_node_context(section, append=True):
            self.render_children_of(content)

    def render_glossterm_subsection(self, token: SyntaxTreeNode) -> None:
        heading, *content = token.children
        self._check_attributes(heading)
        attrs = heading_attributes(heading)
        section = nodes.section(classes=list(attrs.classes))
        self.add_line_and_source_path(section, token)
        title = self._title(heading)
        section += title
        if attrs.id:
            gnodes.set_explicit_id(self.document, section, attrs.id)
        with self.current_node_context(section, append=True):
            name = nodes.fully_normalize_name(title.astext())
            section["names"].append(name)
            self.document.note_implicit_target(section, section)
            self.render_children_of(content)

    def render_children_of(self, children: list[SyntaxTreeNode]) -> None:
        """Render a list of sibling tokens into the current node."""
        for child in children:
            render = self.rules.get(f"render_{child.type}")
            if render is None:
                self._warn(GlosstermWarning.ENTRY, f"cannot render {child.type!r}", child)
            else:
                render(child)

    def _title(self, heading: SyntaxTreeNode) -> nodes.title:
        title = nodes.title(heading.children[0].content if heading.children else "")
        self.add_line_and_source_path(title, heading)
        with self.current_node_context(title):
            self.render_children(heading)
        return title

    # -- links ------------------------------------------------------------------

    def render_link_anchor(self, token: SyntaxTreeNode, target: str) -> None:
        super().render_link_anchor(token, target)
        if self.in_pandoc and len(target) > 1:
            # In Pandoc's single-page output ``#Id`` is a global anchor; here it
            # becomes a link resolved across the whole project after reading.
            # markdown-it percent-encodes the target (``#%C3%84quivalenz``).
            reference = self.current_node.children[-1]
            term_id = self.md.normalizeLinkText(target)[1:]
            xref = gnodes.term_xref(term_id, reference.children)
            xref.source, xref.line = reference.source, reference.line
            reference.replace_self(xref)

    # -- blocks nested too deeply (see nesting.py) ----------------------------------------

    def render_text(self, token: SyntaxTreeNode) -> None:
        if token.meta and token.meta.get(TOO_DEEP_INLINE):
            self._warn(
                GlosstermWarning.NESTING, entry_rules.too_deep_inline_problem(INLINE_LIMIT), token
            )
        super().render_text(token)

    def render_glossterm_too_deep(self, token: SyntaxTreeNode) -> None:
        problem = entry_rules.too_deep_blocks_problem(BLOCK_LIMIT)
        self._warn(GlosstermWarning.NESTING, problem, token)
        block = nodes.literal_block(token.content, token.content)
        self.add_line_and_source_path(block, token)
        self.current_node.append(block)

    # -- the title block ------------------------------------------------------------

    def render_pandoc_title_block(self, token: SyntaxTreeNode) -> None:
        meta = token.meta
        section = nodes.section(classes=["glossterm-title-block"])
        self.add_line_and_source_path(section, token)
        self.update_section_level_state(section, 1)
        title = nodes.title(meta.get("title", ""), meta.get("title", ""))
        self.add_line_and_source_path(title, token)
        section += title
        for field_name in ("author", "date"):
            if meta.get(field_name):
                paragraph = nodes.paragraph(
                    meta[field_name], meta[field_name], classes=[f"glossterm-{field_name}"]
                )
                self.add_line_and_source_path(paragraph, token)
                section += paragraph
        section["names"].append(nodes.fully_normalize_name(title.astext()))
        self.document.note_implicit_target(section, section)
        self.current_node = section

    # -- files gathered by glossterm-include --------------------------------------------

    def render_glossterm_file(self, token: SyntaxTreeNode) -> None:
        with self.pandoc_file(token.meta["source"]):
            self.render_children(token)
