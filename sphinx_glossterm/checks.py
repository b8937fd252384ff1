"""Checks that need the whole glossary: run once after every document is read.

Each check turns the Term records into findings; :func:`report` logs them in a
stable order, so ``-j`` builds and serial builds print the same warnings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .config import section_types
from .domain import GlosstermDomain, TermIndex
from .model import Link, LinkKind
from .warnings_ import GlosstermWarning, location, warning_kwargs

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, at one place."""

    source: str
    line: int
    kind: GlosstermWarning
    message: str


def unresolved_links(index: TermIndex, page_links: list[Link], index_id: str) -> Iterator[Finding]:
    """Every link use whose target no entry, anchor or the index answers to."""
    links = [link for term in index.terms for link in term.links] + page_links
    for link in links:
        if link.target == index_id or link.target in index.by_id or link.target in index.anchors:
            continue
        where = "see-also entry" if link.kind is LinkKind.SEE_ALSO else "link"
        yield Finding(
            link.source,
            link.line or 0,
            GlosstermWarning.UNRESOLVED,
            f"{where} [{link.label}](#{link.target}): no entry has the id {link.target!r}",
        )


def duplicate_ids(index: TermIndex) -> Iterator[Finding]:
    """One finding per id declared by more than one entry, naming every place."""
    for term_id, terms in sorted(index.duplicates.items()):
        first, *others = terms
        for other in others:
            yield Finding(
                other.source,
                other.line or 0,
                GlosstermWarning.DUPLICATE_ID,
                f"the id {term_id!r} is also declared at {first.source}:{first.line}, "
                "and links go there; give one of them another id",
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


def inferred_terms(index: TermIndex) -> Iterator[Finding]:
    """Term headings that lack the ``.term`` class but were taken as terms."""
    for term in index.terms:
        if term.inferred:
            yield Finding(
                term.source,
                term.line or 0,
                GlosstermWarning.TERM_CLASS,
                f"the heading {{#{term.id}}} has no .term class; it is read as a term "
                f"(write {{#{term.id} .term}}, or set glossterm_infer_terms = False)",
            )


def run_checks(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: report every finding once, in file and line order."""
    domain: GlosstermDomain = env.domains["glossterm"]  # type: ignore[assignment]
    index = domain.index
    page_links = [
        link for docname in sorted(domain.page_links) for link in domain.page_links[docname]
    ]
    findings = [
        *unresolved_links(index, page_links, env.config.glossterm_index_id),
        *duplicate_ids(index),
        *unknown_section_types(index, set(section_types(env.config))),
        *inferred_terms(index),
    ]
    for finding in sorted(findings, key=lambda f: (f.source, f.line, f.kind.value, f.message)):
        logger.warning(
            finding.message,
            location=location(str(Path(env.srcdir, finding.source)), finding.line or None),
            **warning_kwargs(finding.kind),
        )
