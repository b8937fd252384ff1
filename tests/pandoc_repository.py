"""A repository shaped like a Pandoc glossary author's, made at run time from the shared corpus.

The author's Makefile, README, notes and release workflow
(``../shared/corpus/ki-glossar-repo``), the term files with the title, index
and licence files in ``src/de`` (from ``../shared/corpus/ki-glossar``), and
the old compiled one-file book beside them, made with Pandoc as the
Makefile's ``md`` target makes it.  Nothing of the corpus is committed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

FRONT_FILES = ("000-ki-title.txt", "001-ki-index.txt", "002-ki-lizenz.txt")
MATH_FILES = ("Autoencoder.md", "Learning-Rate.md", "Normalization.md")
COMPILED_BOOK = "KI-Glossar-v0.0.9.md"


def term_subset(corpus_dir: Path, count: int) -> list[Path]:
    """The first ``count`` term files by name, and the files with TeX math."""
    files = sorted(corpus_dir.glob("*.md"))[:count]
    return sorted({*files, *(corpus_dir / name for name in MATH_FILES)})


def make_repository(
    corpus_dir: Path, repository: Path, pandoc: str, term_files: list[Path]
) -> Path:
    """The author's repository with ``term_files`` in ``src/de``; returns ``repository``."""
    author_repo = corpus_dir.parent / "ki-glossar-repo"
    shutil.copytree(author_repo, repository)
    for path in repository.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)  # the corpus is read-only
    sources = repository / "src" / "de"
    sources.mkdir(parents=True)
    for name in FRONT_FILES:
        shutil.copyfile(corpus_dir / name, sources / name)
    for path in term_files:
        shutil.copyfile(path, sources / path.name)
    inputs = [*FRONT_FILES, *(path.name for path in term_files)]
    subprocess.run(
        [
            pandoc,
            *inputs,
            "-f",
            "markdown",
            "-t",
            "markdown",
            "-s",
            "--shift-heading-level-by=-1",
            "-o",
            COMPILED_BOOK,
        ],
        cwd=sources,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return repository


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its content, by relative path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
