"""The native YAML format: reading, positions, writing, round trips, the schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import load, save
from argmap.cli import cli
from argmap.model import ArgumentMap, Claim, Relation, Source
from argmap.readwrite import yamlmap

ROOT = Path(__file__).resolve().parent.parent
SEED_MAPS = sorted((ROOT / "maps").glob("*.yaml"))

EXAMPLE = """\
argmap: 1
id: contracts
title: Diplomacy has thawed
source: {publisher: Daily, url: "https://example.org/a", published: 2025-11-20, language: en}
claims:
  contracts-decide:
    text: Technology cooperation is decided by contracts.
    quote: "cooperation is driven by contracts"
    role: thesis
    tags: [governance]
  declarations:
    text: A joint statement alone cannot deliver cooperation.
    supports: [contracts-decide]
  summits:
    text: Summits change the atmosphere.
    rebuts:
      - {to: contracts-decide, weight: 0.8, note: "the mood matters", id: mood}
  doubt:
    text: The new phase may not expand anything.
    undercuts: [mood]
    supports: [{to: contracts-decide, with: [declarations], scheme: example}]
"""


def test_reads_every_field_with_lines():
    amap = yamlmap.loads(EXAMPLE, "ex.yaml")
    assert amap.id == "contracts" and amap.title == "Diplomacy has thawed"
    assert amap.source == Source(
        publisher="Daily",
        url="https://example.org/a",
        published="2025-11-20",
        language="en",
    )
    thesis = amap.claims["contracts-decide"]
    assert (thesis.role, thesis.tags, thesis.quote, thesis.line) == (
        "thesis",
        ("governance",),
        "cooperation is driven by contracts",
        6,
    )
    rebut = next(r for r in amap.relations if r.kind == "rebuts")
    assert (
        rebut.source,
        rebut.target,
        rebut.weight,
        rebut.note,
        rebut.id,
        rebut.line,
    ) == (
        "summits",
        "contracts-decide",
        0.8,
        "the mood matters",
        "mood",
        17,
    )
    (undercut,) = amap.undercuts()
    assert amap.relation(undercut.target) is rebut
    linked = next(r for r in amap.relations if r.linked)
    assert (linked.linked, linked.scheme, linked.line) == (
        ("declarations",),
        "example",
        21,
    )


def test_published_date_stays_text():
    amap = yamlmap.loads(EXAMPLE)
    assert amap.source.published == "2025-11-20"
    assert "published: '2025-11-20'" in yamlmap.dumps(amap)


def test_round_trip_gives_an_equal_map_and_stable_bytes():
    amap = yamlmap.loads(EXAMPLE)
    text = yamlmap.dumps(amap)
    again = yamlmap.loads(text)
    assert again == amap
    assert yamlmap.dumps(again) == text


def test_equality_notices_a_changed_weight():
    amap = yamlmap.loads(EXAMPLE)
    other = amap.copy()
    other.relations[1].weight = 0.5
    assert other != amap


@pytest.mark.parametrize("path", SEED_MAPS, ids=[p.name for p in SEED_MAPS])
def test_seed_maps_round_trip(path, tmp_path):
    amap = load(path)
    out = save(amap, tmp_path / path.name)
    assert load(out) == amap


def test_seed_maps_exist_and_are_substantial():
    assert len(SEED_MAPS) == 2
    for path in SEED_MAPS:
        amap = load(path)
        assert 10 <= len(amap.claims) <= 25, path
        assert len(amap.theses()) >= 1
        assert all(c.quote for c in amap.claims.values()), (
            "every seed claim carries a quote"
        )


def test_hostile_text_round_trips_unchanged(tmp_path):
    nasty = 'He said "no" \\ {x} <b>bold</b>\nnew line <script>alert(1)</script> & # : - [a]'
    amap = ArgumentMap(
        "h", "T: <i>", claims=[Claim("a", nasty, quote=nasty), Claim("b", "B")]
    )
    amap.add_relation(Relation("supports", "b", "a", note=nasty))
    path = save(amap, tmp_path / "h.yaml")
    assert load(path) == amap


_slug = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).filter(str.strip)


@st.composite
def maps(draw):
    ids = draw(st.lists(_slug, min_size=1, max_size=6, unique=True))
    claims = [
        Claim(
            i,
            draw(_text),
            quote=draw(st.none() | _text),
            role=draw(
                st.sampled_from([None, "thesis", "premise", "evidence", "objection"])
            ),
            tags=tuple(draw(st.lists(_slug, max_size=2, unique=True))),
        )
        for i in ids
    ]
    relations = []
    for source in ids:
        for target in draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)):
            relations.append(
                Relation(
                    draw(st.sampled_from(["supports", "rebuts"])),
                    source,
                    target,
                    weight=draw(st.sampled_from([1.0, 0.25, 0.5, 0.8])),
                    note=draw(st.none() | _text),
                )
            )
    return ArgumentMap(
        draw(_slug), draw(st.none() | _text), claims=claims, relations=relations
    )


@settings(max_examples=60, deadline=None)
@given(maps())
def test_any_map_survives_dump_and_load(amap):
    assert yamlmap.loads(yamlmap.dumps(amap)) == amap


def test_text_that_yaml_1_2_reads_as_a_number_is_quoted_when_written():
    # PyYAML writes 1e5 and 0o7 plain (text in YAML 1.1); the loader reads
    # YAML 1.2, where they are numbers.
    texts = ["1e5", "0e0", "0o7", "true", "no", "plain"]
    amap = ArgumentMap(
        "m", None, claims=[Claim(f"c{i}", t) for i, t in enumerate(texts)]
    )
    written = yamlmap.dumps(amap)
    assert "text: '1e5'" in written and "text: plain" in written
    assert yamlmap.loads(written) == amap


def test_schema_command_prints_the_shipped_schema_and_it_accepts_the_seeds():
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema == yamlmap.schema()
    for path in SEED_MAPS:
        data, _ = yamlmap.parse_yaml(path.read_text("utf-8"))
        jsonschema.validate(data, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {"argmap": 1, "id": "x", "claims": {"a": {"text": "t", "weight": 2}}},
            schema,
        )


def test_position_finds_nested_values():
    data, _ = yamlmap.parse_yaml(EXAMPLE)
    assert yamlmap.position(data, ("claims", "summits", "rebuts", 0, "weight"))[0] == 17
    assert yamlmap.position(data, ("claims", "doubt"))[0] == 18
    assert (
        yamlmap.position(data, ("claims", "missing", "text"))[0] == 5
    )  # falls back to the parent


def test_yaml_aliases_work_and_recursive_ones_are_refused(tmp_path):
    ok = "argmap: 1\nid: a\nclaims:\n  x: &c {text: same}\n  y: *c\n"
    assert yamlmap.loads(ok).claims["y"].text == "same"
    path = tmp_path / "r.yaml"
    path.write_text("argmap: 1\nid: a\nclaims: &c\n  x: *c\n")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output
