"""Page ranges in the back-of-book index with an en dash, whichever program sorts it.

Sphinx's xindy style (``sphinx.xdy``, used with xelatex and lualatex) takes
its markup from extracts of xindy's ``latex.xdy`` but not the one for page
ranges, so xindy joins the two ends of a range with nothing: "184186" for
pages 184 to 186.  makeindex's default (``--``) is an en dash only where the
font has the TeX ligature.  After the build, the copies of both styles in
the output folder (Sphinx's files, not the author's) are given the range
separator ``\\textendash``, which every engine typesets.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MARK = "sphinx_glossterm: page ranges with an en dash"
XINDY_RANGE = f';; {MARK}\n(markup-range :sep "\\textendash{{}}")\n'
MAKEINDEX_RANGE = f'% {MARK}\ndelim_r "\\\\textendash{{}}"\n'


def _append_once(path: Path, text: str) -> None:
    if not path.is_file():
        return
    content = path.read_text(encoding="utf-8")
    if MARK not in content:
        path.write_text(content.rstrip("\n") + "\n\n" + text, encoding="utf-8")


def range_dashes(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the range separator in ``sphinx.xdy`` and ``python.ist``."""
    if exception is not None or app.builder.name != "latex":
        return
    outdir = Path(app.outdir)
    _append_once(outdir / "sphinx.xdy", XINDY_RANGE)
    _append_once(outdir / "python.ist", MAKEINDEX_RANGE)


def register(app: Sphinx) -> None:
    """Mend the index styles after every latex build."""
    app.connect("build-finished", range_dashes)
