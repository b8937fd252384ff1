"""The source parser for Markdown files: myst-parser's, with the Pandoc dialect added.

Registered for ``.md`` in place of myst-parser's own.  Each file is checked for
the Pandoc dialect (:mod:`.pandoc.dialect`); only such files get the Pandoc
plugins, so ordinary MyST pages parse exactly as before.
"""

from __future__ import annotations

from docutils import nodes
from markdown_it import MarkdownIt
from myst_parser.config.main import (
    MdParserConfig,
    TopmatterReadError,
    merge_file_level,
    read_topmatter,
)
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning

from .config import layout_classes, section_types
from .gather import gather_plugin
from .inline_lines import inline_lines_plugin
from .pandoc.dialect import is_pandoc_dialect
from .pandoc.entries import EntryRuleOptions, entries_plugin
from .pandoc.grid_table_rule import grid_table_plugin
from .pandoc.heading_attrs import heading_attrs_plugin
from .pandoc.paragraphs import pandoc_paragraphs_plugin
from .pandoc.table_captions import table_captions_plugin
from .pandoc.title_block import title_block_plugin
from .renderer import OPTIONS_KEY, GlosstermRenderer, RenderOptions


def add_pandoc_plugins(md: MarkdownIt, options: EntryRuleOptions) -> MarkdownIt:
    """Teach a myst-parser markdown-it instance the Pandoc dialect of term documents."""
    return (
        md.use(title_block_plugin)
        .use(pandoc_paragraphs_plugin)
        .use(heading_attrs_plugin)
        .use(grid_table_plugin)
        .use(table_captions_plugin)
        .use(entries_plugin, options)
    )


def markdown_parser(config: MdParserConfig, options: EntryRuleOptions, pandoc: bool) -> MarkdownIt:
    """myst-parser's markdown-it instance with our plugins, Pandoc ones if ``pandoc``."""
    md = create_md_parser(config, GlosstermRenderer).use(inline_lines_plugin)
    return add_pandoc_plugins(md, options) if pandoc else md


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
        )
        md = markdown_parser(config, entry_options, pandoc)
        md.use(gather_plugin, lambda: markdown_parser(config, entry_options, pandoc=True))
        md.options["document"] = document
        md.options[OPTIONS_KEY] = RenderOptions(
            pandoc=pandoc, section_types=section_types(env.config)
        )
        md.render(inputstring)
