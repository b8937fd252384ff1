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

from sphinx_glossterm.model.translations import Counterpart, entry_digest, entry_texts
from sphinx_glossterm.reader.scan import ScanSettings, scan_documents

OPTION = "glossterm_translations"
ALWAYS_EXCLUDED = ("_build", "**/_build", "**/.*", ".*")


class TreeError(Exception):
    """The other tree cannot be read; the message says why."""


def read_tree(
    srcdir: Path, language: str, settings: ScanSettings, exclude: Iterable[str] = ()
) -> tuple[list[Counterpart], list[str]]:
    """The entries of the tree at ``srcdir`` and the paths of its Markdown files (sorted)."""
    if not srcdir.is_dir():
        raise TreeError(f"{OPTION}: the {language!r} tree {srcdir} is not a folder")
    project = Project(srcdir, {".md": "markdown"})
    project.discover([*ALWAYS_EXCLUDED, *exclude])
    documents = [
        (docname, Path(project.doc2path(docname, absolute=False)).as_posix())
        for docname in sorted(project.docnames)
    ]
    tree_settings = replace(settings, srcdir=str(srcdir), language=language, prose=False)
    counterparts = []
    for records in scan_documents(documents, tree_settings):
        by_file: dict[str, list] = {}
        for term in records.terms:
            by_file.setdefault(term.source, []).append(term)
        for source, terms in by_file.items():
            try:
                text = Path(srcdir, source).read_text(encoding=settings.encoding)
            except (OSError, UnicodeDecodeError):
                text = ""
            texts = entry_texts(text, terms)
            counterparts += [
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
    if not counterparts:
        raise TreeError(f"{OPTION}: the {language!r} tree {srcdir} holds no entries")
    return counterparts, [path for _, path in documents]
