"""Stable layout: a claim's place depends on its own branch, not the whole file.

Graphviz's ``dot`` ranks the nodes by network simplex, orders each rank by a
global heuristic (crossing minimisation), breaks cycles by reversing edges
in input order, and then places every node along its rank by one global
optimisation -- so adding one claim can swap whole branches, and even with
ranks and order fixed it moves most of the drawing.  So we decide:

* *branch order* (:func:`plan`): the preorder of a depth-first walk that
  starts at the roots (nodes that point at nothing, in map order) and goes
  from each node to the nodes whose edges point at it, in the order the map
  lists its claims and relations;
* an edge that points back at a node still on the walk's path closes a
  cycle: it is drawn but does not constrain the ranks (``constraint=false``);
* a node's *depth* (its rank) is the length of the longest path to it from
  a root over the other edges, so every constraining edge points up at least
  one rank;
* the *branch tree*: each node's parent is, of the nodes it points at one
  rank up, the first in branch order;
* positions (:func:`tidy_positions`): each node's children want a row
  under it (the first support right under it, attacks outward, other
  supports inward), and each rank, top down, keeps the branch tree's
  order and resolves overlapping wishes by weighted least squares (a box
  weighs the nodes of its branch), so an edit moves mostly the new box and
  light neighbours on its own rank and, with them, their branches.
  ``neato`` then only routes the edges around the fixed boxes
  (:mod:`.pinning`).

Diagrams of more than :data:`TIDY_MAX_NODES` nodes are drawn by ``dot``
instead (neato's router is slow on them), with ranks and order still ours:
each depth is one ``rank=same`` group chained in branch order by invisible
edges (``dot`` keeps a flat edge's tail left of its head, so untouched
claims never swap), ``dot`` placing them along the ranks.

*Dense attack graphs* (issue 13): longest paths put the claims of a dispute
where everyone attacks everyone (40 claims, 1,560 rebuttals) on 40 ranks,
and every edge spanning *k* ranks costs ``dot`` *k* - 1 virtual nodes,
about 21,000 here: 35 s of crossing minimisation, even in the first pass
that only measures the boxes.  When the spans would outnumber twice the
nodes and edges (:data:`SPAN_BUDGET`; ordinary maps stay far below, about
0.1 per edge), depths are the breadth-first distances from the roots
instead, so that no edge spans more than one rank (0.2 s for that map);
only such maps are drawn differently.

``bench/bench_layout.py`` measures how far untouched claims move after an
edit, both ways.  Extension points (issue 14): :func:`plan` returns plain
dicts, so other policies -- a previous render's order, collapsed branches,
a rank budget -- can supply or trim them; :func:`tidy_positions` takes any
sizes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = [
    "SPAN_BUDGET",
    "TIDY_MAX_NODES",
    "Pinned",
    "Plan",
    "least_squares_row",
    "longest_paths",
    "plan",
    "rank_groups",
    "tidy_positions",
]

#: Diagrams of at most this many nodes (claims, junctions, references) are
#: laid out by :func:`tidy_positions` and their edges routed by ``neato``;
#: larger ones are laid out by ``dot`` with the rank order pinned.  neato's
#: router around the boxes grows fast: on random trees (bench/bigmaps.py)
#: 25, 50, 75 and 100 claims took 0.10, 0.23, 0.38 and 0.67 s this way and
#: 0.05, 0.08, 0.11 and 0.18 s with dot (one busy shared machine).
TIDY_MAX_NODES = 80

#: Virtual nodes (ranks spanned beyond the first, summed over the edges) a
#: plan may cost ``dot``, per node and edge, before depths are taken
#: breadth-first (see the module docstring).
SPAN_BUDGET = 2


@dataclass(frozen=True)
class Pinned:
    """Fixed node centres (DOT name -> (x, y) points) and the legend's box,
    for a layout pinned to a previous render (:mod:`argmap.render.pinning`)."""

    positions: Mapping[str, tuple[float, float]]
    legend: tuple[float, float, float, float] | None = None
    points: bool = False  #: for ``nop2`` (in points), not ``neato`` (inches)
    #: Box sizes (DOT name -> width, height in inches) of claims with a
    #: collapsed branch hanging under them (from the layout pass).
    sizes: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    #: Hidden branches drawn as a tab right under their anchor's box
    #: (:mod:`argmap.render.hidden`), by branch id.
    attached: frozenset[str] = frozenset()

    def anchor(self, node_claims: Mapping[str, str]) -> tuple[str, float, float] | None:
        """The first claim of *node_claims* (DOT name -> claim) pinned at a
        known centre, as (claim, x, y): the legend box moves with it."""
        placed = self.positions
        return next(
            ((c, *placed[n]) for n, c in node_claims.items() if n in placed), None
        )


@dataclass(frozen=True)
class Plan:
    """Where each node goes: its depth (rank, 0 at the roots) and branch order."""

    depth: dict[str, int]
    order: dict[str, int]
    #: Edges (tail, head) that close a cycle: drawn, not constraining ranks.
    back_edges: frozenset[tuple[str, str]]
    #: Each node's parent in the branch tree :func:`tidy_positions` lays out:
    #: of the nodes it points at one rank up, the first in branch order
    #: (roots have none), so tree edges are short and long edges the others.
    parent: dict[str, str] = field(default_factory=dict)
    #: Edges (tail, head) that draw an attack (a rebuttal or an undercut):
    #: where a child goes in its family (:func:`tidy_positions`).
    attacks: frozenset[tuple[str, str]] = frozenset()


def plan(
    nodes: Sequence[str],
    edges: Sequence[tuple[str, str]],
    roots: Sequence[str] = (),
    attacks: Iterable[tuple[str, str]] = (),
) -> Plan:
    """Depth and branch order of *nodes*; *edges* are (tail, head), pointing at the parent.

    The walk starts at the nodes that point at nothing (in the order of
    *nodes*), then at *roots*, then at whatever a cycle left unreached.
    *attacks* are the edges that draw an attack (:attr:`Plan.attacks`).
    """
    children: dict[str, list[str]] = {n: [] for n in nodes}
    points: set[str] = set()
    for tail, head in edges:
        if tail == head or tail not in children or head not in children:
            continue
        if tail not in children[head]:
            children[head].append(tail)
        points.add(tail)
    order: dict[str, int] = {}
    back: set[tuple[str, str]] = set()
    starts = [*(n for n in nodes if n not in points), *roots, *nodes]
    for root in starts:
        if root in order or root not in children:
            continue
        order[root] = len(order)
        path = {root}
        stack = [(root, iter(children[root]))]
        while stack:
            node, pending = stack[-1]
            child = next(pending, None)
            if child is None:
                stack.pop()
                path.discard(node)
            elif child in path:
                back.add((child, node))  # child -> node points back down the path
            elif child not in order:
                order[child] = len(order)
                path.add(child)
                stack.append((child, iter(children[child])))
    forward = [
        (t, h)
        for t, h in edges
        if t in children and h in children and t != h and (t, h) not in back
    ]
    forward.sort(key=lambda e: order[e[1]])
    depth = longest_paths(nodes, forward)
    usable = [(t, h) for t, h in edges if t in children and h in children and t != h]
    spans = sum(max(0, abs(depth[t] - depth[h]) - 1) for t, h in usable)
    if spans > SPAN_BUDGET * (len(nodes) + len(usable)):
        depth = _breadth_first(nodes, children, starts)
        # An edge constrains the ranks only when it points one rank up.
        back = {(t, h) for t, h in usable if depth[t] != depth[h] + 1}
        forward = [(t, h) for t, h in usable if (t, h) not in back]
        forward.sort(key=lambda e: order[e[1]])
    parent: dict[str, str] = {}
    for tail, head in forward:  # sorted by the head's branch order
        if depth[tail] == depth[head] + 1 and tail not in parent:
            parent[tail] = head
    return Plan(depth, order, frozenset(back), parent, frozenset(attacks))


def longest_paths(
    nodes: Iterable[str],
    forward: Sequence[tuple[str, str]],
    length: Mapping[tuple[str, str], int] | None = None,
) -> dict[str, int]:
    """Each node's longest path from the roots over *forward* edges (tail,
    head), acyclic and sorted by the head's branch order; an edge counts
    ``length[edge]`` ranks (1 by default).  Relaxed in that order, at most
    one round per node."""
    depth = {n: 0 for n in nodes}
    lengths = length or {}
    for _ in range(len(depth)):
        changed = False
        for tail, head in forward:
            need = depth[head] + lengths.get((tail, head), 1)
            if depth[tail] < need:
                depth[tail] = need
                changed = True
        if not changed:
            break
    return depth


def _breadth_first(
    nodes: Sequence[str], children: dict[str, list[str]], starts: Sequence[str]
) -> dict[str, int]:
    """Each node's distance from the first of *starts* that reaches it."""
    depth: dict[str, int] = {}
    for root in starts:
        if root in depth or root not in children:
            continue
        depth[root] = 0
        frontier = [root]
        while frontier:
            following = []
            for node in frontier:
                for child in children[node]:
                    if child not in depth:
                        depth[child] = depth[node] + 1
                        following.append(child)
            frontier = following
    return {n: depth.get(n, 0) for n in nodes}


