"""Suggested links between claims of different maps: same_as, rebuts, supports.

:func:`align` reads every claim in its map (:mod:`argmap.meaning.context`),
embeds the texts (:mod:`argmap.meaning.embed`), finds for every claim its
nearest claims of *other* maps, judges each candidate pair
(:mod:`argmap.meaning.judge`) and returns :class:`Suggestion` records, best
first.

Candidates
    For every claim its nearest claims of other maps, by cosine of the
    sentence embeddings (:mod:`argmap.meaning.candidates`: blocked exact
    search, or a k-means index above ``EXACT_LIMIT`` claims).

Judging
    For every pair of maps with candidates, the map stance
    (:func:`~argmap.meaning.judge.map_stance`) decides whether the maps
    argue the same side (from their theses' polarity and how similar claims
    sit on the two sides); then each candidate pair is judged (same /
    contradicts / supports / attacks, :func:`~argmap.meaning.judge.judge_arrays`).
    ``same`` becomes a ``same_as`` suggestion, ``contradicts`` and
    ``attacks`` a ``rebuts`` one, ``supports`` a ``supports`` one.  When two
    maps' theses conflict (``P(conflict) > 0.5``), their theses get a
    ``rebuts`` suggestion scored ``P(conflict)``, with the stance's reason.
    A pair judged contradictory is never suggested as ``same_as``.  Pairs
    judged the same (score ≥ 0.5) anchor the structural reading of
    :mod:`argmap.meaning.counterparts` (objections that voice the other map).
    All of it runs on arrays over every candidate pair of the run at once
    (:class:`_Batch`: one polarity comparison per pair of polarity classes,
    margins by grouped top-2, votes summed per pair of maps,
    :func:`~argmap.meaning.judge.judge_arrays`), with Python loops left only
    over pairs of maps and the suggestions they yield.

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

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from argmap._graph import UnionFind
from argmap.meaning.candidates import (
    BLOCK,
    EXACT_LIMIT,
    FLOOR,
    candidate_arrays,
    candidate_pairs,
)
from argmap.meaning.context import ClaimContext, MapContext, map_context
from argmap.meaning.counterparts import (
    Neighbours,
    parallel_evidence,
    transfers,
    voicings,
)
from argmap.meaning.judge import (
    KINDS as VERDICTS,
)
from argmap.meaning.judge import (
    SAME,
    UNRELATED,
    Judgement,
    judge_arrays,
    relatedness,
    sameness,
    stance_model,
    stance_reason,
    stance_votes,
    verdict_reason,
    vote_leader,
    vote_reason,
)
from argmap.meaning.polarity import (
    Polarity,
    PolarityContrast,
    compare,
    polarity_key,
)
from argmap.meaning.threads import one_blas_thread
from argmap.model import ArgumentMap, qualify

__all__ = [
    "BLOCK",
    "EXACT_LIMIT",
    "FLOOR",
    "KINDS",
    "Suggestion",
    "align",
    "candidate_arrays",
    "candidate_pairs",
    "link_name",
    "linked_pairs",
    "parse_link_name",
    "rejections",
]

#: Suggestion kinds, as link kinds of the map format.
KINDS = ("same_as", "rebuts", "supports")
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


@one_blas_thread  # faster on a busy machine, and independent of the core count
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
    direction).  *progress* is called as ``progress(stage, done, total)``,
    *stage* ``"embedding"`` (texts not in the cache), ``"comparing"`` or
    ``"judging"``.
    """
    from argmap.meaning.embed import embed

    ordered = sorted(maps, key=lambda m: m.id)
    contexts = [map_context(m) for m in ordered]
    claims: list[ClaimContext] = [c for ctx in contexts for c in ctx.claims]
    if len(contexts) < 2 or not claims:
        return []
    bases = np.cumsum([0] + [len(ctx.claims) for ctx in contexts])
    owner = np.repeat(np.arange(len(contexts)), [len(ctx.claims) for ctx in contexts])
    texts = [c.text for c in claims]
    on_embed = (lambda d, t: progress("embedding", d, t)) if progress else None
    vectors = embed_texts(texts) if embed_texts else embed(texts, progress=on_embed)
    bounds = np.empty(len(claims))
    rows_i, rows_j, sims = candidate_arrays(
        vectors,
        owner,
        per_claim,
        progress=(lambda d, t: progress("comparing", d, t)) if progress else None,
        bounds=bounds,
    )

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

    batch = _Batch(contexts, claims, vectors, owner, bases, bounds)
    for suggestion in batch.judge(
        rows_i,
        rows_j,
        sims,
        min_score,
        (lambda d, t: progress("judging", d, t)) if progress else None,
    ):
        offer(suggestion)
    out = sorted(best.values(), key=lambda s: (-s.score, s.kind, s.source, s.target))
    return out[:top] if top is not None else out


