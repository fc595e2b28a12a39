"""Extension maps: bases by path and by id, chains, cycles, overrides, additions.

Each case writes small maps into a temporary folder; expected claims,
relations, lines and messages are worked out from the text written here.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from argmap.cli import cli
from argmap.diagnostics import MapError
from argmap.extend import effective_map, localise
from argmap.workspace import (
    check_paths,
    find_map_near,
    load_workspace,
    map_files_in,
)

from conftest import write

BASE = """\
argmap: 1
id: base
title: The base map
claims:
  thesis:
    text: The thesis.
    role: thesis
    tags: [one]
  premise:
    text: A premise.
    supports: [thesis]
  doubt:
    text: A doubt.
    note: Raised by the author.
    rebuts: [{to: thesis, weight: 0.5, id: doubt-thesis}]
"""


def errors(diagnostics):
    return [d for d in diagnostics if d.is_error]


def codes(diagnostics):
    return sorted(d.code for d in diagnostics)


@pytest.fixture
def base(tmp_path):
    return write(tmp_path, "base.yaml", BASE)


def test_base_by_path_in_another_folder(tmp_path, base):
    ext = write(
        tmp_path,
        "seminar/ext.yaml",
        """\
        argmap: 1
        id: ext
        title: My additions
        extends: ../base.yaml
        claims:
          objection:
            text: My objection.
            rebuts: [premise]
        """,
    )
    assert check_paths([ext]) == []
    ws = load_workspace([ext])
    amap = ws.maps["ext"]
    assert list(amap.claims) == ["thesis", "premise", "doubt", "objection"]
    assert amap.id == "ext" and amap.title == "My additions"
    assert amap.extends is None
    assert [(r.kind, r.source, r.target) for r in amap.relations] == [
        ("supports", "premise", "thesis"),
        ("rebuts", "doubt", "thesis"),
        ("rebuts", "objection", "premise"),
    ]
    assert [amap.sources_of(c) for c in amap.claims] == [("base",)] * 3 + [("ext",)]
    assert [r.asserted_by for r in amap.relations] == [("base",), ("base",), ("ext",)]
    assert [m.id for m in amap.merged_from] == ["base", "ext"]
    # lines only where they point into the extension's file
    assert amap.path == str(ext)
    assert amap.claims["objection"].line == 6 and amap.claims["thesis"].line is None
    # the map as written is kept beside the effective one
    assert list(ws.written["ext"].claims) == ["objection"]
    assert ws.written["ext"].extends == "../base.yaml"


def test_base_by_id_beside_the_file(tmp_path, base):
    ext = write(
        tmp_path,
        "ext.yaml",
        """\
        argmap: 1
        id: ext
        extends: base
        claims:
          objection:
            text: My objection.
            rebuts: [premise]
        """,
    )
    assert check_paths([ext]) == []
    amap = load_workspace([ext]).maps["ext"]
    assert set(amap.claims) == {"thesis", "premise", "doubt", "objection"}
    # without a title of its own the extension keeps the base's
    assert amap.title == "The base map"


def test_tags_and_note_added_to_a_base_claim(tmp_path, base):
    ext = write(
        tmp_path,
        "ext.yaml",
        """\
        argmap: 1
        id: ext
        extends: base.yaml
        claims:
          thesis:
            tags: [two, one]
          doubt:
            note: I share it.
            supports: [objection]
          objection:
            text: My objection.
            rebuts: [premise]
        """,
    )
    assert check_paths([ext]) == []
    amap = load_workspace([ext]).maps["ext"]
    assert amap.claims["thesis"].tags == ("one", "two")
    assert amap.claims["thesis"].text == "The thesis."
    assert amap.claims["doubt"].note == "Raised by the author.\n\nI share it."
    # an addition does not make the claim the extension's
    assert amap.sources_of("thesis") == ("base",)
    assert ("supports", "doubt", "objection") in {
        (r.kind, r.source, r.target) for r in amap.relations
    }


def test_changed_text_without_override_is_an_error(tmp_path, base):
    ext = write(
        tmp_path,
        "ext.yaml",
        """\
        argmap: 1
        id: ext
        extends: base
        claims:
          other:
            text: Something else.
            supports: [premise]
          premise:
            text: A different premise.
        """,
    )
    problems = errors(check_paths([ext]))
    assert len(problems) == 1
    (problem,) = problems
    assert problem.code == "base-claim-changed"
    assert problem.path == str(ext) and problem.line == 8
    assert "'premise'" in problem.message and "different text" in problem.message
    assert "override: true" in problem.fix


def test_override_is_allowed_and_reported(tmp_path, base):
    ext = write(
        tmp_path,
        "ext.yaml",
        """\
        argmap: 1
        id: ext
        extends: base
        claims:
          premise:
            text: A better premise.
            override: true
        """,
    )
    problems = check_paths([ext])
    assert errors(problems) == []
    assert [(d.code, d.line) for d in problems] == [("override", 5)]
    assert "claim 'premise' overrides the base claim's text" in problems[0].message
    amap = load_workspace([ext]).maps["ext"]
    assert amap.claims["premise"].text == "A better premise."
    assert amap.sources_of("premise") == ("ext",)
    # it stays where the base had it, with the base's relations
    assert list(amap.claims) == ["thesis", "premise", "doubt"]
    assert ("supports", "premise", "thesis") in {
        (r.kind, r.source, r.target) for r in amap.relations
    }


def test_restating_the_same_text_is_fine(tmp_path, base):
    ext = write(
        tmp_path,
        "ext.yaml",
        """\
        argmap: 1
        id: ext
        extends: base
        claims:
          premise:
            text: "A   premise."
            tags: [agreed]
        """,
    )
    assert check_paths([ext]) == []
    assert load_workspace([ext]).maps["ext"].claims["premise"].tags == ("agreed",)


def test_addition_may_not_change_quote_or_role(tmp_path, base):
    ext = write(
        tmp_path,
        "ext.yaml",
        """\
        argmap: 1
        id: ext
        extends: base
        claims:
          premise:
            role: objection
        """,
    )
    (problem,) = errors(check_paths([ext]))
    assert (problem.code, problem.line) == ("base-claim-changed", 5)
    assert "role" in problem.message


def test_claim_without_text_needs_a_base_claim(tmp_path, base):
    ext = write(
        tmp_path,
        "ext.yaml",
        """\
        argmap: 1
        id: ext
        extends: base
        claims:
          premis:
            tags: [typo]
        """,
    )
    (problem,) = errors(check_paths([ext]))
    assert (problem.code, problem.line) == ("empty-text", 5)
    assert "no claim 'premis'" in problem.message
    assert "did you mean 'premise'" in problem.fix


def test_claim_without_text_outside_an_extension_is_a_schema_error(tmp_path):
    plain = write(
        tmp_path,
        "plain.yaml",
        """\
        argmap: 1
        id: plain
        claims:
          a:
            tags: [x]
        """,
    )
    (problem,) = check_paths([plain])
    assert problem.line == 4
    assert "missing required field 'text'" in problem.message


def test_chain_of_extensions(tmp_path, base):
    write(
        tmp_path,
        "middle.yaml",
        """\
        argmap: 1
        id: middle
        extends: base
        claims:
          m:
            text: Middle claim.
            supports: [thesis]
          thesis:
            tags: [middle-tag]
        """,
    )
    top = write(
        tmp_path,
        "seminar/top.yaml",
        """\
        argmap: 1
        id: top
        extends: ../middle.yaml
        claims:
          t:
            text: Top claim.
            rebuts: [m]
          premise:
            tags: [top-tag]
        """,
    )
    # middle is found by path; base, by id beside middle (not beside top)
    assert check_paths([top]) == []
    amap = load_workspace([top]).maps["top"]
    assert list(amap.claims) == ["thesis", "premise", "doubt", "m", "t"]
    assert amap.claims["thesis"].tags == ("one", "middle-tag")
    assert amap.claims["premise"].tags == ("top-tag",)
    assert [amap.sources_of(c) for c in ("thesis", "m", "t")] == [
        ("base",),
        ("middle",),
        ("top",),
    ]
    assert [m.id for m in amap.merged_from] == ["base", "middle", "top"]


def test_cycle_of_extends_names_the_chain(tmp_path):
    a = write(
        tmp_path,
        "a.yaml",
        "argmap: 1\nid: a\nextends: b\nclaims:\n  x:\n    text: X.\n",
    )
    write(tmp_path, "b.yaml", "argmap: 1\nid: b\nextends: c\nclaims: {}\n")
    write(tmp_path, "c.yaml", "argmap: 1\nid: c\nextends: a.yaml\nclaims: {}\n")
    problems = [d for d in check_paths([a]) if d.code == "extends-cycle"]
    assert len(problems) == 1
    assert problems[0].message == "extends cycle: a -> b -> c -> a"
    assert (problems[0].path, problems[0].line) == (str(a), 3)
    ws = load_workspace([a])
    with pytest.raises(MapError) as caught:
        effective_map(ws.written["a"], ws.all_maps())
    assert "a -> b -> c -> a" in str(caught.value)


def test_map_extending_itself(tmp_path):
    a = write(tmp_path, "a.yaml", "argmap: 1\nid: a\nextends: a\nclaims: {}\n")
    (problem,) = errors(check_paths([a]))
    assert problem.message == "extends cycle: a -> a"


def test_missing_base_by_id(tmp_path):
    ext = write(
        tmp_path,
        "ext.yaml",
        "argmap: 1\nid: ext\n\nextends: basis\nclaims: {}\n",
    )
    write(tmp_path, "base.yaml", BASE)
    (problem,) = errors(check_paths([ext]))
    assert problem.code == "unknown-base"
    assert (problem.path, problem.line) == (str(ext), 4)
    assert "'basis'" in problem.message and "a map with id 'basis'" in problem.message
    assert "did you mean 'base'" in problem.fix


def test_did_you_mean_never_names_a_hidden_file(tmp_path):
    # An editor's backup ".base.yaml~"-style hidden file is not a map file:
    # suggesting its id would name a map that check cannot load.
    ext = write(
        tmp_path, "ext.yaml", "argmap: 1\nid: ext\nextends: basis\nclaims: {}\n"
    )
    write(tmp_path, ".old.yaml", BASE.replace("id: base", "id: basis"))
    (problem,) = errors(check_paths([ext]))
    assert problem.code == "unknown-base"
    assert "did you mean" not in problem.fix


def test_map_files_in_and_find_map_near(tmp_path):
    write(tmp_path, "b.yaml", BASE)
    write(tmp_path, "a.json", '{"argmap": 1, "id": "j", "claims": {}}')
    write(tmp_path, ".hidden.yaml", BASE.replace("id: base", "id: hidden"))
    write(tmp_path, "notes.txt", "not a map")
    write(tmp_path, "sub/c.yaml", BASE.replace("id: base", "id: deeper"))
    assert [p.name for p in map_files_in(tmp_path)] == ["a.json", "b.yaml"]
    assert map_files_in(tmp_path / "b.yaml") == []  # a file is no folder
    new = tmp_path / "new.yaml"  # need not exist
    assert find_map_near(new, "base").path == str(tmp_path / "b.yaml")
    assert find_map_near(new, "j").id == "j"
    assert find_map_near(tmp_path, "base").id == "base"
    for missing in ("hidden", "deeper", "nothing"):
        assert find_map_near(new, missing) is None
    # the file itself is not "near" itself
    assert find_map_near(tmp_path / "b.yaml", "base") is None


def test_localise():
    ids = {"base", "ext"}
    assert localise("base#x", ids) == "x"
    assert localise("ext#x->base#y", ids) == "x->y"
    assert localise("other#x", ids) == "other#x"
    assert localise("x", ids) == "x"


def test_missing_base_by_path(tmp_path):
    ext = write(
        tmp_path,
        "seminar/ext.yaml",
        "argmap: 1\nid: ext\nextends: ../nowhere.yaml\nclaims: {}\n",
    )
    (problem,) = errors(check_paths([ext]))
    assert problem.code == "unknown-base"
    assert problem.line == 3
    assert str(tmp_path / "nowhere.yaml") in problem.message
    assert "relative to this map's folder" in problem.fix


def test_base_file_with_errors_is_reported_too(tmp_path):
    write(tmp_path, "broken.yaml", "argmap: 1\nid: broken\nclaims:\n  a: {}\n")
    ext = write(
        tmp_path,
        "seminar/ext.yaml",
        "argmap: 1\nid: ext\nextends: ../broken.yaml\nclaims: {}\n",
    )
    problems = errors(check_paths([ext]))
    assert {(d.path, d.code) for d in problems} == {
        (str(tmp_path / "broken.yaml"), "schema"),
        (str(ext), "unknown-base"),
    }


def test_undercut_of_a_base_relation_and_duplicates(tmp_path, base):
    ext = write(
        tmp_path,
        "ext.yaml",
        """\
        argmap: 1
        id: ext
        extends: base
        claims:
          limit:
            text: The premise only holds sometimes.
            undercuts: [premise->thesis, doubt-thesis]
          again:
            text: Again.
            supports: [thesis]
          premise:
            supports: [thesis]
        """,
    )
    problems = errors(check_paths([ext]))
    # both undercut targets resolve in the base; the restated support is a duplicate
    assert [(d.code, d.line) for d in problems] == [("duplicate-relation", 12)]
    assert "already in the base map 'base'" in problems[0].message


def test_relation_id_already_used_by_the_base(tmp_path, base):
    ext = write(
        tmp_path,
        "ext.yaml",
        """\
        argmap: 1
        id: ext
        extends: base
        claims:
          mine:
            text: Mine.
            supports: [{to: thesis, id: doubt-thesis}]
        """,
    )
    (problem,) = errors(check_paths([ext]))
    assert (problem.code, problem.line) == ("duplicate-id", 7)


def test_qualified_references_to_the_base_become_bare(tmp_path, base):
    ext = write(
        tmp_path,
        "ext.yaml",
        """\
        argmap: 1
        id: ext
        extends: base
        claims:
          mine:
            text: Mine.
            rebuts: [base#doubt]
        """,
    )
    assert check_paths([ext]) == []
    amap = load_workspace([ext]).maps["ext"]
    assert ("rebuts", "mine", "doubt") in {
        (r.kind, r.source, r.target) for r in amap.relations
    }


def test_override_outside_an_extension_warns(tmp_path):
    plain = write(
        tmp_path,
        "plain.yaml",
        "argmap: 1\nid: plain\nclaims:\n  a:\n    text: A.\n    override: true\n",
    )
    (problem,) = check_paths([plain])
    assert (problem.severity, problem.code, problem.line) == (
        "warning",
        "override-without-base",
        4,
    )


def test_commands_see_the_effective_map(tmp_path, base):
    ext = write(
        tmp_path,
        "seminar/ext.yaml",
        """\
        argmap: 1
        id: ext
        extends: ../base.yaml
        claims:
          objection:
            text: My objection.
            rebuts: [premise]
        """,
    )
    result = CliRunner().invoke(cli, ["stats", str(ext), "--json"])
    assert result.exit_code == 0, result.output
    import json

    (figures,) = json.loads(result.output)["maps"]
    assert figures["claims"] == 4  # three of the base, one of its own
    assert figures["relations"]["rebuts"] == 2


def test_check_of_a_folder_with_base_and_extension(tmp_path, base):
    write(
        tmp_path,
        "ext.yaml",
        """\
        argmap: 1
        id: ext
        extends: base.yaml
        claims:
          objection:
            text: My objection.
            rebuts: [premise]
        """,
    )
    result = CliRunner().invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 0, result.output


def test_seminar_folder_checks():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    problems = check_paths([root / "maps" / "seminar"])
    assert errors(problems) == []
    ws = load_workspace([root / "maps" / "seminar"])
    for written in ws.written.values():
        assert written.extends, f"{written.path} should extend a seed map"


def test_a_base_file_that_does_not_load_is_named_with_its_first_error(tmp_path):
    (tmp_path / "seminar").mkdir()
    (tmp_path / "base.yaml").write_text(
        "argmap: 1\nid: base\nclaims:\n  a: {text: A\n", encoding="utf-8"
    )
    ext = tmp_path / "seminar" / "ext.yaml"
    ext.write_text(
        "argmap: 1\nid: ext\nextends: ../base.yaml\nclaims:\n  b: {text: B, rebuts: [a]}\n",
        encoding="utf-8",
    )
    from argmap.workspace import check_paths

    (base_error,) = [d for d in check_paths([ext]) if d.code == "unknown-base"]
    assert base_error.line == 3
    assert (
        "fix the base file first:" in base_error.fix and "base.yaml:5" in base_error.fix
    )
    assert "YAML syntax" in base_error.fix
