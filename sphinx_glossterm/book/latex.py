"""The glossary as a LaTeX book: entries, page references, bookmarks and the index.

The latex builder puts every document into one doctree; a post-transform
(:class:`PrepareLatexBook`, for the latex builder only) then shapes our
structures for print, and the small nodes it adds have LaTeX visitors here:

- an entry stays the chapter or section its heading makes it; with the class
  ``.chapter`` but set as a section it starts a new page
  (``\\glosstermchapterbreak``); ``.small`` sets its body compactly;
- right after the heading, ``\\glosstermtarget`` gives the entry a named PDF
  destination (:func:`destination_name`); hyperref's bookmark for the heading
  is the entry's bookmark;
- tagline, typed sections, box sections, link lists and "Referenced by" are
  wrapped in containers, which Sphinx writes as ``sphinxuseclass``
  environments that ``sphinxglossterm.sty`` styles;
- every link of a see-also list, a "Referenced by" list or the A–Z list is
  followed by its page (``\\glosstermpageref``: "CLIP, S. 42");
- the index entries of an entry (title and aliases), and one for every place
  the text links to an entry, carry a sort key of ours (:class:`BookIndex`),
  so makeindex sorts them as the HTML index does: Ä with A, not after Z.

The LaTeX support files are copied into the output folder; the latexmkrc
Sphinx writes is taught the xindy options its Makefile knows
(:func:`.index_styles.pass_xindy_options`), so a bare ``latexmk`` (Read the Docs) runs
xindy correctly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.fileutil import copy_asset_file
from sphinx.writers.latex import CR, LaTeXTranslator

from sphinx_glossterm.book import dictionary, walk
from sphinx_glossterm.book.latex_chars import CharacterSupport, support_for
from sphinx_glossterm.model.abbreviations import resolve as resolve_stub
from sphinx_glossterm.model.records import Term
from sphinx_glossterm.model.words import page_abbreviation
from sphinx_glossterm.reader import nodes as gnodes
from sphinx_glossterm.sphinx_ext.abbreviation_list import LIST_CLASS as ABBREVIATIONS
from sphinx_glossterm.sphinx_ext.backlinks import BACKLINKS_CLASS
from sphinx_glossterm.sphinx_ext.domain import LINK_CLASS, glossterm_domain
from sphinx_glossterm.sphinx_ext.index_page import index_rows

PACKAGE = "sphinxglossterm"
TEXINPUTS = Path(__file__).resolve().parent / "texinputs"
SMALL_CLASS = "glossterm-small"
LINK_LIST_CONTAINER = "glossterm-link-list"
LIST_CLASSES = frozenset(
    {gnodes.LINK_LIST_CLASS, "glossterm-backlink-list", "glossterm-index-list", ABBREVIATIONS}
)
_SAFE_NAME = re.compile(r"[A-Za-z0-9._-]")
# Where an index entry would be moved or typeset twice by LaTeX: no mention entries there.
_NO_INDEX = (nodes.title, nodes.caption, nodes.rubric, nodes.subtitle)


# -- nodes ----------------------------------------------------------------------------------


class entry_break(nodes.Element, nodes.General):  # noqa: N801 - docutils node naming
    """Before the heading of a ``.chapter`` entry: a new page unless it is a chapter."""


class entry_target(nodes.Element, nodes.General):  # noqa: N801
    """After an entry's heading: its named destination (attribute ``name``)."""


class page_reference(nodes.Inline, nodes.Element):  # noqa: N801
    """After a link: ", p. 42" for the label ``label`` (``docname:anchor``)."""


class sorted_index(nodes.Element, nodes.General):  # noqa: N801
    """Index entries with our own sort keys: ``entries`` of ``(key, text, main, see)``.

    ``see`` names the entry a cross-reference sends the reader to: an alias's
    entry ("Alias, *see* Title"), an abbreviation's long form ("AGI, siehe
    Artificial General Intelligence"); empty for a page entry.
    """


def visit_entry_break(self: LaTeXTranslator, node: entry_break) -> None:
    """``\\glosstermchapterbreak`` when the entry's heading is below chapter level."""
    # visit_section has counted the entry's section already.
    names = self.sectionnames
    name = names[self.sectionlevel] if self.sectionlevel < len(names) else names[-1]
    if name not in {"part", "chapter"}:
        self.body.append(CR + r"\glosstermchapterbreak" + CR)
    raise nodes.SkipNode


