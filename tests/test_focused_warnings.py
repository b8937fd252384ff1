"""Incremental builds report the findings of what they re-read or what changed, and one line.

Full builds and ``-W`` builds report every finding, as before.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from sphinx.util.console import strip_colors

from .projects import build, copy_root, warnings_of

SUMMARY = re.compile(
    r"glossterm: (?P<total>\d+) more finding\(s\) in files this build did not re-read "
    r"\((?P<kinds>[^)]*)\); 'glossterm check (?P<srcdir>\S+)' lists them"
)


def files_warned(lines: list[str]) -> list[str]:
    return sorted({Path(line.split(":", 1)[0]).name for line in lines})


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    time.sleep(0.01)  # a later modification time than the last read
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edit_reports_its_own_file_and_sums_up_the_rest(tmp_path: Path) -> None:
    srcdir = copy_root("checks", tmp_path / "src")
    full = warnings_of(build(srcdir))
    assert files_warned(full) == ["Deep-Learning.md", "Neural-Network.md"]
    assert len(full) == 10
    edit(srcdir / "Neural-Network.md", "ist die Grundlage", "ist die Basis")
    app = build(srcdir)
    again = warnings_of(app)
    assert files_warned(again) == ["Neural-Network.md"]
    assert len(again) == 4
    summary = SUMMARY.search(strip_colors(app.status.getvalue()))
    assert summary is not None, app.status.getvalue()
    assert int(summary["total"]) == len(full) - len(again)
    # Deep-Learning.md's six findings, by subtype.
    assert summary["kinds"] == (
        "seealso_duplicate 1, seealso_order 2, seealso_symmetry 1, self_link 1, unresolved 1"
    )
    # An unchanged build re-reads nothing and repeats nothing.
    quiet = build(srcdir)
    assert warnings_of(quiet) == []


def test_a_new_finding_in_an_unchanged_file_is_reported(tmp_path: Path) -> None:
    srcdir = copy_root("checks", tmp_path / "src")
    build(srcdir)
    # Renaming the entry breaks the see-also link of Neural-Network.md, which is not edited.
    edit(srcdir / "Ähnlichkeit.md", "{#Ähnlichkeit .term}", "{#Aehnlichkeit .term}")
    again = warnings_of(build(srcdir))
    new = [line for line in again if files_warned([line]) == ["Neural-Network.md"]]
    assert len(new) == 1
    assert "no entry has the id 'Ähnlichkeit'" in new[0]


def test_full_and_strict_builds_report_everything(tmp_path: Path) -> None:
    srcdir = copy_root("checks", tmp_path / "src")
    full = warnings_of(build(srcdir))
    edit(srcdir / "Neural-Network.md", "ist die Grundlage", "ist die Basis")
    strict = build(srcdir, warningiserror=True)
    assert len(warnings_of(strict)) == len(full)
    edit(srcdir / "Neural-Network.md", "ist die Basis", "ist die Grundlage")
    assert len(warnings_of(build(srcdir, freshenv=True))) == len(full)
