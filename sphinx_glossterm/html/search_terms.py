"""The words of ``searchindex.js``, written as JSON text and kept word by word.

Most of the search index is its two word tables, ``"terms"`` and
``"titleterms"``: each word with the page it is on (a number) or the pages (a
list).  Sphinx turns its ``word → set of pages`` mappings into new dicts and
encodes them whole after every build, the larger part of a rebuild at a few
thousand entries (at 3,000 synthetic entries, 440,000 words: 1.5 s of a
5 s rebuild).  :class:`WordTable` writes the same bytes from one text per
word, and keeps those texts between the builds of one process
(``glossterm serve``): a build re-encodes only the words of the pages it
re-read or dropped, which :class:`RecordingMapping` and :func:`prune_observed`
note as the indexer changes them.

The text is exactly what ``json.dumps(..., separators=(",", ":"),
sort_keys=True)`` makes of ``IndexBuilder.get_terms``'s result; a test
compares the two on random tables.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Set
from json.encoder import encode_basestring_ascii  # what json.dumps uses for keys
from typing import Any


class RecordingMapping(dict[str, set[str]]):
    """An indexer's ``word → pages`` mapping that notes every word a page is added to.

    ``IndexBuilder.feed`` adds a page to a word only through ``setdefault``.
    """

    def __init__(self, items: Mapping[str, set[str]]) -> None:
        super().__init__(items)
        self.touched: set[str] = set()

    def setdefault(self, word: str, default: Any = None) -> Any:
        self.touched.add(word)
        return super().setdefault(word, default)


def recording(mapping: dict[str, set[str]]) -> RecordingMapping:
    """``mapping`` as a :class:`RecordingMapping`: itself, with what it noted, if it is one."""
    return mapping if isinstance(mapping, RecordingMapping) else RecordingMapping(mapping)


def prune_observed(indexer: Any, sphinx_prune: Any, docnames: Set[str]) -> None:
    """``IndexBuilder.prune(docnames)``, noting the words that lose a page.

    Every page of the word tables has a title (``feed`` sets both), so the
    pages dropped are the titled pages not in ``docnames``; a word left with
    no page is removed (Sphinx would write ``"word": []``, which a clean
    build never does).  Sphinx's own ``prune`` does the rest (titles, file
    names, and what later versions add) with the word tables set aside.
    """
    dropped = {docname for docname in indexer._titles if docname not in docnames}
    mappings = (indexer._mapping, indexer._title_mapping)
    for mapping in mappings:
        touched = mapping.touched if isinstance(mapping, RecordingMapping) else None
        emptied = []
        for word, pages in mapping.items():
            if dropped and not pages.isdisjoint(dropped):
                pages -= dropped
                if touched is not None:
                    touched.add(word)
            if not pages:  # also a word an older index kept as "word": []
                emptied.append(word)
        for word in emptied:
            del mapping[word]
            if touched is not None:
                touched.add(word)
    indexer._mapping, indexer._title_mapping = {}, {}
    try:
        sphinx_prune(docnames)
    finally:
        indexer._mapping, indexer._title_mapping = mappings


class WordTable:
    """One word table (``"terms"`` or ``"titleterms"``) as JSON text, one text per word.

    ``words`` is sorted as ``sort_keys`` sorts them and ``texts[i]`` is
    ``"word":value`` of ``words[i]``; both hold only words that are written.
    """

    def __init__(self) -> None:
        self.docnames: tuple[str, ...] | None = None
        """The pages (in index order) the texts number; another order voids them."""
        self.words: list[str] = []
        self.texts: list[str] = []

    def update(
        self,
        mapping: Mapping[str, Set[str]],
        docnames: tuple[str, ...],
        fn2index: Mapping[str, int],
        touched: Iterable[str] | None,
    ) -> str:
        """The table's JSON text; re-encodes only ``touched`` (``None``: every word)."""
        if touched is None or docnames != self.docnames:
            self._encode_all(mapping, fn2index)
        else:
            for word in touched:
                self._encode_word(word, mapping.get(word), fn2index)
        self.docnames = docnames
        return "{" + ",".join(self.texts) + "}"

    def _encode_all(self, mapping: Mapping[str, Set[str]], fn2index: Mapping[str, int]) -> None:
        encoded = {}
        for word, pages in mapping.items():
            value = _value(pages, fn2index)
            if value is not None:
                encoded[word] = value
        self.words = sorted(encoded)
        self.texts = [encode_basestring_ascii(word) + ":" + encoded[word] for word in self.words]

    def _encode_word(self, word: str, pages: Set[str] | None, fn2index: Mapping[str, int]) -> None:
        value = None if pages is None else _value(pages, fn2index)
        at = bisect.bisect_left(self.words, word)
        present = at < len(self.words) and self.words[at] == word
        if value is None:
            if present:
                del self.words[at], self.texts[at]
            return
        text = encode_basestring_ascii(word) + ":" + value
        if present:
            self.texts[at] = text
        else:
            self.words.insert(at, word)
            self.texts.insert(at, text)


def _value(pages: Set[str], fn2index: Mapping[str, int]) -> str | None:
    """A word's value as ``IndexBuilder.get_terms`` gives it, encoded; ``None``: left out."""
    if len(pages) == 1:
        (page,) = pages
        number = fn2index.get(page)
        return None if number is None else str(number)
    numbers = sorted(fn2index[page] for page in pages if page in fn2index)
    return "[" + ",".join(map(str, numbers)) + "]"
