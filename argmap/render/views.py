"""Smaller maps to draw: the neighbourhood of a claim, the claims with a tag, the top levels.

Each view is a function of a map that returns a new map (the input is not
changed), so it can be rendered, checked or analysed like any other.

Distances (for :func:`focus`) are counted over an undirected graph of the
map where a supports/rebuts relation joins its source, its linked
co-premises and its target, and an undercut joins its source to both ends
of the relation it attacks.  A relation is kept when every claim it joins
is kept; an undercut when its source and the relation it attacks are kept.
Claims of other maps (``map#claim``) count as nodes too, so a kept relation
may still point at one.

Overviews: what a view hides is still shown
-------------------------------------------
:func:`select` (what ``argmap render --levels/--focus/--tag`` draw) returns
a :class:`View`: the map of the claims it shows and a :class:`Hidden` record
of the rest, so that a diagram can mark every claim it leaves out.

*Levels.*  A claim's level is its breadth-first distance from the roots over
the relations pointing at it: the roots (level 0) are the theses, then the
claims that point at nothing, then -- for claims no root reaches, in a
cycle say -- the first such claim in map order.  A supports/rebuts relation
puts its source and linked co-premises one level below its target; an
undercut puts its source one level below the target of the relation it
attacks.  ``levels=N`` shows the claims of level N or less.

*Tags* show the tagged claims and their ancestors (every claim a tagged
claim's relations lead to, transitively), so that a tag view is connected;
the ancestors are marked as context (:attr:`Hidden.context`).  *Focus*
shows the claims within ``depth`` relations, as :func:`focus`.  Several
selectors show the claims every one of them shows.

*Hidden branches.*  Each hidden claim is given to one shown claim, its
*anchor*: breadth-first from the shown claims (in map order) down the
relations pointing at them, so a hidden claim belongs to the nearest shown
claim above it; claims no shown claim is above are then reached over
relations in either direction; what is still left (parts of the map
unconnected to anything shown) forms one branch per connected part, with
no anchor.  The hidden claims of one anchor are one :class:`HiddenBranch`,
drawn as a box "+ 37 claims (12 attacks)".

*Hidden links* are the relations that are not drawn because an end is
hidden, with each hidden end replaced by its branch -- the quotient of the
map's graph by the branches.  Links inside one branch are counted in it;
the others are summed per (tail, head, kind) into :class:`HiddenLink`, so a
collapsed branch is joined to its anchor and to every other shown claim or
branch its claims relate to.  An undercut of a drawn relation joins the
undercutter's branch to that relation's target.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from argmap._graph import connected_components, distances
from argmap.errors import InvalidArgument, UnknownClaim, UnknownTag
from argmap.model import ArgumentMap, Relation
from argmap.refs import MapRefs

__all__ = [
    "Hidden",
    "HiddenBranch",
    "HiddenLink",
    "View",
    "by_tags",
    "focus",
    "select",
]

#: Claims a hidden branch's tooltip lists before "... and N more".
TOOLTIP_CLAIMS = 30


def _relation_ends(
    refs: MapRefs, relation: Relation, _seen: frozenset[int] = frozenset()
) -> tuple[str, ...]:
    if relation.kind == "undercuts":
        target = refs.relation(relation.target)
        if target is None or id(target) in _seen:
            return (relation.source,)
        return (
            relation.source,
            *_relation_ends(refs, target, _seen | {id(relation)}),
        )
    return (relation.source, *relation.linked, relation.target)


def _neighbours(amap: ArgumentMap, refs: MapRefs) -> dict[str, list[str]]:
    """Undirected adjacency, each claim's neighbours in the order relations list them."""
    adjacent: dict[str, dict[str, None]] = {c: {} for c in amap.claims}
    for relation in amap.relations:
        ends = _relation_ends(refs, relation)
        for a in ends:
            for b in ends:
                if a != b:
                    adjacent.setdefault(a, {})[b] = None
    return {node: list(others) for node, others in adjacent.items()}


