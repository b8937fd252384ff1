"""Term status and abbreviations: read by both readers, warned, shown on the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_glossterm.model.abbreviations import abbreviates, looks_like_abbreviation, split_title
from sphinx_glossterm.model.records import Term
from sphinx_glossterm.model.status import replacement_of
from sphinx_glossterm.model.term_index import TermIndex

from .books import PdfBook, read_index, require_tex, run_latexmk
from .htmlparts import parse_html
from .projects import build, copy_root, warnings_of
from .test_check_readers import assert_same


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
    listing = re.search(r"Abkürzungsverzeichnis\n(.*?)\n(?:KAPITEL|\d+\nKAPITEL)", text, re.S)
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
