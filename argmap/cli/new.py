"""argmap new: scaffold a map file whose comments teach the format."""

from __future__ import annotations

import click

from argmap.cli._common import emit_json, handle_errors, json_option, say


@click.command()
@click.argument("title")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="File to write (default: ID.yaml in the current folder); "
    "'-' writes it to standard output.",
)
@click.option(
    "--id", "map_id", default=None, help="Map id (default: made from the title)."
)
@click.option(
    "--extends",
    "base",
    metavar="BASE",
    default=None,
    help="Write a participant's map that extends BASE (a map file, or a map id beside the new file).",
)
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@json_option
@handle_errors
def command(title, output, map_id, base, force, as_json):
    """Start a new map file whose comments explain the format.

    The map id is made from TITLE unless --id is given. The file passes
    `argmap check` as written; replace its example claims with your own. With
    --extends, the file is a participant's map that adds claims to BASE
    without copying it.

    \b
    Examples:
      argmap new "Summits change the mood, contracts decide" -o maps/summits.yaml
      argmap new "Minji's objections" --id minji -o maps/seminar/minji.yaml \\
          --extends maps/contracts-not-declarations.yaml
    """
    from argmap.cli._common import stdout_taken

    stdout_taken(output, as_json)
    from argmap.scaffold import write_new_map

    path, made = write_new_map(title, output, map_id=map_id, extends=base, force=force)
    if as_json:
        emit_json(
            {
                "path": str(path),
                "id": made.id,
                "extends": made.extends,
                "schema": made.schema_file,
            }
        )
    elif str(path) == "-":
        say(f"wrote the map {made.id} to standard output", err=True)
    else:
        also = (
            f" and {made.schema_file} (the JSON Schema, for editors)"
            if made.schema_file
            else ""
        )
        say(
            f"wrote {path} (map {made.id}){also}; edit it, then: argmap check {path}",
            err=True,
        )
