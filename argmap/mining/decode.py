"""Joint decoding of the unit and pair scores into one argument tree.

Structure.  Let *c_i* = P(*i* is the central claim) and *a_ij* = P(*i*
attaches to *j*).  The tree *T* with root *r* maximises

    log c_r + Σ_{i≠r} [ log a_{i,T(i)} + log (1 - c_i) ]

over all spanning trees of the units.  Writing the root term as a node
weight moved onto the edges — edge *j → i* (parent → child) weighs
``log a_ij + log(1 - c_i) - log c_i`` — turns this into a maximum spanning
arborescence whose root is free, which Edmonds' algorithm finds exactly
(``networkx.maximum_spanning_arborescence``); the constant Σ log c_i does not
change the argmax.  So there is exactly one thesis and every unit is
attached.

Labels.  Given the tree, each unit's role (pro/opp) and each edge's
function (support/attack) must agree: an attack changes the speaker's side,
a support keeps it, and the root is the proponent's.  With *o_i* = P(*i* is
the opponent's) and *t_i* = P(*i* attacks its target), dynamic programming
from the leaves up picks the roles ρ maximising

    Σ_i log P(ρ_i) + Σ_{i≠r} log P(t_i = [ρ_i ≠ ρ_{T(i)}]),

exactly (the tree has no cycles).  An attack whose target is not the root
is an *undercut* (an attack on the target's inference to its own parent)
when P(undercut) > 1/2, else a rebuttal.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
import numpy as np

__all__ = ["Tree", "decode"]

_FLOOR = 1e-6



@dataclass
class Tree:
    #: Per unit: the unit it attaches to, None for the central claim.
    parent: list[int | None]
    #: ``cc``, ``support`` or ``attack``.
    function: list[str]
    #: ``pro`` or ``opp``.
    role: list[str]
    #: Attacks on an inference rather than on a claim.
    undercut: list[bool]

    @property
    def root(self) -> int:
        return self.parent.index(None)


def _log(p: float) -> float:
    return math.log(min(max(p, _FLOOR), 1 - _FLOOR))


def structure(
    cc: np.ndarray, attach: np.ndarray, extra: np.ndarray | None = None
) -> list[int | None]:
    """The parent of each unit in the best tree (see the module docstring)."""
    n = len(cc)
    if n == 0:
        return []
    if n == 1:
        return [None]
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    for i in range(n):
        child_term = _log(1 - cc[i]) - _log(cc[i])
        for j in range(n):
            if i != j:
                bonus = float(extra[i, j]) if extra is not None else 0.0
                graph.add_edge(j, i, weight=_log(attach[i, j]) + child_term + bonus)
    tree = nx.maximum_spanning_arborescence(graph, attr="weight", preserve_attrs=False)
    parent: list[int | None] = [None] * n
    for j, i in tree.edges():
        parent[i] = j
    return parent


def labels(
    parent: list[int | None], opp: np.ndarray, attack: np.ndarray
) -> tuple[list[str], list[str]]:
    """Roles and functions that agree with each other (see the module docstring)."""
    n = len(parent)
    children: list[list[int]] = [[] for _ in range(n)]
    for i, j in enumerate(parent):
        if j is not None:
            children[j].append(i)
    root = parent.index(None)
    # best[i][r]: best score of i's subtree when i has role r (0 pro, 1 opp).
    best = [[0.0, 0.0] for _ in range(n)]
    choice: list[list[list[int]]] = [[[], []] for _ in range(n)]
    order: list[int] = []
    stack = [root]
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(children[node])
    for node in reversed(order):
        for r in (0, 1):
            total = _log(opp[node]) if r else _log(1 - opp[node])
            picks = []
            for child in children[node]:
                options = [
                    best[child][rc] + (_log(attack[child]) if rc != r else _log(1 - attack[child]))
                    for rc in (0, 1)
                ]
                pick = int(options[1] > options[0])
                picks.append(pick)
                total += options[pick]
            best[node][r] = total
            choice[node][r] = picks
    role_index = [0] * n
    stack = [root]
    while stack:
        node = stack.pop()
        for child, pick in zip(children[node], choice[node][role_index[node]]):
            role_index[child] = pick
            stack.append(child)
    roles = ["opp" if r else "pro" for r in role_index]
    functions = [
        "cc" if j is None else ("attack" if role_index[i] != role_index[j] else "support")
        for i, j in enumerate(parent)
    ]
    return roles, functions


def decode(
    cc: np.ndarray,
    attach: np.ndarray,
    opp: np.ndarray,
    attack: np.ndarray,
    undercut: np.ndarray,
) -> Tree:
    """One tree over the units from their scores (see the module docstring)."""
    parent = structure(cc, attach)
    if not parent:
        return Tree([], [], [], [])
    roles, functions = labels(parent, opp, attack)
    root = parent.index(None)
    under = [
        functions[i] == "attack" and parent[i] != root and bool(undercut[i] > 0.5)
        for i in range(len(parent))
    ]
    return Tree(parent, functions, roles, under)
