"""The book: the glossary as a LaTeX/PDF book and as an EPUB.

HTML needs nothing of its own: entries are ordinary docutils sections.  A
book does: :mod:`.latex` sets entries as chapters with bookmarks, named
destinations, page numbers and a sorted index; :mod:`.latex_chars` keeps
characters the LaTeX engine cannot typeset out of the output; :mod:`.epub`
makes what sphinx-design renders valid EPUB.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def register(app: Sphinx) -> None:
    """Paper, LaTeX layout, characters LaTeX cannot typeset, and the mended EPUB builder."""
    from sphinx_glossterm.book import dictionary, epub, index_styles, latex, latex_chars, paper

    paper.register(app)
    dictionary.register(app)
    latex.register(app)
    index_styles.register(app)
    latex_chars.register(app)
    epub.register(app)
