"""``glossterm check``: the report, the JSON shape, the exit status, and that nothing is written.

The functions take argv lists, so most tests call :func:`main` directly and
read what it printed with ``capsys``; one runs ``python -m sphinx_glossterm``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sphinx_glossterm.cli.main import check_parser, main
from sphinx_glossterm.cli.report import Report, parse_warnings

from .projects import copy_root, corpus_project
from .sourcescan import Corpus

DOCS = Path(__file__).parents[1] / "docs"
JSON_KEYS = {
    "format_version",
    "srcdir",
    "reader",
    "status",
    "notes",
    "counts",
    "broken_targets",
    "planned_targets",
    "duplicate_ids",
    "findings",
    "warnings",
    "graph",
}
ENTRIES_FINDINGS = {
    "unresolved": [("terms/Alpha.md", 28)],
    "section_type": [("terms/Beta.md", 7)],
    "term_class": [("terms/Delta.md", 1)],
    "duplicate_id": [("terms/Epsilon.md", 11)],
    "attributes": [("terms/Epsilon.md", 5)],
}


def listing(folder: Path) -> list[tuple[str, int, int]]:
    """Every file and folder below ``folder`` with its size and modification time."""
    return sorted(
        (path.relative_to(folder).as_posix(), path.stat().st_size, path.stat().st_mtime_ns)
        for path in folder.rglob("*")
    )


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``glossterm *argv``; return the exit status, stdout and stderr."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    """Run ``glossterm *argv --format json``; return the exit status and the parsed report."""
    status, out, _ = run(capsys, *argv, "--format", "json")
    return status, json.loads(out)


@pytest.fixture
def entries(tmp_path: Path) -> Path:
    """A copy of ``tests/roots/test-entries``: six entries with five known problems."""
    return copy_root("entries", tmp_path / "entries")


def write_project(folder: Path, files: dict[str, str]) -> Path:
    """A project of the given files beside a conf.py loading sphinx_glossterm."""
    folder.mkdir()
    (folder / "conf.py").write_text(
        'extensions = ["sphinx_glossterm"]\nlanguage = "en"\n', encoding="utf-8"
    )
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


CLEAN_TERMS = {
    "Apple.md": "## Apple {#Apple .term}\n\nA fruit, like a [pear](#Pear).\n\n"
    "### See also {.seealso}\n\n[Pear](#Pear)\n",
    "Pear.md": "## Pear {#Pear .term}\n\nA fruit, like an [apple](#Apple).\n\n"
    "### See also {.seealso}\n\n[Apple](#Apple)\n",
}


# --------------------------------------------------------------------------- text report


def test_text_report_of_the_entries_project(
    entries: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "check", str(entries))
    assert (status, err) == (1, "")
    assert re.search(r"^  entries +6  in 4 files$", out, re.M)
    assert re.search(r"^  links +16  9 see-also, 7 inline$", out, re.M)
    assert re.search(r"^  broken targets +1  1 use$", out, re.M)
    broken = out.split("Broken targets:", 1)[1]
    assert re.search(r"^  #Missing-Term  1 use; no suggestion\n +terms/Alpha.md:28 ", broken, re.M)
    duplicates = out.split("Duplicate ids: 1\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert duplicates[0] == "  #Alpha"
    assert duplicates[1].split() == ["terms/Alpha.md:1", "Alpha", "<-", "links", "go", "here"]
    assert duplicates[2].split() == ["terms/Epsilon.md:11", "Alpha", "again"]
    others = out.split("Other findings: 3\n", 1)[1].split("\n\n", 1)[0]
    for subtype in ("attributes", "section_type", "term_class"):
        (file, line), *_ = ENTRIES_FINDINGS[subtype]
        assert re.search(rf"glossterm\.{subtype} \(1\)\n +{file}:{line}  \S", others)
    assert "Orphans: 2 entries" in out
    assert "Hubs:" in out
    assert out.endswith(
        "problems found: 1 broken target (1 use), 1 duplicate id, 3 other findings, "
        "0 other warnings (exit status 1)\n"
    )


def test_quiet_prints_only_the_problems(entries: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", str(entries), "--quiet")
    assert status == 1
    assert out.startswith("Broken targets: 1 (1 use)")
    assert "Counts" not in out and "Orphans" not in out and "Other warnings" not in out
    assert out.splitlines()[-1].startswith("problems found:")


# --------------------------------------------------------------------------- JSON report


def test_json_report_of_the_entries_project(
    entries: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, report = run_json(capsys, "check", str(entries))
    assert status == report["status"] == 1
    assert set(report) == JSON_KEYS
    assert report["format_version"] == 1
    assert report["reader"] == "markdown"
    assert report["notes"] == []
    assert report["counts"] == {
        "pages": 6,
        "entries": 6,
        "entry_files": 4,
        "links": 16,
        "see_also_links": 9,
        "inline_links": 7,
        "broken_targets": 1,
        "broken_uses": 1,
        "planned_targets": 0,
        "planned_uses": 0,
        "duplicate_ids": 1,
        "findings": 5,
        "warnings": 0,
        "orphans": 2,
        "dead_ends": 1,
        "components": 2,
    }
    assert report["broken_targets"] == [
        {
            "target": "Missing-Term",
            "uses": 1,
            "suggestions": [],
            "referrers": [
                {
                    "file": "terms/Alpha.md",
                    "line": 28,
                    "kind": "related",
                    "label": "Missing Term",
                    "entry": "Alpha",
                }
            ],
        }
    ]
    assert report["duplicate_ids"] == [
        {
            "id": "Alpha",
            "places": [
                {"file": "terms/Alpha.md", "line": 1, "title": "Alpha", "chosen": True},
                {"file": "terms/Epsilon.md", "line": 11, "title": "Alpha again", "chosen": False},
            ],
        }
    ]
    places = {
        subtype: [(item["file"], item["line"]) for item in items]
        for subtype, items in report["findings"].items()
    }
    assert places == ENTRIES_FINDINGS
    assert list(report["findings"]) == sorted(report["findings"])
    assert report["warnings"] == []
    graph = report["graph"]
    assert graph["orphans"] == ["Epsilon", "terms/Epsilon#Alpha"]
    assert graph["dead_ends"] == ["Epsilon"]
    assert graph["components"] == {"count": 2, "sizes": [5, 1], "small": [["Epsilon"]]}
    assert graph["hubs"][0] == {"id": "Alpha", "title": "Alpha", "linked_from": 3}


def test_parallel_read_gives_the_same_report(
    entries: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_json(capsys, "check", str(entries)) == run_json(
        capsys, "check", str(entries), "-j", "2"
    )
    assert run_json(capsys, "check", str(entries), "--full") == run_json(
        capsys, "check", str(entries), "--full", "-j", "2"
    )


def test_define_overrides_conf_py_and_suppress_warnings_is_honoured(
    entries: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, report = run_json(
        capsys,
        "check",
        str(entries),
        "-D",
        "suppress_warnings=glossterm.term_class,glossterm.unresolved",
    )
    assert status == 1
    assert set(report["findings"]) == set(ENTRIES_FINDINGS) - {"term_class", "unresolved"}
    assert report["broken_targets"] == []
    assert report["counts"]["findings"] == 3


def test_planned_targets_are_counted_not_found(
    entries: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, report = run_json(capsys, "check", str(entries), "-D", "glossterm_planned=Missing-*")
    assert report["planned_targets"] == [{"target": "Missing-Term", "uses": 1}]
    assert report["broken_targets"] == []
    assert "unresolved" not in report["findings"]


# --------------------------------------------------------------------------- exit status


def test_clean_project_without_root_document_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = write_project(tmp_path / "clean", CLEAN_TERMS)
    before = listing(project)
    status, out, err = run(capsys, "check", str(project))
    assert (status, err) == (0, "")
    assert out.endswith(
        "clean: 0 broken targets (0 uses), 0 duplicate ids, 0 other findings, "
        "0 other warnings (exit status 0)\n"
    )
    assert "note: the project has no root document 'index'" in out
    assert listing(project) == before, "no index.md, no _build"
    _, report = run_json(capsys, "check", str(project))
    assert report["counts"]["entries"] == 2
    assert report["counts"]["see_also_links"] == report["counts"]["inline_links"] == 2
    assert report["graph"]["components"] == {"count": 1, "sizes": [2], "small": []}


def test_other_warnings_are_listed_and_fail_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sphinx's own warnings (here: a page in no toctree) need --full."""
    index = "# Fruit\n\n```{toctree}\nApple\nPear\n```\n"
    stray = "# Stray\n\nIn no toctree.\n"
    project = write_project(
        tmp_path / "fruit", {**CLEAN_TERMS, "index.md": index, "stray.md": stray}
    )
    status, report = run_json(capsys, "check", str(project), "--full")
    assert status == 1
    assert report["reader"] == "sphinx"
    assert report["findings"] == {}
    assert [(w["file"], w["type"], w["subtype"]) for w in report["warnings"]] == [
        ("stray.md", "toc", "not_included")
    ]
    # The Markdown reader does not see them, and its report says which reader it was.
    status, report = run_json(capsys, "check", str(project))
    assert (status, report["reader"], report["warnings"]) == (0, "markdown", [])
    _, out, _ = run(capsys, "check", str(project), "--full")
    assert re.search(
        r"^  stray\.md  document isn't included in any toctree \[toc\.not_included\]$", out, re.M
    )


