"""A small glossary as data, the edits an author makes to it, and builds to compare.

The property-based test of incremental builds (``tests/test_incremental.py``)
keeps the glossary as plain records (:class:`Glossary`: files of
:class:`Entry`), applies an edit to the records, writes the term files again and
then compares two real builds of the same sources: the incremental one in the
project's own build folder, and a clean one in a fresh folder.  Only files whose
text changed are written, so Sphinx sees exactly the author's edit.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field, replace
from io import StringIO
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

CONF_PY = (
    'extensions = ["sphinx_glossterm"]\n'
    'language = "en"\n'
    'project = "Edits"\n'
    'html_theme = "glossterm"\n'
    'copyright = "2026, the tests"\n'
)
ROOT_MD = "# Edits\n\n```{glossterm-index}\n```\n\n```{toctree}\n:glob:\n\nterms/*\n```\n"
# Written by Sphinx for its own bookkeeping, not part of the site.
NOT_OUTPUT = {".buildinfo", ".buildinfo.bak"}


@dataclass(frozen=True)
class Entry:
    """One glossary entry as an author writes it."""

    id: str
    title: str
    tagline: str = ""
    aliases: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()

    def markdown(self) -> str:
        """The entry in the Pandoc dialect of the term files."""
        aliases = f' aliases="{", ".join(self.aliases)}"' if self.aliases else ""
        lines = [f"## {self.title} {{#{self.id} .term{aliases}}}", ""]
        if self.tagline:
            lines += [f"***{self.tagline}***", ""]
        mentions = "".join(f" See [{target}](#{target})." for target in self.mentions)
        lines += [f"**{self.title}** is an entry.{mentions}", ""]
        if self.see_also:
            lines += ["### See also {.seealso}", ""]
            lines += [f"[{target}](#{target}) |" for target in self.see_also]
            lines.append("")
        lines += ["----", ""]
        return "\n".join(lines)


@dataclass
class Glossary:
    """Term files (name without ``.md`` → its entries), written under ``srcdir/terms``."""

    files: dict[str, list[Entry]] = field(default_factory=dict)

    def entries(self) -> list[tuple[str, int, Entry]]:
        """``(file, position, entry)`` for every entry, in file order."""
        return [
            (name, number, entry)
            for name in sorted(self.files)
            for number, entry in enumerate(self.files[name])
        ]

    def ids(self) -> list[str]:
        """Every entry's id, in file order."""
        return [entry.id for _, _, entry in self.entries()]

    def replace_entry(self, name: str, number: int, entry: Entry) -> None:
        """Put ``entry`` in place of the ``number``-th entry of file ``name``."""
        self.files[name][number] = entry

    def write(self, srcdir: Path) -> None:
        """Write the project: conf.py, the root page and each term file whose text changed.

        A changed file gets a modification time later than any before it, so
        that Sphinx sees it changed however fast the edits follow each other.
        """
        terms = srcdir / "terms"
        terms.mkdir(parents=True, exist_ok=True)
        for name, text in (("conf.py", CONF_PY), ("index.md", ROOT_MD)):
            if not (srcdir / name).exists():
                (srcdir / name).write_text(text, encoding="utf-8")
        wanted = {
            f"{name}.md": "".join(entry.markdown() for entry in entries)
            for name, entries in self.files.items()
        }
        for path in terms.glob("*.md"):
            if path.name not in wanted:
                path.unlink()
        for filename, text in wanted.items():
            path = terms / filename
            if path.exists() and path.read_text(encoding="utf-8") == text:
                continue
            path.write_text(text, encoding="utf-8")
            # A newer time than the last build's reading, also on coarse clocks.
            stamp = time.time_ns() + 1_000_000
            os.utime(path, ns=(stamp, stamp))


def initial_glossary(count: int = 8) -> Glossary:
    """``count`` linked entries; the last file holds two entries."""
    names = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota"]
    ids = [f"T{number}" for number in range(count)]
    entries = [
        Entry(
            id=ident,
            title=names[number % len(names)],
            tagline=f"Tagline of {names[number % len(names)]}",
            see_also=tuple(sorted({ids[(number + 1) % count], ids[(number + 3) % count]})),
            mentions=(ids[(number + 2) % count],),
        )
        for number, ident in enumerate(ids)
    ]
    files = {entry.id: [entry] for entry in entries[:-2]}
    files[entries[-2].id] = entries[-2:]
    return Glossary(files)


def build(srcdir: Path, outdir: Path, doctreedir: Path) -> SphinxTestApp:
    """One HTML build, as ``sphinx-build`` would do it in this folder."""
    app = SphinxTestApp(
        "html",
        srcdir=srcdir,
        builddir=outdir.parent,
        status=StringIO(),
        warning=StringIO(),
    )
    # SphinxTestApp puts output and doctrees under builddir; keep them apart per build.
    assert Path(app.outdir) == outdir and Path(app.doctreedir) == doctreedir
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def output_files(outdir: Path) -> dict[str, bytes]:
    """Every file of a build's output, by path relative to the output folder."""
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file() and path.name not in NOT_OUTPUT
    }


def clean_build_of(srcdir: Path, where: Path) -> dict[str, bytes]:
    """The output of a build of a copy of ``srcdir`` in a fresh folder."""
    shutil.rmtree(where, ignore_errors=True)
    copy = where / "src"
    shutil.copytree(srcdir, copy, ignore=shutil.ignore_patterns("_build"))
    build(copy, copy / "_build" / "html", copy / "_build" / "doctrees")
    return output_files(copy / "_build" / "html")


def differing(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    """The files only one side has or whose bytes differ, sorted."""
    return sorted(
        name for name in first.keys() | second.keys() if first.get(name) != second.get(name)
    )


def renamed(entry: Entry, **changes: object) -> Entry:
    """``entry`` with some fields changed (a shorter ``dataclasses.replace``)."""
    return replace(entry, **changes)
