"""argmap new: the scaffold passes argmap check, teaches the format, never overwrites by accident."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from click.testing import CliRunner

from argmap.cli import cli
from argmap.cli.new import slugify
from argmap.workspace import check_paths, load_workspace

BASE = """\
argmap: 1
id: seed
claims:
  premise:
    text: A premise.
    supports: [main]
  main:
    text: The main claim.
    role: thesis
"""


def run(*args):
    return CliRunner().invoke(cli, ["new", *args])


def test_slugify():
    assert slugify("Summits & Contracts: A Test!") == "summits-contracts-a-test"
    assert slugify("  Café—Diplomacy  ") == "cafe-diplomacy"
    assert slugify("과학") == ""
    long = slugify("word " * 30)
    assert len(long) <= 60 and not long.endswith("-") and long.startswith("word-word")


def test_scaffold_passes_check_without_warnings(tmp_path):
    out = tmp_path / "maps" / "new.yaml"
    result = run('Summits & Contracts: "A Test"', "-o", str(out))
    assert result.exit_code == 0, result.output
    assert check_paths([out]) == []
    data = yaml.safe_load(out.read_text("utf-8"))
    assert data["id"] == "summits-contracts-a-test"
    assert data["title"] == 'Summits & Contracts: "A Test"'
    amap = load_workspace([out]).maps["summits-contracts-a-test"]
    kinds = {r.kind for r in amap.relations}
    assert kinds == {"supports", "rebuts"}


def test_scaffold_comments_teach_the_format(tmp_path):
    out = tmp_path / "m.yaml"
    assert run("Teaching", "-o", str(out)).exit_code == 0
    text = out.read_text("utf-8")
    for words in (
        "supports: [main-claim]",  # short form
        "- to: main-claim",  # long form
        "weight:",
        "undercuts:",
        "same_as: [other-article#",
        "rebuts: [other-article#",  # cross-map reference
        "quote:",
        "role:",
        "tags:",
        "source:",
    ):
        assert words in text, words


def test_default_file_name_and_id_option(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["new", "Any title", "--id", "my-map", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "path": "my-map.yaml",
        "id": "my-map",
        "extends": None,
    }
    written = (tmp_path / "my-map.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(written)["id"] == "my-map"


def test_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "m.yaml"
    out.write_text("precious\n", encoding="utf-8")
    result = run("Title", "-o", str(out))
    assert result.exit_code == 1
    assert "already exists" in result.output and "--force" in result.output
    assert out.read_text("utf-8") == "precious\n"
    assert run("Title", "-o", str(out), "--force").exit_code == 0
    assert out.read_text("utf-8").startswith("# An argument map")


def test_bad_ids_are_refused(tmp_path):
    result = run("과학", "-o", str(tmp_path / "k.yaml"))
    assert result.exit_code == 1 and "--id" in result.output
    result = run("Title", "--id", "not a slug", "-o", str(tmp_path / "k.yaml"))
    assert result.exit_code == 1 and "not a valid id" in result.output
    assert not (tmp_path / "k.yaml").exists()


def _uncomment_example(text: str) -> str:
    """The extension scaffold with its commented claims made live."""
    start = text.index("# What can go under claims:")
    end = text.index("# * a base claim said differently")
    block = [
        line[2:] if line.startswith("#  ") else ""
        for line in text[start:end].splitlines()
    ]
    return text.replace("claims: {}", "claims:\n" + "\n".join(block))


def test_extends_by_path(tmp_path):
    (tmp_path / "seed.yaml").write_text(BASE, encoding="utf-8")
    out = tmp_path / "seminar" / "me.yaml"
    result = run("My view", "-o", str(out), "--extends", str(tmp_path / "seed.yaml"))
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert re.search(r"^extends: \.\./seed\.yaml ", text, re.MULTILINE)
    # the commented example rebuts a real claim of the base: its thesis
    assert "#     rebuts: [main]" in text
    assert check_paths([out]) == []
    # made live, the example is a valid extension that adds two claims
    out.write_text(_uncomment_example(text), encoding="utf-8")
    assert check_paths([out]) == []
    ws = load_workspace([out])
    assert list(ws.written["my-view"].claims) == ["my-objection", "my-evidence", "main"]
    assert ws.maps["my-view"].claims["main"].tags == ("disputed",)


def test_extends_by_id_beside_the_new_file(tmp_path):
    (tmp_path / "seed.yaml").write_text(BASE, encoding="utf-8")
    out = tmp_path / "me.yaml"
    result = run("Mine", "-o", str(out), "--extends", "seed", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["extends"] == "seed"
    assert yaml.safe_load(out.read_text("utf-8"))["extends"] == "seed"
    assert check_paths([out]) == []


def test_extends_unknown_base(tmp_path):
    out = tmp_path / "me.yaml"
    result = run("Mine", "-o", str(out), "--extends", "nothing-here")
    assert result.exit_code == 1
    assert "no map with id 'nothing-here'" in result.output
    assert not out.exists()
    result = run("Mine", "-o", str(out), "--extends", "../nothing.yaml")
    assert result.exit_code == 1 and "no such file" in result.output


def test_extension_of_a_seed_map_names_its_thesis(tmp_path):
    from pathlib import Path

    seed = (
        Path(__file__).resolve().parent.parent
        / "maps"
        / "contracts-not-declarations.yaml"
    )
    out = tmp_path / "p.yaml"
    result = run("Participant", "-o", str(out), "--extends", str(seed))
    assert result.exit_code == 0, result.output
    assert "rebuts: [contracts-decide]" in out.read_text("utf-8")
    assert check_paths([out]) == []
