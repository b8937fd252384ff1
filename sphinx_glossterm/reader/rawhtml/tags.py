"""One raw HTML tag as markdown-it hands it over, and whether it may become a node.

markdown-it emits each tag of inline HTML as its own ``html_inline`` token
(``<sub>``, then the text, then ``</sub>``), already checked against
CommonMark's tag grammar; this module reads such a token's text and applies
the allowlist.  Pure Python, no Sphinx import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from html import unescape

_NAME = r"[A-Za-z][A-Za-z0-9-]*"
# CommonMark's attribute grammar: once with groups to read an attribute, once
# without to match a whole tag.
_ATTRIBUTE = re.compile(
    r"\s+(?P<name>[A-Za-z_:][A-Za-z0-9_.:-]*)"
    r"(?:\s*=\s*(?:(?P<bare>[^\"'=<>`\x00-\x20]+)|'(?P<single>[^']*)'|\"(?P<double>[^\"]*)\"))?"
)
_ATTRIBUTE_MATCH = (
    r"\s+[A-Za-z_:][A-Za-z0-9_.:-]*"
    r"(?:\s*=\s*(?:[^\"'=<>`\x00-\x20]+|'[^']*'|\"[^\"]*\"))?"
)
_OPEN = re.compile(rf"<(?P<name>{_NAME})(?P<attrs>(?:{_ATTRIBUTE_MATCH})*)\s*(?P<slash>/?)>")
_CLOSE = re.compile(rf"</(?P<name>{_NAME})\s*>")


class TagKind(Enum):
    """What a piece of raw HTML is."""

    OPEN = "open"
    CLOSE = "close"
    COMMENT = "comment"
    OTHER = "other"
    """A processing instruction, declaration or CDATA section, or anything unreadable."""


@dataclass(frozen=True, slots=True)
class Tag:
    """One tag: its kind, lower-cased name and attributes (values unescaped)."""

    kind: TagKind
    name: str = ""
    attrs: tuple[tuple[str, str | None], ...] = ()
    self_closing: bool = False


@dataclass(frozen=True, slots=True)
class Element:
    """An allowed inline element: the node it becomes and the attributes it may carry."""

    node: str
    """``subscript``, ``superscript``, ``emphasis``, ``strong``, ``literal``,
    ``abbreviation``, ``line_break`` or ``html_element`` (see :mod:`.render`)."""
    attributes: frozenset[str] = frozenset()
    void: bool = False
    classes: tuple[str, ...] = ()


#: The inline tags that become document nodes (and so reach LaTeX and EPUB too).
ELEMENTS: dict[str, Element] = {
    "sub": Element("subscript"),
    "sup": Element("superscript"),
    "em": Element("emphasis"),
    "i": Element("emphasis"),
    "strong": Element("strong"),
    "b": Element("strong"),
    "code": Element("literal"),
    "kbd": Element("literal", classes=("kbd",)),
    "abbr": Element("abbreviation", frozenset({"title"})),
    "br": Element("line_break", void=True),
    "mark": Element("html_element"),
    "small": Element("html_element"),
    "s": Element("html_element"),
    "del": Element("html_element"),
    "ins": Element("html_element"),
    "u": Element("html_element"),
    "var": Element("html_element"),
    "cite": Element("html_element"),
}


def parse_tag(text: str) -> Tag:
    """Read the text of one ``html_inline`` token (or a tag found in an HTML block)."""
    text = text.strip()
    if text.startswith("<!--"):
        return Tag(TagKind.COMMENT)
    match = _CLOSE.fullmatch(text)
    if match:
        return Tag(TagKind.CLOSE, match["name"].lower())
    match = _OPEN.fullmatch(text)
    if match:
        attrs = tuple(
            (
                attr["name"].lower(),
                _value(attr["bare"], attr["single"], attr["double"]),
            )
            for attr in _ATTRIBUTE.finditer(match["attrs"])
        )
        return Tag(TagKind.OPEN, match["name"].lower(), attrs, bool(match["slash"]))
    return Tag(TagKind.OTHER)


def _value(*candidates: str | None) -> str | None:
    for candidate in candidates:
        if candidate is not None:
            return unescape(candidate)
    return None


def rejection(tag: Tag) -> str | None:
    """Why ``tag`` may not become a node, or ``None`` if it may."""
    if tag.kind is TagKind.COMMENT:
        return None
    if tag.kind is TagKind.OTHER:
        return "is not an element"
    element = ELEMENTS.get(tag.name)
    if element is None:
        return "is not an allowed element"
    if tag.kind is TagKind.CLOSE:
        return "closes a void element" if element.void else None
    for name, _ in tag.attrs:
        if name not in element.attributes:
            return f"has the attribute {name!r}, which is not allowed on <{tag.name}>"
    if tag.self_closing and not element.void:
        return "is written self-closing"
    return None


_TAGS_IN_BLOCK = re.compile(
    r"<!--.*?-->|<\?.*?\?>|<![A-Za-z].*?>|<!\[CDATA\[.*?\]\]>"
    rf"|</?{_NAME}(?:{_ATTRIBUTE_MATCH})*\s*/?>",
    re.DOTALL,
)
_COMMENTS_ONLY = re.compile(r"\s*(?:<!--.*?-->\s*)+", re.DOTALL)


def is_comment_block(text: str) -> bool:
    """Whether an HTML block holds only comments (they are invisible in every output)."""
    return _COMMENTS_ONLY.fullmatch(text) is not None


def block_tags(text: str) -> list[tuple[str, Tag]]:
    """The tags of an HTML block, each with its text, in order."""
    return [(match.group(), parse_tag(match.group())) for match in _TAGS_IN_BLOCK.finditer(text)]
