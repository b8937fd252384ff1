"""Term status and abbreviations: read by both readers, warned, shown on the page."""

from __future__ import annotations

import json
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from rdflib import OWL, SKOS, Graph, Literal
from rdflib.namespace import DCTERMS
from sphinx.testing.util import SphinxTestApp

from sphinx_glossterm.model.abbreviations import abbreviates, looks_like_abbreviation, split_title
from sphinx_glossterm.model.records import Term
from sphinx_glossterm.model.status import replacement_of
from sphinx_glossterm.model.term_index import TermIndex

from .books import PdfBook, read_index, require_tex, run_latexmk
from .htmlparts import parse_html
from .projects import build, copy_root, warnings_of
from .test_builds import _written
from .test_check_readers import assert_same

SCHEMA = Path(__file__).parents[1] / "docs" / "_static" / "glossterm-graph.schema.json"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SphinxTestApp:
    return build(copy_root("terminology", tmp_path_factory.mktemp("terminology") / "src"))


def _page(app: SphinxTestApp, name: str):
    return parse_html((Path(app.outdir) / "terms" / f"{name}.html").read_text(encoding="utf-8"))


def _warnings(app: SphinxTestApp, subtype: str) -> list[str]:
    pattern = re.compile(r"^.*/(terms/[^/]+\.md:\d+): WARNING: (.*) \[glossterm\.(\w+)\]$")
    found = []
    for line in warnings_of(app):
        match = pattern.match(line)
        if match and match[3] == subtype:
            found.append(f"{match[1]} {match[2]}")
    return found


def test_links_to_retired_entries_name_the_replacement(built: SphinxTestApp) -> None:
    assert _warnings(built, "retired_link") == [
        "terms/SKOS.md:9 [Thesaurusformat](#Thesaurusformat) links to an entry that is "
        "deprecated; link to [Simple Knowledge Organization System (SKOS)](#SKOS) instead",
        "terms/TermBase-eXchange.md:6 [Austauschformat](#Altformat) links to an entry that is "
        "superseded; link to [TermBase eXchange (TBX)](#TermBase-eXchange) instead",
        "terms/TermBase-eXchange.md:6 [MARTIF](#Altformat) links to an entry that is "
        "superseded; link to [TermBase eXchange (TBX)](#TermBase-eXchange) instead",
        "terms/TermBase-eXchange.md:14 [Altformat](#Altformat) links to an entry that is "
        "superseded; link to [TermBase eXchange (TBX)](#TermBase-eXchange) instead",
    ]


def test_unknown_status_is_warned_at_the_entry(built: SphinxTestApp) -> None:
    assert _warnings(built, "status") == [
        "terms/Thesaurusformat.md:7 the entry 'Wortliste' has the status 'veraltet'; "
        "a status is one of preferred, admitted, deprecated, superseded"
    ]
    page = _page(built, "Thesaurusformat")
    assert [p.text for p in page.find_all("p", "glossterm-status")] == [
        "Status: abgelehnte Benennung — stattdessen: Simple Knowledge Organization System (SKOS)"
    ], "the entry with an unknown status shows none"


def test_the_page_shows_status_and_replacement(built: SphinxTestApp) -> None:
    page = _page(built, "Altformat")
    (line,) = page.find_all("p", "glossterm-status")
    assert "glossterm-status-superseded" in line.classes
    assert line.text == "Status: überholte Benennung — stattdessen: TermBase eXchange (TBX)"
    (link,) = line.find_all("a")
    assert link.attrs["href"] == "TermBase-eXchange.html#TermBase-eXchange"
    preferred = _page(built, "SKOS").find_all("p", "glossterm-status")
    assert [p.text for p in preferred] == ["Status: bevorzugte Benennung"]


def test_a_link_to_a_stub_goes_to_the_expanded_entry(built: SphinxTestApp) -> None:
    page = _page(built, "SKOS")
    lead_links = [a for a in page.find_all("a", "glossterm-link") if a.text == "TBX"]
    assert lead_links, "the links to the TBX stub"
    for link in lead_links:
        assert link.attrs["href"] == "TermBase-eXchange.html#TermBase-eXchange"
        assert link.attrs["title"] == "Das Austauschformat für Terminologie"
        (abbr,) = link.find_all("abbr")
        assert abbr.attrs["title"] == "TermBase eXchange"
    # The stub's own page is still built, for readers who come by its address.
    assert (Path(built.outdir) / "terms" / "TBX.html").is_file()


def test_the_backlink_to_a_stub_stays_on_the_stub(built: SphinxTestApp) -> None:
    section = _page(built, "TermBase-eXchange").find_all(cls="glossterm-backlinks")[0]
    hrefs = [a.attrs["href"] for a in section.find_all("a")]
    assert "TBX.html#TBX" in hrefs


