"""Candidate pairs for alignment: each claim's nearest claims of other maps, in bounded memory.

Input: unit vectors ``V`` (n × 512, :mod:`argmap.meaning.embed`) and the map
of each row (*owner*).  A pair's similarity is a dot product.  Output: for
every claim its ``per_claim`` best partners in other maps with a cosine of
at least :data:`FLOOR`, as pairs (a pair is a candidate when either claim
has the other among its best), and for every claim a bound on the cosine
of the partners left out (its ``(per_claim + 1)``-th best), which the
margins of :mod:`argmap.meaning.counterparts` read.

Exact search (up to :data:`EXACT_LIMIT` claims)
    The products ``V[I] @ V[J].T`` of square blocks of :data:`BLOCK` rows,
    over the upper triangle of blocks only (a block gives its rows their
    scores and, transposed, its columns theirs: ``n² / 2`` products), pairs
    within one map masked, each row keeping a running list of its
    ``per_claim + 1`` best partners; memory ``BLOCK²`` floats plus
    ``n · (per_claim + 1)``.  Each block's best are taken by
    ``per_claim + 1`` passes of ``argmax`` (several times cheaper than
    ``argpartition`` for so few).  Ties go to the lower row.

Index (above :data:`EXACT_LIMIT` claims)
    An inverted file: spherical k-means with ``√n`` centroids
    (deterministic start: evenly spaced claims in input order; a few Lloyd
    steps on a sample of at most :data:`KMEANS_SAMPLE`), each claim filed
    under its nearest centroid; each claim probes the :data:`PROBES` cells
    whose centroids are nearest to *it* and is scored against their members
    only — about ``n · PROBES · √n`` products instead of ``n² / 2``.  A
    partner in a cell the claim does not probe is missed, and the bound is
    then the best left out among the claims searched.  Measured by
    ``bench/bench_align_scale.py --recall``: on the synthetic 100k corpus
    every sampled claim's 3 best partners were found; on the microtext
    corpus with the index forced (24 cells, so 8 probes search a third of
    it) 96 % of the exact candidate pairs, all of those with cosine ≥ 0.5,
    and 98 % of the suggestions.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

__all__ = [
    "BLOCK",
    "EXACT_LIMIT",
    "FLOOR",
    "KMEANS_SAMPLE",
    "PROBES",
    "candidate_arrays",
    "candidate_pairs",
]

#: Rows (and columns) per block of the exact search: 16 MB of float32 scores.
BLOCK = 2048
#: Above this many claims the inverted-file search replaces the exact one.
EXACT_LIMIT = 20_000
#: Cells each claim probes in the index.
PROBES = 8
#: Pairs less similar than this are never candidates.
FLOOR = 0.3
_KMEANS_STEPS = 4
#: Rows the k-means of the inverted-file search is fitted on.
KMEANS_SAMPLE = 20_000


def _block_best(scores: np.ndarray, keep: int) -> tuple[np.ndarray, np.ndarray]:
    """``(cosines, columns)`` of each row's *keep* best columns, best first.

    *keep* passes of ``argmax`` over the rows, each masking what it took:
    for the few columns kept (``per_claim + 1``) this is several times
    cheaper than ``argpartition`` over every row.  Ties go to the lower
    column.  Overwrites the entries it takes with ``-inf``.
    """
    rows = np.arange(scores.shape[0])
    keep = min(keep, scores.shape[1])
    cols = np.empty((scores.shape[0], keep), dtype=np.int64)
    vals = np.empty((scores.shape[0], keep), dtype=np.float32)
    for t in range(keep):
        c = scores.argmax(axis=1)
        cols[:, t] = c
        vals[:, t] = scores[rows, c]
        scores[rows, c] = -np.inf
    return vals, cols


def _merge_best(
    best_s: np.ndarray,
    best_j: np.ndarray,
    rows: slice | np.ndarray,
    vals: np.ndarray,
    cols: np.ndarray,
) -> None:
    """Fold a block's best columns into the running best of *rows* (stable: earlier wins ties)."""
    keep = best_s.shape[1]
    s = np.concatenate([best_s[rows], vals], axis=1)
    j = np.concatenate([best_j[rows], cols], axis=1)
    order = np.argsort(-s, axis=1, kind="stable")[:, :keep]
    best_s[rows] = np.take_along_axis(s, order, axis=1)
    best_j[rows] = np.take_along_axis(j, order, axis=1)


