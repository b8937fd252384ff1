"""The docutils structure of an entry, shared by both syntaxes.

The Pandoc-dialect renderer and the ``glossterm`` directive build their nodes
with these functions and both finish with :func:`finish_entry`, so the same
entry written either way gives the same doctree.  Entries are ordinary
``section`` nodes with classes and a few attributes, so every Sphinx writer
(HTML, LaTeX, EPUB, text) handles them without visitors of ours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from sphinx_glossterm.model.options import SectionType
from sphinx_glossterm.model.warnings_ import GlosstermWarning, warning_kwargs
from sphinx_glossterm.reader import entry_rules
from sphinx_glossterm.reader.pandoc.identifiers import html_anchor

logger = logging.getLogger(__name__)

ENTRY_CLASS = "glossterm-entry"
TAGLINE_CLASS = "glossterm-tagline"
LEAD_CLASS = "glossterm-lead"
SECTION_CLASS = "glossterm-section"
LINK_LIST_CLASS = "glossterm-link-list"
BOX_CLASS = "glossterm-box"
TERM_XREF_CLASS = "glossterm"

# Attributes on the entry and section nodes; the domain reads them back.
TERM_ID = "glossterm_id"
WRITTEN_ID = "glossterm_written_id"
ALIASES = "glossterm_aliases"
INFERRED = "glossterm_inferred"
TERMINOLOGY = "glossterm_terminology"
"""On an entry: ``{"status", "replaced_by", "expansion", "sentence"}`` as written (see
:func:`.terminology.terminology`); the domain turns them into the Term's status and abbreviation."""
TRANSLATED_FROM = "glossterm_translated_from"
SECTION_TYPE = "glossterm_section_type"
TARGET_DOC = "glossterm_docname"
TARGET_ANCHOR = "glossterm_anchor"
INCLUDES = "glossterm_includes"
"""On a document: ``[(patterns, files), ...]`` of each ``glossterm-include`` it holds."""
EXPLICIT_ID = "glossterm_explicit_id"
"""On any node whose anchor the author wrote (``{#id}``): that id as written, a link target
(its anchor is the node's first id, see :func:`set_explicit_id`)."""


