"""Reports on argument maps: one self-contained HTML page, or Markdown with SVG files.

>>> from argmap.report import build_report, write_report
>>> report = build_report(maps, title="Korea-China technology cooperation")
>>> write_report(report, "report.html")          # or "report.md"

A report shows the sources (linked only when their URL is http/https), the
merged map with its points of tension emphasised, the ranked tension table
with quotes, each source's own map and an index of every claim with the
sources that state it.  The same maps always give the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from argmap.report.build import (
    ClaimEntry,
    ClaimRef,
    Diagram,
    QuoteEntry,
    Report,
    SourceEntry,
    TensionRow,
    build_report,
)

__all__ = [
    "FORMATS",
    "ClaimEntry",
    "ClaimRef",
    "Diagram",
    "QuoteEntry",
    "Report",
    "SourceEntry",
    "TensionRow",
    "build_report",
    "report_files",
    "report_format",
    "write_report",
]

#: Output extensions and the format each one means.
FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


def report_format(path) -> str:
    """``"html"`` or ``"markdown"`` by *path*'s extension (ArgmapError otherwise)."""
    from argmap.diagnostics import ArgmapError
    from argmap.fileio import is_stdout

    if is_stdout(path):  # the one-file format
        return "html"
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ArgmapError(
            f"{path}: cannot tell the report format from {suffix or 'no extension'!r} "
            "(fix: name the output report.html or report.md)"
        )
    return FORMATS[suffix]


def report_files(report: Report, path) -> dict[Path, str]:
    """Every file the report at *path* consists of, with its text.

    HTML is one file.  Markdown is the ``.md`` file plus one SVG per diagram
    beside it (``<stem>-merged.svg``, ``<stem>-<map-id>.svg``).
    """
    path = Path(path)
    if report_format(path) == "html":
        return {path: report.to_html()}
    from argmap.render import render_svg
    from argmap.report.markdown import svg_file_names

    names = svg_file_names(report, path.stem)
    files = {path: report.to_markdown(names)}
    # Standalone SVG files (with their XML prolog) rather than the embedded
    # form: they are opened on their own, as images.
    for d in [report.merged_diagram, *report.map_diagrams]:
        amap = report.merged if d is report.merged_diagram else _map(report, d.map_id)
        files[path.with_name(names[d.map_id])] = render_svg(
            amap,
            embed=False,
            emphasis=report.emphasis if amap is report.merged else None,
            styles=report.styles,
        )
    return files


def write_report(report: Report, path) -> list[Path]:
    """Write *report* to *path* (``.html`` or ``.md``); the paths written, main file first.

    Every file is rendered before any is written, and each is written
    atomically, so an error leaves no file behind and no file half-written.
    """
    from argmap.fileio import atomic_write_all

    return atomic_write_all(report_files(report, path).items())


def _map(report: Report, map_id: str):
    return next(m for m in report.maps if m.id == map_id)
