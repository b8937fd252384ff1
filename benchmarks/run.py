"""Benchmark sphinx_glossterm against plain Sphinx + myst-parser on the same files.

Both variants build the same files, a synthetic glossary (``generate.py``) or
the term files of a real one (``--source``): (a) plain Sphinx with myst-parser
and a lean sidebar, (b) sphinx_glossterm with its theme (or, where the theme is
not installed, the same lean sidebar).  Runs alternate between the variants so
that machine noise hits both alike; the report gives medians, the ratio b/a,
peak memory, output and environment size, the size of a term page and of its
chrome, the times of a full build, a ``-j 2`` build, a rebuild after editing
one entry's body, a rebuild after changing one see-also list (with how many
pages each rewrote and how many changed), ``glossterm check``, and Pandoc's
one-page build of the same files where Pandoc is installed.

    python benchmarks/run.py --terms 344 --runs 5
    python benchmarks/run.py --source ../shared/corpus/ki-glossar --runs 3
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

ROOT_PAGE = "# Glossar\n\n```{toctree}\n:glob:\n:hidden:\n\n*\n```\n"
LEAN_SIDEBAR = 'html_sidebars = {"**": ["searchbox.html"]}\n'


def theme_available() -> bool:
    """Whether sphinx_glossterm ships its ``glossterm`` HTML theme in this installation."""
    try:
        from importlib.resources import files

        return (
            files("sphinx_glossterm").joinpath("html", "theme", "glossterm", "theme.toml").is_file()
        )
    except (ImportError, ModuleNotFoundError):
        return False


def conf(variant: str) -> str:
    """The conf.py of a variant."""
    lines = ['language = "de"', 'project = "Benchmark"']
    if variant == "plain":
        lines += ['extensions = ["myst_parser"]', LEAN_SIDEBAR.strip()]
    elif theme_available():
        lines += ['extensions = ["sphinx_glossterm"]', 'html_theme = "glossterm"']
    else:
        lines += ['extensions = ["sphinx_glossterm"]', LEAN_SIDEBAR.strip()]
    return "\n".join(lines) + "\n"


def make_project(terms: Path, where: Path, variant: str) -> Path:
    """A source folder with the generated term files, a root page and the variant's conf.py."""
    srcdir = where / variant / "src"
    shutil.copytree(terms, srcdir, ignore=shutil.ignore_patterns("*.txt"))
    (srcdir / "index.md").write_text(ROOT_PAGE, encoding="utf-8")
    (srcdir / "conf.py").write_text(conf(variant), encoding="utf-8")
    return srcdir


def build(srcdir: Path, *, jobs: int = 1, fresh: bool) -> dict[str, float]:
    """One build in a fresh interpreter: seconds and peak memory."""
    outdir, doctrees = srcdir.parent / "html", srcdir.parent / "doctrees"
    if fresh:
        shutil.rmtree(outdir, ignore_errors=True)
        shutil.rmtree(doctrees, ignore_errors=True)
    command = [sys.executable, str(HERE / "_build_once.py"), "--", "-q", "-b", "html"]
    command += ["-j", str(jobs), "-d", str(doctrees), str(srcdir), str(outdir)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"build failed ({result.returncode}): {result.stderr[-2000:]}")
    return json.loads(lines[-1])


