"""Groups of closely linked entries: Louvain community detection, deterministic, pure Python.

The graph page colours each group and names it by its most central entries,
so a reader sees the regions of a glossary instead of one blob.  The method
(Blondel et al. 2008, "Fast unfolding of communities in large networks"):

1. every entry starts in a group of its own; each entry in turn moves to the
   neighbouring group that raises the modularity most, until no move helps;
2. each group becomes one node (its inner links a loop) and step 1 runs on
   that smaller graph, until a level changes nothing.

Links count once per linked pair, without direction.  Entries are visited in
sorted order and ties go to the lower group number, so the same records always
give the same groups.  Each step is linear in the number of links.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MAX_LEVELS = 12
MAX_PASSES = 24
# A level is settled when a pass moves at most this share of its nodes.
SETTLED = 0.005


@dataclass(frozen=True, slots=True)
class Group:
    """One group of entries, largest groups first."""

    members: tuple[str, ...]
    """Node keys, most central first (most links inside the group), then by key."""
    central: tuple[str, ...]
    """The few most central members, which name the group."""


def communities(
    keys: Sequence[str], edges: Iterable[tuple[str, str]], names: int = 3
) -> list[Group]:
    """The groups of ``keys`` (each key in exactly one), largest first."""
    ordered = sorted(keys)
    number = {key: n for n, key in enumerate(ordered)}
    adjacency: list[dict[int, float]] = [{} for _ in ordered]
    pairs: set[tuple[int, int]] = set()
    for source, target in edges:
        a, b = number.get(source), number.get(target)
        if a is None or b is None or a == b:
            continue
        pair = (min(a, b), max(a, b))
        if pair not in pairs:
            pairs.add(pair)
            adjacency[a][b] = adjacency[a].get(b, 0.0) + 1.0
            adjacency[b][a] = adjacency[b].get(a, 0.0) + 1.0
    membership = list(range(len(ordered)))
    loops = [0.0] * len(ordered)
    graph = adjacency
    for _ in range(MAX_LEVELS):
        group_of, moved = _local_moves(graph, loops)
        if not moved:
            break
        membership = [group_of[node] for node in membership]
        graph, loops = _aggregate(graph, loops, group_of)
    return _groups(ordered, membership, adjacency, names)


def _local_moves(graph: list[dict[int, float]], loops: list[float]) -> tuple[list[int], bool]:
    """Step 1: move nodes between groups while the modularity rises; groups renumbered 0…"""
    degree = [sum(row.values()) + 2 * loops[node] for node, row in enumerate(graph)]
    total = sum(degree)
    group_of = list(range(len(graph)))
    if total == 0:
        return group_of, False
    group_degree = list(degree)
    moved_any = False
    for _ in range(MAX_PASSES):
        moved = 0
        for node, row in enumerate(graph):
            current = group_of[node]
            group_degree[current] -= degree[node]
            weight_to: dict[int, float] = defaultdict(float)
            for other, weight in row.items():
                weight_to[group_of[other]] += weight
            share = degree[node] / total
            best, best_gain = current, weight_to.get(current, 0.0) - group_degree[current] * share
            for group, weight in weight_to.items():
                gain = weight - group_degree[group] * share
                # Ties go to the lower group number (never away from the current one).
                if gain > best_gain + 1e-12 or (
                    best != current and group < best and gain > best_gain - 1e-12
                ):
                    best, best_gain = group, gain
            group_degree[best] += degree[node]
            if best != current:
                group_of[node] = best
                moved += 1
                moved_any = True
        # The last passes move a handful of entries back and forth for little gain.
        if moved <= len(graph) * SETTLED:
            break
    renumber: dict[int, int] = {}
    return [renumber.setdefault(group, len(renumber)) for group in group_of], moved_any


def _aggregate(
    graph: list[dict[int, float]], loops: list[float], group_of: list[int]
) -> tuple[list[dict[int, float]], list[float]]:
    """Step 2: one node per group; links inside a group become its loop."""
    size = max(group_of) + 1
    merged: list[dict[int, float]] = [{} for _ in range(size)]
    merged_loops = [0.0] * size
    for node, row in enumerate(graph):
        group = group_of[node]
        merged_loops[group] += loops[node]
        for other, weight in row.items():
            target = group_of[other]
            if target == group:
                merged_loops[group] += weight / 2
            else:
                merged[group][target] = merged[group].get(target, 0.0) + weight
    return merged, merged_loops


def _groups(
    ordered: list[str], membership: list[int], adjacency: list[dict[int, float]], names: int
) -> list[Group]:
    members: dict[int, list[int]] = defaultdict(list)
    for node, group in enumerate(membership):
        members[group].append(node)
    groups = []
    for nodes in members.values():
        inside = set(nodes)

        def centrality(node: int, inside: set[int] = inside) -> tuple[float, str]:
            return (
                -sum(w for other, w in adjacency[node].items() if other in inside),
                ordered[node],
            )

        ranked = sorted(nodes, key=centrality)
        keys = tuple(ordered[node] for node in ranked)
        groups.append(Group(keys, keys[:names]))
    groups.sort(key=lambda group: (-len(group.members), group.members[0]))
    return groups
