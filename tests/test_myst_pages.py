"""Ordinary MyST pages parse exactly as with myst-parser alone."""

from __future__ import annotations

import shutil
from pathlib import Path

from .projects import ROOTS, build, warnings_of


def test_myst_page_doctree_is_unchanged(tmp_path: Path) -> None:
    ours = tmp_path / "ours"
    plain = tmp_path / "plain"
    shutil.copytree(ROOTS / "test-myst", ours)
    shutil.copytree(ROOTS / "test-myst", plain)
    conf = (plain / "conf.py").read_text().replace('"sphinx_glossterm"', '"myst_parser"')
    (plain / "conf.py").write_text(conf)
    with_extension = build(ours)
    without = build(plain)
    ours_tree = with_extension.env.get_doctree("index").pformat().replace(str(ours), "SRC")
    plain_tree = without.env.get_doctree("index").pformat().replace(str(plain), "SRC")
    assert ours_tree == plain_tree
    assert warnings_of(with_extension) == []
    html = (Path(with_extension.outdir) / "index.html").read_text(encoding="utf-8")
    assert html == (Path(without.outdir) / "index.html").read_text(encoding="utf-8")
