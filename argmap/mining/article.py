"""Where an article states its thesis: lead and conclusion, centrality, headline.

The model is fitted on microtexts: one paragraph of about five units, where
a unit's position in the text says most about whether it is the central
claim.  A long article has signals the microtexts cannot teach, and its
units all sit far from both ends, so the model's P(central claim) is small
everywhere and its choice close to arbitrary.  For a text of at least
:data:`ARTICLE_PARAGRAPHS` paragraphs (never a microtext), the thesis is
chosen by three principles of essays and news articles:

1. **Lead or conclusion.**  The thesis is stated in the first paragraph or
   restated in the last: only their sentences are candidates.
2. **Central in meaning.**  The thesis is what the rest of the article is
   about (the centroid principle of extractive summarisation) and what the
   headline announces.  A candidate sentence *S* scores

       s(S) = z(c_S) + z(t_S)

   where *c_S* is the mean cosine of *S*'s embedding with every other
   sentence's, *t_S* its cosine with the title's, and *z* the z-score over
   all sentences of the text (*t* is left out without a title).
3. **"X, but Y": Y is the writer's.**  In the best sentence, the unit that
   opens with a contrast marker after another unit ("..., but Y") carries
   the claim; the clause before it concedes (in microtext part 1, 21 of the
   23 "but" clauses that follow a clause of their own sentence are the
   proponent's and attack that clause).  Otherwise the sentence's unit with
   the highest P(central claim).

The choice enters decoding as P(central claim) (:func:`thesis_prior`): the
chosen unit's becomes at least :data:`THESIS_P`, every other unit's at most
1 - :data:`THESIS_P`, so the tree's root is the chosen unit unless the
attachment scores overrule it by a wide margin.

The part-1 cross-validation cannot measure this (every microtext is one
paragraph: the rule never fires there, and its figures are unchanged).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from argmap.mining.features import CATEGORIES, markers
from argmap.mining.segment import Segmentation

if TYPE_CHECKING:
    from argmap.mining.predict import Vectors

__all__ = ["ARTICLE_PARAGRAPHS", "THESIS_P", "ArticleThesis", "thesis_prior"]

#: A text is an article (and the rule applies) from this many paragraphs.
ARTICLE_PARAGRAPHS = 3
#: The chosen unit's P(central claim) at least this, every other's at most 1 minus it.
THESIS_P = 0.95
_CONTRAST = CATEGORIES.index("contrast")


@dataclass(frozen=True)
class ArticleThesis:
    """The unit the article-level rule chose, and why."""

    unit: int
    #: ``lead`` or ``conclusion``.
    place: str
    centrality: float
    title_similarity: float | None
    score: float
    #: True when the unit was picked as the "but" clause of its sentence.
    contrast_clause: bool


def _z(values: np.ndarray) -> np.ndarray:
    spread = float(values.std())
    return (values - values.mean()) / spread if spread > 1e-9 else np.zeros_like(values)


def choose(seg: Segmentation, vectors: Vectors, cc: np.ndarray) -> ArticleThesis | None:
    """The article's thesis unit by the module's principles; None when *seg* is not an article."""
    units = seg.units
    paragraphs = sorted({u.paragraph for u in units})
    if len(paragraphs) < ARTICLE_PARAGRAPHS:
        return None
    sentences = sorted({u.sentence for u in units})
    if len(sentences) < 2:
        return None
    first_unit = {
        s: next(k for k, u in enumerate(units) if u.sentence == s) for s in sentences
    }
    matrix = vectors.sentences[[first_unit[s] for s in sentences]].astype(np.float64)
    sims = matrix @ matrix.T
    m = len(sentences)
    centrality = (sims.sum(axis=1) - np.diag(sims)) / (m - 1)
    score = _z(centrality)
    title: np.ndarray | None = None
    if vectors.title is not None:
        title = matrix @ vectors.title.astype(np.float64)
        score = score + _z(title)
    lead, last = paragraphs[0], paragraphs[-1]
    place_of = {u.sentence: u.paragraph for u in units}
    candidates = [k for k, s in enumerate(sentences) if place_of[s] in (lead, last)]
    best = max(candidates, key=lambda k: (score[k], -k))
    members = [k for k, u in enumerate(units) if u.sentence == sentences[best]]
    contrast = [
        k for k in members[1:] if markers(units[k].text, seg.language)[0][_CONTRAST]
    ]
    unit = contrast[-1] if contrast else max(members, key=lambda k: (cc[k], -k))
    return ArticleThesis(
        unit,
        "lead" if place_of[sentences[best]] == lead else "conclusion",
        float(centrality[best]),
        float(title[best]) if title is not None else None,
        float(score[best]),
        bool(contrast),
    )


def thesis_prior(cc: np.ndarray, chosen: ArticleThesis | None) -> np.ndarray:
    """P(central claim) with the article rule's choice made decisive (see the module docstring)."""
    if chosen is None:
        return cc
    out = np.minimum(cc, 1 - THESIS_P)
    out[chosen.unit] = max(float(cc[chosen.unit]), THESIS_P)
    return out
