"""The README shows what the commands really print."""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path

from click.testing import CliRunner

from argmap.cli import cli
from argmap.model import ArgumentMap, Claim, Provenance, Relation

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_tensions_example_matches_the_command(monkeypatch):
    block = README.split("<!-- tensions-example:", 1)[1]
    block = block.split("```console\n", 1)[1].split("```", 1)[0]
    prompt, _, shown = block.partition("\n")
    args = prompt.removeprefix("$ argmap ").split()
    monkeypatch.chdir(ROOT)
    result = CliRunner(env={"COLUMNS": "110"}).invoke(cli, args)
    assert result.exit_code == 0, result.output
    printed = "\n".join(
        line.rstrip() for line in result.stdout.rstrip("\n").split("\n")
    )
    assert printed == shown.rstrip("\n")


def test_align_example_matches_the_command(monkeypatch, tmp_path):
    # the embeddings come from the installed model, not from a user's cache
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    block = README.split("<!-- align-example:", 1)[1]
    block = block.split("```console\n", 1)[1].split("```", 1)[0]
    prompt, _, shown = block.partition("\n")
    args = prompt.removeprefix("$ argmap ").split()
    assert args[0] == "align"
    monkeypatch.chdir(ROOT)
    result = CliRunner(env={"COLUMNS": "110"}).invoke(cli, args)
    assert result.exit_code == 0, result.output
    printed = "\n".join(
        line.rstrip() for line in result.stdout.rstrip("\n").split("\n")
    )
    assert printed == shown.rstrip("\n")


def test_readme_commands_exist():
    # Every `argmap NAME` the README mentions is a real command.
    from argmap.cli import COMMANDS

    named = set(re.findall(r"`argmap ([a-z]+)", README))
    assert named and named <= set(COMMANDS)


def _python_block(marker: str) -> str:
    """The README's ```python block whose text contains *marker*."""
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)
    (block,) = [b for b in blocks if marker in b]
    return block


def test_python_api_example_runs(tmp_path, monkeypatch, capsys):
    # The README's Python API section, run as written against the seed maps.
    (tmp_path / "maps").symlink_to(ROOT / "maps")
    script = tmp_path / "example.py"
    script.write_text(_python_block("load_workspace"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runpy.run_path(str(script))
    printed = capsys.readouterr().out.splitlines()
    # Three tensions ("score kind: explanation"), then a label and a strength,
    # then where a reference leads.
    assert len(printed) == 5
    assert all(re.match(r"\d\.\d\d [a-z-]+: \S", line) for line in printed[:3])
    assert printed[4] == "hitech-diplomacy high-level-exchanges"
    svg = (tmp_path / "merged.svg").read_text(encoding="utf-8")
    assert "tension" in svg
    assert (
        (tmp_path / "merged.yaml").read_text(encoding="utf-8").startswith("argmap: 1")
    )


def test_plugin_example_detector_joins_the_ranking(tmp_path, monkeypatch):
    # The README's plugin module, installed as its entry point says (the
    # entry point list is faked): its detector runs with the built-in ones.
    import importlib.metadata

    from argmap.analysis.tensions import find_tensions, registry

    module = _python_block("argmap_kialo.py")
    (tmp_path / "argmap_kialo.py").write_text(module, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    toml = README.split('[project.entry-points."argmap.tension_detectors"]\n', 1)[1]
    name, _, value = toml.split("\n", 1)[0].partition(" = ")
    point = importlib.metadata.EntryPoint(
        name, value.strip('"'), "argmap.tension_detectors"
    )
    monkeypatch.setattr(registry, "_ENTRY_POINTS", None)
    monkeypatch.setattr(
        importlib.metadata,
        "entry_points",
        lambda group: [point] if group == "argmap.tension_detectors" else [],
    )
    # b (map B) rebuts a (map A) and nothing answers: a is out, defeated by B.
    amap = ArgumentMap(
        "merged",
        claims=[
            Claim("a", "Claim A", provenance=(Provenance("A", "a"),)),
            Claim("b", "Claim B", provenance=(Provenance("B", "b"),)),
        ],
        relations=[Relation("rebuts", "b", "a", asserted_by=("B",))],
    )
    found = find_tensions(amap)
    assert [t.kind for t in found] == ["cross-source-attack", "rejected-claim"]
    rejected = found[1]
    assert rejected.claims == ("a",) and rejected.sources == ("A", "B")
    assert rejected.score == 0.5  # a's aggregated attack: 1 * s(b) = 0.5
    assert rejected.explanation == '"Claim A" (A) is defeated by B'
    assert [(q.claim, q.map) for q in rejected.quotes] == [("a", "A")]
    monkeypatch.setattr(registry, "_ENTRY_POINTS", None)
    sys.modules.pop("argmap_kialo", None)
