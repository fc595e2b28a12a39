"""What the readers and writers of other tools' formats share.

Foreign formats name things freely (titles with spaces, numeric node ids);
the map format wants slugs.  Readers turn names into slugs here, report what
they could not carry over as warnings (never a silent loss), and report
broken input as :class:`MapError` with file and line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from argmap.diagnostics import Diagnostic, MapError, error, warning

_NOT_SLUG = re.compile(r"[^A-Za-z0-9_.-]+")
SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
REF = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_.-]*#)?[A-Za-z0-9][A-Za-z0-9_.-]*$")


def slugify(text: str, *, lower: bool = True, fallback: str = "claim") -> str:
    """A map-format id made from free text ("Summits set mood" -> "summits-set-mood")."""
    slug = _NOT_SLUG.sub("-", text.strip())
    slug = re.sub(r"-{2,}", "-", slug).strip("-._")
    if lower:
        slug = slug.lower()
    return slug or fallback


def unique(base: str, taken: set[str] | dict) -> str:
    """*base*, or *base*-2, -3, ... whichever is not taken yet."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def fail(path, message: str, *, line=None, column=None, fix=None, code="syntax"):
    """Raise the MapError for input a reader cannot make sense of."""
    raise MapError(
        diagnostics=[
            error(
                code,
                message,
                path=str(path) if path is not None else None,
                line=line,
                column=column,
                fix=fix,
            )
        ]
    )


def warn(path, code: str, message: str, *, line=None, fix=None) -> Diagnostic:
    return warning(
        code,
        message,
        path=str(path) if path is not None else None,
        line=line,
        fix=fix,
    )


def load_json(path, text: str | None = None) -> Any:
    """Parse a JSON file; a syntax error becomes a MapError with its line."""
    from argmap.fileio import read_text

    text = read_text(path) if text is None else text
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        fail(
            path,
            f"invalid JSON: {exc.msg}",
            line=exc.lineno,
            column=exc.colno,
            fix="check commas, quotes and brackets around this line",
        )
    if "\\u" in text and _has_lone_surrogate(data):
        # JSON lets "\ud800" through, but no UTF-8 output (SVG, YAML, HTML)
        # can hold it; refuse it here, where the file and line are known.
        match = _LONE_SURROGATE.search(text)
        fail(
            path,
            "a \\uD800-\\uDFFF escape that is not half of a valid pair (not a character)",
            line=text.count("\n", 0, match.start()) + 1 if match else None,
            fix="remove the escape or write the character itself",
        )
    return data


_LONE_SURROGATE = re.compile(
    r"(?<![\\])\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])"
    r"|(?<![\\])(?<![dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _has_lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(v) for v in value)
    return False


def dump_json(data: Any) -> str:
    """Deterministic JSON: keys sorted, two-space indent, text kept readable."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def map_id_from_path(path) -> str:
    name = Path(path).name
    for suffix in (".aif.json", ".json", ".aif", ".graphml", ".argdown", ".ad", ".xml"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return slugify(name, lower=False, fallback="map")


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def drop_none(items: Iterable[tuple[str, Any]]) -> dict:
    return {k: v for k, v in items if v is not None and v != () and v != []}
