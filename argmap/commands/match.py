"""Suggesting claims of different maps that say the same thing: ``argmap match``.

A front over :func:`argmap.meaning.align.align`: its ``same_as``
suggestions, as :class:`argmap.analysis.match.Match` records with the
``same_as`` line to paste.  (The lexical matcher of
:func:`argmap.analysis.match.match` stays available from Python.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from argmap.analysis.match import Match
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
    """Read the maps under *paths* and suggest ``same_as`` links (align's, module docs).

    *top* is how many partners of other maps each claim is compared with.
    """
    from argmap.meaning.align import align
    from argmap.model import qualify

    ws = load_valid(paths, fmt, bars=bars)
    maps = list(ws.maps.values())
    with bars("aligning") as progress:
        found = align(
            maps,
            per_claim=top,
            min_score=min_score,
            progress=(lambda stage, done, total: progress(done, total))
            if progress
            else None,
        )
    text = {qualify(c.id, m.id): c.text for m in maps for c in m.claims.values()}
    matches = [
        Match.make(s.source, s.target, s.score, text[s.source], text[s.target])
        for s in found
        if s.kind == "same_as"
    ]
    return MatchRun(sorted(matches), len(maps))
