"""The argument map model: claims, relations and sources over a networkx graph.

Every reader produces an :class:`ArgumentMap` and every writer, analysis and
renderer consumes one; nothing else in the package passes maps around in
another shape.

Identity
    A claim id is unique inside its map.  Other maps refer to it as
    ``"map-id#claim-id"`` (a *qualified* reference).  A relation is
    identified by its explicit ``id`` when it has one, else by
    ``"source->target"``; an undercut targets a relation through that key.
    These forms, and how they resolve across maps, are defined once in
    :mod:`argmap.refs` (``split_ref``, ``RelationIndex`` and the others are
    re-exported here).

Storage
    Claims live in an insertion-ordered dict and relations in a list, so that
    writers reproduce the order a person wrote.  :attr:`ArgumentMap.graph` is
    a :class:`networkx.MultiDiGraph` view for users who want networkx's
    algorithms (argmap's own code uses :mod:`argmap._graph` and never imports
    networkx to check or analyse), built on demand (and cached until
    the map changes): one node per claim, one edge per claim-to-claim
    relation (``supports`` and ``rebuts``, keyed by kind).  Undercuts attack a
    relation, not a claim, so they are not graph edges; they are listed by
    :meth:`ArgumentMap.undercuts`.  Relations that point outside the map (a
    qualified reference to another map) add a node with ``external=True``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeGuard, get_args

from argmap.refs import (
    ARROW,
    REF_SEPARATOR,
    RelationIndex,
    qualify,
    split_ref,
    split_relation_ref,
)

if TYPE_CHECKING:  # networkx costs 0.2 s to import; only load it when a graph is built
    import networkx as nx

FORMAT_VERSION = 1

__all__ = [
    "ATTACK_KINDS",
    "FORMAT_VERSION",
    "RELATION_KINDS",
    "ROLES",
    "ArgumentMap",
    "Claim",
    "Location",
    "Provenance",
    "Relation",
    "RelationIndex",
    "RelationKind",
    "Role",
    "SameAs",
    "Source",
    "is_relation_kind",
    "is_role",
    "qualify",
    "split_ref",
    "split_relation_ref",
]

#: What a relation does: its source supports or rebuts a claim, or undercuts
#: a relation (the link from a premise to its conclusion).
RelationKind = Literal["supports", "rebuts", "undercuts"]
#: What a claim is in its map's argument.
Role = Literal["thesis", "premise", "evidence", "objection"]

#: Every relation kind, in the order maps and writers list them.
RELATION_KINDS: tuple[RelationKind, ...] = get_args(RelationKind)
#: The kinds that attack: a rebuttal attacks a claim, an undercut a relation.
ATTACK_KINDS: tuple[RelationKind, ...] = ("rebuts", "undercuts")
#: Every role, from the thesis down (merging keeps the highest a claim has).
ROLES: tuple[Role, ...] = get_args(Role)


def is_relation_kind(value: object) -> TypeGuard[RelationKind]:
    """Whether *value* is one of :data:`RELATION_KINDS`."""
    return value in RELATION_KINDS


def is_role(value: object) -> TypeGuard[Role]:
    """Whether *value* is one of :data:`ROLES`."""
    return value in ROLES


class Location(NamedTuple):
    """Where something is written: the file, and the 1-based line and column in it.

    Readers know as much as their format tells: YAML gives all three, most
    other formats a line, networkx's readers nothing (``None``).  Messages
    use it; it is never part of a claim's or relation's equality.
    """

    path: str | None
    line: int | None
    column: int | None = None


@dataclass(frozen=True)
class Source:
    """Bibliographic metadata of the document a map was made from."""

    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    #: Path (relative to the map file) of the document's text, used to
    #: verify quotes.
    text: str | None = None

    def to_dict(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass(frozen=True)
class Provenance:
    """One source's statement of a claim (kept by merged maps)."""

    map: str
    claim: str
    text: str | None = None
    quote: str | None = None

    @property
    def ref(self) -> str:
        return f"{self.map}{REF_SEPARATOR}{self.claim}"

    def to_dict(self) -> dict[str, str]:
        """The fields that are set, as written in map files."""
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class Claim:
    """A statement made in a source: a node of the map."""

    id: str
    text: str
    quote: str | None = None
    role: Role | None = None
    tags: tuple[str, ...] = ()
    note: str | None = None
    #: References to claims of other maps that say the same thing.
    same_as: tuple[str, ...] = ()
    #: In an extension map: this claim deliberately replaces a base claim.
    override: bool = False
    #: In a merged map: every source that states this claim.
    provenance: tuple[Provenance, ...] = ()
    #: Where the claim is written (its key); not part of equality.
    location: Location | None = field(default=None, compare=False, repr=False)
    #: Where each ``same_as`` reference is written, in the same order, when
    #: the reader knows (a reference is checked apart from its claim).
    same_as_locations: tuple[Location | None, ...] = field(
        default=(), compare=False, repr=False
    )

    @property
    def line(self) -> int | None:
        """The 1-based line of :attr:`location`, if known."""
        return self.location.line if self.location is not None else None

    def same_as_location(self, index: int) -> Location | None:
        """Where ``same_as[index]`` is written; the claim's own location if unknown."""
        if index < len(self.same_as_locations):
            found = self.same_as_locations[index]
            if found is not None:
                return found
        return self.location

    def same_as_line(self, index: int) -> int | None:
        """The line of ``same_as[index]`` (see :meth:`same_as_location`)."""
        found = self.same_as_location(index)
        return found.line if found is not None else None

    @property
    def is_thesis(self) -> bool:
        return self.role == "thesis"

    def sources(self) -> tuple[str, ...]:
        """Ids of the maps that state this claim, sorted (empty when not merged)."""
        return tuple(sorted({p.map for p in self.provenance}))


