"""A Pandoc book's front matter, and a build that writes nothing into the source folder.

The root ``test-front-matter`` is a folder of term files with a title block,
a hand-made index and a licence file, as a Pandoc glossary has them, and no
root page and no project, author or copyright in conf.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sphinx_glossterm.model.front_matter import detect, front_matter, title_block_fields

from .books import PdfBook, epubcheck, require_tex
from .conftest import CHECKOUT_DIR, require_tool
from .htmlparts import parse_html
from .pandoc_repository import snapshot
from .projects import build, copy_root, warnings_of


def test_title_block_fields_with_continuation_lines() -> None:
    fields, used = title_block_fields(
        ["% Ein Titel", "  mit Fortsetzung", "% A. Autorin; B. Autor", "% 2026", "", "Text"]
    )
    assert fields == {
        "title": "Ein Titel mit Fortsetzung",
        "author": "A. Autorin; B. Autor",
        "date": "2026",
    }
    assert used == 4


def test_front_matter_files_are_detected(tmp_path: Path) -> None:
    srcdir = copy_root("front-matter", tmp_path / "src")
    assert detect(srcdir) == {
        "title": "00-title.txt",
        "index": "01-index.txt",
        "license": "02-lizenz.txt",
    }
    front = front_matter(
        srcdir,
        {
            "glossterm_title_file": "auto",
            "glossterm_license_file": "",
            "glossterm_index_file": "auto",
        },
    )
    assert (front.title, front.author, front.date) == (
        "Glossar der Glossen",
        "Erika Musterfrau",
        "im Mai 2026",
    )
    assert front.license_file == ""
    assert front.index_targets == ("Glosse", "Glossar", "Kommentar")
    assert front.copyright == "2026, Erika Musterfrau"


def test_build_writes_nothing_into_the_source_folder(tmp_path: Path) -> None:
    srcdir = copy_root("front-matter", tmp_path / "src")
    before = snapshot(srcdir)
    first = build(srcdir, builddir=tmp_path / "build", parallel=2)
    assert snapshot(srcdir) == before
    outdir = Path(first.outdir)
    assert (outdir / "index.html").is_file()
    generated = tmp_path / "build" / "doctrees" / "glossterm-generated" / "index.md"
    assert "```{glossterm-index}" in generated.read_text(encoding="utf-8")
    # An incremental build rereads nothing: the generated pages are as they were.
    second = build(srcdir, builddir=tmp_path / "build")
    assert "0 added, 0 changed, 0 removed" in second.status.getvalue()
    assert snapshot(srcdir) == before


def test_title_block_and_licence_open_the_site(tmp_path: Path) -> None:
    srcdir = copy_root("front-matter", tmp_path / "src")
    app = build(srcdir, builddir=tmp_path / "build")
    config = app.config
    assert config.project == "Glossar der Glossen"
    assert config.author == "Erika Musterfrau"
    assert config.today == "im Mai 2026"
    assert config.copyright == "2026 Erika Musterfrau"
    assert config.epub_copyright == (
        "© 2026 Erika Musterfrau. Creative Commons Namensnennung 4.0 International (CC BY 4.0)"
    )
    outdir = Path(app.outdir)
    index = (outdir / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", index).group(1)
    assert title.startswith("Glossar der Glossen")
    assert "Dokumentation" not in title
    root = parse_html(index)
    assert root.find("h1").text.strip().startswith("Glossar der Glossen")
    assert "Erika Musterfrau · im Mai 2026" in index
    licence = (outdir / "02-lizenz.html").read_text(encoding="utf-8")
    assert "CC BY 4.0" in licence
    # The licence page comes first in the toctree, before the entries.
    assert app.env.toctree_includes["index"] == ["02-lizenz", "Formel", "Glossar", "Glosse"]
    # The hand-made index is no page: its targets without entry are planned.
    assert not (outdir / "01-index.html").exists()
    warnings = warnings_of(app)
    assert [w for w in warnings if "Kommentar" in w] == []
    assert any("Woerterbuch" in w and "glossterm.unresolved" in w for w in warnings)
    glosse = (outdir / "Glosse.html").read_text(encoding="utf-8")
    assert "glossterm-planned" in glosse


def test_conf_py_keeps_the_last_word(tmp_path: Path) -> None:
    srcdir = copy_root("front-matter", tmp_path / "src")
    app = build(
        srcdir,
        builddir=tmp_path / "build",
        confoverrides={
            "project": "Eigener Titel",
            "author": "Jemand",
            "copyright": "2020, Jemand",
            "glossterm_index_planned": False,
        },
    )
    assert (app.config.project, app.config.author, app.config.copyright) == (
        "Eigener Titel",
        "Jemand",
        "2020, Jemand",
    )
    assert any("Kommentar" in w and "glossterm.unresolved" in w for w in warnings_of(app))


def test_a_named_front_matter_file_that_is_missing_is_reported(tmp_path: Path) -> None:
    srcdir = copy_root("front-matter", tmp_path / "src")
    app = build(
        srcdir,
        builddir=tmp_path / "build",
        confoverrides={"glossterm_license_file": "LIZENZ.txt"},
    )
    warnings = warnings_of(app)
    assert any(
        "glossterm_license_file names LIZENZ.txt" in w and "glossterm.front_matter" in w
        for w in warnings
    )
    assert not (Path(app.outdir) / "02-lizenz.html").exists()


def test_a_doctree_directory_inside_the_source_folder_adds_no_pages(tmp_path: Path) -> None:
    # Read the Docs builds with -d _build/doctrees from the folder of conf.py.
    srcdir = copy_root("front-matter", tmp_path / "src")
    build(srcdir, builddir=srcdir / "_build")
    app = build(srcdir, builddir=srcdir / "_build")
    assert sorted(app.env.found_docs) == ["02-lizenz", "Formel", "Glossar", "Glosse", "index"]
    assert str(app.env.doc2path("index")).startswith(str(srcdir / "_build" / "doctrees"))


@pytest.mark.pdf
def test_make_latexpdf_as_documented_gives_an_a4_book_with_front_matter(tmp_path: Path) -> None:
    # docs/print.md: `sphinx-build -M latexpdf . _build` runs Sphinx, then the Makefile's latexmk.
    require_tex("pdflatex")
    require_tool("make")
    srcdir = copy_root("front-matter", tmp_path / "src")
    build_dir = tmp_path / "_build"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(srcdir), str(build_dir), "-q"],
        env={**os.environ, "PYTHONPATH": str(CHECKOUT_DIR)},
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    pdfs = list((build_dir / "latex").glob("*.pdf"))
    assert len(pdfs) == 1
    book = PdfBook(pdfs[0])
    width, height = (float(value) for value in book.reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)
    first_page = book.page_texts[0]
    for text in ("Glossar der Glossen", "Erika Musterfrau", "im Mai 2026"):
        assert text in first_page
    assert "CC BY 4.0" in book.text()


@pytest.mark.pdf
def test_minimal_conf_py_gives_a_valid_epub(tmp_path: Path) -> None:
    # No author, copyright, version or front matter: Sphinx alone writes an empty
    # dc:rights and an empty meta element, which epubcheck rejects.
    srcdir = copy_root("front-matter", tmp_path / "src")
    (srcdir / "conf.py").write_text('extensions = ["sphinx_glossterm"]\n', encoding="utf-8")
    app = build(
        srcdir,
        "epub",
        builddir=tmp_path / "build",
        confoverrides={
            "glossterm_title_file": "",
            "glossterm_license_file": "",
            "glossterm_index_file": "",
        },
    )
    assert (app.config.copyright, app.config.version) == ("", "")
    epub_path = next(Path(app.outdir).glob("*.epub"))
    assert epubcheck(epub_path) == []
    with zipfile.ZipFile(epub_path) as book:
        opf = book.read("content.opf").decode("utf-8")
    assert "<dc:rights>" not in opf and 'property="ibooks:version"' not in opf
    assert re.search(r'href="Formel.xhtml"[^>]*properties="mathml"', opf)
    assert not re.search(r'href="Glossar.xhtml"[^>]*properties="mathml"', opf)


def test_a_project_with_its_own_root_gets_no_unlisted_licence_page(tmp_path: Path) -> None:
    srcdir = copy_root("front-matter", tmp_path / "src")
    (srcdir / "index.md").write_text(
        "# Eigene Startseite\n\n```{toctree}\n:glob:\n\n*\n```\n", encoding="utf-8"
    )
    detected = build(srcdir, builddir=tmp_path / "detected")
    assert "02-lizenz" not in detected.env.found_docs
    assert detected.config.copyright == "2026 Erika Musterfrau"  # still read
    assert [w for w in warnings_of(detected) if "toctree" in w] == []
    named = build(
        srcdir,
        builddir=tmp_path / "named",
        confoverrides={"glossterm_license_file": "02-lizenz.txt"},
    )
    assert "02-lizenz" in named.env.found_docs
