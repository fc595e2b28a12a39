"""Reading inputs and writing outputs safely.

Outputs are written to a temporary file in the target folder and renamed into
place, so a failed command never leaves a half-written file and never
replaces a good one.  The rules, all here:

* **All or nothing.**  :func:`atomic_write_all` stages every file first
  (``.<name>.<pid>.<random>.tmp`` beside it) and renames them into place
  only when all are staged; any failure removes the staged files.
* **Signals.**  SIGINT, SIGTERM and SIGHUP that arrive while files are
  staged or renamed are held until the write is over (renames take
  microseconds): during staging the write is abandoned and its temporary
  files removed, during renaming the renames finish; then the signal takes
  its usual course (Ctrl-C raises KeyboardInterrupt, SIGTERM ends the
  process).  Outside a write no temporary file exists, so the default
  handling loses nothing.  After SIGKILL, which cannot be caught, the
  temporary files of dead processes are removed by the next write to the
  same file.
* **Which inputs may be read.**  A symbolic link is followed only into
  the folder of the map that names it or a folder named on the command
  line (:func:`may_follow`, :func:`roots_of`; :mod:`argmap.workspace`
  applies it to folders, bases and article texts).
* **What the output path is.**  A symbolic link is written through: the
  file it leads to is replaced, the link stays.  A device or pipe
  (``/dev/null``, ``/dev/stdout``) is written to directly.  A read-only file
  is not replaced (:class:`~argmap.errors.OutputReadOnly`).  The path ``-``
  is standard output (:data:`STDOUT`); binary data is not written to a
  terminal (:class:`~argmap.errors.BinaryToTerminal`).
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from argmap.diagnostics import ArgmapError, MapError, error

__all__ = [
    "STDOUT",
    "atomic_write",
    "atomic_write_all",
    "is_stdout",
    "may_follow",
    "read_text",
    "real_path",
    "roots_of",
]

#: The output path that means standard output.
STDOUT = "-"


def real_path(path: str | os.PathLike[str]) -> Path:
    """*path* with every symbolic link followed, absolute: the file it really is.

    Unlike :meth:`pathlib.Path.resolve`, a loop of links is no error: the
    path comes back as far as it could be followed (and opening it fails).
    """
    return Path(os.path.realpath(path))


def roots_of(paths: Iterable[str | os.PathLike[str]]) -> tuple[Path, ...]:
    """The folders *paths* name, resolved: a folder itself, a file's folder."""
    roots = []
    for raw in paths:
        path = Path(raw)
        roots.append(real_path(path if path.is_dir() else path.parent))
    return tuple(dict.fromkeys(roots))


def may_follow(
    path: str | Path, folder: str | Path, roots: Iterable[Path] = ()
) -> bool:
    """Whether *path* (as written, relative to *folder*) may be read.

    Yes when no symbolic link changes where it leads (the real file is the
    path as written, ``..`` taken literally), or when the file it leads to
    is inside *folder* or inside one of *roots* (resolved folders).  So a
    link may rename a map beside it, and never bring in a file from
    elsewhere that nobody named.
    """
    here = real_path(folder)
    joined = here / path
    real = real_path(joined)
    if real == Path(os.path.normpath(joined)):
        return True
    return any(real.is_relative_to(root) for root in (here, *roots))


def is_stdout(path: object) -> bool:
    """Whether the output *path* is :data:`STDOUT`."""
    return path is not None and str(path) == STDOUT


