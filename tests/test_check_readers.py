"""``glossterm check``: the Markdown reader reports what Sphinx's reading reports.

Every project is checked twice, by the Markdown reader (the default) and with
``--full``, and the two reports must agree in everything the Markdown reader
claims to know: pages, entries, links, broken targets with every referrer,
planned targets, duplicate ids, every finding of the checks, the glossterm
warnings it finds while reading, and the term graph.  Projects the Markdown
reader cannot read faithfully must fall back to Sphinx, and say so.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sphinx_glossterm.cli.main import read
from sphinx_glossterm.cli.output import report_json
from sphinx_glossterm.cli.report import MARKDOWN_READER, SPHINX_READER, Report

from .projects import ROOTS, copy_root, corpus_project

FIXTURES = Path(__file__).parent / "fixtures" / "syntaxes"

# Glossterm warnings the renderer logs while reading that the Markdown reader also finds.
READ_SUBTYPES = {"attributes", "entry", "empty", "id", "include", "nesting", "directive", "config"}


def check(srcdir: Path, full: bool, **defines: str) -> Report:
    """The report of ``glossterm check srcdir [--full] -D name=value ...``."""
    return read(srcdir, srcdir, dict(defines), jobs=None, full=full)


def comparable(report: Report) -> dict[str, Any]:
    """What both readers must agree on: the JSON report without its reader-specific parts."""
    data = report_json(report)
    for key in ("reader", "notes", "warnings", "status"):
        data.pop(key)
    data["counts"].pop("warnings")
    data["counts"].pop("findings")
    data["findings"] = {
        subtype: items
        for subtype, items in data["findings"].items()
        if subtype in READ_SUBTYPES
        or any(p.from_checks for p in report.problems if p.subtype == subtype)
    }
    return data


def assert_same(srcdir: Path, **defines: str) -> tuple[Report, Report]:
    """Check ``srcdir`` with both readers; the Markdown reader must be used and agree."""
    fast = check(srcdir, full=False, **defines)
    full = check(srcdir, full=True, **defines)
    assert fast.reader == MARKDOWN_READER, fast.notes
    assert full.reader == SPHINX_READER
    assert comparable(fast) == comparable(full)
    # Everything the Markdown reader found, Sphinx found too (none made up).
    fast_problems = {(p.subtype, p.file, p.line, p.message) for p in fast.problems}
    full_problems = {(p.subtype, p.file, p.line, p.message) for p in full.problems}
    assert fast_problems <= full_problems
    return fast, full


def write_project(folder: Path, files: dict[str, str], conf: str = "") -> Path:
    """A project of ``files`` beside a conf.py loading sphinx_glossterm (plus ``conf``)."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (folder / "conf.py").write_text(
        f'extensions = ["sphinx_glossterm"]\nlanguage = "en"\n{conf}', encoding="utf-8"
    )
    return folder


TERMS = {
    "Apple.md": "## Apple {#Apple .term}\n\n***A fruit***\n\nLike a [pear](#Pear) or a "
    "[quince](#Quince).\n\n### See also {.seealso}\n\n[Pear](#Pear) |\n[Plum](#Plum) |\n"
    "[Index](#Index) |\n",
    "Pear.md": "## Pear {#Pear .term}\n\nA fruit, like an [apple](#Apple).\n\n"
    "### See also {.seealso}\n\n[Apple](#Apple) |\n[Apple](#Apple) |\n",
}


# --------------------------------------------------------------------------- test roots


@pytest.mark.parametrize(
    "root", sorted(path.name.removeprefix("test-") for path in ROOTS.glob("test-*"))
)
def test_markdown_reader_agrees_with_sphinx_on_every_test_root(root: str, tmp_path: Path) -> None:
    srcdir = copy_root(root, tmp_path / root)
    fast, _ = assert_same(srcdir)
    assert fast.pages > 0


def test_directive_and_pandoc_entries_agree(tmp_path: Path) -> None:
    """The syntax fixtures: one entry written as a directive and in the Pandoc dialect."""
    files = {path.name: path.read_text(encoding="utf-8") for path in FIXTURES.glob("*.md")}
    srcdir = write_project(
        tmp_path / "syntaxes", files, 'myst_enable_extensions = ["colon_fence"]\n'
    )
    fast, _ = assert_same(srcdir)
    assert fast.entries == len(files)


def test_the_entries_project_in_detail(tmp_path: Path) -> None:
    srcdir = copy_root("entries", tmp_path / "entries")
    fast, _ = assert_same(srcdir)
    assert [(t.target, [(r.file, r.line) for r in t.referrers]) for t in fast.broken] == [
        ("Missing-Term", [("terms/Alpha.md", 28)])
    ]
    assert {p.subtype for p in fast.problems} == {
        "attributes",
        "duplicate_id",
        "section_type",
        "term_class",
        "unresolved",
    }
    assert fast.orphans == ["Epsilon", "terms/Epsilon#Alpha"]


# --------------------------------------------------------------------------- configurations


