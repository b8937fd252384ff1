"""The tagline of a term page is its meta description (search engines show it)."""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from sphinx_glossterm.sphinx_ext.domain import glossterm_domain


def add_description(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: a page showing one entry describes itself by its tagline."""
    if doctree is None or "metatags" not in context:
        return
    domain = glossterm_domain(app.env)
    terms = domain.terms.get(pagename, [])
    if len(terms) != 1 or not terms[0].tagline:
        return
    if 'name="description"' in context["metatags"]:
        return  # the author set one with MyST's html_meta
    description = escape(terms[0].tagline, quote=True)
    context["metatags"] += f'\n    <meta name="description" content="{description}" />'
