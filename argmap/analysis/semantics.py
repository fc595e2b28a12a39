"""Argumentation semantics of a map: the grounded labelling and DF-QuAD strengths.

Both are functions of an :class:`~argmap.model.ArgumentMap` (usually a merged
one) and both are written here, vectorised with NumPy, because the Python
argumentation libraries are far slower (see DESIGN.md, "Points of tension").

The graph
    Nodes are the map's claims, plus one node per reference to a claim that
    is not in the map (``other-map#claim`` in an un-merged map; such an
    *external* claim is neither attacked nor supported here, so it is
    accepted and has its base strength).  A reference ``map#claim`` is also
    resolved through the claims' ``provenance``, so relations of a merged map
    may keep naming the claims of the maps that went in
    (:class:`argmap.refs.MapRefs` holds the rule).  ``rebuts`` is an
    attack between claims, ``supports`` a support, and ``undercuts`` attacks a
    *relation*, named as :mod:`argmap.refs` says (its id, else
    ``source->target``, whose ends may also name claims through
    provenance); an undercut whose target names no relation, or several
    (the checker's ``ambiguous-relation``), is left out and listed in
    :attr:`Framework.unresolved`.  Linked premises
    (``with:``) are not modelled: the relation's source stands for the whole
    linked argument.  Derived attacks through support chains are not built
    here (see :mod:`argmap.analysis.tensions` for the bounded ``hops``).

Grounded labelling
    Computed on the attack graph.  Supports do not take part (grounded
    semantics is about attacks only).  An undercut of an attack ``a -> b`` is
    translated in the standard meta-argumentation way: the attack is replaced
    by two auxiliary nodes ``a -> X -> Y -> b`` where ``X`` ("a is not
    accepted") is attacked by ``a`` and ``Y`` ("the attack holds") attacks
    ``b``; every undercutter attacks ``Y``.  So the attack hits ``b`` exactly
    when ``a`` is in and every undercutter is out, and an accepted undercutter
    disables it (which reinstates ``b``).  Undercuts of undercuts translate the
    same way; undercuts of supports have no effect on the grounded labelling.
    The labelling is found by linear-time propagation in rounds: claims with
    no attacker that is not yet out are *in*, what they attack is *out*, whose
    targets lose an attacker, and so on; what is never labelled is
    *undecided*.  Every attack is looked at once, so the cost is
    O(claims + relations).

DF-QuAD strengths (Rago et al. 2016)
    Each claim has a base score ``b`` (0.5, or per claim).  A relation ``r``
    from ``x`` contributes ``v_r = w_r * s(x)`` where ``w_r`` is its weight;
    the attacks and the supports of a claim are aggregated separately by the
    probabilistic sum ``F = 1 - prod(1 - v_r)`` giving ``va`` and ``vs``, and
    combined as ``s = b - b*(va - vs)`` when ``va >= vs``, else
    ``s = b + (1 - b)*(vs - va)``.  An undercut ``u`` of relation ``r``
    weakens the relation: ``w_r`` becomes ``w_r * prod_u (1 - w_u * s(u))``
    (an undercut of an undercut weakens that undercut in turn).

    Claims are computed in topological order of the relations (level by level,
    each level one vectorised step) so that acyclic parts are exact after one
    pass.  Claims on attack/support cycles, and those downstream of them, are
    then found by iterating the DF-QuAD update on them alone: undamped at
    first, the step is halved (down to 1/16) whenever the largest change grows
    instead of shrinking, until the largest change falls below ``1e-9`` or
    after 1000 rounds (then :attr:`StrengthResult.converged` is false and the
    last values are used).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from argmap.model import ArgumentMap, Relation
from argmap.refs import MapRefs

__all__ = [
    "IN",
    "OUT",
    "UNDECIDED",
    "Framework",
    "StrengthResult",
    "attack_graph",
    "build_framework",
    "dfquad",
    "grounded_labelling",
    "strengths",
]

IN = "in"
OUT = "out"
UNDECIDED = "undecided"
_LABELS = (UNDECIDED, IN, OUT)  # index = code in the label array

DEFAULT_BASE = 0.5
TOLERANCE = 1e-9
MAX_ROUNDS = 1000
#: Undercuts of undercuts are followed at most this deep.
MAX_UNDERCUT_DEPTH = 8


# -- the indexed graph -----------------------------------------------------------
@dataclass
class Framework:
    """A map as index arrays: what both semantics and the tension detectors use.

    Relations are numbered ``0 .. R-1`` for claim-to-claim relations
    (supports and rebuts, arrays ``src``/``tgt``/``attack``) followed by
    ``R .. R+U-1`` for undercuts, whose target is a relation number
    (``uc_target``).  ``weight`` covers all ``R + U``.
    """

    amap: ArgumentMap
    nodes: list[str]
    index: dict[str, int]
    n_claims: int
    relations: list[Relation]
    src: np.ndarray
    tgt: np.ndarray
    attack: np.ndarray
    undercuts: list[Relation]
    uc_src: np.ndarray
    uc_target: np.ndarray
    weight: np.ndarray
    #: Relations whose ends or target could not be resolved (ignored).
    unresolved: list[Relation] = field(default_factory=list)
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def n(self) -> int:
        return len(self.nodes)

    @property
    def n_relations(self) -> int:
        return len(self.relations)

    def relation_at(self, number: int) -> Relation:
        if number < len(self.relations):
            return self.relations[number]
        return self.undercuts[number - len(self.relations)]

    def claim_target(self) -> np.ndarray:
        """For each undercut, the claim at the end of the relation it cuts (-1: none)."""
        if "claim_target" not in self._cache:
            r = len(self.relations)
            out = np.full(len(self.undercuts), -1, dtype=np.intp)
            target = self.uc_target.copy()
            for _ in range(MAX_UNDERCUT_DEPTH):
                direct = target < r
                out[direct & (out < 0)] = self.tgt[target[direct & (out < 0)]]
                pending = (~direct) & (out < 0)
                if not pending.any():
                    break
                target[pending] = self.uc_target[target[pending] - r]
            self._cache["claim_target"] = out
        return self._cache["claim_target"]

    def incoming_relations(self) -> tuple[np.ndarray, np.ndarray]:
        """The claim relations into each node, as a CSR pair ``(indptr, numbers)``.

        The relations into node ``i`` are ``numbers[indptr[i]:indptr[i + 1]]``
        (supports and rebuts; undercuts target relations, not nodes).
        """
        if "incoming" not in self._cache:
            numbers = np.arange(self.n_relations, dtype=np.intp)
            self._cache["incoming"] = _csr(self.tgt, numbers, self.n)
        return self._cache["incoming"]

    def grounded_codes(self) -> np.ndarray:
        """The grounded labelling as codes: 0 undecided, 1 in, 2 out.

        One code per node of :func:`attack_graph` (the claims and external
        references first, in :attr:`nodes` order, then the auxiliary nodes of
        undercut attacks); :func:`grounded_labelling` gives the claims' part
        in words.  Computed once per framework.
        """
        if "grounded" not in self._cache:
            self._cache["grounded"] = _grounded(self)
        return self._cache["grounded"]

    def undercut_depth(self) -> int:
        """How many rounds effective weights need (nesting depth of undercuts)."""
        if "depth" not in self._cache:
            r = len(self.relations)
            depth = 0
            if len(self.undercuts):
                depth = 1
                target = self.uc_target
                while depth < MAX_UNDERCUT_DEPTH:
                    nested = target >= r
                    if not nested.any():
                        break
                    target = self.uc_target[target[nested] - r]
                    depth += 1
            self._cache["depth"] = depth
        return self._cache["depth"]


def build_framework(amap: ArgumentMap) -> Framework:
    """Index *amap*'s claims and relations (one pass over the relations)."""
    refs = MapRefs(amap)
    nodes = list(amap.claims)
    index = {c: i for i, c in enumerate(nodes)}
    n_claims = len(nodes)

    def node(ref: str) -> int:
        ref = refs.claim_id(ref) or ref
        i = index.get(ref)
        if i is None:
            i = index[ref] = len(nodes)
            nodes.append(ref)
        return i

    relations = [r for r in amap.relations if r.kind != "undercuts"]
    undercuts = [r for r in amap.relations if r.kind == "undercuts"]
    get = index.get
    src = [get(r.source) for r in relations]
    tgt = [get(r.target) for r in relations]
    for ends, attr in ((src, "source"), (tgt, "target")):
        for i, value in enumerate(ends):
            if value is None:  # a qualified or external reference: the slow path
                ends[i] = node(getattr(relations[i], attr))
    attack = [r.kind == "rebuts" for r in relations]
    weights = [r.weight for r in relations]

    # Undercut targets, by the rule of argmap.refs (MapRefs.relation): an id,
    # else "source->target".  An ambiguous target is the checker's error; here
    # it is left unresolved like a missing one.
    r = len(relations)
    target_of: list[int | None] = []
    if undercuts:
        number_of = {id(rel): i for i, rel in enumerate(relations)}
        number_of.update({id(u): i for i, u in enumerate(undercuts, start=r)})
        for number, relation in enumerate(undercuts, start=r):
            hit = refs.relation(relation.target)
            target = None if hit is None else number_of.get(id(hit))
            target_of.append(None if target == number else target)
    # Keep only targets that end, through undercuts of undercuts, at a relation.
    alive = [t is not None and t < r for t in target_of]
    for _ in range(MAX_UNDERCUT_DEPTH):
        grown = [
            a or (t is not None and t >= r and alive[t - r])
            for a, t in zip(alive, target_of)
        ]
        if grown == alive:
            break
        alive = grown
    entry_of: dict[int, int] = {}  # undercut number -> its place among those kept
    entries: list[tuple[int, int]] = []  # (undercut index, target number)
    for i, (t, ok) in enumerate(zip(target_of, alive)):
        if ok and t is not None:  # alive means it has a target
            entry_of[r + i] = len(entries)
            entries.append((i, t))
    final: list[Relation] = []
    fixed_src: list[int] = []
    fixed_target: list[int] = []
    for i, t in entries:
        if t >= r:
            t = r + entry_of[t]  # undercuts are renumbered without the unresolved
        final.append(undercuts[i])
        fixed_src.append(node(undercuts[i].source))
        fixed_target.append(t)
    unresolved = [u for u, ok in zip(undercuts, alive) if not ok]
    weight = np.clip(
        np.array(weights + [u.weight for u in final], dtype=float), 0.0, 1.0
    )
    return Framework(
        amap=amap,
        nodes=nodes,
        index=index,
        n_claims=n_claims,
        relations=relations,
        src=np.array(src, dtype=np.intp),
        tgt=np.array(tgt, dtype=np.intp),
        attack=np.array(attack, dtype=bool),
        undercuts=final,
        uc_src=np.array(fixed_src, dtype=np.intp),
        uc_target=np.array(fixed_target, dtype=np.intp),
        weight=weight,
        unresolved=unresolved,
    )


