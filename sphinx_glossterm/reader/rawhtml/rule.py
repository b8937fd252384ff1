"""A markdown-it core rule: pair raw HTML tags into nesting tokens, note unsafe link targets.

markdown-it gives every tag of inline HTML its own flat ``html_inline`` token.
This rule runs after inline parsing and, within each inline token's children,
matches each allowed opening tag (:data:`.tags.ELEMENTS`) with its closing tag
at the same Markdown nesting depth, as ``mdit_py_plugins`` do for their own
syntax.  A matched pair becomes ``glossterm_html_open`` / ``glossterm_html_close``
(tag and attributes on the opener), ``<br>`` becomes ``glossterm_html_void``.
Every other ``html_inline`` token stays as it is, with the reason in
``meta[REJECTED]``; the renderer decides, by the project's policy and the kind
of document, whether it is shown as text (with a warning) or passed through.

It also notes, on the first text token of a run, a link whose target uses a
scheme that runs code (``[x](javascript:...)``): markdown-it refuses to make
such a link and leaves its source as text, silently; the renderer warns.

The rule runs for every Markdown document; ordinary MyST pages render the
tokens as myst-parser would (see :mod:`.render`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from sphinx_glossterm.reader.rawhtml.tags import ELEMENTS, Tag, TagKind, parse_tag, rejection

ELEMENT = "glossterm_html"
VOID = "glossterm_html_void"
REJECTED = "glossterm_html_rejected"
"""Meta of an ``html_inline`` token that is not an element: why, or ``""`` when its
opening tag was already reported (``</script>`` after ``<script>``)."""
COMMENT = "glossterm_html_comment"
UNSAFE_LINK = "glossterm_unsafe_link"
"""Meta of a text token holding a link markdown-it refused: the scheme."""

UNSAFE_SCHEMES = ("javascript", "vbscript", "data", "file")
# A link destination, reference definition or autolink that markdown-it refused:
# ``](javascript:``, ``]: javascript:``, ``<javascript:`` (any case, blanks allowed).
_UNSAFE_TARGET = re.compile(
    r"(?:\]\(\s*<?|\]:\s*<?|<)\s*(?P<scheme>" + "|".join(UNSAFE_SCHEMES) + r")\s*:",
    re.IGNORECASE,
)


def raw_html_plugin(md: MarkdownIt) -> None:
    """Register the rule; it runs last, after text tokens are joined."""
    md.core.ruler.push("glossterm_raw_html", _rule)


def _rule(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = pair_tags(token.children)
            note_unsafe_links(token.children)


@dataclass
class _Open:
    index: int
    tag: Tag
    markdown: bool = False


@dataclass
class _Pairing:
    """The state of one pass over an inline token's children."""

    children: list[Token]
    stack: list[_Open] = field(default_factory=list)
    pairs: dict[int, int] = field(default_factory=dict)
    reasons: dict[int, str] = field(default_factory=dict)
    cut_off: dict[str, list[int]] = field(default_factory=dict)
    """Opening tags a Markdown closer ended, by name: their closer may still come."""
    rejected_names: dict[str, int] = field(default_factory=dict)

    def open_html(self, index: int, tag: Tag) -> None:
        self.stack.append(_Open(index, tag))

    def open_markdown(self, index: int) -> None:
        self.stack.append(_Open(index, Tag(TagKind.OTHER), markdown=True))

    def close_markdown(self) -> None:
        while self.stack and not self.stack[-1].markdown:
            unclosed = self.stack.pop()
            self.cut_off.setdefault(unclosed.tag.name, []).append(unclosed.index)
        if self.stack:
            self.stack.pop()

    def close_html(self, index: int, tag: Tag) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            candidate = self.stack[depth]
            if candidate.markdown:
                break
            if candidate.tag.name == tag.name:
                for unclosed in self.stack[depth + 1 :]:
                    self.reasons[unclosed.index] = _never_closed(unclosed.tag)
                del self.stack[depth:]
                self.pairs[candidate.index] = index
                return
        # No opener at this depth: one reported at the opener is enough.
        crossing = [o for o in self.stack if not o.markdown and o.tag.name == tag.name]
        crossing_index = crossing[-1].index if crossing else None
        if crossing_index is None and self.cut_off.get(tag.name):
            crossing_index = self.cut_off[tag.name].pop()
        if crossing_index is not None:
            self.reasons[crossing_index] = (
                f"<{tag.name}> and </{tag.name}> cross the Markdown emphasis or link around them"
            )
            self.reasons[index] = ""
            self.stack = [o for o in self.stack if o.index != crossing_index]
        elif not self._closes_rejected(index, tag):
            self.reasons[index] = f"</{tag.name}> closes no open <{tag.name}>"

    def _closes_rejected(self, index: int, tag: Tag) -> bool:
        """Whether ``tag`` closes an opening tag already reported: then it is not reported."""
        if not self.rejected_names.get(tag.name):
            return False
        self.rejected_names[tag.name] -= 1
        self.reasons[index] = ""
        return True

    def reject(self, index: int, tag: Tag, reason: str) -> None:
        if tag.kind is TagKind.CLOSE and self._closes_rejected(index, tag):
            return
        if tag.kind is TagKind.OPEN and not tag.self_closing:
            self.rejected_names[tag.name] = self.rejected_names.get(tag.name, 0) + 1
        self.reasons[index] = f"<{'/' if tag.kind is TagKind.CLOSE else ''}{tag.name}> {reason}"

    def finish(self) -> None:
        for unclosed in self.stack:
            if not unclosed.markdown:
                self.reasons[unclosed.index] = _never_closed(unclosed.tag)
        for indexes in self.cut_off.values():
            for index in indexes:
                self.reasons.setdefault(
                    index, _never_closed(parse_tag(self.children[index].content))
                )


