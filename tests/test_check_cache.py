"""``glossterm check``'s cache: what changed is read again, and the report is the same.

Each step (a first check, a second with nothing changed, an edit, a deleted
file, a configuration change, a gathered file edited) is checked with the
cache and with ``--no-cache``; the two reports must be equal, and the cached
check must have read exactly the files it had to.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_glossterm.cli import check_cache
from sphinx_glossterm.cli.main import main
from sphinx_glossterm.reader.scan import walker

FILES = {
    "Apple.md": "## Apple {#Apple .term}\n\n***A fruit***\n\nLike a [pear](#Pear).\n\n"
    "### See also {.seealso}\n\n[Pear](#Pear) |\n[Plum](#Plum) |\n",
    "Pear.md": "## Pear {#Pear .term}\n\nA fruit, like an [apple](#Apple).\n\n"
    "### See also {.seealso}\n\n[Apple](#Apple) |\n",
    "Quince.md": "## Quince {#Quince .term}\n\nHard, unlike a [pear](#Pear).\n",
    "index.md": "# Fruit\n\n```{toctree}\n:glob:\n\n*\n```\n",
}
CONF = 'extensions = ["sphinx_glossterm"]\nlanguage = "en"\n'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    srcdir = tmp_path / "fruit"
    srcdir.mkdir()
    for name, text in FILES.items():
        (srcdir / name).write_text(text, encoding="utf-8")
    (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
    return srcdir


@pytest.fixture
def scanned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the Markdown reader scans (not taken from the cache), in order."""
    paths: list[str] = []
    real = walker.scan_documents

    def recording(documents, settings):  # type: ignore[no-untyped-def]
        documents = list(documents)
        paths.extend(path for _, path in documents)
        return real(documents, settings)

    monkeypatch.setattr(walker, "scan_documents", recording)
    return paths


def check_json(
    srcdir: Path, capsys: pytest.CaptureFixture[str], *options: str
) -> dict[str, object]:
    capsys.readouterr()
    main(["check", str(srcdir), "--format", "json", *options])
    return json.loads(capsys.readouterr().out)


def cached_and_uncached(
    srcdir: Path, cache: Path, capsys: pytest.CaptureFixture[str], scanned: list[str]
) -> tuple[dict[str, object], list[str]]:
    """The report with the cache in ``cache`` (and what it scanned), checked against no cache."""
    scanned.clear()
    cached = check_json(srcdir, capsys, "--cache-dir", str(cache))
    read = sorted(scanned)
    uncached = check_json(srcdir, capsys, "--no-cache")
    assert cached == uncached
    assert cached["reader"] == "markdown"
    return cached, read


def test_the_cache_reads_only_what_changed_and_reports_the_same(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], scanned: list[str]
) -> None:
    cache = tmp_path / "cache"
    report, read = cached_and_uncached(project, cache, capsys, scanned)
    assert read == ["Apple.md", "Pear.md", "Quince.md", "index.md"]
    assert report["broken_targets"], "the project links to an entry no file declares"

    again, read = cached_and_uncached(project, cache, capsys, scanned)
    assert read == [] and again == report

    pear = project / "Pear.md"
    pear.write_text(pear.read_text(encoding="utf-8") + "[Plum](#Plum) |\n", encoding="utf-8")
    edited, read = cached_and_uncached(project, cache, capsys, scanned)
    assert read == ["Pear.md"]
    assert edited != report, "the new link to Plum is reported"

    (project / "Quince.md").unlink()
    deleted, read = cached_and_uncached(project, cache, capsys, scanned)
    assert read == []
    assert deleted["counts"]["entries"] == report["counts"]["entries"] - 1  # type: ignore[index]

    conf = project / "conf.py"
    # See-also sections become plain ones: their links are mentions now.
    types = '{"seealso": {"label": "Related", "render": "section"}}'
    conf.write_text(f"{CONF}glossterm_section_types = {types}\n", encoding="utf-8")
    retyped, read = cached_and_uncached(project, cache, capsys, scanned)
    assert read == ["Apple.md", "Pear.md", "index.md"], "a new configuration reads everything"
    assert retyped["counts"]["see_also_links"] == 0 < deleted["counts"]["see_also_links"]  # type: ignore[index]