def rank_groups(layout: Plan) -> list[list[str]]:
    """The nodes of each depth, in branch order, shallowest first."""
    groups: dict[int, list[str]] = {}
    for node in sorted(layout.order, key=layout.order.__getitem__):
        groups.setdefault(layout.depth[node], []).append(node)
    return [groups[d] for d in sorted(groups)]


# -- positions ---------------------------------------------------------------------

#: Extents along the ranks: for each rank, (low, high) relative to a point.
Contour = dict[int, tuple[float, float]]

#: Where a node is relative to the *central column* (the roots and, down from
#: each node in it, its first support): in it, left of it or right of it.
MIDDLE, LEFT, RIGHT = "middle", "left", "right"


def _merge(into: Contour, contour: Contour, offset: float) -> None:
    for rank, (low, high) in contour.items():
        if rank in into:
            into[rank] = (
                min(into[rank][0], low + offset),
                max(into[rank][1], high + offset),
            )
        else:
            into[rank] = (low + offset, high + offset)


def _pack(placed: Contour, contour: Contour, gap: float, *, after: bool) -> float:
    """Offset of *contour* next to *placed* (after it along the rank, or before),
    as close as the ranks both reach allow."""
    shared = [rank for rank in contour if rank in placed]
    if not shared:
        return 0.0
    if after:
        return max(placed[r][1] - contour[r][0] + gap for r in shared)
    return min(placed[r][0] - contour[r][1] - gap for r in shared)


