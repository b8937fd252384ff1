"""The benchmark scripts work (CI runs them on a tiny glossary; figures come from real runs)."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from .browser import require_browser

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"


def test_generator_writes_the_corpus_shape(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(BENCHMARKS))
    paths = generate(30, tmp_path)
    again = generate(30, tmp_path / "again")
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again], "deterministic"
    text = paths[0].read_text(encoding="utf-8")
    assert text.count("{.explanation}") == 4 and text.count("{.seealso}") == 1
    assert 3000 < sum(p.stat().st_size for p in paths) / len(paths) < 6000
    assert any("+:====" in p.read_text(encoding="utf-8") for p in paths), "some grid tables"


def test_driver_reports_every_figure(tmp_path: Path) -> None:
    report = tmp_path / "medians.json"
    result = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "run.py"),
            "--terms",
            "12",
            "--runs",
            "1",
            "--json",
            str(report),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    assert "b/a" in result.stdout
    medians = json.loads(report.read_text())
    # Pandoc is the reference where pypandoc-binary or a pandoc is installed.
    assert set(medians) - {"pandoc"} == {"plain", "glossterm"}
    if "pandoc" in medians:
        assert medians["pandoc"]["full_s"] > 0 and "Pandoc" in result.stdout
    for key in (
        "full_s",
        "peak_mb",
        "output_mb",
        "env_mb",
        "edit_body_s",
        "edit_see_also_s",
        "edit_title_s",
        "edit_tagline_s",
        "edit_add_entry_s",
        "edit_delete_entry_s",
        "parallel_j2_s",
    ):
        assert medians["plain"][key] > 0 and medians["glossterm"][key] > 0
    for key in ("check_cold_s", "check_warm_s", "check_one_changed_s"):
        assert medians["glossterm"][key] > 0
    if "pandoc" in medians:
        assert "glossterm check / Pandoc: cold " in result.stdout


def test_driver_builds_the_term_files_of_a_folder(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(BENCHMARKS))
    source = tmp_path / "glossary"
    generate(8, source)
    (source / "000-title.txt").write_text("% Glossar\n", encoding="utf-8")
    report = tmp_path / "medians.json"
    command = [sys.executable, str(BENCHMARKS / "run.py"), "--source", str(source)]
    command += ["--runs", "1", "--json", str(report)]
    result = subprocess.run(command, capture_output=True, text=True, check=True, timeout=600)
    assert f"8 term files of {source}" in result.stdout
    medians = json.loads(report.read_text())
    assert medians["glossterm"]["edit_body_changed"] >= 1
    assert medians["glossterm"]["see_also_changed"] >= 1
    # A new entry is written; a deleted one's page is removed, the pages linking to it change.
    assert medians["glossterm"]["add_entry_written"] >= 1
    assert medians["glossterm"]["delete_entry_changed"] >= 1


def test_driver_times_only_the_check(tmp_path: Path) -> None:
    report = tmp_path / "medians.json"
    command = [sys.executable, str(BENCHMARKS / "run.py"), "--terms", "12", "--runs", "1"]
    command += ["--only-check", "--json", str(report)]
    result = subprocess.run(command, capture_output=True, text=True, check=True, timeout=600)
    medians = json.loads(report.read_text())
    assert set(medians) - {"pandoc"} == {"glossterm"}
    assert set(medians["glossterm"]) == {"check_cold_s", "check_warm_s", "check_one_changed_s"}
    assert all(seconds > 0 for seconds in medians["glossterm"].values())
    if "pandoc" in medians:
        assert "glossterm check / Pandoc: cold " in result.stdout


@pytest.mark.browser
def test_graph_frame_benchmark_reports_every_figure(tmp_path: Path) -> None:
    require_browser()
    report = tmp_path / "graph.json"
    command = [sys.executable, str(BENCHMARKS / "graph_frame.py"), "--terms", "12"]
    command += ["--runs", "1", "--json", str(report)]
    result = subprocess.run(command, capture_output=True, text=True, check=True, timeout=600)
    assert "first frame drawn" in result.stdout
    figures = json.loads(report.read_text())["figures"]
    assert figures["nodes"] == 12 and figures["edges"] > 0
    assert 0 < figures["first_frame_ms"] <= figures["complete_ms"]
    for key in ("layout_s", "build_s", "frame_p95_ms", "data_kib", "page_kib"):
        assert figures[key] > 0


@pytest.mark.browser
def test_serve_loop_benchmark_times_each_save_to_the_page(tmp_path: Path) -> None:
    require_browser()
    report = tmp_path / "serve.json"
    command = [sys.executable, str(BENCHMARKS / "serve_loop.py"), "--terms", "12"]
    command += ["--runs", "2", "--json", str(report)]
    result = subprocess.run(command, capture_output=True, text=True, check=True, timeout=600)
    assert "save to page, median" in result.stdout
    figures = json.loads(report.read_text())
    assert len(figures["runs"]) == 2
    assert all(seconds > 0 for seconds in figures["runs"])
    assert figures["save_to_page_s"] == statistics.median(figures["runs"])
    assert figures["pandoc_s"] > 0
