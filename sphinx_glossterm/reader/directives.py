"""MyST directives: ``glossterm`` entries, their typed sections, and the index."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_glossterm.model.options import section_types
from sphinx_glossterm.model.warnings_ import GlosstermWarning, warning_kwargs
from sphinx_glossterm.reader import entry_rules
from sphinx_glossterm.reader import nodes as gnodes
from sphinx_glossterm.reader.pandoc.identifiers import default_id
from sphinx_glossterm.reader.rawhtml.render import inside_entry
from sphinx_glossterm.reader.terminology import DECLARED, terminology

logger = logging.getLogger(__name__)


class GlosstermDirective(SphinxDirective):
    """An entry written in MyST: title, id, tagline, aliases, lead and typed sections."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {
        "id": directives.unchanged_required,
        "tagline": directives.unchanged,
        "aliases": directives.unchanged,
        "class": directives.class_option,
        "status": directives.unchanged,
        "replaced-by": directives.unchanged,
        "expansion": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        # Its parts are a term document: raw HTML in them follows glossterm_raw_html.
        with inside_entry(self.env.temp_data):
            return self._run()

    def _run(self) -> list[nodes.Node]:
        types = section_types(self.config)
        title_text = self.arguments[0]
        entry = gnodes.entry_section(
            classes=self.options.get("class", []),
            aliases=entry_rules.split_aliases(self.options.get("aliases", "")),
        )
        entry[gnodes.TERMINOLOGY] = terminology(
            {name: self.options[name] for name in DECLARED if name in self.options}
        )
        self.set_source_info(entry)
        # parse_inline takes a 0-based line; self.lineno is 1-based.
        title_nodes, messages = self.parse_inline(title_text, lineno=self.lineno - 1)
        title = nodes.title(title_text, "", *title_nodes)
        self.set_source_info(title)
        entry += title
        tagline_text = self.options.get("tagline", "").strip()
        if tagline_text:
            tagline = gnodes.tagline_paragraph()
            self.set_source_info(tagline)
            tagline_nodes, tagline_messages = self.parse_inline(
                tagline_text,
                lineno=entry_rules.option_line(self.block_text.splitlines(), "tagline", self.lineno)
                - 1,
            )
            tagline += tagline_nodes
            messages += tagline_messages
            entry += tagline
        lead = gnodes.lead_container()
        self.set_source_info(lead)
        sections: list[nodes.section] = []
        for node in self.parse_content_to_nodes():
            if isinstance(node, nodes.section) and gnodes.SECTION_TYPE in node:
                sections.append(node)
            elif sections:
                # Text after a section belongs to it, as under a heading.
                sections[-1] += node
            else:
                lead += node
        if lead.children:
            entry += lead
        entry.extend(sections)
        term_id = self.options.get("id") or default_id(title_text)
        gnodes.finish_entry(self.state.document, entry, term_id, types)
        return [entry, *messages]


class GlosstermSectionDirective(SphinxDirective):
    """A typed section inside a ``glossterm`` entry: ``:::{glossterm-section} explanation``."""

    required_arguments = 1
    has_content = True
    option_spec = {
        "title": directives.unchanged,
        "id": directives.unchanged_required,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        types = section_types(self.config)
        kind = self.arguments[0]
        section = gnodes.typed_section(kind, types)
        self.set_source_info(section)
        section["classes"].extend(self.options.get("class", []))
        if "id" in self.options:
            gnodes.set_explicit_id(self.state.document, section, self.options["id"])
        title_text = entry_rules.section_title(
            kind, self.options.get("title") or "", types, self.config.language
        )
        title_nodes, messages = self.parse_inline(title_text, lineno=self.lineno)
        title = nodes.title(title_text, "", *title_nodes)
        self.set_source_info(title)
        section += title
        section += self.parse_content_to_nodes()
        return [section, *messages]


class AnchorStraySections(SphinxTransform):
    """Give an id to a ``glossterm-section`` that stands outside any entry.

    Inside an entry, :func:`~sphinx_glossterm.reader.nodes.finish_entry` names its
    sections; a stray one (reported by the domain) still needs an anchor, or
    Sphinx's table-of-contents collector fails on it.
    """

    default_priority = 800  # before the doctree-read event (880)

    def apply(self, **kwargs: object) -> None:
        for section in self.document.findall(nodes.section):
            if gnodes.SECTION_TYPE in section and not section["ids"]:
                title = section.next_node(nodes.title)
                name = nodes.fully_normalize_name(title.astext() if title else "section")
                section["names"].append(name)
                self.document.note_implicit_target(section, section)


class GlosstermIndexDirective(SphinxDirective):
    """The alphabetical index of all entries, filled in after every page is read."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        placeholder = gnodes.index_placeholder()
        self.set_source_info(placeholder)
        return [placeholder]


class GlosstermIncludeDirective(SphinxDirective):
    """Stand-in for pages that are not Markdown; Markdown pages expand the include earlier."""

    required_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[nodes.Node]:
        logger.warning(
            "glossterm-include works in Markdown (MyST) pages only; nothing was included",
            location=self.get_location(),
            **warning_kwargs(GlosstermWarning.INCLUDE),
        )
        return []
