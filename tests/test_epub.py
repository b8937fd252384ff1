"""The glossary as an EPUB (issue 5): valid for epubcheck, with working links.

``tests/roots/test-epub`` holds what broke Sphinx's EPUBs: sphinx-design tabs,
a dropdown with an icon and an octicon, two pages whose names differ only in
case (``XAI.md``, ``xAI.md``) and a page with a non-ASCII name
(``Äquivalenz.md``).  The tests marked ``pdf`` run epubcheck (Debian's jar) on
that root, on the documentation and on the corpus.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from sphinx_glossterm.book.epub import case_unique_names, dictionary_order
from sphinx_glossterm.model.collation import sort_key

from .books import epubcheck
from .projects import build, copy_root, warnings_of

DOCS = Path(__file__).parents[1] / "docs"
CORPUS_CONF = """\
extensions = ["sphinx_glossterm"]
language = "de"
project = "KI-Glossar"
author = "Kurt Pfeifle"
copyright = "2025, Kurt Pfeifle"
version = release = "2025.3"
"""


@pytest.fixture(scope="module")
def epub_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test root built with the epub builder: its output folder."""
    srcdir = copy_root("epub", tmp_path_factory.mktemp("epub") / "src")
    app = build(srcdir, "epub")
    assert warnings_of(app) == []
    return Path(app.outdir)


def _epub_of(outdir: Path) -> Path:
    (epub,) = outdir.glob("*.epub")
    return epub


def test_design_components_are_plain_in_the_epub(epub_root: Path) -> None:
    """Tabs become headings with their content, the dropdown is open, icons are gone."""
    page = (epub_root / "index.xhtml").read_text(encoding="utf-8")
    for markup in ("<input", "<label", "<svg", "<details", "sd-tab-content"):
        assert markup not in page
    for text in (
        "First tab",
        "Content of the first tab",
        "Second tab",
        "Content of the second tab",
        "A dropdown",
        "Content of the dropdown",
    ):
        assert text in page  # fmt: skip
    assert 'class="glossterm-epub-tabs' in page and 'class="glossterm-epub-dropdown' in page


def test_html_keeps_its_tabs(tmp_path: Path) -> None:
    """The flattening is for the epub builder only."""
    app = build(copy_root("epub", tmp_path / "src"), "html")
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "<input" in page and "sd-tab-content" in page


def test_names_differing_in_case_get_their_own_files(epub_root: Path) -> None:
    """``xAI`` is written as ``xAI-2.xhtml``; every link to the entry goes there."""
    files = sorted(path.name for path in (epub_root / "terms").glob("*.xhtml"))
    assert files == ["XAI.xhtml", "xAI-2.xhtml", "Äquivalenz.xhtml"]
    page = (epub_root / "terms" / "Äquivalenz.xhtml").read_text(encoding="utf-8")
    assert 'href="xAI-2.xhtml#xAI"' in page and 'href="XAI.xhtml#XAI"' in page
    with zipfile.ZipFile(_epub_of(epub_root)) as book:
        names = [name.casefold() for name in book.namelist()]
    assert len(names) == len(set(names))
    assert case_unique_names(["a/X", "a/x", "a/x-2"]) == {"a/x": "a/x-3"}


def test_spine_points_at_manifest_items(epub_root: Path) -> None:
    """Every page of the reading order, ``Äquivalenz`` included, is in the manifest once."""
    opf = (epub_root / "content.opf").read_text(encoding="utf-8")
    items = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
    spine = re.findall(r'<itemref idref="([^"]+)"', opf)
    assert all(ref in items for ref in spine)
    assert len(spine) == len(set(spine))
    assert any("quivalenz" in items[ref] for ref in spine)


def _spine(outdir: Path) -> list[str]:
    opf = (outdir / "content.opf").read_text(encoding="utf-8")
    items = dict(re.findall(r'<item id="([^"]+)" href="([^"]+)"', opf))
    return [items[ref] for ref in re.findall(r'<itemref idref="([^"]+)"', opf)]


def _nav_titles(outdir: Path) -> list[str]:
    nav = (outdir / "nav.xhtml").read_text(encoding="utf-8")
    return re.findall(r'<a href="[^"#]+">([^<]+)</a>', nav)


