"""Every reader's maps pass the map format's structure rules; writers lose nothing silently."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import readwrite
from argmap.cli import cli
from argmap.diagnostics import MapError
from argmap.model import ArgumentMap, Claim, Provenance, Relation, Source
from argmap.readwrite import aif, argdown, mermaid, yamlmap

DATA = Path(__file__).parent / "data" / "interop"


def node_link(nodes, edges=(), graph=None) -> dict:
    return {
        "directed": True,
        "multigraph": True,
        "graph": {"id": "m", **(graph or {})},
        "nodes": list(nodes),
        "edges": list(edges),
    }


def write_json(tmp_path, data, name="m.json", *, indent=1) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=indent), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    """The first line of *path* that contains *needle* (worked out from the file, not the reader)."""
    return next(
        n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line
    )


def problems(path) -> list:
    with pytest.raises(MapError) as caught:
        readwrite.read(path)
    return caught.value.diagnostics


# -- the gate: node-link JSON -----------------------------------------------------
@pytest.mark.parametrize("bad_id", ["a#b", "c->d", "x y"])
def test_json_claim_id_that_is_no_id_is_refused_at_its_line(tmp_path, bad_id):
    path = write_json(
        tmp_path,
        node_link(
            [
                {"id": "ok", "kind": "claim", "text": "Fine."},
                {"id": bad_id, "kind": "claim", "text": "Bad."},
            ]
        ),
    )
    (problem,) = problems(path)
    assert problem.path == str(path)
    assert problem.message == f"claim id {bad_id!r} is not a valid id"
    assert problem.line == line_of(path, json.dumps(bad_id))


@pytest.mark.parametrize("bad_id", ["bad map", "../escaped"])
def test_json_map_id_that_is_no_slug_is_refused(tmp_path, bad_id):
    path = write_json(
        tmp_path, node_link([{"id": "a", "text": "A."}], graph={"id": bad_id})
    )
    (problem,) = problems(path)
    assert problem.message == f"id: {bad_id!r} is not a valid id or reference"
    assert problem.line == line_of(path, json.dumps(bad_id))


def test_render_does_not_write_outside_its_output_folder(tmp_path):
    # The path traversal of the review: a map id "../escaped" became the
    # output file out/../escaped.svg.
    work = tmp_path / "work"
    work.mkdir()
    evil = write_json(
        work,
        node_link([{"id": "a", "text": "A."}], graph={"id": "../escaped"}),
        "evil.json",
    )
    result = CliRunner().invoke(
        cli, ["render", str(evil), "-o", str(work / "out") + "/"]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output + result.stderr
    assert (
        "evil.json" in result.stderr
        and "'../escaped' is not a valid id" in result.stderr
    )
    assert sorted(p.name for p in work.rglob("*")) == ["evil.json"]


def test_json_role_outside_the_list_is_refused(tmp_path):
    path = write_json(tmp_path, node_link([{"id": "a", "text": "A.", "role": "boss"}]))
    (problem,) = problems(path)
    assert (
        problem.message
        == "claims.a.role: 'boss' is not one of thesis, premise, evidence, objection"
    )


@pytest.mark.parametrize(
    "weight, shown", [(7, "7.0"), (-0.5, "-0.5"), (float("inf"), "inf")]
)
def test_json_weight_outside_0_1_is_refused(tmp_path, weight, shown):
    nodes = [{"id": "a", "text": "A."}, {"id": "b", "text": "B."}]
    path = write_json(
        tmp_path,
        node_link(
            nodes,
            [{"source": "a", "target": "b", "kind": "supports", "weight": weight}],
        ),
    )
    (problem,) = problems(path)
    assert problem.message == f"claims.a.supports.0.weight: {shown} is outside 0..1"
    assert problem.line == line_of(path, '"id": "a"')  # the source claim's node


def test_json_nan_weight_is_refused(tmp_path):
    # JSON's NaN passes jsonschema's 0..1 bounds (every comparison with NaN
    # is false); DF-QuAD would then give NaN strengths.
    nodes = [{"id": "a", "text": "A."}, {"id": "b", "text": "B."}]
    path = write_json(
        tmp_path,
        node_link(
            nodes,
            [{"source": "a", "target": "b", "kind": "rebuts", "weight": float("nan")}],
        ),
    )
    assert "NaN" in path.read_text()
    (problem,) = problems(path)
    assert (
        problem.message
        == "claims.a.rebuts.0.weight: NaN is not a number between 0 and 1"
    )


def test_yaml_nan_weight_is_refused_with_its_line():
    text = "argmap: 1\nid: m\nclaims:\n  a:\n    text: A.\n    supports:\n      - {to: b, weight: .nan}\n  b:\n    text: B.\n"
    with pytest.raises(MapError) as caught:
        yamlmap.loads(text, "m.yaml")
    (problem,) = caught.value.diagnostics
    assert (problem.line, problem.column) == (7, 17)  # the weight key
    assert "NaN is not a number between 0 and 1" in problem.message


def test_json_relation_from_another_maps_claim_is_refused_naming_it(tmp_path):
    nodes = [{"id": "a", "text": "A."}, {"id": "o#b", "kind": "external"}]
    path = write_json(
        tmp_path,
        node_link(nodes, [{"source": "o#b", "target": "a", "kind": "supports"}]),
    )
    (problem,) = problems(path)
    assert problem.code == "relation-source"
    assert "supports relation 'o#b->a'" in problem.message
    assert "not a claim of map 'm'" in problem.message


def test_gate_reports_every_problem_of_a_file(tmp_path):
    nodes = [{"id": "a#b", "text": "A."}, {"id": "c", "text": "C.", "role": "boss"}]
    path = write_json(tmp_path, node_link(nodes, graph={"id": "bad map"}))
    messages = sorted(p.message for p in problems(path))
    assert messages == [
        "claim id 'a#b' is not a valid id",
        "claims.c.role: 'boss' is not one of thesis, premise, evidence, objection",
        "id: 'bad map' is not a valid id or reference",
    ]


def test_workspace_loading_reports_gate_problems_with_the_file(tmp_path):
    path = write_json(tmp_path, node_link([{"id": "a", "text": "A.", "role": "boss"}]))
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:" in result.stderr and "'boss' is not one of" in result.stderr


# -- the gate: GraphML ------------------------------------------------------------
def graphml_text(node_id="a", role="premise", weight="0.5", map_id="m") -> str:
    return f"""<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="node" attr.name="text" attr.type="string"/>
  <key id="d1" for="node" attr.name="role" attr.type="string"/>
  <key id="d2" for="edge" attr.name="kind" attr.type="string"/>
  <key id="d3" for="edge" attr.name="weight" attr.type="double"/>
  <graph edgedefault="directed" id="{map_id}">
    <node id="b"><data key="d0">B.</data></node>
    <node id="{node_id}"><data key="d0">A.</data><data key="d1">{role}</data></node>
    <edge source="{node_id}" target="b"><data key="d2">supports</data><data key="d3">{weight}</data></edge>
  </graph>
