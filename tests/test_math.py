"""Pandoc's TeX math: ``$...$`` and ``$$...$$`` in the Pandoc dialect; MathML in HTML, LaTeX."""

from __future__ import annotations

from pathlib import Path

import pytest
from myst_parser.config.main import MdParserConfig

from sphinx_glossterm.model.tex_math import tex_problem
from sphinx_glossterm.reader.mdit import markdown_parser
from sphinx_glossterm.reader.pandoc.entries import EntryRuleOptions

from .projects import build, copy_root, warnings_of


def inline_tokens(text: str) -> list[tuple[str, str]]:
    md = markdown_parser(MdParserConfig(), EntryRuleOptions(), pandoc=True)
    tokens = md.parse(text)
    return [
        (child.type, child.content)
        for token in tokens
        if token.children
        for child in token.children
        if child.type.startswith("math") or child.type == "text"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a $x^2$ b", [("text", "a "), ("math_inline", "x^2"), ("text", " b")]),
        ("a $$\\sum x$$", [("text", "a "), ("math_inline_double", "\\sum x")]),
        # Pandoc: no space after the opening or before the closing $ ...
        ("$ x $ and $x $", [("text", "$ x $ and $x $")]),
        # ... and no digit right after the closing $: prices stay text.
        ("$20,000 and $30,000", [("text", "$20,000 and $30,000")]),
        ("ChatGPT Plus (20$/Monat)", [("text", "ChatGPT Plus (20$/Monat)")]),
    ],
)
def test_pandoc_dollar_rules(text: str, expected: list[tuple[str, str]]) -> None:
    assert inline_tokens(text) == expected


def test_myst_pages_keep_dollars_as_text() -> None:
    md = markdown_parser(MdParserConfig(), EntryRuleOptions(), pandoc=False)
    children = md.parse("a $x$ b")[1].children
    assert [child.type for child in children] == ["text"]


@pytest.mark.parametrize(
    ("tex", "problem"),
    [
        ("\\frac{1}{2", "1 opening brace '{' not closed"),
        ("a}", "a closing brace '}' has no opening brace"),
        ("\\left( x", "\\left has no \\right after it"),
        (
            "\\begin{matrix} a \\end{array}",
            "\\end{array} does not close the environment opened before it",
        ),
        ("\\{ a \\}", None),
        ("\\eta_t = \\eta_0 \\cdot \\gamma^{\\lfloor t/k \\rfloor}", None),
    ],
)
def test_tex_problems(tex: str, problem: str | None) -> None:
    assert tex_problem(tex) == problem


def test_math_is_mathml_in_html_and_math_in_latex(tmp_path: Path) -> None:
    srcdir = copy_root("front-matter", tmp_path / "src")
    html = build(srcdir, builddir=tmp_path / "html")
    page = (Path(html.outdir) / "Formel.html").read_text(encoding="utf-8")
    assert page.count('<math xmlns="http://www.w3.org/1998/Math/MathML"') == 3
    assert page.count('display="block"') == 2
    # $$...$$ inside a paragraph is a span there (XHTML allows no div in a p).
    assert page.count('<div class="math glossterm-math"') == 1
    assert page.count('<span class="math glossterm-math"') == 2
    assert "<mfrac>" in page
    # Characters, not HTML entities, which XHTML (EPUB) does not know.
    assert "<mo>\u2061</mo>" in page and "&ApplyFunction;" not in page
    assert "mathjax" not in page.lower()
    assert "$ x $" in page and "20$ oder\n$5" in page
    shown_as_text = '<code class="glossterm-math-error docutils literal notranslate">'
    assert shown_as_text + '<span class="pre">$\\frac{1}{2$</span>' in page
    warnings = [w for w in warnings_of(html) if "glossterm.math" in w]
    assert len(warnings) == 1
    assert "Formel.md:12:" in warnings[0] and "1 opening brace" in warnings[0]

    latex = build(srcdir, "latex", builddir=tmp_path / "latex")
    tex = next(Path(latex.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "\\(g = n / s\\)" in tex
    assert "\\frac{a}{b} = c" in tex
