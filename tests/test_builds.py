"""Parallel and incremental builds give the same, current output."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from .editing import build as build_project
from .editing import clean_build_of, differing, initial_glossary, output_files, renamed
from .htmlparts import parse_html
from .projects import build, copy_root, pages_written, warnings_of


def _pages(outdir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*.html"))
    }


def _written(app) -> list[str]:
    """The documents the last build wrote, from its status output."""
    return sorted(pages_written(app))


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    serial = build(copy_root("entries", tmp_path / "serial"), parallel=1)
    parallel = build(copy_root("entries", tmp_path / "parallel"), parallel=2)
    serial_pages = _pages(Path(serial.outdir))
    parallel_pages = _pages(Path(parallel.outdir))
    assert serial_pages.keys() == parallel_pages.keys()
    for name, content in serial_pages.items():
        assert content == parallel_pages[name], f"{name} differs between -j 1 and -j 2"

    def relative(app, root: Path) -> list[str]:
        return [line.replace(str(root) + "/", "") for line in warnings_of(app)]

    assert relative(serial, tmp_path / "serial") == relative(parallel, tmp_path / "parallel")


def test_changed_tagline_reaches_pages_that_show_it(tmp_path: Path) -> None:
    srcdir = copy_root("entries", tmp_path / "src")
    build(srcdir)
    time.sleep(0.01)
    beta = srcdir / "terms" / "Beta.md"
    beta.write_text(beta.read_text().replace("***Second of its kind***", "***Renamed tagline***"))
    app = build(srcdir)
    written = _written(app)
    # Beta itself, the pages linking to Beta, and the index page; Delta and
    # Epsilon link only to Alpha and stay as they are.
    assert written == ["index", "terms/Alpha", "terms/Beta"]
    alpha = parse_html((Path(app.outdir) / "terms/Alpha.html").read_text(encoding="utf-8"))
    link = next(a for a in alpha.find_all("a", "glossterm-link") if a.text == "Beta")
    assert link.attrs["title"] == "Renamed tagline"
    index = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "Renamed tagline" in index and "Second of its kind" not in index


def test_removed_term_leaves_no_stale_link(tmp_path: Path) -> None:
    srcdir = copy_root("entries", tmp_path / "src")
    build(srcdir)
    (srcdir / "terms" / "Delta.md").unlink()
    app = build(srcdir)
    alpha = parse_html((Path(app.outdir) / "terms/Alpha.html").read_text(encoding="utf-8"))
    assert "Delta" not in [a.text for a in alpha.find_all("a")]
    assert "Delta" in [span.text for span in alpha.find_all("span", "glossterm-missing")]
    index = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "terms/Delta.html" not in index
    assert any("#Delta" in w and "unresolved" in w for w in warnings_of(app))


def test_edit_that_shows_nowhere_else_rewrites_no_other_entry(tmp_path: Path) -> None:
    srcdir = copy_root("entries", tmp_path / "src")
    build(srcdir)
    time.sleep(0.01)
    delta = srcdir / "terms" / "Delta.md"
    delta.write_text(delta.read_text().replace("has an id", "has an id (edited)"))
    app = build(srcdir)
    # Sphinx itself rewrites "index", whose table of contents lists Delta.
    assert _written(app) == ["index", "terms/Delta"]


# Where each builder writes the Alpha entry.
ALPHA_OUTPUT = {
    "dirhtml": "terms/Alpha/index.html",
    "singlehtml": "index.html",
    "latex": "testglossary.tex",
    "epub": "terms/Alpha.xhtml",
    "text": "terms/Alpha.txt",
}


@pytest.mark.parametrize("buildername", sorted(ALPHA_OUTPUT))
def test_other_builders_build_the_entries(tmp_path: Path, buildername: str) -> None:
    srcdir = copy_root("entries", tmp_path / "src")
    app = build(srcdir, buildername)
    # The same five problems as the HTML build, nothing from the builder.
    assert len(warnings_of(app)) == 5, warnings_of(app)
    output = Path(app.outdir, ALPHA_OUTPUT[buildername]).read_text(encoding="utf-8")
    assert "How it works" in output


def test_dirhtml_links_reach_entries(tmp_path: Path) -> None:
    app = build(copy_root("entries", tmp_path / "src"), "dirhtml")
    alpha = parse_html((Path(app.outdir) / "terms/Alpha/index.html").read_text(encoding="utf-8"))
    hrefs = {a.text: a.attrs["href"] for a in alpha.find_all("a", "glossterm-link")}
    assert hrefs["Beta"] == "../Beta/#Beta"
    assert hrefs["Index"] == "../../"


def _backlinks(outdir: Path, page: str, anchor: str) -> list[str]:
    html = parse_html((outdir / f"{page}.html").read_text(encoding="utf-8"))
    block = html.by_id(f"{anchor}-referenced-by")
    return [li.text for li in block.find_all("li")] if block else []


def _edit(path: Path, old: str, new: str) -> None:
    time.sleep(0.01)  # a newer mtime than the last build
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def entries_project(tmp_path: Path) -> tuple[Path, Path]:
    srcdir = copy_root("entries", tmp_path / "src")
    outdir = Path(build(srcdir).outdir)
    return srcdir, outdir


def test_adding_a_term_updates_the_backlinks_it_creates(entries_project) -> None:
    srcdir, outdir = entries_project
    time.sleep(0.01)
    (srcdir / "terms" / "Zeta.md").write_text(
        "## Zeta {#Zeta .term}\n\nLast.\n\n### See also {.seealso}\n\n[Alpha](#Alpha) |\n"
    )
    app = build(srcdir)
    # Zeta comes between Epsilon and usage in the toctree: their next and
    # previous links (Sphinx's) now name it.
    assert _written(app) == ["index", "terms/Alpha", "terms/Epsilon", "terms/Zeta", "usage"]
    assert "Zeta — See also" in _backlinks(outdir, "terms/Alpha", "Alpha")
    epsilon = parse_html((outdir / "terms/Epsilon.html").read_text(encoding="utf-8"))
    following = [link for link in epsilon.find_all("link") if link.attrs.get("rel") == "next"]
    assert [link.attrs["href"] for link in following] == ["Zeta.html"]


def test_deleting_a_term_removes_its_backlinks(entries_project) -> None:
    srcdir, outdir = entries_project
    assert "Delta — See also" in _backlinks(outdir, "terms/Alpha", "Alpha")
    (srcdir / "terms" / "Delta.md").unlink()
    app = build(srcdir)
    # Beta and Epsilon were Delta's neighbours in the toctree (Sphinx's next/previous links).
    assert _written(app) == ["index", "terms/Alpha", "terms/Beta", "terms/Epsilon"]
    assert "Delta — See also" not in _backlinks(outdir, "terms/Alpha", "Alpha")
    # No page of it is left behind, as a clean build would not write one.
    assert not (outdir / "terms" / "Delta.html").exists()
    assert not (outdir / "_sources" / "terms" / "Delta.md.txt").exists()


def test_renaming_a_term_updates_every_page_that_links_to_it(entries_project) -> None:
    srcdir, outdir = entries_project
    _edit(srcdir / "terms" / "Beta.md", "{#Beta .chapter", "{#Beta-Renamed .chapter")
    app = build(srcdir)
    # Beta itself, Alpha (its links to #Beta break; Beta's link to it is gone
    # from its backlinks), the index; gamma sits on Beta's page.
    assert _written(app) == ["index", "terms/Alpha", "terms/Beta"]
    alpha = parse_html((outdir / "terms/Alpha.html").read_text(encoding="utf-8"))
    assert "Beta" in [span.text for span in alpha.find_all("span", "glossterm-missing")]
    block = alpha.by_id("Alpha-referenced-by")
    hrefs = [a.attrs["href"] for a in block.find_all("a") if a.text == "Beta"]
    assert hrefs == ["Beta.html#Beta-Renamed"], "Beta still links to Alpha, from its new anchor"


def test_adding_and_removing_a_see_also_link(entries_project) -> None:
    srcdir, outdir = entries_project
    _edit(srcdir / "terms" / "Delta.md", "[Alpha](#Alpha) |", "[Alpha](#Alpha) |\n[Beta](#Beta) |")
    app = build(srcdir)
    assert _written(app) == ["index", "terms/Beta", "terms/Delta"]
    assert "Delta — See also" in _backlinks(outdir, "terms/Beta", "Beta")

    _edit(srcdir / "terms" / "Alpha.md", "[Beta](#Beta) |\n[Missing", "[Missing")
    app = build(srcdir)
    assert _written(app) == ["index", "terms/Alpha", "terms/Beta"]
    assert "Alpha — introduction" in _backlinks(outdir, "terms/Beta", "Beta")
    assert "Alpha — introduction, Related" not in _backlinks(outdir, "terms/Beta", "Beta")


def test_std_term_for_a_shared_title_is_the_same_in_every_build(tmp_path: Path) -> None:
    def project(name: str) -> Path:
        srcdir = copy_root("entries", tmp_path / name)
        for number in range(12):
            (srcdir / "terms" / f"Same{number:02}.md").write_text(
                f"## Shared title {{#Same{number:02} .term}}\n\nText {number}.\n"
            )
        (srcdir / "usage.md").write_text("# Usage\n\nSee {term}`Shared title`.\n")
        return srcdir

    serial = build(project("serial"), parallel=1)
    parallel = build(project("parallel"), parallel=2)
    for app in (serial, parallel):
        usage = parse_html((Path(app.outdir) / "usage.html").read_text(encoding="utf-8"))
        link = usage.find("a", "reference")
        assert link.attrs["href"] == "terms/Same00.html#Same00"


def test_an_id_taken_over_by_another_entry_moves_its_backlinks(entries_project) -> None:
    """Links to #Delta go to Delta.md; once it is gone, to the other entry declaring #Delta."""
    srcdir, outdir = entries_project
    time.sleep(0.01)
    (srcdir / "terms" / "Aardvark.md").write_text(
        "## Aardvark {#Delta .term}\n\nAlso declares Delta.\n", encoding="utf-8"
    )
    app = build(srcdir)
    assert "terms/Aardvark" in _written(app)
    assert _backlinks(outdir, "terms/Aardvark", "Delta") == []
    assert _backlinks(outdir, "terms/Delta", "Delta")
    (srcdir / "terms" / "Delta.md").unlink()
    app = build(srcdir)
    # Alpha links to #Delta; its link and the backlink now go to Aardvark's entry.
    assert "terms/Aardvark" in _written(app)
    assert _backlinks(outdir, "terms/Aardvark", "Delta") == ["Alpha — How it works"]


