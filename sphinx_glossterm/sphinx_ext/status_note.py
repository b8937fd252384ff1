"""The status line of an entry: "Status: superseded term — use instead: TermBase eXchange".

Added when a page is written (a post-transform, for every builder), from the
entry's Term record, right after its title and tagline, so HTML, PDF and EPUB
all show it.  The replacement is a term link, resolved like any other.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_glossterm.model import words
from sphinx_glossterm.model.records import Term
from sphinx_glossterm.model.status import is_known_status, replacement_of
from sphinx_glossterm.reader import nodes as gnodes
from sphinx_glossterm.sphinx_ext.domain import glossterm_domain

STATUS_CLASS = "glossterm-status"


class ShowStatus(SphinxPostTransform):
    """Put a status line under the title of every entry that declares a status."""

    default_priority = 4  # before the term link it adds is resolved

    def run(self, **kwargs: Any) -> None:
        domain = glossterm_domain(self.env)
        records: dict[str, dict[str, Term]] = {}
        for entry in list(self.document.findall(gnodes.is_entry)):
            docname = gnodes.docname_of(entry, self.env.docname)
            if docname not in records:
                records[docname] = {term.anchor: term for term in domain.terms.get(docname, ())}
            term = records[docname].get(entry[gnodes.TERM_ID])
            if term is None or not term.status or not is_known_status(term.status):
                continue
            line = self._line(term, replacement_of(term.id, domain.index))
            entry.insert(_after_heading(entry), line)

    def _line(self, term: Term, replacement: str | None) -> nodes.paragraph:
        strings = words.strings(self.config.language)
        paragraph = nodes.paragraph(classes=[STATUS_CLASS, f"{STATUS_CLASS}-{term.status}"])
        paragraph += nodes.strong("", f"{strings['status']}: ")
        paragraph += nodes.inline("", strings[f"status_{term.status}"])
        if replacement:
            paragraph += nodes.Text(f" — {strings['replaced_by']}: ")
            paragraph += gnodes.term_xref(replacement, [])
        return paragraph


def _after_heading(entry: nodes.section) -> int:
    """The position after the entry's title, its index entries, targets and tagline."""
    position = 1
    while position < len(entry.children):
        child = entry[position]
        is_tagline = isinstance(child, nodes.paragraph) and gnodes.TAGLINE_CLASS in child["classes"]
        if not (is_tagline or isinstance(child, addnodes.index | nodes.target)):
            break
        position += 1
    return position
