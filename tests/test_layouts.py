"""The three layouts: a page per term, a page per letter, the whole book on one page."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from .htmlparts import parse_html
from .projects import build, copy_root, warnings_of


def _entries(outdir: Path, page: str) -> list[str]:
    html = parse_html((outdir / f"{page}.html").read_text(encoding="utf-8"))
    return [section.attrs["id"] for section in html.find_all("section", "glossterm-entry")]


def _links(outdir: Path, page: str) -> dict[str, str]:
    html = parse_html((outdir / f"{page}.html").read_text(encoding="utf-8"))
    return {a.text: a.attrs["href"] for a in html.find_all("a", "glossterm-link")}


def test_whole_book_on_one_page(tmp_path: Path) -> None:
    srcdir = copy_root("book", tmp_path / "src")
    app = build(srcdir)
    outdir = Path(app.outdir)
    assert _entries(outdir, "book") == ["Alpha", "Apple", "Beta"]
    assert not (outdir / "terms" / "Alpha.html").exists(), "gathered files are no pages"
    links = _links(outdir, "book")
    assert links["Apple"] == "#Apple"
    assert links["Alpha"] == "#Alpha"
    book = parse_html((outdir / "book.html").read_text(encoding="utf-8"))
    title = book.find("section", "glossterm-title-block")
    assert title.find("h1").text.rstrip("¶") == "The Little Test Book"
    assert "Ann Author" in title.text
    warnings = [w.replace(str(srcdir) + "/", "") for w in warnings_of(app)]
    assert warnings == [
        "terms/Apple.md:5: WARNING: link [Zeta](#Zeta): no entry has the id 'Zeta' "
        "[glossterm.unresolved]"
    ]


def test_gathered_files_are_rebuilt_and_new_ones_picked_up(tmp_path: Path) -> None:
    srcdir = copy_root("book", tmp_path / "src")
    outdir = Path(build(srcdir).outdir)
    time.sleep(0.01)
    beta = srcdir / "terms" / "Beta.md"
    beta.write_text(beta.read_text().replace("***Second***", "***Second, edited***"))
    (srcdir / "terms" / "Gamma.md").write_text(
        "## Gamma {#Gamma .term}\n\nNew, see [Beta](#Beta).\n"
    )
    app = build(srcdir)
    assert _entries(outdir, "book") == ["Alpha", "Apple", "Beta", "Gamma"]
    book = (outdir / "book.html").read_text(encoding="utf-8")
    assert "Second, edited" in book
    assert not [w for w in warnings_of(app) if "Gamma" in w]


def test_one_page_per_letter(tmp_path: Path) -> None:
    srcdir = copy_root("book", tmp_path / "src")
    (srcdir / "book.md").unlink()
    (srcdir / "index.md").write_text("# Letters\n\n```{toctree}\na\nb\n```\n")
    (srcdir / "a.md").write_text("# A\n\n```{glossterm-include} terms/A*.md\n```\n")
    (srcdir / "b.md").write_text("# B\n\n```{glossterm-include} terms/B*.md\n```\n")
    app = build(srcdir)
    outdir = Path(app.outdir)
    assert _entries(outdir, "a") == ["Alpha", "Apple"]
    assert _entries(outdir, "b") == ["Beta"]
    assert _links(outdir, "b")["Alpha"] == "a.html#Alpha"
    assert _links(outdir, "a")["Beta"] == "b.html#Beta"
    # The index is the Sphinx general index here: no page has glossterm-index.
    assert _links(outdir, "a")["Index"] == "genindex.html"


def test_one_page_per_term_with_a_glob_toctree(tmp_path: Path) -> None:
    srcdir = copy_root("book", tmp_path / "src")
    (srcdir / "book.md").unlink()
    shutil.rmtree(srcdir / "front")
    (srcdir / "index.md").write_text(
        "# Terms\n\n```{glossterm-index}\n```\n\n```{toctree}\n:glob:\n\nterms/*\n```\n"
    )
    app = build(srcdir)
    outdir = Path(app.outdir)
    assert _entries(outdir, "terms/Alpha") == ["Alpha"]
    assert _links(outdir, "terms/Alpha")["Beta"] == "Beta.html#Beta"
    assert _links(outdir, "terms/Alpha")["Index"] == "../index.html"
    assert len(warnings_of(app)) == 1


def test_include_that_matches_nothing_warns(tmp_path: Path) -> None:
    srcdir = copy_root("book", tmp_path / "src")
    (srcdir / "book.md").write_text(
        "# Book\n\n```{glossterm-include} nowhere/*.md\n```\n\n"
        "```{glossterm-include} front/title.txt terms/*.md\n```\n"
    )
    app = build(srcdir)
    warnings = [w.replace(str(srcdir) + "/", "") for w in warnings_of(app)]
    assert (
        "book.md:3: WARNING: glossterm-include nowhere/*.md matches no file [glossterm.include]"
        in warnings
    )


@pytest.mark.parametrize("pattern", ["../outside/*.md", "/etc/*"])
def test_include_stays_inside_the_source_directory(tmp_path: Path, pattern: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "Secret.md").write_text("## Secret {#Secret .term}\n\nHidden.\n")
    srcdir = copy_root("book", tmp_path / "src")
    (srcdir / "book.md").write_text(f"# Book\n\n```{{glossterm-include}} {pattern}\n```\n")
    app = build(srcdir)
    assert "Secret" not in (Path(app.outdir) / "book.html").read_text(encoding="utf-8")
    assert any("matches no file" in w for w in warnings_of(app))
