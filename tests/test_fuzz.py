"""Hostile and broken input in all six readable formats: a seeded fuzz run.

A few hundred inputs from ``bench/hostile.py`` (truncations, byte flips,
wrong types at random places, YAML tags and alias bombs, JSON and XML
specials, Argdown line shuffles, cycles, hostile text, symbolic links out
of the folder, non-map files in a folder of maps), each run through
``argmap check`` and one other command in turn, in process.  Every run
must: exit 0 or 1, raise nothing (no traceback), name the file of a
failure (with its line where the error is about the file's contents),
change no input, write nothing when it fails and no temporary file when
it succeeds, print and draw no raw control or bidi character, and show
nothing of the files outside the case's folder.  ``bench/fuzz_inputs.py``
is the larger run, as separate processes.
"""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import cli

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import fuzz_inputs
import hostile

#: Commands run in turn after ``check``: the five of the issue (check, render,
#: convert, tensions, report) and more.  Only ``report`` lays out with Graphviz,
#: so the test stays well under a minute (about 15 s on a busy 2-core machine).
OTHERS = [
    "convert",
    "tensions-json",
    "render-dot",
    "stats",
    "check-json",
    "merge",
    "tensions",
    "report",
]


class _TooSlow(Exception):
    pass


def _alarm(signum, frame):
    raise _TooSlow


@pytest.fixture(scope="module")
def cases() -> list[hostile.Case]:
    return hostile.cases(seed=2024, per_family=14)


def test_there_are_a_few_hundred_cases_in_every_format(cases):
    assert len(cases) >= 250
    assert {c.fmt for c in cases} == set(hostile.FORMATS)


def test_no_run_misbehaves(cases, tmp_path):
    problems: list[str] = []
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for number, case in enumerate(cases):
            commands = ["check", OTHERS[number % len(OTHERS)]]
            problems += _run(case, commands, tmp_path / f"c{number}")
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert problems == []


def _run(case: hostile.Case, commands: list[str], base: Path) -> list[str]:
    inside, outside = hostile.lay_out(case, base)
    target = inside / case.target if case.target != "." else inside
    found = []
    for name in commands:
        out = base / f"out-{name}"
        out.mkdir()
        before, outside_before = (
            fuzz_inputs.snapshot(inside),
            fuzz_inputs.snapshot(outside),
        )
        args = fuzz_inputs.COMMANDS[name].args(target, out, case)
        started = time.process_time()
        signal.alarm(30)
        try:
            result = CliRunner().invoke(cli, args)
        except _TooSlow:
            found.append(f"{case.name}/{name}: over 30 s")
            continue
        finally:
            signal.alarm(0)
        seconds = time.process_time() - started
        crashed = result.exception is not None and not isinstance(
            result.exception, SystemExit
        )
        for problem in fuzz_inputs.judge(
            case,
            inside,
            before,
            outside_before,
            outside,
            out,
            result.exit_code,
            result.stdout,
            result.stderr,
            seconds,
            crashed=crashed,
        ):
            found.append(
                f"{case.name}/{name}: {problem} "
                f"({type(result.exception).__name__ if crashed else result.stderr[-300:]})"
            )
    return found
