"""Acceptance tests of issue 5 on the real corpus: the glossary as a PDF book.

The 222 files of ``../shared/corpus/ki-glossar`` are built unchanged with the
commands Read the Docs runs (``sphinx -b latex``, then ``latexmk -r latexmkrc
-pdf -f ...``), once with pdflatex (Read the Docs' default, with makeindex)
and once with xelatex (with xindy), and the PDF is read back with pypdf and
poppler.  What the PDF must hold is computed from the sources by the simple
scanners of ``sourcescan.py``: one entry per term heading (or per first
heading with an id, in a file without ``.term``), its title, its see-also links.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

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
from .conftest import CHECKOUT_DIR, require_tool
from .projects import build
from .sourcescan import Corpus, Heading, headings, link_uses, term_headings

pytestmark = [pytest.mark.corpus, pytest.mark.pdf]

# What a user publishing the book sets besides the two lines the corpus builds with.
CONF_PY = """\
extensions = ["sphinx_glossterm"]
language = "de"
project = "KI-Glossar"
author = "Kurt Pfeifle"
copyright = "2025, Kurt Pfeifle"
version = release = "2025.3"
"""
JOBNAME = "ki-glossar"
INDEX_TITLE = "Stichwortverzeichnis"
# The dictionary's running heads name headwords; the index's name the index.
RUNNING_HEAD = INDEX_TITLE
# Pandoc's PDF of the same files with the author's settings (xelatex, A4, 11 pt,
# 2 cm margins): measured by benchmarks/print.py on these machines.
PANDOC_PAGES = 661
TOC_PAGES = 8
SEED_ID = "Large-Multimodal-Model"
ARTIFACTS = CHECKOUT_DIR / "_artifacts"


@dataclass(frozen=True)
class Entry:
    """An entry as the sources declare it."""

    file: str
    heading: Heading

    @property
    def title(self) -> str:
        """The heading's text as a PDF shows it: without Markdown emphasis."""
        return " ".join(self.heading.title.replace("*", "").replace("`", "").split())


def source_entries(corpus: Corpus) -> list[Entry]:
    """Every entry: the ``.term`` headings, or a file's first heading with an id."""
    entries = []
    for name, text in corpus.files.items():
        found = term_headings(text)
        if not found:
            first = next(iter(headings(text)), None)
            found = [first] if first is not None and first.id and first.level <= 3 else []
        entries.extend(Entry(name, heading) for heading in found)
    return entries


def winners(entries: list[Entry]) -> dict[str, Entry]:
    """For each id, the entry links go to: the file named after the id, else the first."""
    chosen: dict[str, Entry] = {}
    for entry in sorted(entries, key=lambda e: (Path(e.file).stem != e.heading.id, e.file)):
        chosen.setdefault(entry.heading.id or "", entry)
    return chosen


def see_also_targets(text: str, entry_lines: list[int]) -> dict[int, list[str]]:
    """The see-also link targets of each entry of a file, by the entry's heading line."""
    result: dict[int, list[str]] = {line: [] for line in entry_lines}
    sections = [h for h in headings(text) if "seealso" in h.classes]
    all_lines = sorted({h.line for h in headings(text)} | set(entry_lines))
    for section in sections:
        owner = max((line for line in entry_lines if line < section.line), default=None)
        end = next((line for line in all_lines if line > section.line), 10**9)
        if owner is not None:
            result[owner] += [u.target for u in link_uses(text) if section.line < u.line < end]
    return result


def entry_destinations(entries: list[Entry]) -> list[tuple[Entry, str]]:
    """Each entry's named destination: its id, or ``id-2`` ... after the entry links go to."""
    chosen = winners(entries)
    taken: dict[str, int] = {}
    result = []
    for entry in sorted(entries, key=lambda e: chosen.get(e.heading.id or "") is not e):
        base = destination_name(entry.heading.id or "")
        taken[base] = taken.get(base, 0) + 1
        result.append((entry, base if taken[base] == 1 else f"{base}-{taken[base]}"))
    return result


def destination_name(ident: str) -> str:
    """docs/print.md's scheme, written again: other characters as _xHH / _uHHHH."""
    return "".join(
        char
        if re.fullmatch(r"[A-Za-z0-9._-]", char)
        else (f"_x{ord(char):02x}" if ord(char) < 0x100 else f"_u{ord(char):04x}")
        for char in ident
    )


@dataclass
class CorpusPdf:
    """The corpus built to PDF with one engine."""

    engine: str
    status: int
    output: str
    log: str
    pdf: Path
    seconds: dict[str, float]


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path) -> Corpus:
    """The scanned source files."""
    return Corpus.read(corpus_dir)


