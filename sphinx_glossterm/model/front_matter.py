"""The front matter of a Pandoc glossary: its title block, licence page and hand-made index.

A Pandoc book is built from ``000-title.txt 001-index.txt 002-licence.txt
*.md``: the ``.txt`` files are no term documents, so Sphinx does not read
them.  This module finds them (or takes the names from conf.py), and reads
what the build needs of them: title, author and date; the licence text and
the short rights statement; the link targets of the hand-made index, which
the generated A–Z replaces.  Plain Python: the build, ``glossterm check`` and
``glossterm init`` read the same files with the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

AUTO = "auto"
TITLE_FIELDS = ("title", "author", "date")
FRONT_SUFFIXES = (".txt", ".text", "")
"""Suffixes of files that may be front matter: those Sphinx does not read as pages."""

_LICENSE_NAME = re.compile(r"licen[cs]e|lizenz|licenza|copying|copyright|rights", re.IGNORECASE)
_INDEX_HEADING = re.compile(r"^#{1,6}[ \t].*\{[^{}]*\.index\b[^{}]*\}[ \t]*$", re.MULTILINE)
_LINK_TARGET = re.compile(r"\]\(#([^)\s]+)\)")
_BOLD_LINE = re.compile(r"^\*\*(?!\*)(.+?)\*\*\s*$")
_COPYRIGHT_LINE = re.compile(r"^\s*(?:©|\(c\)|copyright)\s*(.+?)\s*$", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")


def title_block_fields(lines: Sequence[str]) -> tuple[dict[str, str], int]:
    """Pandoc's title block at the start of ``lines``: its fields and how many lines it takes.

    Up to three ``%`` lines (title, author, date); a line starting with a
    space continues the field above, as in Pandoc.
    """
    fields: list[list[str]] = []
    used = 0
    for text in lines:
        if text.startswith("%") and len(fields) < len(TITLE_FIELDS):
            fields.append([text[1:].strip()])
        elif text[:1] in (" ", "\t") and text.strip() and fields:
            fields[-1].append(text.strip())
        else:
            break
        used += 1
    values = {
        name: " ".join(part for part in parts if part)
        for name, parts in zip(TITLE_FIELDS, fields, strict=False)
    }
    return values, used


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """What the front-matter files of a project say; empty strings where there is none."""

    title: str = ""
    author: str = ""
    date: str = ""
    title_file: str = ""
    license_file: str = ""
    license_text: str = ""
    index_file: str = ""
    index_targets: tuple[str, ...] = ()
    missing: tuple[tuple[str, str], ...] = field(default=())
    """(option, file) for every file conf.py names that is not there."""

    @property
    def license_doc(self) -> str:
        """The docname of the licence page: the licence file's path without its suffix."""
        if not self.license_file:
            return ""
        path = Path(self.license_file)
        return (path.parent / path.stem).as_posix() if path.suffix else path.as_posix()

    def license_page(self) -> str:
        """The licence page's Markdown: the licence file as it is, under a title if it has none."""
        text = self.license_text
        if not re.match(r"\s*#", text):
            text = f"# {Path(self.license_file).stem}\n\n{text}"
        return text

    @property
    def rights(self) -> str:
        """A one-line rights statement: the licence's first bold line, with its © line."""
        name = ""
        notice = ""
        for line in self.license_text.splitlines():
            bold = _BOLD_LINE.match(line.strip())
            if bold and not name:
                name = bold.group(1).strip()
            copyright_line = _COPYRIGHT_LINE.match(line)
            if copyright_line and not notice:
                notice = "© " + copyright_line.group(1)
        return ". ".join(part for part in (notice, name) if part)

    @property
    def copyright(self) -> str:
        """Sphinx's ``copyright`` from the licence's © line, else the date's year and author."""
        for line in self.license_text.splitlines():
            match = _COPYRIGHT_LINE.match(line)
            if match:
                return match.group(1)
        year = _YEAR.search(self.date)
        if year and self.author:
            return f"{year.group(1)}, {self.author}"
        return ""


def candidate_files(srcdir: Path) -> list[Path]:
    """Files directly in ``srcdir`` that may be front matter, sorted by name."""
    if not srcdir.is_dir():
        return []
    return sorted(
        path
        for path in srcdir.iterdir()
        if path.is_file()
        and path.suffix.lower() in FRONT_SUFFIXES
        and not path.name.startswith(".")
    )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def is_title_file(text: str) -> bool:
    """Whether ``text`` opens with a Pandoc title block."""
    return text.startswith("%")


