"""Where a claim sits in its map: its side of the map's thesis, its depth, its polarity.

The judge of a claim pair (:mod:`argmap.meaning.judge`) reads claims in
their maps, not alone.  This module gives each claim of a map:

``side``
    +1 when the claim argues for the map's thesis, −1 when it argues
    against it, 0 when it is not connected to a thesis.  Walking from each
    thesis against the direction of relations (breadth first, so the
    shortest path decides): the thesis is +1; a claim that supports a claim
    of side *s* has side *s*, one that rebuts it has side −*s*; a claim
    that undercuts a relation ``y → z`` has the side opposite to *y*'s
    contribution, ``−sign(relation) · side(z)`` (it cuts the link that
    carried *y*'s side).  Maps without a claim marked ``thesis`` use their
    *conclusions* — claims that receive relations but give none — as
    theses.  A claim not reached this way whose role is ``objection`` has
    side −1 (it is raised against the map's line).
``depth``
    The number of relations on that shortest path (0 for a thesis;
    ``None`` when not connected).
``polarity``
    :func:`argmap.meaning.polarity.polarity` of the claim text.

The map's own relations between its claims (supports and rebuts, as rows of
``claims``) are kept in :attr:`MapContext.relations` for the structural
reading of :mod:`argmap.meaning.counterparts`.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from argmap.meaning.polarity import Polarity, polarity
from argmap.model import REF_SEPARATOR, ArgumentMap, split_ref

__all__ = ["ClaimContext", "MapContext", "map_context"]


@dataclass(frozen=True)
class ClaimContext:
    """One claim as the judge sees it."""

    ref: str
    map_id: str
    claim_id: str
    text: str
    role: str | None
    side: int
    depth: int | None
    polarity: Polarity

    @property
    def is_thesis(self) -> bool:
        return self.depth == 0


@dataclass
class MapContext:
    """The claims of one map (in map order) with their sides and depths."""

    map_id: str
    claims: list[ClaimContext]
    theses: list[int]
    #: ``(source row, kind, target row)`` of the map's supports and rebuts
    #: between claims listed in :attr:`claims`, in map order.
    relations: list[tuple[int, str, int]] = field(default_factory=list)
    #: The weight of each of :attr:`relations`.
    weights: list[float] = field(default_factory=list)

    def index(self) -> dict[str, int]:
        return {c.claim_id: i for i, c in enumerate(self.claims)}

    @cached_property
    def adjacent(self) -> dict[int, list[tuple[int, str, int]]]:
        """row -> [(other row, kind, direction)] over :attr:`relations`;
        direction +1 outgoing, −1 incoming.  Worked out once (a map meets many
        others); :attr:`relations` is not changed after the context is built."""
        out: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
        for source, kind, target in self.relations:
            out[source].append((target, kind, 1))
            out[target].append((source, kind, -1))
        return out


def _sign(kind: str) -> int:
    return 1 if kind == "supports" else -1


def _local(ref: str, map_id: str) -> str | None:
    owner, local = split_ref(ref)
    return local if owner in (None, map_id) else None


def map_context(amap: ArgumentMap, claims: Iterable[str] | None = None) -> MapContext:
    """The :class:`MapContext` of *amap* (of the claims named, if given)."""
    ids = list(amap.claims) if claims is None else list(claims)
    theses = [c.id for c in amap.claims.values() if c.role == "thesis"]
    # incoming[target] = [(source, sign)], over claims of this map only
    incoming: dict[str, list[tuple[str, int]]] = {}
    by_key: dict[str, tuple[str, str, int]] = {}
    for r in amap.relations:
        if r.kind == "undercuts":
            continue
        source, target = _local(r.source, amap.id), _local(r.target, amap.id)
        if source is None or target is None:
            continue
        incoming.setdefault(target, []).append((source, _sign(r.kind)))
        for key in {r.key, f"{r.source}->{r.target}"}:
            by_key[key] = (source, target, _sign(r.kind))
    for r in amap.relations:
        if r.kind != "undercuts":
            continue
        source = _local(r.source, amap.id)
        cut = by_key.get(r.target)
        if source is None or cut is None:
            continue
        _, target, sign = cut
        # an undercut of y -> z carries -sign relative to z
        incoming.setdefault(target, []).append((source, -sign))
    if not theses:
        gives = {
            _local(r.source, amap.id) for r in amap.relations if r.kind != "undercuts"
        }
        theses = [c for c in amap.claims if c in incoming and c not in gives]
    side: dict[str, int] = {}
    depth: dict[str, int] = {}
    queue: deque[str] = deque()
    for t in theses:
        side[t], depth[t] = 1, 0
        queue.append(t)
    while queue:
        node = queue.popleft()
        for source, sign in incoming.get(node, ()):
            if source not in side and source in amap.claims:
                side[source] = side[node] * sign
                depth[source] = depth[node] + 1
                queue.append(source)
    out: list[ClaimContext] = []
    thesis_rows = []
    for claim_id in ids:
        claim = amap.claims[claim_id]
        s = side.get(claim_id, 0)
        if s == 0 and claim.role == "objection":
            s = -1
        if depth.get(claim_id) == 0:
            thesis_rows.append(len(out))
        out.append(
            ClaimContext(
                f"{amap.id}{REF_SEPARATOR}{claim_id}",
                amap.id,
                claim_id,
                claim.text,
                claim.role,
                s,
                depth.get(claim_id),
                polarity(claim.text),
            )
        )
    rows = {c.claim_id: k for k, c in enumerate(out)}
    relations: list[tuple[int, str, int]] = []
    weights: list[float] = []
    for r in amap.relations:
        if r.kind == "undercuts":
            continue
        source, target = _local(r.source, amap.id), _local(r.target, amap.id)
        if source in rows and target in rows:
            relations.append((rows[source], r.kind, rows[target]))
            weights.append(r.weight)
    return MapContext(amap.id, out, thesis_rows, relations, weights)
