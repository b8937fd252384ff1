"""Sphinx's HTML search index without its repeated work, and complete after every build.

Two costs of ``sphinx.search.IndexBuilder`` grow faster than the glossary:

* ``feed`` memoises stems only for the page at hand, so a word used on every
  page is stemmed once per page.  For German, whose Snowball stemmer is pure
  Python, that was the largest single cost of writing a glossary: most words of
  an entry recur on hundreds of pages.  Stemming is a pure function of the
  word, so the stems are kept for the whole build, between the builds of one
  builder (``glossterm serve``), and in the build memo
  (:mod:`sphinx_glossterm.sphinx_ext.memo`) for the next process: an edit
  that rewrites thirty pages stems only the words no build has seen (on the
  sample glossary, stemming those pages' words again was a quarter of such
  a rebuild).
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
the old index before it is overwritten, in the order a clean build feeds them
(page names sorted), so an incremental build writes the same index as a clean
one.

The old index is read once (:class:`IndexLoader`): Sphinx parses
``searchindex.js`` when writing starts, and the index entries are taken from
what it parsed.  A process that builds again (``glossterm serve``) does not
parse it at all while the file is the one its last build wrote: that build's
index is still in memory (at 3,000 entries, parsing it took over 2 s of every
rebuild).  The word tables, most of the file, are written word by word and
kept between those builds (:mod:`sphinx_glossterm.html.search_terms`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Set
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import sphinx
from sphinx.application import Sphinx
from sphinx.search import js_index

from sphinx_glossterm.html.search_terms import (
    RecordingMapping,
    WordTable,
    prune_observed,
    recording,
)
from sphinx_glossterm.sphinx_ext.memo import Memo, memo_of

STEMS = "search-stems"
"""The memo's name for the stems: ``(stemmer, {word: stem})``."""


class MemoisedStem:
    """A search language's ``stem``, remembering every word's stem (in ``stems``, if given)."""

    def __init__(self, stem: Callable[[str], str], stems: dict[str, str] | None = None) -> None:
        self.stem = stem
        self.stems: dict[str, str] = {} if stems is None else stems

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
    With the indexer given, the word tables are pruned by
    :func:`~sphinx_glossterm.html.search_terms.prune_observed`, which notes
    the words that change.
    """

    def __init__(self, prune: Callable[[Iterable[str]], None], indexer: Any = None) -> None:
        self.prune = prune
        self.indexer = indexer

    def __call__(self, docnames: Iterable[str]) -> None:
        kept = docnames if isinstance(docnames, set | frozenset) else set(docnames)
        if self.indexer is None:
            self.prune(kept)
        else:
            prune_observed(self.indexer, self.prune, kept)


def lighten_indexer(app: Sphinx, *args: Any) -> None:
    """``doctree-resolved`` / ``html-collect-pages``: install both changes, once."""
    indexer = getattr(app.builder, "indexer", None)
    if indexer is not None:
        loader = getattr(app.builder, "glossterm_index_loader", None)
        lighten(indexer, loader.stems if isinstance(loader, IndexLoader) else None)


def lighten(indexer: Any, stems: dict[str, str] | None = None) -> None:
    """Memoise the indexer's stems (in ``stems``, if given) and prune it with a set, once."""
    if isinstance(indexer.prune, PruneWithSet):
        return
    indexer.lang.stem = MemoisedStem(indexer.lang.stem, stems)
    indexer.prune = PruneWithSet(indexer.prune, indexer)


IndexEntries = dict[str, list[tuple[str, str, str]]]
"""``docname → [(entry, anchor, "main" or ""), ...]``, as ``IndexBuilder`` keeps them."""

_INDEX_STATE = ("_filenames", "_titles", "_all_titles", "_mapping", "_title_mapping")
"""What ``IndexBuilder.load`` restores from the file, and so what a build hands to the next."""

_ENVIRONMENT_INDEX = (
    "_search_index_titles",
    "_search_index_filenames",
    "_search_index_mapping",
    "_search_index_title_mapping",
    "_search_index_all_titles",
    "_search_index_index_entries",
    "_search_index_objtypes",
    "_search_index_objnames",
)
"""The environment's attributes a new ``IndexBuilder`` starts from (Sphinx 8.2 and later)."""


