"""argmap merge: one map of several sources, with provenance."""

from __future__ import annotations

import click

from argmap.cli._common import (
    emit_json,
    format_option,
    handle_errors,
    json_option,
    paths_argument,
    print_diagnostics,
    progress_bar,
    say,
    score_in_unit_range,
)


def _map_id(ctx, param, value):
    from argmap.ids import is_id

    if not is_id(value):
        raise click.BadParameter(
            f"{value!r} is not a valid map id; use letters, digits, '.', '_', '-'"
        )
    return value


@click.command()
@paths_argument
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="File to write; the format follows the extension (.yaml for a map file); "
    "'-' writes YAML to standard output.",
)
@click.option(
    "--id",
    "map_id",
    default="merged",
    show_default=True,
    callback=_map_id,
    help="Id of the merged map.",
)
@click.option(
    "--title", default=None, help="Title of the merged map (default: the maps merged)."
)
@click.option(
    "--auto",
    "auto",
    type=float,
    default=None,
    metavar="SCORE",
    callback=score_in_unit_range,
    help="Also join claims of different maps whose `argmap match` score (0..1) is at "
    "least SCORE, each with its best partner. Off unless given.",
)
@format_option
@json_option
@handle_errors
def command(paths, output, map_id, title, auto, fmt, as_json):
    """Merge the maps of several sources into one map with provenance.

    Claims linked by same_as (across any number of maps) become one claim
    that lists every source stating it; the same relation from several
    sources becomes one relation listing who asserts it. Merged maps can be
    merged again. Nothing is joined by guesswork unless --auto is given
    (see `argmap match` for suggestions to review instead).

    \b
    Examples:
      argmap merge maps/ -o merged.yaml
      argmap merge maps/a.yaml maps/b.yaml -o ab.yaml --id ab --title "A and B"
      argmap merge maps/ -o merged.yaml --auto 0.8 --json
    """
    from argmap.cli._common import stdout_taken

    stdout_taken(output, as_json)
    from argmap.cli.errors import diagnostics_for_cli
    from argmap.commands.merge import merge_files

    result = merge_files(
        paths,
        output,
        map_id=map_id,
        title=title,
        auto_match=auto,
        fmt=fmt,
        bars=progress_bar,
    )
    warnings = diagnostics_for_cli(result.diagnostics, "merge")
    summary = result.summary()
    if as_json:
        emit_json(
            {
                "output": str(output),
                **summary,
                "warnings": [d.to_dict() for d in warnings],
            }
        )
        return
    print_diagnostics(warnings)
    say(
        f"{summary['maps']} map{'s' if summary['maps'] != 1 else ''} → "
        f"{summary['claims']} claims, {summary['relations']} relations; "
        f"{summary['shared_claims']} claim{'s' if summary['shared_claims'] != 1 else ''} "
        f"stated by several sources → {output}",
        err=True,
    )
