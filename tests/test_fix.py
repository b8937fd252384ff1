"""``glossterm check --fix`` and ``--diff``: each fixer on real corpus files, byte for byte.

The corpus files are copied into ``tmp_path``; what each fixed file must be
is computed from its input (the input with exactly the lines a finding names
changed), or written out here for our own small fixtures.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from sphinx_glossterm.cli.main import main
from sphinx_glossterm.model.collation import sort_key

from .projects import copy_root

pytestmark = pytest.mark.corpus

ITEM_LINE = re.compile(r"\[(?P<label>[^\]]+)\]\(#(?P<target>[^)]+)\)")


def project(corpus_dir: Path, srcdir: Path, **options: bool) -> Path:
    """The corpus's term files, with conf.py setting ``options`` (glossterm_check_*)."""
    srcdir.mkdir()
    for source in corpus_dir.glob("*.md"):
        shutil.copyfile(source, srcdir / source.name)
    lines = ['extensions = ["sphinx_glossterm"]', 'language = "de"']
    lines += [f"glossterm_check_{name} = {value}" for name, value in options.items()]
    (srcdir / "conf.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return srcdir


def report(srcdir: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> dict[str, Any]:
    """The check's JSON report (after the fixes, with ``--fix``)."""
    main(["check", str(srcdir), "--format", "json", *flags])
    return json.loads(capsys.readouterr().out)


def fix(srcdir: Path, capsys: pytest.CaptureFixture[str], *flags: str) -> tuple[int, str]:
    status = main(["check", str(srcdir), "--fix", "-q", *flags])
    return status, capsys.readouterr().out


def snapshot(srcdir: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(srcdir.iterdir()) if path.is_file()}


def lines_of(data: bytes) -> list[str]:
    return data.decode("utf-8").splitlines(keepends=True)


def assert_second_fix_changes_nothing(srcdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(srcdir)
    _status, out = fix(srcdir, capsys)
    assert "fixed: 0 change(s) in 0 file(s)" in out
    assert snapshot(srcdir) == before


def test_duplicates_go_and_nothing_else_changes(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = project(corpus_dir, tmp_path / "src")
    first = report(srcdir, capsys)
    duplicates = first["findings"]["seealso_duplicate"]
    assert len(duplicates) >= 2
    cased = {name for name, _line in case_fixes(first, srcdir)}
    before = snapshot(srcdir)
    fixed = report(srcdir, capsys, "--fix")
    after = snapshot(srcdir)
    removed: dict[str, set[int]] = {}
    for finding in duplicates:
        removed.setdefault(finding["file"], set()).add(finding["line"])
    # Without order or symmetry, only a case fix could also change these files.
    checked = sorted(set(removed) - cased)
    assert checked
    for name in checked:
        expected = [
            line
            for number, line in enumerate(lines_of(before[name]), 1)
            if number not in removed[name]
        ]
        assert lines_of(after[name]) == expected, name
    assert all(
        after[name] == data for name, data in before.items() if name not in set(removed) | cased
    )
    assert "seealso_duplicate" not in fixed["findings"]
    assert_second_fix_changes_nothing(srcdir, capsys)


def test_link_targets_get_the_case_of_the_one_entry_id(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = project(corpus_dir, tmp_path / "src")
    first = report(srcdir, capsys)
    expected_edits = case_fixes(first, srcdir)
    assert len(expected_edits) >= 2  # e.g. #pyTorch -> #PyTorch
    before = snapshot(srcdir)
    fixed = report(srcdir, capsys, "--fix")
    after = snapshot(srcdir)
    for (name, line), (old, new) in expected_edits.items():
        expected = lines_of(before[name])
        expected[line - 1] = expected[line - 1].replace(f"](#{old})", f"](#{new})")
        actual = lines_of(after[name])
        assert actual[line - 1] == expected[line - 1], (name, line)
    targets = {broken["target"] for broken in fixed["broken_targets"]}
    assert not targets & {old for old, _ in expected_edits.values()}
    assert_second_fix_changes_nothing(srcdir, capsys)


def _entries(srcdir: Path) -> dict[str, str]:
    """Every entry's id and title, from the term headings (``## Title {#Id .term}``)."""
    heading = re.compile(r"^#{2,3} (?P<title>.*?) *\{#(?P<id>[^\s}]+)[^}]*\}", re.MULTILINE)
    entries: dict[str, str] = {}
    for path in sorted(srcdir.glob("*.md")):
        for match in heading.finditer(path.read_text(encoding="utf-8")):
            # Links go to the first entry of an id; a title's emphasis is no part of a label.
            entries.setdefault(match["id"], match["title"].replace("*", ""))
    return entries


def case_fixes(first: dict[str, Any], srcdir: Path) -> dict[tuple[str, int], tuple[str, str]]:
    """The link uses whose target differs from exactly one entry id only in case."""
    by_fold: dict[str, list[str]] = {}
    for term_id in _entries(srcdir):
        by_fold.setdefault(term_id.casefold(), []).append(term_id)
    fixes: dict[tuple[str, int], tuple[str, str]] = {}
    for broken in first["broken_targets"]:
        candidates = by_fold.get(broken["target"].casefold(), [])
        if len(candidates) == 1:
            for referrer in broken["referrers"]:
                fixes[(referrer["file"], referrer["line"])] = (broken["target"], candidates[0])
    return fixes


def test_see_also_lists_are_sorted_index_last(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = project(corpus_dir, tmp_path / "src", seealso_order=True)
    first = report(srcdir, capsys)
    unordered = {finding["file"] for finding in first["findings"]["seealso_order"]}
    duplicated = {finding["file"] for finding in first["findings"].get("seealso_duplicate", [])}
    cased = {name for name, _line in case_fixes(first, srcdir)}
    plain = sorted(unordered - duplicated - cased)  # files whose only fix is the order
    assert len(plain) >= 10
    before = snapshot(srcdir)
    fixed = report(srcdir, capsys, "--fix")
    after = snapshot(srcdir)
    for name in plain:
        old, new = lines_of(before[name]), lines_of(after[name])
        items = [number for number, line in enumerate(old) if ITEM_LINE.fullmatch(_body(line))]
        start, end = _last_run(items)
        block = old[start : end + 1]
        # The separator after an item belongs to its place (the last may have none).
        tail, last_tail = (line[len(_body(line)) :] for line in (block[0], block[-1]))
        bodies = [_body(line) for line in block]
        index = [body for body in bodies if body == "[Index](#Index)"]
        others = sorted(
            (body for body in bodies if body != "[Index](#Index)"),
            key=lambda body: sort_key(ITEM_LINE.fullmatch(body)["label"]),
        )
        ordered = others + index
        tails = [tail] * (len(ordered) - 1) + [last_tail]
        expected = (
            old[:start] + [b + t for b, t in zip(ordered, tails, strict=True)] + old[end + 1 :]
        )
        assert new == expected, name
    assert "seealso_order" not in fixed["findings"]
    assert_second_fix_changes_nothing(srcdir, capsys)


def _body(line: str) -> str:
    return line.rstrip("\r\n").rstrip(" |")


def _last_run(numbers: list[int]) -> tuple[int, int]:
    """The last run of consecutive line numbers: the see-also list at a file's end."""
    end = numbers[-1]
    start = end
    while start - 1 in numbers:
        start -= 1
    return start, end


def test_missing_reverse_items_are_added(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = project(corpus_dir, tmp_path / "src", seealso_symmetry=True)
    first = report(srcdir, capsys)
    asymmetric = first["findings"]["seealso_symmetry"]
    assert len(asymmetric) >= 20
    pattern = re.compile(
        r"'(?P<a>[^']+)' lists #(?P<b>\S+) under see-also, but '[^']+' \((?P<file>[^)]+)\)"
    )
    wanted: dict[str, list[str]] = {}
    for finding in asymmetric:
        match = pattern.match(finding["message"])
        assert match, finding
        wanted.setdefault(match["file"], []).append(match["a"])
    titles = _entries(srcdir)
    for duplicate in first["duplicate_ids"]:  # links go to the chosen one of the entries
        chosen = next(place for place in duplicate["places"] if place["chosen"])
        titles[duplicate["id"]] = chosen["title"]
    cased = {name for name, _line in case_fixes(first, srcdir)}
    before = snapshot(srcdir)
    fixed = report(srcdir, capsys, "--fix")
    after = snapshot(srcdir)
    checked = 0
    for name, added in wanted.items():
        old, new = lines_of(before[name]), lines_of(after[name])
        if name in cased or len(new) != len(old) + len(set(added)):
            continue  # the file also needed a case fix or lost a duplicate
        index_line = max(i for i, line in enumerate(old) if line.startswith("[Index](#Index)"))
        tail = old[index_line][len("[Index](#Index)") :]
        inserted = [f"[{titles[term_id]}](#{term_id})" + tail for term_id in dict.fromkeys(added)]
        assert new == old[:index_line] + inserted + old[index_line:], name
        checked += 1
    assert checked >= 10
    assert "seealso_symmetry" not in fixed["findings"]
    assert_second_fix_changes_nothing(srcdir, capsys)


CRLF_ENTRY = (
    "\ufeff## Beta {#Beta .term}\r\n\r\nBeta text, see [alpha](#alpha).\r\n\r\n"
    "### Siehe auch {.seealso}\r\n\r\n[Gamma](#Gamma) |\r\n[Index](#Index) |\r\n"
    "[Alpha](#Alpha) |\r\n[Gamma](#Gamma) |"
)
CRLF_FIXED = (
    "\ufeff## Beta {#Beta .term}\r\n\r\nBeta text, see [alpha](#Alpha).\r\n\r\n"
    "### Siehe auch {.seealso}\r\n\r\n[Alpha](#Alpha) |\r\n[Gamma](#Gamma) |\r\n"
    "[Index](#Index) |"
)


def test_line_endings_and_byte_order_mark_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = copy_root("checks", tmp_path / "src")
    (srcdir / "conf.py").write_text(
        'extensions = ["sphinx_glossterm"]\nglossterm_check_seealso_order = True\n',
        encoding="utf-8",
    )
    for name in ("Deep-Learning.md", "Neural-Network.md", "Ähnlichkeit.md"):
        (srcdir / name).unlink()
    (srcdir / "Beta.md").write_bytes(CRLF_ENTRY.encode("utf-8"))
    (srcdir / "Alpha.md").write_bytes(b"## Alpha {#Alpha .term}\n\nAlpha.\n")
    (srcdir / "Gamma.md").write_bytes(b"## Gamma {#Gamma .term}\n\nGamma.\n")
    _status, out = fix(srcdir, capsys)
    assert (srcdir / "Beta.md").read_bytes() == CRLF_FIXED.encode("utf-8")
    assert "fixed: 3 change(s) in 1 file(s)" in out
    assert_second_fix_changes_nothing(srcdir, capsys)


def test_a_list_that_cannot_be_rewritten_is_left_alone_and_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = copy_root("checks", tmp_path / "src")
    source = srcdir / "Deep-Learning.md"
    text = source.read_text(encoding="utf-8")
    broken = text.replace("[Index](#Index) |\n", "[Index](#Index) | und [Zebra](#Zebra)\n")
    source.write_text(broken, encoding="utf-8")
    before = source.read_bytes()
    _status, out = fix(srcdir, capsys)
    assert source.read_bytes() == before
    assert re.search(r"^Deep-Learning\.md: left alone: line 14 of the see-also list", out, re.M)


def test_diff_prints_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    srcdir = copy_root("checks", tmp_path / "src")
    before = snapshot(srcdir)
    assert main(["check", str(srcdir), "--diff"]) == 1
    out = capsys.readouterr().out
    assert snapshot(srcdir) == before
    assert "--- a/Deep-Learning.md\n+++ b/Deep-Learning.md\n" in out
    assert "-[Neural Network](#Neural-Network) |\n" in out
    assert "+[Deep Learning](#Deep-Learning) |\n" in out


RETIRED_FILES = {
    "Old.md": '## Old name {#Old .term status="deprecated" replaced-by="Older"}\n\nRetired.\n',
    "Older.md": '## Older name {#Older .term status="superseded" replaced-by="New"}\n\nGone.\n',
    "New.md": "## New name {#New .term}\n\nThe term to use.\n",
    "User.md": (
        "## User {#User .term}\n\n"
        "Says [the old name](#Old) and [the new one](#New).\n\n"
        "### See also {.seealso}\n\n"
        "[Old name](#Old) |\n"
        "[Index](#Index)\n"
    ),
}


def test_links_to_retired_entries_are_retargeted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link to a deprecated entry goes to its replacement, along the chain of them."""
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["sphinx_glossterm"]\n', encoding="utf-8")
    for name, text in RETIRED_FILES.items():
        (srcdir / name).write_text(text, encoding="utf-8")
    before = report(srcdir, capsys)
    retired = before["findings"]["retired_link"]
    assert [(f["file"], f["line"]) for f in retired] == [("User.md", 3), ("User.md", 7)]
    _status, out = fix(srcdir, capsys)
    assert "fixed: 2 change(s) in 1 file(s)" in out
    assert (srcdir / "User.md").read_text(encoding="utf-8") == RETIRED_FILES["User.md"].replace(
        "(#Old)", "(#New)"
    )
    assert "retired_link" not in report(srcdir, capsys)["findings"]
    assert_second_fix_changes_nothing(srcdir, capsys)
