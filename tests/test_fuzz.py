"""Property-based tests: any term document builds, keeps its words, and warns with a place.

Documents are drawn by hypothesis from the pieces real term documents are made
of (headings with attribute blocks, taglines, see-also lists, grid tables,
nested lists, ``----``, fences, raw HTML, Unicode) and from random text, and
are read, checked and written by a real Sphinx project
(:class:`tests.fuzzing.DocumentHarness`). The number of examples comes from
the hypothesis profile: ``dev`` locally, ``ci`` on CI, ``fuzz`` in
``tox -e fuzz`` (see ``tests/conftest.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from sphinx_glossterm.model.warnings_ import GlosstermWarning
from sphinx_glossterm.reader.pandoc.attributes import AttributeSyntaxError, parse_attributes

from .fuzzing import DocumentHarness, Outcome, all_text, located

pytestmark = pytest.mark.fuzz

SUBTYPES = {kind.value for kind in GlosstermWarning}

# Words whose survival is checked: they never stand where Markdown would make
# them invisible (link targets, attribute blocks, comments).
WORDS = st.integers(0, 10_000).map(lambda n: f"w{n}x")
IDS = st.sampled_from(["A", "B", "Term-1", "Äquivalenz", "GPT-4v", "a b", 'q"t', "<b>", "Index"])
CLASSES = st.sampled_from(["term", "explanation", "haiku", "seealso", "chapter", "small", "odd"])
UNICODE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=12
)
INLINE_HTML = st.sampled_from(
    [
        "<sub>",
        "</sub>",
        "<sup>",
        "</sup>",
        "<br>",
        "<br/>",
        "<kbd>",
        "</kbd>",
        '<abbr title="t &amp; &quot;q&quot;">',
        "</abbr>",
        "<mark>",
        "</mark>",
        "<script>",
        "</script>",
        "<img src=x onerror=alert(1)>",
        '<span style="x">',
        "</span>",
        "<!-- c -->",
        "<?php x ?>",
        "<sub onclick=alert(1)>",
        "<svg><script>",
    ]
)
# Directive option values: myst-parser drops all options of a directive whose
# option block does not parse (with its own warning), so values here are kept to
# what parses: any letters and symbols, no control characters or line breaks.
OPTION_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    max_size=12,
)
DELIMITERS = st.sampled_from(["*", "**", "***", "_", "`", "\\", " | ", "[", "]", "(#A)", "~"])


@st.composite
def inline_text(draw: st.DrawFn, words: list[str]) -> str:
    """A line of text with emphasis, links, raw HTML and Unicode; its words go to ``words``."""
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.integers(0, 6))
        if kind <= 2:
            word = draw(WORDS)
            words.append(word)
            parts.append(word)
        elif kind == 3:
            parts.append(draw(INLINE_HTML))
        elif kind == 4:
            parts.append(draw(DELIMITERS))
        elif kind == 5:
            word = draw(WORDS)
            words.append(word)
            parts.append(f"[{word}]({draw(st.sampled_from(['#', '']))}{draw(IDS)})")
        else:
            parts.append(draw(UNICODE).replace("\n", " "))
    return " ".join(parts)


@st.composite
def attribute_block(draw: st.DrawFn) -> str:
    """A heading's ``{...}``: mostly well formed, sometimes broken in every way known."""
    items = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            items.append("#" + draw(IDS).replace(" ", "-"))
        elif kind == 1:
            items.append("." + draw(CLASSES))
        elif kind == 2:
            items.append(f'{draw(st.sampled_from(["aliases", "k"]))}="{draw(UNICODE)}"')
        else:
            items.append(draw(st.text(alphabet="#.{}=\"' -=ab\\", max_size=6)))
    block = "{" + " ".join(items) + "}"
    if draw(st.booleans()) and len(block) > 1:
        block = block[: draw(st.integers(1, len(block)))]  # cut: unclosed brace or quote
    return block


@st.composite
def heading(draw: st.DrawFn, words: list[str]) -> str:
    level = draw(st.integers(1, 6))
    return f"{'#' * level} {draw(inline_text(words))} {draw(attribute_block())}"


