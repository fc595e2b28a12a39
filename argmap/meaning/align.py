"""Suggested links between claims of different maps: same_as, rebuts, supports.

:func:`align` reads every claim in its map (:mod:`argmap.meaning.context`),
embeds the texts (:mod:`argmap.meaning.embed`), finds for every claim its
nearest claims of *other* maps, judges each candidate pair
(:mod:`argmap.meaning.judge`) and returns :class:`Suggestion` records, best
first.

Candidates (bounded memory)
    Unit vectors ``V`` (n × 512); a pair's similarity is a dot product.  Up
    to :data:`EXACT_LIMIT` claims, ``V[block] @ V.T`` one block of
    :data:`BLOCK` rows at a time (memory ``BLOCK × n`` floats); pairs within
    one map are masked, and each row keeps its *per_claim* best partners
    with a cosine of at least :data:`FLOOR`.  Above that, an inverted-file
    index: spherical k-means with ``√n`` centroids (deterministic start:
    evenly spaced claims in input order; a few Lloyd steps), each claim
    filed under its nearest centroid, and each cell searched against the
    claims of its :data:`PROBES` nearest cells only — about
    ``n² · PROBES / √n`` products instead of ``n²``; a pair whose claims sit
    in far-apart cells can be missed (they are dissimilar by construction).
    A pair is a candidate when either claim has the other among its best.

Judging
    For every pair of maps with candidates, :func:`~argmap.meaning.judge.map_stance`
    decides whether the maps argue the same side (from their theses'
    polarity and how similar claims sit on the two sides); then each
    candidate pair is judged (same / contradicts / supports / attacks).
    ``same`` becomes a ``same_as`` suggestion, ``contradicts`` and
    ``attacks`` a ``rebuts`` one, ``supports`` a ``supports`` one.  When two
    maps' theses conflict (``P(conflict) > 0.5``), their theses get a
    ``rebuts`` suggestion scored ``P(conflict)``, with the stance's reason.
    A pair judged contradictory is never suggested as ``same_as``.

What is never suggested
    Pairs a person linked already — by ``same_as`` (also transitively) or
    by a relation either way — and pairs listed in *rejected*.  Explicit
    links and rejections always win.

Order
    Score (rounded to 2 decimals) descending, then kind, ``from``, ``to``:
    the same maps give the same suggestions in the same order.  Symmetric
    judgements (``same_as``, contradictions) go from the smaller reference
    to the larger.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from argmap._graph import UnionFind
from argmap.meaning.context import ClaimContext, MapContext, map_context
from argmap.meaning.counterparts import (
    Neighbours,
    parallel_evidence,
    transfers,
    voicings,
)
from argmap.meaning.judge import Judgement, judge, map_stance
from argmap.model import ArgumentMap, qualify

__all__ = [
    "BLOCK",
    "EXACT_LIMIT",
    "FLOOR",
    "KINDS",
    "Suggestion",
    "align",
    "candidate_pairs",
    "link_name",
    "linked_pairs",
    "parse_link_name",
    "rejections",
]

#: Suggestion kinds, as link kinds of the map format.
KINDS = ("same_as", "rebuts", "supports")
#: Rows per block of the exact search.
BLOCK = 512
#: Above this many claims the inverted-file search replaces the exact one.
EXACT_LIMIT = 20_000
#: Cells searched per cell in the inverted-file search.
PROBES = 4
#: Pairs less similar than this are never candidates.
FLOOR = 0.3
_KMEANS_STEPS = 4
#: Rows the k-means of the inverted-file search is fitted on.
KMEANS_SAMPLE = 20_000

_KIND_OF = {
    "same": "same_as",
    "contradicts": "rebuts",
    "attacks": "rebuts",
    "supports": "supports",
}


@dataclass(frozen=True)
class Suggestion:
    """A suggested link from one claim to a claim of another map."""

    kind: str
    source: str
    target: str
    score: float
    reason: str
    #: What the suggestion rests on: ``"same"``, ``"contradicts"``,
    #: ``"structure"`` (sides of two maps that disagree), ``"stance"`` (the
    #: maps' theses) or ``"voicing"`` (an objection the other map argues).
    basis: str = "same"
    #: The weight a relation made from it should carry before any discount
    #: for being suggested (a voicing carries the weight of the relation it
    #: transfers).
    weight: float = 1.0

    @property
    def name(self) -> str:
        """``kind from -> to``, as a links file lists it."""
        return link_name(self.kind, self.source, self.target)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "from": self.source,
            "to": self.target,
            "score": self.score,
            "reason": self.reason,
        }

    @property
    def pair(self) -> tuple[str, str]:
        """The two claims, smaller reference first."""
        return (
            (self.source, self.target)
            if self.source < self.target
            else (self.target, self.source)
        )


# -- candidates -------------------------------------------------------------------


def _top_rows(
    scores: np.ndarray, k: int, floor: float, bounds: np.ndarray | None = None
) -> Iterable[tuple[int, int, float]]:
    """(row, column, score) of the *k* best columns of each row scoring >= floor.

    *bounds*, when given, receives each row's bound on the columns not
    returned: its (k+1)-th best score, or *floor* when that is lower.
    """
    n = scores.shape[1]
    kk = min(k + 1, n)
    if n > kk:
        cols = np.argpartition(-scores, kk - 1, axis=1)[:, :kk]
    else:
        cols = np.broadcast_to(np.arange(n), scores.shape)
    picked = np.take_along_axis(scores, cols, axis=1)
    order = np.argsort(-picked, axis=1, kind="stable")
    cols = np.take_along_axis(cols, order, axis=1)
    picked = np.take_along_axis(picked, order, axis=1)
    if bounds is not None:
        bounds[:] = np.maximum(picked[:, k], floor) if kk > k else floor
    cols, picked = cols[:, :k], picked[:, :k]
    rows, ranks = np.nonzero(picked >= floor)
    for r, c in zip(rows.tolist(), ranks.tolist()):
        yield r, int(cols[r, c]), float(picked[r, c])


def _kmeans(vectors: np.ndarray, cells: int) -> np.ndarray:
    """Spherical k-means centroids (deterministic: evenly spaced starting rows).

    Fitted on an evenly spaced sample of at most ``KMEANS_SAMPLE`` rows (the
    cells only need to group similar claims; every claim is then filed
    under its nearest centroid), so the cost does not grow with n².
    """
    n = len(vectors)
    sample = vectors[np.linspace(0, n - 1, min(n, KMEANS_SAMPLE)).astype(int)]
    centroids = sample[np.linspace(0, len(sample) - 1, cells).astype(int)].copy()
    for _ in range(_KMEANS_STEPS):
        nearest = _nearest_cell(sample, centroids)
        sums = np.zeros_like(centroids)
        np.add.at(sums, nearest, sample)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        sums[~empty] /= norms[~empty]
        sums[empty] = centroids[empty]
        centroids = sums
    return centroids


def _nearest_cell(vectors: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    out = np.empty(len(vectors), dtype=np.int64)
    for start in range(0, len(vectors), 4096):
        out[start : start + 4096] = np.argmax(
            vectors[start : start + 4096] @ centroids.T, axis=1
        )
    return out


def candidate_pairs(
    vectors: np.ndarray,
    owner: np.ndarray,
    per_claim: int,
    *,
    floor: float = FLOOR,
    progress: Callable[[int, int], None] | None = None,
    bounds: np.ndarray | None = None,
) -> dict[tuple[int, int], float]:
    """``{(i, j): cosine}`` with ``i < j``, ``owner[i] != owner[j]`` (module docs).

    *bounds* (length n), when given, receives for every claim an upper bound
    on its cosine to any claim of another map it was not paired with.
    """
    n = len(vectors)
    if bounds is not None:
        bounds[:] = floor
    found: dict[tuple[int, int], float] = {}
    if n < 2 or per_claim < 1:
        return found

    def keep(i: int, j: int, s: float) -> None:
        key = (i, j) if i < j else (j, i)
        found[key] = s

    if n <= EXACT_LIMIT:
        for start in range(0, n, BLOCK):
            stop = min(n, start + BLOCK)
            scores = vectors[start:stop] @ vectors.T
            scores[owner[start:stop, None] == owner[None, :]] = -2.0
            out = None if bounds is None else bounds[start:stop]
            for r, c, s in _top_rows(scores, per_claim, floor, out):
                keep(start + r, c, s)
            if progress:
                progress(stop, n)
        return found
    cells = max(2, int(math.sqrt(n)))
    centroids = _kmeans(vectors, cells)
    cell_of = _nearest_cell(vectors, centroids)
    members = [np.nonzero(cell_of == c)[0] for c in range(cells)]
    near = np.argsort(-(centroids @ centroids.T), axis=1, kind="stable")[:, :PROBES]
    for c in range(cells):
        rows = members[c]
        if len(rows):
            pool = np.concatenate([members[d] for d in near[c]])
            for start in range(0, len(rows), BLOCK):
                block = rows[start : start + BLOCK]
                scores = vectors[block] @ vectors[pool].T
                scores[owner[block, None] == owner[pool][None, :]] = -2.0
                out = None if bounds is None else np.empty(len(block))
                for r, col, s in _top_rows(scores, per_claim, floor, out):
                    keep(int(block[r]), int(pool[col]), s)
                if bounds is not None:
                    bounds[block] = out
        if progress:
            progress(c + 1, cells)
    return found


# -- explicit links ---------------------------------------------------------------


def linked_pairs(
    maps: Iterable[ArgumentMap], *, suggested: bool = False
) -> tuple[set[tuple[str, str]], Callable[[str], str]]:
    """Pairs of claims a person related, and the ``same_as`` class of a reference.

    The pairs are ``(smaller ref, larger ref)`` of every supports / rebuts
    relation (and undercut, between its source and the cut relation's
    ends); the class function maps a qualified reference to the
    representative of its ``same_as`` class (transitive), links files'
    ``same_as`` links included.  Links still marked ``suggested`` are not
    a person's: align may suggest them again (a links file keeps one entry
    per pair) — unless *suggested* is true, which counts them too.
    """
    classes: UnionFind[str] = UnionFind()
    pairs: set[tuple[str, str]] = set()
    for amap in maps:
        for claim in amap.claims.values():
            ref = qualify(claim.id, amap.id)
            for other in claim.same_as:
                classes.union(ref, qualify(other, amap.id))
            for p in claim.provenance:
                classes.union(ref, p.ref)
        for link in amap.same_as_links:
            if suggested or not link.suggested:
                classes.union(
                    qualify(link.source, amap.id), qualify(link.target, amap.id)
                )
        for r in amap.relations:
            if r.suggested and not suggested:
                continue
            source = qualify(r.source, amap.id)
            ends = r.target.split("->") if r.kind == "undercuts" else [r.target]
            for end in ends:
                target = qualify(end, amap.id)
                pairs.add((source, target) if source < target else (target, source))
    return pairs, classes.find


def link_name(kind: str, source: str, target: str) -> str:
    """How a links file names a link in its ``rejected`` and ``offered`` lists."""
    return f"{kind} {source} -> {target}"


def parse_link_name(name: str) -> tuple[str, str, str] | None:
    """``(kind, from, to)`` of a :func:`link_name`, or None when it is not one."""
    parts = name.split()
    if len(parts) != 4 or parts[2] != "->":
        return None
    return parts[0], parts[1], parts[3]


def rejections(maps: Iterable[ArgumentMap]) -> list[tuple[str, str, str]]:
    """The ``(kind, from, to)`` links that the maps' ``rejected`` lists name."""
    out = []
    for amap in maps:
        for name in amap.rejected:
            parsed = parse_link_name(name)
            if parsed is not None:
                out.append(parsed)
    return out


