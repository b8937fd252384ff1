"""The paper of the book: A4 where the language's convention is A4.

Sphinx prints on US Letter unless ``latex_elements["papersize"]`` says
otherwise, which puts a German glossary on the wrong paper.  conf.py keeps the
last word: a ``papersize`` it sets is never changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_glossterm.model.language import uses_a4

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def choose_paper(app: Sphinx, config: Config) -> None:
    """``config-inited``: A4 for an A4 language, unless conf.py names a paper size."""
    elements = dict(config.latex_elements or {})
    if "papersize" in elements or not uses_a4(config.language):
        return
    elements["papersize"] = "a4paper"
    config.latex_elements = elements


def register(app: Sphinx) -> None:
    """Choose the paper when the configuration is read."""
    app.connect("config-inited", choose_paper)
