"""Kill argmap while it writes, and check what it leaves behind.

Usage::

    python bench/kill_outputs.py                  # 2,000 claims, 20 moments each
    python bench/kill_outputs.py --claims 300 --moments 5

For ``render`` and for ``merge -o``, on a synthetic map of ``--claims``
claims: the output file first holds something else (the *previous*
output), then the command runs as a separate process and is sent SIGTERM
after a random delay (seeded) between 0 and the time a whole run takes
(drawn again when the run had ended first, so that every counted run was
ended by the signal);
afterwards the output must be the previous bytes or the complete new
output (never torn), and no temporary file may be left in the folder.
Then the same with SIGKILL, which cannot be caught: the previous output
must be intact or the new one complete, and the next run must leave no
temporary file (it removes those of the killed process).

Prints one line per command and signal: how many runs ended with the
previous output, with the new one, torn, and with temporary files left.
The last two must be 0.  Times are wall clock on a shared machine.
"""

from __future__ import annotations

import argparse
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

PREVIOUS = b"previous output, not written by this run\n"


@dataclass
class Job:
    name: str
    args: list[str]
    output: Path


def make_map(folder: Path, claims: int, seed: int = 7) -> Path:
    """A map of *claims* claims (bench/synth.py), as YAML in *folder*."""
    import synth
    import yaml

    doc = synth.make_document("kill", claims, seed=seed)
    path = folder / "kill.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def jobs(folder: Path, source: Path) -> list[Job]:
    out = folder / "out"
    out.mkdir(exist_ok=True)
    return [
        Job(
            "render",
            ["render", str(source), "-o", str(out / "map.svg")],
            out / "map.svg",
        ),
        Job(
            "merge -o",
            ["merge", str(source), "-o", str(out / "merged.yaml")],
            out / "merged.yaml",
        ),
    ]


def run(
    args: list[str], *, delay: float | None = None, sig: int = signal.SIGTERM, cwd: Path
) -> tuple[int, float]:
    """Run ``argmap ARGS``; after *delay* seconds (if given) send *sig*. (status, seconds)"""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", *args],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if delay is not None:
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(sig)
    status = process.wait()
    return status, time.perf_counter() - started


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


#: How many runs the signal ended (the rest had finished before it was sent).
KILLED: Counter = Counter()


def trial(job: Job, expected: bytes, delay: float, sig: int, cwd: Path) -> str:
    """One kill; the outcome: previous, new, torn, and '+temp' when temp files were left."""
    job.output.write_bytes(PREVIOUS)
    status, _ = run(job.args, delay=delay, sig=sig, cwd=cwd)
    if status == -sig:
        KILLED[f"{job.name} / {signal.Signals(sig).name}"] += 1
    data = job.output.read_bytes() if job.output.exists() else b""
    outcome = "previous" if data == PREVIOUS else "new" if data == expected else "torn"
    left = temp_files(job.output.parent)
    if sig == signal.SIGKILL:
        # The next run must clean up after the killed one.
        run(job.args, cwd=cwd)
        left = temp_files(job.output.parent)
    return outcome + ("+temp" if left else "")


def measure(
    claims: int, moments: int, seed: int, kill: bool = True
) -> dict[str, Counter]:
    """Outcomes by 'command / signal'."""
    rng = random.Random(seed)
    KILLED.clear()  # counts of this measurement only
    results: dict[str, Counter] = {}
    with tempfile.TemporaryDirectory(prefix="argmap-kill-") as tmp:
        folder = Path(tmp)
        source = make_map(folder, claims)
        for job in jobs(folder, source):
            status, seconds = run(job.args, cwd=folder)
            assert status == 0, f"{job.name} failed before any kill"
            expected = job.output.read_bytes()
            signals = [signal.SIGTERM, signal.SIGKILL] if kill else [signal.SIGTERM]
            for sig in signals:
                key = f"{job.name} / {signal.Signals(sig).name}"
                counts: Counter = Counter()
                # A moment after the run ended kills nothing (a busy machine
                # makes runs vary): draw another, so that *moments* runs are
                # ended by the signal, up to 5 draws each.
                tries = 0
                while KILLED[key] < moments and tries < 5 * moments:
                    tries += 1
                    before = KILLED[key]
                    outcome = trial(job, expected, rng.uniform(0, seconds), sig, folder)
                    if KILLED[key] > before:
                        counts[outcome] += 1
                    elif outcome not in ("new", "previous"):
                        counts[outcome] += 1  # finished, yet left something
                results[key] = counts
                print(
                    f"  {key}: a whole run {seconds:.1f} s; {dict(counts)}; "
                    f"{KILLED[key]} ended by the signal in {tries} runs",
                    flush=True,
                )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=2000)
    parser.add_argument("--moments", type=int, default=20)
    parser.add_argument("--seed", type=int, default=13)
    options = parser.parse_args(argv)
    print(f"{options.claims} claims, {options.moments} moments per command and signal")
    results = measure(options.claims, options.moments, options.seed)
    bad = 0
    print(
        f"\n{'command / signal':<24} {'previous':>9} {'new':>5} {'torn':>5} "
        f"{'temp left':>10} {'killed':>7}"
    )
    for key, counts in results.items():
        torn = sum(v for k, v in counts.items() if k.startswith("torn"))
        temp = sum(v for k, v in counts.items() if k.endswith("+temp"))
        previous = sum(v for k, v in counts.items() if k.startswith("previous"))
        new = sum(v for k, v in counts.items() if k.startswith("new"))
        bad += torn + temp
        print(f"{key:<24} {previous:>9} {new:>5} {torn:>5} {temp:>10} {KILLED[key]:>7}")
    print(
        "\nmust be 0: torn outputs and temporary files left "
        "(killed: runs the signal ended; the others had finished)"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
