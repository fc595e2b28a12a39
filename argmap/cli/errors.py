"""The library's typed errors in the command line's words: the one place options are named.

The library raises :mod:`argmap.errors` with fields and messages about its
Python parameters (``claim 'x': map 'm' has no such claim``); here each
becomes what the person at the terminal typed (``--focus x: map 'm' has no
such claim``), with the option it is about, so that ``--json`` output can
name it too (``"option": "--focus"``).  :func:`argmap.cli._common.handle_errors`
calls :func:`for_cli` for every error without diagnostics; a command's
warnings go through :func:`diagnostics_for_cli`.

The wording depends on the command: an extension no format claims is
``--from``'s business when a map is read, ``--to``'s in ``convert`` and the
output name's in ``merge``.  An error with no entry here (or an entry that
returns None for the command) is shown as the library says it.

Like pypa/build's ``_handle_build_error`` or sqlite-utils' CLI catching
``AlterError``: the library stays usable from Python, the CLI stays the
only part that knows its flags.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from argmap.diagnostics import ArgmapError, Diagnostic
from argmap.errors import (
    INSTALL_HINT,
    BaseNotFound,
    BinaryToTerminal,
    ExportPackageMissing,
    FocusNeedsOneMap,
    FormatMismatch,
    GraphvizCrashed,
    GraphvizMissing,
    GraphvizTimeout,
    InvalidArgument,
    InvalidId,
    LayoutUnreadable,
    NoIdFromTitle,
    NotALinksFile,
    NotAnExtension,
    OutputExists,
    OutputNeedsFolder,
    OutputReadOnly,
    OutputWouldOverwriteInput,
    SameIdAsBase,
    StdoutNeedsOneOutput,
    UnknownBackend,
    UnknownClaim,
    UnknownDrawingExtension,
    UnknownDrawingFormat,
    UnknownExtension,
    UnknownFormat,
    UnknownSourceMap,
    UnknownTag,
    WasmCannotWrite,
    WrongOutputSuffix,
)

__all__ = ["CliError", "diagnostics_for_cli", "for_cli"]


@dataclass(frozen=True)
class CliError:
    """What the command line prints for an error, and the option it is about."""

    message: str
    option: str | None = None


E = TypeVar("E", bound=ArgmapError)
Wording = Callable[[Any, str | None], CliError | None]

#: error class -> its wording for a command (None: the library's message will do).
_WORDING: dict[type, Wording] = {}


def _words(
    cls: type[E],
) -> Callable[[Callable[[E, str | None], CliError | None]], Wording]:
    def register(func: Callable[[E, str | None], CliError | None]) -> Wording:
        _WORDING[cls] = func
        return func

    return register


def for_cli(exc: ArgmapError, command: str | None = None) -> CliError:
    """*exc* as ``argmap COMMAND`` shows it: naming the option, when it is about one."""
    for cls in type(exc).__mro__:
        wording = _WORDING.get(cls)
        if wording is not None:
            found = wording(exc, command)
            if found is not None:
                return found
            break
    return CliError(str(exc))


#: Parameters of the library that warnings' fixes name, per command, with the
#: option that sets them there.
_FIX_OPTIONS: dict[str, dict[str, str]] = {"merge": {"auto_match": "--auto"}}


def diagnostics_for_cli(
    diagnostics: Iterable[Diagnostic], command: str
) -> list[Diagnostic]:
    """*diagnostics* with the library parameters their fixes name given as *command*'s options."""
    options = _FIX_OPTIONS.get(command, {})
    out = []
    for d in diagnostics:
        fix = d.fix
        for parameter, option in options.items():
            if fix:
                fix = re.sub(rf"\b{re.escape(parameter)}\b", option, fix)
        out.append(d if fix == d.fix else replace(d, fix=fix))
    return out


# -- views of a map ----------------------------------------------------------


@_words(UnknownClaim)
def _unknown_claim(exc: UnknownClaim, command: str | None) -> CliError:
    return CliError(f"--focus {exc.claim}: {exc.detail}", "--focus")


@_words(UnknownTag)
def _unknown_tag(exc: UnknownTag, command: str | None) -> CliError:
    return CliError(f"--tag {', '.join(exc.tags)}: {exc.detail}", "--tag")


@_words(FocusNeedsOneMap)
def _focus_one_map(exc: FocusNeedsOneMap, command: str | None) -> CliError:
    return CliError(
        f"--focus works on one map, and {exc.count} were given; "
        "name one map file or add --merged",
        "--focus",
    )


#: Parameters whose values come straight from an option of the same name.
_SAME_NAME = {
    "depth": "--depth",
    "levels": "--levels",
    "graph_attrs": "-G/--graph-attr",
    "layout_budget": "--layout-budget",
}