def _never_closed(tag: Tag) -> str:
    return f"<{tag.name}> is never closed"


def pair_tags(children: list[Token]) -> list[Token]:
    """``children`` with allowed, matching HTML tags turned into nesting tokens."""
    if not any(child.type == "html_inline" for child in children):
        return children
    pairing = _Pairing(children)
    for index, child in enumerate(children):
        if child.type != "html_inline":
            if child.nesting == 1:
                pairing.open_markdown(index)
            elif child.nesting == -1:
                pairing.close_markdown()
            continue
        tag = parse_tag(child.content)
        if tag.kind is TagKind.COMMENT:
            child.meta[COMMENT] = True
            continue
        reason = rejection(tag)
        if reason is not None:
            pairing.reject(index, tag, reason)
        elif ELEMENTS[tag.name].void:
            pass
        elif tag.kind is TagKind.OPEN:
            pairing.open_html(index, tag)
        else:
            pairing.close_html(index, tag)
    pairing.finish()
    result: list[Token] = []
    closers = {close: open_ for open_, close in pairing.pairs.items()}
    for index, child in enumerate(children):
        if child.type == "html_inline" and not child.meta.get(COMMENT):
            if index in pairing.pairs:
                child = _element_token(child, 1)
            elif index in closers:
                child = _element_token(child, -1)
            elif index in pairing.reasons:
                child.meta[REJECTED] = pairing.reasons[index]
            else:
                child = _element_token(child, 0)
        result.append(child)
    return result


def _element_token(source: Token, nesting: int) -> Token:
    tag = parse_tag(source.content)
    kind = {1: f"{ELEMENT}_open", -1: f"{ELEMENT}_close", 0: VOID}[nesting]
    token = Token(kind, tag.name, nesting, content=source.content, markup=source.content)
    token.map = source.map
    token.level = source.level
    token.meta = dict(source.meta)
    if nesting == 1:
        token.attrs = {name: value or "" for name, value in tag.attrs}
    return token


def note_unsafe_links(children: list[Token]) -> None:
    """Mark each run of text holding a refused ``javascript:``-style link target."""
    run: list[Token] = []
    for child in [*children, None]:
        if child is not None and child.type in ("text", "text_special"):
            run.append(child)
            continue
        if run:
            match = _UNSAFE_TARGET.search("".join(token.content for token in run))
            if match:
                run[0].meta[UNSAFE_LINK] = match["scheme"].lower() + ":"
            run = []
