"""Rendering the maps of a workspace to files: what ``argmap render`` does.

:func:`prepare_maps` turns the loaded maps (extensions already on their
bases, as the workspace gives them) into the maps to draw: optionally
merged, focused or filtered by tag, with tensions to highlight.
:func:`plan_outputs` says where each goes (:mod:`argmap.commands.outputs`:
one file, or ``<map-id>.<ext>`` in a folder).  :func:`render_maps` renders
them all in memory and only then writes them, each atomically, so that a map
that fails to render leaves no file behind -- not even the files of the maps
before it.  :func:`render_files` is the whole operation: read, prepare,
plan (never onto an input), render, write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from argmap import render as drawing
from argmap.analysis.emphasis import tension_emphasis
from argmap.analysis.merge import merge
from argmap.commands.align import with_suggested_links
from argmap.commands.loading import Bars, Progress, input_files, load_valid, no_bars
from argmap.commands.outputs import (
    PathLike,
    in_folder,
    is_stdout,
    refuse_inputs,
    wants_folder,
)
from argmap.errors import (
    FocusNeedsOneMap,
    FormatMismatch,
    UnknownDrawingExtension,
    UnknownDrawingFormat,
    UnknownTag,
)
from argmap.fileio import atomic_write_all
from argmap.model import ArgumentMap
from argmap.render.views import Hidden, select
from argmap.workspace import Workspace

__all__ = [
    "Job",
    "RenderResult",
    "Written",
    "plan_outputs",
    "prepare_maps",
    "render_files",
    "render_maps",
    "render_workspace",
]


@dataclass
class Job:
    """One map to draw and how to emphasise it."""

    amap: ArgumentMap
    emphasis: dict[str, str] = field(default_factory=dict)
    #: Maps by id, for the text of claims this map names in other maps.
    others: dict[str, ArgumentMap] = field(default_factory=dict)
    #: What a view (levels, focus, tags) left out, to be marked in the drawing.
    hidden: Hidden = field(default_factory=Hidden)


@dataclass(frozen=True)
class Written:
    path: str
    map: str
    format: str
    claims: int
    relations: int
    bytes: int
    #: The layout budget it was drawn with (:mod:`argmap.render.budget`).
    layout: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class RenderResult:
    """What :func:`render_files` wrote, and every file it read (to watch them)."""

    written: list[Written]
    inputs: list[Path]


def prepare_maps(
    maps: Iterable[ArgumentMap],
    everything: Mapping[str, ArgumentMap] | None = None,
    *,
    merged: bool = False,
    focus: str | None = None,
    depth: int = 2,
    tags: Iterable[str] = (),
    highlight_tensions: bool = False,
    levels: int | None = None,
) -> list[Job]:
    """The maps to draw, in order.

    *maps* are drawn as given: an extension should already be its effective
    map (:attr:`argmap.workspace.Workspace.maps` holds them so).
    *everything* (maps by id) gives the text of claims the maps name in other
    maps.  Tensions are found on the whole map before a view cuts it down.
    *levels*, *focus* (with *depth*) and *tags* select what to draw
    (:func:`argmap.render.views.select`); what they hide is marked.
    """
    everything = dict(everything or {})
    amaps = list(maps)
    if merged:
        amaps = [merge(amaps)]
    if focus is not None and len(amaps) != 1:
        raise FocusNeedsOneMap(len(amaps))
    jobs = []
    tags = list(tags)
    for amap in amaps:
        emphasis = tension_emphasis(amap) if highlight_tensions else {}
        if (
            tags
            and len(amaps) > 1
            and not any(set(tags) & set(c.tags) for c in amap.claims.values())
        ):
            continue  # of several maps, draw those that have the tag
        view = select(amap, levels=levels, focus=focus, depth=depth, tags=tags)
        jobs.append(Job(view.map, emphasis, everything, view.hidden))
    if not jobs:
        raise UnknownTag(tags)
    return jobs


def plan_outputs(
    jobs: list[Job], output: PathLike, fmt: str | None = None
) -> list[tuple[Path, str]]:
    """(path, format) for each job: one file, or ``<map-id>.<ext>`` in a folder."""
    if fmt is not None and fmt not in drawing.OUTPUT_FORMATS:
        raise UnknownDrawingFormat(fmt, drawing.OUTPUT_FORMATS)
    if is_stdout(output):
        wants_folder(output, len(jobs))  # several: StdoutNeedsOneOutput
        return [(Path(output), drawing.format_for_path(output, fmt))]
    if wants_folder(output, len(jobs)):
        ext = fmt or "svg"
        ids = [job.amap.id for job in jobs]
        paths = in_folder(output, ids, f".{ext}", [job.amap.path for job in jobs])
        return [(p, ext) for p in paths]
    by_extension = None
    if Path(output).suffix:
        try:
            by_extension = drawing.format_for_path(output)
        except UnknownDrawingExtension:
            by_extension = None
    if fmt and by_extension and fmt != by_extension:
        raise FormatMismatch(str(output), by_extension, fmt)
    return [(Path(output), drawing.format_for_path(output, fmt))]


def render_maps(
    jobs: list[Job],
    output: PathLike,
    fmt: str | None = None,
    *,
    direction: str = "BT",
    legend: bool = True,
    embed: bool = False,
    backend: str = "auto",
    id_prefix: str | None = None,
    layout_from: PathLike | None = None,
    keep_layout: bool = False,
    layout_budget: str = "auto",
    graph_attrs: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    explain: Callable[[str, str], None] | None = None,
) -> list[Written]:
    """Render every job in memory, then write them all, or none when one cannot be written.

    *id_prefix* prefixes the SVG ids (see :func:`argmap.render.render_svg`);
    of several maps, each gets ``<id_prefix>-<map-id>``.  *layout_from* (an
    SVG argmap wrote, or a folder of ``<map-id>.svg``) keeps the claims it
    draws in place; *keep_layout* pins each map to the SVG it is about to
    replace, when there is one (``--watch``).  *layout_budget* (``auto``
    or a tier) and *graph_attrs* (Graphviz graph attributes, set last)
    choose the Graphviz settings (:func:`argmap.render.budget.choose_budget`);
    *explain* is called as ``explain(map_id, description)`` with each map's.
    *progress* is called as ``progress(maps_rendered, maps)`` after each map.
    """
    from argmap.render.budget import choose_budget

    planned = plan_outputs(jobs, output, fmt)
    rendered = []
    for job, (path, out_fmt) in zip(jobs, planned):
        layout = _layout_for(job, path, out_fmt, layout_from, keep_layout)
        budget = choose_budget(
            job.amap, layout_budget, graph_attrs, overview=bool(job.hidden.branches)
        )
        if explain is not None:
            explain(
                job.amap.id,
                "layout pinned to the earlier render"
                if layout is not None
                else budget.describe(),
            )
        data = drawing.render_to_bytes(
            job.amap,
            out_fmt,
            embed=embed,
            direction=direction,
            legend=legend,
            emphasis=job.emphasis,
            backend=backend,
            others=job.others,
            id_prefix=(
                f"{id_prefix}-{job.amap.id}"
                if id_prefix and len(jobs) > 1
                else id_prefix
            ),
            layout_from=layout,
            hidden=job.hidden,
            budget=budget,
        )
        rendered.append((job, path, out_fmt, data, budget.tier))
        if progress is not None:
            progress(len(rendered), len(jobs))
    atomic_write_all((path, data) for _, path, _, data, _ in rendered)
    return [
        Written(
            str(path),
            job.amap.id,
            out_fmt,
            len(job.amap.claims),
            len(job.amap.relations),
            len(data),
            tier,
        )
        for job, path, out_fmt, data, tier in rendered
    ]


def _layout_for(
    job: Job,
    path: Path,
    out_fmt: str,
    layout_from: PathLike | None,
    keep_layout: bool,
) -> dict[str, tuple[float, float]] | None:
    """The claim positions to pin *job* to, if any (see :func:`render_maps`)."""
    from argmap.diagnostics import ArgmapError
    from argmap.render.pinning import read_layout

    if layout_from is not None:
        source = Path(layout_from)
        if source.is_dir():
            source = source / f"{job.amap.id}.svg"
            if not source.exists():
                return None
        return read_layout(source)
    if keep_layout and out_fmt == "svg" and path.is_file():
        try:
            return read_layout(path)
        except ArgmapError:
            return None  # not a render of ours: lay out afresh
    return None


def render_workspace(
    ws: Workspace,
    output: PathLike,
    *,
    out_format: str | None = None,
    direction: str = "BT",
    legend: bool = True,
    backend: str = "auto",
    embed: bool = False,
    highlight_tensions: bool = False,
    focus: str | None = None,
    depth: int = 2,
    tags: Iterable[str] = (),
    merged: bool = False,
    suggestions: bool = True,
    id_prefix: str | None = None,
    layout_from: PathLike | None = None,
    keep_layout: bool = False,
    levels: int | None = None,
    layout_budget: str = "auto",
    graph_attrs: Mapping[str, str] | None = None,
    explain: Callable[[str, str], None] | None = None,
    bars: Bars = no_bars,
) -> list[Written]:
    """Draw the maps of *ws* to *output* (see :func:`render_files`).

    A merged drawing with its tensions highlighted takes into account the
    links ``argmap align`` suggests (drawn dotted and labelled "suggested"),
    unless *suggestions* is off.
    """
    maps = list(ws.maps.values())
    if merged and highlight_tensions and suggestions:
        maps = with_suggested_links(maps, bars=bars)
    jobs = prepare_maps(
        maps,
        ws.all_maps(),
        merged=merged,
        focus=focus,
        depth=depth,
        tags=tags,
        highlight_tensions=highlight_tensions,
        levels=levels,
    )
    out_fmt = out_format.lower() if out_format else None
    refuse_inputs(
        [path for path, _ in plan_outputs(jobs, output, out_fmt)], input_files(ws)
    )
    with bars("rendering") as progress:
        return render_maps(
            jobs,
            output,
            out_fmt,
            direction=direction.upper(),
            legend=legend,
            embed=embed,
            backend=backend,
            id_prefix=id_prefix,
            layout_from=layout_from,
            keep_layout=keep_layout,
            layout_budget=layout_budget,
            graph_attrs=graph_attrs,
            explain=explain,
            progress=progress,
        )


def render_files(
    paths: Iterable[PathLike],
    output: PathLike,
    *,
    fmt: str | None = None,
    bars: Bars = no_bars,
    **options: Any,
) -> RenderResult:
    """Read the maps under *paths* and draw them to *output*: ``argmap render``.

    *fmt* is the input format; *options* are those of
    :func:`render_workspace` (``out_format``, ``direction``, ``legend``,
    ``backend``, ``embed``, ``highlight_tensions``, ``focus``, ``depth``,
    ``tags``, ``merged``, ``suggestions``, ``id_prefix``, ``layout_from``,
    ``keep_layout``, ``levels``, ``layout_budget``, ``graph_attrs``,
    ``explain``).  One map (or ``merged=True``) goes to the file
    *output*, several to ``<map-id>.<ext>`` in the folder *output*.  Every
    map is rendered before anything is written, nothing is written over an
    input, and each file is replaced atomically.
    """
    ws = load_valid(paths, fmt, bars=bars)
    written = render_workspace(ws, output, bars=bars, **options)
    return RenderResult(written, input_files(ws))
