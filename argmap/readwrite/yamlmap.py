"""The native map format: YAML, version 1 (see the README's format reference).

Reading is three steps, each reporting :class:`Diagnostic` with file:line:
YAML syntax (:mod:`argmap.readwrite._yamlpos`, which keeps every position),
structure (the gate of :mod:`argmap.readwrite.document`: the JSON Schema
shipped in ``argmap/schema``, the single source of structural rules), then
conversion to the model.  Semantic rules (unknown references, cycles, …)
live in :mod:`argmap.checks`, because they need every map of a workspace.
Writing dumps :func:`argmap.readwrite.document.to_document` as block YAML.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from argmap._gc import paused
from argmap.diagnostics import Diagnostic
from argmap.fileio import read_text
from argmap.model import ArgumentMap
from argmap.readwrite._positions import LineDict, LineList, position
from argmap.readwrite._schema import schema
from argmap.readwrite._yamlpos import parse_yaml, reads_as_text
from argmap.readwrite.builder import model_diagnostics
from argmap.readwrite.document import (
    Document,
    from_document,
    load,
    structure_diagnostics,
    to_document,
)
from argmap.text import BIDI_CONTROLS

__all__ = [
    "EXTENSIONS",
    "LineDict",
    "LineList",
    "dumps",
    "from_document",
    "loads",
    "model_diagnostics",
    "parse_document",
    "parse_yaml",
    "position",
    "read",
    "read_documents",
    "schema",
    "structure_diagnostics",
    "to_document",
    "write",
]

EXTENSIONS = (".yaml", ".yml")

_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


# -- reading ------------------------------------------------------------------------
def parse_document(text: str, path: str | None = None) -> Document:
    """The document of one map file, with its duplicate keys as problems.

    YAML syntax errors raise MapError; structure is not checked yet.
    """
    data, problems = parse_yaml(text, path)
    return Document(data, path, problems)


def loads(text: str, path: str | None = None) -> ArgumentMap:
    """Parse and structurally validate one map; raise MapError listing every problem."""
    return load(parse_document(text, path))


def read_documents(path: str | Path) -> tuple[list[Document], list[Diagnostic]]:
    """The document in the file at *path*, and no warnings (YAML loses nothing)."""
    return [parse_document(read_text(path), str(path))], []


def read(path: str | Path) -> ArgumentMap:
    return loads(read_text(path), str(path))


# -- writing ------------------------------------------------------------------------
class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    pass


def _str_representer(dumper: Any, value: str) -> Any:
    # Long prose reads best folded; everything else stays plain or quoted.
    # Quoted when this package's YAML 1.2 loader would read it as a number
    # or a boolean (PyYAML's YAML 1.1 writes ``1e5`` plain).  Text with a
    # bidi control is double-quoted, so that _dump can write the control as
    # an escape (YAML escapes the other controls itself).
    style: str | None
    if _BIDI.search(value):
        style = '"'
    else:
        style = "|" if "\n" in value else None if reads_as_text(value) else "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


#: Bidi controls, which YAML (allowing Unicode) would write raw.
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


_Dumper.add_representer(str, _str_representer)


def dumps(amap: ArgumentMap) -> str:
    """The map as YAML text; deterministic, and :func:`loads` gives an equal map back."""
    with paused():
        return _dump(amap)


def _dump(amap: ArgumentMap) -> str:
    text = yaml.dump(
        to_document(amap),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=88,
        default_flow_style=False,
    )
    # Only double-quoted scalars hold them (see _str_representer), where
    # \uXXXX reads back as the same character: the file shows what it says.
    return _BIDI.sub(lambda m: f"\\u{ord(m.group()):04X}", text)


def write(amap: ArgumentMap) -> str:
    return dumps(amap)
