"""Suggestions for a link target nobody declared: the ids the author probably meant.

First the ids whose spelling differs only in case, hyphens, underscores,
spaces or umlauts (``DeepLearning`` → ``Deep-Learning``, ``KI-Oekosystem`` →
``KI-Ökosystem``), matched against every entry's id, title and aliases; then
the closest by edit distance.

The edit-distance step compares a target only with the names that can reach
the cutoff (:class:`NameIndex`), so a glossary whose broken links grow with its
size is not checked in the square of its size.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

from sphinx_glossterm.model.collation import base_letters
from sphinx_glossterm.model.records import Term

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_SEPARATORS = re.compile(r"[\s_\-.]+")

CUTOFF = 0.8
"""How alike (difflib's ratio) a name must be to the target to be suggested."""


def bigram_list(text: str) -> list[str]:
    """The two-character substrings of ``text``, repeats included."""
    return [text[i : i + 2] for i in range(len(text) - 1)]


class NameIndex:
    """Names by their bigrams, to find the ones within difflib's cutoff of a word quickly.

    ``difflib.get_close_matches`` compares the word with every name, which makes
    suggesting for every broken link cost (broken links) × (entries): the square
    of the glossary's size.  This compares only the names that can reach the
    cutoff, and returns exactly what difflib returns over all names (difflib
    orders its result by score, then name, so which others it saw is irrelevant).

    Why a name can be skipped: difflib's ratio is 2M / T for M matched characters
    in k matching blocks, T the two lengths together.  Between two blocks at least
    one character is unmatched (difflib joins adjacent blocks), so k <= T - 2M + 1,
    and the blocks share M - k bigram occurrences.  A ratio of at least c needs
    M >= cT / 2, hence at least T * (1.5c - 1) - 1 shared bigrams: 0.2 T - 1 for
    c = 0.8.  A name sharing fewer with the word is below the cutoff.
    """

    def __init__(self, names: list[str]) -> None:
        self._postings: dict[str, list[str]] = {}
        for name in sorted(set(names)):
            for bigram in set(bigram_list(name)):
                self._postings.setdefault(bigram, []).append(name)
        self._all = sorted(set(names))

    def close_matches(self, word: str, n: int, cutoff: float = CUTOFF) -> list[str]:
        """``difflib.get_close_matches(word, names, n, cutoff)``, comparing fewer names."""
        if cutoff <= 2 / 3:  # the bound says nothing: compare everything
            return difflib.get_close_matches(word, self._all, n=n, cutoff=cutoff)
        # Per name, an upper bound of the bigram occurrences it shares with the word.
        shared: Counter[str] = Counter()
        for bigram, times in Counter(bigram_list(word)).items():
            for _ in range(times):
                shared.update(self._postings.get(bigram, ()))
        slope, length = 1.5 * cutoff - 1, len(word)

        def reachable(name: str) -> bool:
            return shared[name] >= (len(name) + length) * slope - 1 - 1e-9

        if length * slope - 1 <= 1e-9:  # a short word: names sharing nothing may still reach it
            candidates = [name for name in self._all if reachable(name)]
        else:
            candidates = sorted(name for name in shared if reachable(name))
        return difflib.get_close_matches(word, candidates, n=n, cutoff=cutoff)


def names_of(terms: list[Term]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """What suggestions depend on: every entry's id and names."""
    return tuple(sorted((term.id, term.names) for term in terms))


def loose_keys(name: str) -> set[str]:
    """Spellings of ``name`` that compare equal when only case, separators or umlauts differ."""
    keys = set()
    for variant in (name, name.translate(_UMLAUTS)):
        keys.add(_SEPARATORS.sub("", base_letters(variant)))
    return keys


class Suggester:
    """Finds, for an unknown target, up to three ids of existing entries.

    ``answers`` may hold answers of an earlier build with the same names (see
    :func:`names_of`); they are reused, and new ones are added to the dict.  The
    lookups are built on the first target not answered yet.
    """

    def __init__(self, terms: list[Term], answers: dict[str, tuple[str, ...]] | None = None):
        self._terms = terms
        self._cache: dict[str, tuple[str, ...]] = {} if answers is None else answers
        self._by_key: dict[str, list[str]] | None = None
        self._names: dict[str, list[str]] = {}
        self._name_index: NameIndex | None = None

    def __call__(self, target: str, limit: int = 3) -> tuple[str, ...]:
        """The ids most like ``target``, best first."""
        if target not in self._cache:
            self._cache[target] = self._suggest(target, limit)
        return self._cache[target]

    def _lookups(self) -> tuple[dict[str, list[str]], NameIndex]:
        if self._by_key is None or self._name_index is None:
            self._by_key = {}
            for term in sorted(self._terms, key=lambda t: t.id):
                for name in (term.id, *term.names):
                    for key in loose_keys(name):
                        ids = self._by_key.setdefault(key, [])
                        if term.id not in ids:
                            ids.append(term.id)
                    compact = _SEPARATORS.sub("", base_letters(name))
                    ids = self._names.setdefault(compact, [])
                    if term.id not in ids:
                        ids.append(term.id)
            self._name_index = NameIndex(list(self._names))
        return self._by_key, self._name_index

    def _suggest(self, target: str, limit: int) -> tuple[str, ...]:
        by_key, name_index = self._lookups()
        found: list[str] = []
        for key in sorted(loose_keys(target)):
            for term_id in by_key.get(key, []):
                if term_id not in found and term_id != target:
                    found.append(term_id)
        if len(found) < limit:
            compact = _SEPARATORS.sub("", base_letters(target))
            for name in name_index.close_matches(compact, n=limit * 2):
                for term_id in self._names[name]:
                    if term_id not in found and term_id != target:
                        found.append(term_id)
        return tuple(found[:limit])
