"""Where a command's outputs go: one file or a folder, never onto an input.

The one home of the rules every writing operation follows (render, convert,
merge, report, diff, new, extract):

* :func:`wants_folder` -- *N* outputs and an ``-o`` value: a folder when the
  value names one (it ends with ``/`` or is a folder), or when *N* > 1 and it
  could be one (no extension, nothing there yet); *N* > 1 and a file name
  is :class:`~argmap.errors.OutputNeedsFolder`, never a folder called
  ``all.json`` holding YAML files.
* :func:`in_folder` -- ``<folder>/<map id><extension>`` per map, and
  :class:`~argmap.errors.DuplicateOutput` when two maps would share a file.
* :func:`refuse_inputs` -- :class:`~argmap.errors.OutputWouldOverwriteInput`
  when an output path is a file the operation reads (paths compared
  resolved, so ``maps/../maps/a.yaml`` is ``maps/a.yaml``).
* :func:`new_file` -- a file that must not exist yet (unless *force*) and
  whose name must say its format (``new`` and ``extract`` write YAML).
* ``-`` (:data:`STDOUT`) is standard output, for one output in a text
  format (binary goes there only when it is no terminal); several outputs
  there are :class:`~argmap.errors.StdoutNeedsOneOutput`.  Its format is
  the one asked for, else the command's usual one (SVG, YAML, HTML).

Nothing here reads a map or writes a file; the writers
(:func:`argmap.fileio.atomic_write_all`) do, after every output is planned.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from argmap.errors import (
    DuplicateOutput,
    OutputExists,
    OutputNeedsFolder,
    OutputWouldOverwriteInput,
    StdoutNeedsOneOutput,
    WrongOutputSuffix,
)
from argmap.fileio import STDOUT, is_stdout, real_path

__all__ = [
    "STDOUT",
    "PathLike",
    "in_folder",
    "is_stdout",
    "names_a_folder",
    "new_file",
    "refuse_inputs",
    "wants_folder",
]

PathLike = str | os.PathLike[str]

#: An output written with one of these at its end is a folder, even before it exists.
_FOLDER_ENDINGS = tuple(dict.fromkeys(("/", "\\", os.sep)))


def names_a_folder(output: PathLike) -> bool:
    """Whether *output* is a folder, or is written as one (``out/``)."""
    if is_stdout(output):
        return False
    return str(output).endswith(_FOLDER_ENDINGS) or Path(output).is_dir()


def wants_folder(output: PathLike, count: int) -> bool:
    """Whether *count* outputs go into the folder *output* rather than the file *output*.

    OutputNeedsFolder when *count* > 1 and *output* is a file name: it has
    an extension, or a file of that name exists.
    """
    if is_stdout(output):
        if count > 1:
            raise StdoutNeedsOneOutput(count)
        return False
    if names_a_folder(output):
        return True
    if count <= 1:
        return False
    if Path(output).suffix or Path(output).exists():
        raise OutputNeedsFolder(str(output), count)
    return True


def in_folder(
    folder: PathLike,
    ids: Sequence[str],
    extension: str,
    origins: Sequence[str | None] | None = None,
) -> list[Path]:
    """``folder/<id><extension>`` for each of *ids*, in order.

    *origins* (the file each id came from) name the two maps of a
    :class:`~argmap.errors.DuplicateOutput`.
    """
    paths = [Path(folder) / f"{map_id}{extension}" for map_id in ids]
    where = list(origins) if origins is not None else [None] * len(ids)
    first: dict[Path, int] = {}
    for number, path in enumerate(paths):
        if path in first:
            earlier = first[path]
            raise DuplicateOutput(str(path), ids[number], where[earlier], where[number])
        first[path] = number
    return paths


def refuse_inputs(outputs: Iterable[PathLike], inputs: Iterable[PathLike]) -> None:
    """OutputWouldOverwriteInput for the first of *outputs* that is one of *inputs*.

    An operation never changes what it reads: an output naming an input is
    a mistake, not a request to replace it.
    """
    protected = {real_path(p) for p in inputs}
    for output in outputs:
        if not is_stdout(output) and real_path(output) in protected:
            raise OutputWouldOverwriteInput(str(output))


def new_file(
    path: PathLike, *, suffixes: Sequence[str], what: str, force: bool = False
) -> Path:
    """*path* as a new file: its suffix is one of *suffixes*, and it does not exist.

    WrongOutputSuffix (*what* says why, e.g. ``"a new map is a YAML file"``)
    when the name says another format: under another name argmap would read
    the file as that format, or not at all.  OutputExists when the file is
    there and *force* is false.
    """
    path = Path(path)
    if is_stdout(path):
        return path
    if path.suffix.lower() not in suffixes:
        raise WrongOutputSuffix(str(path), suffixes, what)
    if path.exists() and not force:
        raise OutputExists(str(path))
    return path