def visit_entry_target(self: LaTeXTranslator, node: entry_target) -> None:
    """``\\glosstermtarget{CLIP}``."""
    self.body.append(rf"\glosstermtarget{{{node['name']}}}" + CR)
    raise nodes.SkipNode


def visit_page_reference(self: LaTeXTranslator, node: page_reference) -> None:
    """``\\glosstermpageref{S.}{\\detokenize{terms/CLIP:CLIP}}``."""
    abbreviation = self.encode(node["abbreviation"])
    self.body.append(rf"\glosstermpageref{{{abbreviation}}}{{{self.idescape(node['label'])}}}")
    raise nodes.SkipNode


def visit_sorted_index(self: LaTeXTranslator, node: sorted_index) -> None:
    """``\\index{a00012@\\spxentry{Alpha}|spxpagem}`` for each entry, as Sphinx writes them."""
    inline = node.get("inline", False)
    if not inline:
        self.body.append(CR)
    for key, text, main, see in node["entries"]:
        encap = "|spxpagem" if main else ""
        if see:
            encap = rf"|see{{{_index_text(self, see)}}}"
        self.body.append(rf"\index{{{key}@\spxentry{{{_index_text(self, text)}}}{encap}}}")
    if not inline:
        self.body.append(r"\ignorespaces ")
    raise nodes.SkipNode


def _index_text(self: LaTeXTranslator, value: str) -> str:
    # As Sphinx's visit_index escapes entries for makeindex (a local function there).
    value = self.encode(value)
    value = value.replace(r"\{", r"\sphinxleftcurlybrace{}")
    value = value.replace(r"\}", r"\sphinxrightcurlybrace{}")
    value = value.replace('"', '""').replace("@", '"@').replace("!", '"!')
    value = value.replace("|", r"\textbar{}")
    # Inside another macro's argument (bold text, a table cell) \index gets its text
    # as tokens and writes "\sphinxhyphen {}"; elsewhere verbatim, "\sphinxhyphen{}".
    # makeindex would list the two spellings as two entries: write the space always.
    return _CONTROL_WORD.sub(r"\1 ", value)


_CONTROL_WORD = re.compile(r"(\\[A-Za-z@]+)(?![A-Za-z@\s])")


# -- names and keys -------------------------------------------------------------------------


def destination_name(term_id: str) -> str:
    """The named destination of an entry: its id, other characters as ``_xHH``/``_uHHHH``.

    ``CLIP`` stays ``CLIP`` and ``GPT-4.5`` stays ``GPT-4.5``; ``KI-Ökosystem``
    becomes ``KI-_xd6kosystem``, as Sphinx escapes labels.
    """
    out = []
    for char in term_id:
        if _SAFE_NAME.fullmatch(char):
            out.append(char)
        elif ord(char) < 0x100:
            out.append(f"_x{ord(char):02x}")
        elif ord(char) < 0x10000:
            out.append(f"_u{ord(char):04x}")
        else:
            out.append(f"_U{ord(char):08x}")
    return "".join(out)


def _group_prefix(letter: str) -> str:
    # makeindex and xindy head a group with the key's first character.
    if "A" <= letter <= "Z":
        return letter.lower()
    return "" if letter == "#" else "+"


