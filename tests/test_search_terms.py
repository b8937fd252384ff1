"""The search index's word tables: the bytes Sphinx writes, re-encoded word by word."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.search import IndexBuilder

from sphinx_glossterm.html.search_terms import (
    RecordingMapping,
    WordTable,
    prune_observed,
    recording,
)

pytestmark = pytest.mark.fuzz

PAGES = [f"page-{number}" for number in range(6)] + ["Ä-page", "z"]
# Words as a stemmer leaves them, and what JSON must escape: quotes, controls, non-ASCII.
WORDS = st.text(
    alphabet=st.sampled_from([*"abcxyzäöüß", '"', "\\", "\x01", "\u2028", "😀"]),
    min_size=1,
    max_size=5,
)
MAPPINGS = st.dictionaries(WORDS, st.sets(st.sampled_from(PAGES), max_size=4), max_size=12)
# An index as a build leaves it: every word on a page (pruning drops the others).
INDEXES = st.dictionaries(
    WORDS, st.sets(st.sampled_from(PAGES), min_size=1, max_size=4), max_size=12
)


def sphinx_text(mapping: dict[str, set[str]], fn2index: dict[str, int]) -> str:
    """The table as Sphinx writes it: ``get_terms`` and ``json.dumps`` in ``js_index``."""
    indexer: Any = IndexBuilder.__new__(IndexBuilder)
    indexer._mapping, indexer._title_mapping = mapping, {}
    terms, _title_terms = IndexBuilder.get_terms(indexer, fn2index)
    return json.dumps(terms, separators=(",", ":"), sort_keys=True)


class Indexer:
    """What ``prune_observed`` reads and Sphinx's ``prune`` changes, without Sphinx."""

    def __init__(self, mapping: dict[str, set[str]]) -> None:
        self._mapping: dict[str, set[str]] = mapping
        self._title_mapping: dict[str, set[str]] = {}
        self._titles = {page: page for page in PAGES}
        self.pruned_with: list[set[str]] = []

    def sphinx_prune(self, docnames: set[str]) -> None:
        assert self._mapping == {} and self._title_mapping == {}, "word tables not set aside"
        self.pruned_with.append(docnames)
        self._titles = {page: title for page, title in self._titles.items() if page in docnames}


@given(mapping=MAPPINGS, numbered=st.permutations(PAGES), dropped=st.integers(0, len(PAGES)))
def test_a_table_encoded_whole_is_what_sphinx_writes(
    mapping: dict[str, set[str]], numbered: list[str], dropped: int
) -> None:
    # Pages left out of the numbering are in a word's pages but not in the index.
    fn2index = {page: number for number, page in enumerate(sorted(numbered[dropped:]))}
    table = WordTable()
    assert table.update(mapping, tuple(fn2index), fn2index, None) == sphinx_text(mapping, fn2index)


EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("feed"), st.sampled_from(PAGES), st.sets(WORDS, max_size=4)),
        st.tuples(st.just("prune"), st.sets(st.sampled_from(PAGES), max_size=3)),
    ),
    max_size=8,
)


@settings(max_examples=max(50, settings.default.max_examples // 2))
@given(start=INDEXES, builds=st.lists(EDITS, min_size=1, max_size=4))
def test_a_table_kept_between_builds_is_what_sphinx_writes(
    start: dict[str, set[str]], builds: list[list[tuple[Any, ...]]]
) -> None:
    """Feeds and prunes as builds make them; after each build only the noted words are encoded."""
    indexer = Indexer({word: set(pages) for word, pages in start.items()})
    fn2index = {page: number for number, page in enumerate(sorted(PAGES))}
    table = WordTable()
    table.update(indexer._mapping, tuple(fn2index), fn2index, None)
    mapping = indexer._mapping = recording(indexer._mapping)
    for edits in builds:
        mapping.touched = set()
        for edit in edits:
            if edit[0] == "feed":
                _kind, page, words = edit
                for word in words:  # as IndexBuilder.feed adds a page to a word
                    indexer._mapping.setdefault(word, set()).add(page)
            else:
                prune_observed(indexer, indexer.sphinx_prune, set(PAGES) - edit[1])
                indexer._titles = {page: page for page in PAGES}  # fed again later
        assert indexer._mapping is mapping
        text = table.update(mapping, tuple(fn2index), fn2index, mapping.touched)
        assert text == sphinx_text(mapping, fn2index)
        assert all(mapping.values()), "a word without pages stayed in the table"


def test_pruning_drops_words_left_without_pages_and_notes_what_changed() -> None:
    indexer = Indexer({"kept": {"page-0"}, "gone": {"page-1"}, "shared": {"page-0", "page-1"}})
    indexer._mapping = recording(indexer._mapping)
    prune_observed(indexer, indexer.sphinx_prune, set(PAGES) - {"page-1"})
    assert indexer._mapping == {"kept": {"page-0"}, "shared": {"page-0"}}
    assert isinstance(indexer._mapping, RecordingMapping)
    assert indexer._mapping.touched == {"gone", "shared"}
    # Sphinx's own prune saw the pages kept, and the titles went with it.
    assert indexer.pruned_with == [set(PAGES) - {"page-1"}]
    assert "page-1" not in indexer._titles


def test_a_table_numbered_otherwise_is_encoded_again() -> None:
    mapping = recording({"wort": {"b"}})
    table = WordTable()
    assert table.update(mapping, ("a", "b"), {"a": 0, "b": 1}, None) == '{"wort":1}'
    # One page fewer: every number may have moved, whatever was noted.
    assert table.update(mapping, ("b",), {"b": 0}, set()) == '{"wort":0}'


def test_pruning_drops_words_an_older_index_kept_without_pages() -> None:
    """Sphinx alone keeps ``"word": []``; any prune removes such words, nothing dropped or not."""
    indexer = Indexer({"kept": {"page-0"}, "stale": set()})
    indexer._mapping = recording(indexer._mapping)
    prune_observed(indexer, indexer.sphinx_prune, set(PAGES))
    assert indexer._mapping == {"kept": {"page-0"}}
    assert indexer._mapping.touched == {"stale"}
