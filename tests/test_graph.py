"""argmap._graph: the shared graph algorithms, on graphs small enough to check by hand."""

from __future__ import annotations

import random

from argmap._graph import (
    UnionFind,
    back_edge_cycles,
    connected_components,
    distances,
    shortest_cycle_through,
    strongly_connected_components,
)


def test_union_find_root_is_the_smallest_member_whatever_the_order():
    pairs = [("d", "b"), ("c", "e"), ("b", "e"), ("x", "y")]
    for seed in range(20):
        random.Random(seed).shuffle(pairs)
        sets: UnionFind[str] = UnionFind("abcdexyz")
        for a, b in pairs:
            sets.union(b, a) if seed % 2 else sets.union(a, b)
        assert {item: sets.find(item) for item in "abcdexyz"} == {
            "a": "a",
            "b": "b",
            "c": "b",
            "d": "b",
            "e": "b",
            "x": "x",
            "y": "x",
            "z": "z",
        }


def test_union_find_items_never_added_are_their_own_set_and_copies_are_apart():
    sets: UnionFind[int] = UnionFind()
    assert sets.find(7) == 7 and 7 not in sets
    sets.union(3, 1)
    twin = sets.copy()
    sets.union(1, 0)
    assert (sets.find(3), twin.find(3)) == (0, 1)
    assert sets.groups() == {0: [1, 3, 0]}  # in the order they entered
    assert list(twin) == [1, 3]


def test_strongly_connected_components_in_reverse_topological_order():
    # a -> b <-> c -> d, and e alone; d only appears as a successor.
    graph = {"a": ["b"], "b": ["c"], "c": ["b", "d"], "e": []}
    comp = strongly_connected_components(graph)
    assert set(comp) == set("abcde")
    assert comp["b"] == comp["c"]
    assert len({comp[x] for x in "abde"}) == 4
    # every edge between two components goes to a smaller number
    for node, nexts in graph.items():
        for nxt in nexts:
            assert comp[nxt] <= comp[node]


def test_strongly_connected_components_of_a_deep_chain_need_no_recursion():
    n = 50_000
    chain = {i: [i + 1] for i in range(n)}
    comp = strongly_connected_components(chain)
    assert len(set(comp.values())) == n + 1
    assert comp[0] == n and comp[n] == 0


def test_back_edge_cycles_lists_one_cycle_per_back_edge_and_skips_self_loops():
    graph = {"a": ["b", "a"], "b": ["c"], "c": ["a", "b"]}
    assert back_edge_cycles(graph) == [["a", "b", "c"], ["b", "c"]]
    assert back_edge_cycles({"a": ["a"], "b": ["c"]}) == []


def test_distances_stop_at_the_limit():
    line = {1: [2], 2: [1, 3], 3: [2, 4], 4: [3]}
    assert distances(line, 2) == {2: 0, 1: 1, 3: 1, 4: 2}
    assert distances(line, 1, 1) == {1: 0, 2: 1}
    assert distances(line, 1, 0) == {1: 0}
    assert distances({}, "alone", 3) == {"alone": 0}


def test_connected_components_start_once_per_component():
    graph = {1: [2], 2: [1], 3: [4], 4: [3]}
    assert connected_components(graph, [4, 1, 2, 5]) == [[4, 3], [1, 2], [5]]


def test_shortest_cycle_through_gives_nodes_and_edge_labels():
    # 0 -> 1 -> 2 -> 0 (labels a, b, c) and a shortcut 0 -> 3 -> 0 (d, e)
    graph = {0: [(1, "a"), (3, "d")], 1: [(2, "b")], 2: [(0, "c")], 3: [(0, "e")]}
    assert shortest_cycle_through(graph, 0) == ([0, 3], ["d", "e"])
    assert shortest_cycle_through(graph, 1) == ([1, 2, 0], ["b", "c", "a"])
    # nothing shorter than two edges through 0
    assert shortest_cycle_through(graph, 0, shorter_than=2) is None
    assert shortest_cycle_through({0: [(1, "x")]}, 0) is None
