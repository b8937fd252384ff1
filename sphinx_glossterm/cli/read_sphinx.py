"""``glossterm check --full``: read the project with Sphinx, as ``sphinx-build`` does.

Sphinx's ``dummy`` builder reads every document (conf.py, extensions, exclude
patterns, ``glossterm-include``, every transform), so no HTML is written; the
environment and doctrees go to a temporary directory.  Slower than the
Markdown reader (:mod:`.check_markdown`), but it runs every extension and
reports every warning Sphinx logs while reading.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from sphinx import locale
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import docutils_namespace, patch_docutils

from sphinx_glossterm.cli.report import (
    NOT_LOADED,
    SPHINX_READER,
    ProjectError,
    ProjectRecords,
    Report,
    build_report,
    no_root_note,
    parse_warnings,
)
from sphinx_glossterm.model.checks import ordered_page_links
from sphinx_glossterm.sphinx_ext.domain import glossterm_domain


class RootStandIn:
    """``env-get-outdated``: lets a project without a root document be read as is.

    A project that is only a folder of term files has no root document; in a
    real build sphinx_glossterm generates one (``glossterm_generate_root``), which
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
        self.notes.append(no_root_note(root))
        return []


@contextmanager
def own_translations() -> Iterator[None]:
    """Sphinx's message catalogues for this read only.

    Sphinx keeps the catalogues of the project's language in a module-level
    dict, and a later application in the same process (``check`` called from
    Python, a test) would keep translating into that language.
    """
    saved = dict(locale.translators)
    try:
        yield
    finally:
        locale.translators.clear()
        locale.translators.update(saved)


def read_project(
    srcdir: Path,
    confdir: Path,
    overrides: dict[str, Any],
    jobs: int = 1,
    notes: tuple[str, ...] = (),
    mentions: bool = False,
) -> Report:
    """Read the project with the ``dummy`` builder and return the report.

    Output and doctrees go to a temporary directory, and neither a root document
    nor a licence page is generated: the Markdown reader reads the project's own
    documents only, and both readers must agree.  ``notes`` open the
    report's notes (why this reader was used, when it was not asked for).
    """
    overrides = {
        **overrides,
        "glossterm_generate_root": False,
        "glossterm_license_file": "",
        "show_warning_types": True,
    }
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
            own_translations(),
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
                raise ProjectError(NOT_LOADED)
            app.connect("env-get-outdated", stand_in, priority=900)
            app.build()
            return report_of(app, warning.getvalue(), [*notes, *stand_in.notes], mentions)
    finally:
        sys.dont_write_bytecode = writes_bytecode


def report_of(app: Sphinx, warning_text: str, notes: list[str], mentions: bool = False) -> Report:
    """The report on a project Sphinx has read: its glossterm domain and its warnings.

    With ``mentions``, the entries' running text is read from the Markdown
    documents' tokens (the doctree has no word the tokens lack).
    """
    env = app.env
    domain = glossterm_domain(env)
    prose = None
    if mentions:
        from sphinx_glossterm.cli.read_markdown import read_prose

        prose = tuple(read_prose(Path(app.srcdir), env.config, env.found_docs))
    records = ProjectRecords(
        srcdir=Path(app.srcdir),
        pages=len(env.all_docs),
        index=domain.index,
        graph=domain.graph,
        page_links=ordered_page_links(domain.page_links),
        config=env.config,
        prose=prose,
    )
    logged = parse_warnings(warning_text, Path(app.srcdir))
    return build_report(records, logged, notes, SPHINX_READER)
