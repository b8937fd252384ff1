"""Pandoc attribute blocks, parsed without Sphinx."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_glossterm.reader.pandoc.attributes import (
    AttributeSyntaxError,
    parse_attributes,
    split_trailing_attributes,
)


@pytest.mark.parametrize(
    ("line", "text", "block"),
    [
        ("CLIP {#CLIP .chapter .small .term}", "CLIP", "{#CLIP .chapter .small .term}"),
        ("GPT-4.5 *(Stand 2024)* {#GPT-4.5 .term}", "GPT-4.5 *(Stand 2024)*", "{#GPT-4.5 .term}"),
        ("A {b} {#c}", "A {b}", "{#c}"),
        ("Verwandte Themen: {.seealso}  ", "Verwandte Themen:", "{.seealso}"),
        ("Unclosed {#x .y", "Unclosed", "{#x .y"),
    ],
)
def test_split_finds_the_trailing_block(line: str, text: str, block: str) -> None:
    assert split_trailing_attributes(line) == (text, block)


@pytest.mark.parametrize(
    "line", ["Plain heading", 'Code {"context": retriever}', "Set {x}", "Empty {}"]
)
def test_split_ignores_text_that_is_no_attribute_block(line: str) -> None:
    assert split_trailing_attributes(line) is None


def test_parse_keeps_id_case_and_order_of_classes() -> None:
    attrs = parse_attributes('{#GPT-4v .chapter .term aliases="GPT-4 Vision, 4V" level=2}')
    assert attrs.id == "GPT-4v"
    assert attrs.classes == ["chapter", "term"]
    assert attrs.pairs == {"aliases": "GPT-4 Vision, 4V", "level": "2"}


def test_parse_dash_means_unnumbered() -> None:
    assert parse_attributes("{- .x}").classes == ["unnumbered", "x"]


@pytest.mark.parametrize(
    ("block", "reason"),
    [
        ("{#}", "followed by an id"),
        ("{#a #b}", "two ids"),
        ("{#a .b", "no closing"),
        ('{key="open}', "no closing"),
        ("{.}", "class name"),
        ("{#a junk}", "unexpected"),
    ],
)
def test_parse_rejects_malformed_blocks_with_a_reason(block: str, reason: str) -> None:
    with pytest.raises(AttributeSyntaxError, match=reason):
        parse_attributes(block)


@given(st.text(max_size=60))
def test_parse_raises_nothing_but_its_own_error(text: str) -> None:
    line = f"Title {{{text}}}"
    split = split_trailing_attributes(line)
    if split is None:
        return
    try:
        attrs = parse_attributes(split[1])
    except AttributeSyntaxError:
        return
    assert attrs.id is None or attrs.id.strip() == attrs.id