def _family(
    attacks: Sequence[bool], side: str
) -> tuple[list[tuple[int, bool]], list[str]]:
    """How one node's children line up under it: the order to place them in,
    each with whether it goes after (right of) what is placed or before, the
    first being the *anchor*, right under the node; and each child's side.

    *attacks* marks, in branch order, the children that attack the node; the
    node is on *side*.  The anchor is the first support (the first attack
    when there is none).  Attacks go outward -- rightward in the central
    column and on its right, leftward on its left -- each beyond the ones
    before it, so a new last attack (the usual edit) is placed beyond its
    siblings; the other supports go the other way.  In the central column a
    node's other supports are on the left side and its attacks on the right
    side; elsewhere children are on their parent's side.
    """
    if not attacks:
        return [], []
    supports = [i for i, attack in enumerate(attacks) if not attack]
    against = [i for i, attack in enumerate(attacks) if attack]
    anchor = (supports or against)[0]
    outward = side != LEFT  # attacks after the anchor (to the right)
    order = [(anchor, True)]
    order += [(i, not outward) for i in supports if i != anchor]
    order += [(i, outward) for i in against if i != anchor]
    if side != MIDDLE:
        return order, [side] * len(attacks)
    sides = [RIGHT if attack else LEFT for attack in attacks]
    sides[anchor] = MIDDLE
    return order, sides


