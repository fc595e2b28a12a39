"""One BLAS thread for the matrix products of the meaning layer.

NumPy hands matrix products to a BLAS library (OpenBLAS in the NumPy
wheels), which starts one thread per core and lets idle threads spin while
they wait for work.  The products here are small (the encoder's micro-batches
of 384 tokens) or memory-bound (blocks of the candidate search), so a second
thread buys little when the machine is idle and costs a great deal when it
is not: measured with ``bench/bench_align_scale.py`` on a 2-core machine at
load 7-8, encoding 9,655 sentences took 70 s of CPU with two BLAS threads
and 14 s with one, and the candidate search over 10,000 claims 1.6 s against
1.1 s.  Two threads also split sums differently, which changed the
suggestions (13,960 against 13,958 on those 10,000 claims): with one thread
they do not depend on the core count.

:func:`one_blas_thread` runs a function with the BLAS thread count limited to
one and restores it afterwards (``threadpoolctl``, BSD-3-Clause; the encoder
sets its own limit through it too).  Without ``threadpoolctl`` installed it
changes nothing.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any, ParamSpec, TypeVar

__all__ = ["blas_limit", "one_blas_thread"]

P = ParamSpec("P")
R = TypeVar("R")

_lock = threading.Lock()
_controller: Any = None  # threadpoolctl.ThreadpoolController, found once
_missing = False


def blas_limit(threads: int = 1) -> AbstractContextManager[Any]:
    """A context in which BLAS runs on at most *threads* threads."""
    global _controller, _missing
    with _lock:
        if _controller is None and not _missing:
            try:
                import numpy  # noqa: F401  (the controller finds the BLAS numpy loaded)
                from threadpoolctl import ThreadpoolController
            except ImportError:
                _missing = True
            else:
                # scanning the loaded libraries costs ~20 ms: once per process
                _controller = ThreadpoolController()
    if _controller is None:
        return nullcontext()
    limit: AbstractContextManager[Any] = _controller.limit(
        limits=threads, user_api="blas"
    )
    return limit


def one_blas_thread(function: Callable[P, R]) -> Callable[P, R]:
    """Decorate *function* to run with one BLAS thread (module docs)."""

    @functools.wraps(function)
    def limited(*args: P.args, **kwargs: P.kwargs) -> R:
        with blas_limit(1):
            return function(*args, **kwargs)

    return limited