def test_a_gathering_document_is_read_every_time(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], scanned: list[str]
) -> None:
    (project / "terms").mkdir()
    (project / "terms" / "Plum.md").write_text("## Plum {#Plum .term}\n\nA fruit.\n")
    (project / "book.md").write_text("# Book\n\n```{glossterm-include} terms/*.md\n```\n")
    cache = tmp_path / "cache"
    first, read = cached_and_uncached(project, cache, capsys, scanned)
    assert "book.md" in read
    (project / "terms" / "Plum.md").write_text("## Plum {#Plum .term}\n")
    second, read = cached_and_uncached(project, cache, capsys, scanned)
    assert read == ["book.md"]
    assert second != first, "the gathered file's empty entry is reported"


def test_the_cache_lives_outside_the_project(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], scanned: list[str]
) -> None:
    before = sorted(path.relative_to(project) for path in project.rglob("*"))
    xdg = tmp_path / "xdg"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(xdg))
        check_json(project, capsys)
        kept = list((xdg / "sphinx-glossterm" / "check").glob("*.marshal"))
        assert kept == [check_cache.cache_file(xdg / "sphinx-glossterm" / "check", project)]
        scanned.clear()
        check_json(project, capsys)
        assert scanned == []
        check_json(project, capsys, "--no-cache")
        assert sorted(scanned) == ["Apple.md", "Pear.md", "Quince.md", "index.md"]
    assert sorted(path.relative_to(project) for path in project.rglob("*")) == before


def test_a_damaged_cache_is_read_past(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], scanned: list[str]
) -> None:
    cache = tmp_path / "cache"
    report, _ = cached_and_uncached(project, cache, capsys, scanned)
    (kept,) = cache.glob("*.marshal")
    kept.write_bytes(b"not a pickle")
    again, read = cached_and_uncached(project, cache, capsys, scanned)
    assert again == report and len(read) == 4


KEY_PROGRAM = """
import sys
from pathlib import Path
from sphinx_glossterm.cli.check_cache import settings_key
from sphinx_glossterm.cli.read_markdown import read_config, scan_settings
folder = Path(sys.argv[1])
defines = dict(argument.split("=") for argument in sys.argv[2:])
print(settings_key(scan_settings(folder, read_config(folder, defines))))
"""


def settings_key_in_process(folder: Path, seed: str, *defines: str) -> str:
    """The cache key of the project in ``folder``, computed in a new interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", KEY_PROGRAM, str(folder), *defines],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": seed},
    )
    return result.stdout.strip()


def test_the_settings_key_is_the_same_in_every_run_and_sees_the_settings(project: Path) -> None:
    # Sets of names (directives, layout classes) iterate in another order with another seed.
    first = settings_key_in_process(project, "1")
    assert first == settings_key_in_process(project, "2")
    assert first != settings_key_in_process(project, "1", "glossterm_dialect=myst")
    assert first != settings_key_in_process(project, "1", "language=de")


def test_records_come_back_from_a_pickle_with_every_field() -> None:
    """The environment and this cache pickle the records (``model/records.py`` reduces them)."""
    import pickle

    from sphinx_glossterm.model.records import Link, LinkKind, Section, Term

    section = Section("seealso", "See also:", "see-also", 7)
    links = (
        Link("Pear", "pear", LinkKind.MENTION, "Apple.md", 3),
        Link("Plum", "Plum", LinkKind.SEE_ALSO, "Apple.md", 9, "seealso"),
    )
    term = Term(
        "Apple", "Apple", "Apple", "Apple", "Apple.md", 1, tagline="A fruit",
        aliases=("Malus",), sections=(section,), links=links, status="deprecated",
        replaced_by="Pear", abbreviation="AP", expansion="Apple", stub=True, translated_from="ab12",
    )  # fmt: skip
    copy = pickle.loads(pickle.dumps(term))
    assert copy == term
    assert copy.sections[0].label == "See also"
    assert copy.links[1].kind is LinkKind.SEE_ALSO
    assert pickle.loads(pickle.dumps(links[1])) == links[1]
