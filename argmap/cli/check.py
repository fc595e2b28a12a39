"""argmap check: validate maps."""

from __future__ import annotations

import sys

import click

from argmap.cli._common import (
    emit_json,
    format_option,
    handle_errors,
    json_option,
    paths_argument,
    print_diagnostics,
    say,
)


def _parse_sources(values) -> dict[str, str]:
    out = {}
    for value in values:
        map_id, sep, path = value.partition("=")
        if not sep or not map_id or not path:
            raise click.BadParameter(
                f"{value!r}: write MAP_ID=PATH", param_hint="--source"
            )
        out[map_id] = path
    return out


@click.command()
@paths_argument
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="MAP_ID=PATH",
    help="Verify the quotes of map MAP_ID against the article text at PATH (repeatable).",
)
@click.option(
    "--strict", is_flag=True, help="Treat warnings as errors (exit 1 on any problem)."
)
@format_option
@json_option
@handle_errors
def command(paths, sources, strict, fmt, as_json):
    """Validate maps: structure, references, cycles and (with --source) quotes.

    PATHS are map files or folders of them. Every problem is printed as
    FILE:LINE:COL: severity: message (fix: ...). Exit status 1 when there is
    an error (or, with --strict, a warning), else 0.

    \b
    Examples:
      argmap check maps/
      argmap check maps/ --source contracts-not-declarations=article.txt
    """
    from argmap.cli._common import progress_bar
    from argmap.commands.check import check_files

    result = check_files(
        paths, _parse_sources(sources), fmt, strict=strict, bars=progress_bar
    )
    if as_json:
        emit_json(result.to_dict())
    else:
        print_diagnostics(result.diagnostics)
        summary = f"{result.errors} error(s), {result.warnings} warning(s)"
        say(("FAILED: " if result.failed else "ok: ") + summary, err=True)
    sys.exit(1 if result.failed else 0)
