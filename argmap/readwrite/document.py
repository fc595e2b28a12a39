"""The format-neutral map document: its fields, the schema gate, and document ⇄ model.

A *document* is a map as plain data in the shape the JSON Schema describes,
what a YAML or native JSON map file parses to::

    {"argmap": 1, "id": "m", "title": "…",
     "claims": {"a": {"text": "…", "supports": ["b", {"to": "c", "weight": 0.5}]},
                "b": {"text": "…"}, "c": {"text": "…"}}}

Reading any format is three steps: the format's reader produces a
:class:`Document` with the positions it knows (the YAML reader as it
parses; the others through :class:`argmap.readwrite.builder.DocumentBuilder`),
:func:`check` holds it against the schema (the gate: ids are slugs, roles
and weights in range, lists are lists), and only then :func:`from_document`
builds the :class:`~argmap.model.ArgumentMap`.  So no reader builds a model
from input the schema has not passed, and a mistake gets one message
whatever the format.  Writing runs the other way: :func:`to_document` (the
YAML writer and native JSON dump it; the networkx, AIF and Argdown writers
lay out the same fields through :func:`encode_map`, :func:`encode_claim`
and :func:`encode_relation`).

Key tables
    The fields are declared once, as :class:`Field` rows (document key, model
    attribute, kind), in the order the format reference writes them:
    :data:`MAP_FIELDS`, :data:`CLAIM_FIELDS` (a claim's relation lists sit
    among them), :data:`RELATION_FIELDS`.  The *kind* says how a value is
    written and when it is left out: text is absent when empty, a list when
    it has no items, a flag unless true, a weight when it is 1.  Every
    encoding of a map takes its field names from these tables.

Positions
    A document remembers where its parts were written
    (:mod:`argmap.readwrite._positions`): the gate names the line of each
    problem, and :func:`from_document` puts them on the model as
    :class:`~argmap.model.Location`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from typing import Any, NamedTuple

from argmap._gc import paused
from argmap.diagnostics import Diagnostic, MapError, error, sort_diagnostics
from argmap.model import (
    FORMAT_VERSION,
    RELATION_KINDS,
    ArgumentMap,
    Claim,
    Location,
    Provenance,
    Relation,
    RelationKind,
    SameAs,
    Source,
)
from argmap.readwrite import _schema
from argmap.readwrite._positions import Mark, Marks, position

# -- the key tables ---------------------------------------------------------------
#: Kinds of field value, and when a value is left out of a document.
TEXT = "text"  # a string; absent when empty
OPTIONAL = "optional"  # a string; absent only when None (an empty quote is an error)
LIST = "list"  # a list of strings (a tuple in the model); absent when empty
FLAG = "flag"  # true, or absent
WEIGHT = "weight"  # a number between 0 and 1; absent when 1
MAPPING = "mapping"  # a mapping of texts (``source``); absent when empty
RECORDS = "records"  # a list of mappings (provenance, merged_from); absent when empty
RELATIONS = "relations"  # a claim's relations of one kind; absent when none


class Field(NamedTuple):
    """One field of a map, a claim or a relation."""

    #: Its name in documents (YAML, JSON, Argdown data blocks).
    key: str
    #: Its attribute on the model (and its name in the networkx encoding).
    attr: str
    kind: str


#: The map's own fields after ``argmap`` and ``id``; ``claims`` comes last.
MAP_FIELDS: tuple[Field, ...] = (
    Field("title", "title", TEXT),
    Field("source", "source", MAPPING),
    Field("extends", "extends", TEXT),
    Field("merged_from", "merged_from", RECORDS),
    # a links file (``argmap align -o``): what a person turned down, and
    # every link align has written there (so that a deleted one is known)
    Field("rejected", "rejected", LIST),
    Field("offered", "offered", LIST),
)
#: The key of the list of links between claims of other maps (a links file):
#: relations whose source is another map's claim, and ``same_as`` links.
#: Written after ``merged_from``, before ``rejected``.
LINKS_KEY = "links"
#: Keys of a link entry besides the relation fields: its kind and its ends.
LINK_KIND, LINK_FROM = "kind", "from"
SAME_AS = "same_as"
#: A claim's fields, in the order the format reference writes them.
CLAIM_FIELDS: tuple[Field, ...] = (
    Field("text", "text", TEXT),
    Field("quote", "quote", OPTIONAL),
    Field("role", "role", TEXT),
    Field("tags", "tags", LIST),
    Field("note", "note", TEXT),
    Field("override", "override", FLAG),
    *(Field(kind, kind, RELATIONS) for kind in RELATION_KINDS),
    Field("same_as", "same_as", LIST),
    Field("provenance", "provenance", RECORDS),
)
#: The key of a relation's target, which every long-form relation has.
TARGET_KEY = "to"
#: A relation's fields after ``to``.  (An undercut has no ``scheme``: it
#: attacks an inference and argues from no scheme of its own.)
RELATION_FIELDS: tuple[Field, ...] = (
    Field("id", "id", TEXT),
    Field("weight", "weight", WEIGHT),
    Field("note", "note", TEXT),
    Field("with", "linked", LIST),
    Field("scheme", "scheme", TEXT),
    Field("asserted_by", "asserted_by", LIST),
    # made by ``argmap align``; a person removes it to accept the link
    Field("suggested", "suggested", FLAG),
)
SOURCE_KEYS: tuple[str, ...] = tuple(f.name for f in dataclass_fields(Source))
PROVENANCE_KEYS: tuple[str, ...] = tuple(f.name for f in dataclass_fields(Provenance))
#: The fields of each entry of ``merged_from``: the summary of an input map.
SUMMARY_KEYS: tuple[str, ...] = ("id", "title", "source")


CLAIM_VALUE_FIELDS = tuple(f for f in CLAIM_FIELDS if f.kind != RELATIONS)
CLAIM_FIELD_KINDS = {f.key: f.kind for f in CLAIM_VALUE_FIELDS}
RELATION_FIELD_KINDS = {f.key: f.kind for f in RELATION_FIELDS}


def encode_map(amap: ArgumentMap) -> dict[str, Any]:
    """The map's own fields (:data:`MAP_FIELDS`) as a document writes them."""
    out: dict[str, Any] = {}
    for key, attr, kind in MAP_FIELDS:
        value = getattr(amap, attr)
        if kind == MAPPING:
            value = value.to_dict()
        elif kind == RECORDS:
            value = [m.summary() for m in value]
        elif kind == LIST:
            value = list(value)
        if value:
            out[key] = value
    return out


