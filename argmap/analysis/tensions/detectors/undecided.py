"""``undecided-dispute``: what the grounded labelling leaves undecided.

Which claims
    The grounded labelling (:mod:`argmap.analysis.semantics`, undercuts
    translated into auxiliary attack nodes) leaves the claims on attack
    cycles, and those the cycles reach, undecided.  One dispute is a weakly
    connected component of the attack graph restricted to undecided nodes,
    counted if it holds at least one claim.

Explanation
    A shortest directed attack cycle in the component: a breadth-first
    search from each of its first :data:`CYCLE_STARTS` claims (in node
    order) for the shortest way back, each search cut off at the length of
    the best cycle so far, and no more searches once a cycle of two is found
    (the breadth-first searches are :mod:`argmap._graph`'s).

Score
    The mean strength of the attacks on that cycle, ``w * s(attacker)``
    (effective weight times DF-QuAD strength of the attacking node), times
    ``n / (n + 1)`` for a component of ``n`` claims, so that bigger deadlocks
    rank higher; times ``INTERNAL_FACTOR = 0.5`` when the whole component
    comes from one source.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from argmap._graph import connected_components, shortest_cycle_through
from argmap.analysis.semantics import attack_graph
from argmap.analysis.tensions.context import TensionContext
from argmap.analysis.tensions.index import TensionIndex
from argmap.analysis.tensions.records import (
    INTERNAL_FACTOR,
    UNDECIDED,
    Candidate,
    Tension,
)
from argmap.model import ArgumentMap

__all__ = ["CYCLE_STARTS", "detect"]

#: Shortest attack cycles are searched from at most this many claims of a dispute.
CYCLE_STARTS = 50

#: Attack edges out of each node: (target node, relation number).
_Successors = dict[int, list[tuple[int, int]]]


def detect(amap: ArgumentMap, ctx: TensionContext) -> list[Candidate]:
    """One tension per undecided component, scored (see the module docstring)."""
    ix = ctx.index
    fw = ix.fw
    undecided = ix.grounded_codes() == 0
    if not undecided[: fw.n].any():
        return []
    e_src, e_tgt, _n_total, e_rel = attack_graph(fw)
    keep = undecided[e_src] & undecided[e_tgt]
    e_src, e_tgt, e_rel = e_src[keep], e_tgt[keep], e_rel[keep]
    succ: _Successors = {}
    neigh: dict[int, list[int]] = {}
    for a, b, r in zip(e_src.tolist(), e_tgt.tolist(), e_rel.tolist()):
        succ.setdefault(a, []).append((b, r))
        neigh.setdefault(a, []).append(b)
        neigh.setdefault(b, []).append(a)
    res = ix.dfquad
    out = []
    for component in connected_components(neigh, np.flatnonzero(undecided).tolist()):
        claims = sorted(x for x in component if x < fw.n)
        if not claims:
            continue
        cycle_nodes, cycle_rels = _shortest_cycle(claims, succ)
        on_cycle = [x for x in cycle_nodes if x < fw.n]
        rel_strength = [
            float(res.weight[r]) * float(res.strength[ix.relation_source(r)])
            for r in cycle_rels
        ]
        mean = sum(rel_strength) / len(rel_strength) if rel_strength else 0.0
        n = len(claims)
        score = mean * n / (n + 1)
        component_sources = set().union(*(ix.sources_of(c) for c in claims))
        if len(component_sources) < 2:
            score *= INTERNAL_FACTOR
        ordered = on_cycle + [c for c in claims if c not in set(on_cycle)]
        tension = Tension(
            UNDECIDED,
            score,
            tuple(fw.nodes[c] for c in ordered),
            tuple(dict.fromkeys(fw.relation_at(r).key for r in cycle_rels)),
            tuple(sorted(component_sources)),
            details={"size": n, "cycle": [fw.nodes[c] for c in on_cycle]},
        )
        out.append(Candidate(tension, tuple(ordered), _explain(ix, n, on_cycle)))
    return out


def _explain(ix: TensionIndex, n: int, on_cycle: list[int]) -> Callable[[], str]:
    """The words of a dispute: its size and its cycle."""

    def explain() -> str:
        if not on_cycle:
            return f"{n} claim(s) left undecided by the grounded semantics"
        loop = " → ".join(ix.describe(c) for c in on_cycle)
        back = f'"{ix.claim_text(on_cycle[0])}"'
        what = "attack each other" if len(on_cycle) == 2 else "attack in a cycle"
        return f"{n} claim(s) left undecided: {loop} → {back} {what}"

    return explain


def _shortest_cycle(
    claims: list[int], succ: _Successors
) -> tuple[list[int], list[int]]:
    """A shortest directed cycle through one of the first claims (BFS from each)."""
    best: tuple[list[int], list[int]] | None = None
    for start in claims[:CYCLE_STARTS]:
        shorter_than = len(best[1]) if best is not None else None
        found = shortest_cycle_through(succ, start, shorter_than)
        if found is None:
            continue
        best = found  # shorter than the best so far, or the first one found
        if len(found[1]) <= 2:
            break
    return best if best is not None else ([], [])
