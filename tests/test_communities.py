"""Groups of closely linked entries (model/communities.py): Louvain on known graphs."""

from __future__ import annotations

import random

from sphinx_glossterm.model.communities import communities


def _planted(groups: int, size: int, seed: int = 7) -> tuple[list[str], list[tuple[str, str]]]:
    """``groups`` dense groups of ``size`` entries, a few links between neighbouring groups."""
    chance = random.Random(seed)
    keys = [f"g{g}-{n:02d}" for g in range(groups) for n in range(size)]
    edges = []
    for g in range(groups):
        members = [f"g{g}-{n:02d}" for n in range(size)]
        edges += [(a, b) for a in members for b in members if a < b and chance.random() < 0.5]
        edges.append((members[0], f"g{(g + 1) % groups}-00"))
    return keys, edges


def test_planted_groups_are_found_exactly() -> None:
    keys, edges = _planted(groups=6, size=12)
    found = communities(keys, edges)
    assert sorted(sorted(group.members) for group in found) == [
        sorted(f"g{g}-{n:02d}" for n in range(12)) for g in range(6)
    ]


def test_every_key_in_one_group_largest_first_named_by_its_hub() -> None:
    keys = ["a", "b", "c", "d", "hub", "x", "y", "lonely"]
    wheel = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")]
    edges = [("hub", k) for k in "abcd"] + wheel + [("x", "y"), ("y", "x")]
    found = communities(keys, edges, names=2)
    assert sorted(key for group in found for key in group.members) == sorted(keys)
    assert [len(group.members) for group in found] == sorted(
        (len(group.members) for group in found), reverse=True
    )
    assert found[0].central[0] == "hub"
    assert {"x", "y"} in [set(group.members) for group in found]
    assert ("lonely",) in [group.members for group in found]


def test_the_same_links_in_any_order_give_the_same_groups() -> None:
    keys, edges = _planted(groups=5, size=10, seed=3)
    shuffled = edges[:]
    random.Random(1).shuffle(shuffled)
    assert communities(keys, edges) == communities(list(reversed(keys)), shuffled)


def test_separating_groups_moves_them_apart_and_keeps_each_together() -> None:
    from sphinx_glossterm.html.layout import separate_groups

    # Two groups mixed on one line: a at even, b at odd places.
    positions = {
        f"{name}{n}": (float(2 * n + (name == "b")), 0.0) for name in "ab" for n in range(5)
    }
    positions["alone"] = (3.0, 9.0)
    groups = [[f"a{n}" for n in range(5)], [f"b{n}" for n in range(5)]]
    moved = separate_groups(positions, groups, spread=10.0, gather=0.5)
    a = [moved[key][0] for key in groups[0]]
    b = [moved[key][0] for key in groups[1]]
    assert max(a) < min(b), "the groups no longer mix"
    assert max(a) - min(a) == (max(positions[k][0] for k in groups[0]) - 0) * 0.5
    assert moved["alone"] == positions["alone"]
