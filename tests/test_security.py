"""Nothing from a term document becomes markup or code, in any output.

``tests/roots/test-payloads`` puts script and attribute payloads into every
field of three entries (title, tagline, id, aliases, link labels and tooltips,
a table caption and cells, a section title, raw HTML, a ``javascript:`` link),
written in the Pandoc dialect and with the directive. The tests read the files
the build writes: every HTML page element by element, the JSON and Turtle
exports, the JSON-LD, the search index, and the EPUB; and they load the pages
in headless Chromium. ``tests/roots/test-tex`` does the same for LaTeX: a PDF is
compiled and its text must show every TeX special as written.
"""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS
from sphinx.testing.util import SphinxTestApp

from sphinx_glossterm.reader.nodes import html_anchor

from .conftest import require_tool
from .htmlparts import Element, parse_html
from .projects import build, copy_root, warnings_of

PAYLOAD_ID = 'P1"onmouseover="alert(1)<b>'
PAYLOAD_TITLE = (
    'Title <script>window.__pwned=1</script> " onmouseover="alert(1) <img src=x onerror=alert(1)>'
)
PAYLOAD_TAGLINE = (
    'Tagline </script><script>alert(4)</script> " onmouseover="alert(5) '
    "<img src=x onerror=alert(6)>"
)
PAYLOAD_ALIASES = ["</script><script>alert(2)</script>", '" onmouseover="alert(3)']
DIRECTIVE_ID = 'd"><script>alert(24)</script>'
BASE = "https://glossary.example/"

# Elements no content may create, and attributes no page needs.
FORBIDDEN_ELEMENTS = {"img", "iframe", "svg", "object", "embed", "frame", "base", "math"}
# What a script from content would hold if it escaped into the page.
ESCAPED_SCRIPT = re.compile(r"^\s*(?:alert\(\d+\)|window\.__pwned=\d)\s*$")
UNSAFE_URL = re.compile(r"^\s*(?:javascript|vbscript|data:text)", re.IGNORECASE)
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


