"""Merging the maps under some paths into one map file: what ``argmap merge`` does."""

from __future__ import annotations

from collections.abc import Iterable

from argmap import readwrite
from argmap.analysis.merge import MergeResult, merge_with_report
from argmap.commands.loading import Bars, input_files, load_valid, no_bars
from argmap.commands.outputs import PathLike, refuse_inputs

__all__ = ["merge_files"]


def merge_files(
    paths: Iterable[PathLike],
    output: PathLike,
    *,
    map_id: str = "merged",
    title: str | None = None,
    auto_match: float | None = None,
    fmt: str | None = None,
    bars: Bars = no_bars,
) -> MergeResult:
    """Merge the maps under *paths* (:func:`argmap.analysis.merge.merge_with_report`) and write *output*.

    The format follows *output*'s extension, which is checked before any
    map is read (UnknownExtension); *output* is never one of the maps read
    (OutputWouldOverwriteInput).  Returns the merge with its warnings.
    """
    readwrite.format_for(output, writing=True)
    ws = load_valid(paths, fmt, bars=bars)
    refuse_inputs([output], input_files(ws))
    result = merge_with_report(
        ws.maps.values(), id=map_id, title=title, auto_match=auto_match
    )
    readwrite.write(result.map, output)
    return result
