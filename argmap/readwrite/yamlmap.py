"""The native map format: YAML, version 1 (see the README's format reference).

Reading is three steps, each reporting :class:`Diagnostic` with file:line:
YAML syntax (PyYAML's C parser when built with libyaml), structure (the JSON
Schema shipped in ``argmap/schema``, the single source of structural rules),
then conversion to the model.  Semantic rules (unknown references, cycles, …)
live in :mod:`argmap.validate`, because they need every map of a workspace.
"""

from __future__ import annotations

import functools
import json
import math
from importlib import resources
from typing import Any

import yaml

from argmap._gc import paused
from argmap.diagnostics import MapError, error
from argmap.model import (
    FORMAT_VERSION,
    ArgumentMap,
    Claim,
    Provenance,
    Relation,
    Source,
)

EXTENSIONS = (".yaml", ".yml")

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


# -- YAML with positions ------------------------------------------------------
class LineDict(dict):
    """A mapping that remembers where each of its keys was written."""

    __slots__ = ("column", "key_marks", "line")


class LineList(list):
    """A sequence that remembers where each of its items was written."""

    __slots__ = ("column", "item_marks", "line")


_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"


class _Builder:
    """Turns composed YAML nodes into plain data with positions.

    PyYAML's constructor machinery (generators, deep construction, anchors
    bookkeeping) costs more than parsing itself on large maps; walking the
    node tree directly is about twice as fast.  Scalars other than strings
    are rare in maps and go through PyYAML's own safe constructors, so their
    meaning is exactly YAML 1.1's, except timestamps, which stay text.
    """

    def __init__(self, budget: int | None = None):
        self.duplicates: list[tuple[str, int, int]] = []
        self._scalars = yaml.constructor.SafeConstructor()
        self._active: set[int] = set()
        #: Values the built data may hold.  Aliases are built again at every
        #: use, so nine nested aliases of nine items each ("billion laughs")
        #: would build 9**9 values from a few hundred bytes of text.
        self._budget = budget

    def _spend(self, node):
        if self._budget is None:
            return
        self._budget -= len(node.value)
        if self._budget < 0:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "aliases (*name) repeat more values than a map can hold",
                node.start_mark,
            )

    def build(self, node):
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _MAP:
            return self._mapping(node)
        if tag == _SEQ:
            return self._sequence(node)
        if isinstance(node, yaml.ScalarNode):
            if tag == "tag:yaml.org,2002:timestamp":
                # Dates stay the text the person wrote: the schema wants
                # strings, and a round trip must not respell "2023-10-20".
                return node.value
            return self._scalars.construct_object(node)
        raise yaml.constructor.ConstructorError(
            None, None, f"unsupported YAML tag {tag!r}", node.start_mark
        )

    def _enter(self, node):
        if id(node) in self._active:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "an alias refers to a value that contains it",
                node.start_mark,
            )
        self._active.add(id(node))

    def _mapping(self, node):
        self._enter(node)
        self._spend(node)
        data = LineDict()
        data.line, data.column = node.start_mark.line + 1, node.start_mark.column + 1
        marks = data.key_marks = {}
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
            key = self.build(key_node)
            mark = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in marks:
                self.duplicates.append((str(key), *mark))
            marks[key] = mark
            data[key] = self.build(value_node)
        self._active.discard(id(node))
        return data

    def _sequence(self, node):
        self._enter(node)
        self._spend(node)
        data = LineList(self.build(child) for child in node.value)
        data.line, data.column = node.start_mark.line + 1, node.start_mark.column + 1
        data.item_marks = [
            (n.start_mark.line + 1, n.start_mark.column + 1) for n in node.value
        ]
        self._active.discard(id(node))
        return data


def parse_yaml(text: str, path: str | None = None) -> tuple[Any, list]:
    """Parse YAML into plain data with positions.

    Returns the data and the duplicate-key problems (reported with the
    schema's, so that one run shows them all); syntax errors raise MapError.
    """
    # Without aliases a value takes at least a character of text; four
    # times that leaves room for any sensible use of anchors and merge keys.
    builder = _Builder(budget=4 * len(text) + 10_000)
    try:
        with paused():
            node = yaml.compose(text, Loader=_BaseLoader)
            data = None if node is None else builder.build(node)
            # Free the node tree now, by reference counting, so the collector
            # does not meet its objects once it runs again.
            del node
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
        raise MapError(
            diagnostics=[
                error(
                    "yaml-syntax",
                    f"YAML syntax: {problem}",
                    path=path,
                    line=line,
                    column=column,
                    fix=_syntax_fix(problem),
                )
            ]
        ) from None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise MapError(
            diagnostics=[error("yaml-syntax", f"YAML: {exc}", path=path)]
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
        for key, line, column in builder.duplicates
    ]