def test_both_readers_agree(tmp_path: Path) -> None:
    fast, _ = assert_same(copy_root("terminology", tmp_path / "src"))
    subtypes = {p.subtype for p in fast.problems}
    assert {"status", "retired_link"} <= subtypes


def _term(term_id: str, status: str = "", replaced_by: str = "") -> Term:
    return Term(
        term_id, term_id, term_id, term_id, f"{term_id}.md", 1,
        status=status, replaced_by=replaced_by,
    )  # fmt: skip


def test_replacement_follows_a_chain_and_stops_at_a_cycle() -> None:
    index = TermIndex(
        [
            _term("A", "superseded", "B"),
            _term("B", "deprecated", "C"),
            _term("C"),
            _term("X", "deprecated", "Y"),
            _term("Y", "deprecated", "X"),
            _term("P", "preferred", "C"),
        ],
        {},
    )
    assert replacement_of("A", index) == "C"
    assert replacement_of("B", index) == "C"
    assert replacement_of("C", index) is None
    assert replacement_of("X", index) == "Y"
    assert replacement_of("P", index) is None, "a preferred term needs no replacing"
    assert replacement_of("missing", index) is None


@pytest.mark.parametrize(
    ("title", "split"),
    [
        ("Low-Rank Adaptation (LoRA)", ("Low-Rank Adaptation", "LoRA")),
        ("Explainable AI (XAI)", ("Explainable AI", "XAI")),
        ("DL (Deep Learning)", ("Deep Learning", "DL")),
        ("GPT-4.5 (Stand Dezember 2024)", None),
        ("ChatGPT (OpenAI)", None),
        ("Transformer", None),
        ("Agent (Software)", None),
    ],
)
def test_title_abbreviations(title: str, split: tuple[str, str] | None) -> None:
    assert split_title(title) == split


def test_what_looks_like_an_abbreviation() -> None:
    assert [looks_like_abbreviation(w) for w in ("AGI", "LoRA", "T5", "CI/CD", "OpenAI", "KI")] == [
        True, True, True, True, False, True,
    ]  # fmt: skip
    assert abbreviates("TBX", "TermBase eXchange")
    assert not abbreviates("TBX", "Thesaurus")


# -- the list of abbreviations and the A–Z ------------------------------------------------------

LIST_ROWS = [
    ("KI", "Künstliche Intelligenz", "terms/Thesaurusformat.html#KI"),
    ("SKOS", "Simple Knowledge Organization System", "terms/SKOS.html#SKOS"),
    ("TBX", "TermBase eXchange", "terms/TermBase-eXchange.html#TermBase-eXchange"),
]


def _list_rows(page) -> list[tuple[str, str, str]]:
    (container,) = page.find_all("div", "glossterm-abbreviations")
    assert [h.text for h in container.find_all("h2")] == ["Abkürzungsverzeichnis"]
    rows = []
    for item in container.find_all("li"):
        (short,) = item.find_all("strong", "glossterm-abbreviation")
        (link,) = item.find_all("a")
        rows.append((short.text, link.text, link.attrs["href"]))
    return rows


def test_the_list_of_abbreviations_follows_the_index(built: SphinxTestApp) -> None:
    page = parse_html((Path(built.outdir) / "index.html").read_text(encoding="utf-8"))
    assert _list_rows(page) == LIST_ROWS


def test_the_index_sends_abbreviations_to_their_long_form(built: SphinxTestApp) -> None:
    page = parse_html((Path(built.outdir) / "index.html").read_text(encoding="utf-8"))
    rows = {
        row.find_all(cls="glossterm-index-name")[0].text: row.find_all("a")[0].attrs["href"]
        for row in page.find_all("p", "glossterm-index-alias")
    }
    assert rows == {
        "SKOS": "terms/SKOS.html#SKOS",  # from the title "… (SKOS)"
        "TBX": "terms/TermBase-eXchange.html#TermBase-eXchange",  # the stub, and the title
    }


def test_the_list_can_be_switched_off(tmp_path: Path) -> None:
    srcdir = copy_root("terminology", tmp_path / "src")
    app = build(srcdir, confoverrides={"glossterm_abbreviation_list": False})
    page = parse_html((Path(app.outdir) / "index.html").read_text(encoding="utf-8"))
    assert page.find_all("div", "glossterm-abbreviations") == []


def test_the_epub_has_the_list(tmp_path: Path) -> None:
    app = build(copy_root("terminology", tmp_path / "src"), "epub")
    page = parse_html((Path(app.outdir) / "index.xhtml").read_text(encoding="utf-8"))
    assert _list_rows(page) == [
        (short, long_form, href.replace(".html", ".xhtml")) for short, long_form, href in LIST_ROWS
    ]


