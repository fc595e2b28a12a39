"""Smaller maps to draw: the neighbourhood of a claim, or the claims with a tag.

Each view is a function of a map that returns a new map (the input is not
changed), so it can be rendered, checked or analysed like any other.

Distances (for :func:`focus`) are counted over an undirected graph of the
map where a supports/rebuts relation joins its source, its linked
co-premises and its target, and an undercut joins its source to both ends
of the relation it attacks.  A relation is kept when every claim it joins
is kept; an undercut when its source and the relation it attacks are kept.
Claims of other maps (``map#claim``) count as nodes too, so a kept relation
may still point at one.
"""

from __future__ import annotations

from collections.abc import Iterable

from argmap._graph import distances
from argmap.errors import InvalidArgument, UnknownClaim, UnknownTag
from argmap.model import ArgumentMap, Relation
from argmap.refs import MapRefs

__all__ = ["by_tags", "focus"]


def _relation_ends(
    refs: MapRefs, relation: Relation, _seen: frozenset[int] = frozenset()
) -> tuple[str, ...]:
    if relation.kind == "undercuts":
        target = refs.relation(relation.target)
        if target is None or id(target) in _seen:
            return (relation.source,)
        return (
            relation.source,
            *_relation_ends(refs, target, _seen | {id(relation)}),
        )
    return (relation.source, *relation.linked, relation.target)


def _neighbours(amap: ArgumentMap, refs: MapRefs) -> dict[str, set[str]]:
    adjacent: dict[str, set[str]] = {c: set() for c in amap.claims}
    for relation in amap.relations:
        ends = _relation_ends(refs, relation)
        for a in ends:
            for b in ends:
                if a != b:
                    adjacent.setdefault(a, set()).add(b)
    return adjacent


def _restrict(amap: ArgumentMap, keep: set[str], title_note: str) -> ArgumentMap:
    """The claims in *keep* and the relations whose every end is kept."""
    refs = MapRefs(amap)
    kept_keys: set[int] = set()
    # Undercuts may attack undercuts: settle claim-to-claim relations first.
    for relation in amap.relations:
        if relation.kind != "undercuts" and set(_relation_ends(refs, relation)) <= keep:
            kept_keys.add(id(relation))
    changed = True
    undercuts = [r for r in amap.relations if r.kind == "undercuts"]
    while changed:
        changed = False
        for relation in undercuts:
            if id(relation) in kept_keys or relation.source not in keep:
                continue
            target = refs.relation(relation.target)
            if target is not None and id(target) in kept_keys:
                kept_keys.add(id(relation))
                changed = True
    relations = [r for r in amap.relations if id(r) in kept_keys]
    title = f"{amap.title or amap.id} ({title_note})"
    return ArgumentMap(
        amap.id,
        title,
        amap.source,
        (c for c in amap.claims.values() if c.id in keep),
        relations,
        extends=amap.extends,
        merged_from=amap.merged_from,
        path=amap.path,
    )


def focus(amap: ArgumentMap, claim_id: str, depth: int = 2) -> ArgumentMap:
    """The claims within *depth* relations of *claim_id* (in either direction)."""
    if claim_id not in amap.claims:
        raise UnknownClaim(claim_id, amap.id, list(amap.claims))
    if depth < 0:
        raise InvalidArgument("depth", depth, "0 or more")
    distance = distances(_neighbours(amap, MapRefs(amap)), claim_id, depth)
    return _restrict(amap, set(distance), f"around {claim_id}, depth {depth}")


def by_tags(amap: ArgumentMap, tags: Iterable[str]) -> ArgumentMap:
    """The claims tagged with any of *tags* and the relations among them."""
    wanted = set(tags)
    keep = {c.id for c in amap.claims.values() if wanted & set(c.tags)}
    if not keep:
        present = sorted({t for c in amap.claims.values() for t in c.tags})
        raise UnknownTag(sorted(wanted), amap.id, present)
    return _restrict(amap, keep, "tags: " + ", ".join(sorted(wanted)))
