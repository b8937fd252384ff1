"""``glossterm check`` scans in several processes when it has many files and idle CPUs."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_glossterm.cli import scan_jobs
from sphinx_glossterm.cli.read_markdown import find_documents, read_config, scan_settings

TERMS = 9


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinx_glossterm"]\nlanguage = "en"\n', encoding="utf-8"
    )
    for number in range(TERMS):
        following = (number + 1) % TERMS
        (tmp_path / f"T{number}.md").write_text(
            f"## Term {number} {{#T{number} .term}}\n\n***Tagline {number}***\n\n"
            f"Next is [term {following}](#T{following}), then [a gap](#Gap{number}).\n",
            encoding="utf-8",
        )
    return tmp_path


def test_processes_share_the_scan_and_keep_the_order(project: Path) -> None:
    settings = scan_settings(project, read_config(project, {}))
    documents = [
        (docname, path) for docname, path, _ in find_documents(project, read_config(project, {}))
    ]
    alone = scan_jobs.scan_in_processes(documents, settings, jobs=1)
    shared = scan_jobs.scan_in_processes(documents, settings, jobs=3)
    assert shared == alone
    assert [records.docname for records in shared] == [docname for docname, _ in documents]
    assert {term.tagline for records in shared for term in records.terms} == {
        f"Tagline {number}" for number in range(TERMS)
    }


@pytest.mark.parametrize(
    ("files", "cpus", "busy", "jobs"),
    [
        (10, 8, 0, 1),  # a few files: no second process
        (300, 8, 0, 4),  # at most four
        (100, 8, 0, 2),  # one per 64 files
        (300, 2, 0, 2),
        (300, 2, 1, 1),  # the other CPU is busy
        (300, 4, 9, 1),  # every CPU is busy
        (300, 4, None, 1),  # nothing says how busy
    ],
)
def test_how_many_processes_scan(
    monkeypatch: pytest.MonkeyPatch, files: int, cpus: int, busy: int | None, jobs: int
) -> None:
    monkeypatch.setattr(scan_jobs.os, "cpu_count", lambda: cpus)
    monkeypatch.setattr(scan_jobs, "busy_cpus", lambda: busy)
    assert scan_jobs.default_jobs(files) == jobs


def test_busy_cpus_leaves_this_process_out() -> None:
    busy = scan_jobs.busy_cpus()
    assert busy is not None
    assert 0 <= busy < 10_000