@pytest.mark.pdf
def test_the_pdf_has_the_list_and_index_cross_references(tmp_path: Path) -> None:
    require_tex("pdflatex")
    app = build(copy_root("terminology", tmp_path / "src"), "latex")
    status, output, _ = run_latexmk(Path(app.outdir), "terminologie")
    assert status == 0, output[-2000:]
    book = PdfBook(Path(app.outdir) / "terminologie.pdf")
    text = book.text()
    # The list ends where the entries begin: at the first letter's heading.
    listing = re.search(r"^Abkürzungsverzeichnis\n(.*?)\n[A-Z]\n", text, re.S | re.M)
    assert listing is not None, text[:3000]
    lines = [line.strip("• ") for line in listing.group(1).splitlines() if "—" in line]
    assert [re.sub(r", S\. \d+$", "", line) for line in lines] == [
        f"{short} — {long_form}" for short, long_form, _ in LIST_ROWS
    ]
    assert all(re.search(r", S\. \d+$", line) for line in lines), "each row with its page"
    index = read_index(text, "Stichwortverzeichnis", "Terminologie-Test, Release 1.0")
    assert index.see == {
        "SKOS": "Simple Knowledge Organization System",
        "TBX": "TermBase eXchange",
    }


# -- exports ----------------------------------------------------------------------------------

TBX = "{urn:iso:std:iso:30042:ed-2}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _concepts(app: SphinxTestApp) -> dict[str, ET.Element]:
    root = ET.parse(Path(app.outdir) / "glossterm.tbx").getroot()
    assert root.tag == f"{TBX}tbx"
    assert (root.get("type"), root.get("style"), root.get(XML_LANG)) == ("TBX-Basic", "dca", "de")
    assert root.find(f"{TBX}tbxHeader/{TBX}fileDesc/{TBX}titleStmt/{TBX}title").text == (
        "Terminologie-Test"
    )
    concepts = root.findall(f"{TBX}text/{TBX}body/{TBX}conceptEntry")
    ids = [concept.get("id") for concept in concepts]
    assert len(ids) == len(set(ids))
    return dict(zip(ids, concepts, strict=True))


def _terms(concept: ET.Element) -> list[tuple[str, str | None, str | None]]:
    (section,) = concept.findall(f"{TBX}langSec")
    assert section.get(XML_LANG) == "de"
    rows = []
    for term_sec in section.findall(f"{TBX}termSec"):
        notes = {note.get("type"): note.text for note in term_sec.findall(f"{TBX}termNote")}
        rows.append(
            (
                term_sec.find(f"{TBX}term").text,
                notes.get("termType"),
                notes.get("administrativeStatus"),
            )
        )
    return rows


def test_tbx_concepts_terms_and_status(built: SphinxTestApp) -> None:
    concepts = _concepts(built)
    # The stub TBX is no concept: its abbreviation is a term of the concept it leads to.
    assert sorted(concepts) == [
        "c-Altformat", "c-KI", "c-SKOS", "c-TermBase-eXchange", "c-Thesaurusformat", "c-Wortliste",
    ]  # fmt: skip
    assert _terms(concepts["c-TermBase-eXchange"]) == [
        ("TermBase eXchange", "fullForm", None),
        ("TBX", "abbreviation", None),
    ]
    assert _terms(concepts["c-Altformat"]) == [("MARTIF", None, "supersededTerm-admn-sts")]
    assert _terms(concepts["c-Thesaurusformat"]) == [
        ("Thesaurusformat", None, "deprecatedTerm-admn-sts")
    ]
    assert _terms(concepts["c-SKOS"])[0] == (
        "Simple Knowledge Organization System", "fullForm", "preferredTerm-admn-sts",
    )  # fmt: skip
    assert _terms(concepts["c-Wortliste"]) == [("Wortliste", None, None)], "unknown status"
    definition = concepts["c-TermBase-eXchange"].find(f"{TBX}langSec/{TBX}descrip")
    assert (definition.get("type"), definition.text) == (
        "definition",
        "Das Austauschformat für Terminologie",
    )