def test_nothing_is_written_into_the_project(
    entries: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = listing(entries)
    run(capsys, "check", str(entries))
    run(capsys, "check", str(entries), "--format", "json", "-j", "2")
    run(capsys, "check", str(entries), "--full")
    assert listing(entries) == before


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        ([], "the following arguments are required: command"),
        (["lint"], "invalid choice: 'lint'"),
        (["check"], "the following arguments are required: srcdir"),
        (["check", ".", "--format", "yaml"], "invalid choice: 'yaml'"),
        (["check", ".", "-D", "language"], "-D takes name=value, not 'language'"),
        (["check", ".", "-j", "0"], "job number should be a positive number"),
        (["check", "does/not/exist"], "no source directory does/not/exist"),
    ],
)
def test_usage_errors_exit_2(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert says in err


def test_sphinx_failure_exits_2_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bare = tmp_path / "bare"
    bare.mkdir()
    other = write_project(tmp_path / "plain", {"index.md": "# Plain\n"})
    (other / "conf.py").write_text("extensions = []\n", encoding="utf-8")
    broken = write_project(tmp_path / "broken", {"index.md": "# Plain\n"})
    (broken / "conf.py").write_text("extensions = [\n", encoding="utf-8")
    for reader in ([], ["--full"]):
        status, out, err = run(capsys, "check", str(bare), *reader)
        assert (status, out) == (2, "")
        assert (
            "Sphinx failed: Configuration error: config directory doesn't contain a conf.py" in err
        )
        status, _, err = run(capsys, "check", str(other), *reader)
        assert status == 2
        assert "does not load sphinx_glossterm" in err
        status, _, err = run(capsys, "check", str(broken), *reader)
        assert status == 2
        assert "There is a syntax error in your configuration file" in err


def test_conf_dir_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = write_project(tmp_path / "src", CLEAN_TERMS)
    confdir = tmp_path / "conf"
    confdir.mkdir()
    (project / "conf.py").rename(confdir / "conf.py")
    assert run(capsys, "check", str(project), "-c", str(confdir))[0] == 0


# --------------------------------------------------------------------------- pieces


def test_parse_warnings_keeps_multi_line_messages_and_missing_locations(tmp_path: Path) -> None:
    stream = (
        f"{tmp_path}/a.md:3: WARNING: first [glossterm.unresolved]\n"
        f"{tmp_path}/b.md:: WARNING: no line [glossterm.term_class]\n"
        "WARNING: nowhere\n"
        f"{tmp_path}/c.md:7: ERROR: Unknown directive type\n"
        "\n"
        "   a second line [myst.directive_unknown]\n"
        "/elsewhere/d.md: WARNING: outside\n"
    )
    parsed = [
        (w.level, w.file, w.line, w.message, w.type, w.subtype)
        for w in parse_warnings(stream, tmp_path)
    ]
    assert parsed[:4] == [
        ("WARNING", "a.md", 3, "first", "glossterm", "unresolved"),
        ("WARNING", "b.md", None, "no line", "glossterm", "term_class"),
        ("WARNING", None, None, "nowhere", None, None),
        (
            "ERROR",
            "c.md",
            7,
            "Unknown directive type\n\n   a second line",
            "myst",
            "directive_unknown",
        ),
    ]
    assert parsed[4][1].endswith("elsewhere/d.md") and parsed[4][2] is None
    assert [w.message for w in parse_warnings("not a warning line\n", tmp_path)] == [
        "not a warning line"
    ]


def test_module_entry_point_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx_glossterm", "check", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: glossterm check [-h]")
    for words in ("broken targets", "duplicate ids", "orphans", "components", "exit status"):
        assert words in result.stdout


