"""Where Graphviz spends its time on big maps: layout settings timed on argmap's own DOT.

Run:
    python bench/bench_bigmaps.py                          # 300 and 1,000 claims
    python bench/bench_bigmaps.py --sizes 300 1000 3000 5000 --timeout 300
    python bench/bench_bigmaps.py --shapes merge --sizes 1000 --variants base splines=line
    python bench/bench_bigmaps.py --save out/              # keep the DOT and SVG of each run

Maps come from ``bench/bigmaps.py``: *tree* (one article's forest of support
trees) and *merge* (articles of 100 claims merged, with half as many cross
links as claims).  For each map argmap writes its DOT once
(:func:`argmap.render.dot.build_dot`); each *variant* then appends graph
attributes to that DOT (the last assignment of a graph attribute wins, as
``dot -G`` would set it) or picks another engine, and the in-process wasm
Graphviz renders it to SVG in a child process of its own, so that a run
which takes too long is stopped (``--timeout`` seconds of wall time, and
the same in CPU seconds through ``RLIMIT_CPU``) without hanging the bench.

The first variant, ``base``, is the DOT exactly as argmap writes it with
the ``dot`` engine: the baseline every other row is compared with.  What a
variant's time saves against ``base`` is what the phase it cuts short costs:

* ``splines=line`` / ``splines=polyline``: edge routing (``splines``);
* ``mclimit=0.1`` / ``remincross=false``: crossing minimisation;
* ``nslimit=1`` / ``nslimit1=1``: network simplex for x coordinates /
  ranking (iterations capped at one per node);
* ``searchsize=5``: network simplex's search for an entering edge;
* ``newrank=false``: the ranking argmap asks for vs Graphviz's default;
* ``pack``: each connected component laid out alone, then packed;
* ``sfdp``: the multilevel force-directed engine (no ranks, no mincross);
* ``argmap``: what ``argmap render`` does -- the whole of
  :func:`argmap.render.render_svg`, DOT building, the layout budget
  (:mod:`argmap.render.budget`) and SVG post-processing included; the
  tier it chose is printed above the table;
* ``forest+lines`` / ``forest+pack+lines``: two passes -- ``dot`` lays out
  only a spanning forest of the map (:func:`bigmaps.forest_only`; with
  ``pack``, each tree alone, then packed), then Graphviz's ``nop2`` keeps
  those positions and draws every relation as a straight line.  The cross
  links then cost nothing in ranking, crossing minimisation or routing.

Times are the child's CPU seconds inside Graphviz (the wasm instance is
warmed up first), with wall seconds beside them: on a shared machine wall
time includes waiting for a core, CPU time mostly does not.  Each row also
gives the drawing's size in points and the SVG's size, and ``same`` says
whether two runs gave the same bytes (``--repeat 2``).  Prints figures;
asserts nothing.

What it found (2 shared cores at load average 6-8, so CPU seconds; wall
time was 2-3 times more; DOT as main wrote it before the layout budget):

=================  =====  ==========  =======================================
map                base   best        where the time goes
=================  =====  ==========  =======================================
tree 1,000         0.2 s  0.2 s       nothing to save
tree 3,000         2.7 s  0.6 s pack  one network simplex over a 141,000 pt
                                      wide forest; ``pack`` lays each tree out
                                      alone (12x at 5,000: 12.4 s -> 1.0 s)
merge 300          0.7 s  0.1 s fast
merge 1,000        28-37  1.1 s fast  x coordinates (``nslimit=1`` alone: 4x),
                   s                  then spline routing and mincross, which
                                      only pay off once positioning is capped
                                      (``fast`` = all four caps: 34x)
merge 3,000        --     61 s fast   ``fast`` is not enough: the cross links
                                      become chains of virtual nodes through
                                      every rank they span; a forest-only
                                      layout takes 2.5 s
merge 5,000        --     12 s        ``forest+pack+lines``: 11.5 s for the
                                      forest, 0.9 s to draw every edge straight
=================  =====  ==========  =======================================

``mclimit``, ``remincross``, ``searchsize`` or ``newrank=false`` alone save
at most 1.8x; ``sfdp`` is as slow as ``dot`` and draws a 219,000 pt wide
picture; routing the cross links as splines around 5,000 boxes (``nop2``
with ``splines=true``) did not finish in 6 minutes.

Since :mod:`argmap.render.layout` plans the ranks (relations pointing down
leave them alone; breadth-first ranks when spans would cost too much),
plain ``dot`` on argmap's DOT is much faster, and the budget's limits were
set again (29 Nov 2026, load average 5-8 on the 2 shared cores; ``base`` =
plain ``dot`` on the same DOT, Graphviz CPU s; ``argmap`` = the whole of
``render_svg``, CPU s; wall seconds of ``argmap render map.yaml -o
map.svg`` beside, same bytes on two runs each):

============  ===========================  ==========================  ===========
map           base                         argmap (tier)               CLI wall
============  ===========================  ==========================  ===========
merge 1,000   1.3 s, 31,072 x 3,739 pt     1.7 s (full, = base)        4.0-4.9 s
merge 3,000   14.6 s, 86,212 x 3,536       6.3 s (two-pass), 17,899    18.8 s
                                           x 9,916
merge 5,000   28.5 s, 140,018 x 3,697      9.8 s (two-pass), 23,423    12.9-15.3 s
                                           x 12,683
tree 3,000    --                           6.1 s (two-pass)            11.6 s
tree 5,000    4.3 s, 206,822 x 1,517       8.8 s (two-pass), 22,798    11.2-12.7 s
                                           x 12,877
============  ===========================  ==========================  ===========

The two-pass tier is not faster than plain ``dot`` on a tree (it lays out
50 trees one by one); it is there for the picture: a 16:9 block instead of
a strip 200,000 points wide.  Its last pass is ``nop2`` drawing straight
lines: ``neato`` with ``splines=true`` ran the wasm Graphviz out of memory
at 5,000 claims, and with ``splines=line`` took 7.7 s where ``nop2`` takes
1.3 s.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

#: Variants by name: (engine, graph attributes appended to the DOT).
VARIANTS: dict[str, tuple[str, dict[str, str]]] = {
    "base": ("dot", {}),
    "splines=line": ("dot", {"splines": "line"}),
    "splines=polyline": ("dot", {"splines": "polyline"}),
    "mclimit=0.1": ("dot", {"mclimit": "0.1"}),
    "remincross=false": ("dot", {"remincross": "false"}),
    "nslimit=1": ("dot", {"nslimit": "1"}),
    "nslimit1=1": ("dot", {"nslimit1": "1"}),
    "searchsize=5": ("dot", {"searchsize": "5"}),
    "newrank=false": ("dot", {"newrank": "false"}),
    "pack": ("dot", {"pack": "true", "packmode": "graph"}),
    "fast": (
        "dot",
        {"splines": "line", "mclimit": "0.1", "nslimit": "1", "searchsize": "5"},
    ),
    "sfdp": ("sfdp", {"splines": "false", "overlap": "prism"}),
}
#: Two-pass variants: graph attributes of the first pass (the forest's layout).
TWO_PASS: dict[str, dict[str, str]] = {
    "forest+lines": {},
    "forest+pack+lines": {"pack": "true", "packmode": "graph"},
}
DEFAULT_VARIANTS = [*VARIANTS, *TWO_PASS, "argmap"]
_SIZE = re.compile(rb'viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) ([0-9.]+)"')


@dataclass
class Run:
    cpu: float | None
    wall: float | None
    width: float = 0.0
    height: float = 0.0
    svg_bytes: int = 0
    digest: str = ""
    failed: str = ""


def with_attributes(dot: str, attrs: dict[str, str]) -> str:
    """*dot* with graph attributes *attrs* set last (so they win), like ``dot -G``."""
    if not attrs:
        return dot
    end = dot.rstrip().rfind("}")
    settings = "".join(f"{k}={json.dumps(v)};\n" for k, v in attrs.items())
    return dot[:end] + settings + dot[end:]


# -- the child: one render, timed ------------------------------------------------


def worker(engine: str, dot_path: str, forest_path: str, save: str) -> None:
    """Render *dot_path* with *engine* (or, for engine ``two-pass``, see below); print JSON.

    Two-pass: ``dot`` lays out *forest_path* (JSON out), then ``nop2`` draws
    *dot_path* with every node pinned where pass 1 put it and straight edges.
    """
    from argmap.render.backends import _wasm_backend

    backend = _wasm_backend()
    backend.render("digraph{a->b}", format="svg", engine="dot")  # warm
    if engine == "argmap":  # argmap's own render_svg, budget and all
        from bigmaps import SHAPES

        from argmap.render import render_svg

        shape, n, seed = dot_path.split(":")
        amap = SHAPES[shape](int(n), seed=int(seed))
        start, start_cpu = time.perf_counter(), time.process_time()
        svg = render_svg(amap).encode("utf-8")
        cpu, wall = time.process_time() - start_cpu, time.perf_counter() - start
        _print_run(svg, cpu, wall, save)
        return
    source = Path(dot_path).read_text(encoding="utf-8")
    start, start_cpu = time.perf_counter(), time.process_time()
    if engine == "two-pass":
        forest = Path(forest_path).read_text(encoding="utf-8")
        layout = json.loads(backend.render(forest, format="json", engine="dot"))
        pins = {
            o["name"]: o["pos"]
            for o in layout.get("objects", [])
            if "pos" in o and "nodes" not in o
        }
        svg = backend.render(pinned(source, pins), format="svg", engine="nop2")
    else:
        svg = backend.render(source, format="svg", engine=engine)
    cpu, wall = time.process_time() - start_cpu, time.perf_counter() - start
    _print_run(svg, cpu, wall, save)


def _print_run(svg: bytes, cpu: float, wall: float, save: str) -> None:
    size = _SIZE.search(svg[:2000])
    if save:
        Path(save).write_bytes(svg)
    print(
        json.dumps(
            {
                "cpu": cpu,
                "wall": wall,
                "width": float(size.group(1)) if size else 0.0,
                "height": float(size.group(2)) if size else 0.0,
                "svg_bytes": len(svg),
                "digest": hashlib.sha256(svg).hexdigest()[:12],
            }
        )
    )


def pinned(dot: str, pins: dict[str, str]) -> str:
    """*dot* with every node in *pins* at its position, edges drawn straight."""
    lines = "".join(
        f"{json.dumps(n)} [pos={json.dumps(p)}];\n" for n, p in pins.items()
    )
    end = dot.rstrip().rfind("}")
    return dot[:end] + lines + "splines=line;\n" + dot[end:]


def parse_variant(variant: str) -> tuple[str, dict[str, str]]:
    """(engine, graph attributes) of a named variant or of ad hoc
    ``name=value,name=value`` (``engine=sfdp`` picks the engine).  Two-pass
    variants have engine ``two-pass`` and the attributes of pass 1."""
    if variant in VARIANTS:
        return VARIANTS[variant]
    if variant in TWO_PASS:
        return "two-pass", TWO_PASS[variant]
    if variant == "argmap":
        return "argmap", {}
    parts = variant.split(",")
    if any("=" not in part for part in parts):
        raise ValueError(variant)
    attrs = dict(part.split("=", 1) for part in parts)
    return attrs.pop("engine", "dot"), attrs


def run_variant(
    dot: str,
    variant: str,
    timeout: float,
    save: Path | None,
    label: str,
    forest: str = "",
    spec: str = "",
) -> Run:
    """One render of *dot* (pass 1 on *forest* for two-pass variants) in a child
    process; variant ``argmap`` renders the map *spec* (shape:n:seed) itself."""
    engine, attrs = parse_variant(variant)
    with tempfile.TemporaryDirectory() as tmp:
        dot_path, forest_path = Path(tmp) / "map.dot", Path(tmp) / "forest.dot"
        if engine == "argmap":
            dot_path = Path(spec)
        elif engine == "two-pass":
            dot_path.write_text(dot, encoding="utf-8")
            forest_path.write_text(with_attributes(forest, attrs), encoding="utf-8")
        else:
            dot_path.write_text(with_attributes(dot, attrs), encoding="utf-8")
        svg_path = ""
        if save is not None:
            save.mkdir(parents=True, exist_ok=True)
            stem = re.sub(r"[^A-Za-z0-9.+-]", "-", f"{label}-{variant}")
            if engine != "argmap":
                (save / f"{stem}.dot").write_text(
                    dot_path.read_text(), encoding="utf-8"
                )
            svg_path = str(save / f"{stem}.svg")
        command = [
            sys.executable,
            __file__,
            "--worker",
            engine,
            str(dot_path),
            str(forest_path),
            svg_path,
        ]
        limit = int(timeout) + 1

        def cap_cpu() -> None:
            resource.setrlimit(resource.RLIMIT_CPU, (limit, limit + 5))

        start = time.perf_counter()
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=timeout * 3,  # wall: generous, the machine is shared
                preexec_fn=cap_cpu,
                check=False,
            )
        except subprocess.TimeoutExpired:
            wall = time.perf_counter() - start
            return Run(None, wall, failed=f"> {timeout * 3:.0f} s wall")
        if done.returncode != 0:
            if done.returncode in (-24, -9):  # SIGXCPU, SIGKILL
                return Run(None, None, failed=f"> {timeout:.0f} s CPU")
            last = (done.stderr.strip().splitlines() or ["?"])[-1]
            return Run(None, None, failed=f"failed: {last[:60]}")
        return Run(**json.loads(done.stdout.strip().splitlines()[-1]))


# -- the table -----------------------------------------------------------------


def fmt_time(run: Run) -> str:
    if run.cpu is None:
        return f"{run.failed:>20}"
    return f"{run.cpu:8.2f} s ({run.wall:6.1f} wall)"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000])
    parser.add_argument("--shapes", nargs="+", default=["tree", "merge"])
    parser.add_argument(
        "--variants",
        nargs="+",
        default=DEFAULT_VARIANTS,
        help=f"any of: {', '.join(VARIANTS)}, or name=value,name=value "
        "(engine=sfdp picks the engine); base is always run first",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        help="CPU seconds a run may take (wall: three times that)",
    )
    parser.add_argument(
        "--no-base",
        action="store_true",
        help="skip the baseline (it is slow on big maps)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per variant")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save", type=Path, default=None, help="keep DOT and SVG here")
    parser.add_argument("--worker", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker)
        return

    from bigmaps import SHAPES, forest_only

    from argmap.render.dot import build_dot

    variants = [] if args.no_base else ["base"]
    variants += [v for v in args.variants if v != "base"]
    unknown = []
    for v in variants:
        try:
            parse_variant(v)
        except ValueError:
            unknown.append(v)
    if unknown:
        parser.error(f"unknown variants: {', '.join(unknown)}")
    load = os.getloadavg()
    print(
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on "
        f"{os.cpu_count()} cores; CPU seconds in Graphviz (wall seconds), "
        f"per-run limit {args.timeout:.0f} s CPU"
    )
    for shape in args.shapes:
        for n in args.sizes:
            amap = SHAPES[shape](n, seed=args.seed)
            start = time.perf_counter()
            dot = build_dot(amap).source
            t_dot = time.perf_counter() - start
            forest = ""
            if any(v in TWO_PASS for v in variants):
                forest = build_dot(forest_only(amap)).source
            print(
                f"\n{shape} {n}: {len(amap.claims)} claims, {len(amap.relations)} "
                f"relations, DOT {len(dot) / 1e3:.0f} kB built in {t_dot:.2f} s"
            )
            from argmap.render.budget import choose_budget

            print(f"  argmap chooses: {choose_budget(amap).describe()}")
            print(
                f"  {'variant':<24} {'Graphviz CPU (wall)':>22} {'vs base':>8} "
                f"{'drawing (pt)':>16} {'SVG':>8}  same"
            )
            base: Run | None = None
            for variant in variants:
                runs = [
                    run_variant(
                        dot,
                        variant,
                        args.timeout,
                        args.save,
                        f"{shape}-{n}",
                        forest,
                        f"{shape}:{n}:{args.seed}",
                    )
                    for _ in range(args.repeat)
                ]
                best = min(
                    runs, key=lambda r: r.cpu if r.cpu is not None else float("inf")
                )
                if variant == "base":
                    base = best
                ratio = (
                    f"{base.cpu / best.cpu:7.1f}x"
                    if base and base.cpu and best.cpu
                    else f"{'':>8}"
                )
                digests = {r.digest for r in runs if r.digest}
                same = (
                    ""
                    if len(runs) < 2 or not digests
                    else ("yes" if len(digests) == 1 else "NO")
                )
                size = (
                    f"{best.width:>7.0f}x{best.height:<7.0f}"
                    if best.cpu is not None
                    else ""
                )
                svg = f"{best.svg_bytes / 1e6:6.1f}MB" if best.svg_bytes else ""
                print(
                    f"  {variant[:24]:<24} {fmt_time(best):>22} {ratio} {size:>16} {svg:>8}  {same}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
