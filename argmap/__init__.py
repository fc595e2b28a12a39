"""argmap: argument maps of articles — check, merge, find tensions, render.

The pipeline is read → model → analyse → write:

* :mod:`argmap.model` — :class:`ArgumentMap`, :class:`Claim`, :class:`Relation`;
* :mod:`argmap.readwrite` — one module per file format, found by extension;
* :mod:`argmap.refs` — how references resolve, one rule for every command;
* :mod:`argmap.workspace`, :mod:`argmap.extensions` and :mod:`argmap.checks`
  — loading (each file once), extension maps, and checking;
* :mod:`argmap.analysis` — merge, semantics, tensions, statistics;
* :mod:`argmap.render` — map → DOT → Graphviz → SVG;
* :mod:`argmap.commands` — one function per operation of the command, composing the above;
* :mod:`argmap.cli` — the ``argmap`` command: click options, printing, and
  :mod:`argmap.errors` (typed errors with fields) worded with their options.

Heavy modules are imported lazily: ``import argmap`` stays cheap.
"""

from __future__ import annotations

__version__ = "0.1.0"

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.diagnostics import ArgmapError, Diagnostic, MapError
from argmap.model import ArgumentMap, Claim, Provenance, Relation, Source

if TYPE_CHECKING:
    from argmap.workspace import StrPath, Workspace

__all__ = [
    "ArgmapError",
    "ArgumentMap",
    "Claim",
    "Diagnostic",
    "MapError",
    "Provenance",
    "Relation",
    "Source",
    "check_paths",
    "load",
    "load_workspace",
    "save",
]


def load(path: StrPath, fmt: str | None = None) -> ArgumentMap:
    """Read the one map in *path* (any readable format)."""
    from argmap.workspace import load_map

    return load_map(path, fmt)


def save(amap: ArgumentMap, path: StrPath, fmt: str | None = None) -> Path:
    """Write *amap* to *path* atomically, in the format its extension names."""
    from argmap import readwrite

    return readwrite.write(amap, path, fmt)


def load_workspace(
    paths: Iterable[StrPath], fmt: str | None = None, **options: Any
) -> Workspace:
    """Read every map under *paths* (see :func:`argmap.workspace.load_workspace`)."""
    from argmap.workspace import load_workspace as _load

    return _load(paths, fmt, **options)


def check_paths(
    paths: Iterable[StrPath],
    sources: Mapping[str, str] | None = None,
    fmt: str | None = None,
    **options: Any,
) -> list[Diagnostic]:
    """Every problem in the maps under *paths* (see :func:`argmap.workspace.check_paths`)."""
    from argmap.workspace import check_paths as _check

    return _check(paths, sources, fmt, **options)
