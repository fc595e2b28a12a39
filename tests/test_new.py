"""argmap new: the scaffold passes argmap check, teaches the format, never overwrites by accident."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from argmap.cli import cli
from argmap.diagnostics import ArgmapError
from argmap.scaffold import id_from_title, scaffold, write_new_map
from argmap.workspace import check_paths, load_workspace

from conftest import run, write

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


def test_id_from_title():
    assert id_from_title("Summits & Contracts: A Test!") == "summits-contracts-a-test"
    assert id_from_title("  Café—Diplomacy  ") == "cafe-diplomacy"
    assert id_from_title("과학") == ""
    long = id_from_title("word " * 30)
    assert len(long) <= 60 and not long.endswith("-") and long.startswith("word-word")


def test_scaffold_passes_check_without_warnings(tmp_path):
    out = tmp_path / "maps" / "new.yaml"
    result = run("new", 'Summits & Contracts: "A Test"', "-o", str(out))
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
    assert run("new", "Teaching", "-o", str(out)).exit_code == 0
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
        "schema": "argmap.schema.json",  # written beside it, for editors
    }
    written = (tmp_path / "my-map.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(written)["id"] == "my-map"


def test_refuses_to_overwrite_without_force(tmp_path):
    out = tmp_path / "m.yaml"
    out.write_text("precious\n", encoding="utf-8")
    result = run("new", "Title", "-o", str(out))
    assert result.exit_code == 1
    assert "already exists" in result.output and "--force" in result.output
    assert out.read_text("utf-8") == "precious\n"
    assert run("new", "Title", "-o", str(out), "--force").exit_code == 0
    assert out.read_text("utf-8").startswith(
        "# yaml-language-server: $schema=argmap.schema.json\n# An argument map"
    )


def test_bad_ids_are_refused(tmp_path):
    result = run("new", "과학", "-o", str(tmp_path / "k.yaml"))
    assert result.exit_code == 1 and "--id" in result.output
    result = run("new", "Title", "--id", "not a slug", "-o", str(tmp_path / "k.yaml"))
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
    result = run(
        "new", "My view", "-o", str(out), "--extends", str(tmp_path / "seed.yaml")
    )
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
    result = run("new", "Mine", "-o", str(out), "--extends", "seed", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["extends"] == "seed"
    assert yaml.safe_load(out.read_text("utf-8"))["extends"] == "seed"
    assert check_paths([out]) == []


def test_extends_unknown_base(tmp_path):
    out = tmp_path / "me.yaml"
    result = run("new", "Mine", "-o", str(out), "--extends", "nothing-here")
    assert result.exit_code == 1
    assert "no map with id 'nothing-here'" in result.output
    assert not out.exists()
    result = run("new", "Mine", "-o", str(out), "--extends", "../nothing.yaml")
    assert result.exit_code == 1 and "no such file" in result.output


def test_extension_of_a_seed_map_names_its_thesis(tmp_path):

    seed = (
        Path(__file__).resolve().parent.parent
        / "maps"
        / "contracts-not-declarations.yaml"
    )
    out = tmp_path / "p.yaml"
    result = run("new", "Participant", "-o", str(out), "--extends", str(seed))
    assert result.exit_code == 0, result.output
    assert "rebuts: [contracts-decide]" in out.read_text("utf-8")
    assert check_paths([out]) == []


def test_scaffold_is_a_library_function(tmp_path):
    # Nothing is written: the text, the id and the extends value come back.
    made = scaffold("Summits & contracts", tmp_path / "s.yaml")
    assert (made.id, made.extends) == ("summits-contracts", None)
    assert "id: summits-contracts " in made.text
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "seed.yaml").write_text(BASE, encoding="utf-8")
    made = scaffold("Mine", tmp_path / "me.yaml", map_id="me", extends="seed")
    assert (made.id, made.extends) == ("me", "seed")
    assert "#     rebuts: [main]" in made.text
    with pytest.raises(ArgmapError, match="of the map it extends"):
        scaffold("Seed again", tmp_path / "x.yaml", map_id="seed", extends="seed")


def test_write_new_map_refuses_other_formats_and_existing_files(tmp_path):
    with pytest.raises(ArgmapError, match="name it m.yaml"):
        write_new_map("T", tmp_path / "m.json")
    path, made = write_new_map("T", tmp_path / "m.yaml")
    assert path.read_text("utf-8") == made.text
    with pytest.raises(ArgmapError, match="already exists"):
        write_new_map("T", tmp_path / "m.yaml")
    # The map, and the JSON Schema its first line names for editors.
    assert sorted(tmp_path.iterdir()) == [tmp_path / "argmap.schema.json", path]


def test_extends_by_id_looks_beside_the_file_as_check_does(tmp_path):
    # The base id is found in any map file beside the new one (here JSON),
    # never in a hidden file (an editor's backup holding the same id).
    (tmp_path / ".seed.yaml").write_text(
        BASE.replace("id: seed", "id: hidden"), "utf-8"
    )
    assert (
        run(
            "new", "Mine", "-o", str(tmp_path / "a.yaml"), "--extends", "hidden"
        ).exit_code
        == 1
    )
    seed = load_workspace([write(tmp_path, "seed.yaml", BASE)]).maps["seed"]
    (tmp_path / "seed.yaml").unlink()
    from argmap import readwrite

    readwrite.write(seed, tmp_path / "seed.json")
    out = tmp_path / "me.yaml"
    result = run("new", "Mine", "-o", str(out), "--extends", "seed")
    assert result.exit_code == 0, result.output
    assert check_paths([out]) == []


def test_a_new_map_names_its_schema_for_editors(tmp_path):
    """Issue 13: the first line points the YAML language server at the schema."""
    folder = tmp_path / "maps"
    path, made = write_new_map("First map", folder / "first.yaml")
    first_line = path.read_text("utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=argmap.schema.json"
    schema_file = folder / "argmap.schema.json"
    assert (
        json.loads(schema_file.read_text("utf-8"))["$id"] == "urn:argmap:schema:map:1"
    )
    # A map in a sub-folder finds the schema above it; nothing more is written.
    sub, made = write_new_map("Second", folder / "seminar" / "second.yaml")
    assert sub.read_text("utf-8").startswith(
        "# yaml-language-server: $schema=../argmap.schema.json\n"
    )
    assert made.schema_file is None
    assert sorted(p.name for p in (folder / "seminar").iterdir()) == ["second.yaml"]
    # The folder still reads as two maps: the schema file is no map.
    assert CliRunner().invoke(cli, ["check", str(folder)]).exit_code == 0
