"""The --help of extract, align and tensions documents the JSON each prints.

Each test runs the command with --json on small inputs and asserts that
every key of the output (and of its first list entry) is named, quoted, in
the command's --help: a key added to the output without its line in the
help fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from argmap.cli import cli

from conftest import tax_maps

ARTICLE = """\
Cities Should Tax Empty Homes

Cities should tax empty homes, because the tax would fund housing.
Empty homes push rents up in every city that tolerates them.
However, critics say such a tax is hard to enforce.
"""

MAP_B = """\
argmap: 1
id: b
claims:
  no-tax:
    text: Cities should not tax empty homes.
    role: thesis
  enforce:
    text: A tax on empty homes is hard to enforce.
    supports: [no-tax]
    rebuts: [a#tax]
"""


def _documented(command: str, output: dict) -> None:
    help_text = CliRunner().invoke(cli, [command, "--help"]).output
    flat = " ".join(help_text.split())
    keys = set(output)
    for value in output.values():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            keys |= set(value[0])
    missing = sorted(k for k in keys if f'"{k}"' not in flat)
    assert not missing, f"argmap {command} --help does not name {missing}"


def test_extract_help_documents_its_json(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["extract", str(article), "-o", str(tmp_path / "d.yaml"), "--json"]
    )
    assert result.exit_code == 0, result.output
    _documented("extract", json.loads(result.output))


def _maps(tmp_path: Path) -> list[str]:
    return tax_maps(tmp_path, MAP_B)


def test_align_help_documents_its_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["align", *_maps(tmp_path), "--min-score", "0", "--json"]
    )
    assert result.exit_code == 0, result.output
    output = json.loads(result.output)
    assert output["suggestions"]
    _documented("align", output)


def test_tensions_help_documents_its_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["tensions", *_maps(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    output = json.loads(result.output)
    assert output["tensions"]
    _documented("tensions", output)
