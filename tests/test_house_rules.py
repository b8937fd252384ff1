"""House rules: allowed section types, their order, the headings of each type; --fix unifies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sphinx_glossterm.cli.main import main

from .projects import build, warnings_of

CONF = """\
extensions = ["sphinx_glossterm"]
glossterm_allowed_sections = ["explanation", "haiku", "seealso"]
glossterm_section_order = ["explanation", "haiku", "seealso"]
glossterm_section_labels = {"seealso": ["Related topics"], "haiku": ["Haiku", "Haikus"]}
"""

FILES = {
    "Anchor.md": (
        "## Anchor {#Anchor .term}\n\n"
        "An anchor holds a ship.\n\n"
        "### Haikus {.haiku}\n\n"
        "Iron in the sand.\n\n"
        "### How it works {.explanation}\n\n"  # line 9: after the haiku
        "It digs in.\n\n"
        "### See also: {.seealso}\n\n"  # line 13: another wording
        "[Buoy](#Buoy) |\n"
        "[Index](#Index)\n"
    ),
    "Buoy.md": (
        "## Buoy {#Buoy .term}\n\n"
        "A buoy floats.\n\n"
        "### Trivia {.trivia}\n\n"  # line 5: a type not allowed
        "Often red.\n\n"
        "### Related topics {.seealso}\n\n"
        "[Anchor](#Anchor) |\n"
        "[Index](#Index)\n"
    ),
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(CONF + 'glossterm_section_types = {"trivia": {}}\n')
    for name, text in FILES.items():
        (srcdir / name).write_text(text, encoding="utf-8")
    return srcdir


def house_findings(srcdir: Path, capsys: pytest.CaptureFixture[str]) -> list[tuple[str, int]]:
    main(["check", str(srcdir), "--format", "json", "--no-cache"])
    report = json.loads(capsys.readouterr().out)
    return [(f["file"], f["line"]) for f in report["findings"].get("house_rule", [])]


def test_each_rule_is_reported_at_its_heading(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert house_findings(project, capsys) == [("Anchor.md", 9), ("Anchor.md", 13), ("Buoy.md", 5)]


def test_the_build_reports_the_same_findings(project: Path) -> None:
    app = build(project)
    found = sorted(
        line.split(": WARNING")[0].rsplit("/", 1)[-1]
        for line in warnings_of(app)
        if "[glossterm.house_rule]" in line
    )
    assert found == ["Anchor.md:13", "Anchor.md:9", "Buoy.md:5"]


def test_fix_writes_the_first_label_and_nothing_else(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", str(project), "--fix", "-q", "--no-cache"])
    assert "[house_rule] heading 'See also:' -> 'Related topics'" in capsys.readouterr().out
    expected = FILES["Anchor.md"].replace(
        "### See also: {.seealso}", "### Related topics {.seealso}"
    )
    assert (project / "Anchor.md").read_text(encoding="utf-8") == expected
    assert (project / "Buoy.md").read_text(encoding="utf-8") == FILES["Buoy.md"]
    # The heading is fixed; order and types are the author's to change.
    assert house_findings(project, capsys) == [("Anchor.md", 9), ("Buoy.md", 5)]
    main(["check", str(project), "--fix", "-q", "--no-cache"])
    assert "fixed: 0 change(s) in 0 file(s)" in capsys.readouterr().out
