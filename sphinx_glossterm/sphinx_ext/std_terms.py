"""Entries as ``term`` objects of Sphinx's std domain, so ``{term}`Title``` reaches them.

Registered once after reading, from the whole glossary, so the entry a title
names is the same in serial, parallel and incremental builds: the first by the
domain's order (the std domain's own merge of parallel reads would let the last
reader win).
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sphinx_glossterm.sphinx_ext.domain import glossterm_domain


def register_std_terms(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: make every entry title and alias a std ``term`` object."""
    domain = glossterm_domain(env)
    std = env.domains.standard_domain
    wanted: dict[str, tuple[str, str]] = {}
    for term in domain.index.terms:
        for name in term.names:
            if name:
                wanted.setdefault(name, (term.docname, term.anchor))
    previous: dict[str, tuple[str, str]] = domain.data.setdefault("std_terms", {})
    for name, place in previous.items():
        if name not in wanted and std.objects.get(("term", name)) == place:
            del std.objects["term", name]
    for name, place in wanted.items():
        existing = std.objects.get(("term", name))
        # A glossary term written with Sphinx's own ``glossary`` directive keeps its name.
        if existing is None or existing == previous.get(name):
            std.objects["term", name] = place
    domain.data["std_terms"] = wanted
