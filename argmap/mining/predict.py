"""From units to scores to a tree: the model applied to one segmented text."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from argmap.mining.article import ArticleThesis, choose, thesis_prior
from argmap.mining.cues import objection_prior
from argmap.mining.decode import Tree, decode
from argmap.mining.features import pair_features, stacked_columns, unit_features
from argmap.mining.model import Model
from argmap.mining.segment import Segmentation

__all__ = ["Scores", "Vectors", "embeddings", "predict", "score", "vectors_of"]


@dataclass
class Scores:
    """The model's probabilities for one text."""

    cc: np.ndarray  # (n,)
    opp: np.ndarray  # (n,)
    attack: np.ndarray  # (n,)
    undercut: np.ndarray  # (n,)
    attach: np.ndarray  # (n, n): [i, j] = P(i attaches to j); diagonal 0
    #: The feature rows behind them, for explanations.
    unit_rows: np.ndarray | None = None
    pair_rows: dict[tuple[int, int], np.ndarray] | None = None
    #: The article-level rule's thesis (texts of several paragraphs), else None.
    article: ArticleThesis | None = None
    #: The units whose P(opponent) and P(attack) the objection cue raised.
    cued: list[int] | None = None


@dataclass
class Vectors:
    """Sentence embeddings of a text's units, of each unit's whole sentence, and of the title."""

    units: np.ndarray
    sentences: np.ndarray
    title: np.ndarray | None


def embeddings(seg: Segmentation, *, cache: bool = True) -> Vectors:
    """The embeddings the features need (one :func:`~argmap.meaning.embed.embed` call).

    A sentence's vector is the normalised mean of its units' vectors (one
    encoder pass per unit, not per unit and sentence).  Without *cache*, the
    text's units are encoded together whatever the disk cache holds: the
    encoder's last bits depend on which texts share a batch, so only this
    gives the same vectors, and the same fitted weights, whatever is cached
    (the same machine and BLAS assumed).
    """
    from argmap.meaning.embed import embed

    texts = [u.text for u in seg.units]
    everything = texts + ([seg.title] if seg.title else [])
    matrix = (
        embed(everything, cache=cache)
        if everything
        else np.zeros((0, 512), dtype=np.float32)
    )
    return vectors_of(seg, matrix[: len(texts)], matrix[-1] if seg.title else None)


def vectors_of(
    seg: Segmentation, units: np.ndarray, title: np.ndarray | None
) -> Vectors:
    """:class:`Vectors` from the units' embeddings (rows in *seg*'s order) and the title's.

    For a subset of units already embedded (a long article's kept units),
    without encoding them again.
    """
    sentences = np.zeros_like(units)
    members: dict[int, list[int]] = {}
    for k, u in enumerate(seg.units):
        members.setdefault(u.sentence, []).append(k)
    for group in members.values():
        mean = units[group].mean(axis=0)
        sentences[group] = mean / max(float(np.linalg.norm(mean)), 1e-12)
    return Vectors(units, sentences, title)


def score(
    model: Model,
    seg: Segmentation,
    vectors: Vectors | None = None,
    *,
    pairs: bool = True,
    article: ArticleThesis | None | bool = True,
) -> Scores:
    """Every unit and pair probability of *seg* under *model* (unit ones only without *pairs*).

    *article*: True (the default) applies the article thesis rule when
    *seg* is an article (:mod:`argmap.mining.article`), False never; an
    :class:`ArticleThesis` is that rule's choice, already made on the whole
    text of which *seg* keeps a subset of units.  The objection cues
    (:mod:`argmap.mining.cues`) apply to every text.
    """
    if vectors is None:
        vectors = embeddings(seg)
    n = len(seg.units)
    units = unit_features(seg, vectors)
    c = model.classifiers
    # A long article: its thesis by lead/conclusion, centrality and headline.
    model_cc = c["cc"].probability(units)
    chosen: ArticleThesis | None = None
    if isinstance(article, ArticleThesis):
        chosen = article
    elif article:
        chosen = choose(seg, vectors, model_cc)
    cc = thesis_prior(model_cc, chosen)
    opp = c["opp"].probability(units)
    attack = c["attack"].probability(units)
    # Objection cues: floors from the cue's rates in the training corpus.
    opp, attack, cued = objection_prior(
        seg,
        opp,
        attack,
        model.cues.get("objection"),
        None if chosen is None else chosen.unit,
    )
    attach = np.zeros((n, n))
    rows: dict[tuple[int, int], np.ndarray] = {}
    if n > 1 and pairs:
        pairs_x, index = pair_features(seg, vectors)
        pairs_x = np.hstack([pairs_x, stacked_columns(cc, opp, attack, index, units)])
        probability = c["attach"].probability(pairs_x)
        where = np.asarray(index)
        attach[where[:, 0], where[:, 1]] = probability
        rows = {pair: pairs_x[k] for k, pair in enumerate(index)}
    return Scores(
        cc,
        opp,
        attack,
        c["undercut"].probability(units),
        attach,
        units,
        rows,
        chosen,
        cued,
    )


def predict(model: Model, seg: Segmentation, **options) -> tuple[Tree, Scores]:
    scores = score(model, seg, **options)
    tree = decode(scores.cc, scores.attach, scores.opp, scores.attack, scores.undercut)
    return tree, scores
