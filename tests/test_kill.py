"""Killing argmap while it writes leaves the previous output or the new one, and no temp file.

A light run of ``bench/kill_outputs.py`` (which does 2,000 claims and 20
moments per command and signal): ``render`` and ``merge -o`` on a small map,
SIGTERM and SIGKILL at seeded random moments.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import kill_outputs


def test_sigterm_and_sigkill_leave_no_torn_output_and_no_temp_file():
    results = kill_outputs.measure(claims=120, moments=2, seed=5)
    assert set(results) == {
        "render / SIGTERM",
        "render / SIGKILL",
        "merge -o / SIGTERM",
        "merge -o / SIGKILL",
    }
    for key, counts in results.items():
        assert set(counts) <= {"previous", "new"}, (key, counts)
        assert sum(counts.values()) == 2