def check(srcdir: Path) -> float:
    """Seconds of ``glossterm check`` on the project (its exit status 1 is expected)."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sphinx_glossterm", "check", "--quiet", str(srcdir)],
        capture_output=True,
        check=False,
    )
    return time.perf_counter() - start


def pandoc_binary() -> str | None:
    """Pandoc 3 from pypandoc-binary, else a ``pandoc`` on the PATH, else ``None``."""
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        return shutil.which("pandoc")


def pandoc(terms: Path, binary: str, where: Path) -> float:
    """Seconds of the Pandoc build authors use: every file into one standalone HTML page."""
    # As authors call it: the title, index and licence parts (.txt) first, then the terms.
    files = [str(path) for pattern in ("*.txt", "*.md") for path in sorted(terms.glob(pattern))]
    command = [binary, *files, "-f", "markdown", "-t", "html5", "-s"]
    command += ["--shift-heading-level-by=-1", "--metadata", "title=Glossar"]
    command += ["-o", str(where / "pandoc.html")]
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True)
    return time.perf_counter() - start


def term_files(srcdir: Path) -> list[Path]:
    """The term files of a project, in name order (the root page aside)."""
    return sorted(path for path in srcdir.glob("*.md") if path.name != "index.md")


def edit_body(srcdir: Path) -> None:
    """Change one word in the bold start of the lead of the first entry that has one."""
    for path in term_files(srcdir):
        text = path.read_text(encoding="utf-8")
        if "** " in text:
            path.write_text(text.replace("** ", "** geändert ", 1), encoding="utf-8")
            return
    raise RuntimeError("no entry with a bold lead to edit")


def edit_see_also(srcdir: Path) -> None:
    """Drop the first item of the see-also list of the second entry that has one."""
    found = 0
    for path in term_files(srcdir):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        start = next((i for i, line in enumerate(lines) if "{.seealso}" in line), None)
        if start is None:
            continue
        item = next((i for i in range(start + 1, len(lines)) if "](#" in lines[i]), None)
        if item is None:
            continue
        found += 1
        if found == 2:
            del lines[item]
            path.write_text("".join(lines), encoding="utf-8")
            return
    raise RuntimeError("no second entry with a see-also list to edit")


class _MainSpan(HTMLParser):
    """Finds the characters of the page's ``role="main"`` element (the page's own content)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.start: tuple[int, int] | None = None
        self.end: tuple[int, int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.end is not None:
            return
        if self.start is None and ("role", "main") in attrs:
            self.start = self.getpos()
            self.depth = 1
        elif self.start is not None and tag not in VOID_ELEMENTS:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.start is not None and self.end is None and tag not in VOID_ELEMENTS:
            self.depth -= 1
            if self.depth == 0:
                self.end = self.getpos()


VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
VOID_ELEMENTS |= {"source", "track", "wbr"}


def chrome_size(html: str) -> int:
    """Bytes of a page outside its main content: what every page carries, whatever it shows."""
    finder = _MainSpan()
    finder.feed(html)
    if finder.start is None or finder.end is None:
        return len(html.encode())
    lines = html.splitlines(keepends=True)

    def offset(position: tuple[int, int]) -> int:
        line, column = position
        return sum(len(text) for text in lines[: line - 1]) + column

    content = html[offset(finder.start) : offset(finder.end)]
    return len(html.encode()) - len(content.encode())


def term_pages(outdir: Path, srcdir: Path) -> list[Path]:
    """The HTML pages of the term files."""
    return [outdir / f"{path.stem}.html" for path in term_files(srcdir)]


def page_sizes(outdir: Path, srcdir: Path) -> dict[str, float]:
    """Median size of a term page and of its chrome (everything outside its content), in KB."""
    pages = [page.read_text(encoding="utf-8") for page in term_pages(outdir, srcdir)]
    return {
        "term_page_kb": statistics.median(len(page.encode()) for page in pages) / 1024,
        "chrome_kb": statistics.median(chrome_size(page) for page in pages) / 1024,
    }


def snapshot(outdir: Path) -> dict[Path, tuple[int, str]]:
    """Every HTML page of the output: its modification time and a hash of its bytes."""
    return {
        page: (page.stat().st_mtime_ns, hashlib.sha256(page.read_bytes()).hexdigest())
        for page in outdir.rglob("*.html")
    }


def rewritten(
    before: dict[Path, tuple[int, str]], after: dict[Path, tuple[int, str]]
) -> dict[str, int]:
    """How many pages an incremental build wrote, and how many of them came out different."""
    written = [page for page, (mtime, _) in after.items() if before.get(page, (None,))[0] != mtime]
    changed = [page for page in written if before.get(page, (0, ""))[1] != after[page][1]]
    return {"written": len(written), "changed": len(changed)}


def edit_and_rebuild(
    srcdir: Path, outdir: Path, edit: Callable[[Path], None]
) -> tuple[float, int, int]:
    """Make one edit and rebuild: seconds, pages written, pages that came out different."""
    time.sleep(0.01)  # a newer modification time than the last build's
    before = snapshot(outdir)
    edit(srcdir)
    seconds = build(srcdir, fresh=False)["seconds"]
    pages = rewritten(before, snapshot(outdir))
    return seconds, pages["written"], pages["changed"]


def measure(srcdir: Path, variant: str) -> dict[str, float]:
    """Every measurement of one run of one variant."""
    full = build(srcdir, fresh=True)
    outdir, doctrees = srcdir.parent / "html", srcdir.parent / "doctrees"
    figures = {
        "full_s": full["seconds"],
        "peak_mb": full["peak_mb"],
        "output_mb": sum(f.stat().st_size for f in outdir.rglob("*") if f.is_file()) / 2**20,
        "env_mb": (doctrees / "environment.pickle").stat().st_size / 2**20,
        **page_sizes(outdir, srcdir),
    }
    for edit, seconds, pages in (
        (edit_body, "edit_body_s", "edit_body"),
        (edit_see_also, "edit_see_also_s", "see_also"),
    ):
        figures[seconds], written, changed = edit_and_rebuild(srcdir, outdir, edit)
        figures[f"{pages}_written"], figures[f"{pages}_changed"] = written, changed
    figures["parallel_j2_s"] = build(srcdir, jobs=2, fresh=True)["seconds"]
    if variant == "glossterm":
        figures["check_s"] = check(srcdir)
    return figures


def run(
    terms: int, runs: int, workdir: Path, source: Path | None = None
) -> dict[str, dict[str, float]]:
    """Alternate the variants ``runs`` times; return the medians of each figure.

    The files are ``terms`` generated ones, or the term files of ``source``.
    """
    generated = workdir / "terms"
    if source is None:
        generate(terms, generated)
    else:
        # Someone's real glossary: its term files (Markdown) and, for Pandoc, its .txt parts.
        generated.mkdir(parents=True)
        for path in [*source.glob("*.md"), *source.glob("*.txt")]:
            shutil.copyfile(path, generated / path.name)
    results: dict[str, list[dict[str, float]]] = {"plain": [], "glossterm": []}
    binary = pandoc_binary()
    for number in range(runs):
        where = workdir / f"run{number}"
        for variant in ("plain", "glossterm"):
            srcdir = make_project(generated, where, variant)
            results[variant].append(measure(srcdir, variant))
            shutil.rmtree(where / variant)
        if binary:
            # Pandoc writes one page and has no edit loop: only the full build compares.
            results.setdefault("pandoc", []).append({"full_s": pandoc(generated, binary, where)})
    return {
        variant: {key: statistics.median(r[key] for r in rows) for key in rows[0]}
        for variant, rows in results.items()
        if rows
    }


def report(medians: dict[str, dict[str, float]], terms: int, runs: int, what: str = "") -> str:
    """The table the benchmark prints."""
    plain, ours = medians["plain"], medians["glossterm"]
    theme = "glossterm theme" if theme_available() else "lean sidebar (theme not installed)"
    what = what or f"{terms} generated terms"
    lines = [
        f"{what}, median of {runs} alternating run(s); b = sphinx_glossterm with {theme}",
        f"{'figure':<18}{'a: plain MyST':>15}{'b: glossterm':>15}{'b/a':>8}",
    ]
    for key in ours:
        a = plain.get(key)
        ratio = f"{ours[key] / a:.2f}" if a else "-"
        a_text = f"{a:.2f}" if a is not None else "-"
        lines.append(f"{key:<18}{a_text:>15}{ours[key]:>15.2f}{ratio:>8}")
    per_term = (
        f"{plain['full_s'] / terms * 1000:.1f} ms plain, {ours['full_s'] / terms * 1000:.1f} ms"
    )
    lines.append(f"per term (full build): {per_term} glossterm")
    if "pandoc" in medians:
        seconds = medians["pandoc"]["full_s"]
        full, parallel = ours["full_s"] / seconds, ours["parallel_j2_s"] / seconds
        lines.append(
            f"Pandoc, all files to one page: {seconds:.2f} s; "
            f"b / Pandoc: full build {full:.2f}, -j 2 build {parallel:.2f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``run.py [--terms N | --source DIR] [--runs R] [--json FILE] [--keep DIR]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terms", type=int, default=344)
    parser.add_argument(
        "--source", type=Path, help="build the term files (*.md) of this folder instead"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the medians to this file")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="glossterm-bench-"))
    terms, what = args.terms, ""
    if args.source is not None:
        terms = len([path for path in args.source.glob("*.md") if path.name != "index.md"])
        what = f"{terms} term files of {args.source}"
    try:
        medians = run(terms, args.runs, workdir, args.source)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(report(medians, terms, args.runs, what))
    if args.json:
        args.json.write_text(json.dumps(medians, indent=2, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
