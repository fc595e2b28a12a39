"""Figures of the maps under some paths, and of all of them merged: ``argmap stats``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from argmap.analysis.merge import merge_or_single
from argmap.analysis.stats import MapStats, stats
from argmap.commands.loading import Bars, load_valid, no_bars
from argmap.commands.outputs import PathLike

__all__ = ["StatsRun", "stats_of_files"]


@dataclass
class StatsRun:
    """The figures of each map, and of their merge when there are several."""

    maps: list[MapStats]
    merged: MapStats | None

    def to_dict(self) -> dict:
        return {
            "maps": [s.to_dict() for s in self.maps],
            "merged": self.merged.to_dict() if self.merged else None,
        }


def stats_of_files(
    paths: Iterable[PathLike], *, fmt: str | None = None, bars: Bars = no_bars
) -> StatsRun:
    """Read the maps under *paths* and count them (:func:`argmap.analysis.stats.stats`)."""
    maps = list(load_valid(paths, fmt, bars=bars).maps.values())
    merged = stats(merge_or_single(maps)) if len(maps) > 1 else None
    return StatsRun([stats(m) for m in maps], merged)