def link_entry(kind: str, source: str, item: Mapping[str, Any]) -> dict[str, Any]:
    """An entry of a links file's ``links`` list: a relation between other maps' claims.

    *item* holds ``to`` and the relation's fields (or, for ``kind`` same_as,
    its ``note`` and ``suggested``).
    """
    return {LINK_KIND: kind, LINK_FROM: source, **item}


def with_links(data: dict[str, Any], links: list[Any]) -> dict[str, Any]:
    """*data* (a document's top-level fields) with its ``links`` in their place."""
    if not links:
        return data
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("rejected", "offered", "claims") and LINKS_KEY not in out:
            out[LINKS_KEY] = links
        out[key] = value
    out.setdefault(LINKS_KEY, links)
    return out


def _encode(
    obj: Any, fields: Iterable[Field], relations: Mapping[str, list[Any]] | None = None
) -> dict[str, Any]:
    """The *fields* of a claim or relation as a document writes them.

    Empty values are left out (the model's own types, checked inline: this
    runs for every claim and relation a writer writes).  A claim's relation
    lists, already encoded, come from *relations* by kind.
    """
    out: dict[str, Any] = {}
    for (
        key,
        attr,
        kind,
    ) in fields:  # (kinds are compared by identity: they are constants)
        if kind is RELATIONS:
            if relations and key in relations:
                out[key] = relations[key]
            continue
        value = getattr(obj, attr)
        if kind is WEIGHT:
            if value == 1.0:
                continue
        elif not value and (value is None or kind is not OPTIONAL):
            continue  # no text, no items, not set (an empty quote is kept)
        if kind is LIST:
            value = list(value)
        elif kind is RECORDS:
            value = [v.to_dict() for v in value]
        out[key] = value
    return out


