"""Which tension detectors exist: the built-in ones, entry points, registered ones.

A detector is a function ``(amap, context) -> Iterable[Tension | Candidate]``
(the API: :mod:`argmap.analysis.tensions.context`).  :func:`detectors`
gives them by name: the built-in kinds first, then the functions installed
packages publish under the entry point group ``argmap.tension_detectors``
(loaded once, sorted by name), then those added with
:func:`register_detector`; a later one replaces an earlier one of the same
name.  A plugin that fails to load is an error naming it, so that a broken
install does not silently change the ranking.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable, Iterable

from argmap.analysis.tensions.context import TensionContext
from argmap.analysis.tensions.detectors import conflict, contested, cross_source
from argmap.analysis.tensions.detectors import undecided as undecided_detector
from argmap.analysis.tensions.records import (
    CONFLICT,
    CONTESTED,
    CROSS,
    UNDECIDED,
    Candidate,
    Tension,
)
from argmap.diagnostics import ArgmapError
from argmap.model import ArgumentMap

__all__ = ["ENTRY_POINT_GROUP", "Detector", "detectors", "register_detector"]

ENTRY_POINT_GROUP = "argmap.tension_detectors"

Detector = Callable[[ArgumentMap, TensionContext], Iterable[Tension | Candidate]]

_BUILTIN: dict[str, Detector] = {
    CROSS: cross_source.detect,
    CONTESTED: contested.detect,
    CONFLICT: conflict.detect,
    UNDECIDED: undecided_detector.detect,
}
_REGISTERED: dict[str, Detector] = {}
_ENTRY_POINTS: dict[str, Detector] | None = None


def register_detector(name: str, func: Detector) -> None:
    """Add (or replace) a tension detector ``func(amap, context) -> Iterable[Tension]``."""
    if not callable(func):
        raise TypeError(f"tension detector {name!r} is not callable")
    _REGISTERED[name] = func


def _entry_point_detectors() -> dict[str, Detector]:
    global _ENTRY_POINTS
    if _ENTRY_POINTS is None:
        found: dict[str, Detector] = {}
        points = importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
        for ep in sorted(points, key=lambda e: e.name):
            try:
                func = ep.load()
            except Exception as exc:  # a broken plugin must not hide the others' cause
                raise ArgmapError(
                    f"tension detector plugin {ep.name!r} ({ep.value}) failed to load: {exc}"
                    " (fix: reinstall or uninstall the package that provides it)"
                ) from exc
            found[ep.name] = func
        _ENTRY_POINTS = found
    return _ENTRY_POINTS


def detectors() -> dict[str, Detector]:
    """Every detector by name: built-in, then entry points, then registered ones."""
    return {**_BUILTIN, **_entry_point_detectors(), **_REGISTERED}
