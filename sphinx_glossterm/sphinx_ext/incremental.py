"""Rewrite every page that shows something of an entry that changed.

A page shows other entries' titles and taglines (link tooltips, the index),
whether a link resolves at all, and which entries link to its own ("Referenced
by").  Sphinx re-reads only the files that changed; this compares both before
and after reading and returns the pages whose output changes, and only those.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_glossterm.model.abbreviations import resolve as resolve_stub
from sphinx_glossterm.model.graph import TermGraph
from sphinx_glossterm.model.records import Term
from sphinx_glossterm.model.term_index import TermIndex
from sphinx_glossterm.sphinx_ext.domain import GlosstermDomain, glossterm_domain

Shown = tuple[Any, ...]


def shown_entries(domain: GlosstermDomain) -> dict[str, Shown]:
    """For each link target: what a page linking to it shows of it."""
    by_id = domain.index.by_id
    shown: dict[str, Shown] = {}
    for term_id, term in by_id.items():
        # A link to a stub shows the entry it leads to; its status and abbreviation show in
        # the "use instead" line, the <abbr> of links and the list of abbreviations.
        reached = resolve_stub(term, by_id)
        shown[term_id] = (
            reached.docname,
            reached.anchor,
            reached.title,
            reached.tagline,
            term.aliases,
            term.status,
            term.replaced_by,
            term.abbreviation,
            term.expansion,
        )
    for written, (docname, title, anchor) in domain.index.anchors.items():
        shown.setdefault(written, (docname, anchor, title))
    return shown


@dataclass(frozen=True, slots=True)
class Before:
    """What the project looked like before this build re-read anything."""

    terms: dict[str, list[Term]]
    """The domain's records per document (the lists, not copies: re-reading replaces them)."""
    index: TermIndex
    graph: TermGraph
    shown: dict[str, Shown]


def reread_terms(before: dict[str, list[Term]], after: dict[str, list[Term]]) -> list[Term]:
    """The records of every document read again or removed, as they were and as they are."""
    changed = [
        docname
        for docname in before.keys() | after.keys()
        if before.get(docname) is not after.get(docname)
    ]
    return [
        term for docname in changed for state in (before, after) for term in state.get(docname, ())
    ]


def backlink_rows_of(
    terms: list[Term], index: TermIndex, graph: TermGraph, ids: set[str]
) -> dict[tuple[str, str], Shown]:
    """The "Referenced by" rows, as shown, of the entries declaring one of ``ids``."""
    shown: dict[tuple[str, str], Shown] = {}
    for term in terms:
        if term.id not in ids:
            continue
        rows = tuple(
            (
                row.term.id,
                row.term.docname,
                row.term.anchor,
                row.term.title,
                row.term.tagline,
                row.kind.value,
                row.section_title,
            )
            for row in graph.backlinks(TermGraph.key_of(term, index.by_id.get))
        )
        shown[term.docname, term.anchor] = rows
    return shown


def pages_with_changed_backlinks(before: Before, domain: GlosstermDomain) -> set[str]:
    """The pages whose "Referenced by" rows differ after re-reading.

    Only entries re-read (or removed) can add, drop or change a row, and only
    rows of the entries they link to, or of entries sharing their ids (whose
    links may now go elsewhere).  So only those entries are compared, and an
    edit costs the same however large the glossary is.
    """
    reread = reread_terms(before.terms, domain.terms)
    ids = {term.id for term in reread} | {link.target for term in reread for link in term.links}
    rows_before = backlink_rows_of(before.index.terms, before.index, before.graph, ids)
    rows_after = backlink_rows_of(domain.index.terms, domain.index, domain.graph, ids)
    return {
        docname
        for (docname, anchor) in rows_before.keys() | rows_after.keys()
        if rows_before.get((docname, anchor)) != rows_after.get((docname, anchor))
    }


def remember_entries(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: note what every entry shows before anything is re-read."""
    domain = glossterm_domain(env)
    domain.shown_before = Before(
        dict(domain.terms), domain.index, domain.graph, shown_entries(domain)
    )
    return []


def pages_showing_changed_entries(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the pages that link to an entry whose shown data changed."""
    domain = glossterm_domain(env)
    before = domain.shown_before
    if before is None:
        return []
    domain.shown_before = None
    after = shown_entries(domain)
    changed = {
        key for key in before.shown.keys() | after.keys() if before.shown.get(key) != after.get(key)
    }
    pages: set[str] = set(domain.index_pages) if changed else set()
    for docname, terms in domain.terms.items():
        if any(link.target in changed for term in terms for link in term.links):
            pages.add(docname)
        if any(term.replaced_by in changed for term in terms):
            pages.add(docname)  # its status line names the replacement
    for docname, links in domain.page_links.items():
        if any(link.target in changed for link in links):
            pages.add(docname)
    for docname, targets in domain.data["myst_links"].items():
        if changed.intersection(targets):
            pages.add(docname)
    if app.config.glossterm_backlinks:
        pages |= pages_with_changed_backlinks(before, domain)
    return sorted(pages & env.found_docs)
