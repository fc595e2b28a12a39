"""Readers and writers of map files, one module per format, found by extension.

A reader turns a path into maps (most formats hold one map per file; a
folder of microtext XML or one AIF file may hold several); a writer turns a
map into text or bytes.  Modules are imported only when their format is used,
so that start-up stays fast.  Other installed packages add formats through
the entry point groups ``argmap.readers`` and ``argmap.writers`` (see the
README and :mod:`argmap.plugins`); each entry point names a :class:`Format`.

What a format's module provides is stated as protocols: :class:`DocumentReader`
(the built-in readers), :class:`MapReader` or :class:`WarningMapReader`
(readers that build maps), :class:`Writer`.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Protocol, TypeGuard, runtime_checkable

from argmap import plugins
from argmap._gc import paused
from argmap.diagnostics import ArgmapError, Diagnostic, MapError, sort_diagnostics
from argmap.errors import UnknownExtension, UnknownFormat
from argmap.model import ArgumentMap
from argmap.readwrite import document
from argmap.readwrite.builder import model_diagnostics

__all__ = [
    "FORMATS",
    "DocumentReader",
    "Format",
    "MapReader",
    "WarningMapReader",
    "Writer",
    "dumps",
    "format_for",
    "formats",
    "read",
    "readable_extensions",
    "register",
    "write",
]


@runtime_checkable
class DocumentReader(Protocol):
    """A format module that reads a file into documents, which pass the gate before any map exists."""

    def read_documents(
        self, path: Path
    ) -> tuple[Sequence[document.Document], Sequence[Diagnostic]]: ...


@runtime_checkable
class WarningMapReader(Protocol):
    """A format module that reads maps and says what it could not carry over."""

    def read_with_warnings(
        self, path: Path
    ) -> tuple[ArgumentMap | Sequence[ArgumentMap], Sequence[Diagnostic]]: ...


@runtime_checkable
class MapReader(Protocol):
    """A format module that reads one map, or a list of maps, from a file."""

    def read(self, path: Path) -> ArgumentMap | Sequence[ArgumentMap]: ...


@runtime_checkable
class Writer(Protocol):
    """A format module that writes a map as text or bytes."""

    def write(self, amap: ArgumentMap) -> str | bytes: ...


#: The native format's module: one file, whose problems keep their order.
_NATIVE = "argmap.readwrite.yamlmap"


@dataclass(frozen=True)
class Format:
    """One file format: its name, extensions and where its code lives.

    ``module`` must define ``read(path) -> ArgumentMap | list[ArgumentMap]``
    when the format is readable and ``write(map) -> str | bytes`` when it is
    writable.  A reader may instead (the built-in ones do) define
    ``read_documents(path) -> (documents, warnings)``, giving
    :class:`argmap.readwrite.document.Document` objects, which pass the
    gate before any model is built.
    """

    name: str
    extensions: tuple[str, ...]
    module: str
    readable: bool = True
    writable: bool = True
    description: str = ""
    #: The reader takes a whole folder (one map per file inside, e.g. the
    #: microtext corpus) when the format is named with ``--from``.
    folder: bool = False

    def load(self) -> ModuleType:
        """The module with ``read``/``write``; a plugin that cannot be imported is an ArgmapError."""
        try:
            return importlib.import_module(self.module)
        except ImportError as exc:
            raise ArgmapError(
                f"format {self.name!r}: cannot import its module {self.module!r} ({exc}); "
                "reinstall the package that provides it, or fix its entry point"
            ) from None

    def dumps(self, amap: ArgumentMap) -> str | bytes:
        """*amap* written in this format (by its module's ``write``)."""
        module = self.load()
        if not isinstance(module, Writer):
            raise ArgmapError(
                f"format {self.name!r}: its module {self.module!r} has no write(map)"
            )
        return module.write(amap)

    def read_with_warnings(self, path: str | Path) -> tuple[list[ArgumentMap], list]:
        """The maps at *path* and the reader's warnings (what it could not carry over).

        Every map passes one gate, whatever its format: as a document it
        must satisfy the map format's JSON Schema, like a YAML file (ids are
        slugs, roles and weights are in range, nothing the native format
        could not hold).  Otherwise a foreign file could put ``../x`` into a
        map id that becomes an output file name, or a NaN weight into the
        strengths.  Readers that give documents pass it before their maps
        are built; maps from readers that build them (plugins) are turned
        into documents to pass it.  Modules without ``read_with_warnings``
        have nothing to warn about.
        """
        module = self.load()
        if isinstance(module, DocumentReader):
            with paused():  # many small objects, no cycles: see argmap._gc
                documents, warnings = module.read_documents(Path(path))
                built = document.load_all(documents, sort=self.module != _NATIVE)
            return built, list(warnings)
        found: ArgumentMap | Sequence[ArgumentMap]
        if isinstance(module, WarningMapReader):
            found, warnings = module.read_with_warnings(Path(path))
        elif isinstance(module, MapReader):
            found, warnings = module.read(Path(path)), []
        else:
            raise ArgmapError(
                f"format {self.name!r}: its module {self.module!r} has no read(path)"
            )
        given: list[object] = (
            list(found) if isinstance(found, (list, tuple)) else [found]
        )
        maps: list[ArgumentMap] = []
        problems = []
        for amap in given:
            if not isinstance(amap, ArgumentMap):
                raise ArgmapError(
                    f"{path}: the {self.name} reader returned {type(amap).__name__}, not a map"
                )
            maps.append(amap)
            problems += model_diagnostics(amap, amap.path or str(path))
        if problems:
            raise MapError(diagnostics=sort_diagnostics(problems))
        return maps, list(warnings)


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Add a format (later registrations of a name replace earlier ones)."""
    FORMATS[fmt.name] = fmt
    return fmt


register(
    Format(
        "yaml",
        (".yaml", ".yml"),
        "argmap.readwrite.yamlmap",
        description="native argmap map (YAML v1)",
    )
)
register(
    Format(
        "json",
        (".json",),
        "argmap.readwrite.jsonmap",
        description="node-link JSON (networkx); AIF JSON is recognised by content",
    )
)
register(
    Format(
        "aif",
        (".aif.json", ".aif"),
        "argmap.readwrite.aif",
        description="Argument Interchange Format JSON (OVA, AIFdb)",
    )
)
register(
    Format(
        "argdown",
        (".argdown", ".ad"),
        "argmap.readwrite.argdown",
        description="Argdown",
    )
)
register(
    Format(
        "graphml",
        (".graphml",),
        "argmap.readwrite.graphml",
        description="GraphML (networkx)",
    )
)
register(
    Format(
        "microtext",
        (".xml",),
        "argmap.readwrite.microtext",
        writable=False,
        folder=True,
        description="arg-microtexts corpus XML (a file, or a folder with --from microtext)",
    )
)
register(
    Format(
        "mermaid",
        (".mmd", ".mermaid"),
        "argmap.readwrite.mermaid",
        readable=False,
        description="Mermaid flowchart",
    )
)

_plugins_loaded = False


def _is_format(value: object) -> TypeGuard[Format]:
    return isinstance(value, Format)


def _load_plugins() -> None:
    """Register the formats of installed plugins, once; PluginFailed if one is broken.

    All of them or none (see :mod:`argmap.plugins` for why a broken one is
    an error), so a failed load is tried again, and fails again, next time.
    """
    global _plugins_loaded
    if _plugins_loaded:
        return
    found = [
        fmt
        for group in (plugins.READERS, plugins.WRITERS)
        for fmt in plugins.load(group, _is_format, "a Format").values()
    ]
    for fmt in found:
        register(fmt)
    _plugins_loaded = True


def formats() -> dict[str, Format]:
    _load_plugins()
    return FORMATS


def format_for(path, name: str | None = None, *, writing: bool = False) -> Format:
    """The format named *name*, else the one whose extension *path* has.

    UnknownFormat or UnknownExtension when there is none (with *writing*,
    only formats argmap can write are offered); ArgmapError when the format
    cannot be read (or, *writing*, written).
    """
    from argmap.fileio import is_stdout

    table = formats()
    if not name and writing and is_stdout(path):
        name = "yaml"  # standard output carries the native format unless told
    if name:
        if name not in table:
            raise UnknownFormat(name, sorted(table), writing=writing)
        fmt = table[name]
    else:
        suffix = "".join(Path(path).suffixes[-2:]).lower()
        candidates = [
            f
            for f in table.values()
            if any(suffix.endswith(ext) for ext in f.extensions)
        ]
        if not candidates:
            # Only the extensions that would work: .xml cannot be written.
            usable = [f for f in table.values() if f.writable or not writing]
            known = sorted({e for f in usable for e in f.extensions})
            raise UnknownExtension(str(path), known, writing=writing)
        # The longest matching extension wins (.aif.json before .json).
        fmt = max(
            candidates,
            key=lambda f: max(len(e) for e in f.extensions if suffix.endswith(e)),
        )
    if writing and not fmt.writable:
        raise ArgmapError(f"argmap can read {fmt.name} but not write it")
    if not writing and not fmt.readable:
        raise ArgmapError(f"argmap can write {fmt.name} but not read it")
    return fmt


def read(path, fmt: str | None = None) -> list[ArgumentMap]:
    """Every map in the file (or format-specific folder) at *path*.

    Reads through :meth:`Format.read_with_warnings`, so every map is
    checked for structure whatever its format; the warnings are dropped.
    """
    return format_for(path, fmt).read_with_warnings(path)[0]


def dumps(amap: ArgumentMap, fmt: str) -> str | bytes:
    """The map in format *fmt* (a format name)."""
    return format_for("", fmt, writing=True).dumps(amap)


def write(amap: ArgumentMap, path, fmt: str | None = None) -> Path:
    """Write *amap* to *path* atomically, in the format of its extension or *fmt*."""
    from argmap.fileio import atomic_write

    data = format_for(path, fmt, writing=True).dumps(amap)
    return atomic_write(path, data)


def readable_extensions() -> tuple[str, ...]:
    return tuple(
        sorted({e for f in formats().values() if f.readable for e in f.extensions})
    )


if TYPE_CHECKING:  # the built-in modules provide what their formats promise
    from argmap.readwrite import (
        aif,
        argdown,
        graphml,
        jsonmap,
        mermaid,
        microtext,
        yamlmap,
    )

    _readers: list[DocumentReader] = [
        aif,
        argdown,
        graphml,
        jsonmap,
        microtext,
        yamlmap,
    ]
    _writers: list[Writer] = [aif, argdown, graphml, jsonmap, mermaid, yamlmap]