@pytest.fixture(scope="module", params=["pdflatex", "xelatex"])
def corpus_pdf(
    request: pytest.FixtureRequest,
    corpus_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
    report: Callable[[str], None],
) -> CorpusPdf:
    """Build the unchanged corpus to PDF with one engine, as Read the Docs would."""
    engine = request.param
    require_tex(engine)
    srcdir = tmp_path_factory.mktemp(f"ki-glossar-{engine}")
    for source in corpus_dir.glob("*.md"):
        shutil.copyfile(source, srcdir / source.name)
    (srcdir / "conf.py").write_text(CONF_PY, encoding="utf-8")
    start = time.monotonic()
    app = build(srcdir, "latex", freshenv=True, confoverrides={"latex_engine": engine})
    middle = time.monotonic()
    status, output, log = run_latexmk(Path(app.outdir), JOBNAME)
    end = time.monotonic()
    seconds = {"sphinx": middle - start, "latexmk": end - middle}
    report(
        f"corpus PDF ({engine}): sphinx -b latex {seconds['sphinx']:.0f} s, "
        f"latexmk {seconds['latexmk']:.0f} s"
    )
    return CorpusPdf(engine, status, output, log, Path(app.outdir) / f"{JOBNAME}.pdf", seconds)


@pytest.fixture(scope="module")
def books(corpus_pdf: CorpusPdf) -> PdfBook:
    """The PDF, opened (fails the test early if there is none)."""
    if corpus_pdf.status != 0 or not corpus_pdf.pdf.is_file():
        pytest.fail(f"latexmk ({corpus_pdf.engine}) failed:\n{corpus_pdf.output[-3000:]}")
    return PdfBook(corpus_pdf.pdf)


def _squash(name: str) -> str:
    return re.sub(r"[\s-]", "", name).casefold()


def _fail_with(problems: list[str], what: str, limit: int = 25) -> None:
    if problems:
        shown = "\n  ".join(problems[:limit])
        more = f"\n  ... and {len(problems) - limit} more" if len(problems) > limit else ""
        pytest.fail(f"{len(problems)} {what}:\n  {shown}{more}", pytrace=False)


def test_latexmk_succeeds_with_a_clean_log(corpus_pdf: CorpusPdf) -> None:
    """latexmk exits 0; the log has no errors, undefined references or missing characters."""
    assert corpus_pdf.status == 0, corpus_pdf.output[-3000:]
    _fail_with(log_problems(corpus_pdf.log), f"problems in the {corpus_pdf.engine} log")


def test_latexmk_runs_the_engine_twice(corpus_pdf: CorpusPdf) -> None:
    """The index, pages long, adds itself to the contents in the first run already.

    xelatex's driver takes the PDF's page labels from the .aux, where the first
    run, without the contents yet, puts page 1 four pages early: it needs a third.
    """
    assert corpus_pdf.status == 0, corpus_pdf.output[-3000:]
    runs = ENGINE_RUN.findall(corpus_pdf.output)
    assert len(runs) == (3 if corpus_pdf.engine == "xelatex" else 2), runs


def test_every_entry_has_a_bookmark_and_a_named_destination(books: PdfBook, corpus: Corpus) -> None:
    """Per entry a named destination (its id; ``-2`` for a second entry with the id) and a
    bookmark with its title on the destination's page."""
    entries = source_entries(corpus)
    bookmarks = {(title, page) for title, _, page in books.bookmarks}
    problems = []
    for entry, name in entry_destinations(entries):
        page = books.destinations.get(name)
        if page is None:
            problems.append(f"{entry.file}:{entry.heading.line}: no named destination {name!r}")
        elif (entry.title, page) not in bookmarks:
            problems.append(f"{entry.file}: no bookmark {entry.title!r} on page {page + 1}")
    assert len(entries) > 200
    _fail_with(problems, "entries without destination or bookmark")


