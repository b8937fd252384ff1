"""A root document for projects that are only a folder of term files.

The generated root page is never written into the author's source folder
(a build must leave ``git status`` clean): it lives in the doctree directory,
and :class:`GeneratedRootProject` lists it among the project's documents under
the name ``root_doc``.  Sphinx reads a document from ``srcdir / path``; an
absolute ``path`` is taken as it is, which is what lets a document live
outside the source folder.  Sphinx has no public way to add a document that
is not a file of the source folder, so the subclass keeps the two maps of
:class:`sphinx.project.Project` (docname ↔ path) in step itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.project import Project
from sphinx.util import logging

from sphinx_glossterm.model import words
from sphinx_glossterm.model.front_matter import AUTO, FrontMatter, front_matter
from sphinx_glossterm.model.warnings_ import GlosstermWarning, warning_kwargs

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

DEFAULT_PROJECT = "Project name not set"
GENERATED_FOLDER = "glossterm-generated"


def root_text(title: str, front: FrontMatter | None = None) -> str:
    """The generated root page: title, front matter, the A–Z index, every page in the toctree."""
    lines = [f"# {title}", ""]
    if front is not None:
        byline = " · ".join(part for part in (front.author, front.date) if part)
        if byline:
            lines += [byline, ""]
    lines += ["```{glossterm-index}", "```", ""]
    pages = ["*"]
    if front is not None and front.license_doc:
        # The licence page first, as in the author's Pandoc book; the glob skips it then.
        pages = [front.license_doc, "*"]
    lines += ["```{toctree}", ":hidden:", ":glob:", "", *pages, "```", ""]
    return "\n".join(lines)


class GeneratedRootProject(Project):
    """Sphinx's project, plus the generated root page and pages kept outside the source folder."""

    def __init__(self, original: Project, folder: Path, generated: dict[str, Path]) -> None:
        super().__init__(original.srcdir, original.source_suffix)
        self.restore(original)
        #: Where the generated pages are kept (the doctree directory's subfolder).
        self.folder = folder
        #: docname -> absolute path of a page the build generates outside the source folder.
        self.generated = dict(generated)

    def discover(
        self, exclude_paths: Iterable[str] = (), include_paths: Iterable[str] = ("**",)
    ) -> set[str]:
        """The documents of the source folder, and the generated ones it does not have."""
        docnames = super().discover(exclude_paths, include_paths)
        # A doctree directory inside the source folder (Read the Docs' ``-d _build/doctrees``)
        # holds the generated pages: they are read under their own names, not as files there.
        inside = [
            docname
            for docname in docnames
            if self.folder in Path(self.srcdir, self._docname_to_path[docname]).parents
        ]
        for docname in inside:
            docnames.discard(docname)
            del self._path_to_docname[self._docname_to_path.pop(docname)]
        for docname, path in self.generated.items():
            if docname in docnames:
                continue
            docnames.add(docname)
            self._docname_to_path[docname] = path
            self._path_to_docname[path] = docname
        return docnames

    def doc2path(self, docname: str, absolute: bool) -> Any:
        """As Sphinx's; a generated page's relative name is its name, not where it is kept.

        Sphinx writes that name into the output (the search index's file names),
        which must not depend on the folder the build runs in.
        """
        if not absolute and docname in self.generated:
            return type(super().doc2path(docname, absolute))(self.generated[docname].name)
        return super().doc2path(docname, absolute)


def generated_folder(app: Sphinx) -> Path:
    """Where the build keeps the pages it generates: in the doctree directory."""
    return Path(app.doctreedir) / GENERATED_FOLDER


def _write_if_changed(path: Path, text: str) -> None:
    # An unchanged page keeps its mtime, so an incremental build does not reread it.
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generated_pages(app: Sphinx, config: Config) -> dict[str, str]:
    """The pages this build generates: docname -> Markdown text (none if the project has a root)."""
    pages: dict[str, str] = {}
    srcdir = Path(app.srcdir)
    front = front_matter(srcdir, config)
    root = config.root_doc
    generate_root = config.glossterm_generate_root and not any(srcdir.glob(f"{root}.*"))
    # A detected licence is a page only where the generated root lists it; one named in
    # conf.py is a page anyway (the project's own root page lists it in its toctree).
    named = config.glossterm_license_file != AUTO
    if front.license_doc and (generate_root or named):
        pages[front.license_doc] = front.license_page()
    if generate_root:
        project = config.project if config.project != DEFAULT_PROJECT else ""
        title = project or words.strings(config.language)["glossary"]
        pages[root] = root_text(title, front)
    return pages


def install_generated_pages(app: Sphinx) -> None:
    """``builder-inited``: write the generated pages to the doctree directory and list them."""
    pages = generated_pages(app, app.config)
    if not pages:
        return
    folder = generated_folder(app)
    paths: dict[str, Path] = {}
    for docname, text in pages.items():
        path = folder / f"{docname}.md"
        try:
            _write_if_changed(path, text)
        except OSError as error:
            logger.warning(
                "the generated page %s could not be written to %s: %s",
                docname,
                folder,
                error,
                **warning_kwargs(GlosstermWarning.ROOT),
            )
            continue
        paths[docname] = path
    if not paths:
        return
    project = GeneratedRootProject(app.project, folder, paths)
    app.project = project
    app.env.project = project
    logger.info("sphinx_glossterm: generated %s in %s", ", ".join(sorted(paths)), folder)