def _exact_best(
    vectors: np.ndarray,
    owner: np.ndarray,
    keep: int,
    progress: Callable[[int, int], None] | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's *keep* best cosines to rows of other owners, and those rows.

    The product is taken by square blocks of the upper triangle only (a
    block and its transpose give the rows of both blocks their scores),
    so ``n² / 2`` products; memory ``BLOCK²`` floats for the block plus
    ``n · keep`` for the running best.  Missing partners are ``-inf`` / -1.
    """
    n = len(vectors)
    best_s = np.full((n, keep), -np.inf, dtype=np.float32)
    best_j = np.full((n, keep), -1, dtype=np.int64)
    starts = list(range(0, n, BLOCK))
    total = len(starts) * (len(starts) + 1) // 2
    done = 0
    for a, lo in enumerate(starts):
        rows = slice(lo, min(n, lo + BLOCK))
        for hi in starts[a:]:
            cols = slice(hi, min(n, hi + BLOCK))
            scores = vectors[rows] @ vectors[cols].T
            scores[owner[rows, None] == owner[None, cols]] = -np.inf
            if hi != lo:  # the transpose: the column block's rows
                v, c = _block_best(np.ascontiguousarray(scores.T), keep)
                _merge_best(best_s, best_j, cols, v, c + lo)
            v, c = _block_best(scores, keep)
            _merge_best(best_s, best_j, rows, v, c + hi)
            done += 1
        if progress:
            progress(done, total)
    return best_s, best_j


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


def _indexed_best(
    vectors: np.ndarray,
    owner: np.ndarray,
    keep: int,
    progress: Callable[[int, int], None] | None,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_exact_best` by the inverted-file index (module docs): approximate.

    Every claim probes the :data:`PROBES` cells whose centroids are nearest
    to it; cell by cell, the claims probing a cell are scored against the
    cell's members and fold them into their running best.
    """
    n = len(vectors)
    best_s = np.full((n, keep), -np.inf, dtype=np.float32)
    best_j = np.full((n, keep), -1, dtype=np.int64)
    cells = max(2, int(math.sqrt(n)))
    centroids = _kmeans(vectors, cells)
    probes = min(PROBES, cells)
    probed = np.empty((n, probes), dtype=np.int64)
    for start in range(0, n, 4096):
        near = vectors[start : start + 4096] @ centroids.T
        probed[start : start + 4096] = np.argsort(-near, axis=1, kind="stable")[
            :, :probes
        ]
    cell_of = probed[:, 0]
    members = _grouped(cell_of, cells)
    askers = _grouped(probed.ravel(), cells, probes)
    for c in range(cells):
        pool, rows = members[c], askers[c]
        if len(pool) and len(rows):
            pool_vectors, pool_owner = vectors[pool], owner[pool]
            for start in range(0, len(rows), BLOCK):
                block = rows[start : start + BLOCK]
                scores = vectors[block] @ pool_vectors.T
                scores[owner[block, None] == pool_owner[None, :]] = -np.inf
                v, col = _block_best(scores, keep)
                _merge_best(best_s, best_j, block, v, pool[col])
        if progress:
            progress(c + 1, cells)
    best_j[~np.isfinite(best_s)] = -1
    return best_s, best_j


def _grouped(labels: np.ndarray, groups: int, width: int = 1) -> list[np.ndarray]:
    """Positions with each label (divided by *width*: rows of a flattened matrix), ascending."""
    order = np.argsort(labels, kind="stable")
    edges = np.searchsorted(labels[order], np.arange(groups + 1))
    rows = order // width
    return [rows[edges[g] : edges[g + 1]] for g in range(groups)]


def candidate_arrays(
    vectors: np.ndarray,
    owner: np.ndarray,
    per_claim: int,
    *,
    floor: float = FLOOR,
    progress: Callable[[int, int], None] | None = None,
    bounds: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate pairs as arrays ``(i, j, cosine)``, ``i < j``, sorted by ``(i, j)``.

    The pairs of :func:`candidate_pairs`, without building a dict.
    """
    n = len(vectors)
    if bounds is not None:
        bounds[:] = floor
    empty = np.empty(0, dtype=np.int64)
    if n < 2 or per_claim < 1:
        return empty, empty, np.empty(0, dtype=np.float32)
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    owner = np.asarray(owner)
    keep = per_claim + 1  # the (k+1)-th bounds the partners left out
    search = _exact_best if n <= EXACT_LIMIT else _indexed_best
    best_s, best_j = search(vectors, owner, keep, progress)
    if bounds is not None and best_s.shape[1] > per_claim:
        bounds[:] = np.maximum(best_s[:, per_claim], floor)
    best_s, best_j = best_s[:, :per_claim], best_j[:, :per_claim]
    rows, ranks = np.nonzero((best_s >= floor) & (best_j >= 0))
    cols = best_j[rows, ranks]
    sims = best_s[rows, ranks]
    lo, hi = np.minimum(rows, cols), np.maximum(rows, cols)
    code = lo.astype(np.int64) * n + hi
    code, first = np.unique(code, return_index=True)
    return code // n, code % n, sims[first]


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
    on its cosine to any claim of another map it was not paired with (a
    bound only up to :data:`EXACT_LIMIT` claims: the index may miss a
    partner).
    """
    i, j, s = candidate_arrays(
        vectors, owner, per_claim, floor=floor, progress=progress, bounds=bounds
    )
    return dict(zip(zip(i.tolist(), j.tolist()), s.tolist()))
