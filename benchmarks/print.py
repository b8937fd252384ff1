"""The printed glossary beside Pandoc's: pages and build time, side by side.

Builds the same term files (``--source``, the real corpus by default) to PDF

- with Pandoc, the author's command: the title, index and licence files
  first, then ``*.md``; ``--pdf-engine=xelatex -V fontsize=11pt -V
  geometry:paperwidth=595pt,paperheight=842pt,margin=2.0cm`` (one xelatex
  run, no index);
- with sphinx_glossterm, as Read the Docs does: ``sphinx -b latex`` with a
  minimal conf.py (``language = "de"``), then ``latexmk -r latexmkrc -pdf``
  in the output folder, for each engine asked for.

Runs alternate between the variants; the report gives each one's pages, the
median seconds and our time as a multiple of Pandoc's.

    python benchmarks/print.py --source ../shared/corpus/ki-glossar --runs 1
    python benchmarks/print.py --engine pdflatex --engine xelatex --json out.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
DEFAULT_SOURCE = HERE.parent.parent / "shared" / "corpus" / "ki-glossar"
FRONT = ("000-ki-title.txt", "001-ki-index.txt", "002-ki-lizenz.txt")
PANDOC_OPTIONS = (
    "-f", "markdown", "-s", "--shift-heading-level-by=-1", "--pdf-engine=xelatex",
    "-V", "fontsize=11pt", "-V", "geometry:paperwidth=595pt,paperheight=842pt,margin=2.0cm",
)  # fmt: skip
CONF_PY = 'extensions = ["sphinx_glossterm"]\nlanguage = "de"\nproject = "KI-Glossar"\n'
LATEXMK = ("latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-", "-interaction=nonstopmode")


def pandoc_path() -> str:
    """Pandoc 3 from pypandoc-binary, else the ``pandoc`` on PATH."""
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        found = shutil.which("pandoc")
        if found is None:
            raise SystemExit("no pandoc: pip install pypandoc-binary") from None
        return found


def pages_of(pdf: Path) -> int:
    """The number of pages of ``pdf``."""
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def pandoc_build(source: Path, workdir: Path) -> tuple[float, Path]:
    """Pandoc's PDF of the files: (seconds, pdf)."""
    out = workdir / "pandoc.pdf"
    files = [name for name in FRONT if (source / name).is_file()]
    files += sorted(path.name for path in source.glob("*.md"))
    start = time.perf_counter()
    subprocess.run(
        [pandoc_path(), *files, *PANDOC_OPTIONS, "-o", str(out)],
        cwd=source,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start, out


def sphinx_build(source: Path, workdir: Path, engine: str) -> tuple[float, float, Path]:
    """Our PDF: (seconds of ``sphinx -b latex``, seconds of latexmk, pdf)."""
    srcdir = workdir / f"src-{engine}"
    shutil.rmtree(srcdir, ignore_errors=True)
    srcdir.mkdir(parents=True)
    for path in source.glob("*.md"):
        shutil.copyfile(path, srcdir / path.name)
    (srcdir / "conf.py").write_text(CONF_PY, encoding="utf-8")
    outdir = workdir / f"latex-{engine}"
    shutil.rmtree(outdir, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "latex", "-D", f"latex_engine={engine}",
         str(srcdir), str(outdir)],
        check=True, capture_output=True, env=env,
    )  # fmt: skip
    middle = time.perf_counter()
    (tex,) = outdir.glob("*.tex")
    subprocess.run(
        [*LATEXMK, "-jobname=glossar", tex.name],
        cwd=outdir,
        check=False,
        capture_output=True,
    )
    end = time.perf_counter()
    return middle - start, end - middle, outdir / "glossar.pdf"


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print (and optionally write) the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--engine", action="append", choices=("pdflatex", "xelatex", "lualatex"))
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    engines = args.engine or ["pdflatex"]
    times: dict[str, list[float]] = {"pandoc": []}
    parts: dict[str, list[tuple[float, float]]] = {engine: [] for engine in engines}
    pages: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="glossterm-print-") as tmp:
        workdir = Path(tmp)
        for _ in range(args.runs):
            seconds, pdf = pandoc_build(args.source.resolve(), workdir)
            times["pandoc"].append(seconds)
            pages["pandoc"] = pages_of(pdf)
            for engine in engines:
                sphinx, latexmk, pdf = sphinx_build(args.source.resolve(), workdir, engine)
                parts[engine].append((sphinx, latexmk))
                pages[engine] = pages_of(pdf) if pdf.is_file() else 0
    pandoc = statistics.median(times["pandoc"])
    report: dict[str, object] = {"pandoc": {"seconds": round(pandoc, 1), "pages": pages["pandoc"]}}
    print(f"Pandoc (xelatex, A4, 11 pt, 2 cm): {pages['pandoc']} pages, {pandoc:.1f} s")
    for engine in engines:
        sphinx = statistics.median(part[0] for part in parts[engine])
        latexmk = statistics.median(part[1] for part in parts[engine])
        total = sphinx + latexmk
        report[engine] = {
            "sphinx_seconds": round(sphinx, 1),
            "latexmk_seconds": round(latexmk, 1),
            "pages": pages[engine],
            "ratio_to_pandoc": round(total / pandoc, 2),
        }
        print(
            f"sphinx_glossterm ({engine}): {pages[engine]} pages, sphinx -b latex "
            f"{sphinx:.1f} s + latexmk {latexmk:.1f} s = {total:.1f} s, "
            f"{total / pandoc:.2f}x Pandoc"
        )
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
