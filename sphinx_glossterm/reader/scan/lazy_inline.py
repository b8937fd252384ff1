"""The check parses a paragraph's inline content only where it reads the result.

markdown-it's inline parse is a third of a cold check, and most of the
glossary's text is running prose whose inline tokens the check never looks
at: it renders nothing, and the text of a body paragraph is not part of any
record (titles, taglines and link labels are).  What the check, and the
parser's own core rules after ``inline``, do read from a paragraph's inline
tokens is:

- its links and term roles (``[``, ``<``, ``{``), footnotes (``[^``,
  ``^[``), the link targets and raw HTML the reader warns about (``](``,
  ``<``), and the constructs that make links or literals (``\\``, `````,
  ``$``, ``&``, ``~``, ``^``): a paragraph holding none of these characters
  has no token the walk reacts to;
- a tagline or an abbreviation's lead (:mod:`..pandoc.entries`,
  :mod:`..pandoc.abbreviation`), which open with emphasis (``*``, ``_``):
  the tagline is the first block after an entry's heading, the sentence the
  first paragraph of the lead after it, so only the first two paragraphs
  outside lists and quotes after each heading can be either;
- the inline nesting limit (:mod:`..nesting_rule`), which only a paragraph
  with that many emphasis marks can reach.

Every other paragraph keeps its inline token, with no children.  Headings
and inline content outside paragraphs (pipe-table cells, definition terms)
are parsed as always, and so is everything when the check reads the running
text itself (``--mentions``).
Sphinx's parser is never changed: the build renders every paragraph.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from sphinx_glossterm.reader.nesting_rule import INLINE_LIMIT

READ_MARKS = re.compile(r"[\[\]<{\\`$&~^]")
"""Characters that start an inline construct the check reads (see the module's docstring)."""

EMPHASIS_MARKS = ("*", "_")


def parse_inline_where_read(md: MarkdownIt) -> None:
    """Make ``md`` skip the inline parse of paragraphs the check does not read."""
    md.core.ruler.at("inline", _inline_where_read)


LEAD_PARAGRAPHS = 2
"""How many top-level paragraphs after a heading may be its tagline or its lead's sentence."""


def is_read(content: str, may_open_entry: bool) -> bool:
    """Whether the check reads the inline tokens of a paragraph with this content.

    ``may_open_entry``: the paragraph may be a tagline or a lead's first paragraph.
    """
    if READ_MARKS.search(content) is not None:
        return True
    if may_open_entry and content.lstrip().startswith(EMPHASIS_MARKS):
        return True
    return sum(content.count(mark) for mark in EMPHASIS_MARKS) >= INLINE_LIMIT


def _inline_where_read(state: StateCore) -> None:
    """markdown-it's core ``inline`` rule, leaving out the paragraphs the check does not read."""
    md = state.md
    opening_left = 0  # top-level paragraphs after the last heading that may open its entry
    paragraph: Token | None = None
    for token in state.tokens:
        if token.type == "heading_close":
            opening_left = LEAD_PARAGRAPHS
        elif token.type == "paragraph_open":
            paragraph = token
            continue
        elif token.type == "inline":
            if token.children is None:
                token.children = []
            if paragraph is not None:
                may_open_entry = paragraph.level == 0 and opening_left > 0
                if paragraph.level == 0:
                    opening_left = max(0, opening_left - 1)
                if not is_read(token.content, may_open_entry):
                    paragraph = None
                    continue
            md.inline.parse(token.content, md, state.env, token.children)
        paragraph = None
