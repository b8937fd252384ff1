"""The list of abbreviations (Abkürzungsverzeichnis): each abbreviation, its long form, its entry.

Shown where a page has the ``glossterm-abbreviations`` directive; otherwise,
unless ``glossterm_abbreviation_list`` is off, right after the A–Z index
(``glossterm-index``), so a folder of term files gets it in HTML, EPUB and PDF
alike.  Filled in when the page is written, from every entry of the project
(:func:`.model.abbreviations.abbreviation_list`).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from sphinx_glossterm.model import words
from sphinx_glossterm.model.abbreviations import Abbreviation, abbreviation_list
from sphinx_glossterm.reader import nodes as gnodes
from sphinx_glossterm.sphinx_ext.domain import glossterm_domain

LIST_CLASS = "glossterm-abbreviation-list"
ABBREVIATIONS_CLASS = "glossterm-abbreviations"


class abbreviations_placeholder(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """Where a ``glossterm-abbreviations`` directive stands."""


class GlosstermAbbreviationsDirective(SphinxDirective):
    """The list of abbreviations, filled in after every page is read."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        placeholder = abbreviations_placeholder()
        self.set_source_info(placeholder)
        return [placeholder]


class FillAbbreviationList(SphinxPostTransform):
    """Replace each placeholder with the list; add one after the A–Z index if none is placed."""

    default_priority = 5  # before the A–Z placeholder is replaced (6)

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(abbreviations_placeholder))
        if not placeholders and self.config.glossterm_abbreviation_list:
            for index in list(self.document.findall(gnodes.index_placeholder))[:1]:
                placeholder = abbreviations_placeholder()
                index.parent.insert(index.parent.index(index) + 1, placeholder)
                placeholders.append(placeholder)
        if not placeholders:
            return
        domain = glossterm_domain(self.env)
        rows = abbreviation_list(domain.all_terms(), domain.index.by_id)
        for placeholder in placeholders:
            if rows:
                placeholder.replace_self(self._list(rows))
            else:
                placeholder.parent.remove(placeholder)

    def _list(self, rows: list[Abbreviation]) -> nodes.container:
        strings = words.strings(self.config.language)
        container = nodes.container(classes=[ABBREVIATIONS_CLASS])
        heading = nodes.rubric(
            "", strings["abbreviations"], classes=[f"{ABBREVIATIONS_CLASS}-title"]
        )
        heading["heading-level"] = 2
        container += heading
        items = nodes.bullet_list(classes=[LIST_CLASS])
        for row in rows:
            paragraph = nodes.paragraph()
            paragraph += nodes.strong(row.short, row.short, classes=["glossterm-abbreviation"])
            paragraph += nodes.Text(" — ")
            xref = gnodes.term_xref(row.entry.id, [nodes.Text(row.expansion or row.entry.title)])
            xref[gnodes.TARGET_DOC], xref[gnodes.TARGET_ANCHOR] = (
                row.entry.docname,
                row.entry.anchor,
            )
            paragraph += xref
            items += nodes.list_item("", paragraph)
        container += items
        return container