def _kept_relations(amap: ArgumentMap, refs: MapRefs, keep: set[str]) -> set[int]:
    """``id()`` of the relations whose every end is in *keep*."""
    kept_keys: set[int] = set()
    # Undercuts may attack undercuts: settle claim-to-claim relations first.
    for relation in amap.relations:
        if relation.kind != "undercuts" and set(_relation_ends(refs, relation)) <= keep:
            kept_keys.add(id(relation))
    changed = True
    undercuts = [r for r in amap.relations if r.kind == "undercuts"]
    while changed:
        changed = False
        for relation in undercuts:
            if id(relation) in kept_keys or relation.source not in keep:
                continue
            target = refs.relation(relation.target)
            if target is not None and id(target) in kept_keys:
                kept_keys.add(id(relation))
                changed = True
    return kept_keys


def _restrict(amap: ArgumentMap, keep: set[str], title_note: str) -> ArgumentMap:
    """The claims in *keep* and the relations whose every end is kept."""
    kept_keys = _kept_relations(amap, MapRefs(amap), keep)
    relations = [r for r in amap.relations if id(r) in kept_keys]
    title = f"{amap.title or amap.id} ({title_note})"
    return ArgumentMap(
        amap.id,
        title,
        amap.source,
        (c for c in amap.claims.values() if c.id in keep),
        relations,
        extends=amap.extends,
        merged_from=amap.merged_from,
        path=amap.path,
    )


def _within(amap: ArgumentMap, claim_id: str, depth: int) -> set[str]:
    """The claims within *depth* relations of *claim_id* (in either direction)."""
    if claim_id not in amap.claims:
        raise UnknownClaim(claim_id, amap.id, list(amap.claims))
    if depth < 0:
        raise InvalidArgument("depth", depth, "0 or more")
    return set(distances(_neighbours(amap, MapRefs(amap)), claim_id, depth))


def _tagged(amap: ArgumentMap, wanted: set[str]) -> set[str]:
    """The claims tagged with any of *wanted*; :class:`UnknownTag` when none is."""
    tagged = {c.id for c in amap.claims.values() if wanted & set(c.tags)}
    if not tagged:
        present = sorted({t for c in amap.claims.values() for t in c.tags})
        raise UnknownTag(sorted(wanted), amap.id, present)
    return tagged


def focus(amap: ArgumentMap, claim_id: str, depth: int = 2) -> ArgumentMap:
    """The claims within *depth* relations of *claim_id* (in either direction)."""
    keep = _within(amap, claim_id, depth)
    return _restrict(amap, keep, f"around {claim_id}, depth {depth}")


def by_tags(amap: ArgumentMap, tags: Iterable[str]) -> ArgumentMap:
    """The claims tagged with any of *tags* and the relations among them."""
    wanted = set(tags)
    keep = _tagged(amap, wanted)
    return _restrict(amap, keep, "tags: " + ", ".join(sorted(wanted)))


# -- overviews: views that mark what they hide ----------------------------------


@dataclass(frozen=True)
class HiddenBranch:
    """Hidden claims drawn as one box, hanging under the shown claim *anchor*."""

    #: A name for the box, unique in the view: ``hidden-1``, ``hidden-2``, ...
    id: str
    #: The shown claim the branch hangs under; None for a part of the map
    #: that nothing shown connects to.
    anchor: str | None
    #: The hidden claims, in map order, and their texts.
    claims: tuple[str, ...]
    texts: tuple[str, ...]
    #: Rebuttals and undercuts whose source is one of the claims.
    attacks: int

    @property
    def label(self) -> str:
        """What the box says: ``+ 37 claims (12 attacks)``."""
        n = len(self.claims)
        text = f"+ {n} claim{'s' if n != 1 else ''}"
        if self.attacks:
            text += f" ({self.attacks} attack{'s' if self.attacks != 1 else ''})"
        return text

    @property
    def tooltip(self) -> str:
        """The box's tooltip: what the branch holds, one claim a line."""
        head = f"{self.label} hidden" + (
            f" under {self.anchor}"
            if self.anchor
            else ", not connected to the claims shown"
        )
        lines = [f"• {t}" for t in self.texts[:TOOLTIP_CLAIMS]]
        if len(self.texts) > TOOLTIP_CLAIMS:
            lines.append(f"… and {len(self.texts) - TOOLTIP_CLAIMS} more")
        return "\n".join([head + ":", *lines])


