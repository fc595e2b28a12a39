"""The detector API: what a plugin detector receives (claim-level accessors)
and what it may yield (tensions, or candidates worded late)."""

from __future__ import annotations

import pytest

from argmap.analysis.tensions import (
    Candidate,
    Link,
    Quote,
    Tension,
    TensionContext,
    find_tensions,
    register_detector,
    registry,
)
from argmap.diagnostics import ArgmapError
from argmap.model import ArgumentMap, Claim, Provenance, Relation


def _map() -> ArgumentMap:
    # p (A) supports a (A); b (B) rebuts a with weight 0.6.
    # s(b) = s(p) = 0.5; vs(a) = 0.5, va(a) = 0.6 * 0.5 = 0.3;
    # s(a) = 0.5 + 0.5 * (0.5 - 0.3) = 0.6.  Grounded: b in, so a out; p in.
    claims = [
        Claim(
            c,
            f"Claim {c.upper()}",
            provenance=(Provenance(m, c, quote=f"{m} says {c}"),),
        )
        for c, m in (("a", "A"), ("p", "A"), ("b", "B"))
    ]
    relations = [
        Relation("supports", "p", "a", asserted_by=("A",)),
        Relation("rebuts", "b", "a", weight=0.6, asserted_by=("B",)),
    ]
    return ArgumentMap("merged", claims=claims, relations=relations)


@pytest.fixture
def no_plugins(monkeypatch):
    monkeypatch.setattr(registry, "_REGISTERED", {})
    monkeypatch.setattr(registry, "_ENTRY_POINTS", {})


def test_context_accessors_take_claim_ids():
    amap = _map()
    ctx = TensionContext(amap)
    assert ctx.claims == ("a", "p", "b")
    assert ctx.sources("a") == ("A",) and ctx.sources("b") == ("B",)
    assert ctx.strength("a") == pytest.approx(0.6)
    assert ctx.attack("a") == pytest.approx(0.3)
    assert ctx.support("a") == pytest.approx(0.5)
    assert [ctx.label(c) for c in ctx.claims] == ["out", "in", "in"]
    (attack,) = ctx.attacks_on("a")
    assert attack == Link(amap.relations[1], "b", "a", 0.6, pytest.approx(0.3), ("B",))
    assert attack.kind == "rebuts"
    (support,) = ctx.supports_of("a")
    assert (support.source, support.weight, support.force) == ("p", 1.0, 0.5)
    assert support.asserted_by == ("A",)
    assert ctx.attacks_on("b") == () and ctx.supports_of("p") == ()
    assert ctx.text("a") == "Claim A"
    assert ctx.describe("a") == '"Claim A" (A)'
    assert ctx.quotes("b") == (Quote("b", "B", "B says b"),)
    with pytest.raises(KeyError, match="no claim 'nope'"):
        ctx.strength("nope")


def test_context_names_claims_of_other_maps():
    amap = ArgumentMap(
        "mine",
        claims=[Claim("x", "X says so")],
        relations=[Relation("rebuts", "x", "other#y")],
    )
    ctx = TensionContext(amap)
    assert ctx.claims == ("x", "other#y")
    assert ctx.sources("other#y") == ("other",)
    assert ctx.attacks_on("other#y")[0].asserted_by == ("mine",)
    assert ctx.quotes("other#y") == (Quote("other#y", "other", None),)


def test_a_candidate_is_grouped_by_the_claims_it_names(no_plugins):
    # Listed on p alone, but grouped as a clash of b and a: it joins the
    # rebuttal of a by b (with a's contested-claim tension).
    def echo(amap, context):
        tension = Tension("echo", 0.2, ("p",))
        yield context.candidate(tension, claims=("b", "a"))

    register_detector("echo", echo)
    (group,) = find_tensions(_map())
    assert group.kind == "cross-source-attack"
    assert [m["kind"] for m in group.details["members"]] == ["contested-claim", "echo"]
    assert group.claims == ("b", "a", "p")
    assert group.explanation.endswith("(and 2 related points: contested claims, echo)")


def test_a_candidate_is_worded_only_when_it_makes_the_ranking(no_plugins):
    worded = []

    def words(name):
        def explain():
            worded.append(name)
            return f"  {name}\n worded late "

        return explain

    def late(amap, context):
        yield context.candidate(Tension("late", 0.9, ("p",)), explain=words("kept"))
        yield context.candidate(Tension("late", 0.05, ("b",)), explain=words("cut"))

    register_detector("late", late)
    (kept,) = find_tensions(_map(), only=["late"], min_score=0.1)
    assert worded == ["kept"]
    assert kept.explanation == "kept worded late"
    assert kept.quotes == (Quote("p", "A", "A says p"),)  # filled in from the claim


def test_track_takes_node_numbers_and_returns_the_candidate():
    ctx = TensionContext(_map())
    tension = Tension("custom", 0.5, ("a",))
    candidate = ctx.track(tension, [2, 0])
    assert candidate == Candidate(tension, (2, 0))
    assert ctx.candidate(tension, claims=("b", "a")) == candidate


def test_a_detector_yielding_something_else_is_an_error(no_plugins):
    register_detector("wrong", lambda amap, ctx: [{"kind": "x", "score": 0.5}])
    with pytest.raises(ArgmapError, match="'wrong' yielded dict, not a Tension"):
        find_tensions(_map())
