"""Suggestions for a link target nobody declared: the ids the author probably meant.

First the ids whose spelling differs only in case, hyphens, underscores,
spaces or umlauts (``DeepLearning`` → ``Deep-Learning``, ``KI-Oekosystem`` →
``KI-Ökosystem``), matched against every entry's id, title and aliases; then
the closest by edit distance.
"""

from __future__ import annotations

import difflib
import re

from .collation import base_letters
from .model import Term

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_SEPARATORS = re.compile(r"[\s_\-.]+")


def loose_keys(name: str) -> set[str]:
    """Spellings of ``name`` that compare equal when only case, separators or umlauts differ."""
    keys = set()
    for variant in (name, name.translate(_UMLAUTS)):
        keys.add(_SEPARATORS.sub("", base_letters(variant)))
    return keys


class Suggester:
    """Finds, for an unknown target, up to three ids of existing entries."""

    def __init__(self, terms: list[Term]) -> None:
        self._by_key: dict[str, list[str]] = {}
        self._names: dict[str, list[str]] = {}
        for term in sorted(terms, key=lambda t: t.id):
            for name in (term.id, *term.names):
                for key in loose_keys(name):
                    ids = self._by_key.setdefault(key, [])
                    if term.id not in ids:
                        ids.append(term.id)
                compact = _SEPARATORS.sub("", base_letters(name))
                ids = self._names.setdefault(compact, [])
                if term.id not in ids:
                    ids.append(term.id)
        self._cache: dict[str, tuple[str, ...]] = {}

    def __call__(self, target: str, limit: int = 3) -> tuple[str, ...]:
        """The ids most like ``target``, best first."""
        if target not in self._cache:
            self._cache[target] = self._suggest(target, limit)
        return self._cache[target]

    def _suggest(self, target: str, limit: int) -> tuple[str, ...]:
        found: list[str] = []
        for key in sorted(loose_keys(target)):
            for term_id in self._by_key.get(key, []):
                if term_id not in found and term_id != target:
                    found.append(term_id)
        if len(found) < limit:
            compact = _SEPARATORS.sub("", base_letters(target))
            for name in difflib.get_close_matches(compact, self._names, n=limit * 2, cutoff=0.8):
                for term_id in self._names[name]:
                    if term_id not in found and term_id != target:
                        found.append(term_id)
        return tuple(found[:limit])
