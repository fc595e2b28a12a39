"""Regression tests from a QA pass: hostile input, outputs that name inputs,
all-or-nothing writes, JSON on failure, terminal escapes, determinism.

Each test reproduces one problem found by using the commands as a new user
would; the expected values are worked out by hand from the inputs here.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import run

TWO_CLAIMS = """\
argmap: 1
id: {id}
title: {title}
claims:
  main:
    text: {text}
    quote: {quote}
    role: thesis
  reason:
    text: A reason for the main claim.
    supports: [main]
  doubt:
    text: A doubt about the main claim.
    rebuts: [main]
"""


def write_map(
    folder: Path, map_id: str, *, text="The main claim.", quote='"q"', title="T"
):
    path = folder / f"{map_id}.yaml"
    path.write_text(
        TWO_CLAIMS.format(id=map_id, text=text, quote=quote, title=title),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def maps(tmp_path) -> Path:
    folder = tmp_path / "maps"
    folder.mkdir()
    write_map(folder, "alpha")
    write_map(folder, "beta", text="Another main claim.")
    return folder


# -- --json prints JSON even when the command fails ------------------------------


@pytest.mark.parametrize("command", ["check", "stats", "tensions", "match"])
def test_json_on_a_missing_path_is_json(tmp_path, command):
    result = run(command, tmp_path / "nowhere.yaml", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    assert "nowhere.yaml" in data["error"]
    assert "Traceback" not in result.output


def test_json_on_a_broken_map_lists_its_problems(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("argmap: 1\nid: bad\nclaims:\n  a: [\n", encoding="utf-8")
    result = run("stats", bad, "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["errors"] == 1
    assert data["problems"][0]["code"] == "yaml-syntax"
    assert data["problems"][0]["line"] == 5


# -- an output never replaces an input map ---------------------------------------


def test_render_refuses_to_write_over_an_input_map(maps):
    target = maps / "alpha.yaml"
    before = target.read_bytes()
    result = run("render", target, "-o", target, "--format", "svg")
    assert result.exit_code == 1
    assert "is an input map" in result.output
    assert target.read_bytes() == before


def test_merge_refuses_to_write_over_an_input_map(maps):
    target = maps / "beta.yaml"
    before = target.read_bytes()
    result = run("merge", maps, "-o", target)
    assert result.exit_code == 1
    assert "is an input map" in result.output
    assert target.read_bytes() == before


# -- several files: all written or none ------------------------------------------


def test_render_of_several_maps_writes_none_when_one_cannot_be_written(maps, tmp_path):
    out = tmp_path / "out"
    (out / "beta.svg").mkdir(parents=True)  # beta's file cannot be written
    result = run("render", maps, "-o", f"{out}/")
    assert result.exit_code == 1
    assert "beta.svg" in result.output
    assert not (out / "alpha.svg").exists()
    assert [p.name for p in out.iterdir()] == ["beta.svg"]  # no temporary files left


def test_markdown_report_writes_nothing_when_an_svg_cannot_be_written(maps, tmp_path):
    (tmp_path / "r-merged.svg").mkdir()
    result = run("report", maps, "-o", tmp_path / "r.md")
    assert result.exit_code == 1
    assert not (tmp_path / "r.md").exists()
    assert not (tmp_path / "r-alpha.svg").exists()


def test_convert_of_several_maps_writes_none_when_one_cannot_be_written(maps, tmp_path):
    out = tmp_path / "out"
    (out / "beta.json").mkdir(parents=True)
    result = run("convert", maps, "-o", f"{out}/", "--to", "json")
    assert result.exit_code == 1
    assert not (out / "alpha.json").exists()


# -- file names that would make the wrong kind of output --------------------------


def test_convert_of_several_maps_to_a_file_name_is_refused(maps, tmp_path):
    # It used to make a folder named all.json holding YAML files.
    result = run("convert", maps, "-o", tmp_path / "all.json")
    assert result.exit_code == 1
    assert "2 maps need a folder" in result.output
    assert not (tmp_path / "all.json").exists()


def test_new_refuses_a_name_that_is_not_yaml(tmp_path):
    # The scaffold is YAML; as x.json, `argmap check x.json` failed on it.
    result = run("new", "A title", "-o", tmp_path / "x.json")
    assert result.exit_code == 1
    assert "x.yaml" in result.output
    assert not (tmp_path / "x.json").exists()


def test_diff_names_its_own_fix_for_a_bad_drawing_name(maps, tmp_path):
    result = run(
        "diff", maps / "alpha.yaml", maps / "beta.yaml", "-o", tmp_path / "d.txt"
    )
    assert result.exit_code == 1
    assert "--format" not in result.output  # diff has no --format option
    assert ".svg, .png, .pdf, .dot or .html" in result.output


# -- inputs named twice ----------------------------------------------------------


def test_a_file_named_twice_is_read_once(maps):
    result = run("check", maps, maps / "alpha.yaml", f"{maps}/.")
    assert result.exit_code == 0, result.output
    assert "also used by" not in result.output


# -- hostile text ----------------------------------------------------------------


def test_control_character_in_a_quote_keeps_the_svg_valid_xml(tmp_path):
    # YAML's "\a" is the BEL character, which XML 1.0 does not allow at all.
    path = write_map(tmp_path, "bell", quote='"a bell \\a here"', title='"T \\x01"')
    out = tmp_path / "bell.svg"
    result = run("render", path, "-o", out)
    assert result.exit_code == 0, result.output
    root = ET.fromstring(out.read_bytes())  # raised "not well-formed" before
    titles = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert any("a bell   here" in t for t in titles)


def test_markdown_escape_turns_control_characters_into_spaces():
    from argmap.report._text import md_escape

    assert md_escape("a\x1b[31mb\x07") == "a \\[31mb"


def test_tensions_do_not_pass_terminal_escapes_through(tmp_path):
    path = write_map(tmp_path, "esc", text='"red \\e[31mRED\\e[0m \\e]0;title\\a"')
    result = run("tensions", path)
    assert result.exit_code == 0, result.output
    assert "RED" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_diff_does_not_pass_terminal_escapes_through(tmp_path):
    old = write_map(tmp_path, "old", text='"clear \\e[2J screen"')
    (tmp_path / "new").mkdir()
    new = write_map(tmp_path / "new", "old", text="Plain text.")
    result = run("diff", old, new)
    assert result.exit_code == 0, result.output
    assert "screen" in result.stdout
    assert "\x1b" not in result.stdout


def test_yaml_alias_bomb_is_refused(tmp_path):
    # Six levels of nine aliases: 9**6 = 531441 strings from 400 bytes.
    lines = ["argmap: 1", "id: bomb", 'l0: &l0 ["x","x","x","x","x","x","x","x","x"]']
    for level in range(1, 6):
        items = ",".join([f"*l{level - 1}"] * 9)
        lines.append(f"l{level}: &l{level} [{items}]")
    lines += ["claims:", "  x: {text: hi, tags: *l5}", ""]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = run("check", path, "--json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert [p["code"] for p in problems] == ["yaml-syntax"]
    assert "aliases" in problems[0]["message"]


def test_aliases_in_ordinary_use_still_load(tmp_path):
    path = tmp_path / "tags.yaml"
    path.write_text(
        "argmap: 1\nid: tags\nclaims:\n"
        "  a: {text: A, role: thesis, tags: &t [x, y]}\n"
        "  b: {text: B, tags: *t, supports: [a]}\n",
        encoding="utf-8",
    )
    import argmap

    assert list(argmap.load(path).claims["b"].tags) == ["x", "y"]


@pytest.mark.parametrize(
    "value", ['!!map "text"', "!!seq {a: 1}", "!!str {a: 1}", "!!set {a}"]
)
def test_a_yaml_tag_that_does_not_fit_its_value_is_a_syntax_error(tmp_path, value):
    # These were a traceback (!!seq on a mapping), a string holding the
    # mapping's nodes (!!str) or an empty mapping (!!map on a string).
    path = tmp_path / "tagged.yaml"
    path.write_text(f"argmap: 1\nid: tagged\nclaims: {value}\n", encoding="utf-8")
    result = run("check", path, "--json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["line"]) for p in problems] == [("yaml-syntax", 3)]


# -- messages and options --------------------------------------------------------


def test_match_with_one_map_says_it_needs_two(maps):
    result = run("match", maps / "alpha.yaml")
    assert result.exit_code == 0
    assert "one map was given" in result.output
    assert "lower --min-score" not in result.output


def test_match_options_are_named_like_tensions_options():
    text = run("match", "--help").output
    assert "--top N" in text and "--min-score S" in text


def test_schema_accepts_json_like_every_printing_command():
    result = run("schema", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["type"] == "object"


def test_system_backend_without_dot_points_to_the_builtin_one_for_svg(
    maps, tmp_path, monkeypatch
):
    from argmap.render import backends

    monkeypatch.setattr(backends, "system_dot", lambda: None)
    result = run(
        "render", maps / "alpha.yaml", "-o", tmp_path / "a.svg", "--backend", "system"
    )
    assert result.exit_code == 1
    assert "leave out --backend system" in result.output
    assert "SVG output works without it" not in result.output


# -- determinism -----------------------------------------------------------------


def test_pdf_creation_date_is_fixed_with_the_same_length():
    from argmap.render.backends import _fixed_dates

    pdf = b"<< /Producer (cairo) /CreationDate (D:20261122002341Z) >>"
    fixed = _fixed_dates(pdf)
    assert fixed == b"<< /Producer (cairo) /CreationDate (D:20000101000000Z) >>"
    assert len(fixed) == len(pdf)


def test_merge_to_a_bad_name_lists_only_formats_it_can_write(maps, tmp_path):
    result = run("merge", maps, "-o", tmp_path / "m.txt")
    assert result.exit_code == 1
    assert ".yaml" in result.output
    assert ".xml" not in result.output  # microtext XML is read-only
    assert "--to" not in result.output  # merge has no --to


def test_convert_to_a_bad_name_does_not_suggest_a_read_only_format(maps, tmp_path):
    result = run("convert", maps / "alpha.yaml", "-o", tmp_path / "a.txt")
    assert result.exit_code == 1
    assert ".argdown" in result.output
    assert ".xml" not in result.output


def test_html_report_has_no_control_characters(tmp_path):
    import re

    path = write_map(tmp_path, "bell", quote='"a bell \\a here"')
    out = tmp_path / "r.html"
    result = run("report", path, "-o", out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "a bell   here" in html
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", html)
