"""Stable layout: ranks and order by branch, and layouts pinned to an earlier render."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import argmap
from argmap.errors import LayoutUnreadable
from argmap.render import render_svg
from argmap.render.layout import TIDY_MAX_NODES, plan, rank_groups, tidy_positions
from argmap.render.pinning import old_positions

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import itertools

import bench_layout  # the benchmark's edits and measures

SEEDS = bench_layout.SEEDS


def test_branch_order_is_a_preorder_from_the_roots():
    # t <- a <- a1, t <- b <- b1, b2 (edges point at the parent)
    nodes = ["t", "b", "a", "a1", "b1", "b2"]
    edges = [("a", "t"), ("b", "t"), ("a1", "a"), ("b1", "b"), ("b2", "b")]
    layout = plan(nodes, edges)
    assert sorted(layout.order, key=layout.order.get) == [
        "t",
        "a",
        "a1",
        "b",
        "b1",
        "b2",
    ]
    assert layout.depth == {"t": 0, "a": 1, "b": 1, "a1": 2, "b1": 2, "b2": 2}
    assert rank_groups(layout) == [["t"], ["a", "b"], ["a1", "b1", "b2"]]
    assert not layout.back_edges


def test_a_cycle_is_broken_at_the_edge_that_closes_it():
    # t <- a <- b <- a (a cycle a, b) : b -> a is drawn, a -> b closes the cycle
    layout = plan(["t", "a", "b"], [("a", "t"), ("b", "a"), ("a", "b")])
    assert layout.back_edges == {("a", "b")}
    assert layout.depth == {"t": 0, "a": 1, "b": 2}


def test_depth_is_the_longest_path_so_every_edge_points_up():
    # c supports both t (depth 0) and a (depth 1): it sits below a
    layout = plan(["t", "a", "c"], [("a", "t"), ("c", "t"), ("c", "a")])
    assert layout.depth["c"] == 2


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_adding_a_leaf_swaps_no_untouched_claims(path):
    amap = argmap.load(path)
    old = bench_layout.positions(render_svg(amap))
    for target in bench_layout.spread(bench_layout.leaves(amap), 3):
        edited, added = bench_layout.add_leaf(amap, target)
        new = bench_layout.positions(render_svg(edited))
        _, _, swaps = bench_layout.compare(old, new, added)
        assert swaps == 0, target


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_layout_from_keeps_untouched_claims_in_place(path, tmp_path):
    amap = argmap.load(path)
    before = render_svg(amap)
    (tmp_path / "old.svg").write_text(before, encoding="utf-8")
    target = bench_layout.inner(amap)[0]
    edited, added = bench_layout.add_rebuttal(amap, target)
    after = render_svg(edited, layout_from=tmp_path / "old.svg")
    old, new = bench_layout.positions(before), bench_layout.positions(after)
    mean, _, swaps = bench_layout.compare(old, new, added)
    assert swaps == 0 and mean <= 5.0
    assert "bench-new" in new
    # The new claim's box overlaps no other box.
    root = ET.fromstring(after)
    assert root.find(".//*[@data-claim='bench-new']") is not None
    # The legend box is drawn (neato draws no clusters) and holds its items.
    legend = root.find(".//*[@id='legend']")
    assert (
        legend is not None
        and legend.find("{http://www.w3.org/2000/svg}path") is not None
    )


def test_layout_from_refuses_what_argmap_did_not_render(tmp_path):
    bad = tmp_path / "other.svg"
    bad.write_text(
        "<svg xmlns='http://www.w3.org/2000/svg'><g/></svg>", encoding="utf-8"
    )
    with pytest.raises(LayoutUnreadable, match="no claims found"):
        old_positions(bad.read_text(), str(bad))
    amap = argmap.load(SEEDS[0])
    with pytest.raises(LayoutUnreadable, match="missing.svg: cannot read it"):
        render_svg(amap, layout_from=tmp_path / "missing.svg")


# -- positions by branch -------------------------------------------------------------

S = "{http://www.w3.org/2000/svg}"


def _tree(children: dict[str, list[str]]) -> tuple[list[str], list[tuple[str, str]]]:
    """Nodes in preorder and edges (child, parent) of a tree given as parent -> children."""
    nodes: list[str] = []
    edges: list[tuple[str, str]] = []

    def walk(node: str) -> None:
        nodes.append(node)
        for child in children.get(node, []):
            edges.append((child, node))
            walk(child)

    walk("t")
    return nodes, edges


def test_children_go_in_branch_order_each_parent_over_its_middle_child():
    nodes, edges = _tree({"t": ["a", "b", "c"], "a": ["a1", "a2"], "c": ["c1"]})
    layout = plan(nodes, edges)
    sizes = {n: (100.0, 40.0) for n in nodes}
    at = tidy_positions(layout, sizes, gap=20, rank_gap=30)
    assert at["a"][0] < at["b"][0] < at["c"][0]
    assert at["a1"][0] < at["a2"][0]
    assert at["t"][0] == at["b"][0]  # middle of three
    assert at["a"][0] == at["a1"][0]  # the first of two
    assert at["c"][0] == at["c1"][0]
    # ranks downwards (BT: the root on top), boxes of a rank 20 apart or more
    assert at["t"][1] > at["a"][1] == at["b"][1] > at["a1"][1] == at["c1"][1]
    assert at["t"][1] - at["a"][1] == 40 + 30
    row = sorted(at[n][0] for n in ("a1", "a2", "c1"))
    assert all(right - left >= 100 + 20 for left, right in itertools.pairwise(row))


def test_a_branch_grows_outward_leaving_the_rest_in_place():
    before_nodes, before_edges = _tree(
        {"t": ["a", "b", "c"], "a": ["a1"], "b": ["b1"], "c": ["c1"]}
    )
    after_nodes, after_edges = _tree(
        {"t": ["a", "b", "c"], "a": ["a1"], "b": ["b1"], "c": ["c1", "c2"]}
    )
    sizes = {n: (100.0, 40.0) for n in after_nodes}
    before = tidy_positions(plan(before_nodes, before_edges), sizes)
    after = tidy_positions(plan(after_nodes, after_edges), sizes)
    assert all(before[n] == after[n] for n in before_nodes)  # c2 goes right of c1


def test_no_two_boxes_overlap_and_ranks_follow_the_direction():
    nodes, edges = _tree({"t": ["a", "b"], "a": ["a1", "a2", "a3"], "b": ["b1"]})
    layout = plan(nodes, edges)
    sizes = {n: (80.0 + 10 * i, 30.0 + 5 * i) for i, n in enumerate(nodes)}
    for direction in ("BT", "TB", "LR", "RL"):
        at = tidy_positions(layout, sizes, direction=direction, gap=10, rank_gap=20)
        across = 0 if direction in ("LR", "RL") else 1
        sign = {"BT": 1, "TB": -1, "LR": 1, "RL": -1}[direction]
        # the root is on the roots' side of its children
        assert sign * (at["t"][across] - at["a"][across]) > 0, direction
        for i, m in enumerate(nodes):
            for n in nodes[i + 1 :]:
                (xm, ym), (xn, yn) = at[m], at[n]
                (wm, hm), (wn, hn) = sizes[m], sizes[n]
                apart_x = abs(xm - xn) >= (wm + wn) / 2
                apart_y = abs(ym - yn) >= (hm + hn) / 2
                assert apart_x or apart_y, (direction, m, n)


def _boxes(svg: str) -> dict[str, tuple[float, float, float, float]]:
    boxes = {}
    for group in ET.fromstring(svg).iter(f"{S}g"):
        claim = group.get("data-claim")
        shape = group.find(f"{S}path")
        if claim is None or shape is None:
            continue
        numbers = [float(v) for v in bench_layout._NUMBER.findall(shape.get("d"))]
        xs, ys = numbers[0::2], numbers[1::2]
        boxes[claim] = (min(xs), min(ys), max(xs), max(ys))
    return boxes


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_seed_maps_boxes_apart_and_every_relation_pointing_up(path):
    from argmap.render.dot import build_dot

    amap = argmap.load(path)
    boxes = _boxes(render_svg(amap))
    claims = sorted(boxes)
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = boxes[a], boxes[b]
            assert ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0, (a, b)
    back = build_dot(amap).plan.back_edges
    for relation in amap.relations:
        if relation.kind == "undercuts" or (relation.source, relation.target) in back:
            continue
        source, target = boxes[relation.source], boxes.get(relation.target)
        if target is not None:  # SVG y points down: the target's box is higher
            assert target[3] < source[1], relation.key


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_adding_a_leaf_moves_untouched_claims_little(path):
    amap = argmap.load(path)
    old = bench_layout.positions(render_svg(amap))
    means = []
    for target in bench_layout.spread(bench_layout.leaves(amap), 3):
        edited, added = bench_layout.add_leaf(amap, target)
        mean, _, _ = bench_layout.compare(
            old, bench_layout.positions(render_svg(edited)), added
        )
        means.append(mean)
    assert sum(means) / len(means) <= bench_layout.GOAL_MEAN, means


def test_maps_beyond_the_limit_are_laid_out_by_dot(monkeypatch):
    from argmap.model import ArgumentMap, Claim, Relation
    from argmap.render import backends

    engines = []
    real = backends.render_bytes

    def spy(source, fmt, backend="auto", engine="dot"):
        engines.append((fmt, engine))
        return real(source, fmt, backend, engine)

    monkeypatch.setattr(backends, "render_bytes", spy)
    size = TIDY_MAX_NODES + 1
    claims = [Claim("t", "Thesis.", role="thesis")] + [
        Claim(f"c{i}", f"Claim {i}.") for i in range(size)
    ]
    relations = [Relation("supports", f"c{i}", "t") for i in range(size)]
    render_svg(ArgumentMap("big", claims=claims, relations=relations))
    assert engines == [("svg", "dot")]
    engines.clear()
    render_svg(ArgumentMap("small", claims=claims[:5], relations=relations[:4]))
    assert engines == [("json0", "dot"), ("svg", "neato")]
