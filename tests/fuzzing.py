"""Read and write one Markdown document at a time through a real, reused Sphinx project.

A property-based test needs thousands of documents; a Sphinx project built per
example would take a second each. :class:`DocumentHarness` builds a small
project once and then, for each example, does what a build does for one
changed file, with the same objects a build uses:

* ``builder.read_doc(docname)``: Sphinx's own reading path, so the real
  :class:`~sphinx_glossterm.reader.parser.GlosstermParser` (dialect detection, all
  markdown-it plugins), myst-parser's directives, every registered transform
  and the ``doctree-read`` handlers, the domain's ``process_doc``, and the
  pickling of the doctree;
* the ``env-check-consistency`` handlers (our checks over all records);
* ``get_and_resolve_doctree`` and ``write_doc``: post-transforms (backlinks,
  term links), reference resolution and the HTML writer;
* optionally the LaTeX translator over the resolved doctree.

About 20 ms a document instead of a second; what it skips is only the
project-wide bookkeeping of a full build (finding files, the toctree of the
new document, search index, copying assets), which does not depend on the
document's content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from docutils import nodes
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors
from sphinx.writers.latex import LaTeXTranslator

DOCNAME = "example"


@dataclass
class Outcome:
    """What reading and writing one document gave."""

    doctree: nodes.document
    warnings: list[str]
    html: str
    latex: str | None = None


class DocumentHarness:
    """A built Sphinx project that reads, checks and writes one document again and again."""

    def __init__(self, srcdir: Path, buildername: str = "html", **confoverrides: object) -> None:
        srcdir.mkdir(parents=True, exist_ok=True)
        (srcdir / "conf.py").write_text(
            'extensions = ["sphinx_glossterm"]\nlanguage = "en"\n', encoding="utf-8"
        )
        (srcdir / "index.md").write_text("# Fuzz\n\nThe root page.\n", encoding="utf-8")
        self.source = srcdir / f"{DOCNAME}.md"
        self.source.write_text("Nothing yet.\n", encoding="utf-8")
        self.warning = StringIO()
        self.app = SphinxTestApp(
            buildername,
            srcdir=srcdir,
            status=StringIO(),
            warning=self.warning,
            confoverrides=confoverrides,
        )
        self.app.build()

    def close(self) -> None:
        """Clean up the Sphinx application."""
        self.app.cleanup()

    def run(self, text: str, latex: bool = False) -> Outcome:
        """Read ``text`` as the document ``example.md``, check the project, write the page."""
        from sphinx_glossterm.sphinx_ext.checks import run_checks

        app, env, builder = self.app, self.app.env, self.app.builder
        self.warning.seek(0)
        self.warning.truncate()
        self.source.write_text(text, encoding="utf-8")
        env.clear_doc(DOCNAME)
        builder.read_doc(DOCNAME)
        run_checks(app, env)
        doctree = env.get_and_resolve_doctree(DOCNAME, builder)
        builder.prepare_writing({DOCNAME})
        builder.write_doc_serialized(DOCNAME, doctree)
        builder.write_doc(DOCNAME, doctree)
        html = (Path(app.outdir) / f"{DOCNAME}.html").read_text(encoding="utf-8")
        latex_text = None
        if latex:
            latex_text = self.latex(doctree)
        lines = strip_colors(self.warning.getvalue()).splitlines()
        return Outcome(doctree, [line for line in lines if "WARNING" in line], html, latex_text)

    def latex(self, doctree: nodes.document) -> str:
        """The LaTeX body Sphinx's LaTeX translator writes for ``doctree``."""
        from sphinx.builders.latex import LaTeXBuilder

        builder = self._latex_builder
        if builder is None:
            builder = LaTeXBuilder(self.app, self.app.env)
            builder.init()
            self._latex_builder = builder
        theme = builder.themes.get("manual")
        translator = LaTeXTranslator(doctree.deepcopy(), builder, theme)
        translator.document.walkabout(translator)
        return "".join(translator.body)

    _latex_builder = None


_LOCATED = re.compile(r"^(?P<path>.+?):(?P<line>\d*): (?:WARNING|ERROR)")


def located(warning: str) -> bool:
    """Whether a warning line names a file (and maybe a line)."""
    return _LOCATED.match(warning) is not None


def all_text(doctree: nodes.Node) -> str:
    """The doctree's text plus every string attribute value (ids, classes, titles)."""
    parts = [doctree.astext()]
    for node in doctree.findall(nodes.Element):
        for value in node.attributes.values():
            if isinstance(value, str):
                parts.append(value)
            elif isinstance(value, list):
                parts.extend(item for item in value if isinstance(item, str))
    return "\n".join(parts)
