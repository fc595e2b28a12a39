"""Judging a pair of claims from different maps: same, contradicts, supports, attacks.

Inputs are claims in their maps (:class:`~argmap.meaning.context.ClaimContext`:
side of the map's thesis, depth, polarity) and the cosine similarity ``s``
of their sentence embeddings.  Two levels:

1. Map stance (:func:`map_stance`) — do two maps argue the same side of one
   question or opposite sides?  A logistic model,
   ``P(conflict) = σ(b + w_flip·f_flip + w_same·f_same + w_vote·f_vote)``, over

   * ``f_flip``: 1 when the polarity cues of the two theses are opposite
     (:func:`argmap.meaning.polarity.compare`), else 0;
   * ``f_same = −rel(s_t)`` when the cues are *not* opposite, else 0: the
     absence of a cue is evidence of agreement only in so far as the theses
     speak of one thing, ``rel(s) = σ((s − 0.45) / 0.05)`` of their cosine
     ``s_t`` (an opposite cue is evidence of conflict even between theses
     worded apart);
   * ``f_vote = Σ_k same(s_k) · (−side(x)·side(y))`` over the other
     cross-map candidate pairs ``k = (x, y)`` of claims on a side of their
     thesis, with the same polarity and ``s_k > 0.4``: positive when one
     claim is argued for one thesis and against the other ("A grants the
     thaw and argues against what is drawn from it; B argues from it").

   The weights are fitted on the argumentative microtext corpus part 1
   (pairs of texts on one topic: opposite stance or not), evaluated
   leave-one-topic-out by ``bench/bench_align.py``, and shipped in
   ``stance.json`` beside this module (CC BY-NC-SA 4.0, as the corpus).

2. Claim pair (:func:`judge`):

   * opposite polarity → ``contradicts``, score ``rel(s) · p_cue``, where
     ``p_cue`` is the share of cue-flipped thesis pairs that really
     conflict in the corpus (``stance.json``); never ``same``;
   * else ``same`` when ``s`` is high and the pair stands out from both
     claims' runners-up in the other map: score
     ``σ((s − 0.55) / 0.04) · gap(margin)`` (:mod:`argmap.meaning.counterparts`);
     when the two maps are known to disagree (or agree) — ``|a| ≥ 0.5`` — and the two claims
     stand on sides that this makes opposite, the score is scaled by
     ``1 − |a|`` and the pair is judged ``attacks`` instead when that
     scores more (``a = 1 − 2·P(conflict)``, the maps' agreement);
   * else, for related claims (``rel(s) ≥ 0.5``) of maps whose agreement
     is known (``|a| ≥ 0.5``), ``supports`` or ``attacks`` from the deeper claim to the
     shallower (the one nearer its thesis): the sign of
     ``side(x)·side(y)·a`` decides, score ``rel(s)·|a|·0.6``;
   * else ``unrelated``.

Every judgement carries a one-line reason naming the cue.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

from argmap.meaning.context import ClaimContext
from argmap.meaning.polarity import compare

__all__ = [
    "KINDS",
    "MARGIN_CENTRE",
    "MARGIN_WIDTH",
    "Judgement",
    "MapStance",
    "StanceModel",
    "gap",
    "judge",
    "map_stance",
    "relatedness",
    "sameness",
    "stance_features",
    "stance_model",
]

KINDS = ("same", "contradicts", "supports", "attacks", "unrelated")

#: Centre and width of the relatedness curve: USE cosines of claims on one
#: question sit around 0.4–0.7; unrelated sentences below 0.3.
REL_CENTRE, REL_WIDTH = 0.45, 0.05
#: Centre and width of the sameness curve (paraphrases and translations: 0.6–0.8).
SAME_CENTRE, SAME_WIDTH = 0.55, 0.04
#: Centre and width of the margin curve (:func:`gap`): a pair must stand out
#: from each claim's runner-up by about 0.05 of cosine to count as each
#: other's match.
MARGIN_CENTRE, MARGIN_WIDTH = 0.05, 0.02
#: Candidate pairs with a similarity below this carry no structural vote.
VOTE_FLOOR = 0.4
#: A map stance is used to read sides only when |agreement| reaches this
#: (P(conflict) below 0.25 or above 0.75).
CONFIDENT = 0.5
#: Ceiling of a supports/attacks score inferred from structure alone.
STRUCTURE_WEIGHT = 0.6


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def relatedness(s: float) -> float:
    """How surely two claims of cosine *s* speak of one question, 0..1."""
    return _sigmoid((s - REL_CENTRE) / REL_WIDTH)


def gap(margin: float) -> float:
    """How surely a pair stands out from its runners-up, 0..1.

    ``gap(m) = σ((m − MARGIN_CENTRE) / MARGIN_WIDTH)`` of the margin ``m``
    (:mod:`argmap.meaning.counterparts` explains it).
    """
    return _sigmoid((margin - MARGIN_CENTRE) / MARGIN_WIDTH)


def sameness(s: float, margin: float | None = None) -> float:
    """How surely two claims of cosine *s* (same polarity) say the same thing, 0..1.

    With *margin* (:mod:`argmap.meaning.counterparts`: how far the pair
    stands out from each claim's runner-up in the other map) the score is
    multiplied by ``gap(margin)``: a claim about as close to two claims of
    the other map is the same as neither.
    """
    same = _sigmoid((s - SAME_CENTRE) / SAME_WIDTH)
    if margin is not None:
        same *= gap(margin)
    return same


@dataclass(frozen=True)
class StanceModel:
    """The fitted weights of the map-stance model (see the module docs)."""

    bias: float
    w_flip: float
    w_same: float
    w_vote: float
    #: P(conflict | the theses' cues are opposite), for contradiction scores.
    cue_precision: float

    def p_conflict(self, f_flip: float, f_same: float, f_vote: float) -> float:
        return _sigmoid(
            self.bias
            + self.w_flip * f_flip
            + self.w_same * f_same
            + self.w_vote * f_vote
        )


@cache
def stance_model() -> StanceModel:
    """The weights shipped in ``stance.json`` (fitted by ``bench/bench_align.py --fit``)."""
    data = json.loads(
        resources.files("argmap.meaning").joinpath("stance.json").read_text("utf-8")
    )
    w = data["weights"]
    return StanceModel(
        w["bias"], w["w_flip"], w["w_same"], w["w_vote"], w["cue_precision"]
    )


@dataclass(frozen=True)
class MapStance:
    """Whether two maps argue the same side of one question, and why."""

    p_conflict: float
    #: The thesis pair (row in map A, row in map B) the stance is about.
    theses: tuple[int, int] | None
    reason: str
    #: The model's inputs (f_flip, f_same, f_vote), for explanations and tests.
    features: tuple[float, float, float] = (0.0, 0.0, 0.0)

    @property
    def agreement(self) -> float:
        """+1: the maps argue the same side; −1: opposite sides; 0: unknown."""
        return 1.0 - 2.0 * self.p_conflict


UNKNOWN_STANCE = MapStance(0.5, None, "")


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def stance_features(
    a_claims: list[ClaimContext],
    b_claims: list[ClaimContext],
    thesis_pair: tuple[int, int],
    thesis_similarity: float,
    candidates: list[tuple[int, int, float]],
) -> tuple[float, float, float, str, str]:
    """``(f_flip, f_same, f_vote, thesis cue, vote reason)`` for two maps (module docs).

    *candidates* are ``(row in A, row in B, cosine)`` pairs.
    """
    ta, tb = thesis_pair
    contrast = compare(a_claims[ta].polarity, b_claims[tb].polarity)
    f_flip = 1.0 if contrast.flipped else 0.0
    f_same = 0.0 if contrast.flipped else -relatedness(thesis_similarity)
    num = den = 0.0
    best: tuple[float, int, int] | None = None
    for i, j, s in candidates:
        if (i, j) == (ta, tb):
            continue
        x, y = a_claims[i], b_claims[j]
        if x.side == 0 or y.side == 0 or s <= VOTE_FLOOR:
            continue
        if compare(x.polarity, y.polarity).flipped:
            continue
        w = sameness(s)
        c = -x.side * y.side
        num += w * c
        den += w
        if c > 0 and (best is None or (-w, i, j) < (-best[0], best[1], best[2])):
            best = (w, i, j)
    f_vote = num
    reason = ""
    if best is not None:
        _, i, j = best
        x, y = a_claims[i], b_claims[j]
        reason = (
            f'"{_short(x.text)}" ({x.map_id}) and "{_short(y.text)}" ({y.map_id}) '
            f"say the same, one for its thesis and one against"
        )
    return f_flip, f_same, f_vote, contrast.cue if contrast.flipped else "", reason


def map_stance(
    a_claims: list[ClaimContext],
    b_claims: list[ClaimContext],
    thesis_pairs: list[tuple[int, int, float]],
    candidates: list[tuple[int, int, float]],
    model: StanceModel | None = None,
) -> MapStance:
    """The stance of map A against map B (module docs, level 1).

    *thesis_pairs* are ``(thesis row in A, thesis row in B, cosine)``; the
    most similar pair is judged.  Without a thesis on either side the
    stance is unknown.
    """
    if not thesis_pairs:
        return UNKNOWN_STANCE
    model = model or stance_model()
    ta, tb, s = min(thesis_pairs, key=lambda t: (-t[2], t[0], t[1]))
    f_flip, f_same, f_vote, cue, vote_reason = stance_features(
        a_claims, b_claims, (ta, tb), s, candidates
    )
    p = model.p_conflict(f_flip, f_same, f_vote)
    if cue:
        reason = f"opposite conclusions on one question: {cue}"
    elif vote_reason and p > 0.5:
        reason = f"the maps argue opposite sides: {vote_reason}"
    elif p > 0.5:
        reason = "the maps' theses and claims point opposite ways"
    else:
        reason = "the maps argue the same side"
    return MapStance(p, (ta, tb), reason, (f_flip, f_same, f_vote))


@dataclass(frozen=True)
class Judgement:
    """What one claim is to another, how surely (0..1), and why in one line.

    For ``supports`` and ``attacks`` *forward* tells the direction: ``True``
    when the first claim given to :func:`judge` is the source.
    """

    kind: str
    score: float
    reason: str
    forward: bool = True


def judge(
    x: ClaimContext,
    y: ClaimContext,
    s: float,
    stance: MapStance = UNKNOWN_STANCE,
    model: StanceModel | None = None,
    margin: float | None = None,
) -> Judgement:
    """Judge claims *x* and *y* of different maps, with cosine *s* (module docs, level 2).

    *margin* is the pair's margin over the claims' runners-up
    (:class:`argmap.meaning.counterparts.Neighbours`); ``None`` judges the
    cosine alone.
    """
    model = model or stance_model()
    contrast = compare(x.polarity, y.polarity)
    rel = relatedness(s)
    if contrast.flipped:
        score = rel * model.cue_precision
        return Judgement(
            "contradicts", score, f"opposite claims on one question: {contrast.cue}"
        )
    agreement = stance.agreement if stance.theses is not None else 0.0
    if abs(agreement) < CONFIDENT:
        agreement = 0.0  # an unsure stance says nothing about sides
    # Which way the structure points: +1 the two claims argue the same side of
    # the maps' question, -1 opposite sides, 0 unknown.
    sides = x.side * y.side * (1 if agreement > 0 else -1) if agreement else 0
    deeper_first = (x.depth if x.depth is not None else 99) >= (
        y.depth if y.depth is not None else 99
    )
    same = sameness(s, margin)
    if same >= 0.5:
        if sides < 0:
            attack = same * abs(agreement) * STRUCTURE_WEIGHT
            same *= 1.0 - abs(agreement)
            if attack > same:
                return Judgement(
                    "attacks",
                    attack,
                    "similar claims on opposite sides of the maps' disagreement",
                    deeper_first,
                )
        reason = "same claim, reworded" if s < 0.9 else "same claim"
        if x.side * y.side < 0:
            reason += " (one map argues from it for its thesis, the other against)"
        return Judgement("same", same, reason)
    if rel >= 0.5 and sides:
        score = rel * abs(agreement) * STRUCTURE_WEIGHT
        if sides > 0:
            return Judgement(
                "supports",
                score,
                "related claims on the same side of the maps' question",
                deeper_first,
            )
        return Judgement(
            "attacks",
            score,
            "related claims on opposite sides of the maps' question",
            deeper_first,
        )
    return Judgement("unrelated", 1.0 - rel, "")
