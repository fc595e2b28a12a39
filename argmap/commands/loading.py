"""Loading the inputs of an operation, with progress.

Operations report long work through *bars*: a function that takes a label
(``"reading maps"``) and gives a context manager yielding a
``progress(done, total)`` callback, or None to stay silent.  The CLI passes
one that draws a bar on a terminal; the default draws nothing.

Notes of the workspace (files in a folder that were skipped: not maps, or
symbolic links leading outside) go to the ``argmap`` logger at INFO level;
the CLI prints them on stderr.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

from argmap.diagnostics import NOTE
from argmap.model import ArgumentMap
from argmap.workspace import Workspace, load_workspace

__all__ = [
    "Bars",
    "Progress",
    "input_files",
    "load_valid",
    "no_bars",
    "unanalysed_maps",
]

_log = logging.getLogger("argmap")

Progress = Callable[[int, int], None]
Bars = Callable[[str], AbstractContextManager[Progress | None]]


@contextlib.contextmanager
def no_bars(label: str) -> Iterator[Progress | None]:
    """*bars* that report nothing."""
    yield None


def load_valid(
    paths: Iterable, fmt: str | None = None, *, bars: Bars = no_bars
) -> Workspace:
    """The workspace of *paths*; MapError with every problem when a map has an error."""
    with bars("reading maps") as progress:
        ws = load_workspace(paths, fmt, progress=progress)
    ws.raise_for_errors()
    for d in ws.diagnostics:
        if d.severity == NOTE:
            # Files skipped in a folder: the CLI shows these on stderr.
            _log.info(d.format())
    return ws


def input_files(ws: Workspace) -> list[Path]:
    """Every file *ws* read: the maps named, their bases, the files beside them it searched.

    What an operation must never write over (compared by real path, see
    :func:`argmap.commands.outputs.refuse_inputs`), and what ``--watch``
    watches.  Files that failed to load count too: they are still inputs.
    """
    return ws.files_read()


def unanalysed_maps(ws: Workspace) -> list[ArgumentMap]:
    """Maps read to resolve references but not analysed, in the order they were found.

    A map that names claims of another map is checked against that map when
    it lies beside it, but an analysis of the one file sees those claims
    only as references; the combined picture needs both files.  An
    extension's base is part of the extension's (effective) map: analysed.
    """
    analysed = {source for m in ws.maps.values() for source in m.source_ids()}
    return [m for i, m in ws.helpers.items() if i not in analysed]