def test_planned_terms_suppress_warnings_and_opt_in_checks(tmp_path: Path) -> None:
    srcdir = write_project(
        tmp_path / "fruit",
        TERMS,
        'glossterm_planned = ["Plum"]\nsuppress_warnings = ["glossterm.seealso_duplicate"]\n'
        "glossterm_check_seealso_order = True\nglossterm_check_seealso_symmetry = True\n"
        'glossterm_required_sections = ["explanation"]\n',
    )
    fast, _ = assert_same(srcdir)
    assert fast.planned == [("Plum", 1)]
    assert [t.target for t in fast.broken] == ["Quince"]
    subtypes = {p.subtype for p in fast.problems}
    assert "seealso_duplicate" not in subtypes
    assert {"missing_section", "unresolved"} <= subtypes


def test_defines_override_conf_py(tmp_path: Path) -> None:
    srcdir = write_project(tmp_path / "fruit", TERMS)
    fast, _ = assert_same(
        srcdir,
        suppress_warnings="glossterm.unresolved",
        glossterm_planned="Plum,Quince",
    )
    assert fast.broken == []
    assert sorted(fast.planned) == [("Plum", 1), ("Quince", 1)]


def test_exclude_patterns_root_doc_and_source_suffix(tmp_path: Path) -> None:
    files = {
        **TERMS,
        "drafts/Quince.md": "## Quince {#Quince .term}\n\nNot ready.\n",
        "start.md": "# Fruit\n\n```{toctree}\nApple\nPear\nnotes\n```\n",
        "notes.txt": "# Notes\n\nSee {glossterm:term}`the apple <Apple>` and "
        "{glossterm:term}`Missing`.\n",
    }
    srcdir = write_project(
        tmp_path / "fruit",
        files,
        'exclude_patterns = ["drafts/*"]\nroot_doc = "start"\n'
        'source_suffix = {".md": "markdown", ".txt": "markdown"}\n',
    )
    fast, _ = assert_same(srcdir)
    assert fast.pages == 4
    assert fast.notes == []
    assert {t.target for t in fast.broken} == {"Missing", "Plum", "Quince"}
    assert [
        (r.file, r.label) for t in fast.broken if t.target == "Missing" for r in t.referrers
    ] == [("notes.txt", "Missing")]


def test_gathered_files_and_duplicate_ids(tmp_path: Path) -> None:
    files = {
        "index.md": "# Book\n\n```{toctree}\nbook\nmore\n```\n",
        "book.md": "# The book\n\n```{glossterm-include} terms/*.md\n```\n\n"
        "```{glossterm-include} nothing/*.md\n```\n\n"
        "After the terms, a link to [Apple](#Apple) and [Nowhere](#Nowhere).\n",
        "more.md": "## Apple {#Apple .term}\n\nAnother apple, in [more](#Pear).\n\n"
        "## Apple {#Apple .term}\n\nA third one on the same page.\n",
        "terms/Apple.md": TERMS["Apple.md"],
        "terms/Pear.md": TERMS["Pear.md"],
    }
    srcdir = write_project(tmp_path / "book", files)
    fast, _ = assert_same(srcdir)
    assert fast.pages == 3, "gathered files are no pages"
    assert list(fast.duplicates) == ["Apple"]
    assert [p.file for p in fast.duplicates["Apple"]] == ["more.md", "more.md", "terms/Apple.md"]
    assert "more#Apple-2" in fast.orphans
    assert {(p.subtype, p.file) for p in fast.problems if p.subtype == "include"} == {
        ("include", "book.md")
    }


def test_malformed_input(tmp_path: Path) -> None:
    files = {
        "index.md": "# Odd\n\n```{toctree}\n:glob:\n\n*\n```\n",
        "unclosed.md": "## Unclosed {#Unclosed .term\n\nText [a](#Unclosed).\n",
        "no-class.md": "Intro.\n\n## No class {#No-Class}\n\nText.\n\n### Later {#Later .term}\n\n"
        "[x](#No-Class)\n",
        "h4.md": "#### Deep {#Deep .term}\n\nText.\n\n### Empty {.explanation}\n\n"
        "### Also {.seealso}\n\n[Deep](#Deep)\n",
        "spaces.md": '## Odd id {#Odd"id .term}\n\nText.\n\n## {#Blank .term}\n\n',
        "nested.md": "## Nest {#Nest .term}\n\n" + "".join("  " * i + "- x\n" for i in range(60)),
        "html.md": "## Html {#Html .term}\n\n<b>bold</b> and <script>x</script> "
        "[js](javascript:alert(1)) [ok](#Html)\n",
    }
    srcdir = write_project(tmp_path / "odd", files)
    fast, _ = assert_same(srcdir)
    subtypes = {p.subtype for p in fast.problems}
    assert {"attributes", "entry", "empty", "id", "nesting", "raw_html", "term_class"} <= subtypes
    assert fast.warnings == []