class EncodedTable:
    """A word table that ``IndexBuilder.freeze`` hands on as JSON text (see :class:`WordTable`)."""

    def __init__(self, text: str) -> None:
        self.text = text


class RememberingFormat:
    """The builder's ``indexer_format``, keeping what it last parsed for the index entries.

    It also writes the word tables :class:`IndexLoader` encoded: the rest of
    the index is encoded by Sphinx's format with a marker in each table's
    place, and the marker replaced by the table's text.
    """

    def __init__(self, format_: Any) -> None:
        self.format = format_
        self.parsed: Any = None
        self.encodes_tables = format_ is js_index
        """Only Sphinx's JavaScript index is JSON; another format gets Sphinx's tables."""

    def load(self, stream: Any) -> Any:
        self.parsed = self.format.load(stream)
        return self.parsed

    def dump(self, data: Any, stream: Any) -> None:
        tables = {key: value for key, value in data.items() if isinstance(value, EncodedTable)}
        if not tables:
            self.format.dump(data, stream)
            return
        markers = {key: f"\x00glossterm word table {key}\x00" for key in tables}
        text = self.format.dumps({**data, **markers})
        for key, marker in markers.items():
            encoded = json.dumps(marker)
            if text.count(encoded) != 1:  # a title with this very text: encode it all
                self.format.dump({**data, **_decoded(tables)}, stream)
                return
            text = text.replace(encoded, tables[key].text)
        stream.write(text)


def _decoded(tables: dict[str, EncodedTable]) -> dict[str, Any]:
    return {key: json.loads(table.text) for key, table in tables.items()}


class IndexLoader:
    """The HTML builder's ``load_indexer`` and ``dump_search_index``, reading the old index once.

    After a dump the indexer stays in memory with the file's size and
    modification time; the next build of the same builder takes its words,
    titles and index entries while the file is unchanged, and Sphinx's own
    loading (with its warning for an unreadable index) runs otherwise.
    """

    def __init__(self, builder: Any, memo: Memo) -> None:
        self.builder = builder
        self.memo = memo
        self.sphinx_load = builder.load_indexer
        self.sphinx_dump = builder.dump_search_index
        self.format = RememberingFormat(builder.indexer_format)
        self.written: tuple[Any, tuple[int, int]] | None = None
        """The last indexer dumped, and the stamp of the file it wrote."""
        self.kept_entries: IndexEntries = {}
        """The index entries of the index read or kept, per page."""
        self.stems: dict[str, str] = {}
        """Every word's stem, for every build of this builder (the language is the builder's)."""
        self.stemmer: tuple[str, ...] | None = None
        """What the stems were made by; stems kept by another are not used."""
        self.stems_kept = 0
        """How many of the stems the memo holds."""
        self.tables = (WordTable(), WordTable())
        """``terms`` and ``titleterms`` as last written."""
        self.encoded: tuple[Any, Any] = (None, None)
        """The indexer's mappings the tables were last encoded from."""

    @property
    def path(self) -> Path:
        return Path(self.builder.outdir) / self.builder.searchindex_filename

    def load(self, docnames: Set[str]) -> None:
        """Sphinx's ``load_indexer(docnames)``: the index of the pages not written this time."""
        indexer = self.builder.indexer
        if self.stemmer is None:
            self._take_stems(indexer)
        lighten(indexer, self.stems)
        written, self.written = self.written, None  # handed over, or stale: never used twice
        if written is not None and written[1] == _stamp(self.path):
            previous = written[0]
            for name in _INDEX_STATE:
                setattr(indexer, name, getattr(previous, name))
            self.kept_entries = dict(previous._index_entries)
            indexer.prune(set(self.builder.env.all_docs).difference(docnames))
        else:
            self.format.parsed = None
            self.sphinx_load(docnames)
            self.kept_entries = _entries_of(self.format.parsed)
        # From here on, every page added to a word is noted (pruning notes the
        # rest, the words of the pages just pruned among them: the mapping
        # kept from the last build has noted them since its tables were encoded).
        indexer._mapping = recording(indexer._mapping)
        indexer._title_mapping = recording(indexer._title_mapping)

    def dump(self) -> None:
        """Sphinx's ``dump_search_index``; then keep the indexer for the next build."""
        indexer = self.builder.indexer
        if indexer is None:
            return
        if self.format.encodes_tables:
            indexer.get_terms = self._encoded_tables  # freeze() asks for the tables
        try:
            self.sphinx_dump()
        finally:
            indexer.__dict__.pop("get_terms", None)
        self.written = (indexer, _stamp(self.path))
        if len(self.stems) != self.stems_kept:
            self.memo.keep(STEMS, (self.stemmer, dict(self.stems)))
            self.stems_kept = len(self.stems)
        # The environment is pickled again before the next build writes: it
        # need not carry a copy of the index that is kept here and on disk.
        env = self.builder.env
        for name in _ENVIRONMENT_INDEX:
            if hasattr(env, name):
                setattr(env, name, {})

    def _take_stems(self, indexer: Any) -> None:
        """The stems an earlier build kept with the same stemmer, if any."""
        language = type(indexer.lang)
        self.stemmer = (
            sphinx.__version__,
            f"{language.__module__}.{language.__qualname__}",
            str(indexer.lang.lang),
            _version_of("snowballstemmer"),
        )
        kept = self.memo.last(STEMS)
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == self.stemmer:
            self.stems.update(kept[1])
        self.stems_kept = len(self.stems)

    def _encoded_tables(self, fn2index: dict[str, int]) -> tuple[EncodedTable, EncodedTable]:
        """``IndexBuilder.get_terms``: both word tables as text, re-encoding what changed."""
        indexer = self.builder.indexer
        mappings = (indexer._mapping, indexer._title_mapping)
        docnames = tuple(fn2index)  # in index order: freeze() numbers them so
        texts = []
        for table, mapping, encoded in zip(self.tables, mappings, self.encoded, strict=True):
            # The changes are known only for the mapping last encoded, noted since.
            known = mapping is encoded and isinstance(mapping, RecordingMapping)
            texts.append(
                table.update(mapping, docnames, fn2index, mapping.touched if known else None)
            )
            if isinstance(mapping, RecordingMapping):
                mapping.touched = set()
        self.encoded = mappings
        return EncodedTable(texts[0]), EncodedTable(texts[1])


