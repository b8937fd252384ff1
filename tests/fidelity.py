"""Compare a Sphinx build of term documents with Pandoc 3's rendering of the same files.

Pandoc is the author's current tool and our oracle. Used by ``test_corpus.py``,
and runnable on its own after a build, to see the entries that differ most::

    python tests/fidelity.py OUTDIR CORPUSDIR [--worst N]

OUTDIR is the HTML output of a build of CORPUSDIR's ``*.md`` files (one page
per file, ``<docname>.html``).

Words are ``re.findall(r"\\w+", text.casefold())`` over the visible text. An
entry of ours is a ``<section class="glossterm-entry">`` (without the entries
nested in it); a Pandoc entry runs from a heading with class ``term`` to the
next one or to a ``----``. The score of an entry is the share of Pandoc's
words (as a multiset) that our entry has too. Text outside Pandoc's entries is
scored as one more pseudo-entry against the rest of our page.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Pandoc options: the author's (`-f markdown -t html5 --shift-heading-level-by=-1`),
# plus --mathjax so that each formula is one element (a span of class "math")
# that the word count leaves out, as it leaves out our MathML.
PANDOC_ARGS = ("-f", "markdown", "-t", "html5", "--shift-heading-level-by=-1", "--mathjax")

VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
# Elements whose boundaries separate words (so `<td>a</td><td>b</td>` is not `ab`).
BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "caption", "dd", "details"),
        *("div", "dl", "dt", "figcaption", "figure", "footer", "header", "hr", "li", "main"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "nav", "ol", "p", "pre", "section", "summary"),
        *("table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"),
    }
)
# MathML: formulas are compared as formulas (tests/test_math.py), not as words.
INVISIBLE_TAGS = frozenset({"script", "style", "template", "head", "math"})
# Pandoc's formulas (``<span class="math inline">\\(...\\)</span>`` with --mathjax).
PANDOC_MATH_CLASS = "math"
# Classes of elements that the extension adds and the author did not write.
NOT_CONTENT_CLASSES = frozenset({"headerlink", "glossterm-backlinks"})

ENTRY_CLASS = "glossterm-entry"
FOOT_ROW_CLASS = "glossterm-table-foot"


# --------------------------------------------------------------------------- HTML tree


@dataclass(eq=False)
class Element:
    """An HTML element: enough of a DOM for these tests."""

    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)
    line: int = 0

    @property
    def classes(self) -> list[str]:
        """The class list."""
        return self.attrs.get("class", "").split()

    def has_class(self, name: str) -> bool:
        """Whether *name* is in the class list."""
        return name in self.classes

    def iter(self) -> Iterator[Element]:
        """This element and all elements below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, predicate: Callable[[Element], bool]) -> list[Element]:
        """Elements below (and including) this one that satisfy *predicate*."""
        return [element for element in self.iter() if predicate(element)]

    def ancestors(self) -> Iterator[Element]:
        """Parent, grandparent, ..."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def text(self, skip: Callable[[Element], bool] | None = None) -> str:
        """Visible text; subtrees for which *skip* is true are left out."""
        parts: list[str] = []
        self._collect(parts, skip)
        return "".join(parts)

    def _collect(self, parts: list[str], skip: Callable[[Element], bool] | None) -> None:
        if self.tag in INVISIBLE_TAGS or (skip is not None and skip(self)):
            return
        block = self.tag in BLOCK_TAGS
        if block:
            parts.append(" ")
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            else:
                child._collect(parts, skip)
        if block:
            parts.append(" ")


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        parent = self.stack[-1]
        element = Element(tag, {k: v or "" for k, v in attrs}, parent, line=self.getpos()[0])
        parent.children.append(element)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        parent = self.stack[-1]
        element = Element(tag, {k: v or "" for k, v in attrs}, parent, line=self.getpos()[0])
        parent.children.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Element:
    """Parse *html* into a tree of :class:`Element`."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def not_content(element: Element) -> bool:
    """Whether the element is furniture added by the build rather than the author's text."""
    return not NOT_CONTENT_CLASSES.isdisjoint(element.classes)


def words(text: str) -> list[str]:
    """The words of *text*, as the fidelity score counts them."""
    return re.findall(r"\w+", text.casefold())


def main_content(page: Element) -> Element:
    """The element holding the page's document (the theme's ``role="main"``), else ``body``."""
    for element in page.iter():
        if element.attrs.get("role") == "main":
            return element
    for element in page.iter():
        if element.tag == "body":
            return element
    return page


# --------------------------------------------------------------------------- entries


@dataclass
class Entry:
    """The words of one entry, on one side of the comparison."""

    id: str
    title: str
    words: list[str]


