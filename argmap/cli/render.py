"""argmap render: draw maps as SVG, PNG, PDF, DOT or an HTML page to explore."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from argmap.cli._common import (
    emit_json,
    format_option,
    handle_errors,
    json_option,
    paths_argument,
    print_error,
    say,
)

if TYPE_CHECKING:
    from argmap.commands.render import Written


@click.command()
@paths_argument
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="OUT",
    help="Output file, or a folder: several maps become OUT/<map-id>.<ext>; "
    "'-' writes one drawing to standard output (SVG unless --format says otherwise).",
)
@click.option(
    "--format",
    "out_format",
    type=click.Choice(["svg", "png", "pdf", "dot", "html"], case_sensitive=False),
    default=None,
    help="Output format (default: from OUT's extension, svg for a folder).",
)
@click.option(
    "--direction",
    type=click.Choice(["BT", "TB", "LR", "RL"], case_sensitive=False),
    default="BT",
    show_default=True,
    help="Layout direction; BT puts the thesis on top, supports pointing up.",
)
@click.option("--legend/--no-legend", default=True, help="Draw a legend (default: on).")
@click.option(
    "--backend",
    type=click.Choice(["auto", "wasm", "system"]),
    default="auto",
    show_default=True,
    help="Graphviz to use: the built-in wasm one (PNG and PDF are then drawn from "
    "its SVG, with the system's fonts) or the system `dot` (which draws PNG/PDF "
    "itself). auto: wasm, and system `dot` only when a PNG/PDF package is missing.",
)
@click.option(
    "--embed",
    is_flag=True,
    help="SVG for HTML pages: no XML prolog, fluid width, ids prefixed with the map id.",
)
@click.option(
    "--id-prefix",
    metavar="P",
    default=None,
    help="Prefix every SVG id with P- (made CSS-safe; several maps: P-<map-id>-), so "
    "diagrams share an HTML page without duplicate ids. Default: the map id with "
    '--embed, none otherwise; "" for none.',
)
@click.option(
    "--layout-from",
    metavar="OLD.svg",
    type=click.Path(exists=True),
    default=None,
    help="Keep every claim where this earlier render (an SVG argmap wrote; a folder: "
    "<map-id>.svg in it) drew it; new claims go near their branch. --watch does "
    "this by itself with the SVG it replaces.",
)
@click.option("--highlight-tensions", is_flag=True, help="Mark the points of tension.")
@click.option(
    "--focus",
    metavar="CLAIM",
    default=None,
    help="Draw only the claims near CLAIM (see --depth).",
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=2,
    show_default=True,
    help="With --focus: how many relations away from CLAIM to go.",
)
@click.option(
    "--tag",
    "tags",
    multiple=True,
    metavar="TAG",
    help="Draw only claims with this tag, and the claims they lead to as grey "
    "context, so the view stays connected (repeatable).",
)
@click.option(
    "--levels",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="An overview: each thesis and N levels of claims below it. "
    "Every branch left out (here and with --focus/--tag) is drawn as a box "
    '"+ 37 claims (12 attacks)" whose tooltip lists them.',
)
@click.option(
    "--layout-budget",
    type=click.Choice(["auto", "full", "capped", "straight", "two-pass"]),
    default="auto",
    show_default=True,
    help="Graphviz settings for the map's size: auto chooses by the relations "
    "beyond a spanning forest (full; capped: fewer layout iterations; straight: "
    "also straight edges; two-pass: trees laid out apart and packed, relations "
    "drawn straight). --verbose says which and why.",
)
@click.option(
    "-G",
    "--graph-attr",
    "graph_attrs",
    multiple=True,
    metavar="NAME=VALUE",
    help="A Graphviz graph attribute, set after the budget's (repeatable), "
    "e.g. -G nslimit=2 -G splines=ortho.",
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Say how each map is laid out (the layout budget and its settings).",
)
@click.option("--merged", is_flag=True, help="Merge all input maps and draw one map.")
@click.option(
    "--watch",
    is_flag=True,
    help="Keep running: render again whenever an input map changes (Ctrl-C stops).",
)
@format_option
@json_option
@handle_errors
def command(
    paths,
    output,
    out_format,
    direction,
    legend,
    backend,
    embed,
    id_prefix,
    layout_from,
    highlight_tensions,
    focus,
    depth,
    tags,
    levels,
    layout_budget,
    graph_attrs,
    verbose,
    merged,
    watch,
    fmt,
    as_json,
):
    """Draw maps with Graphviz as SVG, PNG, PDF, DOT, or a page to explore.

    PATHS are map files or folders of them. With one map (or --merged), OUT
    is a file whose extension gives the format (.svg .png .pdf .dot .html);
    .html is a self-contained page to pan, zoom, search the claims, read
    each one's details and collapse branches in a browser; with
    several maps OUT is a folder and each map is written to
    OUT/<map-id>.<ext>. Every map is rendered before anything is written,
    and each file is replaced atomically, so a failure leaves no partial
    output. Nothing but argmap is needed: PNG and PDF are drawn from the
    SVG with the system's fonts (a warning names any script no installed
    font covers); --backend system uses an installed Graphviz instead.

    \b
    Examples:
      argmap render maps/ -o renders/
      argmap render maps/contracts-not-declarations.yaml -o map.svg --legend
      argmap render maps/ --merged --highlight-tensions -o merged.svg
      argmap render maps/a.yaml --focus contracts-decide --depth 1 -o near.svg
      argmap render maps/ --merged --levels 2 -o overview.svg
      argmap render maps/ --merged -o map.html
      argmap render big/ --merged -o big.svg --verbose --layout-budget straight
      argmap render maps/a.yaml -o map.png --direction LR
    """
    from argmap.cli._common import stdout_taken

    stdout_taken(output, as_json)
    run(
        paths,
        output,
        out_format=out_format,
        direction=direction,
        legend=legend,
        backend=backend,
        embed=embed,
        id_prefix=id_prefix,
        layout_from=layout_from,
        highlight_tensions=highlight_tensions,
        focus=focus,
        depth=depth,
        tags=tags,
        levels=levels,
        merged=merged,
        layout_budget=layout_budget,
        graph_attrs=graph_attrs,
        verbose=verbose,
        watch=watch,
        fmt=fmt,
        as_json=as_json,
    )


def run(
    paths,
    output,
    *,
    out_format=None,
    direction="BT",
    legend=True,
    backend="auto",
    embed=False,
    id_prefix=None,
    layout_from=None,
    highlight_tensions=False,
    focus=None,
    depth=2,
    tags=(),
    levels=None,
    layout_budget="auto",
    graph_attrs=(),
    verbose=False,
    merged=False,
    watch=False,
    fmt=None,
    as_json=False,
    max_polls=None,
    sleep=None,
):
    """The render command; with *watch*, the loop (*max_polls*, *sleep* bound it in tests)."""
    from argmap.commands.render import render_workspace

    state: dict[str, list[str]] = {"inputs": []}
    settings = _graph_attrs(graph_attrs)

    def explain(map_id: str, description: str) -> None:
        if verbose:
            click.echo(f"argmap: {map_id}: {description}", err=True)

    def render_once() -> list[Written]:
        from argmap._gc import paused

        with paused():  # reading and drawing a map: no cycles (argmap._gc)
            return draw()

    def draw() -> list[Written]:
        from argmap.cli._common import (
            drawing_warnings,
            load_for_command,
            progress_bar,
        )
        from argmap.commands.loading import input_files

        ws = load_for_command(paths, fmt)
        state["inputs"] = [str(p) for p in input_files(ws)]
        with drawing_warnings() as drawing_notes:
            written = render_workspace(
                ws,
                output,
                out_format=out_format,
                direction=direction,
                legend=legend,
                embed=embed,
                backend=backend,
                highlight_tensions=highlight_tensions,
                focus=focus,
                depth=depth,
                tags=tags,
                merged=merged,
                levels=levels,
                id_prefix=id_prefix,
                layout_from=layout_from,
                keep_layout=watch,
                layout_budget=layout_budget,
                graph_attrs=settings,
                explain=explain,
                bars=progress_bar,
            )
        for message in drawing_notes:
            say(f"argmap: warning: {message}", err=True)
        if as_json:
            emit_json(
                {"written": [w.to_dict() for w in written], "warnings": drawing_notes}
            )
        else:
            for w in written:
                say(
                    f"wrote {w.path} ({w.map}: {w.claims} claims, "
                    f"{w.relations} relations, {w.bytes} bytes)",
                    err=True,
                )
        return written

    if not watch:
        render_once()
        return
    from argmap.render.watch import watch as watch_loop

    def watched():
        from argmap.diagnostics import ArgmapError
        from argmap.workspace import expand_paths

        try:
            files = [str(p) for p in expand_paths(paths, fmt)]
        except ArgmapError:  # a folder emptied or renamed mid-edit: keep watching
            files = []
        return sorted(set(files) | set(state["inputs"]))

    def on_error(exc):
        from argmap.diagnostics import ArgmapError

        assert isinstance(exc, ArgmapError)
        print_error(exc, "render")
        say("argmap: still watching: fix the map and save it (Ctrl-C stops)", err=True)

    say("argmap: watching for changes (Ctrl-C stops)", err=True)
    extra = {"sleep": sleep} if sleep is not None else {}
    watch_loop(render_once, watched, on_error=on_error, max_polls=max_polls, **extra)


def _graph_attrs(values) -> dict[str, str]:
    """``-G NAME=VALUE`` options as a dict; a value without ``=`` is a usage error."""
    found: dict[str, str] = {}
    for value in values:
        name, equals, setting = value.partition("=")
        if not equals or not name.strip():
            raise click.BadParameter(
                f"{value!r} is not NAME=VALUE, e.g. -G nslimit=2",
                param_hint="-G/--graph-attr",
            )
        found[name.strip()] = setting.strip()
    return found
