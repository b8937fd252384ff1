"""``glossterm-include`` in the build: gathered files are no pages, and hosts follow their files.

The directive itself is expanded by the reader (:mod:`sphinx_glossterm.reader.gather`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx_glossterm.model.records import relative_path
from sphinx_glossterm.reader.gather import add_gathered_to_excludes, expand
from sphinx_glossterm.sphinx_ext.domain import glossterm_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def exclude_gathered_files(app: Sphinx, config: Config) -> None:
    """Add the files every ``glossterm-include`` gathers to ``exclude_patterns``."""
    add_gathered_to_excludes(Path(app.srcdir), config)


def outdated_hosts(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages whose ``glossterm-include`` patterns now match a different set of files."""
    domain = glossterm_domain(env)
    srcdir = Path(env.srcdir)
    outdated = []
    for docname, gathered in sorted(domain.includes.items()):
        base = env.doc2path(docname).parent
        if any(
            tuple(relative_path(path, srcdir) for path in expand(patterns, base, srcdir)) != files
            for patterns, files in gathered
        ):
            outdated.append(docname)
    return outdated
