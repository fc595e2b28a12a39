"""Objection cues: floors on P(opponent) and P(attack) from the words of a unit.

A unit has the *objection cue* (:func:`objection_cue`) when it opens with a
concession marker ("of course", "admittedly", "it is true that", "물론",
"当然") or reports another voice ("critics", "some argue", "concerns",
"worry that", "일각에서는", "우려", "有人认为", "担心"; the ``opponent``
category of :data:`~argmap.mining.features.MARKERS`) without a
first-person marker, and does not open with a contrast marker (a unit
that does — "But these concerns are overblown" — is the writer's reply:
on part 1, the 4 such units are all the proponent's).  The model reads the same markers as features, but
learns their weight in the positions where microtexts put them; an article
voices the other side far from those positions and in words the microtexts
rarely use ("China has expressed concerns over ..."), so the model's
P(opponent) there can be low even when the words are plain.

So every unit with the cue gets (:func:`objection_prior`)

    P(opponent) ≥ (o + 1) / (n + 2),   P(attack) ≥ (a + 1) / (m + 2)

where, counted on the training corpus when the model was fitted
(:func:`cue_counts`, kept in the weights file as
:attr:`~argmap.mining.model.Model.cues`), *n* units had the cue and *o* of
them were the opponent's, and *a* of the *m* that were not the central
claim attacked (Laplace's rule of succession).  On microtext part 1: 39 of
44 and 40 of 44; fitted on nine folds of ten, the rate predicts the held-out
folds' share (0.87 against 0.89 observed; ``bench/bench_articles.py``).
The unit an article's thesis rule chose is left alone.  The floors raise
the probabilities the attachment model's stacked columns read, so a reply
("But ...") attaches to the objection before it.

Measured: on part 1 cross-validation (``bench/bench_extract.py``, five
shuffles) the floors and the opponent words added with them ("concerns",
"worry that", "warned", ...) raise role and function macro-F1 by 0.004 to
0.005, within the noise; on the project's article set
(``bench/bench_articles.py``) they find objections the model alone misses.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from argmap.mining.features import CATEGORIES, markers
from argmap.mining.segment import Segmentation

__all__ = ["COUNTS", "counts_problem", "cue_counts", "objection_cue", "objection_prior"]

#: The objection cue's counts (:func:`cue_counts`), as the weights file keeps them.
COUNTS = ("units", "opponent", "related", "attack")

_CONCESSION = CATEGORIES.index("concession")
_CONTRAST = CATEGORIES.index("contrast")
_OPPONENT = CATEGORIES.index("opponent")
_FIRST_PERSON = CATEGORIES.index("first_person")


def objection_cue(text: str, language: str) -> bool:
    """Whether the unit *text* voices the other side by its words (see the module docstring)."""
    opening, anywhere = markers(text, language)
    if opening[_CONTRAST]:  # "But these concerns are overblown": the writer replies
        return False
    return bool(
        opening[_CONCESSION] or (anywhere[_OPPONENT] and not anywhere[_FIRST_PERSON])
    )


def cue_counts(
    units: Sequence[tuple[str, str, str, str]],
) -> dict[str, int]:
    """The objection cue's counts over gold units (text, language, role, function).

    ``units``: how many had the cue; ``opponent``: of those, the
    opponent's; ``related``: of those, not the central claim; ``attack``:
    of the related, attacking.
    """
    counts = {"units": 0, "opponent": 0, "related": 0, "attack": 0}
    for text, language, role, function in units:
        if not objection_cue(text, language):
            continue
        counts["units"] += 1
        counts["opponent"] += role == "opp"
        if function != "cc":
            counts["related"] += 1
            counts["attack"] += function == "attack"
    return counts


def counts_problem(counts: object) -> str | None:
    """What is wrong with the objection cue's *counts* read from a weights
    file, or None: all of :data:`COUNTS`, whole numbers from 0, with
    ``opponent`` and ``related`` at most ``units`` and ``attack`` at most
    ``related`` (so each floor is a probability)."""
    if not isinstance(counts, dict):
        return "not a mapping of counts"
    missing = [name for name in COUNTS if name not in counts]
    if missing:
        return f"no {', '.join(missing)}"
    if not all(type(counts[n]) is int and counts[n] >= 0 for n in COUNTS):
        return "counts are whole numbers from 0"
    if not (
        counts["opponent"] <= counts["units"]
        and counts["attack"] <= counts["related"] <= counts["units"]
    ):
        return "opponent and related are at most units, attack at most related"
    return None


def objection_prior(
    seg: Segmentation,
    opp: np.ndarray,
    attack: np.ndarray,
    counts: dict[str, int] | None,
    thesis: int | None,
) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """P(opponent) and P(attack) with the objection cue's rates as floors, and the units raised.

    Only with the cue's *counts* from training (a model fitted without them
    leaves the probabilities as they are); never for the unit *thesis*.
    """
    if not counts or not counts.get("units"):
        return opp, attack, []
    p_opp = (counts["opponent"] + 1) / (counts["units"] + 2)
    p_attack = (counts["attack"] + 1) / (counts["related"] + 2)
    cued = [
        k
        for k, u in enumerate(seg.units)
        if k != thesis and objection_cue(u.text, seg.language)
    ]
    if not cued:
        return opp, attack, []
    opp, attack = opp.copy(), attack.copy()
    opp[cued] = np.maximum(opp[cued], p_opp)
    attack[cued] = np.maximum(attack[cued], p_attack)
    return opp, attack, cued
