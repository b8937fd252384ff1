"""Reporting the whole-glossary checks (:mod:`sphinx_glossterm.model.checks`) as warnings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from sphinx_glossterm.model.checks import collect_findings, ordered_page_links
from sphinx_glossterm.model.suggest import Suggester, names_of
from sphinx_glossterm.model.warnings_ import location, warning_kwargs
from sphinx_glossterm.sphinx_ext.domain import glossterm_domain
from sphinx_glossterm.sphinx_ext.memo import memo_of

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def run_checks(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: report every finding once, in file and line order."""
    domain = glossterm_domain(env)
    page_links = ordered_page_links(domain.page_links)
    # An edit seldom renames an entry: the suggestions of the last build still hold.
    memo = memo_of(app)
    answers = memo.get("suggestions", names_of(domain.index.terms), dict)
    known = len(answers)
    suggest = Suggester(domain.index.terms, answers)
    findings = collect_findings(domain.index, page_links, env.config, suggest)
    if len(answers) != known:
        memo.changed = True
    for finding in findings:
        logger.warning(
            finding.message,
            location=location(str(Path(env.srcdir, finding.source)), finding.line or None),
            **warning_kwargs(finding.kind),
        )
