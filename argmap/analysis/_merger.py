"""The machinery of :func:`argmap.analysis.merge.merge` (whose docstring states the rules).

Atoms
    Every claim of every plain input is an atom, numbered in the order met;
    a merged input contributes the atoms of its claims' provenance (a claim
    added by hand to a merged file is an atom of the merged map itself).
    The same atom reached twice keeps the smaller (text, quote), so input
    order cannot matter.
Classes
    A :class:`~argmap._graph.UnionFind` over atom numbers: ``same_as``
    links, provenance and (with ``auto_match``) accepted match suggestions
    join atoms; the root of a class is its smallest atom.  References
    resolve by the rules of :mod:`argmap.refs`, one :class:`~argmap.refs.Scope`
    over the inputs, so a bad reference gets the diagnostic ``argmap check``
    gives it.
Relation identities
    Each relation becomes ``(kind, source class, target)`` where the target
    is a class, or for an undercut the identity of the relation it attacks
    (worked out recursively, each relation once; a cycle of undercuts is an
    error).  Relations with one identity are grouped: union of notes,
    co-premises and sources, the largest weight, the first scheme.  A
    group is suggested (``argmap align``) only when no source wrote it; a
    written member's weight wins over suggested ones.
Names
    A class is named after its smallest atom's claim id; names that clash
    are raised level by level (``map.claim``, then ``map.claim-2`` …) until
    all differ, a rule that depends only on the set of classes.  An
    attacked relation gets an id only when ``source->target`` would not
    name it alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from argmap._graph import UnionFind
from argmap.diagnostics import Diagnostic, MapError, error, sort_diagnostics, warning
from argmap.model import (
    ROLES,
    ArgumentMap,
    Claim,
    Provenance,
    Relation,
    RelationKind,
    Source,
    split_ref,
)
from argmap.refs import ARROW, REF_SEPARATOR, Scope, what_relation, what_same_as

__all__ = ["Merger", "is_merged"]

_ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}
_UNDERCUTS = "undercuts"

#: What makes two relations one: ``(kind, source class, target)``, the target
#: a class, or for an undercut the identity of the relation it attacks.
Identity = tuple[Any, ...]


def is_merged(amap: ArgumentMap) -> bool:
    """Whether *amap* is the output of a merge (it lists ``merged_from`` or has provenance)."""
    return bool(amap.merged_from) or any(c.provenance for c in amap.claims.values())


@dataclass
class _Input:
    """One input map; for a merged input, the atom of each of its claims."""

    amap: ArgumentMap
    merged: bool
    #: Claim id -> atom number, for a merged input (its claims are classes).
    local: dict[str, int] = field(default_factory=dict)


@dataclass
class _Group:
    """Everything the sources say about one merged relation."""

    kind: RelationKind
    source: int
    target: int | Identity  # a class root, or the identity of the undercut relation
    weight: float = 0.0
    notes: set[str] = field(default_factory=set)
    linked: set[int] = field(default_factory=set)
    schemes: set[str] = field(default_factory=set)
    asserted_by: set[str] = field(default_factory=set)
    #: Whether some source wrote the relation (else every member is suggested).
    written: bool = False
    #: The largest weight among suggested members (used when none is written).
    suggested_weight: float = 0.0
    #: The links files that hold a member (``argmap align -o``).
    links_files: set[str] = field(default_factory=set)


#: The identity of a relation that vanished in the merge (its ends became one claim).
_DROPPED: Identity = ("dropped",)


class Merger:
    """One merge: :meth:`collect` the inputs, optionally :meth:`auto_match`, then :meth:`build`."""

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
        #: id -> (title, source) of the original maps, for merged_from.
        self.summaries: dict[str, set[tuple[str, tuple[tuple[str, str], ...]]]] = {}
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.groups: dict[Identity, _Group] = {}
        self.memo: dict[tuple[int, int], Identity | None] = {}
        #: The classes before auto matching joined any (None without it).
        self.written: UnionFind[int] | None = None
        #: How references resolve among the inputs (built by collect).
        self.scope = Scope()
        #: The merged inputs, by id() of their map: their claims are classes.
        self._merged_inputs: dict[int, _Input] = {}
        #: (input number, relation index) of every relation, by id(); see _position.
        self._positions: dict[int, tuple[int, int]] | None = None

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
        self.scope = Scope(item.amap for item in self.inputs)
        self._merged_inputs = {id(i.amap): i for i in self.inputs if i.merged}

        for item in self.inputs:
            amap = item.amap
            if not item.merged:
                if not amap.is_links_file():  # a links file is no source of claims
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
                for index, ref in enumerate(claim.same_as):
                    same = self._resolve(item, ref)
                    if same is None:
                        line = claim.same_as_line(index)
                        self._unresolved(item, ref, line, what_same_as(claim))
                    elif this is not None:
                        self.classes.union(this, same)
            # A links file's same_as links; those still only suggested join
            # claims with merge --auto alone (which aligns the maps anew).
            for link in item.amap.same_as_links:
                ends = [self._resolve(item, ref) for ref in (link.source, link.target)]
                for ref, end in zip((link.source, link.target), ends):
                    if end is None:
                        what = f"same_as link {link.source!r} -> {link.target!r}"
                        self._unresolved(item, ref, link.line, what)
                a, b = ends
                if a is not None and b is not None and not link.suggested:
                    self.classes.union(a, b)

    def auto_match(self, threshold: float) -> None:
        """Join the claims :func:`argmap.meaning.align.align` judges the same, score >= *threshold*.

        Align never pairs claims it judges contradictory, nor claims
        already linked; a pair it suggests as ``same_as`` joins their classes.
        """
        from argmap.meaning.align import align

        # The classes as the written same_as links made them: the copy of the
        # parents is a union-find of its own that auto matches do not touch.
        self.written = self.classes.copy()
        by_id = {item.amap.id: item for item in self.inputs}
        for s in align([item.amap for item in self.inputs], min_score=threshold):
            if s.kind != "same_as":
                continue
            ends = []
            for ref in (s.source, s.target):
                map_id, claim_id = split_ref(ref)
                item = by_id.get(map_id or "")
                ends.append(None if item is None else self._resolve(item, claim_id))
            a, b = ends
            if a is not None and b is not None:
                self.classes.union(a, b)

    def _resolve(self, item: _Input, ref: str) -> int | None:
        """The atom a claim reference in *item* names (by the scope's rule), or None."""
        if REF_SEPARATOR not in ref:  # the common case, kept cheap
            if item.merged:
                atom = item.local.get(ref)
            else:
                atom = self.atom_of.get((item.amap.id, ref))
            if atom is not None:
                return atom
        found = self.scope.find_claim(ref, item.amap)
        if found is None:
            return None
        owner = self._merged_inputs.get(id(found.owner))
        if owner is not None:
            return owner.local.get(found.claim)
        return self.atom_of.get((found.map, found.claim))

    def _maps_of(self, item: _Input, ref: str) -> tuple[str, ...]:
        """The map of the claim *ref* names in *item* (of its atom: the original map)."""
        atom = self._resolve(item, ref)
        if atom is not None:
            return (self.atoms[atom][0],)
        return (split_ref(ref)[0] or item.amap.id,)

    def _unresolved(self, item: _Input, ref: str, line: int | None, what: str) -> None:
        self.errors.append(self.scope.claim_problem(ref, item.amap, what, line))

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
                if relation.suggested:
                    group.suggested_weight = max(
                        group.suggested_weight, relation.weight
                    )
                else:
                    group.written = True
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
                            what_relation(relation, "linked"),
                        )
                        continue
                    root = find(atom)
                    if root != identity[1] and root != identity[2]:
                        group.linked.add(root)
                if item.merged:
                    group.asserted_by.update(relation.asserted_by or (amap.id,))
                elif amap.is_links_file():
                    # a link between other maps' claims: its source claim's
                    # maps assert it, as they would a relation they wrote
                    group.asserted_by.update(self._maps_of(item, relation.source))
                    group.links_files.add(amap.id)
                else:
                    group.asserted_by.add(amap.id)

    def _identity(
        self, number: int, index: int, stack: tuple[tuple[int, int], ...]
    ) -> Identity | None:
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
            self._unresolved(
                item, relation.source, relation.line, what_relation(relation, "source")
            )
            result = None
        elif relation.kind != _UNDERCUTS:
            target = self._resolve(item, relation.target)
            if target is None:
                self._unresolved(
                    item, relation.target, relation.line, what_relation(relation)
                )
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
        self,
        number: int,
        relation: Relation,
        source: int,
        stack: tuple[tuple[int, int], ...],
    ) -> Identity | None:
        item = self.inputs[number]
        what = what_relation(relation)
        found = self.scope.find_relations(relation.target, item.amap)
        if len(found) != 1:
            self.errors.append(
                self.scope.relation_problem(
                    relation.target, item.amap, len(found), what, relation.line
                )
            )
            return None
        target_number, target_index = self._position(found[0])
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

    def _position(self, relation: Relation) -> tuple[int, int]:
        """(input number, index) of *relation*, a relation of one of the inputs."""
        if self._positions is None:
            self._positions = {
                id(r): (number, index)
                for number, item in enumerate(self.inputs)
                for index, r in enumerate(item.amap.relations)
            }
        return self._positions[id(relation)]

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
        def sort_key(identity: Identity) -> tuple[Any, ...]:
            kind, source, target = identity
            if kind == _UNDERCUTS:
                return (kind, names[source], sort_key(target))
            return (kind, names[source], names[target])

        pairs: dict[tuple[int, int], int] = {}
        targets: set[Identity] = set()
        for identity in self.groups:
            if identity[0] != _UNDERCUTS:
                pairs[identity[1:]] = pairs.get(identity[1:], 0) + 1
            else:
                targets.add(identity[2])
        # An attacked relation needs an id when "source->target" would name
        # two relations (supports and rebuts between the same claims) or
        # cannot name it at all (an undercut of an undercut).
        used = set(names.values())
        ids: dict[Identity, str] = {}
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

        def key_of(identity: Identity) -> str:
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
                    names[target] if isinstance(target, int) else key_of(target),
                    # a written relation wins over a suggestion of it
                    weight=group.weight if group.written else group.suggested_weight,
                    note="\n".join(sorted(group.notes)) or None,
                    id=ids.get(identity),
                    linked=tuple(sorted(names[r] for r in group.linked)),
                    scheme=min(group.schemes) if group.schemes else None,
                    asserted_by=tuple(sorted(group.asserted_by)),
                    suggested=not group.written,
                    links_files=tuple(sorted(group.links_files)),
                )
            )
        out.sort(key=lambda r: (r.kind, r.source, r.target, r.id or ""))
        return out


def _lines(note: str | None) -> set[str]:
    return {line.strip() for line in (note or "").splitlines() if line.strip()}
