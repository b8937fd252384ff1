"""Incremental builds equal clean builds: every page that shows a changed thing is rewritten.

Sphinx re-reads only the files that changed and rewrites only those (and the
pages whose toctree includes them).  But a glossary page shows much of other
entries: their titles and taglines (link texts and tooltips, the A–Z index),
whether a link resolves at all, which entries link to its own ("Referenced
by"), and with the glossterm theme its neighbours in dictionary order (pager),
its graph neighbourhood, and the letters of the index (on every page).

Each such dependency is declared here, as data compared before and after
reading, never by rewriting everything:

* ``env-get-outdated`` (:func:`remember_entries`) notes, before anything is
  re-read, what every entry shows of itself (:func:`shown_entries`), the
  records, the index and graph, and every declared *page view*;
* ``env-get-updated`` (:func:`pages_showing_changed_entries`) compares after
  reading and returns the pages whose output changes, and only those: pages
  linking to a changed or vanished target, pages whose backlinks differ, the
  A–Z index pages, and pages whose view differs.

A *page view* (:func:`declare_view`) is a function of the application and the
domain giving, per docname, plain data of what that page shows of the rest of
the glossary (:data:`EVERY_PAGE` for what every page shows).  The stages that
show something declare their view: :mod:`sphinx_glossterm.html.navigation`
(pager, letters, neighbourhood), :mod:`sphinx_glossterm.exports` (JSON-LD), and
Sphinx's own previous/next/parent links (:func:`sphinx_relations`), which
Sphinx itself does not rewrite when a neighbour's title changes.

Also here: the pages and source copies of removed documents are deleted from
an HTML site (:func:`remove_pages_of_removed_documents`), so an incremental
build leaves no file a clean build would not write.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_glossterm.model.abbreviations import resolve as resolve_stub
from sphinx_glossterm.model.graph import TermGraph
from sphinx_glossterm.model.records import Term
from sphinx_glossterm.model.term_index import TermIndex
from sphinx_glossterm.sphinx_ext.domain import GlosstermDomain, glossterm_domain

Shown = tuple[Any, ...]
PageViews = dict[str, Hashable]
View = Callable[[Sphinx, GlosstermDomain], PageViews]

EVERY_PAGE = ""
"""The key of a page view under which it gives what every page shows (no docname is empty)."""

_views: dict[str, View] = {}


def declare_view(name: str, view: View) -> None:
    """Declare what pages show of the glossary: ``view(app, domain)`` → ``{docname: data}``.

    The data must be plain and comparable (tuples, strings, frozensets); a page
    missing from the result shows nothing of that kind.  When a page's data
    differs before and after reading, the page is rewritten; when the
    :data:`EVERY_PAGE` data differs, every page is.  Declaring a name again
    replaces the view (every application registers the same ones).
    """
    _views[name] = view


def page_views(app: Sphinx, domain: GlosstermDomain) -> dict[str, PageViews]:
    """Every declared view of the project as it is now."""
    return {name: view(app, domain) for name, view in sorted(_views.items())}


def pages_with_changed_views(
    before: dict[str, PageViews], after: dict[str, PageViews], all_docs: set[str]
) -> set[str]:
    """The pages whose view differs after reading (all of them for an every-page change)."""
    pages: set[str] = set()
    for name in before.keys() | after.keys():
        old, new = before.get(name, {}), after.get(name, {})
        if old.get(EVERY_PAGE) != new.get(EVERY_PAGE):
            return set(all_docs)
        pages.update(doc for doc in old.keys() | new.keys() if old.get(doc) != new.get(doc))
    pages.discard(EVERY_PAGE)
    return pages


def sphinx_relations(app: Sphinx, domain: GlosstermDomain) -> PageViews:
    """Sphinx's parent, previous and next page of each page, with their titles (HTML only).

    Themes show them (``<link rel="prev">``, the rellinks bar, breadcrumbs);
    Sphinx rewrites a page when it is re-read, not when a neighbour's title
    changes or a new page comes between.
    """
    if app.builder.format != "html":
        return {}
    env = domain.env

    def shown(docname: str | None) -> tuple[str, str] | None:
        if docname is None:
            return None
        title = env.titles.get(docname)
        return docname, title.astext() if title is not None else ""

    return {
        docname: tuple(shown(related) for related in relations)
        for docname, relations in env.collect_relations().items()
    }


declare_view("sphinx-relations", sphinx_relations)


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
    # ``#Index`` links go to the first page holding the A–Z index, else genindex.
    shown.setdefault(domain.env.config.glossterm_index_id, ("index", domain.index_page()))
    return shown


@dataclass(frozen=True, slots=True)
class Before:
    """What the project looked like before this build re-read anything."""

    terms: dict[str, list[Term]]
    """The domain's records per document (the lists, not copies: re-reading replaces them)."""
    index: TermIndex
    graph: TermGraph
    shown: dict[str, Shown]
    views: dict[str, PageViews]


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
    """``env-get-outdated``: note what every entry shows before anything is re-read.

    A process that builds again (``glossterm serve``) takes what the last
    build found after reading: nothing of the records changes between the
    end of one build's reading and the start of the next.
    """
    domain = glossterm_domain(env)
    kept, domain.shown_after = domain.shown_after, None
    shown, views = kept if kept is not None else (shown_entries(domain), page_views(app, domain))
    domain.shown_before = Before(dict(domain.terms), domain.index, domain.graph, shown, views)
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
    views = page_views(app, domain)
    pages |= pages_with_changed_views(before.views, views, env.found_docs)
    domain.shown_after = (after, views)
    return sorted(pages & env.found_docs)


def remove_pages_of_removed_documents(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: delete the HTML page and source copy of each removed document.

    Sphinx leaves them in the output, so a deleted entry stays reachable by its
    address (and in a published site) although no page links to it any more.
    Only HTML sites of one page per document (``html``, ``dirhtml``) have them.
    """
    builder = app.builder
    if builder.format != "html" or not hasattr(builder, "get_outfilename") or not removed:
        return []
    if builder.name == "singlehtml" or builder.name.startswith("epub"):
        return []
    outdir = Path(builder.outdir)
    suffixes = [*app.config.source_suffix] if app.config.source_suffix else []
    link_suffix = app.config.html_sourcelink_suffix
    for docname in sorted(removed):
        candidates = [Path(builder.get_outfilename(docname))]
        # As the builder names the copy: the source suffix, then the link suffix unless equal.
        candidates += [
            outdir / "_sources" / f"{docname}{suffix}{'' if suffix == link_suffix else link_suffix}"
            for suffix in suffixes
        ]
        for path in candidates:
            if path.is_file() and outdir in path.parents:
                path.unlink()
    return []
