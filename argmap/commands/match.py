"""Suggesting claims of different maps that say the same thing: ``argmap match``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from argmap.analysis.match import Match, match
from argmap.commands.loading import Bars, load_valid, no_bars
from argmap.commands.outputs import PathLike

__all__ = ["MatchRun", "match_files"]


@dataclass
class MatchRun:
    """The suggestions, best first, and how many maps were compared."""

    matches: list[Match]
    maps: int


def match_files(
    paths: Iterable[PathLike],
    *,
    top: int = 3,
    min_score: float = 0.5,
    fmt: str | None = None,
    bars: Bars = no_bars,
) -> MatchRun:
    """Read the maps under *paths* and suggest ``same_as`` links (:func:`argmap.analysis.match.match`)."""
    ws = load_valid(paths, fmt, bars=bars)
    return MatchRun(match(ws.maps.values(), top=top, min_score=min_score), len(ws.maps))
