"""YAML with positions: the map file parsed into plain data that knows its lines.

:func:`parse_yaml` composes the YAML node tree with PyYAML (its C parser
when built with libyaml) and turns it into dicts and lists that remember
where each key and item was written (:class:`~argmap.readwrite._positions.LineDict`,
:class:`~argmap.readwrite._positions.LineList`), so that every later problem
can name its line and column.  Syntax errors become a ``yaml-syntax``
:class:`~argmap.diagnostics.MapError` with a fix in words; duplicate keys,
which YAML would silently drop, are reported beside the schema's problems.
"""

from __future__ import annotations

import operator
import re
from typing import Any, ClassVar

import yaml

from argmap._gc import paused
from argmap.diagnostics import Diagnostic, MapError, error
from argmap.readwrite._positions import LineDict, LineList
from argmap.readwrite._schema import MAX_DEPTH

__all__ = ["MAX_DEPTH", "load_data", "parse_yaml"]

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """PyYAML's safe loader with the plain scalars of YAML 1.2's core schema.

    YAML 1.1 (PyYAML's default) reads ``no``, ``yes``, ``on``, ``off``,
    ``y`` and ``n`` as booleans and ``1:30`` as a number; YAML 1.2, and the
    editors' language servers, read them as text.  A claim called ``no``
    or ``on`` is ordinary English, so here only ``true``/``false``,
    ``null``/``~``/empty, decimal, octal (``0o``) and hexadecimal integers
    and decimal floats (with ``.inf``, ``.nan``) are anything but text.
    """

    yaml_implicit_resolvers: ClassVar[dict] = {}

    # PyYAML's path-resolver bookkeeping, which the C composer calls on
    # entering and leaving every node, does nothing without path resolvers
    # (this loader has none: checked below).  Built-in functions that take
    # the same arguments and do nothing save 1.4 million Python calls on a
    # 100,000-claim map (0.13 s).
    descend_resolver = staticmethod(operator.is_)  # (parent, index) -> ignored
    ascend_resolver = staticmethod(tuple)  # () -> ignored

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        """A node's tag: PyYAML's ``resolve`` for this loader's table, which
        has no path resolvers and no wildcard (the table is checked below)."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


for _tag, _pattern, _first in (
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        _FLOAT,
        (
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+0123456789.",
    ),
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (_MERGE, r"^<<$", "<"),
):
    _Loader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))
# What _Loader.resolve leaves out of PyYAML's: paths and wildcard resolvers.
assert not _Loader.yaml_path_resolvers and None not in _Loader.yaml_implicit_resolvers


def reads_as_text(text: str) -> bool:
    """Whether *text*, written as a plain scalar, is read back as text here.

    The writer's PyYAML resolves by YAML 1.1, which reads ``1e5`` and
    ``0o7`` as text; this loader reads them as numbers, so the writer quotes
    whatever this says is not text.
    """
    resolvers = _Loader.yaml_implicit_resolvers.get(text[:1], [])
    return not any(pattern.match(text) for _tag, pattern in resolvers)


def _core_scalar(tag: str, text: str) -> Any:
    """The value of a plain or explicitly tagged scalar of YAML 1.2's core schema.

    ValueError when *text* is no value of that tag (``!!int abc``).
    """
    if tag == _BOOL:
        lowered = text.lower()
        if lowered not in ("true", "false"):
            raise ValueError(f"{text!r} is not true or false")
        return lowered == "true"
    if tag == _NULL:
        if text not in ("", "~", "null", "Null", "NULL"):
            raise ValueError(f"{text!r} is not null")
        return None
    if tag == _INT:
        digits = text.replace("_", "")
        if digits[:2] in ("0x", "0o"):
            return int(digits, 0)
        return int(digits, 10)
    lowered = text.lower().replace("_", "")
    if lowered.lstrip("+-") == ".inf":
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(lowered)


def _tag_name(tag: str) -> str:
    """A tag as YAML writes it: ``!!binary`` for the standard ones."""
    return (
        "!!" + tag.removeprefix("tag:yaml.org,2002:")
        if tag.startswith("tag:yaml.org,2002:")
        else tag
    )


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Builder:
    """Turns composed YAML nodes into plain data with positions.

    PyYAML's constructor machinery (generators, deep construction, anchors
    bookkeeping) costs more than parsing itself on large maps; walking the
    node tree directly is about twice as fast.  Scalars mean what YAML 1.2's
    core schema says (see :class:`_Loader`); timestamps stay text, and a
    mapping key is always its text (``1:`` and ``no:`` are the claims
    ``"1"`` and ``"no"``).  Other tags (``!!binary``, ``!!set``, ``!custom``)
    are refused: no field of a map holds bytes or sets.
    """

    def __init__(self, budget: int | None = None) -> None:
        self.duplicates: list[tuple[str, int, int]] = []
        self._active: set[int] = set()
        self._depth = 0
        #: Values the built data may hold.  Aliases are built again at every
        #: use, so nine nested aliases of nine items each ("billion laughs")
        #: would build 9**9 values from a few hundred bytes of text.
        self._budget = budget
        #: Scalars built once: an alias of a scalar builds it again, and its
        #: text counts against the budget then (one long string repeated by
        #: a thousand aliases would be a thousand copies of it downstream).
        self._scalars: set[int] = set()

    def _spend(self, node: yaml.Node, cost: int | None = None) -> None:
        if self._budget is None:
            return
        self._budget -= len(node.value) if cost is None else cost
        if self._budget < 0:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "aliases (*name) repeat more values than a map can hold",
                node.start_mark,
            )

    def build(self, node: yaml.Node) -> Any:
        # Dispatch on the kind of node, then its tag: a tag may be written on
        # any node (``!!seq {a: 1}``), and one that does not fit is refused.
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if id(node) in self._scalars:
                self._spend(node, len(node.value) + 1)
            else:
                self._scalars.add(id(node))
            if tag == _STR or tag == _TIMESTAMP:
                # Dates stay the text the person wrote: the schema wants
                # strings, and a round trip must not respell "2023-10-20".
                return node.value
            if tag in (_BOOL, _INT, _FLOAT, _NULL):
                try:
                    return _core_scalar(tag, node.value)
                except ValueError:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"{_short(node.value)!r} is not a value of the tag "
                        f"{_tag_name(tag)}",
                        node.start_mark,
                    ) from None
        elif tag == _MAP and isinstance(node, yaml.MappingNode):
            return self._mapping(node)
        elif tag == _SEQ and isinstance(node, yaml.SequenceNode):
            return self._sequence(node)
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"unsupported YAML tag {_tag_name(tag)}",
            node.start_mark,
        )

    def _enter(self, node: yaml.Node) -> None:
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"values nested more than {MAX_DEPTH} levels deep",
                node.start_mark,
            )
        if id(node) in self._active:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "an alias refers to a value that contains it",
                node.start_mark,
            )
        self._active.add(id(node))

    def _leave(self, node: yaml.Node) -> None:
        self._depth -= 1
        self._active.discard(id(node))

    def _mapping(self, node: yaml.MappingNode) -> LineDict:
        self._enter(node)
        self._spend(node)
        data = LineDict()
        data.line, data.column = node.start_mark.line + 1, node.start_mark.column + 1
        marks = data.key_marks = {}
        scalars = self._scalars
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merged = self.build(value_node)
                for part in merged if isinstance(merged, list) else [merged]:
                    if isinstance(part, dict):
                        for key, value in part.items():
                            data.setdefault(key, value)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    "a mapping key must be a plain value",
                    key_node.start_mark,
                )
            # A key is its text: claim ids are text, whatever they look like.
            key = key_node.value
            mark = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in marks:
                self.duplicates.append((str(key), *mark))
            marks[key] = mark
            if (
                type(value_node) is yaml.ScalarNode
                and value_node.tag == _STR
                and id(value_node) not in scalars
            ):  # build()'s first case, inline: most values are text
                scalars.add(id(value_node))
                data[key] = value_node.value
            else:
                data[key] = self.build(value_node)
        self._leave(node)
        return data

    def _sequence(self, node: yaml.SequenceNode) -> LineList:
        self._enter(node)
        self._spend(node)
        data = LineList(self.build(child) for child in node.value)
        data.line, data.column = node.start_mark.line + 1, node.start_mark.column + 1
        data.item_marks = [
            (n.start_mark.line + 1, n.start_mark.column + 1) for n in node.value
        ]
        self._leave(node)
        return data


def load_data(text: str) -> tuple[Any, list[tuple[str, int, int]]]:
    """Plain data with positions from YAML *text*, and its duplicate keys.

    The one YAML loader of argmap (map files, Argdown's frontmatter and
    data blocks): YAML 1.2's scalars, keys as text, aliases within a budget,
    nesting within :data:`MAX_DEPTH`.  Problems raise :class:`yaml.YAMLError`
    (marked with a position where PyYAML knows one).
    """
    # Without aliases a value takes at least a character of text, and a
    # string its length; four times that leaves room for any sensible use
    # of anchors and merge keys.
    builder = _Builder(budget=4 * len(text) + 10_000)
    with paused():
        try:
            node = yaml.compose(text, Loader=_Loader)
        except RecursionError:
            raise yaml.YAMLError(
                f"values nested more than {MAX_DEPTH} levels deep"
            ) from None
        data = None if node is None else builder.build(node)
        # Free the node tree now, by reference counting, so the collector
        # does not meet its objects once it runs again.
        del node
    return data, builder.duplicates


def parse_yaml(text: str, path: str | None = None) -> tuple[Any, list[Diagnostic]]:
    """Parse YAML into plain data with positions.

    Returns the data and the duplicate-key problems (reported with the
    schema's, so that one run shows them all); syntax errors raise MapError.
    """
    try:
        data, duplicates = load_data(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context_mark and exc.context and "end of stream" in problem:
            # An unclosed quote or bracket is noticed at the end of the file;
            # the useful place is where it was opened.
            mark = exc.context_mark
            problem = f"{exc.context} that is never closed"
        if (
            mark
            and "cannot start any token" in problem
            and text[mark.index : mark.index + 1] == "\t"
        ):
            problem = "a tab character where indentation or a value was expected"
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        fix = _syntax_fix(problem)
        if mark and "mapping values are not allowed" in problem:
            missing = _missing_colon(text, mark.line)
            if missing is not None:
                line, column, problem, fix = missing
        raise MapError(
            diagnostics=[
                error(
                    "yaml-syntax",
                    f"YAML syntax: {problem}",
                    path=path,
                    line=line,
                    column=column,
                    fix=fix,
                )
            ]
        ) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow (a raw control character).
        at = exc.position
        if _BaseLoader is not yaml.SafeLoader:  # libyaml counts bytes of UTF-8
            head = text.encode("utf-8", "surrogatepass")[:at]
            at = len(head.decode("utf-8", "ignore"))
        at = max(0, min(at, len(text)))
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        raise MapError(
            diagnostics=[
                error(
                    "yaml-syntax",
                    f"YAML: a control character (U+{exc.character:04X}) is not "
                    "allowed in a YAML file"
                    if isinstance(exc.character, int)
                    else f"YAML: {exc.reason}",
                    path=path,
                    line=line,
                    column=column,
                    fix='remove it, or write it as an escape in double quotes ("\\x1b")',
                )
            ]
        ) from None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise MapError(
            diagnostics=[error("yaml-syntax", f"YAML: {exc}", path=path, line=1)]
        ) from None
    return data, [
        error(
            "duplicate-id",
            f"duplicate key {key!r}: a later entry would silently replace the earlier one",
            path=path,
            line=line,
            column=column,
            fix="give each claim (and each field) a distinct name",
        )
        for key, line, column in duplicates
    ]


#: A line that is a key without its colon: ``  text x`` or ``- to b`` or ``  a``.
_NO_COLON = re.compile(
    r"^(\s*(?:-\s+)?)([A-Za-z0-9_][\w.-]*)(?:[ \t]+([^:#\s][^:#]*?))?\s*$"
)


def _missing_colon(text: str, error_line: int) -> tuple[int, int, str, str] | None:
    """Where a missing ':' is, when YAML noticed it a line late.

    ``text x`` (no colon) reads as the start of a plain text that goes on
    into the next line, so YAML complains about that next line's ``key:``.
    When the line above the error is a bare key (and maybe a value) without
    a colon, that line is the mistake: returns (line, column, problem, fix).
    """
    lines = text.split("\n")
    above = error_line - 1
    while above >= 0 and (
        not lines[above].strip() or lines[above].lstrip().startswith("#")
    ):
        above -= 1
    if above < 0:
        return None
    match = _NO_COLON.match(lines[above])
    if match is None:
        return None
    indent, key, value = match.group(1), match.group(2), match.group(3)
    written = f"{indent}{key}: {value}" if value else f"{indent}{key}:"
    return (
        above + 1,
        len(indent) + len(key) + 1,
        f"a ':' is missing after {key!r}",
        f"write '{written.strip()}'",
    )


def _syntax_fix(problem: str) -> str:
    if "never closed" in problem:
        return "close the quote or bracket opened here"
    if "tab character" in problem:
        return "indent with spaces, not tabs"
    if "unsupported YAML tag" in problem:
        return "write the value as plain text, without a !tag"
    if "is not a value of the tag" in problem:
        return "remove the !!tag, or write a value of that type"
    if "nested more than" in problem or "nesting depth" in problem:
        return "a map needs only a few levels; flatten the value"
    if "aliases" in problem:
        return "write the values out instead of nesting aliases"
    if "mapping values are not allowed" in problem:
        # PyYAML says the same for a field indented too far (it reads as a
        # continuation of the text above) and for an unquoted ': ' in text.
        return (
            "check this line's indentation against the line above, "
            "or quote text that contains ': '"
        )
    if "expected" in problem and ("'-'" in problem or "block end" in problem):
        return "check the indentation of this line against the lines above"
    return "check quoting and indentation around this line"
