"""Writing a report on the maps under some paths: what ``argmap report`` does."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from argmap.commands.align import with_suggested_links
from argmap.commands.loading import Bars, input_files, load_valid, no_bars
from argmap.commands.outputs import PathLike, refuse_inputs
from argmap.fileio import atomic_write_all
from argmap.report import Report, build_report, report_files, report_format
from argmap.workspace import Workspace

__all__ = ["ReportRun", "report_on_files", "report_on_workspace"]


@dataclass
class ReportRun:
    """The report, the files written (main file first) and its format."""

    report: Report
    written: list[Path]
    #: ``"html"`` or ``"markdown"``.
    format: str


def report_on_workspace(
    ws: Workspace,
    output: PathLike,
    *,
    title: str | None = None,
    mermaid: bool = False,
    suggestions: bool = True,
    bars: Bars = no_bars,
) -> ReportRun:
    """Build the report on the maps of *ws* and write it to *output* (``.html`` or ``.md``).

    *mermaid* (Markdown only) adds the merged map as a Mermaid block.  Every
    file is rendered before any is written; none is written over an input.
    With *suggestions* the links ``argmap align`` suggests between the maps
    are drawn and analysed, marked as suggested (:mod:`argmap.meaning.links`).
    """
    kind = report_format(output)
    maps = with_suggested_links(ws.maps.values(), suggestions=suggestions, bars=bars)
    report = build_report(maps, title=title, mermaid=mermaid and kind == "markdown")
    files = report_files(report, output)
    refuse_inputs(files, input_files(ws))
    return ReportRun(report, atomic_write_all(files.items()), kind)


def report_on_files(
    paths: Iterable[PathLike],
    output: PathLike,
    *,
    title: str | None = None,
    mermaid: bool = False,
    suggestions: bool = True,
    fmt: str | None = None,
    bars: Bars = no_bars,
) -> ReportRun:
    """Read the maps under *paths* and write a report on them: ``argmap report``.

    A bad *output* extension fails before any map is read.
    """
    report_format(output)
    ws = load_valid(paths, fmt, bars=bars)
    return report_on_workspace(
        ws, output, title=title, mermaid=mermaid, suggestions=suggestions, bars=bars
    )
