"""The ``glossterm`` domain: the Term records of every document, and link resolution.

Per document it stores only what was read from that document (plain records
from :mod:`.model`); everything project-wide (which entry an id means, the
index, the checks) is derived from those records after reading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, cast

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from sphinx_glossterm.model import words
from sphinx_glossterm.model.abbreviations import abbreviation_fields
from sphinx_glossterm.model.abbreviations import resolve as resolve_stub
from sphinx_glossterm.model.graph import TermGraph
from sphinx_glossterm.model.options import section_types
from sphinx_glossterm.model.records import Link, LinkKind, Section, Term, relative_path
from sphinx_glossterm.model.term_index import TermIndex
from sphinx_glossterm.model.translations import Counterpart, Translations
from sphinx_glossterm.model.warnings_ import GlosstermWarning, warning_kwargs
from sphinx_glossterm.reader import entry_rules
from sphinx_glossterm.reader import nodes as gnodes
from sphinx_glossterm.reader.terminology import terminology

logger = logging.getLogger(__name__)

LINK_CLASS = "glossterm-link"
STORES = ("terms", "anchors", "links", "index_pages", "includes", "myst_links")
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-ZÄÖÜ0-9\"„“(])")


class GlosstermDomain(Domain):
    """Glossary entries: ``[text](#Id)`` links, ``{glossterm:term}`` and objects.inv."""

    name = "glossterm"
    label = "Glossary"
    object_types = {"term": ObjType("glossary term", "term")}
    roles = {"term": XRefRole(innernodeclass=nodes.inline)}
    initial_data: dict[str, Any] = {
        "terms": {},  # docname -> [Term]
        "anchors": {},  # docname -> {id as written: (title, line, HTML anchor)}
        "links": {},  # docname -> [Link] written outside entries
        "index_pages": {},  # docname -> True, pages holding a glossterm-index
        "includes": {},  # docname -> [((pattern, ...), (file, ...)), ...], one per directive
        "myst_links": {},  # docname -> {target, ...} of MyST pages' [text](#target) links
        "translations": {},  # language -> [Counterpart] of glossterm_translations' trees
        "translation_files": {},  # language -> reader.translations.TreeCache of that tree
    }
    data_version = 6

    def get_type_name(self, type: ObjType, primary: bool = False) -> str:
        """What the search page calls an entry: "Glossareintrag", not "Glossary-glossary term".

        Sphinx joins the domain's label and the type's name with its translated
        ``"%s %s"``, in English words whatever the language.
        """
        return words.strings(self.env.config.language)["search_object_type"]

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._index: TermIndex | None = None
        self._graph: TermGraph | None = None
        self._translations: Translations | None = None
        # What each entry showed before this build re-read files (see incremental.py).
        self.shown_before: Any = None  # an incremental.Before while a build reads
        # What they show after it, for the next build of a process that builds again.
        self.shown_after: Any = None  # an incremental.Shown and PageViews, between builds

    # -- stored data -------------------------------------------------------------

    @property
    def terms(self) -> dict[str, list[Term]]:
        """The Term records of each document."""
        return self.data["terms"]

    @property
    def index_pages(self) -> dict[str, bool]:
        """The documents that hold a ``glossterm-index`` directive."""
        return self.data["index_pages"]

    @property
    def includes(self) -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
        """For each page with ``glossterm-include``: its patterns and the files they matched."""
        return self.data["includes"]

    @property
    def page_links(self) -> dict[str, list[Link]]:
        """Term links written outside any entry, per document."""
        return self.data["links"]

    @property
    def translations(self) -> Translations:
        """The entries of the other languages' trees (``glossterm_translations``)."""
        if self._translations is None:
            self._translations = Translations(self.data["translations"])
        return self._translations

    def set_translations(self, sides: dict[str, list[Counterpart]]) -> None:
        """Keep the entries read from the other trees at the start of a build."""
        self.data["translations"] = sides
        self._translations = None

    def all_terms(self) -> list[Term]:
        """Every entry of the project, in a stable order."""
        return self.index.terms

    @property
    def index(self) -> TermIndex:
        """The project-wide lookups, computed once after the records change."""
        if self._index is None:
            records = (term for terms in self.terms.values() for term in terms)
            self._index = TermIndex(records, self.data["anchors"])
        return self._index

    @property
    def graph(self) -> TermGraph:
        """The term graph, computed once after the records change."""
        if self._graph is None:
            index = self.index
            self._graph = TermGraph(index.terms, index.by_id.get)
        return self._graph

    def _changed(self) -> None:
        self._index = None
        self._graph = None

    def note_index_page(self, docname: str) -> None:
        """Remember that ``docname`` shows the glossary index."""
        self.index_pages[docname] = True

    def clear_doc(self, docname: str) -> None:
        for store in STORES:
            self.data[store].pop(docname, None)
        self._changed()

    def merge_domaindata(self, docnames: set[str], otherdata: dict[str, Any]) -> None:
        for store in STORES:
            for docname, value in otherdata[store].items():
                if docname in docnames:
                    self.data[store][docname] = value
        self._changed()

    # -- reading ---------------------------------------------------------------------

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        types = section_types(env.config)
        records: list[Term] = []
        inside_entries: set[int] = set()
        for entry in document.findall(gnodes.is_entry):
            term = _term_from_entry(env, docname, entry, types)
            records.append(term)
            inside_entries.update(id(xref) for xref in entry.findall(pending_xref))
        if records:
            self.terms[docname] = records
        for section in document.findall(nodes.section):
            if gnodes.SECTION_TYPE in section and not gnodes.is_entry(section.parent):
                logger.warning(
                    entry_rules.STRAY_SECTION,
                    location=section,
                    **warning_kwargs(GlosstermWarning.DIRECTIVE),
                )
        anchors: dict[str, tuple[str, int | None, str]] = {}
        for node in document.findall(nodes.Element):
            if gnodes.EXPLICIT_ID in node and not gnodes.is_entry(node) and node["ids"]:
                # The first heading with an id keeps it; a later one got a variant.
                anchors.setdefault(
                    node[gnodes.EXPLICIT_ID], (_title_of(node), node.line, node["ids"][0])
                )
        if anchors:
            self.data["anchors"][docname] = anchors
        outside = [
            _link(env, xref, LinkKind.MENTION, None)
            for xref in document.findall(pending_xref)
            if xref.get("refdomain") == "glossterm" and id(xref) not in inside_entries
        ]
        if outside:
            self.page_links[docname] = outside
        # MyST reports its own broken links; these are kept only to know which
        # pages to rewrite when an entry they name changes.
        myst_targets = {
            reference["refuri"][1:]
            for reference in document.findall(nodes.reference)
            if reference.get("id_link") and reference.get("refuri", "").startswith("#")
        }
        if myst_targets:
            self.data["myst_links"][docname] = sorted(myst_targets)
        if document.get(gnodes.INCLUDES):
            self.includes[docname] = list(document[gnodes.INCLUDES])
        if any(True for _ in document.findall(gnodes.index_placeholder)):
            self.note_index_page(docname)
        self._changed()

    # -- resolving ----------------------------------------------------------------------

    def target_of(self, target: str, follow_stubs: bool = True) -> tuple[str, str, str, str] | None:
        """``(docname, anchor, title, tagline)`` for a link target id, or ``None``.

        A link to an abbreviation stub takes the reader to the expanded entry,
        unless ``follow_stubs`` is false.
        """
        term = self.index.by_id.get(target)
        if term is not None:
            if follow_stubs:
                term = resolve_stub(term, self.index.by_id)
            return term.docname, term.anchor, term.title, term.tagline
        anchor = self.index.anchors.get(target)
        if anchor is not None:
            docname, title, html_anchor = anchor
            return docname, html_anchor, title, ""
        if target == self.env.config.glossterm_index_id:
            return self.index_page(), "", "", ""
        return None

    def index_page(self) -> str:
        """The page ``#Index`` links to: the first holding ``glossterm-index``, else genindex."""
        return min(self.index_pages) if self.index_pages else "genindex"

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        found = self.target_of(target, follow_stubs=gnodes.TARGET_ANCHOR not in node)
        if found is None:
            return None
        docname, anchor, title, tagline = found
        if gnodes.TARGET_ANCHOR in node:
            docname, anchor = node[gnodes.TARGET_DOC], node[gnodes.TARGET_ANCHOR]
        if not contnode.astext():
            contnode = nodes.inline(title or target, title or target)
        elif builder.format == "html":
            contnode = _abbreviation_markup(self.index.by_id.get(target), contnode)
        reference = make_refnode(builder, fromdocname, docname, anchor, contnode, tagline or None)
        reference["classes"].append(LINK_CLASS)
        return reference

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        if target not in self.index.by_id:
            return []
        reference = self.resolve_xref(env, fromdocname, builder, "term", target, node, contnode)
        return [("glossterm:term", reference)] if reference is not None else []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for term in self.index.by_id.values():
            yield term.id, term.title, "term", term.docname, term.anchor, 1


def _term_from_entry(
    env: BuildEnvironment, docname: str, entry: nodes.section, types: dict
) -> Term:
    source = _relative_source(env, entry.source, docname)
    title = entry.next_node(nodes.title)
    tagline = _first_with_class(entry, gnodes.TAGLINE_CLASS)
    lead = _first_with_class(entry, gnodes.LEAD_CLASS)
    sections = tuple(
        Section(
            type=child[gnodes.SECTION_TYPE] or None,
            title=_title_of(child),
            anchor=child["ids"][0] if child["ids"] else "",
            line=child.line,
        )
        for child in entry.children
        if isinstance(child, nodes.section) and gnodes.SECTION_TYPE in child
    )
    links = []
    for xref in entry.findall(pending_xref):
        if xref.get("refdomain") != "glossterm":
            continue
        section = _enclosing_section(xref, entry)
        kind_name = section[gnodes.SECTION_TYPE] if section is not None else None
        kind = entry_rules.link_kind(kind_name, types)
        links.append(_link(env, xref, kind, kind_name or None, default_source=source))
    return Term(
        id=entry[gnodes.WRITTEN_ID],
        title=title.astext() if title is not None else "",
        docname=docname,
        anchor=entry[gnodes.TERM_ID],
        source=source,
        line=entry.line,
        tagline=tagline.astext() if tagline is not None else "",
        aliases=tuple(entry[gnodes.ALIASES]),
        classes=tuple(name for name in entry["classes"] if name != gnodes.ENTRY_CLASS),
        sections=sections,
        links=tuple(links),
        summary=_first_sentence(lead),
        inferred=bool(entry.get(gnodes.INFERRED)),
        **terminology_fields(title.astext() if title is not None else "", entry),
        translated_from=entry.get(gnodes.TRANSLATED_FROM, ""),
    )


def terminology_fields(title: str, entry: nodes.section) -> dict[str, Any]:
    """The Term's status and abbreviation fields from what the reader stored on ``entry``."""
    declared = entry.get(gnodes.TERMINOLOGY) or terminology({})
    classes = [name for name in entry["classes"] if name != gnodes.ENTRY_CLASS]
    return {
        "status": declared["status"],
        "replaced_by": declared["replaced_by"],
        **abbreviation_fields(title, classes, declared["sentence"], declared["expansion"]),
    }


def _abbreviation_markup(term: Term | None, contnode: nodes.Element) -> nodes.Element:
    """The link text in ``<abbr title="long form">`` when it is the target's abbreviation."""
    if term is None or not term.abbreviation or contnode.astext() != term.abbreviation:
        return contnode
    expansion = term.expansion
    if not expansion:
        return contnode
    children = list(contnode.children)
    del contnode[:]
    abbreviation = nodes.abbreviation(term.abbreviation, "", *children)
    abbreviation["explanation"] = expansion
    contnode += abbreviation
    return contnode


def _link(
    env: BuildEnvironment,
    xref: pending_xref,
    kind: LinkKind,
    section_type: str | None,
    default_source: str | None = None,
) -> Link:
    source = _relative_source(env, xref.source, env.docname) if xref.source else default_source
    return Link(
        target=xref["reftarget"],
        label=xref.astext(),
        kind=kind,
        source=source or env.doc2path(env.docname, False).as_posix(),
        line=xref.line,
        section_type=section_type,
    )


def _relative_source(env: BuildEnvironment, source: str | None, docname: str) -> str:
    if not source:
        return str(env.doc2path(docname, False))
    return relative_path(source, env.srcdir)


def _enclosing_section(node: nodes.Node, entry: nodes.section) -> nodes.section | None:
    parent = node.parent
    while parent is not None and parent is not entry:
        if isinstance(parent, nodes.section) and gnodes.SECTION_TYPE in parent:
            return parent
        parent = parent.parent
    return None


def _first_with_class(entry: nodes.section, name: str) -> nodes.Element | None:
    for child in entry.children:
        if isinstance(child, nodes.Element) and name in child["classes"]:
            return child
    return None


def _title_of(node: nodes.Element) -> str:
    for child in node.children:
        if isinstance(child, nodes.title):
            return child.astext()
    return node.astext() if isinstance(node, nodes.rubric) else ""


def _first_sentence(lead: nodes.Element | None) -> str:
    if lead is None:
        return ""
    paragraph = lead.next_node(nodes.paragraph)
    if paragraph is None:
        return ""
    text = " ".join(paragraph.astext().split())
    return _SENTENCE_END.split(text, maxsplit=1)[0]


def glossterm_domain(env: BuildEnvironment) -> GlosstermDomain:
    """The glossterm domain of ``env``: every path reaches the glossary's records through it."""
    return cast(GlosstermDomain, env.domains["glossterm"])
