"""The dictionary layout of the LaTeX book: entries run on, A–Z, under letter headings.

Sphinx sets a book as a software manual: every document a numbered chapter
on a new page, in the toctree's order.  A glossary reads better as a
dictionary, and that is the default (:confval:`glossterm_latex_layout`
``"dictionary"``; ``"manual"`` keeps Sphinx's look).  For the latex builder
only, :func:`arrange_dictionary` then

- puts the entries of one level (the term pages of a toctree, the entries
  gathered onto one page) in the A–Z order of the HTML index (DIN 5007 for
  German), whatever the file names and the toctree say, each letter opened
  by a :class:`letter_heading` (``\\glosstermletter{A}``: a line of the table
  of contents and a bookmark); the documents that are no entries keep their
  order before them (the front matter first);
- sets each entry's heading as ``\\glosstermentry{...}`` (no number, no new
  page, a line of the table of contents, a bookmark, and the headword as a
  mark for the running head) and the headings of its sections as
  ``\\glosstermsubheading{level}{...}`` (small, unnumbered, not in the table
  of contents);
- runs the items of see-also and "Referenced by" lists on in one paragraph,
  separated by ``\\glosstermlinksep``.

``sphinxglossterm.sty`` styles all of it; its package options (from
:func:`package_options`) switch the layout, the depth of the table of
contents and the columns.
"""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.writers.latex import CR, LaTeXTranslator

from sphinx_glossterm.model.collation import letter_of, sort_key
from sphinx_glossterm.model.options import (
    LATEX_COLUMNS,
    LATEX_LAYOUTS,
    LATEX_TOC_LEVELS,
    default_of,
)
from sphinx_glossterm.reader import nodes as gnodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from sphinx_glossterm.book.walk import BookNodes
    from sphinx_glossterm.model.records import Term

DICTIONARY = "dictionary"
RUN_ON_CLASS = "glossterm-link-run"
BACKLINK_WHERE_CLASS = "glossterm-backlink-where"


# -- options --------------------------------------------------------------------------------


def _choice(config: Config, name: str, allowed: tuple[object, ...]) -> object:
    # A malformed value is reported by config_problems(); the default is used meanwhile.
    value = config[name]
    return value if value in allowed else default_of(name)


def layout_of(config: Config) -> str:
    """``"dictionary"`` or ``"manual"``."""
    return str(_choice(config, "glossterm_latex_layout", LATEX_LAYOUTS))


def package_options(config: Config) -> str:
    """The options of ``\\usepackage[...]{sphinxglossterm}``: layout, contents, columns."""
    options = [layout_of(config)]
    if _choice(config, "glossterm_latex_toc", LATEX_TOC_LEVELS) == "letters":
        options.append("tocletters")
    if _choice(config, "glossterm_latex_columns", LATEX_COLUMNS) == 2:
        options.append("twocolumn")
    return ",".join(options)


def dictionary_elements(config: Config) -> None:
    """Sphinx's ``latex_elements`` for a dictionary, where conf.py does not set them.

    No ``fncychap`` chapter heads ("Kapitel 3" in large type) and ``openany``
    (the front matter and the index need not start on a right-hand page).
    """
    if layout_of(config) != DICTIONARY:
        return
    elements = dict(config.latex_elements or {})
    elements.setdefault("fncychap", "")
    elements.setdefault("extraclassoptions", "openany")
    config.latex_elements = elements


# -- nodes ----------------------------------------------------------------------------------


class letter_heading(nodes.Element, nodes.General):  # noqa: N801 - docutils node naming
    """Before the first entry of a letter: ``\\glosstermletter{A}`` (attribute ``letter``)."""


class entry_heading(nodes.title):  # noqa: N801
    """An entry's title in the dictionary layout: ``\\glosstermentry{...}``."""


class entry_subheading(nodes.title):  # noqa: N801
    """The title of a section inside an entry: ``\\glosstermsubheading{level}{...}``."""


def visit_letter_heading(self: LaTeXTranslator, node: letter_heading) -> None:
    """``\\glosstermletter{A}``."""
    self.body.append(CR + rf"\glosstermletter{{{self.encode(node['letter'])}}}" + CR)
    raise nodes.SkipNode


def visit_entry_heading(self: LaTeXTranslator, node: entry_heading) -> None:
    """Open ``\\glosstermentry{``; the labels of the entry follow the heading."""
    self.body.append(CR + r"\glosstermentry{")
    self.context.append("}" + CR + self.hypertarget_to(node.parent))
    self.in_title = 1


def visit_entry_subheading(self: LaTeXTranslator, node: entry_subheading) -> None:
    """Open ``\\glosstermsubheading{2}{``; the section's labels follow."""
    self.body.append(CR + rf"\glosstermsubheading{{{node['level']}}}{{")
    self.context.append("}" + CR + self.hypertarget_to(node.parent))
    self.in_title = 1


def depart_heading(self: LaTeXTranslator, node: nodes.title) -> None:
    """Close the heading and set the labels after it."""
    self.in_title = 0
    self.body.append(self.context.pop())


# -- the arrangement ------------------------------------------------------------------------


def _entry_of(unit: nodes.Node) -> nodes.section | None:
    """The entry a child stands for: an entry section, or a document that is one."""
    if gnodes.is_entry(unit):
        return unit  # type: ignore[return-value]
    if isinstance(unit, addnodes.start_of_file):
        section = next((c for c in unit.children if isinstance(c, nodes.section)), None)
        if section is not None and gnodes.is_entry(section):
            return section
    return None


