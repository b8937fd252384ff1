"""The glossary's A–Z index: what ``glossterm-index`` shows and ``#Index`` links to.

Entries and aliases in dictionary order (:mod:`.collation`), one group per
letter with a heading, a letter bar that jumps to the groups, each entry with
its tagline and each alias as "alias *see* entry".  The list is complete
without JavaScript; the extension's script adds a filter box above it.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_glossterm.model import words as ui
from sphinx_glossterm.model.abbreviations import resolve as resolve_stub
from sphinx_glossterm.model.collation import letter_of, sort_key
from sphinx_glossterm.model.records import Term
from sphinx_glossterm.reader import nodes as gnodes
from sphinx_glossterm.sphinx_ext.domain import GlosstermDomain, glossterm_domain

INDEX_CLASS = "glossterm-index"


def index_rows(terms: list[Term]) -> list[tuple[str, str, Term]]:
    """``(letter, shown name, term)`` for every title, alias and abbreviation, in dictionary order.

    A "Long Form (ABBR)" entry is listed under its abbreviation too, unless a
    stub of that abbreviation leads to it already.
    """
    rows = [(term.title, term) for term in terms]
    rows += [(alias, term) for term in terms for alias in term.aliases if alias != term.title]
    stubs = {(term.title, term.expansion_target) for term in terms if term.stub}
    rows += [
        (term.abbreviation, term)
        for term in terms
        if term.abbreviation
        and term.abbreviation != term.title
        and term.abbreviation not in term.aliases
        and (term.abbreviation, term.id) not in stubs
    ]
    rows.sort(key=lambda row: (sort_key(row[0]), row[1].id))
    return [(letter_of(name), name, term) for name, term in rows]


def letter_anchor(letter: str, number: int = 0) -> str:
    """The anchor of a letter group: ``glossterm-letter-A`` (``#`` for digits and signs)."""
    prefix = "glossterm-letter" if number == 0 else f"glossterm-letter{number}"
    return f"{prefix}-{letter}"


class FillGlossaryIndex(SphinxPostTransform):
    """Replace each ``glossterm-index`` placeholder with the list of all entries."""

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        placeholders = list(self.document.findall(gnodes.index_placeholder))
        if not placeholders:
            return
        domain = glossterm_domain(self.env)
        for number, placeholder in enumerate(placeholders):
            placeholder.replace_self(self._index(domain, number))

    def _index(self, domain: GlosstermDomain, number: int) -> nodes.container:
        rows = index_rows(domain.all_terms())
        see = ui.strings(self.config.language)["see"]
        container = nodes.container(classes=[INDEX_CLASS])
        letters = [letter for letter, _ in groupby(row[0] for row in rows)]
        bar = nodes.paragraph(classes=["glossterm-letter-bar"])
        for position, letter in enumerate(letters):
            if position:
                bar += nodes.Text(" ")
            bar += nodes.reference(
                letter, letter, refid=letter_anchor(letter, number), internal=True
            )
        container += bar
        for letter, group in groupby(rows, key=lambda row: row[0]):
            anchor = letter_anchor(letter, number)
            block = nodes.container(classes=["glossterm-letter-group"])
            heading = nodes.rubric(letter, letter, classes=["glossterm-letter"])
            heading["heading-level"] = 2
            heading["ids"].append(anchor)
            self.document.ids[anchor] = heading
            block += heading
            items = nodes.bullet_list(classes=["glossterm-index-list"])
            for _, name, term in group:
                items += nodes.list_item("", self._row(name, term, see))
            block += items
            container += block
        return container

    def _row(self, name: str, term: Term, see: str) -> nodes.paragraph:
        paragraph = nodes.paragraph()
        expanded = resolve_stub(term, glossterm_domain(self.env).index.by_id)
        if expanded is not term:  # a stub: "AGI see Artificial General Intelligence (AGI)"
            name, term = term.title, expanded
        if name != term.title:
            paragraph["classes"].append("glossterm-index-alias")
            paragraph += nodes.inline(name, name, classes=["glossterm-index-name"])
            paragraph += nodes.Text(" ")
            paragraph += nodes.emphasis(see, see, classes=["glossterm-index-see"])
            paragraph += nodes.Text(" ")
            paragraph += self._link(term, term.title)
            return paragraph
        paragraph += self._link(term, term.title)
        if term.tagline:
            paragraph += nodes.Text(" — ")
            paragraph += nodes.inline(
                term.tagline, term.tagline, classes=["glossterm-index-tagline"]
            )
        return paragraph

    def _link(self, term: Term, text: str) -> nodes.Element:
        # The builder resolves it like any term link (and knows the page's URL).
        xref = gnodes.term_xref(term.id, [nodes.Text(text)])
        # An index row names one entry exactly, even one whose id is taken twice.
        xref[gnodes.TARGET_DOC], xref[gnodes.TARGET_ANCHOR] = term.docname, term.anchor
        return xref
