"""Figures about a map: size, relations by kind, sources, depth, contested claims.

Definitions (each figure counts the map as given; pass a merged map for the
figures of several sources together):

claims
    Claims of the map (external references to other maps' claims are not
    claims of this map).
relations
    Relations by kind (``supports``, ``rebuts``, ``undercuts``), every kind
    listed, zero included.
sources
    The source documents behind the map, by map id (sorted): the maps its
    claims come from by the model's rule (:meth:`ArgumentMap.source_ids`:
    ``merged_from`` and provenance for a merged map or an extension's
    effective map, else the map itself), with the title and source that
    ``merged_from`` (or the map) gives.
depth
    The length, in relations, of the longest chain of reasons in the map.
    Take the claims and the supports and rebuttals between them (undercuts
    attack relations, not claims, and references to other maps are left
    out; a reference names a claim of the map as :class:`argmap.refs.MapRefs`
    says: its id, or a source claim in its provenance).  A claim is a *target* when it is a thesis or a sink (it supports
    and rebuts no claim of the map).  A target's level is 0; any other
    claim's level is 1 + the largest level among the claims it supports or
    rebuts, so a chain stops at the first thesis it reaches.  Claims on a
    cycle of relations are taken as one claim (the cycle is contracted
    before levels are counted), so every map has a depth; a map without
    relations has depth 0.  The depth is the largest level.
most supported
    The claims with the most incoming ``supports`` relations, at most three,
    most first, ties broken by claim id; claims with none are left out.
most attacked
    The same for attacks: the rebuttals of a claim plus the undercuts of
    relations that support it (an undercut of a support weakens the claim
    it supported; an undercut of a rebuttal helps its target, so it does
    not count).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from argmap._graph import strongly_connected_components
from argmap.model import RELATION_KINDS, ArgumentMap, RelationKind
from argmap.refs import MapRefs

__all__ = ["TOP", "MapStats", "SourceInfo", "depth", "stats"]

#: How many claims the most-supported and most-attacked lists keep.
TOP = 3


@dataclass(frozen=True)
class SourceInfo:
    """One source document behind a map."""

    map: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None

    def to_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class MapStats:
    """The figures of one map (see the module docstring for definitions)."""

    id: str
    title: str | None
    claims: int
    theses: int
    relations: dict[RelationKind, int]
    sources: tuple[SourceInfo, ...]
    depth: int
    #: (claim id, count), most first, ties by id.
    most_supported: tuple[tuple[str, int], ...]
    most_attacked: tuple[tuple[str, int], ...]

    @property
    def relation_count(self) -> int:
        return sum(self.relations.values())

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "claims": self.claims,
            "theses": self.theses,
            "relations": {"total": self.relation_count, **self.relations},
            "sources": [s.to_dict() for s in self.sources],
            "depth": self.depth,
            "most_supported": [
                {"claim": c, "supports": n} for c, n in self.most_supported
            ],
            "most_attacked": [
                {"claim": c, "attacks": n} for c, n in self.most_attacked
            ],
        }


def stats(amap: ArgumentMap) -> MapStats:
    """The figures of *amap*: counts, sources, depth, most supported and attacked."""
    relations = {kind: 0 for kind in RELATION_KINDS}
    for relation in amap.relations:
        relations[relation.kind] += 1

    refs = MapRefs(amap)
    supported: Counter[str] = Counter()
    attacked: Counter[str] = Counter()
    for relation in amap.relations:
        if relation.kind == "undercuts":
            hit = refs.relation(relation.target)
            if hit is not None and hit.kind == "supports":
                target = refs.claim_id(hit.target)
                if target is not None:
                    attacked[target] += 1
            continue
        target = refs.claim_id(relation.target)
        if target is None:
            continue
        (supported if relation.kind == "supports" else attacked)[target] += 1

    return MapStats(
        id=amap.id,
        title=amap.title,
        claims=len(amap.claims),
        theses=sum(c.is_thesis for c in amap.claims.values()),
        relations=relations,
        sources=_sources(amap),
        depth=depth(amap),
        most_supported=_top(supported),
        most_attacked=_top(attacked),
    )


def _top(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple((c, n) for c, n in ranked[:TOP] if n > 0)


def _sources(amap: ArgumentMap) -> tuple[SourceInfo, ...]:
    known = {amap.id: amap, **{m.id: m for m in amap.merged_from}}
    out = []
    for map_id in amap.source_ids():
        m = known.get(map_id)
        if m is None:  # named only in provenance: nothing more is known
            out.append(SourceInfo(map_id))
            continue
        source = m.source
        out.append(
            SourceInfo(map_id, m.title, source.publisher, source.url, source.published)
        )
    return tuple(out)


def depth(amap: ArgumentMap) -> int:
    """The longest chain of reasons, in relations (see the module docstring).

    Linear in claims and relations: strongly connected components by an
    iterative Tarjan search, then levels in one pass over the contracted graph.
    """
    refs = MapRefs(amap)
    successors: dict[str, list[str]] = {c: [] for c in amap.claims}
    for relation in amap.relations:
        if relation.kind == "undercuts":
            continue
        source = refs.claim_id(relation.source)
        target = refs.claim_id(relation.target)
        if source is not None and target is not None and source != target:
            successors[source].append(target)
    component = strongly_connected_components(successors)
    # Tarjan numbers components in reverse topological order: every
    # component's successors have smaller numbers, so ascending order is a
    # valid order to compute levels in.
    members: dict[int, list[str]] = {}
    for claim, comp in component.items():
        members.setdefault(comp, []).append(claim)
    level: dict[int, int] = {}
    for comp in sorted(members):
        nexts = {
            component[t]
            for c in members[comp]
            for t in successors[c]
            if component[t] != comp
        }
        is_target = not nexts or any(amap.claims[c].is_thesis for c in members[comp])
        level[comp] = 0 if is_target else 1 + max(level[n] for n in nexts)
    return max(level.values(), default=0)
