"""The format-neutral map document: its fields, the schema gate, and document ⇄ model.

A *document* is a map as plain data in the shape the JSON Schema describes,
what a YAML or native JSON map file parses to::

    {"argmap": 1, "id": "m", "title": "…",
     "claims": {"a": {"text": "…", "supports": ["b", {"to": "c", "weight": 0.5}]},
                "b": {"text": "…"}, "c": {"text": "…"}}}

Reading any format is three steps: the format's reader produces a
:class:`Document` (with the positions it knows, see below), :func:`check`
holds it against the schema (the gate: ids are slugs, roles and weights in
range, lists are lists), and only then :func:`from_document` builds the
:class:`~argmap.model.ArgumentMap`.  So no reader builds a model from input
the schema has not passed, and a mistake gets one message whatever the
format.  Writing runs the other way: :func:`to_document` (the YAML and JSON
writers dump it; the networkx and AIF encodings reshape it).

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

Length
    Over argmap's 600-line guide: one format (the map document) in both
    directions, reading and writing from the same key tables, as networkx
    keeps GraphML in one module.  When it grows, :class:`DocumentBuilder`
    (with the key tables moved below both) is the part to split off.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from typing import Any, NamedTuple

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
    split_ref,
)
from argmap.readwrite import _schema
from argmap.readwrite._positions import Mark, line_dict, line_list, position

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


def _is_empty(kind: str, value: Any) -> bool:
    """Whether a value of this *kind* is left out of a document."""
    if value is None:
        return True
    if kind == OPTIONAL:
        return False
    if kind == FLAG:
        return value is False
    if kind == WEIGHT:
        return value == 1.0 and not isinstance(value, bool)
    if kind == TEXT:
        return not value
    # A list or mapping with nothing in it; a value of another type is kept
    # for the gate to refuse.
    return isinstance(value, (list, tuple, dict)) and not value


def _dump(value: Any) -> Any:
    """A model value as document data: tuples become lists, records mappings."""
    if isinstance(value, tuple):
        return [_dump(v) for v in value]
    if isinstance(value, (Provenance, Source)):
        return value.to_dict()
    return value


_CLAIM_VALUE_FIELDS = tuple(f for f in CLAIM_FIELDS if f.kind != RELATIONS)
_CLAIM_KINDS = {f.key: f.kind for f in _CLAIM_VALUE_FIELDS}
_RELATION_KINDS = {f.key: f.kind for f in RELATION_FIELDS}
_MAP_KINDS = {f.key: f.kind for f in MAP_FIELDS}


def encode_map(amap: ArgumentMap) -> dict[str, Any]:
    """The map's own fields (:data:`MAP_FIELDS`) as a document writes them."""
    out: dict[str, Any] = {}
    for f in MAP_FIELDS:
        value = getattr(amap, f.attr)
        if f.key == "merged_from":
            value = [m.summary() for m in value]
        elif f.key == "source":
            value = value.to_dict()
        elif f.kind == LIST:
            value = list(value)
        if not _is_empty(f.kind, value):
            out[f.key] = value
    return out


def encode_claim(claim: Claim) -> dict[str, Any]:
    """A claim's fields other than its relations, as a document writes them."""
    out: dict[str, Any] = {}
    for f in _CLAIM_VALUE_FIELDS:
        value = getattr(claim, f.attr)
        if not _is_empty(f.kind, value):
            out[f.key] = _dump(value)
    return out


def encode_relation(relation: Relation) -> dict[str, Any]:
    """A relation's fields after ``to`` (:data:`RELATION_FIELDS`), as written."""
    out: dict[str, Any] = {}
    for f in RELATION_FIELDS:
        value = getattr(relation, f.attr)
        if not _is_empty(f.kind, value):
            out[f.key] = _dump(value)
    return out


def _kept(fields: Mapping[str, Any], kinds: Mapping[str, str]) -> dict[str, Any]:
    """The *fields* a document holds: known keys whose values are not empty."""
    return {
        key: value
        for key, value in fields.items()
        if key in kinds and not _is_empty(kinds[key], value)
    }


# -- documents and the gate --------------------------------------------------------
def schema() -> dict[str, Any]:
    """The JSON Schema of the map format (also printed by ``argmap schema``)."""
    return _schema.schema()


#: Where a relation sits in a document: (source claim, kind, index in that list).
Slot = tuple[str, str, int]


