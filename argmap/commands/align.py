"""Suggesting links between claims of different maps: ``argmap align``, and the suggestions analyses use.

:func:`suggestions_for` is the one place where an operation computes the
suggestions it analyses with (``tensions``, ``report``, ``render
--merged --highlight-tensions``): once per run, over the maps of the run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from argmap.commands.loading import Bars, load_valid, no_bars
from argmap.commands.outputs import PathLike
from argmap.meaning.align import Suggestion, align
from argmap.model import ArgumentMap
from argmap.workspace import Workspace

__all__ = [
    "ANALYSIS_MIN_SCORE",
    "AlignRun",
    "align_files",
    "align_workspace",
    "suggestions_for",
    "with_suggested_links",
]

#: Suggestions scoring less than this are not used by analyses.
ANALYSIS_MIN_SCORE = 0.5


@dataclass
class AlignRun:
    """The suggestions, best first, and how many maps were compared."""

    suggestions: list[Suggestion]
    maps: int


def align_workspace(
    ws: Workspace,
    *,
    min_score: float = 0.5,
    top: int | None = None,
    per_claim: int = 3,
    bars: Bars = no_bars,
) -> AlignRun:
    """Suggested links between the claims of the maps of *ws* (:func:`argmap.meaning.align.align`)."""
    maps = list(ws.maps.values())
    with bars("aligning") as progress:
        found = align(
            maps,
            per_claim=per_claim,
            min_score=min_score,
            top=top,
            progress=(lambda stage, done, total: progress(done, total))
            if progress
            else None,
        )
    return AlignRun(found, len(maps))


def align_files(
    paths: Iterable[PathLike],
    *,
    min_score: float = 0.5,
    top: int | None = None,
    per_claim: int = 3,
    fmt: str | None = None,
    bars: Bars = no_bars,
) -> AlignRun:
    """Read the maps under *paths* and suggest links between them (:func:`align_workspace`)."""
    ws = load_valid(paths, fmt, bars=bars)
    return align_workspace(
        ws, min_score=min_score, top=top, per_claim=per_claim, bars=bars
    )


def suggestions_for(
    maps: Iterable[ArgumentMap], *, bars: Bars = no_bars
) -> list[Suggestion]:
    """The suggestions an analysis of *maps* uses (none for fewer than two maps)."""
    maps = list(maps)
    if len(maps) < 2:
        return []
    with bars("aligning") as progress:
        return align(
            maps,
            min_score=ANALYSIS_MIN_SCORE,
            progress=(lambda stage, done, total: progress(done, total))
            if progress
            else None,
        )


def with_suggested_links(
    maps: Iterable[ArgumentMap], *, suggestions: bool = True, bars: Bars = no_bars
) -> list[ArgumentMap]:
    """*maps*, with align's suggested relations added when *suggestions* is on.

    See :mod:`argmap.meaning.links` for their weight and what is left out.
    """
    maps = list(maps)
    if not suggestions:
        return maps
    from argmap.meaning.links import with_suggestions

    return with_suggestions(maps, suggestions_for(maps, bars=bars))
