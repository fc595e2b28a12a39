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
from argmap.ids import slugify
from argmap.model import ArgumentMap, Provenance, Source


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


# -- dict -> model, for the fields that hold lists and mappings -------------------
# Other values (texts, roles, ids) go into the model as they are and the
# gate in argmap.readwrite (the JSON Schema) refuses what is wrong with them;
# these fields must be checked here, because the wrong shape would either
# crash building the model or change meaning ("abc" read as a list of
# letters).
def strings(value: Any, name: str, path, where: str, line=None) -> tuple[str, ...]:
    """A list of texts (tags, same_as, ...); anything else is a MapError."""
    if value is None:
        return ()
    if not isinstance(value, (list, tuple)) or not all(
        isinstance(v, str) for v in value
    ):
        fail(
            path,
            f"{where}: {name!r} must be a list of texts, got {value!r}",
            line=line,
            fix=f'write it as a list, e.g. "{name}": ["..."]',
            code="schema",
        )
    return tuple(value)


def source_of(value: Any, path, where: str, line=None) -> Source | None:
    """A :class:`Source` from a mapping of its fields."""
    if value is None or value == {}:
        return None
    fields = tuple(Source.__dataclass_fields__)
    if not isinstance(value, dict):
        fail(
            path,
            f"{where}: 'source' must be an object, got {value!r}",
            line=line,
            code="schema",
        )
    unknown = sorted(str(k) for k in value if k not in fields)
    if unknown:
        fail(
            path,
            f"{where}: unknown source field {unknown[0]!r}",
            line=line,
            fix=f"use one of: {', '.join(fields)}",
            code="schema",
        )
    return Source(**value)


def provenance_of(value: Any, path, where: str, line=None) -> tuple[Provenance, ...]:
    """Provenance entries from a list of ``{map, claim, text, quote}`` objects."""
    if value is None:
        return ()
    fields = ("map", "claim", "text", "quote")
    if not isinstance(value, (list, tuple)):
        fail(
            path,
            f"{where}: 'provenance' must be a list, got {value!r}",
            line=line,
            code="schema",
        )
    out = []
    for n, item in enumerate(value, 1):
        if not isinstance(item, dict) or "map" not in item or "claim" not in item:
            fail(
                path,
                f"{where}: provenance entry #{n} needs 'map' and 'claim', got {item!r}",
                line=line,
                fix='write {"map": MAP-ID, "claim": CLAIM-ID}',
                code="schema",
            )
        unknown = sorted(str(k) for k in item if k not in fields)
        if unknown:
            fail(
                path,
                f"{where}: provenance entry #{n} has unknown field {unknown[0]!r}",
                line=line,
                fix=f"use one of: {', '.join(fields)}",
                code="schema",
            )
        out.append(
            Provenance(item["map"], item["claim"], item.get("text"), item.get("quote"))
        )
    return tuple(out)


def merged_from_of(value: Any, path, where: str, line=None) -> list:
    """The summaries (id, title, source) of a merged map's inputs."""
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        fail(
            path,
            f"{where}: 'merged_from' must be a list, got {value!r}",
            line=line,
            code="schema",
        )
    out = []
    for n, item in enumerate(value, 1):
        if not isinstance(item, dict) or "id" not in item:
            fail(
                path,
                f"{where}: merged_from entry #{n} needs an 'id', got {item!r}",
                line=line,
                fix='write {"id": MAP-ID, "title": ..., "source": {...}}',
                code="schema",
            )
        unknown = sorted(str(k) for k in item if k not in ("id", "title", "source"))
        if unknown:
            fail(
                path,
                f"{where}: merged_from entry #{n} has unknown field {unknown[0]!r}",
                line=line,
                fix="use one of: id, title, source",
                code="schema",
            )
        out.append(
            ArgumentMap(
                item["id"],
                item.get("title"),
                source_of(
                    item.get("source"), path, f"{where}: merged_from entry #{n}", line
                ),
            )
        )
    return out


def flag_of(value: Any, name: str, path, where: str, line=None) -> bool:
    """A true/false field (absent: false); anything else is a MapError."""
    if value is None:
        return False
    if not isinstance(value, bool):
        fail(
            path,
            f"{where}: '{name}' must be true or false, got {value!r}",
            line=line,
            code="schema",
        )
    return value


def weight_of(value: Any, path, where: str, line=None) -> float:
    """A relation weight; the gate checks it is between 0 and 1 (and not NaN)."""
    if value is None:
        return 1.0
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            return float(value)  # GraphML and Argdown may give "0.8" as text
        except (TypeError, ValueError):
            fail(
                path,
                f"{where}: weight {value!r} is not a number",
                line=line,
                fix="write a weight between 0 and 1, e.g. 0.8",
                code="schema",
            )
    return float(value)


def json_line_finder(text: str | None):
    """Line of the first ``"field": value`` in JSON *text* with that value, for messages.

    One pass over the text per field, so that big files stay linear.
    """
    tables: dict[str, dict[str, int]] = {}
    value_re = r'("(?:[^"\\]|\\.)*"|[^\s,}\]]+)'

    def line_of(value: Any, field: str) -> int | None:
        if text is None:
            return None
        if field not in tables:
            table: dict[str, int] = {}
            line, last = 1, 0
            for match in re.finditer(rf'"{re.escape(field)}"\s*:\s*{value_re}', text):
                line += text.count("\n", last, match.start())
                last = match.start()
                raw = match.group(1)
                try:
                    found = json.loads(raw) if raw.startswith('"') else raw
                except json.JSONDecodeError:
                    continue
                table.setdefault(str(found), line)
            tables[field] = table
        return tables[field].get(str(value))

    return line_of


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
        return any(
            _has_lone_surrogate(k) or _has_lone_surrogate(v) for k, v in value.items()
        )
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
