"""Reporting the whole-glossary checks (:mod:`sphinx_glossterm.model.checks`) as warnings.

A full build (and any build with ``-W``) reports every finding.  An
incremental build reports the findings of the files it re-read and the
findings that are new since the last build (a link elsewhere that a renamed
entry broke), each with file and line, and sums up the rest in one line: an
author who edits one entry sees what that edit did, not the whole glossary's
backlog again.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from sphinx.util import logging
from sphinx.util.logging import is_suppressed_warning

from sphinx_glossterm.model.checks import Finding, collect_findings, ordered_page_links
from sphinx_glossterm.model.records import relative_path
from sphinx_glossterm.model.suggest import Suggester, names_of
from sphinx_glossterm.model.warnings_ import WARNING_TYPE, location, warning_kwargs
from sphinx_glossterm.sphinx_ext.domain import glossterm_domain
from sphinx_glossterm.sphinx_ext.memo import memo_of

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

LAST_FINDINGS = "findings"
"""The memo's name for the findings of the last build (file, line, subtype, message)."""

_reread: WeakKeyDictionary[Sphinx, set[str]] = WeakKeyDictionary()


def note_reread(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: remember which documents this build reads."""
    _reread[app] = set(docnames)


def run_checks(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: report the findings, in file and line order."""
    domain = glossterm_domain(env)
    page_links = ordered_page_links(domain.page_links)
    # An edit seldom renames an entry: the suggestions of the last build still hold.
    memo = memo_of(app)
    answers = memo.get("suggestions", names_of(domain.index.terms), dict)
    known = len(answers)
    suggest = Suggester(domain.index.terms, answers)
    suppressed = list(env.config.suppress_warnings)
    findings = [
        finding
        for finding in collect_findings(domain.index, page_links, env.config, suggest)
        if not is_suppressed_warning(WARNING_TYPE, finding.kind.value, suppressed)
    ]
    if len(answers) != known:
        memo.changed = True
    keys = [_key(finding) for finding in findings]
    last = memo.last(LAST_FINDINGS)
    memo.keep(LAST_FINDINGS, keys)
    focus = focused_sources(app, env)
    if focus is None or last is None:
        shown, rest = findings, []
    else:
        before = {tuple(key) for key in last}
        shown = [f for f in findings if f.source in focus or _key(f) not in before]
        rest = [f for f in findings if not (f.source in focus or _key(f) not in before)]
    for finding in shown:
        logger.warning(
            finding.message,
            location=location(str(Path(env.srcdir, finding.source)), finding.line or None),
            **warning_kwargs(finding.kind),
        )
    if rest:
        logger.info(rest_summary(rest, env.srcdir))


def focused_sources(app: Sphinx, env: BuildEnvironment) -> set[str] | None:
    """The source files whose findings an incremental build reports; ``None``: report all.

    All on a full build (every document read) and with ``-W`` (a build that
    fails on warnings must name every one).
    """
    reread = _reread.pop(app, None)
    if reread is None or app._fail_on_warnings or reread >= set(env.found_docs):
        return None
    domain = glossterm_domain(env)
    sources = {relative_path(env.doc2path(docname), env.srcdir) for docname in reread}
    for docname in reread:
        sources.update(term.source for term in domain.terms.get(docname, ()))
        sources.update(link.source for link in domain.page_links.get(docname, ()))
    return sources


def rest_summary(rest: Iterable[Finding], srcdir: str | Path) -> str:
    """One line for the findings an incremental build did not repeat."""
    counts = Counter(finding.kind.value for finding in rest)
    total = sum(counts.values())
    kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(counts.items()))
    return (
        f"glossterm: {total} more finding(s) in files this build did not re-read ({kinds}); "
        f"'glossterm check {srcdir}' lists them, a full build (-E) prints them"
    )


def _key(finding: Finding) -> tuple[str, int, str, str]:
    return finding.source, finding.line, finding.kind.value, finding.message