class _Batch:
    """Every candidate pair of a run judged at once, as arrays (module docs, *Judging*).

    Per claim: side, depth and a polarity class (claims of a corpus repeat
    few polarities, so whether two polarities are opposite is worked out
    once per pair of classes).  Per candidate pair ``(i, j)`` (``i``'s map
    listed first): margin, flip, verdict.  Per pair of maps: the thesis
    pair, the vote and the stance.  Python loops remain only over pairs of
    maps (theses; suggestions that reach *min_score*) and over the pairs of
    maps with an anchor (voicings).
    """

    def __init__(
        self,
        contexts: list[MapContext],
        claims: list[ClaimContext],
        vectors: np.ndarray,
        owner: np.ndarray,
        bases: np.ndarray,
        bounds: np.ndarray,
    ) -> None:
        self.contexts, self.claims, self.vectors = contexts, claims, vectors
        self.owner, self.bases, self.bounds = owner, bases, bounds
        self.side = np.array([c.side for c in claims], dtype=np.int64)
        self.depth = np.array(
            [c.depth if c.depth is not None else 99 for c in claims], dtype=np.int64
        )
        classes: dict[tuple, int] = {}
        self.polarity_of: list[Polarity] = []
        pol = np.empty(len(claims), dtype=np.int64)
        for row, c in enumerate(claims):
            key = polarity_key(c.polarity)
            number = classes.get(key)
            if number is None:
                number = classes[key] = len(self.polarity_of)
                self.polarity_of.append(c.polarity)
            pol[row] = number
        self.pol = pol
        self._contrast: dict[int, PolarityContrast] = {}

    def contrast(self, i: int, j: int) -> PolarityContrast:
        """The polarity contrast of claims *i* and *j* (rows)."""
        a, b = int(self.pol[i]), int(self.pol[j])
        code = a * len(self.polarity_of) + b
        found = self._contrast.get(code)
        if found is None:
            found = self._contrast[code] = compare(
                self.polarity_of[a], self.polarity_of[b]
            )
        return found

    def flipped(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Elementwise: claims *i* and *j* have opposite polarity."""
        width = len(self.polarity_of)
        codes = self.pol[i] * width + self.pol[j]
        unique, inverse = np.unique(codes, return_inverse=True)
        table = np.array(
            [
                self.contrast(
                    int(self.first[c // width]), int(self.first[c % width])
                ).flipped
                for c in unique.tolist()
            ],
            dtype=bool,
        )
        return table[inverse] if len(unique) else np.zeros(0, dtype=bool)

    @property
    def first(self) -> np.ndarray:
        """A row of each polarity class."""
        if not hasattr(self, "_first"):
            rows = np.full(len(self.polarity_of), -1, dtype=np.int64)
            order = np.arange(len(self.pol))[::-1]
            rows[self.pol[order]] = order  # the last write is the smallest row
            self._first = rows
        return self._first

    def runner_ups(
        self, i: np.ndarray, j: np.ndarray, sims: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Runner-up of *i* in *j*'s map (other than *j*) and of *j* in *i*'s map, per pair.

        :meth:`argmap.meaning.counterparts.Neighbours.runner_up_a`, for all
        pairs at once: the best other candidate cosine, at least the claim's
        bound.
        """

        def one_side(claim: np.ndarray, other: np.ndarray) -> np.ndarray:
            group = claim * (int(self.owner.max()) + 1) + self.owner[other]
            order = np.lexsort((-sims, group))
            g, s = group[order], sims[order]
            starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
            size = np.diff(np.r_[starts, len(g)])
            first = np.repeat(starts, size)
            top1 = s[first]
            top2 = np.where(size > 1, s[np.minimum(starts + 1, len(s) - 1)], -1.0)
            top2 = np.repeat(top2, size)
            is_first = np.arange(len(g)) == first
            runner = np.empty(len(g))
            runner[order] = np.where(is_first, top2, top1)
            return np.maximum(runner, self.bounds[claim])

        return one_side(i, j), one_side(j, i)

    def judge(
        self,
        i: np.ndarray,
        j: np.ndarray,
        sims: np.ndarray,
        min_score: float,
        progress: Callable[[int, int], None] | None,
    ) -> Iterable[Suggestion]:
        """Every suggestion from the candidate pairs ``(i, j, cosine)`` (``i < j``)."""
        if not len(i):
            return
        owner, side = self.owner, self.side
        sims = sims.astype(np.float64)
        width = len(self.contexts)
        pair_code = owner[i] * width + owner[j]
        order = np.argsort(pair_code, kind="stable")
        i, j, sims, pair_code = i[order], j[order], sims[order], pair_code[order]
        map_pairs, starts = np.unique(pair_code, return_index=True)
        stops = np.r_[starts[1:], len(i)]
        flipped = self.flipped(i, j)
        run_a, run_b = self.runner_ups(i, j, sims)
        margin = sims - np.maximum(run_a, run_b)

        # the stance of every pair of maps (judge.map_stance, for all at once)
        n_pairs = len(map_pairs)
        theses = np.full((n_pairs, 2), -1, dtype=np.int64)
        thesis_sim = np.zeros(n_pairs)
        for k, code in enumerate(map_pairs.tolist()):
            ma, mb = divmod(code, width)
            ta_rows, tb_rows = self.contexts[ma].theses, self.contexts[mb].theses
            if not ta_rows or not tb_rows:
                continue
            ba, bb = int(self.bases[ma]), int(self.bases[mb])
            best = min(
                (-float(self.vectors[ba + ta] @ self.vectors[bb + tb]), ta, tb)
                for ta in ta_rows
                for tb in tb_rows
            )
            theses[k] = (ba + best[1], bb + best[2])
            thesis_sim[k] = -best[0]
        known = theses[:, 0] >= 0
        pair_of = np.repeat(np.arange(n_pairs), stops - starts)
        is_thesis_pair = (i == theses[pair_of, 0]) & (j == theses[pair_of, 1])
        votes = stance_votes(sims, side[i], side[j], flipped)
        votes[is_thesis_pair] = 0.0
        f_vote = np.zeros(n_pairs)
        np.add.at(f_vote, pair_of, votes)  # in candidate order, as map_stance sums
        t_a, t_b = np.maximum(theses[:, 0], 0), np.maximum(theses[:, 1], 0)
        f_flip = (self.flipped(t_a, t_b) & known).astype(np.float64)
        f_same = np.where(f_flip > 0, 0.0, -relatedness(thesis_sim))
        model = stance_model()
        p_conflict = np.where(known, model.p_conflict(f_flip, f_same, f_vote), 0.5)
        agreement = np.where(known, 1.0 - 2.0 * p_conflict, 0.0)

        kind, score, forward = judge_arrays(
            sims,
            margin,
            flipped,
            side[i],
            side[j],
            self.depth[i] >= self.depth[j],
            agreement[pair_of],
            model,
        )
        # leave out what cannot reach min_score once rounded (offer checks exactly)
        shown = (kind != UNRELATED) & (score >= min_score - 0.006)
        anchors = (kind == SAME) & (score >= 0.5)
        for k in range(n_pairs):
            lo, hi = int(starts[k]), int(stops[k])
            ma, mb = divmod(int(map_pairs[k]), width)
            if known[k] and p_conflict[k] > 0.5:
                yield self._stance_suggestion(
                    k, theses[k], float(p_conflict[k]), votes[lo:hi], i[lo:hi], j[lo:hi]
                )
            for r in (lo + np.flatnonzero(shown[lo:hi])).tolist():
                found = self._suggestion(
                    int(i[r]),
                    int(j[r]),
                    float(sims[r]),
                    int(kind[r]),
                    float(score[r]),
                    bool(forward[r]),
                    float(margin[r]),
                )
                if found is not None:
                    yield found
            if anchors[lo:hi].any():
                yield from self._voicings(
                    ma,
                    mb,
                    i[lo:hi],
                    j[lo:hi],
                    sims[lo:hi],
                    anchors[lo:hi],
                    score[lo:hi],
                )
            if progress and (k + 1 == n_pairs or k % 256 == 255):
                progress(k + 1, n_pairs)

    def _stance_suggestion(
        self,
        k: int,
        theses: np.ndarray,
        p: float,
        votes: np.ndarray,
        i: np.ndarray,
        j: np.ndarray,
    ) -> Suggestion:
        ta, tb = int(theses[0]), int(theses[1])
        contrast = self.contrast(ta, tb)
        why = ""
        leader = vote_leader(votes, i, j)
        if leader is not None:
            x, y = self.claims[int(i[leader])], self.claims[int(j[leader])]
            why = vote_reason(x, y)
        reason = stance_reason(contrast.cue if contrast.flipped else "", why, p)
        ra, rb = self.claims[ta].ref, self.claims[tb].ref
        source, target = (ra, rb) if ra < rb else (rb, ra)
        return Suggestion("rebuts", source, target, round(p, 2), reason, "stance")

    def _suggestion(
        self,
        i: int,
        j: int,
        s: float,
        kind: int,
        score: float,
        forward: bool,
        margin: float,
    ) -> Suggestion | None:
        x, y = self.claims[i], self.claims[j]
        cue = self.contrast(i, j).cue
        reason = verdict_reason(kind, s, sameness(s, margin), x.side * y.side < 0, cue)
        return _suggestion(x, y, Judgement(VERDICTS[kind], score, reason, forward))

    def _voicings(
        self,
        ma: int,
        mb: int,
        i: np.ndarray,
        j: np.ndarray,
        sims: np.ndarray,
        anchors: np.ndarray,
        score: np.ndarray,
    ) -> Iterable[Suggestion]:
        """Objections of one map that voice the other (:mod:`argmap.meaning.counterparts`)."""
        ca, cb = self.contexts[ma], self.contexts[mb]
        ba, bb = int(self.bases[ma]), int(self.bases[mb])
        la, lb = (i - ba).tolist(), (j - bb).tolist()
        near = Neighbours(
            zip(la, lb, sims.tolist()),
            self.bounds[ba : ba + len(ca.claims)],
            self.bounds[bb : bb + len(cb.claims)],
        )
        held = [
            (la[r], lb[r], float(score[r])) for r in np.flatnonzero(anchors).tolist()
        ]
        parallel = parallel_evidence(
            ca,
            cb,
            held,
            self.vectors[ba : ba + len(ca.claims)],
            self.vectors[bb : bb + len(cb.claims)],
        )
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
