"""Reading order and navigation: previous/next term, letters, breadcrumbs.

The order of all entries (DIN 5007, :mod:`.collation`, as in the A–Z index) is
computed once per set of records, not per page: :func:`term_order` keeps it
beside the :class:`~.term_index.TermIndex`, which the domain replaces
whenever the records change.  Every page then gets a small ``glossterm``
template context (:func:`add_navigation`): a few links, never the whole
glossary, so a page's size does not grow with the number of entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx

from sphinx_glossterm.exports.site import is_html_site
from sphinx_glossterm.html.links import anchor_url
from sphinx_glossterm.html.neighbourhood import neighbour_keys, neighbourhood_svg
from sphinx_glossterm.html.previews import script_literal
from sphinx_glossterm.html.theme import uses_glossterm_theme
from sphinx_glossterm.model import words as ui
from sphinx_glossterm.model.collation import letter_of, sort_key
from sphinx_glossterm.model.graph import TermGraph
from sphinx_glossterm.model.records import Term
from sphinx_glossterm.sphinx_ext.domain import GlosstermDomain, glossterm_domain
from sphinx_glossterm.sphinx_ext.incremental import EVERY_PAGE, PageViews
from sphinx_glossterm.sphinx_ext.index_page import index_rows, letter_anchor

GRAPH_PAGE = "glossterm-graph"


@dataclass(frozen=True, slots=True)
class TermOrder:
    """The entries in dictionary order, with each entry's position and the letters in use."""

    terms: tuple[Term, ...]
    position: dict[int, int]
    """``id(term)`` → its index in :attr:`terms`."""
    letters: tuple[str, ...]
    """The letter groups of the A–Z index (titles and aliases), in order."""

    def neighbours(self, term: Term) -> tuple[Term | None, Term | None]:
        """The entries before and after ``term`` in dictionary order."""
        where = self.position[id(term)]
        before = self.terms[where - 1] if where > 0 else None
        after = self.terms[where + 1] if where + 1 < len(self.terms) else None
        return before, after

    def pager(self, terms: list[Term]) -> tuple[Term | None, Term | None]:
        """The previous and next entry of a page showing ``terms``: around its first and last."""
        ordered = sorted(terms, key=lambda term: self.position.get(id(term), 0))
        first, last = ordered[0], ordered[-1]
        if id(first) not in self.position:
            return None, None
        return self.neighbours(first)[0], self.neighbours(last)[1]


def term_order(domain: GlosstermDomain) -> TermOrder:
    """The dictionary order of the domain's entries, computed once per set of records."""
    index = domain.index
    order = index.derived.get("term_order")
    if not isinstance(order, TermOrder):
        terms = tuple(sorted(index.terms, key=lambda term: (sort_key(term.title), term.id)))
        letters = tuple(dict.fromkeys(letter for letter, _, _ in index_rows(index.terms)))
        order = TermOrder(terms, {id(term): n for n, term in enumerate(terms)}, letters)
        index.derived["term_order"] = order
    return order


def add_navigation(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: the ``glossterm`` context the theme's templates show."""
    if not is_html_site(app.builder) or "pathto" not in context:
        return
    domain = glossterm_domain(app.env)
    pathto = context["pathto"]
    words = ui.strings(app.config.language)
    order = term_order(domain)
    index_doc = domain.index_page()
    index_known = index_doc in app.env.all_docs
    index_url = pathto(index_doc) if index_known else pathto("genindex")
    has_terms = bool(order.terms)

    def term_link(term: Term | None) -> dict[str, str] | None:
        if term is None:
            return None
        return {"title": term.title, "url": anchor_url(pathto, term.docname, term.anchor)}

    def letter_url(letter: str) -> str:
        if not index_known:
            return f"{index_url}#{letter_anchor(letter)}"
        return anchor_url(pathto, index_doc, letter_anchor(letter))

    terms = domain.terms.get(pagename, []) if doctree is not None else []
    navigation: dict[str, Any] = {
        "words": words,
        "has_terms": has_terms,
        "index_url": index_url,
        "is_index": pagename == index_doc,
        "graph_url": pathto(GRAPH_PAGE) if has_terms and uses_glossterm_theme(app) else "",
        "letters": [(letter, letter_url(letter)) for letter in order.letters],
        "term": None,
        "previous": None,
        "next": None,
        "neighbourhood": "",
        "description": "",
        "search_messages": _search_catalogue(app.config.language) if pagename == "search" else "",
    }
    if terms:
        previous, following = order.pager(terms)
        navigation["previous"], navigation["next"] = term_link(previous), term_link(following)
        first = terms[0]
        if len(terms) == 1:
            letter = letter_of(first.title)
            navigation["term"] = {
                "title": first.title,
                "letter": letter,
                "letter_label": words["letter"].format(letter=letter),
                "letter_url": letter_url(letter),
                "graph_url": (
                    f"{navigation['graph_url']}#{first.anchor}" if navigation["graph_url"] else ""
                ),
            }
            if navigation["graph_url"]:
                key = TermGraph.key_of(first, domain.index.by_id.get)
                navigation["neighbourhood"] = neighbourhood_svg(domain.graph, key, pathto, words)
    if navigation["graph_url"] and 'name="description"' not in context.get("metatags", ""):
        navigation["description"] = page_description(doctree, context, words)
    context["glossterm"] = navigation


def _search_catalogue(language: str | None) -> Markup:
    """The search page's messages as a catalogue for Sphinx's ``Documentation.addTranslations``."""
    messages = ui.search_messages(language)
    if not messages:
        return Markup("")
    catalogue = {
        "locale": ui.language_code(language),
        "messages": messages,
        "plural_expr": "n != 1",
    }
    return Markup(script_literal(catalogue).replace("<", "\\u003c"))


def page_description(
    doctree: nodes.document | None, context: dict[str, Any], words: dict[str, str]
) -> str:
    """A meta description for a page without a tagline: its first paragraph, shortened."""
    if doctree is None:
        return words["graph_intro"] if context.get("pagename") == GRAPH_PAGE else ""
    for paragraph in doctree.findall(nodes.paragraph):
        text = " ".join(paragraph.astext().split())
        if len(text) >= 40:
            return text if len(text) <= 160 else text[:157].rsplit(" ", 1)[0] + " …"
    return str(context.get("title", ""))


def navigation_view(app: Sphinx, domain: GlosstermDomain) -> PageViews:
    """What each page's ``glossterm`` context shows of other entries (see :mod:`.incremental`).

    Every page: the letters, whether there are entries, where the index is
    (the glossterm theme shows them in the header).  A page with entries: its
    previous and next entry.  A page with one entry: its graph neighbourhood.
    """
    if not is_html_site(app.builder) or not uses_glossterm_theme(app):
        return {}
    order = term_order(domain)
    graph = domain.graph
    resolve = domain.index.by_id.get

    def shown(term: Term | None) -> tuple[str, str, str] | None:
        return None if term is None else (term.docname, term.anchor, term.title)

    views: PageViews = {EVERY_PAGE: (order.letters, bool(order.terms), domain.index_page())}
    for docname, terms in domain.terms.items():
        previous, following = order.pager(terms)
        view: tuple[Any, ...] = (shown(previous), shown(following))
        if len(terms) == 1:
            key = TermGraph.key_of(terms[0], resolve)
            rows = frozenset(
                (other, direction, *shown(graph.nodes[other]))
                for other, direction in neighbour_keys(graph, key, ordered=False)
            )
            view += (key, rows)
        views[docname] = view
    return views
