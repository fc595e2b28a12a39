"""Readers and writers of map files, one module per format, found by extension.

A reader turns a path into maps (most formats hold one map per file; a
folder of microtext XML or one AIF file may hold several); a writer turns a
map into text or bytes.  Modules are imported only when their format is used,
so that start-up stays fast.  Other installed packages add formats through
the entry point groups ``argmap.readers`` and ``argmap.writers`` (see the
README); each entry point names a :class:`Format`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from argmap.diagnostics import ArgmapError, MapError, sort_diagnostics
from argmap.errors import UnknownExtension, UnknownFormat
from argmap.model import ArgumentMap
from argmap.readwrite import document

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
        if hasattr(module, "read_documents"):
            documents, warnings = module.read_documents(Path(path))
            maps = document.load_all(documents, sort=self.module != _NATIVE)
            return maps, list(warnings)
        if hasattr(module, "read_with_warnings"):
            found, warnings = module.read_with_warnings(Path(path))
        else:
            found, warnings = module.read(Path(path)), []
        maps = list(found) if isinstance(found, (list, tuple)) else [found]
        problems = []
        for amap in maps:
            if not isinstance(amap, ArgumentMap):
                raise ArgmapError(
                    f"{path}: the {self.name} reader returned {type(amap).__name__}, not a map"
                )
            problems += document.model_diagnostics(amap, amap.path or str(path))
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


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    from importlib.metadata import entry_points

    for group in ("argmap.readers", "argmap.writers"):
        for entry in entry_points(group=group):
            try:
                fmt = entry.load()
            except Exception as exc:  # noqa: BLE001 -- a broken plugin must not break argmap
                import warnings

                warnings.warn(
                    f"argmap: cannot load format plugin {entry.name!r}: {exc}",
                    stacklevel=2,
                )
                continue
            if isinstance(fmt, Format):
                register(fmt)


def formats() -> dict[str, Format]:
    _load_plugins()
    return FORMATS


def format_for(path, name: str | None = None, *, writing: bool = False) -> Format:
    """The format named *name*, else the one whose extension *path* has.

    UnknownFormat or UnknownExtension when there is none (with *writing*,
    only formats argmap can write are offered); ArgmapError when the format
    cannot be read (or, *writing*, written).
    """
    table = formats()
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
    return format_for("", fmt, writing=True).load().write(amap)


def write(amap: ArgumentMap, path, fmt: str | None = None) -> Path:
    """Write *amap* to *path* atomically, in the format of its extension or *fmt*."""
    from argmap.fileio import atomic_write

    data = format_for(path, fmt, writing=True).load().write(amap)
    return atomic_write(path, data)


def readable_extensions() -> tuple[str, ...]:
    return tuple(
        sorted({e for f in formats().values() if f.readable for e in f.extensions})
    )
