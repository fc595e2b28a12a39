"""The JSON Schema of the map format, and its errors in plain words.

The schema (``argmap/schema/map.schema.json``, printed by ``argmap schema``)
is the single source of structural rules for every format.  This module
answers two questions about a parsed document: is it valid (a compiled Rust
validator, fast), and if not, what exactly is wrong, said so that a person
can fix it (jsonschema, whose errors are turned into one sentence and one fix
each).  Where each problem is written is not known here: a problem names the
JSON path of the value (``("claims", "a", "role")``), and
:mod:`argmap.readwrite.document` turns it into a file, line and column.
"""

from __future__ import annotations

import difflib
import functools
import json
import math
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import Any, NamedTuple

from argmap.codes import Code
from argmap.model import FORMAT_VERSION, RELATION_KINDS

#: A JSON path into a document: keys and list indexes.
Where = tuple[Any, ...]


class Problem(NamedTuple):
    """One schema violation: where in the document, what is wrong, how to fix it."""

    where: Where
    message: str
    fix: str | None
    code: Code = "schema"


#: Values nested deeper than this are refused before anything walks them (a
#: map needs about six levels; validators and writers recurse).
MAX_DEPTH = 64


def too_deep(data: Any, limit: int = MAX_DEPTH) -> tuple[Any, ...] | None:
    """The path to the first value nested deeper than *limit*, or None.

    Iterative, so that it is safe on data of any depth.  Depths are counted
    first; the path is worked out only when something is too deep.
    """
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        children: Iterable[Any]
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth >= limit:
            return _deep_path(data, limit)
        # Only containers go on the stack: a scalar can be no deeper.
        stack.extend((c, depth + 1) for c in children if isinstance(c, (dict, list)))
    return None


