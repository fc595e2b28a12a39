"""Layout stability: how far untouched claims move after a small edit.

Run: python bench/bench_layout.py [--trials 5] [--maps maps/a.yaml ...] [--json]
     [--synthetic N] [--support-edit] [--default-only]

For each seed map and each edit kind -- add a leaf (a new claim supporting a
leaf claim), remove a leaf, reword a claim (its text gets a clause longer),
add a rebuttal (a new claim rebutting an inner claim) -- up to ``--trials``
targets are chosen evenly from the claims in map order, the map is rendered
before and after the edit, and every claim drawn in both renders and not
edited itself is compared.

Displacement of claim *i*: its box centre moves by ``d_i = (dx_i, dy_i)``;
the common shift ``s = (median dx, median dy)`` is removed (a diagram that
only grew on one side has moved nothing), and ``|d_i - s|`` is measured in
points.  Per trial we take the mean and the maximum over the untouched
claims; the table prints the mean of the trial means and the largest
maximum.  Order swaps: two untouched claims on one rank (same centre y in the
old render) whose left-to-right order differs in the new render.

Three tables: the default layout (positions by branch, neato routes the
edges), the ``dot`` layout that maps above ``TIDY_MAX_NODES`` get (ranks and
order by branch, dot places), and ``--layout-from`` the render before the edit.

Goal (issue 12): for every edit kind on both seed maps, no swaps and a mean
of at most 20 points.  Prints figures; asserts nothing.

A rule tuned to two maps and four edits proves little, so ``--synthetic N``
adds N random article-shaped trees of 15 to 40 claims
(:func:`bigmaps.tree_map`, deterministic by seed), ``--support-edit`` a
fifth edit (a new claim supporting an inner claim, one that other claims
already support or attack), and each table ends with the cells meeting the
goal and the mean of the cell means, over the given maps and over the
synthetic ones.  ``--default-only`` prints the first table alone.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from argmap.model import ArgumentMap, Claim, Relation

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [
    ROOT / "maps" / "contracts-not-declarations.yaml",
    ROOT / "maps" / "hitech-diplomacy.yaml",
]
GOAL_MEAN = 20.0
_S = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
NEW_TEXT = "A new claim added by the layout benchmark to see what moves."


@dataclass
class Trial:
    mean: float
    max: float
    swaps: int
    seconds: float


def positions(svg: str) -> dict[str, tuple[float, float]]:
    """Centre of each claim's box, by claim id, from a rendered SVG."""
    root = ET.fromstring(svg)
    found: dict[str, tuple[float, float]] = {}
    for group in root.iter(f"{_S}g"):
        classes = group.get("class", "").split()
        if "claim" not in classes or "external" in classes:
            continue
        claim_id = group.get("data-claim") or group.get("id", "").removeprefix("claim-")
        shape = group.find(f"{_S}path")
        if shape is None:
            shape = group.find(f"{_S}polygon")
        if shape is None:
            continue
        numbers = [
            float(n) for n in _NUMBER.findall(shape.get("d") or shape.get("points", ""))
        ]
        xs, ys = numbers[0::2], numbers[1::2]
        found[claim_id] = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    return found


def compare(
    old: dict[str, tuple[float, float]],
    new: dict[str, tuple[float, float]],
    edited: set[str],
) -> tuple[float, float, int]:
    """(mean, max) displacement after removing the median shift, and order swaps."""
    common = [c for c in old if c in new and c not in edited]
    if not common:
        return 0.0, 0.0, 0
    dxs = [new[c][0] - old[c][0] for c in common]
    dys = [new[c][1] - old[c][1] for c in common]
    mx, my = statistics.median(dxs), statistics.median(dys)
    moves = [((dx - mx) ** 2 + (dy - my) ** 2) ** 0.5 for dx, dy in zip(dxs, dys)]
    swaps = 0
    for i, a in enumerate(common):
        for b in common[i + 1 :]:
            if abs(old[a][1] - old[b][1]) > 1.0:
                continue  # not on one rank
            before = old[a][0] < old[b][0]
            after = new[a][0] < new[b][0]
            if before != after:
                swaps += 1
    return statistics.fmean(moves), max(moves), swaps


# -- edits ------------------------------------------------------------------------


def rebuild(amap: ArgumentMap, claims, relations) -> ArgumentMap:
    return ArgumentMap(
        amap.id,
        amap.title,
        amap.source,
        claims,
        relations,
        extends=amap.extends,
        merged_from=amap.merged_from,
    )


