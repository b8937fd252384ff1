"""Group a term document's block tokens into entries and typed sections.

A core rule that runs after inline parsing.  It only regroups top-level block
tokens, wrapping them in nesting tokens the renderer turns into the entry's
docutils structure::

    glossterm_entry            the term heading (``.term``) up to ``----``,
      heading                  the next term heading or the end of the file
      glossterm_tagline        a paragraph that is wholly ``***bold italic***``
      glossterm_lead           everything before the first section
      glossterm_section        a heading with a type class, up to the next one
        heading
        ...
        glossterm_subsection   an untyped heading deeper than its section's
      glossterm_section        an untyped heading at section level: a section
                               without a type

Headings inside an entry are grouped by their role, not their level: real files
put typed sections at H3 under an H3 term heading, or at H4 and H3 within one
entry, and Pandoc renders them all.  Outside entries nothing is regrouped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from sphinx_glossterm.model.abbreviations import ABBR_CLASS
from sphinx_glossterm.reader.entry_rules import TERM_CLASS, EntryRuleOptions
from sphinx_glossterm.reader.pandoc.abbreviation import ABBREVIATION_META, lead_sentence
from sphinx_glossterm.reader.pandoc.attributes import Attributes
from sphinx_glossterm.reader.pandoc.heading_attrs import ATTRS_META

ENTRY = "glossterm_entry"
TAGLINE = "glossterm_tagline"
LEAD = "glossterm_lead"
SECTION = "glossterm_section"
SUBSECTION = "glossterm_subsection"


def entries_plugin(md: MarkdownIt, options: EntryRuleOptions | None = None) -> None:
    """Register the entry-grouping core rule (after inline parsing)."""
    rule_options = options or EntryRuleOptions()

    def rule(state: StateCore) -> None:
        state.tokens = group_entries(state.tokens, rule_options)

    md.core.ruler.after("inline", "glossterm_entries", rule)


def heading_level(token: Token) -> int:
    """The level of a ``heading_open`` token (``h2`` → 2)."""
    return int(token.tag[1])


def heading_attributes(token: Token) -> Attributes:
    """The parsed attribute block of a ``heading_open`` token (empty if none)."""
    attrs = token.meta.get(ATTRS_META)
    return attrs if isinstance(attrs, Attributes) else Attributes()


def section_type(attrs: Attributes, layout_classes: frozenset[str]) -> str | None:
    """The type a heading's classes give its section: the first non-layout class."""
    for name in attrs.classes:
        if name != TERM_CLASS and name not in layout_classes:
            return name
    return None


@dataclass
class _Block:
    """One top-level block: the tokens from an opening token to its close."""

    tokens: list[Token]

    @property
    def first(self) -> Token:
        return self.tokens[0]

    @property
    def is_heading(self) -> bool:
        return self.first.type == "heading_open"


@dataclass
class _Section:
    open: Token
    level: int
    body: list[Token] = field(default_factory=list)
    subsections: list[tuple[int, Token]] = field(default_factory=list)
    """The stack of open untyped sub-headings: (level, open token)."""

    def add(self, block: _Block) -> None:
        if block.is_heading:
            level = heading_level(block.first)
            while self.subsections and self.subsections[-1][0] >= level:
                self.body.append(_close(SUBSECTION, self.subsections.pop()[1]))
            opener = _open(SUBSECTION, block.first, {"level": level})
            self.subsections.append((level, opener))
            self.body.append(opener)
        self.body.extend(block.tokens)

    def close(self) -> list[Token]:
        while self.subsections:
            self.body.append(_close(SUBSECTION, self.subsections.pop()[1]))
        return [self.open, *self.body, _close(SECTION, self.open)]


@dataclass
class _Entry:
    open: Token
    heading: list[Token]
    level: int
    tagline: list[Token] = field(default_factory=list)
    lead: list[Token] = field(default_factory=list)
    sections: list[Token] = field(default_factory=list)
    current: _Section | None = None
    seen_content: bool = False

    def add(self, block: _Block, options: EntryRuleOptions) -> None:
        if block.is_heading:
            self._add_heading(block, options)
        elif self.current is not None:
            self.current.add(block)
        elif not self.seen_content and not self.tagline and _is_tagline(block):
            self.tagline = _tagline_tokens(block)
        else:
            self.lead.extend(block.tokens)
        self.seen_content = True

    def _add_heading(self, block: _Block, options: EntryRuleOptions) -> None:
        heading = block.first
        attrs = heading_attributes(heading)
        kind = section_type(attrs, options.layout_classes)
        level = heading_level(heading)
        if kind is None and self.current is not None and level > self.current.level:
            self.current.add(block)
            return
        self._close_section()
        opener = _open(SECTION, heading, {"type": kind, "level": level})
        self.current = _Section(opener, level, list(block.tokens))

    def _close_section(self) -> None:
        if self.current is not None:
            self.sections.extend(self.current.close())
            self.current = None

    def close(self, options: EntryRuleOptions) -> list[Token]:
        self._close_section()
        explicit = ABBR_CLASS in self.open.meta["attrs"].classes
        sentence = lead_sentence(self.lead, options.abbreviation_phrases, explicit)
        if sentence is not None:
            short, expansion, target, whole = sentence
            self.open.meta[ABBREVIATION_META] = (
                short,
                expansion,
                target,
                whole and not self.tagline,
            )
        tokens = [self.open, *self.heading, *self.tagline]
        if self.lead:
            lead_open = _open(LEAD, self.lead[0])
            tokens += [lead_open, *self.lead, _close(LEAD, lead_open)]
        tokens += self.sections
        tokens.append(_close(ENTRY, self.open))
        return tokens