@st.composite
def grid_table(draw: st.DrawFn, words: list[str]) -> str:
    """A grid table, then maybe ragged, unclosed, or with spans that do not line up."""
    columns = draw(st.integers(1, 4))
    widths = [draw(st.integers(3, 9)) for _ in range(columns)]
    rows = draw(st.integers(1, 4))

    def border(fill: str) -> str:
        return "+" + "+".join(fill * width for width in widths) + "+"

    lines = [border("-")]
    for row in range(rows):
        cells = []
        for width in widths:
            word = draw(WORDS)[: width - 1]
            cells.append(f" {word}".ljust(width))
        lines.append("|" + "|".join(cells) + "|")
        lines.append(border("=" if row == 0 and rows > 1 and draw(st.booleans()) else "-"))
    for _ in range(draw(st.integers(0, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        mutation = draw(st.integers(0, 4))
        if mutation == 0:  # ragged
            lines[index] = line + draw(st.sampled_from([" ", "-", "|", "x"]))
        elif mutation == 1 and line.startswith("+") and len(line) > 2:
            cut = draw(st.integers(1, len(line) - 1))
            lines[index] = line[:cut] + line[cut + 1 :]
        elif mutation == 2 and index == len(lines) - 1:  # unclosed
            lines.pop()
        elif mutation == 3 and "|" in line[1:-1]:  # a span that may not line up
            position = line.index("|", 1)
            lines[index] = line[:position] + " " + line[position + 1 :]
        elif mutation == 4:
            lines.insert(index, draw(st.sampled_from(["+---+", "|", "+===+===+", ": Caption"])))
    table = "\n".join(lines)
    words.extend(re.findall(r"\bw\d+x?", table))  # what the mutations left of the cells
    return table


@st.composite
def nested_list(draw: st.DrawFn, words: list[str]) -> str:
    lines = []
    depth = 0
    for _ in range(draw(st.integers(1, 12))):
        depth = max(0, depth + draw(st.integers(-2, 2)))
        marker = draw(st.sampled_from(["-", "*", "1.", "+"]))
        lines.append(
            "  " * depth * (2 if marker == "1." else 1) + f"{marker} " + draw(inline_text(words))
        )
    return "\n".join(lines)


@st.composite
def block(draw: st.DrawFn, words: list[str]) -> str:
    kind = draw(st.integers(0, 11))
    if kind <= 1:
        return draw(heading(words))
    if kind == 2:
        return f"***{draw(inline_text(words))}***"
    if kind <= 4:
        return "\n".join(draw(inline_text(words)) for _ in range(draw(st.integers(1, 3))))
    if kind == 5:
        return draw(grid_table(words))
    if kind == 6:
        return draw(nested_list(words))
    if kind == 7:
        return "----"
    if kind == 8:
        links = [f"[{draw(WORDS)}](#{draw(IDS)}) |" for _ in range(draw(st.integers(0, 4)))]
        return "### See also {.seealso}\n\n" + "\n".join(links)
    if kind == 9:
        word = draw(WORDS)
        words.append(word)
        return f"~~~ python\n{word} <script> {{#x}}\n~~~"
    if kind == 10:
        return draw(st.sampled_from(["<div onclick=x>\nblock\n</div>", "<!-- only -->", "<br>"]))
    return draw(UNICODE)  # any text: no survival check


@st.composite
def term_document(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A Pandoc-dialect term document and the words that must survive it."""
    words: list[str] = []
    ident = draw(IDS).replace(" ", "-")
    blocks = [f"## {draw(WORDS)} {{#{ident} .term}}"]
    blocks += [draw(block(words)) for _ in range(draw(st.integers(0, 10)))]
    separator = draw(st.sampled_from(["\n\n", "\n"]))
    return separator.join(blocks) + "\n", words


@st.composite
def directive_document(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A MyST page with a ``glossterm`` directive whose every option is drawn."""
    words: list[str] = []
    title = draw(inline_text(words))
    options = []
    if draw(st.booleans()):
        options.append(f":id: {draw(IDS)}{draw(OPTION_TEXT).strip()}")
    if draw(st.booleans()):
        tagline = re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", draw(inline_text(words)))
        options.append(f":tagline: x {tagline}")
    if draw(st.booleans()):
        options.append(f":aliases: a{draw(OPTION_TEXT)}, {draw(WORDS)}")
    body = [draw(block(words)) for _ in range(draw(st.integers(0, 4)))]
    if draw(st.booleans()):
        body.append(f"```{{glossterm-section}} {draw(CLASSES)}\n{draw(inline_text(words))}\n```")
    text = "\n".join(
        [
            "# Page",
            "",
            f"`````{{glossterm}} {title.strip() or 'Untitled'}",
            *options,
            "",
            "\n\n".join(body),
            "`````",
            "",
        ]
    )
    return text, words


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DocumentHarness]:
    runner = DocumentHarness(tmp_path_factory.mktemp("fuzz") / "src")
    yield runner
    runner.close()


FUZZ_SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _check(outcome: Outcome, words: list[str], source: Path) -> None:
    for line in outcome.warnings:
        assert located(line), f"a warning without a place: {line}"
        assert str(source) in line or "index.md" in line, line
        kind = re.search(r"\[glossterm\.(\w+)\]$", line)
        if kind:
            assert kind.group(1) in SUBTYPES
    text = all_text(outcome.doctree)
    missing = [word for word in words if word not in text]
    assert missing == [], "words lost"


@FUZZ_SETTINGS
@given(document=term_document())
def test_term_documents_build_and_keep_their_words(
    harness: DocumentHarness, document: tuple[str, list[str]]
) -> None:
    text, words = document
    note(text)
    outcome = harness.run(text)
    _check(outcome, words, harness.source)


@FUZZ_SETTINGS
@given(document=directive_document())
def test_directive_entries_build_and_keep_their_words(
    harness: DocumentHarness, document: tuple[str, list[str]]
) -> None:
    text, words = document
    note(text)
    outcome = harness.run(text)
    _check(outcome, words, harness.source)


@FUZZ_SETTINGS
@given(text=st.text(max_size=400))
def test_any_text_builds(harness: DocumentHarness, text: str) -> None:
    """Random text, with the Pandoc dialect forced on by a first line."""
    outcome = harness.run("## T {#T .term}\n\n" + text)
    assert all(located(line) for line in outcome.warnings)


@FUZZ_SETTINGS
@given(document=term_document())
def test_latex_output_of_term_documents(
    harness: DocumentHarness, document: tuple[str, list[str]]
) -> None:
    """The LaTeX translator takes every doctree; no raw LaTeX from content reaches it."""
    text, _ = document
    note(text)
    outcome = harness.run(text, latex=True)
    assert outcome.latex is not None
    assert "\\write18" not in outcome.latex


@given(block=st.text(max_size=40).map(lambda text: "{" + text))
def test_attribute_parser_raises_only_its_own_error(block: str) -> None:
    try:
        attrs = parse_attributes(block)
    except AttributeSyntaxError as error:
        assert str(error)
    else:
        assert all(name and not any(c.isspace() for c in name) for name in attrs.classes)