@_words(InvalidArgument)
def _invalid_argument(exc: InvalidArgument, command: str | None) -> CliError | None:
    if exc.argument == "title" and command == "new":
        return CliError(
            "the title is empty; write one, e.g. argmap new 'Summits and contracts'",
            "TITLE",
        )
    option = _SAME_NAME.get(exc.argument)
    if option is None:
        return None
    return CliError(f"{option} must be {exc.requirement}, not {exc.value}", option)


# -- new maps ----------------------------------------------------------------


@_words(InvalidId)
def _invalid_id(exc: InvalidId, command: str | None) -> CliError:
    return CliError(
        f"--id {exc.value}: not a valid id; use letters, digits, '.', '_', '-', "
        "starting with a letter or digit",
        "--id",
    )


@_words(NoIdFromTitle)
def _no_id(exc: NoIdFromTitle, command: str | None) -> CliError:
    return CliError(
        f"cannot make an id from the title {exc.title!r}; give one with --id, e.g. --id my-map",
        "--id",
    )


@_words(SameIdAsBase)
def _same_id(exc: SameIdAsBase, command: str | None) -> CliError:
    return CliError(
        f"the new map would have the id {exc.map_id!r} of the map it extends; "
        "give it its own with --id",
        "--id",
    )


@_words(BaseNotFound)
def _no_base(exc: BaseNotFound, command: str | None) -> CliError:
    message = f"--extends {exc.base}: {exc.detail}"
    if exc.folder is not None:
        message += (
            "; give the base map's path instead, e.g. --extends ../maps/base.yaml"
        )
    return CliError(message, "--extends")


@_words(OutputExists)
def _exists(exc: OutputExists, command: str | None) -> CliError:
    return CliError(
        f"{exc.path}: already exists; pass --force to overwrite it", "--force"
    )


@_words(WrongOutputSuffix)
def _suffix(exc: WrongOutputSuffix, command: str | None) -> CliError:
    tail = " (convert it later with argmap convert)" if command == "new" else ""
    return CliError(f"-o {exc.path}: {exc.what}; name it {exc.suggestion}{tail}", "-o")


# -- inputs ------------------------------------------------------------------


@_words(UnknownSourceMap)
def _unknown_source(exc: UnknownSourceMap, command: str | None) -> CliError:
    return CliError(f"--source {exc.map_id}=...: {exc.detail}", "--source")


@_words(NotAnExtension)
def _not_extension(exc: NotAnExtension, command: str | None) -> CliError:
    return CliError(
        f"{exc.path}: map {exc.map_id!r} extends no other map; "
        "compare two maps with: argmap diff BASE OTHER",
        "OTHER",
    )


# -- formats -----------------------------------------------------------------


def _format_option(writing: bool, command: str | None) -> str:
    """The option naming a map format: ``--to`` for convert's output, else ``--from``."""
    return "--to" if writing and command == "convert" else "--from"


@_words(UnknownFormat)
def _unknown_format(exc: UnknownFormat, command: str | None) -> CliError:
    option = _format_option(exc.writing, command)
    return CliError(f"{option} {exc.name}: unknown format; {exc.detail}", option)


@_words(UnknownExtension)
def _unknown_extension(exc: UnknownExtension, command: str | None) -> CliError:
    known = ", ".join(exc.known)
    if exc.writing and command == "merge":
        return CliError(
            f"-o {exc.path}: cannot tell the format from the extension of a file "
            f"argmap can write; use one of {known} (e.g. -o merged.yaml)",
            "-o",
        )
    option = _format_option(exc.writing, command)
    article = ""
    if not exc.writing and Path(exc.path).suffix.lower() in _ARTICLE_SUFFIXES:
        # Most often an article's text, given where its map is due.
        draft = Path(exc.path).with_suffix(".yaml")
        article = (
            f"; if it is an article's text, draft its map first: "
            f"argmap extract {exc.path} -o {draft}"
        )
    return CliError(
        f"{exc.path}: cannot tell the format from the extension; use one of {known} "
        f"or name it with {option}{article}",
        option,
    )


#: Extensions of plain text, which is an article to extract, not a map.
_ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown")


@_words(UnknownDrawingFormat)
def _unknown_drawing_format(exc: UnknownDrawingFormat, command: str | None) -> CliError:
    return CliError(
        f"--format {exc.name}: unknown output format; {exc.detail}", "--format"
    )


