"""The edit-distance step of the suggestions compares only names that can reach the cutoff."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_glossterm.model import suggest
from sphinx_glossterm.model.suggest import NameIndex

# A small alphabet, so that near misses (and exact ties) are common.
words = st.text(alphabet="abcdeä", max_size=12)


@given(word=words, names=st.lists(words, max_size=25, unique=True))
def test_close_matches_are_difflibs_over_every_name(word: str, names: list[str]) -> None:
    expected = difflib.get_close_matches(word, names, n=6, cutoff=suggest.CUTOFF)
    assert NameIndex(names).close_matches(word, n=6) == expected


@given(word=words, names=st.lists(words, max_size=25, unique=True))
def test_a_loose_cutoff_compares_everything(word: str, names: list[str]) -> None:
    expected = difflib.get_close_matches(word, names, n=6, cutoff=0.6)
    assert NameIndex(names).close_matches(word, n=6, cutoff=0.6) == expected


def test_names_sharing_too_few_bigrams_are_not_compared(monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[str] = []
    original = difflib.get_close_matches

    def recording(word: str, possibilities: list[str], n: int, cutoff: float) -> list[str]:
        compared.extend(possibilities)
        return original(word, possibilities, n=n, cutoff=cutoff)

    monkeypatch.setattr(difflib, "get_close_matches", recording)
    names = ["tokenizer", "transformer", "bild"]
    assert NameIndex(names).close_matches("tokeniser", n=6) == ["tokenizer"]
    # "transformer" shares only "er" with "tokeniser" (at least 3 are needed); "bild" none.
    assert compared == ["tokenizer"]
