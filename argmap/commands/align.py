"""Suggesting links between claims of different maps: ``argmap align``, and the suggestions analyses use.

:func:`suggestions_for` is the one place where an operation computes the
suggestions it analyses with (``tensions``, ``report``, ``render
--merged --highlight-tensions``): once per run, over the maps of the run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.commands.loading import Bars, input_files, load_valid, no_bars
from argmap.commands.outputs import PathLike, refuse_inputs
from argmap.errors import WrongOutputSuffix
from argmap.fileio import is_stdout, real_path
from argmap.model import ArgumentMap
from argmap.workspace import Workspace

if TYPE_CHECKING:  # align brings NumPy and the model: imported when a run aligns
    from argmap.meaning.align import Suggestion

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
    """The suggestions, best first, and how many maps were compared.

    With a links file: the file written, the suggestions added to it, and
    the links it now lists as rejected because the person deleted them.
    """

    suggestions: list[Suggestion]
    maps: int
    links_file: Path | None = None
    added: list[Suggestion] = field(default_factory=list)
    newly_rejected: list[str] = field(default_factory=list)


def align_workspace(
    ws: Workspace,
    *,
    min_score: float = 0.5,
    top: int | None = None,
    per_claim: int = 3,
    output: PathLike | None = None,
    bars: Bars = no_bars,
) -> AlignRun:
    """Suggested links between the claims of the maps of *ws* (:func:`argmap.meaning.align.align`).

    With *output*, the links file there is written, or updated when it
    exists (:func:`argmap.meaning.links.update_links`): WrongOutputSuffix
    when its name does not end in .yaml or .yml ('-' is standard output),
    NotALinksFile when it is a map with claims; it may be one of the inputs (it is the file
    the run updates), no other input is ever written over.
    """
    from argmap.meaning.align import align

    maps = list(ws.maps.values())
    previous: ArgumentMap | None = None
    target = Path(output) if output is not None else None
    # Every command reads a links file by its extension: under another name
    # the YAML written would be read as JSON, or not at all.
    if (
        target is not None
        and not is_stdout(target)
        and target.suffix.lower() not in (".yaml", ".yml")
    ):
        raise WrongOutputSuffix(
            str(target), (".yaml", ".yml"), "a links file is a YAML file"
        )
    if target is not None:
        previous = _previous_links(target)
        real = real_path(target)
        others = [p for p in input_files(ws) if real_path(p) != real]
        refuse_inputs([target], others)
        if previous is not None:
            # the file as read now, whether or not it was named as an input
            maps = [m for m in maps if m.id != previous.id] + [previous]
    with bars("aligning") as progress:
        found = align(
            maps,
            per_claim=per_claim,
            min_score=min_score,
            progress=(lambda stage, done, total: progress(done, total))
            if progress
            else None,
        )
    run = AlignRun(found[:top] if top is not None else found, len(maps))
    if target is not None:
        from argmap.fileio import atomic_write
        from argmap.meaning.links import links_text, update_links

        links, added, newly = update_links(
            previous, found, title="Links suggested by argmap align"
        )
        atomic_write(target, links_text(links))
        run.links_file, run.added, run.newly_rejected = target, added, newly
    return run


def _previous_links(path: Path) -> ArgumentMap | None:
    """The links file at *path* as a person left it; None when there is none."""
    if not path.exists():
        return None
    from argmap import readwrite
    from argmap.errors import NotALinksFile

    amap = readwrite.read(path)[0]
    if amap.claims:
        raise NotALinksFile(str(path), amap.id)
    return amap


def align_files(
    paths: Iterable[PathLike],
    *,
    min_score: float = 0.5,
    top: int | None = None,
    per_claim: int = 3,
    output: PathLike | None = None,
    fmt: str | None = None,
    bars: Bars = no_bars,
) -> AlignRun:
    """Read the maps under *paths* and suggest links between them (:func:`align_workspace`)."""
    if output is not None:
        from argmap import readwrite

        readwrite.format_for(output, writing=True)
    ws = load_valid(paths, fmt, bars=bars)
    return align_workspace(
        ws,
        min_score=min_score,
        top=top,
        per_claim=per_claim,
        output=output,
        bars=bars,
    )


def suggestions_for(
    maps: Iterable[ArgumentMap], *, bars: Bars = no_bars
) -> list[Suggestion]:
    """The suggestions an analysis of *maps* uses (none for fewer than two maps)."""
    maps = list(maps)
    if len(maps) < 2:
        return []
    from argmap.meaning.align import align

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
    """*maps* as analyses with or without suggestions read them (:mod:`argmap.meaning.links`).

    With *suggestions*: align's relation suggestions added, and every
    suggested relation (links files' too) at half its weight.  Without:
    the suggested relations and ``same_as`` links of links files left out.
    """
    from argmap.meaning.links import (
        discount_suggested,
        with_suggestions,
        without_suggested,
    )

    maps = list(maps)
    if not suggestions:
        return without_suggested(maps)
    return discount_suggested(with_suggestions(maps, suggestions_for(maps, bars=bars)))