def _deep_path(data: Any, limit: int) -> tuple[Any, ...] | None:
    """:func:`too_deep`'s answer, walked again with the path to every value
    (in the same order, so the same first value)."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        value, where = stack.pop()
        children: Iterable[tuple[Any, Any]]
        if isinstance(value, dict):
            children = value.items()
        elif isinstance(value, list):
            children = enumerate(value)
        else:
            continue
        if len(where) >= limit:
            return where
        stack.extend(
            (child, (*where, key))
            for key, child in children
            if isinstance(child, (dict, list))
        )
    return None


@functools.cache
def schema() -> dict:
    """The JSON Schema of the map format (also printed by ``argmap schema``)."""
    text = (
        resources.files("argmap").joinpath("schema/map.schema.json").read_text("utf-8")
    )
    return json.loads(text)


@functools.cache
def _fast_validator() -> Any:
    """A compiled (Rust) validator that tells valid from invalid quickly.

    jsonschema in pure Python takes about 35 µs a claim; most maps are
    valid, so they pay only this check, and jsonschema runs only to explain
    what is wrong with an invalid one.
    """
    try:
        import jsonschema_rs
    except ImportError:  # optional speed-up: fall back to jsonschema alone
        return None
    return jsonschema_rs.validator_for(schema())


@functools.cache
def _validator() -> Any:
    import jsonschema

    cls = jsonschema.validators.validator_for(schema())
    return cls(schema(), format_checker=None)


def problems(data: dict) -> list[Problem]:
    """Every schema violation of the document *data* (a mapping), explained.

    Data nested too deep is one problem, found before any validator (they
    recurse) walks it.
    """
    deep = too_deep(data)
    if deep is not None:
        return [
            Problem(
                deep,
                f"{'.'.join(map(str, deep[:4]))}…: values nested more than "
                f"{MAX_DEPTH} levels deep",
                "a map needs only a few levels; flatten the value",
                "too-deep",
            )
        ]
    fast = _fast_validator()
    if fast is not None and fast.is_valid(data):
        return []
    found: list[Problem] = []
    for err in _one_type_error_per_value(_validator().iter_errors(data)):
        found.extend(_explain(err))
    return found + list(_nan_weights(data))


def _one_type_error_per_value(errors: Iterable[Any]) -> list[Any]:
    """*errors* with one wrong-type error per value: the one naming the most types.

    A relation is text or an object (``"type": ["string", "object"]``, then
    ``if``/``else``), so a number there fails both; one message says it.
    """
    errors = list(errors)
    widest: dict[tuple[Any, ...], Any] = {}
    for err in errors:
        if err.validator == "type":
            where = tuple(err.absolute_path)
            if len(_types(err)) > len(_types(widest.get(where))):
                widest[where] = err
    return [
        err
        for err in errors
        if err.validator != "type" or widest[tuple(err.absolute_path)] is err
    ]


def _types(err: Any) -> list[str]:
    if err is None:
        return []
    wanted = err.validator_value
    return list(wanted) if isinstance(wanted, list) else [wanted]


def _nan_weights(data: dict) -> Iterator[Problem]:
    """Weights that are NaN: the schema's 0..1 bounds let NaN through.

    (Every comparison with NaN is false, so jsonschema finds it neither
    below 0 nor above 1; YAML's ``.nan`` and JSON's ``NaN`` both give one,
    and a NaN weight makes every strength computed from it NaN.)
    """
    claims = data.get("claims")
    for claim_id, body in claims.items() if isinstance(claims, dict) else ():
        if not isinstance(body, dict):
            continue
        for kind in RELATION_KINDS:
            items = body.get(kind)
            for index, item in enumerate(items if isinstance(items, list) else ()):
                weight = item.get("weight") if isinstance(item, dict) else None
                if isinstance(weight, float) and math.isnan(weight):
                    where = ("claims", claim_id, kind, index, "weight")
                    yield Problem(
                        where,
                        f"{'.'.join(map(str, where))}: NaN is not a number between 0 and 1",
                        "write a weight between 0 and 1",
                    )


def _explain(err: Any) -> list[Problem]:
    """Turn one jsonschema error into plain words, descending into oneOf choices."""
    where = tuple(err.absolute_path)
    if err.validator == "oneOf" and err.context:
        # The value matched neither the short nor the long form; report the
        # closest alternative: the object form when an object was given.
        wanted = "object" if isinstance(err.instance, dict) else "string"
        best = [e for e in err.context if _schema_type(e) == wanted] or list(
            err.context
        )
        deepest = max(len(e.absolute_path) for e in best)
        out = []
        for sub in best:
            if len(sub.absolute_path) == deepest:
                out.extend(_explain(sub))
        return out
    field_name = ".".join(str(p) for p in where) or "the file"
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        # Point at the misspelt key itself, not at the mapping that holds it.
        extra = sorted(
            set(err.instance) - set(err.schema.get("properties", {})), key=str
        )
        where = where + tuple(extra[:1])
    elif "propertyNames" in err.absolute_schema_path:
        where = where + (err.instance,)  # the bad key itself, not its mapping
    message, fix = _describe(err, field_name)
    return [Problem(where, message, fix)]


def _schema_type(err: Any) -> str | None:
    sch = err.schema if isinstance(err.schema, dict) else {}
    if (
        "$ref" in sch
        and "relationRef" in sch["$ref"]
        or sch.get("$ref", "").endswith("/ref")
    ):
        return "string"
    return sch.get("type") or ("string" if "pattern" in sch else None)


def _describe(err: Any, field_name: str) -> tuple[str, str | None]:
    v = err.validator
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        return f"{field_name}: missing required field '{missing}'", f"add '{missing}:'"
    if v == "additionalProperties":
        known = sorted(err.schema.get("properties", {}))
        extra = sorted(set(err.instance) - set(known), key=str)
        allowed = ", ".join(known)
        guesses = {
            e: close[0]
            for e in extra
            if (close := difflib.get_close_matches(str(e), known, n=1, cutoff=0.6))
        }
        if len(extra) == 1 and guesses:
            hint = f"did you mean {guesses[extra[0]]!r}? "
        elif guesses:
            words = ", ".join(f"{g!r} for {e!r}" for e, g in guesses.items())
            hint = f"did you mean {words}? "
        else:
            hint = ""
        return (
            f"{field_name}: unknown field {', '.join(repr(e) for e in extra)}",
            f"{hint}fields here: {allowed}",
        )
    where = tuple(err.absolute_path)
    if v == "type" and where == ("claims",) and isinstance(err.instance, list):
        return (
            "claims: expected a mapping of claim ids, got a list",
            (
                "write each claim as its id and a colon, its fields indented under "
                "it (a:  then  text: ...), not as a list item (- id: a)"
            ),
        )
    if (
        v == "type"
        and len(where) == 2
        and where[0] == "claims"
        and where[1] in _CLAIM_FIELDS
    ):
        field = where[1]
        where_ids = "but it is written where claim ids go"
        return (
            f"claims.{field}: {field!r} is a field of a claim, {where_ids}",
            f"indent '{field}:' under the claim it belongs to, level with its 'text:'",
        )
    if (
        v == "type"
        and isinstance(err.instance, (bool, int, float))
        and "string" in _types(err)
    ):
        # YAML reads 1, 1.5 and true as a number or a boolean: a claim id
        # or a tag written so must be quoted.
        return (
            (
                f"{field_name}: this is read as {_kind(err.instance)} "
                f"({json.dumps(err.instance)}), not as text"
            ),
            "put it in quotes as you wrote it, e.g. '1' for the claim 1",
        )
    if v == "type":
        if err.validator_value == "number":
            fix = "write a number between 0 and 1"  # weights are the only numbers
        elif {"string", "array"} & set(_types(err)):
            fix = "quote text values; write lists as [a, b]"
        else:
            fix = None
        return (
            (
                f"{field_name}: expected {' or '.join(_types(err))}, "
                f"got {_kind(err.instance)}"
            ),
            fix,
        )
    if v == "const" and field_name == "argmap":
        return (
            f"argmap: unsupported format version {err.instance!r}",
            f"write 'argmap: {FORMAT_VERSION}'",
        )
    if v == "enum":
        return (
            f"{field_name}: {err.instance!r} is not one of {', '.join(map(str, err.validator_value))}",
            "use one of the listed values",
        )
    if v in ("minimum", "maximum"):
        return (
            f"{field_name}: {err.instance!r} is outside 0..1",
            "write a weight between 0 and 1",
        )
    if "propertyNames" in err.absolute_schema_path:
        return (
            f"claim id {err.instance!r} is not a valid id",
            "use letters, digits, '.', '_', '-', starting with a letter or digit",
        )
    if v == "pattern":
        if err.validator_value == "\\S":
            return f"{field_name}: text is empty", "write the claim in a sentence"
        return (
            f"{field_name}: {err.instance!r} is not a valid id or reference",
            "ids use letters, digits, '.', '_', '-'; other maps' claims are map-id#claim-id",
        )
    if v == "propertyNames":
        return (
            f"claim id {err.instance!r} is not a valid id",
            "use letters, digits, '.', '_', '-'",
        )
    return f"{field_name}: {err.message}", None


#: The fields of a claim, to recognise one written at the level of claim ids.
_CLAIM_FIELDS = frozenset(
    ("text", "quote", "role", "tags", "note", "override", "same_as", "provenance")
    + RELATION_KINDS
)


def _kind(value: Any) -> str:
    """What *value* is, in words (YAML's mappings and lists are subclasses)."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
