"""Scoring predicted argument trees against gold ones (the evidence-graph levels).

Four levels, as in Peldszus & Stede (2015), each a macro-averaged F1 over
all units (or unit pairs) of all texts pooled:

* ``cc``: central claim or not, per unit;
* ``role``: proponent or opponent, per unit;
* ``function``: cc, support or attack, per unit (its outgoing relation);
* ``attachment``: linked or not, per ordered pair of units;

and ``link``: the F1 of the linked class alone (a predicted edge is right
when its source and target are the gold edge's).

Matching predicted units to gold units (raw text in).  Every gold unit *g*
is matched to the predicted unit *m(g)* that shares most characters with
it (ties: the earlier; none when nothing overlaps).  *g* takes *m(g)*'s
predictions: it is the central claim when *m(g)* is, it has *m(g)*'s role
and function.  A predicted edge counts for the gold pair (*g₁*, *g₂*) when
*m(g₁)* ≠ *m(g₂)* and *m(g₁)*'s parent is *m(g₂)*, after skipping upwards
over predicted units that are no gold unit's match (a fragment's parent
is inherited).  So a sentence that fuses two gold units can be right for
at most one of them, and splitting a gold unit costs nothing as long as
the part holding most of it is placed right.  A gold unit matched to
nothing counts as non-central, proponent, support, linked to nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from argmap.mining.corpus import Gold
from argmap.mining.decode import Tree
from argmap.mining.segment import Unit

__all__ = ["Projected", "Tally", "chain_tree", "project"]


@dataclass
class Projected:
    """Predictions on the gold units of one text."""

    cc: list[bool]
    role: list[str]
    function: list[str]
    links: set[tuple[int, int]]


def _overlap(a: Unit, b: Unit) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def project(gold: Gold, units: Sequence[Unit], tree: Tree) -> Projected:
    """The predictions of *tree* over *units*, carried onto the gold units (see above)."""
    match: list[int | None] = []
    for g in gold.units:
        best, best_overlap = None, 0
        for k, p in enumerate(units):
            shared = _overlap(g, p)
            if shared > best_overlap:
                best, best_overlap = k, shared
        match.append(best)
    image = {k for k in match if k is not None}

    def effective_parent(k: int) -> int | None:
        seen = set()
        j = tree.parent[k]
        while j is not None and j not in image and j not in seen:
            seen.add(j)
            j = tree.parent[j]
        return j

    cc: list[bool] = []
    role: list[str] = []
    function: list[str] = []
    for matched in match:
        if matched is None:
            cc.append(False)
            role.append("pro")
            function.append("support")
        else:
            cc.append(tree.parent[matched] is None)
            role.append(tree.role[matched])
            function.append(tree.function[matched])
    links = set()
    for g1, k1 in enumerate(match):
        if k1 is None:
            continue
        up = effective_parent(k1)
        for g2, k2 in enumerate(match):
            if g2 != g1 and k2 is not None and k2 != k1 and k2 == up:
                links.add((g1, g2))
    return Projected(cc, role, function, links)


def chain_tree(n: int) -> Tree:
    """The trivial baseline: the first unit is the thesis, every other supports the one before."""
    return Tree(
        [None] + list(range(n - 1)),
        ["cc"] + ["support"] * (n - 1),
        ["pro"] * n,
        [False] * n,
    )


def _f1(gold: list, predicted: list, label) -> float:
    tp = sum(1 for g, p in zip(gold, predicted) if g == label and p == label)
    fp = sum(1 for g, p in zip(gold, predicted) if g != label and p == label)
    fn = sum(1 for g, p in zip(gold, predicted) if g == label and p != label)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


@dataclass
class Tally:
    """Gold and predicted labels pooled over texts; :meth:`scores` gives the F1s."""

    gold: dict[str, list] = field(default_factory=lambda: {k: [] for k in LEVELS})
    predicted: dict[str, list] = field(default_factory=lambda: {k: [] for k in LEVELS})

    def add(self, gold: Gold, projected: Projected) -> None:
        n = len(gold.units)
        self.gold["cc"] += [p is None for p in gold.parent]
        self.predicted["cc"] += projected.cc
        self.gold["role"] += gold.role
        self.predicted["role"] += projected.role
        self.gold["function"] += gold.function
        self.predicted["function"] += projected.function
        for i in range(n):
            for j in range(n):
                if i != j:
                    self.gold["attachment"].append(gold.parent[i] == j)
                    self.predicted["attachment"].append((i, j) in projected.links)

    def scores(self) -> dict[str, float]:
        out = {}
        for level, classes in LEVELS.items():
            g, p = self.gold[level], self.predicted[level]
            out[level] = sum(_f1(g, p, c) for c in classes) / len(classes)
        out["link"] = _f1(self.gold["attachment"], self.predicted["attachment"], True)
        return out


LEVELS: dict[str, tuple] = {
    "cc": (True, False),
    "role": ("pro", "opp"),
    "function": ("cc", "support", "attack"),
    "attachment": (True, False),
}
