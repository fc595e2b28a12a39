"""Interop formats: node-link JSON, GraphML, AIF, Mermaid, round trips, ``argmap convert``."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import readwrite
from argmap.cli import cli
from argmap.diagnostics import MapError
from argmap.readwrite import aif, argdown, graphml, jsonmap, mermaid, yamlmap

from conftest import run

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data" / "interop"
SEED_MAPS = sorted((ROOT / "maps").glob("*.yaml"))


def merged_seed_maps():
    """The merge of the seed maps: merged_from, provenance and asserted_by."""
    from argmap.analysis.merge import merge

    return merge([yamlmap.read(p) for p in SEED_MAPS])


#: name -> the map; YAML fixtures by file, plus a merged map.
ROUND_TRIP_MAPS = {
    "rich": lambda: yamlmap.read(DATA / "rich.yaml"),
    "undercut-ids": lambda: yamlmap.read(DATA / "undercut-ids.yaml"),
    # a links file: same_as links, suggested and accepted links, rejected
    "links": lambda: yamlmap.read(DATA / "links.yaml"),
    "merged-seeds": merged_seed_maps,
    **{p.stem: (lambda p=p: yamlmap.read(p)) for p in SEED_MAPS},
}
FORMATS = {
    "argdown": ".argdown",
    "aif": ".aif.json",
    "graphml": ".graphml",
    "json": ".json",
}


def claim_facts(amap):
    return {
        (c.id, c.text, c.quote, c.role, c.tags, c.note, c.same_as, c.override)
        for c in amap.claims.values()
    }


def relation_facts(amap):
    return {
        (r.kind, r.source, r.target, r.weight, r.note, r.id, r.linked, r.scheme)
        for r in amap.relations
    }


# -- round trips -----------------------------------------------------------------
def test_seed_maps_are_there():
    # The round trips below run on them; an empty maps/ would make them vacuous.
    assert len(SEED_MAPS) >= 2


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("source", sorted(ROUND_TRIP_MAPS))
def test_round_trip_keeps_claims_relations_and_metadata(tmp_path, fmt, source):
    original = ROUND_TRIP_MAPS[source]()
    path = tmp_path / f"map{FORMATS[fmt]}"
    readwrite.write(original, path)
    (again,), warnings = readwrite.format_for(path).read_with_warnings(path)
    assert warnings == []
    assert claim_facts(again) == claim_facts(original)
    assert relation_facts(again) == relation_facts(original)
    assert list(again.claims) == list(original.claims)  # claim order too
    assert (again.id, again.title, again.source) == (
        original.id,
        original.title,
        original.source,
    )
    assert again == original
    if fmt != "argdown":
        # Back to YAML: the same file, relation order included.  Argdown
        # lists relations under their target, so a claim's own relations may
        # come back in another order (the sets above are equal).
        assert yamlmap.dumps(again) == yamlmap.dumps(original)


def test_rich_fixture_has_every_construct():
    amap = yamlmap.read(DATA / "rich.yaml")
    kinds = {r.kind for r in amap.relations}
    assert kinds == {"supports", "rebuts", "undercuts"}
    assert any(r.linked for r in amap.relations)
    assert any(r.scheme == "example" for r in amap.relations)
    assert any(r.weight != 1.0 for r in amap.relations)
    assert any(r.note for r in amap.relations)
    assert any(
        r.kind == "undercuts" and r.target == "subsidy-undercut" for r in amap.relations
    )
    assert any("#" in r.target for r in amap.relations)  # cross-map
    assert any(c.same_as for c in amap)
    assert {c.role for c in amap} >= {"thesis", "premise", "evidence", "objection"}
    assert any(c.tags[:1] == ("argument",) for c in amap)


@pytest.mark.parametrize("fmt", ["argdown", "aif", "graphml", "json", "mermaid"])
def test_writers_are_deterministic(fmt):
    amap = yamlmap.read(DATA / "rich.yaml")
    assert readwrite.dumps(amap, fmt) == readwrite.dumps(
        yamlmap.read(DATA / "rich.yaml"), fmt
    )


# -- node-link JSON -------------------------------------------------------------
def test_node_link_json_shape_and_sorted_keys():
    text = jsonmap.write(yamlmap.read(DATA / "rich.yaml"))
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert data["directed"] is True and data["multigraph"] is True
    assert data["graph"]["id"] == "rich-map"
    assert data["graph"]["source"]["publisher"] == "Test Gazette"
    node = {n["id"]: n for n in data["nodes"]}
    assert node["revive-night-trains"]["tags"] == ["transport", "climate"]
    assert node["other-article#trains-are-future"]["kind"] == "external"
    # An undercut ends on a node standing for the relation it attacks.
    assert node["relation:too-expensive->revive-night-trains"]["kind"] == "relation"
    (linked,) = [e for e in data["edges"] if e.get("linked")]
    assert (linked["source"], linked["target"], linked["linked"]) == (
        "flights-emit-more",
        "revive-night-trains",
        ["trains-replace-flights"],
    )


def test_json_extension_sniffs_aif_and_native_documents(tmp_path):
    amap = yamlmap.read(DATA / "rich.yaml")
    aif_file = tmp_path / "export.json"
    aif_file.write_text(aif.write(amap))
    assert readwrite.read(aif_file) == [amap]
    native = tmp_path / "native.json"
    native.write_text(json.dumps(yamlmap.to_document(amap)))
    assert readwrite.read(native) == [amap]


def test_json_edge_without_kind_is_an_error(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(
        json.dumps(
            {
                "directed": True,
                "multigraph": True,
                "graph": {"id": "x"},
                "nodes": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
                "edges": [{"source": "a", "target": "b"}],
            }
        )
    )
    with pytest.raises(MapError, match="kind None is not one of supports"):
        jsonmap.read(path)


@pytest.mark.parametrize(
    "name, module, location, words",
    [
        ("broken.json", jsonmap, (3, 20), "invalid JSON"),
        ("broken.graphml", graphml, (5, 5), "broken XML: mismatched tag"),
        ("broken-micro.xml", None, (4, 3), "broken XML: mismatched tag"),
    ],
)
def test_broken_input_is_a_map_error_with_file_and_line(name, module, location, words):
    with pytest.raises(MapError) as info:
        readwrite.read(DATA / name)
    (problem,) = info.value.diagnostics
    assert problem.path.endswith(name)
    assert (problem.line, problem.column) == location
    assert words in problem.message


# -- GraphML ---------------------------------------------------------------------
def test_graphml_stores_lists_as_json_text():
    text = graphml.write(yamlmap.read(DATA / "rich.yaml"))
    root = ET.fromstring(text)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", ns)}
    node = root.find("g:graph/g:node[@id='revive-night-trains']", ns)
    values = {keys[d.get("key")]: d.text for d in node.findall("g:data", ns)}
    assert values["tags"] == '["transport", "climate"]'
    assert values["role"] == "thesis"
    assert root.find("g:graph", ns).get("id") == "rich-map"


# -- AIF ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def debate():
    (amap,), warnings = aif.read_with_warnings(DATA / "debate.aif.json")
    return amap, warnings


def test_aif_i_nodes_become_claims(debate):
    amap, _ = debate
    assert list(amap.claims) == ["1", "2", "3", "5", "7", "9", "12"]
    assert amap.claims["1"].text == "Tuition should be free."
    assert amap.claims["1"].line == 3


def test_aif_schemes_become_relations(debate):
    amap, _ = debate
    got = {
        (r.kind, r.source, r.target, r.linked, r.scheme, r.id) for r in amap.relations
    }
    assert got == {
        ("supports", "2", "1", ("3",), None, None),  # RA with two premises: linked
        ("rebuts", "5", "1", (), None, None),  # CA at an I-node
        ("undercuts", "7", "5->1", (), None, "8"),  # CA at a CA node
        ("supports", "12", "1", (), "example", None),  # "Argument From Example"
        ("undercuts", "3", "8", (), None, None),  # CA at an undercut: named by its id
    }


def test_aif_rephrase_becomes_same_as(debate):
    amap, _ = debate
    assert amap.claims["9"].same_as == ("1",)


def test_aif_warnings_count_and_locate_what_was_left_out(debate):
    _, warnings = debate
    got = {(w.code, w.line): w.message for w in warnings}
    assert got[("aif-dangling-edge", 41)] == "edge 99 names unknown node '404'; skipped"
    assert got[("aif-unsupported-node", 18)].startswith("PA node '16'")
    assert got[("aif-incomplete", 19)] == (
        "CA node '17' points at no I-node; the conflict is skipped"
    )
    assert got[("aif-dialogue-ignored", None)].startswith(
        "ignored 1 L-node, 1 YA-node, 1 TA-node, 2 locutions"
    )
    assert len(warnings) == 4
    assert all(w.severity == "warning" for w in warnings)


def test_aif_writer_produces_valid_aif():
    data = aif.to_data(yamlmap.read(DATA / "rich.yaml"))
    ids = [n["nodeID"] for n in data["nodes"]]
    assert len(ids) == len(set(ids))
    types = {n["nodeID"]: n["type"] for n in data["nodes"]}
    assert set(types.values()) <= {"I", "RA", "CA", "MA"}
    premises: dict[str, int] = {}
    out: dict[str, int] = {}
    for edge in data["edges"]:
        assert edge["fromID"] in types and edge["toID"] in types
        # AIF has no I -> I edges: every link goes through a scheme node.
        assert (types[edge["fromID"]], types[edge["toID"]]) != ("I", "I")
        if types[edge["fromID"]] == "I":
            premises[edge["toID"]] = premises.get(edge["toID"], 0) + 1
        out[edge["fromID"]] = out.get(edge["fromID"], 0) + 1
    for node_id, kind in types.items():
        if kind in ("RA", "CA"):
            assert premises.get(node_id, 0) >= 1 and out.get(node_id, 0) == 1, node_id
    # The one linked argument of the fixture: two premises into one RA.
    assert sorted(premises[n] for n, k in types.items() if k == "RA") == [1, 1, 2]
    assert ids[:2] == ["revive-night-trains", "flights-emit-more"]
    assert "ra-1" in types and "ca-1" in types


# -- Mermaid -------------------------------------------------------------------------
def test_mermaid_escapes_hostile_text():
    hostile = 'He said "hi"]; click c1 call alert(1) %% <script>&#\nnext `line` | x'
    amap = yamlmap.loads(
        "argmap: 1\nid: m\nclaims:\n  a:\n    text: " + json.dumps(hostile) + "\n"
    )
    text = mermaid.write(amap)
    (line,) = [line for line in text.splitlines() if line.strip().startswith("c1[")]
    assert line == (
        '  c1["He said #quot;hi#quot;]#59; click c1 call alert(1) %% '
        '#lt;script#gt;#amp;#35; next #96;line#96; #124; x"]:::claim'
    )
    for node_line in text.splitlines():
        if re.match(r"\s+[cxj]\d+[\[(]", node_line):
            assert re.fullmatch(
                r'\s+[cxj]\d+(\["[^"]*"\]|\("[^"]*"\)|\(\("[^"]*"\)\)):::\w+', node_line
            )


def test_mermaid_arrow_styles_by_kind():
    text = mermaid.write(yamlmap.read(DATA / "rich.yaml"))
    lines = text.splitlines()
    assert lines[0] == "flowchart BT"
    # claims are c1.. in map order: c1 revive-night-trains, c4 too-expensive, c7 vienna-example
    assert (
        "  c4 --- j2" in lines and '  j2 --x|"0.6"| c1' in lines
    )  # rebuttal, undercut
    assert '  c7 -->|"example"| c1' in lines  # support
    assert "  c5 --- j3" in lines and "  j3 -.-x j2" in lines  # undercut at a relation
    assert "  c3 --- j1" in lines  # linked premise joins the relation's junction
    assert any(line.startswith("  classDef thesis ") for line in lines)
    assert any(line.startswith("  linkStyle ") and "#c62828" in line for line in lines)


# -- registry and CLI ------------------------------------------------------------------
def test_registry_knows_every_format():
    table = readwrite.formats()
    assert readwrite.format_for("x.aif.json").name == "aif"
    assert readwrite.format_for("x.json").name == "json"
    assert readwrite.format_for("x.ad").name == "argdown"
    assert readwrite.format_for("x.xml").name == "microtext"
    assert readwrite.format_for("x.mmd", writing=True).name == "mermaid"
    assert table["microtext"].folder and not table["microtext"].writable
    assert not table["mermaid"].readable


def test_convert_argdown_to_yaml_and_back(tmp_path):
    out = tmp_path / "car-ban.yaml"
    result = run("convert", DATA / "constructs.argdown", "-o", out)
    assert result.exit_code == 0, result.output
    assert yamlmap.read(out) == argdown.read(DATA / "constructs.argdown")[0]
    back = tmp_path / "again.ad"
    assert run("convert", out, "-o", back).exit_code == 0
    assert argdown.read(back)[0] == yamlmap.read(out)


def test_convert_json_output_and_warnings(tmp_path):
    out = tmp_path / "w.yaml"
    result = run("convert", DATA / "warnings.argdown", "-o", out, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["from"] == ["argdown"] and data["to"] == "yaml"
    assert data["written"] == [str(out)]
    assert data["maps"] == [{"id": "warnings", "claims": 7, "relations": 3}]
    reader = [w["line"] for w in data["warnings"] if w["code"].startswith("argdown-")]
    assert reader == [3, 6, 7, 11, 16, 21, 23]
    # convert checks the map like `argmap check` does: its warnings come too
    checker = [
        (w["line"], w["code"])
        for w in data["warnings"]
        if not w["code"].startswith("argdown-")
    ]
    assert checker == [
        (9, "isolated-claim"),
        (21, "isolated-claim"),
        (23, "isolated-claim"),
    ]


def test_convert_refuses_a_map_with_an_unknown_claim(tmp_path):
    src = tmp_path / "m.yaml"
    src.write_text(
        "argmap: 1\nid: m\nclaims:\n  a: {text: A, supports: [b]}\n", encoding="utf-8"
    )
    out = tmp_path / "m.argdown"
    result = run("convert", src, "-o", out)
    assert result.exit_code == 1
    assert (
        f"{src}:4: error: supports relation from 'a' names unknown claim 'b'"
        in result.stderr
    )
    assert not out.exists()


def test_convert_keeps_references_to_maps_not_at_hand_with_a_warning(tmp_path):
    src = tmp_path / "m.yaml"
    src.write_text(
        "argmap: 1\nid: m\nclaims:\n  a: {text: A, rebuts: [other#x]}\n",
        encoding="utf-8",
    )
    result = run("convert", src, "-o", tmp_path / "m.json")
    assert result.exit_code == 0
    assert (
        "warning: rebuts relation from 'a' names 'other#x', but no map has id 'other'"
        in result.stderr
    )


def test_convert_prints_warnings_with_lines(tmp_path):
    result = CliRunner().invoke(
        cli, ["convert", str(DATA / "debate.aif.json"), "-o", str(tmp_path / "d.yaml")]
    )
    assert result.exit_code == 0
    assert "debate.aif.json:18: warning: PA node '16'" in result.stderr


def test_convert_folder_of_several_maps_gives_a_folder(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (DATA / "tiny-micro.xml").read_text()
    (corpus / "one.xml").write_text(text)
    (corpus / "two.xml").write_text(text.replace('id="micro_t1"', 'id="micro_t2"'))
    out = tmp_path / "out"
    result = run("convert", corpus, "--from", "microtext", "-o", out, "--to", "argdown")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "micro_t1.argdown",
        "micro_t2.argdown",
    ]
    assert argdown.read(out / "micro_t2.argdown")[0].id == "micro_t2"


@pytest.mark.parametrize(
    "name", ["broken.json", "bad-relation.argdown", "broken-micro.xml"]
)
def test_convert_bad_input_exits_1_without_traceback_or_output(tmp_path, name):
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(cli, ["convert", str(DATA / name), "-o", str(out)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output + result.stderr
    assert re.search(re.escape(name) + r":\d+(:\d+)?: error: ", result.stderr)
    assert not out.exists()


def test_convert_refuses_to_overwrite_its_input(tmp_path):
    src = tmp_path / "m.yaml"
    src.write_text((DATA / "rich.yaml").read_text())
    before = src.read_bytes()
    result = CliRunner().invoke(cli, ["convert", str(src), "-o", str(src)])
    assert result.exit_code == 1
    assert "is an input" in result.stderr
    assert src.read_bytes() == before


def test_convert_cannot_write_a_read_only_format(tmp_path):
    result = CliRunner().invoke(
        cli, ["convert", str(DATA / "rich.yaml"), "-o", str(tmp_path / "x.xml")]
    )
    assert result.exit_code == 1
    assert "can read microtext but not write it" in result.stderr


def test_check_reports_reader_warnings():
    result = CliRunner().invoke(cli, ["check", str(DATA / "warnings.argdown")])
    assert "warnings.argdown:11: warning: premise-conclusion structure" in result.stderr
    assert "warnings.argdown:21: warning: cannot tell which inference" in result.stderr


def test_check_accepts_argdown_and_aif():
    assert run("check", DATA / "constructs.argdown").exit_code == 0
    assert "0 error(s)" in run("check", DATA / "debate.aif.json").stderr


def test_render_draws_an_argdown_map():
    from argmap.render import render_svg

    svg = render_svg(argdown.read(DATA / "constructs.argdown")[0])
    assert "<svg" in svg and "Cars pollute city air." in svg


@pytest.mark.parametrize(
    "name", ["constructs.argdown", "tiny-micro.xml", "debate.aif.json"]
)
def test_render_command_reads_every_format(tmp_path, name):
    out = tmp_path / "map.svg"
    result = CliRunner().invoke(cli, ["render", str(DATA / name), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_text().lstrip().startswith(("<?xml", "<svg"))


def test_json_with_a_lone_surrogate_is_refused_with_its_line(tmp_path):
    import json as _json

    from argmap.diagnostics import MapError
    from argmap.workspace import load_map

    doc = {
        "directed": True,
        "multigraph": True,
        "graph": {"id": "s"},
        "nodes": [
            {"id": "a", "kind": "claim", "text": "fine \U0001f600"},
            {"id": "b", "kind": "claim", "text": "bad \ud800"},
        ],
        "edges": [],
    }
    path = tmp_path / "s.json"
    path.write_text(_json.dumps(doc, indent=1), encoding="utf-8")
    bad_line = next(
        i for i, line in enumerate(path.read_text().splitlines(), 1) if "ud800" in line
    )
    with pytest.raises(MapError) as caught:
        load_map(path)
    (problem,) = caught.value.diagnostics
    assert problem.line == bad_line and "not half of a valid pair" in problem.message
