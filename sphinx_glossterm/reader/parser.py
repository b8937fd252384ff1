"""The source parser for Markdown files: myst-parser's, with the Pandoc dialect added.

Registered for ``.md`` in place of myst-parser's own.  Each file is checked for
the Pandoc dialect (:mod:`.pandoc.dialect`); only such files get the Pandoc
plugins, so ordinary MyST pages parse exactly as before.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from myst_parser.config.main import (
    MdParserConfig,
    TopmatterReadError,
    merge_file_level,
    read_topmatter,
)
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning
from sphinx.util import logging

from sphinx_glossterm.model.abbreviations import phrases_for
from sphinx_glossterm.model.options import layout_classes, section_types
from sphinx_glossterm.model.warnings_ import GlosstermWarning, location, warning_kwargs
from sphinx_glossterm.reader import nodes as gnodes
from sphinx_glossterm.reader.entry_rules import EntryRuleOptions
from sphinx_glossterm.reader.gather import SITE_KEY, IncludeSite
from sphinx_glossterm.reader.mdit import markdown_parser
from sphinx_glossterm.reader.pandoc.dialect import is_pandoc_dialect
from sphinx_glossterm.reader.render_base import OPTIONS_KEY, RenderOptions
from sphinx_glossterm.reader.renderer import GlosstermRenderer

logger = logging.getLogger(__name__)


def show_as_literal_text(document: nodes.document, text: str, config: MdParserConfig) -> None:
    """The last resort for a document too deeply nested to build: all of it as literal text.

    The renderer limits nesting (see :mod:`.nesting`), but directives nested in
    directives each start a new parse; Python's recursion limit ends those.
    """
    document.children = []
    for store in (document.ids, document.nameids, document.nametypes):
        store.clear()
    # What myst-parser's transforms expect its renderer to have set at the end.
    document.settings.myst_heading_anchors_html_ids = config.heading_anchors_html_ids
    document.settings.myst_footnote_transition = config.footnote_transition
    document.settings.myst_footnote_sort = config.footnote_sort
    # Under a title (the file's name), so that toctrees and links still find the page.
    name = Path(document["source"]).stem
    section = nodes.section(names=[nodes.fully_normalize_name(name)])
    section += nodes.title(name, name)
    block = nodes.literal_block(text, text)
    section += block
    for node in (section, block):
        node.source, node.line = document["source"], 1
    document += section
    document.note_implicit_target(section, section)
    logger.warning(
        "the document is nested too deeply to build (directives inside directives?); "
        "it is shown as literal text",
        location=location(document["source"], 1),
        **warning_kwargs(GlosstermWarning.NESTING),
    )


def include_site(document: nodes.document) -> IncludeSite:
    """Where ``glossterm-include`` in ``document`` reads from, and where it reports to.

    What a page gathered is kept on its doctree (:data:`.nodes.INCLUDES`), for
    the domain to store with the page's other records.
    """
    env = document.settings.env
    source = document["source"]

    def note_include(patterns: list[str], files: list[str]) -> None:
        document.setdefault(gnodes.INCLUDES, []).append((tuple(patterns), tuple(files)))

    def warn(message: str, line: int | None) -> None:
        logger.warning(
            message, location=location(source, line), **warning_kwargs(GlosstermWarning.INCLUDE)
        )

    return IncludeSite(
        host=Path(source),
        srcdir=Path(env.srcdir),
        encoding=env.config.source_encoding,
        note_include=note_include,
        note_dependency=lambda path: env.note_dependency(str(path)),
        warn=warn,
    )


class GlosstermParser(MystParser):
    """MyST for ordinary pages, MyST plus the Pandoc dialect for term documents."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        config: MdParserConfig = env.myst_config
        try:
            topmatter = read_topmatter(inputstring)
        except TopmatterReadError:
            pass  # myst-parser reports it while rendering
        else:
            if topmatter:
                config = merge_file_level(
                    config,
                    topmatter,
                    lambda wtype, msg: create_warning(
                        document, msg, wtype, line=1, append_to=document
                    ),
                )
        pandoc = is_pandoc_dialect(inputstring, env.config.glossterm_dialect)
        entry_options = EntryRuleOptions(
            layout_classes=layout_classes(env.config),
            infer_terms=env.config.glossterm_infer_terms,
            abbreviation_phrases=phrases_for(
                env.config.language, env.config.glossterm_abbreviation_phrases
            ),
        )
        md = markdown_parser(config, entry_options, pandoc, GlosstermRenderer)
        md.options["document"] = document
        md.options[OPTIONS_KEY] = RenderOptions(
            pandoc=pandoc,
            section_types=section_types(env.config),
            raw_html=env.config.glossterm_raw_html,
        )
        try:
            md.render(inputstring, {SITE_KEY: include_site(document)})
        except RecursionError:
            show_as_literal_text(document, inputstring, config)
