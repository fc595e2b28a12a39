"""``cross-source-attack``: a rebuttal or undercut across sources.

Which attacks
    A rebuttal whose asserters do not all state the claim it hits, or an
    undercut whose asserters do not all assert the relation it cuts (a
    relation is asserted by its ``asserted_by`` maps, else by its source
    claim's sources).

Score: the strength the attack takes away from the claim it hits, as a share
of the most a single attack can take away
    ``(s_without - s_with) / max(b, 1 - b)``, where ``s_with`` is DF-QuAD's
    combination of the claim's aggregated attack and support (base score
    ``b``) and ``s_without`` the same with this one attack left out.
    Leaving a rebuttal of force ``v = w * s(attacker)`` out of the
    probabilistic sum ``va = 1 - prod(1 - v_i)`` gives
    ``va_without = 1 - prod_{i != this}(1 - v_i)``, computed for all
    rebuttals at once from per-target log-sums (attacks of force 1 are
    counted apart, as ``log 0`` is not a number).

    Approximation: only the hit claim is recomputed; every other strength
    stays at its value with the attack in place.

Undercuts
    The claim hit is the target of the relation the undercut cuts (through
    undercuts of undercuts, at most 8 deep).  Without the undercut, the cut
    relation's effective weight is its weight divided by the undercut's
    factor ``1 - w_u * s(u)`` (recomputed from the other undercuts when that
    factor is 0), and each further relation down a chain of undercuts is
    rescaled likewise; the claim's aggregates are then recomputed with that
    weight.  The score is the absolute change divided by ``max(b, 1 - b)``:
    cutting an attack raises its target, cutting a support lowers it.
"""

from __future__ import annotations

import numpy as np

from argmap.analysis.semantics import combine
from argmap.analysis.tensions.context import TensionContext
from argmap.analysis.tensions.index import TensionIndex, fmt
from argmap.analysis.tensions.records import CROSS, Candidate, Tension
from argmap.model import ArgumentMap, Relation

__all__ = ["detect"]


def detect(amap: ArgumentMap, ctx: TensionContext) -> list[Candidate]:
    """Every cross-source rebuttal and undercut, scored (see the module docstring)."""
    ix = ctx.index
    fw, res = ix.fw, ix.dfquad
    s, w, base = res.strength, res.weight, res.base
    nodes = ix.node_sources()
    asserters = ix.relation_asserters()
    out: list[Candidate] = []

    # Rebuttals: the hit claim's sources are not all among the asserters.
    rebuts = np.flatnonzero(fw.attack)
    rebuts = rebuts[ix.not_within(nodes[fw.tgt[rebuts]], asserters[rebuts])]
    if rebuts.size:
        # Per target: the log of prod(1 - v) over attacks with v < 1, and how many have v == 1.
        att = np.flatnonzero(fw.attack)
        v_all = np.clip(w[att] * s[fw.src[att]], 0.0, 1.0)
        full = v_all >= 1.0
        with np.errstate(divide="ignore"):
            logs = np.where(full, 0.0, np.log1p(-np.where(full, 0.0, v_all)))
        log_sum = np.bincount(fw.tgt[att], weights=logs, minlength=fw.n)
        n_full = np.bincount(fw.tgt[att], weights=full, minlength=fw.n)
        t = fw.tgt[rebuts]
        v = np.clip(w[rebuts] * s[fw.src[rebuts]], 0.0, 1.0)
        is_full = v >= 1.0
        others_full = n_full[t] - is_full
        with np.errstate(divide="ignore"):
            own = np.where(is_full, 0.0, np.log1p(-np.where(is_full, 0.0, v)))
        rest = np.where(others_full > 0, 0.0, np.exp(log_sum[t] - own))
        va_with, va_without = res.attack[t], 1.0 - rest
        vs = res.support[t]
        s_with = combine(base[t], va_with, vs)
        s_without = combine(base[t], va_without, vs)
        scale = np.maximum(base[t], 1.0 - base[t])
        scores = np.clip((s_without - s_with) / np.where(scale > 0, scale, 1.0), 0, 1)
        for r, score, before, after in zip(
            rebuts.tolist(), scores.tolist(), s_without.tolist(), s_with.tolist()
        ):
            out.append(_rebuttal(ix, r, score, before, after))

    # Undercuts: the relation's asserters are not all among the undercut's.
    if len(fw.undercuts):
        r0 = fw.n_relations
        numbers = np.arange(r0, r0 + len(fw.undercuts))
        cut = ix.not_within(asserters[fw.uc_target], asserters[numbers])
        for k in np.flatnonzero(cut).tolist():
            out.append(_undercut(ix, k))
    return out


