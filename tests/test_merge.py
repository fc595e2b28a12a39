"""Merging maps: identity through same_as, provenance, and the algebra of merge.

The property tests build small random workspaces (a hypothesis strategy that
only writes valid maps) and check that merging does not depend on the order
of the inputs, that merging twice changes nothing, and that nesting merges
gives the same map as merging everything at once.  The hand-made tests pin
the rules with expected values worked out by reading the maps.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analysis.merge import (
    merge,
    merge_or_single,
    merge_with_report,
    merged_claim_of,
)
from argmap.cli import cli
from argmap.diagnostics import MapError
from argmap.model import ArgumentMap, Claim, Provenance, Relation
from argmap.readwrite.yamlmap import dumps, loads
from argmap.validate import check_map

SEEDS = Path(__file__).resolve().parent.parent / "maps"


def errors_of(amap: ArgumentMap) -> list:
    return [d for d in check_map(amap) if d.is_error]


def roundtrip(amap: ArgumentMap) -> ArgumentMap:
    return loads(dumps(amap))


# -- a strategy for valid workspaces -------------------------------------------------
CLAIM_IDS = ["x", "y", "z", "m0.x"]  # "m0.x" can clash with a prefixed "x"
TEXTS = ["Summits change the mood.", "Contracts decide.", "Trust is scarce.", "B"]
TAGS = ["law", "trade", "tech"]


@st.composite
def workspaces(draw, sizes=None, links=None):
    """A list of valid maps m0, m1, … with cross-map relations and same_as.

    *links(i, n)* gives the indexes of the maps that map *i* of *n* may
    refer to (default: all others).
    """
    n = draw(sizes if sizes is not None else st.integers(1, 4))
    ids = [f"m{i}" for i in range(n)]
    claim_ids = [
        draw(st.lists(st.sampled_from(CLAIM_IDS), min_size=1, max_size=4, unique=True))
        for _ in ids
    ]
    maps = []
    for i, map_id in enumerate(ids):
        others = links(i, n) if links else [j for j in range(n) if j != i]
        reachable = [(i, c) for c in claim_ids[i]] + [
            (j, c) for j in others for c in claim_ids[j]
        ]

        def ref(j: int, claim: str, i=i) -> str:
            return claim if j == i else f"{ids[j]}#{claim}"

        claims = {}
        for c in claim_ids[i]:
            claims[c] = Claim(
                c,
                draw(st.sampled_from(TEXTS)),
                quote=draw(st.sampled_from([None, "q1", "q2"])),
                role=draw(
                    st.sampled_from(
                        [None, "thesis", "premise", "evidence", "objection"]
                    )
                ),
                tags=tuple(sorted(draw(st.sets(st.sampled_from(TAGS), max_size=2)))),
                note=draw(st.sampled_from([None, "n1", "n2"])),
            )
        relations: list[Relation] = []
        used_pairs = set()
        for _ in range(draw(st.integers(0, 5))):
            source = draw(st.sampled_from(claim_ids[i]))
            j, target = draw(st.sampled_from(reachable))
            if (j == i and target == source) or (source, j, target) in used_pairs:
                continue  # a self-relation or a second relation between one pair
            used_pairs.add((source, j, target))
            relations.append(
                Relation(
                    draw(st.sampled_from(["supports", "rebuts"])),
                    source,
                    ref(j, target),
                    weight=draw(st.sampled_from([0.3, 0.5, 1.0])),
                    note=draw(st.sampled_from([None, "because", "only partly"])),
                )
            )
        claim_relations = list(relations)
        used_undercuts = set()
        for _ in range(draw(st.integers(0, 2)) if claim_relations else 0):
            source = draw(st.sampled_from(claim_ids[i]))
            target = draw(st.sampled_from(claim_relations)).key
            if (source, target) in used_undercuts:
                continue
            used_undercuts.add((source, target))
            relations.append(Relation("undercuts", source, target, weight=0.5))
        for _ in range(draw(st.integers(0, 2)) if others else 0):
            c = draw(st.sampled_from(claim_ids[i]))
            j = draw(st.sampled_from(others))
            other = draw(st.sampled_from(claim_ids[j]))
            if ref(j, other) not in claims[c].same_as:
                claims[c].same_as += (ref(j, other),)
        maps.append(
            ArgumentMap(map_id, f"Map {map_id}", None, claims.values(), relations)
        )
    return maps


def hub(i: int, n: int) -> list[int]:
    """Maps refer only to map 1, so that any two neighbours can be merged alone."""
    return [1] if i != 1 and n > 1 else []


SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@SETTINGS
@given(workspaces())
def test_generated_maps_are_valid(maps):
    by_id = {m.id: m for m in maps}
    for amap in maps:
        assert [d for d in check_map(amap, by_id) if d.is_error] == []


@SETTINGS
@given(st.data())
def test_merge_does_not_depend_on_input_order(data):
    maps = data.draw(workspaces())
    shuffled = data.draw(st.permutations(maps))
    assert dumps(merge(shuffled)) == dumps(merge(maps))


@SETTINGS
@given(workspaces())
def test_merge_is_idempotent(maps):
    once = merge(maps)
    assert merge(maps + maps) == once
    assert dumps(merge([once])) == dumps(once)
    assert dumps(merge([once, once])) == dumps(once)
    # re-merging the file, as `argmap merge merged.yaml` does
    assert dumps(merge([roundtrip(once)])) == dumps(once)


@SETTINGS
@given(workspaces(sizes=st.just(1)))
def test_merging_a_map_with_itself_changes_nothing(maps):
    (m,) = maps
    assert dumps(merge([m, m])) == dumps(merge([m]))


@SETTINGS
@given(workspaces(sizes=st.just(3), links=hub))
def test_merge_is_associative(maps):
    a, b, c = maps
    flat = dumps(merge([a, b, c]))
    assert dumps(merge([merge([a, b]), c])) == flat
    assert dumps(merge([a, merge([b, c])])) == flat
    assert dumps(merge([roundtrip(merge([a, b])), roundtrip(merge([b, c]))])) == flat


@SETTINGS
@given(workspaces())
def test_merged_map_is_a_valid_map_file(maps):
    merged = merge(maps)
    again = roundtrip(merged)
    assert again == merged
    assert errors_of(again) == []
    # every atom appears in exactly one merged claim
    atoms = [p.ref for c in merged.claims.values() for p in c.provenance]
    assert sorted(atoms) == sorted(f"{m.id}#{c}" for m in maps for c in m.claims)
    for claim in merged.claims.values():
        assert "#" not in claim.id


# -- hand-made cases ---------------------------------------------------------------
def load_text(text: str, path: str) -> ArgumentMap:
    return loads(text, path)


A = """\
argmap: 1
id: a
title: Source A
claims:
  summits:
    text: Summits change the mood.
    quote: the mood changed
    role: premise
    tags: [diplomacy]
    supports: [{to: deals, weight: 0.6, note: only the mood}]
  deals:
    text: Deals follow.
    role: thesis
