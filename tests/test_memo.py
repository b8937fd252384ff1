"""Whole-glossary results are reused between builds while their input is unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_glossterm.html import graph_page
from sphinx_glossterm.html.layout import layout
from sphinx_glossterm.sphinx_ext import memo

from .projects import build

ENTRY = """\
## {title} {{#{id} .term}}

***Ein Begriff.***

{title} ist ein Beispiel.

### Siehe auch {{.seealso}}

{see_also}
"""


def write_entry(srcdir: Path, number: int, see_also: list[int]) -> None:
    items = "\n".join(f"- [Begriff {n}](#Begriff-{n})" for n in see_also)
    text = ENTRY.format(title=f"Begriff {number}", id=f"Begriff-{number}", see_also=items)
    (srcdir / f"Begriff-{number}.md").write_text(text, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_glossterm"]\nlanguage = "de"\nhtml_theme = "glossterm"\n',
        encoding="utf-8",
    )
    for number in range(5):
        write_entry(srcdir, number, [(number + 1) % 5, (number + 2) % 5])
    return srcdir


def test_the_graph_layout_is_computed_again_only_when_the_graph_changes(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []

    def counted_layout(keys, edges):  # type: ignore[no-untyped-def]
        calls.append(len(keys))
        return layout(keys, edges)

    monkeypatch.setattr(graph_page, "layout", counted_layout)
    data = Path(build(project).outdir) / "_static" / graph_page.DATA_FILE
    assert calls == [5]
    assert (project / "_build" / "doctrees" / memo.FILE).is_file()
    first = data.read_text(encoding="utf-8")

    # A new sentence moves no node: the layout of the last build is reused.
    text = (project / "Begriff-0.md").read_text(encoding="utf-8")
    (project / "Begriff-0.md").write_text(text.replace("Beispiel.", "Beispiel, neu."), "utf-8")
    build(project)
    assert calls == [5]
    assert data.read_text(encoding="utf-8") == first

    # A new see-also item is a new edge: laid out again, and the page shows it.
    write_entry(project, 0, [1, 2, 3])
    build(project)
    assert calls == [5, 5]
    assert data.read_text(encoding="utf-8") != first


def test_an_unreadable_memo_is_computed_afresh(tmp_path: Path) -> None:
    path = tmp_path / memo.FILE
    path.write_bytes(b"not a pickle")
    kept = memo.Memo(path)
    assert kept.get("answer", (1, 2), lambda: 3) == 3
    kept.save()
    again = memo.Memo(path)
    assert again.get("answer", (1, 2), lambda: pytest.fail("not reused")) == 3
    assert again.get("answer", (1, 3), lambda: 4) == 4


def test_suggestions_are_reused_until_an_entry_is_renamed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sphinx_glossterm.model.suggest import Suggester

    asked: list[str] = []
    original = Suggester._suggest

    def counted(self: Suggester, target: str, limit: int) -> tuple[str, ...]:
        asked.append(target)
        return original(self, target, limit)

    monkeypatch.setattr(Suggester, "_suggest", counted)
    text = (project / "Begriff-0.md").read_text(encoding="utf-8")
    (project / "Begriff-0.md").write_text(text + "\n[Begrif 1](#Begrif-1)\n", "utf-8")
    first = build(project)
    assert asked == ["Begrif-1"]
    assert "did you mean #Begriff-1 or" in first.warning.getvalue()

    # Another sentence renames nothing: the suggestion comes from the last build.
    # (In the file with the broken link: an incremental build reports that file's findings.)
    (project / "Begriff-0.md").write_text(
        (project / "Begriff-0.md").read_text(encoding="utf-8").replace("Beispiel.", "Neu."), "utf-8"
    )
    second = build(project)
    assert asked == ["Begrif-1"]
    assert "did you mean #Begriff-1 or" in second.warning.getvalue()

    # A new entry is a new name: suggestions are made again.
    write_entry(project, 5, [0])
    build(project)
    assert asked == ["Begrif-1", "Begrif-1"]
