"""Fitting the model on gold documents (any corpus :mod:`argmap.mining.corpus` reads).

Examples.  Every unit of every document for the unit classifiers
(``attack`` on the non-central units, ``undercut`` on the attacking ones),
every ordered pair of units for ``attach`` (positive where the gold tree
has the edge).  Features are computed over the gold units with the
document's title (a microtext's topic) when it has one; documents with a
title are also seen without it, so that the model does not lean on a title
it will not always get.

Stacking.  The attachment classifier reads the central-claim probability
of both units (:func:`~argmap.mining.features.stacked_columns`).  In
training those come from cc classifiers fitted on the *other* documents
(:data:`STACK_FOLDS` folds by document), so that the attachment model
learns how far to trust cc predictions on unseen text; at prediction time
they come from the final cc classifier.

Reproducible.  Fitting is deterministic (Newton's method, no random
start), and each document's units are encoded together without the disk
cache (:func:`~argmap.mining.predict.embeddings`), so retraining on part 1
gives the shipped weights byte for byte (``tests/test_mining.py``).

Which classifier reads the embedding columns (:data:`WITH_EMBEDDING`) and
the L2 penalties (:data:`DEFAULT_L2`) were chosen by cross-validation on
microtext part 1 (``bench/bench_extract.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from argmap.mining.corpus import Gold
from argmap.mining.cues import cue_counts
from argmap.mining.features import (
    UNIT_COLUMNS,
    pair_features,
    stacked_columns,
    unit_features,
)
from argmap.mining.model import Classifier, Model
from argmap.mining.predict import embeddings

__all__ = ["DEFAULT_L2", "MICROTEXT_ABOUT", "WITH_EMBEDDING", "fit"]

UNIT_TASKS = ("cc", "opp", "attack", "undercut")
#: L2 penalty per classifier.
DEFAULT_L2 = {"cc": 30.0, "opp": 30.0, "attack": 30.0, "undercut": 30.0, "attach": 60.0}
#: Classifiers that read the 512 embedding columns too (cross-validation:
#: they help the central claim, and hurt role and function).
WITH_EMBEDDING = frozenset({"cc"})
STACK_FOLDS = 5
#: L2 penalty on the embedding columns (a strong prior keeps the model from
#: learning the corpus's topics instead of what makes a central claim).
EMBEDDING_L2 = 30.0

MICROTEXT_ABOUT = {
    "corpus": "arg-microtexts part 1 (English), 112 texts",
    "licence": "CC BY-NC-SA 4.0 (https://creativecommons.org/licenses/by-nc-sa/4.0/)",
    "attribution": (
        "Andreas Peldszus and Manfred Stede: An annotated corpus of argumentative microtexts. "
        "In Argumentation and Reasoned Action: Proceedings of the 1st European Conference on "
        "Argumentation, Lisbon 2015 / Vol. 2, College Publications, London, 2016, pp. 801-815."
    ),
}


@dataclass
class Variant:
    """One document's features under one segmentation and title."""

    units: np.ndarray
    pairs: np.ndarray
    pair_index: list[tuple[int, int]]
    doc: Gold


def document_variants(doc: Gold) -> list[Variant]:
    """The document on its gold units, with its title (if any) and without."""
    base = doc.segmentation()
    segs = (
        [base, replace(base, title=None)] if doc.title else [replace(base, title=None)]
    )
    out = []
    for seg in segs:
        vectors = embeddings(seg, cache=False)  # same weights whatever is cached
        px, index = pair_features(seg, vectors)
        out.append(Variant(unit_features(seg, vectors), px, index, doc))
    return out


def _unit_examples(
    variants: Sequence[Variant], task: str
) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for v in variants:
        doc = v.doc
        cc = np.asarray([p is None for p in doc.parent])
        attack = np.asarray([f == "attack" for f in doc.function])
        if task == "cc":
            keep, y = np.ones(len(cc), bool), cc
        elif task == "opp":
            keep, y = np.ones(len(cc), bool), np.asarray([r == "opp" for r in doc.role])
        elif task == "attack":
            keep, y = ~cc, attack
        else:
            keep, y = attack, np.asarray(doc.undercut, bool)
        xs.append(v.units[keep])
        ys.append(y[keep].astype(float))
    return np.vstack(xs), np.concatenate(ys)