def _version_of(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return ""


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (-1, -1)
    return (stat.st_mtime_ns, stat.st_size)


def _entries_of(frozen: Any) -> IndexEntries:
    """The index entries of a parsed ``searchindex.js``, per page (none if it is unusable)."""
    if not isinstance(frozen, dict):
        return {}
    docnames = frozen.get("docnames", ())
    entries: IndexEntries = {}
    for entry, places in frozen.get("indexentries", {}).items():
        for number, anchor, main in places:
            entries.setdefault(docnames[number], []).append((entry, anchor, "main" if main else ""))
    return entries


def load_index_once(app: Sphinx) -> None:
    """``builder-inited``: install :class:`IndexLoader` on an HTML builder with a search index."""
    builder = app.builder
    if not hasattr(builder, "load_indexer") or isinstance(
        getattr(builder, "glossterm_index_loader", None), IndexLoader
    ):
        return
    loader = IndexLoader(builder, memo_of(app))
    builder.indexer_format = loader.format
    builder.load_indexer = loader.load
    builder.dump_search_index = loader.dump
    builder.glossterm_index_loader = loader


def restore_index_entries(app: Sphinx) -> None:
    """Give back the index entries of the pages this build did not write (see the module)."""
    builder = app.builder
    indexer = getattr(builder, "indexer", None)
    if indexer is None:
        return
    entries: IndexEntries = indexer._index_entries
    loader = getattr(builder, "glossterm_index_loader", None)
    old = loader.kept_entries if loader is not None else {}
    # Pages kept from the last build: still titled in the index, not fed in this one.
    kept = {docname for docname in indexer._titles if docname not in entries}
    # Sorted per page as ``IndexBuilder.feed`` sorts them.
    entries.update((docname, sorted(set(old.get(docname, ())))) for docname in kept)
    # Only the pages of the index, in page-name order, as a clean build feeds
    # them (freeze() keeps this order).
    ordered = sorted(item for item in entries.items() if item[0] in indexer._titles)
    entries.clear()
    entries.update(ordered)


def lighten_before_dump(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: before the index is pruned and dumped; adds no page.

    Installs the two changes (when no page was written) and restores the index
    entries of the pages not written.
    """
    lighten_indexer(app)
    restore_index_entries(app)
    return []