# -- align ----------------------------------------------------------------------------


def align(
    maps: Iterable[ArgumentMap],
    *,
    per_claim: int = 3,
    min_score: float = 0.5,
    top: int | None = None,
    rejected: Iterable[tuple[str, str, str]] = (),
    exclude_linked: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
    embed_texts: Callable[[Sequence[str]], np.ndarray] | None = None,
) -> list[Suggestion]:
    """Suggested links between claims of different maps, best first (module docs).

    *per_claim*: partners considered per claim; *min_score*: leave out
    suggestions scoring less (0..1); *top*: at most this many.  *rejected*
    holds ``(kind, from, to)`` triples a person turned down (either
    direction).  *progress* is called as ``progress(stage, done, total)``.
    """
    from argmap.meaning.embed import embed

    ordered = sorted(maps, key=lambda m: m.id)
    contexts = [map_context(m) for m in ordered]
    claims: list[ClaimContext] = [c for ctx in contexts for c in ctx.claims]
    if len(contexts) < 2 or not claims:
        return []
    bases = np.cumsum([0] + [len(ctx.claims) for ctx in contexts])
    owner = np.repeat(np.arange(len(contexts)), [len(ctx.claims) for ctx in contexts])
    vectors = (embed_texts or embed)([c.text for c in claims])
    bounds = np.empty(len(claims))
    found = candidate_pairs(
        vectors,
        owner,
        per_claim,
        progress=(lambda d, t: progress("comparing", d, t)) if progress else None,
        bounds=bounds,
    )
    by_maps: dict[tuple[int, int], list[tuple[int, int, float]]] = {}
    for (i, j), s in found.items():
        by_maps.setdefault((int(owner[i]), int(owner[j])), []).append((i, j, s))

    linked, same_class = (
        linked_pairs(ordered) if exclude_linked else (set(), lambda r: r)
    )
    turned_down = {
        (k, *sorted((a, b))) for k, a, b in [*rejected, *rejections(ordered)]
    }
    best: dict[tuple[str, str], Suggestion] = {}

    def offer(s: Suggestion) -> None:
        pair = s.pair
        if s.score < min_score or pair in linked:
            return
        if same_class(pair[0]) == same_class(pair[1]):
            return
        if (s.kind, *pair) in turned_down:
            return
        held = best.get(pair)
        if held is None or (-s.score, s.kind) < (-held.score, held.kind):
            best[pair] = s

    total = len(by_maps)
    for done, ((ma, mb), pairs) in enumerate(sorted(by_maps.items()), 1):
        ca, cb = contexts[ma], contexts[mb]
        ba, bb = int(bases[ma]), int(bases[mb])
        for suggestion in _map_pair(
            ca,
            cb,
            [(i - ba, j - bb, s) for i, j, s in pairs],
            vectors[ba : ba + len(ca.claims)],
            vectors[bb : bb + len(cb.claims)],
            bounds[ba : ba + len(ca.claims)],
            bounds[bb : bb + len(cb.claims)],
        ):
            offer(suggestion)
        if progress:
            progress("judging", done, total)
    out = sorted(best.values(), key=lambda s: (-s.score, s.kind, s.source, s.target))
    return out[:top] if top is not None else out