def test_see_also_links_reach_their_pages(books: PdfBook, corpus: Corpus) -> None:
    """Each resolved see-also link is a PDF link to the page of its target, with its page.

    A link to an abbreviation stub leads to the entry the stub stands for.
    """
    stubs = corpus.stub_targets()
    entries = source_entries(corpus)
    chosen = winners(entries)
    own_page = {
        (entry.file, entry.heading.line): books.destinations[destination_name(ident)]
        for ident, entry in chosen.items()
    }
    # Where each entry starts, a second entry with an id included.
    starts_all = sorted({books.destinations[name] for _, name in entry_destinations(entries)})
    links_by_page: dict[int, set[int]] = {}
    for link in books.links:
        links_by_page.setdefault(link.page, set()).add(link.target_page)
    texts = [" ".join(text.split()) for text in books.page_texts]
    problems = []
    checked = 0
    for name, text in corpus.files.items():
        lines = [e.heading.line for e in entries if e.file == name]
        for line, targets in see_also_targets(text, lines).items():
            first = own_page.get((name, line))
            if first is None:
                continue  # the second entry with an id; its page is not its id's
            last = next((page for page in starts_all if page > first), len(texts) - 1)
            reached = set().union(*(links_by_page.get(p, set()) for p in range(first, last + 1)))
            span = " ".join(texts[first : last + 1])
            for written in targets:
                target = stubs.get(written, written)
                if target not in chosen:
                    continue  # missing, planned, or the index
                page = books.destinations[destination_name(target)]
                checked += 1
                if page not in reached:
                    problems.append(f"{name}:{line}: no link to {target} (page {page + 1})")
                elif f"S. {books.page_label(page)}" not in span:
                    problems.append(f"{name}:{line}: {target}'s page {books.page_label(page)} "
                                    "not printed")  # fmt: skip
    assert checked > 500
    _fail_with(problems, "see-also links that do not reach their target's page")


def test_umlauts_in_the_text(books: PdfBook) -> None:
    """The text layer holds umlauts and ß as characters, not as accents beside letters."""
    text = "\n".join(books.page_texts)
    for word in ("Europäische KI", "KI-Ökosystem", "Überschneidungen", "Größe", "Ä", "Ö", "Ü", "ß"):
        assert word in text, word
    assert "¨" not in text


def test_index_sorted_as_the_html_index(
    books: PdfBook, corpus: Corpus, corpus_pdf: CorpusPdf, report: Callable[[str], None]
) -> None:
    """The index lists every entry, in DIN 5007 order, each under its letter (Ä under A)."""
    pages = books.index_pages(INDEX_TITLE)
    # poppler's text in writing order: pypdf drops the spaces of the index's body
    # font ("AIAct"), and a layout reading mixes the two columns up.
    index = read_index(books.raw_text(pages), INDEX_TITLE, RUNNING_HEAD)
    letters = [heading for heading, _ in index.headings]
    assert letters == sorted(letters) and all(re.fullmatch(r"[A-Z]", h) for h in letters), letters
    problems = [
        f"{a!r} before {b!r}"
        for a, b in zip(index.names, index.names[1:], strict=False)
        if sort_key(a) > sort_key(b)
    ]
    problems += [
        f"{name!r} under {index.group_of(position)!r}"
        for position, name in enumerate(index.names)
        if index.group_of(position) != letter_of(name)
    ]
    # A long name may be hyphenated at a line end: compare without hyphens and spaces.
    listed = {_squash(name) for name in index.names}
    problems += [
        f"{entry.file}: {entry.title!r} not in the index"
        for entry in source_entries(corpus)
        if _squash(entry.title) not in listed
    ]
    # The corpus has no term that starts with an umlaut; these have one inside.
    assert index.names.index("KI-Modell") < index.names.index("KI-Ökosystem")
    assert index.names.index("KI-Ökosystem") < index.names.index("KI-Regulierung")
    initial = [name for name in index.names if name[:1] in "ÄÖÜ"]
    report(
        f"corpus PDF index ({corpus_pdf.engine}): {len(index.names)} names under "
        f"{len(letters)} letters; umlaut-initial names: {initial or 'none in the corpus'}"
    )
    _fail_with(problems, "index problems")


def test_abbreviations_send_to_their_long_form(books: PdfBook, corpus: Corpus) -> None:
    """The index sends each stub's abbreviation to its long form; the list pairs them."""
    pages = books.index_pages(INDEX_TITLE)
    index = read_index(books.raw_text(pages), INDEX_TITLE, RUNNING_HEAD)
    stubs = corpus.stubs()
    assert len(stubs) >= 10
    assert {stub.title: index.see.get(stub.title) for stub in stubs} == {
        stub.title: stub.label for stub in stubs
    }
    # "Long Form (ABBR)" titles send their abbreviation to the entry too.
    assert index.see["LoRA"] == "Low-Rank Adaptation"
    text = "\n".join(books.page_texts)
    start = text.rindex("Abkürzungsverzeichnis")
    listing = text[start : start + 3000]
    assert re.search(r"AGI — Artificial General Intelligence, S\. \d+", listing), listing[:500]