def _copy_claim(claim: Claim, **changes) -> Claim:
    fields = {
        "id": claim.id,
        "text": claim.text,
        "quote": claim.quote,
        "role": claim.role,
        "tags": list(claim.tags),
        "note": claim.note,
    }
    fields.update(changes)
    return Claim(**fields)


def _targeted(amap: ArgumentMap) -> tuple[set[str], set[str]]:
    """Claims that relations point at, and claims in undercuts or linked arguments."""
    targets = {r.target for r in amap.relations if r.kind != "undercuts"}
    involved = set()
    for r in amap.relations:
        if r.kind == "undercuts" or r.linked:
            involved |= {r.source, *r.linked}
    for r in amap.undercuts():
        attacked = amap.relation(r.target)
        if attacked is not None:
            involved |= {attacked.source, attacked.target}
    return targets, involved


def leaves(amap: ArgumentMap) -> list[str]:
    targets, involved = _targeted(amap)
    return [
        c
        for c in amap.claims
        if c not in targets
        and c not in involved
        and sum(r.source == c for r in amap.relations) == 1
    ]


def inner(amap: ArgumentMap) -> list[str]:
    targets, _ = _targeted(amap)
    return [c for c in amap.claims if c in targets]


def spread(items: list[str], n: int) -> list[str]:
    if len(items) <= n:
        return items
    return [items[round(i * (len(items) - 1) / (n - 1))] for i in range(n)]


def add_leaf(amap: ArgumentMap, target: str) -> tuple[ArgumentMap, set[str]]:
    claims = list(amap.claims.values()) + [Claim("bench-new", NEW_TEXT)]
    relations = list(amap.relations) + [Relation("supports", "bench-new", target)]
    return rebuild(amap, claims, relations), {"bench-new"}


def remove_leaf(amap: ArgumentMap, target: str) -> tuple[ArgumentMap, set[str]]:
    claims = [c for c in amap.claims.values() if c.id != target]
    relations = [r for r in amap.relations if target not in (r.source, r.target)]
    return rebuild(amap, claims, relations), {target}


def reword(amap: ArgumentMap, target: str) -> tuple[ArgumentMap, set[str]]:
    claims = [
        _copy_claim(
            c, text=c.text.rstrip(".") + ", as the article says in other words."
        )
        if c.id == target
        else c
        for c in amap.claims.values()
    ]
    return rebuild(amap, claims, list(amap.relations)), {target}


def add_rebuttal(amap: ArgumentMap, target: str) -> tuple[ArgumentMap, set[str]]:
    claims = list(amap.claims.values()) + [Claim("bench-new", NEW_TEXT)]
    relations = list(amap.relations) + [Relation("rebuts", "bench-new", target)]
    return rebuild(amap, claims, relations), {"bench-new"}


def add_support(amap: ArgumentMap, target: str) -> tuple[ArgumentMap, set[str]]:
    claims = list(amap.claims.values()) + [Claim("bench-new", NEW_TEXT)]
    relations = list(amap.relations) + [Relation("supports", "bench-new", target)]
    return rebuild(amap, claims, relations), {"bench-new"}


EDITS: dict[str, tuple[Callable, Callable]] = {
    "add a leaf": (add_leaf, leaves),
    "remove a leaf": (remove_leaf, leaves),
    "reword a claim": (reword, lambda m: list(m.claims)),
    "add a rebuttal": (add_rebuttal, inner),
}
#: With ``--support-edit``.
SUPPORT_EDIT: dict[str, tuple[Callable, Callable]] = {
    "add a support": (add_support, inner),
}