def _fit_one(x: np.ndarray, y: np.ndarray, task: str, l2: float) -> Classifier:
    columns = None if task in WITH_EMBEDDING else UNIT_COLUMNS
    if task == "attach":
        columns = None
    if len(y) == 0 or y.min() == y.max():
        # Nothing to learn from (e.g. a corpus without undercuts): a constant.
        dims = x.shape[1] if columns is None else columns
        p = min(max(float(y.mean()) if len(y) else 0.0, 0.01), 0.99)
        return Classifier(
            np.zeros(dims),
            np.ones(dims),
            np.zeros(dims),
            float(np.log(p / (1 - p))),
            columns,
        )
    tail = (
        (UNIT_COLUMNS, EMBEDDING_L2) if columns is None and task != "attach" else None
    )
    return Classifier.fit(x, y, l2=l2, columns=columns, tail_l2=tail)


def fit(
    documents: Sequence[Gold],
    *,
    l2: dict[str, float] | None = None,
    about: dict | None = None,
    progress: Callable[[str], None] | None = None,
    cache: dict | None = None,
) -> Model:
    """A model fitted on *documents*; *about* goes into the weights file's header.

    *cache* (a dict) keeps each document's features between calls, for
    repeated fits on overlapping subsets (cross-validation).
    """
    if not documents:
        raise ValueError("no documents to train on")
    penalties = {**DEFAULT_L2, **(l2 or {})}
    variants: list[list[Variant]] = []
    for k, doc in enumerate(documents):
        if progress and k % 20 == 0:
            progress(f"features: document {k + 1} of {len(documents)}")
        key = id(doc)
        if cache is not None and key in cache:
            variants.append(cache[key])
            continue
        found = document_variants(doc)
        if cache is not None:
            cache[key] = found
        variants.append(found)
    flat = [v for vs in variants for v in vs]
    classifiers = {}
    for task in UNIT_TASKS:
        x, y = _unit_examples(flat, task)
        if progress:
            progress(f"fitting {task} on {len(y)} examples")
        classifiers[task] = _fit_one(x, y, task, penalties[task])

    # Central-claim probabilities for each training document from a model
    # that did not see it.
    folds = min(STACK_FOLDS, len(documents))
    stacked: dict[int, list[np.ndarray]] = {}
    for fold in range(folds):
        held = [k for k in range(len(documents)) if k % folds == fold]
        rest = [v for k, vs in enumerate(variants) if k % folds != fold for v in vs]
        models = []
        for task in ("cc", "opp", "attack"):
            if rest:
                x, y = _unit_examples(rest, task)
                models.append(_fit_one(x, y, task, penalties[task]))
            else:
                models.append(classifiers[task])
        for k in held:
            for v in variants[k]:
                stacked[id(v)] = [m.probability(v.units) for m in models]
    xs, ys = [], []
    for v in flat:
        if not v.pair_index:
            continue
        cc, opp, attack = stacked[id(v)]
        xs.append(
            np.hstack(
                [v.pairs, stacked_columns(cc, opp, attack, v.pair_index, v.units)]
            )
        )
        ys.append(
            np.asarray([v.doc.parent[i] == j for i, j in v.pair_index], dtype=float)
        )
    if progress:
        progress(f"fitting attach on {sum(len(y) for y in ys)} pairs")
    if xs:
        classifiers["attach"] = _fit_one(
            np.vstack(xs), np.concatenate(ys), "attach", penalties["attach"]
        )
    else:
        classifiers["attach"] = _fit_one(np.zeros((0, 1)), np.zeros(0), "attach", 1.0)
    cues = {
        "objection": cue_counts(
            [
                (u.text, doc.language, doc.role[k], doc.function[k])
                for doc in documents
                for k, u in enumerate(doc.units)
            ]
        )
    }
    info = dict(about or {})
    info.setdefault("documents", len(documents))
    info.setdefault("units", sum(len(d.units) for d in documents))
    info["l2"] = penalties
    return Model(classifiers, info, cues)