def is_index_file(text: str) -> bool:
    """Whether ``text`` is a hand-made index: a heading with class ``.index``."""
    return _INDEX_HEADING.search(text) is not None


def detect(srcdir: Path) -> dict[str, str]:
    """The title, index and licence files found in ``srcdir``: role -> path relative to it."""
    found: dict[str, str] = {}
    for path in candidate_files(srcdir):
        text = _read(path)
        if "title" not in found and is_title_file(text):
            found["title"] = path.name
        elif "index" not in found and is_index_file(text):
            found["index"] = path.name
        elif "license" not in found and _LICENSE_NAME.search(path.stem):
            found["license"] = path.name
    return found


OPTION_OF_ROLE = {
    "title": "glossterm_title_file",
    "index": "glossterm_index_file",
    "license": "glossterm_license_file",
}


def chosen_files(srcdir: Path, config: Mapping[str, Any] | Any) -> dict[str, str]:
    """Role -> file, from conf.py (a name, or ``""`` for none) or detected (``"auto"``)."""
    detected: dict[str, str] | None = None
    chosen: dict[str, str] = {}
    for role, option in OPTION_OF_ROLE.items():
        value = config[option]
        if value == AUTO:
            if detected is None:
                detected = detect(srcdir)
            value = detected.get(role, "")
        if value:
            chosen[role] = value
    return chosen


def front_matter(srcdir: Path, config: Mapping[str, Any] | Any) -> FrontMatter:
    """Read the project's front-matter files (see :func:`chosen_files`)."""
    chosen = chosen_files(srcdir, config)
    texts: dict[str, str] = {}
    missing: list[tuple[str, str]] = []
    for role, name in chosen.items():
        path = srcdir / name
        if not path.is_file():
            missing.append((OPTION_OF_ROLE[role], name))
            continue
        texts[role] = _read(path)
    fields, _used = title_block_fields(texts.get("title", "").splitlines())
    index_text = texts.get("index", "")
    targets = tuple(dict.fromkeys(_LINK_TARGET.findall(index_text)))
    return FrontMatter(
        title=fields.get("title", ""),
        author=fields.get("author", ""),
        date=fields.get("date", ""),
        title_file=chosen.get("title", "") if "title" in texts else "",
        license_file=chosen.get("license", "") if "license" in texts else "",
        license_text=texts.get("license", ""),
        index_file=chosen.get("index", "") if "index" in texts else "",
        index_targets=targets,
        missing=tuple(missing),
    )


def front_matter_files(front: FrontMatter) -> list[str]:
    """The front-matter files in use, relative to the source folder."""
    return [name for name in (front.title_file, front.index_file, front.license_file) if name]


SPHINX_DEFAULT_PROJECT = "Project name not set"
SPHINX_DEFAULT_AUTHOR = "Author name not set"


def apply_to_config(front: FrontMatter, config: Any) -> list[str]:
    """Fill what conf.py leaves unset from the front matter; the names of the values set.

    conf.py keeps the last word: only values still at Sphinx's defaults are
    filled.  ``html_title`` becomes the bare title (not "… documentation")
    when conf.py set neither it nor the project.
    """
    changed: list[str] = []
    if front.title and config.project == SPHINX_DEFAULT_PROJECT:
        has_html_title = "html_title" in config
        title_before = config.html_title if has_html_title else None
        config.project = front.title
        changed.append("project")
        # A default html_title is computed from the project: it changes with it.
        if has_html_title and config.html_title != title_before:
            config.html_title = front.title
            changed.append("html_title")
    if front.author and config.author == SPHINX_DEFAULT_AUTHOR:
        config.author = front.author
        changed.append("author")
    if front.date and not config.today:
        config.today = front.date
        changed.append("today")
    if not config.copyright and front.copyright:
        epub_default = "epub_copyright" in config and config.epub_copyright == config.copyright
        config.copyright = front.copyright
        changed.append("copyright")
        if epub_default and front.rights:
            config.epub_copyright = front.rights
            changed.append("epub_copyright")
    if config.glossterm_index_planned and front.index_targets:
        config.glossterm_planned = [*config.glossterm_planned, *front.index_targets]
        changed.append("glossterm_planned")
    return changed
