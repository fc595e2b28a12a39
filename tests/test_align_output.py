"""argmap align -o: where the links file may go, and what stdout then holds.

A links file is YAML: every command reads it by its extension, so a name
ending in .json or .txt would give a file that nothing reads (JSON parse
errors, or skipped in a folder).  ``-o -`` puts the links file on standard
output: the table then goes nowhere near it, and ``--json`` is refused
rather than printed after the YAML.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from argmap.cli import cli

from conftest import TAX_MAP as MAP_A
from conftest import tax_maps

MAP_B = """\
argmap: 1
id: b
claims:
  no-tax:
    text: Cities should not tax empty homes.
    role: thesis
  rents-b:
    text: Empty homes push rents up in every city.
    supports: [no-tax]
"""


def _maps(tmp_path: Path) -> list[str]:
    return tax_maps(tmp_path, MAP_B)


@pytest.mark.parametrize("name", ["links.json", "links.txt", "links"])
def test_a_links_file_not_named_yaml_is_refused(tmp_path, name):
    out = tmp_path / name
    result = CliRunner().invoke(
        cli, ["align", *_maps(tmp_path), "--min-score", "0", "-o", str(out)]
    )
    assert result.exit_code == 1, result.output
    assert "a links file is a YAML file" in result.output
    assert "links.yaml" in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_links_file_on_stdout_is_yaml_alone(tmp_path):
    result = CliRunner().invoke(
        cli, ["align", *_maps(tmp_path), "--min-score", "0", "-o", "-"]
    )
    assert result.exit_code == 0, result.output
    links = yaml.safe_load(result.stdout)
    assert links["id"] == "links" and links["links"]
    assert "Suggested links" not in result.stdout


def test_links_file_on_stdout_and_json_are_refused_together(tmp_path):
    result = CliRunner().invoke(
        cli, ["align", *_maps(tmp_path), "--min-score", "0", "-o", "-", "--json"]
    )
    assert result.exit_code == 2
    assert "use one of them" in result.output


def test_json_with_a_links_file_is_json_alone(tmp_path):
    out = tmp_path / "links.yaml"
    result = CliRunner().invoke(
        cli, ["align", *_maps(tmp_path), "--min-score", "0", "-o", str(out), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["suggestions"]
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["links"]


def test_a_link_to_a_claim_deleted_since_says_to_delete_the_link(tmp_path):
    # The draft's header says "delete what is not part of the argument": a
    # link align wrote to a claim deleted since is an error that says so,
    # and how to fix it in the links file.
    paths = _maps(tmp_path)
    out = tmp_path / "links.yaml"
    made = CliRunner().invoke(
        cli, ["align", *paths, "--min-score", "0", "-o", str(out)]
    )
    assert made.exit_code == 0, made.output
    assert "a#rents" in out.read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        MAP_A.replace(
            "  rents:\n    text: Empty homes push rents up.\n    supports: [tax]\n", ""
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["tensions", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{out}:" in result.output
    assert "map 'a' has no claim 'rents'" in result.output
    assert f"delete this link from {out.name}" in result.output
    assert "Traceback" not in result.output