def _syntax_fix(problem: str) -> str:
    if "never closed" in problem:
        return "close the quote or bracket opened here"
    if "tab character" in problem:
        return "indent with spaces, not tabs"
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


def position(data: Any, path: tuple) -> tuple[int | None, int | None]:
    """The line and column of the value at JSON *path* in data from :func:`parse_yaml`.

    Walks as far as the path exists; a missing key is reported at its parent.
    """
    line = getattr(data, "line", None)
    column = getattr(data, "column", None)
    node = data
    for step in path:
        if isinstance(node, LineDict) and step in node:
            line, column = node.key_marks.get(step, (line, column))
            node = node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and step < len(node):
            line, column = node.item_marks[step]
            node = node[step]
        else:
            break
    return line, column


# -- structure ----------------------------------------------------------------
@functools.cache
def schema() -> dict:
    """The JSON Schema of the map format (also printed by ``argmap schema``)."""
    text = (
        resources.files("argmap").joinpath("schema/map.schema.json").read_text("utf-8")
    )
    return json.loads(text)


@functools.cache
def _fast_validator():
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
def _validator():
    import jsonschema

    cls = jsonschema.validators.validator_for(schema())
    return cls(schema(), format_checker=None)


def structure_diagnostics(data: Any, path: str | None = None) -> list:
    """Schema violations of a parsed map document, one per problem, with lines."""
    if not isinstance(data, dict):
        return [
            error(
                "not-a-map",
                "a map file must be a YAML mapping with argmap, id and claims",
                path=path,
                line=getattr(data, "line", 1 if data is not None else None),
                fix="start the file with 'argmap: 1', then 'id:' and 'claims:'",
            )
        ]
    fast = _fast_validator()
    if fast is not None and fast.is_valid(data):
        return []
    problems = []
    for err in _validator().iter_errors(data):
        problems.extend(_explain(err, data, path))
    return problems + _nan_weights(data, path)


def _nan_weights(data: dict, path) -> list:
    """Weights that are NaN: the schema's 0..1 bounds let NaN through.

    (Every comparison with NaN is false, so jsonschema finds it neither
    below 0 nor above 1; YAML's ``.nan`` and JSON's ``NaN`` both give one,
    and a NaN weight makes every strength computed from it NaN.)
    """
    claims = data.get("claims")
    problems = []
    for claim_id, body in claims.items() if isinstance(claims, dict) else ():
        if not isinstance(body, dict):
            continue
        for kind in ("supports", "rebuts", "undercuts"):
            items = body.get(kind)
            for index, item in enumerate(items if isinstance(items, list) else ()):
                weight = item.get("weight") if isinstance(item, dict) else None
                if isinstance(weight, float) and math.isnan(weight):
                    where = ("claims", claim_id, kind, index, "weight")
                    line, column = position(data, where)
                    problems.append(
                        error(
                            "schema",
                            f"{'.'.join(map(str, where))}: NaN is not a number between 0 and 1",
                            path=path,
                            line=line,
                            column=column,
                            fix="write a weight between 0 and 1",
                        )
                    )
    return problems


def _explain(err, data, path) -> list:
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
                out.extend(_explain(sub, data, path))
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
    line, column = position(data, where)
    message, fix = _describe(err, field_name)
    return [error("schema", message, path=path, line=line, column=column, fix=fix)]


def _schema_type(err) -> str | None:
    sch = err.schema if isinstance(err.schema, dict) else {}
    if (
        "$ref" in sch
        and "relationRef" in sch["$ref"]
        or sch.get("$ref", "").endswith("/ref")
    ):
        return "string"
    return sch.get("type") or ("string" if "pattern" in sch else None)


def _describe(err, field_name: str) -> tuple[str, str | None]:
    v = err.validator
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        return f"{field_name}: missing required field '{missing}'", f"add '{missing}:'"
    if v == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        allowed = ", ".join(sorted(err.schema.get("properties", {})))
        return (
            f"{field_name}: unknown field {', '.join(repr(e) for e in extra)}",
            f"use one of: {allowed}",
        )
    if v == "type":
        if err.validator_value == "number":
            fix = "write a number between 0 and 1"  # weights are the only numbers
        elif err.validator_value in ("string", "array"):
            fix = "quote text values; write lists as [a, b]"
        else:
            fix = None
        return (
            f"{field_name}: expected {err.validator_value}, got {_kind(err.instance)}",
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


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        dict: "a mapping",
    }.get(type(value), "a list" if isinstance(value, list) else type(value).__name__)


