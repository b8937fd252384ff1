"""The documentation describes exactly what the code does, and builds cleanly."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from sphinx_glossterm.model.options import OPTIONS
from sphinx_glossterm.model.warnings_ import GlosstermWarning

from .projects import build, warnings_of

DOCS = Path(__file__).parents[1] / "docs"


def test_every_warning_subtype_is_documented_once() -> None:
    table = (DOCS / "warnings.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\|\s*`glossterm`\s*\|\s*`(\w+)`", table, flags=re.MULTILINE)
    assert sorted(documented) == sorted(kind.value for kind in GlosstermWarning)


def test_every_option_is_documented() -> None:
    reference = (DOCS / "configuration.md").read_text(encoding="utf-8")
    missing = [option.name for option in OPTIONS if option.name not in reference]
    assert missing == []


def test_every_directive_is_documented() -> None:
    reference = (DOCS / "directives.md").read_text(encoding="utf-8")
    for name in ("glossterm", "glossterm-section", "glossterm-index", "glossterm-include"):
        assert f"{name}" in reference


def test_docs_build_without_warnings(tmp_path: Path) -> None:
    srcdir = tmp_path / "docs"
    shutil.copytree(DOCS, srcdir, ignore=shutil.ignore_patterns("_build"))
    app = build(srcdir, confoverrides={"nitpicky": True})
    assert warnings_of(app) == []
    demo = (Path(app.outdir) / "demo" / "index.html").read_text(encoding="utf-8")
    assert 'class="glossterm-index' in demo
