"""argmap convert: from any readable format to any writable one."""

from __future__ import annotations

import click

from argmap.cli._common import (
    emit_json,
    handle_errors,
    json_option,
    print_diagnostics,
    say,
)


@click.command()
@click.argument("source", metavar="IN", type=click.Path(exists=False))
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    metavar="OUT",
    type=click.Path(),
    help="Output file; a folder when IN holds several maps (one file per map); "
    "'-' writes one map to standard output (YAML unless --to says otherwise).",
)
@click.option(
    "--from",
    "from_fmt",
    metavar="FORMAT",
    default=None,
    help="Input format when the extension does not tell "
    "(yaml, json, aif, argdown, graphml, microtext).",
)
@click.option(
    "--to",
    "to_fmt",
    metavar="FORMAT",
    default=None,
    help="Output format when OUT's extension does not tell "
    "(yaml, json, aif, argdown, graphml, mermaid); default yaml for a folder.",
)
@json_option
@handle_errors
def command(source, output, from_fmt, to_fmt, as_json):
    """Convert maps between formats: YAML, node-link JSON, AIF JSON, Argdown,
    GraphML, Mermaid (write only) and the microtext corpus XML (read only).

    What a format cannot hold is reported as a warning with its line; the
    output is written all at once or not at all. A microtext folder (or any
    input with several maps) becomes a folder OUT with one file per map.

    \b
    Examples:
      argmap convert maps/contracts-not-declarations.yaml -o debate.argdown
      argmap convert debate.argdown -o maps/debate.yaml
      argmap convert corpus.json --from aif -o corpus.yaml
      argmap convert arg-microtexts/en --from microtext -o maps/micro/ --to yaml
    """
    from argmap.cli._common import stdout_taken

    stdout_taken(output, as_json)
    from argmap.commands.convert import convert

    result = convert(source, output, from_fmt=from_fmt, to_fmt=to_fmt)
    if as_json:
        emit_json(result.to_dict())
        return
    print_diagnostics(result.warnings)
    where = (
        result.written[0]
        if len(result.written) == 1
        else f"{output} ({len(result.written)} files)"
    )
    say(
        f"wrote {len(result.written)} map(s) as {result.to_format} to {where}"
        + (f"; {len(result.warnings)} warning(s)" if result.warnings else ""),
        err=True,
    )
