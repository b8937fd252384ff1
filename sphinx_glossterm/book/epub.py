"""EPUB: a book that ``epubcheck`` accepts, with working links between entries.

Sphinx's epub builder writes the HTML pages into a zip; three things made
such a book invalid, and are mended here:

- sphinx-design's tabs (``<input>`` left unclosed in XHTML, ``<label>`` where
  XHTML forbids it), dropdowns and octicons (inline ``<svg>``).
  :class:`FlattenDesignForEpub` turns, for the epub builder only, every tab of
  a tab set into a heading and its content, every dropdown into a heading and
  its (open) body, and drops the decorative icons;
- a page whose name has non-ASCII letters (``Äquivalenz.md``): Sphinx lists it
  in the spine under its URL-quoted name (``%C3%84quivalenz.xhtml``), which it
  does not find among the manifest's file names, so the spine points nowhere;
- two pages whose names differ only in case (``XAI.md`` and ``xAI.md``): one
  zip may not hold both, and a case-insensitive disk keeps only one.  The
  later name in sorted order is written as ``xAI-2.xhtml``, and every link
  to it says so.

- a conf.py without ``copyright`` or ``version``: Sphinx writes an empty
  ``dc:rights`` and an empty ``meta``, which epubcheck rejects.  The package
  document is written from our copy of Sphinx's template
  (``epub_templates/content.opf.jinja``), which leaves empty metadata out,
  and declares the pages that hold MathML (:mod:`sphinx_glossterm.html.math`),
  as EPUB 3 requires.

The last three need the builder itself: :class:`GlosstermEpub3Builder` is
Sphinx's ``epub`` builder with the page names mended, registered in its place.
In the dictionary layout (:confval:`glossterm_latex_layout`, the default) it
also puts the entry pages of the reading order and of the book's table of
contents in the A–Z order of the HTML index (:func:`dictionary_order`), after
the pages that are no entries (the front matter); the root page's A–Z list
is the book's working index.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_glossterm.book.dictionary import DICTIONARY, layout_of
from sphinx_glossterm.model.collation import sort_key
from sphinx_glossterm.sphinx_ext.domain import glossterm_domain

TEMPLATES = Path(__file__).parent / "epub_templates"
ENTRY_TOC_DEPTH = 1
"""The level of the pages a toctree lists: a dictionary's table of contents stops there."""
TABS_CLASS = "glossterm-epub-tabs"
TAB_CLASS = "glossterm-epub-tab"
DROPDOWN_CLASS = "glossterm-epub-dropdown"


def _component(node: nodes.Node) -> str | None:
    return node.get("design_component") if isinstance(node, nodes.Element) else None


def _plain_classes(node: nodes.Element) -> list[str]:
    # sphinx-design's CSS hides tab content and styles by these classes.
    return [name for name in node["classes"] if not name.startswith("sd-")]


class FlattenDesignForEpub(SphinxPostTransform):
    """Make sphinx-design's tabs, dropdowns and icons plain headings and blocks for EPUB."""

    builders = ("epub",)
    default_priority = 150  # before sphinx-design's HTML transforms (199, 200)

    def run(self, **kwargs: Any) -> None:
        for tab_set in list(self.document.findall(lambda n: _component(n) == "tab-set")):
            tab_set.replace_self(self._tabs(tab_set))
        for dropdown in list(self.document.findall(lambda n: _component(n) == "dropdown")):
            dropdown.replace_self(self._dropdown(dropdown))
        for icon in list(self.document.findall(_is_icon)):
            icon.parent.remove(icon)

    @staticmethod
    def _tabs(tab_set: nodes.Element) -> nodes.container:
        flat = nodes.container("", classes=[TABS_CLASS], ids=list(tab_set["ids"]))
        for child in tab_set.children:
            if _component(child) != "tab-item":
                flat += child.deepcopy()
                continue
            item = nodes.container("", classes=[TAB_CLASS], ids=list(child["ids"]))
            for part in child.children:
                if isinstance(part, nodes.rubric):
                    label = part.deepcopy()
                    label["classes"] = _plain_classes(label)
                    item += label
                elif _component(part) == "tab-content":
                    item += [grandchild.deepcopy() for grandchild in part.children]
                else:
                    item += part.deepcopy()
            flat += item
        return flat

    @staticmethod
    def _dropdown(dropdown: nodes.Element) -> nodes.container:
        flat = nodes.container("", classes=[DROPDOWN_CLASS], ids=list(dropdown["ids"]))
        for child in dropdown.children:
            part = child.deepcopy()
            if isinstance(part, nodes.rubric):
                part["classes"] = _plain_classes(part)
            flat += part
        return flat


def _is_icon(node: nodes.Node) -> bool:
    # sphinx-design's octicon/material icons: inline nodes carrying raw <svg>.
    return type(node).__name__ == "sd_icon" or (
        isinstance(node, nodes.raw) and "<svg" in node.astext() and "html" in node.get("format", "")
    )


