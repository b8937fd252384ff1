"""A root document for projects that are only a folder of term files."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from sphinx_glossterm.model import words
from sphinx_glossterm.model.warnings_ import GlosstermWarning, warning_kwargs

logger = logging.getLogger(__name__)

_DEFAULT_PROJECT = "Project name not set"


def root_text(title: str) -> str:
    """The generated root page: a title, the A–Z index, and every page in the toctree."""
    return (
        f"# {title}\n\n"
        "<!-- Written by sphinx_glossterm because the project had no root document.\n"
        "     Edit it freely: it is never overwritten. -->\n\n"
        "```{glossterm-index}\n```\n\n"
        "```{toctree}\n:hidden:\n:glob:\n\n*\n```\n"
    )


def generate_root(app: Sphinx, config: Config) -> None:
    """Write ``<root_doc>.md`` when the source directory has no root document at all."""
    if not config.glossterm_generate_root:
        return
    srcdir = Path(app.srcdir)
    root = config.root_doc
    if any(srcdir.glob(f"{root}.*")):
        return
    project = config.project if config.project != _DEFAULT_PROJECT else ""
    title = project or words.strings(config.language)["glossary"]
    path = srcdir / f"{root}.md"
    try:
        path.write_text(root_text(title), encoding="utf-8")
    except OSError as error:
        logger.warning(
            "no root document %s, and none could be written: %s",
            path.name,
            error,
            **warning_kwargs(GlosstermWarning.ROOT),
        )
        return
    logger.info("sphinx_glossterm: no root document found; wrote %s", path.name)
