"""The ``glossterm`` command: ``check`` reports on a glossary, ``init`` sets one up.

``check`` reads the project's Markdown files without building doctrees
(:mod:`.check_markdown`), or, with ``--full`` or when the project needs it,
the way ``sphinx-build`` does (:mod:`.check_sphinx`).  It then reports what
the checks found and what the term graph looks like, as text or JSON, and
exits with 0 (clean), 1 (findings or warnings) or 2 (usage error, or the
project could not be read).  Every function takes an argv list, so tests call
:func:`main` directly.  Sphinx's application is imported only for ``--full``:
the Markdown reader is the author's fast loop, and imports count.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sphinx.errors import SphinxError

from sphinx_glossterm import __version__
from sphinx_glossterm.cli.arguments import (
    add_confdir_argument,
    add_define_argument,
    add_source_argument,
    exit_code,
    jobs_argument,
    overrides_of,
)
from sphinx_glossterm.cli.check_cache import default_cache_dir
from sphinx_glossterm.cli.output import report_json, report_text
from sphinx_glossterm.cli.report import EXIT_FAILED, EXIT_OK, EXIT_PROBLEMS, ProjectError, Report

# --------------------------------------------------------------------------- commands

CHECK_DESCRIPTION = """\
Report on the glossary of a Sphinx project that uses sphinx_glossterm, without
writing any output.

By default the Markdown files are read with the extension's own Markdown parser
and no doctree is built (fast; conf.py is read, but no extension is loaded).
--full reads the project the way sphinx-build does (conf.py, extensions,
exclude patterns, glossterm-include) and also reports every warning Sphinx logs.
A project that needs Sphinx (other extensions, a setup() in conf.py,
reStructuredText pages, unknown directives) is read with Sphinx, with a note.

The report lists:
  counts           pages, entries, links (see-also and inline), problems
  broken targets   link targets no entry declares, most used first, each with
                   every referrer (file:line) and up to three likely ids
  duplicate ids    ids declared by more than one entry, every place, and the
                   one links go to
  other findings   every other glossterm warning, by subtype, with file:line
  other warnings   every other warning Sphinx printed while reading (--full)
  orphans          entries no other entry links to
  dead ends        entries that link to no other entry
  components       groups of linked entries: count, sizes, the small ones
  hubs             the entries most entries link to
  mentions         (--mentions) the first unlinked mention of each entry per
                   section of every other entry, at file:line, matching word
                   forms ("Agenten" for "Agent", "Embedding-Vektoren"); and
                   the unused entries, which nobody links to or mentions
"""

CHECK_EPILOG = """\
exit status:
  0  no glossterm finding and no other warning
  1  findings or warnings (the report lists them)
  2  usage error, or the project could not be read (the reason is printed)

