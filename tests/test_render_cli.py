"""`argmap render`: files, folders, failures that write nothing, --watch."""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.render import backends

from conftest import run

SAMPLE = Path(__file__).parent / "data" / "render-sample.yaml"

SECOND = """\
argmap: 1
id: second-map
title: A second map
claims:
  main:
    text: The second map's thesis.
    role: thesis
  reason:
    text: A reason for it.
    supports: [main]
"""

BROKEN = """\
argmap: 1
id: broken
claims:
  a:
    text: A claim
    supports: [nowhere]
"""


@pytest.fixture
def folder(tmp_path) -> Path:
    maps = tmp_path / "maps"
    maps.mkdir()
    shutil.copy(SAMPLE, maps / "render-sample.yaml")
    (maps / "second.yaml").write_text(SECOND, encoding="utf-8")
    return maps


def test_one_map_to_one_file(tmp_path):
    out = tmp_path / "out.svg"
    result = run("render", SAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    root = ET.fromstring(out.read_bytes())
    assert root.get("data-map") == "render-sample"
    assert f"wrote {out}" in result.stderr


def test_folder_of_maps_to_folder(folder, tmp_path):
    out = tmp_path / "renders"
    result = run("render", folder, "-o", out, "--json")
    assert result.exit_code == 0, result.output
    written = json.loads(result.stdout)["written"]
    assert sorted(Path(w["path"]).name for w in written) == [
        "render-sample.svg",
        "second-map.svg",
    ]
    second = next(w for w in written if w["map"] == "second-map")
    assert second["claims"] == 2 and second["relations"] == 1
    assert second["bytes"] == (out / "second-map.svg").stat().st_size


def test_several_maps_into_a_file_is_refused(folder, tmp_path):
    result = run("render", folder, "-o", tmp_path / "x.svg")
    assert result.exit_code == 1
    assert "need a folder" in result.stderr
    assert not (tmp_path / "x.svg").exists()


def test_bad_input_writes_nothing_and_keeps_old_output(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text(BROKEN, encoding="utf-8")
    out = tmp_path / "out.svg"
    result = run("render", bad, "-o", out)
    assert result.exit_code == 1
    assert "nowhere" in result.stderr and "Traceback" not in result.output
    assert not out.exists()
    out.write_text("old render", encoding="utf-8")
    result = run("render", bad, "-o", out)
    assert result.exit_code == 1
    assert out.read_text(encoding="utf-8") == "old render"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_failure_in_a_later_map_leaves_earlier_maps_unwritten(
    folder, tmp_path, monkeypatch
):
    import argmap.render as api

    real = api.render_to_bytes

    def fail_on_second(amap, fmt="svg", **options):
        if amap.id == "second-map":
            raise api.ArgmapError("boom in the second map")
        return real(amap, fmt, **options)

    monkeypatch.setattr(api, "render_to_bytes", fail_on_second)
    out = tmp_path / "renders"
    result = run("render", folder, "-o", out)
    assert result.exit_code == 1 and "boom" in result.stderr
    assert not out.exists() or list(out.iterdir()) == []


def test_png_and_pdf_without_system_dot_are_drawn_from_the_svg(tmp_path, monkeypatch):
    monkeypatch.setattr(backends.shutil, "which", lambda name: None)
    for name, magic in (("map.png", b"\x89PNG"), ("map.pdf", b"%PDF-")):
        out = tmp_path / name
        result = run("render", SAMPLE, "-o", out)
        assert result.exit_code == 0, result.stderr
        assert out.read_bytes().startswith(magic)


def test_backend_system_without_system_dot_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(backends.shutil, "which", lambda name: None)
    out = tmp_path / "map.png"
    result = run("render", SAMPLE, "-o", out, "--backend", "system")
    assert result.exit_code == 1
    assert "apt-get install graphviz" in result.stderr
    assert not out.exists()


def test_png_without_its_package_or_system_dot_names_the_package(tmp_path, monkeypatch):
    from argmap.render import export

    monkeypatch.setattr(backends.shutil, "which", lambda name: None)
    monkeypatch.setattr(export, "can_export", lambda fmt: False)
    out = tmp_path / "map.pdf"
    result = run("render", SAMPLE, "-o", out)
    assert result.exit_code == 1
    assert "pip install resvg-py" in result.stderr
    assert "--backend system" in result.stderr
    assert not out.exists()


def test_format_option_dot_and_conflict(tmp_path):
    out = tmp_path / "map.gv"
    result = run(
        "render",
        SAMPLE,
        "-o",
        out,
        "--format",
        "dot",
        "--no-legend",
        "--direction",
        "LR",
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("digraph") and "rankdir=LR" in text
    assert "cluster_legend" not in text
    result = run("render", SAMPLE, "-o", tmp_path / "m.svg", "--format", "png")
    assert result.exit_code == 1 and "extension says svg" in result.stderr


def test_focus_tag_and_embed(tmp_path):
    out = tmp_path / "near.svg"
    result = run(
        "render", SAMPLE, "-o", out, "--focus", "counts-2019", "--depth", "1", "--embed"
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<svg")
    root = ET.fromstring(text)
    claims = {
        g.get("id")
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if "claim" in (g.get("class") or "").split()
    }
    prefix = "render-sample-claim-"
    assert claims == {
        prefix + c for c in ("counts-2019", "more-cyclists", "induced-demand")
    }
    result = run(
        "render", SAMPLE, "-o", tmp_path / "t.svg", "--tag", "business", "--json"
    )
    # the three business claims and, as context, the thesis they lead to
    assert json.loads(result.stdout)["written"][0]["claims"] == 4
    result = run("render", SAMPLE, "-o", tmp_path / "f.svg", "--focus", "missing")
    assert result.exit_code == 1 and "no such claim" in result.stderr


def test_merged_renders_one_file(folder, tmp_path):
    out = tmp_path / "merged.svg"
    result = run("render", folder, "--merged", "-o", out, "--json")
    assert result.exit_code == 0, result.output
    (written,) = json.loads(result.stdout)["written"]
    assert written["claims"] == 17
    text = out.read_text(encoding="utf-8")
    assert "A: render-sample" in text and "B: second-map" in text


def test_watch_rerenders_on_change_and_survives_bad_input(tmp_path, capsys):
    from argmap.cli.render import run as run_command

    source = tmp_path / "m.yaml"
    source.write_text(SECOND, encoding="utf-8")
    out = tmp_path / "m.svg"
    edits = [
        SECOND.replace("A reason for it.", "An edited reason."),
        "argmap: 1\nid: second-map\nclaims: [unclosed\n",
        SECOND.replace("A reason for it.", "Fixed again."),
    ]
    stamp = [source.stat().st_mtime_ns]

    def sleep(_seconds):
        if edits:
            source.write_text(edits.pop(0), encoding="utf-8")
            stamp[0] += 10**9  # a new mtime even on coarse file systems
            os.utime(source, ns=(stamp[0], stamp[0]))

    run_command([str(source)], str(out), watch=True, max_polls=4, sleep=sleep)
    err = capsys.readouterr().err
    assert err.count(f"wrote {out}") == 3  # first render, first edit, the fix
    assert "error" in err  # the broken edit was reported ...
    assert "Fixed again." in out.read_text(encoding="utf-8")  # ... and watching went on


def test_render_maps_reports_progress_per_map(tmp_path):
    from argmap.model import ArgumentMap, Claim
    from argmap.render.batch import Job, render_maps

    jobs = [Job(ArgumentMap(f"m{i}", claims=[Claim("a", "A")])) for i in range(3)]
    seen = []
    render_maps(
        jobs, tmp_path, "dot", progress=lambda done, total: seen.append((done, total))
    )
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m0.dot", "m1.dot", "m2.dot"]


def test_id_prefix_option(tmp_path):
    out = tmp_path / "map.svg"
    result = run("render", SAMPLE, "-o", out, "--embed", "--id-prefix", "fig 2")
    assert result.exit_code == 0, result.stderr
    ids = [el.get("id") for el in ET.fromstring(out.read_text()).iter() if el.get("id")]
    assert ids and all(i.startswith("fig_202-") for i in ids)


def test_id_prefix_of_several_maps_names_each_map(folder, tmp_path):
    out = tmp_path / "renders"
    result = run("render", folder, "-o", out, "--id-prefix", "p")
    assert result.exit_code == 0, result.stderr
    prefixes = set()
    for path in out.iterdir():
        root = ET.fromstring(path.read_text())
        prefixes |= {
            el.get("id").split("-claim-")[0]
            for el in root.iter()
            if "-claim-" in el.get("id", "")
        }
    assert len(prefixes) >= 2 and all(p.startswith("p-") for p in prefixes)


def test_render_pauses_the_collector_only_while_drawing(tmp_path, monkeypatch):
    """The render command's pause (argmap._gc) ends on every exit: a render,
    a map that fails to load, and each round of --watch (between polls too)."""
    import gc

    import argmap.commands.render as commands_render
    from argmap.cli.render import run as run_command
    from argmap.diagnostics import ArgmapError

    drawing = commands_render.render_workspace
    during: list[bool] = []

    def spy(*args, **kwargs):
        during.append(gc.isenabled())
        return drawing(*args, **kwargs)

    monkeypatch.setattr(commands_render, "render_workspace", spy)
    assert gc.isenabled()
    source = tmp_path / "m.yaml"
    source.write_text(SECOND, encoding="utf-8")
    run_command([str(source)], str(tmp_path / "m.svg"))
    assert during == [False] and gc.isenabled()

    broken = tmp_path / "broken.yaml"
    broken.write_text("argmap: 1\nid: b\nclaims: [unclosed\n", encoding="utf-8")
    with pytest.raises(ArgmapError):
        run_command([str(broken)], str(tmp_path / "b.svg"))
    assert gc.isenabled()

    between: list[bool] = []
    edits = ["argmap: 1\nid: second-map\nclaims: [unclosed\n", SECOND]
    stamp = [source.stat().st_mtime_ns]

    def sleep(_seconds):
        between.append(gc.isenabled())
        if edits:
            source.write_text(edits.pop(0), encoding="utf-8")
            stamp[0] += 10**9
            os.utime(source, ns=(stamp[0], stamp[0]))

    run_command(
        [str(source)], str(tmp_path / "m.svg"), watch=True, max_polls=3, sleep=sleep
    )
    assert between == [True, True, True] and gc.isenabled()
    assert during == [False, False, False]  # first render, (broken: none), the fix
