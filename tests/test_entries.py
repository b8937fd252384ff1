"""Term documents become entries: structure, anchors, links, warnings, Sphinx integration."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp
from sphinx.util.inventory import InventoryFile

from sphinx_glossterm.reader.nodes import is_entry

from .htmlparts import Element, parse_html
from .projects import build, copy_root, warnings_of


def _page(app: SphinxTestApp, name: str) -> Element:
    return parse_html((Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    """The ``test-entries`` project, built once for every test of this module."""
    return build(copy_root("entries", tmp_path_factory.mktemp("entries") / "src"))


def test_every_term_heading_is_an_entry_with_its_exact_id(built: SphinxTestApp) -> None:
    alpha = _page(built, "terms/Alpha")
    beta = _page(built, "terms/Beta")
    assert [e.attrs["id"] for e in alpha.find_all("section", "glossterm-entry")] == ["Alpha"]
    assert [e.attrs["id"] for e in beta.find_all("section", "glossterm-entry")] == [
        "Beta",
        "gamma-2",
    ]
    delta = _page(built, "terms/Delta")
    assert [e.attrs["id"] for e in delta.find_all("section", "glossterm-entry")] == ["Delta"]


def test_entry_parts(built: SphinxTestApp) -> None:
    alpha = _page(built, "terms/Alpha").by_id("Alpha")
    assert alpha is not None
    assert {"chapter", "small"} <= set(alpha.classes)
    assert alpha.find("p", "glossterm-tagline").text == "The first letter of the test alphabet"
    lead = alpha.find("div", "glossterm-lead")
    assert lead.text.strip().startswith("Alpha is the first entry.")
    kinds = [
        [c for c in section.classes if c.startswith("glossterm-section-")]
        for section in alpha.find_all("section", "glossterm-section")
    ]
    assert kinds == [
        ["glossterm-section-explanation"],
        ["glossterm-section-haiku"],
        ["glossterm-section-seealso"],
    ]
    haiku = alpha.find("section", "glossterm-section-haiku")
    assert "glossterm-box" in haiku.classes
    assert len(haiku.find_all("br")) == 2
    detail = alpha.find("section", "glossterm-section-explanation").find_all("section")[1:]
    assert [s.find("h3").text.rstrip("¶") for s in detail] == ["Detail"]


def test_see_also_is_a_list_of_links(built: SphinxTestApp) -> None:
    seealso = _page(built, "terms/Alpha").find("section", "glossterm-section-seealso")
    items = seealso.find("ul", "glossterm-link-list").find_all("li")
    assert [li.text for li in items] == ["Beta", "Missing Term", "Index"]
    assert items[0].find("a").attrs["href"] == "Beta.html#Beta"
    assert items[1].find("a") is None
    assert items[1].find("span", "glossterm-missing").text == "Missing Term"
    assert items[2].find("a").attrs["href"] == "../index.html"


def test_inline_links_reach_entries_on_other_pages(built: SphinxTestApp) -> None:
    lead = _page(built, "terms/Alpha").find("div", "glossterm-lead")
    hrefs = {a.text: a.attrs["href"] for a in lead.find_all("a")}
    assert hrefs == {"Beta": "Beta.html#Beta", "the gamma entry": "Beta.html#gamma-2"}
    link = lead.find("a")
    assert link.attrs["title"] == "Second of its kind", "the tagline is the link's tooltip"


def test_ordinary_myst_pages_link_to_entries(built: SphinxTestApp) -> None:
    usage = _page(built, "usage")
    hrefs = {a.text: a.attrs["href"] for a in usage.find_all("a") if "reference" in a.classes}
    assert hrefs["the first entry"] == "terms/Alpha.html#Alpha"
    assert hrefs["gamma"] == "terms/Beta.html#gamma-2"
    assert hrefs["Beta"] == "terms/Beta.html#Beta"
    assert hrefs["A1"] == "terms/Alpha.html#Alpha"
    assert hrefs["Epsilon"] == "terms/Epsilon.html#Epsilon"
    assert hrefs["the index"] == "index.html"


def test_index_page_lists_entries_and_aliases_in_order(built: SphinxTestApp) -> None:
    index = _page(built, "index").find("div", "glossterm-index")
    rows = [li.text for li in index.find_all("li")]
    assert rows == [
        "A1 see Alpha",
        "Alpha — The first letter of the test alphabet",
        "Alpha again",
        "Beta — Second of its kind",
        "Delta",
        "Epsilon",
        "First letter see Alpha",
        "gamma — A term at H3",
    ]
    letters = [a.text for a in index.find("p", "glossterm-letter-bar").find_all("a")]
    assert letters == ["A", "B", "D", "E", "F", "G"]


def test_warnings_name_file_line_and_subtype(built: SphinxTestApp) -> None:
    srcdir = Path(built.srcdir)
    found = sorted(
        re.sub(
            r"^.*?(terms/\S+?): WARNING: .*\[(glossterm\.\w+)\]$",
            r"\1 \2",
            line.replace(str(srcdir) + "/", ""),
        )
        for line in warnings_of(built)
    )
    assert found == [
        "terms/Alpha.md:28 glossterm.unresolved",
        "terms/Beta.md:7 glossterm.section_type",
        "terms/Delta.md:1 glossterm.term_class",
        "terms/Epsilon.md:11 glossterm.duplicate_id",
        "terms/Epsilon.md:5 glossterm.attributes",
    ]


def test_malformed_attributes_keep_the_heading_text(built: SphinxTestApp) -> None:
    epsilon = _page(built, "terms/Epsilon")
    titles = [h.text.rstrip("¶") for h in epsilon.find_all("h2")]
    assert "Broken heading {#broken .explanation" in titles


def test_duplicate_id_keeps_both_entries_and_links_go_to_the_named_file(
    built: SphinxTestApp,
) -> None:
    epsilon = _page(built, "terms/Epsilon")
    again = [e for e in epsilon.find_all("section", "glossterm-entry") if "again" in e.text]
    assert len(again) == 1 and again[0].attrs["id"] == "Alpha"
    assert "A second entry with the id of" in again[0].text
    link = again[0].find("a", "glossterm-link")
    assert link.attrs["href"] == "Alpha.html#Alpha"


def test_term_records(built: SphinxTestApp) -> None:
    domain = built.env.domains["glossterm"]
    alpha = domain.index.by_id["Alpha"]
    assert (alpha.title, alpha.docname, alpha.source, alpha.line) == (
        "Alpha",
        "terms/Alpha",
        "terms/Alpha.md",
        1,
    )
    assert alpha.aliases == ("A1", "First letter")
    assert alpha.classes == ("chapter", "small")
    assert alpha.tagline == "The first letter of the test alphabet"
    assert alpha.summary == "Alpha is the first entry."
    assert [(s.type, s.title) for s in alpha.sections] == [
        ("explanation", "How it works"),
        ("haiku", "Haiku about Alpha"),
        ("seealso", "Related"),
    ]
    assert [(link.target, link.kind.value, link.line) for link in alpha.see_also] == [
        ("Beta", "related", 27),
        ("Missing-Term", "related", 28),
        ("Index", "related", 29),
    ]
    assert [(link.target, link.section_type) for link in alpha.mentions] == [
        ("Beta", None),
        ("gamma-2", None),
        ("Delta", "explanation"),
    ]
    gamma = domain.index.by_id["gamma-2"]
    assert (gamma.docname, gamma.line, gamma.source) == ("terms/Beta", 22, "terms/Beta.md")
    assert domain.index.by_id["Delta"].inferred


def test_terms_reach_general_index_inventory_and_search(built: SphinxTestApp) -> None:
    genindex = (Path(built.outdir) / "genindex.html").read_text(encoding="utf-8")
    assert 'href="terms/Alpha.html#Alpha"' in genindex
    assert ">First letter</a>" in genindex
    with (Path(built.outdir) / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "https://example.org", lambda a, b: f"{a}/{b}")
    entry = inventory["glossterm:term"]["Alpha"]
    assert entry.uri == "https://example.org/terms/Alpha.html#Alpha"
    assert entry.display_name in {"-", "Alpha"}  # "-" means: same as the name
    assert inventory["std:term"]["Beta"].uri.endswith("terms/Beta.html#Beta")
    searchindex = (Path(built.outdir) / "searchindex.js").read_text(encoding="utf-8")
    assert '"gamma-2"' in searchindex


def test_entry_doctree_is_a_section_with_typed_children(built: SphinxTestApp) -> None:
    doctree = built.env.get_doctree("terms/Beta")
    entries = list(doctree.findall(is_entry))
    assert [entry["ids"][0] for entry in entries] == ["Beta", "gamma-2"]
    gamma = entries[1]
    assert isinstance(gamma.parent, nodes.document), "an H3 term nests like an H2 one"


def test_tagline_is_the_meta_description_of_a_term_page(built: SphinxTestApp) -> None:
    alpha = (Path(built.outdir) / "terms/Alpha.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="The first letter of the test alphabet" />' in alpha
    beta = (Path(built.outdir) / "terms/Beta.html").read_text(encoding="utf-8")
    assert 'name="description"' not in beta, "a page of two entries has no single tagline"
