"""Rewrite every page that shows something of an entry that changed.

A page shows other entries' titles and taglines (link tooltips, the index) and
whether a link resolves at all.  Sphinx re-reads only the files that changed;
this compares what each entry shows before and after reading and returns the
pages that link to a changed entry, so none of them is left stale.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .domain import GlosstermDomain

Shown = tuple[Any, ...]


def shown_entries(domain: GlosstermDomain) -> dict[str, Shown]:
    """For each link target: what a page linking to it shows of it."""
    shown: dict[str, Shown] = {
        term_id: (term.docname, term.anchor, term.title, term.tagline, term.aliases)
        for term_id, term in domain.index.by_id.items()
    }
    for anchor, (docname, title) in domain.index.anchors.items():
        shown.setdefault(anchor, (docname, anchor, title))
    return shown


def remember_entries(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: note what every entry shows before anything is re-read."""
    domain: GlosstermDomain = env.domains["glossterm"]  # type: ignore[assignment]
    domain.shown_before = shown_entries(domain)
    return []


def pages_showing_changed_entries(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the pages that link to an entry whose shown data changed."""
    domain: GlosstermDomain = env.domains["glossterm"]  # type: ignore[assignment]
    before = domain.shown_before
    if before is None:
        return []
    after = shown_entries(domain)
    changed = {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
    domain.shown_before = None
    if not changed:
        return []
    pages = set(domain.index_pages)
    for docname, terms in domain.terms.items():
        if any(link.target in changed for term in terms for link in term.links):
            pages.add(docname)
    for docname, links in domain.page_links.items():
        if any(link.target in changed for link in links):
            pages.add(docname)
    for docname, targets in domain.data["myst_links"].items():
        if changed.intersection(targets):
            pages.add(docname)
    return sorted(pages & env.found_docs)
