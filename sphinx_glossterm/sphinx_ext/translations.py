"""The other languages of the glossary in the build: read their trees, rebuild, check.

``glossterm_translations`` names the trees of the other languages.  Each
build reads them with the Markdown reader (:mod:`.reader.translations`) before
Sphinx decides what to re-read; the pages of entries whose counterparts
changed (added, removed, retitled, or edited: their digest) are re-read, so
their language links and exports follow an edit in the other tree.  The
translation checks (:meth:`.Translations.findings`) run with the other checks.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from sphinx_glossterm.model.options import layout_classes, section_types
from sphinx_glossterm.model.translations import Counterpart
from sphinx_glossterm.model.warnings_ import GlosstermWarning, location, warning_kwargs
from sphinx_glossterm.reader.pandoc.entries import EntryRuleOptions
from sphinx_glossterm.reader.scan import ScanSettings, markdown_bodies
from sphinx_glossterm.reader.translations import TreeError, read_tree
from sphinx_glossterm.sphinx_ext.domain import glossterm_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


def tree_settings(env: BuildEnvironment) -> ScanSettings:
    """The Markdown reader's settings for another tree: this project's, as Sphinx has them."""
    from myst_parser.config.main import MdParserConfig

    config = env.config
    return ScanSettings(
        srcdir=str(env.srcdir),
        md_config=getattr(env, "myst_config", None) or MdParserConfig(),
        entry_options=EntryRuleOptions(
            layout_classes=layout_classes(config), infer_terms=config.glossterm_infer_terms
        ),
        dialect=config.glossterm_dialect,
        section_types=section_types(config),
        language=config.language,
        raw_html=config.glossterm_raw_html,
        markdown_directives=markdown_bodies(config.extensions),
        encoding=config.source_encoding,
    )


def read_other_trees(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """``env-get-outdated``: read the other trees; the pages whose counterparts changed."""
    domain = glossterm_domain(env)
    before: dict[str, list[Counterpart]] = domain.data["translations"]
    sides: dict[str, list[Counterpart]] = {}
    settings = tree_settings(env)
    caches = domain.data.setdefault("translation_files", {})
    for language, folder in sorted(app.config.glossterm_translations.items()):
        srcdir = Path(app.confdir, folder).resolve()
        try:
            counterparts, caches[language] = read_tree(
                srcdir, language, settings, cache=caches.get(language)
            )
        except TreeError as error:
            logger.warning(
                str(error),
                location=location(str(Path(app.confdir, "conf.py")), None),
                **warning_kwargs(GlosstermWarning.TRANSLATIONS),
            )
            continue
        sides[language] = counterparts
    domain.set_translations(sides)
    if sides == before:
        return []
    differing = {
        counterpart.id
        for language in sides.keys() | before.keys()
        for counterpart in set(sides.get(language, [])) ^ set(before.get(language, []))
    }
    return sorted(
        docname
        for docname, terms in domain.terms.items()
        if any(term.id in differing for term in terms) and docname not in changed | added
    )


def check_translations(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: untranslated entries, and translations older than their source."""
    domain = glossterm_domain(env)
    if not app.config.glossterm_translations:
        return
    for finding in domain.translations.findings(domain.index.by_id.values()):
        logger.warning(
            finding.message,
            location=location(str(Path(env.srcdir, finding.source)), finding.line or None),
            **warning_kwargs(finding.kind),
        )
