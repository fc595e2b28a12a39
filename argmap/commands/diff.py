"""Comparing two maps read from files: what ``argmap diff`` does.

:func:`load_pair` reads the two maps to compare (or one extension and the
base it extends); :func:`diff_files` compares them
(:func:`argmap.analysis.diff.diff`) and, when asked, draws the combined map
with what was added and removed marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from argmap.analysis.diff import MapDiff, combined_map, diff
from argmap.commands.outputs import PathLike, refuse_inputs
from argmap.diagnostics import ArgmapError
from argmap.errors import NotAnExtension
from argmap.extensions import effective_map, find_base
from argmap.model import ArgumentMap
from argmap.render import format_for_path, render
from argmap.workspace import Workspace, load_workspace

__all__ = ["DiffRun", "diff_files", "load_pair"]


@dataclass
class DiffRun:
    """The comparison, and the drawing written (None when none was asked for)."""

    result: MapDiff
    drawing: Path | None = None


def load_pair(
    base_path: PathLike, other_path: PathLike | None = None, fmt: str | None = None
) -> tuple[ArgumentMap, ArgumentMap]:
    """The two maps ``argmap diff`` compares, read from files.

    With two paths: the map in each (an extension as its effective map).
    With *other_path* None: *base_path* holds an extension, compared with
    the map it extends (found as :func:`argmap.workspace.load_workspace`
    finds it; an extended base is taken as its own effective map).  Each
    file must hold one map; ArgmapError (or MapError with every problem)
    when a map is missing or has errors, NotAnExtension when the one map
    extends nothing.
    """
    if other_path is None:
        ws, map_id = _load_one(base_path, fmt, "the map")
        written = ws.written[map_id]
        if not written.extends:
            raise NotAnExtension(str(base_path), map_id)
        everything = {**ws.helpers, **ws.written}
        base = find_base(written, everything)
        if base is None:  # load_workspace reports a missing base as an error
            raise ArgmapError(
                f"{base_path}: the base {written.extends!r} was not found"
            )
        if base.extends:
            base = effective_map(base, everything)
        return base, ws.maps[map_id]
    ws_base, base_id = _load_one(base_path, fmt, "BASE")
    ws_other, other_id = _load_one(other_path, fmt, "OTHER")
    return ws_base.maps[base_id], ws_other.maps[other_id]


def _load_one(path: PathLike, fmt: str | None, role: str) -> tuple[Workspace, str]:
    """The workspace of the one map in *path*, and that map's id."""
    ws = load_workspace([path], fmt).raise_for_errors()
    if len(ws.maps) != 1:
        raise ArgmapError(
            f"{path}: {role} must be one map, but this holds {len(ws.maps)}; "
            "name one map file"
        )
    (map_id,) = ws.maps
    return ws, map_id


def diff_files(
    base: PathLike,
    other: PathLike | None = None,
    *,
    output: PathLike | None = None,
    fmt: str | None = None,
) -> DiffRun:
    """What the map in *other* adds to, removes from and changes in the map in *base*.

    With *other* None, *base* is an extension compared with its base (see
    :func:`load_pair`).  With *output*, the combined map is drawn there
    (format from the extension), added and removed parts emphasised; a name
    that is no drawing's fails before any map is read.
    """
    if output is not None:
        format_for_path(output)
    base_map, other_map = load_pair(base, other, fmt)
    result = diff(base_map, other_map)
    drawing = None
    if output is not None:
        read = [base, *([other] if other is not None else [])]
        refuse_inputs(
            [output], [*read, *(m.path for m in (base_map, other_map) if m.path)]
        )
        drawing = render(combined_map(result), output, emphasis=result.emphasis())
    return DiffRun(result, drawing)
