"""Build small Sphinx projects the way ``sphinx-build`` does, for tests that share one build."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path
from typing import Any

from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

ROOTS = Path(__file__).parent / "roots"


def copy_root(name: str, destination: Path) -> Path:
    """Copy ``tests/roots/test-<name>`` to ``destination`` and return it."""
    shutil.copytree(ROOTS / f"test-{name}", destination)
    return destination


def corpus_project(corpus_dir: Path, srcdir: Path) -> Path:
    """A project of the corpus's term files (``*.md``) and a conf.py loading the extension."""
    srcdir.mkdir()
    for source in corpus_dir.glob("*.md"):
        shutil.copyfile(source, srcdir / source.name)
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_glossterm"]\nlanguage = "de"\n', encoding="utf-8"
    )
    return srcdir


def build(srcdir: Path, buildername: str = "html", **kwargs: Any) -> SphinxTestApp:
    """Build ``srcdir`` (output under ``srcdir/_build``) and return the finished app.

    Status and warnings go to ``app.status`` / ``app.warning`` (StringIO).
    """
    app = SphinxTestApp(
        buildername,
        srcdir=srcdir,
        status=StringIO(),
        warning=StringIO(),
        **kwargs,
    )
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def pages_written(app: SphinxTestApp) -> set[str]:
    """The pages a build wrote, as its status lines name them (ended by ``\\r`` on a terminal)."""
    text = strip_colors(app.status.getvalue())
    return set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", text))


def warnings_of(app: SphinxTestApp) -> list[str]:
    """The warning lines of a build."""
    text = strip_colors(app.warning.getvalue())
    return [line for line in text.splitlines() if "WARNING" in line]
