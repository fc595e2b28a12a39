"""Argdown reader and writer, on hand-written files in tests/data/interop/."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.diagnostics import MapError
from argmap.readwrite import argdown, yamlmap

DATA = Path(__file__).parent / "data" / "interop"


def rel_set(amap):
    return {(r.kind, r.source, r.target) for r in amap.relations}


@pytest.fixture(scope="module")
def constructs():
    (amap,), warnings = argdown.read_with_warnings(DATA / "constructs.argdown")
    return amap, warnings


def test_constructs_read_without_warnings(constructs):
    _, warnings = constructs
    assert warnings == []


def test_frontmatter_gives_map_metadata(constructs):
    amap, _ = constructs
    assert amap.id == "car-ban"
    assert amap.title == "Should cities ban cars?"
    assert amap.source.author == "Test Author"
    assert amap.source.published == "2024-01-02"


def test_statements_arguments_and_untitled_become_claims_in_definition_order(
    constructs,
):
    amap, _ = constructs
    # [Space] is referenced on line 19 but defined on line 25: it sits where it is defined.
    assert list(amap.claims) == [
        "ban",
        "air",
        "study",
        "jobs",
        "footfall",
        "green",
        "parking",
        "space",
        "need",
        "untitled-statements-are-claims-too",
        "long",
        "esc",
    ]
    assert (
        amap.claims["ban"].text == "Cities should ban private cars from their centres."
    )
    assert amap.claims["ban"].line == 14
    assert amap.claims["space"].line == 25


def test_relations_follow_argdown_directions_and_nesting(constructs):
    amap, _ = constructs
    assert rel_set(amap) == {
        ("supports", "air", "ban"),  # "+ [Air]" under [Ban]: incoming
        ("supports", "study", "air"),  # nested one level deeper: relative to [Air]
        ("rebuts", "jobs", "ban"),  # "-"
        ("undercuts", "footfall", "jobs->ban"),  # "_" under the "- [Jobs]" line
        ("supports", "space", "ban"),  # "<+" with a reference defined later
        ("supports", "ban", "green"),  # "+>": outgoing
        ("rebuts", "ban", "parking"),  # "->": outgoing
        ("rebuts", "space", "need"),  # "><": both ways
        ("rebuts", "need", "space"),
        ("rebuts", "air", "untitled-statements-are-claims-too"),
        ("rebuts", "esc", "long"),
    }


def test_data_blocks_map_to_claim_and_relation_fields(constructs):
    amap, _ = constructs
    ban = amap.claims["ban"]
    assert ban.role == "thesis"
    assert ban.quote == "ban cars"
    (space,) = [r for r in amap.relations if r.source == "space" and r.target == "ban"]
    assert space.weight == 0.7
    (air,) = [
        r for r in amap.relations if r.target == "untitled-statements-are-claims-too"
    ]
    assert (air.weight, air.note) == (0.5, "air quality objection")


def test_tags_headings_and_arguments(constructs):
    amap, _ = constructs
    assert amap.claims["ban"].tags == ("policy", "main-question")
    assert amap.claims["air"].tags == ("health", "main-question")
    assert amap.claims["study"].tags == ("argument", "main-question")
    assert amap.claims["need"].tags == ("counterpoints",)
    assert amap.claims["long"].tags == ("counterpoints", "two-words")


def test_comments_continuations_and_escapes(constructs):
    amap, _ = constructs
    texts = " ".join(c.text for c in amap)
    assert "comment" not in texts
    assert amap.claims["long"].text == "This statement continues on the next line."
    assert amap.claims["esc"].text == "C# is {not} a tag; see http://example.org/x"
    assert amap.claims["esc"].tags == ("counterpoints",)


def test_each_warning_has_its_message_and_line():
    _, warnings = argdown.read_with_warnings(DATA / "warnings.argdown")
    got = sorted((w.line, w.code, w.severity) for w in warnings)
    assert got == [
        (3, "argdown-frontmatter", "warning"),
        (6, "argdown-data", "warning"),
        (7, "argdown-undefined", "warning"),
        (11, "argdown-pcs", "warning"),
        (16, "argdown-redefined", "warning"),
        (21, "argdown-undercut", "warning"),
        (23, "argdown-data", "warning"),
    ]
    by_line = {w.line: w.message for w in warnings}
    assert by_line[3] == "frontmatter key 'theme' has no counterpart in a map; ignored"
    assert by_line[6] == "data key 'colour' has no counterpart in a map; ignored"
    assert (
        by_line[7] == "[B] is used but never defined; its title stands in for its text"
    )
    assert "premise-conclusion structure is not supported" in by_line[11]
    assert "3 numbered statement(s)" in by_line[11]
    assert by_line[16] == (
        "[A] is defined again with other text; the first text (line 6) is kept"
    )
    assert "cannot tell which inference of [C]" in by_line[21]
    assert "2 outgoing" in by_line[21]
    assert by_line[23].startswith("data key 'weight' belongs to a relation")


def test_warnings_do_not_lose_what_can_be_kept():
    (amap,), _ = argdown.read_with_warnings(DATA / "warnings.argdown")
    assert amap.claims["a"].text == "Statement A."  # the first definition wins
    assert amap.claims["b"].text == "B"  # undefined: the title stands in
    # The PCS statements are not claims; the undercut was not guessed.
    assert set(amap.claims) == {"a", "b", "arg", "c", "d", "e", "f"}
    assert not amap.undercuts()


@pytest.mark.parametrize(
    "name, line, words",
    [
        ("bad-relation", 2, "has no statement or argument above it"),
        ("bad-data", 2, "data block is not valid YAML"),
        ("bad-weight", 2, "is not a number between 0 and 1"),
        ("bad-comment", 2, "comment is not closed"),
    ],
)
def test_syntax_errors_name_file_and_line(name, line, words):
    with pytest.raises(MapError) as info:
        argdown.read(DATA / f"{name}.argdown")
    (problem,) = info.value.diagnostics
    assert problem.path.endswith(f"{name}.argdown")
    assert problem.line == line
    assert words in problem.message


def test_undercut_under_incoming_line_targets_that_relation():
    text = "[T]: t.\n  <+ <A>: a.\n    _ [U]: u.\n\n<A>\n  +> [X]: x.\n"
    amap, warnings = argdown.loads(text)
    assert warnings == []
    # A supports both T and X, but the undercut sits under the A->T line.
    assert ("undercuts", "u", "a->t") in rel_set(amap)


def test_undercut_of_an_undercut_names_it_by_id():
    text = "[T]: t.\n  <+ [A]: a.\n    <_ [U]: u.\n      <_ [V]: v.\n"
    amap, warnings = argdown.loads(text)
    assert warnings == []
    (u,) = [r for r in amap.undercuts() if r.source == "u"]
    (v,) = [r for r in amap.undercuts() if r.source == "v"]
    assert u.target == "a->t"
    assert u.id == "u-undercut"
    assert v.target == "u-undercut"


def test_outgoing_undercut_uses_the_only_inference():
    text = "[U]: u.\n  _> <A>: a.\n\n<A>\n  +> [T]: t.\n"
    amap, warnings = argdown.loads(text)
    assert warnings == []
    assert ("undercuts", "u", "a->t") in rel_set(amap)


def test_same_title_is_the_same_statement():
    text = "[Same]: Once.\n  + [Other]: o.\n\n[Same]\n  - [Third]: t.\n"
    amap, _ = argdown.loads(text)
    assert list(amap.claims) == ["same", "other", "third"]
    assert rel_set(amap) == {("supports", "other", "same"), ("rebuts", "third", "same")}


def test_writer_output_is_readable_argdown():
    amap = yamlmap.read(DATA / "rich.yaml")
    text = argdown.write(amap)
    assert (
        "[revive-night-trains]: Europe should revive night trains. #transport #climate"
        in text
    )
    assert "  <+ [flights-emit-more]" in text
    assert (
        "    <_ [doubts-on-emissions]" in text
    )  # nested under the relation it attacks
    assert (
        "<argument-for-rail>: Rail is the backbone of low-carbon travel. #transport"
        in text
    )
    assert '"\\#1"' in text  # a '#' in text is escaped, not a tag


def test_writer_round_trip_keeps_hostile_text():
    hostile = "Tags #x, data {a: 1}, comments // and /* and <!-- and \\ backslash"
    amap = yamlmap.loads(
        "argmap: 1\nid: h\nclaims:\n  a:\n    text: "
        + yamlmap.yaml.safe_dump(hostile).split("\n")[0]
        + "\n    tags: [x-y]\n"
    )
    again, warnings = argdown.loads(argdown.write(amap))
    assert warnings == []
    assert again.claims["a"].text == hostile
    assert again.claims["a"].tags == ("x-y",)


def test_a_links_files_same_as_links_live_in_the_frontmatter(tmp_path):
    links = yamlmap.read(DATA / "links.yaml")
    text = argdown.write(links)
    assert text.count("same_as") >= 2 and "links: [" in text
    path = tmp_path / "links.argdown"
    path.write_text(text, "utf-8")
    again = argdown.read(path)[0]
    assert again.same_as_links == links.same_as_links
    assert [r.suggested for r in again.relations] == [
        r.suggested for r in links.relations
    ]
    path.write_text(
        "===\nid: links\nlinks: [{kind: rebuts, from: a#x, to: b#y}]\n===\n", "utf-8"
    )
    with pytest.raises(MapError) as info:
        argdown.read(path)
    (problem,) = info.value.diagnostics
    assert problem.line == 3 and "is not a same_as link" in problem.message
