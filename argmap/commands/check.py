"""Checking maps: what ``argmap check`` does.

Every problem of the maps under some paths (:func:`argmap.workspace.check_paths`:
structure, references, cycles, quotes against their articles), and whether
they fail the check: an error does, and with *strict* a warning too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from argmap.commands.loading import Bars, no_bars
from argmap.commands.outputs import PathLike
from argmap.diagnostics import Diagnostic
from argmap.workspace import check_paths

__all__ = ["CheckResult", "check_files"]


@dataclass
class CheckResult:
    """The problems found, sorted by file and line, and how strictly they are judged."""

    diagnostics: list[Diagnostic]
    strict: bool = False

    @property
    def errors(self) -> int:
        return sum(d.is_error for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.is_warning for d in self.diagnostics)

    @property
    def failed(self) -> bool:
        """An error, or with *strict* a warning (notes never fail)."""
        return any(d.is_error or self.strict and d.is_warning for d in self.diagnostics)

    def to_dict(self) -> dict:
        return {
            "ok": not self.failed,
            "errors": self.errors,
            "warnings": self.warnings,
            "problems": [d.to_dict() for d in self.diagnostics],
        }


def check_files(
    paths: Iterable[PathLike],
    sources: Mapping[str, str] | None = None,
    fmt: str | None = None,
    *,
    strict: bool = False,
    bars: Bars = no_bars,
) -> CheckResult:
    """Every problem in the maps under *paths*; *sources* maps a map id to its article's text.

    UnknownSourceMap when *sources* names a map that is not among the inputs.
    """
    with bars("checking maps") as progress:
        diagnostics = check_paths(paths, sources, fmt, progress=progress)
    return CheckResult(diagnostics, strict)
