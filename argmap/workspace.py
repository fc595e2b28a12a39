"""Loading several maps at once: files and folders, cross-map references.

A *workspace* is the set of maps a command works on.  Folders are expanded
to the map files directly inside them (not recursively, so that a
``maps/seminar/`` folder of extensions is only used when named).  When a map
refers to another map (``other#claim``, ``extends: other``) that was not
named, the maps beside it are searched by id, so ``argmap check maps/a.yaml``
works on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from argmap import readwrite
from argmap.diagnostics import (
    ArgmapError,
    Diagnostic,
    MapError,
    error,
    sort_diagnostics,
)
from argmap.model import ArgumentMap, split_ref

__all__ = ["Workspace", "expand_paths", "load_map", "load_workspace", "check_paths"]


@dataclass
class Workspace:
    """Maps by id, in the order they were named, plus what loading found."""

    maps: dict[str, ArgumentMap] = field(default_factory=dict)
    #: Maps found beside the named ones to resolve references; not "named".
    helpers: dict[str, ArgumentMap] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    def all_maps(self) -> dict[str, ArgumentMap]:
        """Named maps and the helper maps that references reached."""
        return {**self.helpers, **self.maps}

    def raise_for_errors(self) -> "Workspace":
        if self.errors:
            raise MapError(diagnostics=sort_diagnostics(self.diagnostics))
        return self


def expand_paths(paths: Iterable, fmt: str | None = None) -> list[Path]:
    """Files named, and the readable map files directly inside folders named."""
    out: list[Path] = []
    extensions = readwrite.readable_extensions()
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and not _is_folder_format(path, fmt):
            found = sorted(
                p
                for p in path.iterdir()
                if p.is_file() and _has_extension(p, extensions)
            )
            if not found:
                raise ArgmapError(
                    f"{path}: no map files in this folder (looked for {', '.join(extensions)})"
                )
            out.extend(found)
        elif path.exists():
            out.append(path)
        else:
            raise ArgmapError(f"{path}: no such file or folder")
    return out


def _has_extension(path: Path, extensions) -> bool:
    name = path.name.lower()
    return not name.startswith(".") and any(name.endswith(e) for e in extensions)


def _is_folder_format(path: Path, fmt: str | None) -> bool:
    """A folder that a format reads whole (the microtext corpus: one map per XML file)."""
    return (
        fmt is not None
        and fmt in readwrite.formats()
        and getattr(readwrite.formats()[fmt], "folder", False)
    )


def load_map(path, fmt: str | None = None) -> ArgumentMap:
    """The one map in *path*; raises MapError with every problem found."""
    maps = readwrite.read(path, fmt)
    if len(maps) != 1:
        raise ArgmapError(
            f"{path}: holds {len(maps)} maps; use load_workspace for several"
        )
    return maps[0]


def load_workspace(
    paths: Iterable, fmt: str | None = None, *, check: bool = True
) -> Workspace:
    """Read every map under *paths*; with *check*, run the semantic checks too.

    Problems are collected, not raised, so that one bad file does not hide
    the others; call :meth:`Workspace.raise_for_errors` to stop on errors.
    """
    ws = Workspace()
    files = expand_paths(paths, fmt)
    for path in files:
        try:
            loaded = readwrite.read(path, fmt)
        except MapError as exc:
            ws.diagnostics.extend(exc.diagnostics)
            continue
        for amap in loaded:
            _add(ws, amap, path)
    _resolve_helpers(ws, files)
    if check:
        from argmap.validate import check_map

        everything = ws.all_maps()
        for amap in ws.maps.values():
            ws.diagnostics.extend(check_map(amap, everything))
    ws.diagnostics = sort_diagnostics(ws.diagnostics)
    return ws


def _add(ws: Workspace, amap: ArgumentMap, path: Path) -> None:
    if amap.id in ws.maps:
        first = ws.maps[amap.id]
        ws.diagnostics.append(
            error(
                "duplicate-map-id",
                f"map id {amap.id!r} is also used by {first.path}",
                path=str(path),
                line=1,
                fix="give every map a distinct id",
            )
        )
        return
    ws.maps[amap.id] = amap


def _wanted_map_ids(maps: Iterable[ArgumentMap]) -> set[str]:
    wanted = set()
    for amap in maps:
        if amap.extends:
            wanted.add(amap.extends)
        for relation in amap.relations:
            for end in (relation.source, relation.target, *relation.linked):
                map_id, _ = split_ref(end.split("->")[0])
                if map_id:
                    wanted.add(map_id)
        for claim in amap.claims.values():
            for ref in claim.same_as:
                map_id, _ = split_ref(ref)
                if map_id:
                    wanted.add(map_id)
    return wanted


def _resolve_helpers(ws: Workspace, files: list[Path]) -> None:
    """Load maps beside the named files that references need, by map id."""
    missing = _wanted_map_ids(ws.maps.values()) - set(ws.maps)
    if not missing:
        return
    folders = sorted({p.parent for p in files})
    named = {p.resolve() for p in files}
    candidates = [
        p
        for folder in folders
        for p in sorted(folder.iterdir())
        if p.is_file()
        and p.resolve() not in named
        and _has_extension(p, (".yaml", ".yml"))
    ]
    for path in candidates:
        if not missing:
            break
        try:
            (amap,) = readwrite.read(path)
        except (MapError, ValueError):
            continue  # a broken neighbour is reported when it is itself checked
        if amap.id in missing and amap.id not in ws.helpers:
            ws.helpers[amap.id] = amap
            missing = _wanted_map_ids([*ws.maps.values(), *ws.helpers.values()]) - set(
                ws.all_maps()
            )


def check_paths(
    paths: Iterable, sources: Mapping[str, str] | None = None, fmt: str | None = None
) -> list[Diagnostic]:
    """Every problem in the maps under *paths*, sorted by file and line.

    *sources* maps a map id to the path of its article's text; quotes are
    verified against it (a map's own ``source.text`` is used too).
    """
    from argmap.fileio import read_text
    from argmap.validate import verify_quotes

    ws = load_workspace(paths, fmt)
    out = list(ws.diagnostics)
    sources = dict(sources or {})
    for map_id in sources:
        if map_id not in ws.maps:
            raise ArgmapError(
                f"--source {map_id}=...: no map with id {map_id!r} among the inputs"
            )
    for amap in ws.maps.values():
        text_path = sources.get(amap.id)
        if text_path is None and amap.source.text and amap.path:
            text_path = str(Path(amap.path).parent / amap.source.text)
        if text_path is None:
            continue
        try:
            text = read_text(text_path)
        except MapError as exc:
            out.extend(exc.diagnostics)
            continue
        out.extend(verify_quotes(amap, text, text_path))
    return sort_diagnostics(out)
