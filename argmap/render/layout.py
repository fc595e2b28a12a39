"""Stable layout: a claim's place depends on its own branch, not the whole file.

Graphviz's ``dot`` ranks the nodes by network simplex and orders each rank
by a global heuristic (crossing minimisation), and breaks cycles by
reversing edges in input order, so adding one claim can swap whole
branches.  We decide ranks and order ourselves and let ``dot`` only place
nodes along their rank and route the edges:

* *branch order* (:func:`branch_order`) is the preorder of a depth-first
  walk that starts at the roots (nodes that point at nothing, in map order)
  and goes from each node to the nodes whose edges point at it, in the order
  the map lists its claims and relations;
* an edge that points back at a node still on the walk's path closes a
  cycle: it is drawn but does not constrain the ranks (``constraint=false``);
* a node's *depth* is the length of the longest path to it from a root over
  the other edges, so every constraining edge points up at least one rank;
* each depth becomes one ``rank=same`` group whose nodes are chained, in
  branch order, by invisible weightless edges: ``dot`` keeps a flat edge's
  tail left of its head, so it cannot reorder them (:func:`pin_ranks`).

In a tree every subtree is then one contiguous interval of every rank, so
the drawing has no crossings, and an edit only inserts or removes nodes
inside its own branch's interval: no two untouched claims change their
left-to-right order.  ``bench/bench_layout.py`` measures how far they move.

Extension points (issue 14): :func:`plan` returns plain dicts (depth and
order of every node), so other policies -- a previous render's order,
collapsed branches, a rank budget -- can supply or trim them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Plan", "plan", "rank_groups"]


@dataclass(frozen=True)
class Plan:
    """Where each node goes: its depth (rank, 0 at the roots) and branch order."""

    depth: dict[str, int]
    order: dict[str, int]
    #: Edges (tail, head) that close a cycle: drawn, not constraining ranks.
    back_edges: frozenset[tuple[str, str]]


def plan(
    nodes: Sequence[str], edges: Sequence[tuple[str, str]], roots: Sequence[str] = ()
) -> Plan:
    """Depth and branch order of *nodes*; *edges* are (tail, head), pointing at the parent.

    The walk starts at the nodes that point at nothing (in the order of
    *nodes*), then at *roots*, then at whatever a cycle left unreached.
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
    depth = {n: 0 for n in nodes}
    forward = [
        (t, h)
        for t, h in edges
        if t in children and h in children and t != h and (t, h) not in back
    ]
    # Longest path from the roots over the forward edges (acyclic now):
    # relax in branch order, at most once per node.
    forward.sort(key=lambda e: order[e[1]])
    for _ in range(len(nodes)):
        changed = False
        for tail, head in forward:
            if depth[tail] < depth[head] + 1:
                depth[tail] = depth[head] + 1
                changed = True
        if not changed:
            break
    return Plan(depth, order, frozenset(back))


def rank_groups(layout: Plan) -> list[list[str]]:
    """The nodes of each depth, in branch order, shallowest first."""
    groups: dict[int, list[str]] = {}
    for node in sorted(layout.order, key=layout.order.__getitem__):
        groups.setdefault(layout.depth[node], []).append(node)
    return [groups[d] for d in sorted(groups)]
