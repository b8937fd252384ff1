"""``glossterm init [DIR]``: make a Pandoc glossary repository (or a new folder) a Sphinx project.

It finds the term files (:mod:`.init_sources`) and writes conf.py beside
them, ``.readthedocs.yaml``, the requirements of the builds and a GitHub
Actions workflow of its own (:mod:`.init_files`).  It never changes a file
that is there: a file with the same text is reported as unchanged, one with
other text as kept.  Running it twice therefore changes nothing, and says so.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sphinx_glossterm.cli.init_files import DEFAULT_REQUIREMENT, planned_files
from sphinx_glossterm.cli.init_sources import find_sources
from sphinx_glossterm.cli.report import EXIT_FAILED, EXIT_OK

INIT_DESCRIPTION = """\
Make a glossary written for Pandoc (or an empty folder) a Sphinx project.

The term files are found from the Makefile (SRC_DIR=..., $(wildcard .../*.md)),
a Pandoc defaults file (input-files:), or else the folder holding the most
Markdown files. init writes, and never changes a file that is already there:
  <sources>/conf.py            the extension, theme, language, version, the title,
                               licence and index files, and exclusions (a
                               compiled one-file book, build folders)
  .readthedocs.yaml            Read the Docs: HTML, PDF and EPUB
  glossterm-requirements.txt   what the builds install
  .github/workflows/glossterm.yml
                               on a version tag: HTML, PDF, EPUB attached to
                               the release, the HTML deployed to GitHub Pages
"""


def init_parser() -> argparse.ArgumentParser:
    """The argument parser of ``glossterm init``."""
    parser = argparse.ArgumentParser(
        prog="glossterm init",
        description=INIT_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "repository",
        nargs="?",
        type=Path,
        default=Path(),
        help="the root of the glossary's repository (default: the current folder)",
    )
    parser.add_argument(
        "--language",
        help="the glossary's language (default: from a Pandoc defaults file, or the name "
        "of the source folder such as src/de, else en)",
    )
    parser.add_argument(
        "--requirement",
        default=DEFAULT_REQUIREMENT,
        help=f"how the builds install sphinx_glossterm (default: {DEFAULT_REQUIREMENT}; "
        "e.g. a git URL)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print what would be written, write nothing",
    )
    return parser


def init(argv: Sequence[str]) -> int:
    """``glossterm init [DIR]``: write the files, print what was done and what to run next."""
    parser = init_parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_FAILED
    repository: Path = args.repository
    if not repository.is_dir():
        print(f"glossterm init: no folder {repository}", file=sys.stderr)
        return EXIT_FAILED
    sources = find_sources(repository, args.language)
    print(f"sources: {sources.relative_srcdir} (found from {sources.found_by})")
    if sources.front:
        roles = ", ".join(f"{role} {name}" for role, name in sorted(sources.front.items()))
        print(f"front matter: {roles}")
    written = 0
    for planned in planned_files(sources, args.requirement):
        path = sources.repository / planned.path
        if path.exists():
            same = path.is_file() and path.read_text(encoding="utf-8") == planned.text
            state = "unchanged" if same else "exists with other content, kept as it is"
            print(f"  {state}: {planned.path}")
            continue
        if args.dry_run:
            print(f"  would write: {planned.path} ({planned.what})")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(planned.text, encoding="utf-8")
        written += 1
        print(f"  wrote: {planned.path} ({planned.what})")
    if not written and not args.dry_run:
        print("nothing to write: every file is already there (nothing was changed)")
    folder = sources.relative_srcdir
    print(
        "\nnext:\n"
        f"  glossterm check {folder}\n"
        f"  sphinx-build -b html {folder} _build/html\n"
        f"  sphinx-build -b latex {folder} _build/latex && make -C _build/latex\n"
        f"  sphinx-build -b epub {folder} _build/epub\n"
        "Commit the new files and push a tag (git tag v1.0.0 && git push --tags) to publish;\n"
        "add _build/ to .gitignore. See docs/coming-from-pandoc.md."
    )
    return EXIT_OK
