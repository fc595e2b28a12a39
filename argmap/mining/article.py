"""Where an article states its thesis: lead and conclusion, centrality, headline, position.

The model is fitted on microtexts: one paragraph of about five units, where
a unit's position in the text says most about whether it is the central
claim.  A long article has signals the microtexts cannot teach, and its
units all sit far from both ends, so the model's P(central claim) is small
everywhere and its choice close to arbitrary.  For a text of at least
:data:`ARTICLE_PARAGRAPHS` paragraphs (never a microtext), the thesis is
chosen by these principles of essays and news articles:

1. **Lead or conclusion.**  The thesis is stated in the first paragraph or
   restated in the last: only their sentences are candidates.
2. **Central in meaning.**  The thesis is what the rest of the article is
   about (the centroid principle of extractive summarisation) and what the
   headline announces.  A candidate sentence *S* scores

       s(S) = z(c_S) + z(t_S) + b · [S takes a position]

   where *c_S* is the mean cosine of *S*'s embedding with every other
   sentence's, *t_S* its cosine with the title's, and *z* the z-score over
   all sentences of the text (*t* is left out without a title).
   **A thesis takes a position**: background and news pegs ("Last week the
   council met") can be central and close to the headline, but a thesis
   says what ought to be or sets one thing against another.  *S* takes a
   position (:func:`takes_position`) when it has an ought marker
   ("should", "must", "need to", "해야", "应该") or is contrastive ("X, but
   Y", "although X, Y").  The bonus *b* = :data:`POSITION_BONUS` = 1 is one
   standard deviation of either z-scored term: set a priori, not tuned.
3. **"X, but Y": Y is the writer's.**  In the best sentence, the last
   unit that closes a contrast (:func:`closes_contrast`: "..., but Y",
   "Although X, Y", "X지만 Y") carries the claim; the clause before it
   concedes (in microtext part 1, 21 of the 23 "but" clauses that follow a
   clause of their own sentence are the proponent's and attack that
   clause).  Otherwise the sentence's unit with the highest P(central
   claim).
4. **A framing sentence announces, the next one states.**  A sentence
   that only says what to look at ("what we should pay attention to is
   ...", "the question is ...", "주목해야 할 것은", "值得关注的是";
   :data:`FRAMING`) takes no position of its own: the thesis it announces
   follows.  So a framing sentence is no candidate, and the sentence after
   it in its paragraph is scored max(s(itself), s(framing sentence)) — the
   announcement's closeness to the headline and the rest belongs to the
   statement that fills it in.
5. **A thesis stated as a contrast is one position.**  When the chosen
   unit closes a contrast its sentence states ("X, but Y", "not X, but
   Y", "although X, Y", "X지만 Y", "虽然X，但是Y": :func:`closes_contrast`),
   the thesis is the sentence from its first unit to the chosen one, both
   halves: "Y" alone drops what the writer sets it against, and a map made
   by hand writes the thesis whole.  :func:`choose` records the first unit
   (:attr:`ArticleThesis.opens`); the draft (:mod:`argmap.mining.draft`)
   joins the units into one claim after decoding (the model scores the
   clauses it was fitted on).  Pre-segmented units are never joined.

The choice enters decoding as P(central claim) (:func:`thesis_prior`): the
chosen unit's becomes at least :data:`THESIS_P`, every other unit's at most
1 - :data:`THESIS_P`, so the tree's root is the chosen unit unless the
attachment scores overrule it by a wide margin.

The part-1 cross-validation cannot measure these rules (every microtext is
one paragraph: they never fire there).  ``bench/bench_articles.py`` checks
them on a small set of articles the project wrote for the purpose.  (Where
an article voices objections: :mod:`argmap.mining.cues`.)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from argmap.mining.features import CATEGORIES, MARKERS, markers
from argmap.mining.segment import Segmentation

if TYPE_CHECKING:
    from argmap.mining.predict import Vectors

__all__ = [
    "ARTICLE_PARAGRAPHS",
    "FRAMING",
    "POSITION_BONUS",
    "THESIS_P",
    "ArticleThesis",
    "closes_contrast",
    "is_article",
    "is_framing",
    "takes_position",
    "thesis_prior",
]

#: A text is an article (and the rule applies) from this many paragraphs.
ARTICLE_PARAGRAPHS = 3
#: The chosen unit's P(central claim) at least this, every other's at most 1 minus it.
THESIS_P = 0.95
_CONTRAST = CATEGORIES.index("contrast")
_CONCESSION = CATEGORIES.index("concession")

#: Phrases of a sentence that announces what to look at (rule 4), per language.
FRAMING: dict[str, tuple[str, ...]] = {
    "en": (
        "pay attention to",
        "worth noting",
        "worth asking",
        "the question is",
        "the question we should ask",
        "the real question",
        "the key question",
        "we should ask",
        "let us look at",
        "let's look at",
        "let us consider",
        "let's consider",
        "let us examine",
        "let's examine",
    ),
    "ko": (
        "주목해야 할 것은",
        "주목할 점은",
        "주목할 것은",
        "눈여겨볼 것은",
        "눈여겨봐야 할 것은",
        "물어야 할 것은",
        "살펴보자",
    ),
    "zh": (
        "值得关注的是",
        "值得注意的是",
        "需要关注的是",
        "应该关注的是",
        "应当关注的是",
        "我们要问的是",
        "让我们看看",
    ),
}


@dataclass(frozen=True)
class ArticleThesis:
    """The unit the article-level rule chose, and why."""

    unit: int
    #: ``lead`` or ``conclusion``.
    place: str
    centrality: float
    title_similarity: float | None
    score: float
    #: True when the unit was picked as closing a contrast ("X, but Y": rule 3).
    contrast_clause: bool
    #: True when its sentence follows a framing sentence whose score it took.
    framed: bool = False
    #: True when its sentence takes a position (and gained :data:`POSITION_BONUS`).
    position: bool = False
    #: The first unit of its sentence when the chosen unit closes a contrast
    #: the sentence states (rule 5): the thesis is the units ``opens..unit``.
    opens: int | None = None
    #: Units the draft joined into this one (rule 5; 1: none).
    joined: int = 1


def _z(values: np.ndarray) -> np.ndarray:
    spread = float(values.std())
    return (values - values.mean()) / spread if spread > 1e-9 else np.zeros_like(values)


def is_article(seg: Segmentation) -> bool:
    """Whether the article-level rules apply: :data:`ARTICLE_PARAGRAPHS` paragraphs or more."""
    return len({u.paragraph for u in seg.units}) >= ARTICLE_PARAGRAPHS


def is_framing(sentence: str, language: str) -> bool:
    """Whether *sentence* announces what to look at (:data:`FRAMING`).

    Korean and Chinese phrases are found anywhere; the others as whole
    words, case and spacing aside, a typographic apostrophe (’) read as '.
    """
    if language in ("ko", "zh"):
        return any(p in sentence for p in FRAMING[language])
    return (
        _framing_pattern(language).search(sentence.replace("\u2019", "'")) is not None
    )


@functools.cache
def _framing_pattern(language: str) -> re.Pattern[str]:
    phrases = sorted(FRAMING.get(language, FRAMING["en"]), key=len, reverse=True)
    words = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"(?<![\w'])(?:{words})(?!\w)", re.IGNORECASE)


_OUGHT = CATEGORIES.index("ought")
#: The score a candidate sentence gains by taking a position (rule 2).
POSITION_BONUS = 1.0


def takes_position(texts: Sequence[str], language: str) -> bool:
    """Whether a sentence (its units' *texts*) takes a position: an ought marker, or "X, but Y"."""
    found = [markers(t, language) for t in texts]
    return any(a[_OUGHT] for _, a in found) or (
        len(found) > 1
        and (found[0][0][_CONCESSION] > 0 or any(o[_CONTRAST] for o, _ in found[1:]))
    )


def choose(seg: Segmentation, vectors: Vectors, cc: np.ndarray) -> ArticleThesis | None:
    """The article's thesis unit by the module's principles; None when *seg* is not an article."""
    if not is_article(seg):
        return None
    units = seg.units
    paragraphs = sorted({u.paragraph for u in units})
    members_of: dict[int, list[int]] = {}  # sentence -> its units, in order
    for k, u in enumerate(units):
        members_of.setdefault(u.sentence, []).append(k)
    sentences = sorted(members_of)
    if len(sentences) < 2:
        return None
    first_unit = {s: members_of[s][0] for s in sentences}
    matrix = vectors.sentences[[first_unit[s] for s in sentences]].astype(np.float64)
    sims = matrix @ matrix.T
    m = len(sentences)
    centrality = (sims.sum(axis=1) - np.diag(sims)) / (m - 1)
    score = _z(centrality)
    title: np.ndarray | None = None
    if vectors.title is not None:
        title = matrix @ vectors.title.astype(np.float64)
        score = score + _z(title)
    positions = [
        takes_position([units[k].text for k in members_of[s]], seg.language)
        for s in sentences
    ]
    score = score + POSITION_BONUS * np.asarray(positions, dtype=np.float64)
    lead, last = paragraphs[0], paragraphs[-1]
    place_of = {u.sentence: u.paragraph for u in units}
    # Rule 4: a framing sentence hands its score to the next of its paragraph.
    spans = {
        s: (units[first_unit[s]].start, max(units[k].end for k in members_of[s]))
        for s in sentences
    }
    framing = [
        is_framing(seg.text[spans[s][0] : spans[s][1]], seg.language) for s in sentences
    ]
    framed = [False] * m
    for k in range(m - 1):
        follows = place_of[sentences[k + 1]] == place_of[sentences[k]]
        if framing[k] and follows and score[k] > score[k + 1]:
            score[k + 1] = score[k]
            framed[k + 1] = True
    candidates = [
        k
        for k, s in enumerate(sentences)
        if place_of[s] in (lead, last) and not framing[k]
    ] or [k for k, s in enumerate(sentences) if place_of[s] in (lead, last)]
    best = max(candidates, key=lambda k: (score[k], -k))
    members = members_of[sentences[best]]
    texts = [units[k].text for k in members]
    contrast = [
        k
        for n, k in enumerate(members)
        if closes_contrast(texts[: n + 1], seg.language)
    ]
    unit = contrast[-1] if contrast else max(members, key=lambda k: (cc[k], -k))
    return ArticleThesis(
        unit,
        "lead" if place_of[sentences[best]] == lead else "conclusion",
        float(centrality[best]),
        float(title[best]) if title is not None else None,
        float(score[best]),
        bool(contrast),
        framed[best],
        positions[best],
        members[0] if contrast else None,
    )


def closes_contrast(texts: Sequence[str], language: str) -> bool:
    """Whether the last of a sentence's units *texts* (from its first) closes a contrast.

    It does when it opens with a contrast marker ("..., but Y", "..., 但是Y"),
    or the unit before it opens with a concession marker ("Although X, Y",
    "虽然X，Y") or ends with a contrast or concession ending (Korean "X지만
    Y", "X더라도 Y": :data:`~argmap.mining.features.MARKERS` entries that
    start with "-").  A lone unit closes none.
    """
    if len(texts) < 2:
        return False
    before = texts[-2]
    if markers(texts[-1], language)[0][_CONTRAST]:
        return True
    if markers(before, language)[0][_CONCESSION]:
        return True
    return bool(_ending(language).search(before))


@functools.lru_cache(maxsize=8)
def _ending(language: str) -> re.Pattern[str]:
    """A contrast or concession ending at the end of a unit (none in English)."""
    endings = sorted(
        {
            word[1:]
            for category in ("contrast", "concession")
            for word in MARKERS[category].get(language, ())
            if word.startswith("-")
        },
        key=len,
        reverse=True,
    )
    if not endings:
        return re.compile(r"(?!)")
    return re.compile(rf"(?:{'|'.join(map(re.escape, endings))})[\s,.;:，、；：]*$")


def thesis_prior(cc: np.ndarray, chosen: ArticleThesis | None) -> np.ndarray:
    """P(central claim) with the article rule's choice made decisive (see the module docstring)."""
    if chosen is None:
        return cc
    out = np.minimum(cc, 1 - THESIS_P)
    out[chosen.unit] = max(float(cc[chosen.unit]), THESIS_P)
    return out
