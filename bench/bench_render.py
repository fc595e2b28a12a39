"""Rendering speed: DOT building and SVG rendering of synthetic maps, wasm start-up.

Run: python bench/bench_render.py [--sizes 100 1000]
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time

from argmap.model import ArgumentMap, Claim, Relation

WORDS = [
    "cooperation",
    "contracts",
    "summit",
    "declaration",
    "technology",
    "risk",
    "research",
    "trade",
    "patent",
    "talent",
    "policy",
    "market",
    "security",
    "chips",
    "data",
    "standards",
    "order",
]


def synthetic(n: int, seed: int = 1) -> ArgumentMap:
    """A tree-like map: claim i supports or rebuts an earlier claim, plus a few undercuts."""
    rng = random.Random(seed)
    claims = [
        Claim(f"c{i}", " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18))))
        for i in range(n)
    ]
    claims[0].role = "thesis"
    relations = []
    for i in range(1, n):
        kind = "supports" if rng.random() < 0.7 else "rebuts"
        relations.append(Relation(kind, f"c{i}", f"c{rng.randrange(i)}"))
    for _ in range(n // 20):
        attacked = rng.choice(relations)
        if attacked.kind != "undercuts":
            source = f"c{rng.randrange(n)}"
            if source not in (attacked.source, attacked.target):
                relations.append(Relation("undercuts", source, attacked.key))
    return ArgumentMap(
        f"synthetic-{n}", f"Synthetic {n}", claims=claims, relations=relations
    )


def timed(func, repeat=1):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def startup(cache_home: str) -> float:
    code = (
        "import time; t=time.perf_counter();"
        "from argmap.render.backends import render_bytes;"
        "render_bytes('digraph{a->b}', 'svg');"
        "print(time.perf_counter()-t)"
    )
    env = dict(os.environ, XDG_CACHE_HOME=cache_home)
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as cache:
        cold = startup(cache)
        warm = startup(cache)
    print(
        f"wasm start-up + tiny render, new process: cold cache {cold:.3f} s, "
        f"warm cache {warm:.3f} s"
    )

    from argmap.render import render_svg
    from argmap.render.backends import render_bytes
    from argmap.render.dot import build_dot
    from argmap.render.svg import postprocess

    render_bytes("digraph{a}", "svg")  # instance ready: measure layouts only
    for n in args.sizes:
        amap = synthetic(n)
        t_dot, graph = timed(lambda amap=amap: build_dot(amap), repeat=3)
        t_layout, raw = timed(lambda graph=graph: render_bytes(graph.source, "svg"))
        t_post, svg = timed(
            lambda raw=raw, graph=graph: postprocess(raw, graph), repeat=3
        )
        t_total, _ = timed(lambda amap=amap: render_svg(amap))
        print(
            f"{n:>6} claims, {len(amap.relations):>6} relations: DOT {t_dot * 1000:8.1f} ms"
            f"  Graphviz(wasm) {t_layout:7.2f} s  SVG post {t_post * 1000:7.1f} ms"
            f"  render_svg total {t_total:7.2f} s  ({len(svg) / 1e6:.2f} MB)"
        )


if __name__ == "__main__":
    main()
