"""What a diagram emphasises: claim ids and relation keys mapped to a mark.

The renderer (:func:`argmap.render.to_dot`'s ``emphasis`` option) draws three
marks: ``"tension"`` for the claims and relations of points of tension,
``"added"`` and ``"removed"`` for what a diff adds to and removes from a
map.  The analyses decide what to mark, here; the renderer only draws marks
it is given, so it never runs an analysis itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from argmap.model import ArgumentMap, Claim, Relation

if TYPE_CHECKING:
    from argmap.analysis.tensions import Tension

__all__ = [
    "ADDED",
    "CHANGED",
    "REMOVED",
    "TENSION",
    "diff_emphasis",
    "tension_emphasis",
]

TENSION = "tension"
ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"


def tension_emphasis(
    amap: ArgumentMap, tensions: Iterable[Tension] | None = None
) -> dict[str, str]:
    """What to emphasise to show *amap*'s points of tension: claim ids and
    relation keys of *amap*, each mapped to ``"tension"``.

    *tensions* defaults to :func:`argmap.analysis.tensions.find_tensions`
    of *amap*; claims and relations a tension names outside *amap* (in
    another map) are left out, since the diagram cannot mark them.
    """
    if tensions is None:
        # Loaded here, not above: `argmap diff` imports this module for its
        # marks, and the tension analysis brings NumPy (about 0.2 s).  No
        # cycle: the tensions package never imports this module.
        from argmap.analysis.tensions import find_tensions

        tensions = find_tensions(amap)
    known = set(amap.claims) | {r.key for r in amap.relations}
    emphasis: dict[str, str] = {}
    for tension in tensions:
        for key in (*tension.claims, *tension.relations):
            if key in known:
                emphasis[key] = TENSION
    return emphasis


def diff_emphasis(
    added: Iterable[Claim | Relation],
    removed: Iterable[Claim | Relation],
    changed: Iterable[Claim] = (),
) -> dict[str, str]:
    """Claim ids and relation keys marked ``"added"``, ``"removed"`` or ``"changed"``.

    Changed claims (text, role, quote or note: an override) are marked
    first, then removed ones, then added ones, so an id both removed and
    added (a claim replaced) is marked as added.
    """
    marks: dict[str, str] = {}
    for mark, items in ((CHANGED, changed), (REMOVED, removed), (ADDED, added)):
        for item in items:
            marks[item.id if isinstance(item, Claim) else item.key] = mark
    return marks
