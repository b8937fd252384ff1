"""Build LaTeX output to PDF the way Read the Docs does, and read the result.

``run_latexmk`` runs the command Read the Docs runs in the LaTeX output folder;
``log_problems`` lists what makes a log unclean (errors, undefined references,
characters the engine could not set or print).  ``PdfBook`` opens a PDF with
pypdf and offers what the tests ask of it: bookmarks, named destinations,
internal links with the pages they go to, page labels and text.
``epubcheck`` runs the Debian epubcheck jar.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pytest

from .conftest import require_tool, skip_or_fail

# Font names of typewriter type: TeX Gyre's and txfonts' (pdflatex), FreeMono (xelatex).
TYPEWRITER = re.compile(r"(?i)mono|txtt|courier|cmtt|lmtt|typewriter")
# A chapter label of Sphinx's manual look ("KAPITEL 245", "Chapter 3").
CHAPTER_LABEL = re.compile(r"(?im)^\s*(kapitel|chapter)\s+\d+\s*$")
# Sphinx's index headings for entries that start with a symbol or a digit.
GROUP_NAMES = frozenset({"Sonderzeichen", "Symbols", "Numbers", "Zahlen"})
# latexmk's line before each run of the LaTeX engine.
ENGINE_RUN = re.compile(r"^Run number \d+ of rule '(?:pdf|xe|lua)latex'", re.MULTILINE)
EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")
LATEXMK_ARGS = ("-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-", "-interaction=nonstopmode")
_LOG_PROBLEMS = (
    re.compile(r"^! .*", re.MULTILINE),
    re.compile(r"^.*undefined references.*$", re.MULTILINE),
    re.compile(r"^LaTeX Warning: (?:Hyper )?[Rr]eference .* undefined.*$", re.MULTILINE),
    re.compile(r"^.*Unicode character .* not set up.*$", re.MULTILINE),
    re.compile(r"^Missing character: .*$", re.MULTILINE),
)


def require_tex(engine: str) -> None:
    """Skip (fail on CI) unless latexmk and ``engine`` are installed."""
    require_tool("latexmk")
    require_tool(engine)


def run_latexmk(outdir: Path, jobname: str, *options: str) -> tuple[int, str, str]:
    """Read the Docs' ``latexmk`` command in ``outdir``: (exit status, output, the .log).

    ``options`` go to latexmk as well (``-g``: run once more though nothing changed).
    """
    tex = [path.name for path in outdir.glob("*.tex")]
    assert len(tex) == 1, f"expected one .tex file in {outdir}, found {tex}"
    result = subprocess.run(
        ["latexmk", *LATEXMK_ARGS, *options, f"-jobname={jobname}", tex[0]],
        cwd=outdir,
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
        timeout=900,
    )
    log_path = outdir / f"{jobname}.log"
    log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.is_file() else ""
    return result.returncode, result.stdout + result.stderr, log


def log_problems(log: str) -> list[str]:
    """The lines of a LaTeX log that make it unclean."""
    return [match.group(0) for pattern in _LOG_PROBLEMS for match in pattern.finditer(log)]


@dataclass(frozen=True)
class Link:
    """An internal link annotation: where it sits and where it goes."""

    page: int
    target_page: int
    destination: str


class PdfBook:
    """A PDF opened with pypdf (imported lazily: it is a test dependency)."""

    def __init__(self, path: Path) -> None:
        pypdf = pytest.importorskip("pypdf")
        self.path = path
        self.reader = pypdf.PdfReader(str(path))

    @cached_property
    def destinations(self) -> dict[str, int]:
        """Every named destination and the (0-based) page it is on."""
        reader = self.reader
        return {
            str(name): reader.get_destination_page_number(destination)
            for name, destination in reader.named_destinations.items()
        }

    @cached_property
    def bookmarks(self) -> list[tuple[str, int, int]]:
        """Every outline item: (title, depth, page), in order."""
        found: list[tuple[str, int, int]] = []

        def walk(items: list, depth: int) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item, depth + 1)
                else:
                    page = self.reader.get_destination_page_number(item)
                    found.append((" ".join(str(item.title).split()), depth, page))

        walk(self.reader.outline, 0)
        return found

    @cached_property
    def links(self) -> list[Link]:
        """Every internal (GoTo) link whose destination the PDF defines."""
        found = []
        for number, page in enumerate(self.reader.pages):
            for annotation in page.get("/Annots") or []:
                annotation = annotation.get_object()
                if annotation.get("/Subtype") != "/Link":
                    continue
                action = annotation.get("/A")
                if action is not None and action.get("/S") == "/GoTo":
                    destination = action.get("/D")
                else:
                    destination = annotation.get("/Dest")
                if isinstance(destination, str) and destination in self.destinations:
                    found.append(Link(number, self.destinations[destination], destination))
        return found

    def page_label(self, page: int) -> str:
        """The number printed on a page (roman numerals in the front matter)."""
        return self.reader.page_labels[page]

    @cached_property
    def page_texts(self) -> list[str]:
        """The text of every page, by poppler's pdftotext (much faster than pypdf)."""
        pdftotext = require_tool("pdftotext")
        result = subprocess.run(
            [pdftotext, "-enc", "UTF-8", str(self.path), "-"],
            capture_output=True,
            check=True,
            timeout=600,
        )
        pages = result.stdout.decode("utf-8", errors="replace").split("\f")
        return pages[: len(self.reader.pages)]

    def head(self, page: int) -> str:
        """The first line of a page's text: its running head."""
        return next(
            (line.strip() for line in self.page_texts[page].splitlines() if line.strip()), ""
        )

    def fonts(self, page: int) -> set[str]:
        """The names of the fonts a page uses (``/BaseFont``, subset prefix dropped)."""
        resources = self.reader.pages[page].get("/Resources") or {}
        fonts = resources.get_object().get("/Font") or {}
        names = set()
        for font in fonts.get_object().values():
            name = str(font.get_object().get("/BaseFont", ""))
            names.add(name.lstrip("/").split("+", 1)[-1])
        return names

    def size(self, page: int = 0) -> tuple[int, int]:
        """A page's width and height in points, rounded."""
        box = self.reader.pages[page].mediabox
        return round(float(box.width)), round(float(box.height))

    def index_pages(self, title: str) -> range:
        """The pages of the back-of-book index: from the page that opens it to the end."""
        texts = self.page_texts
        first = next(
            i
            for i in range(len(texts) - 1, 0, -1)
            if title in texts[i].splitlines()[:3] and title not in texts[i - 1].splitlines()[:3]
        )
        return range(first, len(texts))

    def raw_text(self, pages: range) -> str:
        """The text of ``pages`` in the order it was written (``pdftotext -raw``).

        A two-column index read by layout puts some groups out of order; the
        content stream has them as LaTeX set them.
        """
        pdftotext = require_tool("pdftotext")
        first, last = pages.start + 1, pages.stop
        result = subprocess.run(
            [
                pdftotext,
                "-raw",
                "-enc",
                "UTF-8",
                "-f",
                str(first),
                "-l",
                str(last),
                str(self.path),
                "-",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.replace("\f", "\n")

    def text(self, first: int = 0, last: int | None = None) -> str:
        """The extracted text of pages ``first`` to ``last`` (inclusive, 0-based)."""
        last = len(self.reader.pages) - 1 if last is None else last
        return "\n".join(self.reader.pages[i].extract_text() for i in range(first, last + 1))


@dataclass
class IndexListing:
    """The back-of-book index as read from the PDF text: letter headings and entry names."""

    headings: list[tuple[str, int]]
    """(heading, position of the first entry after it)."""
    names: list[str]
    see: dict[str, str] = field(default_factory=dict)
    """Cross-references: ``{"AGI": "Artificial General Intelligence"}`` for "AGI, siehe …"."""

    def group_of(self, position: int) -> str | None:
        """The heading an entry at ``position`` stands under."""
        group = None
        for heading, start in self.headings:
            if start <= position:
                group = heading
        return group


def read_index(text: str, title: str, running_head: str) -> IndexListing:
    """Parse the index: the text of its pages, from the first line that is ``title``.

    Lines are entry names followed by page numbers (``Alpha, 3, 17``), page
    numbers continued from the line before, letter headings (``A``), the
    running head and bare page numbers; a name that wraps is joined to its
    next line.
    """
    lines = [line.strip() for line in text.splitlines()]
    starts = [number for number, line in enumerate(lines) if line == title]
    assert starts, f"no index titled {title!r} in the text"
    headings: list[tuple[str, int]] = []
    names: list[str] = []
    see: dict[str, str] = {}
    pending = ""
    for line in lines[starts[0] + 1 :]:
        furniture = re.sub(r"^\d+\s+|\s+\d+$", "", line)
        if not line or furniture in {title, running_head} or line.startswith(running_head):
            continue  # the running head or foot, perhaps with the page's number
        if re.fullmatch(r"[\d,\s–-]+", line):
            continue  # page numbers continued, or a page's own number
        if re.fullmatch(r"\w", line) or line in GROUP_NAMES:
            headings.append((line, len(names)))
            continue
        cross = re.fullmatch(r"(.+?), (?:siehe|see) (.+)", line)
        if cross is not None:
            name = f"{pending} {cross.group(1)}".strip()
            names.append(name)
            see[name] = cross.group(2)
            pending = ""
            continue
        entry = re.fullmatch(r"(.+?),(?:\s*\d[\d,\s–-]*)?", line)
        if entry is None:
            pending = pending + line if pending.endswith("-") else f"{pending} {line}".strip()
            continue
        name = entry.group(1)
        name = pending + name if pending.endswith("-") else f"{pending} {name}".strip()
        names.append(name)
        pending = ""
    return IndexListing(headings, names, see)


def epubcheck(path: Path) -> list[str]:
    """epubcheck's ERROR and FATAL lines for the EPUB at ``path``."""
    java = require_tool("java")
    if not EPUBCHECK_JAR.is_file():
        skip_or_fail(f"epubcheck is not installed ({EPUBCHECK_JAR})")
    result = subprocess.run(
        [java, "-jar", str(EPUBCHECK_JAR), str(path)],
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
        timeout=600,
    )
    output = result.stdout + result.stderr
    problems = [line for line in output.splitlines() if line.startswith(("ERROR", "FATAL"))]
    if result.returncode != 0 and not problems:
        problems.append(f"epubcheck exited with {result.returncode}:\n{output[-2000:]}")
    return problems
