"""The glossary in the build: options, the domain, link resolution, checks, incremental builds.

- :mod:`.config` declares the options of :mod:`sphinx_glossterm.model.options`;
- :mod:`.domain` keeps each document's Term records and resolves term links
  (:func:`.domain.glossterm_domain` is the one way to reach it);
- :mod:`.references`, :mod:`.backlinks` and :mod:`.index_page` are the
  post-transforms that resolve links, add "Referenced by" lists and fill the A–Z;
- :mod:`.checks` reports :mod:`sphinx_glossterm.model.checks` as warnings;
- :mod:`.incremental`, :mod:`.includes` and :mod:`.memo` keep rebuilds right and cheap;
- :mod:`.front_matter` reads a Pandoc book's title, licence and index files into the
  configuration, :mod:`.root` generates a root page (outside the source folder), :mod:`.std_terms`
  makes entries ``std:term`` objects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def register(app: Sphinx) -> None:
    """The options, the domain, the post-transforms and the build events."""
    from sphinx_glossterm.sphinx_ext import (
        config,
        front_matter,
        includes,
        incremental,
        root,
        std_terms,
        translations,
    )
    from sphinx_glossterm.sphinx_ext.abbreviation_list import (
        FillAbbreviationList,
        GlosstermAbbreviationsDirective,
        abbreviations_placeholder,
    )
    from sphinx_glossterm.sphinx_ext.backlinks import AddBacklinks
    from sphinx_glossterm.sphinx_ext.checks import note_reread, run_checks
    from sphinx_glossterm.sphinx_ext.domain import GlosstermDomain
    from sphinx_glossterm.sphinx_ext.index_page import FillGlossaryIndex
    from sphinx_glossterm.sphinx_ext.memo import save_memo
    from sphinx_glossterm.sphinx_ext.references import ClaimTermLinks, unresolved_term_link
    from sphinx_glossterm.sphinx_ext.status_note import ShowStatus

    config.register(app)
    app.add_domain(GlosstermDomain)
    app.add_post_transform(ClaimTermLinks)
    app.add_post_transform(AddBacklinks)
    app.add_post_transform(ShowStatus)
    app.add_directive("glossterm-abbreviations", GlosstermAbbreviationsDirective)
    app.add_node(abbreviations_placeholder)
    app.add_post_transform(FillAbbreviationList)
    app.add_post_transform(FillGlossaryIndex)
    app.connect("config-inited", front_matter.read_front_matter)
    app.connect("builder-inited", root.install_generated_pages)
    app.connect("config-inited", includes.exclude_gathered_files)
    app.connect("env-get-outdated", includes.outdated_hosts)
    app.connect("env-get-outdated", translations.read_other_trees)
    app.connect("env-get-outdated", incremental.remember_entries)
    app.connect("env-get-outdated", incremental.remove_pages_of_removed_documents)
    app.connect("env-get-updated", incremental.pages_showing_changed_entries)
    app.connect("env-updated", std_terms.register_std_terms)
    app.connect("env-before-read-docs", note_reread)
    app.connect("env-check-consistency", run_checks)
    app.connect("env-check-consistency", translations.check_translations)
    app.connect("missing-reference", unresolved_term_link)
    # Last, after every handler that may have computed something worth keeping.
    app.connect("build-finished", save_memo, priority=900)
