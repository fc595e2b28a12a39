"""Finding tensions: run the detectors, group, rank, cut, word.

:func:`find_tensions` builds one
:class:`~argmap.analysis.tensions.context.TensionContext` for the map, runs
the detectors (:mod:`~argmap.analysis.tensions.registry`), checks their
scores, groups and ranks what they found
(:mod:`~argmap.analysis.tensions.grouping`), keeps the best and words only
those.
"""

from __future__ import annotations

from collections.abc import Iterable

from argmap.analysis.semantics import DEFAULT_BASE
from argmap.analysis.tensions.context import TensionContext
from argmap.analysis.tensions.grouping import finish, group, rank_key
from argmap.analysis.tensions.records import Candidate, Tension
from argmap.analysis.tensions.registry import detectors
from argmap.diagnostics import ArgmapError
from argmap.model import ArgumentMap

__all__ = ["find_tensions"]


def find_tensions(
    amap: ArgumentMap,
    *,
    hops: int = 1,
    top: int | None = None,
    min_score: float = 0.0,
    base: float = DEFAULT_BASE,
    only: Iterable[str] | None = None,
) -> list[Tension]:
    """The points of tension of *amap*, ranked (see :mod:`argmap.analysis.tensions`).

    *hops* is how many support steps the ends of a pairwise tension are
    lifted for grouping (0: exact pairs only).  *top* keeps the first N,
    *min_score* drops tensions scored below it, *only* names the detectors to
    run (default: all).  *base* is the DF-QuAD base score of every claim.
    """
    if hops < 0:
        raise ValueError("hops must be 0 or more")
    ctx = TensionContext(amap, hops=hops, base=base)
    available = detectors()
    names = list(available) if only is None else list(only)
    raw: list[Candidate] = []
    for name in names:
        if name not in available:
            raise ArgmapError(
                f"no tension detector named {name!r} (known: {', '.join(available)})"
            )
        for found in available[name](amap, ctx):
            raw.append(_candidate(ctx, name, found))
    grouped = group(ctx, raw)
    grouped.sort(key=rank_key)
    kept = [c for c in grouped if c.score >= min_score]
    if top is not None:
        kept = kept[:top]
    return [finish(ctx, c) for c in kept]


def _candidate(ctx: TensionContext, name: str, found: object) -> Candidate:
    """What detector *name* yielded, checked, as a candidate."""
    if isinstance(found, Tension):
        candidate = ctx.candidate(found)
    elif isinstance(found, Candidate):
        candidate = found
    else:
        raise ArgmapError(
            f"tension detector {name!r} yielded {type(found).__name__}, "
            "not a Tension (fix the detector: see argmap.analysis.tensions.context)"
        )
    if not 0.0 <= candidate.score <= 1.0:
        raise ArgmapError(
            f"tension detector {name!r} gave score {candidate.score!r} outside 0..1"
        )
    return candidate
