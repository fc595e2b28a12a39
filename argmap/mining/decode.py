"""Joint decoding of the unit and pair scores into one argument tree.

Structure.  Let *c_i* = P(*i* is the central claim) and *a_ij* = P(*i*
attaches to *j*).  The tree *T* with root *r* maximises

    log c_r + Σ_{i≠r} [ log a_{i,T(i)} + log (1 - c_i) ]

over all spanning trees of the units: a maximum spanning arborescence from
a virtual root whose edge to *r* weighs ``log c_r`` (less a constant that
makes one such edge better than two, so exactly one unit is the thesis),
found exactly by the Chu-Liu/Edmonds algorithm, here in NumPy
(networkx's ``maximum_spanning_arborescence`` gives the same trees —
``tests/test_mining.py`` compares them — but takes seconds on a
70-unit article).  Every unit is attached.

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


def _find_cycle(parent: np.ndarray) -> list[int] | None:
    """A cycle of the parent function (node 0, the root, has none), or None."""
    n = len(parent)
    state = np.zeros(n, dtype=np.int8)  # 0 new, 1 on the current path, 2 done
    for start in range(1, n):
        path = []
        v = start
        while v > 0 and state[v] == 0:
            state[v] = 1
            path.append(v)
            v = int(parent[v])
        if v > 0 and state[v] == 1:
            return path[path.index(v) :]
        for u in path:
            state[u] = 2
    return None


def _arborescence(weights: np.ndarray) -> np.ndarray:
    """Parents of the maximum spanning arborescence rooted at node 0 (Chu-Liu/Edmonds).

    ``weights[p, c]`` is the weight of the edge *p → c* (``-inf``: no edge).
    Each node takes its best incoming edge; a cycle is contracted into one
    node whose incoming edges are re-weighted by what they displace, the
    smaller problem is solved, and the cycle is opened where the chosen
    edge enters it.  O(n³) at worst, in NumPy.
    """
    n = weights.shape[0]
    w = weights.copy()
    np.fill_diagonal(w, -np.inf)
    w[:, 0] = -np.inf
    parent = w.argmax(axis=0)
    parent[0] = -1
    cycle = _find_cycle(parent)
    if cycle is None:
        return parent
    in_cycle = np.zeros(n, dtype=bool)
    in_cycle[cycle] = True
    rest = np.flatnonzero(~in_cycle)  # includes the root, at position 0
    cyc = np.asarray(cycle)
    m = len(rest)
    small = np.full((m + 1, m + 1), -np.inf)
    small[:m, :m] = w[np.ix_(rest, rest)]
    # Into the cycle: from u, entering at v, replacing v's cycle edge.
    kept = w[parent[cyc], cyc]
    enter_gain = w[np.ix_(rest, cyc)] - kept[None, :]
    enter_at = enter_gain.argmax(axis=1)
    small[:m, m] = enter_gain[np.arange(m), enter_at]
    # Out of the cycle: the best edge from any cycle node to v.
    leave = w[np.ix_(cyc, rest)]
    leave_from = leave.argmax(axis=0)
    small[m, :m] = leave[leave_from, np.arange(m)]
    inner = _arborescence(small)
    out = parent.copy()
    for k, node in enumerate(rest):
        if k == 0:
            continue
        p = inner[k]
        out[node] = cyc[leave_from[k]] if p == m else rest[p]
    entering = int(inner[m])
    v = cyc[enter_at[entering]]
    out[v] = rest[entering]
    return out


def structure(cc: np.ndarray, attach: np.ndarray) -> list[int | None]:
    """The parent of each unit in the best tree (see the module docstring).

    Solved as a maximum arborescence from a virtual root whose edge to *r*
    weighs ``log c_r`` less a constant larger than any tree's weight, so
    that exactly one unit hangs from it.
    """
    n = len(cc)
    if n == 0:
        return []
    if n == 1:
        return [None]
    clip = np.clip
    log_cc = np.log(clip(cc, _FLOOR, 1 - _FLOOR))
    log_not = np.log(clip(1 - cc, _FLOOR, 1 - _FLOOR))
    log_at = np.log(clip(attach, _FLOOR, 1 - _FLOOR))
    w = np.full((n + 1, n + 1), -np.inf)
    # w[j + 1, i + 1]: unit i attaches to unit j.
    w[1:, 1:] = log_at.T + log_not[None, :]
    big = 2 * (
        np.abs(w[1:, 1:][np.isfinite(w[1:, 1:])]).sum() + np.abs(log_cc).sum() + 1
    )
    w[0, 1:] = log_cc - big
    parent = _arborescence(w)
    return [None if p == 0 else int(p) - 1 for p in parent[1:]]


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
                    best[child][rc]
                    + (_log(attack[child]) if rc != r else _log(1 - attack[child]))
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
        "cc"
        if j is None
        else ("attack" if role_index[i] != role_index[j] else "support")
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