def arrange_dictionary(found: BookNodes, terms: dict[tuple[str, str], Term], docname: str) -> None:
    """Order entries A–Z under letter headings and give them dictionary headings.

    ``found`` holds the nodes of the book's doctree; ``docname`` is the root
    document's (the one whose doctree holds the book).
    """
    for start in found.documents:
        if _entry_of(start) is not None:
            _split_document(start)
    # Splitting moves entries into documents of their own, and keeps them.
    parents = {
        id(entry_parent): entry_parent
        for entry in found.entries
        for entry_parent in [_unit_parent(entry)]
        if entry_parent is not None
    }
    for parent in parents.values():
        _order(parent, terms, docname)
    for entry in found.entries:
        _headings(entry)
    for items in found.bullet_lists:
        if {gnodes.LINK_LIST_CLASS, "glossterm-backlink-list"} & set(items["classes"]):
            _run_on(items)


def _split_document(start: addnodes.start_of_file) -> None:
    """Give every further entry of a document that is an entry a document node of its own.

    A term file may hold several entries, one after the other or one inside
    another's section (an H3 entry after an H2 one); a dictionary lists each
    under its own headword.  Sections after an entry that are none go into
    it.  The new ``start_of_file`` nodes, after ``start``, keep the
    document's name, which the writer's labels are made of.
    """
    first = _entry_of(start)
    # Sections after an entry that are no entries (after a "----" that closed it,
    # say) belong to that entry in print; at chapter level they would open chapters.
    last = None
    for child in list(start.children):
        if gnodes.is_entry(child):
            last = child
        elif last is not None and isinstance(child, nodes.section):
            start.remove(child)
            last += child
    others = [entry for entry in start.findall(gnodes.is_entry) if entry is not first]
    position = start.parent.index(start)
    for offset, entry in enumerate(others, start=1):
        entry.parent.remove(entry)
        own = addnodes.start_of_file(docname=start["docname"])
        own += entry
        start.parent.insert(position + offset, own)


def _unit_parent(entry: nodes.section) -> nodes.Element | None:
    # The node whose children are the entries (or the documents that are entries).
    unit: nodes.Node = entry
    if isinstance(entry.parent, addnodes.start_of_file) and _entry_of(entry.parent) is entry:
        unit = entry.parent
    if _inside_entry(unit):
        return None  # an entry inside another entry stays where it is
    return unit.parent


def _inside_entry(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if gnodes.is_entry(parent):
            return True
        parent = parent.parent
    return False


def _order(parent: nodes.Element, terms: dict[tuple[str, str], Term], docname: str) -> None:
    units: list[tuple[tuple[tuple[str, str], str], str, nodes.Node]] = []
    first = None
    for position, child in enumerate(parent.children):
        entry = _entry_of(child)
        if entry is None:
            continue
        first = position if first is None else first
        term = terms.get((gnodes.docname_of(entry, docname), entry[gnodes.TERM_ID]))
        title = term.title if term is not None else entry.next_node(nodes.title).astext()
        ident = term.id if term is not None else entry[gnodes.TERM_ID]
        units.append(((sort_key(title), ident), letter_of(title), child))
    if first is None:
        return
    # The others keep their order: those before the first entry stay before, the rest follow.
    others = [c for c in parent.children[first:] if _entry_of(c) is None]
    del parent.children[first:]
    units.sort(key=lambda unit: unit[0])
    parent.append(nodes.raw("", r"\glosstermentriesbegin" + CR, format="latex"))
    for letter, group in groupby(units, key=lambda unit: unit[1]):
        parent.append(letter_heading(letter=letter))
        for _, _, child in group:
            parent.append(child)
    parent.append(nodes.raw("", CR + r"\glosstermentriesend" + CR, format="latex"))
    for child in others:
        parent.append(child)


def _headings(entry: nodes.section) -> None:
    title = entry[0] if entry.children and isinstance(entry[0], nodes.title) else None
    if title is not None and type(title) is nodes.title:
        title.replace_self(entry_heading("", *title.children, **title.attributes))
    for section in list(entry.findall(nodes.section, include_self=False)):
        heading = section[0] if section.children else None
        if type(heading) is not nodes.title:
            continue
        level = sum(1 for _ in _sections_between(section, entry))
        new = entry_subheading("", *heading.children, **heading.attributes)
        new["level"] = level
        heading.replace_self(new)


def _sections_between(section: nodes.Element, entry: nodes.section):  # type: ignore[no-untyped-def]
    current: nodes.Node | None = section
    while current is not None and current is not entry:
        if isinstance(current, nodes.section):
            yield current
        current = current.parent


def _run_on(items: nodes.bullet_list) -> None:
    """The list's items as one paragraph, ``\\glosstermlinksep`` between them."""
    paragraph = nodes.paragraph(classes=[RUN_ON_CLASS])
    for number, item in enumerate(items.children):
        if number:
            paragraph += nodes.raw("", r"\glosstermlinksep{}", format="latex")
        for part in item.children:
            if not isinstance(part, nodes.paragraph):
                continue
            children = list(part.children)
            # "Referenced by": the sections a link sits in are left out of the run.
            while children and (
                (
                    isinstance(children[-1], nodes.inline)
                    and BACKLINK_WHERE_CLASS in children[-1]["classes"]
                )
                or (isinstance(children[-1], nodes.Text) and not children[-1].strip(" —"))
            ):
                children.pop()
            for child in children:
                child.parent = None
                paragraph += child
    items.replace_self(paragraph)


def register(app: Sphinx) -> None:
    """The nodes of the dictionary layout and the configuration it brings."""
    app.add_node(letter_heading, latex=(visit_letter_heading, None))
    app.add_node(entry_heading, latex=(visit_entry_heading, depart_heading))
    app.add_node(entry_subheading, latex=(visit_entry_subheading, depart_heading))
    app.connect("config-inited", lambda app, config: dictionary_elements(config), priority=600)
