"""The layout budget: tiers chosen by size and density, overrides, the two-pass layout."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_render_views import big_map

from argmap.analysis.merge import merge
from argmap.cli import cli
from argmap.diagnostics import ArgmapError
from argmap.model import ArgumentMap, Claim, Relation
from argmap.render import render_svg, to_dot
from argmap.render.budget import (
    LIMITS,
    PACK_CLAIMS,
    PACKED_ROUTED,
    choose_budget,
    cross_links,
    spanning_forest,
)
from argmap.render.views import select
from argmap.workspace import load_workspace

ROOT = Path(__file__).parent.parent
S = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def seeds():
    ws = load_workspace([ROOT / "maps"]).raise_for_errors()
    return list(ws.maps.values())


def test_the_spanning_forest_reaches_every_claim_once():
    amap = big_map(700, cross=300)
    forest = spanning_forest(amap)
    sources = [r.source for r in forest]
    assert len(sources) == len(set(sources))  # one tree edge into each claim
    theses = [c for c in amap.claims.values() if c.is_thesis]
    assert len(forest) == len(amap.claims) - len(theses)  # a tree per thesis
    assert not {c.id for c in theses} & set(sources)
    assert cross_links(amap, forest) == 300


def test_in_a_merge_each_article_keeps_its_own_tree():
    a = ArgumentMap(
        "pa",
        "A",
        claims=[
            Claim("a0", "Alpha thesis.", role="thesis"),
            Claim("a1", "Alpha reason."),
            Claim("a2", "Alpha detail."),
        ],
        relations=[
            Relation("supports", "a1", "a0"),
            Relation("supports", "a2", "a1"),
            Relation("rebuts", "a2", "pb#b0"),  # nearer B's thesis than A's
        ],
    )
    b = ArgumentMap(
        "pb",
        "B",
        claims=[
            Claim("b0", "Beta thesis.", role="thesis"),
            Claim("b1", "Beta reason."),
        ],
        relations=[Relation("supports", "b1", "b0")],
    )
    merged = merge([a, b])
    forest = {(r.source, r.target) for r in spanning_forest(merged)}
    assert forest == {("a1", "a0"), ("a2", "a1"), ("b1", "b0")}
    assert cross_links(merged) == 1  # the rebuttal is the cross link


@pytest.mark.parametrize(
    ("n", "cross", "tier"),
    [
        (300, 0, "full"),
        (300, LIMITS["full"], "full"),
        (300, LIMITS["full"] + 1, "capped"),
        (900, LIMITS["capped"], "capped"),
        (1000, 500, "full"),  # a merge of ten articles: 1.5 s CPU
        (1000, LIMITS["capped"] + 1, "straight"),
        (1800, LIMITS["straight"] + 1, "two-pass"),
        (PACK_CLAIMS + 100, 0, "two-pass"),  # a forest of 21 trees, packed
    ],
)
def test_the_tier_follows_size_and_cross_links(n, cross, tier):
    budget = choose_budget(big_map(n, cross=cross))
    assert (budget.tier, budget.cross, budget.chosen) == (tier, cross, True)
    assert f"{n} claims, {cross} cross links" in budget.describe()


def test_one_big_tree_is_laid_out_whole():
    amap = big_map(PACK_CLAIMS + 100)
    others = [c for c in amap.claims.values() if c.is_thesis][1:]
    for claim in others:  # one thesis, the others support it: one tree
        claim.role = None
        amap.add_relation(Relation("supports", claim.id, "c0"))
    assert choose_budget(amap).tier == "full"


def test_the_seed_maps_are_small_enough_for_the_tidy_layout():
    for amap in [*seeds(), merge(seeds())]:
        budget = choose_budget(amap)
        assert budget.tier == "tidy" and dict(budget.attrs) == {}


def test_overrides_name_a_tier_and_set_attributes_last():
    amap = big_map(300)
    budget = choose_budget(amap, "straight", {"nslimit": "4", "ranksep": "1"})
    assert not budget.chosen
    assert budget.attrs["nslimit"] == "4" and budget.attrs["splines"] == "line"
    assert "asked for" in budget.describe() and "ranksep=1" in budget.describe()
    dot = to_dot(amap, budget=budget)
    tail = dot[dot.rindex("ranksep=") :]
    assert tail.startswith('ranksep="1";') and dot.rstrip().endswith("}")
    with pytest.raises(ArgmapError, match="layout_budget must be"):
        choose_budget(amap, "fastest")
    with pytest.raises(ArgmapError, match="graph_attrs must be NAME=VALUE"):
        choose_budget(amap, "auto", {"x;y": "1"})
    with pytest.raises(ArgmapError, match="graph_attrs must be NAME=VALUE"):
        choose_budget(amap, "auto", {"label": 'a"]; evil [x="'})


def _claim_boxes(svg: str) -> dict[str, tuple[float, float, float, float]]:
    boxes = {}
    for group in ET.fromstring(svg).iter(f"{S}g"):
        if "claim" not in group.get("class", "").split():
            continue
        shape = group.find(f"{S}path")
        if shape is None:
            shape = group.find(f"{S}polygon")
        numbers = [
            float(n) for n in _NUMBER.findall(shape.get("d") or shape.get("points"))
        ]
        xs, ys = numbers[0::2], numbers[1::2]
        boxes[group.get("data-claim")] = (min(xs), min(ys), max(xs), max(ys))
    return boxes


def _all_straight(edges) -> bool:
    """Whether every relation's path lies on the line from its start to its end."""
    for edge in edges:
        numbers = [float(n) for n in _NUMBER.findall(edge.find(f"{S}path").get("d"))]
        (x0, y0), *rest = zip(numbers[0::2], numbers[1::2])
        x1, y1 = rest[-1]
        length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 or 1.0
        for x, y in rest:
            if abs((x1 - x0) * (y - y0) - (y1 - y0) * (x - x0)) / length >= 1.0:
                return False
    return True


