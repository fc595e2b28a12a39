"""argmap diff: hand-made pairs of maps with the expected differences worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.analysis.diff import combined_map, diff
from argmap.cli import cli
from argmap.commands.diff import load_pair
from argmap.diagnostics import ArgmapError
from argmap.readwrite.yamlmap import loads

from conftest import write

ROOT = Path(__file__).resolve().parent.parent

OLD = """\
argmap: 1
id: v
claims:
  a:
    text: Alpha.
    tags: [x, y]
    supports: [b]
  b:
    text: Beta.
  c:
    text: Gamma.
    rebuts: [{to: b, weight: 0.5}]
"""

# a: new text, tags +z -x; b: only re-wrapped; c: gone; d: new.
# a supports b: weight 1 -> 0.7; c rebuts b: gone with c; d rebuts a: new
# (written v#a, a reference to its own map, which is the bare a).
NEW = """\
argmap: 1
id: v
claims:
  a:
    text: Alpha changed.
    tags: [y, z]
    supports: [{to: b, weight: 0.7}]
  b:
    text: "Beta. "
  d:
    text: "Delta [red]boom[/red]."
    rebuts: [v#a]
"""


def triples(relations):
    return [(r.kind, r.source, r.target) for r in relations]


def test_diff_of_two_versions():
    result = diff(loads(OLD, "old.yaml"), loads(NEW, "new.yaml"))
    assert [c.id for c in result.claims_added] == ["d"]
    assert [c.id for c in result.claims_removed] == ["c"]
    assert [(t.claim, t.old, t.new) for t in result.text_changed] == [
        ("a", "Alpha.", "Alpha changed.")
    ]
    assert [(t.claim, t.added, t.removed) for t in result.tags_changed] == [
        ("a", ("z",), ("x",))
    ]
    assert triples(result.relations_added) == [("rebuts", "d", "a")]
    assert triples(result.relations_removed) == [("rebuts", "c", "b")]
    assert [
        (w.relation.source, w.relation.target, w.old, w.new)
        for w in result.weight_changed
    ] == [("a", "b", 1.0, 0.7)]
    assert result.emphasis() == {
        "a": "changed",  # its text
        "c": "removed",
        "c->b": "removed",
        "d": "added",
        "d->a": "added",
    }


def test_identical_maps_have_no_differences():
    result = diff(loads(OLD), loads(OLD))
    assert result.is_empty
    assert set(result.counts().values()) == {0}


def test_combined_map_keeps_what_was_removed():
    result = diff(loads(OLD), loads(NEW))
    combined = combined_map(result)
    assert list(combined.claims) == ["a", "b", "d", "c"]
    assert sorted(triples(combined.relations)) == [
        ("rebuts", "c", "b"),
        ("rebuts", "d", "a"),
        ("supports", "a", "b"),
    ]


def test_to_dict_is_plain_json():
    data = diff(loads(OLD), loads(NEW)).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["summary"] == {
        "claims_added": 1,
        "claims_removed": 1,
        "text_changed": 1,
        "fields_changed": 0,
        "tags_changed": 1,
        "relations_added": 1,
        "relations_removed": 1,
        "weight_changed": 1,
    }
    assert data["claims"]["tags_changed"] == [
        {"id": "a", "added": ["z"], "removed": ["x"]}
    ]


def test_diff_of_an_extension_compares_with_its_effective_map():
    base = loads(OLD, "base.yaml")
    ext = loads(
        """\
argmap: 1
id: ext
extends: v
claims:
  a:
    tags: [mine]
  e:
    text: Epsilon.
    rebuts: [{to: v#c, weight: 0.4}]
""",
        "ext.yaml",
    )
    result = diff(base, ext, {"v": base})
    assert [c.id for c in result.claims_added] == ["e"]
    assert result.claims_removed == [] and result.text_changed == []
    assert [(t.claim, t.added, t.removed) for t in result.tags_changed] == [
        ("a", ("mine",), ())
    ]
    assert triples(result.relations_added) == [("rebuts", "e", "c")]
    assert result.relations_removed == [] and result.weight_changed == []


@pytest.fixture
def pair(tmp_path):
    return write(tmp_path, "old.yaml", OLD), write(tmp_path, "new/v.yaml", NEW)


def test_cli_json(pair):
    result = CliRunner().invoke(cli, ["diff", str(pair[0]), str(pair[1]), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [c["id"] for c in data["claims"]["added"]] == ["d"]
    assert [c["id"] for c in data["claims"]["removed"]] == ["c"]
    assert data["relations"]["weight_changed"][0]["old"] == 1.0
    assert data["relations"]["weight_changed"][0]["new"] == 0.7


def test_cli_table_marks_changes_and_prints_text_literally(pair):
    result = CliRunner(env={"COLUMNS": "200"}).invoke(
        cli, ["diff", str(pair[0]), str(pair[1])]
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert (
        "claims: 1 added, 1 removed, 1 text changed, 0 role/quote/note changed, "
        "1 tags changed" in out
    )
    # untrusted text is not read as rich markup
    assert "Delta [red]boom[/red]." in out
    lines = out.splitlines()
    assert any(
        "+" in line and "claim added" in line and " d " in line for line in lines
    )
    assert any("-" in line and "claim removed" in line for line in lines)
    assert any("tags changed" in line and "+z -x" in line for line in lines)
    assert any("weight changed" in line and "1 -> 0.7" in line for line in lines)


def test_cli_render_marks_added_claims(pair, tmp_path):
    out = tmp_path / "diff.svg"
    result = CliRunner().invoke(
        cli, ["diff", str(pair[0]), str(pair[1]), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    svg = out.read_text(encoding="utf-8")
    assert "<svg" in svg
    # the added claim's text is there, and so is the removed one's
    assert "Delta" in svg and "Gamma." in svg
    assert "added" in svg and "removed" in svg


def test_cli_one_map_that_extends_nothing(pair):
    result = CliRunner().invoke(cli, ["diff", str(pair[0])])
    assert result.exit_code == 1
    assert "extends no other map" in result.output
    assert "Traceback" not in result.output


def test_cli_bad_input_is_an_error_not_a_traceback(tmp_path, pair):
    bad = write(tmp_path, "bad.yaml", "argmap: 1\nid: bad\nclaims:\n  a: {}\n")
    result = CliRunner().invoke(cli, ["diff", str(pair[0]), str(bad)])
    assert result.exit_code == 1
    assert "bad.yaml:4" in result.output
    assert "Traceback" not in result.output


# The seminar example: Minji's map adds exactly these claims to the seed map.
SEMINAR_ADDED = {
    "governments-license-contracts",
    "licences-are-political",
    "summits-lower-political-risk",
    "statement-moves-no-data",
}


def test_seminar_diff_lists_exactly_the_added_claims():
    seed = ROOT / "maps" / "contracts-not-declarations.yaml"
    mine = ROOT / "maps" / "seminar" / "minji-objections.yaml"
    result = CliRunner().invoke(cli, ["diff", str(seed), str(mine), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {c["id"] for c in data["claims"]["added"]} == SEMINAR_ADDED
    assert data["claims"]["removed"] == []
    assert data["claims"]["text_changed"] == []
    assert {t["id"]: t["added"] for t in data["claims"]["tags_changed"]} == {
        "contracts-decide": ["disputed"],
        "summit-opens-door": ["seminar-question"],
    }
    assert data["relations"]["removed"] == []
    assert len(data["relations"]["added"]) == 5
    # with one argument, the extension is compared with its base: the same answer
    alone = CliRunner().invoke(cli, ["diff", str(mine), "--json"])
    assert json.loads(alone.output)["claims"] == data["claims"]


def test_load_pair_of_an_extension_gives_its_base(tmp_path):
    # base.yaml <- middle.yaml <- top.yaml: top alone is compared with
    # middle's effective map (base's claims included), top as a whole map.
    write(tmp_path, "base.yaml", OLD)
    write(
        tmp_path,
        "middle.yaml",
        "argmap: 1\nid: middle\nextends: base.yaml\nclaims:\n"
        "  m:\n    text: Mu.\n    supports: [a]\n",
    )
    top = write(
        tmp_path,
        "top.yaml",
        "argmap: 1\nid: top\nextends: middle.yaml\nclaims:\n"
        "  t:\n    text: Tau.\n    rebuts: [m]\n",
    )
    base, other = load_pair(top)
    assert base.id == "middle" and list(base.claims) == ["a", "b", "c", "m"]
    assert other.id == "top" and list(other.claims) == ["a", "b", "c", "m", "t"]
    result = diff(base, other)
    assert [c.id for c in result.claims_added] == ["t"]
    assert triples(result.relations_added) == [("rebuts", "t", "m")]
    # two paths: each map as it is
    base, other = load_pair(tmp_path / "base.yaml", top)
    assert (base.id, other.id) == ("v", "top")
    with pytest.raises(ArgmapError, match="extends no other map"):
        load_pair(tmp_path / "base.yaml")
    with pytest.raises(ArgmapError, match="must be one map, but this holds 3"):
        load_pair(tmp_path, top)
