"""argmap schema: print the JSON Schema of the map format."""

from __future__ import annotations

import json

import click


@click.command()
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Accepted like every printing command's --json; the schema is JSON anyway.",
)
def command(as_json):
    """Print the JSON Schema of the map file format (version 1).

    Point your editor's YAML language server at it for validation and
    completion, e.g. `argmap schema > argmap.schema.json`.
    """
    from argmap.readwrite.document import schema

    click.echo(json.dumps(schema(), indent=2))