def group_entries(tokens: Sequence[Token], options: EntryRuleOptions) -> list[Token]:
    """Return ``tokens`` with every entry and typed section wrapped in nesting tokens."""
    blocks = _split_blocks(tokens)
    out: list[Token] = []
    entry: _Entry | None = None
    first_heading_seen = False
    for position, block in enumerate(blocks):
        if block.is_heading:
            is_first_heading = not first_heading_seen
            first_heading_seen = True
            term_kind = _term_kind(block.first, is_first_heading, options)
            if term_kind is not None:
                if entry is not None:
                    out += entry.close(options)
                level = heading_level(block.first)
                attrs = heading_attributes(block.first)
                meta = {"level": level, "attrs": attrs, "inferred": term_kind == "inferred"}
                entry = _Entry(_open(ENTRY, block.first, meta), list(block.tokens), level)
                continue
        if block.first.type == "hr":
            if entry is not None:
                # ``----`` ends the entry; it is the author's separator, not content.
                out += entry.close(options)
                entry = None
                continue
            if _is_misplaced_transition(blocks, position):
                continue
        if entry is not None:
            entry.add(block, options)
        else:
            out += block.tokens
    if entry is not None:
        out += entry.close(options)
    return out


def _term_kind(heading: Token, is_first_heading: bool, options: EntryRuleOptions) -> str | None:
    attrs = heading_attributes(heading)
    if TERM_CLASS in attrs.classes:
        return "declared"
    if (
        options.infer_terms
        and is_first_heading
        and attrs.id
        and heading_level(heading) in (2, 3)
        and section_type(attrs, options.layout_classes) is None
    ):
        return "inferred"
    return None


def _is_misplaced_transition(blocks: Sequence[_Block], position: int) -> bool:
    """A ``----`` docutils cannot hold: first, last, before a heading or another one."""
    if position == 0 or position == len(blocks) - 1:
        return True
    following = blocks[position + 1]
    previous = blocks[position - 1]
    return following.is_heading or following.first.type == "hr" or previous.is_heading


def _split_blocks(tokens: Sequence[Token]) -> list[_Block]:
    blocks: list[_Block] = []
    depth = 0
    current: list[Token] = []
    for token in tokens:
        current.append(token)
        depth += token.nesting
        if depth == 0:
            blocks.append(_Block(current))
            current = []
    if current:
        blocks.append(_Block(current))
    return blocks


def _is_tagline(block: _Block) -> bool:
    """A paragraph whose whole content is one ``***…***`` span."""
    if block.first.type != "paragraph_open" or len(block.tokens) != 3:
        return False
    return _tagline_children(block.tokens[1]) is not None


def _tagline_children(inline: Token) -> list[Token] | None:
    """The content inside the bold and italic wrappers, or ``None`` if not wholly wrapped."""
    # Empty text tokens are left between delimiters until ``text_join`` runs.
    children = [c for c in inline.children or [] if c.type != "text" or c.content]
    while children and _is_blank(children[-1]):
        children.pop()
    wrappers = set()
    for _ in range(2):
        if len(children) < 3 or not _wraps_all(children):
            return None
        wrappers.add(children[0].type)
        children = children[1:-1]
    return children if wrappers == {"em_open", "strong_open"} else None


def _is_blank(token: Token) -> bool:
    return token.type in ("softbreak", "hardbreak") or (
        token.type == "text" and not token.content.strip()
    )


def _wraps_all(children: list[Token]) -> bool:
    """Whether the first token is an em/strong opener whose closer is the last token."""
    first, last = children[0], children[-1]
    if first.type not in ("em_open", "strong_open") or last.type != first.type.replace(
        "_open", "_close"
    ):
        return False
    depth = 0
    for index, child in enumerate(children):
        if child.type == first.type:
            depth += 1
        elif child.type == last.type:
            depth -= 1
            if depth == 0 and index != len(children) - 1:
                return False
    return True


def _tagline_tokens(block: _Block) -> list[Token]:
    paragraph_open, inline, _ = block.tokens
    inner = Token("inline", "", 0, map=inline.map, content=inline.content)
    inner.children = _tagline_children(inline)
    opener = _open(TAGLINE, paragraph_open)
    return [opener, inner, _close(TAGLINE, opener)]


def _open(kind: str, source: Token, meta: dict | None = None) -> Token:
    token = Token(f"{kind}_open", "", 1, map=source.map, meta=dict(meta or {}))
    token.level = source.level
    return token


def _close(kind: str, opener: Token) -> Token:
    token = Token(f"{kind}_close", "", -1)
    token.level = opener.level
    return token
