"""Language links on entry pages: ``<link rel="alternate" hreflang>`` and the visible switch.

A page showing entries that have counterparts in the other languages'
trees (``glossterm_translations``) links each counterpart's page: in the head
for every theme (``metatags``, which every Sphinx theme writes), and as a
list the glossterm theme shows beside the breadcrumbs (``gt_languages``).
"""

from __future__ import annotations

import posixpath
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from sphinx_glossterm.model import words as ui
from sphinx_glossterm.model.language import bcp47
from sphinx_glossterm.model.translations import sibling_url
from sphinx_glossterm.sphinx_ext.domain import glossterm_domain


def add_language_links(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: link the counterparts of the page's first entry."""
    if doctree is None or not app.config.glossterm_translations:
        return
    domain = glossterm_domain(app.env)
    terms = domain.terms.get(pagename, [])
    if not terms:
        return
    first = min(terms, key=lambda term: term.line or 0)
    urls = app.config.glossterm_translation_urls
    switch = []
    for counterpart in domain.translations.counterparts(first.id):
        href = sibling_url(
            counterpart.language, pagename, counterpart.docname, urls.get(counterpart.language)
        )
        if len(terms) > 1:
            href += f"#{counterpart.anchor}"
        switch.append(
            {
                "language": counterpart.language,
                "hreflang": bcp47(counterpart.language) or counterpart.language,
                "name": ui.language_name(counterpart.language),
                "title": counterpart.title,
                "url": href,
            }
        )
    if not switch:
        return
    own = bcp47(app.config.language) or "en"
    itself = posixpath.basename(app.builder.get_target_uri(pagename)) or "./"
    pairs = [(own, itself)] + [(item["hreflang"], item["url"]) for item in switch]
    tags = [
        f'<link rel="alternate" hreflang="{escape(tag)}" href="{escape(href)}" />'
        for tag, href in pairs
    ]
    if "metatags" in context:
        context["metatags"] += "".join(f"\n    {tag}" for tag in tags)
    context["gt_languages"] = {
        "label": ui.strings(app.config.language)["languages"],
        "links": switch,
    }
