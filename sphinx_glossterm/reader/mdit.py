"""The markdown-it instance that reads Markdown files: myst-parser's, with our plugins.

Sphinx-free, so that the Sphinx parser (:mod:`.parser`) and ``glossterm
check``'s Markdown reader (:mod:`.scan`) tokenise a file with the very same
rules; only the renderer differs.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML, RendererProtocol
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from sphinx_glossterm.reader.entry_rules import EntryRuleOptions
from sphinx_glossterm.reader.gather import gather_plugin
from sphinx_glossterm.reader.inline_lines import inline_lines_plugin
from sphinx_glossterm.reader.nesting_rule import nesting_plugin
from sphinx_glossterm.reader.pandoc.entries import entries_plugin
from sphinx_glossterm.reader.pandoc.grid_table_rule import grid_table_plugin
from sphinx_glossterm.reader.pandoc.heading_attrs import heading_attrs_plugin
from sphinx_glossterm.reader.pandoc.math import pandoc_math_plugin
from sphinx_glossterm.reader.pandoc.paragraphs import pandoc_paragraphs_plugin
from sphinx_glossterm.reader.pandoc.table_captions import table_captions_plugin
from sphinx_glossterm.reader.pandoc.title_block import title_block_plugin
from sphinx_glossterm.reader.rawhtml.rule import raw_html_plugin


def add_pandoc_plugins(md: MarkdownIt, options: EntryRuleOptions) -> MarkdownIt:
    """Teach a myst-parser markdown-it instance the Pandoc dialect of term documents."""
    return (
        md.use(title_block_plugin)
        .use(pandoc_paragraphs_plugin)
        .use(heading_attrs_plugin)
        .use(grid_table_plugin)
        .use(table_captions_plugin)
        .use(entries_plugin, options)
        .use(pandoc_math_plugin)
    )


def markdown_parser(
    config: MdParserConfig,
    options: EntryRuleOptions,
    pandoc: bool,
    renderer: Callable[[MarkdownIt], RendererProtocol] = RendererHTML,
) -> MarkdownIt:
    """myst-parser's markdown-it instance with our plugins, Pandoc ones if ``pandoc``.

    ``renderer`` matters only to :meth:`~markdown_it.MarkdownIt.render`; a reader
    that only needs the tokens keeps the default.
    """
    md = (
        create_md_parser(config, renderer)
        .use(nesting_plugin)
        .use(inline_lines_plugin)
        .use(raw_html_plugin)
    )
    if pandoc:
        add_pandoc_plugins(md, options)
    # Gathered files are term documents: always read with the Pandoc dialect.
    return md.use(gather_plugin, lambda: markdown_parser(config, options, True, renderer))
