"""Stable layout: ranks and order by branch, and layouts pinned to an earlier render."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import argmap
from argmap.errors import LayoutUnreadable
from argmap.render import render_svg
from argmap.render.layout import plan, rank_groups
from argmap.render.pinning import old_positions

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
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