def synthetic(count: int) -> list[ArgumentMap]:
    """*count* random article-shaped trees of 15 to 40 claims (bench/bigmaps.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bigmaps import tree_map

    maps = []
    for i in range(count):
        tree = tree_map(15 + 5 * (i % 6), seed=i + 1)
        claims, relations = list(tree.claims.values()), list(tree.relations)
        maps.append(
            ArgumentMap(f"{tree.id}-seed-{i + 1}", tree.title, None, claims, relations)
        )
    return maps


def run(
    paths: list[Path],
    trials: int,
    pinned: bool = False,
    dot: bool = False,
    *,
    maps: list[ArgumentMap] | None = None,
    edits: dict[str, tuple[Callable, Callable]] | None = None,
) -> dict:
    """Trials per (map, edit); with *pinned*, each edit is rendered with
    ``layout_from`` the render before it (what ``render --layout-from`` does);
    with *dot*, every map is drawn the way maps above ``TIDY_MAX_NODES`` are.
    *maps* are drawn after those at *paths*; *edits* default to :data:`EDITS`."""
    import argmap
    import argmap.render
    from argmap.render import render_svg
    from argmap.render.pinning import old_positions

    limit = argmap.render.TIDY_MAX_NODES
    if dot:
        argmap.render.TIDY_MAX_NODES = 0
    loaded = [argmap.load(path) for path in paths] + list(maps or [])
    try:
        return _run(loaded, trials, pinned, render_svg, old_positions, edits or EDITS)
    finally:
        argmap.render.TIDY_MAX_NODES = limit


def _run(maps, trials, pinned, render_svg, old_positions, edits) -> dict:
    results: dict = {}
    for amap in maps:
        base_svg = render_svg(amap)
        old = positions(base_svg)
        layout = old_positions(base_svg) if pinned else None
        for kind, (edit, candidates) in edits.items():
            rows = []
            for target in spread(candidates(amap), trials):
                edited_map, edited = edit(amap, target)
                start = time.perf_counter()
                svg = render_svg(edited_map, layout_from=layout)
                seconds = time.perf_counter() - start
                mean, worst, swaps = compare(
                    old,
                    positions(svg),
                    edited | {target} if kind == "reword a claim" else edited,
                )
                rows.append(Trial(mean, worst, swaps, seconds))
            results[(amap.id, kind)] = rows
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--maps", nargs="*", type=Path, default=SEEDS)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--synthetic", type=int, default=0, metavar="N", help="add N random trees"
    )
    parser.add_argument(
        "--support-edit",
        action="store_true",
        help="add the edit: a new claim supporting an inner claim",
    )
    parser.add_argument(
        "--default-only", action="store_true", help="only the default layout"
    )
    args = parser.parse_args(argv)
    extra = {
        "maps": synthetic(args.synthetic),
        "edits": {**EDITS, **SUPPORT_EDIT} if args.support_edit else EDITS,
    }
    tables = {
        "default: positions by branch (layout.tidy_positions), neato routes": _table(
            run(args.maps, args.trials, **extra)
        )
    }
    if not args.default_only:
        tables["dot places, ranks and order by branch (maps over TIDY_MAX_NODES)"] = (
            _table(run(args.maps, args.trials, dot=True, **extra))
        )
        tables["--layout-from the previous render (neato draws)"] = _table(
            run(args.maps, args.trials, pinned=True, **extra)
        )
    seeds = {argmap_id(path) for path in args.maps}
    if args.json:
        json.dump(tables, sys.stdout, indent=2)
        print()
        return
    print(f"goal: no swaps, mean <= {GOAL_MEAN:g} pt for every edit kind (issue 12)")
    for name, table in tables.items():
        print(f"\n{name}")
        print(
            f"{'map':28} {'edit':16} {'n':>2} {'mean pt':>8} {'max pt':>8} "
            f"{'swaps':>6} {'render s':>9}"
        )
        for row in table:
            ok = row["swaps"] == 0 and row["mean"] <= GOAL_MEAN
            print(
                f"{row['map']:28} {row['edit']:16} {row['trials']:>2} "
                f"{row['mean']:>8.1f} {row['max']:>8.1f} {row['swaps']:>6} "
                f"{row['render_s']:>9.3f}  {'ok' if ok else 'MISS'}"
            )
        for label, rows in (
            ("given maps", [r for r in table if r["map"] in seeds]),
            ("synthetic maps", [r for r in table if r["map"] not in seeds]),
        ):
            if rows:
                met = sum(r["swaps"] == 0 and r["mean"] <= GOAL_MEAN for r in rows)
                print(
                    f"{label}: {met}/{len(rows)} cells meet the goal; mean of the "
                    f"means {statistics.fmean(r['mean'] for r in rows):.1f} pt"
                )


def argmap_id(path: Path) -> str:
    """The id of the map at *path* (what the tables call it)."""
    import argmap

    return argmap.load(path).id


def _table(results: dict) -> list[dict]:
    return [
        {
            "map": map_id,
            "edit": kind,
            "trials": len(rows),
            "mean": round(statistics.fmean(t.mean for t in rows), 1) if rows else 0.0,
            "max": round(max(t.max for t in rows), 1) if rows else 0.0,
            "swaps": sum(t.swaps for t in rows),
            "render_s": round(statistics.fmean(t.seconds for t in rows), 3)
            if rows
            else 0.0,
        }
        for (map_id, kind), rows in results.items()
    ]


if __name__ == "__main__":
    main()
