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

Files and links
    A folder gives the map files directly inside it (:func:`map_files_in`).
    A file there that is plainly no map (JSON or YAML without the fields of
    any map format, XML that is no GraphML or microtext, an empty file) is
    skipped with a note; a file named on the command line is read whatever
    it holds, and its problems are errors.  A symbolic link is followed only
    when the file it leads to lies inside the folder of the map that names
    it (for a folder's files: that folder) or inside a folder given on the
    command line (:attr:`Workspace.roots`); otherwise it is not read, and a
    note (or, for ``extends``, the error) says so.  Git checkouts create
    links, and a link to ``/etc/passwd`` must not put that file in a report.
    A path written in a map without links (``extends: ../base.yaml``) is
    followed as written.

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
    note,
    sort_diagnostics,
)
from argmap.errors import UnknownSourceMap
from argmap.extensions import effective_map
from argmap.fileio import may_follow, read_text, real_path, roots_of
from argmap.model import ArgumentMap
from argmap.readwrite._foreign import NOT_A_MAP
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
    #: The folders given on the command line (a file's folder for a file),
    #: resolved: symbolic links may lead anywhere inside them.
    roots: tuple[Path, ...] = ()

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    def files_read(self) -> list[Path]:
        """Every file read: the maps named, their bases, the files searched beside them.

        Files that failed to load count too: an operation never writes over
        anything it read.
        """
        maps = [*self.all_maps().values(), *self.written.values()]
        named = [Path(m.path) for m in maps if m.path]
        read = [Path(r.path) for r in self.reads.values()]
        return list(dict.fromkeys([*named, *read]))

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
    paths = list(paths)
    return [path for path, _ in _expand(paths, fmt, roots_of(paths))[0]]


def _expand(
    paths: list[StrPath], fmt: str | None, roots: tuple[Path, ...]
) -> tuple[list[tuple[Path, bool]], list[Diagnostic]]:
    """``(path, named)`` for every file to read, and notes on links not followed.

    *named* is true for a file named on its own, false for one found in a folder.
    """
    out: list[tuple[Path, bool]] = []
    notes: list[Diagnostic] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir() and not _is_folder_format(path, fmt):
            skipped: list[Diagnostic] = []
            found = map_files_in(path, roots, skipped)
            notes += skipped
            if not found:
                also = "".join(f"; {d.path}: {d.message}" for d in skipped)
                raise ArgmapError(
                    f"{path}: no map files in this folder "
                    f"(looked for {', '.join(readwrite.readable_extensions())}){also}"
                )
            out.extend((p, False) for p in found)
        elif path.exists():
            out.append((path, True))
        else:
            raise ArgmapError(f"{path}: no such file or folder")
    seen: dict[Path, int] = {}
    unique: list[tuple[Path, bool]] = []
    for path, named in out:
        key = real_path(path)
        if key in seen:
            # Named on its own and found in a folder: named.
            earlier = unique[seen[key]]
            unique[seen[key]] = (earlier[0], earlier[1] or named)
            continue
        seen[key] = len(unique)
        unique.append((path, named))
    return unique, notes