def encode_claim(claim: Claim) -> dict[str, Any]:
    """A claim's fields other than its relations, as a document writes them."""
    return _encode(claim, CLAIM_VALUE_FIELDS)


def encode_relation(relation: Relation) -> dict[str, Any]:
    """A relation's fields after ``to`` (:data:`RELATION_FIELDS`), as written."""
    return _encode(relation, RELATION_FIELDS)


# -- documents and the gate --------------------------------------------------------
def schema() -> dict[str, Any]:
    """The JSON Schema of the map format (also printed by ``argmap schema``)."""
    return _schema.schema()


#: Where a relation sits in a document: (source claim, kind, index in that list).
Slot = tuple[str, str, int]


@dataclass
class Document:
    """One map as a document, with what its reader found on the way."""

    #: The document (YAML's knows where each part was written).
    data: Any
    #: The file it was read from, for messages.
    path: str | None = None
    #: Problems the reader found but read past (duplicate YAML keys, a
    #: relation from a claim that is not in the map), reported with the
    #: schema's so that one run shows them all.
    problems: list[Diagnostic] = field(default_factory=list)
    #: The order in which the file states its relations, when it is not the
    #: document's (relations grouped under their source claim): formats that
    #: list relations apart from claims keep their order this way, so that
    #: converting does not reshuffle them.
    order: list[Slot] | None = None
    #: Where claims and relations were written, when *data* does not say.
    marks: Marks | None = None


def structure_diagnostics(
    data: Any, path: str | None = None, marks: Marks | None = None
) -> list[Diagnostic]:
    """Schema violations of a document, one per problem, with lines where known."""

    def locate(where: Sequence[Any]) -> Mark:
        return position(data, where) if marks is None else marks.position(data, where)

    if not isinstance(data, dict) or not {"argmap", "claims"} & set(data):
        message = "a map file must be a YAML mapping with argmap, id and claims"
        if isinstance(data, dict):
            keys = ", ".join(map(str, list(data)[:6]))
            message = (
                f"not a map: a map file has argmap, id and claims (this one has {keys})"
            )
        return [
            error(
                "not-a-map",
                message,
                path=path,
                line=getattr(data, "line", None) or 1,
                fix="start the file with 'argmap: 1', then 'id:' and 'claims:'",
            )
        ]

    out = []
    if data.get(LINKS_KEY) and data.get("claims"):
        line, column = locate((LINKS_KEY,))
        out.append(
            error(
                "schema",
                "links: a map with claims states its relations under its claims; "
                "only a links file (a map without claims) has a links list",
                path=path,
                line=line,
                column=column,
                fix="move the links to a links file (argmap align -o links.yaml writes one)",
            )
        )
    for problem in _schema.problems(data):
        line, column = locate(problem.where)
        out.append(
            error(
                problem.code,
                problem.message,
                path=path,
                line=line,
                column=column,
                fix=problem.fix,
            )
        )
    return out


def check(doc: Document) -> list[Diagnostic]:
    """The gate: the reader's problems and the schema's, in that order."""
    return doc.problems + structure_diagnostics(doc.data, doc.path, doc.marks)


def load(doc: Document) -> ArgumentMap:
    """The map of a document that passes the gate; MapError listing every problem."""
    problems = check(doc)
    if problems:
        raise MapError(diagnostics=problems)
    return from_document(doc.data, doc.path, order=doc.order, marks=doc.marks)


def load_all(docs: Iterable[Document], *, sort: bool = True) -> list[ArgumentMap]:
    """The maps of several documents; MapError with the problems of them all.

    The problems are sorted by file and line unless *sort* is false (one
    YAML file keeps the order its reader found them in).
    """
    docs = list(docs)
    problems = [p for doc in docs for p in check(doc)]
    if problems:
        raise MapError(diagnostics=sort_diagnostics(problems) if sort else problems)
    return [
        from_document(doc.data, doc.path, order=doc.order, marks=doc.marks)
        for doc in docs
    ]


