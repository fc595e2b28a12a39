"""Re-rendering when inputs change (``argmap render --watch``).

Polling file modification times keeps this free of extra dependencies and
works on every platform and file system, network ones included.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable

__all__ = ["snapshot", "watch"]

#: Seconds between two looks at the inputs.
INTERVAL = 0.3


def snapshot(paths: Iterable) -> dict[str, tuple[int, int] | None]:
    """(mtime in ns, size) of each path; None for a path that is gone."""
    out: dict[str, tuple[int, int] | None] = {}
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            out[str(path)] = None
        else:
            out[str(path)] = (st.st_mtime_ns, st.st_size)
    return out


def watch(
    render_once: Callable[[], object],
    watched: Callable[[], Iterable],
    *,
    on_error: Callable[[Exception], None],
    interval: float = INTERVAL,
    max_polls: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Call *render_once* now and again whenever a file of *watched()* changes.

    *render_once* renders and reports; what it raises for bad input (an
    ArgmapError) goes to *on_error* and the loop keeps watching.
    *watched* is asked again after every render, since an edit may add a
    reference to another map.  *max_polls* bounds the loop (for tests);
    Ctrl-C ends it.  Returns the number of renders attempted.
    """
    from argmap.diagnostics import ArgmapError

    def attempt() -> None:
        try:
            render_once()
        except ArgmapError as exc:
            on_error(exc)

    attempt()
    renders = 1
    state = snapshot(watched())
    polls = 0
    try:
        while max_polls is None or polls < max_polls:
            sleep(interval)
            polls += 1
            current = snapshot(watched())
            if current != state:
                attempt()
                renders += 1
                # Keep the stamps seen before rendering, so that an edit made
                # while rendering is caught by the next poll.
                after = snapshot(watched())
                state = {k: current.get(k, v) for k, v in after.items()}
    except KeyboardInterrupt:
        pass
    return renders
