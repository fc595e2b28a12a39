"""Reading two maps side by side: margins, parallel structure, and objections that voice the other map.

Cosine similarities of sentence embeddings are not calibrated: an abstract
claim may sit at 0.6 from several claims of another map at once (a *hub*),
while the one claim that says the same thing in other words sits at 0.35.
This module adds the evidence that is relative to the two maps — how a pair
stands out from each claim's other partners, and how the maps' structures
line up — and reads one pattern of disagreement from it.

Margins (relative sameness)
    For claims *x* of map A and *y* of map B with cosine ``s``, the *runner-up*
    of *x* in B is the best cosine of *x* to a claim of B other than *y*
    (:class:`Neighbours`).  The pair's margin is
    ``m = s − max(runner-up of x in B, runner-up of y in A)``: positive only
    when each claim is the other's best match in its map, large when both
    stand out.  This is the ratio/margin criterion of bitext mining with
    multilingual sentence embeddings (a translation is the mutual best match
    by a margin) applied to claims, and it removes hubs: a claim that is
    about as similar to two claims of the other map says neither of them.
    Partners that the candidate search did not keep are bounded by the
    claim's k-th best cosine (or the search floor), so the runner-up is an
    upper bound and the margin a lower one.

Parallel structure
    When *a* ≈ *b* (an *anchor*: judged the same claim) and, in their maps,
    *a* and *b* have a relation of the same kind and direction to *x* and
    *y* (*a* supports *x* in A, *b* supports *y* in B), then *x* and *y*
    are likely counterparts — the same inference drawn from the same premise
    — whatever their wording.  Their evidence is
    ``e(x, y) = s(x, y) + BETA · same(a, b)`` (the best anchor), and ``e = s``
    for pairs without a parallel anchor.  ``BETA`` is a prior, not fitted:
    a perfect anchor counts as much as a quarter of the cosine scale, about
    the gap between paraphrases and claims merely on one topic (USE v3).

Objections voice the other side (:func:`voicings`)
    A map states the other side's claims in order to answer them: its
    objections, and whatever else stands against its thesis (side −1 in
    :mod:`argmap.meaning.context`).  Some it *denies* (a claim of the map
    rebuts it); others it concedes and answers by undercutting what is drawn
    from them.  When *x* is denied by A and stands on A's opposing side, and
    its best counterpart in B — by evidence ``e``, by a margin over the
    runner-up — is a claim *y* that B argues *for* its thesis (side +1), with
    no polarity flip between them, and the two are counterparts by parallel
    structure or the same claim (sameness with margin at least 0.5), then B
    is the opponent that *x* voices.
    The same claim on opposite sides of two maps is the strongest evidence
    of a clash there is, and A's own relations say where the clash lies:

    * A's attacks made *by* *x* (``x rebuts t``) become suggestions
      ``y rebuts t``: B's claim does what A's objection does;
    * A's attacks *on* *x* (``u rebuts x``) become ``u rebuts y``: A's
      answers to the objection answer B.

    The score of a structural voicing is ``rel(e) · gap(m_e)`` with ``rel``
    the relatedness curve of :mod:`argmap.meaning.judge`, ``m_e`` the margin
    of *y* over *x*'s runner-up in B (by ``e``) and
    ``gap(m) = σ((m − MARGIN_CENTRE) / MARGIN_WIDTH)``: looser than
    ``same_as`` (relatedness, not sameness) because the maps' structure
    carries part of the evidence; a voicing by sameness scores its sameness.
    Suggestions inherit it.

    Why so strict: on microtext part 1 (pairs of texts on one topic) the
    loose rule — any opposing-side claim whose best match the other text
    argues — fires on 45 of 225 pairs with a conflict precision of 0.40, no
    better than the share of conflicting pairs (0.39): short texts concede
    many objections, and a text often argues the *contrary* of another's
    objection in words no cue catches.  Requiring denial and structure or
    sameness leaves 2 pairs there (``bench/bench_align.py`` prints the
    figures); the rule is for maps with enough structure to read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from argmap.meaning.context import ClaimContext, MapContext
from argmap.meaning.judge import MARGIN_CENTRE, MARGIN_WIDTH, gap, relatedness, sameness
from argmap.meaning.polarity import compare

__all__ = [
    "BETA",
    "MARGIN_CENTRE",
    "MARGIN_WIDTH",
    "Neighbours",
    "Transfer",
    "Voicing",
    "gap",
    "parallel_evidence",
    "transfers",
    "voicings",
]

#: Weight of a parallel anchor in the evidence of a pair (a prior; module docs).
BETA = 0.25
#: Least evidence for a voicing (a cosine at which claims are on one question).
VOICE_FLOOR = 0.4


class Neighbours:
    """The cosines known between the claims of two maps, and their runners-up.

    *pairs* are ``(row in A, row in B, cosine)``; *bound_a* / *bound_b*
    bound the cosine of any pair not listed, per claim (module docs).
    """

    def __init__(
        self,
        pairs: Iterable[tuple[int, int, float]],
        bound_a: np.ndarray,
        bound_b: np.ndarray,
    ) -> None:
        self.sims: dict[tuple[int, int], float] = {}
        self.of_a: dict[int, list[tuple[float, int]]] = defaultdict(list)
        self.of_b: dict[int, list[tuple[float, int]]] = defaultdict(list)
        for i, j, s in pairs:
            self.add(i, j, s)
        self.bound_a, self.bound_b = bound_a, bound_b

    def add(self, i: int, j: int, s: float) -> None:
        if (i, j) in self.sims:
            return
        self.sims[(i, j)] = s
        self.of_a[i].append((s, j))
        self.of_b[j].append((s, i))

    def runner_up_a(self, i: int, j: int) -> float:
        """Best cosine of A's claim *i* to a claim of B other than *j* (an upper bound)."""
        known = max((s for s, jj in self.of_a.get(i, ()) if jj != j), default=-1.0)
        return max(known, float(self.bound_a[i]))

    def runner_up_b(self, j: int, i: int) -> float:
        known = max((s for s, ii in self.of_b.get(j, ()) if ii != i), default=-1.0)
        return max(known, float(self.bound_b[j]))

    def margin(self, i: int, j: int) -> float:
        """``s − max(runner-ups)`` of the pair (module docs)."""
        s = self.sims[(i, j)]
        return s - max(self.runner_up_a(i, j), self.runner_up_b(j, i))


