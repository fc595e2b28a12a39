"""Suggested same_as links: the lexical matcher's score (Python API), and `argmap match`, a front over align."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from argmap.analysis.match import (
    MatchItem,
    content_words,
    match,
    match_items,
    score,
)
from argmap.analysis.merge import merge
from argmap.cli import cli
from argmap.readwrite.yamlmap import loads

A = """\
argmap: 1
id: a
claims:
  contracts:
    text: Technology cooperation is decided by contracts, not declarations.
  summits:
    text: Summits change the atmosphere of a relationship.
  talent:
    text: Researchers are moving to Chinese firms.
"""
B = """\
argmap: 1
id: b
claims:
  deals:
    text: Contracts, not declarations, decide technology cooperation.
  mood:
    text: A summit changes the atmosphere between two countries.
  chips:
    text: Chip exports need a US licence.
"""


@pytest.fixture
def ab():
    return [loads(A, "a.yaml"), loads(B, "b.yaml")]


def one_claim_map(map_id: str, claim_id: str, text: str):
    return loads(f"argmap: 1\nid: {map_id}\nclaims:\n  {claim_id}: {{text: {text}}}\n")


def test_content_words_fold_case_plurals_function_words_and_length():
    assert content_words("The Summits are changing the Atmosphere.") == [
        "atmosp",
        "changi",
        "summit",
    ]
    assert content_words("Coopération") == ["cooper"]
    assert content_words("it is what it is") == []


def test_score_by_hand():
    assert score("Contracts decide.", "Contracts decide.") == 1.0
    assert score("abc", "xyz") == 0.0
    # words {summit} and {summit, talk}: Dice 2*1/3; letters "summit" within
    # "summit talk": Indel similarity 2*6/(6+11) = 12/17
    assert score("summit", "summit talks") == pytest.approx((2 / 3 + 12 / 17) / 2)
    # nothing but function words: nothing to compare
    assert score("it is", "it is") == 0.0


def test_obvious_best_matches(ab):
    found = match(ab, top=1, min_score=0.5)
    pairs = [(m.a, m.b) for m in found]
    # the same content words in another order score 1.0 and come first
    assert pairs == [("a#contracts", "b#deals"), ("a#summits", "b#mood")]
    assert found[0].score == 1.0
    assert 0.5 <= found[1].score < 1.0
    assert found[0].same_as_line == "same_as: [b#deals]"
    assert (found[1].map_a, found[1].claim_a, found[1].map_b, found[1].claim_b) == (
        "a",
        "summits",
        "b",
        "mood",
    )


def test_scores_are_in_range_and_sorted(ab):
    found = match(ab, top=3, min_score=0.0)
    # each of the 3 claims of a has 3 partners in b: all 9 pairs
    assert len(found) == 9
    assert all(0.0 <= m.score <= 1.0 for m in found)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert match(list(reversed(ab)), top=3, min_score=0.0) == found


def test_threshold_keeps_only_pairs_at_or_above_it(ab):
    everything = match(ab, top=3, min_score=0.0)
    for threshold in (0.3, 0.6, 1.0):
        kept = match(ab, top=3, min_score=threshold)
        assert kept == [m for m in everything if m.score >= threshold]
    assert [(m.a, m.b) for m in match(ab, min_score=1.0)] == [
        ("a#contracts", "b#deals")
    ]


def test_pairs_linked_by_same_as_are_not_suggested(ab):
    a, b = ab
    a.claims["contracts"].same_as = ("b#deals",)
    pairs = [(m.a, m.b) for m in match([a, b], top=1, min_score=0.5)]
    assert pairs == [("a#summits", "b#mood")]


def test_claims_of_one_map_are_never_paired():
    twin = loads(
        "argmap: 1\nid: t\nclaims:\n  p: {text: Same words.}\n  q: {text: Same words.}\n"
    )
    assert match([twin], min_score=0.0) == []


def test_top_limits_partners_per_claim():
    a = one_claim_map("a", "a1", "Summits change the atmosphere.")
    b = one_claim_map("b", "b1", "Summits change the atmosphere.")
    c = one_claim_map("c", "c1", "Summits change the atmosphere of talks.")
    # top 1: a1 and b1 are each other's best; c1 scores the same with a1 and
    # b1 and keeps the smaller reference, a#a1.  b1-c1 is nobody's best.
    assert [(m.a, m.b) for m in match([a, b, c], top=1, min_score=0.0)] == [
        ("a#a1", "b#b1"),
        ("a#a1", "c#c1"),
    ]
    assert len(match([a, b, c], top=2, min_score=0.0)) == 3


def test_a_merged_map_is_not_matched_with_its_own_sources(ab):
    a, b = ab
    merged = merge([a, b])
    pairs = {(m.a, m.b) for m in match([merged, a], top=3, min_score=0.0)}
    # merged#contracts states a#contracts: the same claim, never suggested
    assert ("a#contracts", "merged#contracts") not in pairs
    # but merged#deals (from b) is still a candidate for a#contracts
    assert ("a#contracts", "merged#deals") in pairs


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))


def test_cli_json_shape(tmp_path, own_cache):
    (tmp_path / "a.yaml").write_text(A, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(B, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["match", str(tmp_path), "--top", "1", "--min-score", "0.95", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "top": 1,
        "min_score": 0.95,
        "matches": [
            {
                "score": 1.0,
                "a": {
                    "map": "a",
                    "claim": "contracts",
                    "text": "Technology cooperation is decided by contracts, not declarations.",
                },
                "b": {
                    "map": "b",
                    "claim": "deals",
                    "text": "Contracts, not declarations, decide technology cooperation.",
                },
                "same_as": "same_as: [b#deals]",
            }
        ],
    }


def test_cli_table_and_empty_result(tmp_path, own_cache):
    (tmp_path / "a.yaml").write_text(A, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(B, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(
        cli, ["match", str(tmp_path), "--min-score", "0.9"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0
    row = next(line for line in result.output.splitlines() if "1.00" in line)
    cells = [cell.strip() for cell in row.split("│")[1:-1]]
    assert cells[:2] == ["1", "1.00"]
    assert cells[2].startswith("contracts: Technology cooperation")
    assert cells[3:] == [
        "a",
        "deals: Contracts, not declarations, decide technology cooperation.",
        "b",
    ]
    # the line to paste comes after the table, whole, never wrapped
    assert "  #1 a / contracts:  same_as: [b#deals]" in result.output.splitlines()
    result = runner.invoke(
        cli, ["match", str(tmp_path / "a.yaml"), "--min-score", "0.9"]
    )
    assert result.exit_code == 0
    assert "no suggestions" in result.output
    result = runner.invoke(cli, ["match", str(tmp_path), "--min-score", "2"])
    assert result.exit_code == 2


def test_match_items_compares_groups_not_members():
    same = "Summits change the mood."
    groups = [
        [MatchItem("a#1", same, key=1), MatchItem("a#2", same, key=2)],
        [MatchItem("b#1", same, key=3), MatchItem("b#2", "Contracts decide.", key=4)],
    ]
    # a#1 and a#2 are one group: never paired.  Each a claim's best partner
    # is b#1 (identical text, score 1); b#2 shares no content word with it.
    found = match_items(groups, top=1, min_score=0.5)
    assert [(a.ref, b.ref, round(s, 4)) for a, b, s in found] == [
        ("a#1", "b#1", 1.0),
        ("a#2", "b#1", 1.0),
    ]
    # Items class_of puts in one class are already linked: not suggested.
    linked = match_items(
        groups, top=1, class_of=lambda key: 0 if key in (1, 3) else key
    )
    assert [(a.ref, b.ref) for a, b, _ in linked] == [("a#2", "b#1")]
