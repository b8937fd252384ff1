"""A deterministic layout of the term graph, computed at build time in pure Python.

The browser draws the whole-glossary graph from these positions at once
instead of running a force simulation first, so the first frame is fast even
with thousands of entries.  The method, chosen for being linear in the size of
the graph per step and free of dependencies (no numpy):

1. each connected component starts on a sunflower spiral in breadth-first
   order from its best-linked entry, so neighbours start near each other;
2. a few Fruchterman–Reingold steps refine it, with repulsion only between
   entries in neighbouring grid cells (the grid variant of the method), and a
   step budget that shrinks as the graph grows so the cost stays about linear;
3. components are packed side by side, largest first, in rows.

The same records always give the same positions: no randomness, sorted input.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
EDGE_LENGTH = 1.0
# Work budget of the refinement: pair comparisons over all steps.  Denser spots
# compare each entry with at most NEARBY_LIMIT others per step.
WORK_BUDGET = 1_500_000
NEARBY_LIMIT = 24
MAX_STEPS = 50
MIN_STEPS = 3


def layout(
    keys: Sequence[str], edges: Iterable[tuple[str, str]], scale: float = 40.0
) -> dict[str, tuple[float, float]]:
    """Positions for ``keys`` (in units of ``scale`` per ideal edge length), rounded to 0.1."""
    neighbours: dict[str, set[str]] = {key: set() for key in keys}
    for source, target in edges:
        if source != target and source in neighbours and target in neighbours:
            neighbours[source].add(target)
            neighbours[target].add(source)
    placed = [_component_layout(component, neighbours) for component in _components(neighbours)]
    positions = _pack(placed)
    return {key: (round(x * scale, 1), round(y * scale, 1)) for key, (x, y) in positions.items()}


def _components(neighbours: Mapping[str, set[str]]) -> list[list[str]]:
    seen: set[str] = set()
    groups: list[list[str]] = []
    for start in sorted(neighbours):
        if start in seen:
            continue
        seen.add(start)
        group, stack = [], [start]
        while stack:
            node = stack.pop()
            group.append(node)
            for other in sorted(neighbours[node] - seen):
                seen.add(other)
                stack.append(other)
        groups.append(group)
    return sorted(groups, key=lambda group: (-len(group), min(group)))


def _component_layout(
    component: list[str], neighbours: Mapping[str, set[str]]
) -> dict[str, list[float]]:
    # Breadth-first from the best-linked entry, neighbours in name order.
    start = min(component, key=lambda key: (-len(neighbours[key]), key))
    order, seen, queue = [], {start}, deque([start])
    while queue:
        node = queue.popleft()
        order.append(node)
        for other in sorted(neighbours[node], key=lambda key: (-len(neighbours[key]), key)):
            if other not in seen:
                seen.add(other)
                queue.append(other)
    spacing = 0.9 * EDGE_LENGTH
    positions = {
        key: [
            spacing * math.sqrt(n + 0.5) * math.cos(n * GOLDEN_ANGLE),
            spacing * math.sqrt(n + 0.5) * math.sin(n * GOLDEN_ANGLE),
        ]
        for n, key in enumerate(order)
    }
    if len(order) > 2:
        _refine(order, neighbours, positions)
    return positions


def _refine(
    order: list[str], neighbours: Mapping[str, set[str]], positions: dict[str, list[float]]
) -> None:
    """Grid-accelerated Fruchterman–Reingold steps with a cooling temperature."""
    k = EDGE_LENGTH
    cell = 2 * k
    edge_pairs = [(a, b) for a in order for b in sorted(neighbours[a]) if a < b]
    per_step = NEARBY_LIMIT * len(order) + len(edge_pairs)
    steps = max(MIN_STEPS, min(MAX_STEPS, WORK_BUDGET // per_step))
    temperature = 0.1 * math.sqrt(len(order)) * k
    cooling = temperature / (steps + 1)
    for _ in range(steps):
        grid: dict[tuple[int, int], list[str]] = defaultdict(list)
        for key in order:
            x, y = positions[key]
            grid[(math.floor(x / cell), math.floor(y / cell))].append(key)
        shift = {key: [0.0, 0.0] for key in order}
        for (cx, cy), members in grid.items():
            nearby = [
                other
                for dx in (-1, 0, 1)
                for dy in (-1, 0, 1)
                for other in grid.get((cx + dx, cy + dy), ())
            ]
            for number, key in enumerate(members):
                x, y = positions[key]
                move = shift[key]
                # A window of the nearby entries that moves with the entry.
                start = number % max(1, len(nearby) - NEARBY_LIMIT + 1)
                for other in nearby[start : start + NEARBY_LIMIT]:
                    if other is key:
                        continue
                    ox, oy = positions[other]
                    dx, dy = x - ox, y - oy
                    distance_sq = dx * dx + dy * dy
                    if distance_sq > cell * cell:
                        continue
                    if distance_sq < 1e-9:
                        # Same place: push apart along a direction fixed by the names.
                        dx, dy, distance_sq = (
                            (0.01, 0.0, 1e-4) if key < other else (-0.01, 0.0, 1e-4)
                        )
                    force = k * k / distance_sq
                    move[0] += dx * force
                    move[1] += dy * force
        for a, b in edge_pairs:
            ax, ay = positions[a]
            bx, by = positions[b]
            dx, dy = ax - bx, ay - by
            distance = math.sqrt(dx * dx + dy * dy) or 1e-6
            force = distance / k
            shift[a][0] -= dx * force
            shift[a][1] -= dy * force
            shift[b][0] += dx * force
            shift[b][1] += dy * force
        for key in order:
            mx, my = shift[key]
            length = math.sqrt(mx * mx + my * my)
            if length > 0:
                limit = min(length, temperature)
                positions[key][0] += mx / length * limit
                positions[key][1] += my / length * limit
        temperature -= cooling


def _pack(placed: list[dict[str, list[float]]]) -> dict[str, tuple[float, float]]:
    """Components side by side in rows, largest first, each moved to its own box."""
    boxes = []
    for positions in placed:
        xs = [x for x, _ in positions.values()]
        ys = [y for _, y in positions.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + 2, max(ys) - min(ys) + 2))
    total_area = sum(width * height for _, _, width, height in boxes)
    row_width = max(max((box[2] for box in boxes), default=1), math.sqrt(total_area) * 1.3)
    result: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for positions, (left, top, width, height) in zip(placed, boxes, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for key, (px, py) in positions.items():
            result[key] = (px - left + x + 1, py - top + y + 1)
        x += width
        row_height = max(row_height, height)
    # Centre the drawing on the origin.
    if result:
        cx = (min(p[0] for p in result.values()) + max(p[0] for p in result.values())) / 2
        cy = (min(p[1] for p in result.values()) + max(p[1] for p in result.values())) / 2
        result = {key: (px - cx, py - cy) for key, (px, py) in result.items()}
    return result


def separate_groups(
    positions: Mapping[str, tuple[float, float]],
    groups: Sequence[Sequence[str]],
    spread: float = 1.7,
    gather: float = 0.6,
) -> dict[str, tuple[float, float]]:
    """The positions with each group drawn together and the groups apart.

    The force layout knows links, not groups: in a dense glossary the groups'
    colours end up mixed in one blob.  Each group's centre moves away from the
    centre of all grouped entries (``spread`` times as far) and its members
    move towards the group's centre (``gather`` times as far), so a group keeps
    its inner shape and becomes a region of its own.  Entries in no group stay.
    """
    result = dict(positions)
    members = [[key for key in group if key in positions] for group in groups]
    members = [group for group in members if group]
    everyone = [positions[key] for group in members for key in group]
    if not everyone:
        return result
    cx = sum(x for x, _ in everyone) / len(everyone)
    cy = sum(y for _, y in everyone) / len(everyone)
    for group in members:
        gx = sum(positions[key][0] for key in group) / len(group)
        gy = sum(positions[key][1] for key in group) / len(group)
        nx, ny = cx + (gx - cx) * spread, cy + (gy - cy) * spread
        for key in group:
            x, y = positions[key]
            result[key] = (round(nx + (x - gx) * gather, 1), round(ny + (y - gy) * gather, 1))
    return result