def _is_heading(element: Element) -> bool:
    return element.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}


_ENTRY_END = object()  # stands for a top-level `<hr>` in the event stream


def _text_events(element: Element) -> Iterator[Element | str | object]:
    """Text of *element* in document order, with term headings and entry ends in between."""
    if element.tag in INVISIBLE_TAGS or element.has_class(PANDOC_MATH_CLASS):
        return
    if _is_heading(element) and element.has_class("term"):
        yield element
    if element.tag == "hr" and element.parent is not None and element.parent.tag == "#document":
        yield _ENTRY_END
    block = element.tag in BLOCK_TAGS
    if block:
        yield " "
    for child in element.children:
        if isinstance(child, str):
            yield child
        else:
            yield from _text_events(child)
    if block:
        yield " "


def pandoc_entries(html: str) -> tuple[list[Entry], list[str]]:
    """Split Pandoc's HTML of one file into entries, and the words outside all entries.

    An entry starts at a heading with class ``term`` and ends at the next one
    or at a thematic break (``----``, a top-level ``<hr>``), as TERM-FORMAT.md
    says. Text before the first entry or after a break is outside entries.
    """
    outside: list[str] = []
    entries: list[tuple[Element, list[str]]] = []
    current: list[str] = outside
    for event in _text_events(parse_html(html)):
        if isinstance(event, Element):
            entries.append((event, []))
            current = entries[-1][1]
        elif event is _ENTRY_END:
            current = outside
        else:
            assert isinstance(event, str)
            current.append(event)
    result = [
        Entry(heading.attrs.get("id", ""), " ".join(heading.text().split()), words("".join(text)))
        for heading, text in entries
    ]
    return result, words("".join(outside))


def our_entry_elements(page: Element) -> list[Element]:
    """The ``<section class="glossterm-entry">`` elements of a page, in document order."""
    return page.find_all(lambda e: e.tag == "section" and e.has_class(ENTRY_CLASS))


def our_entries(html: str) -> list[Entry]:
    """The entries of one of our pages, each without the entries nested in it."""
    page = parse_html(html)
    result = []
    for element in our_entry_elements(page):
        title_element = next((e for e in element.iter() if _is_heading(e)), None)
        title = " ".join(title_element.text(not_content).split()) if title_element else ""

        def skip(e: Element, top: Element = element) -> bool:
            nested = e is not top and e.tag == "section" and e.has_class(ENTRY_CLASS)
            return nested or not_content(e)

        result.append(Entry(element.attrs.get("id", ""), title, words(element.text(skip))))
    return result


def our_page_words(html: str) -> list[str]:
    """All words of a page's main content (for files without term headings)."""
    return words(main_content(parse_html(html)).text(not_content))


# --------------------------------------------------------------------------- scoring


@dataclass
class EntryScore:
    """How much of Pandoc's rendering of one entry our entry reproduces."""

    file: str
    index: int
    id: str
    title: str
    score: float
    pandoc_words: int
    missing: Counter[str]
    extra: Counter[str]

    def describe(self, limit: int = 15) -> str:
        """One line for reports: score, place and the words we lack."""
        lacking = ", ".join(f"{w}*{n}" if n > 1 else w for w, n in self.missing.most_common(limit))
        surplus = ", ".join(f"{w}*{n}" if n > 1 else w for w, n in self.extra.most_common(limit))
        return (
            f"{self.score:7.2%}  {self.file} #{self.index} {self.id!r} "
            f"({self.pandoc_words} words)\n      missing: {lacking or '-'}\n"
            f"      extra:   {surplus or '-'}"
        )


def score_words(
    pandoc: Iterable[str], ours: Iterable[str]
) -> tuple[float, Counter[str], Counter[str]]:
    """Return (|pandoc ∩ ours| / |pandoc|, words we lack, words we add) over multisets."""
    theirs, mine = Counter(pandoc), Counter(ours)
    total = sum(theirs.values())
    common = sum((theirs & mine).values())
    return (common / total if total else 1.0), theirs - mine, mine - theirs