def test_tbx_cross_references_point_at_concepts(built: SphinxTestApp) -> None:
    concepts = _concepts(built)
    for concept in concepts.values():
        children = [child.tag for child in concept]
        # TBX core structure: the concept's refs come before its language sections.
        assert children == sorted(children, key=lambda tag: tag != f"{TBX}ref")
        for ref in concept.findall(f"{TBX}ref"):
            assert ref.get("type") == "crossReference"
            assert ref.get("target") in concepts
    targets = {ref.get("target") for ref in concepts["c-SKOS"].findall(f"{TBX}ref")}
    # SKOS lists the stub TBX: the reference goes to the concept the stub belongs to.
    assert targets == {"c-TermBase-eXchange", "c-Thesaurusformat"}
    replaced = [ref.get("target") for ref in concepts["c-Altformat"].findall(f"{TBX}ref")]
    assert replaced[0] == "c-TermBase-eXchange"


def test_skos_marks_deprecated_concepts(built: SphinxTestApp) -> None:
    graph = Graph().parse(Path(built.outdir) / "glossterm.ttl", format="turtle")
    by_label = {str(label): subject for subject, label in graph.subject_objects(SKOS.prefLabel)}
    martif = by_label["MARTIF"]
    assert graph.value(martif, OWL.deprecated) == Literal(True)
    assert graph.value(martif, DCTERMS.isReplacedBy) == by_label["TermBase eXchange (TBX)"]
    deprecated = {str(graph.value(s, SKOS.prefLabel)) for s in graph.subjects(OWL.deprecated, None)}
    assert deprecated == {"MARTIF", "Thesaurusformat"}
    labels = set(graph.objects(by_label["TermBase eXchange (TBX)"], SKOS.altLabel))
    assert labels == {Literal("TBX", lang="de")}, "the abbreviation, from the title and the stub"


def test_graph_json_carries_status_and_abbreviations(built: SphinxTestApp) -> None:
    data = json.loads((Path(built.outdir) / "glossterm-graph.json").read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    nodes = {node["id"]: node for node in data["nodes"]}
    assert (nodes["Altformat"]["status"], nodes["Altformat"]["replaced_by"]) == (
        "superseded",
        "TermBase-eXchange",
    )
    assert nodes["Wortliste"]["status"] == ""
    assert (nodes["TBX"]["abbreviation"], nodes["TBX"]["expansion"]) == ("TBX", "TermBase eXchange")


# -- parallel and incremental builds ------------------------------------------------------------


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    serial = build(copy_root("terminology", tmp_path / "serial"), parallel=1)
    parallel = build(copy_root("terminology", tmp_path / "parallel"), parallel=2)
    for name in ("glossterm.tbx", "glossterm.ttl", "index.html", "terms/SKOS.html"):
        assert (Path(serial.outdir) / name).read_bytes() == (
            Path(parallel.outdir) / name
        ).read_bytes(), name

    def relative(app: SphinxTestApp, root: Path) -> list[str]:
        return [line.replace(str(root) + "/", "") for line in warnings_of(app)]

    assert relative(serial, tmp_path / "serial") == relative(parallel, tmp_path / "parallel")


def test_a_changed_long_entry_reaches_the_links_to_its_stub(tmp_path: Path) -> None:
    srcdir = copy_root("terminology", tmp_path / "src")
    (srcdir / "terms" / "Austausch.md").write_text(
        "## Austausch {#Austausch .term}\n\nDateien im Format [TBX](#TBX).\n", encoding="utf-8"
    )
    build(srcdir)
    time.sleep(0.01)
    long_entry = srcdir / "terms" / "TermBase-eXchange.md"
    long_entry.write_text(
        long_entry.read_text(encoding="utf-8").replace(
            "***Das Austauschformat für Terminologie***", "***Ein neuer Untertitel***"
        ),
        encoding="utf-8",
    )
    app = build(srcdir)
    # Austausch.md links only to the stub #TBX, whose links show the long entry's tagline.
    assert "terms/Austausch" in _written(app)
    page = _page(app, "Austausch")
    link = next(a for a in page.find_all("a", "glossterm-link") if a.text == "TBX")
    assert link.attrs["title"] == "Ein neuer Untertitel"


def test_a_new_status_reaches_the_tbx_and_the_page(tmp_path: Path) -> None:
    srcdir = copy_root("terminology", tmp_path / "src")
    build(srcdir)
    time.sleep(0.01)
    tbx = srcdir / "terms" / "TBX.md"
    tbx.write_text(
        tbx.read_text(encoding="utf-8").replace(
            "{#TBX .chapter .small .term}", "{#TBX .term status=admitted}"
        ),
        encoding="utf-8",
    )
    app = build(srcdir)
    lines = [p.text for p in _page(app, "TBX").find_all("p", "glossterm-status")]
    assert lines == ["Status: zugelassene Benennung"]
    data = json.loads((Path(app.outdir) / "glossterm-graph.json").read_text(encoding="utf-8"))
    assert {node["id"]: node["status"] for node in data["nodes"]}["TBX"] == "admitted"
