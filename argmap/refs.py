"""References: how maps name claims, relations and base maps, resolved in one place.

Every command resolves references here (checking, merging, the analyses,
the drawings), so a reference means one thing, and a bad one gets one
diagnostic (code, message, fix) whichever command meets it.

Forms (parsed here and nowhere else)
    claim reference: ``id``, a claim of the map it is written in, or
    ``map#id``, a claim of map ``map`` (:func:`split_ref`); ``this-map#id``
    is ``id``.  relation key (an undercut's target): a relation id, or
    ``source->target`` whose ends are claim references; ``other#a->other#b``
    and ``other#r1`` name a relation of map ``other``
    (:func:`split_relation_ref`).  base (``extends``): a map id, or a path
    relative to the extension's folder (:func:`is_path_reference`).

Rules (a :class:`Scope` applies them to a set of maps)
    chain
        The bases of a map, nearest first: its ``extends`` found among the
        maps of the scope (by id, or by file for a path), that map's base,
        and so on.  A missing base (``unknown-base``), a base with the
        extension's own id (``duplicate-map-id``) or a cycle
        (``extends-cycle``) ends the chain with that diagnostic.
    claims
        ``id`` seen from map M names the claim ``id`` of the first map of M
        and its chain that has one; ``O#id`` the same, starting from map O.
        A map O outside the scope may be known from the ``provenance`` of a
        merged map in it: then ``O#id`` names that source claim (and so does
        a bare ``id`` in an extension of O).  A miss is
        ``unknown-reference`` (the map is known, the claim is not) or
        ``unknown-map``, with a "did you mean".
    relations
        Within one map (:class:`RelationIndex`) a relation id names the
        relation (or undercut) with that id; otherwise ``source->target``
        names every supports/rebuts relation between the two claims, with
        an id or not.  Seen from map M, a key of map O (``O#…``) is looked
        up in O; any other key in M, then in M's chain (the nearest base
        that has it).  No match is ``unknown-relation``, several are
        ``ambiguous-relation``.
    within one map
        :class:`MapRefs`, for the analyses of a merged or effective map: a
        reference names the map's own claim, or the claim whose
        ``provenance`` lists it.

Nothing here reads a file: what the workspace read (which base files failed
to load, which ids lie beside a map) is passed to the scope.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from argmap.diagnostics import Diagnostic, error
from argmap.fileio import real_path

if TYPE_CHECKING:
    from argmap.model import ArgumentMap, Claim, Relation

__all__ = [
    "ARROW",
    "REF_SEPARATOR",
    "Chain",
    "MapRefs",
    "RelationIndex",
    "Resolved",
    "Scope",
    "base_path",
    "did_you_mean",
    "is_path_reference",
    "localise",
    "qualify",
    "split_ref",
    "split_relation_ref",
]

REF_SEPARATOR = "#"
ARROW = "->"
_PATH_SUFFIXES = (".yaml", ".yml", ".json")


# -- forms -----------------------------------------------------------------------
def split_ref(ref: str) -> tuple[str | None, str]:
    """Split ``"map#claim"`` into ``("map", "claim")``; a bare id gives ``(None, id)``."""
    if REF_SEPARATOR in ref:
        map_id, _, local = ref.partition(REF_SEPARATOR)
        return map_id, local
    return None, ref


def split_relation_ref(key: str) -> tuple[str | None, str]:
    """The map an undercut's target lives in, and the key within that map.

    ``"other#a->other#b"`` and ``"other#r1"`` name a relation of map
    ``other``: ``("other", "a->b")``, ``("other", "r1")``.  A key whose parts
    are bare, or name different maps, is the undercutting map's own:
    ``(None, key)``.
    """
    parts = key.split(ARROW)
    owners = {split_ref(part)[0] for part in parts}
    owner = owners.pop() if len(owners) == 1 else None
    if owner is None:
        return None, key
    return owner, ARROW.join(split_ref(part)[1] for part in parts)


def qualify(ref: str, map_id: str) -> str:
    """The qualified form of *ref* as seen from map *map_id*."""
    return ref if REF_SEPARATOR in ref else f"{map_id}{REF_SEPARATOR}{ref}"


def localise(ref: str, map_ids: Collection[str]) -> str:
    """*ref* with references to the maps *map_ids* written as bare ids.

    ``base#claim`` becomes ``claim`` when ``base`` is in *map_ids*; a
    relation key (``a->b``) is localised part by part; other references
    are returned unchanged.  Effective maps and diffs use it so that a
    claim named from an extension and from its base is one claim.
    """
    if REF_SEPARATOR not in ref:
        return ref
    if ARROW in ref:
        return ARROW.join(localise(part, map_ids) for part in ref.split(ARROW))
    map_id, local = split_ref(ref)
    return local if map_id is not None and map_id in map_ids else ref


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
    write it; compare files with :func:`argmap.fileio.real_path`.
    """
    if not amap.extends or not is_path_reference(amap.extends):
        return None
    here = Path(amap.path).parent if amap.path else Path(".")
    return Path(os.path.normpath(here / amap.extends))


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """``"did you mean 'x'?"`` for the closest of *choices*, if one is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


# -- the words for where a reference is written ------------------------------------
def what_same_as(claim: Claim) -> str:
    return f"same_as of {claim.id!r}"


def what_relation(relation: Relation, end: str = "target") -> str:
    """Where in *relation* a reference is: its ``source``, ``target`` or ``linked`` premise."""
    if end == "source":
        return f"{relation.kind} relation"
    if relation.kind == "undercuts":
        where = f"undercut from {relation.source!r}"
    else:
        where = f"{relation.kind} relation from {relation.source!r}"
    return f"linked premise of the {where}" if end == "linked" else where


# -- relations within one map --------------------------------------------------------
class RelationIndex:
    """The relations of a map by the keys that name them (the rule in the module docstring).

    Keys are taken as written (:meth:`ArgumentMap.relations_by_key` reads
    ``this-map#x`` as ``x`` first); readers that resolve undercuts before
    their map exists use it on the relations they made.  Built once per
    map, because a scan of all relations per undercut is quadratic.
    """

    def __init__(self, relations: Iterable[Relation] = ()) -> None:
        self._index: dict[str, list[Relation]] = {}
        for relation in relations:
            self.add(relation)

    def add(self, relation: Relation) -> None:
        self.add_id(relation)
        if relation.kind != "undercuts":
            key = f"key:{relation.source}{ARROW}{relation.target}"
            self._index.setdefault(key, []).append(relation)

    def add_id(self, relation: Relation) -> None:
        """Index the id a relation was given after it was added."""
        if relation.id:
            self._index.setdefault(f"id:{relation.id}", []).append(relation)

    def named(self, key: str) -> list[Relation]:
        """The relations *key* names, in the order they were added."""
        found = self._index.get(f"id:{key}") or self._index.get(f"key:{key}")
        return list(found) if found else []


class MapRefs:
    """References inside one map, as the analyses of a merged or effective map read them.

    A reference names the map's own claim (``id`` or ``this-map#id``), or
    the claim whose ``provenance`` lists it (``source-map#id``); anything
    else is *external*, a claim of another map.
    """

    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self._aliases: dict[str, str] | None = None

    def _through_provenance(self) -> dict[str, str]:
        # Built on the first miss only: merged maps usually name merged ids.
        if self._aliases is None:
            self._aliases = {}
            for claim in self.amap.claims.values():
                for p in claim.provenance:
                    self._aliases.setdefault(p.ref, claim.id)
        return self._aliases

    def claim_id(self, ref: str) -> str | None:
        """The id of the claim of this map that *ref* names; None for an external one."""
        claims = self.amap.claims
        if ref in claims:
            return ref
        map_id, local = split_ref(ref)
        if map_id is None:
            return None
        if map_id == self.amap.id and local in claims:
            return local
        return self._through_provenance().get(ref)

    def relation(self, key: str) -> Relation | None:
        """The one relation *key* names; its ends may name claims through provenance.

        None when nothing, or more than one relation, matches.
        """
        found = self.amap.relation(key)
        if found is None and ARROW in key:
            parts = key.split(ARROW)
            resolved = ARROW.join(self.claim_id(p) or p for p in parts)
            if resolved != key:
                found = self.amap.relation(resolved)
        return found


# -- across maps -------------------------------------------------------------------------
class Chain(NamedTuple):
    """The bases of a map, nearest first, as far as they can be followed."""

    maps: tuple[ArgumentMap, ...]
    #: Why the chain ends early (``unknown-base``, ``duplicate-map-id``,
    #: ``extends-cycle``), or None.
    problem: Diagnostic | None


class Resolved(NamedTuple):
    """Where a claim reference leads: the source claim ``map#claim``."""

    map: str
    claim: str
    #: The map of the scope that has this claim; None when the claim is known
    #: only from the provenance of a merged map.
    owner: ArgumentMap | None


class Scope:
    """How references resolve among a set of maps (see the module docstring).

    *maps* by id (or any iterable of maps; a later map with the same id
    wins).  What the workspace read improves the messages of misses:
    *unreadable* lists files that failed to load (one of them may hold a
    map that seems missing); *file_problems* gives, for each file read
    (resolved path), its first load problem or None when it loaded; and
    *ids_beside* the map ids found in the files of each folder (resolved)
    searched, for "did you mean".
    """

    def __init__(
        self,
        maps: Mapping[str, ArgumentMap] | Iterable[ArgumentMap] = (),
        *,
        unreadable: Sequence[str] = (),
        file_problems: Mapping[Path, str | None] | None = None,
        ids_beside: Mapping[Path, Collection[str]] | None = None,
    ) -> None:
        if isinstance(maps, Mapping):
            self.maps: dict[str, ArgumentMap] = dict(maps)
        else:
            self.maps = {m.id: m for m in maps}
        self.unreadable = list(unreadable)
        self.file_problems = dict(file_problems or {})
        self.ids_beside = dict(ids_beside or {})
        self._by_file: dict[Path, ArgumentMap] | None = None
        self._chains: dict[int, Chain] = {}
        self._visible: dict[int, Mapping[str, Claim]] = {}
        self._atoms: dict[str, set[str]] | None = None

    def _in_scope(self, amap: ArgumentMap) -> bool:
        return self.maps.get(amap.id) is amap

    # -- chains ---------------------------------------------------------------------
    def base(self, amap: ArgumentMap) -> ArgumentMap | None:
        """The map *amap* extends, among the maps of the scope."""
        if not amap.extends:
            return None
        target = base_path(amap)
        if target is None:
            return self.maps.get(amap.extends)
        if self._by_file is None:
            self._by_file = {}
            for other in self.maps.values():
                if other.path:
                    self._by_file.setdefault(real_path(other.path), other)
        return self._by_file.get(real_path(target))

    def chain(self, amap: ArgumentMap) -> Chain:
        """The bases of *amap*, nearest first, and the problem that ends the chain early.

        The bases are followed until one is missing or repeats; the problem
        is the first of: a missing base, a base with its extension's id, a
        cycle (which names the maps around it).
        """
        cached = self._chains.get(id(amap))
        if cached is not None and self._in_scope(amap):
            return cached
        bases: list[ArgumentMap] = []
        problem: Diagnostic | None = None
        current = amap
        while current.extends:
            base = self.base(current)
            if base is None:
                problem = problem or self._missing_base(current)
                break
            if problem is None:
                if base is not current and base.id == current.id:
                    problem = error(
                        "duplicate-map-id",
                        f"map {current.id!r} extends a map with the same id ({base.path or base.id})",
                        path=current.path,
                        line=_extends_line(current),
                        fix="give the extension its own id",
                    )
                elif any(base is m or base.id == m.id for m in (amap, *bases)):
                    names = " -> ".join(m.id for m in (amap, *bases, base))
                    problem = error(
                        "extends-cycle",
                        f"extends cycle: {names}",
                        path=amap.path,
                        line=_extends_line(amap),
                        fix="a map cannot extend itself, directly or through others; remove one 'extends'",
                    )
            if base is amap or any(base is m for m in bases):
                break
            bases.append(base)
            current = base
        chain = Chain(tuple(bases), problem)
        if self._in_scope(amap):
            self._chains[id(amap)] = chain
        return chain

    def _missing_base(self, amap: ArgumentMap) -> Diagnostic:
        target = base_path(amap)
        if target is not None:
            looked = f"file {target}"
            key = real_path(target)
            if key in self.file_problems:
                problem = self.file_problems[key]
                fix = "fix the base file first: " + (
                    problem or "it loads, but holds no map usable as a base"
                )
            else:
                fix = "the path is relative to this map's folder; check it"
        else:
            extends = amap.extends or ""
            looked = f"a map with id {extends!r} among the inputs and the map files beside them"
            beside: Collection[str] = ()
            if amap.path:
                beside = self.ids_beside.get(real_path(Path(amap.path).parent), ())
            fix = (
                did_you_mean(extends, sorted({*self.maps, *beside}))
                or "check the id, pass the base map's file too, or write its path (e.g. ../base.yaml)"
            )
        return error(
            "unknown-base",
            f"extends {amap.extends!r}, but there is no such base map (looked for {looked})",
            path=amap.path,
            line=_extends_line(amap),
            fix=fix,
        )

    def visible(self, amap: ArgumentMap) -> Mapping[str, Claim]:
        """Claims a bare id can name in *amap*: its own, then its bases' (nearest first)."""
        if not amap.extends:
            return amap.claims
        cached = self._visible.get(id(amap))
        if cached is not None and self._in_scope(amap):
            return cached
        visible = dict(amap.claims)
        for base in self.chain(amap).maps:
            for claim_id, claim in base.claims.items():
                visible.setdefault(claim_id, claim)
        if self._in_scope(amap):
            self._visible[id(amap)] = visible
        return visible

    # -- claims ---------------------------------------------------------------------
    def _provenance_atoms(self) -> dict[str, set[str]]:
        """Claims of maps outside the scope that merged maps in it list as sources."""
        if self._atoms is None:
            self._atoms = {}
            for m in self.maps.values():
                for claim in m.claims.values():
                    for p in claim.provenance:
                        if p.map not in self.maps:
                            self._atoms.setdefault(p.map, set()).add(p.claim)
        return self._atoms

    def find_claim(self, ref: str, seen_from: ArgumentMap) -> Resolved | None:
        """Where claim reference *ref*, written in *seen_from*, leads (None: nowhere)."""
        if REF_SEPARATOR not in ref:
            if ref in seen_from.claims:  # the common case, kept cheap
                return Resolved(seen_from.id, ref, seen_from)
            map_id: str | None = None
            local = ref
        else:
            map_id, local = split_ref(ref)
        if map_id is None or map_id == seen_from.id:
            start: ArgumentMap | None = seen_from
        else:
            start = self.maps.get(map_id)
        if start is None:
            assert map_id is not None
            if local in self._provenance_atoms().get(map_id, ()):
                return Resolved(map_id, local, None)
            return None
        if local in start.claims:
            return Resolved(start.id, local, start)
        last = start
        for base in self.chain(start).maps if start.extends else ():
            if local in base.claims:
                return Resolved(base.id, local, base)
            last = base
        # A base outside the scope may be known from provenance (a merged map
        # that holds it): its claims are named by bare id too.
        atoms = self._provenance_atoms()
        if (
            last.extends
            and self.base(last) is None
            and local in atoms.get(last.extends, ())
        ):
            return Resolved(last.extends, local, None)
        return None

    def claim_problem(
        self, ref: str, seen_from: ArgumentMap, what: str, line: int | None
    ) -> Diagnostic:
        """The diagnostic for claim reference *ref* that :meth:`find_claim` does not find.

        *what* names where it is written ("same_as of 'x'"), *line* the line.
        """
        map_id, local = split_ref(ref)
        path = seen_from.path
        if map_id is None or map_id == seen_from.id:
            fix = did_you_mean(local, self.visible(seen_from))
            broken = self.chain(seen_from).problem
            if fix is None and broken is not None and broken.code == "unknown-base":
                fix = f"this map extends {seen_from.extends!r}, which was not found; pass the base map too"
            return error(
                "unknown-reference",
                f"{what} names unknown claim {ref!r}",
                path=path,
                line=line,
                fix=fix or "define the claim or correct the id",
            )
        other = self.maps.get(map_id)
        known: Collection[str] | None = (
            other.claims if other is not None else self._provenance_atoms().get(map_id)
        )
        if known is not None:
            return error(
                "unknown-reference",
                f"{what} names {ref!r}, but map {map_id!r} has no claim {local!r}",
                path=path,
                line=line,
                fix=did_you_mean(local, known) or seen_from.missing_claim_fix(map_id),
            )
        return self.unknown_map(map_id, ref, seen_from, what, line)

    def claim(
        self, ref: str, seen_from: ArgumentMap, what: str, line: int | None = None
    ) -> Resolved | Diagnostic:
        """:meth:`find_claim`, or the diagnostic of the miss."""
        found = self.find_claim(ref, seen_from)
        if found is not None:
            return found
        return self.claim_problem(ref, seen_from, what, line)

    def unknown_map(
        self,
        map_id: str,
        ref: str,
        seen_from: ArgumentMap,
        what: str,
        line: int | None,
    ) -> Diagnostic:
        """``unknown-map``: *ref* names map *map_id*, which is not in the scope.

        With a file that failed to load, the map may exist: the reference is
        still reported (it may be a real typo, and a broken file beside the
        inputs may be no map at all), but without claiming that no map has
        that id.
        """
        guess = did_you_mean(map_id, [*self.maps, *self._provenance_atoms()])
        if self.unreadable:
            shown = ", ".join(self.unreadable[:2])
            if len(self.unreadable) > 2:
                shown += f" and {len(self.unreadable) - 2} more"
            message = (
                f"{what} names {ref!r}, but no map with id {map_id!r} could be read "
                f"(a file that failed to load may be it: {shown})"
            )
            fix = "fix the file that failed to load; if this error remains, " + (
                guess or "check the map id"
            )
        else:
            message = f"{what} names {ref!r}, but no map has id {map_id!r}"
            fix = guess or "check the map id, or pass that map's file too"
        return error("unknown-map", message, path=seen_from.path, line=line, fix=fix)

    # -- relations --------------------------------------------------------------------
    def find_relations(self, key: str, seen_from: ArgumentMap) -> list[Relation]:
        """The relations relation key *key*, written in *seen_from*, names."""
        owner, local = split_relation_ref(key)
        if owner is not None and owner != seen_from.id:
            # An undercut of another map's relation: "other#a->other#b".
            other = self.maps.get(owner)
            return other.relations_by_key(local) if other is not None else []
        matches = seen_from.relations_by_key(key)
        if not matches and seen_from.extends:
            for base in self.chain(seen_from).maps:
                matches = base.relations_by_key(key)
                if matches:
                    break
        return matches

    def relation(
        self, key: str, seen_from: ArgumentMap, what: str, line: int | None = None
    ) -> Relation | Diagnostic:
        """The one relation *key* names, or the diagnostic: none, several, or an unknown map."""
        matches = self.find_relations(key, seen_from)
        if len(matches) == 1:
            return matches[0]
        return self.relation_problem(key, seen_from, len(matches), what, line)

    def relation_problem(
        self,
        key: str,
        seen_from: ArgumentMap,
        matches: int,
        what: str,
        line: int | None,
    ) -> Diagnostic:
        """The diagnostic for a relation key that names *matches* relations (not one)."""
        if matches > 1:
            return error(
                "ambiguous-relation",
                f"undercut target {key!r} matches {matches} relations",
                path=seen_from.path,
                line=line,
                fix="give the intended relation an 'id:' and undercut that id",
            )
        owner, _ = split_relation_ref(key)
        if owner not in (None, seen_from.id) and owner not in self.maps:
            assert owner is not None
            return self.unknown_map(owner, key, seen_from, what, line)
        return error(
            "unknown-relation",
            f"{what} names no relation {key!r}",
            path=seen_from.path,
            line=line,
            fix="write the target as source->target of an existing relation, or as a relation id",
        )


def _extends_line(amap: ArgumentMap) -> int | None:
    # Set by the YAML reader; other readers may not know where extends was written.
    return amap.lines.get("extends") or (1 if amap.path else None)
