"""Converting maps between formats: what ``argmap convert`` does.

:func:`read_any` reads every map under a path (a file, a folder of map
files, or a folder format such as the microtext corpus) and checks it like
``argmap check``; :func:`convert` writes them in another format, to one file
or one file per map in a folder (:mod:`argmap.commands.outputs`), all at
once or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from argmap import readwrite
from argmap.commands.loading import input_files
from argmap.commands.outputs import PathLike, in_folder, refuse_inputs, wants_folder
from argmap.diagnostics import (
    WARNING,
    ArgmapError,
    Diagnostic,
    MapError,
    sort_diagnostics,
)
from argmap.fileio import atomic_write_all
from argmap.model import ArgumentMap
from argmap.workspace import expand_paths, load_workspace

__all__ = ["ConversionResult", "convert", "read_any"]


@dataclass
class ConversionResult:
    maps: list[ArgumentMap]
    written: list[str]
    from_formats: list[str]
    to_format: str
    warnings: list[Diagnostic] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "from": self.from_formats,
            "to": self.to_format,
            "written": self.written,
            "maps": [
                {
                    "id": m.id,
                    "claims": len(m.claims),
                    "relations": len(m.relations),
                }
                for m in self.maps
            ],
            "warnings": [d.to_dict() for d in self.warnings],
        }


def read_any(
    source: PathLike, fmt: str | None = None
) -> tuple[list[ArgumentMap], list[Diagnostic], list[str], list[Path]]:
    """Every map under *source* (a file, a folder of map files, or a folder format), checked.

    The maps are checked like ``argmap check`` does (references resolved,
    maps beside *source* included), so a conversion never carries a broken
    map into a format that would hide the problem (Argdown, for one, turns
    an unknown claim id into a new claim).  Extensions stay as written.
    Returns ``(maps, warnings, format names, input files)``.
    """
    # expand_paths knows folder formats (a microtext folder stays one input).
    files = expand_paths([Path(source)], fmt)
    ws = load_workspace(files, fmt)
    # A reference to a map that is not at hand is kept as written (one map of
    # a debate is often converted alone): a warning here, not an error.
    problems = [
        replace(d, severity=WARNING) if d.code == "unknown-map" else d
        for d in ws.diagnostics
    ]
    if any(d.is_error for d in problems):
        raise MapError(diagnostics=sort_diagnostics(problems))
    names = list(dict.fromkeys(readwrite.format_for(f, fmt).name for f in files))
    # Every file read: the maps, their bases, the files beside them searched
    # (a folder format's files too).
    inputs = [p for f in files for p in ([f] if f.is_file() else sorted(f.iterdir()))]
    inputs += input_files(ws)
    return list(ws.written.values()), sort_diagnostics(problems), names, inputs


def convert(
    source: PathLike,
    output: PathLike,
    *,
    from_fmt: str | None = None,
    to_fmt: str | None = None,
) -> ConversionResult:
    """Read *source* and write its maps to *output*.

    One map goes to the file *output* (format from ``to_fmt`` or its
    extension); several maps, or an *output* that is an existing folder or
    ends with ``/``, go to a folder with one ``<map id><extension>`` file
    each (format ``to_fmt``, default YAML).  Nothing is written when any map
    fails to convert, and an input file is never overwritten.
    """
    maps, warnings, names, inputs = read_any(source, from_fmt)
    if not maps:
        raise ArgmapError(f"{source}: no maps found")
    out = Path(output)
    if wants_folder(output, len(maps)):
        fmt = readwrite.format_for(out, to_fmt or "yaml", writing=True)
        ids = [m.id for m in maps]
        origins = [str(m.path) if m.path else None for m in maps]
        targets = in_folder(out, ids, fmt.extensions[0], origins)
    else:
        fmt = readwrite.format_for(out, to_fmt, writing=True)
        targets = [out]
    refuse_inputs(targets, inputs)
    module = fmt.load()
    # Convert everything before writing anything: no half-converted folder.
    payloads = [module.write(amap) for amap in maps]
    atomic_write_all(zip(targets, payloads))
    return ConversionResult(maps, [str(t) for t in targets], names, fmt.name, warnings)
