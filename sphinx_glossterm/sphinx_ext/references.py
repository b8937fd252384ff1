"""Term links: ``[text](#Id)`` reaches the entry on whatever page it is shown.

Term documents' links are ``glossterm`` cross-references from the start.  In
ordinary MyST pages ``[text](#Id)`` is a ``myst`` reference; when ``Id`` is an
entry's id, :class:`ClaimTermLinks` turns it into a ``glossterm`` one before
myst-parser looks at it (myst-parser would also find the entry's page by its
name and warn that the link is ambiguous).  Sphinx's own resolver then asks the
domain, which hands the builder over; a term link that resolves nowhere becomes
plain text in :func:`unresolved_term_link` (the checks have reported it).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_glossterm.model import words
from sphinx_glossterm.model.options import is_planned
from sphinx_glossterm.sphinx_ext.domain import glossterm_domain

MISSING_CLASS = "glossterm-missing"
PLANNED_CLASS = "glossterm-planned"


class ClaimTermLinks(SphinxPostTransform):
    """Make MyST's ``[text](#Id)`` a term link when ``Id`` is an entry's id or the index."""

    default_priority = 5  # myst-parser resolves at 9, Sphinx at 10

    def run(self, **kwargs: Any) -> None:
        domain = glossterm_domain(self.env)
        for xref in self.document.findall(pending_xref):
            if xref.get("reftype") != "myst" or xref.get("refdomain"):
                continue
            if domain.target_of(xref["reftarget"]) is not None:
                xref["refdomain"] = "glossterm"
                xref["reftype"] = "term"


def unresolved_term_link(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.Element
) -> nodes.Node | None:
    """``missing-reference``: show an unresolved term link as marked plain text."""
    if node.get("refdomain") != "glossterm":
        return None
    if is_planned(node["reftarget"], env.config):
        marker = nodes.superscript("", words.strings(env.config.language)["planned"])
        marker["classes"].append("glossterm-planned-marker")
        return nodes.inline("", "", *contnode.children, marker, classes=[PLANNED_CLASS])
    return nodes.inline("", "", *contnode.children, classes=[MISSING_CLASS])
