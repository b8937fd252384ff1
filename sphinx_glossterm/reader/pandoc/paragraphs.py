"""Pandoc's paragraphs: a list, heading, block quote, rule or table needs a blank line before it.

CommonMark lets these interrupt a paragraph; Pandoc does not, and reads
``Flexibilität\\`` followed by ``- der heilige Gral`` as one paragraph with a
line break, not as a paragraph and a list.  Term documents are checked by their
authors in Pandoc's output, so Pandoc's reading is the one they mean.
(Backtick fences and raw HTML do interrupt paragraphs in Pandoc too.)
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it import rules_block as block
from markdown_it.rules_block import StateBlock

# Each rule with the block types it may still interrupt (all but "paragraph").
_RULES = {
    "heading": (block.heading, ["reference", "blockquote"]),
    "blockquote": (block.blockquote, ["reference", "blockquote", "list"]),
    "hr": (block.hr, ["reference", "blockquote", "list"]),
    "table": (block.table, ["reference"]),
}


def _list_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    # Asked whether a list may end a paragraph: outside lists, never.  Inside a
    # list it may, as Pandoc allows: the next item (``2.`` after ``1. text``)
    # and a sub-list directly under its item's first line.
    if silent and state.parentType == "paragraph" and state.listIndent < 0:
        return False
    return block.list_block(state, start_line, end_line, silent)


def pandoc_paragraphs_plugin(md: MarkdownIt) -> None:
    """Stop lists, headings, quotes, rules and pipe tables from interrupting paragraphs."""
    for name, (rule, alt) in _RULES.items():
        md.block.ruler.at(name, rule, {"alt": alt})
    md.block.ruler.at("list", _list_rule, {"alt": ["paragraph", "reference", "blockquote"]})