def parallel_evidence(
    a: MapContext,
    b: MapContext,
    anchors: Iterable[tuple[int, int, float]],
    vectors_a: np.ndarray,
    vectors_b: np.ndarray,
) -> dict[tuple[int, int], tuple[float, float, int, int]]:
    """``{(x, y): (cosine, anchor sameness, anchor row in A, anchor row in B)}``.

    For every anchor ``(a, b, sameness)`` and every pair of claims related
    to *a* in A and to *b* in B by relations of one kind and direction, the
    best anchor of the pair (module docs, *parallel structure*).
    """
    adj_a, adj_b = a.adjacent, b.adjacent
    out: dict[tuple[int, int], tuple[float, float, int, int]] = {}
    for ra, rb, weight in sorted(anchors, key=lambda t: (-t[2], t[0], t[1])):
        for x, kind, direction in adj_a.get(ra, ()):
            for y, kind_b, direction_b in adj_b.get(rb, ()):
                if kind != kind_b or direction != direction_b or (x, y) == (ra, rb):
                    continue
                held = out.get((x, y))
                if held is None or weight > held[1]:
                    s = float(vectors_a[x] @ vectors_b[y])
                    out[(x, y)] = (s, weight, ra, rb)
    return out


@dataclass(frozen=True)
class Voicing:
    """Claim *opponent* of one map voices claim *proponent* of another (module docs)."""

    #: The map that states the claim against its own thesis, and its row.
    voicing: MapContext
    opponent: int
    #: The map that argues the claim, and its row.
    argued: MapContext
    proponent: int
    score: float
    evidence: float
    margin: float
    #: The anchor pair that made the two counterparts, if structure did.
    anchor: tuple[str, str] | None = None


