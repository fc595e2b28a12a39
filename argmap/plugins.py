"""Entry points: how other installed packages extend argmap, loaded in one place.

A package extends argmap by naming objects under these entry point groups
(the README's "Extending argmap" shows one):

* :data:`READERS` and :data:`WRITERS` (``argmap.readers``,
  ``argmap.writers``) — a :class:`argmap.readwrite.Format`, registered by
  :func:`argmap.readwrite.formats`;
* :data:`TENSION_DETECTORS` (``argmap.tension_detectors``) — a function
  ``(amap, context) -> Iterable[Tension]``, run by
  :func:`argmap.analysis.tensions.find_tensions`.

:func:`load` loads one group: every entry point, in name order, each
object checked to be what the group holds.  The callers load a group when
first needed and keep the result.

Failure policy: a plugin that cannot be loaded (its module does not import,
its object is missing) or that gives the wrong kind of object is an error,
:class:`~argmap.errors.PluginFailed`, naming the plugin, its entry point
and the fix; the group is not used until it is fixed.  A broken plugin is
never skipped with a warning, because skipping changes results silently:
a missing tension detector changes the ranking, and a missing format
changes which reader takes a file (the longest extension wins, so a
plugin's ``.kialo.json`` would fall to the JSON reader) or makes it
"unknown".  argmap promises the same output for the same input and the
same installed packages; a warning scrolls by in a script, an error says
which package to reinstall or uninstall.  (pytest and flake8 stop the same
way on a plugin that does not load.)  The cost: every command that uses the
group (for formats, every command that reads a map) fails until then.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable
from typing import TypeGuard, TypeVar

from argmap.errors import PluginFailed

__all__ = ["READERS", "TENSION_DETECTORS", "WRITERS", "load"]

READERS = "argmap.readers"
WRITERS = "argmap.writers"
TENSION_DETECTORS = "argmap.tension_detectors"

T = TypeVar("T")


def load(
    group: str, accept: Callable[[object], TypeGuard[T]], what: str
) -> dict[str, T]:
    """Every plugin of entry point *group* by name (in name order), loaded.

    *accept* tells whether a loaded object is what the group holds, *what*
    names it for the message.  PluginFailed (an ArgmapError) when a plugin
    cannot be loaded or *accept* refuses it; nothing of the group is
    returned then.
    """
    found: dict[str, T] = {}
    points = importlib.metadata.entry_points(group=group)
    for point in sorted(points, key=lambda p: p.name):
        try:
            loaded = point.load()
        except Exception as exc:  # whatever it is, it is the plugin's to fix
            raise PluginFailed(
                group, point.name, point.value, f"{type(exc).__name__}: {exc}"
            ) from exc
        if not accept(loaded):
            raise PluginFailed(
                group,
                point.name,
                point.value,
                f"it gives {type(loaded).__name__}, not {what}",
            )
        found[point.name] = loaded
    return found