# -- document -> model --------------------------------------------------------------
def _location(path: str | None, mark: Mark | None) -> Location | None:
    return Location(path, mark[0], mark[1]) if mark and mark[0] is not None else None


def from_document(
    data: Mapping[str, Any],
    path: str | None = None,
    *,
    order: Sequence[Slot] | None = None,
    marks: Marks | None = None,
) -> ArgumentMap:
    """Build a map from a document that passed the gate (see :func:`check`).

    Positions recorded in *data* (or in *marks*) become the map's ``lines``
    (its top-level fields) and the claims' and relations' locations.
    *order*, when given, is the order to add the relations in
    (:attr:`Document.order`).
    """
    with paused():  # many small objects, no cycles: see argmap._gc
        return _map(data, path, order, marks or _data_marks(data))


def _data_marks(data: Mapping[str, Any]) -> Marks:
    """The marks of YAML data, where claims and relations record them."""
    claims = data.get("claims")
    return Marks(
        top=getattr(data, "key_marks", {}),
        claims=getattr(claims, "key_marks", {}),
    )


def _map(
    data: Mapping[str, Any],
    path: str | None,
    order: Sequence[Slot] | None,
    marks: Marks,
) -> ArgumentMap:
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
    amap.rejected = tuple(data.get("rejected", ()))
    amap.offered = tuple(data.get("offered", ()))
    if marks.top:
        amap.lines = {str(key): mark[0] for key, mark in marks.top.items() if mark[0]}
        source_marks = getattr(data.get("source"), "key_marks", {})
        if "text" in source_marks:
            amap.lines["source.text"] = source_marks["text"][0]
    claims = data.get("claims") or {}
    claim_marks = marks.claims
    relation_lines = marks.relations
    placed: dict[Slot, Relation] | None = {} if order is not None else None
    for claim_id, body in claims.items():
        location = _location(path, claim_marks.get(claim_id))
        amap.add_claim(_claim(claim_id, body, location, path))
        for kind in RELATION_KINDS:
            items = body.get(kind)
            if not items:
                continue
            item_marks = getattr(items, "item_marks", None)
            lines = relation_lines.get((claim_id, kind))
            for index, item in enumerate(items):
                if item_marks:  # YAML
                    at = _location(path, item_marks[index])
                elif lines is not None:  # another format: its line, if any
                    line = lines[index]
                    at = Location(path, line) if line is not None else None
                else:
                    at = location
                relation = _relation(kind, claim_id, item, at)
                if placed is None:
                    amap.add_relation(relation)
                else:
                    placed[(claim_id, kind, index)] = relation
    if placed is not None:
        for slot in order or ():
            if slot in placed:
                amap.add_relation(placed.pop(slot))
        for relation in placed.values():  # any the order left out
            amap.add_relation(relation)
    _links(amap, data.get(LINKS_KEY) or (), path, marks)
    return amap


def _links(
    amap: ArgumentMap, links: Sequence[Any], path: str | None, marks: Marks
) -> None:
    """The ``links`` of a links file: relations and ``same_as`` between other maps."""
    item_marks = getattr(links, "item_marks", None)
    for index, entry in enumerate(links):
        if item_marks:  # YAML
            location = _location(path, item_marks[index])
        else:
            line = marks.links[index] if index < len(marks.links) else None
            location = Location(path, line) if line is not None else None
        if entry[LINK_KIND] == SAME_AS:
            amap.same_as_links.append(
                SameAs(
                    entry[LINK_FROM],
                    entry[TARGET_KEY],
                    entry.get("note"),
                    bool(entry.get("suggested", False)),
                    location,
                )
            )
            continue
        body = {k: v for k, v in entry.items() if k not in (LINK_KIND, LINK_FROM)}
        amap.add_relation(_relation(entry[LINK_KIND], entry[LINK_FROM], body, location))


