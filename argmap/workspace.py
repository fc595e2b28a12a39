"""Loading several maps at once: files and folders, cross-map references.

A *workspace* is the set of maps a command works on.  Folders are expanded
to the map files directly inside them (not recursively, so that a
``maps/seminar/`` folder of extensions is only used when named).  When a map
refers to another map (``other#claim``, ``extends: other``) that was not
named, the maps beside it are searched by id, so ``argmap check maps/a.yaml``
works on its own; ``extends: ../base.yaml`` (a path) loads that file.

Every file is read once, and the workspace records what it read
(:attr:`Workspace.reads`): the maps, the load problems, the ids found in
each folder searched.  From that record it builds one
:class:`~argmap.refs.Scope` (how references resolve among the maps) and
runs the checks (:mod:`argmap.checks`), which open no file themselves.

Commands see an extension as the whole map it stands for
(:func:`argmap.extensions.effective_map`): :attr:`Workspace.maps` holds
effective maps, :attr:`Workspace.written` the maps as their files say.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from argmap import readwrite
from argmap.checks import check_maps, verify_quotes
from argmap.diagnostics import (
    ArgmapError,
    Diagnostic,
    MapError,
    error,
    sort_diagnostics,
)
from argmap.errors import UnknownSourceMap
from argmap.extensions import effective_map
from argmap.fileio import read_text
from argmap.model import ArgumentMap
from argmap.refs import ARROW, Scope, base_path, is_path_reference, split_ref

__all__ = [
    "FileRead",
    "Workspace",
    "check_paths",
    "expand_paths",
    "find_map_near",
    "load_map",
    "load_workspace",
    "map_files_in",
]

#: What a path parameter accepts: a string or an ``os.PathLike`` (a Path).
StrPath = str | os.PathLike[str]


@dataclass(frozen=True)
class FileRead:
    """One file the workspace read, and what came of it."""

    #: The path as named or found (the one messages show).
    path: str
    maps: tuple[ArgumentMap, ...] = ()
    #: Its load problems (a MapError's diagnostics; none for other failures).
    diagnostics: tuple[Diagnostic, ...] = ()
    failed: bool = False
    #: Why it failed, when the failure came without diagnostics.
    reason: str | None = None

    def first_problem(self) -> str | None:
        """The first load error, as ``file:line: message``; None when the file loaded."""
        if not self.failed:
            return None
        errors = [d for d in self.diagnostics if d.is_error]
        if errors:
            return f"{errors[0].location()}: {errors[0].message}"
        return self.reason or "it does not load"


@dataclass
class Workspace:
    """Maps by id, in the order they were named, plus what loading found."""

    #: The named maps as commands use them: an extension is its effective map.
    maps: dict[str, ArgumentMap] = field(default_factory=dict)
    #: Maps found beside the named ones to resolve references; not "named".
    helpers: dict[str, ArgumentMap] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: The named maps as written (an extension without its base); checks and
    #: quote verification work on these.
    written: dict[str, ArgumentMap] = field(default_factory=dict)
    #: Every file read, by resolved path, in the order read.
    reads: dict[Path, FileRead] = field(default_factory=dict)
    #: Map ids found in the files of each folder searched (resolved), for "did you mean".
    beside: dict[Path, set[str]] = field(default_factory=dict)
    #: Files that failed to load, named or searched, in the order read.
    unreadable: list[str] = field(default_factory=list)
    #: How references resolve among the maps as written (named and helpers).
    scope: Scope = field(default_factory=Scope)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    def all_maps(self) -> dict[str, ArgumentMap]:
        """Named maps and the helper maps that references reached."""
        return {**self.helpers, **self.maps}

    def raise_for_errors(self) -> Workspace:
        if self.errors:
            raise MapError(diagnostics=sort_diagnostics(self.diagnostics))
        return self


def expand_paths(paths: Iterable[StrPath], fmt: str | None = None) -> list[Path]:
    """Files named, and the readable map files directly inside folders named.

    A file named twice (``maps/ maps/a.yaml``, or ``maps ./maps``) is read once.
    """
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and not _is_folder_format(path, fmt):
            found = map_files_in(path)
            if not found:
                raise ArgmapError(
                    f"{path}: no map files in this folder "
                    f"(looked for {', '.join(readwrite.readable_extensions())})"
                )
            out.extend(found)
        elif path.exists():
            out.append(path)
        else:
            raise ArgmapError(f"{path}: no such file or folder")
    seen: set[Path] = set()
    unique = []
    for path in out:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            unique.append(path)
    return unique


def map_files_in(folder: str | Path) -> list[Path]:
    """The map files directly inside *folder*, sorted by name.

    The one rule for "the maps in a folder": files whose extension a reader
    knows (see :func:`argmap.readwrite.readable_extensions`), hidden files
    (``.name``, editor backups and the like) and JSON Schemas
    (``*.schema.json``) left out, no recursion.  A file named on its own is
    read whatever its name.  An empty list when *folder* is not a folder.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    extensions = readwrite.readable_extensions()
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and _has_extension(p, extensions)
        and not p.name.lower().endswith(_SCHEMA_SUFFIX)
    )