# -- document <-> model ---------------------------------------------------------
def from_document(data: dict, path: str | None = None) -> ArgumentMap:
    """Build a map from a schema-valid document (as parsed from YAML or JSON)."""
    amap = ArgumentMap(
        data["id"],
        data.get("title"),
        _source(data.get("source")),
        extends=data.get("extends"),
        merged_from=[
            ArgumentMap(m["id"], m.get("title"), _source(m.get("source")))
            for m in data.get("merged_from", ())
        ],
        path=path,
    )
    amap.lines = {
        str(key): mark[0] for key, mark in getattr(data, "key_marks", {}).items()
    }
    source_marks = getattr(data.get("source"), "key_marks", {})
    if "text" in source_marks:
        amap.lines["source.text"] = source_marks["text"][0]
    claims = data.get("claims") or {}
    marks = getattr(claims, "key_marks", {})
    for claim_id, body in claims.items():
        line = marks.get(claim_id, (None,))[0]
        # The model keeps one line per claim; a same_as reference is checked
        # apart from its claim, so its lines go in amap.lines under
        # "claims.<claim>.same_as" and "claims.<claim>.same_as.<index>"
        # (read by argmap.validate).
        same_as_mark = getattr(body, "key_marks", {}).get("same_as")
        if same_as_mark is not None:
            amap.lines[f"claims.{claim_id}.same_as"] = same_as_mark[0]
            for index, mark in enumerate(
                getattr(body["same_as"], "item_marks", None) or ()
            ):
                amap.lines[f"claims.{claim_id}.same_as.{index}"] = mark[0]
        amap.add_claim(
            Claim(
                id=claim_id,
                # No text: an extension's addition to a base claim (argmap.extend).
                text=body.get("text", ""),
                quote=body.get("quote"),
                role=body.get("role"),
                tags=tuple(body.get("tags", ())),
                note=body.get("note"),
                same_as=tuple(body.get("same_as", ())),
                override=bool(body.get("override", False)),
                provenance=tuple(
                    Provenance(p["map"], p["claim"], p.get("text"), p.get("quote"))
                    for p in body.get("provenance", ())
                ),
                line=line,
            )
        )
        for kind in ("supports", "rebuts", "undercuts"):
            items = body.get(kind) or ()
            item_marks = getattr(items, "item_marks", None)
            for index, item in enumerate(items):
                rel_line = item_marks[index][0] if item_marks else line
                amap.add_relation(_relation(kind, claim_id, item, rel_line))
    return amap


def _relation(kind: str, source: str, item: Any, line: int | None) -> Relation:
    if isinstance(item, str):
        return Relation(kind, source, item, line=line)
    return Relation(
        kind,
        source,
        item["to"],
        weight=float(item.get("weight", 1.0)),
        note=item.get("note"),
        id=item.get("id"),
        linked=tuple(item.get("with", ())),
        scheme=item.get("scheme"),
        asserted_by=tuple(item.get("asserted_by", ())),
        line=line,
    )


def _source(data: dict | None) -> Source:
    return Source(**data) if data else Source()


def to_document(amap: ArgumentMap) -> dict:
    """The map as a plain document in the order of the format reference.

    Raises MapError for what the format cannot hold: a relation whose source
    is not a claim of the map (the format lists relations under their source
    claim, so it would be lost).
    """
    doc, problems = _document(amap, amap.path)
    if problems:
        raise MapError(diagnostics=problems)
    return doc


def model_diagnostics(amap: ArgumentMap, path: str | None = None) -> list:
    """Structural problems of a map another reader built, as the schema sees them.

    The gate every non-YAML reader passes (see :class:`argmap.readwrite.Format`):
    the map becomes its document, which must satisfy the same JSON Schema as
    a YAML file.  Problems are located at the line of the claim or relation
    when the reader recorded one.
    """
    path = path if path is not None else amap.path
    doc, problems = _document(amap, path)
    structure = structure_diagnostics(doc, path)
    if structure:
        # Positions cost as much as the check itself: only an invalid map
        # pays for them.
        doc, _ = _document(amap, path, lines=True)
        structure = structure_diagnostics(doc, path)
    return problems + structure


