"""The HTML search index stems each word once per build, prunes with a set, and is unchanged."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sphinx_glossterm.html import search_index

from .projects import build, pages_written

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


def count_stemming(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The words the search language's stemmer is called for (behind the memo), in order."""
    stemmed: list[str] = []
    memo_init = search_index.MemoisedStem.__init__

    def counting_init(self: search_index.MemoisedStem, stem: object, stems: object) -> None:
        def counted(word: str) -> str:
            stemmed.append(word)
            return stem(word)  # type: ignore[operator]

        memo_init(self, counted, stems)  # type: ignore[arg-type]

    monkeypatch.setattr(search_index.MemoisedStem, "__init__", counting_init)
    return stemmed


def test_each_word_is_stemmed_once_and_the_index_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = 6
    write_project(tmp_path / "lighter", pages)
    stemmed = count_stemming(monkeypatch)
    pruned_with: list[type] = []
    prune_call = search_index.PruneWithSet.__call__

    def recording_call(self: search_index.PruneWithSet, docnames: object) -> None:
        pruned_with.append(type(docnames))
        prune_call(self, docnames)  # type: ignore[arg-type]

    monkeypatch.setattr(search_index.PruneWithSet, "__call__", recording_call)
    build(tmp_path / "lighter")
    # Words such as "Sprachmodelle" recur on every page but reach the stemmer once.
    assert stemmed, "the indexer's stemmer was not memoised"
    assert len(stemmed) == len(set(stemmed))
    assert "sprachmodelle" in {word.lower() for word in stemmed}
    # Loading prunes with the pages kept (a set), dumping with env.all_docs (a dict).
    assert pruned_with == [set, dict]

    # Without the changes (and with Sphinx encoding the word tables), Sphinx
    # writes the same index.
    monkeypatch.undo()
    monkeypatch.setattr(search_index, "load_index_once", lambda *args: None)
    monkeypatch.setattr(search_index, "lighten_indexer", lambda *args: None)
    monkeypatch.setattr(search_index, "lighten_before_dump", lambda *args: [])
    write_project(tmp_path / "plain", pages)
    build(tmp_path / "plain")
    lighter = (tmp_path / "lighter" / "_build" / "html" / "searchindex.js").read_bytes()
    plain = (tmp_path / "plain" / "_build" / "html" / "searchindex.js").read_bytes()
    assert lighter == plain


def test_pruning_with_a_set_keeps_what_pruning_with_the_dict_keeps() -> None:
    kept: list[set[str]] = []
    prune = search_index.PruneWithSet(lambda docnames: kept.append(docnames))  # type: ignore[arg-type, func-returns-value]
    prune({"a": 1, "b": 2})
    prune(frozenset({"c"}))
    assert kept == [{"a", "b"}, frozenset({"c"})]


def test_incremental_build_keeps_the_index_entries_of_pages_not_written(tmp_path: Path) -> None:
    """sphinx-doc/sphinx#12599: Sphinx alone drops them from searchindex.js."""
    write_project(tmp_path / "edited", 6)
    build(tmp_path / "edited")
    page = tmp_path / "edited" / "Begriff-3.md"
    page.write_text(page.read_text(encoding="utf-8").replace("dazu", "dazu, neu"), "utf-8")
    stamp = page.stat().st_mtime_ns + 1_000_000_000
    os.utime(page, ns=(stamp, stamp))
    app = build(tmp_path / "edited")
    assert "Begriff-3" in pages_written(app)
    assert "Begriff-0" not in pages_written(app)
    write_project(tmp_path / "clean", 6)
    clean_page = tmp_path / "clean" / "Begriff-3.md"
    clean_page.write_text(page.read_text(encoding="utf-8"), "utf-8")
    build(tmp_path / "clean")

    def index_entries(project: str) -> dict:
        text = (tmp_path / project / "_build" / "html" / "searchindex.js").read_text("utf-8")
        return json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))

    edited, clean = index_entries("edited"), index_entries("clean")
    assert len(clean["indexentries"]) == 6
    assert edited["indexentries"] == clean["indexentries"]
    assert edited == clean


def test_the_next_build_stems_only_words_no_build_has_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stems are kept in the build memo: an edit's build stems only its new words."""
    srcdir = tmp_path / "stems"
    write_project(srcdir, 6)
    build(srcdir)
    for number in range(6):  # every page is written again: each links to the next
        page = srcdir / f"Begriff-{number}.md"
        page.write_text(page.read_text("utf-8").replace("dazu", "dazu, Neuwortprobe"), "utf-8")
        stamp = page.stat().st_mtime_ns + 1_000_000_000
        os.utime(page, ns=(stamp, stamp))
    stemmed = count_stemming(monkeypatch)
    app = build(srcdir)
    assert {f"Begriff-{number}" for number in range(6)} <= pages_written(app)
    assert [word.lower() for word in stemmed] == ["neuwortprobe"]
