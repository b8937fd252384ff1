"""The markdown-it rules of the Pandoc dialect, at the token level."""

from __future__ import annotations

from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import DocutilsRenderer
from myst_parser.parsers.mdit import create_md_parser

from sphinx_glossterm.reader.entry_rules import EntryRuleOptions
from sphinx_glossterm.reader.mdit import add_pandoc_plugins


def _tokens(text: str, **options: object) -> list:
    md = create_md_parser(MdParserConfig(), DocutilsRenderer)
    add_pandoc_plugins(md, EntryRuleOptions(**options))  # type: ignore[arg-type]
    return md.parse(text)


def _shape(tokens: list) -> list[str]:
    return [t.type for t in tokens if t.type.startswith("glossterm_") or t.type == "hr"]


ENTRY = """\
## CLIP {#CLIP .chapter .small .term}

***Pre-training text and images together***

**CLIP** is a model.

### How it works {.explanation}

Text.

#### Detail

Deeper.

### Notes

Untyped, at section level.

### See also {.seealso}

[ViT](#ViT) |
[Index](#Index) |

----
"""


def test_an_entry_groups_tagline_lead_and_sections() -> None:
    assert _shape(_tokens(ENTRY)) == [
        "glossterm_entry_open",
        "glossterm_tagline_open",
        "glossterm_tagline_close",
        "glossterm_lead_open",
        "glossterm_lead_close",
        "glossterm_section_open",
        "glossterm_subsection_open",
        "glossterm_subsection_close",
        "glossterm_section_close",
        "glossterm_section_open",
        "glossterm_section_close",
        "glossterm_section_open",
        "glossterm_section_close",
        "glossterm_entry_close",
    ]


def test_section_types_come_from_classes_not_levels() -> None:
    text = (
        "### Haiku {#Haiku .term}\n\nLead.\n\n"
        "#### Form {.explanation}\n\nA.\n\n"
        "### Example {.explanation}\n\nB.\n"
    )
    sections = [t for t in _tokens(text) if t.type == "glossterm_section_open"]
    assert [(t.meta["type"], t.meta["level"]) for t in sections] == [
        ("explanation", 4),
        ("explanation", 3),
    ]


def test_entries_end_at_rules_and_at_the_next_term_heading() -> None:
    text = (
        "## A {#A .term}\n\nOne.\n\n----\n\n### B {#B .term}\n\nTwo.\n\n## C {#C .term}\n\nThree.\n"
    )
    entries = [t for t in _tokens(text) if t.type == "glossterm_entry_open"]
    assert [t.meta["attrs"].id for t in entries] == ["A", "B", "C"]
    assert "hr" not in _shape(_tokens(text))


def test_a_tagline_must_be_wholly_bold_italic() -> None:
    partial = "## A {#A .term}\n\n***Bold italic*** and plain.\n"
    assert "glossterm_tagline_open" not in _shape(_tokens(partial))
    underscores = "## A {#A .term}\n\n**_Also bold italic_**\n"
    assert "glossterm_tagline_open" in _shape(_tokens(underscores))


def test_a_bulleted_tagline_list_is_lead_content() -> None:
    text = '## A {#A .term}\n\n- A.md: ***"Catchy"*** (Source)\n\nLead.\n'
    assert _shape(_tokens(text))[:3] == [
        "glossterm_entry_open",
        "glossterm_lead_open",
        "glossterm_lead_close",
    ]


def test_first_heading_with_id_but_no_term_class_is_inferred() -> None:
    entry = _tokens("## LAM {#LAM}\n\nText.\n")[0]
    assert entry.type == "glossterm_entry_open"
    assert entry.meta["inferred"] is True
    assert _tokens("## LAM {#LAM}\n\nText.\n", infer_terms=False)[0].type == "heading_open"


def test_only_the_first_heading_can_be_inferred() -> None:
    text = "## Intro\n\nText.\n\n## LAM {#LAM}\n\nMore.\n"
    assert "glossterm_entry_open" not in _shape(_tokens(text))


def test_misplaced_rules_outside_entries_are_dropped() -> None:
    assert _shape(_tokens("Text.\n\n----\n")) == []
    assert _shape(_tokens("One.\n\n----\n\nTwo.\n")) == ["hr"]


def test_title_block_is_read_only_on_the_first_line() -> None:
    tokens = _tokens("% My Glossary\n% Ann Author; Bo Writer\n% March 2025\n\nText.\n")
    assert tokens[0].type == "pandoc_title_block"
    assert tokens[0].meta == {
        "title": "My Glossary",
        "author": "Ann Author; Bo Writer",
        "date": "March 2025",
    }
    later = _tokens("Text.\n\n% not a title\n")
    assert all(t.type != "pandoc_title_block" for t in later)


def test_heading_attributes_leave_the_heading_text() -> None:
    tokens = _tokens("## Large Model {#Large-Model .term}\n")
    inline = next(t for t in tokens if t.type == "inline")
    assert inline.content == "Large Model"


def test_blocks_do_not_interrupt_a_paragraph_as_in_pandoc() -> None:
    text = "Line one\\\n- not a list\n## not a heading\n> not a quote\n| a |\n|---|\n"
    types = [t.type for t in _tokens(text)]
    assert types == ["paragraph_open", "inline", "paragraph_close"]


def test_blocks_after_a_blank_line_are_blocks() -> None:
    text = "Para.\n\n- a list\n\n## A heading\n\n> A quote\n"
    types = {t.type for t in _tokens(text)}
    assert {"bullet_list_open", "heading_open", "blockquote_open"} <= types


def test_list_items_and_sub_lists_need_no_blank_line() -> None:
    text = "1. **One**: first\n2. **Two**: second\n\n- item\n  - sub\n- next\n"
    types = [t.type for t in _tokens(text)]
    assert types.count("list_item_open") == 5
    assert types.count("bullet_list_open") == 2