@dataclass
class Relation:
    """A support, rebuttal or undercut from one claim to a claim or relation."""

    kind: RelationKind
    source: str
    #: A claim reference; for an undercut, a relation key (see :attr:`key`).
    target: str
    weight: float = 1.0
    note: str | None = None
    #: Explicit relation id, so that undercuts can name it.
    id: str | None = None
    #: Further premises that only together with ``source`` make the argument
    #: (a linked argument, the microtext corpus's ``add`` edges).
    linked: tuple[str, ...] = ()
    #: Argument scheme, when the source says more than "support", e.g. ``"example"``.
    scheme: str | None = None
    #: In a merged map: ids of the maps that assert this relation.
    asserted_by: tuple[str, ...] = ()
    #: Suggested by ``argmap align``, not written by a person: analyses give
    #: it a lower weight and say that what rests on it is a suggestion.
    suggested: bool = False
    #: Where the relation is written; not part of equality.
    location: Location | None = field(default=None, compare=False, repr=False)
    #: In a merged map: the links files (``argmap align -o``) that hold it,
    #: for explanations; not written to files, not part of equality.
    links_files: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def line(self) -> int | None:
        """The 1-based line of :attr:`location`, if known."""
        return self.location.line if self.location is not None else None

    @property
    def key(self) -> str:
        """How an undercut refers to this relation."""
        return self.id or f"{self.source}{ARROW}{self.target}"

    @property
    def is_attack(self) -> bool:
        return self.kind in ATTACK_KINDS


@dataclass
class SameAs:
    """A ``same_as`` link written outside both claims' maps (in a links file).

    A claim's own ``same_as`` list is the usual place; a links file
    (``argmap align -o links.yaml``) holds links between claims of other
    maps, and those of them still ``suggested`` are analysed only as
    suggestions (``merge`` joins them only with ``--auto``).
    """

    source: str
    target: str
    note: str | None = None
    suggested: bool = False
    location: Location | None = field(default=None, compare=False, repr=False)

    @property
    def line(self) -> int | None:
        return self.location.line if self.location is not None else None


