"""Small graph algorithms on plain mappings, shared by checks and analyses.

Pure Python on purpose: checking and merging run on every command, and
importing networkx alone costs more than checking a 5k-claim map, so argmap's
own code never imports it for these (:attr:`argmap.model.ArgumentMap.graph`
is the networkx view offered to users).

A directed graph is a mapping ``{node: iterable of successors}``; a node that
only appears as a successor has none.  An undirected graph is the same with
each edge listed from both ends.  Every function visits nodes in the order
the mapping lists them and successors in the order they are given, so its
result depends on nothing else: the same input gives the same output.

UnionFind
    Disjoint sets with path halving.  The root of a set is always its
    smallest member (a union links the larger root under the smaller), so
    roots, and whatever is keyed by them, do not depend on the order of the
    unions.  Near-constant amortised time per operation.
strongly_connected_components
    Tarjan's algorithm, iterative (deep graphs need no recursion limit);
    O(nodes + edges).  Components are numbered in reverse topological order:
    every edge between two components goes from a higher number to a lower.
back_edge_cycles
    One cycle per back edge of a depth-first search (not every cycle, which
    may be exponentially many, but at least one whenever the graph has a
    cycle longer than a self-loop); O(nodes + edges + total cycle length).
distances
    Breadth-first search from one node, optionally stopping at a depth.
connected_components
    Breadth-first search from each start not yet reached, in an undirected graph.
shortest_cycle_through
    Breadth-first search for a shortest directed cycle back to its start,
    with the label of every edge on it (a relation number, say).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Any, Generic, Protocol, TypeVar

__all__ = [
    "UnionFind",
    "back_edge_cycles",
    "connected_components",
    "distances",
    "shortest_cycle_through",
    "strongly_connected_components",
]


class _Ordered(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...
    def __hash__(self) -> int: ...


K = TypeVar("K", bound=_Ordered)
N = TypeVar("N", bound=Hashable)
E = TypeVar("E")


class UnionFind(Generic[K]):
    """Disjoint sets of hashable, ordered items; the root of a set is its smallest item.

    An item never added or joined is a set of its own: :meth:`find` gives
    it back unchanged.
    """

    __slots__ = ("parent",)

    def __init__(self, items: Iterable[K] = ()) -> None:
        #: Each item's parent; a root is its own parent.
        self.parent: dict[K, K] = {item: item for item in items}

    def add(self, item: K) -> None:
        """Make *item* a set of its own, unless it is already in one."""
        self.parent.setdefault(item, item)

    def __contains__(self, item: object) -> bool:
        return item in self.parent

    def __iter__(self) -> Iterator[K]:
        """The items added or joined so far, in the order they entered."""
        return iter(self.parent)

    def find(self, item: K) -> K:
        """The root (smallest item) of *item*'s set."""
        parent = self.parent
        if item not in parent:
            return item
        while True:
            up = parent[item]
            if up == item:
                return item
            top = parent[up]
            parent[item] = top  # path halving: skip a generation
            item = top

    def union(self, a: K, b: K) -> K:
        """Join the sets of *a* and *b*; the root of the joined set."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if rb < ra:
            ra, rb = rb, ra
        parent = self.parent
        parent.setdefault(ra, ra)
        parent[rb] = ra
        return ra

    def copy(self) -> UnionFind[K]:
        """A union-find with the same sets that later unions do not touch."""
        twin: UnionFind[K] = UnionFind()
        twin.parent = dict(self.parent)
        return twin

    def groups(self) -> dict[K, list[K]]:
        """The members of each set by root, in the order they entered."""
        out: dict[K, list[K]] = {}
        for item in self.parent:
            out.setdefault(self.find(item), []).append(item)
        return out


def strongly_connected_components(successors: Mapping[N, Iterable[N]]) -> dict[N, int]:
    """The component number of every node (see the module docstring for the order).

    Every node that appears, as a key or as a successor, gets a number.
    """
    index: dict[N, int] = {}
    low: dict[N, int] = {}
    on_stack: set[N] = set()
    stack: list[N] = []
    component: dict[N, int] = {}
    counter = 0
    found = 0
    for root in successors:
        if root in index:
            continue
        work: list[tuple[N, Iterator[N]]] = [(root, iter(successors[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors.get(child, ()))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = found
                    if member == node:
                        break
                found += 1
    return component


def back_edge_cycles(successors: Mapping[N, Iterable[N]]) -> list[list[N]]:
    """One cycle for each back edge a depth-first search meets, in the order met.

    A cycle is listed from the node the back edge returns to, along the
    search path (``[a, b, c]`` for ``a -> b -> c -> a``).  Self-loops are
    left out: a node that is its own successor is no cycle of reasons.
    """
    state: dict[N, int] = {}  # 1: on the current path, 2: finished
    out: list[list[N]] = []
    for root in successors:
        if root in state:
            continue
        path = [root]
        iters = [iter(successors.get(root, ()))]
        state[root] = 1
        while iters:
            nxt = next(iters[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                iters.pop()
            elif nxt == path[-1]:
                continue
            elif state.get(nxt) == 1:
                out.append(path[path.index(nxt) :])
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                iters.append(iter(successors.get(nxt, ())))
    return out


def distances(
    neighbours: Mapping[N, Iterable[N]], start: N, limit: int | None = None
) -> dict[N, int]:
    """Breadth-first distances from *start* to every node within *limit* steps.

    *start* itself is at distance 0; ``limit=None`` follows every path.
    The result is in the order the search reached the nodes.
    """
    distance = {start: 0}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        steps = distance[current]
        if steps == limit:
            continue
        for other in neighbours.get(current, ()):
            if other not in distance:
                distance[other] = steps + 1
                queue.append(other)
    return distance


def connected_components(
    neighbours: Mapping[N, Iterable[N]], starts: Iterable[N]
) -> list[list[N]]:
    """The component of each start not reached yet, each in breadth-first order.

    *neighbours* is an undirected graph (each edge listed from both ends);
    nodes reached from an earlier start are not started from again.
    """
    seen: set[N] = set()
    out: list[list[N]] = []
    for start in starts:
        if start in seen:
            continue
        seen.add(start)
        component = []
        queue = deque([start])
        while queue:
            node = queue.popleft()
            component.append(node)
            for other in neighbours.get(node, ()):
                if other not in seen:
                    seen.add(other)
                    queue.append(other)
        out.append(component)
    return out


def shortest_cycle_through(
    successors: Mapping[N, Iterable[tuple[N, E]]],
    start: N,
    shorter_than: int | None = None,
) -> tuple[list[N], list[E]] | None:
    """A shortest directed cycle from *start* back to it, or None.

    *successors* lists ``(node, label)`` for every edge.  Returns the nodes
    of the cycle from *start* and the labels of its edges: ``labels[i]``
    leads from ``nodes[i]`` to ``nodes[i + 1]``, the last one back to
    *start*.  With *shorter_than*, only cycles of fewer edges are looked
    for (the search stops early), so a caller that keeps the best of several
    starts can pass the length of the best so far.
    """
    parent: dict[N, tuple[N, E]] = {}
    depth = {start: 0}
    queue = deque([start])
    found: tuple[N, E] | None = None
    while queue and found is None:
        node = queue.popleft()
        if shorter_than is not None and depth[node] + 1 >= shorter_than:
            break
        for nxt, label in successors.get(node, ()):
            if nxt == start:
                found = (node, label)
                break
            if nxt not in depth:
                depth[nxt] = depth[node] + 1
                parent[nxt] = (node, label)
                queue.append(nxt)
    if found is None:
        return None
    nodes, labels = [found[0]], [found[1]]
    while nodes[-1] != start:
        node, label = parent[nodes[-1]]
        labels.append(label)
        nodes.append(node)
    nodes.reverse()
    labels.reverse()
    return nodes, labels