@_words(UnknownDrawingExtension)
def _unknown_drawing_extension(
    exc: UnknownDrawingExtension, command: str | None
) -> CliError:
    if command == "render":
        return CliError(
            f"{exc.path}: cannot tell the format from the extension; use one of "
            f"{exc.extensions} or pass a format (--format)",
            "--format",
        )
    # diff -o: a drawing of the comparison, and no --format to name it with.
    shown = [f".{f}" for f in exc.known]
    return CliError(
        f"-o {exc.path}: cannot tell the drawing's format from the extension; "
        f"name it {', '.join(shown[:-1])} or {shown[-1]}",
        "-o",
    )


@_words(FormatMismatch)
def _mismatch(exc: FormatMismatch, command: str | None) -> CliError:
    return CliError(
        f"-o {exc.path}: the extension says {exc.by_extension} but --format says {exc.given}",
        "--format",
    )


# -- Graphviz ----------------------------------------------------------------


@_words(UnknownBackend)
def _unknown_backend(exc: UnknownBackend, command: str | None) -> CliError:
    return CliError(f"--backend {exc.name}: unknown backend; {exc.detail}", "--backend")


@_words(WasmCannotWrite)
def _wasm_cannot(exc: WasmCannotWrite, command: str | None) -> CliError:
    fmt = exc.fmt.upper()
    return CliError(
        f"{exc.detail}. For {fmt}, {INSTALL_HINT} and use --backend system (or auto), "
        "or write SVG instead",
        "--backend",
    )


@_words(GraphvizMissing)
def _no_dot(exc: GraphvizMissing, command: str | None) -> CliError:
    if exc.builtin_writes:
        return CliError(
            f"{exc.detail}; or leave out --backend system: the built-in Graphviz writes it",
            "--backend",
        )
    return CliError(
        f"{exc.detail}; SVG output works without it (e.g. -o map.svg)", "-o"
    )


@_words(ExportPackageMissing)
def _no_export(exc: ExportPackageMissing, command: str | None) -> CliError:
    return CliError(
        f"{exc.detail}; or install Graphviz and use --backend system; SVG works as it is",
        "--backend",
    )


@_words(LayoutUnreadable)
def _layout_unreadable(exc: LayoutUnreadable, command: str | None) -> CliError:
    return CliError(f"--layout-from {exc.path}: {exc.reason}", "--layout-from")


@_words(GraphvizCrashed)
def _crashed(exc: GraphvizCrashed, command: str | None) -> CliError | None:
    if command != "render":
        return None  # the library's words: no option to name
    return CliError(
        f"{exc.detail}; draw a smaller view: --focus CLAIM --depth 2, --tag TAG, "
        "or an overview with --levels 2; or lay it out with an installed Graphviz (--backend system)",
        "--focus",
    )


@_words(GraphvizTimeout)
def _timeout(exc: GraphvizTimeout, command: str | None) -> CliError | None:
    if command != "render":
        return None
    return CliError(f"{exc.detail}; try a smaller view (--focus, --tag)", "--focus")


# -- outputs -----------------------------------------------------------------


@_words(OutputNeedsFolder)
def _needs_folder(exc: OutputNeedsFolder, command: str | None) -> CliError:
    if command == "convert":
        folder = Path(exc.output).with_suffix("")
        return CliError(
            f"-o {exc.output}: {exc.count} maps need a folder (one file per map); "
            f"give a folder such as {folder}/ and the format with --to",
            "-o",
        )
    return CliError(
        f"-o {exc.output}: {exc.count} maps need a folder (each map becomes "
        "<map-id>.<ext> in it); give a folder, or add --merged for one file",
        "-o",
    )


@_words(NotALinksFile)
def _not_links(exc: NotALinksFile, command: str | None) -> CliError:
    return CliError(f"-o {exc.path}: {exc.detail}", "-o")


@_words(OutputWouldOverwriteInput)
def _input(exc: OutputWouldOverwriteInput, command: str | None) -> CliError:
    return CliError(
        f"{exc.path}: {exc.detail} with -o (e.g. outside the folder of maps)", "-o"
    )


@_words(OutputReadOnly)
def _read_only(exc: OutputReadOnly, command: str | None) -> CliError:
    return CliError(
        f"-o {exc.path}: {exc.detail}; make it writable (chmod u+w) or choose "
        "another name with -o",
        "-o",
    )


@_words(BinaryToTerminal)
def _binary_to_terminal(exc: BinaryToTerminal, command: str | None) -> CliError:
    return CliError(
        "-o -: PNG and PDF are binary and standard output is a terminal; "
        "redirect it (> map.png) or name a file with -o map.png",
        "-o",
    )


@_words(StdoutNeedsOneOutput)
def _stdout_one(exc: StdoutNeedsOneOutput, command: str | None) -> CliError:
    hint = " or add --merged for one drawing" if command == "render" else ""
    return CliError(
        f"-o -: {exc.count} {exc.what} cannot all go to standard output; "
        f"give a folder with -o{hint}",
        "-o",
    )