"""
B = """\
argmap: 1
id: b
title: Source B
claims:
  meetings:
    text: Meetings improve the atmosphere.
    tags: [thaw, diplomacy]
    same_as: [a#summits]
    supports: [{to: agreements, weight: 0.9}]
  agreements:
    text: Agreements come next.
    role: evidence
    same_as: [a#deals]
"""
C = """\
argmap: 1
id: c
claims:
  talks:
    text: Talks lift the mood.
    role: objection
    same_as: [b#meetings]
    rebuts: [b#agreements]
"""


@pytest.fixture
def abc():
    return [load_text(A, "a.yaml"), load_text(B, "b.yaml"), load_text(C, "c.yaml")]


def test_transitive_same_as_gives_one_claim_with_three_sources(abc):
    merged = merge(abc)
    assert sorted(merged.claims) == ["deals", "summits"]
    summits = merged.claims["summits"]
    assert [p.ref for p in summits.provenance] == ["a#summits", "b#meetings", "c#talks"]
    assert summits.provenance[1] == Provenance(
        "b", "meetings", "Meetings improve the atmosphere.", None
    )
    # text and quote of the smallest atom, a#summits
    assert summits.text == "Summits change the mood."
    assert summits.quote == "the mood changed"
    # premise (a) beats objection (c) in the order thesis, premise, evidence, objection
    assert summits.role == "premise"
    assert summits.tags == ("diplomacy", "thaw")
    assert summits.sources() == ("a", "b", "c")
    assert merged.claims["deals"].role == "thesis"
    assert merged_claim_of(merged, "c#talks") is summits


def test_relation_asserted_by_two_sources_is_one_relation(abc):
    merged = merge(abc)
    by_kind = {r.kind: r for r in merged.relations}
    assert len(merged.relations) == 2
    support = by_kind["supports"]
    assert (support.source, support.target) == ("summits", "deals")
    assert support.asserted_by == ("a", "b")
    assert support.weight == 0.9  # the larger of 0.6 (a) and 0.9 (b)
    assert support.note == "only the mood"
    rebut = by_kind["rebuts"]
    assert (rebut.source, rebut.target, rebut.asserted_by) == (
        "summits",
        "deals",
        ("c",),
    )
    assert rebut.weight == 1.0


def test_merged_from_is_flat_and_sorted(abc):
    a, b, c = abc
    merged = merge([c, merge([b, a], id="inner", title="Inner")])
    assert [m.id for m in merged.merged_from] == ["a", "b", "c"]
    assert [m.title for m in merged.merged_from] == ["Source A", "Source B", None]
    assert merged.title == "Merge of 3 maps: a, b, c"
    assert merge(abc, id="ab", title="T").id == "ab"


def test_unresolved_references_name_file_and_line():
    a = load_text(
        "argmap: 1\nid: a\nclaims:\n  x:\n    text: X.\n    supports: [b#nope]\n"
        "    same_as: [ghost#y]\n",
        "maps/a.yaml",
    )
    b = load_text("argmap: 1\nid: b\nclaims:\n  y:\n    text: Y.\n", "maps/b.yaml")
    with pytest.raises(MapError) as info:
        merge([a, b])
    problems = info.value.diagnostics
    # The codes, lines and messages of `argmap check` (argmap.refs resolves both).
    assert [(d.path, d.line, d.code) for d in problems] == [
        ("maps/a.yaml", 6, "unknown-reference"),
        ("maps/a.yaml", 7, "unknown-map"),  # same_as is reported at its item
    ]
    assert "'b#nope'" in problems[0].message
    assert "'ghost#y'" in problems[1].message
    assert "no map has id 'ghost'" in problems[1].message
    assert problems == sorted(d for d in check_map(a, {"a": a, "b": b}) if d.is_error)


def test_two_different_maps_with_one_id_are_refused():
    first = load_text("argmap: 1\nid: a\nclaims:\n  x:\n    text: X.\n", "one.yaml")
    second = load_text(
        "argmap: 1\nid: a\nclaims:\n  x:\n    text: Other.\n", "two.yaml"
    )
    with pytest.raises(MapError) as info:
        merge([first, second])
    assert info.value.diagnostics[0].code == "duplicate-map-id"


def test_undercut_is_remapped_to_renamed_claims():
    # Both maps use the ids x and y without linking them: four claims whose
    # names clash, so each becomes map-id.claim-id.
    a = load_text(
        "argmap: 1\nid: a\nclaims:\n  x: {text: X., supports: [y]}\n  y: {text: Y.}\n"
        "  u: {text: U., undercuts: ['x->y']}\n",
        "a.yaml",
    )
    b = load_text(
        "argmap: 1\nid: b\nclaims:\n  x: {text: X2., supports: [y]}\n  y: {text: Y2.}\n",
        "b.yaml",
    )
    merged = merge([a, b])
    assert sorted(merged.claims) == ["a.x", "a.y", "b.x", "b.y", "u"]
    undercut = merged.undercuts()[0]
    assert (undercut.source, undercut.target) == ("u", "a.x->a.y")
    assert errors_of(roundtrip(merged)) == []


def test_undercut_of_a_relation_that_becomes_ambiguous_gets_an_id():
    # a says x supports y (and u undercuts that); b says the same two claims
    # are in a rebuttal, so "x->y" would name two merged relations.
    a = load_text(
        "argmap: 1\nid: a\nclaims:\n  x: {text: X., supports: [y]}\n  y: {text: Y.}\n"
        "  u: {text: U., undercuts: ['x->y']}\n",
        "a.yaml",
    )
    b = load_text(
        "argmap: 1\nid: b\nclaims:\n"
        "  p: {text: P., same_as: ['a#x'], rebuts: [q]}\n"
        "  q: {text: Q., same_as: ['a#y']}\n",
        "b.yaml",
    )
    merged = merge([a, b])
    support = next(r for r in merged.relations if r.kind == "supports")
    assert support.id == "x.supports.y"
    assert merged.undercuts()[0].target == "x.supports.y"
    assert errors_of(roundtrip(merged)) == []


def test_undercut_by_key_names_a_relation_that_has_an_id():
    # The model's rule: "x->y" names the support between x and y even though
    # it has an id (the checker accepts the map, so merging must too).
    a = load_text(
        "argmap: 1\nid: a\nclaims:\n"
        "  x: {text: X., supports: [{to: y, id: r1}]}\n  y: {text: Y.}\n"
        "  u: {text: U., undercuts: ['x->y']}\n",
        "a.yaml",
    )
    assert errors_of(a) == []
    b = load_text("argmap: 1\nid: b\nclaims:\n  z: {text: Z.}\n", "b.yaml")
    merged = merge([a, b])
    (undercut,) = merged.undercuts()
    assert (undercut.source, undercut.target) == ("u", "x->y")
    assert merged.relation("x->y").kind == "supports"


def test_merge_or_single():
    a = load_text("argmap: 1\nid: a\nclaims:\n  x: {text: X.}\n", "a.yaml")
    b = load_text("argmap: 1\nid: merged\nclaims:\n  y: {text: Y.}\n", "b.yaml")
    assert merge_or_single([a]) is a
    both = merge_or_single([a, b])
    # "merged" is an input's id, so the merge is called merged-2.
    assert both.id == "merged-2"
    assert [m.id for m in both.merged_from] == ["a", "merged"]
    assert merge_or_single([a, b], id="ab").id == "ab"
    # A source of a merged input counts as taken too.
    c = load_text("argmap: 1\nid: c\nclaims:\n  z: {text: Z.}\n", "c.yaml")
    assert merge_or_single([both, c], id="a").id == "a-2"
    with pytest.raises(ValueError):
        merge_or_single([])


def test_relation_inside_one_class_is_dropped_with_a_warning():
    a = load_text(
        "argmap: 1\nid: a\nclaims:\n  x:\n    text: X.\n    supports: [y]\n  y:\n    text: Y.\n",
        "a.yaml",
    )
    b = load_text(
        "argmap: 1\nid: b\nclaims:\n  z:\n    text: Z.\n    same_as: [a#x, a#y]\n",
        "b.yaml",
    )
    result = merge_with_report([a, b])
    assert list(result.map.claims) == ["x"]
    assert result.map.relations == []
    (problem,) = result.diagnostics
    assert (problem.path, problem.line, problem.severity) == ("a.yaml", 6, "warning")
    assert "one claim after merging" in problem.message


def test_extension_sees_base_claims_by_bare_id():
    base = load_text(
        "argmap: 1\nid: base\nclaims:\n  t: {text: Thesis.}\n", "base.yaml"
    )
    ext = load_text(
        "argmap: 1\nid: class\nextends: base\nclaims:\n  o: {text: Objection., rebuts: [t]}\n",
        "class.yaml",
    )
    merged = merge([ext, base])
    (rebut,) = merged.relations
    assert (rebut.source, rebut.target, rebut.asserted_by) == ("o", "t", ("class",))
    with pytest.raises(MapError) as info:
        merge([ext])
    assert "'base'" in info.value.diagnostics[0].fix


def test_auto_match_joins_near_identical_claims_only_when_asked():
    a = load_text(
        "argmap: 1\nid: a\nclaims:\n  c: {text: Technology cooperation is decided by contracts.}\n"
        "  d: {text: Summits change the mood.}\n",
        "a.yaml",
    )
    b = load_text(
        "argmap: 1\nid: b\nclaims:\n  k: {text: Technology cooperation is decided by contracts!}\n"
        "  e: {text: Chip exports need a licence.}\n",
        "b.yaml",
    )
    assert len(merge([a, b])) == 4
    merged = merge([a, b], auto_match=0.9)
    assert sorted(merged.claims) == ["c", "d", "e"]
    assert [p.ref for p in merged.claims["c"].provenance] == ["a#c", "b#k"]


def test_seed_maps_merge_into_a_valid_map():
    from argmap.workspace import load_workspace

    ws = load_workspace([SEEDS])
    assert ws.errors == []
    merged = merge(ws.maps.values())
    assert errors_of(roundtrip(merged)) == []
    # the one same_as between the two articles
    shared = [c for c in merged.claims.values() if len(c.sources()) > 1]
    assert [sorted(p.ref for p in c.provenance) for c in shared] == [
        [
            "contracts-not-declarations#summit-new-phase",
            "hitech-diplomacy#high-level-exchanges",
        ]
    ]
    assert len(merged) == sum(len(m) for m in ws.maps.values()) - 1


# -- the command ---------------------------------------------------------------------
def write_maps(folder: Path) -> None:
    (folder / "a.yaml").write_text(A, encoding="utf-8")
    (folder / "b.yaml").write_text(B, encoding="utf-8")
    (folder / "c.yaml").write_text(C, encoding="utf-8")


def test_cli_writes_a_merged_map_that_checks(tmp_path):
    maps = tmp_path / "maps"
    maps.mkdir()
    write_maps(maps)
    out = tmp_path / "merged.yaml"
    runner = CliRunner()
    result = runner.invoke(cli, ["merge", str(maps), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (
        "3 maps → 2 claims, 2 relations; 2 claims stated by several sources"
        in result.output
    )
    assert runner.invoke(cli, ["check", str(out)]).exit_code == 0
    # merging the merged file again gives the same bytes
    again = tmp_path / "again.yaml"
    assert runner.invoke(cli, ["merge", str(out), "-o", str(again)]).exit_code == 0
    assert again.read_bytes() == out.read_bytes()


def test_cli_json_summary(tmp_path):
    write_maps(tmp_path)
    out = tmp_path / "out" / "m.yaml"
    result = CliRunner().invoke(
        cli,
        [
            "merge",
            str(tmp_path / "a.yaml"),
            str(tmp_path / "b.yaml"),
            "-o",
            str(out),
            "--id",
            "ab",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.output)
    assert data == {
        "output": str(out),
        "id": "ab",
        "maps": 2,
        "claims": 2,
        "relations": 1,
        "shared_claims": 2,
        "warnings": [],
    }
    assert loads(out.read_text()).id == "ab"


def test_cli_bad_input_leaves_no_output(tmp_path):
    write_maps(tmp_path)
    out = tmp_path / "merged.yaml"
    # c.yaml alone checks (its reference to b is found beside it), but b is
    # not among the maps being merged.
    result = CliRunner().invoke(
        cli, ["merge", str(tmp_path / "c.yaml"), "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "c.yaml:7" in result.output and "c.yaml:8" in result.output
    assert "no map has id 'b'" in result.output
    assert "pass that map's file too" in result.output
    assert not out.exists()
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "argmap: 1\nid: x\nclaims:\n  a:\n    text: 'open\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["merge", str(broken), "-o", str(out)])
    assert result.exit_code == 1
    assert "broken.yaml:" in result.output
    assert not out.exists()


def test_cli_refuses_bad_options_before_writing(tmp_path):
    write_maps(tmp_path)
    out = tmp_path / "m.yaml"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["merge", str(tmp_path), "-o", str(out), "--auto", "1.5"]
    )
    assert result.exit_code == 2
    assert "between 0 and 1" in result.output
    result = runner.invoke(cli, ["merge", str(tmp_path), "-o", str(out), "--id", "a b"])
    assert result.exit_code == 2
    assert "not a valid map id" in result.output
    result = runner.invoke(cli, ["merge", str(tmp_path), "-o", str(tmp_path / "m.txt")])
    assert result.exit_code == 1
    assert "cannot tell the format" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml", "c.yaml"]


def test_undercut_of_another_inputs_relation_is_remapped():
    a = loads(
        "argmap: 1\nid: a\nclaims:\n  t: {text: T}\n  p: {text: P, supports: [t]}\n"
    )
    b = loads("argmap: 1\nid: b\nclaims:\n  u: {text: U, undercuts: ['a#p->a#t']}\n")
    merged = merge([a, b])
    (undercut,) = merged.undercuts()
    target = merged.relation(undercut.target)
    assert (target.kind, target.source, target.target) == ("supports", "p", "t")
    assert undercut.asserted_by == ("b",)