@dataclass
class Document:
    """One map as a document, with what its reader found on the way."""

    #: The document (positioned when the reader knows positions).
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


def structure_diagnostics(data: Any, path: str | None = None) -> list[Diagnostic]:
    """Schema violations of a document, one per problem, with lines where known."""
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
    out = []
    if data.get(LINKS_KEY) and data.get("claims"):
        line, column = position(data, (LINKS_KEY,))
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
        line, column = position(data, problem.where)
        out.append(
            error(
                "schema",
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
    return doc.problems + structure_diagnostics(doc.data, doc.path)


def load(doc: Document) -> ArgumentMap:
    """The map of a document that passes the gate; MapError listing every problem."""
    problems = check(doc)
    if problems:
        raise MapError(diagnostics=problems)
    return from_document(doc.data, doc.path, order=doc.order)


def load_all(docs: Iterable[Document], *, sort: bool = True) -> list[ArgumentMap]:
    """The maps of several documents; MapError with the problems of them all.

    The problems are sorted by file and line unless *sort* is false (one
    YAML file keeps the order its reader found them in).
    """
    docs = list(docs)
    problems = [p for doc in docs for p in check(doc)]
    if problems:
        raise MapError(diagnostics=sort_diagnostics(problems) if sort else problems)
    return [from_document(doc.data, doc.path, order=doc.order) for doc in docs]


# -- document -> model --------------------------------------------------------------
def _location(path: str | None, mark: Mark | None) -> Location | None:
    return Location(path, mark[0], mark[1]) if mark and mark[0] is not None else None


def from_document(
    data: Mapping[str, Any],
    path: str | None = None,
    *,
    order: Sequence[Slot] | None = None,
) -> ArgumentMap:
    """Build a map from a document that passed the gate (see :func:`check`).

    Positions recorded in *data* become the map's ``lines`` (its top-level
    fields) and the claims' and relations' locations.  *order*, when
    given, is the order to add the relations in (:attr:`Document.order`).
    """
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
    marks = getattr(data, "key_marks", None)
    if marks:
        amap.lines = {str(key): mark[0] for key, mark in marks.items() if mark[0]}
        source_marks = getattr(data.get("source"), "key_marks", {})
        if "text" in source_marks:
            amap.lines["source.text"] = source_marks["text"][0]
    claims = data.get("claims") or {}
    claim_marks = getattr(claims, "key_marks", None) or {}
    placed: dict[Slot, Relation] | None = {} if order is not None else None
    for claim_id, body in claims.items():
        location = _location(path, claim_marks.get(claim_id))
        amap.add_claim(_claim(claim_id, body, location, path))
        for kind in RELATION_KINDS:
            items = body.get(kind)
            if not items:
                continue
            item_marks = getattr(items, "item_marks", None)
            for index, item in enumerate(items):
                relation = _relation(
                    kind,
                    claim_id,
                    item,
                    _location(path, item_marks[index]) if item_marks else location,
                )
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
    links = data.get(LINKS_KEY) or ()
    link_marks = getattr(links, "item_marks", None)
    for index, entry in enumerate(links):
        location = _location(path, link_marks[index]) if link_marks else None
        body = {k: v for k, v in entry.items() if k not in (LINK_KIND, LINK_FROM)}
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
        else:
            amap.add_relation(
                _relation(entry[LINK_KIND], entry[LINK_FROM], body, location)
            )
    return amap


def _claim(
    claim_id: str, body: Mapping[str, Any], location: Location | None, path: str | None
) -> Claim:
    values: dict[str, Any] = {}
    for key, value in body.items():
        kind = _CLAIM_KINDS.get(key)
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
        # No text: an extension's addition to a base claim (argmap.extensions).
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
        kind_of = _RELATION_KINDS[key]
        if kind_of == LIST:
            value = tuple(value)
        elif kind_of == WEIGHT:
            value = float(value)
        values[attr] = value
    return Relation(kind, source, item[TARGET_KEY], location=location, **values)


def _source(data: Mapping[str, Any] | None) -> Source:
    return Source(**data) if data else Source()


# -- building documents -------------------------------------------------------------
class DocumentBuilder:
    """Builds a document field by field, recording where each part was written.

    The readers of formats other than YAML use it, and so does
    :func:`to_document`.  Values go in as the reader found them (a reader
    converts only what its format spells differently, such as GraphML's
    JSON text for lists); empty ones are left out as the key tables say,
    and anything else is the gate's to judge.  Relations go in as a flat
    list and are placed under their source claim when the document is
    built; one from a claim the map does not have cannot be placed and
    becomes a ``relation-source`` problem.
    """

    def __init__(self, path: str | None = None, map_id: Any = None) -> None:
        self.path = path
        self._top: dict[str, Any] = {"argmap": FORMAT_VERSION, "id": map_id}
        self._top_marks: dict[str, Mark] = {}
        self._claims: dict[str, dict[str, Any]] = {}
        self._claim_marks: dict[str, Mark] = {}
        self._field_marks: dict[str, dict[Any, Mark]] = {}
        self._relations: list[tuple[RelationKind, str, dict[str, Any], int | None]] = []
        self._same_as_links: list[tuple[dict[str, Any], int | None]] = []

    def set(self, key: str, value: Any, line: int | None = None) -> None:
        """Set a field of the map (``id`` or one of :data:`MAP_FIELDS`)."""
        if key == "id" or not _is_empty(_MAP_KINDS[key], value):
            self._top[key] = value
            if line is not None:
                self._top_marks[key] = (line, None)

    def mark(self, key: str, line: int | None) -> None:
        """Record where the map's field *key* is written (when set or not)."""
        if line is not None:
            self._top_marks[key] = (line, None)

    def has_claim(self, claim_id: str) -> bool:
        return claim_id in self._claims

    def add_claim(
        self,
        claim_id: str,
        fields: Mapping[str, Any],
        line: int | None = None,
        field_lines: Mapping[str, int] | None = None,
    ) -> dict[str, Any]:
        """Add a claim with its :data:`CLAIM_FIELDS` (relations go in apart).

        *line* is where the claim is written; *field_lines* where some of
        its fields are, when not on that line.  Returns the fields kept (to
        add to); ValueError when the map already has a claim with this id.
        """
        if claim_id in self._claims:
            raise ValueError(
                f"duplicate claim id {claim_id!r} in map {self._top['id']!r}"
            )
        body = self._claims[claim_id] = _kept(fields, _CLAIM_KINDS)
        if line is not None:
            self._claim_marks[claim_id] = (line, None)
        if field_lines:
            self._field_marks[claim_id] = {k: (v, None) for k, v in field_lines.items()}
        return body

    def add_relation(
        self,
        kind: RelationKind,
        source: str,
        target: Any,
        fields: Mapping[str, Any] | None = None,
        line: int | None = None,
    ) -> dict[str, Any]:
        """Add a relation with its :data:`RELATION_FIELDS`; returns its item to add to."""
        item = {TARGET_KEY: target, **_kept(fields or {}, _RELATION_KINDS)}
        self._relations.append((kind, source, item, line))
        return item

    def add_same_as_link(
        self,
        source: str,
        target: str,
        fields: Mapping[str, Any] | None = None,
        line: int | None = None,
    ) -> None:
        """Add a ``same_as`` link between claims of other maps (a links file)."""
        entry = {LINK_KIND: SAME_AS, LINK_FROM: source, TARGET_KEY: target}
        entry.update(_kept(fields or {}, {"note": TEXT, "suggested": FLAG}))
        self._same_as_links.append((entry, line))

    def build(self, *, positioned: bool = True) -> Document:
        """The document; its relations in the order they were added.

        In a map without claims (a links file), a relation whose source is
        a claim of another map (``map#claim``) is a link: it goes into the
        document's ``links`` list, with the ``same_as`` links, in the order
        added.  A map with claims states relations from its own claims only.
        """
        own = str(self._top["id"])
        lists: dict[tuple[str, str], list[Any]] = {}
        marks: dict[tuple[str, str], list[Mark]] = {}
        problems: list[Diagnostic] = []
        order: list[Slot] = []
        in_order = True  # the relations came claim by claim, kind by kind
        last: tuple[int, int] = (-1, -1)
        claim_index = {claim_id: n for n, claim_id in enumerate(self._claims)}
        kind_index = {kind: n for n, kind in enumerate(RELATION_KINDS)}
        links: list[Any] = []
        link_lines: list[Mark] = []
        for kind, source, item, line in self._relations:
            owner, local = split_ref(source) if "#" in source else (None, source)
            if owner == own:
                source = local
            elif owner is not None and not self._claims:
                # a links file (a map without claims): a link between other maps
                links.append({LINK_KIND: kind, LINK_FROM: source, **item})
                link_lines.append((line, None))
                continue
            if source not in self._claims:
                problems.append(self._unplaced(kind, source, item, line))
                continue
            items = lists.setdefault((source, kind), [])
            order.append((source, kind, len(items)))
            here = (claim_index[source], kind_index[kind])
            in_order = in_order and here >= last
            last = here
            items.append(_short(item))
            # No line: the gate places its problems at the claim's line.
            marks.setdefault((source, kind), []).append((line, None))
        claims: dict[str, Any] = {}
        for claim_id, fields in self._claims.items():
            body: dict[str, Any] = {}
            for f in CLAIM_FIELDS:
                if f.kind == RELATIONS:
                    stated = lists.get((claim_id, f.key))
                    if stated:
                        body[f.key] = (
                            line_list(stated, marks[(claim_id, f.key)])
                            if positioned
                            else stated
                        )
                elif f.key in fields:
                    body[f.key] = fields[f.key]
            claims[claim_id] = (
                line_dict(body, self._field_marks.get(claim_id, {}))
                if positioned
                else body
            )
        for entry, line in self._same_as_links:
            links.append(entry)
            link_lines.append((line, None))
        data: dict[str, Any] = {}
        for key in ("argmap", "id", *(f.key for f in MAP_FIELDS)):
            if key == "rejected" and links:
                data[LINKS_KEY] = line_list(links, link_lines) if positioned else links
            if key in self._top:
                data[key] = self._top[key]
        if links and LINKS_KEY not in data:
            data[LINKS_KEY] = line_list(links, link_lines) if positioned else links
        if positioned:
            data["claims"] = line_dict(claims, dict(self._claim_marks))
            data = line_dict(data, dict(self._top_marks))
        else:
            data["claims"] = claims
        return Document(data, self.path, problems, None if in_order else order)

    def _unplaced(
        self, kind: str, source: str, item: dict[str, Any], line: int | None
    ) -> Diagnostic:
        key = item.get("id") or f"{source}->{item[TARGET_KEY]}"
        return error(
            "relation-source",
            f"{kind} relation {key!r}: its source "
            f"{source!r} is not a claim of map {self._top['id']!r}, "
            "and a map can only state relations from its own claims",
            path=self.path,
            line=line,
            fix="add the source claim to the map, or state the relation in the map it belongs to",
        )


def _short(item: dict[str, Any]) -> Any:
    """A relation with nothing but a target is written as the target alone."""
    return item[TARGET_KEY] if len(item) == 1 else item


# -- model -> document --------------------------------------------------------------
def _encode(amap: ArgumentMap, path: str | None, *, positioned: bool) -> Document:
    builder = DocumentBuilder(path, amap.id)
    for key, line in amap.lines.items():
        if "." not in key:  # "source.text" is no field of the map's own
            builder.mark(key, line)
    for key, value in encode_map(amap).items():
        builder.set(key, value)
    for claim in amap.claims.values():
        location = claim.location
        builder.add_claim(
            claim.id,
            encode_claim(claim),
            location.line if location is not None else None,
        )
    for relation in amap.relations:
        location = relation.location
        builder.add_relation(
            relation.kind,
            relation.source,
            relation.target,
            encode_relation(relation),
            location.line if location is not None else None,
        )
    for link in amap.same_as_links:
        builder.add_same_as_link(
            link.source,
            link.target,
            {"note": link.note, "suggested": link.suggested},
            link.line,
        )
    return builder.build(positioned=positioned)


def to_document(amap: ArgumentMap) -> dict[str, Any]:
    """The map as a plain document in the order of the format reference.

    Raises MapError for what the format cannot hold: a relation whose source
    is not a claim of the map (the format lists relations under their source
    claim, so it would be lost).
    """
    doc = _encode(amap, amap.path, positioned=False)
    if doc.problems:
        raise MapError(diagnostics=doc.problems)
    return doc.data


def model_diagnostics(amap: ArgumentMap, path: str | None = None) -> list[Diagnostic]:
    """Structural problems of a map a plugin reader built, as the gate sees them.

    Readers that return models rather than documents (see
    :class:`argmap.readwrite.Format`) pass the same gate: the map becomes its
    document, located at the lines of its claims and relations.
    """
    path = path if path is not None else amap.path
    return check(_encode(amap, path, positioned=True))
