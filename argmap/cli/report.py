"""argmap report: a self-contained HTML page, or Markdown with SVG files."""

from __future__ import annotations

import click

from argmap.cli._common import (
    emit_json,
    format_option,
    handle_errors,
    json_option,
    paths_argument,
    progress_bar,
    say,
    suggestions_option,
)


@click.command()
@paths_argument
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="OUT",
    help="report.html (one self-contained page) or report.md (plus SVG files beside it); "
    "'-' writes the HTML page to standard output.",
)
@click.option(
    "--title",
    default=None,
    help="Report title (default: the map's title, or 'Where N sources disagree').",
)
@click.option(
    "--mermaid",
    is_flag=True,
    help="Markdown only: add the merged map as a Mermaid block.",
)
@suggestions_option
@format_option
@json_option
@handle_errors
def command(paths, output, title, mermaid, suggestions, fmt, as_json):
    """Write a report: sources, merged map, ranked tensions, each source's map, claim index.

    PATHS are map files or folders. Several maps are merged first. The HTML
    report is one file that needs no network access (inline CSS and SVG);
    clicking a tension outlines its claims in the merged map. The Markdown
    report writes OUT's SVG diagrams beside it (STEM-merged.svg,
    STEM-MAP-ID.svg). Nothing is written when a map has an error.

    \b
    Examples:
      argmap report maps/ -o renders/report.html
      argmap report maps/a.yaml maps/b.yaml -o report.md --title "Who is right?"
    """
    from argmap.cli._common import stdout_taken

    stdout_taken(output, as_json)
    from argmap.cli._common import load_for_command, note_unanalysed_maps
    from argmap.commands.report import report_on_workspace
    from argmap.report import report_format

    report_format(output)  # a bad extension fails before any work
    workspace = load_for_command(paths, fmt)
    note_unanalysed_maps(workspace, "report")
    run = report_on_workspace(
        workspace,
        output,
        title=title,
        mermaid=mermaid,
        suggestions=suggestions,
        bars=progress_bar,
    )
    report, written, kind = run.report, run.written, run.format
    notes = []
    if mermaid and kind != "markdown":
        notes.append("--mermaid applies to Markdown reports only; ignored for HTML")
    if as_json:
        emit_json(
            {
                "output": str(written[0]),
                "files": [str(p) for p in written],
                "format": kind,
                "title": report.title,
                "maps": [m.id for m in report.maps],
                "claims": len(report.merged.claims),
                "tensions": len(report.tensions),
                "notes": notes,
            }
        )
    else:
        for note in notes:
            say(f"argmap: note: {note}", err=True)
        extra = f" (+{len(written) - 1} SVG files)" if len(written) > 1 else ""
        say(
            f"wrote {written[0]}{extra}: {report.source_count} source(s), "
            f"{len(report.merged.claims)} claims, {len(report.tensions)} tension(s)",
            err=True,
        )
