"""The shape of a map's argument: circles, loose claims, clusters cut off.

* ``support-cycle`` (warning): claims that support each other in a circle
  (one warning per back edge of a depth-first search,
  :func:`argmap._graph.back_edge_cycles`); circular support proves nothing.
* ``isolated-claim`` (warning): in a map of two claims or more, a claim that
  no relation of any map in the scope names and that has no ``same_as``.
  An extension's additions to base claims count as related (the base's
  relations connect them), and a bare id in an extension also names its
  base's claim.
* ``unreachable-claim`` (warning): in a map that names a thesis, a claim in
  a cluster of two or more claims (joined by relations, an undercut joining
  its source to both ends of the relation it cuts) with no thesis in it.
  Extensions are left out: whether their additions reach a thesis is a
  question for the effective map, which the base's own check covers.
"""

from __future__ import annotations

from collections.abc import Mapping

from argmap._graph import UnionFind, back_edge_cycles
from argmap.diagnostics import Diagnostic, warning
from argmap.model import ArgumentMap
from argmap.refs import ARROW, Scope, split_ref

__all__ = [
    "isolated_claims",
    "support_cycles",
    "touched_claims",
    "unreachable_claims",
]


def support_cycles(amap: ArgumentMap) -> list[Diagnostic]:
    """One warning per support cycle found.

    A claim supporting itself is already the self-relation error, not a cycle.
    """
    successors: dict[str, list[str]] = {}
    for r in amap.relations:
        if r.kind == "supports":
            successors.setdefault(r.source, []).append(r.target)
    out = []
    for cycle in back_edge_cycles(successors):
        claim = amap.claims.get(cycle[0])
        out.append(
            warning(
                "support-cycle",
                "support cycle: " + " -> ".join([*cycle, cycle[0]]),
                path=amap.path,
                line=claim.line if claim else None,
                fix="circular support proves nothing; remove one of these supports",
            )
        )
    return out


def touched_claims(scope: Scope) -> dict[str, set[str]]:
    """For each map id, the ids of its claims that some relation in the scope names.

    A bare id in an extension names its base's claim as well (the base's
    claims are visible there by bare id).
    """
    touched: dict[str, set[str]] = {}
    for m in scope.maps.values():
        base = scope.base(m) if m.extends is not None else None
        for relation in m.relations:
            ends = [relation.source, *relation.linked]
            # an undercut's target "a->b" names two claims; an id names none
            ends += (
                relation.target.split(ARROW)
                if relation.kind == "undercuts"
                else [relation.target]
            )
            for end in ends:
                ref_map, local = split_ref(end)
                touched.setdefault(ref_map or m.id, set()).add(local)
                if ref_map is None and base is not None:
                    touched.setdefault(base.id, set()).add(local)
    return touched


def isolated_claims(
    amap: ArgumentMap, scope: Scope, touched: Mapping[str, set[str]]
) -> list[Diagnostic]:
    """A warning for each claim of *amap* that nothing relates to (see the module docstring)."""
    if len(amap.claims) < 2:
        return []
    # An extension's additions to base claims are connected by the base's relations.
    related = {c for base in scope.chain(amap).maps for c in base.claims}
    related &= set(amap.claims)
    related |= touched.get(amap.id, set())
    for claim in amap.claims.values():
        if claim.same_as:
            related.add(claim.id)
    return [
        warning(
            "isolated-claim",
            f"claim {claim.id!r} has no relation to any other claim",
            path=amap.path,
            line=claim.line,
            fix="add supports/rebuts, or remove the claim",
        )
        for claim in amap.claims.values()
        if claim.id not in related
    ]


def unreachable_claims(amap: ArgumentMap) -> list[Diagnostic]:
    """A warning for each claim in a cluster with no path to any thesis.

    Only for maps that name a thesis; isolated single claims are already
    reported by :func:`isolated_claims`.  Union-find over local relations.
    """
    theses = {c.id for c in amap.theses()}
    if not theses or amap.extends:
        return []
    clusters = UnionFind(amap.claims)
    find, claims = clusters.find, amap.claims
    for r in amap.relations:
        ends = [r.source, *r.linked]
        if r.kind == "undercuts":
            # The target names a relation (by id or "a->b"): join its ends.
            undercut = amap.relation(r.target)
            ends += (
                [undercut.source, undercut.target]
                if undercut
                else r.target.split(ARROW)
            )
        else:
            ends.append(r.target)
        local = [e for e in ends if e in claims]
        for e in local[1:]:
            clusters.union(local[0], e)
    rooted = {find(t) for t in theses}
    sizes: dict[str, int] = {}
    for cid in amap.claims:
        sizes[find(cid)] = sizes.get(find(cid), 0) + 1
    return [
        warning(
            "unreachable-claim",
            f"claim {claim.id!r} is not connected to any thesis of the map",
            path=amap.path,
            line=claim.line,
            fix="relate it (or its cluster) to the argument, or remove it",
        )
        for claim in amap.claims.values()
        if find(claim.id) not in rooted and sizes[find(claim.id)] > 1
    ]
