"""--json output of the analyses is plain: no negative zero, no NaN.

A contested claim inside one source has no attack or support from other
sources: 0.0, not the -0.0 that `-expm1(0)` gives (valid JSON, but a
reader comparing bytes or printing the figure sees a minus sign).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from click.testing import CliRunner

from argmap.cli import cli

ONE_SOURCE = """\
argmap: 1
id: one
claims:
  ban:
    text: City centres should be closed to private cars.
    role: thesis
  deaths:
    text: Traffic kills pedestrians in central streets.
    supports: [ban]
  trade:
    text: A ban would ruin the trade of shopkeepers.
    rebuts: [ban]
"""


def _floats(value: object) -> list[float]:
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [f for v in value.values() for f in _floats(v)]
    if isinstance(value, list):
        return [f for v in value for f in _floats(v)]
    return []


def test_tensions_json_has_no_negative_zero(tmp_path: Path) -> None:
    path = tmp_path / "one.yaml"
    path.write_text(ONE_SOURCE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["tensions", str(path), "--json"])
    assert result.exit_code == 0, result.output
    output = json.loads(result.output)
    contested = [t for t in output["tensions"] if t["kind"] == "contested-claim"]
    assert contested
    assert contested[0]["details"]["attack_from_other_sources"] == 0.0
    assert "-0.0" not in result.output
    assert all(math.isfinite(f) for f in _floats(output))
