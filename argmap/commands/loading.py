"""Loading the inputs of an operation, with progress.

Operations report long work through *bars*: a function that takes a label
(``"reading maps"``) and gives a context manager yielding a
``progress(done, total)`` callback, or None to stay silent.  The CLI passes
one that draws a bar on a terminal; the default draws nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

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
    return ws.raise_for_errors()


def input_files(ws: Workspace) -> list[Path]:
    """Every file *ws* read: the maps named, their bases, the maps beside them it used."""
    maps = [*ws.all_maps().values(), *ws.written.values()]
    return list(dict.fromkeys(Path(m.path) for m in maps if m.path))


def unanalysed_maps(ws: Workspace) -> list[ArgumentMap]:
    """Maps read to resolve references but not analysed, in the order they were found.

    A map that names claims of another map is checked against that map when
    it lies beside it, but an analysis of the one file sees those claims
    only as references; the combined picture needs both files.  An
    extension's base is part of the extension's (effective) map: analysed.
    """
    analysed = {source for m in ws.maps.values() for source in m.source_ids()}
    return [m for i, m in ws.helpers.items() if i not in analysed]
