"""Two clean builds of the corpus give the same bytes: HTML, graph data, exports, index, EPUB.

The two builds differ in everything that must not matter: the source path,
the order the files were copied in, Python's hash seed (set and dict order of
strings), and the number of processes (``-j 1`` and ``-j 2``). Each runs as
its own ``python -m sphinx`` process, so the hash seeds really differ; both
run at once. ``SOURCE_DATE_EPOCH`` is set for both, as a reproducible build
sets it; the EPUB is compared member by member (a zip also stores file times).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.corpus

# The glossterm theme: its graph data (a layout) and neighbourhood graphs are outputs too.
CONF_PY = 'extensions = ["sphinx_glossterm"]\nlanguage = "de"\nhtml_theme = "glossterm"\n'
SOURCE_DATE_EPOCH = "1700000000"
# Written by Sphinx for its own incremental builds; not part of the site.
NOT_OUTPUT = {".buildinfo", ".buildinfo.bak"}


@dataclass(frozen=True)
class Variant:
    name: str
    hash_seed: str
    jobs: str
    reverse_copy: bool


VARIANTS = (Variant("a", "1", "1", False), Variant("b", "2", "2", True))


def _copy_corpus(corpus_dir: Path, srcdir: Path, reverse: bool) -> None:
    srcdir.mkdir(parents=True)
    for source in sorted(corpus_dir.glob("*.md"), reverse=reverse):
        shutil.copyfile(source, srcdir / source.name)
    (srcdir / "conf.py").write_text(CONF_PY, encoding="utf-8")


def _command(srcdir: Path, outdir: Path, variant: Variant) -> str:
    """HTML from a clean environment, then EPUB from the same environment."""
    python, src = shlex.quote(sys.executable), shlex.quote(str(srcdir))
    options = f"-q -j {variant.jobs} -d {shlex.quote(str(outdir / 'doctrees'))}"
    html, epub = (shlex.quote(str(outdir / name)) for name in ("html", "epub"))
    return (
        f"{python} -m sphinx -b html -E {options} {src} {html} && "
        f"{python} -m sphinx -b epub {options} {src} {epub}"
    )


@pytest.fixture(scope="module")
def builds(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The corpus built twice (HTML and EPUB), at the same time, in two processes."""
    root = tmp_path_factory.mktemp("reproducible")
    processes = {}
    for variant in VARIANTS:
        srcdir = root / f"source-{variant.name}" / "ki-glossar"
        outdir = root / f"out-{variant.name}"
        _copy_corpus(corpus_dir, srcdir, variant.reverse_copy)
        env = {
            **os.environ,
            "PYTHONHASHSEED": variant.hash_seed,
            "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
        }
        processes[variant.name] = (
            outdir,
            subprocess.Popen(
                _command(srcdir, outdir, variant),
                shell=True,  # two sphinx runs in a row, arguments quoted in _command
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            ),
        )
    outdirs = {}
    for name, (outdir, process) in processes.items():
        output, _ = process.communicate(timeout=900)
        assert process.returncode == 0, output[-3000:]
        outdirs[name] = outdir
    return outdirs


def _files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name not in NOT_OUTPUT
    }


def test_html_and_exports_are_byte_identical(builds: dict[str, Path]) -> None:
    first, second = (_files(builds[variant.name] / "html") for variant in VARIANTS)
    assert first.keys() == second.keys()
    assert {"glossterm-graph.json", "glossterm.ttl", "searchindex.js", "objects.inv"} <= set(first)
    assert {"glossterm-graph.html", "_static/glossterm-graph-data.js"} <= set(first)
    differing = sorted(name for name in first if first[name] != second[name])
    assert differing == []


def test_epub_contents_are_byte_identical(builds: dict[str, Path]) -> None:
    members = []
    for variant in VARIANTS:
        (epub,) = (builds[variant.name] / "epub").glob("*.epub")
        with zipfile.ZipFile(epub) as archive:
            members.append({name: archive.read(name) for name in archive.namelist()})
    first, second = members
    assert first.keys() == second.keys()
    differing = sorted(name for name in first if first[name] != second[name])
    assert differing == []
