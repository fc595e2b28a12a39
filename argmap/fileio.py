"""Reading inputs and writing outputs safely.

Outputs are written to a temporary file in the target folder and renamed into
place, so a failed command never leaves a half-written file and never
replaces a good one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from argmap.diagnostics import ArgmapError, MapError, error


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
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise MapError(
            diagnostics=[
                error(
                    "encoding",
                    "not valid UTF-8 text",
                    path=str(path),
                    line=line,
                    fix="save the file as UTF-8",
                )
            ]
        ) from None


def atomic_write(path, data: str | bytes) -> Path:
    """Write *data* to *path* all at once: readers see the old file or the new one."""
    return atomic_write_all([(path, data)])[0]


def atomic_write_all(files) -> list[Path]:
    """Write every ``(path, data)`` of *files*, or none of them.

    All files are written to temporary files first and renamed into place
    only when every one of them was written, so that a command writing
    several files (one per map, a report and its SVGs) does not leave some
    new and some old when one of them cannot be written.
    """
    staged: list[tuple[Path, str]] = []
    try:
        for path, data in files:
            path = Path(path)
            if path.is_dir():
                raise ArgmapError(
                    f"{path}: cannot write: is a folder; choose a file name"
                )
            staged.append((path, _stage(path, data)))
        for path, tmp in staged:
            _replace(tmp, path)
    except BaseException:
        for _, tmp in staged:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise
    return [path for path, _ in staged]


def _stage(path: Path, data: str | bytes) -> str:
    """A temporary file beside *path* holding *data*."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ArgmapError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
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


def _replace(tmp: str, path: Path) -> None:
    try:
        os.replace(tmp, path)
    except OSError as exc:
        raise ArgmapError(f"{path}: cannot write: {exc.strerror or exc}") from None
