"""Which tension detectors exist: the built-in ones, entry points, registered ones.

A detector is a function ``(amap, context) -> Iterable[Tension | Candidate]``
(the API: :mod:`argmap.analysis.tensions.context`).  :func:`detectors`
gives them by name: the built-in kinds first, then the functions installed
packages publish under the entry point group ``argmap.tension_detectors``
(loaded once, sorted by name, by :mod:`argmap.plugins`), then those added
with :func:`register_detector`; a later one replaces an earlier one of the
same name.  A plugin that fails to load, or is not a function, is an error
naming it (:class:`~argmap.errors.PluginFailed`), so that a broken install
does not silently change the ranking.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeGuard

from argmap import plugins
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
from argmap.model import ArgumentMap

__all__ = ["ENTRY_POINT_GROUP", "Detector", "detectors", "register_detector"]

ENTRY_POINT_GROUP = plugins.TENSION_DETECTORS

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


def _is_detector(value: object) -> TypeGuard[Detector]:
    return callable(value)


def _entry_point_detectors() -> dict[str, Detector]:
    global _ENTRY_POINTS
    if _ENTRY_POINTS is None:
        _ENTRY_POINTS = plugins.load(
            ENTRY_POINT_GROUP, _is_detector, "a function (amap, context)"
        )
    return _ENTRY_POINTS


def detectors() -> dict[str, Detector]:
    """Every detector by name: built-in, then entry points, then registered ones."""
    return {**_BUILTIN, **_entry_point_detectors(), **_REGISTERED}