def test_directives_in_term_documents_and_pages(tmp_path: Path) -> None:
    files = {
        "index.md": "# Fruit\n\n```{toctree}\n:glob:\n\n*\n```\n",
        **TERMS,
        "Note.md": "## Note {#Note .term}\n\nA lead.\n\n```{note}\nSee [Apple](#Apple) "
        "and [Gone](#Gone).\n```\n\n~~~ {.python}\nprint('[x](#Nope)')\n~~~\n\n"
        "### See also {.seealso}\n\n:::{dropdown} More\n[Pear](#Pear) |\n[Lost](#Lost) |\n:::\n\n"
        "::: aside\n[Quince](#Quince)\n:::\n",
        "page.md": '# A page\n\n````{glossterm} Plum "tree"\n:aliases: P1, P2\n\nA lead with '
        "`code` and [a pear](#Pear).\n\n```{code-block} python\n[x](#Nope)\n```\n\n"
        "```{glossterm-section} seealso\n[Apple](#Apple) |\n[Missing](#Missing) |\n```\n\n"
        'After the section: [Gone](#Gone).\n````\n\nOn the page: {glossterm:term}`Plum "tree" '
        '<Plum-"tree">`, {glossterm:term}`!Apple`, [myst](#Apple).\n\n'
        "```{glossterm-section} explanation\n:id: Stray\n\nStray [Pear](#Pear).\n```\n",
    }
    srcdir = write_project(
        tmp_path / "fruit",
        files,
        'extensions += ["sphinx_design"]\nmyst_enable_extensions = ["colon_fence"]\n',
    )
    fast, _ = assert_same(srcdir)
    assert {t.target for t in fast.broken} >= {"Gone", "Lost", "Missing", "Quince"}
    # Without sphinx_design, a dropdown is an unknown directive: nothing in it is read.
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_glossterm"]\nmyst_enable_extensions = ["colon_fence"]\n',
        encoding="utf-8",
    )
    without, _ = assert_same(srcdir)
    assert "Lost" not in {t.target for t in without.broken}
    assert "Nope" not in {t.target for t in fast.broken}
    assert "directive" in {p.subtype for p in fast.problems}


# --------------------------------------------------------------------------- falling back


LOCAL_EXTENSION = (
    "import sys, pathlib\n"
    "sys.path.insert(0, str(pathlib.Path(__file__).parent))\n"
    'extensions += ["sphinx.ext.todo", "local_extension"]\n'
)


@pytest.mark.parametrize(
    ("files", "conf", "says"),
    [
        ({"page.rst": "Page\n====\n\nText.\n"}, "", "not Markdown (page.rst)"),
        (
            {"local_extension.py": "def setup(app):\n    return {}\n"},
            LOCAL_EXTENSION,
            "local_extension",
        ),
        ({}, "def setup(app):\n    pass\n", "setup()"),
        ({}, "myst_heading_anchors = 'two'\n", "myst configuration invalid"),
        (
            {"page.md": "# P\n\n```{include} other.md\n```\n"},
            "",
            "{include} at page.md:3",
        ),
    ],
    ids=["rst-page", "extension", "setup", "myst-config", "directive"],
)
def test_falls_back_to_sphinx_and_says_why(
    files: dict[str, str], conf: str, says: str, tmp_path: Path
) -> None:
    srcdir = write_project(tmp_path / "mixed", {**TERMS, **files}, conf)
    report = check(srcdir, full=False)
    assert report.reader == SPHINX_READER
    assert [note for note in report.notes if note.startswith("Markdown reader not used: ")]
    assert says in report.notes[0]
    assert comparable(report) == comparable(check(srcdir, full=True))


def test_markdown_reader_does_not_import_sphinx_application(tmp_path: Path) -> None:
    """Imports are part of the author's fast loop: Sphinx's application is not loaded."""
    srcdir = write_project(tmp_path / "fruit", TERMS)
    code = (
        "import sys\n"
        "from sphinx_glossterm.cli.main import main\n"
        f"status = main(['check', {str(srcdir)!r}, '--quiet'])\n"
        "print(status, sorted(m for m in sys.modules if m in ("
        "'sphinx.application', 'sphinx.environment', 'docutils.parsers.rst.states')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "1 []"


# --------------------------------------------------------------------------- the corpus


@pytest.mark.corpus
def test_markdown_reader_agrees_with_sphinx_on_the_corpus(
    corpus_dir: Path, tmp_path: Path, report: Callable[[str], None]
) -> None:
    srcdir = corpus_project(corpus_dir, tmp_path / "ki-glossar")
    started = time.perf_counter()
    fast = check(srcdir, full=False)
    fast_seconds = time.perf_counter() - started
    started = time.perf_counter()
    full = check(srcdir, full=True)
    full_seconds = time.perf_counter() - started
    assert fast.reader == MARKDOWN_READER
    assert comparable(fast) == comparable(full)
    assert fast.problems == [
        p for p in full.problems if p.subtype in READ_SUBTYPES or p.from_checks
    ]
    assert fast.entries == full.entries > 200
    report(
        f"glossterm check on the corpus, in-process: Markdown reader {fast_seconds:.2f} s, "
        f"Sphinx (--full) {full_seconds:.1f} s; {fast.entries} entries, "
        f"{len(fast.broken)} broken targets"
    )
