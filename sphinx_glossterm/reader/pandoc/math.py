"""Pandoc's TeX math (``tex_math_dollars``): ``$...$`` inline and ``$$...$$`` display math.

The syntax is mdit_py_plugins' ``dollarmath``, set to Pandoc's rules: no
space after the opening ``$`` nor before the closing one, and no digit right
after the closing ``$`` (so ``$20,000 and $30,000`` stay text); display math
holds no blank line and takes no label.  :class:`MathRenderMixin` checks
each formula (:func:`sphinx_glossterm.model.tex_math.tex_problem`): a formula
that cannot be typeset stays as its source text, with a warning at its line,
so that one mistake does not stop the LaTeX run of the whole book.
"""

from __future__ import annotations

from docutils import nodes
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.dollarmath import dollarmath_plugin

from sphinx_glossterm.model.tex_math import tex_problem
from sphinx_glossterm.model.warnings_ import GlosstermWarning

MATH_ERROR_CLASS = "glossterm-math-error"


def pandoc_math_plugin(md: MarkdownIt) -> None:
    """``$...$`` and ``$$...$$`` as TeX math, by Pandoc's rules."""
    if "math_inline" in md.inline.ruler.get_all_rules():
        return  # myst's dollarmath extension is on already
    dollarmath_plugin(
        md,
        allow_labels=False,
        allow_space=False,
        allow_digits=False,
        allow_blank_lines=False,
        double_inline=True,
    )


class MathRenderMixin:
    """Math nodes for well-formed formulas; their source text, with a warning, for the rest."""

    def _checked_math(self, token: SyntaxTreeNode, display: bool, delimiter: str) -> bool:
        problem = tex_problem(token.content)
        if problem is None:
            return False
        source = f"{delimiter}{token.content}{delimiter}"
        self._warn(  # type: ignore[attr-defined]
            GlosstermWarning.MATH,
            f"TeX math {source!r} cannot be typeset: {problem}; it is shown as text",
            token,
        )
        node: nodes.Element = (
            nodes.literal_block(source, source, classes=[MATH_ERROR_CLASS])
            if display
            else nodes.literal(source, source, classes=[MATH_ERROR_CLASS])
        )
        self.add_line_and_source_path(node, token)  # type: ignore[attr-defined]
        self.current_node.append(node)  # type: ignore[attr-defined]
        return True

    def render_math_inline(self, token: SyntaxTreeNode) -> None:
        if not self._checked_math(token, False, "$"):
            super().render_math_inline(token)  # type: ignore[misc]

    def render_math_inline_double(self, token: SyntaxTreeNode) -> None:
        if not self._checked_math(token, True, "$$"):
            super().render_math_inline_double(token)  # type: ignore[misc]

    def render_math_block(self, token: SyntaxTreeNode) -> None:
        if not self._checked_math(token, True, "$$"):
            super().render_math_block(token)  # type: ignore[misc]
