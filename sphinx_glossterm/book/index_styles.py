"""The back-of-book index's programs: page ranges with an en dash, xindy's options.

Page ranges in the back-of-book index get an en dash, whichever program sorts it.

Sphinx's xindy style (``sphinx.xdy``, used with xelatex and lualatex) takes
its markup from extracts of xindy's ``latex.xdy`` but not the one for page
ranges, so xindy joins the two ends of a range with nothing: "184186" for
pages 184 to 186.  makeindex's default (``--``) is an en dash only where the
font has the TeX ligature.  After the build, the copies of both styles in
the output folder (Sphinx's files, not the author's) are given the range
separator ``\\textendash``, which every engine typesets.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

MARK = "sphinx_glossterm: page ranges with an en dash"
XINDY_RANGE = f';; {MARK}\n(markup-range :sep "\\textendash{{}}")\n'
MAKEINDEX_RANGE = f'% {MARK}\ndelim_r "\\\\textendash{{}}"\n'


XINDYOPTS_LINE = re.compile(r"^(?:export\s+)?XINDYOPTS\s*(\+?=)\s*(.*?)\s*$", re.MULTILINE)
LATEXMKRC_MARK = "# sphinx_glossterm: xindy options"


def pass_xindy_options(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: give latexmkrc the xindy options of the generated Makefile.

    Sphinx passes ``XINDYOPTS`` (language, ``-C utf8``, ``-M sphinx.xdy``) to
    xindy through the environment, which only its Makefile sets; Read the Docs
    runs ``latexmk -r latexmkrc`` directly, xindy then sorts with the wrong
    options or fails, and the PDF has no index.  latexmkrc now sets the
    Makefile's value when the environment has none.
    """
    if exception is not None or app.builder.name != "latex" or not app.config.latex_use_xindy:
        return
    outdir = Path(app.outdir)
    makefile, latexmkrc = outdir / "Makefile", outdir / "latexmkrc"
    if not makefile.is_file() or not latexmkrc.is_file():
        return
    options: list[str] = []
    for operator, value in XINDYOPTS_LINE.findall(makefile.read_text(encoding="utf-8")):
        options = [*options, value] if operator == "+=" else [value]
    rc = latexmkrc.read_text(encoding="utf-8")
    if not options or LATEXMKRC_MARK in rc:
        return
    value = " ".join(" ".join(options).split()).replace("\\", "\\\\").replace("'", "\\'")
    line = f"{LATEXMKRC_MARK}, as the Makefile sets them\n$ENV{{'XINDYOPTS'}} //= '{value}';\n"
    latexmkrc.write_text(line + rc, encoding="utf-8")


PAGE_COUNT_MARK = "# sphinx_glossterm: the page count asks for no further run"
# LaTeX writes the number of pages to the .aux (``\gdef \@abspage@last{383}``),
# for its last-page hook, which the book leaves unused.  The index, new in the
# second run, changes that number and nothing else (sphinxglossterm.sty sets its
# heading in the first run too), so latexmk would run a third time for it.
PAGE_COUNT_IGNORED = (
    f"{PAGE_COUNT_MARK}\n"
    r"$hash_calc_ignore_pattern{'aux'} = '^\\\\gdef ?\\\\@abspage@last\{';"
    "\n"
)


def ignore_page_count(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: latexmkrc leaves the page count out of the .aux's checksum."""
    if exception is not None or app.builder.name != "latex":
        return
    _append_once(Path(app.outdir) / "latexmkrc", PAGE_COUNT_IGNORED, PAGE_COUNT_MARK)


def _append_once(path: Path, text: str, mark: str = MARK) -> None:
    if not path.is_file():
        return
    content = path.read_text(encoding="utf-8")
    if mark not in content:
        path.write_text(content.rstrip("\n") + "\n\n" + text, encoding="utf-8")


def range_dashes(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: the range separator in ``sphinx.xdy`` and ``python.ist``."""
    if exception is not None or app.builder.name != "latex":
        return
    outdir = Path(app.outdir)
    _append_once(outdir / "sphinx.xdy", XINDY_RANGE)
    _append_once(outdir / "python.ist", MAKEINDEX_RANGE)


def register(app: Sphinx) -> None:
    """Mend the index styles, and pass xindy its options, after every latex build."""
    app.connect("build-finished", range_dashes)
    app.connect("build-finished", pass_xindy_options)
    app.connect("build-finished", ignore_page_count)
