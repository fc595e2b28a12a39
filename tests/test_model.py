"""The model: references, the relation index, sources, the networkx view."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.model import (
    ATTACK_KINDS,
    RELATION_KINDS,
    ROLES,
    ArgumentMap,
    Claim,
    Provenance,
    Relation,
    is_relation_kind,
    is_role,
)

SCHEMA = (
    Path(__file__).resolve().parent.parent / "argmap" / "schema" / "map.schema.json"
)


def _map():
    amap = ArgumentMap("m", claims=[Claim("a", "A"), Claim("b", "B"), Claim("c", "C")])
    amap.add_relation(Relation("supports", "b", "a", id="b-a"))
    amap.add_relation(Relation("rebuts", "c", "m#a"))  # self-qualified
    amap.add_relation(Relation("undercuts", "c", "b->a"))
    amap.add_relation(Relation("rebuts", "c", "other#x"))
    return amap


def test_self_qualified_references_become_bare_ids():
    amap = _map()
    assert amap.relations[1].target == "a"
    amap.add_relation(Relation("undercuts", "m#b", "m#c->m#a"))
    assert (amap.relations[-1].source, amap.relations[-1].target) == ("b", "c->a")


def test_relation_references_resolve_by_id_and_by_source_target():
    amap = _map()
    supports = amap.relations[0]
    assert amap.relation("b-a") is supports
    assert amap.relation("b->a") is supports  # an id does not hide the pair form
    assert amap.relation("m#b->m#a") is supports
    assert amap.relation("c->b") is None
    amap.add_relation(Relation("rebuts", "b", "a"))
    assert len(amap.relations_by_key("b->a")) == 2 and amap.relation("b->a") is None


def test_sources_of_claims_plain_merged_and_external():
    amap = _map()
    assert amap.sources_of("a") == ("m",)
    assert amap.sources_of("other#x") == ("other",)
    merged = ArgumentMap(
        "merged",
        claims=[
            Claim("a", "A", provenance=(Provenance("q", "a"), Provenance("p", "a2")))
        ],
    )
    assert merged.sources_of("a") == ("p", "q")
    assert merged.source_ids() == ("p", "q")
    assert amap.source_ids() == ("m",)


def test_graph_view_keeps_parallel_relations_and_marks_external_claims():
    amap = _map()
    amap.add_relation(Relation("rebuts", "b", "a"))
    graph = amap.graph
    assert sorted(graph.nodes) == ["a", "b", "c", "other#x"]
    assert (
        graph.nodes["other#x"]["external"] is True
        and graph.nodes["a"]["claim"].text == "A"
    )
    assert sorted(d["kind"] for _, _, d in graph.edges("b", data=True)) == [
        "rebuts",
        "supports",
    ]
    assert graph.number_of_edges() == 4  # the undercut attacks a relation, not a claim
    amap.add_claim(Claim("d", "D"))
    assert "d" in amap.graph  # the cached view follows add_claim


def test_equality_sees_merged_from():
    one = ArgumentMap("x", merged_from=[ArgumentMap("p", "P")])
    two = ArgumentMap("x", merged_from=[ArgumentMap("q", "Q")])
    assert one != two


def test_split_relation_ref_names_the_map_of_an_undercut_target():
    from argmap.model import split_relation_ref

    assert split_relation_ref("other#a->other#b") == ("other", "a->b")
    assert split_relation_ref("other#r1") == ("other", "r1")
    assert split_relation_ref("a->b") == (None, "a->b")
    assert split_relation_ref("other#a->b") == (
        None,
        "other#a->b",
    )  # mixed: this map's relation


def test_the_vocabulary_is_the_schemas():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))["$defs"]
    assert tuple(schema["claim"]["properties"]["role"]["enum"]) == ROLES
    # A links file's entries name a relation kind, or same_as.
    assert tuple(schema["link"]["properties"]["kind"]["enum"]) == (
        *RELATION_KINDS,
        "same_as",
    )
    assert set(ATTACK_KINDS) < set(RELATION_KINDS)
    assert [is_relation_kind(k) for k in ("rebuts", "same_as", None)] == [
        True,
        False,
        False,
    ]
    assert [is_role(r) for r in ("thesis", "Thesis")] == [True, False]


def test_a_relation_of_another_kind_is_refused():
    with pytest.raises(ValueError, match="unknown relation kind 'attacks'"):
        ArgumentMap("m").add_relation(Relation("attacks", "a", "b"))
