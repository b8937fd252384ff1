"""An author's own structure rules, stated in conf.py and checked on every entry.

- :confval:`glossterm_allowed_sections`: the only section types an entry may have;
- :confval:`glossterm_section_order`: the order of the types it has;
- :confval:`glossterm_section_labels`: the headings each type may have (the first
  is the one ``glossterm check --fix`` writes for any other).

Required section types are :confval:`glossterm_required_sections`
(:func:`.checks.missing_sections`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from sphinx_glossterm.model.findings import Finding
from sphinx_glossterm.model.warnings_ import GlosstermWarning

if TYPE_CHECKING:
    from sphinx_glossterm.model.records import Section, Term
    from sphinx_glossterm.model.term_index import TermIndex


def house_rule_findings(
    index: TermIndex,
    allowed: Sequence[str],
    order: Sequence[str],
    labels: Mapping[str, Sequence[str]],
) -> Iterator[Finding]:
    """Every section that breaks one of the rules, at its heading."""
    for term in index.terms:
        typed = [section for section in term.sections if section.type]
        for section in typed:
            if allowed and section.type not in allowed:
                yield Finding(
                    term.source,
                    section.line or 0,
                    GlosstermWarning.HOUSE_RULE,
                    f"the section {section.title!r} of {term.id!r} is of type {section.type!r}, "
                    f"which glossterm_allowed_sections does not list",
                )
            wanted = label_for(section, labels)
            if wanted is not None:
                allowed_labels = ", ".join(repr(label) for label in labels[section.type or ""])
                yield Finding(
                    term.source,
                    section.line or 0,
                    GlosstermWarning.HOUSE_RULE,
                    f"the {section.type} section of {term.id!r} is headed {section.title!r}; "
                    f"glossterm_section_labels allows {allowed_labels} "
                    f"(glossterm check --fix writes {wanted!r})",
                )
        finding = _out_of_order(term, typed, order)
        if finding is not None:
            yield finding


def label_for(section: Section, labels: Mapping[str, Sequence[str]]) -> str | None:
    """The heading ``section`` should have instead of its own, or ``None`` if its own is allowed."""
    wanted = labels.get(section.type or "")
    if not wanted or section.title in wanted:
        return None
    return wanted[0]


def _out_of_order(term: Term, typed: list[Section], order: Sequence[str]) -> Finding | None:
    """The first section that comes after one ``order`` puts behind it."""
    ranked = [(order.index(section.type), section) for section in typed if section.type in order]
    for (before_rank, before), (rank, section) in pairwise(ranked):
        if rank < before_rank:
            return Finding(
                term.source,
                section.line or 0,
                GlosstermWarning.HOUSE_RULE,
                f"the {section.type} section {section.title!r} of {term.id!r} comes after its "
                f"{before.type} section; glossterm_section_order puts {section.type} first",
            )
    return None
