"""Characters in LaTeX output: declare what can be declared, warn about the rest.

pdflatex stops with "Unicode character ... not set up" at a character its
input encoding does not know (``≥``, Greek letters, ``∇``); xelatex and
lualatex print nothing, only a "Missing character" line in the log, when the
font lacks a glyph (emoji, CJK with FreeSerif).  Either way the PDF is wrong
and Read the Docs publishes it all the same.  So:

- for pdflatex, :data:`PDFLATEX_DEFINITIONS` gives common symbols a LaTeX
  rendering, declared with ``\\DeclareUnicodeCharacter`` in a package written
  into the output folder (``sphinxglosstermchars.sty``) so that they work in
  running text, code and bookmarks alike;
- ``glossterm_latex_characters`` adds or overrides renderings for any engine;
- every other character the engine cannot typeset with Sphinx's default fonts
  (:mod:`.latex_charsets`, measured by ``tools/gen-latex-charsets``) is
  replaced in the LaTeX output by ``[U+XXXX]`` (the macro
  ``\\glosstermmissingchar``) and reported as a ``glossterm.unicode`` warning at
  its file and line.  Invisible format characters (zero-width joiners,
  variation selectors) that the fonts lack are dropped without a warning.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.texescape import unicode_tex_replacements
from sphinx.writers.latex import LaTeXTranslator

from sphinx_glossterm.book import latex_charsets
from sphinx_glossterm.model.warnings_ import GlosstermWarning, warning_kwargs

logger = logging.getLogger(__name__)

PACKAGE = "sphinxglosstermchars"
UNICODE_ENGINES = ("xelatex", "lualatex")
CHECKED_ENGINES = ("pdflatex", *UNICODE_ENGINES)


def _math(command: str) -> str:
    return rf"\ensuremath{{{command}}}"


_GREEK = {
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon",
    "ζ": r"\zeta", "η": r"\eta", "θ": r"\theta", "ι": r"\iota", "κ": r"\kappa",
    "λ": r"\lambda", "μ": r"\mu", "ν": r"\nu", "ξ": r"\xi", "ο": "o", "π": r"\pi",
    "ρ": r"\rho", "ς": r"\varsigma", "σ": r"\sigma", "τ": r"\tau", "υ": r"\upsilon",
    "φ": r"\varphi", "χ": r"\chi", "ψ": r"\psi", "ω": r"\omega", "ϑ": r"\vartheta",
    "ϕ": r"\phi", "ϵ": r"\epsilon",
    "Γ": r"\Gamma", "Δ": r"\Delta", "Θ": r"\Theta", "Λ": r"\Lambda", "Ξ": r"\Xi",
    "Π": r"\Pi", "Σ": r"\Sigma", "Υ": r"\Upsilon", "Φ": r"\Phi", "Ψ": r"\Psi",
    "Ω": r"\Omega",
}  # fmt: skip
_GREEK_AS_LATIN = dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΧ", "ABEZHIKMNOPTX", strict=True))
_MATH = {
    # arrows
    "←": r"\leftarrow", "→": r"\rightarrow", "↑": r"\uparrow", "↓": r"\downarrow",
    "↔": r"\leftrightarrow", "↕": r"\updownarrow", "↗": r"\nearrow", "↘": r"\searrow",
    "↖": r"\nwarrow", "↙": r"\swarrow", "↦": r"\mapsto", "↩": r"\hookleftarrow",
    "↪": r"\hookrightarrow", "⇄": r"\rightleftarrows", "⇆": r"\leftrightarrows",
    "⇐": r"\Leftarrow", "⇒": r"\Rightarrow", "⇑": r"\Uparrow", "⇓": r"\Downarrow",
    "⇔": r"\Leftrightarrow", "⟵": r"\longleftarrow", "⟶": r"\longrightarrow",
    "⟷": r"\longleftrightarrow", "⟸": r"\Longleftarrow", "⟹": r"\Longrightarrow",
    "⟺": r"\Longleftrightarrow",
    # relations and operators
    "≤": r"\leq", "≥": r"\geq", "≠": r"\neq", "≈": r"\approx", "≡": r"\equiv",
    "∼": r"\sim", "≃": r"\simeq", "≅": r"\cong", "∝": r"\propto", "≪": r"\ll",
    "≫": r"\gg", "≺": r"\prec", "≻": r"\succ", "⊢": r"\vdash", "⊨": r"\models",
    "∈": r"\in", "∉": r"\notin", "∋": r"\ni", "⊂": r"\subset", "⊃": r"\supset",
    "⊆": r"\subseteq", "⊇": r"\supseteq", "∪": r"\cup", "∩": r"\cap", "∧": r"\wedge",
    "∨": r"\vee", "∀": r"\forall", "∃": r"\exists", "∄": r"\nexists", "∅": r"\emptyset",
    "∘": r"\circ", "∙": r"\bullet", "⋅": r"\cdot", "⊕": r"\oplus", "⊗": r"\otimes",
    "⊥": r"\perp", "∥": r"\parallel", "∣": r"\mid", "∗": r"\ast", "−": "-", "∓": r"\mp",
    "∞": r"\infty", "∑": r"\sum", "∏": r"\prod", "∫": r"\int", "∂": r"\partial",
    "∇": r"\nabla", "√": r"\surd", "∴": r"\therefore", "∵": r"\because",
    "⌈": r"\lceil", "⌉": r"\rceil", "⌊": r"\lfloor", "⌋": r"\rfloor",
    "⟨": r"\langle", "⟩": r"\rangle", "′": r"\prime", "″": r"\prime\prime",
    "ℓ": r"\ell", "ℏ": r"\hbar", "ℵ": r"\aleph", "ℕ": r"\mathbb{N}", "ℤ": r"\mathbb{Z}",
    "ℚ": r"\mathbb{Q}", "ℝ": r"\mathbb{R}", "ℂ": r"\mathbb{C}",
    # shapes and marks
    "★": r"\bigstar", "☆": r"\star", "✗": r"\times", "✘": r"\times", "□": r"\square",
    "■": r"\blacksquare", "△": r"\triangle", "▲": r"\blacktriangle",
    "▶": r"\blacktriangleright", "◀": r"\blacktriangleleft", "▸": r"\blacktriangleright",
    "◆": r"\blacklozenge", "◇": r"\lozenge", "○": r"\bigcirc", "●": r"\bullet",
    "♠": r"\spadesuit", "♣": r"\clubsuit", "♥": r"\heartsuit", "♦": r"\diamondsuit",
}  # fmt: skip
_SCRIPTS = {
    **{chr(0x2080 + digit): rf"{{}}_{{{digit}}}" for digit in range(10)},
    **{chr(code): rf"{{}}^{{{digit}}}" for digit, code in enumerate(
        (0x2070, 0xB9, 0xB2, 0xB3, 0x2074, 0x2075, 0x2076, 0x2077, 0x2078, 0x2079))},
    "⁺": "{}^{+}", "⁻": "{}^{-}", "ⁿ": "{}^{n}", "ⁱ": "{}^{i}", "₊": "{}_{+}", "₋": "{}_{-}",
}  # fmt: skip
_TEXT = {
    "\u2010": "-", "\u2011": r"\mbox{-}", "\u2012": r"\textendash{}", "\u2015": r"\textemdash{}",
    "\u2002": r"\enspace{}", "\u2003": r"\quad{}", "\u2009": r"\,", "\u200a": r"\,",
    "\u202f": r"\,", "\u200b": r"\hspace{0pt}", "\u2060": r"\nobreak{}", "⁄": "/",
    "℃": r"\textdegree{}C",
}  # fmt: skip

PDFLATEX_DEFINITIONS: dict[str, str] = {
    **{char: _math(command) for char, command in _GREEK.items()},
    **_GREEK_AS_LATIN,
    **{char: _math(command) for char, command in _MATH.items()},
    **{char: _math(script) for char, script in _SCRIPTS.items()},
    **_TEXT,
}
"""How pdflatex writes symbols its UTF-8 tables lack (amsmath/amssymb, which Sphinx loads)."""

_SPHINX_ESCAPED = frozenset(char for char, _ in unicode_tex_replacements)
_INVISIBLE_CATEGORIES = frozenset({"Cf"})


def _contains(ranges: tuple[tuple[int, int], ...], code: int) -> bool:
    position = bisect_right(ranges, (code, 0x10FFFF)) - 1
    return position >= 0 and ranges[position][0] <= code <= ranges[position][1]


class CharacterSupport:
    """Which characters an engine typesets with Sphinx's default fonts and our definitions."""

    def __init__(self, engine: str, user: Mapping[str, str], check: bool = True) -> None:
        self.engine = engine
        self.user = dict(user)
        self.checked = check and engine in CHECKED_ENGINES
        """Whether characters are checked: the tables describe only these engines' fonts."""
        if engine == "pdflatex":
            self._text, self._mono = latex_charsets.PDFLATEX_TEXT, latex_charsets.PDFLATEX_MONO
            self._declared = frozenset(PDFLATEX_DEFINITIONS) | _SPHINX_ESCAPED
        else:
            self._text, self._mono = latex_charsets.FREEFONT_TEXT, latex_charsets.FREEFONT_MONO
            self._declared = frozenset()

    def printable(self, char: str, mono: bool = False) -> bool:
        """Whether ``char`` comes out right in running text (or code, when ``mono``)."""
        code = ord(char)
        if not self.checked or code < 0x80 or char in self.user or char in self._declared:
            return True
        return _contains(self._mono if mono else self._text, code)

    def definitions(self) -> dict[str, str]:
        """The characters the generated package declares, with their LaTeX."""
        declared = {}
        if self.engine == "pdflatex":
            declared = {
                char: latex
                for char, latex in PDFLATEX_DEFINITIONS.items()
                if not _contains(latex_charsets.PDFLATEX_TEXT, ord(char))
            }
        declared.update(self.user)
        return declared

    def plain(self, text: str, mono: bool = False) -> str:
        """``text`` with every character that cannot be printed written as ``[U+XXXX]``."""
        return "".join(
            char if self.printable(char, mono) else placeholder(char)
            for char in text
            if self.printable(char, mono) or not invisible(char)
        )


