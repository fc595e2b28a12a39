"""The ``argmap`` command line: thin click commands over the Python API.

Each command lives in its own module here and is imported only when it runs
(or when ``--help`` lists it), so ``argmap --help`` does not pay for
networkx or the Graphviz runtime.
"""

from __future__ import annotations

import errno
import importlib
import importlib.util
import os
import sys

import click

from argmap import __version__

#: command name -> module that defines ``command``; the order is --help's.
COMMANDS = {
    "check": "argmap.cli.check",
    "render": "argmap.cli.render",
    "merge": "argmap.cli.merge",
    "tensions": "argmap.cli.tensions",
    "align": "argmap.cli.align",
    "match": "argmap.cli.match",
    "report": "argmap.cli.report",
    "convert": "argmap.cli.convert",
    "extract": "argmap.cli.extract",
    "train": "argmap.cli.train",
    "stats": "argmap.cli.stats",
    "diff": "argmap.cli.diff",
    "new": "argmap.cli.new",
    "schema": "argmap.cli.schema",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return [
            name
            for name, module in COMMANDS.items()
            if importlib.util.find_spec(module) is not None
        ]

    def get_command(self, ctx, name):
        module = COMMANDS.get(name)
        if module is None or importlib.util.find_spec(module) is None:
            return None
        return importlib.import_module(module).command


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="argmap")
def cli():
    """Argument maps of articles: check, merge, find tensions, render.

    Maps are YAML files (one per source document) in a folder such as maps/.
    Start with `argmap check maps/` and `argmap render maps/ -o renders/`.
    """
    from argmap.cli._common import show_notes

    show_notes()


class _ClosedStream:
    """Standard output when the shell closed it (``argmap tensions >&-``)."""

    def write(self, text: str | bytes) -> int:
        raise OSError(errno.EBADF, "it is closed")

    @property
    def buffer(self) -> _ClosedStream:
        return self

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def main():
    """The ``argmap`` program: the commands, and a clear word when standard output fails.

    Standard output may be closed (``>&-``), full (``> /dev/full``) or a
    pipe whose reader left (``| head``): the first two are an error message
    and exit status 1, the last a quiet exit 1 -- never a traceback.
    """
    if sys.stdout is None:
        sys.stdout = _ClosedStream()
    try:
        try:
            cli(prog_name="argmap")
        finally:
            sys.stdout.flush()  # a full disk shows here, not at exit
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRORS:
            raise
        _silence_stdout()
        if exc.errno != errno.EPIPE:
            reason = exc.strerror or str(exc)
            click.echo(
                f"argmap: error: cannot write to standard output: {reason}", err=True
            )
        sys.exit(1)


#: Errors writing standard output that end the program with a message.
_OUTPUT_ERRORS = (errno.EPIPE, errno.ENOSPC, errno.EBADF, errno.EIO, errno.EFBIG)


def _silence_stdout() -> None:
    """Point standard output at the null device, so that flushing at exit fails no more."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 -- lives until exit
