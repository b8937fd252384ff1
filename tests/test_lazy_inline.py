"""``glossterm check`` leaves out the inline parse of paragraphs it does not read.

The records must be those of a check that parses every paragraph: the same
terms, taglines, abbreviations, links and warnings.  The document below holds
what the reader takes from a paragraph's inline tokens in places where a
careless shortcut would lose it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from markdown_it.rules_core import inline as full_inline_rule

from sphinx_glossterm.cli.read_markdown import read_config, scan_settings
from sphinx_glossterm.model.warnings_ import GlosstermWarning
from sphinx_glossterm.reader.scan import DocumentRecords
from sphinx_glossterm.reader.scan.lazy_inline import is_read
from sphinx_glossterm.reader.scan.walker import Parsers, scan_text

DEEP = "*a " * 34 + "too deep" + " a*" * 34
DOCUMENT = f"""\
## Apple {{#Apple .term}}

***A fruit of the rose family***

**Apples** come in many kinds; most are sweet.

### Kinds {{.explanation}}

Most kinds are sweet.

Some are sour.

**Braeburn** is crisp. Nothing here is read.

Nested {DEEP} emphasis.

A refused target ](javascript:alert(1)) in plain text.

## ML {{#ML .term}}

- a list comes first
- **bold** in an item

**ML** stands for machine learning.

## AI {{#AI .term}}

***Intelligence, made***

**AI** stands for artificial intelligence.

## *Pear* and quince {{#Pear .term}}

**Pears** have no tagline, and no link.
"""


@pytest.fixture
def settings(tmp_path: Path):
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_glossterm"]\nlanguage = "en"\n', encoding="utf-8"
    )
    return scan_settings(tmp_path, read_config(tmp_path, {}))


def full_parsers(settings) -> Parsers:
    """Parsers that parse every paragraph's inline content, as markdown-it does."""
    parsers = Parsers(settings)
    for pandoc in (True, False):
        parsers.get(pandoc).core.ruler.at("inline", full_inline_rule)
    return parsers


def test_the_records_are_those_of_a_full_parse(settings) -> None:
    lazy = scan_text("terms", "terms.md", DOCUMENT, settings)
    full = scan_text("terms", "terms.md", DOCUMENT, settings, full_parsers(settings))
    assert lazy == full
    terms = {term.id: term for term in full.terms}
    # The document holds what it is meant to: otherwise equal records prove little.
    assert terms["Apple"].tagline == "A fruit of the rose family"
    assert terms["AI"].tagline == "Intelligence, made"
    assert terms["ML"].abbreviation == "ML"
    assert terms["AI"].abbreviation == "AI"
    assert terms["Pear"].title == "Pear and quince"
    kinds = {problem.kind for problem in full.problems}
    assert {GlosstermWarning.NESTING, GlosstermWarning.UNSAFE_LINK} <= kinds


def test_paragraphs_that_hold_nothing_read_are_left_unparsed(settings) -> None:
    md = Parsers(settings).get(True)
    tokens = md.parse(DOCUMENT, {})
    paragraphs = [
        (tokens[index + 1].content, bool(tokens[index + 1].children))
        for index, token in enumerate(tokens)
        if token.type == "paragraph_open"
    ]
    unparsed = [content for content, parsed in paragraphs if not parsed]
    # Only the first two paragraphs after a heading may be a tagline and a lead.
    assert unparsed == [
        "Most kinds are sweet.",
        "Some are sour.",
        "**Braeburn** is crisp. Nothing here is read.",
        "a list comes first",
        "**bold** in an item",
    ]


def test_mentions_read_every_paragraph(settings) -> None:
    """``--mentions`` reads the running text: nothing is left out then."""
    prose = replace(settings, prose=True)
    records: DocumentRecords = scan_text("terms", "terms.md", DOCUMENT, prose)
    texts = " ".join(piece.text for run in records.prose for piece in run.pieces)
    assert "Braeburn" in texts
    assert "a list comes first" in texts


@pytest.mark.parametrize(
    ("content", "may_open_entry", "read"),
    [
        ("Plain words only.", True, False),
        ("**Bold** first.", False, False),
        ("**Bold** first.", True, True),
        ("A [link](#Apple).", False, True),
        ("A {glossterm:term}`role`.", False, True),
        ("Raw <b>HTML</b>.", False, True),
        ("An escaped \\* star.", False, True),
        ("Footnote^[inline].", False, True),
        ("*" * 32, False, True),
    ],
)
def test_what_makes_a_paragraph_read(content: str, may_open_entry: bool, read: bool) -> None:
    assert is_read(content, may_open_entry) is read
