"""Machine-readable exports of the glossary, written by every HTML build.

- ``glossterm-graph.json`` (:mod:`.json_graph`): the term graph, nodes and edges;
- ``glossterm.ttl`` (:mod:`.skos`): a SKOS concept scheme in Turtle;
- ``glossterm.tbx`` (:mod:`.tbx`): TBX-Basic, for terminology tools;
- schema.org ``DefinedTerm`` JSON-LD (:mod:`.jsonld`) in the head of each page
  that shows entries.

The files are written once per build, after writing, from the domain's
records (:func:`.site.collect`); the JSON-LD is added page by page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from sphinx_glossterm.exports import json_graph, jsonld, skos, tbx
from sphinx_glossterm.exports.site import (
    SiteUrls,
    collect,
    exported_term,
    is_html_site,
    scheme_docname,
)
from sphinx_glossterm.model.graph import TermGraph
from sphinx_glossterm.sphinx_ext.domain import GlosstermDomain, glossterm_domain
from sphinx_glossterm.sphinx_ext.incremental import PageViews, declare_view


def write_exports(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write the graph JSON, the SKOS Turtle and the TBX to the output root."""
    if exception is not None or not is_html_site(app.builder):
        return
    glossary = collect(app.builder)
    outdir = Path(app.outdir)
    for filename, text in (
        (json_graph.FILENAME, json_graph.render(glossary)),
        (skos.FILENAME, skos.render(glossary)),
        (tbx.FILENAME, tbx.render(glossary)),
    ):
        (outdir / filename).write_text(text, encoding="utf-8", newline="\n")


def add_defined_terms(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: a page showing entries describes them as JSON-LD in its head."""
    if "metatags" not in context or not is_html_site(app.builder):
        return
    domain = glossterm_domain(app.env)
    urls = SiteUrls(app.builder)
    if urls.one_page:
        terms = domain.all_terms() if pagename == urls.root_doc else []
    else:
        terms = domain.terms.get(pagename, [])
    if not terms:
        return
    resolve = domain.index.by_id.get
    entries = [exported_term(TermGraph.key_of(term, resolve), term, urls) for term in terms]
    scheme_url = urls.page(scheme_docname(domain, app.config.root_doc))
    term_set = {
        "@type": "DefinedTermSet",
        "@id": urls.from_page(pagename, scheme_url),
        "name": app.config.project,
    }
    data = jsonld.defined_terms(pagename, entries, term_set, urls)
    context["metatags"] += "\n    " + jsonld.script_element(data)


def defined_terms_view(app: Sphinx, domain: GlosstermDomain) -> PageViews:
    """What a page's JSON-LD shows beyond its own entries: their keys, the glossary's page."""
    if not is_html_site(app.builder):
        return {}
    resolve = domain.index.by_id.get
    scheme = scheme_docname(domain, app.config.root_doc)
    return {
        docname: (scheme, tuple(TermGraph.key_of(term, resolve) for term in terms))
        for docname, terms in domain.terms.items()
    }


def register(app: Sphinx) -> None:
    """The JSON-LD of each page and the export files of every HTML build."""
    declare_view("defined-terms", defined_terms_view)
    app.connect("html-page-context", add_defined_terms)
    app.connect("build-finished", write_exports)
