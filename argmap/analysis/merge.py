"""Merging the maps of several sources into one map with provenance.

The unit of identity is the *atom*: one claim of one source map, written
``map-id#claim-id``.  ``same_as`` links join atoms into classes (transitively,
with a union-find); each class becomes one claim of the merged map, which
remembers every atom in its ``provenance``.  Relations are re-pointed at the
classes, and the same relation stated by several sources becomes one
relation whose ``asserted_by`` names them all.

A merged map given as input is taken apart into its atoms again (the
provenance of its claims, the ``asserted_by`` of its relations), and every
rule that combines atoms is a union, a minimum or a maximum.  That is what
makes merging order-independent, idempotent and associative::

    merge([merge([a, b]), c]) == merge([a, merge([b, c])]) == merge([a, b, c])

(as long as every inner merge can resolve its own references).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from argmap._graph import UnionFind
from argmap.diagnostics import (
    Diagnostic,
    MapError,
    error,
    sort_diagnostics,
    warning,
)
from argmap.ids import unique
from argmap.model import (
    ARROW,
    REF_SEPARATOR,
    ROLES,
    ArgumentMap,
    Claim,
    Provenance,
    Relation,
    Source,
    split_ref,
    split_relation_ref,
)

__all__ = [
    "MergeResult",
    "is_merged",
    "merge",
    "merge_or_single",
    "merge_with_report",
    "merged_claim_of",
]

_ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}
_UNDERCUTS = "undercuts"


@dataclass
class MergeResult:
    """What :func:`merge_with_report` gives: the map and what merging noticed."""

    map: ArgumentMap
    #: Warnings (relations dropped because both ends are one claim after
    #: merging); errors are raised, never returned.
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def shared_claims(self) -> int:
        """Merged claims that more than one source states."""
        return sum(len(c.sources()) > 1 for c in self.map.claims.values())

    def summary(self) -> dict:
        return {
            "id": self.map.id,
            "maps": len(self.map.merged_from),
            "claims": len(self.map.claims),
            "relations": len(self.map.relations),
            "shared_claims": self.shared_claims,
        }


def is_merged(amap: ArgumentMap) -> bool:
    """Whether *amap* is the output of a merge (it lists ``merged_from`` or has provenance)."""
    return bool(amap.merged_from) or any(c.provenance for c in amap.claims.values())


def merge_or_single(
    maps: Iterable[ArgumentMap], *, id: str = "merged", title: str | None = None
) -> ArgumentMap:
    """The one map of *maps* as it is, or the :func:`merge` of several.

    What commands that work on "the maps given" (tensions, stats, report)
    analyse.  The merged map is called *id*, or *id*-2, -3, ... when an
    input map, or a source of an input, already has that id (so that ids
    stay unique wherever the maps are shown together).  ValueError when
    *maps* is empty.
    """
    maps = list(maps)
    if not maps:
        raise ValueError("no maps to merge")
    if len(maps) == 1:
        return maps[0]
    taken = {m.id for m in maps}.union(*(m.source_ids() for m in maps))
    return merge(maps, id=unique(id, taken), title=title)


def merge(
    maps: Iterable[ArgumentMap],
    *,
    id: str = "merged",
    title: str | None = None,
    auto_match: float | None = None,
) -> ArgumentMap:
    """Merge the maps of several sources into one map with provenance.

    Identity
        Every claim of every input is an atom ``map-id#claim-id``.  Atoms
        linked by ``same_as`` (transitively, across any number of maps) form
        one class, and each class becomes one merged claim.  References
        resolve across the inputs: ``other#claim`` names a claim of another
        input; a map with ``extends: base`` also sees its base's claims (and
        the base's base, …) by bare id when the base is among the inputs.
        Inputs that are themselves merged maps are taken apart into their
        atoms (claim ``provenance``, relation ``asserted_by``, ``merged_from``).

    Merged claims
        * id: the claim id of the class's smallest atom (atoms ordered by map
          id, then claim id); when two classes would get the same id, each of
          them is written ``map-id.claim-id`` instead (and, should even that
          collide, gets a ``-2``, ``-3`` … suffix).
        * text and quote: those of the smallest atom; every atom's text and
          quote stay in ``provenance`` (sorted by map, claim).
        * role: the first of thesis, premise, evidence, objection that any
          source gives the claim (so a claim some source calls its thesis is
          a thesis); none when no source gives a role.
        * tags: the union, sorted.  note: the distinct lines of the notes,
          sorted, one per line.

    Merged relations
        The same relation — kind, source class, target class (for an
        undercut: the merged relation it attacks) — stated by several
        sources becomes one relation.  ``asserted_by`` lists those sources
        (sorted map ids); its weight is the largest weight any source gives
        (an omitted weight counts as 1.0); its note is the distinct lines of
        the notes, sorted; co-premises (``with``) are the union; the scheme
        is the alphabetically first one given.  A relation whose two ends
        fall into one class (the sources declared them the same claim) is
        dropped with a warning instead of becoming a self-loop, and so is an
        undercut of a dropped relation.  Undercut targets are rewritten to
        the merged relations: ``source->target`` when that names one
        relation, else the attacked relation gets a generated id
        ``source.kind.target``.

    The result lists ``merged_from`` (id, title, source of every original
    map, flattened through merged inputs, sorted by id), is in canonical
    order (claims sorted by id, relations sorted) so that it — and its YAML
    — is the same for any order of *maps*, and is a valid map file.

    *auto_match*: when a number, claims of different maps that
    :func:`argmap.analysis.match.match` pairs with a score of at least
    that threshold (each claim's best partner, ``top=1``) are treated as
    ``same_as`` too.  Off by default: nothing is merged unless a source or
    the user says so.

    Raises :class:`MapError` listing every reference that no input resolves
    (code ``unresolved-reference``, with the map's path and the line), and
    two different maps with one id (``duplicate-map-id``).
    """
    return merge_with_report(maps, id=id, title=title, auto_match=auto_match).map


def merge_with_report(
    maps: Iterable[ArgumentMap],
    *,
    id: str = "merged",
    title: str | None = None,
    auto_match: float | None = None,
) -> MergeResult:
    """:func:`merge`, also returning the warnings and counts (used by ``argmap merge``)."""
    merger = _Merger(list(maps))
    merger.collect()
    if auto_match is not None:
        merger.auto_match(auto_match)
    amap = merger.build(id, title)
    return MergeResult(amap, sort_diagnostics(merger.warnings))


# -- the merger ---------------------------------------------------------------------
@dataclass
class _Input:
    """One input map and how its references resolve."""

    amap: ArgumentMap
    merged: bool
    #: Claim id -> atom number, for a merged input (its claims are classes).
    local: dict[str, int] = field(default_factory=dict)
    #: Position of each relation in ``amap.relations``, by ``id()``.
    _numbers: dict[int, int] | None = None

    def relations_named(self, key: str) -> list[int]:
        """Indexes of this map's relations that an undercut target *key* names.

        The model's rule (:meth:`ArgumentMap.relations_by_key`); indexes
        rather than relations because the merger keys its work by position.
        """
        if self._numbers is None:
            self._numbers = {id(r): i for i, r in enumerate(self.amap.relations)}
        return [self._numbers[id(r)] for r in self.amap.relations_by_key(key)]


@dataclass
class _Group:
    """Everything the sources say about one merged relation."""

    kind: str
    source: int
    target: object  # a class root, or the identity of the undercut relation
    weight: float = 0.0
    notes: set = field(default_factory=set)
    linked: set = field(default_factory=set)
    schemes: set = field(default_factory=set)
    asserted_by: set = field(default_factory=set)


_DROPPED = object()


class _Merger:
    def __init__(self, maps: list[ArgumentMap]) -> None:
        self.maps = maps
        self.inputs: list[_Input] = []
        #: Atoms joined into classes (atom numbers; a class's root is its smallest atom).
        self.classes: UnionFind[int] = UnionFind()
        self.atom_of: dict[tuple[str, str], int] = {}
        self.atoms: list[tuple[str, str]] = []
        #: Per atom: (text, quote) as the source wrote it.
        self.statement: list[tuple[str, str | None]] = []
        #: Claim-level facts, attached to one atom of the claim they describe.
        self.role_rank: dict[int, int] = {}
        self.tags: dict[int, set[str]] = {}
        self.notes: dict[int, set[str]] = {}
        #: map id -> the map it extends, for the atomic inputs.
        self.extends: dict[str, str] = {}
        #: id -> (title, source) of the original maps, for merged_from.
        self.summaries: dict[str, set[tuple]] = {}
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.groups: dict[tuple, _Group] = {}
        self.memo: dict[tuple[int, int], object] = {}
        #: The classes before auto matching joined any (None without it).
        self.written: UnionFind[int] | None = None
        #: Input numbers by map id (inputs that are not merged maps); see _plain_inputs.
        self._by_id: dict[str, int] | None = None

    # -- reading the inputs -----------------------------------------------------------
    def _atom(self, map_id: str, claim_id: str, text: str, quote: str | None) -> int:
        key = (map_id, claim_id)
        index = self.atom_of.get(key)
        if index is None:
            index = len(self.atoms)
            self.classes.add(index)
            self.atom_of[key] = index
            self.atoms.append(key)
            self.statement.append((text, quote))
        else:
            # The same atom reached twice (a map and a merge containing it):
            # keep the smaller statement so that input order cannot matter.
            old = self.statement[index]
            if (text, quote or "") < (old[0], old[1] or ""):
                self.statement[index] = (text, quote)
        return index

    def _claim_facts(self, atom: int, claim: Claim) -> None:
        if claim.role in _ROLE_RANK:
            rank = _ROLE_RANK[claim.role]
            self.role_rank[atom] = min(rank, self.role_rank.get(atom, rank))
        if claim.tags:
            self.tags.setdefault(atom, set()).update(claim.tags)
        lines = _lines(claim.note)
        if lines:
            self.notes.setdefault(atom, set()).update(lines)

    def _summary(self, amap: ArgumentMap) -> None:
        self.summaries.setdefault(amap.id, set()).add(
            (amap.title or "", tuple(sorted(amap.source.to_dict().items())))
        )

    def collect(self) -> None:
        atomic: dict[str, ArgumentMap] = {}
        for amap in self.maps:
            if is_merged(amap):
                self.inputs.append(_Input(amap, merged=True))
                continue
            first = atomic.get(amap.id)
            if first is not None:
                if first != amap:
                    self.errors.append(
                        error(
                            "duplicate-map-id",
                            f"two different maps have the id {amap.id!r}"
                            + (f" (the other is {first.path})" if first.path else ""),
                            path=amap.path,
                            line=1,
                            fix="give every map a distinct id",
                        )
                    )
                continue  # the very same map twice adds nothing
            atomic[amap.id] = amap
            self.inputs.append(_Input(amap, merged=False))
            if amap.extends:
                self.extends[amap.id] = amap.extends

        for item in self.inputs:
            amap = item.amap
            if not item.merged:
                self._summary(amap)
                for claim in amap.claims.values():
                    atom = self._atom(amap.id, claim.id, claim.text, claim.quote)
                    self._claim_facts(atom, claim)
                continue
            for summary in amap.merged_from:
                self._summary(summary)
            for claim in amap.claims.values():
                if claim.provenance:
                    atoms = [
                        self._atom(
                            p.map,
                            p.claim,
                            p.text if p.text is not None else claim.text,
                            p.quote,
                        )
                        for p in claim.provenance
                    ]
                else:
                    # A claim added by hand to a merged file: the merged map
                    # itself is its source.
                    atoms = [self._atom(amap.id, claim.id, claim.text, claim.quote)]
                    self._summary(amap)
                for other in atoms[1:]:
                    self.classes.union(atoms[0], other)
                item.local[claim.id] = atoms[0]
                self._claim_facts(atoms[0], claim)

        for item in self.inputs:
            for claim in item.amap.claims.values():
                this = self._resolve(item, claim.id)
                for ref in claim.same_as:
                    other = self._resolve(item, ref)
                    if other is None:
                        self._unresolved(
                            item, ref, claim.line, f"same_as of {claim.id!r}"
                        )
                    elif this is not None:
                        self.classes.union(this, other)

    def auto_match(self, threshold: float) -> None:
        from argmap.analysis.match import MatchItem, match_items

        by_map: dict[str, list[MatchItem]] = {}
        for index, (map_id, claim_id) in enumerate(self.atoms):
            text, quote = self.statement[index]
            by_map.setdefault(map_id, []).append(
                MatchItem(f"{map_id}#{claim_id}", text, quote, index)
            )
        # The classes as the written same_as links made them: the copy of the
        # parents is a union-find of its own that auto matches do not touch.
        self.written = self.classes.copy()
        groups = [by_map[m] for m in sorted(by_map)]
        for a, b, _score in match_items(
            groups, top=1, min_score=threshold, class_of=self.classes.find
        ):
            self.classes.union(a.key, b.key)

    def _resolve(self, item: _Input, ref: str) -> int | None:
        """The atom a claim reference in *item* names, or None."""
        if not item.merged and REF_SEPARATOR not in ref:
            atom = self.atom_of.get((item.amap.id, ref))
            if atom is not None:
                return atom
        map_id, local = split_ref(ref)
        if item.merged and map_id in (None, item.amap.id):
            return item.local.get(local)
        current = item.amap.id if map_id is None else map_id
        seen = set()
        # A bare id of an extension may name a claim of its base (and the
        # base's base); so may a qualified reference to an extension.
        while current is not None and current not in seen:
            seen.add(current)
            atom = self.atom_of.get((current, local))
            if atom is not None:
                return atom
            current = self.extends.get(current)
        return None

    def _unresolved(self, item: _Input, ref: str, line: int | None, what: str) -> None:
        map_id, _ = split_ref(ref)
        known = {m for m, _ in self.atom_of}
        if map_id is not None and map_id not in known:
            fix = f"add the map {map_id!r} to the maps being merged"
        elif map_id is None and item.amap.extends and item.amap.extends not in known:
            fix = f"add the base map {item.amap.extends!r} to the maps being merged"
        else:
            fix = "correct the claim id (argmap check lists the known ones)"
        self.errors.append(
            error(
                "unresolved-reference",
                f"map {item.amap.id!r}: {what} names {ref!r}, which no input map defines",
                path=item.amap.path,
                line=line,
                fix=fix,
            )
        )

    # -- relations ----------------------------------------------------------------
    def _collect_relations(self) -> None:
        find = self.classes.find
        for number, item in enumerate(self.inputs):
            amap = item.amap
            for index, relation in enumerate(amap.relations):
                identity = self._identity(number, index, ())
                if identity is None or identity is _DROPPED:
                    continue
                group = self.groups.get(identity)
                if group is None:
                    group = self.groups[identity] = _Group(*identity)
                group.weight = max(group.weight, relation.weight)
                if relation.note:
                    group.notes.update(_lines(relation.note))
                if relation.scheme:
                    group.schemes.add(relation.scheme)
                for premise in relation.linked:
                    atom = self._resolve(item, premise)
                    if atom is None:
                        self._unresolved(
                            item,
                            premise,
                            relation.line,
                            f"a co-premise of the {relation.kind} relation from {relation.source!r}",
                        )
                        continue
                    root = find(atom)
                    if root != identity[1] and root != identity[2]:
                        group.linked.add(root)
                if item.merged:
                    group.asserted_by.update(relation.asserted_by or (amap.id,))
                else:
                    group.asserted_by.add(amap.id)

    def _identity(self, number: int, index: int, stack: tuple):
        """(kind, source class, target) of relation *index* of input *number*.

        The target is a class root, or for an undercut the identity of the
        relation it attacks.  None when a reference is unresolved (reported),
        _DROPPED when the relation vanished in the merge (warned).  Each
        relation is worked out once, so each problem is reported once.
        """
        if (number, index) in self.memo:
            return self.memo[number, index]
        item = self.inputs[number]
        relation = item.amap.relations[index]
        find = self.classes.find
        source = self._resolve(item, relation.source)
        if source is None:
            self._unresolved(item, relation.source, relation.line, _what(relation))
            result = None
        elif relation.kind != _UNDERCUTS:
            target = self._resolve(item, relation.target)
            if target is None:
                self._unresolved(item, relation.target, relation.line, _what(relation))
                result = None
            elif find(source) == find(target):
                by_auto = self._auto_joined(source, target)
                self.warnings.append(
                    warning(
                        "merged-self-relation",
                        f"map {item.amap.id!r}: {relation.source!r} {relation.kind} "
                        f"{relation.target!r}, but they are one claim after merging; "
                        "the relation is left out",
                        path=item.amap.path,
                        line=relation.line,
                        fix=(
                            "the automatic match joined them; if they are different "
                            "claims, use a higher auto_match threshold"
                            if by_auto
                            else "remove the same_as link or the relation"
                        ),
                    )
                )
                result = _DROPPED
            else:
                result = (relation.kind, find(source), find(target))
        else:
            result = self._undercut_identity(
                number, relation, find(source), stack + ((number, index),)
            )
        self.memo[number, index] = result
        return result

    def _auto_joined(self, a: int, b: int) -> bool:
        """Whether atoms *a* and *b* are one class only because auto matching joined them."""
        written = self.written
        return written is not None and written.find(a) != written.find(b)

    def _undercut_identity(
        self, number: int, relation: Relation, source: int, stack: tuple
    ):
        found = self._relation_named(number, relation.target)
        what = f"undercut from {relation.source!r}"
        item = self.inputs[number]
        if not found:
            self._unresolved(item, relation.target, relation.line, what)
            return None
        if len(found) > 1:
            self.errors.append(
                error(
                    "ambiguous-relation",
                    f"map {item.amap.id!r}: {what} names {relation.target!r}, "
                    f"which matches {len(found)} relations",
                    path=item.amap.path,
                    line=relation.line,
                    fix="give the intended relation an 'id:' and undercut that id",
                )
            )
            return None
        (target_number, target_index) = found[0]
        if (target_number, target_index) in stack:
            self.errors.append(
                error(
                    "undercut-cycle",
                    f"map {item.amap.id!r}: {what} is part of a cycle of undercuts",
                    path=item.amap.path,
                    line=relation.line,
                    fix="an undercut cannot (indirectly) attack itself; remove one",
                )
            )
            return None
        target = self._identity(target_number, target_index, stack)
        if target is None:
            return None
        if target is _DROPPED:
            self.warnings.append(
                warning(
                    "merged-self-relation",
                    f"map {item.amap.id!r}: {what} attacks {relation.target!r}, "
                    "a relation left out of the merge; the undercut is left out too",
                    path=item.amap.path,
                    line=relation.line,
                )
            )
            return _DROPPED
        return (_UNDERCUTS, source, target)

    def _plain_inputs(self) -> dict[str, int]:
        """Input numbers by map id, for inputs that are not merged maps (built once)."""
        if self._by_id is None:
            self._by_id = {
                i.amap.id: n for n, i in enumerate(self.inputs) if not i.merged
            }
        return self._by_id

    def _relation_named(self, number: int, key: str) -> list[tuple[int, int]]:
        """(input, relation index) pairs that an undercut target in input *number* names."""
        item = self.inputs[number]
        by_id = self._plain_inputs()
        owner, local = split_relation_ref(key)
        if owner is not None and owner != item.amap.id and owner in by_id:
            # An undercut of another input's relation: "other#a->other#b".
            other = by_id[owner]
            return [(other, i) for i in self.inputs[other].relations_named(local)]
        found = [(number, i) for i in item.relations_named(key)]
        if found or item.merged:
            return found
        current, seen = self.extends.get(item.amap.id), {item.amap.id}
        while current is not None and current not in seen and current in by_id:
            seen.add(current)
            base = by_id[current]
            found = [(base, i) for i in self.inputs[base].relations_named(key)]
            if found:
                return found
            current = self.extends.get(current)
        return []

    # -- writing the merged map -----------------------------------------------------
    def build(self, map_id: str, title: str | None) -> ArgumentMap:
        self._collect_relations()
        if self.errors:
            raise MapError(diagnostics=sort_diagnostics(self.errors + self.warnings))
        find = self.classes.find
        members: dict[int, list[int]] = {}
        for atom in range(len(self.atoms)):
            members.setdefault(find(atom), []).append(atom)
        for atoms in members.values():
            atoms.sort(key=self.atoms.__getitem__)
        names = self._claim_names(members)

        claims = []
        for root, atoms in members.items():
            smallest = atoms[0]
            text, quote = self.statement[smallest]
            ranks = [self.role_rank[a] for a in atoms if a in self.role_rank]
            tags = set().union(*(self.tags.get(a, ()) for a in atoms))
            notes = set().union(*(self.notes.get(a, ()) for a in atoms))
            claims.append(
                Claim(
                    id=names[root],
                    text=text,
                    quote=quote,
                    role=ROLES[min(ranks)] if ranks else None,
                    tags=tuple(sorted(tags)),
                    note="\n".join(sorted(notes)) or None,
                    # atoms are sorted by (map, claim), so provenance is too
                    provenance=tuple(
                        Provenance(*self.atoms[a], *self.statement[a]) for a in atoms
                    ),
                )
            )
        claims.sort(key=lambda c: c.id)

        relations = self._relations(names)
        merged_from = [
            ArgumentMap(i, t or None, Source(**dict(s)))
            for i, (t, s) in (
                (i, min(self.summaries[i])) for i in sorted(self.summaries)
            )
        ]
        if title is None:
            ids = [m.id for m in merged_from]
            shown = ", ".join(ids[:5]) + (
                f" and {len(ids) - 5} more" if len(ids) > 5 else ""
            )
            title = (
                f"Merge of {len(ids)} map{'s' if len(ids) != 1 else ''}: {shown}"
                if ids
                else None
            )
        return ArgumentMap(
            map_id, title, None, claims, relations, merged_from=merged_from
        )

    def _claim_names(self, members: dict[int, list[int]]) -> dict[int, str]:
        def candidate(root: int, level: int) -> str:
            map_id, claim_id = self.atoms[members[root][0]]
            if level == 0:
                return claim_id
            if level == 1:
                return f"{map_id}.{claim_id}"
            return f"{map_id}.{claim_id}-{level}"

        level = dict.fromkeys(members, 0)
        # Raise the level of every class whose name is taken twice until all
        # differ; each step depends only on the set of classes, not on order.
        for _ in range(len(members) + 2):
            names = {root: candidate(root, level[root]) for root in members}
            count: dict[str, int] = {}
            for name in names.values():
                count[name] = count.get(name, 0) + 1
            clashing = [root for root, name in names.items() if count[name] > 1]
            if not clashing:
                return names
            for root in clashing:
                level[root] += 1
        raise AssertionError("claim names did not settle")  # pragma: no cover

    def _relations(self, names: dict[int, str]) -> list[Relation]:
        def sort_key(identity) -> tuple:
            kind, source, target = identity
            if kind == _UNDERCUTS:
                return (kind, names[source], sort_key(target))
            return (kind, names[source], names[target])

        pairs: dict[tuple[int, int], int] = {}
        targets = set()
        for identity in self.groups:
            if identity[0] != _UNDERCUTS:
                pairs[identity[1:]] = pairs.get(identity[1:], 0) + 1
            else:
                targets.add(identity[2])
        # An attacked relation needs an id when "source->target" would name
        # two relations (supports and rebuts between the same claims) or
        # cannot name it at all (an undercut of an undercut).
        used = set(names.values())
        ids: dict[tuple, str] = {}
        for identity in sorted(
            (t for t in targets if t[0] == _UNDERCUTS or pairs[t[1:]] > 1), key=sort_key
        ):
            kind, source, target = identity
            base = f"{names[source]}.{kind}" + (
                f".{names[target]}" if kind != _UNDERCUTS else ""
            )
            name, n = base, 1
            while name in used:
                n += 1
                name = f"{base}-{n}"
            used.add(name)
            ids[identity] = name

        def key_of(identity) -> str:
            if identity in ids:
                return ids[identity]
            return f"{names[identity[1]]}{ARROW}{names[identity[2]]}"

        out = []
        for identity, group in self.groups.items():
            target = group.target
            out.append(
                Relation(
                    group.kind,
                    names[group.source],
                    key_of(target) if group.kind == _UNDERCUTS else names[target],
                    weight=group.weight,
                    note="\n".join(sorted(group.notes)) or None,
                    id=ids.get(identity),
                    linked=tuple(sorted(names[r] for r in group.linked)),
                    scheme=min(group.schemes) if group.schemes else None,
                    asserted_by=tuple(sorted(group.asserted_by)),
                )
            )
        out.sort(key=lambda r: (r.kind, r.source, r.target, r.id or ""))
        return out


def _lines(note: str | None) -> set[str]:
    if not note:
        return set()
    return {line.strip() for line in note.splitlines() if line.strip()}


def _what(relation: Relation) -> str:
    return f"{relation.kind} relation from {relation.source!r}"


def merged_claim_of(amap: ArgumentMap, ref: str) -> Claim | None:
    """The claim of merged map *amap* whose provenance includes atom *ref* (``map#claim``)."""
    for claim in amap.claims.values():
        if any(p.ref == ref for p in claim.provenance):
            return claim
    return None