def test_docs_describe_every_option_and_json_key() -> None:
    page = (DOCS / "cli.md").read_text(encoding="utf-8")
    options = [
        option
        for action in check_parser()._actions
        for option in action.option_strings
        if option.startswith("--")
    ]
    assert [option for option in options if f"`{option}" not in page] == []
    documented = set(re.findall(r'^ *"(\w+)":', page, re.M))
    assert documented >= JSON_KEYS

    assert set(Report(srcdir="").counts()) <= documented


# --------------------------------------------------------------------------- the corpus


@pytest.mark.corpus
def test_check_on_the_corpus(
    corpus_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    report: Callable[[str], None],
) -> None:
    srcdir = corpus_project(corpus_dir, tmp_path / "ki-glossar")
    before = listing(srcdir)
    started = time.perf_counter()
    status, result = run_json(capsys, "check", str(srcdir))
    seconds = time.perf_counter() - started
    assert status == 1
    assert result["reader"] == "markdown"
    counts = result["counts"]
    assert counts["broken_uses"] == len(result["findings"]["unresolved"])
    assert counts["broken_uses"] == sum(t["uses"] for t in result["broken_targets"])
    # A separate, simple scanner of the Markdown files finds the same broken links.
    scanned = Counter(use.target for _, use in Corpus.read(corpus_dir).unresolved_links())
    assert {t["target"]: t["uses"] for t in result["broken_targets"]} == dict(scanned)
    uses = [t["uses"] for t in result["broken_targets"]]
    assert uses == sorted(uses, reverse=True)
    assert all(len(t["suggestions"]) <= 3 for t in result["broken_targets"])
    assert counts["entries"] >= len(list(corpus_dir.glob("*.md")))
    assert listing(srcdir) == before, "no HTML, no _build, no generated index.md"
    report(
        f"glossterm check on the corpus (Markdown reader, in-process): {seconds:.2f} s, "
        f"{counts['entries']} entries, "
        f"{counts['broken_targets']} broken targets ({counts['broken_uses']} uses)"
    )


def test_the_sphinx_reader_leaves_no_translations_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A German project read in-process must not make the next application speak German."""
    from sphinx import locale

    project = write_project(tmp_path / "de", CLEAN_TERMS)
    conf = project / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace('"en"', '"de"'), encoding="utf-8")
    before = dict(locale.translators)
    status, _ = run_json(capsys, "check", "--full", str(project))
    assert status == 0
    assert dict(locale.translators) == before


def test_a_relative_source_folder_is_read_with_sphinx_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``glossterm check docs`` from the folder above, read with Sphinx for the .rst page."""
    project = tmp_path / "docs"
    project.mkdir()
    (project / "conf.py").write_text('extensions = ["sphinx_glossterm"]\n', encoding="utf-8")
    (project / "index.rst").write_text(
        "Home\n====\n\n.. toctree::\n   :glob:\n\n   *\n", encoding="utf-8"
    )
    (project / "Alpha.md").write_text(
        "## Alpha {#Alpha .term}\n\nSee [Beta](#Beta).\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    status, report = run_json(capsys, "check", "docs", "--format", "json")
    assert (status, report["reader"]) == (1, "sphinx")
    assert [item["target"] for item in report["broken_targets"]] == ["Beta"]
