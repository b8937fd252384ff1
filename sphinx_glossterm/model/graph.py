"""The term graph: entries as nodes, see-also and inline links as edges.

Pure Python, built from the Term records after all documents are read.  Edges
point from the entry a link is written in to the entry its target id names;
links to ids nobody declared, to the index or to other anchors are no edges.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from sphinx_glossterm.model.records import Link, LinkKind, Term


@dataclass(frozen=True, slots=True)
class Edge:
    """A link from one entry to another, with where it is written."""

    source: str
    """Node key of the entry the link is written in."""
    target: str
    """Node key of the entry it points to."""
    kind: LinkKind
    link: Link


@dataclass(frozen=True, slots=True)
class Backlink:
    """An entry that links to another, and the section the link sits in."""

    term: Term
    kind: LinkKind
    section_type: str | None
    section_title: str


class TermGraph:
    """Nodes, edges and what follows from them: backlinks, orphans, components, hubs."""

    def __init__(self, terms: Iterable[Term], resolve: Callable[[str], Term | None]) -> None:
        """``resolve`` maps a link target id to the entry links go to (or ``None``)."""
        self.nodes: dict[str, Term] = {}
        for term in terms:
            self.nodes[self.key_of(term, resolve)] = term
        keys = {id(term): key for key, term in self.nodes.items()}
        edges: list[Edge] = []
        for key, term in self.nodes.items():
            for link in term.links:
                target = resolve(link.target)
                if target is not None and id(target) in keys:
                    edges.append(Edge(key, keys[id(target)], link.kind, link))
        self.edges: tuple[Edge, ...] = tuple(edges)

    @staticmethod
    def key_of(term: Term, resolve: Callable[[str], Term | None]) -> str:
        """A node's key: its id, or ``docname#anchor`` for an entry that lost its id to another."""
        return term.id if resolve(term.id) is term else f"{term.docname}#{term.anchor}"

    @cached_property
    def outgoing(self) -> dict[str, list[Edge]]:
        """Edges by source node, self-links excluded."""
        result: dict[str, list[Edge]] = defaultdict(list)
        for edge in self.edges:
            if edge.source != edge.target:
                result[edge.source].append(edge)
        return result

    @cached_property
    def linked_pairs(self) -> list[tuple[str, str]]:
        """Each pair of entries the first links to the second, once, sorted; no self-links."""
        return sorted({(e.source, e.target) for e in self.edges if e.source != e.target})

    @cached_property
    def incoming(self) -> dict[str, list[Edge]]:
        """Edges by target node, self-links excluded."""
        result: dict[str, list[Edge]] = defaultdict(list)
        for edge in self.edges:
            if edge.source != edge.target:
                result[edge.target].append(edge)
        return result

    def backlinks(self, key: str) -> list[Backlink]:
        """The entries linking to ``key``, one row per linking entry and section, in order."""
        rows: dict[tuple[str, str | None, LinkKind], Backlink] = {}
        for edge in self.incoming.get(key, []):
            source = self.nodes[edge.source]
            section = next((s for s in source.sections if s.type == edge.link.section_type), None)
            title = section.label if section is not None and edge.link.section_type else ""
            rows.setdefault(
                (edge.source, edge.link.section_type, edge.kind),
                Backlink(source, edge.kind, edge.link.section_type, title),
            )
        return sorted(rows.values(), key=lambda row: (row.term.title.casefold(), row.term.id))

    @cached_property
    def orphans(self) -> list[str]:
        """Entries no other entry links to."""
        return sorted(key for key in self.nodes if not self.incoming.get(key))

    @cached_property
    def dead_ends(self) -> list[str]:
        """Entries that link to no other entry."""
        return sorted(key for key in self.nodes if not self.outgoing.get(key))

    @cached_property
    def components(self) -> list[list[str]]:
        """Groups of entries connected by links in either direction, largest first."""
        neighbours: dict[str, set[str]] = defaultdict(set)
        for edge in self.edges:
            neighbours[edge.source].add(edge.target)
            neighbours[edge.target].add(edge.source)
        seen: set[str] = set()
        groups: list[list[str]] = []
        for start in sorted(self.nodes):
            if start in seen:
                continue
            group, stack = [], [start]
            seen.add(start)
            while stack:
                node = stack.pop()
                group.append(node)
                for other in neighbours[node] - seen:
                    seen.add(other)
                    stack.append(other)
            groups.append(sorted(group))
        return sorted(groups, key=lambda group: (-len(group), group[0]))

    def hubs(self, count: int = 10) -> list[tuple[str, int]]:
        """The ``count`` entries most linked to, with the number of entries linking to each."""
        linking = Counter(
            {key: len({edge.source for edge in edges}) for key, edges in self.incoming.items()}
        )
        return sorted(linking.items(), key=lambda item: (-item[1], item[0]))[:count]
