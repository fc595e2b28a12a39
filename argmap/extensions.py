"""Extension maps: a map that builds on another with ``extends:``.

A seminar participant does not copy the seed map; they write a small map
that says ``extends: ../contracts-not-declarations.yaml`` (a path relative to
their file) or ``extends: contracts-not-declarations`` (a map id, found among
the inputs and the map files beside them) and adds to it:

* new claims and relations; the base's claims are named by their bare ids;
* *annotations* of base claims: an entry with a base claim's id and no
  ``text``, carrying only ``tags`` (added to the base claim's), ``note``
  (added after the base claim's note), ``same_as`` and relations starting
  from that claim;
* *restatements*: the base claim's id with the same text (harmless);
* *overrides*: the base claim's id with another text and ``override: true``.
  The text is replaced; what the override does not restate is kept from
  the base claim (its role, quote and note; tags are joined), so that an
  override loses nothing it did not mean to.  Without ``override: true`` a
  changed text is an error, so that nobody rewrites the seed map by
  accident; ``argmap check`` warns about every override (the rules are
  :mod:`argmap.checks.extension`).

The base may itself extend another map (a chain, found by
:meth:`argmap.refs.Scope.chain`); a cycle of ``extends`` is an error naming
the chain.  :func:`effective_map` gives the map an extension stands for: the
base's claims and relations, then the extension's, under the extension's id
and title.  Every claim of an effective map carries
:class:`~argmap.model.Provenance` naming the map it comes from, and every
relation ``asserted_by``, so that diff and render can tell the participant's
contribution from the seed (:meth:`argmap.model.ArgumentMap.sources_of` reads
it).

In the model an annotation is a :class:`~argmap.model.Claim` whose ``text``
is empty (the YAML reader gives ``""`` for a missing ``text``, which the
schema allows only in a map with ``extends``).

Everything here is a function of maps already read: no file is opened
(:mod:`argmap.workspace` finds and reads the bases).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from argmap.diagnostics import Diagnostic, MapError
from argmap.model import ArgumentMap, Claim, Provenance, Relation
from argmap.refs import Scope, base_path, is_path_reference, localise

__all__ = [
    "MapsLike",
    "as_scope",
    "base_chain",
    "base_claim_ids",
    "base_claims",
    "base_path",
    "base_relations_named",
    "chain_problems",
    "effective_map",
    "find_base",
    "is_annotation",
    "is_path_reference",
    "localise",
    "same_text",
    "visible_claims",
]

#: What the functions below accept as "the maps": a scope, maps by id, or maps.
MapsLike = Scope | Mapping[str, ArgumentMap] | Iterable[ArgumentMap] | None


def as_scope(maps: MapsLike) -> Scope:
    """*maps* as a :class:`~argmap.refs.Scope` (a scope is returned as it is)."""
    return maps if isinstance(maps, Scope) else Scope(maps or ())


def is_annotation(claim: Claim) -> bool:
    """An extension's entry that adds to a base claim without restating it."""
    return not claim.text


def same_text(a: str, b: str) -> bool:
    """Whether two claim texts are the same, up to spacing."""
    return " ".join(a.split()) == " ".join(b.split())


# -- the chain, for callers holding maps rather than a scope -------------------------
def find_base(amap: ArgumentMap, maps: MapsLike) -> ArgumentMap | None:
    """The map *amap* extends, among *maps* (by id, or by file for a path)."""
    return as_scope(maps).base(amap)


def chain_problems(amap: ArgumentMap, maps: MapsLike) -> list[Diagnostic]:
    """Errors in the ``extends`` chain of *amap*: a missing base or a cycle."""
    problem = as_scope(maps).chain(amap).problem
    return [problem] if problem is not None else []


def base_chain(amap: ArgumentMap, maps: MapsLike) -> list[ArgumentMap]:
    """The maps *amap* extends, nearest first; MapError on a missing base or a cycle."""
    chain = as_scope(maps).chain(amap)
    if chain.problem is not None:
        raise MapError(diagnostics=[chain.problem])
    return list(chain.maps)


def visible_claims(amap: ArgumentMap, maps: MapsLike) -> dict[str, Claim]:
    """Claims a bare id can name in *amap*: its own and its bases'."""
    return dict(as_scope(maps).visible(amap))


def base_claim_ids(amap: ArgumentMap, maps: MapsLike) -> set[str]:
    """Ids of the claims of every map *amap* extends (empty for a plain map)."""
    return {c for base in as_scope(maps).chain(amap).maps for c in base.claims}


def base_relations_named(amap: ArgumentMap, key: str, maps: MapsLike) -> list[Relation]:
    """Relations of the base chain that an undercut's target *key* names."""
    for base in as_scope(maps).chain(amap).maps:
        matches = base.relations_by_key(key)
        if matches:
            return matches
    return []


