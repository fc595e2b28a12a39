"""What the readers and writers of other tools' formats share.

Foreign formats name things freely (titles with spaces, numeric node ids);
the map format wants slugs.  Readers turn names into slugs, build a
document (:class:`argmap.readwrite.builder.DocumentBuilder`) whose values
the schema gate then judges, report what they could not carry over as
warnings (never a silent loss), and report input they cannot make sense of
at all (broken JSON, a node without an id) as :class:`MapError` with file
and line, through the helpers here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from argmap.diagnostics import Code, Diagnostic, MapError, error, warning
from argmap.fileio import read_text
from argmap.ids import slugify
from argmap.readwrite.document import MAX_DEPTH, too_deep

#: ``line_of(value, field)``: the line where a field has that value, if found.
LineFinder = Callable[[Any, str], "int | None"]


def fail(
    path: str | Path | None,
    message: str,
    *,
    line: int | None = None,
    column: int | None = None,
    fix: str | None = None,
    code: Code = "syntax",
) -> NoReturn:
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


def warn(
    path: str | Path | None,
    code: Code,
    message: str,
    *,
    line: int | None = None,
    fix: str | None = None,
) -> Diagnostic:
    return warning(
        code,
        message,
        path=str(path) if path is not None else None,
        line=line,
        fix=fix,
    )


def number(value: Any) -> Any:
    """A weight as a number: GraphML and Argdown may give ``"0.8"`` as text.

    A value that is no number is returned as it is, for the gate to refuse
    with its line (an int becomes a float, as the model holds it).
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            return float(value)
        except (TypeError, ValueError):
            return value
    return float(value)


def json_line_finder(text: str | None) -> LineFinder:
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


def load_json(path: str | Path | None, text: str | None = None) -> Any:
    """Parse a JSON file; a syntax error becomes a MapError with its line."""
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
    except RecursionError:
        data = _TOO_DEEP
    if data is _TOO_DEEP or too_deep(data) is not None:
        fail(
            path,
            f"values nested more than {MAX_DEPTH} levels deep",
            line=_deep_line(text, MAX_DEPTH),
            fix="a map needs only a few levels; flatten the value",
            code="too-deep",
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


#: What the JSON parser gave when the text nests too deep for it.
_TOO_DEEP = object()
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _deep_line(text: str, limit: int) -> int | None:
    """The line where JSON *text* first nests deeper than *limit*."""
    depth = 0
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return text.count("\n", 0, match.start()) + 1
        elif token in "]}":
            depth -= 1
    return None


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


def map_id_from_path(path: str | Path) -> str:
    name = Path(path).name
    for suffix in (".aif.json", ".json", ".aif", ".graphml", ".argdown", ".ad", ".xml"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return slugify(name, lower=False, fallback="map")


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
