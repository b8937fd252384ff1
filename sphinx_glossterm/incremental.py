"""Rewrite every page that shows something of an entry that changed.

A page shows other entries' titles and taglines (link tooltips, the index),
whether a link resolves at all, and which entries link to its own ("Referenced
by").  Sphinx re-reads only the files that changed; this compares both before
and after reading and returns the pages whose output changes, and only those.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .backlinks import backlink_rows
from .domain import GlosstermDomain

Shown = tuple[Any, ...]


def shown_entries(domain: GlosstermDomain) -> dict[str, Shown]:
    """For each link target: what a page linking to it shows of it."""
    shown: dict[str, Shown] = {
        term_id: (term.docname, term.anchor, term.title, term.tagline, term.aliases)
        for term_id, term in domain.index.by_id.items()
    }
    for written, (docname, title, anchor) in domain.index.anchors.items():
        shown.setdefault(written, (docname, anchor, title))
    return shown


def backlinks_shown(domain: GlosstermDomain) -> dict[str, Shown]:
    """For each page: the "Referenced by" rows of its entries, as they are shown."""
    shown: dict[str, list[Shown]] = {}
    for term in domain.index.terms:
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
            for row in backlink_rows(domain, term)
        )
        if rows:
            shown.setdefault(term.docname, []).append((term.anchor, rows))
    return {docname: tuple(entries) for docname, entries in shown.items()}


def remember_entries(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: note what every entry shows before anything is re-read."""
    domain: GlosstermDomain = env.domains["glossterm"]  # type: ignore[assignment]
    domain.shown_before = (shown_entries(domain), backlinks_shown(domain))
    return []


def pages_showing_changed_entries(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the pages that link to an entry whose shown data changed."""
    domain: GlosstermDomain = env.domains["glossterm"]  # type: ignore[assignment]
    if domain.shown_before is None:
        return []
    before, backlinks_before = domain.shown_before
    domain.shown_before = None
    after = shown_entries(domain)
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    pages: set[str] = set(domain.index_pages) if changed else set()
    for docname, terms in domain.terms.items():
        if any(link.target in changed for term in terms for link in term.links):
            pages.add(docname)
    for docname, links in domain.page_links.items():
        if any(link.target in changed for link in links):
            pages.add(docname)
    for docname, targets in domain.data["myst_links"].items():
        if changed.intersection(targets):
            pages.add(docname)
    if app.config.glossterm_backlinks:
        backlinks_after = backlinks_shown(domain)
        pages.update(
            docname
            for docname in backlinks_before.keys() | backlinks_after.keys()
            if backlinks_before.get(docname) != backlinks_after.get(docname)
        )
    return sorted(pages & env.found_docs)
