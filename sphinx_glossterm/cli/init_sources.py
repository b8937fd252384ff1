"""What ``glossterm init`` finds in a Pandoc glossary repository: the sources and their metadata.

The term files are where the Makefile's variables (``SRC_DIR=src/de``,
``$(wildcard src/de/*.md)``) or a Pandoc defaults file (``input-files:``)
say, else in the folder holding the most Markdown files.  A compiled
one-file book (many term headings in one file) and build folders are no
term documents: they are listed for ``exclude_patterns``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sphinx_glossterm.model.front_matter import detect, front_matter

MAKEFILES = ("Makefile", "makefile", "GNUmakefile")
SKIPPED_FOLDERS = frozenset(
    {".git", ".github", "node_modules", "_build", "build", "dist", ".venv", "venv", "_readthedocs"}
)
BUILD_FOLDERS = ("_build", "build")
COMPILED_BOOK_TERMS = 10
"""A Markdown file with at least this many term headings is a compiled book, not a term file."""

_ASSIGNMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*[:+?]?=\s*(.*?)\s*$", re.MULTILINE)
_REFERENCE = re.compile(r"\$[({]([A-Za-z_][A-Za-z0-9_]*)[)}]")
_WILDCARD = re.compile(r"\$\(wildcard\s+([^)]+)\)")
_TERM_HEADING = re.compile(r"^#{1,6}[ \t].*\{[^{}]*\.term\b[^{}]*\}[ \t]*$", re.MULTILINE)
_VERSION_NAMES = ("VERSION", "RELEASE")
_LANGUAGE_FOLDER = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z]{2})?$")


@dataclass
class Sources:
    """The source folder of a glossary and what init writes into its conf.py."""

    repository: Path
    srcdir: Path
    found_by: str
    version: str = ""
    language: str = ""
    excluded: list[str] = field(default_factory=list)
    front: dict[str, str] = field(default_factory=dict)
    title: str = ""
    author: str = ""
    date: str = ""

    @property
    def relative_srcdir(self) -> str:
        """The source folder relative to the repository (``.`` for the repository itself)."""
        return self.srcdir.relative_to(self.repository).as_posix() or "."


def makefile_variables(text: str) -> dict[str, str]:
    """The simple ``NAME = value`` assignments of a Makefile, references expanded."""
    raw = {name: value for name, value in _ASSIGNMENT.findall(text) if not name.startswith(".")}
    expanded: dict[str, str] = {}
    for name, value in raw.items():
        for _ in range(5):  # nested references, not recursive ones
            value = _REFERENCE.sub(lambda match: raw.get(match.group(1), match.group(0)), value)
        expanded[name] = value
    return expanded


def _markdown_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.glob("*.md") if path.is_file())


def _from_makefile(repository: Path) -> tuple[Path, str, dict[str, str]] | None:
    for name in MAKEFILES:
        path = repository / name
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        variables = makefile_variables(text)
        candidates = [value for _, value in sorted(variables.items(), key=_src_first)]
        candidates += [pattern.split()[0] for pattern in _WILDCARD.findall(text)]
        for candidate in candidates:
            candidate = candidate.split("*")[0].strip().rstrip("/") or "."
            if any(char.isspace() for char in candidate) or "$" in candidate:
                continue  # a list of files, or a variable we could not expand
            folder = repository / candidate
            if folder.is_file():
                folder = folder.parent
            if folder.is_dir() and _markdown_files(folder):
                return folder.resolve(), f"the {name}", variables
    return None


def _src_first(item: tuple[str, str]) -> tuple[int, str]:
    # SRC_DIR before BUILD_DIR: a variable naming the sources wins.
    name = item[0].upper()
    return (0 if "SRC" in name or "SOURCE" in name else 1, name)


def _from_pandoc_defaults(repository: Path) -> tuple[Path, str, dict[str, Any]] | None:
    for path in sorted([*repository.glob("*.yaml"), *repository.glob("*.yml")]):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if not isinstance(data, dict):
            continue
        inputs = data.get("input-files") or ([data["input-file"]] if "input-file" in data else [])
        folders = Counter(
            (repository / str(name)).parent.resolve()
            for name in inputs
            if str(name).endswith(".md")
        )
        if folders:
            folder = folders.most_common(1)[0][0]
            return folder, f"the Pandoc defaults file {path.name}", data
    return None


def _most_markdown(repository: Path) -> Path:
    best, count = repository, len(_markdown_files(repository))
    for folder in sorted(repository.rglob("*")):
        if not folder.is_dir() or SKIPPED_FOLDERS & set(folder.relative_to(repository).parts):
            continue
        found = len(_markdown_files(folder))
        if found > count:
            best, count = folder, found
    return best.resolve()


def is_compiled_book(path: Path) -> bool:
    """Whether a Markdown file holds a whole compiled book (many term headings)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return len(_TERM_HEADING.findall(text)) >= COMPILED_BOOK_TERMS


def find_sources(repository: Path, language: str | None = None) -> Sources:
    """The glossary's sources in ``repository``, its version, language and exclusions."""
    repository = repository.resolve()
    variables: dict[str, str] = {}
    defaults: dict[str, Any] = {}
    found = _from_makefile(repository)
    if found is not None:
        srcdir, found_by, variables = found
    else:
        from_defaults = _from_pandoc_defaults(repository)
        if from_defaults is not None:
            srcdir, found_by, defaults = from_defaults
        else:
            srcdir = _most_markdown(repository)
            found_by = "the folder with the most Markdown files"
            if not _markdown_files(srcdir):
                found_by = "an empty folder: a new glossary"
    sources = Sources(repository, srcdir, found_by)
    sources.version = next((variables[name] for name in _VERSION_NAMES if name in variables), "")
    metadata = defaults.get("metadata") if isinstance(defaults.get("metadata"), dict) else {}
    sources.language = (
        language
        or str(metadata.get("lang") or defaults.get("variables", {}).get("lang", "") or "")
        or (srcdir.name if _LANGUAGE_FOLDER.match(srcdir.name) else "")
        or "en"
    ).replace("-", "_")
    excluded = [path.name for path in _markdown_files(srcdir) if is_compiled_book(path)]
    excluded += list(BUILD_FOLDERS)
    build_dir = variables.get("BUILD_DIR", "")
    if build_dir:
        inside = (repository / build_dir).resolve()
        if srcdir in inside.parents:
            excluded.append(inside.relative_to(srcdir).as_posix())
    sources.excluded = list(dict.fromkeys(excluded))
    sources.front = detect(srcdir)
    front = front_matter(
        srcdir,
        {
            "glossterm_title_file": sources.front.get("title", ""),
            "glossterm_license_file": "",
            "glossterm_index_file": "",
        },
    )
    sources.title, sources.author, sources.date = front.title, front.author, front.date
    return sources