@pytest.fixture(scope="module", params=["alabaster", "glossterm"])
def payloads(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> SphinxTestApp:
    """``test-payloads`` built with ``html``, with Sphinx's default theme and with ours."""
    theme = request.param
    if theme == "glossterm":
        pytest.importorskip("sphinx_glossterm.html.theme")
    srcdir = copy_root("payloads", tmp_path_factory.mktemp(f"payloads-{theme}") / "src")
    return build(srcdir, confoverrides={"html_theme": theme})


def _pages(app: SphinxTestApp) -> dict[str, Element]:
    outdir = Path(app.outdir)
    return {
        path.relative_to(outdir).as_posix(): parse_html(path.read_text(encoding="utf-8"))
        for path in sorted(outdir.rglob("*.html"))
    }


def _text(element: Element) -> str:
    return element.text.translate(QUOTES)


# -- HTML -------------------------------------------------------------------------------


def test_the_build_reports_the_raw_html(payloads: SphinxTestApp) -> None:
    kinds = [line.rsplit("[", 1)[-1] for line in warnings_of(payloads)]
    assert "glossterm.raw_html]" in kinds
    assert "glossterm.unsafe_link]" in kinds
    assert "glossterm.id]" in kinds


def test_no_element_or_attribute_comes_from_content(payloads: SphinxTestApp) -> None:
    problems = []
    for name, page in _pages(payloads).items():
        for element in page.iter():
            # Our theme draws icons and graphs as SVG (their insides are checked too);
            # content never makes any.
            ours = element.tag == "svg" and (
                element.attrs.get("aria-hidden") == "true"
                or any(name.startswith("glossterm-") for name in element.classes)
            )
            if element.tag in FORBIDDEN_ELEMENTS and not ours:
                problems.append(f"{name}: <{element.tag} {element.attrs}>")
            for attribute, value in element.attrs.items():
                if attribute.startswith("on") or attribute in {"srcdoc", "formaction"}:
                    problems.append(f"{name}: <{element.tag} {attribute}={value!r}>")
                # Sphinx's templates set a few styles; content never does.
                if attribute == "style" and ("alert" in value or "color:red" in value):
                    problems.append(f"{name}: <{element.tag} {attribute}={value!r}>")
                if attribute in {"href", "src", "action"} and UNSAFE_URL.match(value):
                    problems.append(f"{name}: <{element.tag} {attribute}={value!r}>")
            if element.tag == "script" and "src" not in element.attrs:
                if ESCAPED_SCRIPT.match(element.text):
                    problems.append(f"{name}: a script from content: {element.text!r}")
                if "json" in element.attrs.get("type", ""):
                    json.loads(element.text)  # a payload ending the element would cut it
    assert not problems, "\n".join(problems)


def test_ids_are_safe_anchors(payloads: SphinxTestApp) -> None:
    unsafe = [
        f"{name}: id={element.attrs['id']!r}"
        for name, page in _pages(payloads).items()
        for element in page.iter()
        if "id" in element.attrs and re.search(r"[\s\"'<>`]", element.attrs["id"])
    ]
    assert unsafe == []
    page = _pages(payloads)["Payload.html"]
    entry = page.by_id(html_anchor(PAYLOAD_ID))
    assert entry is not None and "glossterm-entry" in entry.classes


def test_payloads_show_as_text(payloads: SphinxTestApp) -> None:
    pages = _pages(payloads)
    body = _text(pages["Payload.html"])
    for payload in (
        "<script>window.__pwned=1</script>",
        '" onmouseover="alert(1)',
        "<img src=x onerror=alert(1)>",
        "<script>alert(4)</script>",
        "<svg onload=alert(10)>",
        '<iframe src="javascript:alert(11)">',
        '<div onmouseover="alert(13)"><script>alert(14)</script></div>',
        "Caption <script>alert(15)</script>",
        "<img src=x onerror=alert(17)>",
        "<script>alert(21)</script>",
        "[javascript link](javascript:alert(9))",
    ):
        assert payload in body, payload
    directive = _text(pages["directive.html"])
    assert "<img src=x onerror=alert(23)> directive" in directive
    assert "<script>alert(25)</script>" in directive


def test_tooltips_and_titles_hold_the_text(payloads: SphinxTestApp) -> None:
    pages = _pages(payloads)
    titles = [e.attrs["title"] for p in pages.values() for e in p.iter() if "title" in e.attrs]
    # The tagline is the tooltip of every link to the entry.
    assert PAYLOAD_TAGLINE in [title.translate(QUOTES) for title in titles]
    head_title = pages["Payload.html"].find_all("title")[0]
    assert "<script>window.__pwned=1</script>" in head_title.text
    description = next(
        e.attrs["content"]
        for e in pages["Payload.html"].find_all("meta")
        if e.attrs.get("name") == "description"
    )
    assert description.translate(QUOTES) == PAYLOAD_TAGLINE


def test_index_and_backlinks_hold_the_text(payloads: SphinxTestApp) -> None:
    pages = _pages(payloads)
    index = _text(pages["index.html"].find(cls="glossterm-index"))
    assert "<script>window.__pwned=1</script>" in index
    assert PAYLOAD_ALIASES[0] in index
    general = _text(pages["genindex.html"])
    assert "<script>window.__pwned=1</script>" in general
    backlinks = _text(pages["Payload.html"].find(cls="glossterm-backlinks"))
    assert "<script>window.__pwned=2</script> Other" in backlinks


def test_search_index_holds_the_text(payloads: SphinxTestApp) -> None:
    text = (Path(payloads.outdir) / "searchindex.js").read_text(encoding="utf-8")
    data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    assert any("<script>window.__pwned=1</script>" in title for title in data["titles"])


# -- data files and embedded data ---------------------------------------------------------


def test_json_export_holds_the_text(payloads: SphinxTestApp) -> None:
    graph = json.loads((Path(payloads.outdir) / "glossterm-graph.json").read_text("utf-8"))
    nodes = {node["id"]: node for node in graph["nodes"]}
    node = nodes[PAYLOAD_ID]
    assert node["title"].translate(QUOTES) == PAYLOAD_TITLE
    assert node["tagline"].translate(QUOTES) == PAYLOAD_TAGLINE
    assert [alias.translate(QUOTES) for alias in node["aliases"]] == PAYLOAD_ALIASES
    assert node["url"].startswith("Payload.html#")
    assert DIRECTIVE_ID in nodes


def test_turtle_export_holds_the_text(payloads: SphinxTestApp) -> None:
    graph = Graph().parse(
        data=(Path(payloads.outdir) / "glossterm.ttl").read_text("utf-8"),
        format="turtle",
        publicID=BASE,
    )
    subject = URIRef(f"{BASE}Payload.html#{html_anchor(PAYLOAD_ID)}")
    (label,) = graph.objects(subject, SKOS.prefLabel)
    assert str(label).translate(QUOTES) == PAYLOAD_TITLE
    assert set(graph.objects(subject, SKOS.notation)) == {Literal(PAYLOAD_ID)}


def test_json_ld_holds_the_text(payloads: SphinxTestApp) -> None:
    html = (Path(payloads.outdir) / "Payload.html").read_text(encoding="utf-8")
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert not set("<>&") & set(script)
    (entry,) = json.loads(script)["@graph"]
    assert entry["name"].translate(QUOTES) == PAYLOAD_TITLE
    assert entry["description"].translate(QUOTES) == PAYLOAD_TAGLINE
    assert entry["termCode"] == PAYLOAD_ID


# -- EPUB -------------------------------------------------------------------------------------


def test_epub_pages_are_well_formed_and_hold_the_text(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    app = build(copy_root("payloads", tmp_path_factory.mktemp("epub") / "src"), "epub")
    (epub,) = Path(app.outdir).glob("*.epub")
    texts = []
    with zipfile.ZipFile(epub) as archive:
        for name in archive.namelist():
            if not name.endswith(".xhtml"):
                continue
            root = ET.fromstring(archive.read(name))  # well-formed XML, or this raises
            for element in root.iter():
                tag = element.tag.rsplit("}", 1)[-1]
                assert tag not in FORBIDDEN_ELEMENTS | {"script"}, f"{name}: <{tag}>"
                assert not any(key.startswith("on") for key in element.attrib), name
            texts.append("".join(root.itertext()))
    assert "<script>window.__pwned=1</script>" in "\n".join(texts)


# -- LaTeX and PDF --------------------------------------------------------------------------------

TEX_SPECIALS = (
    "\\input{/etc/passwd}",
    "\\write18{touch pwned}",
    "100% $5 & #1 x^2 y_1 ~ {z} back\\slash",
    # $x$ and $math$ are TeX math in the Pandoc dialect, as in Pandoc: set as math
    # (math italic letters in the PDF's text).
    "\\write18{touch pwned-tagline} 50% \N{MATHEMATICAL ITALIC SMALL X} a&b #2",
    "\\def\\x{y}\\x, 100% \N{MATHEMATICAL ITALIC SMALL M}\N{MATHEMATICAL ITALIC SMALL A}"
    "\N{MATHEMATICAL ITALIC SMALL T}\N{PLANCK CONSTANT} & #3",
    "code \\input{code} %",
    "Caption \\input{caption} 10% & $ #4 ~ {c}",
    "\\write18{cell}",
    "5% & $ #5 x^2",
    "Label \\input{see} 7% & $ #6",
    "Alias \\input 100% $5 & #1",
    "Other \\endinput",
    "Text of the other entry, after \\endinput.",
)
# pdftotext shows some glyphs of Sphinx's escapes as their typographic forms.
PDF_GLYPHS = str.maketrans({"˜": "~", "ˆ": "^", "−": "-", "‐": "-", "’": "'", "‘": "'"})


@pytest.fixture(scope="module")
def tex_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``test-tex`` built with ``latex`` and compiled with latexmk and pdflatex."""
    latexmk = require_tool("latexmk")
    app = build(copy_root("tex", tmp_path_factory.mktemp("tex") / "src"), "latex")
    outdir = Path(app.outdir)
    (tex,) = outdir.glob("*.tex")
    result = subprocess.run(
        [latexmk, "-pdf", "-interaction=nonstopmode", "-halt-on-error", tex.name],
        cwd=outdir,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    return tex.with_suffix(".pdf")


def test_tex_specials_are_text_in_the_latex_source(tex_pdf: Path) -> None:
    source = tex_pdf.with_suffix(".tex").read_text(encoding="utf-8")
    assert "\\textbackslash{}input\\{/etc/passwd\\}" in source
    assert "\\textbackslash{}write18\\{touch pwned\\}" in source
    assert not list(tex_pdf.parent.glob("pwned*"))


def test_tex_specials_are_text_in_the_pdf(tex_pdf: Path) -> None:
    pdftotext = require_tool("pdftotext")
    text = subprocess.run(
        [pdftotext, "-layout", str(tex_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.translate(PDF_GLYPHS).split())
    missing = [special for special in TEX_SPECIALS if " ".join(special.split()) not in flat]
    assert missing == []


def _words(pdf: Path) -> list[tuple[str, float, float]]:
    """``(word, yMin, yMax)`` of each word pdftotext finds."""
    pdftotext = require_tool("pdftotext")
    html = subprocess.run(
        [pdftotext, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        (match["word"], float(match["ymin"]), float(match["ymax"]))
        for match in re.finditer(
            r'<word xMin="[\d.]+" yMin="(?P<ymin>[\d.]+)" xMax="[\d.]+" '
            r'yMax="(?P<ymax>[\d.]+)">(?P<word>[^<]*)</word>',
            html,
        )
    ]


def test_sub_and_sup_are_lowered_and_raised_in_the_pdf(tex_pdf: Path) -> None:
    words = _words(tex_pdf)
    index = next(i for i, (word, *_) in enumerate(words) if word == "t-1")
    (_, base_top, base_bottom), (_, sub_top, sub_bottom) = words[index - 1], words[index]
    assert words[index - 1][0] == "h"
    assert sub_bottom > base_bottom and sub_bottom - sub_top < base_bottom - base_top
    index = next(i for i, (word, *_) in enumerate(words) if word == "2" and words[i - 1][0] == "x")
    assert words[index][1] < words[index - 1][1], "the superscript starts higher"


def test_sub_and_sup_are_elements_in_the_epub(tmp_path_factory: pytest.TempPathFactory) -> None:
    app = build(copy_root("tex", tmp_path_factory.mktemp("tex-epub") / "src"), "epub")
    (epub,) = Path(app.outdir).glob("*.epub")
    with zipfile.ZipFile(epub) as archive:
        (name,) = [name for name in archive.namelist() if name.split("/")[-1] == "TeX.xhtml"]
        page = archive.read(name).decode("utf-8")
    assert "<sub>t-1</sub>" in page
    assert "<sup>2</sup>" in page


# -- the browser ----------------------------------------------------------------------------------


@pytest.mark.browser
def test_no_script_from_content_runs_in_a_browser(payloads: SphinxTestApp) -> None:
    from .browser import chromium, serve

    outdir = Path(payloads.outdir)
    visited = ["Payload.html", "Other.html", "directive.html", "index.html", "genindex.html"]
    visited.append("search.html?q=alert")
    dialogs: list[str] = []
    ran: list[str] = []
    with serve(outdir) as base, chromium() as browser:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for name in visited:
            page.goto(base + name, wait_until="load")
            if name.startswith("search"):
                # Sphinx's search shows titles from the index: wait for its results.
                page.wait_for_function(
                    "() => document.querySelectorAll('#search-results li, .search li').length",
                    timeout=10_000,
                )
            # Hover, focus and click-free events on every element: any handler from
            # content would fire now.
            page.evaluate(
                """() => {
                    for (const element of document.querySelectorAll('*')) {
                        for (const type of ['mouseover', 'mouseenter', 'focus', 'load', 'error']) {
                            element.dispatchEvent(new Event(type, {bubbles: true}));
                        }
                    }
                }"""
            )
            page.wait_for_timeout(200)
            if page.evaluate("() => window.__pwned !== undefined"):
                ran.append(name)
            handlers = page.evaluate(
                """() => [...document.querySelectorAll('*')].flatMap(e =>
                    [...e.attributes].filter(a => a.name.startsWith('on'))
                        .map(a => e.tagName + ' ' + a.name))"""
            )
            assert handlers == [], name
        page.close()
    assert dialogs == []
    assert ran == []
