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

2. Claim pairs (:func:`judge_arrays`, every candidate pair at once):

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
from typing import overload

import numpy as np

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
    "judge_arrays",
    "map_stance",
    "relatedness",
    "sameness",
    "stance_features",
    "stance_model",
    "stance_votes",
    "vote_leader",
    "vote_reason",
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


@overload
def _sigmoid(x: float) -> float: ...
@overload
def _sigmoid(x: np.ndarray) -> np.ndarray: ...
def _sigmoid(x):
    if isinstance(x, np.ndarray):
        return 1.0 / (1.0 + np.exp(-x))
    return 1.0 / (1.0 + math.exp(-x))


@overload
def relatedness(s: float) -> float: ...
@overload
def relatedness(s: np.ndarray) -> np.ndarray: ...
def relatedness(s):
    """How surely two claims of cosine *s* speak of one question, 0..1 (elementwise on arrays)."""
    return _sigmoid((s - REL_CENTRE) / REL_WIDTH)


@overload
def gap(margin: float) -> float: ...
@overload
def gap(margin: np.ndarray) -> np.ndarray: ...
def gap(margin):
    """How surely a pair stands out from its runners-up, 0..1 (elementwise on arrays).

    ``gap(m) = σ((m − MARGIN_CENTRE) / MARGIN_WIDTH)`` of the margin ``m``
    (:mod:`argmap.meaning.counterparts` explains it).
    """
    return _sigmoid((margin - MARGIN_CENTRE) / MARGIN_WIDTH)


@overload
def sameness(s: float, margin: float | None = None) -> float: ...
@overload
def sameness(s: np.ndarray, margin: np.ndarray | None = None) -> np.ndarray: ...
def sameness(s, margin=None):
    """How surely two claims of cosine *s* (same polarity) say the same thing, 0..1.

    With *margin* (:mod:`argmap.meaning.counterparts`: how far the pair
    stands out from each claim's runner-up in the other map) the score is
    multiplied by ``gap(margin)``: a claim about as close to two claims of
    the other map is the same as neither.  Elementwise on arrays.
    """
    same = _sigmoid((s - SAME_CENTRE) / SAME_WIDTH)
    if margin is not None:
        same = same * gap(margin)
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

    def p_conflict(self, f_flip, f_same, f_vote):
        """P(conflict) of the features (floats, or arrays elementwise)."""
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


def stance_votes(
    s: np.ndarray, side_x: np.ndarray, side_y: np.ndarray, flipped: np.ndarray
) -> np.ndarray:
    """Each candidate pair's term of ``f_vote``, elementwise (module docs).

    ``same(s) · (−side(x)·side(y))`` for pairs of claims on a side of their
    thesis, with the same polarity and ``s > VOTE_FLOOR``; 0 for the others.
    """
    eligible = (side_x != 0) & (side_y != 0) & (s > VOTE_FLOOR) & ~flipped
    return np.where(eligible, sameness(s) * (-side_x * side_y), 0.0)


def vote_leader(
    votes: np.ndarray, rows_a: np.ndarray, rows_b: np.ndarray
) -> int | None:
    """The position of the pair that most says "opposite sides": largest positive vote, then smallest rows."""
    positive = np.flatnonzero(votes > 0)
    if not len(positive):
        return None
    order = np.lexsort((rows_b[positive], rows_a[positive], -votes[positive]))
    return int(positive[order[0]])


def vote_reason(x: ClaimContext, y: ClaimContext) -> str:
    return (
        f'"{_short(x.text)}" ({x.map_id}) and "{_short(y.text)}" ({y.map_id}) '
        f"say the same, one for its thesis and one against"
    )


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
    kept = [(i, j, s) for i, j, s in candidates if (i, j) != (ta, tb)]
    rows_a = np.array([i for i, _, _ in kept], dtype=np.int64)
    rows_b = np.array([j for _, j, _ in kept], dtype=np.int64)
    sims = np.array([s for _, _, s in kept], dtype=np.float64)
    side_x = np.array([a_claims[i].side for i in rows_a.tolist()], dtype=np.int64)
    side_y = np.array([b_claims[j].side for j in rows_b.tolist()], dtype=np.int64)
    flipped = np.array(
        [
            compare(a_claims[i].polarity, b_claims[j].polarity).flipped
            for i, j, _ in kept
        ],
        dtype=bool,
    )
    votes = stance_votes(sims, side_x, side_y, flipped)
    f_vote = float(votes.sum())
    leader = vote_leader(votes, rows_a, rows_b)
    reason = ""
    if leader is not None:
        reason = vote_reason(
            a_claims[int(rows_a[leader])], b_claims[int(rows_b[leader])]
        )
    return f_flip, f_same, f_vote, contrast.cue if contrast.flipped else "", reason


