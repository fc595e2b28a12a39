"""The links file of `argmap align -o`: review by editing, decisions that last."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from argmap.readwrite import yamlmap

from conftest import run

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory, monkeypatch):
    folder = tmp_path_factory.getbasetemp() / "links-cache"
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(folder))


@pytest.fixture
def maps(tmp_path):
    """The seed maps without their cross-map links."""
    from test_align import strip_cross_links

    folder = tmp_path / "maps"
    folder.mkdir()
    return strip_cross_links(folder)


def entries(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text("utf-8")).get("links") or []


def names(path: Path) -> set[str]:
    return {f"{e['kind']} {e['from']} -> {e['to']}" for e in entries(path)}


def test_align_writes_a_links_file_every_command_reads(maps):
    links = maps / "links.yaml"
    result = run("align", str(maps), "-o", str(links))
    assert result.exit_code == 0, result.output
    text = links.read_text("utf-8")
    assert text.startswith("# Links between claims of different maps")
    assert "delete" in text and "suggested: true" in text
    found = entries(links)
    assert found and all(e["suggested"] is True for e in found)
    assert {e["kind"] for e in found} == {"rebuts", "same_as"}
    # sorted by kind, from, to: diff-friendly
    keys = [(e["kind"], e["from"], e["to"]) for e in found]
    assert keys == sorted(keys)
    doc = yaml.safe_load(text)
    assert sorted(doc["offered"]) == sorted(names(links))
    # an ordinary map: check reads it, and a second run changes no byte
    assert run("check", str(maps)).exit_code == 0
    assert run("align", str(maps), "-o", str(links)).exit_code == 0
    assert links.read_text("utf-8") == text
    amap = yamlmap.loads(text)
    assert not amap.claims and all(r.suggested for r in amap.relations)


def test_deleted_entries_stay_rejected_and_accepted_ones_stay(maps):
    links = maps / "links.yaml"
    assert run("align", str(maps), "-o", str(links)).exit_code == 0
    doc = yaml.safe_load(links.read_text("utf-8"))
    rebuttals = [e for e in doc["links"] if e["kind"] == "rebuts"]
    rejected, accepted = rebuttals[0], rebuttals[1]
    doc["links"] = [e for e in doc["links"] if e is not rejected]
    del accepted["suggested"]
    links.write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    result = run("align", str(maps), "-o", str(links))
    assert result.exit_code == 0, result.output
    assert "1 deleted link now rejected" in result.stderr
    after = yaml.safe_load(links.read_text("utf-8"))
    name = f"rebuts {rejected['from']} -> {rejected['to']}"
    assert after["rejected"] == [name]
    assert name not in names(links)
    kept = next(
        e
        for e in after["links"]
        if e["from"] == accepted["from"] and e["to"] == accepted["to"]
    )
    assert "suggested" not in kept
    # align itself no longer suggests the rejected pair (the file is an input)
    listed = json.loads(run("align", str(maps), "--json").stdout)["suggestions"]
    assert all(
        (s["from"], s["to"]) != (rejected["from"], rejected["to"]) for s in listed
    )
    assert all(
        (s["from"], s["to"]) != (accepted["from"], accepted["to"]) for s in listed
    )


def test_no_suggestions_leaves_out_the_files_suggested_links(maps):
    links = maps / "links.yaml"
    assert run("align", str(maps), "-o", str(links)).exit_code == 0
    with_them = json.loads(run("tensions", str(maps), "--json").stdout)["tensions"]
    without = json.loads(
        run("tensions", str(maps), "--json", "--no-suggestions").stdout
    )["tensions"]
    assert any(t["suggested"] for t in with_them)
    assert not any(t["suggested"] for t in without)


def test_output_that_is_a_map_is_refused_untouched(maps, tmp_path):
    target = maps / "hitech-diplomacy.yaml"
    before = target.read_bytes()
    result = run("align", str(maps), "-o", str(target))
    assert result.exit_code == 1
    assert "not a links file" in result.stderr and "-o" in result.stderr
    assert "Traceback" not in result.output
    assert target.read_bytes() == before
    other = tmp_path / "elsewhere.yaml"
    shutil.copy(target, other)
    result = run("align", str(maps), "-o", str(other))
    assert result.exit_code == 1 and other.read_bytes() == before


def test_a_links_file_is_no_source_and_its_links_belong_to_the_maps_they_join(maps):
    links = maps / "links.yaml"
    assert run("align", str(maps), "-o", str(links)).exit_code == 0
    doc = yaml.safe_load(links.read_text("utf-8"))
    accepted = next(e for e in doc["links"] if e["kind"] == "rebuts")
    del accepted["suggested"]
    links.write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")

    report = json.loads(run("tensions", str(maps), "--json").stdout)
    seeds = ["contracts-not-declarations", "hitech-diplomacy"]
    assert report["sources"] == seeds
    assert all(set(t["sources"]) <= set(seeds) for t in report["tensions"])
    assert not any("asserted by links" in t["explanation"] for t in report["tensions"])
    words = " ".join(t["explanation"] for t in report["tensions"])
    assert "accepted in links file links" in words
    assert "suggested in links file links" in words

    merged = maps.parent / "merged.yaml"
    assert run("merge", str(maps), "-o", str(merged)).exit_code == 0
    out = yaml.safe_load(merged.read_text("utf-8"))
    assert sorted(m["id"] for m in out["merged_from"]) == seeds
    source_map, source = accepted["from"].split("#")
    target = accepted["to"].split("#")[1]
    rebuttals = out["claims"][source]["rebuts"]
    written = next(r for r in rebuttals if r["to"] == target)
    assert written["asserted_by"] == [source_map]
    assert "links" not in merged.read_text("utf-8").replace("links file", "")
