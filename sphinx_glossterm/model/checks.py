"""Checks that need the whole glossary: run once after every document is read.

Each check turns the Term records into findings; :func:`report` logs them in a
stable order, so ``-j`` builds and serial builds print the same warnings.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import pairwise
from typing import TYPE_CHECKING

from sphinx_glossterm.model.collation import sort_key
from sphinx_glossterm.model.findings import Finding
from sphinx_glossterm.model.house_rules import house_rule_findings
from sphinx_glossterm.model.options import is_planned, section_types
from sphinx_glossterm.model.records import Link, LinkKind, Term
from sphinx_glossterm.model.status import RETIRED, STATUSES, is_known_status, replacement_of
from sphinx_glossterm.model.suggest import Suggester
from sphinx_glossterm.model.term_index import TermIndex
from sphinx_glossterm.model.warnings_ import GlosstermWarning

if TYPE_CHECKING:
    from sphinx.config import Config


def all_links(index: TermIndex, page_links: Iterable[Link]) -> list[Link]:
    """Every term link of the project: in entries, then outside them."""
    return [link for term in index.terms for link in term.links] + list(page_links)


def is_known(target: str, index: TermIndex, index_id: str) -> bool:
    """Whether a link to ``target`` resolves: an entry, another anchor, or the index."""
    return target == index_id or target in index.by_id or target in index.anchors


def broken_links(
    index: TermIndex, page_links: Iterable[Link], config: Config
) -> dict[str, list[Link]]:
    """The link uses whose target nothing declares (planned terms aside), by target."""
    broken: dict[str, list[Link]] = {}
    for link in all_links(index, page_links):
        if is_known(link.target, index, config.glossterm_index_id):
            continue
        if is_planned(link.target, config):
            continue
        broken.setdefault(link.target, []).append(link)
    return broken


def planned_links(index: TermIndex, page_links: Iterable[Link], config: Config) -> list[Link]:
    """Link uses to terms marked as planned (and not written since)."""
    return [
        link
        for link in all_links(index, page_links)
        if not is_known(link.target, index, config.glossterm_index_id)
        and is_planned(link.target, config)
    ]


def unresolved_links(broken: dict[str, list[Link]], suggest: Suggester) -> Iterator[Finding]:
    """One finding per broken link use, with up to three likely ids."""
    for target, links in broken.items():
        suggestions = suggest(target)
        hint = (
            "; did you mean " + " or ".join(f"#{candidate}" for candidate in suggestions) + "?"
            if suggestions
            else ""
        )
        for link in links:
            where = "see-also entry" if link.kind is LinkKind.SEE_ALSO else "link"
            yield Finding(
                link.source,
                link.line or 0,
                GlosstermWarning.UNRESOLVED,
                f"{where} [{link.label}](#{link.target}): no entry has the id "
                f"{link.target!r}{hint}",
            )


def duplicate_ids(index: TermIndex) -> Iterator[Finding]:
    """One finding per id declared by more than one entry, naming both places."""
    for term_id, terms in sorted(index.duplicates.items()):
        chosen = index.by_id[term_id]
        for other in terms:
            if other is chosen:
                continue
            yield Finding(
                other.source,
                other.line or 0,
                GlosstermWarning.DUPLICATE_ID,
                f"the id {term_id!r} is also declared at {chosen.source}:{chosen.line}, "
                "and links go there; give one of them another id",
            )


def self_links(index: TermIndex) -> Iterator[Finding]:
    """Links from an entry to its own id."""
    for term in index.terms:
        for link in term.links:
            if index.by_id.get(link.target) is term:
                yield Finding(
                    link.source,
                    link.line or 0,
                    GlosstermWarning.SELF_LINK,
                    f"the entry {term.id!r} links to itself",
                )


def repeated_see_also(index: TermIndex) -> Iterator[Finding]:
    """A see-also list that names one target twice, at the second mention."""
    for term in index.terms:
        first_line: dict[str, int | None] = {}
        for link in term.see_also:
            if link.target in first_line:
                yield Finding(
                    link.source,
                    link.line or 0,
                    GlosstermWarning.SEEALSO_DUPLICATE,
                    f"the see-also list of {term.id!r} names #{link.target} again "
                    f"(first at line {first_line[link.target]}); remove one",
                )
            else:
                first_line[link.target] = link.line


def see_also_order(index: TermIndex, index_id: str) -> Iterator[Finding]:
    """(opt-in) See-also lists in alphabetical order of their labels, the index last."""
    for term in index.terms:
        links = list(term.see_also)
        index_positions = [i for i, link in enumerate(links) if link.target == index_id]
        if index_positions and index_positions[-1] != len(links) - 1:
            link = links[index_positions[-1]]
            yield Finding(
                link.source,
                link.line or 0,
                GlosstermWarning.SEEALSO_ORDER,
                f"the see-also list of {term.id!r} should end with [..](#{index_id})",
            )
        ordered = [link for link in links if link.target != index_id]
        for before, after in pairwise(ordered):
            if sort_key(after.label) < sort_key(before.label):
                yield Finding(
                    after.source,
                    after.line or 0,
                    GlosstermWarning.SEEALSO_ORDER,
                    f"the see-also list of {term.id!r} is not alphabetical: "
                    f"{after.label!r} comes after {before.label!r}",
                )
                break


def see_also_symmetry(index: TermIndex) -> Iterator[Finding]:
    """(opt-in) If A lists B under see-also, B lists A."""
    for term in index.terms:
        if index.by_id.get(term.id) is not term:
            continue
        reported: set[str] = set()
        for link in term.see_also:
            other = index.by_id.get(link.target)
            if other is None or other is term or other.id in reported:
                continue
            reported.add(other.id)
            if not any(back.target == term.id for back in other.see_also):
                yield Finding(
                    link.source,
                    link.line or 0,
                    GlosstermWarning.SEEALSO_SYMMETRY,
                    f"{term.id!r} lists #{other.id} under see-also, but {other.id!r} "
                    f"({other.source}) does not list #{term.id}",
                )


def missing_sections(index: TermIndex, required: Iterable[str]) -> Iterator[Finding]:
    """(opt-in) Entries without one of the required section types."""
    required = list(required)
    for term in index.terms:
        present = {section.type for section in term.sections}
        missing = [kind for kind in required if kind not in present]
        if missing:
            yield Finding(
                term.source,
                term.line or 0,
                GlosstermWarning.MISSING_SECTION,
                f"the entry {term.id!r} has no section of type "
                + ", ".join(repr(kind) for kind in missing),
            )


def unknown_section_types(index: TermIndex, known: set[str]) -> Iterator[Finding]:
    """The first use of each section class that is not a configured section type."""
    seen: set[str] = set()
    for term in index.terms:
        for section in term.sections:
            if section.type and section.type not in known and section.type not in seen:
                seen.add(section.type)
                yield Finding(
                    term.source,
                    section.line or 0,
                    GlosstermWarning.SECTION_TYPE,
                    f"unknown section type {section.type!r}; shown as a plain section "
                    "(add it to glossterm_section_types)",
                )


def inferred_terms(terms: Iterable[Term]) -> Iterator[Finding]:
    """Term headings that lack the ``.term`` class but were taken as terms."""
    for term in terms:
        if term.inferred:
            yield Finding(
                term.source,
                term.line or 0,
                GlosstermWarning.TERM_CLASS,
                f"the heading {{#{term.id}}} has no .term class; it is read as a term "
                f"(write {{#{term.id} .term}}, or set glossterm_infer_terms = False)",
            )


def status_problems(index: TermIndex) -> Iterator[Finding]:
    """Statuses TBX does not name, and ``replaced-by`` ids no entry declares."""
    for term in index.terms:
        if not is_known_status(term.status):
            yield Finding(
                term.source,
                term.line or 0,
                GlosstermWarning.STATUS,
                f"the entry {term.id!r} has the status {term.status!r}; a status is one of "
                + ", ".join(STATUSES),
            )
        if term.replaced_by and term.replaced_by not in index.by_id:
            yield Finding(
                term.source,
                term.line or 0,
                GlosstermWarning.STATUS,
                f"the entry {term.id!r} is replaced by {term.replaced_by!r}, "
                "but no entry has that id",
            )


def retired_links(index: TermIndex, page_links: Iterable[Link]) -> Iterator[Finding]:
    """Links to a deprecated or superseded entry, naming what replaces it."""
    for link in all_links(index, page_links):
        target = index.by_id.get(link.target)
        if target is None or target.status not in RETIRED:
            continue
        replacement = replacement_of(link.target, index)
        hint = (
            f"; link to [{index.by_id[replacement].title}](#{replacement}) instead"
            if replacement in index.by_id
            else ""
        )
        yield Finding(
            link.source,
            link.line or 0,
            GlosstermWarning.RETIRED_LINK,
            f"[{link.label}](#{link.target}) links to an entry that is {target.status}{hint}",
        )


def ordered_page_links(page_links: dict[str, list[Link]]) -> list[Link]:
    """The links written outside entries, by document name, each document's in order."""
    return [link for docname in sorted(page_links) for link in page_links[docname]]


