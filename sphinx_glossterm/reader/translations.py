"""Reading another language's tree: its entries as :class:`.Counterpart` records.

The tree of a translation (``glossterm_translations``) is read with the
Markdown reader (:mod:`.scan`), without a Sphinx application, with the
settings of the project that asks (the trees of one glossary are written
alike); each entry gets the digest of its source text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from sphinx.project import Project

from sphinx_glossterm.model.records import Term
from sphinx_glossterm.model.translations import Counterpart, entry_digest, entry_texts
from sphinx_glossterm.reader.scan import ScanSettings

OPTION = "glossterm_translations"
ALWAYS_EXCLUDED = ("_build", "**/_build", "**/.*", ".*")


class TreeError(Exception):
    """The other tree cannot be read; the message says why."""


TreeCache = dict[str, tuple[tuple[tuple[str, int, int], ...], list[Counterpart]]]
"""Per document of a tree: the stamps (path, mtime, size) of the files it read, its entries."""


def read_tree(
    srcdir: Path,
    language: str,
    settings: ScanSettings,
    exclude: Iterable[str] = (),
    cache: TreeCache | None = None,
) -> tuple[list[Counterpart], TreeCache]:
    """The entries of the tree at ``srcdir``, and what to pass as ``cache`` next time.

    A document whose files (its own and those it gathers) are as the cache saw
    them is not read again: a rebuild reads only what changed in the other tree.
    """
    if not srcdir.is_dir():
        raise TreeError(f"{OPTION}: the {language!r} tree {srcdir} is not a folder")
    project = Project(srcdir, {".md": "markdown"})
    project.discover([*ALWAYS_EXCLUDED, *exclude])
    documents = [
        (docname, Path(project.doc2path(docname, absolute=False)).as_posix())
        for docname in sorted(project.docnames)
    ]
    cache = cache or {}
    fresh: TreeCache = {}
    pending = []
    for docname, path in documents:
        known = cache.get(docname)
        if known is not None and known[0] == _stamps(srcdir, [stamp[0] for stamp in known[0]]):
            fresh[docname] = known
        else:
            pending.append((docname, path))
    tree_settings = replace(settings, srcdir=str(srcdir), language=language, prose=False)
    # The parser only for files that changed: a warm check imports none.
    from sphinx_glossterm.reader.scan.walker import scan_documents

    for (docname, path), records in zip(
        pending, scan_documents(pending, tree_settings), strict=True
    ):
        by_file: dict[str, list[Term]] = {}
        for term in records.terms:
            by_file.setdefault(term.source, []).append(term)
        entries = [
            counterpart
            for source, terms in by_file.items()
            for counterpart in _counterparts(srcdir, source, terms, language, settings.encoding)
        ]
        fresh[docname] = (_stamps(srcdir, sorted({path, *by_file})), entries)
    counterparts = [entry for docname, _ in documents for entry in fresh[docname][1]]
    if not counterparts:
        raise TreeError(f"{OPTION}: the {language!r} tree {srcdir} holds no entries")
    return counterparts, fresh


def _stamps(srcdir: Path, paths: Iterable[str]) -> tuple[tuple[str, int, int], ...]:
    stamps = []
    for path in paths:
        try:
            info = Path(srcdir, path).stat()
        except OSError:
            stamps.append((path, -1, -1))
        else:
            stamps.append((path, info.st_mtime_ns, info.st_size))
    return tuple(stamps)


def _counterparts(
    srcdir: Path, source: str, terms: list[Term], language: str, encoding: str
) -> list[Counterpart]:
    """The entries of one file, each with the digest of its source text."""
    try:
        text = Path(srcdir, source).read_text(encoding=encoding)
    except (OSError, UnicodeDecodeError):
        text = ""
    texts = entry_texts(text, terms)
    return [
        Counterpart(
            language=language,
            id=term.id,
            title=term.title,
            docname=term.docname,
            anchor=term.anchor,
            source=term.source,
            line=term.line,
            digest=entry_digest(texts.get(id(term), "")),
            aliases=term.aliases,
            tagline=term.tagline,
        )
        for term in terms
    ]
