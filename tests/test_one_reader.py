"""The build and ``glossterm check`` share the reader: the same findings at the same places.

A project with a mistake of every kind the reader and the checks report is
built with ``sphinx-build`` (through ``sphinx.testing``) and checked with
``glossterm check --format json`` (the Markdown reader, from a cold and then
a warm cache); the ``(subtype, file, line)`` of every ``glossterm`` warning
of the build must be the findings of the check, no more and no fewer.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sphinx_glossterm.cli.main import main

from .projects import build, warnings_of

FILES = {
    "index.md": "# Odd\n\n```{toctree}\n:glob:\n\n*\n```\n",
    "Apple.md": "## Apple {#Apple .term}\n\n***A fruit***\n\nLike a [pear](#Pear) or a "
    "[quince](#Quince).\n\n### See also {.seealso}\n\n[Pear](#Pear) |\n[Plum](#Plum) |\n",
    "Pear.md": "## Pear {#Pear .term}\n\nA fruit, like an [apple](#Apple).\n\n"
    "### See also {.seealso}\n\n[Apple](#Apple) |\n[Aple](#Aple) |\n",
    "Pear-again.md": "## Pear {#Pear .term}\n\nThe same id again.\n",
    "unclosed.md": "## Unclosed {#Unclosed .term\n\nText [a](#Unclosed).\n",
    "h4.md": "#### Deep {#Deep .term}\n\nText.\n\n### Empty {.explanation}\n\n"
    "### Also {.seealso}\n\n[Deep](#Deep)\n",
    "spaces.md": '## Odd id {#Odd"id .term}\n\nText.\n\n## {#Blank .term}\n\n',
    "nested.md": "## Nest {#Nest .term}\n\n" + "".join("  " * i + "- x\n" for i in range(60)),
    "html.md": "## Html {#Html .term}\n\n<b>bold</b> and <script>x</script> "
    "[js](javascript:alert(1)) [ok](#Html)\n",
    "myst.md": "# A page\n\n```{glossterm} Quince\n:id: Quince\n:aliases: Cydonia\n\n"
    "Hard, see [Gone](#Gone).\n```\n\n```{glossterm-section} seealso\n[Apple](#Apple)\n```\n\n"
    "```{glossterm-include} nothing/*.md\n```\n",
}
CONF = 'extensions = ["sphinx_glossterm"]\nlanguage = "en"\n'
WARNING = re.compile(
    r"^(?P<path>[^:]+?)(?::(?P<line>\d+))?: WARNING: .* \[glossterm\.(?P<sub>\w+)\]$"
)


def build_findings(srcdir: Path) -> set[tuple[str, str, int | None]]:
    """``(subtype, file, line)`` of every glossterm warning ``sphinx-build`` prints."""
    found = set()
    for line in warnings_of(build(srcdir, "html")):
        match = WARNING.match(line)
        if match:
            path = Path(match["path"]).resolve().relative_to(srcdir.resolve()).as_posix()
            number = int(match["line"]) if match["line"] else None
            found.add((match["sub"], path, number))
    return found


def check_findings(
    srcdir: Path, cache: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[str, set[tuple[str, str, int | None]]]:
    """The reader and ``(subtype, file, line)`` of every finding ``glossterm check`` reports."""
    capsys.readouterr()
    main(["check", str(srcdir), "--format", "json", "--cache-dir", str(cache)])
    report = json.loads(capsys.readouterr().out)
    findings = {
        (subtype, item["file"], item["line"])
        for subtype, items in report["findings"].items()
        for item in items
    }
    return report["reader"], findings


def test_the_build_and_the_check_report_the_same_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    checked = tmp_path / "checked"
    built = tmp_path / "built"
    for srcdir in (checked, built):
        srcdir.mkdir()
        for name, text in FILES.items():
            (srcdir / name).write_text(text, encoding="utf-8")
        (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    cache = tmp_path / "cache"
    reader, cold = check_findings(checked, cache, capsys)
    assert reader == "markdown"
    _, warm = check_findings(checked, cache, capsys)
    from_build = build_findings(built)
    assert cold == warm == from_build
    subtypes = {subtype for subtype, _, _ in from_build}
    assert {
        "attributes",
        "entry",
        "empty",
        "id",
        "nesting",
        "raw_html",
        "unsafe_link",
        "unresolved",
        "duplicate_id",
        "include",
        "directive",
    } <= subtypes, subtypes
