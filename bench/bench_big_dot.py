"""``argmap render BIG --format dot`` on the fuzz run's 100,000-claim map, by phase.

Run:
    python bench/bench_big_dot.py               # the 100,000-claim map of bench/hostile.py
    python bench/bench_big_dot.py --claims 20000 --repeat 3

The map is the ``big-100k`` case of ``bench/hostile.py`` (5.5 MB of YAML:
claim ``c{i}`` with text ``Claim {i}.`` supporting ``c{(i-1)//3}``).  The
fuzz run (``bench/fuzz_inputs.py``) counts every run over 10 s as a hang,
except on files over 10 MB, so this command must stay well under 10 s.

Prints, for each repeat, the CPU seconds of each phase in this process --
reading (``argmap.load_workspace``, with the checks), drawing (the DOT
graph built, :func:`argmap.render.dot.build_dot`) and writing its text
(:func:`argmap.render.dottext.dot_text`) -- then the wall and CPU seconds of
the whole command in a child process (``python -m argmap render``), beside
the 10 s limit and the figures measured before the DOT writer
(:mod:`argmap.render.dottext`) and the text shortcuts.  On a shared machine
wall time includes waiting for a core; CPU time mostly does not.  Asserts
nothing.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import hostile

#: Seconds over which the fuzz run counts a run as a hang.
LIMIT = 10.0
#: The whole command before this work (main d1298e4, 2 shared cores, CPU s):
#: reading 3.3, drawing 9.5-13 (mostly line breaking and escaping), pydot's
#: to_string 4.6; the command 19.2 s wall, 18.9 s CPU (load average 1).
BEFORE = {"read": 3.3, "draw": 11.0, "write": 4.6, "wall": 19.2, "cpu": 18.9}


def big_map(claims: int, folder: Path) -> Path:
    """The ``big-100k`` case's YAML (with *claims* claims) written into *folder*."""
    if claims == 100_000:
        case = next(c for c in hostile._big_cases() if c.name == "big-100k")
        (name, data), *_ = case.files.items()
    else:
        lines = ["argmap: 1", "id: big", "claims:"]
        for i in range(claims):
            lines.append(f"  c{i}:\n    text: Claim {i}.")
            if i:
                lines.append(f"    supports: [c{(i - 1) // 3}]")
        name, data = "big.yaml", ("\n".join(lines) + "\n").encode()
    path = folder / name
    path.write_bytes(data)
    return path


def phases(path: Path) -> dict[str, float]:
    """CPU seconds of reading, drawing and writing the DOT text, in this process."""
    import argmap.render.dot as dot_module
    from argmap import load_workspace
    from argmap._gc import paused
    from argmap.render import to_dot
    from argmap.render.dottext import Graph

    spent: dict[str, float] = {}
    write = dot_module.dot_text

    def timed_write(graph: Graph) -> str:
        start = time.process_time()
        text = write(graph)
        spent["write"] = time.process_time() - start
        return text

    dot_module.dot_text = timed_write
    gc.collect()
    try:
        with paused():  # as the render command does (argmap._gc)
            start = time.process_time()
            ws = load_workspace([path])
            spent["read"] = time.process_time() - start
            (amap,) = ws.maps.values()
            start = time.process_time()
            to_dot(amap)
            spent["draw"] = time.process_time() - start - spent["write"]
    finally:
        dot_module.dot_text = write
    return spent


def command(path: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of ``argmap render PATH --format dot -o OUT``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "argmap", "render", str(path), "--format", "dot"]
        + ["-o", str(out)],
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = big_map(args.claims, Path(tmp))
        size = path.stat().st_size / 1e6
        print(
            f"{args.claims:,} claims, {size:.1f} MB of YAML; load {os.getloadavg()[0]:.1f}"
        )
        print(
            f"{'run':>4} {'read':>6} {'draw':>6} {'write':>6} {'command wall':>13} {'cpu':>6}"
        )
        for run in range(1, args.repeat + 1):
            spent = phases(path)
            wall, cpu = command(path, Path(tmp) / "big.dot")
            print(
                f"{run:>4} {spent['read']:>6.2f} {spent['draw']:>6.2f} "
                f"{spent['write']:>6.2f} {wall:>13.2f} {cpu:>6.2f}"
            )
        if args.claims == 100_000:
            print(
                f"{'was':>4} {BEFORE['read']:>6.1f} {BEFORE['draw']:>6.1f} "
                f"{BEFORE['write']:>6.1f} {BEFORE['wall']:>13.1f} {BEFORE['cpu']:>6.1f}"
            )
        print(f"limit: {LIMIT:.0f} s per run (bench/fuzz_inputs.py)")


if __name__ == "__main__":
    main()