def _document(amap: ArgumentMap, path, *, lines: bool = False) -> tuple[dict, list]:
    doc: dict[str, Any] = {"argmap": FORMAT_VERSION, "id": amap.id}
    if amap.title:
        doc["title"] = amap.title
    if amap.source.to_dict():
        doc["source"] = amap.source.to_dict()
    if amap.extends:
        doc["extends"] = amap.extends
    if amap.merged_from:
        doc["merged_from"] = [m.summary() for m in amap.merged_from]
    problems = []
    by_source: dict[str, list[Relation]] = {}
    for relation in amap.relations:
        if relation.source not in amap.claims:
            problems.append(
                error(
                    "relation-source",
                    f"{relation.kind} relation {relation.key!r}: its source "
                    f"{relation.source!r} is not a claim of map {amap.id!r}, "
                    "and a map can only state relations from its own claims",
                    path=path,
                    line=relation.line,
                    fix="add the source claim to the map, or state the relation in the map it belongs to",
                )
            )
            continue
        by_source.setdefault(relation.source, []).append(relation)
    claims: dict[str, Any] = {}
    for claim in amap.claims.values():
        body: dict[str, Any] = {"text": claim.text} if claim.text else {}
        if claim.quote is not None:
            body["quote"] = claim.quote
        if claim.role:
            body["role"] = claim.role
        if claim.tags:
            body["tags"] = list(claim.tags)
        if claim.note:
            body["note"] = claim.note
        if claim.override:
            body["override"] = True
        for kind in ("supports", "rebuts", "undercuts"):
            items = [
                _relation_item(r) for r in by_source.get(claim.id, ()) if r.kind == kind
            ]
            if items:
                body[kind] = items
        if claim.same_as:
            body["same_as"] = list(claim.same_as)
        if claim.provenance:
            body["provenance"] = [p.to_dict() for p in claim.provenance]
        claims[claim.id] = body
    doc["claims"] = claims
    if lines:
        doc = _with_lines(doc, amap, by_source)
    return doc, problems


def _with_lines(doc: dict, amap: ArgumentMap, by_source) -> LineDict:
    """*doc* with the positions the reader recorded, so that :func:`position` finds them."""

    def marked(mapping: dict, line, marks=None) -> LineDict:
        out = LineDict(mapping)
        out.line, out.column = line, None
        out.key_marks = (
            marks if marks is not None else {k: (line, None) for k in mapping if line}
        )
        return out

    claims = doc["claims"]
    for claim_id, body in claims.items():
        line = amap.claims[claim_id].line
        for kind in ("supports", "rebuts", "undercuts"):
            if kind not in body:
                continue
            relations = [r for r in by_source[claim_id] if r.kind == kind]
            items = LineList(
                marked(item, r.line or line) if isinstance(item, dict) else item
                for item, r in zip(body[kind], relations)
            )
            items.line, items.column = line, None
            items.item_marks = [(r.line or line, None) for r in relations]
            body[kind] = items
        claims[claim_id] = marked(body, line)
    doc["claims"] = marked(
        claims,
        amap.lines.get("claims"),
        {k: (c.line, None) for k, c in amap.claims.items() if c.line},
    )
    return marked(doc, None, {k: (v, None) for k, v in amap.lines.items() if k in doc})


def _relation_item(relation: Relation) -> Any:
    long = {}
    if relation.id:
        long["id"] = relation.id
    if relation.weight != 1.0:
        long["weight"] = relation.weight
    if relation.note:
        long["note"] = relation.note
    if relation.linked:
        long["with"] = list(relation.linked)
    if relation.scheme:
        long["scheme"] = relation.scheme
    if relation.asserted_by:
        long["asserted_by"] = list(relation.asserted_by)
    return {"to": relation.target, **long} if long else relation.target


# -- reader and writer ----------------------------------------------------------
def loads(text: str, path: str | None = None) -> ArgumentMap:
    """Parse and structurally validate one map; raise MapError listing every problem."""
    data, problems = parse_yaml(text, path)
    problems += structure_diagnostics(data, path)
    if problems:
        raise MapError(diagnostics=problems)
    return from_document(data, path)


def read(path) -> ArgumentMap:
    from argmap.fileio import read_text

    return loads(read_text(path), str(path))


class _Dumper(_BaseDumper):
    pass


def _str_representer(dumper, value: str):
    # Long prose reads best folded; everything else stays plain or quoted.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def dumps(amap: ArgumentMap) -> str:
    """The map as YAML text; deterministic, and :func:`loads` gives an equal map back."""
    with paused():
        return _dump(amap)


def _dump(amap: ArgumentMap) -> str:
    return yaml.dump(
        to_document(amap),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=88,
        default_flow_style=False,
    )


def write(amap: ArgumentMap) -> str:
    return dumps(amap)
