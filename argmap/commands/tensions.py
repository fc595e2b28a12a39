"""Ranking the points of tension of the maps under some paths: ``argmap tensions``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from argmap.analysis.merge import merge_or_single
from argmap.analysis.tensions import Tension, find_tensions
from argmap.commands.align import with_suggested_links
from argmap.commands.loading import Bars, load_valid, no_bars
from argmap.commands.outputs import PathLike
from argmap.model import ArgumentMap
from argmap.workspace import Workspace

__all__ = ["TensionsRun", "tensions_in_files", "tensions_in_workspace"]


@dataclass
class TensionsRun:
    """The map analysed (the maps merged, or the one map) and its tensions, ranked."""

    map: ArgumentMap
    tensions: list[Tension]


def tensions_in_workspace(
    ws: Workspace,
    *,
    hops: int = 1,
    top: int | None = None,
    min_score: float = 0.0,
    suggestions: bool = True,
    bars: Bars = no_bars,
) -> TensionsRun:
    """The tensions of the maps of *ws*, merged first when there are several.

    *hops*, *top* and *min_score* are :func:`argmap.analysis.tensions.find_tensions`'s.
    With *suggestions* (the default) the links ``argmap align`` suggests
    between the maps are taken into account, weighted less than written
    ones (:mod:`argmap.meaning.links`); tensions resting on one say so.
    """
    maps = with_suggested_links(ws.maps.values(), suggestions=suggestions, bars=bars)
    amap = merge_or_single(maps)
    return TensionsRun(
        amap, find_tensions(amap, hops=hops, top=top, min_score=min_score)
    )


def tensions_in_files(
    paths: Iterable[PathLike],
    *,
    hops: int = 1,
    top: int | None = None,
    min_score: float = 0.0,
    suggestions: bool = True,
    fmt: str | None = None,
    bars: Bars = no_bars,
) -> TensionsRun:
    """Read the maps under *paths* and rank their tensions (:func:`tensions_in_workspace`)."""
    ws = load_valid(paths, fmt, bars=bars)
    return tensions_in_workspace(
        ws,
        hops=hops,
        top=top,
        min_score=min_score,
        suggestions=suggestions,
        bars=bars,
    )
