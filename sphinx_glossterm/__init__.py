"""sphinx_glossterm: glossaries and terminology books for Sphinx.

Add ``"sphinx_glossterm"`` to ``extensions``; ``setup()`` lists everything the
extension registers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Only for the annotation: ``glossterm check`` imports this package without Sphinx's app.
    from sphinx.application import Sphinx

__version__ = "0.1.0"

# Bump whenever the records the domain stores change shape.
ENV_VERSION = 2


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the parser, directives, domain, transforms and checks."""
    from . import config, gather, incremental, root, std_terms
    from .backlinks import AddBacklinks
    from .checks import run_checks
    from .directives import (
        AnchorStraySections,
        GlosstermDirective,
        GlosstermIncludeDirective,
        GlosstermIndexDirective,
        GlosstermSectionDirective,
    )
    from .domain import GlosstermDomain
    from .exports import add_defined_terms, write_exports
    from .graph_page import collect_graph_page, write_graph_data
    from .html_meta import add_description
    from .index_page import FillGlossaryIndex
    from .memo import save_memo
    from .navigation import add_navigation
    from .nesting import LimitDepth
    from .nodes import index_placeholder
    from .parser import GlosstermParser
    from .previews import add_page_assets, add_static_path, write_previews
    from .rawhtml.nodes import depart_html_element, html_element, visit_html_element
    from .references import ClaimTermLinks, unresolved_term_link
    from .search_index import lighten_before_dump, lighten_indexer
    from .theme import THEME_DIR
    from .writers import epub, latex, latex_chars

    app.setup_extension("myst_parser")
    config.register(app)
    app.add_source_parser(GlosstermParser, override=True)
    app.add_domain(GlosstermDomain)
    app.add_directive("glossterm", GlosstermDirective)
    app.add_directive("glossterm-section", GlosstermSectionDirective)
    app.add_directive("glossterm-index", GlosstermIndexDirective)
    app.add_directive("glossterm-include", GlosstermIncludeDirective)
    app.add_node(index_placeholder)
    app.add_node(html_element, html=(visit_html_element, depart_html_element))
    app.add_transform(AnchorStraySections)
    app.add_transform(LimitDepth)
    app.add_post_transform(ClaimTermLinks)
    app.add_post_transform(AddBacklinks)
    app.add_post_transform(FillGlossaryIndex)
    app.connect("config-inited", root.generate_root)
    app.connect("config-inited", gather.exclude_gathered_files)
    app.connect("env-get-outdated", gather.outdated_hosts)
    app.connect("env-get-outdated", incremental.remember_entries)
    app.connect("env-get-updated", incremental.pages_showing_changed_entries)
    app.connect("env-updated", std_terms.register_std_terms)
    app.connect("env-check-consistency", run_checks)
    app.connect("missing-reference", unresolved_term_link)
    app.connect("html-page-context", add_description)
    app.connect("html-page-context", add_defined_terms)
    app.connect("build-finished", write_exports)
    # The HTML pages: previews for every theme; the glossterm theme and its graph page.
    app.add_html_theme("glossterm", str(THEME_DIR))
    app.connect("builder-inited", add_static_path)
    app.connect("html-page-context", add_page_assets)
    app.connect("html-page-context", add_navigation)
    app.connect("html-collect-pages", collect_graph_page)
    app.connect("build-finished", write_previews)
    app.connect("build-finished", write_graph_data)
    app.connect("doctree-resolved", lighten_indexer)
    app.connect("html-collect-pages", lighten_before_dump)
    # Last, after every handler that may have computed something worth keeping.
    app.connect("build-finished", save_memo, priority=900)
    # The book: LaTeX/PDF and EPUB (docs/print.md).
    latex.register(app)
    latex_chars.register(app)
    epub.register(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
