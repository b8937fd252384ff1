"""One entry, two syntaxes, one doctree.

Each ``fixtures/syntaxes/NAME.pandoc.md`` holds an entry in the Pandoc dialect
and ``NAME.myst.md`` the same entry written with the ``glossterm`` directive.
Both must give the doctree in ``NAME.xml`` (set ``GLOSSTERM_REGENERATE=1`` to
rewrite the expected files after a deliberate change, then review the diff).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_glossterm.reader.nodes import is_entry

from .projects import build, warnings_of

FIXTURES = Path(__file__).parent / "fixtures" / "syntaxes"
NAMES = sorted(path.name.removesuffix(".pandoc.md") for path in FIXTURES.glob("*.pandoc.md"))


def _project(tmp: Path, syntax: str) -> SphinxTestApp:
    srcdir = tmp / syntax
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["sphinx_glossterm"]\nlanguage = "en"\n')
    for name in NAMES:
        text = (FIXTURES / f"{name}.{syntax}.md").read_text(encoding="utf-8")
        (srcdir / f"{name}.md").write_text(text, encoding="utf-8")
    return build(srcdir)


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, SphinxTestApp]:
    tmp = tmp_path_factory.mktemp("syntaxes")
    return {syntax: _project(tmp, syntax) for syntax in ("pandoc", "myst")}


def _entry_xml(app: SphinxTestApp, name: str) -> str:
    doctree = app.env.get_doctree(name)
    return "".join(entry.pformat() for entry in doctree.findall(is_entry))


def test_fixtures_exist() -> None:
    assert len(NAMES) >= 3
    for name in NAMES:
        assert (FIXTURES / f"{name}.myst.md").is_file(), f"{name} lacks its MyST twin"


@pytest.mark.parametrize("syntax", ["pandoc", "myst"])
@pytest.mark.parametrize("name", NAMES)
def test_entry_doctree_matches_the_expected_file(
    projects: dict[str, SphinxTestApp], syntax: str, name: str
) -> None:
    actual = _entry_xml(projects[syntax], name)
    assert actual, f"{name}.{syntax}.md produced no entry"
    expected_path = FIXTURES / f"{name}.xml"
    if os.environ.get("GLOSSTERM_REGENERATE") and syntax == "pandoc":
        expected_path.write_text(actual, encoding="utf-8")
    assert actual == expected_path.read_text(encoding="utf-8")


def test_both_builds_are_free_of_warnings_about_the_entries(
    projects: dict[str, SphinxTestApp],
) -> None:
    for app in projects.values():
        unexpected = [w for w in warnings_of(app) if "Agent" not in w and "Planning" not in w]
        assert unexpected == []
