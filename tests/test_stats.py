"""argmap stats: every figure checked against a count made by hand."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from click.testing import CliRunner

from argmap.analysis.stats import depth, stats
from argmap.cli import cli
from argmap.readwrite.yamlmap import loads

from conftest import write

ROOT = Path(__file__).resolve().parent.parent

# t is the thesis.  p and q support t; e supports p; o rebuts p; r rebuts o;
# u undercuts the support e->p.
#   supports 3, rebuts 2, undercuts 1
#   levels: t 0; p 1, q 1; e 2 (e->p->t); o 2 (o->p->t); r 3 (r->o->p->t);
#           u 0 (it argues with no claim, only with a relation) => depth 3
#   supported: t 2 (p, q), p 1 (e)
#   attacked:  p 2 (rebuttal by o, undercut of its support e->p), o 1 (r)
SAMPLE = """\
argmap: 1
id: sample
title: Sample
source: {publisher: The Daily, url: "https://example.org/a"}
claims:
  t: {text: T., role: thesis}
  p: {text: P., supports: [t]}
  q: {text: Q., supports: [t]}
  e: {text: E., supports: [p]}
  o: {text: O., rebuts: [p]}
  r: {text: R., rebuts: [o]}
  u: {text: U., undercuts: [e->p]}
"""


def test_figures_of_a_hand_counted_map():
    figures = stats(loads(SAMPLE))
    assert figures.claims == 7
    assert figures.theses == 1
    assert figures.relations == {"supports": 3, "rebuts": 2, "undercuts": 1}
    assert figures.relation_count == 6
    assert figures.depth == 3
    assert figures.most_supported == (("t", 2), ("p", 1))
    assert figures.most_attacked == (("p", 2), ("o", 1))
    assert [(s.map, s.publisher, s.url) for s in figures.sources] == [
        ("sample", "The Daily", "https://example.org/a")
    ]


def test_ties_are_broken_by_id_and_only_three_are_kept():
    amap = loads(
        "argmap: 1\nid: m\nclaims:\n"
        "  d: {text: D.}\n  c: {text: C.}\n  b: {text: B.}\n  a: {text: A.}\n"
        "  s: {text: S., supports: [d, c, b, a]}\n"
        "  x: {text: X., supports: [d]}\n"
    )
    # d has 2 supports; a, b, c one each: d first, then a and b by id
    assert stats(amap).most_supported == (("d", 2), ("a", 1), ("b", 1))
    assert stats(amap).most_attacked == ()


def test_undercut_of_a_rebuttal_does_not_count_as_an_attack():
    amap = loads(
        "argmap: 1\nid: m\nclaims:\n"
        "  a: {text: A.}\n  b: {text: B., rebuts: [a]}\n  c: {text: C., undercuts: [b->a]}\n"
    )
    assert stats(amap).most_attacked == (("a", 1),)


def test_depth_without_a_thesis_runs_to_the_sinks():
    chain = loads(
        "argmap: 1\nid: m\nclaims:\n"
        "  a: {text: A., supports: [b]}\n  b: {text: B., supports: [c]}\n  c: {text: C.}\n"
    )
    assert depth(chain) == 2


def test_depth_stops_at_the_first_thesis():
    # a -> t -> s: with t a thesis, a's chain ends at t (1); without, at s (2)
    text = (
        "argmap: 1\nid: m\nclaims:\n"
        "  a: {text: A., supports: [t]}\n  t: {text: T., ROLE supports: [s]}\n  s: {text: S.}\n"
    )
    assert depth(loads(text.replace("ROLE", "role: thesis,"))) == 1
    assert depth(loads(text.replace("ROLE", ""))) == 2


def test_depth_contracts_cycles():
    # a and b rebut each other (one node after contraction, a sink: level 0);
    # c supports a (level 1); d supports c (level 2)
    amap = loads(
        "argmap: 1\nid: m\nclaims:\n"
        "  a: {text: A., rebuts: [b]}\n  b: {text: B., rebuts: [a]}\n"
        "  c: {text: C., supports: [a]}\n  d: {text: D., supports: [c]}\n"
    )
    assert depth(amap) == 2


def test_depth_of_a_map_without_relations_is_zero():
    assert depth(loads("argmap: 1\nid: m\nclaims:\n  a: {text: A.}\n")) == 0
    assert depth(loads("argmap: 1\nid: m\nclaims: {}\n")) == 0


def test_references_to_other_maps_are_not_counted_as_claims():
    amap = loads(
        "argmap: 1\nid: m\nclaims:\n  a: {text: A., rebuts: [other#x], supports: [b]}\n"
        "  b: {text: B.}\n"
    )
    figures = stats(amap)
    assert figures.claims == 2
    assert figures.relations["rebuts"] == 1  # the relation is the map's own
    assert figures.most_attacked == ()
    assert figures.depth == 1


def test_cli_per_map_and_merged(tmp_path):
    # one: o1 (thesis) <- o2 supports.  two: t1 same_as one#o1, t2 rebuts t1.
    # merged: o1 and t1 become one claim, so 3 claims, 1 support, 1 rebuttal;
    # the merged thesis is supported once and attacked once; depth 1.
    write(
        tmp_path,
        "one.yaml",
        """\
        argmap: 1
        id: one
        claims:
          o1: {text: One., role: thesis}
          o2: {text: Two., supports: [o1]}
        """,
    )
    write(
        tmp_path,
        "two.yaml",
        """\
        argmap: 1
        id: two
        claims:
          t1: {text: One again., same_as: [one#o1]}
          t2: {text: Against., rebuts: [t1]}
        """,
    )
    result = CliRunner().invoke(cli, ["stats", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [m["id"] for m in data["maps"]] == ["one", "two"]
    assert [m["claims"] for m in data["maps"]] == [2, 2]
    merged = data["merged"]
    assert merged["claims"] == 3
    assert merged["relations"] == {
        "total": 2,
        "supports": 1,
        "rebuts": 1,
        "undercuts": 0,
    }
    assert sorted(s["map"] for s in merged["sources"]) == ["one", "two"]
    assert merged["depth"] == 1
    assert [(c["claim"], c["supports"]) for c in merged["most_supported"]] == [
        ("o1", 1)
    ]
    assert [(c["claim"], c["attacks"]) for c in merged["most_attacked"]] == [("o1", 1)]


def test_cli_table(tmp_path):
    path = write(tmp_path, "sample.yaml", SAMPLE)
    result = CliRunner(env={"COLUMNS": "120"}).invoke(cli, ["stats", str(path)])
    assert result.exit_code == 0, result.output
    rows = {
        line.split("│")[1].strip(): line.split("│")[2].strip()
        for line in result.output.splitlines()
        if line.count("│") >= 3
    }
    assert rows["claims"] == "7"
    assert rows["depth"] == "3"
    assert rows["undercuts"] == "1"
    assert rows["most supported"] == "t (2)"


def test_seminar_extension_counts_its_base():
    seed = loads((ROOT / "maps" / "contracts-not-declarations.yaml").read_text("utf-8"))
    result = CliRunner().invoke(
        cli,
        ["stats", str(ROOT / "maps" / "seminar" / "minji-objections.yaml"), "--json"],
    )
    assert result.exit_code == 0, result.output
    (figures,) = json.loads(result.output)["maps"]
    # Minji adds 4 claims, 2 rebuttals, 2 supports and 1 undercut to the seed map
    base = stats(seed)
    assert figures["claims"] == base.claims + 4
    assert figures["relations"]["rebuts"] == base.relations["rebuts"] + 2
    assert figures["relations"]["supports"] == base.relations["supports"] + 2
    assert figures["relations"]["undercuts"] == base.relations["undercuts"] + 1
    assert [s["map"] for s in figures["sources"]] == [
        "contracts-not-declarations",
        "minji-objections",
    ]


def test_sources_follow_the_models_rule():
    # A merged map lists its inputs in merged_from; a claim added to it by
    # hand (no provenance) is the merged map's own, so it is a source too.
    amap = loads(
        textwrap.dedent(
            """\
            argmap: 1
            id: both
            merged_from:
              - {id: one, title: First, source: {publisher: P1}}
            claims:
              x:
                text: X.
                provenance: [{map: one, claim: x}]
              y:
                text: Y.
                provenance: [{map: two, claim: y}]
              z:
                text: Added by hand.
            """
        )
    )
    figures = stats(amap)
    assert [(s.map, s.title, s.publisher) for s in figures.sources] == [
        ("both", None, None),
        ("one", "First", "P1"),
        ("two", None, None),
    ]


def test_cli_merged_figures_never_take_an_input_maps_id(tmp_path):
    for map_id in ("merged", "other"):
        (tmp_path / f"{map_id}.yaml").write_text(
            f"argmap: 1\nid: {map_id}\nclaims:\n  c:\n    text: C of {map_id}.\n",
            encoding="utf-8",
        )
    result = CliRunner().invoke(cli, ["stats", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [m["id"] for m in data["maps"]] == ["merged", "other"]
    assert data["merged"]["id"] == "merged-2"
    assert data["merged"]["claims"] == 2
