"""Small readers for built HTML: elements by class or id, without a parser dependency."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = {"br", "img", "hr", "meta", "link", "input", "col", "wbr", "source", "area", "base"}


@dataclass
class Element:
    """An HTML element with its attributes, children and text."""

    tag: str
    attrs: dict[str, str]
    children: list[Element] = field(default_factory=list)
    parts: list[str | Element] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        """The element's class list."""
        return self.attrs.get("class", "").split()

    @property
    def text(self) -> str:
        """The visible text of the element and its descendants."""
        return "".join(p if isinstance(p, str) else p.text for p in self.parts)

    def iter(self):
        """The element and all its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        """Descendants (and self) matching a tag and/or a class."""
        return [
            element
            for element in self.iter()
            if (tag is None or element.tag == tag) and (cls is None or cls in element.classes)
        ]

    def find(self, tag: str | None = None, cls: str | None = None) -> Element | None:
        """The first match of :meth:`find_all`, or ``None``."""
        found = self.find_all(tag, cls)
        return found[0] if found else None

    def by_id(self, ident: str) -> Element | None:
        """The descendant with ``id`` = ``ident``."""
        return next((e for e in self.iter() if e.attrs.get("id") == ident), None)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        self.stack[-1].parts.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        self.stack[-1].parts.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].parts.append(data)


def parse_html(text: str) -> Element:
    """The element tree of an HTML page."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root
