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
  Without ``override: true`` a changed text is an error, so that nobody
  rewrites the seed map by accident; ``argmap check`` warns about every
  override.

The base may itself extend another map (a chain); a cycle of ``extends`` is
an error naming the chain.  :func:`effective_map` gives the map an extension
stands for: the base's claims and relations, then the extension's, under the
extension's id and title.  Every claim of an effective map carries
:class:`~argmap.model.Provenance` naming the map it comes from, and every
relation ``asserted_by``, so that diff and render can tell the participant's
contribution from the seed (:meth:`argmap.model.ArgumentMap.sources_of` reads
it).

In the model an annotation is a :class:`~argmap.model.Claim` whose ``text``
is empty (the YAML reader gives ``""`` for a missing ``text``, which the
schema allows only in a map with ``extends``).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from argmap.diagnostics import ArgmapError, Diagnostic, MapError, error, warning
from argmap.model import ARROW, ArgumentMap, Claim, Provenance, Relation, split_ref

__all__ = [
    "base_chain",
    "base_claim_ids",
    "base_path",
    "chain_problems",
    "check_extension",
    "effective_map",
    "find_base",
    "is_annotation",
    "is_path_reference",
    "localise",
    "visible_claims",
]

_PATH_SUFFIXES = (".yaml", ".yml", ".json")


# -- finding the base ------------------------------------------------------------
def is_path_reference(value: str) -> bool:
    """Whether an ``extends`` value names a file rather than a map id.

    A value with a slash, or ending in a map file extension, is a path; any
    other value is a map id (ids cannot contain slashes).
    """
    return (
        "/" in value
        or "\\" in value
        or value.lower().endswith(_PATH_SUFFIXES)
        or value.startswith(".")
    )


def base_path(amap: ArgumentMap) -> Path | None:
    """The file an extension's ``extends`` names, when it names a file.

    The path is relative to the extension's folder, normalised (``a/../b``
    is ``b``) but not resolved, so that messages show it as the user would
    write it; compare files with ``.resolve()``.
    """
    if not amap.extends or not is_path_reference(amap.extends):
        return None
    here = Path(amap.path).parent if amap.path else Path(".")
    return Path(os.path.normpath(here / amap.extends))


def _as_dict(maps) -> dict[str, ArgumentMap]:
    if maps is None:
        return {}
    if isinstance(maps, Mapping):
        return dict(maps)
    return {m.id: m for m in maps}


def find_base(amap: ArgumentMap, maps) -> ArgumentMap | None:
    """The map *amap* extends, among *maps* (by id, or by file for a path)."""
    if not amap.extends:
        return None
    target = base_path(amap)
    if target is None:
        return _as_dict(maps).get(amap.extends)
    target = target.resolve()
    for other in _as_dict(maps).values():
        if other.path and Path(other.path).resolve() == target:
            return other
    return None


def _extends_line(amap: ArgumentMap) -> int | None:
    # Set by the YAML reader; other readers may not know where extends was written.
    return amap.lines.get("extends") or (1 if amap.path else None)


def _missing_base(amap: ArgumentMap, maps: dict[str, ArgumentMap]) -> Diagnostic:
    target = base_path(amap)
    if target is not None:
        looked = f"file {target}"
        if target.exists():
            fix = f"fix the base file first: {_first_problem(target)}"
        else:
            fix = "the path is relative to this map's folder; check it"
    else:
        looked = f"a map with id {amap.extends!r} among the inputs and the map files beside them"
        close = difflib.get_close_matches(
            amap.extends, sorted({*maps, *_ids_beside(amap)}), n=1, cutoff=0.6
        )
        fix = (
            f"did you mean {close[0]!r}?"
            if close
            else "check the id, pass the base map's file too, or write its path (e.g. ../base.yaml)"
        )
    return error(
        "unknown-base",
        f"extends {amap.extends!r}, but there is no such base map (looked for {looked})",
        path=amap.path,
        line=_extends_line(amap),
        fix=fix,
    )


def _first_problem(path: Path) -> str:
    """The first error of a base file that exists but does not load, for the fix text."""
    from argmap import readwrite

    try:
        readwrite.read(path)
    except ArgmapError as exc:
        errors = [d for d in exc.diagnostics if d.is_error]
        return f"{errors[0].location()}: {errors[0].message}" if errors else str(exc)
    return "it loads, but holds no map usable as a base"


def _ids_beside(amap: ArgumentMap) -> set[str]:
    """Ids of the maps in the files beside *amap*, for a "did you mean" (only on errors)."""
    if not amap.path:
        return set()
    from argmap import readwrite
    from argmap.workspace import map_files_in  # workspace imports this module

    ids = set()
    for path in map_files_in(Path(amap.path).parent):
        try:
            ids.update(m.id for m in readwrite.read(path))
        except (ArgmapError, ValueError):
            continue
    return ids


def chain_problems(amap: ArgumentMap, maps) -> list[Diagnostic]:
    """Errors in the ``extends`` chain of *amap*: a missing base or a cycle."""
    maps = _as_dict(maps)
    chain = [amap]
    current = amap
    while current.extends:
        base = find_base(current, maps)
        if base is None:
            return [_missing_base(current, maps)]
        if base is not current and base.id == current.id:
            return [
                error(
                    "duplicate-map-id",
                    f"map {current.id!r} extends a map with the same id ({base.path or base.id})",
                    path=current.path,
                    line=_extends_line(current),
                    fix="give the extension its own id",
                )
            ]
        if any(base is m or base.id == m.id for m in chain):
            names = " -> ".join(m.id for m in [*chain, base])
            return [
                error(
                    "extends-cycle",
                    f"extends cycle: {names}",
                    path=amap.path,
                    line=_extends_line(amap),
                    fix="a map cannot extend itself, directly or through others; remove one 'extends'",
                )
            ]
        chain.append(base)
        current = base
    return []


