"""What every command shares: loading inputs, reporting errors, JSON output."""

from __future__ import annotations

import functools
import json
import sys

import click

from argmap.diagnostics import ArgmapError, Diagnostic

EXIT_PROBLEMS = 1


def paths_argument(func):
    return click.argument(
        "paths", nargs=-1, required=True, type=click.Path(exists=False)
    )(func)


def format_option(func):
    return click.option(
        "--from",
        "fmt",
        metavar="FORMAT",
        default=None,
        help="Input format, when the extension does not tell (yaml, json, argdown, aif, microtext, graphml).",
    )(func)


def json_option(func):
    return click.option(
        "--json",
        "as_json",
        is_flag=True,
        help="Print machine-readable JSON instead of text.",
    )(func)


def print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        click.echo(d.format(), err=True)


def emit_json(data) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False))


def handle_errors(func):
    """Turn ArgmapError into its messages and exit 1: users never see a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ArgmapError as exc:
            if exc.diagnostics:
                print_diagnostics(exc.diagnostics)
                errors = sum(d.is_error for d in exc.diagnostics)
                click.echo(f"argmap: {errors} error(s); nothing was written", err=True)
            else:
                click.echo(f"argmap: error: {exc}", err=True)
            sys.exit(EXIT_PROBLEMS)
        except KeyboardInterrupt:
            click.echo("argmap: interrupted", err=True)
            sys.exit(130)

    return wrapper


def load_for_command(paths, fmt=None):
    """The workspace for a command that needs valid maps; errors stop it, warnings are shown."""
    from argmap.workspace import load_workspace

    ws = load_workspace(paths, fmt)
    ws.raise_for_errors()
    return ws