class BookIndex:
    """Named destinations and index sort keys of every entry of the project.

    Sort keys are ranks in the HTML index's order (:func:`.index_page.index_rows`,
    DIN 5007 for German), prefixed by the letter group: ``k00137`` for
    "KI-Ökosystem".  makeindex and xindy both group by the first character and
    order by the zero-padded rank, so the PDF index has the HTML index's order
    and letters, whatever the characters of the term.  Terms in the ``#`` group
    get all-digit keys (makeindex's "Numbers"), terms of other scripts ``+...``
    (its "Symbols").
    """

    def __init__(self, terms: list[Term], by_id: dict[str, Term]) -> None:
        self.by_id = by_id
        rows = index_rows(terms)
        width = max(5, len(str(len(rows))))
        self.keys: dict[tuple[str, str, str], str] = {}
        for rank, (letter, name, term) in enumerate(rows, start=1):
            key = f"{_group_prefix(letter)}{rank:0{width}d}"
            self.keys.setdefault((term.docname, term.anchor, name), key)
        self.terms: dict[tuple[str, str], Term] = {
            (term.docname, term.anchor): term for term in terms
        }
        self.destinations: dict[tuple[str, str], str] = {}
        taken: set[str] = set()
        # The entry links go to keeps the plain id; another with the same id gets -2, -3.
        ordered = sorted(terms, key=lambda term: by_id.get(term.id) is not term)
        for term in ordered:
            base = name = destination_name(term.id)
            counter = 1
            while name in taken:
                counter += 1
                name = f"{base}-{counter}"
            taken.add(name)
            self.destinations[term.docname, term.anchor] = name

    def entries_of(self, term: Term) -> list[tuple[str, str, bool, str]]:
        """The index entries of an entry: its title (main), aliases and abbreviations as *see*.

        A stub's title and a "Long Form (ABBR)" entry's abbreviation send the
        reader to the long form ("AGI, siehe Artificial General Intelligence").
        """
        expanded = resolve_stub(term, self.by_id)
        if expanded is not term:
            key = self.keys.get((term.docname, term.anchor, term.title))
            see = term.expansion or expanded.title
            return [(key, term.title, False, see)] if key is not None else []
        names = [term.title, *term.aliases]
        entries = [
            (
                self.keys[term.docname, term.anchor, name],
                name,
                True,
                "" if name == term.title else term.title,
            )
            for name in dict.fromkeys(names)
            if (term.docname, term.anchor, name) in self.keys
        ]
        key = self.keys.get((term.docname, term.anchor, term.abbreviation))
        if term.abbreviation and term.abbreviation not in names and key is not None:
            entries.append((key, term.abbreviation, False, term.expansion or term.title))
        return entries

    def mention_of(self, term: Term) -> tuple[str, str, bool, str] | None:
        """The index entry for a place that links to ``term``."""
        key = self.keys.get((term.docname, term.anchor, term.title))
        return (key, term.title, False, "") if key is not None else None


# -- the transform --------------------------------------------------------------------------


class PrepareLatexBook(SphinxPostTransform):
    """Shape entries, link lists and index entries for the LaTeX writer."""

    builders = ("latex",)
    default_priority = 20  # after term links are resolved (10)

    def run(self, **kwargs: Any) -> None:
        domain = glossterm_domain(self.env)
        index = domain.index
        book = BookIndex(index.terms, index.by_id)
        support = support_for(self.config)
        self._dictionary = dictionary.layout_of(self.config) == dictionary.DICTIONARY
        found = walk.gather(self.document)
        docnames = {self.env.docname}
        for start in found.documents:
            docnames.add(start["docname"])
            # Sphinx moves a document's children here without telling them.
            for child in start.children:
                child.parent = start
        for entry in found.entries:
            docname = gnodes.docname_of(entry, self.env.docname)
            term = book.terms.get((docname, entry[gnodes.TERM_ID]))
            self._shape_entry(entry, term, book, support)
        for section in found.sections:
            if gnodes.SECTION_TYPE in section or BACKLINKS_CLASS in section["classes"]:
                _wrap_body(section, _section_classes(section))
        self._link_lists(found.bullet_lists, docnames)
        self._letter_targets(found.rubrics)
        if self.config.glossterm_latex_index_mentions:
            self._mentions(found.references, book, support)
        if self._dictionary:
            dictionary.arrange_dictionary(found, book.terms, self.env.docname)

    def _shape_entry(
        self, entry: nodes.section, term: Term | None, book: BookIndex, support: CharacterSupport
    ) -> None:
        title = entry.next_node(nodes.title)
        if title is None or title.parent is not entry:
            return
        # A dictionary runs its entries on: no new page for a .chapter entry.
        if "chapter" in entry["classes"] and not self._dictionary:
            entry.insert(0, entry_break())
        position = entry.index(title) + 1
        if term is not None:
            name = book.destinations[term.docname, term.anchor]
            entry.insert(position, entry_target(name=name))
            position += 1
            index = entry[position] if position < len(entry) else None
            if isinstance(index, addnodes.index):
                entries = [
                    (key, support.plain(text), main, support.plain(see))
                    for key, text, main, see in book.entries_of(term)
                ]
                index.replace_self(sorted_index(entries=entries))
                position += 1
        for child in entry.children[position:]:
            if isinstance(child, nodes.paragraph) and gnodes.TAGLINE_CLASS in child["classes"]:
                _wrap(child, [gnodes.TAGLINE_CLASS])
                break
        if "small" in entry["classes"]:
            rest = entry.children[position:]
            if rest:
                del entry.children[position:]
                entry += nodes.container("", *rest, classes=[SMALL_CLASS])

    def _link_lists(self, lists: list[nodes.bullet_list], docnames: set[str]) -> None:
        abbreviation = page_abbreviation(self.config.language)
        pagerefs = self.config.glossterm_latex_pagerefs and not self.config.latex_show_pagerefs
        for items in lists:
            if not LIST_CLASSES & set(items["classes"]):
                continue
            if pagerefs:
                for reference in list(items.findall(nodes.reference)):
                    target = _target_of(reference)
                    if target is None or target[0] not in docnames:
                        continue
                    label = f"{target[0]}:{target[1]}" if target[1] else f"{target[0]}::doc"
                    reference.parent.insert(
                        reference.parent.index(reference) + 1,
                        page_reference(label=label, abbreviation=abbreviation),
                    )
            _wrap(items, [LINK_LIST_CONTAINER])

    def _letter_targets(self, rubrics: list[nodes.rubric]) -> None:
        # The A–Z list's letter bar links to its letter headings; rubrics get no label.
        for rubric in rubrics:
            if "glossterm-letter" in rubric["classes"] and rubric["ids"]:
                target = nodes.target("", "", ids=list(rubric["ids"]))
                rubric["ids"] = []
                rubric.parent.insert(rubric.parent.index(rubric), target)

    def _mentions(
        self, references: list[nodes.reference], book: BookIndex, support: CharacterSupport
    ) -> None:
        for reference in references:
            if LINK_CLASS not in reference["classes"] or _inside_any(reference, _NO_INDEX):
                continue
            if _in_link_list(reference):
                continue
            target = _target_of(reference)
            term = book.terms.get(target) if target else None
            if term is None or _enclosing_entry_key(reference) == target:
                continue
            entry = book.mention_of(term)
            if entry is None:
                continue
            key, text, main, see = entry
            node = sorted_index(entries=[(key, support.plain(text), main, see)], inline=True)
            reference.parent.insert(reference.parent.index(reference) + 1, node)