def run_pandoc(pandoc: str, path: Path) -> str:
    """Pandoc's HTML fragment for one term document."""
    return subprocess.run(
        [pandoc, *PANDOC_ARGS, str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout


def run_pandoc_all(pandoc: str, paths: Iterable[Path]) -> dict[str, str]:
    """File name -> Pandoc's HTML, for many files at once."""
    paths = list(paths)
    with ThreadPoolExecutor(max_workers=8) as pool:
        htmls = pool.map(lambda p: run_pandoc(pandoc, p), paths)
        return {path.name: html for path, html in zip(paths, htmls, strict=True)}


def compare_file(name: str, pandoc_html: str, our_html: str) -> list[EntryScore]:
    """Score every entry of one file, and the text outside entries if Pandoc has any.

    Entries pair up in order. Text outside Pandoc's entries (before the first
    term heading, after a ``----``) is looked for in the rest of our page: its
    main content less the entries paired with Pandoc's. So a file without
    term headings is compared as a whole page, whatever we make of it.
    """
    theirs, outside = pandoc_entries(pandoc_html)
    mine = our_entries(our_html)
    scores = []
    for index, entry in enumerate(theirs):
        our_words = mine[index].words if index < len(mine) else []
        score, missing, extra = score_words(entry.words, our_words)
        scores.append(
            EntryScore(name, index, entry.id, entry.title, score, len(entry.words), missing, extra)
        )
    if outside:
        rest = Counter(our_page_words(our_html))
        for entry in mine[: len(theirs)]:
            rest -= Counter(entry.words)
        score, missing, extra = score_words(outside, rest.elements())
        scores.append(
            EntryScore(
                name, len(theirs), "", "(outside entries)", score, len(outside), missing, extra
            )
        )
    return scores


def compare_build(
    outdir: Path, corpus: Path, pandoc: str, pandoc_html: dict[str, str] | None = None
) -> list[EntryScore]:
    """Score every entry of every ``*.md`` file of *corpus* against the build in *outdir*."""
    sources = sorted(corpus.glob("*.md"))
    if pandoc_html is None:
        pandoc_html = run_pandoc_all(pandoc, sources)
    scores = []
    for source in sources:
        page = outdir / f"{source.stem}.html"
        our_html = page.read_text(encoding="utf-8") if page.is_file() else ""
        scores.extend(compare_file(source.name, pandoc_html[source.name], our_html))
    return scores


# --------------------------------------------------------------------------- tables


@dataclass
class TableShape:
    """The shape of one HTML table: its rows as lists of (colspan, rowspan)."""

    rows: list[list[tuple[int, int]]]
    head_rows: int
    foot_rows: int
    caption: list[str]

    @property
    def columns(self) -> int:
        """The width of the widest row, counting column spans."""
        return max((sum(span for span, _ in row) for row in self.rows), default=0)


def _span(cell: Element, name: str) -> int:
    value = cell.attrs.get(name, "1").strip()
    return int(value) if value.isdigit() else 1


_ROW_GROUP_TAGS = frozenset({"table", "thead", "tfoot", "tbody"})


def table_shapes(html: str) -> list[TableShape]:
    """The shapes of all tables of a page, in document order.

    A row counts as a foot row if it sits in ``<tfoot>`` (Pandoc) or has the
    class ``glossterm-table-foot`` (ours: docutils has no table foot).
    """
    shapes = []
    for table in parse_html(html).find_all(lambda e: e.tag == "table"):
        rows, head, foot = [], 0, 0
        for row in table.find_all(lambda e: e.tag == "tr"):
            owner = next(a for a in row.ancestors() if a.tag in _ROW_GROUP_TAGS)
            if next(a for a in row.ancestors() if a.tag == "table") is not table:
                continue  # a row of a nested table
            cells = [c for c in row.children if isinstance(c, Element) and c.tag in {"td", "th"}]
            rows.append([(_span(c, "colspan"), _span(c, "rowspan")) for c in cells])
            head += owner.tag == "thead"
            foot += owner.tag == "tfoot" or row.has_class(FOOT_ROW_CLASS)
        captions = [c for c in table.children if isinstance(c, Element) and c.tag == "caption"]
        caption = words(captions[0].text(not_content)) if captions else []
        shapes.append(TableShape(rows, head, foot, caption))
    return shapes


# --------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    """Print the entries of a build that differ most from Pandoc's rendering."""
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("outdir", type=Path, help="HTML output of a build of CORPUSDIR")
    parser.add_argument("corpusdir", type=Path, help="folder of term documents (*.md)")
    parser.add_argument("--worst", type=int, default=10, help="how many entries to show")
    parser.add_argument("--pandoc", help="Pandoc 3 binary (default: pypandoc-binary's)")
    args = parser.parse_args(argv)

    pandoc = args.pandoc
    if pandoc is None:
        import pypandoc

        pandoc = str(pypandoc.get_pandoc_path())
    scores = compare_build(args.outdir, args.corpusdir, pandoc)
    scores.sort(key=lambda s: s.score)
    below = [s for s in scores if s.score < 0.99]
    print(f"{len(scores)} entries, {len(below)} below 99%; worst {args.worst}:")
    for entry_score in scores[: args.worst]:
        print(entry_score.describe())
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
