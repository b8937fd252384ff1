"""Sphinx's HTML search index without its repeated work: same bytes, less time.

Two costs of ``sphinx.search.IndexBuilder`` grow faster than the glossary:

* ``feed`` memoises stems only for the page at hand, so a word used on every
  page is stemmed once per page.  For German, whose Snowball stemmer is pure
  Python, that was the largest single cost of writing a glossary: most words of
  an entry recur on hundreds of pages.  Stemming is a pure function of the
  word, so the stems are kept for the whole build.
* ``prune(docnames)`` intersects every word's set of pages with ``docnames``;
  the HTML builder passes ``env.all_docs``, a dict, and a set intersected with
  anything but a set walks all of it, so pruning costs words × pages: 10 s of
  every build, incremental ones included, at 3,000 entries.  Given a set, the
  intersection walks the smaller side; the pruned index is the same.

Sphinx creates the indexer when writing starts (``prepare_writing``); it is
first fed after a page's doctree is resolved (``doctree-resolved``) and pruned
when the HTML builder finishes, after the extra pages are collected
(``html-collect-pages``, which also fires when no page was written).  Both
events install the two changes on the indexer instance; only the main process
feeds and dumps the index, also under ``-j``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sphinx.application import Sphinx


class MemoisedStem:
    """A search language's ``stem``, remembering every word's stem."""

    def __init__(self, stem: Callable[[str], str]) -> None:
        self.stem = stem
        self.stems: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        try:
            return self.stems[word]
        except KeyError:
            stemmed = self.stems[word] = self.stem(word)
            return stemmed


class PruneWithSet:
    """The indexer's ``prune``, always handed a set."""

    def __init__(self, prune: Callable[[Iterable[str]], None]) -> None:
        self.prune = prune

    def __call__(self, docnames: Iterable[str]) -> None:
        self.prune(docnames if isinstance(docnames, set | frozenset) else set(docnames))


def lighten_indexer(app: Sphinx, *args: Any) -> None:
    """``doctree-resolved`` / ``html-collect-pages``: install both changes, once."""
    indexer = getattr(app.builder, "indexer", None)
    if indexer is None or isinstance(indexer.prune, PruneWithSet):
        return
    indexer.lang.stem = MemoisedStem(indexer.lang.stem)
    indexer.prune = PruneWithSet(indexer.prune)


def lighten_before_dump(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: install the changes before the index is pruned; adds no page."""
    lighten_indexer(app)
    return []
