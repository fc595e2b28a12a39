"""The README shows what the commands really print."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from argmap.cli import cli

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


def test_readme_commands_exist():
    # Every `argmap NAME` the README mentions is a real command.
    from argmap.cli import COMMANDS

    named = set(re.findall(r"`argmap ([a-z]+)", README))
    assert named and named <= set(COMMANDS)
