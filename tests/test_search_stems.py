"""The HTML search index stems each word once per build, and comes out the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_glossterm import search_stems

from .projects import build

ENTRY = """\
## {title} {{#{id} .term}}

***Ein Begriff mit wiederkehrenden Wörtern.***

Sprachmodelle verarbeiten Eingaben und erzeugen Ausgaben; {title} gehört dazu.

### Siehe auch {{.seealso}}

- [{other}](#{other})
"""


def write_project(srcdir: Path, pages: int) -> None:
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_glossterm"]\nlanguage = "de"\n', encoding="utf-8"
    )
    for number in range(pages):
        other = f"Begriff-{(number + 1) % pages}"
        (srcdir / f"Begriff-{number}.md").write_text(
            ENTRY.format(title=f"Begriff {number}", id=f"Begriff-{number}", other=other),
            encoding="utf-8",
        )


def test_each_word_is_stemmed_once_and_the_index_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = 6
    write_project(tmp_path / "memo", pages)
    calls: list[str] = []
    original = search_stems.MemoisedStem.__init__

    def counting_init(self: search_stems.MemoisedStem, stem: object) -> None:
        def counted(word: str) -> str:
            calls.append(word)
            return stem(word)  # type: ignore[operator]

        original(self, counted)

    monkeypatch.setattr(search_stems.MemoisedStem, "__init__", counting_init)
    build(tmp_path / "memo")
    # Words such as "Sprachmodelle" recur on every page but reach the stemmer once.
    assert calls, "the indexer's stemmer was not memoised"
    assert len(calls) == len(set(calls))
    assert "sprachmodelle" in {word.lower() for word in calls}

    # Without the memo, Sphinx writes the same index.
    monkeypatch.undo()
    monkeypatch.setattr(search_stems, "memoise_stemmer", lambda *args: None)
    write_project(tmp_path / "plain", pages)
    monkeypatch.setattr(
        search_stems.MemoisedStem, "__call__", lambda self, word: pytest.fail("memo used")
    )
    build(tmp_path / "plain")
    memo = (tmp_path / "memo" / "_build" / "html" / "searchindex.js").read_bytes()
    plain = (tmp_path / "plain" / "_build" / "html" / "searchindex.js").read_bytes()
    assert memo == plain
