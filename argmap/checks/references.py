"""References that lead nowhere: every claim reference and undercut target of a map.

Resolution is :class:`argmap.refs.Scope`'s, and so are the diagnostics of a
miss (``unknown-reference``, ``unknown-map``, ``unknown-relation``,
``ambiguous-relation``): merging reports the same mistake with the same code
and message.  This module decides only which references a map writes and
where (the line of each ``same_as`` item, of each relation), and adds one
warning of its own:

* ``same-as-local`` (warning): a claim ``same_as`` another claim of its own
  map, which should be one claim.
"""

from __future__ import annotations

from argmap.diagnostics import Diagnostic, warning
from argmap.model import ArgumentMap, Relation
from argmap.refs import (
    Scope,
    split_ref,
    what_relation,
    what_same_as,
)

__all__ = ["check_references"]


def check_references(amap: ArgumentMap, scope: Scope) -> list[Diagnostic]:
    """Every reference of *amap* that *scope* cannot resolve, and local same_as links."""
    out: list[Diagnostic] = []

    def resolve(ref: str, relation: Relation, end: str) -> None:
        # The words of the message are only worked out for a miss.
        if ref not in amap.claims and scope.find_claim(ref, amap) is None:
            what = what_relation(relation, end)
            out.append(scope.claim_problem(ref, amap, what, relation.line))

    for claim in amap.claims.values():
        for index, ref in enumerate(claim.same_as):
            line = claim.same_as_line(index)
            found = scope.claim(ref, amap, what_same_as(claim), line)
            if isinstance(found, Diagnostic):
                out.append(found)
            elif split_ref(ref)[0] in (None, amap.id):
                out.append(
                    warning(
                        "same-as-local",
                        f"claim {claim.id!r} is same_as {ref!r} in the same map",
                        path=amap.path,
                        line=line,
                        fix="merge the two claims into one",
                    )
                )

    for relation in amap.relations:
        # A source is written under its claim in YAML, so only other readers
        # give one that is no claim of the map: another map's, or nobody's.
        resolve(relation.source, relation, "source")
        for premise in relation.linked:
            resolve(premise, relation, "linked")
        if relation.kind != "undercuts":
            resolve(relation.target, relation, "target")

    # A links file's same_as links between claims of other maps.
    for link in amap.same_as_links:
        for ref in (link.source, link.target):
            found = scope.claim(
                ref, amap, f"same_as link {link.source!r} -> {link.target!r}", link.line
            )
            if isinstance(found, Diagnostic):
                out.append(found)

    # Undercut targets name relations: resolved once all ids are known.
    for relation in amap.undercuts():
        target = scope.relation(
            relation.target, amap, what_relation(relation), relation.line
        )
        if isinstance(target, Diagnostic):
            out.append(target)
    return out
