"""Synthetic argument maps for benchmarks: realistic shape, deterministic by seed.

Each map is a forest of support trees under a few theses, with rebuttals and
undercuts sprinkled in, and (in a corpus) same_as links and rebuttals across
maps, so that loading, checking, merging and tension finding all have work.
"""

from __future__ import annotations

import random

WORDS = [
    "summit",
    "diplomacy",
    "contract",
    "regulation",
    "trust",
    "talent",
    "patent",
    "research",
    "cooperation",
    "market",
    "supply",
    "chain",
    "semiconductor",
    "battery",
    "security",
    "alliance",
    "tariff",
    "export",
    "control",
    "investment",
    "university",
    "startup",
    "data",
    "standard",
    "agreement",
    "partnership",
    "thaw",
    "tension",
    "leader",
    "ministry",
    "industry",
    "network",
    "innovation",
]


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 16))
    return " ".join(words).capitalize() + "."


def make_document(
    map_id: str, n_claims: int, seed: int = 0, others: list[tuple[str, int]] = ()
) -> dict:
    """A valid map document (as a dict) with *n_claims* claims.

    *others* lists (map id, claim count) of sibling maps to link to with
    same_as and cross-map rebuttals.
    """
    rng = random.Random(f"{seed}:{map_id}")
    ids = [f"c{i}" for i in range(n_claims)]
    theses = max(1, n_claims // 50)
    claims: dict[str, dict] = {}
    for i, cid in enumerate(ids):
        body: dict = {"text": _sentence(rng), "quote": _sentence(rng)}
        if i < theses:
            body["role"] = "thesis"
        else:
            # Support a claim written earlier: the support graph stays acyclic.
            target = ids[rng.randrange(0, i)]
            if rng.random() < 0.8:
                body["supports"] = (
                    [target]
                    if rng.random() < 0.7
                    else [{"to": target, "weight": round(rng.random(), 2)}]
                )
            else:
                body["rebuts"] = [
                    {"to": target, "weight": round(0.3 + 0.7 * rng.random(), 2)}
                ]
            if i > theses + 2 and rng.random() < 0.05:
                j = rng.randrange(theses, i)
                body.setdefault("undercuts", []).append(
                    f"c{j}->{_parent(claims, f'c{j}')}"
                )
        if others and rng.random() < 0.05:
            other_id, other_n = rng.choice(others)
            ref = f"{other_id}#c{rng.randrange(other_n)}"
            if rng.random() < 0.5:
                body["same_as"] = [ref]
            else:
                body.setdefault("rebuts", []).append(
                    {"to": ref, "weight": round(rng.random(), 2)}
                )
        if rng.random() < 0.2:
            body["tags"] = sorted(
                set(rng.choices(["economy", "security", "science", "politics"], k=2))
            )
        claims[cid] = body
    return {
        "argmap": 1,
        "id": map_id,
        "title": f"Synthetic map {map_id}",
        "claims": claims,
    }


def _parent(claims: dict, cid: str) -> str:
    body = claims[cid]
    rel = (body.get("supports") or body.get("rebuts"))[0]
    return rel if isinstance(rel, str) else rel["to"]


def make_corpus(n_maps: int, claims_per_map: int, seed: int = 0) -> list[dict]:
    """*n_maps* documents that refer to each other (same_as, cross-map rebuttals)."""
    names = [f"m{i:04d}" for i in range(n_maps)]
    docs = []
    for i, name in enumerate(names):
        rng = random.Random(f"{seed}:corpus:{i}")
        others = [
            (n, claims_per_map)
            for n in rng.sample(names, k=min(3, n_maps))
            if n != name
        ]
        docs.append(make_document(name, claims_per_map, seed, others))
    return docs


def dump(doc: dict) -> str:
    import yaml

    return yaml.dump(
        doc,
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        sort_keys=False,
        width=100,
    )