def _framework(amap_or_fw) -> Framework:
    return (
        amap_or_fw if isinstance(amap_or_fw, Framework) else build_framework(amap_or_fw)
    )


# -- sparse helpers ----------------------------------------------------------------
def _csr(keys: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Group *values* by *keys* (0..n-1): (indptr, values in key order)."""
    order = np.argsort(keys, kind="stable")
    indptr = np.zeros(n + 1, dtype=np.intp)
    np.cumsum(np.bincount(keys, minlength=n), out=indptr[1:])
    return indptr, values[order]


def _gather(
    indptr: np.ndarray, data: np.ndarray, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The entries of *rows* (concatenated) and, for each, its position in *rows*."""
    starts = indptr[rows]
    counts = indptr[rows + 1] - starts
    total = int(counts.sum())
    if total == 0:
        empty = np.empty(0, dtype=np.intp)
        return data[empty], empty
    before = np.cumsum(counts) - counts
    offsets = np.repeat(starts - before, counts) + np.arange(total)
    return data[offsets], np.repeat(np.arange(len(rows)), counts)


# -- grounded ----------------------------------------------------------------------
def attack_graph(fw: Framework) -> tuple[np.ndarray, np.ndarray, int, np.ndarray]:
    """The attack graph the grounded labelling is computed on.

    Nodes are the framework's nodes (numbered as in :attr:`Framework.nodes`)
    followed by two auxiliary nodes per undercut attack (see the module
    docstring: ``X = n + 2k`` and ``Y = n + 2k + 1`` for the k-th attack
    that some undercut cuts).  Returns ``(sources, targets, node count,
    relations)``: one entry per attack edge, ``relations`` giving the
    number of the relation each edge comes from (an undercut attack gives
    three edges, all with its number).  Supports take no part.
    """
    r = fw.n_relations
    total = r + len(fw.undercuts)
    # Which attacks land on a claim: rebuttals do; an undercut does when the
    # relation it cuts is an attack that lands (so an undercut of an
    # undercut of a support, or a cycle of undercuts, lands nowhere).
    # A breadth-first search from the rebuttals through "is cut by" looks
    # at each undercut once.
    lands = np.zeros(total, dtype=bool)
    lands[:r] = fw.attack & (fw.tgt >= 0)
    cut_by_ptr, cut_by = _csr(
        fw.uc_target, r + np.arange(len(fw.undercuts), dtype=np.intp), total
    )
    frontier = np.flatnonzero(lands)
    while frontier.size:
        reached, _ = _gather(cut_by_ptr, cut_by, frontier)
        frontier = np.unique(reached[~lands[reached]])
        lands[frontier] = True
    effective_uc = lands[r:].copy()
    cut = np.zeros(total, dtype=bool)
    cut[fw.uc_target[effective_uc]] = True
    cut_numbers = np.flatnonzero(cut)
    # X and Y nodes of every undercut attack: X = n + 2k, Y = n + 2k + 1.
    aux_x = np.full(total, -1, dtype=np.intp)
    aux_x[cut_numbers] = fw.n + 2 * np.arange(len(cut_numbers))
    n_total = fw.n + 2 * len(cut_numbers)

    sources = np.concatenate([fw.src, fw.uc_src])
    # Where an attack lands: a claim, or the Y node of the attack it undercuts.
    targets = np.full(total, -1, dtype=np.intp)
    targets[:r] = fw.tgt
    if len(fw.undercuts):
        uc_lands = aux_x[fw.uc_target] + 1
        uc_lands[~effective_uc] = -1
        targets[r:] = uc_lands
    plain = lands & ~cut
    edge_src = [sources[plain]]
    edge_tgt = [targets[plain]]
    edge_rel = [np.flatnonzero(plain)]
    if len(cut_numbers):
        x = aux_x[cut_numbers]
        edge_src += [sources[cut_numbers], x, x + 1]
        edge_tgt += [x, x + 1, targets[cut_numbers]]
        edge_rel += [cut_numbers] * 3
    return (
        np.concatenate(edge_src),
        np.concatenate(edge_tgt),
        n_total,
        np.concatenate(edge_rel),
    )


def _grounded(fw: Framework) -> np.ndarray:
    """See :meth:`Framework.grounded_codes`."""
    e_src, e_tgt, n, _ = attack_graph(fw)
    label = np.zeros(n, dtype=np.int8)
    remaining = np.bincount(e_tgt, minlength=n)  # attackers not yet out
    indptr, out_targets = _csr(e_src, e_tgt, n)
    frontier = np.flatnonzero(remaining == 0)
    label[frontier] = 1
    while frontier.size:
        hit, _ = _gather(indptr, out_targets, frontier)
        beaten = np.unique(hit[label[hit] == 0])
        label[beaten] = 2
        freed, _ = _gather(indptr, out_targets, beaten)
        if not freed.size:
            break
        nodes, counts = np.unique(freed, return_counts=True)
        remaining[nodes] -= counts
        frontier = nodes[(remaining[nodes] == 0) & (label[nodes] == 0)]
        label[frontier] = 1
    return label


def grounded_labelling(amap: ArgumentMap | Framework) -> dict[str, str]:
    """The grounded labelling: claim id -> ``"in"``, ``"out"`` or ``"undecided"``.

    Claims not in the map but named by a relation (``other-map#claim``) are
    included under that reference.  See the module docstring for how
    undercuts are translated.
    """
    fw = _framework(amap)
    codes = fw.grounded_codes()[: fw.n].tolist()
    return {node: _LABELS[code] for node, code in zip(fw.nodes, codes)}


# -- DF-QuAD -------------------------------------------------------------------------
@dataclass
class StrengthResult:
    """DF-QuAD values for every node of a :class:`Framework` (arrays by node index)."""

    strength: np.ndarray
    base: np.ndarray
    #: Aggregated attack and support (the probabilistic sums) of each node.
    attack: np.ndarray
    support: np.ndarray
    #: Effective weight of every relation (undercuts applied), by relation number.
    weight: np.ndarray
    converged: bool
    rounds: int


def _base_array(fw: Framework, base) -> np.ndarray:
    if isinstance(base, Mapping):
        out = np.full(fw.n, DEFAULT_BASE)
        for claim_id, value in base.items():
            i = fw.index.get(claim_id)
            if i is not None:
                out[i] = value
    else:
        out = np.full(fw.n, float(base))
    if ((out < 0) | (out > 1)).any():
        raise ValueError("base scores must lie between 0 and 1")
    return out


def _effective_weights(fw: Framework, s: np.ndarray) -> np.ndarray:
    if not len(fw.undercuts):
        return fw.weight
    w = fw.weight
    total = len(w)
    for _ in range(fw.undercut_depth()):
        cut = np.clip(w[fw.n_relations :] * s[fw.uc_src], 0.0, 1.0)
        with np.errstate(divide="ignore"):
            logs = np.bincount(fw.uc_target, weights=np.log1p(-cut), minlength=total)
        w = fw.weight * np.exp(logs)
    return w


class _Incoming:
    """The attacks and supports into a set of rows, split once for repeated use."""

    def __init__(self, fw: Framework, rels: np.ndarray, row: np.ndarray, rows: int):
        att = fw.attack[rels]
        self.rows = rows
        self.att_rels, self.att_row = rels[att], row[att]
        self.sup_rels, self.sup_row = rels[~att], row[~att]
        self.att_src = fw.src[self.att_rels]
        self.sup_src = fw.src[self.sup_rels]

    def aggregate(self, s: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Aggregated attack and support of each row (probabilistic sums via log-sums)."""
        out = []
        for rels, row, src in (
            (self.att_rels, self.att_row, self.att_src),
            (self.sup_rels, self.sup_row, self.sup_src),
        ):
            v = w[rels] * s[src]
            with np.errstate(divide="ignore"):
                np.log1p(-v, out=v)
            logs = np.bincount(row, weights=v, minlength=self.rows)
            out.append(-np.expm1(logs))
        return out[0], out[1]


def combine(base, va, vs):
    """DF-QuAD's combination of a base score with aggregated attack and support."""
    return np.where(va >= vs, base - base * (va - vs), base + (1.0 - base) * (vs - va))


def dfquad(amap: ArgumentMap | Framework, *, base=DEFAULT_BASE) -> StrengthResult:
    """DF-QuAD strengths with their aggregates, as arrays over the framework's nodes."""
    fw = _framework(amap)
    key = ("dfquad", tuple(sorted(base.items())) if isinstance(base, Mapping) else base)
    if key in fw._cache:
        return fw._cache[key]
    n = fw.n
    b = _base_array(fw, base)
    s = b.copy()
    va = np.zeros(n)
    vs = np.zeros(n)
    in_ptr, in_rels = fw.incoming_relations()

    # Dependencies: a relation's source, and every undercutter of it, before its target.
    uc_claim = fw.claim_target()
    keep = uc_claim >= 0
    dep_src = np.concatenate([fw.src, fw.uc_src[keep]])
    dep_tgt = np.concatenate([fw.tgt, uc_claim[keep]])
    out_ptr, out_tgt = _csr(dep_src, dep_tgt, n)
    pending = np.bincount(dep_tgt, minlength=n)
    done = np.zeros(n, dtype=bool)
    level = np.flatnonzero(pending == 0)
    while level.size:
        done[level] = True
        w = _effective_weights(fw, s)
        rels, row = _gather(in_ptr, in_rels, level)
        if rels.size:
            a, p = _Incoming(fw, rels, row, level.size).aggregate(s, w)
            va[level], vs[level] = a, p
            s[level] = combine(b[level], a, p)
        nxt, _ = _gather(out_ptr, out_tgt, level)
        if not nxt.size:
            break
        nodes, counts = np.unique(nxt, return_counts=True)
        pending[nodes] -= counts
        level = nodes[pending[nodes] == 0]

    rest = np.flatnonzero(~done)
    converged, rounds = True, 0
    if rest.size:
        rels, row = _gather(in_ptr, in_rels, rest)
        incoming = _Incoming(fw, rels, row, rest.size)
        step, last = 1.0, np.inf
        converged = False
        for rounds in range(1, MAX_ROUNDS + 1):
            w = _effective_weights(fw, s)
            a, p = incoming.aggregate(s, w)
            new = combine(b[rest], a, p)
            change = float(np.max(np.abs(new - s[rest])))
            if change > last:
                step = max(step / 2, 1 / 16)
            last = change
            s[rest] += step * (new - s[rest])
            va[rest], vs[rest] = a, p
            if change < TOLERANCE:
                converged = True
                break
    result = StrengthResult(
        strength=s,
        base=b,
        attack=va,
        support=vs,
        weight=_effective_weights(fw, s),
        converged=converged,
        rounds=rounds,
    )
    fw._cache[key] = result
    return result


def strengths(amap: ArgumentMap | Framework, *, base=DEFAULT_BASE) -> dict[str, float]:
    """DF-QuAD gradual strength of every claim, between 0 and 1.

    *base* is the base score of every claim (0.5), or a mapping from claim id
    to base score (claims it does not name get 0.5).  See the module
    docstring for the aggregation, undercuts and the convergence rule on
    cycles.
    """
    fw = _framework(amap)
    values = dfquad(fw, base=base).strength.tolist()
    return dict(zip(fw.nodes, values))
