"""Big synthetic maps, shaped like the maps people grow: one article's tree, or a merge.

* :func:`tree_map` -- one map of *n* claims: a forest of support trees, one
  thesis per 100 claims, each other claim supporting (80 %) or rebutting
  (20 %) an earlier claim chosen uniformly (a random recursive tree: depth
  about ``e·ln n`` at most, wide at the top).
* :func:`merge_map` -- what merging ten articles of 100 claims looks like:
  ``n / 100`` articles, each a :func:`tree_map`-shaped tree, plus ``n / 2``
  cross links between claims of different articles (supports and rebuttals
  in equal parts, either direction, so cycles happen), merged by
  :func:`argmap.analysis.merge.merge` so that the DOT carries sources,
  letters and colours as a real merge does.

Claim text is built from a small grammar of subjects, verbs, objects and
qualifiers about technology cooperation, so that boxes have the widths and
line counts of real claims (5 to 20 words) and search has words to find.
Everything is deterministic by seed.
"""

from __future__ import annotations

import random

from argmap.analysis.merge import merge
from argmap.model import ArgumentMap, Claim, Relation, Source

SUBJECTS = [
    "Export controls on advanced chips",
    "Joint research funds",
    "University exchange programmes",
    "Battery supply chains",
    "Patent-sharing agreements",
    "New science ministries",
    "Foreign venture investors",
    "Data localisation rules",
    "Leader-level summits",
    "International standard-setting bodies",
    "Visa restrictions on researchers",
    "Semiconductor alliances",
    "Tariffs on electric vehicles",
    "Public procurement rules",
    "Open-access publishing mandates",
    "Cross-border data flows",
    "Joint laboratories in Shanghai and Seoul",
    "Technology licensing contracts",
    "Talent recruitment schemes",
    "Cybersecurity reviews of suppliers",
    "Rare-earth export quotas",
    "Small and medium-sized manufacturers",
    "Industry associations",
    "Government-backed startup funds",
]
VERBS = [
    "slow down",
    "speed up",
    "depend on",
    "undermine",
    "strengthen",
    "are a precondition for",
    "do little for",
    "raise the cost of",
    "create new demand for",
    "make investors wary of",
    "protect",
    "distort",
    "are the main obstacle to",
    "will not by themselves secure",
    "already benefit",
]
OBJECTS = [
    "cross-border research",
    "trust between the two governments",
    "the transfer of skilled engineers",
    "long-term contracts between firms",
    "the commercialisation of university patents",
    "supply-chain resilience",
    "joint standards for batteries",
    "the domestic chip industry",
    "scientific cooperation on climate",
    "smaller suppliers",
    "the enforcement of intellectual property",
    "market access for foreign firms",
    "academic freedom",
    "the balance of trade",
    "regional security",
    "investment in basic research",
    "the diplomatic thaw",
    "consumer prices",
]
QUALIFIERS = [
    "",
    "",
    "",
    " in the short term",
    " unless contracts are enforced",
    " according to industry surveys",
    " for the next five years",
    " as long as export licences stay uncertain",
    " even after the summit",
    " in both countries",
    " more than any declaration could",
    " because firms plan on ten-year horizons",
    " while political risk remains high",
    " if the data can be verified",
]


def sentence(rng: random.Random) -> str:
    """A claim of 5 to 20 words from the grammar."""
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
        f"{rng.choice(QUALIFIERS)}."
    )


def _tree(
    map_id: str, n: int, rng: random.Random, *, theses: int | None = None
) -> ArgumentMap:
    theses = max(1, n // 100) if theses is None else theses
    claims, relations = [], []
    for i in range(n):
        text = sentence(rng)
        claim = Claim(f"c{i}", text, quote=text.rstrip(".").lower())
        if i < theses:
            claim.role = "thesis"
        else:
            parent = f"c{rng.randrange(i)}"
            kind = "supports" if rng.random() < 0.8 else "rebuts"
            if kind == "rebuts":
                claim.role = "objection" if rng.random() < 0.5 else None
            relations.append(Relation(kind, claim.id, parent))
        if rng.random() < 0.15:
            claim.tags = (rng.choice(["economy", "security", "science", "politics"]),)
        claims.append(claim)
    return ArgumentMap(
        map_id,
        f"Synthetic article {map_id}",
        Source(publisher="bench"),
        claims,
        relations,
    )


def tree_map(n: int, seed: int = 1) -> ArgumentMap:
    """One map of *n* claims shaped like a long article's tree."""
    return _tree(f"tree-{n}", n, random.Random(f"tree:{seed}:{n}"))


def merge_map(n: int, seed: int = 1, per_article: int = 100) -> ArgumentMap:
    """The merge of ``n / per_article`` articles with ``n / 2`` cross links."""
    rng = random.Random(f"merge:{seed}:{n}")
    k = max(2, n // per_article)
    sizes = [n // k + (1 if i < n % k else 0) for i in range(k)]
    articles = [_tree(f"a{i:02d}", size, rng, theses=1) for i, size in enumerate(sizes)]
    seen: set[tuple[str, str, str]] = set()
    links = 0
    while links < n // 2:
        a, b = rng.sample(range(k), 2)
        source = f"c{rng.randrange(sizes[a])}"
        target = f"a{b:02d}#c{rng.randrange(sizes[b])}"
        kind = "supports" if rng.random() < 0.5 else "rebuts"
        if (articles[a].id, source, target) in seen:
            continue
        seen.add((articles[a].id, source, target))
        articles[a].add_relation(Relation(kind, source, target))
        links += 1
    return merge(articles, id=f"merge-{n}", title=f"Merge of {k} synthetic articles")


SHAPES = {"tree": tree_map, "merge": merge_map}


def forest_only(amap: ArgumentMap) -> ArgumentMap:
    """*amap* with only the relations of a spanning forest: breadth-first from
    the theses (then from the claims that point at nothing) over the
    relations pointing at each claim, the first relation to reach a claim
    kept.  What the two-pass variants of ``bench_bigmaps.py`` lay out first."""
    from collections import deque

    below: dict[str, list[Relation]] = {}
    points = set()
    for r in amap.relations:
        if r.kind != "undercuts":
            below.setdefault(r.target, []).append(r)
            points.add(r.source)
    roots = [c.id for c in amap.claims.values() if c.is_thesis]
    roots += [c for c in amap.claims if c not in points and c not in roots]
    seen = set(roots)
    kept: list[Relation] = []
    queue = deque(roots)
    while queue:
        for r in below.get(queue.popleft(), ()):
            if r.source not in seen:
                seen.add(r.source)
                kept.append(r)
                queue.append(r.source)
    return ArgumentMap(
        amap.id,
        amap.title,
        amap.source,
        amap.claims.values(),
        kept,
        merged_from=amap.merged_from,
    )
