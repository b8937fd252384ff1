"""The base of the glossterm renderer: the render options, the file being read, warnings."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from sphinx.util import logging

from sphinx_glossterm.model.options import SectionType
from sphinx_glossterm.model.warnings_ import GlosstermWarning, location, warning_kwargs
from sphinx_glossterm.reader.inline_lines import LINE_OFFSET

logger = logging.getLogger(__name__)

OPTIONS_KEY = "glossterm"


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """What the renderer needs to know about the document and the project."""

    pandoc: bool = False
    section_types: Mapping[str, SectionType] = field(default_factory=dict)
    raw_html: str = "safe"
    """``glossterm_raw_html``: what raw HTML in term documents becomes."""


class GlosstermRendererBase(SphinxRenderer):
    """myst-parser's Sphinx renderer, knowing the dialect, the file and how to warn.

    The render mixins (raw HTML, tables) and :class:`.renderer.GlosstermRenderer`
    build on it; it imports none of them, so none of them imports round a circle.
    """

    def setup_render(self, options: dict[str, Any], env: MutableMapping[str, Any]) -> None:
        super().setup_render(options, env)
        render_options = options.get(OPTIONS_KEY) or RenderOptions()
        self.glossterm = render_options
        self._pandoc_depth = 1 if render_options.pandoc else 0
        self._source_stack: list[str] = []

    @property
    def in_pandoc(self) -> bool:
        """Whether the tokens being rendered come from a Pandoc-dialect file."""
        return self._pandoc_depth > 0

    @contextmanager
    def pandoc_file(self, source: str) -> Iterator[None]:
        """Render tokens gathered from another file: Pandoc rules and its path on every node."""
        self._pandoc_depth += 1
        self._source_stack.append(source)
        try:
            yield
        finally:
            self._source_stack.pop()
            self._pandoc_depth -= 1

    # -- source positions ------------------------------------------------------

    def add_line_and_source_path(self, node: nodes.Node, token: SyntaxTreeNode) -> None:
        super().add_line_and_source_path(node, token)
        offset = token.meta.get(LINE_OFFSET) if token.meta else None
        if offset and node.line:
            node.line += offset
        if self._source_stack:
            node.source = self._source_stack[-1]

    def _warn(self, kind: GlosstermWarning, message: str, token: SyntaxTreeNode) -> None:
        source = self._source_stack[-1] if self._source_stack else self.document["source"]
        line = token.map[0] if token.map else None
        offset = token.meta.get(LINE_OFFSET) if token.meta else None
        if line and offset:
            line += offset
        logger.warning(message, location=location(source, line), **warning_kwargs(kind))
