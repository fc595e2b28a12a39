"""Problems found in maps, and the exception that carries them.

Every reader and checker reports through :class:`Diagnostic` so that the CLI
prints them one way (``file:line:col: severity: message``) and ``--json``
gives the same facts to scripts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from argmap.codes import Code

ERROR = "error"
WARNING = "warning"
#: Something the user should know that is no problem of a map: a file in a
#: folder that was skipped.  Never fails a command, not even ``check --strict``.
NOTE = "note"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located as precisely as the input allows."""

    path: str | None
    line: int | None
    column: int | None
    severity: str
    #: Stable machine-readable kind, e.g. ``unknown-reference`` (the
    #: catalogue, with what each means: :mod:`argmap.codes`).
    code: Code
    message: str
    #: What to do about it, in a few words.
    fix: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    def location(self) -> str:
        parts = [self.path or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        text = f"{self.location()}: {self.severity}: {self.message}"
        if self.fix:
            text += f" (fix: {self.fix})"
        return text

    def to_dict(self) -> dict:
        return asdict(self)


def error(
    code: Code, message: str, *, path=None, line=None, column=None, fix=None
) -> Diagnostic:
    return Diagnostic(path, line, column, ERROR, code, message, fix)


def warning(
    code: Code, message: str, *, path=None, line=None, column=None, fix=None
) -> Diagnostic:
    return Diagnostic(path, line, column, WARNING, code, message, fix)


def note(code: Code, message: str, *, path=None, line=None, fix=None) -> Diagnostic:
    return Diagnostic(path, line, None, NOTE, code, message, fix)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """File order, then line order; problems without a line come first."""
    return sorted(
        set(diagnostics),
        key=lambda d: (
            d.path or "",
            d.line or 0,
            d.column or 0,
            d.severity,
            d.code,
            d.message,
        ),
    )


class ArgmapError(Exception):
    """A user-facing failure: bad input, a missing tool, an unwritable file.

    The CLI prints :attr:`diagnostics` (or the message) and exits 1; it never
    shows a traceback for this class.
    """

    def __init__(
        self, message: str | None = None, diagnostics: Iterable[Diagnostic] = ()
    ):
        self.diagnostics = list(diagnostics)
        if message is None:
            errors = [d for d in self.diagnostics if d.is_error] or self.diagnostics
            message = errors[0].format() if errors else "invalid input"
            if len(errors) > 1:
                message += f" (and {len(errors) - 1} more)"
        super().__init__(message)


class MapError(ArgmapError):
    """A map could not be read or is not valid."""
