"""Project-wide lookups over the Term records: which entry an id means, duplicates, anchors.

Sphinx-free, so that ``glossterm check``'s Markdown reader builds the same
index from its records as the domain builds from the doctrees.
"""

from __future__ import annotations

from collections.abc import Iterable

from sphinx_glossterm.model.records import Term


class TermIndex:
    """Project-wide lookups derived from the per-document records."""

    def __init__(
        self,
        terms: Iterable[Term],
        anchors: dict[str, dict[str, tuple[str, int | None, str]]],
    ):
        ordered = sorted(terms, key=lambda term: (term.source, term.line or 0, term.docname))
        self.terms: list[Term] = ordered
        self.by_id: dict[str, Term] = {}
        self.duplicates: dict[str, list[Term]] = {}
        # Of two entries with one id, links go to the one in the file named after
        # the id (``QLoRA.md`` for ``#QLoRA``), else to the first in file order.
        for term in sorted(ordered, key=_precedence):
            if term.id in self.by_id:
                self.duplicates.setdefault(term.id, [self.by_id[term.id]]).append(term)
            else:
                self.by_id[term.id] = term
        self.derived: dict[str, object] = {}
        """Views of these records that other modules compute once (e.g. the A–Z order)."""
        # Explicit ids of other headings: ``### Beispiel {#example}``, by the id as
        # written: (docname, title, HTML anchor).
        self.anchors: dict[str, tuple[str, str, str]] = {}
        for docname in sorted(anchors):
            for written, (title, _line, anchor) in sorted(anchors[docname].items()):
                self.anchors.setdefault(written, (docname, title, anchor))


def _precedence(term: Term) -> tuple[bool, str, int]:
    stem = term.source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem != term.id, term.source, term.line or 0