def _target_of(reference: nodes.reference) -> tuple[str, str] | None:
    # The latex builder's URIs of resolved references: "%docname#anchor" or "%docname".
    uri = reference.get("refuri", "")
    if not uri.startswith("%"):
        return None
    docname, _, anchor = uri[1:].partition("#")
    return docname, anchor


def _section_classes(section: nodes.section) -> list[str]:
    return [name for name in section["classes"] if name.startswith("glossterm-")]


def _wrap_body(section: nodes.section, classes: Iterable[str]) -> None:
    """Put everything after the section's title into a container with ``classes``."""
    classes = list(classes)
    start = next(
        (i + 1 for i, child in enumerate(section.children) if isinstance(child, nodes.title)), 0
    )
    rest = section.children[start:]
    if not rest or not classes:
        return
    del section.children[start:]
    section += nodes.container("", *rest, classes=classes)


def _wrap(node: nodes.Element, classes: list[str]) -> None:
    """Put ``node`` into a container with ``classes``, where it stands."""
    container = nodes.container("", classes=classes)
    node.replace_self(container)
    container += node


def _inside_any(node: nodes.Node, kinds: tuple[type, ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent
    return False


def _in_link_list(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.bullet_list) and LIST_CLASSES & set(parent["classes"]):
            return True
        parent = parent.parent
    return False


def _enclosing_entry_key(node: nodes.Node) -> tuple[str, str] | None:
    parent = node.parent
    while parent is not None:
        if gnodes.is_entry(parent):
            return gnodes.docname_of(parent, ""), parent[gnodes.TERM_ID]
        parent = parent.parent
    return None


# -- support files --------------------------------------------------------------------------


def copy_support_files(app: Sphinx) -> None:
    """``builder-inited``: put ``sphinxglossterm.sty`` beside the .tex files."""
    if app.builder.format == "latex":
        copy_asset_file(TEXINPUTS / f"{PACKAGE}.sty", app.outdir, force=True)


def add_package(app: Sphinx, config: Config) -> None:
    """``config-inited``: load ``sphinxglossterm.sty`` with the layout's options."""
    app.add_latex_package(PACKAGE, dictionary.package_options(config), after_hyperref=True)


def register(app: Sphinx) -> None:
    """Register the nodes, the transform, the package and the build hooks."""
    # The nodes appear only in LaTeX doctrees (the transform runs for the latex builder).
    app.add_node(entry_break, latex=(visit_entry_break, None))
    app.add_node(entry_target, latex=(visit_entry_target, None))
    app.add_node(page_reference, latex=(visit_page_reference, None))
    app.add_node(sorted_index, latex=(visit_sorted_index, None))
    app.add_post_transform(PrepareLatexBook)
    app.connect("config-inited", add_package)
    app.connect("builder-inited", copy_support_files)
