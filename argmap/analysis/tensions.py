"""Points of tension: where the sources of a (merged) map disagree, ranked.

:func:`find_tensions` runs *detectors* over a map and returns
:class:`Tension` records, best first.  Every score lies between 0 and 1 and
is measured in the same currency, the DF-QuAD strength of claims
(:mod:`argmap.analysis.semantics`, base score ``b = 0.5``), so scores of
different kinds can be ranked together.

Sources
    A claim's sources are the maps in its ``provenance`` (a merged map), else
    the map's own id; a claim named from another map (``other#claim``) that
    is not in the map belongs to ``other``.  A relation is asserted by its
    ``asserted_by`` maps, else by its source claim's sources.

Kinds and scores
    ``cross-source-attack``
        A rebuttal or undercut asserted by sources that do not state the claim
        (or, for an undercut, the relation) it hits.  Score: the strength the
        attack takes away from the claim it hits, as a share of the most a
        single attack can take away: ``(s_without - s_with) / max(b, 1 - b)``,
        where ``s_with`` is DF-QuAD's combination of the claim's aggregated
        attack and support and ``s_without`` the same with this one attack
        left out.  Approximation: only the hit claim is recomputed; every other
        strength stays at its value with the attack in place.  For an undercut
        the claim hit is the target of the relation it cuts, and the score is
        the absolute change (cutting an attack raises its target).
    ``contested-claim``
        A claim drawing both support and attack.  Score: ``min(vs, va)``, the
        smaller of DF-QuAD's aggregated support and aggregated attack of the
        claim, where attack from the claim's own sources (a source raising an
        objection in order to answer it) counts half:
        ``min(vs, va_x) + (min(vs, va) - min(vs, va_x)) / 2`` with ``va_x``
        the aggregate of the attacks asserted by other sources only.
    ``support-attack-conflict``
        Two claims related as support by some source and as attack (rebuttal)
        by another, in either direction.  Score: the weaker of the two
        readings, ``min(w_sup * s(x_sup), w_att * s(x_att))`` where ``x`` is
        each relation's source claim and ``w`` its effective weight.
    ``undecided-dispute``
        A weakly connected component of the claims that the grounded labelling
        leaves undecided (attack cycles and what they reach).  It is explained
        by a shortest attack cycle in it.  Score: the mean strength of the
        attacks on that cycle (``w * s(attacker)``) times ``n / (n + 1)`` for a
        component of ``n`` claims (bigger deadlocks rank higher); halved when
        the whole component comes from one source.

Grouping (no near-duplicates)
    Tensions between the same two claims become one: both directions of a
    mutual rebuttal, and a support-attack conflict over the pair.  With
    ``hops >= 1`` the two ends of a pairwise tension are first lifted along
    their own side's support edges, at most ``hops`` steps (each step to the
    claim the current one supports most strongly, through a support asserted
    by one of its sources), so that attacks between the reasons behind two
    claims are grouped with the clash of the claims themselves; ``hops=0``
    groups exact pairs only.  This is the only use of derived (support-chain)
    attacks: their closure is never built.  A contested claim joins the best
    group that contains it, and an undecided dispute joins the group that
    contains all its claims.  A group's score is the highest score among its
    members, its kind and explanation are those of its leading member (the
    member between the group's two claims when there is one, else the best
    scored; a support-attack conflict leads over a rebuttal between the same
    two claims); the other members are listed in ``details["members"]``.

Ranking
    By score, highest first, ties broken by kind and then claim ids, so the
    order is deterministic.

Extending
    A detector is a function ``(amap, context) -> Iterable[Tension]``.
    :func:`register_detector` adds one; functions published under the entry
    point group ``argmap.tension_detectors`` are loaded too.  The context
    (:class:`TensionContext`) gives the indexed map, the strengths and the
    grounded labelling.  Plugin tensions are grouped and ranked like the
    built-in ones: by their claim ids, or by the nodes a detector hands to
    :meth:`TensionContext.track` (with a wording deferred until the ranking
    is known, as the built-in detectors do).  What grouping and wording
    need is kept in that side table, never in the :class:`Tension` records.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

import numpy as np

from argmap.analysis.semantics import (
    DEFAULT_BASE,
    Framework,
    StrengthResult,
    attack_graph,
    build_framework,
    combine,
    dfquad,
)
from argmap.diagnostics import ArgmapError
from argmap.model import ArgumentMap, split_ref

__all__ = [
    "ENTRY_POINT_GROUP",
    "KINDS",
    "Quote",
    "Tension",
    "TensionContext",
    "detectors",
    "find_tensions",
    "register_detector",
]

ENTRY_POINT_GROUP = "argmap.tension_detectors"
CROSS = "cross-source-attack"
CONTESTED = "contested-claim"
CONFLICT = "support-attack-conflict"
UNDECIDED = "undecided-dispute"
KINDS = (CROSS, CONTESTED, CONFLICT, UNDECIDED)
_PAIR_KINDS = (CROSS, CONFLICT)
#: A tension inside one source (a source answering itself) counts this much.
INTERNAL_FACTOR = 0.5
#: Shortest attack cycles are searched from at most this many claims of a dispute.
CYCLE_STARTS = 50
_TEXT_WIDTH = 100
#: How a grouped tension names the kinds of its other members, in plain words.
_KIND_WORDS = {
    CROSS: "attacks across sources",
    CONTESTED: "contested claims",
    CONFLICT: "support against attack",
    UNDECIDED: "an undecided attack cycle",
}


# -- records ----------------------------------------------------------------------
@dataclass(frozen=True)
class Quote:
    """What one source says for one claim of a tension."""

    claim: str
    map: str
    quote: str | None

    def to_dict(self) -> dict:
        return {"claim": self.claim, "map": self.map, "quote": self.quote}


@dataclass(frozen=True)
class _Work:
    """What the grouping and wording of a built-in tension need (never published)."""

    nodes: tuple[int, ...]
    explain: Callable[[], str] | None = None


@dataclass
class Tension:
    """One point of tension.  See the module docstring for ``score``."""

    kind: str
    score: float
    #: Claim ids, the most important first (attacker before attacked).
    claims: tuple[str, ...]
    #: Keys (:attr:`argmap.model.Relation.key`) of the relations involved.
    relations: tuple[str, ...] = ()
    #: Ids of the maps on the sides of the tension, sorted.
    sources: tuple[str, ...] = ()
    #: One line in plain words naming the claims and their sources.
    explanation: str = ""
    quotes: tuple[Quote, ...] = ()
    #: Kind-specific figures (strengths before/after, aggregates, members).
    details: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "score": round(self.score, 4),
            "claims": list(self.claims),
            "relations": list(self.relations),
            "sources": list(self.sources),
            "explanation": self.explanation,
            "quotes": [q.to_dict() for q in self.quotes],
            "details": _rounded(self.details),
        }


def _rounded(value):
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value


# -- the context detectors share ------------------------------------------------------
class TensionContext:
    """The indexed map and what the semantics say about it, computed once."""

    def __init__(
        self, amap: ArgumentMap, *, hops: int = 1, base: float = DEFAULT_BASE
    ) -> None:
        self.amap = amap
        self.hops = hops
        self.base = base
        self.fw: Framework = build_framework(amap)
        self._sets: dict[tuple[str, ...], int] = {}
        self._set_list: list[tuple[str, ...]] = []
        self._node_sources: np.ndarray | None = None
        self._rel_asserters: np.ndarray | None = None
        self._node_sources_list: list[int] | None = None
        self._sides: dict[int, tuple[list[str], list[str]]] = {}
        #: Working state of the built-in detectors' tensions, by ``id()``
        #: (the tension is kept too, so that its id is not reused).
        self._work: dict[int, tuple[Tension, _Work]] = {}

    # working state, kept out of the Tension records
    def track(
        self,
        tension: Tension,
        nodes: tuple[int, ...],
        explain: Callable[[], str] | None = None,
    ) -> Tension:
        """Remember *tension*'s node indexes and deferred wording; returns it.

        *nodes* (indexes into ``fw.nodes``, the most important first) group
        the tension; *explain*, called only for tensions that make the
        ranking, words it.  Tensions not tracked are grouped by their claim
        ids and keep their own ``explanation``.
        """
        self._work[id(tension)] = (tension, _Work(tuple(nodes), explain))
        return tension

    def _work_of(self, tension: Tension) -> _Work | None:
        entry = self._work.get(id(tension))
        return entry[1] if entry is not None and entry[0] is tension else None

    # semantics
    @property
    def dfquad(self) -> StrengthResult:
        return dfquad(self.fw, base=self.base)

    @property
    def strength(self) -> np.ndarray:
        return self.dfquad.strength

    def grounded_codes(self) -> np.ndarray:
        """0 undecided, 1 in, 2 out for every node (auxiliary nodes after the claims)."""
        return self.fw.grounded_codes()

    # sources, as ids of interned sorted tuples
    def _intern(self, sources: tuple[str, ...]) -> int:
        i = self._sets.get(sources)
        if i is None:
            i = self._sets[sources] = len(self._set_list)
            self._set_list.append(sources)
        return i

    def source_set(self, set_id: int) -> tuple[str, ...]:
        return self._set_list[set_id]

    def node_sources(self) -> np.ndarray:
        """For each node, the id of its sorted tuple of source maps.

        The tuples are the model's (:meth:`ArgumentMap.sources_of`), interned
        so that detectors compare sets of sources as integers.
        """
        if self._node_sources is None:
            sources_of, intern = self.amap.sources_of, self._intern
            ids = [intern(sources_of(ref)) for ref in self.fw.nodes]
            self._node_sources = np.array(ids, dtype=np.intp)
        return self._node_sources

    def relation_asserters(self) -> np.ndarray:
        """For each relation number (claim relations, then undercuts), its asserters' set id."""
        if self._rel_asserters is None:
            fw, nodes = self.fw, self.node_sources()
            srcs = np.concatenate([fw.src, fw.uc_src])
            out = nodes[srcs].copy() if len(srcs) else np.empty(0, dtype=np.intp)
            known: dict[tuple[str, ...], int] = {}
            for number, relation in enumerate(fw.relations + fw.undercuts):
                by = relation.asserted_by
                if by:
                    set_id = known.get(by)
                    if set_id is None:
                        set_id = known[by] = self._intern(tuple(sorted(set(by))))
                    out[number] = set_id
            self._rel_asserters = out
        return self._rel_asserters

    def not_within(self, inner: np.ndarray, outer: np.ndarray) -> np.ndarray:
        """Elementwise: source set *inner* has a map that set *outer* lacks."""
        if not len(inner):
            return np.zeros(0, dtype=bool)
        return self._pairwise(inner, outer, lambda a, b: not set(a) <= set(b))

    def _pairwise(self, a: np.ndarray, b: np.ndarray, test) -> np.ndarray:
        """``test(set_a, set_b)`` elementwise, computed once per distinct pair."""
        width = len(self._set_list) + 1
        codes = a.astype(np.int64) * width + b
        unique, inverse = np.unique(codes, return_inverse=True)
        verdict = np.array(
            [
                test(self._set_list[int(x // width)], self._set_list[int(x % width)])
                for x in unique.tolist()
            ],
            dtype=bool,
        )
        return verdict[inverse.reshape(-1)]

    def overlaps(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Elementwise: source sets *a* and *b* share a map."""
        if not len(a):
            return np.zeros(0, dtype=bool)
        return self._pairwise(a, b, lambda x, y: bool(set(x) & set(y)))

    def incoming(self, node: int) -> np.ndarray:
        """Numbers of the claim relations (supports, rebuts) into *node*."""
        indptr, rels = self.fw.incoming_relations()
        return rels[indptr[node] : indptr[node + 1]]

    # words
    def claim_text(self, node: int) -> str:
        ref = self.fw.nodes[node]
        claim = self.amap.claims.get(ref)
        return _short(claim.text if claim is not None else ref)

    def sources_of(self, node: int) -> tuple[str, ...]:
        if self._node_sources_list is None:
            self._node_sources_list = self.node_sources().tolist()
        return self._set_list[self._node_sources_list[node]]

    def label(self, node: int) -> str:
        """A claim in words: its text, shortened, and its sources."""
        return f'"{self.claim_text(node)}" ({", ".join(self.sources_of(node))})'

    def quotes(self, node: int) -> list[Quote]:
        ref = self.fw.nodes[node]
        claim = self.amap.claims.get(ref)
        if claim is None:
            map_id, _ = split_ref(ref)
            return [Quote(ref, map_id or self.amap.id, None)]
        if not claim.provenance:
            return [Quote(ref, self.amap.id, claim.quote)]
        seen, out = set(), []
        for p in claim.provenance:
            if p.map in seen:
                continue
            seen.add(p.map)
            out.append(
                Quote(ref, p.map, p.quote if p.quote is not None else claim.quote)
            )
        return out


def _short(text: str, width: int = _TEXT_WIDTH) -> str:
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


def _fmt(x: float) -> str:
    return f"{x:.2f}"


# -- built-in detectors --------------------------------------------------------------
def _cross_source_attacks(amap: ArgumentMap, ctx: TensionContext) -> list[Tension]:
    fw, res = ctx.fw, ctx.dfquad
    s, w, base = res.strength, res.weight, res.base
    nodes = ctx.node_sources()
    asserters = ctx.relation_asserters()
    out: list[Tension] = []

    # Rebuttals: the hit claim's sources are not all among the asserters.
    rebuts = np.flatnonzero(fw.attack)
    rebuts = rebuts[ctx.not_within(nodes[fw.tgt[rebuts]], asserters[rebuts])]
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
            out.append(_rebuttal_tension(ctx, r, score, before, after))

    # Undercuts: the relation's asserters are not all among the undercut's.
    if len(fw.undercuts):
        r0 = fw.n_relations
        numbers = np.arange(r0, r0 + len(fw.undercuts))
        cut = ctx.not_within(asserters[fw.uc_target], asserters[numbers])
        for k in np.flatnonzero(cut).tolist():
            out.append(_undercut_tension(ctx, k))
    return out


def _rebuttal_tension(
    ctx: TensionContext, r: int, score: float, before: float, after: float
) -> Tension:
    fw = ctx.fw
    a, b = int(fw.src[r]), int(fw.tgt[r])
    asserters = ctx.source_set(ctx.relation_asserters()[r])

    def explain() -> str:
        by = ", ".join(asserters)
        return (
            f"{ctx.label(b)} falls from {_fmt(before)} to {_fmt(after)} "
            f"under the rebuttal by {ctx.label(a)}"
            + (
                ""
                if set(ctx.sources_of(a)) == set(asserters)
                else f" (asserted by {by})"
            )
        )

    tension = Tension(
        CROSS,
        score,
        (fw.nodes[a], fw.nodes[b]),
        (fw.relations[r].key,),
        _sources(ctx, (a, b), asserters),
        details={
            "relation": "rebuts",
            "target": fw.nodes[b],
            "before": before,
            "after": after,
        },
    )
    return ctx.track(tension, (a, b), explain)


def _undercut_tension(ctx: TensionContext, k: int) -> Tension:
    """Score an undercut by the change it makes to the claim at the end of the cut relation."""
    fw, res = ctx.fw, ctx.dfquad
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
    w_first = w[first] / factor if factor > 0 else _weight_without(ctx, first, number)
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
    vs_v, va_v = [], []
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
    asserters = ctx.source_set(ctx.relation_asserters()[number])
    a = int(fw.src[rel])
    word = "rebuttal" if relation.kind == "rebuts" else "support"

    def explain() -> str:
        move = "falls" if after < before else "rises"
        return (
            f"{ctx.label(u_src)} undercuts the {word} of {ctx.label(claim)} "
            f"by {ctx.label(a)}: it {move} from {_fmt(before)} to {_fmt(after)}"
        )

    tension = Tension(
        CROSS,
        score,
        (fw.nodes[u_src], fw.nodes[a], fw.nodes[claim]),
        (fw.undercuts[k].key, relation.key),
        _sources(ctx, (u_src, a, claim), asserters),
        details={
            "relation": "undercuts",
            "target": fw.nodes[claim],
            "before": before,
            "after": after,
        },
    )
    return ctx.track(tension, (u_src, claim), explain)


def _weight_without(ctx: TensionContext, relation: int, skip: int) -> float:
    fw, res = ctx.fw, ctx.dfquad
    r0 = fw.n_relations
    weight = fw.weight[relation]
    for k in np.flatnonzero(fw.uc_target == relation).tolist():
        if r0 + k != skip:
            weight *= 1.0 - min(1.0, res.weight[r0 + k] * res.strength[fw.uc_src[k]])
    return weight


def _contested_claims(amap: ArgumentMap, ctx: TensionContext) -> list[Tension]:
    fw, res = ctx.fw, ctx.dfquad
    both = np.flatnonzero((res.attack > 0) & (res.support > 0))
    if not both.size:
        return []
    asserters = ctx.relation_asserters()[: fw.n_relations]
    nodes = ctx.node_sources()
    # The attack from other sources alone: attacks whose asserters do not all state the claim.
    att = np.flatnonzero(fw.attack)
    foreign = att[ctx.not_within(nodes[fw.tgt[att]], asserters[att])]
    v = np.clip(res.weight[foreign] * res.strength[fw.src[foreign]], 0.0, 1.0)
    with np.errstate(divide="ignore"):
        logs = np.bincount(fw.tgt[foreign], weights=np.log1p(-v), minlength=fw.n)
    va_foreign = -np.expm1(logs)
    whole = np.minimum(res.attack, res.support)
    part = np.minimum(va_foreign, res.support)
    scores = part + INTERNAL_FACTOR * (whole - part)
    out = []
    for c in both.tolist():
        va, vs = float(res.attack[c]), float(res.support[c])

        def explain(c=c, va=va, vs=vs):
            attackers, supporters = _sides(ctx, c)
            return (
                f"{ctx.label(c)} draws support {_fmt(vs)} (from {', '.join(supporters)})"
                f" and attack {_fmt(va)} (from {', '.join(attackers)})"
            )

        tension = Tension(
            CONTESTED,
            float(scores[c]),
            (fw.nodes[c],),
            (),
            (),  # filled in by _finish: the sides are only needed for the words
            details={
                "attack": va,
                "attack_from_other_sources": float(va_foreign[c]),
                "support": vs,
                "strength": float(res.strength[c]),
            },
        )
        out.append(ctx.track(tension, (c,), explain))
    return out


def _sides(ctx: TensionContext, c: int) -> tuple[list[str], list[str]]:
    """The sources asserting the attacks on, and the supports of, claim *c*."""
    if c not in ctx._sides:
        rels = ctx.incoming(c)
        asserters = ctx.relation_asserters()[rels].tolist()
        attackers: set[str] = set()
        supporters: set[str] = set()
        for is_attack, set_id in zip(ctx.fw.attack[rels].tolist(), asserters):
            (attackers if is_attack else supporters).update(ctx.source_set(set_id))
        ctx._sides[c] = (sorted(attackers), sorted(supporters))
    return ctx._sides[c]


def _support_attack_conflicts(amap: ArgumentMap, ctx: TensionContext) -> list[Tension]:
    fw, res = ctx.fw, ctx.dfquad
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
    asserters = ctx.relation_asserters()
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
        sup_by = set().union(*(ctx.source_set(asserters[r]) for r in sup))
        att_by = set().union(*(ctx.source_set(asserters[r]) for r in att))
        if sup_by == att_by:
            continue  # one source's own contradiction: the checker warns about it
        best_sup = max(sup, key=lambda r: (strength[r], -r))
        best_att = max(att, key=lambda r: (strength[r], -r))
        score = float(min(strength[best_sup], strength[best_att]))
        x, y = int(fw.src[best_att]), int(fw.tgt[best_att])

        def explain(best_sup=best_sup, best_att=best_att, sup_by=sup_by, att_by=att_by):
            xs, ys = int(fw.src[best_sup]), int(fw.tgt[best_sup])
            xa, ya = int(fw.src[best_att]), int(fw.tgt[best_att])
            same = (xs, ys) == (xa, ya)
            tail = (
                f"but rebuts it according to {', '.join(sorted(att_by))}"
                if same
                else f"but {ctx.label(xa)} rebuts {ctx.label(ya)} according to "
                f"{', '.join(sorted(att_by))}"
            )
            return (
                f"{ctx.label(xs)} supports {ctx.label(ys)} according to "
                f"{', '.join(sorted(sup_by))}, {tail}"
            )

        tension = Tension(
            CONFLICT,
            score,
            (fw.nodes[x], fw.nodes[y]),
            tuple(dict.fromkeys(fw.relations[r].key for r in members)),
            tuple(sorted(sup_by | att_by)),
        )
        out.append(ctx.track(tension, (x, y), explain))
    return out


def _undecided_disputes(amap: ArgumentMap, ctx: TensionContext) -> list[Tension]:
    fw = ctx.fw
    codes = ctx.grounded_codes()
    undecided = codes == 0
    if not undecided[: fw.n].any():
        return []
    e_src, e_tgt, _n_total, e_rel = attack_graph(fw)
    keep = undecided[e_src] & undecided[e_tgt]
    e_src, e_tgt, e_rel = e_src[keep], e_tgt[keep], e_rel[keep]
    succ: dict[int, list[tuple[int, int]]] = {}
    neigh: dict[int, list[int]] = {}
    for a, b, r in zip(e_src.tolist(), e_tgt.tolist(), e_rel.tolist()):
        succ.setdefault(a, []).append((b, r))
        neigh.setdefault(a, []).append(b)
        neigh.setdefault(b, []).append(a)
    seen: set[int] = set()
    res = ctx.dfquad
    out = []
    for start in np.flatnonzero(undecided).tolist():
        if start in seen:
            continue
        component = []
        queue = deque([start])
        seen.add(start)
        while queue:
            x = queue.popleft()
            component.append(x)
            for y in neigh.get(x, ()):
                if y not in seen:
                    seen.add(y)
                    queue.append(y)
        claims = sorted(x for x in component if x < fw.n)
        if not claims:
            continue
        cycle_nodes, cycle_rels = _shortest_cycle(claims, succ)
        on_cycle = [x for x in cycle_nodes if x < fw.n]
        rel_strength = [
            float(res.weight[r]) * float(res.strength[_relation_source(fw, r)])
            for r in cycle_rels
        ]
        mean = sum(rel_strength) / len(rel_strength) if rel_strength else 0.0
        n = len(claims)
        score = mean * n / (n + 1)
        component_sources = set().union(*(ctx.sources_of(c) for c in claims))
        if len(component_sources) < 2:
            score *= INTERNAL_FACTOR
        ordered = on_cycle + [c for c in claims if c not in set(on_cycle)]

        def explain(n=n, on_cycle=on_cycle):
            if not on_cycle:
                return f"{n} claim(s) left undecided by the grounded semantics"
            loop = " → ".join(ctx.label(c) for c in on_cycle)
            back = f'"{ctx.claim_text(on_cycle[0])}"'
            what = "attack each other" if len(on_cycle) == 2 else "attack in a cycle"
            return f"{n} claim(s) left undecided: {loop} → {back} {what}"

        tension = Tension(
            UNDECIDED,
            score,
            tuple(fw.nodes[c] for c in ordered),
            tuple(dict.fromkeys(fw.relation_at(r).key for r in cycle_rels)),
            tuple(sorted(component_sources)),
            details={"size": n, "cycle": [fw.nodes[c] for c in on_cycle]},
        )
        out.append(ctx.track(tension, tuple(ordered), explain))
    return out


def _relation_source(fw: Framework, number: int) -> int:
    if number < fw.n_relations:
        return int(fw.src[number])
    return int(fw.uc_src[number - fw.n_relations])


def _shortest_cycle(claims: list[int], succ) -> tuple[list[int], list[int]]:
    """A shortest directed cycle through one of the first claims (BFS from each)."""
    best: tuple[list[int], list[int]] | None = None
    for start in claims[:CYCLE_STARTS]:
        parent: dict[int, tuple[int, int]] = {}
        queue = deque([start])
        found = None
        depth = {start: 0}
        while queue and found is None:
            x = queue.popleft()
            if best is not None and depth[x] + 1 >= len(best[1]):
                break
            for y, r in succ.get(x, ()):
                if y == start:
                    found = (x, r)
                    break
                if y not in depth:
                    depth[y] = depth[x] + 1
                    parent[y] = (x, r)
                    queue.append(y)
        if found is None:
            continue
        nodes, rels = [found[0]], [found[1]]
        while nodes[-1] != start:
            x, r = parent[nodes[-1]]
            rels.append(r)
            nodes.append(x)
        nodes.reverse()
        rels.reverse()
        # Now rels[i] leads from nodes[i] to nodes[i + 1] (the last one back to start).
        if best is None or len(rels) < len(best[1]):
            best = (nodes, rels)
        if len(rels) <= 2:
            break
    return best if best is not None else ([], [])


def _sources(ctx: TensionContext, nodes, extra=()) -> tuple[str, ...]:
    out = set(extra)
    for node in nodes:
        out.update(ctx.sources_of(node))
    return tuple(sorted(out))


# -- registry ----------------------------------------------------------------------------
Detector = Callable[[ArgumentMap, TensionContext], Iterable[Tension]]

_BUILTIN: dict[str, Detector] = {
    CROSS: _cross_source_attacks,
    CONTESTED: _contested_claims,
    CONFLICT: _support_attack_conflicts,
    UNDECIDED: _undecided_disputes,
}
_REGISTERED: dict[str, Detector] = {}
_ENTRY_POINTS: dict[str, Detector] | None = None


def register_detector(name: str, func: Detector) -> None:
    """Add (or replace) a tension detector ``func(amap, context) -> Iterable[Tension]``."""
    if not callable(func):
        raise TypeError(f"tension detector {name!r} is not callable")
    _REGISTERED[name] = func


def _entry_point_detectors() -> dict[str, Detector]:
    global _ENTRY_POINTS
    if _ENTRY_POINTS is None:
        from importlib.metadata import entry_points

        found: dict[str, Detector] = {}
        for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            try:
                func = ep.load()
            except Exception as exc:  # a broken plugin must not hide the others' cause
                raise ArgmapError(
                    f"tension detector plugin {ep.name!r} ({ep.value}) failed to load: {exc}"
                    " (fix: reinstall or uninstall the package that provides it)"
                ) from exc
            found[ep.name] = func
        _ENTRY_POINTS = found
    return _ENTRY_POINTS


def detectors() -> dict[str, Detector]:
    """Every detector by name: built-in, then entry points, then registered ones."""
    return {**_BUILTIN, **_entry_point_detectors(), **_REGISTERED}


# -- finding, grouping, ranking ------------------------------------------------------------
def find_tensions(
    amap: ArgumentMap,
    *,
    hops: int = 1,
    top: int | None = None,
    min_score: float = 0.0,
    base: float = DEFAULT_BASE,
    only: Iterable[str] | None = None,
) -> list[Tension]:
    """The points of tension of *amap*, ranked (see the module docstring).

    *hops* is how many support steps the ends of a pairwise tension are
    lifted for grouping (0: exact pairs only).  *top* keeps the first N,
    *min_score* drops tensions scored below it, *only* names the detectors to
    run (default: all).
    """
    if hops < 0:
        raise ValueError("hops must be 0 or more")
    ctx = TensionContext(amap, hops=hops, base=base)
    available = detectors()
    names = list(available) if only is None else list(only)
    raw: list[Tension] = []
    for name in names:
        if name not in available:
            raise ArgmapError(
                f"no tension detector named {name!r} (known: {', '.join(available)})"
            )
        for tension in available[name](amap, ctx):
            if not 0.0 <= tension.score <= 1.0:
                raise ArgmapError(
                    f"tension detector {name!r} gave score {tension.score!r} outside 0..1"
                )
            raw.append(tension)
    grouped = _group(ctx, raw)
    grouped.sort(key=_rank_key)
    kept = [t for t in grouped if t.score >= min_score]
    if top is not None:
        kept = kept[:top]
    return [_finish(ctx, t) for t in kept]


def _rank_key(t: Tension):
    return (-round(t.score, 12), t.kind, t.claims)


def _nodes_of(ctx: TensionContext, t: Tension) -> tuple[int, ...]:
    work = ctx._work_of(t)
    if work is not None:
        return work.nodes
    index = ctx.fw.index
    return tuple(index[c] for c in t.claims if c in index)


def _lifts(ctx: TensionContext) -> np.ndarray:
    """For each node, where ``hops`` own-side support steps take it."""
    fw = ctx.fw
    n = fw.n
    head = np.arange(n)
    if ctx.hops == 0 or not fw.n_relations:
        return head
    res = ctx.dfquad
    sup = np.flatnonzero(~fw.attack)
    nodes = ctx.node_sources()
    sup = sup[ctx.overlaps(ctx.relation_asserters()[sup], nodes[fw.src[sup]])]
    step = np.full(n, -1, dtype=np.intp)
    if sup.size:
        # Strongest support first, then the lowest target index: deterministic.
        order = np.lexsort((fw.tgt[sup], -res.weight[sup], fw.src[sup]))
        sup = sup[order]
        srcs = fw.src[sup]
        first = np.ones(len(sup), dtype=bool)
        first[1:] = srcs[1:] != srcs[:-1]
        step[srcs[first]] = fw.tgt[sup[first]]
    for _ in range(ctx.hops):
        nxt = step[head]
        head = np.where(nxt >= 0, nxt, head)
    return head


def _group(ctx: TensionContext, raw: list[Tension]) -> list[Tension]:
    lifts = _lifts(ctx) if raw else None
    groups: dict[tuple, list[Tension]] = {}
    singles: list[Tension] = []
    for t in raw:
        nodes = _nodes_of(ctx, t)
        if t.kind in _PAIR_KINDS or (t.kind not in KINDS and len(nodes) == 2):
            if len(nodes) < 2:
                singles.append(t)
                continue
            x, y = nodes[0], nodes[-1]
            hx, hy = int(lifts[x]), int(lifts[y])
            key = tuple(sorted((hx, hy))) if hx != hy else tuple(sorted((x, y)))
            groups.setdefault(key, []).append(t)
        else:
            singles.append(t)
    # Best group per claim, to fold single-claim tensions into.
    leaders = {
        key: max(members, key=lambda t: t.score) for key, members in groups.items()
    }
    by_node: dict[int, tuple] = {}
    for key, members in sorted(
        groups.items(), key=lambda kv: _rank_key(leaders[kv[0]])
    ):
        for t in members:
            for node in _nodes_of(ctx, t):
                by_node.setdefault(node, key)
    out_singles = []
    for t in singles:
        nodes = _nodes_of(ctx, t)
        home = None
        if t.kind == CONTESTED and nodes and nodes[0] in by_node:
            home = by_node[nodes[0]]
        elif t.kind == UNDECIDED and nodes:
            keys = {by_node.get(x) for x in nodes}
            if len(keys) == 1 and None not in keys:
                candidate = keys.pop()
                inside = set()
                for m in groups[candidate]:
                    inside.update(_nodes_of(ctx, m))
                if set(nodes) <= inside:
                    home = candidate
        if home is None:
            out_singles.append(t)
        else:
            groups[home].append(t)
    out = [_merge_group(ctx, key, members) for key, members in groups.items()]
    return out + out_singles


def _merge_group(ctx: TensionContext, key: tuple, members: list[Tension]) -> Tension:
    if len(members) == 1:
        return members[0]
    members = sorted(members, key=_rank_key)
    pair = set(key)
    # Lead: a pairwise tension between the group's two claims (a support-attack
    # conflict says most about a pair), else the best pairwise one.
    direct = [
        t
        for t in members
        if t.kind in _PAIR_KINDS
        and {_nodes_of(ctx, t)[0], _nodes_of(ctx, t)[-1]} == pair
    ]
    direct.sort(key=lambda t: t.kind != CONFLICT)
    lead = (direct or [t for t in members if t.kind in _PAIR_KINDS] or members)[0]
    others = [t for t in members if t is not lead]
    claims = list(lead.claims)
    relations = list(lead.relations)
    sources = set(lead.sources)
    nodes = list(_nodes_of(ctx, lead))
    for t in others:
        claims += [c for c in t.claims if c not in claims]
        relations += [r for r in t.relations if r not in relations]
        sources.update(t.sources)
        nodes += [x for x in _nodes_of(ctx, t) if x not in nodes]
    details = dict(lead.details)
    details["members"] = [
        {"kind": t.kind, "score": t.score, "claims": list(t.claims)} for t in others
    ]
    lead_work = ctx._work_of(lead)
    lead_explain = lead_work.explain if lead_work is not None else None
    reverse = _reverse_rebuttal(ctx, lead, others)
    if reverse is not None:
        others = [t for t in others if t is not reverse]
        a, b = _nodes_of(ctx, lead)[:2]

        def lead_explain():
            return (
                f"{ctx.label(a)} and {ctx.label(b)} rebut each other: the second falls "
                f"from {_fmt(lead.details['before'])} to {_fmt(lead.details['after'])}, "
                f"the first from {_fmt(reverse.details['before'])} to "
                f"{_fmt(reverse.details['after'])}"
            )

    def explain():
        text = lead_explain() if lead_explain else lead.explanation
        if not others:
            return text
        kinds = sorted({_KIND_WORDS.get(t.kind, t.kind) for t in others})
        points = "point" if len(others) == 1 else "points"
        return f"{text} (and {len(others)} related {points}: {', '.join(kinds)})"

    group = replace(
        lead,
        score=max(t.score for t in members),
        claims=tuple(claims),
        relations=tuple(relations),
        sources=tuple(sorted(sources)),
        details=details,
    )
    return ctx.track(group, tuple(nodes), explain)


def _reverse_rebuttal(
    ctx: TensionContext, lead: Tension, others: list[Tension]
) -> Tension | None:
    """The rebuttal answering *lead* in the other direction, if the group has one."""
    if lead.kind != CROSS or lead.details.get("relation") != "rebuts":
        return None
    a, b = _nodes_of(ctx, lead)[:2]
    for t in others:
        if (
            t.kind == CROSS
            and t.details.get("relation") == "rebuts"
            and tuple(_nodes_of(ctx, t)[:2]) == (b, a)
        ):
            return t
    return None


def _finish(ctx: TensionContext, t: Tension) -> Tension:
    """Word the explanation and gather the quotes of a tension that made the ranking."""
    work = ctx._work_of(t)
    explanation = work.explain() if work and work.explain else t.explanation
    quotes = t.quotes
    if not quotes:
        quotes = tuple(
            q for node in _nodes_of(ctx, t) if node < ctx.fw.n for q in ctx.quotes(node)
        )
    sources = t.sources
    if t.kind == CONTESTED and not sources and work is not None:
        c = work.nodes[0]
        attackers, supporters = _sides(ctx, c)
        sources = tuple(sorted({*attackers, *supporters, *ctx.sources_of(c)}))
    return replace(
        t,
        sources=sources,
        explanation=" ".join(explanation.split()),
        quotes=tuple(quotes),
    )
