"""Speed of `align` (figures printed): synthetic corpus and the two seed maps.

python bench/bench_align_scale.py                    # 1,000 maps x 100 claims = 100k claims
python bench/bench_align_scale.py --maps 100         # 10k claims
python bench/bench_align_scale.py --seed-only        # the seed maps only
python bench/bench_align_scale.py --cache DIR --warm-only   # warm runs on a kept cache
python bench/bench_align_scale.py --recall           # the index's recall against exact search

Synthetic maps argue one side of one of 20 debates (a speed limit, a
sugar tax, rent caps, …): a thesis for or against the policy, and claims
stating its effect on an outcome for a group ("A cap on rent increases
would cut evictions for low earners by 2030."), each proposition worded by
one of four templates with synonyms.  Maps on one debate share some
propositions in other words (planted paraphrases) and state others in the
opposite direction (planted contradictions), so the run prints the
precision of same_as and contradiction suggestions beside the timings.
Each map is a tree of supports and rebuttals under its thesis.  About two
thirds of the 100k claims are distinct sentences (68,532).

Cold: an empty embedding cache, in a fresh process (the model loads and
encodes every distinct sentence).  Prefill: the cache filled by encoding
alone, in its own process.  Warm: align again in a fresh process with the
cache filled.  Every figure is CPU time of the process (``time.process_time``:
all its threads) beside wall time, with the 1-minute load average when it
ended, and the process's peak RSS.  Stages: reading maps into contexts
(polarity cues), embedding (cache lookups when warm; it includes the model
load, also shown on its own), the candidate search
(exact up to ``EXACT_LIMIT`` claims, the k-means index above), judging.
On a shared machine wall time grows with the load; CPU time much less.

--recall scores the k-means index against exact search: on the synthetic
corpus (1,000 sampled claims: are their exact 3 best partners found?) and
on the microtext corpus part 1 with the index forced (its candidate pairs
and its align suggestions against the exact search's).

Goals (issue 10): 100k claims under 2 minutes on a 2-core machine; the two
seed maps under 1 s warm and under 3 s cold.

Measured 2026-11-29 on the shared 2-core machine at load 5-8 (so wall time
is 1.5-4x the CPU time; on an idle machine it is about the CPU time: every
stage runs on one core, BLAS limited to one thread):

* seed maps, cold: align 1.2 s CPU (model load 1.1: tokenizer 0.7, weights
  0.4), the whole ``argmap align maps/ --json`` process 1.6 s CPU, 3.2 s wall
  at load 6; warm: 0.0 s in align, the process 0.4 s CPU, 0.6-0.8 s wall.
* 10k claims (100 maps): cold 15.0 s CPU (encoding 9,655 sentences 13.3);
  warm 1.8 s CPU (contexts 0.3, candidates 1.0, judging 0.2), 3.6 s wall.
* 100k claims: prefill (encoding 68,532 sentences) 85 s CPU, 155 s wall at
  load 7; warm 15.4 s CPU, 31 s wall (contexts 3.8, cache lookups 1.2,
  index search 6.9, judging 2.8), peak RSS 615 MB; cold in one process
  94.8 s CPU, 137 s wall at load 5, peak RSS 666 MB.
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

# -- a synthetic corpus of debates ---------------------------------------------------
# Each map argues one side of one of the debates below.  A claim states a
# *proposition*: the policy's effect (more or less of an outcome) on a group,
# perhaps by a time; it is worded by one of several templates with synonyms,
# so two maps state one proposition in different words (planted paraphrases)
# and the opposite direction in similar words (planted contradictions).
DEBATES = [
    (
        "a speed limit on motorways",
        [
            "road deaths",
            "fuel use",
            "travel times",
            "air pollution",
            "noise",
            "insurance costs",
            "traffic jams",
            "car sales",
            "tourism",
            "fines",
        ],
    ),
    (
        "a tax on sugary drinks",
        [
            "obesity",
            "dental decay",
            "drink prices",
            "soft drink sales",
            "health spending",
            "jobs in bottling",
            "tax revenue",
            "diabetes",
            "sugar imports",
            "school meal costs",
        ],
    ),
    (
        "a cap on rent increases",
        [
            "rents",
            "housing construction",
            "evictions",
            "landlord income",
            "vacancies",
            "moving costs",
            "homelessness",
            "property values",
            "repairs",
            "flat shares",
        ],
    ),
    (
        "the death penalty",
        [
            "murder rates",
            "wrongful executions",
            "prison costs",
            "appeals",
            "public trust in courts",
            "deterrence",
            "legal costs",
            "victims' satisfaction",
            "crime reporting",
            "plea bargains",
        ],
    ),
    (
        "nuclear power",
        [
            "carbon emissions",
            "electricity prices",
            "radioactive waste",
            "energy imports",
            "grid stability",
            "accident risk",
            "construction costs",
            "jobs in mining",
            "coal use",
            "research spending",
        ],
    ),
    (
        "tuition fees",
        [
            "student debt",
            "university funding",
            "enrolment",
            "dropout rates",
            "teaching quality",
            "social mobility",
            "graduate salaries",
            "public spending",
            "part-time work",
            "foreign students",
        ],
    ),
    (
        "Sunday shopping",
        [
            "retail jobs",
            "family time",
            "shop revenue",
            "church attendance",
            "overtime pay",
            "small shop closures",
            "tourist spending",
            "traffic",
            "online orders",
            "worker stress",
        ],
    ),
    (
        "a ban on smoking in bars",
        [
            "lung disease",
            "bar visits",
            "staff health",
            "tobacco sales",
            "bar closures",
            "street noise",
            "cleaning costs",
            "hospital admissions",
            "smoking rates",
            "litter",
        ],
    ),
    (
        "compulsory voting",
        [
            "turnout",
            "informal votes",
            "campaign spending",
            "extremist votes",
            "civic education",
            "election costs",
            "fines",
            "trust in parliament",
            "protest votes",
            "party membership",
        ],
    ),
    (
        "a four-day working week",
        [
            "productivity",
            "burnout",
            "wages",
            "childcare costs",
            "commuting",
            "sick days",
            "overtime",
            "unemployment",
            "consumer spending",
            "emissions",
        ],
    ),
    (
        "school uniforms",
        [
            "bullying",
            "clothing costs",
            "truancy",
            "self-expression",
            "exam results",
            "discipline problems",
            "shopping trips",
            "class differences",
            "dress code disputes",
            "school pride",
        ],
    ),
    (
        "organ donation by default",
        [
            "donor numbers",
            "waiting lists",
            "deaths on waiting lists",
            "family refusals",
            "trust in doctors",
            "transplant costs",
            "organ trafficking",
            "opt-out requests",
            "hospital workload",
            "public debate",
        ],
    ),
    (
        "a universal basic income",
        [
            "poverty",
            "work incentives",
            "welfare bureaucracy",
            "public debt",
            "start-ups",
            "inflation",
            "part-time work",
            "child poverty",
            "tax rates",
            "volunteering",
        ],
    ),
    (
        "wind farms near villages",
        [
            "electricity prices",
            "bird deaths",
            "house prices",
            "local income",
            "noise complaints",
            "tourism",
            "carbon emissions",
            "grid upgrades",
            "protests",
            "jobs in construction",
        ],
    ),
    (
        "a ban on plastic bags",
        [
            "ocean litter",
            "shopping costs",
            "paper use",
            "retail profits",
            "recycling rates",
            "carbon emissions",
            "street litter",
            "bag imports",
            "hygiene problems",
            "reusable bag sales",
        ],
    ),
    (
        "video surveillance in city centres",
        [
            "street crime",
            "privacy complaints",
            "police costs",
            "solved cases",
            "public trust",
            "data leaks",
            "vandalism",
            "tourist numbers",
            "false arrests",
            "crime displacement",
        ],
    ),
    (
        "free public transport",
        [
            "car use",
            "air pollution",
            "city budgets",
            "bus crowding",
            "fare evasion fines",
            "social exclusion",
            "road repairs",
            "parking demand",
            "ticket machine costs",
            "commuting costs",
        ],
    ),
    (
        "a higher retirement age",
        [
            "pension costs",
            "youth unemployment",
            "old-age poverty",
            "health problems",
            "labour shortages",
            "early retirement",
            "tax revenue",
            "care work",
            "workplace accidents",
            "pension contributions",
        ],
    ),
    (
        "genetically modified crops",
        [
            "crop yields",
            "pesticide use",
            "seed prices",
            "biodiversity",
            "food prices",
            "farm income",
            "allergies",
            "exports",
            "weed resistance",
            "food waste",
        ],
    ),
    (
        "homework in primary schools",
        [
            "test scores",
            "family stress",
            "play time",
            "reading skills",
            "teacher workload",
            "inequality between pupils",
            "sleep",
            "parental involvement",
            "private tutoring",
            "motivation",
        ],
    ),
]
GROUPS = [
    "young families",
    "pensioners",
    "small firms",
    "students",
    "rural areas",
    "city dwellers",
    "low earners",
    "the public purse",
    "local councils",
    "future generations",
    "workers",
    "consumers",
]
WHEN = ["", " by 2030", " within five years", " in the long run"]
MORE = ["increase", "raise", "push up"]
LESS = ["reduce", "cut", "lower"]
THESIS = [
    "{Policy} should be introduced.",
    "We should adopt {policy}.",
    "{Policy} is the right policy.",
]
THESIS_NOT = [
    "{Policy} should not be introduced.",
    "We should not adopt {policy}.",
    "{Policy} is not the right policy.",
]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def render_claim(
    rng: random.Random, policy: str, outcome: str, more: bool, group: str, when: str
) -> str:
    """One wording of the proposition (policy, outcome, direction, group, when)."""
    verb = rng.choice(MORE if more else LESS)
    template = rng.randrange(4)
    if template == 0:
        return f"{_cap(policy)} would {verb} {outcome} for {group}{when}."
    if template == 1:
        return f"For {group}, {policy} will {verb} {outcome}{when}."
    if template == 2:
        amount = "more" if more else "less"
        return f"With {policy}, {group} would see {amount} {outcome}{when}."
    moved = "go up" if more else "go down"
    return f"{_cap(outcome)} for {group} would {moved}{when} under {policy}."


def make_maps(n_maps: int, n_claims: int, seed: int):
    """*n_maps* maps of *n_claims* claims, and the planted truth (module docs).

    Returns ``(maps, truth)`` with ``truth[ref] = (debate, outcome, more,
    group, when)``, and ``("thesis", debate, stance)`` for theses.
    """
    from argmap import ArgumentMap, Claim, Relation

    rng = random.Random(seed)
    maps, truth = [], {}
    for m in range(n_maps):
        debate = m % len(DEBATES)
        policy, outcomes = DEBATES[debate]
        pro = rng.random() < 0.5
        amap = ArgumentMap(f"m{m:04d}", f"Synthetic debate {m}: {policy}")
        thesis = rng.choice(THESIS if pro else THESIS_NOT).format(
            policy=policy, Policy=_cap(policy)
        )
        amap.add_claim(Claim("c0", thesis, role="thesis"))
        truth[f"{amap.id}#c0"] = ("thesis", debate, pro)
        used = set()
        for c in range(1, n_claims):
            while True:
                prop = (
                    rng.randrange(len(outcomes)),
                    rng.random() < 0.5,
                    rng.randrange(len(GROUPS)),
                    rng.randrange(len(WHEN)),
                )
                if prop not in used:
                    break
            used.add(prop)
            o, more, g, w = prop
            text = render_claim(rng, policy, outcomes[o], more, GROUPS[g], WHEN[w])
            amap.add_claim(Claim(f"c{c}", text))
            truth[f"{amap.id}#c{c}"] = (debate, o, more, g, w)
            kind = "rebuts" if rng.random() < 0.25 else "supports"
            amap.add_relation(Relation(kind, f"c{c}", f"c{rng.randrange(c)}"))
        maps.append(amap)
    return maps, truth


def quality(found, truth) -> str:
    """Precision of same_as and contradiction suggestions against the planted truth."""
    same = [s for s in found if s.kind == "same_as"]
    right_same = sum(truth[s.source] == truth[s.target] for s in same)
    contra = [s for s in found if s.basis == "contradicts"]

    def opposite(a, b) -> bool:
        x, y = truth[a], truth[b]
        if x[0] == "thesis" or y[0] == "thesis":
            return x[0] == y[0] == "thesis" and x[1] == y[1] and x[2] != y[2]
        return x[:2] == y[:2] and x[3:] == y[3:] and x[2] != y[2]

    right_contra = sum(opposite(s.source, s.target) for s in contra)
    share = lambda r, n: f"{r}/{n} = {r / n:.2f}" if n else "n/a"
    return (
        f"same_as precision {share(right_same, len(same))}; "
        f"contradiction precision {share(right_contra, len(contra))} "
        "(planted paraphrases / opposite directions)"
    )


def _usage() -> str:
    """CPU and wall so far, load average, peak RSS of this process."""
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return f"load {os.getloadavg()[0]:.1f}, peak RSS {rss:.0f} MB"


class Clock:
    """CPU and wall time per stage of align (wrapping the functions of each stage)."""

    def __init__(self) -> None:
        self.spent: dict[str, list[float]] = {}

    def wrap(self, label: str, f):
        def timed(*args, **kwargs):
            c, w = time.process_time(), time.perf_counter()
            try:
                return f(*args, **kwargs)
            finally:
                spent = self.spent.setdefault(label, [0.0, 0.0])
                spent[0] += time.process_time() - c
                spent[1] += time.perf_counter() - w

        return timed

    def __str__(self) -> str:
        return ", ".join(
            f"{k} {cpu:.1f}/{wall:.1f}" for k, (cpu, wall) in self.spent.items()
        )


def run(maps, label: str, truth=None) -> None:
    from argmap.meaning import align as align_mod
    from argmap.meaning import embed as embed_mod
    from argmap.meaning.embed import embed

    clock = Clock()
    saved = align_mod.map_context, align_mod.candidate_arrays, align_mod._Batch.judge
    # the model's load, inside embedding (cold runs only): its own figure too
    embed_mod._model = clock.wrap("model load", embed_mod._model)
    align_mod.map_context = clock.wrap("contexts", align_mod.map_context)
    align_mod.candidate_arrays = clock.wrap("candidates", align_mod.candidate_arrays)

    def judge(self, *args, **kwargs):
        return list(saved[2](self, *args, **kwargs))

    align_mod._Batch.judge = clock.wrap("judging", judge)
    try:
        c, w = time.process_time(), time.perf_counter()
        found = align_mod.align(maps, embed_texts=clock.wrap("embedding", embed))
        cpu, wall = time.process_time() - c, time.perf_counter() - w
    finally:
        align_mod.map_context, align_mod.candidate_arrays = saved[:2]
        align_mod._Batch.judge = saved[2]
    kinds = {
        k: sum(s.kind == k for s in found) for k in ("same_as", "rebuts", "supports")
    }
    print(
        f"  {label:<6} align {cpu:6.1f} s CPU, {wall:6.1f} s wall ({_usage()})\n"
        f"         stages CPU/wall s: {clock}\n"
        f"         {len(found)} suggestions {kinds}",
        flush=True,
    )
    if truth is not None:
        print(f"         {quality(found, truth)}")


def child(args) -> None:
    """One timing in a fresh process (so that 'cold' includes loading the model)."""
    start = time.process_time()
    if args.seed_maps:
        import argmap

        maps = list(
            argmap.load_workspace([ROOT / "maps"]).raise_for_errors().maps.values()
        )
        truth = None
    else:
        maps, truth = make_maps(args.maps, args.claims, args.seed)
    if args.label == "prefill":
        from argmap.meaning.embed import embed

        texts = [c.text for m in maps for c in m.claims.values()]
        c, w = time.process_time(), time.perf_counter()
        embed(texts)
        print(
            f"  prefill: {len(set(texts)):,} distinct sentences in the cache: "
            f"{time.process_time() - c:.1f} s CPU, {time.perf_counter() - w:.1f} s wall "
            f"({_usage()})",
            flush=True,
        )
        return
    import_cpu = time.process_time() - start
    if not args.seed_maps:
        print(
            f"  built {sum(len(m) for m in maps):,} claims in {len(maps)} maps "
            f"({import_cpu:.1f} s CPU with imports)"
        )
    run(maps, args.label, truth)


def timed_child(label: str, cache: str, extra: list[str]) -> None:
    env = dict(os.environ, ARGMAP_CACHE_DIR=cache)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, __file__, "--child", "--label", label, *extra],
        env=env,
        check=True,
    )
    print(
        f"         process {time.perf_counter() - start:.1f} s wall from start to exit"
    )


def timed_cli(label: str, cache: str) -> None:
    """`argmap align maps/ --json` as a user runs it: the whole process."""
    import resource

    env = dict(os.environ, ARGMAP_CACHE_DIR=cache)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "argmap", "align", str(ROOT / "maps"), "--json"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    print(
        f"  {label:<6} `argmap align maps/ --json`, whole process: {cpu:.1f} s CPU, "
        f"{wall:.1f} s wall (load {os.getloadavg()[0]:.1f})"
    )


def recall(args) -> None:
    """The k-means index against exact search (module docs)."""
    import numpy as np

    from argmap.meaning import candidates
    from argmap.meaning.embed import embed

    maps, _ = make_maps(args.maps, args.claims, args.seed)
    vectors = embed([c.text for m in maps for c in m.claims.values()])
    owner = np.repeat(np.arange(len(maps)), args.claims)
    n = len(vectors)
    rng = np.random.default_rng(0)
    sample = np.sort(rng.choice(n, min(n, 1000), replace=False))
    sims = vectors[sample] @ vectors.T
    sims[owner[sample, None] == owner[None, :]] = -np.inf
    exact = -np.sort(-sims, axis=1)[:, :3]
    del sims
    c, w = time.process_time(), time.perf_counter()
    best, _ = candidates._indexed_best(vectors, owner, 4, None)
    cpu, wall = time.process_time() - c, time.perf_counter() - w
    hit = np.abs(best[sample, :3] - exact) < 1e-4
    print(
        f"synthetic, {n:,} claims, index of {int(n**0.5)} cells, "
        f"{candidates.PROBES} probed per claim: {hit.mean():.3f} of the sampled claims' "
        f"3 best partners found (by cosine; ties make ids ambiguous); "
        f"{cpu:.1f} s CPU, {wall:.1f} s wall ({_usage()})"
    )
    _recall_microtexts()


def _recall_microtexts() -> None:
    import numpy as np

    import argmap
    from argmap.meaning import align as align_mod
    from argmap.meaning import candidates
    from argmap.meaning.embed import embed

    folder = Path(
        os.environ.get("ARGMAP_MICROTEXTS")
        or ROOT.parent / "shared" / "corpora" / "arg-microtexts" / "en"
    )
    if not folder.is_dir():
        print(f"microtext corpus not found at {folder}; skipped")
        return
    ws = argmap.load_workspace([folder]).raise_for_errors()
    maps = sorted(ws.maps.values(), key=lambda m: m.id)
    texts = [c.text for m in maps for c in m.claims.values()]
    owner = np.repeat(np.arange(len(maps)), [len(m.claims) for m in maps])
    vectors = embed(texts)
    exact = align_mod.candidate_arrays(vectors, owner, 3)
    pairs = dict(zip(zip(exact[0].tolist(), exact[1].tolist()), exact[2].tolist()))
    suggested = {s.name for s in align_mod.align(maps)}
    limit = candidates.EXACT_LIMIT
    candidates.EXACT_LIMIT = 0  # the index, whatever the size
    try:
        i, j, _ = align_mod.candidate_arrays(vectors, owner, 3)
        found = set(zip(i.tolist(), j.tolist()))
        indexed = {s.name for s in align_mod.align(maps)}
    finally:
        candidates.EXACT_LIMIT = limit
    print(
        f"microtexts part 1, {len(texts)} claims, index forced "
        f"({int(len(texts) ** 0.5)} cells, {candidates.PROBES} probed):"
    )
    for floor in (candidates.FLOOR, 0.5, 0.6):
        kept = [k for k, s in pairs.items() if s >= floor]
        got = sum(k in found for k in kept)
        print(
            f"  exact candidate pairs with cosine >= {floor}: {got}/{len(kept)} found"
        )
    print(
        f"  align suggestions: {len(suggested & indexed)}/{len(suggested)} of the exact "
        f"search's, {len(indexed - suggested)} others"
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
    parser.add_argument(
        "--cache",
        help="embedding cache folder to keep between runs (default: a fresh temporary one)",
    )
    parser.add_argument(
        "--warm-only",
        action="store_true",
        help="no cold run: prefill the cache (if needed) and time warm runs",
    )
    parser.add_argument(
        "--recall", action="store_true", help="measure the index's recall (module docs)"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--seed-maps", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--label", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    if args.recall:
        recall(args)
        return
    with tempfile.TemporaryDirectory() as fresh:
        cache = args.cache or fresh
        print(f"seed maps (maps/): align in a fresh process ({_usage()})")
        if not args.warm_only:
            with tempfile.TemporaryDirectory() as empty:
                timed_child("cold", empty, ["--seed-maps"])
        timed_child("prefill", cache, ["--seed-maps"])
        timed_child("warm", cache, ["--seed-maps"])
        timed_child("warm", cache, ["--seed-maps"])
        if not args.warm_only:
            with tempfile.TemporaryDirectory() as empty:
                timed_cli("cold", empty)
        timed_cli("warm", cache)
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
        print(f"synthetic: {args.maps} maps x {args.claims} claims")
        if not args.warm_only:
            with tempfile.TemporaryDirectory() as empty:
                timed_child("cold", empty, size)
        timed_child("prefill", cache, size)
        timed_child("warm", cache, size)
    print("goals: 100k claims < 120 s; seed maps < 1 s warm, < 3 s cold")


if __name__ == "__main__":
    main()