class ArgumentMap:
    """One map: a source document's claims and the relations between them.

    Merged maps are ordinary maps whose claims carry :class:`Provenance` and
    whose relations carry ``asserted_by``; ``merged_from`` lists the maps
    that went in.
    """

    def __init__(
        self,
        id: str,
        title: str | None = None,
        source: Source | None = None,
        claims: Iterable[Claim] = (),
        relations: Iterable[Relation] = (),
        *,
        extends: str | None = None,
        merged_from: Iterable[ArgumentMap] = (),
        path: str | None = None,
    ) -> None:
        self.id = id
        self.title = title
        self.source = source or Source()
        self.extends = extends
        #: Summaries (id, title, source) of the maps a merged map came from.
        self.merged_from: list[ArgumentMap] = list(merged_from)
        #: File the map was read from, for messages; not part of equality.
        self.path = path
        #: Line (1-based) of each top-level field in that file, e.g.
        #: ``{"extends": 12}``, for messages; not part of equality.
        self.lines: dict[str, int] = {}
        self.claims: dict[str, Claim] = {}
        self.relations: list[Relation] = []
        #: ``same_as`` links between claims of other maps (a links file).
        self.same_as_links: list[SameAs] = []
        #: Links a person turned down (``"kind from -> to"``): never suggested
        #: again.  And every link ``argmap align`` has written to this file,
        #: so that a deleted one is known as rejected.  Links files only.
        self.rejected: tuple[str, ...] = ()
        self.offered: tuple[str, ...] = ()
        self._graph: nx.MultiDiGraph | None = None
        self._relation_index: RelationIndex | None = None
        for claim in claims:
            self.add_claim(claim)
        for relation in relations:
            self.add_relation(relation)

    # -- building -----------------------------------------------------------
    def add_claim(self, claim: Claim) -> Claim:
        if claim.id in self.claims:
            raise ValueError(f"duplicate claim id {claim.id!r} in map {self.id!r}")
        if claim.same_as:
            claim.same_as = tuple(self._local(ref) for ref in claim.same_as)
        self.claims[claim.id] = claim
        self._graph = None
        return claim

    def add_relation(self, relation: Relation) -> Relation:
        if relation.kind not in RELATION_KINDS:
            raise ValueError(f"unknown relation kind {relation.kind!r}")
        # "this-map#x" and "x" are one claim; keep one spelling so that
        # duplicate checks, indexes and writers see them as the same.
        relation.source = self._local(relation.source)
        if relation.linked:
            relation.linked = tuple(self._local(ref) for ref in relation.linked)
        if relation.kind == "undercuts":
            relation.target = ARROW.join(
                self._local(p) for p in relation.target.split(ARROW)
            )
        else:
            relation.target = self._local(relation.target)
        self.relations.append(relation)
        self._graph = None
        self._relation_index = None
        return relation

    def _local(self, ref: str) -> str:
        if REF_SEPARATOR not in ref:
            return ref  # the common case, kept cheap: maps have many relations
        prefix = f"{self.id}{REF_SEPARATOR}"
        return ref.removeprefix(prefix)

    def copy(self) -> ArgumentMap:
        """A copy whose claims and relations can be changed independently."""
        copied = ArgumentMap(
            self.id,
            self.title,
            self.source,
            (replace(c) for c in self.claims.values()),
            (replace(r) for r in self.relations),
            extends=self.extends,
            merged_from=self.merged_from,
            path=self.path,
        )
        copied.lines = dict(self.lines)
        copied.same_as_links = [replace(s) for s in self.same_as_links]
        copied.rejected, copied.offered = self.rejected, self.offered
        return copied

    def summary(self) -> dict:
        """Id, title and source, as a merged map lists the maps it came from."""
        out: dict = {"id": self.id}
        if self.title:
            out["title"] = self.title
        if self.source.to_dict():
            out["source"] = self.source.to_dict()
        return out

    # -- queries --------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.claims)

    def __iter__(self) -> Iterator[Claim]:
        return iter(self.claims.values())

    def __contains__(self, claim_id: object) -> bool:
        return claim_id in self.claims

    def claim(self, ref: str) -> Claim | None:
        """The claim a reference names, if it is in this map."""
        map_id, local = split_ref(ref)
        if map_id is not None and map_id != self.id:
            return None
        return self.claims.get(local)

    def theses(self) -> list[Claim]:
        return [c for c in self.claims.values() if c.is_thesis]

    def undercuts(self) -> list[Relation]:
        return [r for r in self.relations if r.kind == "undercuts"]

    def relation(self, key: str) -> Relation | None:
        """The supports/rebuts relation that an undercut's target names.

        Explicit ids win over ``source->target`` keys.  ``None`` when nothing,
        or more than one relation, matches (the checker reports which).
        """
        matches = self.relations_by_key(key)
        return matches[0] if len(matches) == 1 else None

    def relations_by_key(self, key: str) -> list[Relation]:
        """The relations an undercut's target *key* names.

        The rule lives in :class:`argmap.refs.RelationIndex`: a relation
        id names the relation (or undercut) with that id; otherwise
        ``source->target`` names every supports/rebuts relation between the
        two claims, whether or not it also has an id.  A reference to this
        map written ``this-map#x`` counts as ``x``.
        """
        if self._relation_index is None:
            # Built once per map: resolving undercuts one by one with a scan
            # over all relations is quadratic on large maps.
            self._relation_index = RelationIndex(self.relations)
        key = ARROW.join(self._local(part) for part in key.split(ARROW))
        return self._relation_index.named(key)

    # -- sources ----------------------------------------------------------------
    def sources_of(self, ref: str) -> tuple[str, ...]:
        """Ids of the maps that state the claim *ref*, sorted.

        The one rule every analysis and drawing uses: a claim of a merged or
        extended map is stated by the maps in its provenance; a claim of a
        plain map by the map itself; a claim named in another map
        (``other#x``, not in this map) by that other map.
        """
        claim = self.claim(ref)
        if claim is None:
            map_id, _ = split_ref(ref)
            return (map_id or self.id,)
        return claim.sources() or (self.id,)

    def source_ids(self) -> tuple[str, ...]:
        """Every map this map's claims come from, sorted (itself, for a plain map)."""
        ids = {m.id for m in self.merged_from}
        for claim in self.claims.values():
            ids.update(claim.sources() or (self.id,))
        return tuple(sorted(ids))

    def is_links_file(self) -> bool:
        """Whether this is a links file: no claims of its own, only links between other maps' claims."""
        return not self.claims and not self.merged_from

    def missing_claim_fix(self, map_id: str) -> str:
        """The fix of a reference of this map to a claim that map *map_id* lacks.

        A links file names claims of maps people edit after align wrote the
        link: the claim was most often deleted or renamed since.
        """
        if self.is_links_file() and self.path:
            return (
                "the claim was deleted or renamed since: delete this link from "
                f"{Path(self.path).name}, or write the claim's new id"
            )
        return f"check the claim ids of {map_id!r}"

    @property
    def graph(self) -> nx.MultiDiGraph:
        """A networkx view of the claims and claim-to-claim relations (cached).

        Node attributes: ``claim`` (the :class:`Claim`, ``None`` for an
        external reference) and ``external``.  Edge attributes: ``kind`` and
        ``relation`` (the :class:`Relation`); parallel relations are parallel
        edges.  Change a map through :meth:`add_claim` and
        :meth:`add_relation`, which keep this view current.
        """
        if self._graph is None:
            import networkx as nx

            graph = nx.MultiDiGraph(id=self.id)
            for claim in self.claims.values():
                graph.add_node(claim.id, claim=claim, external=False)
            for relation in self.relations:
                if relation.kind == "undercuts":
                    continue
                for end in (relation.source, relation.target):
                    if end not in graph:
                        graph.add_node(end, claim=None, external=True)
                graph.add_edge(
                    relation.source,
                    relation.target,
                    kind=relation.kind,
                    relation=relation,
                )
            self._graph = graph
        return self._graph

    # -- comparison and display -----------------------------------------------
    def _identity(self) -> tuple:
        return (
            self.id,
            self.title,
            self.source,
            self.extends,
            [(m.id, m.title, m.source) for m in self.merged_from],
            list(self.claims.values()),
            sorted(self.relations, key=_relation_sort_key),
            self.same_as_links,
            self.rejected,
            self.offered,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ArgumentMap):
            return NotImplemented
        return self._identity() == other._identity()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"<ArgumentMap {self.id!r}: {len(self.claims)} claims, {len(self.relations)} relations>"

    def _repr_svg_(self) -> str:
        """Jupyter shows a map as its diagram."""
        from argmap.render import render_svg

        return render_svg(self, embed=True)


def _relation_sort_key(relation: Relation) -> tuple:
    return (
        relation.kind,
        relation.source,
        relation.target,
        relation.id or "",
        relation.weight,
    )
