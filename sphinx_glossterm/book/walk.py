"""One walk over the latex builder's book: the nodes its transforms reshape.

The latex builder puts the whole glossary into one doctree, and every walk of
it costs a tenth of a second on a corpus of a few hundred entries; the book's
transform gathers what it works on once, in document order, instead of one
``findall`` per step.  The steps keep these nodes (they wrap and move them,
and make no new ones of these kinds but ``start_of_file``, which they track).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docutils import nodes
from sphinx import addnodes

from sphinx_glossterm.reader import nodes as gnodes


@dataclass
class BookNodes:
    """The nodes of the book's doctree by kind, each list in document order."""

    documents: list[addnodes.start_of_file] = field(default_factory=list)
    entries: list[nodes.section] = field(default_factory=list)
    sections: list[nodes.section] = field(default_factory=list)
    """Every section, entries included."""
    bullet_lists: list[nodes.bullet_list] = field(default_factory=list)
    rubrics: list[nodes.rubric] = field(default_factory=list)
    references: list[nodes.reference] = field(default_factory=list)


def gather(document: nodes.document) -> BookNodes:
    """The nodes of ``document`` the book's transform reshapes, in one walk."""
    found = BookNodes()
    stack: list[nodes.Node] = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, nodes.Text):
            continue
        if isinstance(node, nodes.section):
            found.sections.append(node)
            if gnodes.is_entry(node):
                found.entries.append(node)
        elif isinstance(node, nodes.reference):
            found.references.append(node)
        elif isinstance(node, nodes.bullet_list):
            found.bullet_lists.append(node)
        elif isinstance(node, addnodes.start_of_file):
            found.documents.append(node)
        elif isinstance(node, nodes.rubric):
            found.rubrics.append(node)
        stack.extend(reversed(node.children))  # type: ignore[attr-defined]
    return found