def base_claims(
    amap: ArgumentMap, scope: Scope
) -> dict[str, tuple[Claim, ArgumentMap]]:
    """Claims of the base chain by id (the effective text), with the map that gives it."""
    found: dict[str, tuple[Claim, ArgumentMap]] = {}
    for base in scope.chain(amap).maps:
        for claim_id, claim in base.claims.items():
            if claim_id in found:
                continue  # a nearer base already said it (maybe overriding)
            if is_annotation(claim):
                continue  # the text is further down the chain
            found[claim_id] = (claim, base)
    return found


# -- the effective map -----------------------------------------------------------
def _own_claims(amap: ArgumentMap) -> list[Claim]:
    """Claims of a plain map with provenance naming it (kept when already there)."""
    return [
        replace(
            claim,
            provenance=claim.provenance
            or (Provenance(amap.id, claim.id, claim.text, claim.quote),),
        )
        for claim in amap.claims.values()
    ]


def _own_relations(amap: ArgumentMap, ids: set[str]) -> list[Relation]:
    return [
        replace(
            relation,
            source=localise(relation.source, ids),
            target=localise(relation.target, ids),
            linked=tuple(localise(p, ids) for p in relation.linked),
            asserted_by=relation.asserted_by or (amap.id,),
        )
        for relation in amap.relations
    ]


def _join_tags(first: Iterable[str], second: Iterable[str]) -> tuple[str, ...]:
    out = list(first)
    out.extend(t for t in second if t not in out)
    return tuple(out)


def effective_map(ext: ArgumentMap, maps: MapsLike) -> ArgumentMap:
    """The whole map an extension stands for.

    Base claims and relations first (in the base's order), then the
    extension's new claims and relations; the extension's id, title and
    path (and its source, when it names one).  Annotations add tags, a note
    and ``same_as`` to the base claim; an override replaces it where it
    stood.  Only what the extension itself writes keeps its line numbers (the
    path is the extension's).  References to any map of the chain (``base-id#claim``) become
    bare ids.  The result has no ``extends``: it is complete, and
    ``merged_from`` lists the maps of the chain (base first, extension last),
    so that :func:`argmap.analysis.merge.merge` takes it apart into the
    claims of each map, like any merged map.

    Raises :class:`MapError` when the base cannot be found or the chain is a
    cycle.  A map without ``extends`` comes back as a copy whose claims and
    relations name it as their origin.
    """
    scope = as_scope(maps)
    chain = base_chain(ext, scope)
    ids = {ext.id, *(m.id for m in chain)}
    if not chain:
        return ArgumentMap(
            ext.id,
            ext.title,
            ext.source,
            _own_claims(ext),
            _own_relations(ext, ids),
            merged_from=ext.merged_from,
            path=ext.path,
        )
    base = effective_map(chain[0], scope)
    # The effective map's path is the extension's: lines in another file
    # would point at the wrong place, so base claims and relations lose theirs.
    claims: dict[str, Claim] = {
        claim_id: replace(claim, location=None, same_as_locations=())
        for claim_id, claim in base.claims.items()
    }
    for claim in ext.claims.values():
        here = Provenance(ext.id, claim.id, claim.text or None, claim.quote)
        old = claims.get(claim.id)
        if old is None:
            claims[claim.id] = replace(
                claim,
                same_as=tuple(localise(r, ids) for r in claim.same_as),
                provenance=claim.provenance or (here,),
                override=False,
            )
        elif is_annotation(claim) or same_text(claim.text, old.text):
            note = old.note
            if claim.note and claim.note != old.note:
                note = f"{old.note}\n\n{claim.note}" if old.note else claim.note
            claims[claim.id] = replace(
                old,
                location=claim.location,
                tags=_join_tags(old.tags, claim.tags),
                note=note,
                same_as=_join_tags(
                    old.same_as, (localise(r, ids) for r in claim.same_as)
                ),
            )
        else:  # an override (the extension checks report it, or the missing flag)
            # The text is the extension's; fields it does not restate stay.
            claims[claim.id] = replace(
                claim,
                role=claim.role or old.role,
                quote=claim.quote if claim.quote is not None else old.quote,
                note=claim.note or old.note,
                tags=_join_tags(old.tags, claim.tags),
                same_as=_join_tags(
                    old.same_as, (localise(r, ids) for r in claim.same_as)
                ),
                provenance=(here,),
                override=False,
            )
    relations = [
        *(replace(r, location=None) for r in base.relations),
        *_own_relations(ext, ids),
    ]
    return ArgumentMap(
        ext.id,
        ext.title or base.title,
        ext.source if ext.source.to_dict() else base.source,
        claims.values(),
        relations,
        # Every map that went in, so that merging an effective map names them
        # all (a plain base is summarised; an effective or merged base lists its own).
        merged_from=[
            *(base.merged_from or [_summary(chain[0])]),
            _summary(ext),
        ],
        path=ext.path,
    )


def _summary(amap: ArgumentMap) -> ArgumentMap:
    return ArgumentMap(amap.id, amap.title, amap.source)
