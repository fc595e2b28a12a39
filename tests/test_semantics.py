"""Grounded labelling and DF-QuAD strengths on textbook cases worked by hand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.semantics import (
    attack_graph,
    build_framework,
    dfquad,
    grounded_labelling,
    strengths,
)
from argmap.model import ArgumentMap, Claim, Provenance, Relation


def make_map(claims, relations, map_id="t"):
    """relations: (kind, source, target) or (kind, source, target, weight) or Relation."""
    rels = []
    for r in relations:
        if isinstance(r, Relation):
            rels.append(r)
        elif len(r) == 4:
            rels.append(Relation(r[0], r[1], r[2], weight=r[3]))
        else:
            rels.append(Relation(*r))
    return ArgumentMap(
        map_id, claims=[Claim(c, f"claim {c}") for c in claims], relations=rels
    )


def R(a, b, w=1.0):
    return ("rebuts", a, b, w)


def S(a, b, w=1.0):
    return ("supports", a, b, w)


# -- grounded ---------------------------------------------------------------------
def test_attack_chain_reinstates_the_end():
    # a is unattacked: in; b is attacked by an accepted claim: out; c's only
    # attacker is out: in.
    labels = grounded_labelling(make_map("abc", [R("a", "b"), R("b", "c")]))
    assert labels == {"a": "in", "b": "out", "c": "in"}


def test_mutual_attack_is_undecided():
    labels = grounded_labelling(make_map("ab", [R("a", "b"), R("b", "a")]))
    assert labels == {"a": "undecided", "b": "undecided"}


def test_odd_cycle_is_undecided():
    labels = grounded_labelling(
        make_map("abc", [R("a", "b"), R("b", "c"), R("c", "a")])
    )
    assert set(labels.values()) == {"undecided"}


def test_unattacked_claim_is_in():
    labels = grounded_labelling(make_map("xy", [S("x", "y")]))
    # Supports play no part in the grounded labelling.
    assert labels == {"x": "in", "y": "in"}


def test_cycle_broken_from_outside():
    # a->b, b->c, c->a, d->a.  d is unattacked: in, so a is out; b's only
    # attacker a is out: in; c is attacked by b (in): out.
    labels = grounded_labelling(
        make_map("abcd", [R("a", "b"), R("b", "c"), R("c", "a"), R("d", "a")])
    )
    assert labels == {"a": "out", "b": "in", "c": "out", "d": "in"}


def test_undercut_by_accepted_claim_reinstates_target():
    amap = make_map("abu", [R("a", "b"), ("undercuts", "u", "a->b")])
    # u is in, so the attack a->b does not hold and b keeps its place.
    assert grounded_labelling(amap) == {"a": "in", "b": "in", "u": "in"}


def test_defeated_undercut_restores_the_attack():
    amap = make_map("abuv", [R("a", "b"), ("undercuts", "u", "a->b"), R("v", "u")])
    # v beats u, so the attack holds again and b is out.
    assert grounded_labelling(amap) == {"a": "in", "b": "out", "u": "out", "v": "in"}


def test_undecided_undercut_leaves_target_undecided():
    # u and w attack each other (undecided), so whether a->b holds is undecided.
    amap = make_map(
        "abuw", [R("a", "b"), ("undercuts", "u", "a->b"), R("u", "w"), R("w", "u")]
    )
    labels = grounded_labelling(amap)
    assert labels["a"] == "in"
    assert labels["b"] == "undecided"


def test_undercut_names_a_relation_by_id():
    amap = ArgumentMap(
        "t",
        claims=[Claim(c, c) for c in "abu"],
        relations=[
            Relation("rebuts", "a", "b", id="r1"),
            Relation("undercuts", "u", "r1"),
        ],
    )
    assert grounded_labelling(amap)["b"] == "in"


def test_undercut_of_an_undercut():
    # u cuts a->b; x cuts u's undercut: the attack a->b holds again.
    amap = ArgumentMap(
        "t",
        claims=[Claim(c, c) for c in "abux"],
        relations=[
            Relation("rebuts", "a", "b"),
            Relation("undercuts", "u", "a->b", id="cut"),
            Relation("undercuts", "x", "cut"),
        ],
    )
    assert grounded_labelling(amap)["b"] == "out"


def test_undercut_of_a_support_changes_no_label():
    amap = make_map("abu", [S("a", "b"), ("undercuts", "u", "a->b")])
    assert grounded_labelling(amap) == {"a": "in", "b": "in", "u": "in"}


def test_cross_map_reference_is_an_unattacked_claim():
    amap = make_map("ab", [R("a", "b"), R("other#x", "a")])
    # other#x is not in the map, so nothing attacks it: in; a out; b in.
    assert grounded_labelling(amap) == {"a": "out", "b": "in", "other#x": "in"}


def test_merged_map_resolves_references_through_provenance():
    amap = ArgumentMap(
        "merged",
        claims=[
            Claim("a", "A", provenance=(Provenance("m1", "a1"),)),
            Claim("b", "B", provenance=(Provenance("m2", "b1"),)),
        ],
        relations=[Relation("rebuts", "m1#a1", "m2#b1")],
    )
    assert grounded_labelling(amap) == {"a": "in", "b": "out"}


# -- DF-QuAD ----------------------------------------------------------------------
def test_single_supporter():
    # s(a) = 0.5 (no parents).  c: vs = 1 * 0.5, s = 0.5 + (1 - 0.5) * 0.5 = 0.75.
    assert strengths(make_map("ac", [S("a", "c")]))["c"] == pytest.approx(0.75)


def test_single_weighted_supporter():
    # vs = 0.6 * 0.5 = 0.3; s = 0.5 + 0.5 * 0.3 = 0.65.
    assert strengths(make_map("ac", [S("a", "c", 0.6)]))["c"] == pytest.approx(0.65)


def test_single_attacker():
    # va = 0.5; s = 0.5 - 0.5 * 0.5 = 0.25.
    assert strengths(make_map("ac", [R("a", "c")]))["c"] == pytest.approx(0.25)


def test_equal_support_and_attack_leave_the_base_score():
    # vs = va = 0.5, so s = base = 0.5.
    s = strengths(make_map("abc", [S("a", "c"), R("b", "c")]))
    assert s["c"] == pytest.approx(0.5)


def test_two_supporters_aggregate_by_probabilistic_sum():
    # vs = 1 - (1 - 0.5)(1 - 0.5) = 0.75; s = 0.5 + 0.5 * 0.75 = 0.875.
    s = strengths(make_map("abc", [S("a", "c"), S("b", "c")]))
    assert s["c"] == pytest.approx(0.875)


def test_attack_chain_strengths():
    # a = 0.5; b = 0.5 - 0.5 * 0.5 = 0.25; c = 0.5 - 0.5 * 0.25 = 0.375.
    s = strengths(make_map("abc", [R("a", "b"), R("b", "c")]))
    assert s == pytest.approx({"a": 0.5, "b": 0.25, "c": 0.375})


def test_mutual_attack_converges_to_the_fixpoint():
    # a = 0.5 - 0.5 b and b = 0.5 - 0.5 a; by symmetry a = b = x, x = 0.5 - 0.5 x, x = 1/3.
    amap = make_map("ab", [R("a", "b"), R("b", "a")])
    result = dfquad(amap)
    assert result.converged
    assert strengths(amap) == pytest.approx({"a": 1 / 3, "b": 1 / 3}, abs=1e-8)


def test_odd_cycle_converges():
    # Each claim has one attacker of the same strength: x = 0.5 - 0.5 x, x = 1/3.
    s = strengths(make_map("abc", [R("a", "b"), R("b", "c"), R("c", "a")]))
    assert list(s.values()) == pytest.approx([1 / 3] * 3, abs=1e-8)


def test_claim_level_base_score():
    # a has base 0.8 and no parents: 0.8; c: vs = 0.8, s = 0.5 + 0.5 * 0.8 = 0.9.
    s = strengths(make_map("ac", [S("a", "c")]), base={"a": 0.8})
    assert s == pytest.approx({"a": 0.8, "c": 0.9})


def test_undercut_weakens_the_relation():
    # u = 0.5 cuts a->b with weight 0.5: w = 1 * (1 - 0.5 * 0.5) = 0.75;
    # vs = 0.75 * 0.5 = 0.375; b = 0.5 + 0.5 * 0.375 = 0.6875.
    amap = make_map("abu", [S("a", "b"), ("undercuts", "u", "a->b", 0.5)])
    assert strengths(amap)["b"] == pytest.approx(0.6875)


def test_full_undercut_by_full_strength_claim_cancels_the_relation():
    # u has base 1.0; weight 1: the support's weight becomes 0 and b keeps 0.5.
    amap = make_map("abu", [S("a", "b"), ("undercuts", "u", "a->b")])
    assert strengths(amap, base={"u": 1.0})["b"] == pytest.approx(0.5)


def test_bad_base_is_refused():
    with pytest.raises(ValueError):
        strengths(make_map("a", []), base=1.5)


# -- properties ---------------------------------------------------------------------
def naive_grounded(nodes, attacks):
    """Least fixpoint of the characteristic function, by plain iteration."""
    attackers = {n: {a for a, b in attacks if b == n} for n in nodes}
    accepted: set = set()
    while True:
        defeated = {b for a, b in attacks if a in accepted}
        new = {n for n in nodes if attackers[n] <= defeated}
        if new == accepted:
            break
        accepted = new
    defeated = {b for a, b in attacks if a in accepted}
    return {
        n: "in" if n in accepted else "out" if n in defeated else "undecided"
        for n in nodes
    }


small_graphs = st.integers(min_value=1, max_value=7).flatmap(
    lambda n: st.tuples(
        st.just([f"c{i}" for i in range(n)]),
        st.lists(
            st.tuples(
                st.sampled_from(["supports", "rebuts"]),
                st.integers(0, n - 1),
                st.integers(0, n - 1),
                st.sampled_from([0.3, 0.5, 1.0]),
            ).filter(lambda r: r[1] != r[2]),
            max_size=14,
            unique_by=lambda r: (r[0], r[1], r[2]),
        ),
    )
)


@settings(max_examples=150, deadline=None)
@given(small_graphs)
def test_grounded_matches_the_characteristic_function(graph):
    nodes, rels = graph
    amap = make_map(nodes, [(k, f"c{a}", f"c{b}", w) for k, a, b, w in rels])
    attacks = {(f"c{a}", f"c{b}") for k, a, b, _ in rels if k == "rebuts"}
    assert grounded_labelling(amap) == naive_grounded(nodes, attacks)


@settings(max_examples=150, deadline=None)
@given(small_graphs)
def test_strengths_solve_the_dfquad_equations(graph):
    nodes, rels = graph
    amap = make_map(nodes, [(k, f"c{a}", f"c{b}", w) for k, a, b, w in rels])
    result = dfquad(amap)
    s = strengths(amap)
    assert all(0.0 <= v <= 1.0 for v in s.values())
    assert result.converged
    for node in nodes:
        va = vs = 0.0
        prod_a = prod_s = 1.0
        for k, a, b, w in rels:
            if f"c{b}" == node:
                if k == "rebuts":
                    prod_a *= 1 - w * s[f"c{a}"]
                else:
                    prod_s *= 1 - w * s[f"c{a}"]
        va, vs = 1 - prod_a, 1 - prod_s
        expected = 0.5 - 0.5 * (va - vs) if va >= vs else 0.5 + 0.5 * (vs - va)
        assert s[node] == pytest.approx(expected, abs=1e-6)


def test_framework_counts_relations_and_external_nodes():
    amap = make_map(
        "ab", [S("a", "b"), R("x#y", "b"), ("undercuts", "a", "nothing->here")]
    )
    fw = build_framework(amap)
    assert fw.nodes == ["a", "b", "x#y"]
    assert fw.n_claims == 2
    assert [u.target for u in fw.unresolved] == ["nothing->here"]


# Claim relations as above, plus undercuts (source claim, relation number,
# weight) of those relations; undercuts of undercuts are tested by hand above.
graphs_with_undercuts = small_graphs.flatmap(
    lambda g: st.tuples(
        st.just(g[0]),
        st.just(g[1]),
        st.lists(
            st.tuples(
                st.integers(0, len(g[0]) - 1),
                st.integers(0, max(len(g[1]) - 1, 0)),
                st.sampled_from([0.5, 1.0]),
            ),
            max_size=4 if g[1] else 0,
            unique_by=lambda u: (u[0], u[1]),
        ),
    )
)


def map_with_undercuts(nodes, rels, cuts):
    """Relation j gets id r<j>; an undercut names it by key when that is unique, else by id."""
    pairs = [(a, b) for _, a, b, _ in rels]
    relations = [
        Relation(k, f"c{a}", f"c{b}", weight=w, id=f"r{j}")
        for j, (k, a, b, w) in enumerate(rels)
    ]
    for u, j, w in cuts:
        a, b = pairs[j]
        target = f"c{a}->c{b}" if pairs.count((a, b)) == 1 else f"r{j}"
        relations.append(Relation("undercuts", f"c{u}", target, weight=w))
    return ArgumentMap("t", claims=[Claim(c, c) for c in nodes], relations=relations)


@settings(max_examples=150, deadline=None)
@given(graphs_with_undercuts)
def test_grounded_with_undercuts_matches_the_translated_framework(graph):
    nodes, rels, cuts = graph
    amap = map_with_undercuts(nodes, rels, cuts)
    # The translation of the module docstring, written out: an undercut rebuttal
    # a -> b becomes a -> X -> Y -> b, and every undercutter attacks Y.
    attacks, extra = set(), []
    for j, (kind, a, b, _) in enumerate(rels):
        if kind != "rebuts":
            continue  # an undercut of a support changes no attack
        cutters = [f"c{u}" for u, target, _ in cuts if target == j]
        if not cutters:
            attacks.add((f"c{a}", f"c{b}"))
            continue
        x, y = f"x{j}", f"y{j}"
        extra += [x, y]
        attacks |= {(f"c{a}", x), (x, y), (y, f"c{b}")}
        attacks |= {(c, y) for c in cutters}
    expected = naive_grounded(nodes + extra, attacks)
    assert grounded_labelling(amap) == {n: expected[n] for n in nodes}


@settings(max_examples=150, deadline=None)
@given(graphs_with_undercuts)
def test_strengths_with_undercuts_solve_the_dfquad_equations(graph):
    nodes, rels, cuts = graph
    amap = map_with_undercuts(nodes, rels, cuts)
    result = dfquad(amap)
    assert result.converged
    s = strengths(amap)
    # Effective weight: w_r * prod over the undercuts u of r of (1 - w_u * s(u)).
    weight = [w for *_, w in rels]
    for u, j, w in cuts:
        weight[j] *= 1 - w * s[f"c{u}"]
    for node in nodes:
        prod_a = prod_s = 1.0
        for (k, a, b, _), w in zip(rels, weight):
            if f"c{b}" == node:
                if k == "rebuts":
                    prod_a *= 1 - w * s[f"c{a}"]
                else:
                    prod_s *= 1 - w * s[f"c{a}"]
        va, vs = 1 - prod_a, 1 - prod_s
        expected = 0.5 - 0.5 * (va - vs) if va >= vs else 0.5 + 0.5 * (vs - va)
        assert s[node] == pytest.approx(expected, abs=1e-6)


def test_undercut_by_key_names_a_relation_that_has_an_id():
    # The model's rule: "a->b" names the rebuttal whether or not it has an id.
    amap = ArgumentMap(
        "t",
        claims=[Claim(c, c) for c in "abu"],
        relations=[
            Relation("rebuts", "a", "b", id="r1"),
            Relation("undercuts", "u", "a->b"),
        ],
    )
    assert build_framework(amap).unresolved == []
    assert grounded_labelling(amap)["b"] == "in"


def test_ambiguous_undercut_is_left_unresolved():
    # a both supports and rebuts b: "a->b" names two relations (the checker's
    # ambiguous-relation error), so the undercut cuts neither and b stays out.
    amap = make_map("abu", [S("a", "b"), R("a", "b"), ("undercuts", "u", "a->b")])
    fw = build_framework(amap)
    assert [u.target for u in fw.unresolved] == ["a->b"]
    assert len(fw.undercuts) == 0
    assert grounded_labelling(amap)["b"] == "out"


def test_attack_graph_translates_an_undercut_attack():
    # Nodes a=0, b=1, u=2; the cut rebuttal a->b (relation 0) gets X=3, Y=4:
    # a -> X -> Y -> b, and the undercut (relation 1) u -> Y.
    amap = make_map("abu", [R("a", "b"), ("undercuts", "u", "a->b")])
    fw = build_framework(amap)
    sources, targets, n, relations = attack_graph(fw)
    assert n == 5
    edges = sorted(zip(sources.tolist(), targets.tolist(), relations.tolist()))
    assert edges == [(0, 3, 0), (2, 4, 1), (3, 4, 0), (4, 1, 0)]
    # u in; X attacked by a (in): out; Y attacked by u (in): out; b: in.
    assert fw.grounded_codes().tolist() == [1, 1, 1, 2, 2]


def test_incoming_relations_are_grouped_by_target():
    amap = make_map("abc", [S("a", "c"), R("b", "c"), S("c", "a")])
    indptr, numbers = build_framework(amap).incoming_relations()
    into = {
        n: sorted(numbers[indptr[i] : indptr[i + 1]].tolist())
        for i, n in enumerate("abc")
    }
    assert into == {"a": [2], "b": [], "c": [0, 1]}