#: ``argmap schema > maps/argmap.schema.json`` puts the JSON Schema beside
#: the maps (editors find it there); it is no map, so a folder leaves it out.
_SCHEMA_SUFFIX = ".schema.json"


def find_map_near(path: str | Path, map_id: str) -> ArgumentMap | None:
    """The map with id *map_id* among the map files beside *path*, as written.

    *path* is a file (which need not exist yet: the map being written) or a
    folder; the files searched are :func:`map_files_in` its folder, *path*
    itself excepted, in name order, and the first map with that id wins.
    Files that cannot be read are skipped.  The map's ``path`` says where it
    was found.  ``None`` when no file there holds the map.
    """
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    itself = path.resolve()
    for candidate in map_files_in(folder):
        if candidate.resolve() == itself:
            continue
        for amap in _read_quietly(candidate).maps:
            if amap.id == map_id:
                return amap
    return None


def _read_quietly(path: Path) -> FileRead:
    """The maps in *path* and the problems, failing quietly.

    A file beside the maps may be anything, so failing is not an error here;
    the problems are those of a MapError (none for other failures).
    """
    try:
        return FileRead(str(path), tuple(readwrite.read(path)))
    except MapError as exc:
        return FileRead(str(path), (), tuple(exc.diagnostics), True)
    except (ArgmapError, ValueError) as exc:
        return FileRead(str(path), (), (), True, str(exc))


def _has_extension(path: Path, extensions: Iterable[str]) -> bool:
    name = path.name.lower()
    return not name.startswith(".") and any(name.endswith(e) for e in extensions)


def _is_folder_format(path: Path, fmt: str | None) -> bool:
    """A folder that a format reads whole (the microtext corpus: one map per XML file)."""
    return (
        fmt is not None
        and fmt in readwrite.formats()
        and getattr(readwrite.formats()[fmt], "folder", False)
    )


def load_map(path: StrPath, fmt: str | None = None) -> ArgumentMap:
    """The one map in *path*; raises MapError with every problem found."""
    maps = readwrite.read(path, fmt)
    if len(maps) != 1:
        raise ArgmapError(
            f"{path}: holds {len(maps)} maps; use load_workspace for several"
        )
    return maps[0]


