"""The ``glossterm`` command: ``glossterm check SRCDIR`` reports on a glossary without building it.

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
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sphinx.errors import SphinxError

from sphinx_glossterm import __version__
from sphinx_glossterm.cli.output import report_json, report_text
from sphinx_glossterm.cli.report import EXIT_FAILED, EXIT_OK, ProjectError, Report

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
    parser.add_argument("srcdir", type=Path, help="the source directory of the project")
    parser.add_argument(
        "-c",
        "--conf-dir",
        dest="confdir",
        type=Path,
        metavar="CONFDIR",
        help="the directory holding conf.py (default: SRCDIR)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="print the report as text (default) or as one JSON object",
    )
    parser.add_argument(
        "-D",
        "--define",
        dest="define",
        action="append",
        default=[],
        metavar="name=value",
        help="override a conf.py setting, as with sphinx-build -D (repeatable)",
    )
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
        help="read with N processes ('auto': one per CPU), as with sphinx-build -j (default: 1)",
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
        overrides = _overrides(parser, args.define)
    except SystemExit as exit_:
        return _exit_code(exit_)
    srcdir: Path = args.srcdir
    confdir: Path = args.confdir or srcdir
    for name, folder in (("source", srcdir), ("configuration", confdir)):
        if not folder.is_dir():
            print(f"glossterm check: no {name} directory {folder}", file=sys.stderr)
            return EXIT_FAILED
    try:
        report = read(srcdir, confdir, overrides, args.jobs, full=args.full, mentions=args.mentions)
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


def read(
    srcdir: Path,
    confdir: Path,
    overrides: dict[str, Any],
    jobs: int | None,
    full: bool,
    mentions: bool = False,
) -> Report:
    """The report, by the Markdown reader unless ``full`` or the project needs Sphinx.

    With ``mentions``, the entries' running text is read too (by the Markdown
    reader's tokens, whichever reader made the records).
    """
    # Imported here: the Markdown reader must not pay for importing Sphinx's application.
    if not full:
        from sphinx_glossterm.cli.read_markdown import SphinxNeededError, read_markdown

        try:
            return read_markdown(srcdir, confdir, overrides, jobs, mentions=mentions)
        except SphinxNeededError as reason:
            notes: tuple[str, ...] = (f"Markdown reader not used: {reason}",)
    else:
        notes = ()
    from sphinx_glossterm.cli.read_sphinx import read_project

    return read_project(srcdir, confdir, overrides, jobs or 1, notes, mentions=mentions)


def jobs_argument(value: str) -> int:
    """``-j N`` or ``-j auto`` (one process per CPU), as ``sphinx-build -j``."""
    if value == "auto":
        return os.cpu_count() or 1
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid number of jobs: {value!r}") from None
    if jobs <= 0:
        raise argparse.ArgumentTypeError("job number should be a positive number")
    return jobs


def _overrides(parser: argparse.ArgumentParser, define: list[str]) -> dict[str, Any]:
    """``-D name=value`` as Sphinx's confoverrides (values as strings, as sphinx-build passes)."""
    overrides: dict[str, Any] = {}
    for item in define:
        name, equals, value = item.partition("=")
        if not equals or not name:
            parser.error(f"-D takes name=value, not {item!r}")
        overrides[name] = value
    return overrides


def _exit_code(exit_: SystemExit) -> int:
    return exit_.code if isinstance(exit_.code, int) else EXIT_FAILED if exit_.code else EXIT_OK


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {"check": check}


def main(argv: Sequence[str] | None = None) -> int:
    """The ``glossterm`` command: run a subcommand, return its exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        return COMMANDS[args[0]](args[1:])
    parser = argparse.ArgumentParser(
        prog="glossterm",
        description="Tools for glossaries written with sphinx_glossterm.",
        epilog="Run 'glossterm check --help' for what the check reports.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("command", choices=sorted(COMMANDS), help="check: report on a glossary")
    try:
        parser.parse_args(args)
    except SystemExit as exit_:
        return _exit_code(exit_)
    return EXIT_FAILED  # unreachable: a known command was dispatched above
