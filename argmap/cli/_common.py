"""What every command shares: loading inputs, reporting errors, JSON output."""

from __future__ import annotations

import contextlib
import functools
import logging
import sys

import click

from argmap.diagnostics import ArgmapError, Diagnostic
from argmap.text import for_terminal, json_text

EXIT_PROBLEMS = 1


def stdout_taken(output, as_json: bool) -> None:
    """UsageError when ``-o -`` and ``--json`` would both write to standard output."""
    from argmap.fileio import is_stdout

    if as_json and is_stdout(output):
        raise click.UsageError(
            "-o - writes the output to standard output, and so would --json; "
            "use one of them"
        )


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


def suggestions_option(func):
    return click.option(
        "--suggestions/--no-suggestions",
        default=True,
        show_default=True,
        help="Take into account the links between maps that `argmap align` suggests "
        "(weighted less than written links, and marked as suggested).",
    )(func)


def terminal_text(text: str) -> str:
    r"""*text* fit to print on a terminal (:func:`argmap.text.for_terminal`).

    Newline and tab stay; map text holding a terminal escape
    (``"\x1b[2J"``, ``"\x1b]0;title\x07"``) must not drive the terminal
    it is printed on, nor a bidi override reorder the line.
    """
    return for_terminal(text)


def say(message: str, *, err: bool = False) -> None:
    """``click.echo`` for text people read: made safe to print (:func:`terminal_text`)."""
    click.echo(terminal_text(message), err=err)


def print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        click.echo(terminal_text(d.format()), err=True)


def emit_json(data) -> None:
    click.echo(json_text(data, indent=2, sort_keys=False))


def print_error(exc: ArgmapError, command: str | None) -> None:
    """Print *exc* on stderr: its diagnostics, or its message in *command*'s words."""
    if exc.diagnostics:
        print_diagnostics(exc.diagnostics)
    else:
        from argmap.cli.errors import for_cli

        message = for_cli(exc, command).message
        click.echo(terminal_text(f"argmap: error: {message}"), err=True)


def handle_errors(func):
    """Turn ArgmapError into its messages and exit 1: users never see a traceback.

    A typed error (:mod:`argmap.errors`) is worded by :func:`argmap.cli.errors.for_cli`,
    naming the option it is about.  With ``--json`` the failure is also
    printed on stdout as JSON (``{"ok": false, "error": ..., "option": ...,
    "problems": [...]}``), so that a script reading stdout always gets JSON.
    """

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ArgmapError as exc:
            ctx = click.get_current_context()
            if kwargs.get("as_json"):
                from argmap.cli.errors import for_cli

                shown = for_cli(exc, ctx.info_name)
                failure = {
                    "ok": False,
                    "error": shown.message,
                    "errors": sum(d.is_error for d in exc.diagnostics) or 1,
                    "warnings": sum(d.is_warning for d in exc.diagnostics),
                    "problems": [d.to_dict() for d in exc.diagnostics],
                }
                if shown.option:
                    failure["option"] = shown.option
                emit_json(failure)
            print_error(exc, ctx.info_name)
            if exc.diagnostics:
                errors = sum(d.is_error for d in exc.diagnostics)
                # Only commands that write files promise that none was written.
                writes = "output" in ctx.params
                tail = "; nothing was written" if writes else ""
                click.echo(f"argmap: {errors} error(s){tail}", err=True)
            sys.exit(EXIT_PROBLEMS)
        except KeyboardInterrupt:
            click.echo("argmap: interrupted", err=True)
            sys.exit(130)

    return wrapper


#: Below this many items a progress bar would only flicker.
PROGRESS_FROM = 20


@contextlib.contextmanager
def progress_bar(label: str):
    """A ``progress(done, total)`` callback drawing a bar on a terminal.

    The bar goes to stderr, only when stderr is a terminal and the work has
    at least :data:`PROGRESS_FROM` items, and disappears when done; pipes,
    files and CI logs see nothing, so output stays the same bytes.
    """
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    bar = Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = None

    def update(done: int, total: int) -> None:
        nonlocal task
        if total < PROGRESS_FROM:
            return
        if task is None:
            bar.start()
            task = bar.add_task(label, total=total)
        bar.update(task, completed=done, total=total)  # a new stage, a new total

    try:
        yield update
    finally:
        if task is not None:
            bar.stop()


@contextlib.contextmanager
def drawing_warnings():
    """Collect what drawing PNG/PDF warns about (fonts missing for a script,
    a PDF drawn as an image) into the yielded list, each message once, in order;
    the caller prints them (``argmap: warning: ...``) and puts them in its JSON."""
    import warnings

    from argmap.render.export import PdfImageWarning
    from argmap.render.fonts import FontWarning

    categories = (FontWarning, PdfImageWarning)
    messages: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        for category in categories:
            warnings.simplefilter("always", category)
        try:
            yield messages
        finally:
            for w in caught:
                if issubclass(w.category, categories):
                    if str(w.message) not in messages:
                        messages.append(str(w.message))
                else:
                    warnings.showwarning(
                        w.message, w.category, w.filename, w.lineno, w.file, w.line
                    )


def load_for_command(paths, fmt=None):
    """The workspace for a command that needs valid maps; errors stop it, notes are shown.

    (Warnings are ``argmap check``'s to show; notes say what was skipped.)
    """
    from argmap.commands.loading import load_valid

    return load_valid(paths, fmt, bars=progress_bar)


class _NoteHandler(logging.Handler):
    """Prints the library's notes (``argmap`` logger, INFO) on stderr, made safe."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(terminal_text(record.getMessage()), err=True)


def show_notes() -> None:
    """Show what the library notes (files skipped in a folder) on stderr, once."""
    logger = logging.getLogger("argmap")
    if not any(isinstance(h, _NoteHandler) for h in logger.handlers):
        logger.addHandler(_NoteHandler(logging.INFO))
        logger.setLevel(logging.INFO)
        logger.propagate = False


def score_in_unit_range(ctx, param, value):
    """Click callback for scores: a number from 0 to 1 (NaN refused too)."""
    if value is not None and not 0.0 <= value <= 1.0:
        raise click.BadParameter("write a score between 0 and 1, e.g. 0.5")
    return value


def note_unanalysed_maps(ws, command: str) -> None:
    """Tell the user when references reached maps that were read but not analysed.

    A map that names claims of another map is checked against that map when
    it lies beside it, but an analysis of the one file sees those claims only
    as references; the combined picture needs both files.
    """
    from argmap.commands.loading import unanalysed_maps

    unanalysed = {m.id: m for m in unanalysed_maps(ws)}
    if not unanalysed:
        return
    named = " ".join(str(m.path) for m in ws.maps.values() if m.path)
    extra = " ".join(str(m.path) for m in unanalysed.values() if m.path)
    click.echo(
        terminal_text(
            f"note: {', '.join(sorted(unanalysed))} (found beside the input) is referred to but not "
            f"analysed; to analyse the maps together: argmap {command} {named} {extra}"
        ),
        err=True,
    )


#: Width of tables when output goes to a pipe or file and COLUMNS is not set:
#: wide enough that map and claim ids are not broken across lines.
PIPE_WIDTH = 120


def console(**options):
    """A rich Console for stdout tables: terminal width on a terminal, else COLUMNS or PIPE_WIDTH."""
    import os

    from rich.console import Console

    if not sys.stdout.isatty() and "width" not in options:
        options["width"] = int(os.environ.get("COLUMNS") or PIPE_WIDTH)
    return Console(highlight=False, **options)
