"""Pandoc attribute blocks: ``{#id .class key=value key="quoted value"}``.

Pure Python, so the same parser serves headings, the tests and ``glossterm check``.
The grammar follows Pandoc's ``header_attributes`` extension: whitespace-separated
items, ``#id`` (one), ``.class`` (any number), ``key=value`` with an optional
single- or double-quoted value, and ``-`` as shorthand for ``.unnumbered``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A trailing attribute block on a heading line: ``Title {…}``.  The title part is
# lazy so that ``A {b} {#c}`` keeps ``{b}`` in the title, as Pandoc does.
_TRAILING_BLOCK = re.compile(r"^(?P<text>.*?)[ \t]*(?P<block>\{[^{}]*\}?)[ \t]*$", re.DOTALL)
_KEY = re.compile(r"[A-Za-z_][\w.:-]*")


@dataclass(slots=True)
class Attributes:
    """The parsed content of one attribute block."""

    id: str | None = None
    classes: list[str] = field(default_factory=list)
    pairs: dict[str, str] = field(default_factory=dict)


class AttributeSyntaxError(ValueError):
    """An attribute block that Pandoc would not accept either; ``str()`` says why."""


def looks_like_attributes(block: str) -> bool:
    """Whether ``block`` (starting with ``{``) is meant as an attribute block.

    Text such as ``{"context": retriever}`` or ``{x}`` in a heading is ordinary
    text, not a failed attribute block, and must not produce a warning.
    """
    inner = block[1:].lstrip()
    if not inner or inner.startswith("}"):
        return False
    return inner[0] in "#.-" or bool(re.match(r"[A-Za-z_][\w.:-]*=", inner))


def parse_attributes(block: str) -> Attributes:
    """Parse ``{…}`` into :class:`Attributes`, or raise :class:`AttributeSyntaxError`."""
    if not block.startswith("{"):
        raise AttributeSyntaxError("an attribute block starts with '{'")
    if not block.endswith("}"):
        raise AttributeSyntaxError("the attribute block has no closing '}'")
    text = block[1:-1]
    attrs = Attributes()
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            return attrs
        char = text[pos]
        if char == "#":
            end = _item_end(text, pos + 1)
            ident = text[pos + 1 : end]
            if not ident:
                raise AttributeSyntaxError("'#' must be followed by an id")
            if attrs.id is not None:
                raise AttributeSyntaxError(f"two ids in one block: '#{attrs.id}' and '#{ident}'")
            attrs.id = ident
            pos = end
        elif char == ".":
            end = _item_end(text, pos + 1)
            name = text[pos + 1 : end]
            if not name:
                raise AttributeSyntaxError("'.' must be followed by a class name")
            attrs.classes.append(name)
            pos = end
        elif char == "-" and (pos + 1 == len(text) or text[pos + 1].isspace()):
            attrs.classes.append("unnumbered")
            pos += 1
        else:
            match = _KEY.match(text, pos)
            if not match or match.end() >= len(text) or text[match.end()] != "=":
                end = _item_end(text, pos)
                raise AttributeSyntaxError(
                    f"unexpected {text[pos:end]!r}: expected #id, .class or key=value"
                )
            key = match.group()
            pos = match.end() + 1
            value, pos = _read_value(text, pos, key)
            attrs.pairs[key] = value


def split_trailing_attributes(line: str) -> tuple[str, str] | None:
    """Split ``"Title {#id .c}"`` into ``("Title", "{#id .c}")``; ``None`` if no block ends it."""
    stripped = line.rstrip()
    if not stripped.endswith("}") and "{" not in stripped:
        return None
    match = _TRAILING_BLOCK.match(stripped)
    if not match or not looks_like_attributes(match.group("block")):
        return None
    return match.group("text"), match.group("block")


def _item_end(text: str, pos: int) -> int:
    while pos < len(text) and not text[pos].isspace():
        pos += 1
    return pos


def _read_value(text: str, pos: int, key: str) -> tuple[str, int]:
    if pos < len(text) and text[pos] in "\"'":
        quote = text[pos]
        value: list[str] = []
        pos += 1
        while pos < len(text):
            char = text[pos]
            if char == "\\" and pos + 1 < len(text) and text[pos + 1] in (quote, "\\"):
                value.append(text[pos + 1])
                pos += 2
                continue
            if char == quote:
                return "".join(value), pos + 1
            value.append(char)
            pos += 1
        raise AttributeSyntaxError(f"the value of {key!r} has no closing {quote}")
    end = _item_end(text, pos)
    return text[pos:end], end
