"""Overviews: --levels, and the hidden-branch markers of --levels, --focus and --tag."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.analysis.merge import merge
from argmap.cli import cli
from argmap.diagnostics import ArgmapError
from argmap.model import ArgumentMap, Claim, Relation
from argmap.render import render_svg
from argmap.render.dot import build_dot
from argmap.render.views import View, claim_levels, select
from argmap.workspace import load_map, load_workspace

ROOT = Path(__file__).parent.parent
SAMPLE = Path(__file__).parent / "data" / "render-sample.yaml"
S = "{http://www.w3.org/2000/svg}"


def big_map(n: int, cross: int = 0, seed: int = 7) -> ArgumentMap:
    """*n* claims: one thesis per 100, each other claim supporting (or, one in
    five, rebutting) an earlier claim; then *cross* extra relations between
    random claims (either direction, so cycles happen)."""
    rng = random.Random(seed)
    theses = max(1, n // 100)
    claims = [
        Claim(f"c{i}", f"Claim number {i} says something.", role="thesis")
        if i < theses
        else Claim(f"c{i}", f"Claim number {i} says something.")
        for i in range(n)
    ]
    relations, seen = [], set()
    for i in range(theses, n):
        kind = "rebuts" if rng.random() < 0.2 else "supports"
        relations.append(Relation(kind, f"c{i}", f"c{rng.randrange(i)}"))
        seen.add((f"c{i}", relations[-1].target))
    while cross:
        a, b = (f"c{x}" for x in rng.sample(range(n), 2))
        if (a, b) in seen or (b, a) in seen:
            continue
        seen.add((a, b))
        kind = "rebuts" if rng.random() < 0.5 else "supports"
        relations.append(Relation(kind, a, b))
        cross -= 1
    return ArgumentMap(f"big-{n}", f"Big {n}", claims=claims, relations=relations)


def assert_partition(amap: ArgumentMap, view: View) -> None:
    """Every claim is shown or in exactly one branch; branches hang under shown claims."""
    hidden = [c for b in view.hidden.branches for c in b.claims]
    assert len(hidden) == len(set(hidden))
    assert set(hidden).isdisjoint(view.map.claims)
    assert set(hidden) | set(view.map.claims) == set(amap.claims)
    ids = {b.id for b in view.hidden.branches}
    for branch in view.hidden.branches:
        assert branch.anchor is None or branch.anchor in view.map.claims
        assert branch.texts == tuple(amap.claims[c].text for c in branch.claims)
        attacks = sum(
            r.is_attack and r.source in set(branch.claims) for r in amap.relations
        )
        assert branch.attacks == attacks
    for link in view.hidden.links:
        for end in (link.tail, link.head):
            # a branch, a shown claim, or a claim of another map
            assert end in ids or end in view.map.claims or end not in amap.claims
        assert link.count >= 1


def dot_nodes(dot: str) -> dict[str, str]:
    """Labels of the hidden-branch boxes in DOT source, by DOT id."""
    return dict(
        re.findall(
            r'^"hidden~\d+" \[id="(hidden~\d+)", label="([^"]*)"', dot, re.MULTILINE
        )
    )


# -- levels ------------------------------------------------------------------------


def test_levels_of_the_sample_worked_out_by_hand():
    sample = load_map(SAMPLE)
    level = claim_levels(sample)
    # the thesis, and build-cost, which points at nothing, are roots
    assert {c for c, n in level.items() if n == 0} == {"lanes-pay", "build-cost"}
    # fewer-parking is a co-premise (with:) of shops-lose's rebuttal of the thesis
    assert {c for c, n in level.items() if n == 1} == {
        "health-savings",
        "congestion-relief",
        "shops-lose",
        "fewer-parking",
        "costs-high",
        "cost-evidence",
    }
    view = select(sample, levels=1)
    assert set(view.map.claims) == {c for c, n in level.items() if n <= 1}
    assert_partition(sample, view)
    branches = {b.anchor: b for b in view.hidden.branches}
    # more-cyclists supports health-savings; counts-2019 and the undercut of
    # their link (induced-demand) and safety hang below it
    assert set(branches["health-savings"].claims) == {
        "more-cyclists",
        "counts-2019",
        "induced-demand",
        "safety",
    }
    assert branches["health-savings"].label == "+ 4 claims (1 attack)"
    assert branches["shops-lose"].label == "+ 1 claim (1 attack)"
    assert view.map.title.endswith("(top 1 level)")
    assert len(sample.claims) == 15  # the input is unchanged


def test_levels_zero_shows_the_roots_and_one_box_each():
    sample = load_map(SAMPLE)
    view = select(sample, levels=0)
    assert set(view.map.claims) == {"lanes-pay", "build-cost"}
    assert_partition(sample, view)
    assert {b.anchor for b in view.hidden.branches} == {"lanes-pay", "build-cost"}
    with pytest.raises(ArgmapError, match="levels must be 0 or more"):
        select(sample, levels=-1)


def test_levels_on_the_seed_maps_and_their_merge_draw_a_box_per_branch():
    ws = load_workspace([ROOT / "maps"]).raise_for_errors()
    maps = list(ws.maps.values())
    for amap in [*maps, merge(maps)]:
        level = claim_levels(amap)
        view = select(amap, levels=1)
        assert_partition(amap, view)
        assert set(view.map.claims) == {c for c, n in level.items() if n <= 1}
        assert view.hidden.branches, amap.id  # the seed maps are deeper than that
        graph = build_dot(view.map, hidden=view.hidden)
        boxes = dot_nodes(graph.source)
        assert sorted(boxes.values()) == sorted(b.label for b in view.hidden.branches)
        # the tooltip of each box lists its claims
        tips = {e.svg_id: e.title for e in graph.elements.values()}
        for branch in view.hidden.branches:
            for text in branch.texts[:3]:
                assert f"• {text}" in tips[branch.id]


def _descendants(amap: ArgumentMap, claim: str) -> set[str]:
    below: dict[str, list[str]] = {}
    for r in amap.relations:
        below.setdefault(r.target, []).append(r.source)
    found, stack = set(), [claim]
    while stack:
        for child in below.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def test_levels_on_a_1000_claim_tree_hides_exactly_each_subtree():
    amap = big_map(1000)
    view = select(amap, levels=2)
    assert_partition(amap, view)
    level = claim_levels(amap)
    assert all(level[c] <= 2 for c in view.map.claims)
    # in a tree, a branch is its anchor's descendants, and the anchor is on level 2
    for branch in view.hidden.branches:
        assert level[branch.anchor] == 2
        assert set(branch.claims) == _descendants(amap, branch.anchor)
    # one link per branch, to its anchor, of each kind its top claims use
    for link in view.hidden.links:
        branch = next(b for b in view.hidden.branches if b.id == link.tail)
        assert link.head == branch.anchor
    dot = build_dot(view.map, hidden=view.hidden).source
    assert len(dot_nodes(dot)) == len(view.hidden.branches)
    total = sum(len(b.claims) for b in view.hidden.branches)
    assert total + len(view.map.claims) == 1000


def test_levels_on_a_1000_claim_merge_shape_partitions_and_counts():
    amap = big_map(1000, cross=500)
    view = select(amap, levels=1)
    assert_partition(amap, view)
    ids = {b.id for b in view.hidden.branches}
    # cross links between collapsed branches are summed, not lost: every
    # relation is drawn, inside a branch, or counted in a link
    inside = sum(
        1
        for r in amap.relations
        if any({r.source, r.target} <= set(b.claims) for b in view.hidden.branches)
    )
    assert len(view.map.relations) + inside + sum(
        link.count for link in view.hidden.links
    ) == len(amap.relations)
    # links between two branches are not drawn; the others are
    dot = build_dot(view.map, hidden=view.hidden).source
    drawn = [
        link
        for link in view.hidden.links
        if not (link.tail in ids and link.head in ids)
    ]
    assert dot.count("hidden-link~") == len(drawn)


def test_the_same_view_whatever_the_hash_seed(tmp_path):
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r});"
        "from test_render_views import big_map;"
        "from argmap.render.views import select;"
        "from argmap.render.dot import build_dot;"
        "m = big_map(400, cross=200); v = select(m, levels=1, tags=());"
        "print(build_dot(v.map, hidden=v.hidden).source)"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1


# -- focus and tags mark what they hide -------------------------------------------------


def test_focus_marks_what_it_hid():
    sample = load_map(SAMPLE)
    view = select(sample, focus="counts-2019", depth=1)
    assert set(view.map.claims) == {"counts-2019", "more-cyclists", "induced-demand"}
    assert_partition(sample, view)
    (branch,) = view.hidden.branches
    # everything else hangs above more-cyclists, which supports health-savings
    assert branch.anchor == "more-cyclists" and len(branch.claims) == 12
    (link,) = view.hidden.links
    assert (link.tail, link.head, link.kind) == (
        "more-cyclists",
        "hidden-1",
        "supports",
    )
    svg = render_svg(view.map, hidden=view.hidden)
    root = ET.fromstring(svg)
    (box,) = [g for g in root.iter(f"{S}g") if "hidden-branch" in g.get("class", "")]
    assert box.get("id") == "hidden-1"
    assert "+ 12 claims (4 attacks)" in " ".join(
        t.text or "" for t in box.iter(f"{S}text")
    )
    assert "Protected cycling lanes pay for themselves" in box.find(f"{S}title").text


def test_a_tag_view_keeps_the_ancestors_as_context_and_is_connected():
    sample = load_map(SAMPLE)
    view = select(sample, tags=["business"])
    assert set(view.map.claims) == {
        "fewer-parking",
        "shops-lose",
        "shoppers-cycle",
        "lanes-pay",
    }
    assert view.hidden.context == {"lanes-pay"}
    assert_partition(sample, view)
    # connected: every shown claim reaches the thesis over shown relations
    ends = Counter()
    for r in view.map.relations:
        ends.update({r.source, r.target, *r.linked})
    assert set(ends) == set(view.map.claims)
    svg = render_svg(view.map, hidden=view.hidden)
    groups = {g.get("id"): g.get("class", "") for g in ET.fromstring(svg).iter(f"{S}g")}
    assert "context" in groups["claim-lanes-pay"].split()
    assert "context" not in groups["claim-shops-lose"].split()
    assert "collapsed branch" in svg and "context" in svg  # the legend says so


def test_selectors_combine_and_no_selector_hides_nothing():
    amap = big_map(1000, cross=200)
    view = select(amap)
    assert view.map is amap and not view.hidden
    tag_free = select(amap, levels=1, focus="c0", depth=1)
    level = claim_levels(amap)
    assert all(level[c] <= 1 for c in tag_free.map.claims)
    assert "c0" in tag_free.map.claims
    assert_partition(amap, tag_free)


# -- the command line -------------------------------------------------------------------


def test_render_levels_on_the_command_line(tmp_path):
    runner = CliRunner()
    out = tmp_path / "overview.dot"
    result = runner.invoke(
        cli,
        [
            "render",
            str(ROOT / "maps"),
            "--merged",
            "--levels",
            "1",
            "-o",
            str(out),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    (written,) = json.loads(result.stdout)["written"]
    dot = out.read_text(encoding="utf-8")
    assert written["claims"] < 40 and dot_nodes(dot)
    assert "(top 1 level)" in dot
    result = runner.invoke(
        cli, ["render", str(SAMPLE), "--levels", "-1", "-o", str(out)]
    )
    assert result.exit_code == 2 and "--levels" in result.output
