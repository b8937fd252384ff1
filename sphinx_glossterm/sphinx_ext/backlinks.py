""" "Referenced by": the entries that link to an entry, shown at its end.

Added when a page is written (a post-transform), from the term graph of the
whole project, so a page read long ago still shows today's backlinks;
:mod:`.incremental` makes sure the page is rewritten when they change.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_glossterm.model import words
from sphinx_glossterm.model.graph import Backlink, TermGraph
from sphinx_glossterm.model.records import LinkKind, Term
from sphinx_glossterm.reader import nodes as gnodes
from sphinx_glossterm.sphinx_ext.domain import GlosstermDomain, glossterm_domain

BACKLINKS_CLASS = "glossterm-backlinks"


def backlink_rows(domain: GlosstermDomain, term: Term) -> list[Backlink]:
    """The rows of ``term``'s backlinks block."""
    graph = domain.graph
    return graph.backlinks(TermGraph.key_of(term, domain.index.by_id.get))


class AddBacklinks(SphinxPostTransform):
    """Append a "Referenced by" section to every entry something links to."""

    default_priority = 4  # before the term links it adds are resolved

    def run(self, **kwargs: Any) -> None:
        if not self.config.glossterm_backlinks:
            return
        domain = glossterm_domain(self.env)
        # One doctree may hold several documents (the latex builder's book); only
        # the records of the documents on this page are looked at, so writing a
        # page costs the same however large the glossary is.
        records: dict[str, dict[str, Term]] = {}
        for entry in list(self.document.findall(gnodes.is_entry)):
            docname = gnodes.docname_of(entry, self.env.docname)
            if docname not in records:
                records[docname] = {term.anchor: term for term in domain.terms.get(docname, ())}
            term = records[docname].get(entry[gnodes.TERM_ID])
            if term is None:
                continue
            rows = backlink_rows(domain, term)
            if rows:
                entry += self._section(term, rows)

    def _section(self, term: Term, rows: list[Backlink]) -> nodes.section:
        language = self.config.language
        section = nodes.section(classes=[BACKLINKS_CLASS])
        gnodes.register_id(self.document, section, f"{term.anchor}-referenced-by")
        section += nodes.title("", words.strings(language)["referenced_by"])
        items = nodes.bullet_list(classes=["glossterm-backlink-list"])
        for _, group in groupby(rows, key=lambda row: id(row.term)):
            group_rows = list(group)
            source = group_rows[0].term
            paragraph = nodes.paragraph()
            xref = gnodes.term_xref(source.id, [nodes.Text(source.title)])
            xref[gnodes.TARGET_DOC], xref[gnodes.TARGET_ANCHOR] = source.docname, source.anchor
            paragraph += xref
            # One name per place: a link and a mention in one section are one place.
            places = list(dict.fromkeys(self._place(row, language) for row in group_rows))
            paragraph += nodes.Text(" — ")
            paragraph += nodes.inline("", ", ".join(places), classes=["glossterm-backlink-where"])
            items += nodes.list_item("", paragraph)
        section += items
        return section

    @staticmethod
    def _place(row: Backlink, language: str | None) -> str:
        if row.section_title:
            return row.section_title
        return (
            words.strings(language)["introduction"]
            if row.kind is LinkKind.MENTION
            else row.kind.value
        )
