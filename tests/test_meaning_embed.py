"""The embedding layer: offline, normalised, multilingual, cached safely."""

from __future__ import annotations

import socket

import numpy as np
import pytest

from argmap.meaning import embed as embed_mod
from argmap.meaning.embed import embed


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_test_session_never_uses_the_users_cache(tmp_path_factory):
    # tests/conftest.py points ARGMAP_CACHE_DIR at the session's temporary folder.
    cache = embed_mod.cache_path()
    assert cache is not None
    assert cache.is_relative_to(tmp_path_factory.getbasetemp())


def test_model_loads_and_embeds_without_network(cache_dir, monkeypatch):
    """The weights come from the installed package: no socket is ever opened."""

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(embed_mod, "_encoder", None)  # force a fresh load
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    vectors = embed(["Summits change the atmosphere.", "정상회담은 분위기를 바꾼다."])
    assert vectors.shape == (2, embed_mod.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_same_sentence_in_three_languages_is_close(cache_dir):
    en, ko, zh, other = embed(
        [
            "Technology cooperation is decided by contracts.",
            "기술 협력은 계약으로 결정된다.",
            "技术合作由合同决定。",
            "The weather in Lisbon was sunny all week.",
        ]
    )
    for a, b in [(en, ko), (en, zh), (ko, zh)]:
        assert a @ b > 0.6
        assert a @ b > a @ other + 0.3


def test_cache_skips_the_model_and_survives_corruption(cache_dir, monkeypatch):
    first = embed(["a claim to cache", "another claim"])
    assert (cache_dir / "embeddings.sqlite3").is_file()

    class Boom:
        def encode(self, texts):
            raise AssertionError("model called for a cached text")

    monkeypatch.setattr(embed_mod, "_encoder", Boom())
    again = embed(["another claim", "a claim to cache"])
    assert np.array_equal(again, first[::-1])

    # a corrupt cache file costs time, never a failure
    (cache_dir / "embeddings.sqlite3").write_bytes(b"not a database at all" * 100)
    for suffix in ("-wal", "-shm"):
        (cache_dir / f"embeddings.sqlite3{suffix}").unlink(missing_ok=True)
    monkeypatch.setattr(embed_mod, "_encoder", None)
    assert np.allclose(embed(["a claim to cache"]), first[:1], atol=1e-6)


def test_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGMAP_CACHE_DIR", "off")
    assert embed_mod.cache_path() is None
    assert embed(["x"]).shape == (1, embed_mod.DIMENSIONS)
    assert embed([]).shape == (0, embed_mod.DIMENSIONS)


def test_align_runs_blas_on_one_thread_and_restores_it():
    """argmap.meaning.threads: one BLAS thread inside align, the caller's count after."""
    threadpoolctl = pytest.importorskip("threadpoolctl")
    from argmap.meaning.threads import one_blas_thread

    def blas_threads() -> list[int]:
        info = threadpoolctl.threadpool_info()
        return [lib["num_threads"] for lib in info if lib["user_api"] == "blas"]

    seen: list[list[int]] = []
    with threadpoolctl.threadpool_limits(limits=2, user_api="blas"):
        before = blas_threads()
        one_blas_thread(lambda: seen.append(blas_threads()))()
        after = blas_threads()
    assert before and seen == [[1] * len(before)]
    assert after == before


def test_the_encoder_is_built_for_one_blas_thread(cache_dir):
    embed(["One sentence, so that the model is loaded."])
    assert embed_mod._model().threads == 1


def test_encoding_reports_progress_and_saves_as_it_goes(cache_dir, monkeypatch):
    """An interrupted run keeps the chunks it finished: the next encodes the rest only."""
    texts = [f"Claim number {n} of a long list." for n in range(7)]
    monkeypatch.setattr(embed_mod, "SAVE_EVERY", 2)
    seen: list[tuple[int, int]] = []

    def stop_after_five(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        embed(texts, batch=1, progress=stop_after_five)
    assert seen == [(n, 7) for n in range(1, 6)]

    encoded: list[str] = []
    model = embed_mod._model()

    class Counting:
        def encode(self, batch):
            encoded.extend(batch)
            return model.encode(batch)

    monkeypatch.setattr(embed_mod, "_encoder", Counting())
    seen.clear()
    vectors = embed(texts, progress=lambda done, total: seen.append((done, total)))
    # chunks of two were saved: the first four texts (sorted), not the fifth
    assert sorted(encoded) == sorted(texts)[4:]
    assert seen == [(2, 3), (3, 3)]
    monkeypatch.setattr(embed_mod, "_encoder", None)
    assert np.allclose(vectors, embed(texts, cache=False), atol=1e-6)
    seen.clear()
    embed(texts, progress=lambda done, total: seen.append((done, total)))
    assert seen == []  # all cached: the model is not needed, nothing to report