class GlosstermEpub3Builder(Epub3Builder):
    """Sphinx's ``epub`` builder, for page names with non-ASCII letters or clashing case."""

    _output_names: dict[str, str] | None = None

    def build_content(self) -> None:
        """``content.opf`` from our template: Sphinx's, without empty metadata elements."""
        sphinx_templates = self.template_dir
        self.template_dir = type(sphinx_templates)(TEMPLATES)
        try:
            super().build_content()
        finally:
            self.template_dir = sphinx_templates

    def content_metadata(self) -> dict[str, Any]:
        """Sphinx's metadata, and the manifest names of the pages holding math (as MathML)."""
        metadata = super().content_metadata()
        # Sphinx 9 no longer notes which documents hold math: read it off their doctrees.
        metadata["mathml_files"] = {
            html.escape(quote(self.output_name(docname) + self.out_suffix))
            for docname in sorted(self.env.all_docs)
            if _has_math(self.env.get_doctree(docname))
        }
        return metadata

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """The page's URI under the name it is written to, non-ASCII letters as they are.

        The spine and the table of contents take a page's name from its URI, the
        manifest from its file; ``%C3%84`` in one and ``Ä`` in the other are two
        files to Sphinx.  An IRI may hold ``Ä``, so the URI keeps it.
        """
        name = self.output_name(docname)
        uri = "".join(char if ord(char) > 127 else quote(char, safe="/") for char in name)
        return uri + self.link_suffix

    def get_output_path(self, page_name: str, /) -> Path:
        """The page's file, renamed when another page's name differs only in case."""
        return super().get_output_path(self.output_name(page_name))

    def build_toc(self) -> None:
        """``toc.ncx``, listing every entry in a dictionary (see :meth:`_listing_every_entry`)."""
        with self._listing_every_entry():
            super().build_toc()

    def build_navigation_doc(self) -> None:
        """``nav.xhtml``, listing every entry in a dictionary."""
        with self._listing_every_entry():
            super().build_navigation_doc()

    @contextmanager
    def _listing_every_entry(self) -> Iterator[None]:
        # A glossary's root page lists its entries in a hidden toctree (the A–Z
        # is the page's index); Sphinx's default scope would leave the book's
        # table of contents with the root page alone.  In the dictionary layout
        # the table of contents lists every page, A–Z, and (like the printed
        # book's) the entries only, not their sections.
        scope, depth = self.config.epub_tocscope, self.config.epub_tocdepth
        if layout_of(self.config) == DICTIONARY:
            self.config.epub_tocscope = "includehidden"
            self.config.epub_tocdepth = min(depth, ENTRY_TOC_DEPTH)
        try:
            yield
        finally:
            self.config.epub_tocscope, self.config.epub_tocdepth = scope, depth

    def toc_add_files(self, refnodes: list[dict[str, Any]]) -> None:
        """The reading order and the table of contents, entries A–Z in a dictionary."""
        if layout_of(self.config) == DICTIONARY:
            refnodes[:] = dictionary_order(refnodes, self._entry_keys())
        super().toc_add_files(refnodes)

    def _entry_keys(self) -> dict[str, tuple[tuple[str, str], str]]:
        # A page's place: the sort key of its first entry.
        keys: dict[str, tuple[tuple[str, str], str]] = {}
        terms = glossterm_domain(self.env).all_terms()
        for term in sorted(terms, key=lambda term: (term.docname, term.line)):
            keys.setdefault(self.get_target_uri(term.docname), (sort_key(term.title), term.id))
        return keys

    def output_name(self, docname: str) -> str:
        """``docname``, or ``docname-2`` when a page sorted before it differs only in case."""
        if self._output_names is None:
            self._output_names = case_unique_names(sorted(self.env.found_docs))
        return self._output_names.get(docname, docname)


def _has_math(doctree: nodes.document) -> bool:
    return any(
        True for _ in doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block)))
    )


def dictionary_order(
    refnodes: list[dict[str, Any]], keys: dict[str, tuple[tuple[str, str], str]]
) -> list[dict[str, Any]]:
    """``refnodes`` (Sphinx's table of contents items) with the entry pages A–Z.

    An item takes the items of a deeper level after it along; the pages with no
    entry (``keys`` has none for their URI) come first, in their order.
    """
    blocks: list[list[dict[str, Any]]] = []
    for item in refnodes:
        if blocks and item["level"] > blocks[-1][0]["level"]:
            blocks[-1].append(item)
        else:
            blocks.append([item])

    def key(block: list[dict[str, Any]]) -> tuple[tuple[str, str], str] | None:
        return keys.get(html.unescape(block[0]["refuri"]).partition("#")[0])

    front = [block for block in blocks if key(block) is None]
    entries = sorted((block for block in blocks if key(block) is not None), key=key)  # type: ignore[arg-type, return-value]
    return [item for block in front + entries for item in block]


def case_unique_names(docnames: list[str]) -> dict[str, str]:
    """The documents to rename so that no two names differ only in case."""
    taken = {name.casefold() for name in docnames}
    seen: set[str] = set()
    renamed: dict[str, str] = {}
    for docname in docnames:
        folded = docname.casefold()
        if folded not in seen:
            seen.add(folded)
            continue
        counter, candidate = 2, f"{docname}-2"
        while candidate.casefold() in taken:
            counter += 1
            candidate = f"{docname}-{counter}"
        taken.add(candidate.casefold())
        renamed[docname] = candidate
    return renamed


def register(app: Sphinx) -> None:
    """Register the transform and the mended epub builder."""
    app.add_post_transform(FlattenDesignForEpub)
    app.add_builder(GlosstermEpub3Builder, override=True)
