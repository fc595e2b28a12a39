"""``contested-claim``: a claim drawing both support and attack.

Score: the smaller of the claim's DF-QuAD aggregated support ``vs`` and
aggregated attack ``va``, where attack from the claim's own sources (a source
raising an objection in order to answer it) counts half::

    min(vs, va_x) + INTERNAL_FACTOR * (min(vs, va) - min(vs, va_x))

with ``va_x = 1 - prod(1 - w * s(attacker))`` over the rebuttals asserted by
other sources only (asserters not all among the claim's sources) and
``INTERNAL_FACTOR = 0.5``.

The tension's sources (the maps on both sides and the claim's own) are only
worked out for the tensions that are shown; ``details`` says how much of the
attack and of the support comes from other sources than the claim's own
(both 0: a dispute inside one source, ranked after those between sources).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np

from argmap.analysis.tensions.context import TensionContext
from argmap.analysis.tensions.index import TensionIndex, fmt
from argmap.analysis.tensions.records import (
    CONTESTED,
    INTERNAL_FACTOR,
    Candidate,
    Tension,
)
from argmap.model import ArgumentMap

__all__ = ["detect"]


def detect(amap: ArgumentMap, ctx: TensionContext) -> list[Candidate]:
    """Every claim with both support and attack, scored (see the module docstring)."""
    ix = ctx.index
    fw, res = ix.fw, ix.dfquad
    both = np.flatnonzero((res.attack > 0) & (res.support > 0))
    if not both.size:
        return []
    asserters = ix.relation_asserters()[: fw.n_relations]
    nodes = ix.node_sources()

    def from_other_sources(rels: np.ndarray) -> np.ndarray:
        """Per claim, the combined strength of *rels* whose asserters do not
        all state the claim (noisy-or of weight × source strength)."""
        foreign = rels[ix.not_within(nodes[fw.tgt[rels]], asserters[rels])]
        v = np.clip(res.weight[foreign] * res.strength[fw.src[foreign]], 0.0, 1.0)
        with np.errstate(divide="ignore"):
            logs = np.bincount(fw.tgt[foreign], weights=np.log1p(-v), minlength=fw.n)
        return 0.0 - np.expm1(logs)  # +0.0, never -0.0, where nothing attacks

    # The attack from other sources alone, and likewise the support (a
    # dispute inside one source has neither: see grouping.within_one_source).
    va_foreign = from_other_sources(np.flatnonzero(fw.attack))
    vs_foreign = from_other_sources(np.flatnonzero(~fw.attack))
    whole = np.minimum(res.attack, res.support)
    part = np.minimum(va_foreign, res.support)
    scores = part + INTERNAL_FACTOR * (whole - part)
    out = []
    for c in both.tolist():
        tension = Tension(
            CONTESTED,
            float(scores[c]),
            (fw.nodes[c],),
            (),
            (),  # filled in when shown: see _sources
            details={
                "attack": float(res.attack[c]),
                "attack_from_other_sources": float(va_foreign[c]),
                "support_from_other_sources": float(vs_foreign[c]),
                "support": float(res.support[c]),
                "strength": float(res.strength[c]),
            },
        )
        sources = partial(_sources, ix, c)
        out.append(Candidate(tension, (c,), _explain(ix, c, tension), sources))
    return out


def _explain(ix: TensionIndex, c: int, tension: Tension) -> Callable[[], str]:
    """The words of claim *c*'s tension: its support and attack, and from whom."""
    va, vs = tension.details["attack"], tension.details["support"]

    def explain() -> str:
        attackers, supporters = ix.sides(c)
        return (
            f"{ix.describe(c)} draws support {fmt(vs)} (from {', '.join(supporters)})"
            f" and attack {fmt(va)} (from {', '.join(attackers)})"
        )

    return explain


def _sources(ix: TensionIndex, c: int) -> tuple[str, ...]:
    """The maps on both sides of claim *c* and its own, sorted."""
    attackers, supporters = ix.sides(c)
    return tuple(sorted({*attackers, *supporters, *ix.sources_of(c)}))
