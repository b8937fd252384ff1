"""A catalogue of broken and hostile term documents: one clear warning each, no word lost.

``tests/roots/test-bad`` holds one file per kind of problem; :data:`CATALOGUE`
says, for each, the warnings it must give (line, subtype, a piece of the
message) and the words that must survive in its page. Files not listed must
build without any warning. Generated inputs (deep lists, a 5 MB book) are
written into the copy of the root, not committed.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from sphinx.testing.util import SphinxTestApp

from sphinx_glossterm.reader.nesting import BLOCK_LIMIT, DEPTH_LIMIT, LimitDepth

from .htmlparts import Element, parse_html
from .projects import build, copy_root, warnings_of

# "<path>:<line>: WARNING: <message> [<type>.<subtype>]"
WARNING = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d*): WARNING: (?P<message>.*?)(?: \[(?P<kind>[\w.]+)\])?$"
)


@dataclass(frozen=True)
class Case:
    """One file of the catalogue: its warnings and the words its page must keep."""

    source: str
    warnings: tuple[tuple[int, str, str], ...]
    """``(line, subtype, part of the message)``, in line order."""
    survivors: tuple[str, ...]


CATALOGUE = (
    Case(
        "attr-empty-id.md",
        ((5, "attributes", "'#' must be followed by an id"),),
        ("survives-attr-empty", "Example {#}", "survives-under-empty-id"),
    ),
    Case(
        "attr-two-ids.md",
        ((1, "attributes", "two ids in one block"),),
        ("Two Ids {#One #Two .term}", "survives-two-ids"),
    ),
    Case(
        "attr-unclosed-brace.md",
        ((1, "attributes", "no closing '}'"),),
        ("Unclosed Brace {#Unclosed .term", "survives-unclosed-brace"),
    ),
    Case(
        "attr-unclosed-quote.md",
        ((1, "attributes", "has no closing"),),
        ("title=", "open}", "survives-unclosed-quote"),
    ),
    Case("entry-no-title.md", ((1, "entry", "no title text"),), ("survives-no-title",)),
    Case(
        "entry-no-body.md",
        ((3, "empty", "'No-Body' has a heading but no text"),),
        ("survives-no-body", "No Body", "survives-with-body"),
    ),
    Case(
        "seealso-empty.md",
        ((5, "empty", "seealso section 'See also'"),),
        ("survives-empty-seealso", "See also"),
    ),
    Case(
        "dup-in-file.md",
        ((7, "duplicate_id", "'Twice' is also declared at dup-in-file.md:1"),),
        ("survives-twice-one", "survives-twice-two"),
    ),
    Case("dup-across-a.md", (), ("survives-across-a",)),
    Case(
        "dup-across-b.md",
        ((1, "duplicate_id", "'Across' is also declared at dup-across-a.md:1"),),
        ("survives-across-b",),
    ),
    Case("self-seealso.md", ((7, "self_link", "'Self' links to itself"),), ("survives-self",)),
    Case("id-umlaut.md", (), ("survives-umlaut",)),
    Case("id-quote.md", ((1, "id", "its anchor is 'a-b'"),), ("survives-quote-id",)),
    Case("id-angle.md", ((1, "id", "its anchor is 'b'"),), ("survives-angle-id",)),
    Case("id-space.md", ((3, "id", "its anchor is 'a-b'"),), ("survives-space-id",)),
    Case("links.md", (), ("the umlaut", "the quote", "the angle", "the space")),
    Case("term-h4.md", ((1, "entry", "is an H4"),), ("Deep Term", "survives-h4")),
    Case(
        "grid-ragged.md",
        ((6, "grid_table", "right border is out of line"),),
        ("survives-ragged", "cell1", "cell2", "cell3", "cell4", "survives-after-table"),
    ),
    Case(
        "raw-script.md",
        ((3, "raw_html", "<script> is not an allowed element"),),
        ("<script>", "survives-script", "</script>"),
    ),
    Case(
        "raw-img.md",
        ((3, "raw_html", "<img> is not an allowed element"),),
        ("<img src=x onerror=\"alert('survives-img')\">",),
    ),
    Case(
        "raw-block.md",
        ((5, "raw_html", "raw HTML block with <div"),),
        ("survives-block-lead", 'onclick="alert(1)"', "survives-block-inner"),
    ),
    Case(
        "raw-unclosed.md",
        ((3, "raw_html", "<sub> is never closed"),),
        ("<sub>survives-unclosed-sub",),
    ),
    Case(
        "js-link.md",
        ((3, "unsafe_link", "javascript:"),),
        ("[survives-js-label](javascript:alert(1))",),
    ),
    Case("sub-ok.md", (), ("t-1", "Ctrl", "RNN")),
    Case(
        "directive-html.md",
        (
            (5, "raw_html", "<script> is not an allowed element"),
            (7, "raw_html", "<blink> is not an allowed element"),
            (9, "raw_html", "<iframe> is not an allowed element"),
        ),
        ("<script>", "survives-blink", '<iframe src="survives-iframe">'),
    ),
    Case("nested-50.md", (), tuple(f"level50x{i}" for i in range(50))),
    Case(
        "nested-60.md",
        ((53, "nesting", f"more than {BLOCK_LIMIT} levels"),),
        (*(f"level60x{i}" for i in range(60)), "survives-nested-60"),
    ),
    Case(
        "nested-directives.md",
        ((1, "nesting", "shown as literal text"),),
        tuple(f"note{level}" for level in range(150)),
    ),
    Case("index.md", (), ("Bad inputs",)),
)


def nested_list(depth: int) -> str:
    """A term document holding one list nested ``depth`` levels deep."""
    lines = [f"## Nested {depth} {{#Nested-{depth} .term}}", ""]
    lines += ["  " * level + f"- level{depth}x{level}" for level in range(depth)]
    lines += ["", f"After survives-nested-{depth}.", ""]
    return "\n".join(lines)


def nested_directives(depth: int) -> str:
    """A term document of ``depth`` notes, each inside the one before."""
    opening = [f"{'`' * (3 + depth - level)}{{note}}\nnote{level}\n" for level in range(depth)]
    closing = ["`" * (3 + depth - level) for level in reversed(range(depth))]
    return "## Notes {#Notes .term}\n\n" + "\n".join(opening + closing) + "\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    srcdir = copy_root("bad", tmp_path_factory.mktemp("bad") / "src")
    for depth in (50, 60):
        (srcdir / f"nested-{depth}.md").write_text(nested_list(depth), encoding="utf-8")
    (srcdir / "nested-directives.md").write_text(nested_directives(150), encoding="utf-8")
    return build(srcdir)


def _warnings_by_file(app: SphinxTestApp) -> dict[str, list[tuple[int, str, str]]]:
    found: dict[str, list[tuple[int, str, str]]] = {}
    for line in warnings_of(app):
        match = WARNING.match(line)
        assert match, f"a warning without file and line: {line}"
        kind = match["kind"] or "(untyped)"
        assert kind.startswith("glossterm."), f"not a glossterm warning: {line}"
        found.setdefault(Path(match["path"]).name, []).append(
            (int(match["line"] or 0), kind.removeprefix("glossterm."), match["message"])
        )
    return found


def _page(app: SphinxTestApp, source: str) -> Element:
    path = Path(app.outdir) / f"{Path(source).stem}.html"
    return parse_html(path.read_text(encoding="utf-8"))


def _main_text(page: Element) -> str:
    body = page.find(cls="body") or page
    return body.text


def test_every_file_of_the_root_is_in_the_catalogue(built: SphinxTestApp) -> None:
    sources = {path.name for path in Path(built.srcdir).glob("*.md")}
    assert sources == {case.source for case in CATALOGUE}


@pytest.mark.parametrize("case", CATALOGUE, ids=lambda case: case.source)
def test_each_problem_gives_exactly_one_warning(built: SphinxTestApp, case: Case) -> None:
    found = _warnings_by_file(built).get(case.source, [])
    assert [(line, subtype) for line, subtype, _ in found] == [
        (line, subtype) for line, subtype, _ in case.warnings
    ], "\n".join(message for *_, message in found)
    for (_, _, message), (_, _, expected) in zip(found, case.warnings, strict=True):
        assert expected in message


@pytest.mark.parametrize("case", CATALOGUE, ids=lambda case: case.source)
def test_no_content_is_lost(built: SphinxTestApp, case: Case) -> None:
    text = _main_text(_page(built, case.source))
    missing = [word for word in case.survivors if word not in text]
    assert missing == []


def test_links_by_the_written_id_reach_the_safe_anchor(built: SphinxTestApp) -> None:
    page = _page(built, "links.md")
    hrefs = {a.text: a.attrs["href"] for a in page.find_all("a") if a.text.startswith("the ")}
    assert hrefs == {
        "the umlaut": "id-umlaut.html#Äquivalenz",
        "the quote": "id-quote.html#a-b",
        "the angle": "id-angle.html#b",
        "the space": "id-space.html#a-b",
    }
    for source, anchor in (("id-umlaut.md", "Äquivalenz"), ("id-quote.md", "a-b")):
        assert _page(built, source).by_id(anchor) is not None


def test_the_data_keeps_the_id_as_written(built: SphinxTestApp) -> None:
    graph = json.loads((Path(built.outdir) / "glossterm-graph.json").read_text(encoding="utf-8"))
    urls = {node["id"]: node["url"] for node in graph["nodes"]}
    assert urls['a"b'] == "id-quote.html#a-b"
    assert urls["<b>"] == "id-angle.html#b"
    assert urls["a b"] == "id-space.html#a-b"
    assert urls["Äquivalenz"] == "id-umlaut.html#Äquivalenz"


def test_allowed_inline_html_becomes_elements(built: SphinxTestApp) -> None:
    page = _page(built, "sub-ok.md")
    assert [e.text for e in page.find_all("sub")] == ["t-1"]
    assert [e.text for e in page.find_all("sup")] == ["2"]
    assert [e.text for e in page.find_all("kbd")] == ["Ctrl"]
    (abbr,) = page.find_all("abbr")
    assert abbr.attrs["title"] == "Recurrent Neural Network"
    directive = _page(built, "directive-html.md")
    assert [e.text for e in directive.find_all("sub")] == ["line", "2"]
    assert [e.text for e in directive.find_all("b")] == ["HTML"], "MyST text keeps raw HTML"
    assert all(script.text != "x" for script in directive.find_all("script"))
    assert not directive.find_all("iframe")


def test_nested_lists_keep_their_depth_up_to_the_limit(built: SphinxTestApp) -> None:
    page = _page(built, "nested-50.md")
    assert len(page.find_all("ul")) >= 50
    deep = _page(built, "nested-60.md")
    (block,) = deep.find_all("pre")
    assert "level60x59" in block.text


def test_a_5_mb_book_builds_with_every_entry(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["sphinx_glossterm"]\n', encoding="utf-8")
    count = 3000
    text = big_book(count)
    assert len(text.encode("utf-8")) > 5_000_000
    (srcdir / "book.md").write_text(text, encoding="utf-8")
    started = time.monotonic()
    app = build(srcdir)
    seconds = time.monotonic() - started
    assert warnings_of(app) == []
    html = (Path(app.outdir) / "book.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'<section class="glossterm-entry" id="(T\d+)"', html))
    assert ids == {f"T{number}" for number in range(count)}
    assert html.count("Lead of term") == count
    assert seconds < 240, f"the build took {seconds:.0f} s"


def big_book(count: int) -> str:
    """``count`` entries of about 1.8 KB each, linked in a ring, in one file."""
    filler = " ".join(["Lorem ipsum dolor sit amet, consectetur adipiscing elit."] * 13)
    entries = []
    for number in range(count):
        following = (number + 1) % count
        before = (number - 1) % count
        entries.append(
            f"## Term {number} {{#T{number} .term}}\n\n"
            f"***Tagline {number}***\n\n"
            f"Lead of term {number}, see [Term {following}](#T{following}). {filler}\n\n"
            f"### Explanation {{.explanation}}\n\n{filler}\n\n"
            f"- one point\n- another point with <sub>sub</sub>\n\n"
            f"### See also {{.seealso}}\n\n"
            f"[Term {before}](#T{before}) |\n[Index](#Index)\n\n----\n"
        )
    return "\n".join(entries)


def test_doctrees_deeper_than_the_limit_keep_their_text() -> None:
    """The last guard before pickling: what lies too deep becomes plain text."""
    document = new_document("deep.md", get_default_settings(Parser))
    parent: nodes.Element = document
    for level in range(DEPTH_LIMIT + 50):
        quote = nodes.block_quote()
        quote += nodes.paragraph("", f"quote{level}")
        parent += quote
        parent = quote
    LimitDepth(document).apply()
    depth, node = 0, document
    while any(isinstance(child, nodes.block_quote) for child in node.children):
        node = next(child for child in node.children if isinstance(child, nodes.block_quote))
        depth += 1
    assert depth <= DEPTH_LIMIT
    text = document.astext()
    assert all(f"quote{level}" in text for level in range(DEPTH_LIMIT + 50))
