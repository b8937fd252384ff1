"""The Markdown reader of ``glossterm check``: term records straight from markdown-it tokens.

Sphinx builds a doctree per document and the domain reads the Term records
back from it (:mod:`sphinx_glossterm.sphinx_ext.domain`); this subpackage gets
the same records from the tokens of the same markdown-it parser
(:mod:`..mdit`), without docutils' doctree: ids, anchors, titles, aliases,
see-also and inline links with their lines, typed sections, entries written
with the ``glossterm`` directive, files gathered by ``glossterm-include``, and
the glossterm warnings the renderer would log on the way.  It is a thin walk:
every rule and message it shares with the build comes from
:mod:`..entry_rules` (rendering doctrees costs about as much again as
tokenising; see docs/performance.md).

What it does not do is listed in ``docs/cli.md``: it renders nothing, so
Sphinx's and myst-parser's own warnings are not seen, nor the renderer's
warnings about grid tables and raw HTML blocks; a directive whose body it does
not know is reported in :attr:`DocumentRecords.unknown_directives` (the caller
then reads with Sphinx).  Tests compare its records, through the report, with
Sphinx's on every test project and on the corpus.
"""

from __future__ import annotations

from sphinx_glossterm.reader.scan.settings import (
    EXTENSION_BODIES,
    MARKDOWN_BODIES,
    NEEDS_SPHINX,
    NO_MARKDOWN,
    DocumentRecords,
    ReadProblem,
    ScanSettings,
    markdown_bodies,
)

_WALKER_NAMES = frozenset({"Parsers", "scan_document", "scan_documents"})


def __getattr__(name: str) -> object:
    """The walk itself is imported on first use: a check served from its cache needs no parser."""
    if name in _WALKER_NAMES:
        from sphinx_glossterm.reader.scan import walker

        return getattr(walker, name)
    raise AttributeError(name)


__all__ = [
    "EXTENSION_BODIES",
    "MARKDOWN_BODIES",
    "NEEDS_SPHINX",
    "NO_MARKDOWN",
    "DocumentRecords",
    "Parsers",
    "ReadProblem",
    "ScanSettings",
    "markdown_bodies",
    "scan_document",
    "scan_documents",
]