@dataclass(frozen=True)
class HiddenLink:
    """*count* relations of *kind* not drawn, from *tail* to *head*.

    Each end is a shown claim (or another map's claim) or a
    :attr:`HiddenBranch.id`: usually at least one end is a branch; both
    are shown claims when the relation is hidden for a co-premise (``with``)
    or for the relation an undercut attacks.
    """

    tail: str
    head: str
    kind: str
    count: int


@dataclass(frozen=True)
class Hidden:
    """What a view hides, for the diagram to mark it."""

    branches: tuple[HiddenBranch, ...] = ()
    links: tuple[HiddenLink, ...] = ()
    #: Shown claims that are only there to connect the others (a tag view's ancestors).
    context: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.branches or self.context)


@dataclass(frozen=True)
class View:
    """A map cut down for drawing, and what was cut."""

    map: ArgumentMap
    hidden: Hidden = field(default_factory=Hidden)


def _children(amap: ArgumentMap) -> dict[str, list[str]]:
    """For each claim, the claims one level below it (see the module docstring)."""
    below: dict[str, list[str]] = {c: [] for c in amap.claims}
    refs = MapRefs(amap)
    for relation in amap.relations:
        if relation.kind == "undercuts":
            attacked = refs.relation(relation.target)
            if attacked is None or attacked.kind == "undercuts":
                continue
            sources: tuple[str, ...] = (relation.source,)
            target = attacked.target
        else:
            sources, target = (relation.source, *relation.linked), relation.target
        if target in below:
            below[target].extend(s for s in sources if s in below and s != target)
    return below


def claim_levels(
    amap: ArgumentMap, below: Mapping[str, list[str]] | None = None
) -> dict[str, int]:
    """Each claim's level: 0 for the roots, then breadth-first down the relations.

    *below* is ``_children(amap)`` when the caller has it already."""
    if below is None:
        below = _children(amap)
    pointing = {s for c, kids in below.items() for s in kids}
    roots = [c.id for c in amap.claims.values() if c.is_thesis]
    roots += [c for c in amap.claims if c not in pointing]
    level: dict[str, int] = {}

    def walk(starts: list[str]) -> None:
        queue = deque(starts)
        level.update((s, 0) for s in starts)
        while queue:
            current = queue.popleft()
            for child in below[current]:
                if child not in level:
                    level[child] = level[current] + 1
                    queue.append(child)

    walk(list(dict.fromkeys(roots)))
    for claim in amap.claims:  # only in cycles no root reaches
        if claim not in level:
            walk([claim])
    return level


def _ancestors(amap: ArgumentMap, claims: Iterable[str]) -> set[str]:
    """The claims that relations lead to from *claims*, transitively (not *claims*)."""
    above: dict[str, list[str]] = {}
    for parent, kids in _children(amap).items():
        for kid in kids:
            above.setdefault(kid, []).append(parent)
    found: set[str] = set()
    queue = deque(claims)
    start = set(queue)
    while queue:
        for parent in above.get(queue.popleft(), ()):
            if parent not in found and parent not in start:
                found.add(parent)
                queue.append(parent)
    return found


def select(
    amap: ArgumentMap,
    *,
    levels: int | None = None,
    focus: str | None = None,
    depth: int = 2,
    tags: Sequence[str] = (),
) -> View:
    """The view that shows what every given selector shows, marking what it hides.

    *levels*: the top levels (see the module docstring); *focus* and
    *depth*: the claims within *depth* relations of *focus*; *tags*: the
    claims with any of *tags* and their ancestors.  With no selector, the
    whole map and nothing hidden.
    """
    keep = set(amap.claims)
    notes: list[str] = []
    context: set[str] = set()
    if levels is not None:
        if levels < 0:
            raise InvalidArgument("levels", levels, "0 or more")
        level = claim_levels(amap)
        keep &= {c for c, n in level.items() if n <= levels}
        notes.append(f"top {levels} level{'s' if levels != 1 else ''}")
    if focus is not None:
        keep &= _within(amap, focus, depth)
        notes.append(f"around {focus}, depth {depth}")
    if tags:
        wanted = set(tags)
        tagged = _tagged(amap, wanted)
        ancestors = _ancestors(amap, tagged)
        keep &= tagged | ancestors
        context = (ancestors - tagged) & keep
        notes.append("tags: " + ", ".join(sorted(wanted)))
    if not notes:
        return View(amap)
    return collapse(amap, keep, "; ".join(notes), context=context)


