"""Math in HTML and EPUB as MathML, made at build time: no script, no CDN, works offline.

Sphinx's default, MathJax, loads a script from a CDN on every page with math,
which an offline reader or an EPUB does not have.  MathML is rendered by the
browsers (Chromium since 109, Firefox, Safari) and by EPUB 3 readers; it is
made here with docutils' own LaTeX-to-MathML converter
(:mod:`docutils.utils.math.latex2mathml`), so no dependency is added.
Registered as the HTML math renderer ``glossterm_mathml``, which Sphinx picks
when no other renderer than MathJax is registered; ``html_math_renderer =
"mathjax"`` in conf.py brings MathJax back.
"""

from __future__ import annotations

import re
from html.entities import html5
from typing import TYPE_CHECKING

from docutils import nodes
from docutils.utils.math.latex2mathml import tex2mathml
from sphinx.util import logging

from sphinx_glossterm.model.warnings_ import GlosstermWarning, warning_kwargs

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

RENDERER = "glossterm_mathml"
MATH_CLASS = "math glossterm-math"
XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")


def _characters(mathml: str) -> str:
    # docutils writes HTML entities such as &ApplyFunction;, which XHTML (EPUB) does not know.
    def character(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in XML_ENTITIES:
            return match.group(0)
        return html5.get(f"{name};", match.group(0))

    return _ENTITY.sub(character, mathml)


def mathml(translator: HTML5Translator, node: nodes.Element, display: bool) -> str:
    """The formula of ``node`` as MathML; its TeX as text, with a warning, if that fails."""
    tex = node.astext()
    try:
        return _characters(tex2mathml(tex, as_block=display))
    except Exception as error:  # docutils' converter raises many kinds on TeX it cannot read
        logger.warning(
            "TeX math %r could not be made MathML (%s); it is shown as text",
            tex,
            error or type(error).__name__,
            location=node,
            **warning_kwargs(GlosstermWarning.MATH),
        )
        return translator.encode(tex)


def visit_math(translator: HTML5Translator, node: nodes.math) -> None:
    """Inline math: ``<span class="math"><math>…</math></span>``."""
    translator.body.append(translator.starttag(node, "span", "", CLASS=MATH_CLASS))
    translator.body.append(mathml(translator, node, display=False) + "</span>")
    raise nodes.SkipNode


def visit_math_block(translator: HTML5Translator, node: nodes.math_block) -> None:
    """Display math: ``<div class="math"><math display="block">…</math></div>``.

    Pandoc's ``$$...$$`` may stand inside a paragraph, where XHTML allows no
    ``div``: there it is a ``span``, its math still set as a block.
    """
    tag = "span" if isinstance(node.parent, nodes.TextElement) else "div"
    translator.body.append(translator.starttag(node, tag, "", CLASS=MATH_CLASS))
    translator.body.append(mathml(translator, node, display=True) + f"</{tag}>")
    if tag == "div":
        translator.body.append("\n")
    raise nodes.SkipNode


def register(app: Sphinx) -> None:
    """Register the MathML renderer for HTML builders (and so for EPUB)."""
    app.add_html_math_renderer(RENDERER, (visit_math, None), (visit_math_block, None))