def _claim(
    claim_id: str, body: Mapping[str, Any], location: Location | None, path: str | None
) -> Claim:
    values: dict[str, Any] = {}
    for key, value in body.items():
        kind = CLAIM_FIELD_KINDS.get(key)
        if kind is None:
            continue  # a relation list
        if kind == LIST:
            value = tuple(value)
        elif kind == FLAG:
            value = bool(value)
        elif key == "provenance":
            value = tuple(
                Provenance(p["map"], p["claim"], p.get("text"), p.get("quote"))
                for p in value
            )
        values[key] = value
    same_as_marks = getattr(body.get("same_as"), "item_marks", None)
    return Claim(
        claim_id,
        # No text: an extension's addition to a base claim (argmap.extend).
        values.pop("text", ""),
        location=location,
        same_as_locations=(
            tuple(_location(path, mark) for mark in same_as_marks)
            if same_as_marks
            else ()
        ),
        **values,
    )


_RELATION_ATTRS = {f.key: f.attr for f in RELATION_FIELDS}


def _relation(
    kind: RelationKind, source: str, item: Any, location: Location | None
) -> Relation:
    if isinstance(item, str):
        return Relation(kind, source, item, location=location)
    values: dict[str, Any] = {}
    for key, value in item.items():
        attr = _RELATION_ATTRS.get(key)
        if attr is None:
            continue  # "to"
        kind_of = RELATION_FIELD_KINDS[key]
        if kind_of == LIST:
            value = tuple(value)
        elif kind_of == WEIGHT:
            value = float(value)
        values[attr] = value
    return Relation(kind, source, item[TARGET_KEY], location=location, **values)


def _source(data: Mapping[str, Any] | None) -> Source:
    return Source(**data) if data else Source()


def unplaced_relation(
    path: str | None, map_id: Any, kind: str, source: str, key: str, line: int | None
) -> Diagnostic:
    """A relation a document cannot hold: its source is not one of the map's claims."""
    return error(
        "relation-source",
        f"{kind} relation {key!r}: its source "
        f"{source!r} is not a claim of map {map_id!r}, "
        "and a map can only state relations from its own claims",
        path=path,
        line=line,
        fix="add the source claim to the map, or state the relation in the map it belongs to",
    )


# -- model -> document --------------------------------------------------------------
def to_document(amap: ArgumentMap) -> dict[str, Any]:
    """The map as a plain document in the order of the format reference.

    Raises MapError for what the format cannot hold: a relation whose source
    is not a claim of the map (the format lists relations under their source
    claim, so it would be lost), unless the map is a links file (no claims
    of its own: its relations between other maps' claims are its ``links``).
    Every writer comes this way, so it goes straight from the model;
    :class:`argmap.readwrite.builder.DocumentBuilder` gives the same document.
    """
    problems = []
    links = []
    lists: dict[str, dict[str, list[Any]]] = {}
    for relation in amap.relations:
        fields = encode_relation(relation)
        if relation.source not in amap.claims:
            if not amap.claims and "#" in relation.source:  # a links file
                item = {TARGET_KEY: relation.target, **fields}
                links.append(link_entry(relation.kind, relation.source, item))
                continue
            problems.append(
                unplaced_relation(
                    amap.path,
                    amap.id,
                    relation.kind,
                    relation.source,
                    relation.key,
                    relation.line,
                )
            )
            continue
        written = {TARGET_KEY: relation.target, **fields} if fields else relation.target
        lists.setdefault(relation.source, {}).setdefault(relation.kind, []).append(
            written
        )
    if problems:
        raise MapError(diagnostics=problems)
    for link in amap.same_as_links:
        links.append(link_entry(SAME_AS, link.source, same_as_item(link)))
    claims = {}
    for claim in amap.claims.values():
        relations = lists.get(claim.id)
        claims[claim.id] = (
            _encode(claim, CLAIM_FIELDS, relations)
            if relations
            else _encode(claim, CLAIM_VALUE_FIELDS)
        )
    data = {"argmap": FORMAT_VERSION, "id": amap.id, **encode_map(amap)}
    return with_links({**data, "claims": claims}, links)


def same_as_item(link: SameAs) -> dict[str, Any]:
    """A ``same_as`` link's ``to``, ``note`` and ``suggested``, as written."""
    item: dict[str, Any] = {TARGET_KEY: link.target}
    if link.note:
        item["note"] = link.note
    if link.suggested:
        item["suggested"] = True
    return item
