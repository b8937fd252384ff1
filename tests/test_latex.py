"""The glossary as a LaTeX book (issue 5): the .tex we write, and the PDFs it gives.

``tests/roots/test-latex`` is a small German glossary: umlaut-initial terms
(Äquivalenz, Ölpreis, Übung) beside Apfel, Ozean and Umlaut, a box section
with a grid table (spans, caption, foot), symbols pdflatex does not know, an
emoji and Chinese characters no default font has, see-also lists with a
missing and a planned target, and a page (``anhang``) that gathers two
entries, which LaTeX then sets as sections.

The first tests read the .tex; those marked ``pdf`` run latexmk as Read the
Docs does, with each engine, and open the PDF with pypdf.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sphinx_glossterm.book.latex import BookIndex, destination_name
from sphinx_glossterm.book.latex_chars import PDFLATEX_DEFINITIONS, CharacterSupport
from sphinx_glossterm.model.collation import letter_of, sort_key

from .books import (
    CHAPTER_LABEL,
    ENGINE_RUN,
    TYPEWRITER,
    PdfBook,
    log_problems,
    read_index,
    require_tex,
    run_latexmk,
)
from .projects import build, copy_root, warnings_of

ENTRIES = {
    # id: (title, docname)
    "Apfel": ("Apfel", "terms/Apfel"),
    "Ozean": ("Ozean", "terms/Ozean"),
    "Umlaut": ("Umlaut", "terms/Umlaut"),
    "Zebra": ("Zebra", "terms/Zebra"),
    "Äquivalenz": ("Äquivalenz", "terms/Äquivalenz"),
    "Ölpreis": ("Ölpreis", "terms/Ölpreis"),
    "Übung": ("Übung", "terms/Übung"),
    "Kapitel": ("Kapitel", "anhang"),
    "Seite": ("Seite", "anhang"),
}
SEE_ALSO = {
    "Äquivalenz": ["Apfel", "Übung"],
    "Apfel": ["Äquivalenz", "Zebra"],
    "Ölpreis": ["Äquivalenz", "Ozean"],
    "Ozean": ["Ölpreis"],
    "Übung": ["Umlaut"],
    "Umlaut": ["Übung"],
    "Zebra": ["Apfel"],
    "Kapitel": ["Apfel", "Seite"],
    "Seite": ["Kapitel"],
}
JOBNAME = "testglossar"
LATEXMK_OUTPUT = "latexmk-output.txt"


def _latex(tmp_path: Path, **confoverrides: object) -> tuple[str, list[str], Path]:
    srcdir = copy_root("latex", tmp_path / "src")
    app = build(srcdir, "latex", confoverrides=confoverrides)
    outdir = Path(app.outdir)
    return (outdir / f"{JOBNAME}.tex").read_text(encoding="utf-8"), warnings_of(app), outdir


@pytest.fixture(scope="module")
def latex_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str], Path]:
    """The test root built with the latex builder (pdflatex): .tex text, warnings, outdir."""
    return _latex(tmp_path_factory.mktemp("latex"))


@pytest.fixture(scope="module")
def manual_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str], Path]:
    """The test root built in the ``manual`` layout (Sphinx's: entries as chapters)."""
    return _latex(tmp_path_factory.mktemp("manual"), glossterm_latex_layout="manual")


def _chunk(tex: str, start: str, end: str) -> str:
    begin = tex.index(start)
    return tex[begin : tex.index(end, begin + len(start))]


# --------------------------------------------------------------------------- the .tex


def test_manual_entries_are_chapters_or_sections(
    manual_build: tuple[str, list[str], Path],
) -> None:
    """Manual layout: a term page's entry is a chapter; entries of one page are sections."""
    tex, _, _ = manual_build
    for ident in ("Apfel", "Äquivalenz", "Ölpreis", "Übung"):
        assert f"\\chapter{{{ident}}}" in tex
    # .chapter on an entry set as a section starts a new page; without it, none.
    assert re.search(r"\\glosstermchapterbreak\s*\\section\{Kapitel\}", tex)
    assert not re.search(r"\\glosstermchapterbreak\s*\\section\{Seite\}", tex)
    assert not re.search(r"\\glosstermchapterbreak\s*\\chapter", tex)
    # See-also lists stay lists; the entries keep the toctree's order.
    apfel = _chunk(tex, "\\chapter{Apfel}", "\\chapter{")
    assert "\\begin{itemize}" in apfel and "\\glosstermlinksep" not in apfel
    assert tex.index("\\chapter{Zebra}") < tex.index("\\chapter{Äquivalenz}")


def test_dictionary_entries_run_on_in_din_order(latex_build: tuple[str, list[str], Path]) -> None:
    """Dictionary layout: entries A–Z (Ä with A) under letter headings, whatever the file
    names say; no chapter or section of Sphinx's for them, no new page for ``.chapter``."""
    tex, _, _ = latex_build
    headings = re.findall(r"\\glossterm(letter|entry)\{([^{}]*)\}", tex)
    # The term pages of the toctree, then the two entries gathered on the page "Anhang".
    assert headings == [
        ("letter", "A"), ("entry", "Apfel"), ("entry", "Äquivalenz"),
        ("letter", "O"), ("entry", "Ölpreis"), ("entry", "Ozean"),
        ("letter", "U"), ("entry", "Übung"), ("entry", "Umlaut"),
        ("letter", "Z"), ("entry", "Zebra"),
        ("letter", "K"), ("entry", "Kapitel"), ("letter", "S"), ("entry", "Seite"),
    ]  # fmt: skip
    body = tex[tex.index("\\glosstermletter{A}") :]
    # Only the page that is no entry ("Anhang") is a chapter; entries have no \section.
    assert re.findall(r"\\(chapter|section)\{([^{}]*)\}", body) == [("chapter", "Anhang")]
    assert "\\glosstermchapterbreak" not in tex
    assert "\\glosstermsubheading{1}{Zeichen}" in body


def test_dictionary_package_options(tmp_path: Path) -> None:
    """The options reach the package: letters-only contents, two columns, manual."""
    tex, _, _ = _latex(tmp_path / "a", glossterm_latex_toc="letters", glossterm_latex_columns=2)
    assert "\\usepackage[dictionary,tocletters,twocolumn]{sphinxglossterm}" in tex
    assert tex.index("\\glosstermentriesbegin") < tex.index("\\glosstermletter{A}")
    assert tex.index("\\glosstermentry{Zebra}") < tex.index("\\glosstermentriesend")
    tex, _, _ = _latex(tmp_path / "b", glossterm_latex_layout="manual")
    assert "\\usepackage[manual]{sphinxglossterm}" in tex
    assert "\\glosstermentry" not in tex and "\\glosstermletter" not in tex


def test_index_styles_join_ranges_with_an_en_dash(tmp_path: Path) -> None:
    """sphinx.xdy (xindy) and python.ist (makeindex) get \\textendash as range separator."""
    _, _, outdir = _latex(tmp_path, latex_engine="xelatex")
    xdy = (outdir / "sphinx.xdy").read_text(encoding="utf-8")
    assert xdy.rstrip().endswith('(markup-range :sep "\\textendash{}")')
    ist = (outdir / "python.ist").read_text(encoding="utf-8")
    assert ist.rstrip().endswith('delim_r "\\\\textendash{}"')


@pytest.mark.parametrize("layout", ["dictionary", "manual"])
def test_every_entry_has_a_named_destination(
    layout: str,
    latex_build: tuple[str, list[str], Path],
    manual_build: tuple[str, list[str], Path],
) -> None:
    """Right after each entry's heading: ``\\glosstermtarget{<id>}``, the id escaped."""
    tex, _, _ = latex_build if layout == "dictionary" else manual_build
    label = r"\\label\{\\detokenize\{[^}]*\}\}"
    heading = "glosstermentry" if layout == "dictionary" else "(?:chapter|section)"
    for ident, (title, _) in ENTRIES.items():
        pattern = rf"\\{heading}\{{{re.escape(title)}\}}\s*(?:{label})+"
        pattern += re.escape(f"\\glosstermtarget{{{destination_name(ident)}}}")
        assert re.search(pattern, tex), ident
    assert destination_name("Äquivalenz") == "_xc4quivalenz"
    assert destination_name("GPT-4.5") == "GPT-4.5"


def test_tagline_small_and_typed_sections(latex_build: tuple[str, list[str], Path]) -> None:
    """Tagline, compact body and typed sections sit in the environments the .sty styles."""
    tex, _, outdir = latex_build
    entry = _chunk(tex, "\\glosstermentry{Äquivalenz}", "\\glosstermentry{")
    assert "\\begin{sphinxuseclass}{glossterm-small}" in entry
    assert re.search(
        r"\\begin\{sphinxuseclass\}\{glossterm-tagline\}\s*\\sphinxAtStartPar\s*"
        r"Zwei Dinge, die dasselbe bedeuten",
        entry,
    )
    haiku = _chunk(entry, "\\glosstermsubheading{1}{Haiku zur Äquivalenz}", "\\glosstermsub")
    for name in ("glossterm-section", "glossterm-section-haiku", "glossterm-box"):
        assert f"\\begin{{sphinxuseclass}}{{{name}}}" in haiku
    # The grid table keeps its caption, its spanning cells and its foot row.
    assert "\\sphinxcaption{Ein Haiku mit Zeilen und Silben}" in haiku
    assert "\\sphinxmultirow{2}" in haiku  # "fünf und sieben" spans two rows
    assert "\\sphinxstartmulticolumn{2}" in haiku  # "Zusammen" spans two columns
    assert haiku.index("Zusammen") < haiku.index("Summe") < haiku.index("\\end{tabulary}")
    sty = (outdir / "sphinxglossterm.sty").read_text(encoding="utf-8")
    assert "\\newenvironment{sphinxclassglossterm-box}" in sty
    assert "\\usepackage[dictionary]{sphinxglossterm}" in tex
    assert "\\usepackage{sphinxglosstermchars}" in tex


def test_see_also_links_print_their_page(latex_build: tuple[str, list[str], Path]) -> None:
    """Each resolved see-also link is followed by its page; missing and planned are plain."""
    tex, _, _ = latex_build
    entry = _chunk(tex, "\\glosstermentry{Apfel}", "\\glosstermentry{")
    seealso = _chunk(entry, "\\glosstermsubheading{1}{Siehe auch}", "\\glosstermsubheading")
    assert (
        "{\\hyperref[\\detokenize{terms/Zebra:Zebra}]{\\sphinxcrossref{\\DUrole{xref}"
        "{\\DUrole{glossterm}{Zebra}}}}}\\glosstermpageref{S.}{\\detokenize{terms/Zebra:Zebra}}"
    ) in seealso
    assert "\\glosstermpageref{S.}{\\detokenize{index::doc}}" in seealso  # [Index](#Index)
    assert "\\DUrole{glossterm-missing}{Fehlend}" in seealso
    assert re.search(r"\\DUrole\{glossterm-planned\}\{Geplant", seealso)
    assert seealso.count("\\glosstermpageref") == 3  # Äquivalenz, Zebra, Index
    # "Referenced by" is there, in its own environment, with pages.
    # The list runs on: one paragraph, the links separated by \glosstermlinksep.
    assert "\\begin{itemize}" not in seealso
    assert seealso.count("\\glosstermlinksep{}") == 4  # five links
    backlinks = entry[entry.index("\\glosstermsubheading{1}{Referenziert von}") :]
    assert "\\begin{sphinxuseclass}{glossterm-backlinks}" in backlinks
    assert "\\glosstermpageref{S.}{\\detokenize{terms/_xc4quivalenz:_xc4quivalenz}}" in backlinks


def test_index_entries_carry_sort_keys(latex_build: tuple[str, list[str], Path]) -> None:
    """Entries and mentions are indexed as ``key@\\spxentry{Name}``, keys in DIN 5007 order."""
    tex, _, _ = latex_build
    pattern = r"\\index\{([^@{}]+)@\\spxentry\{([^{}]+)\}(\|spxpagem|\|see\{[^{}]+\})?\}"
    entries = re.findall(pattern, tex)
    # An alias sends the reader to its entry: "Gleichwertigkeit, siehe Äquivalenz".
    assert [(name, mark) for _, name, mark in entries if mark.startswith("|see")] == [
        ("Gleichwertigkeit", "|see{Äquivalenz}")
    ]
    main = {name: key for key, name, is_main in entries if is_main}
    assert set(main) == {*(title for title, _ in ENTRIES.values()), "Gleichwertigkeit"}
    # Keys group by the letter a reader looks under: Ä with A, Ö with O, Ü with U ...
    assert {name: key[0] for name, key in main.items()} == {
        name: letter_of(name).lower() for name in main
    }
    # ... and sort as the HTML index does.
    assert sorted(main, key=main.__getitem__) == sorted(main, key=sort_key)
    # Mentions: the same key as the entry, without the main-page mark.
    mentions = [(key, name) for key, name, mark in entries if not mark]
    assert ("Ölpreis" in {name for _, name in mentions}) and all(
        main[name] == key for key, name in mentions
    )
    # No entry of Sphinx's own for our terms is left: it would sort Ä after Z.
    assert "\\index{Äquivalenz@" not in tex


def test_unprintable_characters_are_warned_and_replaced(
    latex_build: tuple[str, list[str], Path],
) -> None:
    """An emoji and Chinese characters: a glossterm.unicode warning each, [U+...] in the .tex."""
    tex, warnings, _ = latex_build
    unicode = [line for line in warnings if "[glossterm.unicode]" in line]
    assert any("Zebra.md:3:" in line and "U+1F600" in line for line in unicode), unicode
    assert any("Zebra.md:7:" in line and "U+6591" in line for line in unicode), unicode
    assert any("Zebra.md:7:" in line and "U+9A6C" in line for line in unicode), unicode
    assert all("pdflatex cannot typeset" in line for line in unicode)
    assert "😀" not in tex and "斑" not in tex
    assert "\\glosstermmissingchar{1F600}" in tex
    assert re.search(r"Zebra.*6591", tex)  # in code: [U+6591] as text, highlighted
    # Symbols pdflatex does not know by itself are declared, not replaced.
    assert "≥" in tex and "α" in tex


def test_character_package(tmp_path: Path, latex_build: tuple[str, list[str], Path]) -> None:
    """pdflatex gets \\DeclareUnicodeCharacter lines; the project's own renderings win."""
    _, _, outdir = latex_build
    sty = (outdir / "sphinxglosstermchars.sty").read_text(encoding="utf-8")
    assert "\\DeclareUnicodeCharacter{2265}{\\ensuremath{\\geq}}" in sty
    assert "\\DeclareUnicodeCharacter{03B1}{\\ensuremath{\\alpha}}" in sty
    assert "{00E4}" not in sty  # ä is the kernel's
    tex, warnings, outdir = _latex(
        tmp_path, glossterm_latex_characters={"😀": r"\textbf{:-)}"}, latex_engine="xelatex"
    )
    sty = (outdir / "sphinxglosstermchars.sty").read_text(encoding="utf-8")
    assert "\\newunicodechar{😀}{\\textbf{:-)}}" in sty
    assert "\\DeclareUnicodeCharacter" not in sty
    assert "😀" in tex
    unicode = [line for line in warnings if "[glossterm.unicode]" in line]
    assert unicode and all("U+1F600" not in line and "xelatex" in line for line in unicode)


def test_xindy_options_reach_a_bare_latexmk(tmp_path: Path) -> None:
    """With xindy (xelatex's default), latexmkrc sets XINDYOPTS as the Makefile does."""
    _, _, outdir = _latex(tmp_path, latex_engine="xelatex")
    latexmkrc = (outdir / "latexmkrc").read_text(encoding="utf-8")
    assert "$ENV{'XINDYOPTS'} //= '-L german-din5007 -C utf8 -M sphinx.xdy';" in latexmkrc
    assert latexmkrc.index("XINDYOPTS'} //=") < latexmkrc.index("$makeindex")


def test_options_turn_pagerefs_and_mentions_off(tmp_path: Path) -> None:
    """glossterm_latex_pagerefs and glossterm_latex_index_mentions do what they say."""
    tex, _, _ = _latex(
        tmp_path, glossterm_latex_pagerefs=False, glossterm_latex_index_mentions=False
    )
    assert "\\glosstermpageref" not in tex
    assert not re.search(r"\\index\{[^}]*\}\}\}(?!\|)", tex.replace("|spxpagem", ""))
    assert "|spxpagem}" in tex


def test_entries_root_in_english(tmp_path: Path) -> None:
    """test-entries: "p." for pages; a second entry with an id gets the destination ``-2``."""
    app = build(copy_root("entries", tmp_path / "src"), "latex")
    (tex_path,) = Path(app.outdir).glob("*.tex")
    tex = tex_path.read_text(encoding="utf-8")
    assert "\\glosstermpageref{p.}{\\detokenize{terms/Beta:Beta}}" in tex
    assert "\\glosstermtarget{gamma-2}" in tex  # the H3 term of Beta.md
    assert "\\glosstermtarget{Alpha}" in tex and "\\glosstermtarget{Alpha-2}" in tex
    alpha = _chunk(tex, "\\glosstermentry{Alpha}", "\\glosstermentry{")
    assert alpha.index("\\glosstermtarget{Alpha}") < alpha.index("\\index{")
    assert "\\glosstermsubheading{1}{Referenced by}" in alpha


def test_book_index_keys_and_destinations() -> None:
    """Keys rank the HTML index's rows; a second entry with an id gets ``-2``."""
    from sphinx_glossterm.model.records import Term

    def term(ident: str, title: str, docname: str, aliases: tuple[str, ...] = ()) -> Term:
        return Term(
            id=ident, title=title, docname=docname, anchor=ident, source=f"{docname}.md",
            line=1, tagline="", aliases=aliases, classes=(), sections=(), links=(),
            summary="", inferred=False,
        )  # fmt: skip

    first, second = term("X", "Xylophon", "a"), term("X", "Xylophon", "b")
    terms = [term("3D", "3D-Druck", "c"), term("Ä", "Ärger", "d", ("Zorn",)), first, second]
    book = BookIndex(terms, {"X": first, "3D": terms[0], "Ä": terms[1]})
    assert book.destinations["a", "X"] == "X"
    assert book.destinations["b", "X"] == "X-2"
    assert book.destinations["d", "Ä"] == "_xc4"
    keys = {name: key for (_, _, name), key in book.keys.items()}
    assert keys["3D-Druck"].isdigit()
    assert keys["Ärger"].startswith("a") and keys["Zorn"].startswith("z")


def test_every_definition_is_one_character() -> None:
    """The pdflatex table maps single characters, none of them ASCII."""
    assert all(len(char) == 1 and ord(char) > 127 for char in PDFLATEX_DEFINITIONS)
    support = CharacterSupport("pdflatex", {})
    assert support.printable("ä") and support.printable("≥") and not support.printable("😀")
    assert CharacterSupport("xelatex", {}).printable("≥")
    assert CharacterSupport("pdflatex", {}, check=False).printable("😀")
    assert CharacterSupport("platex", {}).printable("漢")  # fonts we do not know: no check


# --------------------------------------------------------------------------- the PDFs


@pytest.fixture(scope="module", params=["pdflatex", "xelatex", "lualatex"])
def pdf_build(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path, int, str]:
    """The test root built to PDF with one engine: (engine, pdf, latexmk status, log)."""
    engine = request.param
    require_tex(engine)
    _, _, outdir = _latex(tmp_path_factory.mktemp(engine), latex_engine=engine)
    status, output, log = run_latexmk(outdir, JOBNAME)
    (outdir / LATEXMK_OUTPUT).write_text(output, encoding="utf-8")
    return engine, outdir / f"{JOBNAME}.pdf", status, log


@pytest.mark.pdf
def test_pdf_builds_with_a_clean_log(pdf_build: tuple[str, Path, int, str]) -> None:
    """latexmk exits 0; no errors, undefined references or missing characters."""
    engine, pdf, status, log = pdf_build
    assert status == 0, f"latexmk ({engine}) failed"
    assert pdf.is_file()
    assert log_problems(log) == []


@pytest.mark.pdf
def test_latexmk_settles_after_two_runs(pdf_build: tuple[str, Path, int, str]) -> None:
    """The index's heading stands in for it in the first run: two runs, and a third adds nothing."""
    engine, pdf, status, _ = pdf_build
    assert status == 0
    outdir = pdf.parent
    output = (outdir / LATEXMK_OUTPUT).read_text(encoding="utf-8")
    assert len(ENGINE_RUN.findall(output)) == 2, f"{engine}: {ENGINE_RUN.findall(output)}"
    toc = (outdir / f"{JOBNAME}.toc").read_text(encoding="utf-8")
    assert "{Stichwortverzeichnis}" in toc
    written = {suffix: (outdir / f"{JOBNAME}{suffix}").read_bytes() for suffix in (".toc", ".out")}
    aux = (outdir / f"{JOBNAME}.aux").read_bytes()
    # Forced once more (-g): the contents, bookmarks and labels come out the same.
    status, again, _ = run_latexmk(outdir, JOBNAME, "-g")
    assert status == 0 and len(ENGINE_RUN.findall(again)) == 1, again
    for suffix, content in written.items():
        assert (outdir / f"{JOBNAME}{suffix}").read_bytes() == content, suffix
    assert (outdir / f"{JOBNAME}.aux").read_bytes() == aux


@pytest.mark.pdf
def test_pdf_bookmarks_destinations_and_links(pdf_build: tuple[str, Path, int, str]) -> None:
    """A bookmark and a named destination per entry; see-also links go to their pages."""
    _, pdf, status, _ = pdf_build
    assert status == 0
    book = PdfBook(pdf)
    pages = {}
    for ident, (title, _) in ENTRIES.items():
        name = destination_name(ident)
        assert name in book.destinations, f"no named destination {name!r}"
        pages[ident] = book.destinations[name]
        marks = [page for text, _, page in book.bookmarks if text == title]
        assert marks == [pages[ident]], f"bookmark of {title!r}: {marks}, entry on {pages[ident]}"
    starts = sorted(pages.values())
    for ident, targets in SEE_ALSO.items():
        first = pages[ident]
        last = next((page for page in starts if page > first), len(book.reader.pages) - 1)
        found = {link.target_page for link in book.links if first <= link.page <= last}
        text = book.text(first, last)
        for target in targets:
            assert pages[target] in found, f"{ident}: no link to {target} on p. {pages[target]}"
            label = book.page_label(pages[target])
            assert f"{ENTRIES[target][0]}, S. {label}" in " ".join(text.split()), (ident, target)


@pytest.mark.pdf
def test_pdf_text_and_index(pdf_build: tuple[str, Path, int, str]) -> None:
    """Umlauts and symbols come out as text; the index puts Ä, Ö, Ü under A, O, U."""
    engine, pdf, status, _ = pdf_build
    assert status == 0
    book = PdfBook(pdf)
    text = book.text()
    for word in ("Äquivalenz", "Ölpreis", "Übung", "„deutsche“", "Gleichwertigkeit", "≥", "→"):
        assert word in text, f"{word!r} not in the text ({engine})"
    assert "[U+1F600]" in text
    pages = book.index_pages("Stichwortverzeichnis")
    index_text = book.text(pages.start, pages.stop - 1)
    index = read_index(index_text, "Stichwortverzeichnis", "Stichwortverzeichnis")
    assert [heading for heading, _ in index.headings] == ["A", "G", "K", "O", "S", "U", "Z"]
    groups = {name: index.group_of(position) for position, name in enumerate(index.names)}
    assert groups["Äquivalenz"] == "A" and groups["Ölpreis"] == "O" and groups["Übung"] == "U"
    assert index.names == sorted(index.names, key=sort_key)
    assert index.names.index("Apfel") < index.names.index("Äquivalenz")
    assert index.names.index("Ölpreis") < index.names.index("Ozean")
    assert index.names.index("Übung") < index.names.index("Umlaut")


def heads_name_headwords(book: PdfBook, titles: dict[str, int], pages: range) -> list[str]:
    """Pages of ``pages`` whose running head names no headword of the page.

    ``titles`` maps each headword to the page its entry starts on; a head may
    name an entry that starts on the page or the one that runs on from before.
    """
    problems = []
    starts = sorted(titles.items(), key=lambda item: (item[1], sort_key(item[0])))
    for page in pages:
        on_page = {title for title, start in starts if start == page}
        before = [title for title, start in starts if start < page]
        allowed = on_page | set(before[-1:])
        squashed = {re.sub(r"[\s-]", "", title) for title in allowed}
        if re.sub(r"[\s-]", "", book.head(page)) not in squashed:
            problems.append(f"page {page + 1}: head {book.head(page)!r}, not one of {allowed}")
    return problems


@pytest.mark.pdf
def test_pdf_reads_like_a_dictionary(pdf_build: tuple[str, Path, int, str]) -> None:
    """A4; bookmarks: letters with their entries in DIN order; no chapter labels; heads
    name headwords of their page; the index in the body font, with "siehe" for aliases."""
    engine, pdf, status, _ = pdf_build
    assert status == 0
    book = PdfBook(pdf)
    assert book.size() == (595, 842)
    marks = [(title, depth) for title, depth, _ in book.bookmarks]
    terms = marks[marks.index(("A", 0)) : marks.index(("Anhang", 0))]
    assert terms == [
        ("A", 0), ("Apfel", 1), ("Äquivalenz", 1), ("O", 0), ("Ölpreis", 1), ("Ozean", 1),
        ("U", 0), ("Übung", 1), ("Umlaut", 1), ("Z", 0), ("Zebra", 1),
    ]  # fmt: skip
    assert not CHAPTER_LABEL.search("\n".join(book.page_texts))
    assert not any(re.match(r"\d+(\.\d+)*\s", title) for title, _ in marks)
    starts = {title: book.destinations[destination_name(i)] for i, (title, _) in ENTRIES.items()}
    index = book.index_pages("Stichwortverzeichnis")
    # The pages of the term pages' entries (the chapter "Anhang" opens without a head).
    appendix = next(page for title, _, page in book.bookmarks if title == "Anhang")
    assert heads_name_headwords(book, starts, range(min(starts.values()), appendix)) == []
    for page in index:
        assert not {font for font in book.fonts(page) if TYPEWRITER.search(font)}, engine
    index_text = " ".join(book.text(index.start, index.stop - 1).split())
    assert "Gleichwertigkeit, siehe Äquivalenz" in index_text