def map_files_in(
    folder: str | Path,
    roots: Iterable[Path] = (),
    notes: list[Diagnostic] | None = None,
) -> list[Path]:
    """The map files directly inside *folder*, sorted by name.

    The one rule for "the maps in a folder": files whose extension a reader
    knows (see :func:`argmap.readwrite.readable_extensions`), hidden files
    (``.name``, editor backups and the like) and JSON Schemas
    (``*.schema.json``) left out, no recursion.  A symbolic link counts
    only when it leads to a file inside *folder* or one of *roots*
    (:func:`may_follow`); one that does not, or leads nowhere, is left out
    with a note appended to *notes*.  A file named on its own is read
    whatever its name.  An empty list when *folder* is not a folder.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    extensions = readwrite.readable_extensions()
    found = []
    for p in sorted(folder.iterdir()):
        if not _has_extension(p, extensions) or p.name.lower().endswith(_SCHEMA_SUFFIX):
            continue
        if p.is_symlink():
            reason = None
            if not p.exists():
                reason = "a symbolic link that leads nowhere"
            elif not may_follow(p.name, folder, roots):
                reason = (
                    "a symbolic link to a file outside this folder "
                    "(and outside the folders named on the command line)"
                )
            if reason is not None:
                if notes is not None:
                    notes.append(
                        note(
                            "link-not-followed",
                            f"skipped: {reason}",
                            path=str(p),
                            fix="name the file itself on the command line to read it",
                        )
                    )
                continue
        if p.is_file():
            found.append(p)
    return found


#: Why a base reached through a symbolic link is not read.
_OUTSIDE = (
    "it is a symbolic link that leads outside this map's folder (and outside "
    "the folders named on the command line), so it is not followed; copy the "
    "base beside the map, or name its folder on the command line"
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
    itself = real_path(path)
    for candidate in map_files_in(folder):
        if real_path(candidate) == itself:
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
    paths = list(paths)
    ws = Workspace(roots=roots_of(paths))
    inputs, notes = _expand(paths, fmt, ws.roots)
    ws.diagnostics.extend(notes)
    files = [path for path, _ in inputs]
    for done, (path, named) in enumerate(inputs, 1):
        if not named and _is_empty(path):
            # ``argmap tensions maps/ --json > maps/t.json``: the shell makes
            # t.json (empty) before argmap runs.
            ws.diagnostics.append(
                note(NOT_A_MAP, "skipped: an empty file", path=str(path), fix=_SKIP_FIX)
            )
            _record(ws, path, FileRead(str(path), failed=True, reason="an empty file"))
            continue
        try:
            # Readers of other tools' formats warn about what they left out.
            loaded, warned = readwrite.format_for(path, fmt).read_with_warnings(path)
            record = FileRead(str(path), tuple(loaded))
        except MapError as exc:
            record = FileRead(str(path), (), tuple(exc.diagnostics), True)
            loaded, warned = [], []
            if not named and _plainly_no_map(exc.diagnostics):
                ws.diagnostics.append(_skipped(path, exc.diagnostics))
            else:
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


def _plainly_no_map(problems: Iterable[Diagnostic]) -> bool:
    """Whether a file's load errors say only that it holds no map of any format."""
    errors = [d for d in problems if d.is_error]
    return bool(errors) and all(d.code == NOT_A_MAP for d in errors)


def _skipped(path: Path, problems: Iterable[Diagnostic]) -> Diagnostic:
    why = next(d.message for d in problems if d.is_error)
    return note(NOT_A_MAP, f"skipped: {why}", path=str(path), fix=_SKIP_FIX)


_SKIP_FIX = (
    "move it out of the folder of maps, or name it on its own to see every problem"
)


def _is_empty(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return False


def _record(ws: Workspace, path: Path, record: FileRead) -> None:
    ws.reads[real_path(path)] = record
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
    named = {real_path(p) for p in files}

    def read(shown: Path) -> FileRead:
        # Recorded by the resolved path; read as *shown*, the path messages name.
        key = real_path(shown)
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
            if target is None or real_path(target) in named or not target.is_file():
                continue
            assert amap.extends is not None  # a base path comes from 'extends'
            folder = Path(amap.path).parent if amap.path else Path(".")
            if not may_follow(amap.extends, folder, ws.roots):
                key = real_path(target)
                if key not in ws.reads:
                    _record(
                        ws, target, FileRead(str(target), failed=True, reason=_OUTSIDE)
                    )
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
            ids = ws.beside.setdefault(real_path(folder), set())
            for path in map_files_in(folder, ws.roots, ws.diagnostics):
                if real_path(path) in named:
                    ids.update(m.id for m in ws.reads[real_path(path)].maps)
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
            if not may_follow(amap.source.text, Path(amap.path).parent, ws.roots):
                out.append(
                    _at_source_field(
                        amap,
                        error(
                            "io",
                            "not read: a symbolic link that leads outside the map's "
                            "folder (and the folders named on the command line)",
                            path=text_path,
                        ),
                    )
                )
                continue
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