def test_two_pass_draws_every_claim_without_overlap_and_the_same_bytes():
    amap = big_map(400, cross=120)
    budget = choose_budget(amap, "two-pass")
    svg = render_svg(amap, budget=budget)
    assert svg == render_svg(amap, budget=budget)
    boxes = _claim_boxes(svg)
    assert set(boxes) == set(amap.claims)
    placed = sorted(boxes.values())
    for i, (x0, y0, x1, y1) in enumerate(placed):
        for a0, b0, a1, b1 in placed[i + 1 :]:
            if a0 >= x1:
                break
            assert b0 >= y1 or b1 <= y0, "two claims overlap"
    # every relation is drawn, as a straight line
    edges = [
        g for g in ET.fromstring(svg).iter(f"{S}g") if "relation" in g.get("class", "")
    ]
    assert len(edges) == len(amap.relations)
    assert _all_straight(edges)  # nop2 (neato's routing ran out of memory)
    # the trees are packed in rows: the theses (on top of their trees) are
    # not all on one line
    tops = {round(boxes[c.id][1]) for c in amap.claims.values() if c.is_thesis}
    assert len(tops) > 1


def test_render_says_its_budget(tmp_path):
    runner = CliRunner()
    out = tmp_path / "m.svg"
    result = runner.invoke(
        cli, ["render", str(ROOT / "maps"), "--merged", "-o", str(out), "-v", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert "merged: layout budget tidy (chosen for 39 claims" in result.stderr
    assert json.loads(result.stdout)["written"][0]["layout"] == "tidy"
    result = runner.invoke(
        cli,
        [
            "render",
            str(ROOT / "maps"),
            "--merged",
            "-o",
            str(out),
            "--layout-budget",
            "capped",
            "-G",
            "nslimit=2",
            "-v",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "layout budget capped (asked for" in result.stderr
    assert "nslimit=2 mclimit=0.1" in result.stderr
    result = runner.invoke(
        cli, ["render", str(ROOT / "maps"), "--merged", "-o", str(out), "-G", "nslimit"]
    )
    assert result.exit_code == 2 and "-G/--graph-attr" in result.output


# -- overviews: packed, staggered, compact ------------------------------------------


def test_stagger_spreads_a_wide_family_over_ranks():
    from argmap.render.compact import stagger
    from argmap.render.layout import plan

    nodes = ["root", *(f"k{i}" for i in range(7)), "g0", "g1"]
    edges = [(f"k{i}", "root") for i in range(7)] + [("g0", "k1"), ("g1", "k6")]
    layout, lengths = stagger(plan(nodes, edges), edges, 3)
    per_rank: dict[int, int] = {}
    for i in range(7):
        per_rank[layout.depth[f"k{i}"]] = per_rank.get(layout.depth[f"k{i}"], 0) + 1
    assert sorted(per_rank) == [1, 2, 3] and max(per_rank.values()) <= 3
    # children alternate rows; what hangs below a lowered child goes with it
    assert [layout.depth[f"k{i}"] for i in range(7)] == [1, 2, 3, 1, 2, 3, 1]
    assert layout.depth["g0"] == layout.depth["k1"] + 1 == 3
    assert lengths[("k1", "root")] == 2 and ("k0", "root") not in lengths
    # a small family is left alone
    small = plan(nodes[:4], edges[:3])
    assert stagger(small, edges[:3], 3) == (small, {})


def _claimlike(n: int) -> ArgumentMap:
    """big_map's shape with claim-sized texts (9 to 16 words)."""
    import random

    words = [
        "export",
        "controls",
        "research",
        "funds",
        "talent",
        "contracts",
        "summit",
        "trust",
        "patents",
        "supply",
        "chains",
        "standards",
        "investment",
        "cooperation",
        "universities",
        "markets",
    ]
    amap = big_map(n)
    rng = random.Random(3)
    for claim in amap.claims.values():
        claim.text = (
            " ".join(rng.choices(words, k=rng.randint(9, 16))).capitalize() + "."
        )
    return amap


def test_a_300_claim_overview_fits_a_full_hd_screen_at_100_percent():
    amap = _claimlike(300)
    view = select(amap, levels=1)
    budget = choose_budget(view.map, overview=True)
    assert budget.tier == "packed"
    svg = render_svg(view.map, hidden=view.hidden)
    width, height = (
        float(v)
        for v in re.search(
            r'viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) ([0-9.]+)"', svg
        ).groups()
    )
    # points to CSS pixels: 4/3
    assert width * 4 / 3 <= 1920 and height * 4 / 3 <= 1080, (width, height)
    # readable: claim text at 10 pt (13 px), every claim and box drawn
    sizes = {
        t.get("font-size")
        for g in ET.fromstring(svg).iter(f"{S}g")
        if "claim" in g.get("class", "").split()
        for t in g.iter(f"{S}text")
    }
    assert sizes == {"10.00"}
    assert set(_claim_boxes(svg)) == set(view.map.claims)
    boxes = [
        g
        for g in ET.fromstring(svg).iter(f"{S}g")
        if "hidden-branch" in g.get("class", "")
    ]
    assert len(boxes) == len(view.hidden.branches)


def test_a_packed_legend_stays_on_the_canvas():
    view = select(merge(seeds()), levels=1)
    svg = render_svg(view.map, hidden=view.hidden)
    root = ET.fromstring(svg)
    x, y, width, height = (float(v) for v in root.get("viewBox").split())
    group = root.find(f"{S}g")
    sx, sy = (
        float(v)
        for v in re.search(
            r"translate\(([-0-9.]+) ([-0-9.]+)\)", group.get("transform")
        ).groups()
    )
    legend = next(g for g in root.iter(f"{S}g") if g.get("id") == "legend")
    numbers = [float(n) for n in _NUMBER.findall(legend.find(f"{S}path").get("d"))]
    xs, ys = numbers[0::2], numbers[1::2]
    assert min(xs) + sx >= x and max(xs) + sx <= x + width
    assert min(ys) + sy >= y and max(ys) + sy <= y + height


def test_a_big_overview_is_packed_with_straight_lines():
    # routing splines round the pinned boxes is most of a big overview's time
    small = select(merge(seeds()), levels=1).map
    routed = choose_budget(small, overview=True)
    assert routed.tier == "packed" and not routed.straight
    amap = big_map(PACKED_ROUTED + 50)  # two trees
    budget = choose_budget(amap, overview=True)
    assert budget.tier == "packed" and budget.straight
    assert "splines=line" in budget.describe()
    svg = render_svg(amap, budget=budget)
    assert set(_claim_boxes(svg)) == set(amap.claims)
    edges = [
        g for g in ET.fromstring(svg).iter(f"{S}g") if "relation" in g.get("class", "")
    ]
    assert len(edges) == len(amap.relations) and _all_straight(edges)


def _box(group: ET.Element) -> tuple[float, float, float, float]:
    """x0, y0, x1, y1 of the outline (first path or polygon) of an SVG group."""
    shape = next(e for e in group if e.tag in (f"{S}path", f"{S}polygon"))
    numbers = [float(n) for n in _NUMBER.findall(shape.get("d") or shape.get("points"))]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def test_a_merge_shaped_300_claim_overview_hangs_its_branches_under_their_claims():
    import sys

    sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
    from bigmaps import merge_map

    from argmap.render.elements import claim_svg_id

    view = select(merge_map(300), levels=1)
    assert choose_budget(view.map, overview=True).tier == "packed"
    svg = render_svg(view.map, hidden=view.hidden)
    root = ET.fromstring(svg)
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    # points to CSS pixels: 4/3 (a browser draws width="Npt" as N * 4/3 px)
    assert root.get("width") == f"{round(width)}pt"
    assert width * 4 / 3 <= 1920 and height * 4 / 3 <= 1080, (width, height)
    groups = {g.get("id"): g for g in root.iter(f"{S}g") if g.get("id")}
    anchored = [b for b in view.hidden.branches if b.anchor]
    assert anchored
    for branch in anchored:
        tab, claim = _box(groups[branch.id]), _box(groups[claim_svg_id(branch.anchor)])
        # the tab hangs just under its claim's box (y grows downwards), centred
        assert 0 < tab[1] - claim[3] < 8, (branch.id, tab, claim)
        assert abs((tab[0] + tab[2]) - (claim[0] + claim[2])) < 1
        assert "+" in " ".join(t.text or "" for t in groups[branch.id].iter(f"{S}text"))
    # no line joins a tab to its own claim; lines to other claims stay
    ends = {
        (link.tail, link.head)
        for link in view.hidden.links
        if link.tail.startswith("hidden-") or link.head.startswith("hidden-")
    }
    assert ends
    drawn = [g for g in groups.values() if "hidden-link" in g.get("class", "")]
    anchor_of = {b.id: b.anchor for b in anchored}
    branch_ids = {b.id for b in view.hidden.branches}
    assert len(drawn) == sum(
        1
        for tail, head in ends
        if anchor_of.get(tail) != head
        and anchor_of.get(head) != tail
        and not (tail in branch_ids and head in branch_ids)
    )
