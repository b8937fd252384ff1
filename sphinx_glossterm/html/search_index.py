"""Sphinx's HTML search index without its repeated work, and complete after every build.

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

An incremental build loses the index entries (``indexentries``, one per entry
title and alias) of every page it does not write: Sphinx reloads words and
titles from the old ``searchindex.js`` but not the index entries, and its
environment is saved before the pages that would fill them in are written
(sphinx-doc/sphinx#12599).  :func:`restore_index_entries` puts them back from
the old ``searchindex.js`` before it is overwritten, in the order a clean
build feeds them (page names sorted), so an incremental build writes the same
index as a clean one.
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
    """The indexer's ``prune``, always handed a set, dropping words left without pages.

    Sphinx keeps a word whose every page was removed as ``"word": []``, which
    a clean build never writes (a deleted entry's words stay in the index).
    """

    def __init__(self, prune: Callable[[Iterable[str]], None], indexer: Any = None) -> None:
        self.prune = prune
        self.indexer = indexer

    def __call__(self, docnames: Iterable[str]) -> None:
        self.prune(docnames if isinstance(docnames, set | frozenset) else set(docnames))
        if self.indexer is None:
            return
        for mapping in (self.indexer._mapping, self.indexer._title_mapping):
            for word in [word for word, pages in mapping.items() if not pages]:
                del mapping[word]


def lighten_indexer(app: Sphinx, *args: Any) -> None:
    """``doctree-resolved`` / ``html-collect-pages``: install both changes, once."""
    indexer = getattr(app.builder, "indexer", None)
    if indexer is None or isinstance(indexer.prune, PruneWithSet):
        return
    indexer.lang.stem = MemoisedStem(indexer.lang.stem)
    indexer.prune = PruneWithSet(indexer.prune, indexer)


def restore_index_entries(app: Sphinx) -> None:
    """Give back the index entries of the pages this build did not write (see the module)."""
    builder = app.builder
    indexer = getattr(builder, "indexer", None)
    if indexer is None:
        return
    entries: dict[str, list[tuple[str, str, str]]] = indexer._index_entries
    # Pages kept from the last build: still titled in the index, not fed in this one.
    kept = {docname for docname in indexer._titles if docname not in entries}
    if kept:
        restored: dict[str, set[tuple[str, str, str]]] = {docname: set() for docname in kept}
        for entry, places in _old_index_entries(builder).items():
            for docname, anchor, main in places:
                if docname in restored:
                    restored[docname].add((entry, anchor, "main" if main else ""))
        # Sorted per page as ``IndexBuilder.feed`` sorts them.
        entries.update((docname, sorted(rows)) for docname, rows in restored.items())
    # In page-name order, as a clean build feeds the pages (freeze() keeps this order).
    ordered = sorted(entries.items())
    entries.clear()
    entries.update(ordered)


def _old_index_entries(builder: Any) -> dict[str, list[tuple[str, str, bool]]]:
    """``entry → [(docname, anchor, is main), ...]`` of the search index on disk, if readable."""
    path = builder.outdir / builder.searchindex_filename
    try:
        unicode = builder.indexer_dumps_unicode
        with path.open("r" if unicode else "rb", encoding="utf-8" if unicode else None) as stream:
            frozen = builder.indexer_format.load(stream)
    except (OSError, ValueError):
        return {}
    if not isinstance(frozen, dict) or frozen.get("envversion") != builder.env.version:
        return {}  # Sphinx did not load it either; it warned if that matters
    docnames = frozen.get("docnames", ())
    return {
        entry: [(docnames[number], anchor, main) for number, anchor, main in places]
        for entry, places in frozen.get("indexentries", {}).items()
    }


def lighten_before_dump(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: before the index is pruned and dumped; adds no page.

    Installs the two changes (when no page was written) and restores the index
    entries of the pages not written.
    """
    lighten_indexer(app)
    restore_index_entries(app)
    return []
