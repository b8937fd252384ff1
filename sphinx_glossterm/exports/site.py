"""What the exports say about a built site: its entries, their URLs and the links between them.

Collected once per build from the domain's records and the term graph; the
writers in :mod:`.json_graph`, :mod:`.skos` and :mod:`.jsonld` only format it.
Every URL here is an IRI reference relative to the output root (where the
export files are written); :meth:`Glossary.iri` makes it absolute when
``html_baseurl`` is set.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from sphinx.builders import Builder
from sphinx.util.osutil import relative_uri

from sphinx_glossterm.exports import iri
from sphinx_glossterm.model.language import bcp47
from sphinx_glossterm.model.records import Term
from sphinx_glossterm.model.translations import Counterpart
from sphinx_glossterm.sphinx_ext.domain import GlosstermDomain, glossterm_domain


def is_html_site(builder: Builder) -> bool:
    """Whether ``builder`` writes a browsable HTML site (html, dirhtml, singlehtml; not epub)."""
    return builder.format == "html" and not builder.name.startswith("epub")


class SiteUrls:
    """Where the builder puts each page and entry, relative to the output root."""

    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self.root_doc: str = builder.config.root_doc
        # singlehtml answers "#document-<name>" for every document: all on one page.
        self.one_page = builder.get_target_uri(self.root_doc).startswith("#")
        baseurl: str = builder.config.html_baseurl or ""
        self.baseurl = iri.encode(baseurl)

    def page(self, docname: str) -> str:
        """The URL of the page showing ``docname``.

        ``./`` for the root of a ``dirhtml`` build, whose builder URI is empty:
        an empty reference would resolve to the export file itself.
        """
        if self.one_page:
            suffix = getattr(self.builder, "link_suffix", ".html")
            return iri.encode(quote(self.root_doc) + suffix)
        return iri.encode(self.builder.get_target_uri(docname)) or "./"

    def term(self, term: Term) -> str:
        """The URL of an entry: its page and its anchor."""
        return f"{self.page(term.docname)}#{iri.fragment(term.anchor)}"

    def absolute(self, url: str) -> str:
        """``url`` joined to ``html_baseurl`` the way Sphinx makes canonical URLs, else as is."""
        if not self.baseurl:
            return url
        return posixpath.join(self.baseurl, url.removeprefix("./"))

    def from_page(self, pagename: str, url: str) -> str:
        """``url`` (relative to the output root) as seen from ``pagename``'s page.

        Absolute when ``html_baseurl`` is set; otherwise relative to the page, as
        an ``@id`` in the page's JSON-LD resolves against the page's address.
        """
        if self.baseurl:
            return self.absolute(url)
        path, hash_, fragment = url.partition("#")
        relative = relative_uri(self.page(pagename).removeprefix("./"), path.removeprefix("./"))
        return relative + hash_ + fragment


@dataclass(frozen=True, slots=True)
class ExportedTerm:
    """An entry as the exports show it."""

    key: str
    """The node key in the term graph: the id, or ``docname#anchor`` for a duplicate."""
    term: Term
    url: str
    aliases: tuple[str, ...]
    """The aliases, without repeats and without the title itself."""
    counterparts: tuple[Counterpart, ...] = ()
    """The entry in the other languages (``glossterm_translations``), by language."""


@dataclass(frozen=True, slots=True)
class ExportedEdge:
    """A link between two entries, once per source, target and kind."""

    source: str
    target: str
    kind: str


@dataclass(frozen=True, slots=True)
class Glossary:
    """Everything the export files hold, in their order."""

    title: str
    language: str | None
    scheme_url: str
    """The URL of the glossary itself: the page with the A–Z index, else the root page."""
    terms: tuple[ExportedTerm, ...]
    """Sorted by key."""
    edges: tuple[ExportedEdge, ...]
    """Sorted by source, target and kind; no self-links."""
    urls: SiteUrls

    def iri(self, url: str) -> str:
        """The IRI (absolute with ``html_baseurl``, else relative to the output root)."""
        return self.urls.absolute(url)


def scheme_docname(domain: GlosstermDomain, root_doc: str) -> str:
    """The page that stands for the glossary as a whole."""
    return min(domain.index_pages) if domain.index_pages else root_doc


def exported_term(
    key: str,
    term: Term,
    urls: SiteUrls,
    abbreviations: tuple[str, ...] = (),
    counterparts: Iterable[Counterpart] = (),
) -> ExportedTerm:
    """One entry with its URL, cleaned-up aliases and its counterparts in other languages.

    The aliases include the entry's abbreviation ("LoRA" for "Low-Rank Adaptation
    (LoRA)") and ``abbreviations``, those of the stubs that lead to it.
    """
    names = (*term.aliases, term.abbreviation, *abbreviations)
    aliases = tuple(alias for alias in dict.fromkeys(names) if alias and alias != term.title)
    return ExportedTerm(key, term, urls.term(term), aliases, tuple(counterparts))


def stub_abbreviations(terms: Iterable[Term]) -> dict[str, tuple[str, ...]]:
    """For each id a stub leads to, the abbreviations of those stubs, in reading order."""
    found: dict[str, list[str]] = {}
    for term in terms:
        if term.stub and term.expansion_target:
            found.setdefault(term.expansion_target, []).append(term.abbreviation or term.title)
    return {target: tuple(names) for target, names in found.items()}


def collect(builder: Builder) -> Glossary:
    """The glossary of the finished build, from the domain's records and term graph."""
    domain = glossterm_domain(builder.env)
    urls = SiteUrls(builder)
    graph = domain.graph
    by_id = domain.index.by_id
    stubs = stub_abbreviations(domain.all_terms())
    translations = domain.translations
    terms = tuple(
        exported_term(
            key,
            term,
            urls,
            stubs.get(term.id, ()) if by_id.get(term.id) is term else (),
            translations.counterparts(key) if term.id == key else (),
        )
        for key, term in sorted(graph.nodes.items())
    )
    edges = sorted(
        {
            ExportedEdge(edge.source, edge.target, edge.kind.value)
            for edge in graph.edges
            if edge.source != edge.target
        },
        key=lambda edge: (edge.source, edge.target, edge.kind),
    )
    config = builder.config
    return Glossary(
        title=config.project,
        language=bcp47(config.language),
        scheme_url=urls.page(scheme_docname(domain, config.root_doc)),
        terms=terms,
        edges=tuple(edges),
        urls=urls,
    )
