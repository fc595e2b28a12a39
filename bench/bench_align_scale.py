"""Speed of `align` (figures printed): synthetic corpus and the two seed maps.

python bench/bench_align_scale.py                    # 1,000 maps x 100 claims = 100k claims
python bench/bench_align_scale.py --maps 100         # 10k claims
python bench/bench_align_scale.py --seed-only        # the seed maps only

Synthetic claims are real sentences built from a grammar (subjects,
modals, verbs, objects, qualifiers; some negated; about 10^7 distinct
sentences), so that the encoder, the polarity cues and the candidate
search do the work they do on real maps.  Each map is a tree of supports
and rebuttals under one thesis.

Cold: an empty embedding cache (the model encodes every sentence).
Warm: the same run again with the cache filled.  Times are wall-clock on
whatever machine runs this; on a shared machine they are noisy.

Goals (issue 10): 100k claims under 2 minutes on a 2-core machine; the two
seed maps under 1 s warm and under 3 s cold.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SUBJECTS = [
    "The government",
    "Universities",
    "Small firms",
    "The central bank",
    "Local councils",
    "Hospitals",
    "Exporters",
    "Research institutes",
    "The European Union",
    "Trade unions",
    "Young voters",
    "Chip makers",
    "The ministry of health",
    "Farmers",
    "Tenants",
    "Landlords",
    "Public broadcasters",
    "Schools",
    "Airlines",
    "Car makers",
    "Insurance companies",
    "Pension funds",
    "The police",
    "Parliament",
    "Courts",
]
MODALS = [
    "should",
    "must",
    "will",
    "can",
    "is likely to",
    "has to",
    "is expected to",
    "ought to",
]
VERBS = [
    "raise",
    "cut",
    "regulate",
    "fund",
    "ban",
    "allow",
    "expand",
    "limit",
    "tax",
    "subsidise",
    "protect",
    "open",
    "close",
    "review",
    "support",
    "share",
    "export",
    "import",
    "train",
    "monitor",
]
OBJECTS = [
    "tuition fees",
    "rents",
    "chip exports",
    "research budgets",
    "fuel prices",
    "working hours",
    "data sharing",
    "nuclear power",
    "public transport",
    "drug prices",
    "foreign investment",
    "patent licences",
    "carbon emissions",
    "farm subsidies",
    "broadcasting fees",
    "weekend shopping",
    "school uniforms",
    "video games",
    "surveillance",
    "retirement ages",
    "wind farms",
    "vaccination",
    "border checks",
    "housing estates",
    "student loans",
]
QUALIFIERS = [
    "next year",
    "in the long run",
    "without delay",
    "for small businesses",
    "in rural areas",
    "under the new treaty",
    "despite the costs",
    "before the election",
    "for the sake of fairness",
    "to protect consumers",
    "as the economy slows",
    "in cooperation with China",
    "after the summit",
    "within the budget",
    "according to recent studies",
    "to keep the public's trust",
]


def sentence(rng: random.Random) -> str:
    subject, modal, verb = rng.choice(SUBJECTS), rng.choice(MODALS), rng.choice(VERBS)
    obj, qualifier = rng.choice(OBJECTS), rng.choice(QUALIFIERS)
    if rng.random() < 0.25 and modal in ("should", "must", "will", "can"):
        modal = f"{modal} not"
    return f"{subject} {modal} {verb} {obj} {qualifier}."


def make_maps(n_maps: int, n_claims: int, seed: int):
    from argmap import ArgumentMap, Claim, Relation

    rng = random.Random(seed)
    seen: set[str] = set()
    maps = []
    for m in range(n_maps):
        amap = ArgumentMap(f"m{m:04d}", f"Synthetic map {m}")
        for c in range(n_claims):
            text = sentence(rng)
            while text in seen:
                text = sentence(rng)
            seen.add(text)
            amap.add_claim(Claim(f"c{c}", text, role="thesis" if c == 0 else None))
            if c:
                kind = "rebuts" if rng.random() < 0.2 else "supports"
                amap.add_relation(Relation(kind, f"c{c}", f"c{rng.randrange(c)}"))
        maps.append(amap)
    return maps


def run(maps, label: str) -> float:
    from argmap.meaning.align import align

    start = time.perf_counter()
    found = align(maps)
    elapsed = time.perf_counter() - start
    kinds = {
        k: sum(s.kind == k for s in found) for k in ("same_as", "rebuts", "supports")
    }
    print(f"  {label:<10} {elapsed:8.2f} s   {len(found)} suggestions {kinds}")
    return elapsed


def child(args) -> None:
    """One timing in a fresh process (so that 'cold' includes loading the model)."""
    if args.seed_maps:
        import argmap

        maps = list(
            argmap.load_workspace([ROOT / "maps"]).raise_for_errors().maps.values()
        )
    else:
        start = time.perf_counter()
        maps = make_maps(args.maps, args.claims, args.seed)
        print(
            f"  built {sum(len(m) for m in maps):,} claims in {len(maps)} maps in {time.perf_counter() - start:.1f} s"
        )
    run(maps, args.label)


def timed_child(label: str, cache: str, extra: list[str]) -> None:
    env = dict(os.environ, ARGMAP_CACHE_DIR=cache)
    subprocess.run(
        [sys.executable, __file__, "--child", "--label", label, *extra],
        env=env,
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--maps", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=100, help="claims per map")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--seed-only", action="store_true", help="time the seed maps only"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--seed-maps", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--label", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    with tempfile.TemporaryDirectory() as cache:
        print("seed maps (maps/): align in a fresh process")
        timed_child("cold", cache, ["--seed-maps"])
        timed_child("warm", cache, ["--seed-maps"])
    if args.seed_only:
        return
    size = [
        "--maps",
        str(args.maps),
        "--claims",
        str(args.claims),
        "--seed",
        str(args.seed),
    ]
    with tempfile.TemporaryDirectory() as cache:
        print(f"synthetic: {args.maps} maps x {args.claims} claims")
        timed_child("cold", cache, size)
        timed_child("warm", cache, size)
    print("goals: 100k claims < 120 s; seed maps < 1 s warm, < 3 s cold")


if __name__ == "__main__":
    main()