def load_workspace(
    paths: Iterable[StrPath],
    fmt: str | None = None,
    *,
    check: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> Workspace:
    """Read every map under *paths*; with *check*, run the semantic checks too.

    Problems are collected, not raised, so that one bad file does not hide
    the others; call :meth:`Workspace.raise_for_errors` to stop on errors.
    *progress* is called as ``progress(files_read, files)`` after each file.
    """
    ws = Workspace()
    files = expand_paths(paths, fmt)
    for done, path in enumerate(files, 1):
        try:
            # Readers of other tools' formats warn about what they left out.
            loaded, warned = readwrite.format_for(path, fmt).read_with_warnings(path)
            record = FileRead(str(path), tuple(loaded))
        except MapError as exc:
            record = FileRead(str(path), (), tuple(exc.diagnostics), True)
            loaded, warned = [], []
            ws.diagnostics.extend(exc.diagnostics)
        _record(ws, path, record)
        ws.diagnostics.extend(warned)
        for amap in loaded:
            _add(ws, amap, path)
        if progress is not None:
            progress(done, len(files))
    _resolve_helpers(ws, files)
    ws.scope = Scope(
        ws.all_maps(),
        unreadable=ws.unreadable,
        file_problems={key: read.first_problem() for key, read in ws.reads.items()},
        ids_beside=ws.beside,
    )
    if check:
        ws.diagnostics.extend(check_maps(ws.scope, names=list(ws.maps)))
    _apply_extensions(ws)
    ws.diagnostics = sort_diagnostics(ws.diagnostics)
    return ws


def _record(ws: Workspace, path: Path, record: FileRead) -> None:
    ws.reads[path.resolve()] = record
    if record.failed:
        ws.unreadable.append(record.path)


def _apply_extensions(ws: Workspace) -> None:
    """The single point where extensions become the maps commands see."""
    ws.written = dict(ws.maps)
    for map_id, amap in ws.written.items():
        if not amap.extends:
            continue
        try:
            ws.maps[map_id] = effective_map(amap, ws.scope)
        except MapError as exc:
            # Already reported by the checks when they ran; kept as written.
            ws.diagnostics.extend(exc.diagnostics)


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


def _map_ids_named(amap: ArgumentMap) -> set[str]:
    """Ids of the maps *amap*'s references name (its base by id included)."""
    wanted = set()
    if amap.extends and not is_path_reference(amap.extends):
        wanted.add(amap.extends)
    for relation in amap.relations:
        for end in (relation.source, *relation.linked, *relation.target.split(ARROW)):
            wanted.add(split_ref(end)[0] or amap.id)
    for claim in amap.claims.values():
        wanted.update(split_ref(ref)[0] or amap.id for ref in claim.same_as)
    return wanted


def _resolve_helpers(ws: Workspace, files: list[Path]) -> None:
    """Load the maps that references need and that were not named.

    A base named by path (``extends: ../base.yaml``) is read from that file;
    other maps are searched by id among the map files beside the named files
    and beside the maps loaded so far (so a chain of bases in another folder
    resolves), until nothing more is found.  Each file is read once and
    recorded in :attr:`Workspace.reads` (those that fail in ``unreadable``),
    the ids found in each folder searched in :attr:`Workspace.beside`.
    """
    named = {p.resolve() for p in files}

    def read(shown: Path) -> FileRead:
        # Recorded by the resolved path; read as *shown*, the path messages name.
        key = shown.resolve()
        if key not in ws.reads:
            _record(ws, shown, _read_quietly(shown))
        return ws.reads[key]

    def add(amap: ArgumentMap) -> bool:
        if amap.id in ws.maps or amap.id in ws.helpers:
            return False
        ws.helpers[amap.id] = amap
        return True

    scanned: set[Path] = set()
    #: Maps read from the folders searched so far, by id (the first file wins).
    nearby: dict[str, ArgumentMap] = {}
    progress = True
    while progress:
        progress = False
        for amap in list(ws.all_maps().values()):
            target = base_path(amap)
            if target is None or target.resolve() in named or not target.is_file():
                continue
            record = read(target)
            for diagnostic in record.diagnostics:
                if diagnostic not in ws.diagnostics:
                    # The base is broken: say why, beside "no such base map".
                    ws.diagnostics.append(diagnostic)
            for base in record.maps:
                progress |= add(base)
        wanted: set[str] = set()
        for amap in ws.all_maps().values():
            wanted |= _map_ids_named(amap)
        missing = wanted - set(ws.all_maps())
        if not missing:
            continue
        folders = {p.parent for p in files} | {
            Path(m.path).parent for m in ws.helpers.values() if m.path
        }
        for folder in sorted(folders - scanned):
            scanned.add(folder)
            ids = ws.beside.setdefault(folder.resolve(), set())
            for path in map_files_in(folder):
                if path.resolve() in named:
                    ids.update(m.id for m in ws.reads[path.resolve()].maps)
                    continue
                for amap in read(path).maps:
                    ids.add(amap.id)
                    nearby.setdefault(amap.id, amap)
        for map_id in sorted(missing):
            if map_id in nearby:
                progress |= add(nearby[map_id])


def check_paths(
    paths: Iterable[StrPath],
    sources: Mapping[str, str] | None = None,
    fmt: str | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> list[Diagnostic]:
    """Every problem in the maps under *paths*, sorted by file and line.

    *sources* maps a map id to the path of its article's text; quotes are
    verified against it (a map's own ``source.text`` is used too).
    *progress* is passed to :func:`load_workspace`.
    """
    ws = load_workspace(paths, fmt, progress=progress)
    out = list(ws.diagnostics)
    sources = dict(sources or {})
    for map_id in sources:
        if map_id not in ws.maps:
            raise UnknownSourceMap(map_id, list(ws.maps))
    for amap in ws.written.values():  # an extension's quotes, not its base's
        text_path = sources.get(amap.id)
        from_map = text_path is None and bool(amap.source.text and amap.path)
        if from_map and amap.path and amap.source.text:
            text_path = str(Path(amap.path).parent / amap.source.text)
        if text_path is None:
            continue
        try:
            text = read_text(text_path)
        except MapError as exc:
            out.extend(
                _at_source_field(amap, d) if from_map else d for d in exc.diagnostics
            )
            continue
        out.extend(verify_quotes(amap, text, text_path))
    return sort_diagnostics(out)


def _at_source_field(amap: ArgumentMap, problem: Diagnostic) -> Diagnostic:
    """A problem reading the file ``source.text`` names, located where it is named.

    A file that cannot be opened at all has no line of its own to point at,
    and the user's mistake is in the map; problems inside the text (bad
    UTF-8 at some line) stay at the text file.
    """
    if problem.line is not None:
        return problem
    return error(
        problem.code,
        f"source.text file {problem.path}: {problem.message}",
        path=amap.path,
        line=amap.lines.get("source.text") or amap.lines.get("source"),
        fix="correct source.text; it is relative to the map's folder",
    )
