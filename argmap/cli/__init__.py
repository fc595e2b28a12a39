"""The ``argmap`` command line: thin click commands over the Python API.

Each command lives in its own module here and is imported only when it runs
(or when ``--help`` lists it), so ``argmap --help`` does not pay for
networkx, pydot or the Graphviz runtime.
"""

from __future__ import annotations

import importlib
import importlib.util

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


def main():
    cli(prog_name="argmap")
