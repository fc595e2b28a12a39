"""Benchmark: load + check + DOT of one map at 1k, 5k and 20k claims, and CLI start-up.

Each size is measured in a fresh interpreter (what a user running
`argmap check` pays, imports included), best of 3 runs, plus the in-process
time of each stage.  The last column, ``workspace``, is
``load_workspace([file])`` as a command runs it: read the file, find what
its references need, build the scope, run every check.
Run: python bench/bench_core.py [--sizes 1000,5000,20000]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth

STAGE_SCRIPT = """
import sys, time, json
t0 = time.perf_counter()
from argmap.readwrite import yamlmap
from argmap.validate import check_map
from argmap.render import to_dot
from argmap.workspace import load_workspace
t1 = time.perf_counter()
amap = yamlmap.read(sys.argv[1])
t2 = time.perf_counter()
problems = check_map(amap)
t3 = time.perf_counter()
dot = to_dot(amap)
t4 = time.perf_counter()
ws = load_workspace([sys.argv[1]])
t5 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "check": t3 - t2, "dot": t4 - t3,
                  "workspace": t5 - t4,
                  "claims": len(amap.claims), "relations": len(amap.relations), "dot_bytes": len(dot)}))
"""


def run_stages(path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", STAGE_SCRIPT, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    import json

    return json.loads(out.stdout)


def best_of(n: int, func):
    results = [func() for _ in range(n)]
    return min(results, key=lambda r: r["load"] + r["check"] + r["dot"] + r["import"])


def cli_startup(runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(["argmap", "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,5000,20000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}")
    print(
        f"{'claims':>7} {'relations':>9} {'size':>8} {'import':>7} {'load':>7} {'check':>7} {'dot':>7} {'total':>7} {'workspace':>9}  (s)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"m{n}.yaml"
            path.write_text(
                synth.dump(synth.make_document(f"bench{n}", n, seed=1)),
                encoding="utf-8",
            )
            r = best_of(args.runs, lambda path=path: run_stages(path))
            total = r["load"] + r["check"] + r["dot"]
            print(
                f"{r['claims']:>7} {r['relations']:>9} {path.stat().st_size / 1e6:>7.2f}M "
                f"{r['import']:>7.3f} {r['load']:>7.3f} {r['check']:>7.3f} {r['dot']:>7.3f} {total:>7.3f} {r['workspace']:>9.3f}"
            )
    print(
        f"argmap --help: {cli_startup():.3f} s (median of 5, wall clock incl. interpreter start)"
    )


if __name__ == "__main__":
    main()