def _rebuttal(
    ix: TensionIndex, r: int, score: float, before: float, after: float
) -> Candidate:
    fw = ix.fw
    a, b = int(fw.src[r]), int(fw.tgt[r])
    asserters = ix.asserters(r)

    def explain() -> str:
        by = ", ".join(asserters)
        return (
            f"{ix.describe(b)} falls from {fmt(before)} to {fmt(after)} "
            f"under the rebuttal by {ix.describe(a)}"
            + (
                ""
                if set(ix.sources_of(a)) == set(asserters)
                else f" (asserted by {by})"
            )
            + links_file_note(fw.relations[r])
        )

    tension = Tension(
        CROSS,
        score,
        (fw.nodes[a], fw.nodes[b]),
        (fw.relations[r].key,),
        ix.union_sources((a, b), asserters),
        details={
            "relation": "rebuts",
            "target": fw.nodes[b],
            "before": before,
            "after": after,
        },
    )
    return Candidate(tension, (a, b), explain)


def _undercut(ix: TensionIndex, k: int) -> Candidate:
    """Score an undercut by the change it makes to the claim at the end of the cut relation."""
    fw, res = ix.fw, ix.dfquad
    s, w = res.strength, res.weight
    r0 = fw.n_relations
    number = r0 + k
    u_src = int(fw.uc_src[k])
    # Walk to the claim relation the undercut (perhaps through undercuts) weakens.
    chain = [number]
    target = int(fw.uc_target[k])
    while target >= r0 and len(chain) < 8:
        chain.append(target)
        target = int(fw.uc_target[target - r0])
    rel = target
    claim = int(fw.tgt[rel])
    # Effective weight of the first cut relation without this undercut.
    first = chain[1] if len(chain) > 1 else rel
    factor = 1.0 - min(1.0, w[number] * s[u_src])
    w_first = w[first] / factor if factor > 0 else _weight_without(ix, first, number)
    # Propagate through undercuts of undercuts (rare): each scales the next relation.
    w_rel = w[rel]
    if first != rel:
        w_next = w_first
        for i in range(1, len(chain)):
            holder = chain[i]
            nxt = chain[i + 1] if i + 1 < len(chain) else rel
            src_h = int(fw.uc_src[holder - r0])
            old_factor = 1.0 - min(1.0, w[holder] * s[src_h])
            new_factor = 1.0 - min(1.0, w_next * s[src_h])
            w_next = (
                w[nxt] / old_factor * new_factor
                if old_factor > 0
                else fw.weight[nxt] * new_factor
            )
        w_rel = w_next
    else:
        w_rel = w_first
    incoming = np.flatnonzero(fw.tgt == claim)
    vs_v: list[float] = []
    va_v: list[float] = []
    for j in incoming.tolist():
        weight_j = w_rel if j == rel else w[j]
        value = min(1.0, weight_j * s[fw.src[j]])
        (va_v if fw.attack[j] else vs_v).append(value)
    va = 1.0 - float(np.prod([1.0 - x for x in va_v])) if va_v else 0.0
    vs = 1.0 - float(np.prod([1.0 - x for x in vs_v])) if vs_v else 0.0
    b = res.base[claim]
    before = float(combine(b, va, vs))
    after = float(combine(b, res.attack[claim], res.support[claim]))
    scale = max(b, 1.0 - b) or 1.0
    score = min(1.0, abs(before - after) / scale)
    relation = fw.relations[rel]
    asserters = ix.asserters(number)
    a = int(fw.src[rel])
    word = "rebuttal" if relation.kind == "rebuts" else "support"

    def explain() -> str:
        move = "falls" if after < before else "rises"
        return (
            f"{ix.describe(u_src)} undercuts the {word} of {ix.describe(claim)} "
            f"by {ix.describe(a)}: it {move} from {fmt(before)} to {fmt(after)}"
            + links_file_note(fw.undercuts[k])
        )

    tension = Tension(
        CROSS,
        score,
        (fw.nodes[u_src], fw.nodes[a], fw.nodes[claim]),
        (fw.undercuts[k].key, relation.key),
        ix.union_sources((u_src, a, claim), asserters),
        details={
            "relation": "undercuts",
            "target": fw.nodes[claim],
            "before": before,
            "after": after,
        },
    )
    return Candidate(tension, (u_src, claim), explain)


def links_file_note(relation: Relation) -> str:
    """`` (a link between maps, accepted in links file X)`` for a relation a links file holds."""
    if not relation.links_files:
        return ""
    files = ", ".join(relation.links_files)
    state = "suggested" if relation.suggested else "accepted"
    return f" (a link between maps, {state} in links file {files})"


def _weight_without(ix: TensionIndex, relation: int, skip: int) -> float:
    """The effective weight of *relation* with every undercut on it but *skip*."""
    fw, res = ix.fw, ix.dfquad
    r0 = fw.n_relations
    weight = float(fw.weight[relation])
    for k in np.flatnonzero(fw.uc_target == relation).tolist():
        if r0 + k != skip:
            weight *= 1.0 - min(1.0, res.weight[r0 + k] * res.strength[fw.uc_src[k]])
    return weight
