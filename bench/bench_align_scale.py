"""Speed of `align` (figures printed): synthetic corpus and the two seed maps.

python bench/bench_align_scale.py                    # 1,000 maps x 100 claims = 100k claims
python bench/bench_align_scale.py --maps 100         # 10k claims
python bench/bench_align_scale.py --seed-only        # the seed maps only

Synthetic maps argue one side of one of 20 debates (a speed limit, a
sugar tax, rent caps, …): a thesis for or against the policy, and claims
stating its effect on an outcome for a group ("A cap on rent increases
would cut evictions for low earners by 2030."), each proposition worded by
one of four templates with synonyms.  Maps on one debate share some
propositions in other words (planted paraphrases) and state others in the
opposite direction (planted contradictions), so the run prints the
precision of same_as and contradiction suggestions beside the timings.
Each map is a tree of supports and rebuttals under its thesis.  (The
previous grammar of unrelated subject–verb–object sentences made nearly
every sentence a near-paraphrase of many others: 6,060 of 9,546
suggestions were same_as.)

Cold: an empty embedding cache (the model encodes every sentence).
Warm: the same run again with the cache filled.  The time of each stage of
align (comparing: the candidate search; judging: the map pairs) is printed
in brackets; the rest is reading the maps and embedding.  Times are wall-clock on
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


def run(maps, label: str, truth=None) -> float:
    from argmap.meaning import align as align_mod

    stages: dict[str, float] = {}
    last = [time.perf_counter(), ""]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if stage != last[1]:
            last[0], last[1] = now, stage
        stages[stage] = now - last[0]

    start = time.perf_counter()
    found = align_mod.align(maps, progress=progress)
    elapsed = time.perf_counter() - start
    kinds = {
        k: sum(s.kind == k for s in found) for k in ("same_as", "rebuts", "supports")
    }
    where = ", ".join(f"{k} {v:.1f} s" for k, v in stages.items())
    print(
        f"  {label:<10} {elapsed:8.2f} s   {len(found)} suggestions {kinds}  [{where}]"
    )
    if truth is not None:
        print(f"             {quality(found, truth)}")
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
        maps, truth = make_maps(args.maps, args.claims, args.seed)
        print(
            f"  built {sum(len(m) for m in maps):,} claims in {len(maps)} maps in {time.perf_counter() - start:.1f} s"
        )
        run(maps, args.label, truth)
        return
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