def base_chain(amap: ArgumentMap, maps) -> list[ArgumentMap]:
    """The maps *amap* extends, nearest first; MapError on a missing base or a cycle."""
    maps = _as_dict(maps)
    problems = chain_problems(amap, maps)
    if problems:
        raise MapError(diagnostics=problems)
    chain = []
    current = amap
    while current.extends:
        current = find_base(current, maps)
        chain.append(current)
    return chain


def _safe_chain(amap: ArgumentMap, maps) -> list[ArgumentMap]:
    """The chain as far as it can be followed (for checks that report it elsewhere)."""
    maps = _as_dict(maps)
    chain: list[ArgumentMap] = []
    current = amap
    while current.extends:
        base = find_base(current, maps)
        if base is None or base is amap or any(base is m for m in chain):
            break
        chain.append(base)
        current = base
    return chain


def is_annotation(claim: Claim) -> bool:
    """An extension's entry that adds to a base claim without restating it."""
    return not claim.text


def _base_claims(amap: ArgumentMap, maps) -> dict[str, tuple[Claim, ArgumentMap]]:
    """Claims of the base chain by id (the effective text), with the map that gives it."""
    found: dict[str, tuple[Claim, ArgumentMap]] = {}
    for base in _safe_chain(amap, maps):
        for claim_id, claim in base.claims.items():
            if claim_id in found:
                continue  # a nearer base already said it (maybe overriding)
            if is_annotation(claim):
                continue  # the text is further down the chain
            found[claim_id] = (claim, base)
    return found


def visible_claims(amap: ArgumentMap, maps) -> dict[str, Claim]:
    """Claims a bare id can name in *amap*: its own and its bases'."""
    visible = dict(amap.claims)
    for base in _safe_chain(amap, maps):
        for claim_id, claim in base.claims.items():
            visible.setdefault(claim_id, claim)
    return visible


def base_claim_ids(amap: ArgumentMap, maps) -> set[str]:
    """Ids of the claims of every map *amap* extends (empty for a plain map)."""
    return {c for base in _safe_chain(amap, maps) for c in base.claims}


def base_relations_named(amap: ArgumentMap, key: str, maps) -> list[Relation]:
    """Relations of the base chain that an undercut's target *key* names."""
    for base in _safe_chain(amap, maps):
        matches = base.relations_by_key(key)
        if matches:
            return matches
    return []


# -- checks ----------------------------------------------------------------------
def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def check_extension(amap: ArgumentMap, maps) -> list[Diagnostic]:
    """The extension rules: a resolvable, acyclic base; annotations and overrides.

    For a map without ``extends`` the only thing to report is
    ``override: true`` with nothing to override (a claim without text there
    is the schema's error, or :func:`argmap.validate.check_map`'s).
    """
    maps = _as_dict(maps)
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

    out.extend(chain_problems(amap, maps))
    chain_ok = not out
    chain = _safe_chain(amap, maps)
    base_claims = _base_claims(amap, maps)
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
        base = base_claims.get(claim.id)
        if base is None:
            if is_annotation(claim) and chain_ok:
                close = difflib.get_close_matches(
                    claim.id, list(base_claims), n=1, cutoff=0.6
                )
                out.append(
                    error(
                        "empty-text",
                        f"claim {claim.id!r} has no text, and the base map {base_name} has no claim {claim.id!r} to add to",
                        path=path,
                        line=claim.line,
                        fix=(f"did you mean {close[0]!r}? " if close else "")
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
        base_claim, base_map = base
        where = f"{base_map.path}:{base_claim.line}" if base_map.path else base_map.id
        if is_annotation(claim) or _same_text(claim.text, base_claim.text):
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


# -- the effective map -----------------------------------------------------------
def localise(ref: str, map_ids) -> str:
    """*ref* with references to the maps *map_ids* written as bare ids.

    ``base#claim`` becomes ``claim`` when ``base`` is in *map_ids*; a
    relation key (``a->b``) is localised part by part; other references
    are returned unchanged.  Effective maps and diffs use it so that a
    claim named from an extension and from its base is one claim.
    """
    if ARROW in ref:
        return ARROW.join(localise(part, map_ids) for part in ref.split(ARROW))
    map_id, local = split_ref(ref)
    return local if map_id is not None and map_id in map_ids else ref


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


def effective_map(ext: ArgumentMap, maps) -> ArgumentMap:
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
    maps = _as_dict(maps)
    chain = base_chain(ext, maps)
    ids = {ext.id, *(m.id for m in chain)}
    if not chain:
        result = ArgumentMap(
            ext.id,
            ext.title,
            ext.source,
            _own_claims(ext),
            _own_relations(ext, ids),
            merged_from=ext.merged_from,
            path=ext.path,
        )
        return result
    base = effective_map(chain[0], maps)
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
        elif is_annotation(claim) or _same_text(claim.text, old.text):
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
        else:  # an override (check_extension reports it, or the missing flag)
            claims[claim.id] = replace(
                claim,
                same_as=tuple(localise(r, ids) for r in claim.same_as),
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
