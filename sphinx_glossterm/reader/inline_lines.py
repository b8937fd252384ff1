"""Source lines for inline content: each link of a see-also list on its own line.

markdown-it gives only block tokens a line range, and myst-parser stamps the
block's first line on everything inside it.  A see-also list is one paragraph
of many lines, so this core rule records, on each inline token, how many lines
below its block's first line it starts; the renderer adds that offset.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

LINE_OFFSET = "glossterm_line_offset"
_MULTILINE = ("text", "code_inline", "html_inline")


def inline_lines_plugin(md: MarkdownIt) -> None:
    """Register the rule after inline parsing."""
    md.core.ruler.after("inline", "glossterm_inline_lines", _inline_lines)


def _inline_lines(state: StateCore) -> None:
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        offset = 0
        for child in token.children:
            if offset:
                child.meta[LINE_OFFSET] = offset
            if child.type in ("softbreak", "hardbreak"):
                offset += 1
            elif child.type in _MULTILINE:
                offset += child.content.count("\n")