Warnings listed in suppress_warnings (e.g. glossterm.section_type) are left out.
The report names its reader ("read by:", JSON "reader": "markdown" or "sphinx").
See docs/cli.md for what each reader reads, and for the JSON shape.
"""


def check_parser() -> argparse.ArgumentParser:
    """The argument parser of ``glossterm check``."""
    parser = argparse.ArgumentParser(
        prog="glossterm check",
        description=CHECK_DESCRIPTION,
        epilog=CHECK_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_source_argument(parser)
    add_confdir_argument(parser)
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="print the report as text (default) or as one JSON object",
    )
    add_define_argument(parser)
    parser.add_argument(
        "--full",
        action="store_true",
        help="read with Sphinx, as sphinx-build does (slower): every extension runs, and "
        "every warning Sphinx logs while reading is reported",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=jobs_argument,
        default=None,
        metavar="N",
        help="read with N processes ('auto': one per CPU), as with sphinx-build -j (default: "
        "1 with --full; the Markdown reader scans many changed files with the idle CPUs)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="read every file again and keep nothing for the next check (by default the "
        "Markdown reader keeps each file's results in the user's cache folder and reads only "
        "the files changed since)",
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help="keep the cache in DIR (default: $XDG_CACHE_HOME/sphinx-glossterm/check, else "
        "~/.cache/sphinx-glossterm/check)",
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help="apply the fixes a machine can make safely (see-also order, duplicates and "
        "symmetry, the case of link targets, links to retired entries), say what changed, "
        "then report",
    )
    parser.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes --fix would make as a unified diff, and write nothing "
        "(exit status 1 if there is something to fix)",
    )
    parser.add_argument(
        "--mentions",
        action="store_true",
        help="also report unlinked mentions of entries in the entries' text (the first per "
        "section) and the entries nobody links to or mentions",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="text format: print only the problems and the summary line",
    )
    return parser


def check(argv: Sequence[str]) -> int:
    """``glossterm check SRCDIR ...``: print the report, return the exit status."""
    parser = check_parser()
    try:
        args = parser.parse_args(list(argv))
        overrides = overrides_of(parser, args.define)
    except SystemExit as exit_:
        return exit_code(exit_)
    for name, folder in (("source", args.srcdir), ("configuration", args.confdir or args.srcdir)):
        if not folder.is_dir():
            print(f"glossterm check: no {name} directory {folder}", file=sys.stderr)
            return EXIT_FAILED
    # Absolute: Sphinx, when it reads the project, changes the working directory.
    srcdir: Path = args.srcdir.resolve()
    confdir: Path = (args.confdir or args.srcdir).resolve()
    try:
        cache_dir = None if args.no_cache else (args.cache_dir or default_cache_dir())
        report = read(
            srcdir,
            confdir,
            overrides,
            args.jobs,
            full=args.full,
            cache_dir=cache_dir,
            mentions=args.mentions,
        )
        if args.fix or args.diff:
            fixed = fix(report, write=not args.diff, quiet=args.format == "json")
            if args.diff:
                return EXIT_PROBLEMS if fixed else EXIT_OK
            if fixed:
                report = read(
                    srcdir, confdir, overrides, args.jobs, full=args.full, cache_dir=cache_dir
                )
    except ProjectError as error:
        print(f"glossterm check: {error}", file=sys.stderr)
        return EXIT_FAILED
    except SphinxError as error:
        print(f"glossterm check: Sphinx failed: {error.category}: {error}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:  # an extension's bug: say where, as sphinx-build -T would
        traceback.print_exc(file=sys.stderr)
        print(f"glossterm check: Sphinx failed: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAILED
    if args.format == "json":
        print(json.dumps(report_json(report), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(report_text(report, quiet=args.quiet))
    return report.status


def fix(report: Report, write: bool, quiet: bool) -> bool:
    """Plan the fixes and write them (or print them as a diff); whether there were any."""
    from sphinx_glossterm.cli.fix import plan_fixes

    assert report.records is not None  # every reader keeps its records
    outcome = plan_fixes(report.records, report.mentions)
    if write:
        outcome.write()
    else:
        sys.stdout.write(outcome.diff())
    if not quiet or not write:
        sys.stdout.write(outcome.summary(written=write))
    else:
        sys.stderr.write(outcome.summary(written=write))
    return bool(outcome.files)


def read(
    srcdir: Path,
    confdir: Path,
    overrides: dict[str, Any],
    jobs: int | None,
    full: bool,
    cache_dir: Path | None = None,
    mentions: bool = False,
) -> Report:
    """The report, by the Markdown reader unless ``full`` or the project needs Sphinx.

    The Markdown reader keeps its per-file results in ``cache_dir`` (``None``: no cache).
    With ``mentions``, the entries' running text is read too (by the Markdown
    reader's tokens, whichever reader made the records).
    """
    # Imported here: the Markdown reader must not pay for importing Sphinx's application.
    if not full:
        from sphinx_glossterm.cli.read_markdown import SphinxNeededError, read_markdown

        try:
            return read_markdown(srcdir, confdir, overrides, jobs, cache_dir, mentions=mentions)
        except SphinxNeededError as reason:
            notes: tuple[str, ...] = (f"Markdown reader not used: {reason}",)
    else:
        notes = ()
    from sphinx_glossterm.cli.read_sphinx import read_project

    return read_project(srcdir, confdir, overrides, jobs or 1, notes, mentions=mentions)


def serve(argv: Sequence[str]) -> int:
    """``glossterm serve SRCDIR [OUTDIR] ...``: see :mod:`.serve`."""
    # Imported here: ``glossterm check`` must not pay for the server's imports.
    from sphinx_glossterm.cli.serve import serve as run_serve

    return run_serve(argv)


def init(argv: Sequence[str]) -> int:
    """``glossterm init [DIR]``: see :mod:`.init`."""
    from sphinx_glossterm.cli.init import init as run_init

    return run_init(argv)


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "check": check,
    "init": init,
    "serve": serve,
}


def main(argv: Sequence[str] | None = None) -> int:
    """The ``glossterm`` command: run a subcommand, return its exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        return COMMANDS[args[0]](args[1:])
    parser = argparse.ArgumentParser(
        prog="glossterm",
        description="Tools for glossaries written with sphinx_glossterm.",
        epilog="Run 'glossterm COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "command",
        choices=sorted(COMMANDS),
        help="check: report on a glossary; init: make a Pandoc glossary a Sphinx project; "
        "serve: build, serve and live-reload it",
    )
    try:
        parser.parse_args(args)
    except SystemExit as exit_:
        return exit_code(exit_)
    return EXIT_FAILED  # unreachable: a known command was dispatched above
