"""``support-attack-conflict``: two claims related as support and as attack.

Which pairs
    Two claims related as support (``supports``) by some source and as
    attack (``rebuts``) by another, in either direction.  A pair whose
    supports and attacks are asserted by exactly the same maps is one
    source's own contradiction: the checker warns about it, and it is not a
    tension between sources.

Score: the weaker of the two readings
    ``min(w_sup * s(x_sup), w_att * s(x_att))``, where ``x`` is each
    relation's source claim, ``s`` its DF-QuAD strength and ``w`` the
    relation's effective weight (undercuts applied).  Of several supports
    (or attacks) over the pair, the strongest stands for its side.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from argmap.analysis.tensions.context import TensionContext
from argmap.analysis.tensions.index import TensionIndex
from argmap.analysis.tensions.records import CONFLICT, Candidate, Tension
from argmap.model import ArgumentMap

__all__ = ["detect"]


def detect(amap: ArgumentMap, ctx: TensionContext) -> list[Candidate]:
    """Every pair related both ways by different sources, scored (see the module docstring)."""
    ix = ctx.index
    fw, res = ix.fw, ix.dfquad
    if not fw.n_relations:
        return []
    lo = np.minimum(fw.src, fw.tgt)
    hi = np.maximum(fw.src, fw.tgt)
    pair = lo.astype(np.int64) * fw.n + hi
    # Pairs related both ways (support and attack) at all.
    sup_pairs = np.unique(pair[~fw.attack])
    att_pairs = np.unique(pair[fw.attack])
    both = np.intersect1d(sup_pairs, att_pairs)
    if not both.size:
        return []
    strength = res.weight[: fw.n_relations] * res.strength[fw.src]
    out = []
    rels = np.flatnonzero(np.isin(pair, both))
    by_pair: dict[int, list[int]] = {}
    for r, p in zip(rels.tolist(), pair[rels].tolist()):
        by_pair.setdefault(p, []).append(r)
    for p in both.tolist():
        members = by_pair[p]
        sup = [r for r in members if not fw.attack[r]]
        att = [r for r in members if fw.attack[r]]
        sup_by = set().union(*(ix.asserters(r) for r in sup))
        att_by = set().union(*(ix.asserters(r) for r in att))
        if sup_by == att_by:
            continue  # one source's own contradiction: the checker warns about it
        best_sup = max(sup, key=lambda r: (strength[r], -r))
        best_att = max(att, key=lambda r: (strength[r], -r))
        score = float(min(strength[best_sup], strength[best_att]))
        x, y = int(fw.src[best_att]), int(fw.tgt[best_att])
        tension = Tension(
            CONFLICT,
            score,
            (fw.nodes[x], fw.nodes[y]),
            tuple(dict.fromkeys(fw.relations[r].key for r in members)),
            tuple(sorted(sup_by | att_by)),
        )
        explain = _explain(ix, best_sup, best_att, sup_by, att_by)
        out.append(Candidate(tension, (x, y), explain))
    return out


def _explain(
    ix: TensionIndex, best_sup: int, best_att: int, sup_by: set[str], att_by: set[str]
) -> Callable[[], str]:
    """The words of a conflict: who reads the pair as support, who as attack."""
    fw = ix.fw

    def explain() -> str:
        xs, ys = int(fw.src[best_sup]), int(fw.tgt[best_sup])
        xa, ya = int(fw.src[best_att]), int(fw.tgt[best_att])
        same = (xs, ys) == (xa, ya)
        tail = (
            f"but rebuts it according to {', '.join(sorted(att_by))}"
            if same
            else f"but {ix.describe(xa)} rebuts {ix.describe(ya)} according to "
            f"{', '.join(sorted(att_by))}"
        )
        return (
            f"{ix.describe(xs)} supports {ix.describe(ys)} according to "
            f"{', '.join(sorted(sup_by))}, {tail}"
        )

    return explain