def _row(
    parts: Sequence[Contour], order: Sequence[tuple[int, bool]], gap: float
) -> list[float]:
    """Offsets of boxes (or outlines) placed one by one in *order* (index,
    after), each next to everything placed before it, *gap* apart."""
    offsets = [0.0] * len(parts)
    joint: Contour = {}
    for i, after in order:
        if joint:
            offsets[i] = _pack(joint, parts[i], gap, after=after)
        _merge(joint, parts[i], offsets[i])
    return offsets


def least_squares_row(
    wanted: Sequence[float], weights: Sequence[float], apart: Sequence[float]
) -> list[float]:
    """The positions ``x`` minimising ``sum(weights[i] * (x[i] - wanted[i])**2)``
    subject to ``x[i + 1] - x[i] >= apart[i]`` (boxes in order along a rank).

    With ``c[i] = apart[0] + ... + apart[i - 1]`` and ``y = x - c`` the
    constraints say ``y`` is non-decreasing, so ``y`` is the weighted isotonic
    regression of ``wanted - c``: pool adjacent violators -- scanning left to
    right, a block whose mean is below the one before merges with it into
    their weighted mean -- exact, in linear time."""
    at = 0.0
    shift = []
    for i in range(len(wanted)):
        shift.append(at)
        if i < len(apart):
            at += apart[i]
    blocks: list[list[float]] = []  # [weighted mean, weight, count]
    for want, weight, c in zip(wanted, weights, shift):
        blocks.append([want - c, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            m2, w2, n2 = blocks.pop()
            m1, w1, n1 = blocks.pop()
            blocks.append([(m1 * w1 + m2 * w2) / (w1 + w2), w1 + w2, n1 + n2])
    ys = [mean for mean, _, count in blocks for _ in range(int(count))]
    return [y + c for y, c in zip(ys, shift)]


def tidy_positions(
    layout: Plan,
    sizes: Mapping[str, tuple[float, float]],
    *,
    direction: str = "BT",
    gap: float = 21.6,
    rank_gap: float = 32.4,
) -> dict[str, tuple[float, float]]:
    """Centre of every node (Graphviz points, y up): a layered drawing of the
    branch tree in which an edit moves little beyond its own branch.

    *sizes* are the nodes' (width, height) in points.  Ranks are the plan's
    depths; each rank is as deep as its deepest box, *rank_gap* apart.

    *Families*: each node's children want to stand in a row under it, boxes
    *gap* apart, the anchor right under the node and the others outward or
    inward of it by kind (:func:`_family`: supports towards the central
    column, attacks away from it), so a new last child wants a place beyond
    its siblings of its kind and moves none of their wishes.

    *Ranks*, top down: a node wants its parent's position plus its offset
    in the family row (roots: their offset in the roots' row); each rank
    keeps the left-to-right order of the branch tree (families in their
    parents' order) and, where wishes overlap, takes the positions that
    minimise the squared distances to the wishes, each weighted by the
    number of nodes in the node's branch, with every two neighbours *gap*
    apart (:func:`least_squares_row`).  So a new box shares a clash on its
    own rank mostly with itself and the lightest boxes around it: a heavy
    branch next to it yields little, and the clash moves only the boxes
    of that rank in the clash and, following them, their branches -- not
    whole subtrees beside them, which a tidy drawing packing subtrees'
    outlines together pushes by a box's width (Reingold and Tilford; the
    rule before, bench/bench_layout.py).  The price: a box displaced by a
    clash is no longer right under its parent, so some tree edges slant.
    Edges that are not tree edges are routed afterwards, around the boxes.

    *direction* is Graphviz's rankdir: ``BT`` puts the roots on top, ``TB``
    at the bottom, ``LR`` on the right, ``RL`` on the left; ranks run along
    x for ``BT``/``TB`` and along y (first child on top) for ``LR``/``RL``.
    """
    across_x = direction in ("LR", "RL")
    nodes = sorted(layout.order, key=layout.order.__getitem__)
    depth_of = layout.depth

    def along(node: str) -> float:  # extent along the rank
        width, height = sizes[node]
        return height if across_x else width

    def thickness(node: str) -> float:  # extent across the ranks
        width, height = sizes[node]
        return width if across_x else height

    children: dict[str, list[str]] = {n: [] for n in nodes}
    for node in nodes:
        if node in layout.parent and layout.parent[node] in children:
            children[layout.parent[node]].append(node)
    roots = [n for n in nodes if layout.parent.get(n) not in children]
    preorder: list[str] = []
    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        preorder.append(node)
        stack.extend(reversed(children[node]))

    def row(family: Sequence[str], order: Sequence[tuple[int, bool]]) -> None:
        boxes = [{depth_of[n]: (-along(n) / 2, along(n) / 2)} for n in family]
        offsets = _row(boxes, order, gap)
        for i, (node, at) in enumerate(zip(family, offsets)):
            offset[node] = at
            ordinal[node] = (at, i)

    # Top-down: each node's side, and its offset in its family's row.
    offset: dict[str, float] = {}
    ordinal: dict[str, tuple[float, int]] = {}
    root_order, root_sides = _family([False] * len(roots), MIDDLE)
    side = dict(zip(roots, root_sides))
    row(roots, root_order)
    for node in preorder:  # parents before children
        kids = children[node]
        order, kid_sides = _family(
            [(c, node) in layout.attacks for c in kids], side[node]
        )
        side.update(zip(kids, kid_sides))
        row(kids, order)

    # Bottom-up: each branch's weight, the nodes in it.
    weight: dict[str, int] = {}
    for node in reversed(preorder):
        weight[node] = 1 + sum(weight[c] for c in children[node])

    # Rank by rank, top down: wishes, order, positions.
    key: dict[str, tuple[tuple[float, int], ...]] = {}
    position: dict[str, float] = {}
    by_depth: dict[int, list[str]] = {}
    for node in preorder:
        by_depth.setdefault(depth_of[node], []).append(node)
    for rank in sorted(by_depth):
        wanted: dict[str, float] = {}
        for node in by_depth[rank]:
            up = layout.parent.get(node)
            if up is None or up not in children:  # a root
                key[node] = (ordinal[node],)
                wanted[node] = offset[node]
            else:  # the parent is on a rank above, placed
                key[node] = (*key[up], ordinal[node])
                wanted[node] = position[up] + offset[node]
        line = sorted(by_depth[rank], key=key.__getitem__)
        apart = [(along(a) + along(b)) / 2 + gap for a, b in itertools.pairwise(line)]
        placed = least_squares_row(
            [wanted[n] for n in line], [float(weight[n]) for n in line], apart
        )
        position.update(zip(line, placed))

    # Across the ranks: each rank as thick as its thickest box.
    thick: dict[int, float] = {}
    for node in nodes:
        rank = depth_of[node]
        thick[rank] = max(thick.get(rank, 0.0), thickness(node))
    level: dict[int, float] = {}
    at = 0.0
    for rank in sorted(thick):
        level[rank] = at + thick[rank] / 2
        at += thick[rank] + rank_gap

    result: dict[str, tuple[float, float]] = {}
    for node in nodes:
        a, c = position[node], level[depth_of[node]]
        if direction == "BT":
            result[node] = (a, -c)
        elif direction == "TB":
            result[node] = (a, c)
        elif direction == "LR":
            result[node] = (-c, -a)
        else:  # RL
            result[node] = (c, -a)
    return result
