"""Relations that say too much, or nothing: duplicates, loops, contradictions.

* ``duplicate-id`` (error): a relation id that a claim or an earlier
  relation of the map already uses.
* ``duplicate-relation`` (error): the same kind, source and target twice.
* ``self-relation`` (error): a claim that supports or rebuts itself
  (``x`` and ``this-map#x`` are one claim), or an undercut of itself.
* ``contradictory-relation`` (warning): a claim that both supports and
  rebuts another.

Relations whose target does not resolve are left to
:mod:`argmap.checks.references`; an extension's relations that repeat its
base's are :mod:`argmap.checks.extension`'s.
"""

from __future__ import annotations

from argmap.diagnostics import Diagnostic, error, warning
from argmap.model import ArgumentMap, Relation
from argmap.refs import REF_SEPARATOR, Scope, split_ref

__all__ = ["check_relations"]


def check_relations(amap: ArgumentMap, scope: Scope) -> list[Diagnostic]:
    """The duplicate, self and contradictory relations of *amap*."""
    path = amap.path
    out: list[Diagnostic] = []
    relation_ids: dict[str, Relation] = {}
    seen: dict[tuple[str, str, str], Relation] = {}
    for relation in amap.relations:
        if relation.id:
            if relation.id in amap.claims or relation.id in relation_ids:
                out.append(
                    error(
                        "duplicate-id",
                        f"relation id {relation.id!r} is already used by a "
                        + ("claim" if relation.id in amap.claims else "relation"),
                        path=path,
                        line=relation.line,
                        fix="give the relation a distinct id",
                    )
                )
            relation_ids[relation.id] = relation
        key = (relation.kind, relation.source, relation.target)
        if key in seen:
            out.append(
                error(
                    "duplicate-relation",
                    f"{relation.source!r} {relation.kind} {relation.target!r} twice",
                    path=path,
                    line=relation.line,
                    fix="keep one of them",
                )
            )
        seen[key] = relation
        if relation.kind == "undercuts":
            continue
        itself = _same_claim(relation.source, relation.target, amap.id)
        opposite = ("supports", relation.source, relation.target)
        both_ways = relation.kind == "rebuts" and opposite in seen
        if not (itself or both_ways) or scope.find_claim(relation.target, amap) is None:
            continue  # nothing to say, or an unknown reference (reported as such)
        if itself:
            out.append(
                error(
                    "self-relation",
                    f"claim {relation.source!r} {relation.kind} itself",
                    path=path,
                    line=relation.line,
                    fix="remove the relation, or point it at another claim",
                )
            )
        if both_ways:
            out.append(
                warning(
                    "contradictory-relation",
                    f"{relation.source!r} both supports and rebuts {relation.target!r}",
                    path=path,
                    line=relation.line,
                    fix="decide which it is, or split the claim",
                )
            )
    for relation in amap.undercuts():
        matches = scope.find_relations(relation.target, amap)
        if len(matches) == 1 and matches[0] is relation:
            out.append(
                error(
                    "self-relation",
                    f"relation {relation.key!r} undercuts itself",
                    path=path,
                    line=relation.line,
                )
            )
    return out


def _same_claim(a: str, b: str, map_id: str) -> bool:
    if REF_SEPARATOR not in a and REF_SEPARATOR not in b:
        return a == b

    def norm(ref: str) -> tuple[str, str]:
        owner, local = split_ref(ref)
        return (owner or map_id, local)

    return norm(a) == norm(b)