def stance_reason(cue: str, vote_reason: str, p: float) -> str:
    """The one-line reason of a map stance (module docs)."""
    if cue:
        return f"opposite conclusions on one question: {cue}"
    if vote_reason and p > 0.5:
        return f"the maps argue opposite sides: {vote_reason}"
    if p > 0.5:
        return "the maps' theses and claims point opposite ways"
    return "the maps argue the same side"


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
    p = float(model.p_conflict(f_flip, f_same, f_vote))
    reason = stance_reason(cue, vote_reason, p)
    return MapStance(p, (ta, tb), reason, (f_flip, f_same, f_vote))


@dataclass(frozen=True)
class Judgement:
    """What one claim is to another, how surely (0..1), and why in one line.

    For ``supports`` and ``attacks`` *forward* tells the direction: ``True``
    when the pair's first claim is the source.
    """

    kind: str
    score: float
    reason: str
    forward: bool = True


#: Kind codes of :func:`judge_arrays` (indices into :data:`KINDS`).
SAME, CONTRADICTS, SUPPORTS, ATTACKS, UNRELATED = range(5)


def judge_arrays(
    s: np.ndarray,
    margin: np.ndarray | None,
    flipped: np.ndarray,
    side_x: np.ndarray,
    side_y: np.ndarray,
    deeper_first: np.ndarray,
    agreement: np.ndarray,
    model: StanceModel | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(kind code, score, forward)`` of many claim pairs at once (module docs, level 2).

    Elementwise over pairs: cosine *s*, *margin* over the runners-up (or
    None: the cosine alone), whether their polarity is *flipped*, the two
    claims' sides, whether the first claim is the deeper (or as deep), and
    the *agreement* of their maps (``1 − 2·P(conflict)``; 0 when the stance
    is unknown).  Kind codes index :data:`KINDS`.
    """
    model = model or stance_model()
    s = np.asarray(s, dtype=np.float64)
    rel = relatedness(s)
    agreement = np.where(np.abs(agreement) < CONFIDENT, 0.0, agreement)
    sure = np.abs(agreement)
    # +1: the two claims argue the same side of the maps' question, -1
    # opposite sides, 0 unknown
    sides = side_x * side_y * np.where(agreement > 0, 1, -1) * (agreement != 0)
    same = sameness(s, margin)
    kind = np.full(len(s), UNRELATED, dtype=np.int8)
    score = 1.0 - rel
    forward = np.ones(len(s), dtype=bool)

    related = (same < 0.5) & (rel >= 0.5) & (sides != 0)
    kind[related] = np.where(sides[related] > 0, SUPPORTS, ATTACKS)
    score = np.where(related, rel * sure * STRUCTURE_WEIGHT, score)
    forward[related] = deeper_first[related]

    alike = same >= 0.5
    attack = same * sure * STRUCTURE_WEIGHT
    kept = np.where(sides < 0, same * (1.0 - sure), same)
    attacks = alike & (sides < 0) & (attack > kept)
    kind[alike & ~attacks] = SAME
    score = np.where(alike & ~attacks, kept, score)
    kind[attacks] = ATTACKS
    score = np.where(attacks, attack, score)
    forward[attacks] = deeper_first[attacks]

    kind[flipped] = CONTRADICTS
    score = np.where(flipped, rel * model.cue_precision, score)
    forward[flipped] = True
    return kind, score, forward


def verdict_reason(kind: int, s: float, same: float, opposite: bool, cue: str) -> str:
    """The one-line reason of a verdict of :func:`judge_arrays`.

    *same*: the pair's sameness (which attack it is); *opposite*: the claims
    stand on opposite sides of their own maps' theses; *cue*: the polarity
    cue when flipped.
    """
    if kind == CONTRADICTS:
        return f"opposite claims on one question: {cue}"
    if kind == SAME:
        reason = "same claim, reworded" if s < 0.9 else "same claim"
        if opposite:
            reason += " (one map argues from it for its thesis, the other against)"
        return reason
    if kind == ATTACKS:
        if same >= 0.5:
            return "similar claims on opposite sides of the maps' disagreement"
        return "related claims on opposite sides of the maps' question"
    if kind == SUPPORTS:
        return "related claims on the same side of the maps' question"
    return ""