def collect_findings(
    index: TermIndex,
    page_links: list[Link],
    config: Config,
    suggest: Suggester | None = None,
) -> list[Finding]:
    """Every finding of the project, in file and line order.

    ``page_links`` are the term links outside entries (:func:`ordered_page_links`);
    ``config`` is read for the ``glossterm_*`` values only; ``suggest`` may be a
    :class:`.Suggester` the caller also uses (it remembers its answers).
    """
    broken = broken_links(index, page_links, config)
    findings = [
        *unresolved_links(broken, suggest or Suggester(index.terms)),
        *duplicate_ids(index),
        *self_links(index),
        *repeated_see_also(index),
        *unknown_section_types(index, set(section_types(config))),
        *inferred_terms(index.terms),
        *status_problems(index),
        *retired_links(index, page_links),
    ]
    if config.glossterm_check_seealso_order:
        findings += see_also_order(index, config.glossterm_index_id)
    if config.glossterm_check_seealso_symmetry:
        findings += see_also_symmetry(index)
    if config.glossterm_required_sections:
        findings += missing_sections(index, config.glossterm_required_sections)
    allowed, order = config.glossterm_allowed_sections, config.glossterm_section_order
    if allowed or order or config.glossterm_section_labels:
        findings += house_rule_findings(index, allowed, order, config.glossterm_section_labels)
    return sorted(findings, key=lambda f: (f.source, f.line, f.kind.value, f.message))
