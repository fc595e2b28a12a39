"""The arg-microtexts reader: a hand-written file, and the English corpus when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import readwrite
from argmap.cli import cli
from argmap.readwrite import microtext

DATA = Path(__file__).parent / "data" / "interop"
# The corpus lies beside the project (../shared/...), where CI puts it too.
BESIDE = (
    Path(__file__).resolve().parents[2] / "shared" / "corpora" / "arg-microtexts" / "en"
)
CORPUS = Path(os.environ.get("ARGMAP_MICROTEXTS", str(BESIDE)))
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"microtext corpus not found at {CORPUS}; set ARGMAP_MICROTEXTS to its 'en' folder",
)


@pytest.fixture(scope="module")
def tiny():
    (amap,), warnings = microtext.read_with_warnings(DATA / "tiny-micro.xml")
    return amap, warnings


def test_tiny_file_reads_without_warnings(tiny):
    assert tiny[1] == []


def test_map_id_and_title_from_the_arggraph(tiny):
    amap, _ = tiny
    assert amap.id == "micro_t1"
    assert amap.title == "Test topic (stance: con)"


def test_adu_text_is_its_edus_in_text_order(tiny):
    amap, _ = tiny
    # a2 is a joint of e7 and e2 (seg edges listed e7 first): text order is e2, e7.
    assert amap.claims["a2"].text == "because they hunt birds and birds are declining."
    assert amap.claims["a1"].text == "Cats should be kept indoors,"


def test_roles_from_adu_type_and_the_central_claim(tiny):
    amap, _ = tiny
    roles = {c.id: c.role for c in amap}
    # a1 is the only pro unit with no outgoing sup/exa/reb/und/add edge.
    assert roles == {
        "a1": "thesis",
        "a2": "premise",
        "a3": "objection",
        "a4": "premise",
        "a5": "premise",
        "a6": "objection",
        "a7": "premise",
    }


def test_edges_become_relations_with_edge_ids(tiny):
    amap, _ = tiny
    got = {
        (r.id, r.kind, r.source, r.target, r.linked, r.scheme) for r in amap.relations
    }
    assert got == {
        (
            "c1",
            "supports",
            "a2",
            "a1",
            ("a7",),
            None,
        ),  # sup, plus add c6 -> linked premise
        ("c2", "rebuts", "a3", "a1", (), None),  # reb
        ("c3", "undercuts", "a4", "c2", (), None),  # und at edge c2
        ("c4", "supports", "a5", "a1", (), "example"),  # exa
        ("c5", "undercuts", "a6", "c3", (), None),  # und at an und
    }


def test_xml_extension_reads_as_microtext():
    assert readwrite.read(DATA / "tiny-micro.xml")[0].id == "micro_t1"


def test_tiny_map_passes_the_checker():
    result = CliRunner().invoke(cli, ["check", str(DATA / "tiny-micro.xml"), "--json"])
    assert '"errors": 0' in result.stdout


@needs_corpus
def test_whole_english_corpus_counts():
    maps = readwrite.read(CORPUS, "microtext")
    relations = [r for m in maps for r in m.relations]
    supports = [r for r in relations if r.kind == "supports"]
    examples = [r for r in supports if r.scheme == "example"]
    assert len(maps) == 112  # one map per micro_*.xml
    assert sum(len(m.claims) for m in maps) == 576  # one claim per ADU
    # The corpus's 464 argumentative edges: every sup/exa/reb/und edge is one
    # model relation (443), every add edge one linked premise (21).
    assert len(relations) == 443
    assert len(supports) - len(examples) == 263  # sup edges
    assert len(examples) == 9  # exa edges: supports with scheme "example"
    assert sum(r.kind == "rebuts" for r in relations) == 108  # reb edges
    assert sum(r.kind == "undercuts" for r in relations) == 63  # und edges
    assert sum(len(r.linked) for r in relations) == 21  # add edges
    assert len(relations) + sum(len(r.linked) for r in relations) == 464
    assert all(len(m.theses()) == 1 for m in maps)


@needs_corpus
def test_corpus_has_no_reader_warnings_and_no_check_errors():
    _, warnings = readwrite.format_for(CORPUS, "microtext").read_with_warnings(CORPUS)
    assert warnings == []
    result = CliRunner().invoke(
        cli, ["check", "--from", "microtext", str(CORPUS), "--json"]
    )
    assert '"errors": 0' in result.stdout


@needs_corpus
def test_render_draws_a_corpus_text():
    from argmap.render import render_svg

    (amap,) = readwrite.read(CORPUS / "micro_b001.xml")
    svg = render_svg(amap)
    assert "<svg" in svg
    assert "pioneers in waste separation" in svg
