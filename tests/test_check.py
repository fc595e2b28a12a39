"""Malformed maps: each gives one clear line with file:line, exit 1, no traceback.

Every case is a small map written here with the problem on a known line; the
test asserts the line number and the words a user needs to fix it.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from argmap.cli import cli
from argmap.workspace import check_paths

from conftest import write

GOOD_HEAD = "argmap: 1\nid: demo\nclaims:\n"

# (name, map text, expected line, words the message must contain)
MALFORMED = [
    (
        "yaml-syntax-unclosed-quote",
        GOOD_HEAD + '  a:\n    text: "never closed\n',
        5,
        ["YAML syntax"],
    ),
    (
        "yaml-tab-indentation",
        GOOD_HEAD + "  a:\n\ttext: tab\n",
        5,
        ["YAML syntax", "tab"],
    ),
    (
        "colon-in-plain-text",
        GOOD_HEAD + "  a:\n    text: Note: this breaks\n",
        5,
        ["YAML syntax", "quote"],
    ),
    (
        "not-a-mapping",
        "- just\n- a list\n",
        1,
        ["must be a YAML mapping"],
    ),
    (
        "missing-claims",
        "argmap: 1\nid: demo\n",
        1,
        ["missing required field 'claims'"],
    ),
    (
        "wrong-version",
        "argmap: 2\nid: demo\nclaims: {}\n",
        1,
        ["unsupported format version 2", "argmap: 1"],
    ),
    (
        "bad-map-id",
        "argmap: 1\nid: not a slug\nclaims: {}\n",
        2,
        ["not a valid id"],
    ),
    (
        "unknown-field-typo",
        GOOD_HEAD + "  a:\n    text: A\n    suports: [b]\n  b:\n    text: B\n",
        6,
        ["unknown field 'suports'", "supports"],
    ),
    (
        "text-wrong-type",
        GOOD_HEAD + "  a:\n    text: [a, list]\n",
        5,
        ["expected string", "a list"],
    ),
    (
        "empty-text",
        GOOD_HEAD + '  a:\n    text: "   "\n',
        5,
        ["text is empty"],
    ),
    (
        "missing-text",
        GOOD_HEAD + "  a:\n    role: thesis\n",
        4,
        ["missing required field 'text'"],
    ),
    (
        "bad-role",
        GOOD_HEAD + "  a:\n    text: A\n    role: conclusion\n",
        6,
        ["'conclusion' is not one of", "thesis"],
    ),
    (
        "weight-above-one",
        GOOD_HEAD
        + "  a:\n    text: A\n  b:\n    text: B\n    supports: [{to: a, weight: 1.5}]\n",
        8,
        ["1.5 is outside 0..1"],
    ),
    (
        "weight-not-a-number",
        GOOD_HEAD
        + "  a:\n    text: A\n  b:\n    text: B\n    supports: [{to: a, weight: high}]\n",
        8,
        ["weight", "expected number"],
    ),
    (
        "duplicate-claim-id",
        GOOD_HEAD + "  a:\n    text: A\n  a:\n    text: Again\n",
        6,
        ["duplicate key 'a'"],
    ),
    (
        "unknown-reference-with-suggestion",
        GOOD_HEAD
        + "  thesis:\n    text: T\n  reason:\n    text: R\n    supports: [theses]\n",
        8,
        ["unknown claim 'theses'", "did you mean 'thesis'"],
    ),
    (
        "unknown-map",
        GOOD_HEAD + "  a:\n    text: A\n    rebuts: [nowhere#b]\n",
        6,
        ["no map has id 'nowhere'"],
    ),
    (
        "self-relation",
        GOOD_HEAD
        + "  a:\n    text: A\n    supports: [a]\n  b:\n    text: B\n    rebuts: [a]\n",
        6,
        ["'a' supports itself"],
    ),
    (
        "duplicate-relation",
        GOOD_HEAD + "  a:\n    text: A\n  b:\n    text: B\n    supports: [a, a]\n",
        8,
        ["'b' supports 'a' twice"],
    ),
    (
        "undercut-of-missing-relation",
        GOOD_HEAD
        + "  a:\n    text: A\n  b:\n    text: B\n    supports: [a]\n  c:\n    text: C\n    undercuts: [a->b]\n",
        11,
        ["names no relation 'a->b'"],
    ),
    (
        "bad-reference-syntax",
        GOOD_HEAD + "  a:\n    text: A\n    supports: ['b c']\n",
        6,
        ["'b c' is not a valid id or reference"],
    ),
    (
        "relation-id-clashes-with-claim",
        GOOD_HEAD
        + "  a:\n    text: A\n  b:\n    text: B\n    supports: [{to: a, id: a}]\n",
        8,
        ["relation id 'a' is already used by a claim"],
    ),
]


@pytest.mark.parametrize(
    "name,text,line,words", MALFORMED, ids=[m[0] for m in MALFORMED]
)
def test_malformed_map_is_reported_with_line(tmp_path, name, text, line, words):
    path = write(tmp_path, "map.yaml", text)
    errors = [d for d in check_paths([path]) if d.is_error]
    assert errors, f"{name}: no error reported"
    matching = [d for d in errors if all(w in d.format() for w in words)]
    assert matching, (
        f"{name}: no error mentions {words}: {[d.format() for d in errors]}"
    )
    assert matching[0].line == line
    assert matching[0].path == str(path)


@pytest.mark.parametrize(
    "name,text,line,words", MALFORMED, ids=[m[0] for m in MALFORMED]
)
def test_cli_check_prints_one_line_and_exits_1(tmp_path, name, text, line, words):
    path = write(tmp_path, "map.yaml", text)
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert f"{path}:{line}" in result.output
    assert path.read_bytes() == before  # checking never changes the input


def test_several_problems_in_one_file_are_all_reported(tmp_path):
    text = (
        GOOD_HEAD
        + "  a:\n    text: A\n    role: boss\n  b:\n    text: B\n    supports: [{to: a, weight: 7}]\n"
    )
    diagnostics = check_paths([write(tmp_path, "map.yaml", text)])
    assert sorted(d.line for d in diagnostics if d.is_error) == [6, 9]


def test_warnings_do_not_fail_unless_strict(tmp_path):
    text = (
        GOOD_HEAD
        + "  a:\n    text: A\n  b:\n    text: B\n  c:\n    text: C\n    supports: [a]\n"
    )
    path = write(tmp_path, "map.yaml", text)
    normal = CliRunner().invoke(cli, ["check", str(path)])
    assert normal.exit_code == 0
    assert f"{path}:6: warning: claim 'b' has no relation" in normal.output
    strict = CliRunner().invoke(cli, ["check", "--strict", str(path)])
    assert strict.exit_code == 1


def test_support_cycle_is_a_warning_naming_the_cycle(tmp_path):
    text = (
        GOOD_HEAD
        + "  a: {text: A, supports: [b]}\n  b: {text: B, supports: [c]}\n  c: {text: C, supports: [a]}\n"
    )
    diagnostics = check_paths([write(tmp_path, "map.yaml", text)])
    cycles = [d for d in diagnostics if d.code == "support-cycle"]
    assert len(cycles) == 1 and not cycles[0].is_error
    assert "a -> b -> c -> a" in cycles[0].message


def test_check_json_lists_problems(tmp_path):
    path = write(tmp_path, "map.yaml", MALFORMED[12][1])  # weight above one
    result = CliRunner().invoke(cli, ["check", "--json", str(path)])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["errors"] == 1
    assert data["problems"][0]["line"] == 8
    assert data["problems"][0]["code"] == "schema"


def test_cross_map_reference_resolves_from_a_sibling_file(tmp_path):
    write(tmp_path, "other.yaml", "argmap: 1\nid: other\nclaims:\n  x: {text: X}\n")
    path = write(
        tmp_path, "map.yaml", GOOD_HEAD + "  a:\n    text: A\n    rebuts: [other#x]\n"
    )
    assert [d for d in check_paths([path]) if d.is_error] == []
    bad = write(
        tmp_path,
        "b.yaml",
        GOOD_HEAD.replace("demo", "demo2")
        + "  a:\n    text: A\n    rebuts: [other#y]\n",
    )
    errors = [d.format() for d in check_paths([bad]) if d.is_error]
    expected = (
        f"{bad}:6: error: rebuts relation from 'a' names 'other#y', "
        "but map 'other' has no claim 'y' (fix: check the claim ids of 'other')"
    )
    assert errors == [expected]


def test_duplicate_map_ids_across_files(tmp_path):
    write(tmp_path, "one.yaml", GOOD_HEAD + "  a: {text: A}\n")
    write(tmp_path, "two.yaml", GOOD_HEAD + "  b: {text: B}\n")
    errors = [d for d in check_paths([tmp_path]) if d.is_error]
    assert [d.code for d in errors] == ["duplicate-map-id"]
    assert errors[0].path.endswith("two.yaml")


def test_missing_path_and_non_utf8_file(tmp_path):
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1 and "no such file or folder" in result.output
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(GOOD_HEAD.encode() + "  a: {text: caf\xe9}\n".encode("latin-1"))
    result = CliRunner().invoke(cli, ["check", str(latin)])
    assert result.exit_code == 1
    assert f"{latin}:4: error: not valid UTF-8 text" in result.output


def test_quotes_are_verified_against_the_source_text(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(
        "Summits change the\natmosphere \u2014 but \u201ccontracts\u201d decide.",
        encoding="utf-8",
    )
    text = GOOD_HEAD + (
        "  a:\n"
        "    text: A\n"
        '    quote: Summits change the atmosphere - but "contracts" decide.\n'
        "  b:\n"
        "    text: B\n"
        "    quote: Summits never change anything.\n"
        "    supports: [a]\n"
    )
    path = write(tmp_path, "map.yaml", text)
    diagnostics = check_paths([path], {"demo": str(article)})
    missing = [d for d in diagnostics if d.code == "quote-not-found"]
    assert [(d.line, d.is_error) for d in missing] == [(7, True)]
    result = CliRunner().invoke(cli, ["check", str(path), "--source", "nomap=x.txt"])
    assert result.exit_code == 1 and "no map with id 'nomap'" in result.output


def test_cluster_not_connected_to_the_thesis_is_a_warning(tmp_path):
    text = GOOD_HEAD + (
        "  t:\n    text: T\n    role: thesis\n"
        "  r:\n    text: R\n    supports: [t]\n"
        "  x:\n    text: X\n"
        "  y:\n    text: Y\n    rebuts: [x]\n"
    )
    diagnostics = check_paths([write(tmp_path, "map.yaml", text)])
    unreachable = sorted(
        (d.line, d.message) for d in diagnostics if d.code == "unreachable-claim"
    )
    assert unreachable == [
        (10, "claim 'x' is not connected to any thesis of the map"),
        (12, "claim 'y' is not connected to any thesis of the map"),
    ]


def test_undercut_naming_a_relation_id_connects_to_the_thesis(tmp_path):
    text = GOOD_HEAD + (
        "  t:\n    text: T\n    role: thesis\n"
        "  r:\n    text: R\n    supports: [{to: t, id: r-t}]\n"
        "  u:\n    text: U\n    undercuts: [r-t]\n"
        "  w:\n    text: W\n    supports: [u]\n"
    )
    diagnostics = check_paths([write(tmp_path, "map.yaml", text)])
    assert [d for d in diagnostics if d.code == "unreachable-claim"] == []


def test_bad_claim_id_is_reported_at_its_own_line(tmp_path):
    text = (
        GOOD_HEAD
        + "  good:\n    text: A\n  'bad id':\n    text: B\n    supports: [good]\n"
    )
    errors = [d for d in check_paths([write(tmp_path, "map.yaml", text)]) if d.is_error]
    assert [(d.line, d.message) for d in errors] == [
        (6, "claim id 'bad id' is not a valid id")
    ]


def test_non_http_source_url_is_a_warning_at_its_line(tmp_path):
    text = (
        "argmap: 1\nid: demo\ntitle: T\nsource:\n  url: javascript:alert(1)\nclaims:\n"
        "  a: {text: A, role: thesis}\n  b: {text: B, supports: [a]}\n"
    )
    (warned,) = [
        d
        for d in check_paths([write(tmp_path, "map.yaml", text)])
        if d.code == "unsafe-url"
    ]
    assert warned.line == 4 and not warned.is_error


def test_same_undercut_twice_and_self_qualified_duplicates_are_errors(tmp_path):
    text = GOOD_HEAD + (
        "  t:\n    text: T\n    role: thesis\n"
        "  r:\n    text: R\n    supports: [{to: t, id: door}, demo#t]\n"
        "  u:\n    text: U\n    undercuts: [door, door]\n"
    )
    errors = sorted(
        (d.line, d.message)
        for d in check_paths([write(tmp_path, "map.yaml", text)])
        if d.is_error
    )
    assert errors == [
        (9, "'r' supports 't' twice"),
        (12, "'u' undercuts 'door' twice"),
    ]


def test_undercut_by_source_target_finds_a_relation_that_has_an_id(tmp_path):
    text = GOOD_HEAD + (
        "  t:\n    text: T\n    role: thesis\n"
        "  r:\n    text: R\n    supports: [{to: t, id: door}]\n"
        "  u:\n    text: U\n    undercuts: [r->t]\n"
    )
    assert [
        d for d in check_paths([write(tmp_path, "map.yaml", text)]) if d.is_error
    ] == []


def test_checking_many_maps_stays_linear(tmp_path, monkeypatch):
    # 300 small maps that refer to their neighbour: the isolated-claim check
    # once scanned every map's relations for each map.  Count the work, not time.
    from argmap import checks
    from argmap.workspace import load_workspace

    for i in range(300):
        other = (i + 1) % 300
        (tmp_path / f"m{i}.yaml").write_text(
            f"argmap: 1\nid: m{i}\nclaims:\n  a: {{text: A, role: thesis}}\n"
            f"  b: {{text: B, supports: [a], rebuts: [m{other}#a]}}\n",
            encoding="utf-8",
        )
    calls = []
    original = checks.touched_claims
    monkeypatch.setattr(
        checks, "touched_claims", lambda scope: calls.append(1) or original(scope)
    )
    ws = load_workspace([tmp_path])
    assert ws.errors == [] and len(calls) == 1


def test_loading_reports_progress_per_file(tmp_path):
    from argmap.workspace import load_workspace

    for i in range(3):
        write(
            tmp_path, f"m{i}.yaml", f"argmap: 1\nid: m{i}\nclaims:\n  a: {{text: A}}\n"
        )
    write(tmp_path, "m9.yaml", "not: [valid")  # a broken file still counts as read
    seen = []
    load_workspace([tmp_path], progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]


def test_undercut_of_another_maps_relation(tmp_path):
    write(
        tmp_path,
        "a.yaml",
        "argmap: 1\nid: a\nclaims:\n  t: {text: T, role: thesis}\n  p: {text: P, supports: [t]}\n",
    )
    good = write(
        tmp_path,
        "b.yaml",
        "argmap: 1\nid: b\nclaims:\n  t: {text: T, role: thesis}\n"
        "  u: {text: U, supports: [t], undercuts: ['a#p->a#t']}\n",
    )
    assert [d for d in check_paths([good]) if d.is_error] == []
    bad = write(
        tmp_path,
        "c.yaml",
        "argmap: 1\nid: c\nclaims:\n  t: {text: T, role: thesis}\n"
        "  u: {text: U, supports: [t], undercuts: ['a#t->a#p']}\n",
    )
    assert [(d.line, d.code) for d in check_paths([bad]) if d.is_error] == [
        (5, "unknown-relation")
    ]


# -- regression tests: error messages a new user found misleading ------------------
TAB_BROKEN = "argmap: 1\nid: a\nclaims:\n  x:\n\ttext: X\n"
REFERS_TO_A = "argmap: 1\nid: b\nclaims:\n  y:\n    text: Y\n    supports: [a#x]\n"


def test_broken_map_is_not_called_missing_by_maps_that_refer_to_it(tmp_path):
    broken = write(tmp_path, "a.yaml", TAB_BROKEN)
    b = write(tmp_path, "b.yaml", REFERS_TO_A)
    # Both files named (the folder), and b alone (a.yaml searched beside it).
    for paths in ([tmp_path], [b]):
        (unknown,) = [d for d in check_paths(paths) if d.code == "unknown-map"]
        assert unknown.path == str(b) and unknown.line == 6
        assert "no map has id" not in unknown.message
        assert "no map with id 'a' could be read" in unknown.message
        assert str(broken) in unknown.message
        assert "pass that map's file too" not in unknown.fix
    broken.write_text(TAB_BROKEN.replace("\t", "    "), encoding="utf-8")
    assert [d for d in check_paths([tmp_path]) if d.is_error] == []


def test_unknown_map_without_load_failures_still_says_no_map_has_that_id(tmp_path):
    b = write(tmp_path, "b.yaml", REFERS_TO_A)
    (unknown,) = [d for d in check_paths([b]) if d.is_error]
    assert (
        unknown.message
        == "supports relation from 'y' names 'a#x', but no map has id 'a'"
    )
    assert unknown.fix == "check the map id, or pass that map's file too"


def test_schema_file_beside_the_maps_is_not_read_as_a_map(tmp_path):
    from argmap.workspace import map_files_in

    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    schema_file = tmp_path / "argmap.schema.json"
    schema_file.write_text(result.output, encoding="utf-8")
    write(tmp_path, "a.yaml", GOOD_HEAD + "  a: {text: A}\n")
    assert [p.name for p in map_files_in(tmp_path)] == ["a.yaml"]
    assert [d for d in check_paths([tmp_path]) if d.is_error] == []
    # Named on its own, the file is still read (and is no map).
    assert any(
        d.path == str(schema_file) for d in check_paths([schema_file]) if d.is_error
    )


def test_yaml_hint_for_a_field_indented_too_far_mentions_indentation(tmp_path):
    text = GOOD_HEAD + "  a:\n    text: A\n     role: thesis\n"
    (err,) = [d for d in check_paths([write(tmp_path, "map.yaml", text)]) if d.is_error]
    assert err.code == "yaml-syntax" and err.line == 6
    assert "indentation" in err.fix and "quote text that contains ': '" in err.fix


def test_weight_that_is_not_a_number_says_to_write_a_number(tmp_path):
    text = (
        GOOD_HEAD
        + "  a:\n    text: A\n  b:\n    text: B\n    supports: [{to: a, weight: high}]\n"
    )
    (err,) = [d for d in check_paths([write(tmp_path, "map.yaml", text)]) if d.is_error]
    assert err.line == 8 and err.fix == "write a number between 0 and 1"


def test_same_as_typo_is_reported_at_the_same_as_line(tmp_path):
    write(tmp_path, "other.yaml", "argmap: 1\nid: other\nclaims:\n  o: {text: O}\n")
    text = GOOD_HEAD + (
        "  a:\n"  # line 4
        "    text: A\n"
        "    same_as: [otehr#o]\n"  # line 6
        "  b:\n"
        "    text: B\n"
        "    same_as:\n"  # line 9
        "      - other#o\n"
        "      - other#nope\n"  # line 11
    )
    path = write(tmp_path, "map.yaml", text)
    errors = sorted((d.line, d.code) for d in check_paths([path]) if d.is_error)
    assert errors == [(6, "unknown-map"), (11, "unknown-reference")]


def test_missing_source_text_is_reported_at_the_map_line(tmp_path):
    text = (
        "argmap: 1\nid: demo\nsource:\n  publisher: P\n  text: nope.txt\n"
        "claims:\n  a: {text: A, quote: Q}\n"
    )
    path = write(tmp_path, "map.yaml", text)
    (err,) = [d for d in check_paths([path]) if d.is_error]
    assert err.path == str(path) and err.line == 5
    assert str(tmp_path / "nope.txt") in err.message and "no such file" in err.message


def test_undercut_naming_an_unloaded_map_says_no_map_has_that_id(tmp_path):
    text = GOOD_HEAD + "  a:\n    text: A\n    undercuts: ['ghost#p->ghost#t']\n"
    (err,) = [d for d in check_paths([write(tmp_path, "map.yaml", text)]) if d.is_error]
    assert err.code == "unknown-map" and err.line == 6
    assert "no map has id 'ghost'" in err.message
    assert err.fix == "check the map id, or pass that map's file too"


def test_claim_supporting_itself_is_not_also_a_support_cycle(tmp_path):
    text = (
        GOOD_HEAD + "  a: {text: A, supports: [a, b]}\n  b: {text: B, supports: [a]}\n"
    )
    diagnostics = check_paths([write(tmp_path, "map.yaml", text)])
    assert [d.code for d in diagnostics if d.is_error] == ["self-relation"]
    # The two-claim cycle a -> b -> a is still one.
    cycles = [d.message for d in diagnostics if d.code == "support-cycle"]
    assert cycles == ["support cycle: a -> b -> a"]


def test_merge_auto_self_relation_fix_names_the_automatic_match(tmp_path, monkeypatch):
    from argmap.analysis.merge import merge_with_report
    from argmap.model import ArgumentMap, Claim, Relation

    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    contracts = "Contracts decide whether cooperation happens."
    summits = "Summit declarations bring cooperation."
    first = ArgumentMap(
        "m1",
        claims=[Claim("x", contracts), Claim("y", summits)],
        relations=[Relation("supports", "y", "x")],
    )
    # m3 says its claim is m2's; automatic matching joins m2's with x and
    # m3's with y, so y and x become one claim that supports itself
    second = ArgumentMap("m2", claims=[Claim("z", contracts)])
    third = ArgumentMap("m3", claims=[Claim("w", summits, same_as=("m2#z",))])
    (auto,) = merge_with_report([first, second, third], auto_match=0.8).diagnostics
    assert auto.code == "merged-self-relation"
    # The library names its parameter; `argmap merge` names its option (test_merge).
    assert "same_as" not in auto.fix and "higher auto_match threshold" in auto.fix
    linked = ArgumentMap(
        "m2", claims=[Claim("z", "Something else", same_as=("m1#x", "m1#y"))]
    )
    (written,) = merge_with_report([first, linked], auto_match=0.8).diagnostics
    assert written.fix == "remove the same_as link or the relation"
