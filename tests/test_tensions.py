"""Points of tension: scores worked by hand, grouping, ranking, plugins, CLI, seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.analysis.tensions import (
    Tension,
    find_tensions,
    register_detector,
)
from argmap.analysis.tensions import registry as tensions_registry
from argmap.cli import cli
from argmap.diagnostics import ArgmapError
from argmap.model import ArgumentMap, Claim, Provenance, Relation

ROOT = Path(__file__).resolve().parent.parent
MAPS = ROOT / "maps"


def merged(claims: dict[str, str | tuple[str, ...]], relations) -> ArgumentMap:
    """A hand-made merged map: claims {id: source map(s)}, relations with asserted_by."""
    made = []
    for claim_id, sources in claims.items():
        sources = (sources,) if isinstance(sources, str) else sources
        made.append(
            Claim(
                claim_id,
                f"Claim {claim_id.upper()}",
                provenance=tuple(
                    Provenance(m, claim_id, quote=f"{m} says {claim_id}")
                    for m in sources
                ),
            )
        )
    rels = []
    for kind, a, b, weight, by in relations:
        rels.append(
            Relation(
                kind,
                a,
                b,
                weight=weight,
                asserted_by=(by,) if isinstance(by, str) else by,
            )
        )
    return ArgumentMap("merged", claims=made, relations=rels)


def kinds(ts):
    return [t.kind for t in ts]


# -- cross-source attacks -------------------------------------------------------------
def test_cross_source_rebuttal_score():
    # b (B) rebuts a (A), weight 1.  s(b) = 0.5, so a's attack is 0.5 and
    # s(a) = 0.5 - 0.5 * 0.5 = 0.25; without the rebuttal s(a) = 0.5.
    # Score = (0.5 - 0.25) / max(0.5, 0.5) = 0.5.
    amap = merged({"a": "A", "b": "B"}, [("rebuts", "b", "a", 1.0, "B")])
    (t,) = find_tensions(amap)
    assert t.kind == "cross-source-attack"
    assert t.score == pytest.approx(0.5)
    assert t.claims == ("b", "a")
    assert t.sources == ("A", "B")
    assert t.relations == ("b->a",)
    assert t.details["before"] == pytest.approx(0.5)
    assert t.details["after"] == pytest.approx(0.25)
    assert "falls from 0.50 to 0.25" in t.explanation
    assert '"Claim A" (A)' in t.explanation and '"Claim B" (B)' in t.explanation
    assert [(q.claim, q.map, q.quote) for q in t.quotes] == [
        ("b", "B", "B says b"),
        ("a", "A", "A says a"),
    ]


def test_weighted_rebuttal_of_a_supported_claim():
    # p (A) supports a (A); b (B) rebuts a with weight 0.6.
    # vs(a) = 0.5; va(a) = 0.6 * 0.5 = 0.3; s(a) = 0.5 + 0.5 * (0.5 - 0.3) = 0.6;
    # without the rebuttal s(a) = 0.5 + 0.5 * 0.5 = 0.75.  Score = 0.15 / 0.5 = 0.3.
    amap = merged(
        {"a": "A", "p": "A", "b": "B"},
        [("supports", "p", "a", 1.0, "A"), ("rebuts", "b", "a", 0.6, "B")],
    )
    (t,) = find_tensions(amap, only=["cross-source-attack"])
    assert t.score == pytest.approx(0.3)
    assert (t.details["before"], t.details["after"]) == pytest.approx((0.75, 0.6))


def test_attack_within_one_source_is_not_cross_source():
    amap = merged({"a": "A", "b": "A"}, [("rebuts", "b", "a", 1.0, "A")])
    assert find_tensions(amap, only=["cross-source-attack"]) == []


def test_attack_on_a_shared_claim_counts_for_the_other_source():
    # a is stated by A and B; A rebuts it with b: B did not assert that attack.
    amap = merged({"a": ("A", "B"), "b": "A"}, [("rebuts", "b", "a", 1.0, "A")])
    (t,) = find_tensions(amap, only=["cross-source-attack"])
    assert t.sources == ("A", "B")


def test_unmerged_map_attacking_another_map():
    # A single map's cross-map rebuttal: the external claim belongs to map "other".
    amap = ArgumentMap(
        "mine",
        claims=[Claim("x", "X says so", quote="x quoted")],
        relations=[Relation("rebuts", "x", "other#y")],
    )
    (t,) = find_tensions(amap)
    assert t.kind == "cross-source-attack"
    assert t.sources == ("mine", "other")
    assert t.claims == ("x", "other#y")
    assert t.score == pytest.approx(0.5)


def test_cross_source_undercut_score():
    # a (A) supports b (A); u (B) undercuts a->b with weight 1.
    # With it: w = 1 * (1 - 1 * 0.5) = 0.5, vs = 0.25, s(b) = 0.625.
    # Without: vs = 0.5, s(b) = 0.75.  Score = 0.125 / 0.5 = 0.25.
    amap = merged(
        {"a": "A", "b": "A", "u": "B"},
        [("supports", "a", "b", 1.0, "A"), ("undercuts", "u", "a->b", 1.0, "B")],
    )
    (t,) = find_tensions(amap)
    assert t.kind == "cross-source-attack"
    assert t.score == pytest.approx(0.25)
    assert t.claims == ("u", "a", "b")
    assert t.relations == ("u->a->b", "a->b")
    assert "undercuts the support" in t.explanation


# -- contested claims ---------------------------------------------------------------------
def test_contested_claim_score_from_other_sources():
    # c (A) has supporter p (A) and attacker q (B): vs = va = 0.5, all of the
    # attack from another source, so score = min(0.5, 0.5) = 0.5.
    amap = merged(
        {"c": "A", "p": "A", "q": "B"},
        [("supports", "p", "c", 1.0, "A"), ("rebuts", "q", "c", 1.0, "B")],
    )
    (t,) = find_tensions(amap, only=["contested-claim"])
    assert t.claims == ("c",)
    assert t.score == pytest.approx(0.5)
    assert "draws support 0.50 (from A) and attack 0.50 (from B)" in t.explanation


def test_contested_claim_answering_itself_counts_half():
    # Same shape, but the objection q is the claim's own source's:
    # min(vs, va_x) = min(0.5, 0) = 0; score = 0 + (0.5 - 0) / 2 = 0.25.
    amap = merged(
        {"c": "A", "p": "A", "q": "A"},
        [("supports", "p", "c", 1.0, "A"), ("rebuts", "q", "c", 1.0, "A")],
    )
    (t,) = find_tensions(amap, only=["contested-claim"])
    assert t.score == pytest.approx(0.25)


# -- support-attack conflicts ------------------------------------------------------------
def test_support_attack_conflict_groups_with_the_rebuttal():
    # x and y are stated by both A and B; A says x supports y, B says x rebuts y.
    # Conflict score: min(1 * s(x), 1 * s(x)) = 0.5.  The rebuttal is also a
    # cross-source attack (y: with 0.5, without 0.75, score 0.5) and y is
    # contested (0 + 0.5 / 2 = 0.25): all three are about the pair (x, y) and
    # become one tension, led by the conflict, scored by the best member.
    amap = merged(
        {"x": ("A", "B"), "y": ("A", "B")},
        [("supports", "x", "y", 1.0, "A"), ("rebuts", "x", "y", 1.0, "B")],
    )
    (t,) = find_tensions(amap)
    assert t.kind == "support-attack-conflict"
    assert t.score == pytest.approx(0.5)
    assert t.claims == ("x", "y")
    assert sorted(m["kind"] for m in t.details["members"]) == [
        "contested-claim",
        "cross-source-attack",
    ]
    assert "according to A" in t.explanation and "according to B" in t.explanation


def test_same_source_support_and_attack_is_no_conflict():
    amap = merged(
        {"x": "A", "y": "A"},
        [("supports", "x", "y", 1.0, "A"), ("rebuts", "x", "y", 1.0, "A")],
    )
    assert find_tensions(amap, only=["support-attack-conflict"]) == []


# -- undecided disputes ---------------------------------------------------------------------
def test_undecided_cycle_across_sources():
    # a (A) -> b (B) -> c (A) -> a: all undecided, every strength 1/3 (x = 0.5 - 0.5 x).
    # Mean attack strength on the cycle = 1/3; n = 3: score = 1/3 * 3/4 = 0.25.
    amap = merged(
        {"a": "A", "b": "B", "c": "A"},
        [
            ("rebuts", "a", "b", 1.0, "A"),
            ("rebuts", "b", "c", 1.0, "B"),
            ("rebuts", "c", "a", 1.0, "A"),
        ],
    )
    (t,) = find_tensions(amap, only=["undecided-dispute"])
    assert t.score == pytest.approx(0.25)
    assert t.details["size"] == 3
    assert t.details["cycle"] == ["a", "b", "c"]
    assert t.sources == ("A", "B")
    assert "3 claim(s) left undecided" in t.explanation


def test_undecided_component_includes_what_the_cycle_reaches():
    # As above plus d (B), attacked by a: undecided too; n = 4, the shortest
    # cycle is unchanged: score = 1/3 * 4/5.
    amap = merged(
        {"a": "A", "b": "B", "c": "A", "d": "B"},
        [
            ("rebuts", "a", "b", 1.0, "A"),
            ("rebuts", "b", "c", 1.0, "B"),
            ("rebuts", "c", "a", 1.0, "A"),
            ("rebuts", "a", "d", 1.0, "A"),
        ],
    )
    (t,) = find_tensions(amap, only=["undecided-dispute"])
    assert t.score == pytest.approx(4 / 15)
    assert set(t.claims) == {"a", "b", "c", "d"}


def test_undecided_dispute_inside_one_source_counts_half():
    # a <-> b in one source: s = 1/3 each; 1/3 * 2/3 = 2/9, halved: 1/9.
    amap = merged(
        {"a": "A", "b": "A"},
        [("rebuts", "a", "b", 1.0, "A"), ("rebuts", "b", "a", 1.0, "A")],
    )
    (t,) = find_tensions(amap)
    assert t.kind == "undecided-dispute"
    assert t.score == pytest.approx(1 / 9)


def test_mutual_rebuttal_is_one_tension():
    # a (A) and b (B) rebut each other: two cross-source attacks, one undecided
    # dispute, all about the same pair: one tension.  s(a) = s(b) = 1/3; each
    # attack takes a from 0.5 to 1/3: score (1/6) / 0.5 = 1/3.
    amap = merged(
        {"a": "A", "b": "B"},
        [("rebuts", "a", "b", 1.0, "A"), ("rebuts", "b", "a", 1.0, "B")],
    )
    (t,) = find_tensions(amap)
    assert t.kind == "cross-source-attack"
    assert t.score == pytest.approx(1 / 3)
    assert "rebut each other" in t.explanation
    assert sorted(m["kind"] for m in t.details["members"]) == [
        "cross-source-attack",
        "undecided-dispute",
    ]


# -- grouping through support hops, ranking ----------------------------------------------------
def two_theses():
    # A: p supports ta.  B: q supports tb.  tb rebuts ta; q rebuts p.
    return merged(
        {"ta": "A", "p": "A", "tb": "B", "q": "B"},
        [
            ("supports", "p", "ta", 1.0, "A"),
            ("supports", "q", "tb", 1.0, "B"),
            ("rebuts", "tb", "ta", 1.0, "B"),
            ("rebuts", "q", "p", 1.0, "B"),
        ],
    )


def test_hops_group_attacks_between_reasons_with_the_clash():
    grouped = find_tensions(two_theses(), hops=1)
    pairs = [t for t in grouped if t.kind == "cross-source-attack"]
    assert len(pairs) == 1
    (t,) = pairs
    # The lead is the attack between the two claims the group is about.
    assert t.claims[:2] == ("tb", "ta")
    assert {"q", "p"} <= set(t.claims)


def test_hops_zero_keeps_exact_pairs():
    separate = find_tensions(two_theses(), hops=0, only=["cross-source-attack"])
    assert sorted(t.claims for t in separate) == [("q", "p"), ("tb", "ta")]


def test_negative_hops_is_refused():
    with pytest.raises(ValueError):
        find_tensions(two_theses(), hops=-1)


def test_ranking_order_top_and_min_score():
    # Three independent cross-source rebuttals of weight 1, 0.6 and 0.2 on
    # unsupported claims: scores = weight * 0.5 * 0.5 / 0.5 = weight / 2.
    amap = merged(
        {"a": "A", "b": "B", "c": "A", "d": "B", "e": "A", "f": "B"},
        [
            ("rebuts", "b", "a", 0.2, "B"),
            ("rebuts", "d", "c", 1.0, "B"),
            ("rebuts", "f", "e", 0.6, "B"),
        ],
    )
    ranked = find_tensions(amap)
    assert [t.claims for t in ranked] == [("d", "c"), ("f", "e"), ("b", "a")]
    assert [t.score for t in ranked] == pytest.approx([0.5, 0.3, 0.1])
    assert [t.claims for t in find_tensions(amap, top=1)] == [("d", "c")]
    assert [t.claims for t in find_tensions(amap, min_score=0.2)] == [
        ("d", "c"),
        ("f", "e"),
    ]


def test_ties_are_broken_by_kind_then_claims():
    # Equal rebuttals on separate pairs: same score, so ordered by claim ids.
    amap = merged(
        {"m": "A", "n": "B", "a": "A", "b": "B"},
        [("rebuts", "n", "m", 1.0, "B"), ("rebuts", "b", "a", 1.0, "B")],
    )
    assert [t.claims for t in find_tensions(amap)] == [("b", "a"), ("n", "m")]


def test_records_carry_no_working_state():
    # Grouping and wording use a side table: the published record holds only
    # its documented fields, and details only kind-specific figures.
    amap = merged(
        {"a": "A", "b": "B", "c": "B"},
        [
            ("rebuts", "b", "a", 1.0, "B"),
            ("rebuts", "a", "b", 1.0, "A"),
            ("supports", "c", "a", 1.0, "B"),
        ],
    )
    found = find_tensions(amap)
    assert found
    fields = {
        "kind",
        "score",
        "claims",
        "relations",
        "sources",
        "explanation",
        "quotes",
        "details",
        "suggested",
    }
    for t in found:
        assert set(vars(t)) == fields
        assert not [k for k in t.details if k.startswith("_")]
        assert t.explanation  # worded once the ranking was known
        assert json.loads(json.dumps(t.to_dict()))["score"] == round(t.score, 4)


def test_to_dict_is_json_ready():
    (t,) = find_tensions(merged({"a": "A", "b": "B"}, [("rebuts", "b", "a", 1.0, "B")]))
    data = json.loads(json.dumps(t.to_dict()))
    assert data["kind"] == "cross-source-attack"
    assert data["score"] == 0.5
    assert data["quotes"][0] == {"claim": "b", "map": "B", "quote": "B says b"}
    assert not any(key.startswith("_") for key in data["details"])


# -- detectors registry ----------------------------------------------------------------------
def test_registered_detector_joins_the_ranking(monkeypatch):
    monkeypatch.setattr(tensions_registry, "_REGISTERED", {})

    def every_claim(amap, context):
        for claim in amap:
            yield Tension("custom", 0.9, (claim.id,), explanation=f"custom {claim.id}")

    register_detector("custom", every_claim)
    amap = merged({"a": "A", "b": "B"}, [("rebuts", "b", "a", 1.0, "B")])
    ranked = find_tensions(amap)
    assert kinds(ranked) == ["custom", "custom", "cross-source-attack"]
    assert ranked[0].explanation == "custom a"


def test_entry_point_detectors_are_loaded(monkeypatch):
    class FakeEntryPoint:
        name = "plugin"
        value = "somewhere:detector"

        @staticmethod
        def load():
            return lambda amap, ctx: [
                Tension("plugin", 0.7, ("a",), explanation="from a plugin")
            ]

    import importlib.metadata

    monkeypatch.setattr(tensions_registry, "_ENTRY_POINTS", None)
    monkeypatch.setattr(
        importlib.metadata,
        "entry_points",
        lambda group: [FakeEntryPoint()] if group == "argmap.tension_detectors" else [],
    )
    amap = merged({"a": "A", "b": "B"}, [("rebuts", "b", "a", 1.0, "B")])
    assert kinds(find_tensions(amap)) == ["plugin", "cross-source-attack"]
    monkeypatch.setattr(tensions_registry, "_ENTRY_POINTS", None)


def test_detector_score_outside_range_is_an_error(monkeypatch):
    monkeypatch.setattr(tensions_registry, "_REGISTERED", {})
    register_detector("bad", lambda amap, ctx: [Tension("bad", 1.5, ("a",))])
    with pytest.raises(ArgmapError, match="outside 0..1"):
        find_tensions(merged({"a": "A"}, []))


def test_unknown_detector_name_is_an_error():
    with pytest.raises(ArgmapError, match="no tension detector named"):
        find_tensions(merged({"a": "A"}, []), only=["nope"])


# -- the command ----------------------------------------------------------------------------
MAP_A = """\
argmap: 1
id: alpha
claims:
  sky-blue:
    text: The sky is blue.
    quote: "the sky is blue"
    rebuts: [{to: beta#sky-green, weight: 0.9}]
"""
MAP_B = """\
argmap: 1
id: beta
claims:
  sky-green:
    text: The sky is green.
    quote: "the sky is green"
    rebuts: [alpha#sky-blue]
"""


@pytest.fixture
def two_maps(tmp_path):
    (tmp_path / "alpha.yaml").write_text(MAP_A, encoding="utf-8")
    (tmp_path / "beta.yaml").write_text(MAP_B, encoding="utf-8")
    return tmp_path


def test_cli_json_ranking_is_deterministic(two_maps):
    runner = CliRunner()
    first = runner.invoke(cli, ["tensions", str(two_maps), "--json"])
    second = runner.invoke(cli, ["tensions", str(two_maps), "--json"])
    assert first.exit_code == 0, first.output
    assert first.output == second.output
    data = json.loads(first.output)
    assert data["sources"] == ["alpha", "beta"]
    (top,) = data["tensions"]
    assert top["rank"] == 1
    assert set(top["claims"][:2]) == {"sky-blue", "sky-green"}
    assert {q["map"] for q in top["quotes"]} == {"alpha", "beta"}


def test_cli_table_shows_quotes_and_can_hide_them(two_maps):
    runner = CliRunner(env={"COLUMNS": "200"})  # wide enough not to wrap the quote
    shown = runner.invoke(cli, ["tensions", str(two_maps)])
    hidden = runner.invoke(cli, ["tensions", str(two_maps), "--no-quotes"])
    assert shown.exit_code == 0 and hidden.exit_code == 0
    assert "cross-source-attack" in shown.output
    assert '"the sky is green"' in shown.output
    assert "the sky is green" not in hidden.output


def test_cli_merged_map_never_takes_an_input_maps_id(two_maps):
    # An input map called "merged": the merge of the inputs is "merged-2".
    (two_maps / "gamma.yaml").write_text(
        "argmap: 1\nid: merged\nclaims:\n  x:\n    text: X.\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["tensions", str(two_maps), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["map"] == "merged-2"
    assert data["sources"] == ["alpha", "beta", "merged"]


def test_cli_rejects_a_bad_min_score(two_maps):
    result = CliRunner().invoke(cli, ["tensions", str(two_maps), "--min-score", "2"])
    assert result.exit_code == 2
    assert "between 0 and 1" in result.output


def test_cli_missing_path_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["tensions", str(tmp_path / "nowhere")])
    assert result.exit_code == 1
    assert "no such file or folder" in result.output


# -- the seed articles ----------------------------------------------------------------------
SEEDS = ("hitech-diplomacy.yaml", "contracts-not-declarations.yaml")


def test_seed_maps_rank_summits_against_contracts_first():
    result = CliRunner().invoke(
        cli, ["tensions", *(str(MAPS / n) for n in SEEDS), "--json"]
    )
    assert result.exit_code == 0, result.output
    top = json.loads(result.output)["tensions"][0]
    # The two central claims, as the seed maps name them.
    assert set(top["claims"][:2]) == {"exchanges-usher-cooperation", "contracts-decide"}
    assert top["sources"] == ["contracts-not-declarations", "hitech-diplomacy"]
    quoted = {(q["claim"], q["map"]) for q in top["quotes"] if q["quote"]}
    assert ("exchanges-usher-cooperation", "hitech-diplomacy") in quoted
    assert ("contracts-decide", "contracts-not-declarations") in quoted
    # The explanation names both claims (their text) and both sources.
    assert "ushering in a new spirit of cooperation" in top["explanation"]
    assert "decided by contracts" in top["explanation"]
    assert "(hitech-diplomacy)" in top["explanation"]
    assert "(contracts-not-declarations)" in top["explanation"]


def test_cli_notes_maps_read_beside_the_input_but_not_analysed():
    from pathlib import Path

    maps = Path(__file__).resolve().parent.parent / "maps"
    one = CliRunner().invoke(
        cli, ["tensions", str(maps / "contracts-not-declarations.yaml"), "--top", "1"]
    )
    assert one.exit_code == 0
    assert (
        "note: hitech-diplomacy (found beside the input) is referred to but not analysed"
        in one.stderr
    )
    both = CliRunner().invoke(cli, ["tensions", str(maps), "--top", "1"])
    assert "note:" not in both.stderr
    extension = CliRunner().invoke(
        cli, ["tensions", str(maps / "seminar" / "minji-objections.yaml"), "--top", "1"]
    )
    assert (
        "note: contracts" not in extension.stderr
    )  # the base is part of the extension's map