</graphml>
"""


def test_graphml_good_file_passes(tmp_path):
    path = tmp_path / "g.graphml"
    path.write_text(graphml_text())
    (amap,) = readwrite.read(path)
    assert (amap.id, amap.claims["a"].role, amap.relations[0].weight) == (
        "m",
        "premise",
        0.5,
    )


@pytest.mark.parametrize(
    "fields, message, line",
    [
        (
            {"role": "boss"},
            "claims.a.role: 'boss' is not one of thesis, premise, evidence, objection",
            9,
        ),
        (
            {"weight": "NaN"},
            "claims.a.supports.0.weight: NaN is not a number between 0 and 1",
            9,
        ),
        ({"weight": "7"}, "claims.a.supports.0.weight: 7.0 is outside 0..1", 9),
        ({"node_id": "a#b"}, "claim id 'a#b' is not a valid id", 9),
        (
            {"map_id": "../escaped"},
            "id: '../escaped' is not a valid id or reference",
            7,
        ),
    ],
)
def test_graphml_structure_problems_are_refused_at_their_line(
    tmp_path, fields, message, line
):
    path = tmp_path / "g.graphml"
    path.write_text(graphml_text(**fields))
    (problem,) = problems(path)
    assert (problem.path, problem.message, problem.line) == (str(path), message, line)


# -- the gate: AIF -----------------------------------------------------------------
def aif_doc(i_node_ext=None, meta=None, ra_ext=None) -> dict:
    a = {"nodeID": "a", "text": "A.", "type": "I"}
    if i_node_ext is not None:
        a["argmap"] = i_node_ext
    ra = {"nodeID": "ra-1", "text": "Default Inference", "type": "RA"}
    if ra_ext is not None:
        ra["argmap"] = ra_ext
    return {
        "nodes": [a, {"nodeID": "b", "text": "B.", "type": "I"}, ra],
        "edges": [
            {"edgeID": "e-1", "fromID": "a", "toID": "ra-1"},
            {"edgeID": "e-2", "fromID": "ra-1", "toID": "b"},
        ],
        "locutions": [],
        "argmap": {"id": "m", **(meta or {})},
    }


@pytest.mark.parametrize(
    "doc, words",
    [
        # The gate's words: what a YAML file with the same mistake is told.
        (aif_doc(meta={"source": {"foo": 1}}), "source: unknown field 'foo'"),
        (aif_doc(meta={"source": "a paper"}), "source: expected object, got text"),
        (
            aif_doc(meta={"merged_from": [{"title": "T"}]}),
            "merged_from.0: missing required field 'id'",
        ),
        (
            aif_doc({"provenance": [{"map": "m"}]}),
            "claims.a.provenance.0: missing required field 'claim'",
        ),
        (aif_doc({"provenance": "m#a"}), "claims.a.provenance: expected array"),
        (aif_doc({"tags": "abc"}), "claims.a.tags: expected array, got text"),
        (
            aif_doc({"same_as": [1]}),
            "claims.a.same_as.0: this is read as a number (1), not as text",
        ),
        (aif_doc({"override": "yes"}), "claims.a.override: expected boolean"),
        (
            aif_doc(ra_ext={"weight": "heavy"}),
            "claims.a.supports.0.weight: expected number, got text",
        ),
        (
            aif_doc(ra_ext={"asserted_by": "m"}),
            "claims.a.supports.0.asserted_by: expected array",
        ),
    ],
)
def test_aif_bad_argmap_fields_are_map_errors_not_tracebacks(tmp_path, doc, words):
    path = write_json(tmp_path, doc, "m.aif.json")
    (problem,) = problems(path)
    assert problem.path == str(path)
    assert words in problem.message


def test_aif_bad_i_node_field_is_located_at_the_node(tmp_path):
    path = write_json(tmp_path, aif_doc({"tags": "abc"}), "m.aif.json")
    (problem,) = problems(path)
    assert problem.line == line_of(path, '"nodeID": "a"')


@pytest.mark.parametrize(
    "doc, message",
    [
        (
            aif_doc({"role": "boss"}),
            "claims.a.role: 'boss' is not one of thesis, premise, evidence, objection",
        ),
        (
            aif_doc(meta={"id": "../escaped"}),
            "id: '../escaped' is not a valid id or reference",
        ),
        (
            aif_doc(ra_ext={"weight": 7}),
            "claims.a.supports.0.weight: 7.0 is outside 0..1",
        ),
        (
            aif_doc(ra_ext={"id": "c->d"}),
            "claims.a.supports.0.id: 'c->d' is not a valid id or reference",
        ),
    ],
)
def test_aif_structure_problems_pass_the_gate_too(tmp_path, doc, message):
    path = write_json(tmp_path, doc, "m.aif.json")
    (problem,) = problems(path)
    assert problem.message == message


def test_aif_role_problem_is_located_at_the_i_node(tmp_path):
    path = write_json(tmp_path, aif_doc({"role": "boss"}), "m.aif.json")
    (problem,) = problems(path)
    assert problem.line == line_of(path, '"nodeID": "a"')


# -- the gate: Argdown -----------------------------------------------------------------
def test_argdown_frontmatter_map_id_is_checked(tmp_path):
    path = tmp_path / "m.argdown"
    path.write_text('===\ntitle: T\nid: "../escaped"\n===\n\n[a]: A.\n')
    (problem,) = problems(path)
    assert problem.message == "id: '../escaped' is not a valid id or reference"
    assert problem.line == 3


def test_argdown_claim_id_from_a_data_block_is_checked(tmp_path):
    path = tmp_path / "m.argdown"
    path.write_text("[a]: A. {id: 'x y'}\n\n[b]: B.\n")
    (problem,) = problems(path)
    assert problem.message == "claim id 'x y' is not a valid id"
    assert problem.line == 1


def test_argdown_bad_provenance_is_a_map_error(tmp_path):
    path = tmp_path / "m.argdown"
    path.write_text("[a]: A. {provenance: [{map: m}]}\n")
    (problem,) = problems(path)
    assert "claims.a.provenance.0: missing required field 'claim'" in problem.message


# -- writers lose nothing silently ---------------------------------------------------------
def test_to_document_refuses_a_relation_it_cannot_place():
    amap = ArgumentMap(
        "m", claims=[Claim("a", "A.")], relations=[Relation("supports", "o#b", "a")]
    )
    with pytest.raises(MapError) as caught:
        yamlmap.to_document(amap)
    (problem,) = caught.value.diagnostics
    assert "'o#b->a'" in problem.message and "not a claim of map 'm'" in problem.message
    with pytest.raises(MapError):
        yamlmap.dumps(amap)


def test_own_claim_spelled_qualified_is_still_placed():
    amap = ArgumentMap(
        "m",
        claims=[Claim("a", "A."), Claim("b", "B.")],
        relations=[Relation("supports", "m#a", "b")],
    )
    assert yamlmap.to_document(amap)["claims"]["a"]["supports"] == ["b"]


def merged_map() -> ArgumentMap:
    return ArgumentMap(
        "merged",
        "Both sides",
        merged_from=[
            ArgumentMap(
                "left", "Left paper", Source(publisher="L", url="https://l.example/1")
            ),
            ArgumentMap("right"),
        ],
        claims=[
            Claim(
                "tax",
                "Tax the rich.",
                provenance=(
                    Provenance(
                        "left", "tax", "Tax the rich!", "we must <!-- tax --> them"
                    ),
                    Provenance("right", "wealth-tax", None, None),
                ),
            ),
            Claim("fair", "It is fair.", provenance=(Provenance("left", "fair"),)),
        ],
        relations=[Relation("supports", "fair", "tax", asserted_by=("left", "right"))],
    )


@pytest.mark.parametrize("fmt", ["argdown", "aif"])
def test_merged_fields_survive_argdown_and_aif(tmp_path, fmt):
    original = merged_map()
    path = tmp_path / ("m.argdown" if fmt == "argdown" else "m.aif.json")
    readwrite.write(original, path)
    ((again,), warnings) = readwrite.format_for(path).read_with_warnings(path)
    assert warnings == []
    assert [(m.id, m.title, m.source) for m in again.merged_from] == [
        ("left", "Left paper", Source(publisher="L", url="https://l.example/1")),
        ("right", None, Source()),
    ]
    assert again.claims["tax"].provenance == original.claims["tax"].provenance
    assert again.relations[0].asserted_by == ("left", "right")
    assert again == original


def test_argdown_keeps_comment_markers_in_quotes_and_notes():
    amap = ArgumentMap(
        "m",
        claims=[
            Claim(
                "a",
                "A <!-- not a comment --> here.",
                quote="he wrote <!-- and -->",
                note="a --> b, c <!-- d",
            ),
            Claim("b", "B.", quote="/* not */ // either"),
        ],
        relations=[Relation("supports", "a", "b", note="<!-- x -->", id="r1")],
    )
    text = argdown.write(amap)
    again, warnings = argdown.loads(text)
    assert warnings == []
    assert again.claims["a"].quote == "he wrote <!-- and -->"
    assert again.claims["a"].note == "a --> b, c <!-- d"
    assert again.claims["a"].text == "A <!-- not a comment --> here."
    assert again.claims["b"].quote == "/* not */ // either"
    assert again.relations[0].note == "<!-- x -->"
    assert again == amap


def test_argdown_keeps_a_cycle_of_undercuts():
    # Two undercuts attacking each other hang from no support or rebuttal;
    # nested writing alone would drop both.
    amap = ArgumentMap(
        "m",
        claims=[Claim("a", "A."), Claim("b", "B.")],
        relations=[
            Relation("undercuts", "a", "u2", id="u1"),
            Relation("undercuts", "b", "u1", id="u2"),
        ],
    )
    again, _ = argdown.loads(argdown.write(amap))
    assert again == amap


def test_argdown_parallel_relations_with_ids_stay_apart():
    text = "[t]: T.\n  <+ [p] {id: one}\n  <+ [p] {id: two, weight: 0.5}\n  <+ [p]\n\n[p]: P.\n"
    amap, _ = argdown.loads(text)
    assert sorted((r.id, r.weight) for r in amap.relations) == [
        ("one", 1.0),
        ("two", 0.5),
    ]


def test_aif_keeps_an_undercut_spelled_source_target_at_a_relation_with_an_id():
    amap = yamlmap.read(DATA / "undercut-ids.yaml")
    (spelled,) = [r for r in amap.relations if r.source == "cap-can-change"]
    assert spelled.target == "fare-cap->fares-rise"
    (again,), _ = aif.from_data(aif.to_data(amap))
    (spelled_again,) = [r for r in again.relations if r.source == "cap-can-change"]
    assert spelled_again.target == "fare-cap->fares-rise"


def test_round_trip_fixtures_have_what_they_are_for():
    from test_interop import ROUND_TRIP_MAPS

    merged = ROUND_TRIP_MAPS["merged-seeds"]()
    assert len(merged.merged_from) == 2
    assert any(len(c.provenance) >= 2 for c in merged)
    assert any(r.asserted_by for r in merged.relations)
    ids = ROUND_TRIP_MAPS["undercut-ids"]()
    relation_ids = {r.id for r in ids.relations if r.id}
    by_id = [r for r in ids.undercuts() if r.target in relation_ids]
    # supports, a rebuttal and an undercut are each named by id
    assert {ids.relation(r.target).kind for r in by_id} == {
        "supports",
        "rebuts",
        "undercuts",
    }


# -- Mermaid uses the model's one rule for undercut targets ------------------------------------
def test_mermaid_ambiguous_undercut_gets_no_junctions():
    # "a->b" names two relations: ArgumentMap.relation gives none, so the
    # undercut ends on a stand-in and neither support gets a junction.
    amap = ArgumentMap(
        "m",
        claims=[Claim("a", "A."), Claim("b", "B."), Claim("u", "U.")],
        relations=[
            Relation("supports", "a", "b", id="s1"),
            Relation("supports", "a", "b", id="s2"),
            Relation("undercuts", "u", "a->b"),
        ],
    )
    lines = mermaid.write(amap).splitlines()
    assert not any(line.strip().startswith("j") for line in lines)
    assert '  x1("relation a-#gt;b"):::external' in lines
    assert "  c3 -.-x x1" in lines


def test_mermaid_undercut_naming_own_map_qualified_reaches_its_junction():
    amap = ArgumentMap(
        "m",
        claims=[Claim("a", "A."), Claim("b", "B."), Claim("u", "U.")],
        relations=[
            Relation("supports", "a", "b"),
            Relation("undercuts", "u", "m#a->m#b"),
        ],
    )
    lines = mermaid.write(amap).splitlines()
    assert "  c1 --- j1" in lines and "  c3 -.-x j1" in lines