def test_title_change_rewrites_its_neighbours_and_no_more(tmp_path: Path) -> None:
    """The glossterm theme's pager shows the entries before and after in dictionary order."""
    srcdir = tmp_path / "src"
    outdir = srcdir / "_build" / "html"
    glossary = initial_glossary(20)
    glossary.write(srcdir)
    build_project(srcdir, outdir, srcdir / "_build" / "doctrees")
    # T2 "Gamma" sat between T11 "Gamma" and T17 "Iota"; "Alphabet" puts it
    # between T9 "Alpha" and T1 "Beta".
    name, number, entry = next(row for row in glossary.entries() if row[2].id == "T2")
    glossary.replace_entry(name, number, renamed(entry, title="Alphabet"))
    glossary.write(srcdir)
    written = _written(build_project(srcdir, outdir, srcdir / "_build" / "doctrees"))
    assert {"terms/T1", "terms/T2", "terms/T9", "terms/T11", "terms/T17"} <= set(written)
    # T15 shows nothing of T2: no link either way, other neighbours, the same letters.
    assert "terms/T15" not in written
    assert len(written) < len(glossary.files) + 1
    assert differing(output_files(outdir), clean_build_of(srcdir, tmp_path / "clean")) == []
    page = parse_html((outdir / "terms" / "T11.html").read_text(encoding="utf-8"))
    assert page.find("a", "gt-pager-next").attrs["href"] == "T17.html#T17"
    page = parse_html((outdir / "terms" / "T9.html").read_text(encoding="utf-8"))
    assert page.find("a", "gt-pager-next").text.endswith("Alphabet")
