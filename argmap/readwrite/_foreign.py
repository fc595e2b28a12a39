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
import math
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn

from argmap.diagnostics import Code, Diagnostic, MapError, error, warning
from argmap.fileio import read_text
from argmap.ids import slugify
from argmap.readwrite._positions import LineDict, LineList
from argmap.readwrite._schema import MAX_DEPTH, too_deep
from argmap.text import json_text

#: The code of a load error meaning "this file holds no map of any format"
#: (a folder of maps skips such files with a note, see :mod:`argmap.workspace`).
NOT_A_MAP: Code = "not-a-map"

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


#: Tokens of JSON text: a string, punctuation, or a bare word (number, literal).
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


def _tokens(text: str) -> Iterator[tuple[str, tuple[int, int]]]:
    """The tokens of JSON *text* (:data:`_TOKEN`), each with its (line, column)."""
    line, line_start, last = 1, 0, 0
    for match in _TOKEN.finditer(text):
        token, at = match.group(), match.start()
        newlines = text.count("\n", last, at)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", last, at) + 1
        last = at
        yield token, (line, at - line_start + 1)


#: ``locate(paths)``: the (line, column) of each JSON path found in a text.
Locator = Callable[[Iterable[tuple[Any, ...]]], dict[tuple[Any, ...], tuple[int, int]]]


def json_locator(text: str) -> Locator:
    """Where each value of JSON *text* is written, by its path (``("claims", "a", "role")``).

    ``json`` does not keep positions; this scans the text again when a
    problem needs its line, in one pass for all the paths asked for.  An
    object's member is located at its key, a list's item where it starts.
    """

    def locate(
        paths: Iterable[tuple[Any, ...]],
    ) -> dict[tuple[Any, ...], tuple[int, int]]:
        wanted = {tuple(p) for p in paths}
        found: dict[tuple[Any, ...], tuple[int, int]] = {}
        if not wanted:
            return found
        # Each open container: [is_object, path so far, key or index, expecting a key]
        stack: list[list[Any]] = []
        path: tuple[Any, ...] = ()
        for token, mark in _tokens(text):
            top = stack[-1] if stack else None
            if top is not None and top[0] and top[3]:
                if token.startswith('"'):  # a key
                    try:
                        top[2] = json.loads(token)
                    except ValueError:
                        top[2] = token[1:-1]
                    top[3] = False
                    here = (*path, top[2])
                    if here in wanted:
                        found.setdefault(here, mark)
                elif token == "}":
                    stack.pop()
                    path = stack[-1][1] if stack else ()
                continue
            if token in ":":
                continue
            if token == ",":
                if top is not None:
                    if top[0]:
                        top[3] = True
                    else:
                        top[2] += 1
                continue
            if token in "]}":
                if stack:
                    stack.pop()
                    path = stack[-1][1] if stack else ()
                continue
            # A value starts here.
            here = path if top is None else (*path, top[2])
            if top is not None and not top[0] and here in wanted:
                found.setdefault(here, mark)
            if token in "{[":
                stack.append([token == "{", here, 0, token == "{"])
                path = here
            if len(found) == len(wanted):
                break
        return found

    return locate


def json_line_at(text: str | None, *where: Any) -> int | None:
    """The line of the value at JSON path *where* in *text* (see :func:`json_locator`)."""
    mark = json_locator(text)([where]).get(where) if text is not None else None
    return mark[0] if mark else None


def is_node_id(value: Any) -> bool:
    """Whether *value* can name a node of a foreign graph: text, or a whole or finite number.

    Not empty text: ``"source": ""`` would make a claim without an id or a
    line to report it at.
    """
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, str):
        return value.strip() != ""
    return isinstance(value, int)


def positioned_json(text: str) -> Any:
    """JSON *text* (already known to parse) as data that knows its lines.

    The mappings and lists of :mod:`argmap.readwrite._positions`, as the
    YAML loader gives them, so that problems in a map document written as
    JSON name their line like those in YAML.  Values come from ``json``
    itself (token by token), so they are exactly what ``json.loads`` gives;
    a key given twice keeps its last value, as there.
    """
    stack: list[Any] = []
    keys: list[Any] = []  # per open mapping: the key waiting for its value
    root: Any = None

    def place(value: Any, mark: tuple[int, int]) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        if isinstance(top, LineDict):
            key = keys[-1]
            top[key] = value
            top.key_marks.setdefault(key, mark)
        else:
            top.append(value)
            top.item_marks.append(mark)

    key_mark: tuple[int, int] | None = None
    expecting_key = False
    for token, mark in _tokens(text):
        if expecting_key and token.startswith('"'):
            keys[-1] = json.loads(token)
            key_mark = mark
            expecting_key = False
            continue
        if token == ":":
            continue
        if token == ",":
            expecting_key = isinstance(stack[-1], LineDict) if stack else False
            continue
        if token in "}]":
            done = stack.pop()
            if isinstance(done, LineDict):
                keys.pop()
            expecting_key = False
            continue
        at_mark = key_mark if stack and isinstance(stack[-1], LineDict) else mark
        if token in "{[":
            container: Any = LineDict() if token == "{" else LineList()
            container.line, container.column = mark
            if token == "{":
                container.key_marks = {}
            else:
                container.item_marks = []
            place(container, at_mark or mark)
            stack.append(container)
            if token == "{":
                keys.append(None)
                expecting_key = True
            continue
        place(json.loads(token), at_mark or mark)
    return root


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
    return json_text(data, indent=2, sort_keys=True) + "\n"


def map_id_from_path(path: str | Path) -> str:
    name = Path(path).name
    for suffix in (".aif.json", ".json", ".aif", ".graphml", ".argdown", ".ad", ".xml"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return slugify(name, lower=False, fallback="map")


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")