def test_reading_order_is_a_to_z(epub_root: Path, tmp_path: Path) -> None:
    """Dictionary layout: the root page first, then the entries A–Z (Äquivalenz before
    XAI), in the spine and the table of contents; the manual layout keeps the toctree's."""
    entries = ["terms/%C3%84quivalenz.xhtml", "terms/XAI.xhtml", "terms/xAI-2.xhtml"]
    assert [name for name in _spine(epub_root) if name.startswith(("index", "terms/"))] == [
        "index.xhtml",
        *entries,
    ]
    assert _nav_titles(epub_root)[1:] == ["Äquivalenz", "XAI", "xAI"]
    app = build(copy_root("epub", tmp_path / "src"), "epub", confoverrides={
        "glossterm_latex_layout": "manual"})  # fmt: skip
    spine = [name for name in _spine(Path(app.outdir)) if name.startswith("terms/")]
    assert spine == ["terms/XAI.xhtml", "terms/xAI-2.xhtml", "terms/%C3%84quivalenz.xhtml"]


def test_dictionary_order_keeps_sections_with_their_page() -> None:
    """Pages without an entry first, in their order; an item's deeper items go with it."""
    items = [
        {"level": 1, "refuri": "b.xhtml"},
        {"level": 2, "refuri": "b.xhtml#part"},
        {"level": 1, "refuri": "licence.xhtml"},
        {"level": 1, "refuri": "%C3%A4.xhtml"},
        {"level": 1, "refuri": "a.xhtml"},
    ]
    keys = {"b.xhtml": (sort_key("Beta"), "b"), "a.xhtml": (sort_key("Alpha"), "a"),
            "%C3%A4.xhtml": (sort_key("Ähre"), "ä")}  # fmt: skip
    assert [item["refuri"] for item in dictionary_order(items, keys)] == [
        "licence.xhtml", "%C3%A4.xhtml", "a.xhtml", "b.xhtml", "b.xhtml#part",
    ]  # fmt: skip


@pytest.mark.pdf
def test_epubcheck_test_root(epub_root: Path) -> None:
    """epubcheck reports no errors for the test root."""
    assert epubcheck(_epub_of(epub_root)) == []


@pytest.mark.pdf
def test_epubcheck_docs(tmp_path: Path) -> None:
    """epubcheck reports no errors for the documentation and its demo glossary."""
    srcdir = tmp_path / "docs"
    shutil.copytree(DOCS, srcdir, ignore=shutil.ignore_patterns("_build"))
    app = build(srcdir, "epub")
    assert warnings_of(app) == []
    assert epubcheck(_epub_of(Path(app.outdir))) == []


@pytest.mark.pdf
@pytest.mark.corpus
def test_epubcheck_corpus(corpus_dir: Path, tmp_path: Path) -> None:
    """epubcheck reports no errors for the corpus (XAI/xAI, KI-Ökosystem and all)."""
    srcdir = tmp_path / "ki-glossar"
    srcdir.mkdir()
    for source in corpus_dir.glob("*.md"):
        shutil.copyfile(source, srcdir / source.name)
    (srcdir / "conf.py").write_text(CORPUS_CONF, encoding="utf-8")
    app = build(srcdir, "epub")
    assert epubcheck(_epub_of(Path(app.outdir))) == []
    # The entries in DIN 5007 order (Base Model before BERT), after the root page.
    titles = _nav_titles(Path(app.outdir))[1:]
    assert len(titles) > 200
    assert titles == sorted(titles, key=sort_key)
    assert titles.index("Base Model") < titles.index("BERT")
    assert titles.index("Autoencoder") < titles.index("AutoGPT")
    # The list of abbreviations follows the A–Z on the root page, linked to the entries.
    root = (Path(app.outdir) / "index.xhtml").read_text(encoding="utf-8")
    listing = re.search(r'<div class="glossterm-abbreviations.*?</div>', root, re.S)
    assert listing is not None
    assert re.search(
        r'<strong class="glossterm-abbreviation">AGI</strong> — <a [^>]*'
        r'href="Artificial-General-Intelligence.xhtml#Artificial-General-Intelligence"',
        listing.group(0),
    )