def invisible(char: str) -> bool:
    """Format characters and variation selectors: dropped when the font lacks them."""
    return unicodedata.category(char) in _INVISIBLE_CATEGORIES or "\ufe00" <= char <= "\ufe0f"


def code_of(char: str) -> str:
    """``1F600`` for 😀: the hex digits of a code point, at least four."""
    return f"{ord(char):04X}"


def placeholder(char: str) -> str:
    """What an unprintable character becomes in code and index entries."""
    return f"[U+{code_of(char)}]"


def support_for(config: Any) -> CharacterSupport:
    """The character support of the configured engine and the project's definitions."""
    return CharacterSupport(
        config.latex_engine,
        config.glossterm_latex_characters,
        config.glossterm_latex_check_characters,
    )


# -- the package written into the output folder ------------------------------------------


def package_text(support: CharacterSupport) -> str:
    """``sphinxglosstermchars.sty``: the definitions of :meth:`CharacterSupport.definitions`."""
    lines = [
        "%% Written by sphinx_glossterm for this build: characters and their LaTeX.",
        r"\NeedsTeXFormat{LaTeX2e}",
        rf"\ProvidesPackage{{{PACKAGE}}}[2025/06/01 v0.1 sphinx_glossterm characters]",
    ]
    definitions = support.definitions()
    if support.engine in UNICODE_ENGINES and definitions:
        lines.append(r"\RequirePackage{newunicodechar}")
        lines += [rf"\newunicodechar{{{char}}}{{{latex}}}" for char, latex in definitions.items()]
    elif definitions:
        lines.append(r"\ifdefined\DeclareUnicodeCharacter")
        lines += [
            rf"\DeclareUnicodeCharacter{{{code_of(char)}}}{{{latex}}}"
            for char, latex in definitions.items()
        ]
        lines.append(r"\fi")
    lines.append(r"\endinput")
    return "\n".join(lines) + "\n"


