"""Arguments every ``glossterm`` command reads the same way: ``-j``, ``-D``, the exit status."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from sphinx_glossterm.cli.report import EXIT_FAILED, EXIT_OK


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


def overrides_of(parser: argparse.ArgumentParser, define: list[str]) -> dict[str, Any]:
    """``-D name=value`` as Sphinx's confoverrides (values as strings, as sphinx-build passes)."""
    overrides: dict[str, Any] = {}
    for item in define:
        name, equals, value = item.partition("=")
        if not equals or not name:
            parser.error(f"-D takes name=value, not {item!r}")
        overrides[name] = value
    return overrides


def exit_code(exit_: SystemExit) -> int:
    """The exit status argparse asked for (``--help``: 0, a usage error: 2)."""
    return exit_.code if isinstance(exit_.code, int) else EXIT_FAILED if exit_.code else EXIT_OK


def add_source_argument(parser: argparse.ArgumentParser) -> None:
    """``SRCDIR``, the first argument of every command, as of ``sphinx-build``."""
    parser.add_argument("srcdir", type=Path, help="the source directory of the project")


def add_confdir_argument(parser: argparse.ArgumentParser) -> None:
    """``-c CONFDIR``, as ``sphinx-build -c``."""
    parser.add_argument(
        "-c",
        "--conf-dir",
        dest="confdir",
        type=Path,
        metavar="CONFDIR",
        help="the directory holding conf.py (default: SRCDIR)",
    )


def add_define_argument(parser: argparse.ArgumentParser) -> None:
    """``-D name=value``, as ``sphinx-build -D`` (read with :func:`overrides_of`)."""
    parser.add_argument(
        "-D",
        "--define",
        dest="define",
        action="append",
        default=[],
        metavar="name=value",
        help="override a conf.py setting, as with sphinx-build -D (repeatable)",
    )
