"""Resolve ``[text](#Id)`` links to entries on whatever page they are shown."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.errors import NoUri
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from .domain import GlosstermDomain

MISSING_CLASS = "glossterm-missing"
LINK_CLASS = "glossterm-link"


class ResolveTermLinks(SphinxPostTransform):
    """Turn term links into references, before myst-parser and Sphinx look at them.

    Term documents' links are ``glossterm`` cross-references.  In ordinary MyST
    pages ``[text](#Id)`` is a ``myst`` reference; when ``Id`` is an entry's id it
    is resolved here too, so a page can link to any entry by its id.  Unresolved
    term links become plain text: the checks after reading have reported them.
    """

    default_priority = 5  # myst-parser resolves at 9, Sphinx at 10

    def run(self, **kwargs: Any) -> None:
        domain: GlosstermDomain = self.env.domains["glossterm"]  # type: ignore[assignment]
        fromdocname = self.env.docname
        for xref in list(self.document.findall(pending_xref)):
            is_ours = xref.get("refdomain") == "glossterm" and xref.get("reftype") == "term"
            is_myst = xref.get("reftype") == "myst" and not xref.get("refdomain")
            if not (is_ours or is_myst):
                continue
            found = domain.target_of(xref["reftarget"])
            if found is None:
                if is_ours:
                    content = xref.children[0].children if xref.children else []
                    xref.replace_self(nodes.inline("", "", *content, classes=[MISSING_CLASS]))
                continue
            docname, anchor, title, tagline = found
            content_node = _content(xref, title or xref["reftarget"])
            try:
                reference = make_refnode(
                    self.app.builder, fromdocname, docname, anchor, content_node, tagline or None
                )
            except NoUri:
                xref.replace_self(content_node)
                continue
            reference["classes"].append(LINK_CLASS)
            xref.replace_self(reference)


def _content(xref: pending_xref, fallback: str) -> nodes.Element:
    inner = xref.children[0] if xref.children else None
    if isinstance(inner, nodes.Element) and inner.astext():
        return inner.deepcopy()
    return nodes.inline(fallback, fallback, classes=["xref", "glossterm"])
