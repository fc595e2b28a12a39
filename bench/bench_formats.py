"""Read and write a 5,000-claim map in every interop format; print the times.

    python bench/bench_formats.py [--claims 5000] [--repeat 3]

The map is random but seeded: each claim supports or rebuts an earlier one,
every tenth relation is undercut, every twentieth has a linked premise, and
claims carry tags, roles, quotes and weights, so every encoding path runs.
Times are the best of --repeat runs, in seconds.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from argmap import readwrite
from argmap.model import ArgumentMap, Claim, Relation

FORMATS = [
    ("yaml", ".yaml"),
    ("json", ".json"),
    ("graphml", ".graphml"),
    ("aif", ".aif.json"),
    ("argdown", ".argdown"),
    ("mermaid", ".mmd"),
]


def make_map(n: int, seed: int = 1) -> ArgumentMap:
    rng = random.Random(seed)
    amap = ArgumentMap("bench", "Benchmark map")
    roles = ("thesis", "premise", "evidence", "objection", None)
    for i in range(n):
        amap.add_claim(
            Claim(
                f"c{i}",
                f"Claim number {i} says something about topic {rng.randrange(50)}.",
                quote=f"quoted words {i}" if i % 3 == 0 else None,
                role=roles[i % len(roles)],
                tags=(f"t{i % 7}",) if i % 2 else (),
            )
        )
    for i in range(1, n):
        target = rng.randrange(i)
        relation = Relation(
            "supports" if rng.random() < 0.7 else "rebuts",
            f"c{i}",
            f"c{target}",
            weight=round(rng.uniform(0.3, 1.0), 2),
            id=f"r{i}",
            linked=(f"c{rng.randrange(n)}",) if i % 20 == 0 else (),
        )
        amap.add_relation(relation)
        if i % 10 == 0:
            amap.add_relation(Relation("undercuts", f"c{rng.randrange(n)}", f"r{i}"))
    return amap


def best(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    amap = make_map(args.claims)
    print(
        f"map: {len(amap.claims)} claims, {len(amap.relations)} relations; "
        f"best of {args.repeat} runs"
    )
    print(f"{'format':<10}{'write s':>10}{'read s':>10}{'size kB':>10}  round trip")
    with tempfile.TemporaryDirectory() as tmp:
        for name, ext in FORMATS:
            fmt = readwrite.format_for("", name, writing=True)
            module = fmt.load()
            write_time = best(lambda m=module: m.write(amap), args.repeat)
            path = Path(tmp) / f"bench{ext}"
            readwrite.write(amap, path, name)
            size = path.stat().st_size / 1024
            if fmt.readable:
                read_time = best(
                    lambda f=fmt, p=path: f.read_with_warnings(p), args.repeat
                )
                (again,), _ = fmt.read_with_warnings(path)
                same = "equal" if again == amap else "DIFFERENT"
                read_text = f"{read_time:>10.3f}"
            else:
                read_text, same = f"{'-':>10}", "(write only)"
            print(f"{name:<10}{write_time:>10.3f}{read_text}{size:>10.0f}  {same}")


if __name__ == "__main__":
    main()
