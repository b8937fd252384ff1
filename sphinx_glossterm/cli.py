"""The ``glossterm`` command: ``glossterm check SRCDIR`` reports on a glossary without building it.

``check`` reads the project the way ``sphinx-build`` does (conf.py, extensions,
exclude patterns, ``glossterm-include``) with Sphinx's ``dummy`` builder, so no
HTML is written, and the environment and doctrees go to a temporary directory.
It then reports what the checks found and what the term graph looks like, as
text or JSON, and exits with 0 (clean), 1 (findings or warnings) or 2 (usage
error, or Sphinx failed).  Every function takes an argv list, so tests call
:func:`main` directly.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from io import StringIO
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from sphinx.application import Sphinx
from sphinx.cmd.build import jobs_argument
from sphinx.environment import BuildEnvironment
from sphinx.errors import SphinxError
from sphinx.util.docutils import docutils_namespace, patch_docutils

from . import __version__
from .check_output import report_json, report_text
from .check_report import EXIT_FAILED, EXIT_OK, ProjectError, Report, build_report


class RootStandIn:
    """``env-get-outdated``: lets a project without a root document be read as is.

    A project that is only a folder of term files has no root document; in a
    real build sphinx_glossterm writes one (``glossterm_generate_root``), which
    ``check`` must not do.  Sphinx refuses to finish reading without the root
    document ("unable to load the master document"), raised in
    ``Builder.read()`` before ``env-updated`` and the consistency checks run,
    so catching it would lose the checks.  Instead, as Sphinx itself does for
    the old ``contents`` default (``sphinx.config.check_master_doc``, on this
    same event), ``root_doc`` is pointed at an existing document; the generated
    root would list every page in a toctree, so "not included in any toctree"
    warnings are suppressed for this read.
    """

    def __init__(self) -> None:
        self.notes: list[str] = []

    def __call__(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        added: set[str],
        changed: set[str],
        removed: set[str],
    ) -> list[str]:
        root = app.config.root_doc
        if root in env.found_docs or not env.found_docs:
            return []
        stand_in = min(env.found_docs)
        app.config.root_doc = stand_in
        app.config.suppress_warnings = [*app.config.suppress_warnings, "toc.not_included"]
        self.notes.append(
            f"the project has no root document {root!r}: sphinx-build writes one "
            "(glossterm_generate_root) or fails; toctree membership was not checked"
        )
        return []


def read_project(srcdir: Path, confdir: Path, overrides: dict[str, Any], jobs: int = 1) -> Report:
    """Read the project with the ``dummy`` builder and return the report.

    Output and doctrees go to a temporary directory, and no root document is
    generated, so nothing is written into the project.
    """
    overrides = {**overrides, "glossterm_generate_root": False, "show_warning_types": True}
    warning = StringIO()
    stand_in = RootStandIn()
    writes_bytecode = sys.dont_write_bytecode
    # A conf.py that imports a module of the project would leave __pycache__ in it.
    sys.dont_write_bytecode = True
    try:
        # As sphinx-build does: docutils.conf, and directives registered for this run only.
        with (
            TemporaryDirectory(prefix="glossterm-check-") as scratch,
            patch_docutils(confdir),
            docutils_namespace(),
        ):
            app = Sphinx(
                srcdir,
                confdir,
                outdir=Path(scratch, "out"),
                doctreedir=Path(scratch, "doctrees"),
                buildername="dummy",
                confoverrides=overrides,
                status=None,
                warning=warning,
                freshenv=True,
                parallel=jobs,
            )
            if "glossterm" not in app.env.domains:
                raise ProjectError(
                    "the project does not load sphinx_glossterm (add it to extensions in conf.py)"
                )
            app.connect("env-get-outdated", stand_in, priority=900)
            app.build()
            return build_report(app, warning.getvalue(), stand_in.notes)
    finally:
        sys.dont_write_bytecode = writes_bytecode


# --------------------------------------------------------------------------- commands

CHECK_DESCRIPTION = """\
Read a Sphinx project that uses sphinx_glossterm the way sphinx-build does
(conf.py, extensions, exclude patterns, glossterm-include) without writing any
output, and report on its glossary.

The report lists:
  counts           pages, entries, links (see-also and inline), problems
  broken targets   link targets no entry declares, most used first, each with
                   every referrer (file:line) and up to three likely ids
  duplicate ids    ids declared by more than one entry, every place, and the
                   one links go to
  other findings   every other glossterm warning, by subtype, with file:line
  other warnings   every other warning Sphinx printed while reading
  orphans          entries no other entry links to
  dead ends        entries that link to no other entry
  components       groups of linked entries: count, sizes, the small ones
  hubs             the entries most entries link to
"""

CHECK_EPILOG = """\
exit status:
  0  no glossterm finding and no other warning
  1  findings or warnings (the report lists them)
  2  usage error, or Sphinx could not read the project (the reason is printed)

Warnings listed in suppress_warnings (e.g. glossterm.section_type) are left out.
See docs/cli.md for the JSON shape.
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
        "-j",
        "--jobs",
        type=jobs_argument,
        default=1,
        metavar="N",
        help="read with N processes ('auto': one per CPU), as with sphinx-build -j",
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
        report = read_project(srcdir, confdir, overrides, args.jobs)
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
