"""Rendering the maps of a workspace to files: what ``argmap render`` does.

:func:`prepare_maps` turns the loaded maps (extensions already on their
bases, as the workspace gives them) into the maps to draw: optionally
merged, focused or filtered by tag, with tensions to highlight.
:func:`render_maps` renders them all in memory and only then writes them,
each atomically, so that a map that fails to render leaves no file behind
-- not even the files of the maps before it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from argmap.diagnostics import ArgmapError
from argmap.model import ArgumentMap

__all__ = ["Job", "Written", "plan_outputs", "prepare_maps", "render_maps"]


@dataclass
class Job:
    """One map to draw and how to emphasise it."""

    amap: ArgumentMap
    emphasis: dict[str, str] = field(default_factory=dict)
    #: Maps by id, for the text of claims this map names in other maps.
    others: dict[str, ArgumentMap] = field(default_factory=dict)


@dataclass(frozen=True)
class Written:
    path: str
    map: str
    format: str
    claims: int
    relations: int
    bytes: int

    def to_dict(self) -> dict:
        return asdict(self)


def prepare_maps(
    maps: Iterable[ArgumentMap],
    everything: Mapping[str, ArgumentMap] | None = None,
    *,
    merged: bool = False,
    focus: str | None = None,
    depth: int = 2,
    tags: Iterable[str] = (),
    highlight_tensions: bool = False,
) -> list[Job]:
    """The maps to draw, in order.

    *maps* are drawn as given: an extension should already be its effective
    map (:attr:`argmap.workspace.Workspace.maps` holds them so).
    *everything* (maps by id) gives the text of claims the maps name in other
    maps.  Tensions are found on the whole map before a view cuts it down.
    """
    from argmap.render import tension_emphasis
    from argmap.render.views import by_tags
    from argmap.render.views import focus as focus_view

    everything = dict(everything or {})
    amaps = list(maps)
    if merged:
        from argmap.analysis.merge import merge

        amaps = [merge(amaps)]
    if focus is not None and len(amaps) != 1:
        raise ArgmapError(
            f"--focus works on one map, and {len(amaps)} were given; "
            "name one map file or add --merged"
        )
    jobs = []
    tags = list(tags)
    for amap in amaps:
        emphasis = tension_emphasis(amap) if highlight_tensions else {}
        if focus is not None:
            amap = focus_view(amap, focus, depth)
        if tags:
            if len(amaps) > 1 and not any(
                set(tags) & set(c.tags) for c in amap.claims.values()
            ):
                continue  # of several maps, draw those that have the tag
            amap = by_tags(amap, tags)
        jobs.append(Job(amap, emphasis, everything))
    if not jobs:
        raise ArgmapError(f"--tag {', '.join(tags)}: no map has a claim with that tag")
    return jobs


def _looks_like_folder(output: str) -> bool:
    return output.endswith(("/", os.sep)) or Path(output).is_dir()


def plan_outputs(
    jobs: list[Job], output, fmt: str | None = None
) -> list[tuple[Path, str]]:
    """(path, format) for each job: one file, or ``<map-id>.<ext>`` in a folder."""
    from argmap.render import OUTPUT_FORMATS, format_for_path

    output = str(output)
    if fmt is not None and fmt not in OUTPUT_FORMATS:
        raise ArgmapError(
            f"unknown format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}"
        )
    folder = _looks_like_folder(output)
    if len(jobs) > 1 and not folder:
        suffix = Path(output).suffix.lower().lstrip(".")
        if suffix or Path(output).exists():
            raise ArgmapError(
                f"-o {output}: {len(jobs)} maps need a folder (each map becomes "
                "<map-id>.<ext> in it); give a folder, or add --merged for one file"
            )
        folder = True
    if folder:
        ext = fmt or "svg"
        paths = [Path(output) / f"{job.amap.id}.{ext}" for job in jobs]
        if len(set(paths)) != len(paths):
            raise ArgmapError(
                "two maps have the same id; they would overwrite each other"
            )
        return [(p, ext) for p in paths]
    by_extension = None
    if Path(output).suffix:
        try:
            by_extension = format_for_path(output)
        except ArgmapError:
            by_extension = None
    if fmt and by_extension and fmt != by_extension:
        raise ArgmapError(
            f"-o {output}: the extension says {by_extension} but --format says {fmt}"
        )
    return [(Path(output), format_for_path(output, fmt))]


def render_maps(
    jobs: list[Job],
    output,
    fmt: str | None = None,
    *,
    direction: str = "BT",
    legend: bool = True,
    embed: bool = False,
    backend: str = "auto",
    progress: Callable[[int, int], None] | None = None,
) -> list[Written]:
    """Render every job in memory, then write them all, or none when one cannot be written.

    *progress* is called as ``progress(maps_rendered, maps)`` after each map.
    """
    from argmap.fileio import atomic_write_all
    from argmap.render import render_to_bytes

    planned = plan_outputs(jobs, output, fmt)
    rendered = []
    for job, (path, out_fmt) in zip(jobs, planned):
        data = render_to_bytes(
            job.amap,
            out_fmt,
            embed=embed,
            direction=direction,
            legend=legend,
            emphasis=job.emphasis,
            backend=backend,
            others=job.others,
        )
        rendered.append((job, path, out_fmt, data))
        if progress is not None:
            progress(len(rendered), len(jobs))
    atomic_write_all((path, data) for _, path, _, data in rendered)
    written = []
    for job, path, out_fmt, data in rendered:
        written.append(
            Written(
                str(path),
                job.amap.id,
                out_fmt,
                len(job.amap.claims),
                len(job.amap.relations),
                len(data),
            )
        )
    return written