class index_placeholder(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Where a ``glossterm-index`` directive stands; filled in once all entries are known."""


def entry_section(classes: Iterable[str] = (), aliases: Iterable[str] = ()) -> nodes.section:
    """An empty entry: a ``section`` the caller fills with title and content."""
    section = nodes.section(classes=[ENTRY_CLASS, *classes])
    section[ALIASES] = [alias for alias in aliases if alias]
    return section


def tagline_paragraph() -> nodes.paragraph:
    """The paragraph that holds an entry's tagline (without its bold-italic markup)."""
    return nodes.paragraph(classes=[TAGLINE_CLASS])


def lead_container() -> nodes.container:
    """The container of an entry's lead: everything before its first section."""
    return nodes.container(classes=[LEAD_CLASS])


def typed_section(kind: str | None, types: Mapping[str, SectionType]) -> nodes.section:
    """A section of an entry; ``kind`` is its type class, ``None`` for an untyped heading."""
    classes = [SECTION_CLASS]
    if kind:
        classes.append(f"{SECTION_CLASS}-{kind}")
        section_type = types.get(kind)
        if section_type is not None and section_type.render == "box":
            classes.append(BOX_CLASS)
    section = nodes.section(classes=classes)
    section[SECTION_TYPE] = kind or ""
    return section


def term_xref(target: str, children: Iterable[nodes.Node]) -> addnodes.pending_xref:
    """A link to the entry (or anchor) with id ``target``, resolved after reading."""
    xref = addnodes.pending_xref(
        "", refdomain="glossterm", reftype="term", reftarget=target, refexplicit=True
    )
    xref += nodes.inline("", "", *children, classes=["xref", TERM_XREF_CLASS])
    return xref


def is_entry(node: nodes.Node) -> bool:
    """Whether ``node`` is an entry's section."""
    return isinstance(node, nodes.section) and TERM_ID in node


def docname_of(node: nodes.Node, default: str) -> str:
    """The document ``node`` was read from, in a doctree that may hold several.

    The latex builder assembles all documents into one doctree, each inside a
    ``start_of_file`` node, and marks every section of an included document
    with its ``docname``; elsewhere ``default`` (the page's name).
    """
    current: nodes.Node | None = node
    while current is not None:
        if isinstance(current, addnodes.start_of_file) or (
            isinstance(current, nodes.section) and "docname" in current
        ):
            return current["docname"]
        current = current.parent
    return default


def register_id(document: nodes.document, node: nodes.Element, wanted: str) -> str:
    """Give ``node`` the anchor ``wanted`` exactly as written, or a free variant of it.

    docutils would lower-case an id given as a name (``#GPT-4v`` → ``gpt-4v``);
    authors link to the id as written, so it goes into ``ids`` directly.  Returns
    the id used, which differs from ``wanted`` when the document already has that
    id (the caller reports the duplicate) or when ``wanted`` holds characters an
    anchor cannot (see :func:`html_anchor`; reported here, at ``node``).
    """
    anchor = html_anchor(wanted)
    if anchor != wanted:
        logger.warning(
            entry_rules.anchor_problem(wanted, anchor),
            location=node,
            **warning_kwargs(GlosstermWarning.ID),
        )
    candidate = entry_rules.free_anchor(
        anchor, lambda name: name in document.ids and document.ids[name] is not node
    )
    if candidate not in node["ids"]:
        node["ids"].insert(0, candidate)
    document.ids[candidate] = node
    return candidate


def set_explicit_id(document: nodes.document, node: nodes.Element, written: str) -> str:
    """Anchor a heading whose id the author wrote; returns the anchor (see :func:`register_id`)."""
    anchor = register_id(document, node, written)
    node[EXPLICIT_ID] = written
    return anchor


def finish_entry(
    document: nodes.document,
    entry: nodes.section,
    term_id: str,
    types: Mapping[str, SectionType],
) -> str:
    """Give a built entry its ids, index entries, term links and link lists.

    Returns the entry's anchor (``term_id`` unless the page already uses it).
    """
    entry[WRITTEN_ID] = term_id
    _check_not_empty(entry, term_id)
    anchor = register_id(document, entry, term_id)
    entry[TERM_ID] = anchor
    title = entry.next_node(nodes.title)
    title_text = title.astext() if title is not None else term_id
    _note_implicit_name(document, entry, title_text)
    for section in entry.findall(nodes.section):
        if section is entry or SECTION_TYPE not in section:
            continue
        if not section["ids"]:
            section_title = section.next_node(nodes.title)
            text = section_title.astext() if section_title is not None else None
            register_id(document, section, nodes.make_id(entry_rules.section_id_seed(anchor, text)))
    _convert_id_links(entry)
    for section in entry.findall(nodes.section):
        kind = section.get(SECTION_TYPE)
        if entry_rules.renders_links(kind, types):
            make_link_lists(section)
    index_entries = [
        ("single", name, anchor, "", None)
        for name in (title_text, *entry[ALIASES])
        if name.strip()  # a title-less entry is reported already
    ]
    index = addnodes.index(entries=index_entries, inline=False)
    if title is not None:
        title.parent.insert(title.parent.index(title) + 1, index)
    return anchor


def _check_not_empty(entry: nodes.section, term_id: str) -> None:
    """Warn about an entry, or a typed section of it, that has a heading and nothing else."""
    if all(isinstance(child, nodes.title | addnodes.index) for child in entry.children):
        logger.warning(
            entry_rules.empty_entry_problem(term_id),
            location=entry,
            **warning_kwargs(GlosstermWarning.EMPTY),
        )
    for section in entry.findall(nodes.section):
        if section is entry or not section.get(SECTION_TYPE):
            continue
        if all(isinstance(child, nodes.title) for child in section.children):
            title = section.next_node(nodes.title)
            logger.warning(
                entry_rules.empty_section_problem(
                    section[SECTION_TYPE], title.astext() if title is not None else "", term_id
                ),
                location=section,
                **warning_kwargs(GlosstermWarning.EMPTY),
            )


def _convert_id_links(root: nodes.Element) -> None:
    """Turn MyST's ``[text](#Id)`` references under ``root`` into term links."""
    for reference in list(root.findall(nodes.reference)):
        refuri = reference.get("refuri", "")
        if not reference.get("id_link") or not refuri.startswith("#") or len(refuri) < 2:
            continue
        xref = term_xref(refuri[1:], reference.children)
        xref.source, xref.line = reference.source, reference.line
        reference.replace_self(xref)


def make_link_lists(section: nodes.section) -> None:
    """Show each paragraph that is only links and ``|`` separators as a list of links.

    Anything else in the paragraph (a remark, a bare word) keeps it a paragraph,
    so no text is lost.
    """
    for paragraph in list(section.children):
        if not isinstance(paragraph, nodes.paragraph):
            continue
        links = [child for child in paragraph.children if _is_link(child)]
        rest = [child for child in paragraph.children if not _is_link(child)]
        if not links or not all(
            isinstance(child, nodes.Text) and entry_rules.is_link_separator(child.astext())
            for child in rest
        ):
            continue
        items = nodes.bullet_list(classes=[LINK_LIST_CLASS])
        items.source, items.line = paragraph.source, paragraph.line
        for link in links:
            item_paragraph = nodes.paragraph()
            item_paragraph.source, item_paragraph.line = link.source, link.line
            item_paragraph += link.deepcopy()
            items += nodes.list_item("", item_paragraph)
        paragraph.replace_self(items)


def _is_link(node: nodes.Node) -> bool:
    return isinstance(node, addnodes.pending_xref | nodes.reference)


def _note_implicit_name(document: nodes.document, node: nodes.Element, text: str) -> None:
    name = nodes.fully_normalize_name(text)
    if name and name not in node["names"]:
        node["names"].append(name)
        document.note_implicit_target(node, node)
