"""The rules of extension maps (see :mod:`argmap.extensions` for what they are).

* the chain: ``unknown-base``, ``duplicate-map-id`` (a base with the
  extension's own id), ``extends-cycle`` — as :meth:`argmap.refs.Scope.chain`
  finds them;
* ``duplicate-relation``, ``duplicate-id`` (errors): a relation, or a
  relation id, that a base of the chain already has;
* ``empty-text`` (error): an entry without text whose id is no base claim
  (there is nothing to add to);
* ``base-claim-changed`` (error): an entry with a base claim's id that
  changes its text without ``override: true``, or its quote or role;
* ``override`` (warning): a deliberate override, so that it is seen;
* ``override-without-base`` (warning): ``override: true`` with no base
  claim to override, or in a map that extends nothing.
"""

from __future__ import annotations

from argmap.diagnostics import Diagnostic, error, warning
from argmap.extensions import base_claims, is_annotation, same_text
from argmap.model import ArgumentMap
from argmap.refs import Scope, did_you_mean

__all__ = ["check_extension"]


def check_extension(amap: ArgumentMap, scope: Scope) -> list[Diagnostic]:
    """The extension rules: a resolvable, acyclic base; annotations and overrides.

    For a map without ``extends`` the only thing to report is
    ``override: true`` with nothing to override (a claim without text there
    is the schema's error, or :mod:`argmap.checks.fields`').
    """
    path = amap.path
    out: list[Diagnostic] = []
    if not amap.extends:
        for claim in amap.claims.values():
            if claim.override:
                out.append(
                    warning(
                        "override-without-base",
                        f"claim {claim.id!r} says override: true, but this map extends no other map",
                        path=path,
                        line=claim.line,
                        fix="remove 'override: true'",
                    )
                )
        return out

    chain, problem = scope.chain(amap)
    if problem is not None:
        out.append(problem)
    chain_ok = problem is None
    in_base = base_claims(amap, scope)
    base_name = repr(chain[0].id) if chain else repr(amap.extends)

    base_relation_ids = {r.id for base in chain for r in base.relations if r.id}
    # The nearest base wins when several state the relation.
    base_relations = {
        (r.kind, r.source, r.target): (r, base)
        for base in reversed(chain)
        for r in base.relations
    }
    for relation in amap.relations:
        known = base_relations.get((relation.kind, relation.source, relation.target))
        if known is not None:
            rel, base = known
            where = f" ({base.path}:{rel.line})" if base.path and rel.line else ""
            out.append(
                error(
                    "duplicate-relation",
                    f"{relation.source!r} {relation.kind} {relation.target!r} is already in the base map {base.id!r}{where}",
                    path=path,
                    line=relation.line,
                    fix="remove it here; the base's relation already applies",
                )
            )
        if relation.id and relation.id in base_relation_ids:
            out.append(
                error(
                    "duplicate-id",
                    f"relation id {relation.id!r} is already used by a relation of the base map",
                    path=path,
                    line=relation.line,
                    fix="give the relation a distinct id",
                )
            )

    for claim in amap.claims.values():
        found = in_base.get(claim.id)
        if found is None:
            if is_annotation(claim) and chain_ok:
                close = did_you_mean(claim.id, in_base)
                out.append(
                    error(
                        "empty-text",
                        f"claim {claim.id!r} has no text, and the base map {base_name} has no claim {claim.id!r} to add to",
                        path=path,
                        line=claim.line,
                        fix=(f"{close} " if close else "")
                        + "write the claim's text, or use the id of a base claim",
                    )
                )
            elif claim.override and chain_ok:
                out.append(
                    warning(
                        "override-without-base",
                        f"claim {claim.id!r} says override: true, but the base map {base_name} has no claim {claim.id!r}",
                        path=path,
                        line=claim.line,
                        fix="remove 'override: true', or correct the id",
                    )
                )
            continue
        base_claim, base_map = found
        where = f"{base_map.path}:{base_claim.line}" if base_map.path else base_map.id
        if is_annotation(claim) or same_text(claim.text, base_claim.text):
            if claim.override:
                continue  # restated with override: nothing is replaced, nothing to say
            for field_name, mine, theirs in (
                ("quote", claim.quote, base_claim.quote),
                ("role", claim.role, base_claim.role),
            ):
                if mine is not None and mine != theirs:
                    out.append(
                        error(
                            "base-claim-changed",
                            f"claim {claim.id!r} changes the {field_name} of the base claim ({where})",
                            path=path,
                            line=claim.line,
                            fix=f"remove '{field_name}:' (an addition to a base claim may only add "
                            "tags, a note, same_as and relations), or restate the claim with "
                            "'text:' and 'override: true'",
                        )
                    )
            continue
        if claim.override:
            out.append(
                warning(
                    "override",
                    f"claim {claim.id!r} overrides the base claim's text ({where})",
                    path=path,
                    line=claim.line,
                    fix="fine if deliberate; to add a claim of your own instead, give it a new id",
                )
            )
        else:
            out.append(
                error(
                    "base-claim-changed",
                    f"claim {claim.id!r} has the id of a claim of the base map {base_name} ({where}) but a different text",
                    path=path,
                    line=claim.line,
                    fix="to add tags, a note or relations, drop 'text:'; to add your own claim, "
                    "give it a new id; to replace the base claim, add 'override: true'",
                )
            )
    return out