def _voicings_one_way(
    a: MapContext,
    b: MapContext,
    near: Neighbours,
    parallel: dict[tuple[int, int], tuple[float, float, int, int]],
    flipped: bool,
) -> list[Voicing]:
    """Claims of A on A's opposing side voicing claims B argues (*flipped*: A is the map listed second)."""
    evidence: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in near.sims.items():
        x, y = (j, i) if flipped else (i, j)
        evidence[x][y] = s
    for (i, j), (s, weight, _, _) in parallel.items():
        x, y = (j, i) if flipped else (i, j)
        evidence[x][y] = s + BETA * weight
    denied = {target for _, kind, target in a.relations if kind == "rebuts"}
    out = []
    for x in sorted(evidence):
        if a.claims[x].side >= 0 or x not in denied:
            continue
        ranked = sorted(evidence[x].items(), key=lambda item: (-item[1], item[0]))
        y, e = ranked[0]
        if b.claims[y].side <= 0 or e < VOICE_FLOOR:
            continue
        if compare(a.claims[x].polarity, b.claims[y].polarity).flipped:
            continue
        key = (y, x) if flipped else (x, y)
        anchor = None
        if key in parallel:
            bound = near.bound_b[x] if flipped else near.bound_a[x]
            runner = max(ranked[1][1] if len(ranked) > 1 else -1.0, float(bound))
            margin = e - runner
            score = relatedness(e) * gap(margin)
            _, _, ra, rb = parallel[key]
            pa, pb = (rb, ra) if flipped else (ra, rb)
            anchor = (a.claims[pa].ref, b.claims[pb].ref)
        elif key in near.sims:
            margin = near.margin(*key)
            score = sameness(e, margin)
        else:  # pragma: no cover - evidence comes from near or parallel
            continue
        if score < 0.5:
            continue
        out.append(Voicing(a, x, b, y, score, e, margin, anchor))
    return out


def voicings(
    a: MapContext,
    b: MapContext,
    near: Neighbours,
    parallel: dict[tuple[int, int], tuple[float, float, int, int]],
) -> list[Voicing]:
    """Voicings in both directions between maps *a* and *b* (module docs)."""
    return _voicings_one_way(a, b, near, parallel, False) + _voicings_one_way(
        b, a, near, parallel, True
    )


@dataclass(frozen=True)
class Transfer:
    """A relation suggested by a voicing: ``source kind target``, with its reason."""

    kind: str
    source: ClaimContext
    target: ClaimContext
    score: float
    reason: str
    #: The weight of the relation of the voicing map that it carries over.
    weight: float = 1.0


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def transfers(v: Voicing) -> list[Transfer]:
    """The attacks of the voicing map around the voiced claim, carried to the claim it voices."""
    a, b = v.voicing, v.argued
    x, y = a.claims[v.opponent], b.claims[v.proponent]
    how = " (both drawn from one premise they share)" if v.anchor else ""
    out = []
    for (source, kind, target), weight in zip(a.relations, a.weights):
        if kind != "rebuts":
            continue
        if source == v.opponent and target != v.opponent:
            t = a.claims[target]
            out.append(
                Transfer(
                    "rebuts",
                    y,
                    t,
                    v.score,
                    f"{b.map_id} argues what {a.map_id} raises as an objection to "
                    f'"{_short(t.text, 40)}" and rebuts: '
                    f'"{_short(x.text, 50)}"{how}',
                    # B argues y outright: A's weight for its own objection's
                    # attack is A's discount of the opponent, not B's view
                    1.0,
                )
            )
        elif target == v.opponent and source != v.opponent:
            u = a.claims[source]
            out.append(
                Transfer(
                    "rebuts",
                    u,
                    y,
                    v.score,
                    f"{a.map_id} rebuts this claim where it raises it as an objection: "
                    f'"{_short(x.text, 50)}"{how}',
                    weight,
                )
            )
    return out