def collapse(
    amap: ArgumentMap,
    keep: set[str],
    title_note: str,
    *,
    context: Iterable[str] = (),
) -> View:
    """The claims in *keep* and their relations; every other claim in a hidden branch."""
    keep = {c for c in keep if c in amap.claims}
    refs = MapRefs(amap)
    # Another map's claim is drawn whenever a drawn relation names it.
    kept = keep | {
        end
        for r in amap.relations
        for end in _relation_ends(refs, r)
        if end not in amap.claims
    }
    shown = _restrict(amap, kept, title_note)
    owner = _owners(amap, refs, keep)
    hidden = [c for c in amap.claims if c not in keep]
    by_owner: dict[str, list[str]] = {}
    for claim in hidden:
        by_owner.setdefault(owner[claim], []).append(claim)
    names: dict[str, str] = {}
    for i, key in enumerate(sorted(by_owner, key=_owner_order(amap, by_owner)), 1):
        names[key] = f"hidden-{i}"

    def rep(ref: str) -> str:
        return names[owner[ref]] if ref in owner else ref

    attacks: dict[str, int] = {}
    counts: dict[tuple[str, str, str], int] = {}
    kept_relations = _kept_relations(amap, refs, kept)
    for relation in amap.relations:
        if relation.is_attack and relation.source in owner:
            key = rep(relation.source)
            attacks[key] = attacks.get(key, 0) + 1
        if id(relation) in kept_relations:
            continue
        if relation.kind == "undercuts":
            attacked = refs.relation(relation.target)
            if attacked is None:
                continue
            head = rep(attacked.target)
        else:
            head = rep(relation.target)
        tail = rep(relation.source)
        if tail != head:
            link = (tail, head, relation.kind)
            counts[link] = counts.get(link, 0) + 1
    branches = tuple(
        HiddenBranch(
            names[key],
            None if key.startswith("\0") else key,
            tuple(claims),
            tuple(amap.claims[c].text for c in claims),
            attacks.get(names[key], 0),
        )
        for key, claims in sorted(by_owner.items(), key=lambda kv: names[kv[0]])
    )
    links = tuple(HiddenLink(t, h, k, n) for (t, h, k), n in counts.items())
    return View(shown, Hidden(branches, links, frozenset(context) & keep))


def _owner_order(amap: ArgumentMap, by_owner: Mapping[str, list[str]]):
    """Branches numbered in map order of their anchors, unanchored ones last."""
    order = {c: i for i, c in enumerate(amap.claims)}

    def key(owner: str) -> tuple[int, int]:
        if owner.startswith("\0"):
            return (1, order[by_owner[owner][0]])
        return (0, order[owner])

    return key


def _owners(amap: ArgumentMap, refs: MapRefs, keep: set[str]) -> dict[str, str]:
    """The anchor of every hidden claim (``"\\0N"`` for the N-th unanchored part)."""
    below = _children(amap)
    owner: dict[str, str] = {}
    frontier = deque((c, c) for c in amap.claims if c in keep)
    while frontier:  # down the relations pointing at the shown claims
        node, anchor = frontier.popleft()
        for child in below[node]:
            if child not in keep and child not in owner:
                owner[child] = anchor
                frontier.append((child, anchor))
    neighbours = _neighbours(amap, refs)
    frontier = deque(
        (c, c if c in keep else owner[c])
        for c in amap.claims
        if c in keep or c in owner
    )
    while frontier:  # then over relations in either direction
        node, anchor = frontier.popleft()
        for other in neighbours.get(node, ()):
            if other in amap.claims and other not in keep and other not in owner:
                owner[other] = anchor
                frontier.append((other, anchor))
    rest = [c for c in amap.claims if c not in keep and c not in owner]
    local = {c: [o for o in neighbours.get(c, ()) if o in amap.claims] for c in rest}
    for n, part in enumerate(connected_components(local, rest)):
        for claim in part:
            owner[claim] = f"\0{n}"
    return owner