def _map_pair(
    ca: MapContext,
    cb: MapContext,
    local: list[tuple[int, int, float]],
    va: np.ndarray,
    vb: np.ndarray,
    bound_a: np.ndarray,
    bound_b: np.ndarray,
) -> Iterable[Suggestion]:
    """Every suggestion between two maps, from their candidate pairs (module docs)."""
    near = Neighbours(local, bound_a, bound_b)
    thesis_pairs = [(i, j, float(va[i] @ vb[j])) for i in ca.theses for j in cb.theses]
    stance = map_stance(ca.claims, cb.claims, thesis_pairs, local)
    if stance.theses is not None and stance.p_conflict > 0.5:
        ta, tb = stance.theses
        ra, rb = ca.claims[ta].ref, cb.claims[tb].ref
        source, target = (ra, rb) if ra < rb else (rb, ra)
        yield Suggestion(
            "rebuts",
            source,
            target,
            round(stance.p_conflict, 2),
            stance.reason,
            "stance",
        )
    anchors = []
    for i, j, s in local:
        x, y = ca.claims[i], cb.claims[j]
        verdict = judge(x, y, s, stance, margin=near.margin(i, j))
        if verdict.kind == "same" and verdict.score >= 0.5:
            anchors.append((i, j, verdict.score))
        suggestion = _suggestion(x, y, verdict)
        if suggestion is not None:
            yield suggestion
    if not anchors:
        return  # no claim of one is the other's: no structure to read
    parallel = parallel_evidence(ca, cb, anchors, va, vb)
    for v in voicings(ca, cb, near, parallel):
        for t in transfers(v):
            yield Suggestion(
                t.kind,
                t.source.ref,
                t.target.ref,
                round(t.score, 2),
                t.reason,
                "voicing",
                t.weight,
            )


def _suggestion(
    x: ClaimContext, y: ClaimContext, verdict: Judgement
) -> Suggestion | None:
    kind = _KIND_OF.get(verdict.kind)
    if kind is None:
        return None
    if verdict.kind in ("same", "contradicts"):
        source, target = (x.ref, y.ref) if x.ref < y.ref else (y.ref, x.ref)
    else:
        source, target = (x.ref, y.ref) if verdict.forward else (y.ref, x.ref)
    basis = verdict.kind if verdict.kind in ("same", "contradicts") else "structure"
    return Suggestion(
        kind, source, target, round(verdict.score, 2), verdict.reason, basis
    )
