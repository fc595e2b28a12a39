"""Compact trees: a claim's many children spread over several ranks.

A claim with k children draws them side by side, k boxes wide; an overview
of three theses with eight reasons each is three such rows, far wider than a
screen.  :func:`stagger` spreads the children of a claim that has more than
*per_rank* of them over ``m = ceil(k / per_rank)`` ranks: the j-th child (in
the layout's branch order) goes ``j mod m`` ranks lower than it would, so
neighbours alternate between rows and each row is at most *per_rank* boxes
wide.  Depths are then the longest paths again, with an edge from child j
counting ``1 + (j mod m)`` ranks, so whatever hangs below a lowered child is
lowered with it.  The result is a :class:`~argmap.render.layout.Plan` like
any other, and the edge lengths to give Graphviz as ``minlen``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from argmap.render.dottext import Edge
from argmap.render.layout import Plan, longest_paths

__all__ = ["stagger", "stagger_edges"]


def stagger(
    layout: Plan, edges: Sequence[tuple[str, str]], per_rank: int
) -> tuple[Plan, dict[tuple[str, str], int]]:
    """*layout* with wide families spread over ranks, and the lengthened edges."""
    forward = [
        (t, h)
        for t, h in dict.fromkeys(edges)
        if t in layout.depth
        and h in layout.depth
        and t != h
        and (t, h) not in layout.back_edges
    ]
    children: dict[str, list[str]] = {}
    for tail, head in forward:
        if layout.depth[tail] == layout.depth[head] + 1:
            children.setdefault(head, []).append(tail)
    length: dict[tuple[str, str], int] = {}
    for head, kids in children.items():
        if len(kids) <= per_rank:
            continue
        rows = -(-len(kids) // per_rank)
        for j, kid in enumerate(sorted(kids, key=layout.order.__getitem__)):
            if j % rows:
                length[(kid, head)] = 1 + j % rows
    if not length:
        return layout, {}
    forward.sort(key=lambda e: layout.order[e[1]])
    depth = longest_paths(layout.depth, forward, length)
    return replace(layout, depth=depth), length


def stagger_edges(
    layout: Plan, edges: Sequence[tuple[str, str, Edge]], per_rank: int
) -> Plan:
    """:func:`stagger` for a DOT builder's ``(tail, head, DOT edge)`` list:
    the lengthened edges get their ``minlen``."""
    staggered, lengths = stagger(layout, [(t, h) for t, h, _ in edges], per_rank)
    for tail, head, edge in edges:
        if (tail, head) in lengths:
            edge.set("minlen", str(lengths[(tail, head)]))
    return staggered
