"""Speed of the semantics and tension finding on a synthetic corpus (figures printed).

python bench/bench_tensions.py                  # 1,000 maps x 100 claims = 100k claims
python bench/bench_tensions.py --maps 100 --claims 100
python bench/bench_tensions.py --repeat 5       # best of 5 for find_tensions (a busy machine)

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


def timed(label: str, func, repeat: int = 1):
    """Run *func* *repeat* times; print the best wall and CPU times."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = func()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    best = f" (best of {repeat}, CPU {min(cpu):.3f} s)" if repeat > 1 else ""
    print(f"{label:<44} {min(wall):8.3f} s{best}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--maps", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=100, help="claims per map")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hops", type=int, default=1)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run find_tensions N times and print the best (for a busy machine)",
    )
    parser.add_argument(
        "--trace",
        action="store_true",
        help="also measure peak Python memory (tracemalloc, in a separate run)",
    )
    parser.add_argument(
        "--no-disputes",
        dest="disputes",
        action="store_false",
        help="do not add answering rebuttals and contradicted supports to the corpus",
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
    if args.disputes:
        _add_disputes(amap, args.seed)
    n_rel = len(amap.relations)
    kinds = Counter(r.kind for r in amap.relations)
    print(
        f"merged map: {len(amap):,} claims, {n_rel:,} relations "
        f"({', '.join(f'{k} {v:,}' for k, v in sorted(kinds.items()))})"
    )

    timed("index (build_framework)", lambda: build_framework(amap))
    fw = build_framework(amap)
    labels = timed("grounded labelling (indexed map)", lambda: grounded_labelling(fw))
    print("   labels:", dict(sorted(Counter(labels.values()).items())))
    fw = build_framework(amap)
    result = timed("DF-QuAD strengths (indexed map)", lambda: dfquad(fw))
    print(f"   converged: {result.converged} after {result.rounds} round(s) on cycles")

    found = timed(
        f"find_tensions (all, hops={args.hops})",
        lambda: find_tensions(amap, hops=args.hops),
        args.repeat,
    )
    top = timed(
        "find_tensions (top 20)",
        lambda: find_tensions(amap, hops=args.hops, top=20),
        args.repeat,
    )
    print("   tensions:", dict(sorted(Counter(t.kind for t in found).items())))
    print(f"   best: {top[0].score:.3f} {top[0].kind} {top[0].claims[:2]}")
    if args.trace:
        # Separately: tracemalloc slows Python down several times over.
        tracemalloc.start()
        find_tensions(amap, hops=args.hops, top=20)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"peak traced memory of find_tensions (top 20): {peak / 2**20:.1f} MiB")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory (whole run): {rss:.0f} MiB")


def _add_disputes(amap, seed: int) -> None:
    """Answer 5% of the cross-source rebuttals back (attack cycles, undecided
    disputes) and contradict 1% of the supports from another source
    (support-attack conflicts): the synthetic corpus has almost none."""
    import random

    from argmap.model import Relation

    rng = random.Random(seed)
    claims = amap.claims
    added = []
    for relation in amap.relations:
        if relation.kind == "undercuts":
            continue
        source, target = claims[relation.source], claims[relation.target]
        if relation.kind == "rebuts" and source.sources() != target.sources():
            if rng.random() < 0.05:
                added.append(
                    Relation(
                        "rebuts",
                        relation.target,
                        relation.source,
                        weight=0.8,
                        asserted_by=target.sources(),
                    )
                )
        elif relation.kind == "supports" and rng.random() < 0.01:
            added.append(
                Relation(
                    "rebuts",
                    relation.source,
                    relation.target,
                    weight=0.7,
                    asserted_by=("bench-contrarian",),
                )
            )
    for relation in added:
        amap.add_relation(relation)
    print(f"added {len(added):,} relations for disputes and conflicts")


if __name__ == "__main__":
    main()