def write_package(app: Sphinx) -> None:
    """``builder-inited``: write the character package into the LaTeX output folder."""
    if app.builder.format != "latex":
        return
    path = Path(app.outdir) / f"{PACKAGE}.sty"
    text = package_text(support_for(app.config))
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


# -- replacing what cannot be printed ------------------------------------------------------


class missing_character(nodes.Inline, nodes.TextElement):  # noqa: N801 - docutils node naming
    """A character the LaTeX engine cannot typeset; written as ``\\glosstermmissingchar``."""


def visit_missing_character(self: LaTeXTranslator, node: missing_character) -> None:
    """Write ``\\glosstermmissingchar{1F600}``."""
    self.body.append(rf"\glosstermmissingchar{{{node['code']}}}")
    raise nodes.SkipNode


_SKIPPED = (nodes.raw, nodes.math, nodes.math_block, nodes.comment, nodes.system_message)
_MONO = (nodes.FixedTextElement, nodes.literal)


class ReplaceUnprintableCharacters(SphinxPostTransform):
    """Warn about and replace characters the LaTeX engine cannot typeset."""

    builders = ("latex",)
    default_priority = 30  # after the entries are prepared (writers.latex, 20)

    def run(self, **kwargs: Any) -> None:
        support = support_for(self.config)
        if not support.checked:
            return
        warned: set[tuple[str, str]] = set()
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            # ASCII prints on every engine: most of a book's text is done here.
            if text.isascii() or parent is None or _inside(parent, _SKIPPED):
                continue
            mono = _inside(parent, _MONO)
            if all(support.printable(char, mono) for char in set(text)):
                continue
            self._report(text, support, mono, warned)
            if mono:
                self._replace_in_code(text, support)
            else:
                self._replace_in_text(text, support)

    def _report(self, text: nodes.Text, support: CharacterSupport, mono: bool, warned: set) -> None:
        element = _located(text.parent)
        where = f"{element.source}:{element.line}" if element is not None else ""
        for char in dict.fromkeys(text):
            if support.printable(char, mono) or invisible(char) or (where, char) in warned:
                continue
            warned.add((where, char))
            name = unicodedata.name(char, "unnamed character")
            logger.warning(
                "%s cannot typeset %r (U+%s %s) with Sphinx's default fonts; written as %s "
                "(give it a rendering in glossterm_latex_characters, or avoid it)",
                support.engine,
                char,
                code_of(char),
                name,
                placeholder(char),
                location=element,
                **warning_kwargs(GlosstermWarning.UNICODE),
            )

    @staticmethod
    def _replace_in_code(text: nodes.Text, support: CharacterSupport) -> None:
        parent = text.parent
        new = nodes.Text(support.plain(str(text), mono=True))
        parent.replace(text, new)
        # Sphinx highlights a literal block's rawsource, not its text.
        block = parent if isinstance(parent, nodes.FixedTextElement) else None
        if block is not None and block.rawsource:
            block.rawsource = support.plain(block.rawsource, mono=True)

    @staticmethod
    def _replace_in_text(text: nodes.Text, support: CharacterSupport) -> None:
        pieces: list[nodes.Node] = []
        run: list[str] = []
        for char in str(text):
            if support.printable(char):
                run.append(char)
                continue
            if invisible(char):
                continue
            if run:
                pieces.append(nodes.Text("".join(run)))
                run = []
            pieces.append(missing_character(char, char, code=code_of(char)))
        if run:
            pieces.append(nodes.Text("".join(run)))
        text.parent.replace(text, pieces)


def _inside(node: nodes.Node, kinds: tuple[type, ...]) -> bool:
    while node is not None:
        if isinstance(node, kinds):
            return True
        node = node.parent
    return False


def _located(node: nodes.Node | None) -> nodes.Element | None:
    while node is not None and not (getattr(node, "source", None) and node.line):
        node = node.parent
    return node


def register(app: Sphinx) -> None:
    """Register the node, the transform and the generated package."""
    # The node appears only in LaTeX doctrees (the transform runs for the latex builder).
    app.add_node(missing_character, latex=(visit_missing_character, None))
    app.add_post_transform(ReplaceUnprintableCharacters)
    app.add_latex_package(PACKAGE, after_hyperref=True)
    app.connect("builder-inited", write_package)
