"""The format-neutral document: key tables, the gate before any model, locations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap import readwrite
from argmap.diagnostics import MapError
from argmap.model import ArgumentMap, Claim, Location, Relation
from argmap.readwrite import document, yamlmap
from argmap.readwrite.builder import DocumentBuilder
from argmap.readwrite.document import (
    CLAIM_FIELDS,
    LINK_FROM,
    LINK_KIND,
    LINKS_KEY,
    MAP_FIELDS,
    PROVENANCE_KEYS,
    RELATION_FIELDS,
    SOURCE_KEYS,
    SUMMARY_KEYS,
    TARGET_KEY,
    Document,
)

DATA = Path(__file__).parent / "data" / "interop"
FOREIGN = {
    "json": ".json",
    "graphml": ".graphml",
    "aif": ".aif.json",
    "argdown": ".argdown",
}


# -- the key tables and the schema name the same fields -----------------------------
def schema_properties(*path: str) -> set[str]:
    node = document.schema()
    for step in path:
        node = node[step]
    return set(node["properties"])


def test_key_tables_name_exactly_the_schemas_fields():
    defs = ("$defs",)
    assert {"argmap", "id", "claims", LINKS_KEY, *(f.key for f in MAP_FIELDS)} == (
        schema_properties()
    )
    link = schema_properties(*defs, "link")
    assert link == {LINK_KIND, LINK_FROM, TARGET_KEY, *(f.key for f in RELATION_FIELDS)}
    assert {f.key for f in CLAIM_FIELDS} == schema_properties(*defs, "claim")
    relation = schema_properties(*defs, "relation", "else")
    assert {TARGET_KEY, *(f.key for f in RELATION_FIELDS)} == relation
    undercut = schema_properties(*defs, "undercut", "else")
    assert undercut == relation - {"scheme"}
    assert set(SOURCE_KEYS) == schema_properties(*defs, "source")
    assert set(PROVENANCE_KEYS) == set(
        document.schema()["$defs"]["claim"]["properties"]["provenance"]["items"][
            "properties"
        ]
    )
    assert set(SUMMARY_KEYS) == set(
        document.schema()["properties"]["merged_from"]["items"]["properties"]
    )


def test_key_tables_name_model_attributes():
    claim = Claim("a", "A.")
    assert all(
        hasattr(claim, f.attr) for f in CLAIM_FIELDS if f.kind != document.RELATIONS
    )
    relation = Relation("supports", "a", "b")
    assert all(hasattr(relation, f.attr) for f in RELATION_FIELDS)
    assert all(hasattr(ArgumentMap("m"), f.attr) for f in MAP_FIELDS)


# -- every reader gives documents that pass the gate before a map is built -----------
@pytest.mark.parametrize("fmt", sorted(FOREIGN))
def test_built_in_readers_give_documents(tmp_path, fmt):
    original = yamlmap.read(DATA / "rich.yaml")
    path = tmp_path / f"m{FOREIGN[fmt]}"
    readwrite.write(original, path)
    module = readwrite.format_for(path).load()
    docs, warnings = module.read_documents(path)
    assert warnings == []
    (doc,) = docs
    assert isinstance(doc, Document) and doc.path == str(path)
    assert document.check(doc) == []
    assert document.from_document(doc.data, doc.path, order=doc.order) == original


@pytest.mark.parametrize("fmt", sorted(FOREIGN))
def test_no_map_is_built_from_a_document_the_gate_refuses(tmp_path, monkeypatch, fmt):
    bad = ArgumentMap("../escaped", claims=[Claim("a", "A.")])
    path = tmp_path / f"m{FOREIGN[fmt]}"
    path.write_text(readwrite.dumps(bad, fmt))

    def never(*args, **kwargs):
        raise AssertionError("a map was built from a refused document")

    monkeypatch.setattr(document, "from_document", never)
    with pytest.raises(MapError) as caught:
        readwrite.read(path)
    (problem,) = caught.value.diagnostics
    assert problem.message == "id: '../escaped' is not a valid id or reference"


def test_a_relation_the_document_cannot_place_is_a_problem_of_the_document():
    builder = DocumentBuilder("m.json", "m")
    builder.add_claim("a", {"text": "A."}, line=3)
    builder.add_relation("supports", "o#b", "a", {"weight": 0.5}, line=7)
    builder.add_relation("supports", "m#a", "a")  # this map's own claim, qualified
    doc = builder.build()
    (problem,) = doc.problems
    assert (problem.code, problem.line) == ("relation-source", 7)
    assert "'o#b->a'" in problem.message
    assert doc.data["claims"]["a"]["supports"] == ["a"]


def test_builder_leaves_out_empty_values_and_keeps_wrong_ones_for_the_gate():
    builder = DocumentBuilder(None, "m")
    builder.add_claim(
        "a",
        {"text": "A.", "tags": [], "note": "", "override": False, "quote": ""},
    )
    builder.add_claim("b", {"text": "B.", "tags": "abc", "override": 0})
    builder.add_relation("rebuts", "a", "b", {"weight": 1.0, "with": []})
    data = builder.build().data
    assert data["claims"]["a"] == {"text": "A.", "quote": "", "rebuts": ["b"]}
    assert data["claims"]["b"] == {"text": "B.", "tags": "abc", "override": 0}


# -- a foreign file's relation order survives ------------------------------------------
def test_relation_order_of_a_foreign_file_is_kept(tmp_path):
    # AIF lists scheme nodes in its own order, not grouped by source claim
    # as a document is; converting must not reshuffle them.
    nodes = [{"nodeID": c, "text": c.upper() + ".", "type": "I"} for c in "abc"]
    edges = []
    for n, (kind, source, target) in enumerate(
        [("RA", "b", "a"), ("CA", "a", "c"), ("RA", "b", "c")]
    ):
        nodes.append({"nodeID": f"s{n}", "text": "", "type": kind})
        edges += [
            {"edgeID": f"{n}i", "fromID": source, "toID": f"s{n}"},
            {"edgeID": f"{n}o", "fromID": f"s{n}", "toID": target},
        ]
    path = tmp_path / "m.aif.json"
    path.write_text(json.dumps({"nodes": nodes, "edges": edges}))
    (amap,) = readwrite.read(path)
    assert [(r.kind, r.source, r.target) for r in amap.relations] == [
        ("supports", "b", "a"),
        ("rebuts", "a", "c"),
        ("supports", "b", "c"),
    ]


# -- locations -------------------------------------------------------------------------
YAML = """\
argmap: 1
id: m
claims:
  a:
    text: A.
    same_as: [o#x, o#y]
    supports:
      - b
      - {to: c, weight: 0.5}
  b: {text: B.}
  c:
    text: C.
    same_as:
      - o#z
"""


def test_yaml_claims_relations_and_same_as_items_carry_locations():
    amap = yamlmap.loads(YAML, "m.yaml")
    a = amap.claims["a"]
    assert a.location == Location("m.yaml", 4, 3) and a.line == 4
    assert [a.same_as_location(i) for i in range(2)] == [
        Location("m.yaml", 6, 15),
        Location("m.yaml", 6, 20),
    ]
    assert amap.claims["c"].same_as_line(0) == 14
    assert amap.claims["b"].same_as_location(0) == amap.claims["b"].location
    assert [(r.target, r.location) for r in amap.relations] == [
        ("b", Location("m.yaml", 8, 9)),
        ("c", Location("m.yaml", 9, 9)),
    ]
    assert amap.lines == {"argmap": 1, "id": 2, "claims": 3}


def test_locations_are_not_part_of_equality():
    assert yamlmap.loads(YAML, "m.yaml") == yamlmap.loads(
        "\n\n" + YAML.replace("argmap: 1\n", "argmap: 1\n\n"), "other.yaml"
    )


def test_foreign_relations_are_placed_at_their_source_claim(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(
        json.dumps(
            {
                "graph": {"id": "m"},
                "nodes": [{"id": "a", "text": "A."}, {"id": "b", "text": "B."}],
                "edges": [{"source": "a", "target": "b", "kind": "supports"}],
            },
            indent=1,
        )
    )
    (amap,) = readwrite.read(path)
    assert amap.claims["a"].location == Location(str(path), 7, None)
    # networkx keeps no edge lines: a relation is where its source claim is
    # (as a YAML map lists it under that claim), so its problems have a line.
    assert amap.relations[0].location == Location(str(path), 7, None)


def test_a_mapping_where_text_belongs_is_called_a_mapping():
    with pytest.raises(MapError) as caught:
        yamlmap.loads("argmap: 1\nid: m\nclaims:\n  a:\n    text: {x: 1}\n")
    (problem,) = caught.value.diagnostics
    assert problem.message == "claims.a.text: expected string, got a mapping"