def read_text(path) -> str:
    """Text of an input file; missing, unreadable or non-UTF-8 files become MapError."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise MapError(
            diagnostics=[
                error("io", "no such file", path=str(path), fix="check the path")
            ]
        ) from None
    except IsADirectoryError:
        raise MapError(
            diagnostics=[error("io", "is a folder, not a file", path=str(path))]
        ) from None
    except OSError as exc:
        raise MapError(
            diagnostics=[error("io", f"cannot read: {exc.strerror}", path=str(path))]
        ) from None
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not utf16 and (data.startswith(_BINARY_MAGIC) or b"\x00" in data[:4096]):
        raise MapError(
            diagnostics=[
                error(
                    "encoding",
                    "not text but a binary file (a PDF, a Word document, an image?)",
                    path=str(path),
                    line=1,
                    fix="export it as plain text (UTF-8) and give that file",
                )
            ]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise MapError(
            diagnostics=[
                error(
                    "encoding",
                    "UTF-16 text, not UTF-8" if utf16 else "not valid UTF-8 text",
                    path=str(path),
                    line=1 if utf16 else line,
                    fix="save the file as UTF-8",
                )
            ]
        ) from None


#: How binary documents people take for text begin: PDF, ZIP (.docx, .odt,
#: .epub), OLE (.doc), PNG, JPEG, GIF.
_BINARY_MAGIC = (
    b"%PDF",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
)


def atomic_write(path, data: str | bytes) -> Path:
    """Write *data* to *path* all at once: readers see the old file or the new one."""
    return atomic_write_all([(path, data)])[0]


def atomic_write_all(files: Iterable[tuple[object, str | bytes]]) -> list[Path]:
    """Write every ``(path, data)`` of *files*, or none of them.

    All files are written to temporary files first and renamed into place
    only when every one of them was written, so that a command writing
    several files (one per map, a report and its SVGs) does not leave some
    new and some old when one of them cannot be written.  See the module
    docstring for links, devices, read-only files and ``-``.
    """
    planned = [(Path(str(path)), _payload(data)) for path, data in files]
    for path, payload in planned:
        _check_target(path, payload)
    direct = [(p, d) for p, d in planned if is_stdout(p) or _is_device(p)]
    replaced = [(p, d) for p, d in planned if not (is_stdout(p) or _is_device(p))]
    staged: list[tuple[Path, str]] = []
    abandoned = False
    with _signals_held() as arrived:
        try:
            for path, payload in replaced:
                staged.append((_real(path), _stage(_real(path), payload)))
                if arrived:
                    abandoned = True
                    break
            else:
                for target, tmp in staged:
                    _replace(tmp, target)
                staged = []
        finally:
            for _, tmp in staged:  # left only when the write was given up
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
    if abandoned:
        # The held signal was sent again and did not end the process (its
        # handler returned): the write was still given up.
        raise ArgmapError("interrupted by a signal; nothing was written")
    for path, payload in direct:
        _write_direct(path, payload)
    return [path for path, _ in planned]


@contextlib.contextmanager
def _signals_held() -> Iterator[list[int]]:
    """Hold SIGINT, SIGTERM and SIGHUP during a write; deliver them after it.

    Yields the list of signals that arrived (empty while none has).  When
    the write is over (done or abandoned), the usual handlers are restored
    and each held signal is sent again, so that it takes its usual course.
    Only the main thread can set handlers; elsewhere nothing is held.
    """
    arrived: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield arrived
        return
    wanted = [signal.SIGINT, signal.SIGTERM]
    if hasattr(signal, "SIGHUP"):
        wanted.append(signal.SIGHUP)
    previous = {}
    for signum in wanted:
        handler = signal.getsignal(signum)
        if handler in (signal.SIG_IGN, None):
            continue  # ignored (nohup) or set outside Python: leave it so
        previous[signum] = handler
        signal.signal(signum, lambda number, frame: arrived.append(number))
    try:
        yield arrived
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for number in dict.fromkeys(arrived):
            os.kill(os.getpid(), number)


def _payload(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _real(path: Path) -> Path:
    """The file to replace for *path*: what a symbolic link leads to (the link stays)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _is_device(path: Path) -> bool:
    """Whether *path* is something other than a file or folder (a device, a pipe)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _check_target(path: Path, payload: bytes) -> None:
    """Refuse, before anything is written, an output that cannot or must not be written."""
    if is_stdout(path):
        if _is_binary(payload) and _stdout_is_terminal():
            from argmap.errors import BinaryToTerminal  # failure path only

            raise BinaryToTerminal(str(path))
        return
    target = _real(path)
    if target.is_dir():
        raise ArgmapError(f"{path}: cannot write: is a folder; choose a file name")
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return  # not there yet
    if stat.S_ISSOCK(mode):
        raise ArgmapError(f"{path}: cannot write: is a socket; choose a file name")
    if stat.S_ISREG(mode) and _read_only(target, mode):
        from argmap.errors import OutputReadOnly  # failure path only

        raise OutputReadOnly(str(path))


def _read_only(path: Path, mode: int) -> bool:
    """Whether the file at *path* is read-only: no write permission bit, or not for us.

    (Checked by its bits too, because a superuser may write any file.)
    """
    writable = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    return not mode & writable or not os.access(path, os.W_OK)


def _stdout_is_terminal() -> bool:
    try:
        return bool(sys.stdout.isatty())
    except (AttributeError, ValueError):
        return False


def _is_binary(payload: bytes) -> bool:
    if b"\0" in payload:
        return True
    try:
        payload.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _write_direct(path: Path, payload: bytes) -> None:
    """Write to standard output, a device or a pipe: there is nothing to rename."""
    try:
        if is_stdout(path):
            sys.stdout.flush()
            out = getattr(sys.stdout, "buffer", None)
            if out is None:  # a text-only stream (a test's)
                sys.stdout.write(payload.decode("utf-8", "replace"))
            else:
                out.write(payload)
                out.flush()
        else:
            with open(path, "wb") as handle:
                handle.write(payload)
    except OSError as exc:
        where = "standard output" if is_stdout(path) else str(path)
        raise ArgmapError(f"{where}: cannot write: {exc.strerror or exc}") from None


def _stage(path: Path, data: bytes) -> str:
    """A temporary file beside *path* holding *data*."""
    import tempfile  # here, not at the top: 4 ms of every command's start-up

    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _remove_stale(folder, path.name)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=folder
        )
    except OSError as exc:
        raise ArgmapError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        try:
            # Keep the permissions an existing output had (mkstemp makes 0600).
            os.chmod(tmp, os.stat(path).st_mode & 0o777 if path.exists() else 0o644)
        except OSError:
            pass
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise ArgmapError(f"{path}: cannot write: {exc.strerror or exc}") from None
        raise
    return tmp


def _remove_stale(folder: Path, name: str) -> None:
    """Remove the temporary files for *name* left by processes that were killed.

    Ours are ``.<name>.<pid>.<random>.tmp``; one whose process no longer
    runs was left by SIGKILL (or a power cut).  Files of running processes
    (another argmap writing the same file) are left alone.
    """
    prefix = f".{name}."
    try:
        entries = [e for e in os.listdir(folder) if e.startswith(prefix)]
    except OSError:
        return
    for entry in entries:
        pid_text, _, rest = entry[len(prefix) :].partition(".")
        if not pid_text.isdigit() or not rest.endswith(".tmp") or "." in rest[:-4]:
            continue
        pid = int(pid_text)
        if pid == os.getpid() or _running(pid):
            continue
        with contextlib.suppress(OSError):
            os.unlink(folder / entry)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, and belongs to someone else
    return True


def _replace(tmp: str, path: Path) -> None:
    try:
        os.replace(tmp, path)
    except OSError as exc:
        raise ArgmapError(f"{path}: cannot write: {exc.strerror or exc}") from None
