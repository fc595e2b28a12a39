"""Speed of the semantics and tension finding on a synthetic corpus (figures printed).

python bench/bench_tensions.py                  # 1,000 maps x 100 claims = 100k claims
python bench/bench_tensions.py --maps 100 --claims 100

Goal (DESIGN.md): tensions on a 100k-claim merged map in under 2 s.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import make_corpus

from argmap.analysis.semantics import build_framework, dfquad, grounded_labelling
from argmap.analysis.tensions import find_tensions
from argmap.readwrite.yamlmap import from_document


def timed(label: str, func):
    start = time.perf_counter()
    result = func()
    print(f"{label:<44} {time.perf_counter() - start:8.3f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--maps", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=100, help="claims per map")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hops", type=int, default=1)
    parser.add_argument(
        "--trace",
        action="store_true",
        help="also measure peak Python memory (tracemalloc; slower)",
    )
    args = parser.parse_args()

    docs = make_corpus(args.maps, args.claims, seed=args.seed)
    maps = timed("build maps", lambda: [from_document(d) for d in docs])
    try:
        from argmap.analysis.merge import merge
    except ImportError:  # pragma: no cover - merge is written in parallel
        print("merge: not available; using the first map only")
        amap = maps[0]
    else:
        amap = timed(f"merge {len(maps)} maps", lambda: merge(maps))
    n_rel = len(amap.relations)
    kinds = Counter(r.kind for r in amap.relations)
    print(
        f"merged map: {len(amap):,} claims, {n_rel:,} relations "
        f"({', '.join(f'{k} {v:,}' for k, v in sorted(kinds.items()))})"
    )

    fw = timed("index (build_framework)", lambda: build_framework(amap))
    labels = timed(
        "grounded labelling", lambda: grounded_labelling(build_framework(amap))
    )
    print("   labels:", dict(sorted(Counter(labels.values()).items())))
    fresh = build_framework(amap)
    result = timed("DF-QuAD strengths (arrays)", lambda: dfquad(fresh))
    print(f"   converged: {result.converged} after {result.rounds} round(s) on cycles")
    del fw

    if args.trace:
        tracemalloc.start()
    found = timed(
        f"find_tensions (all, hops={args.hops})",
        lambda: find_tensions(amap, hops=args.hops),
    )
    top = timed(
        "find_tensions (top 20)", lambda: find_tensions(amap, hops=args.hops, top=20)
    )
    if args.trace:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"peak traced memory during find_tensions: {peak / 2**20:.1f} MiB")
    print("   tensions:", dict(sorted(Counter(t.kind for t in found).items())))
    print(f"   best: {top[0].score:.3f} {top[0].kind} {top[0].claims[:2]}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory (whole run): {rss:.0f} MiB")


if __name__ == "__main__":
    main()