def test_pages_rendered_for_people(books: PdfBook, corpus_pdf: CorpusPdf) -> None:
    """Three pages as PNG in ``_artifacts/`` (CI keeps them): the seed entry's first
    page, a page with a haiku box and its table, and the first page of the index."""
    pdftoppm = require_tool("pdftoppm")
    texts = books.page_texts
    seed = books.destinations[SEED_ID]
    haiku = next(i for i, text in enumerate(texts) if "KI-Haikus zu" in text and i > seed)
    index = next(
        i
        for i in range(len(texts) - 1, 0, -1)
        if INDEX_TITLE in texts[i].splitlines()[:3] and INDEX_TITLE not in texts[i - 1]
    )
    ARTIFACTS.mkdir(exist_ok=True)
    for what, page in (("entry", seed), ("haiku", haiku), ("index", index)):
        target = ARTIFACTS / f"corpus-pdf-{corpus_pdf.engine}-{what}"
        subprocess.run(
            [pdftoppm, "-r", "100", "-png", "-singlefile", "-f", str(page + 1), "-l",
             str(page + 1), str(corpus_pdf.pdf), str(target)],
            check=True,
            timeout=120,
        )  # fmt: skip
        assert target.with_suffix(".png").stat().st_size > 10_000


def test_a_dictionary_no_longer_than_pandocs_book(
    books: PdfBook, corpus_pdf: CorpusPdf, report: Callable[[str], None]
) -> None:
    """A4; at most Pandoc's pages; a short table of contents; no chapter labels and no
    numbered headings."""
    pages = len(books.reader.pages)
    labels = [books.page_label(page) for page in range(pages)]
    # The contents: the front pages (roman numbers) with dot leaders, after the title.
    toc = [p for p in range(pages) if not labels[p].isdigit() and ". . ." in books.page_texts[p]]
    report(f"corpus PDF ({corpus_pdf.engine}): {pages} pages, contents {len(toc)} pages")
    assert books.size(0) == (595, 842) and books.size(pages - 1) == (595, 842)
    assert pages <= PANDOC_PAGES
    assert 1 <= len(toc) <= TOC_PAGES
    assert not CHAPTER_LABEL.search("\n".join(books.page_texts))
    numbered = [t for t, _, _ in books.bookmarks if re.match(r"\d+(\.\d+)*\s", t)]
    assert numbered == []


def test_bookmarks_list_the_entries_in_din_order(books: PdfBook, corpus: Corpus) -> None:
    """Letters A–Z as the outline's first level, each entry under its letter, in DIN 5007
    order (the HTML index's), whatever the file names say."""
    marks = books.bookmarks
    letters = [title for title, depth, _ in marks if depth == 0 and re.fullmatch(r"[A-Z#]", title)]
    assert letters == sorted(letters) and len(letters) > 20
    entries, letter = [], None
    for title, depth, _ in marks:
        if depth == 0:
            letter = title if re.fullmatch(r"[A-Z#]", title) else None
        elif depth == 1 and letter is not None:
            entries.append((letter, title))
    titles = [title for _, title in entries]
    assert len(titles) == len(source_entries(corpus))
    problems = [f"{a!r} before {b!r}" for a, b in pairwise(titles) if sort_key(a) > sort_key(b)]
    problems += [
        f"{title!r} under {given}" for given, title in entries if letter_of(title) != given
    ]
    _fail_with(problems, "bookmarks out of order")
    # File names in ASCII order would put BERT before Base Model and AutoGPT before Autoencoder.
    assert titles.index("Base Model") < titles.index("BERT")
    assert titles.index("Autoencoder") < titles.index("AutoGPT")


def test_running_heads_name_headwords_of_their_page(books: PdfBook, corpus: Corpus) -> None:
    """Every body page's head is the first or last headword of the page (or the entry
    that runs on from the page before)."""
    entries = entry_destinations(source_entries(corpus))
    # In book order: by page, and on a page A–Z.
    starts = sorted(
        ((books.destinations[name], entry.title) for entry, name in entries),
        key=lambda start: (start[0], sort_key(start[1])),
    )
    index = books.index_pages(INDEX_TITLE)
    problems = []
    for page in range(starts[0][0] + 1, index.start):
        on_page = {title for start, title in starts if start == page}
        before = [title for start, title in starts if start < page][-1:]
        head = _squash(books.head(page))
        if head not in {_squash(title) for title in on_page | set(before)}:
            problems.append(f"page {page + 1}: head {books.head(page)!r}")
    _fail_with(problems, "pages whose head names no headword of the page")


def test_index_in_the_body_font_with_dashed_ranges(books: PdfBook, corpus_pdf: CorpusPdf) -> None:
    """No typewriter type on the index pages; page ranges keep their en dash (xindy too)."""
    index = books.index_pages(INDEX_TITLE)
    typewriter = {font for page in index for font in books.fonts(page) if TYPEWRITER.search(font)}
    assert typewriter == set()
    text = " ".join(books.text(index.start, index.stop - 1).split())
    ranges = re.findall(r"\b(\d+)–(\d+)\b", text)
    assert ranges and all(int(a) < int(b) for a, b in ranges), corpus_pdf.engine
