"""Building a map document part by part: what the readers of other formats use.

A reader of another format (node-link JSON, GraphML, AIF, Argdown, the
microtext corpus, or a plugin's) does not build a model: it hands the map's
fields, claims and relations to a :class:`DocumentBuilder` as it finds them,
with the line of each, and gets a :class:`~argmap.readwrite.document.Document`
that then passes the schema gate before any model exists.  The builder takes
field names from the document's key tables, leaves out empty values the way
the YAML writer does, places each relation under its source claim (one
whose source is no claim of the map becomes a ``relation-source`` problem),
keeps the file's relation order, and records the lines beside the document
(:class:`~argmap.readwrite._positions.Marks`).

:func:`model_diagnostics` is the gate for maps that plugin readers build as
models: the map becomes a document here, with its claims' and relations'
lines, and passes the same gate.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from argmap._gc import paused
from argmap.diagnostics import Diagnostic
from argmap.model import (
    FORMAT_VERSION,
    RELATION_KINDS,
    ArgumentMap,
    RelationKind,
    split_ref,
)
from argmap.readwrite._positions import Mark, Marks
from argmap.readwrite.document import (
    CLAIM_FIELD_KINDS,
    FLAG,
    MAP_FIELDS,
    OPTIONAL,
    RELATION_FIELD_KINDS,
    SAME_AS,
    TARGET_KEY,
    TEXT,
    WEIGHT,
    Document,
    Slot,
    check,
    encode_claim,
    encode_map,
    encode_relation,
    link_entry,
    unplaced_relation,
    with_links,
)

__all__ = ["DocumentBuilder", "model_diagnostics"]

_MAP_KINDS = {f.key: f.kind for f in MAP_FIELDS}
#: What a ``same_as`` link has besides its ends.
_SAME_AS_KINDS = {"note": TEXT, "suggested": FLAG}


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


def _kept(fields: Mapping[str, Any], kinds: Mapping[str, str]) -> dict[str, Any]:
    """The *fields* a document holds: known keys whose values are not empty."""
    out = {}
    for key, value in fields.items():
        kind = kinds.get(key)
        if kind is None or value is None:
            continue
        if type(value) is str and (kind == TEXT or kind == OPTIONAL):
            if value or kind == OPTIONAL:  # the common case, decided here
                out[key] = value
        elif not _is_empty(kind, value):
            out[key] = value
    return out


class DocumentBuilder:
    """Builds a document field by field, recording where each part was written.

    The readers of formats other than YAML use it, and so does
    :func:`model_diagnostics`.  Values go in as the reader found them (a reader
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
        """Set a field of the map (``id`` or one of :data:`~argmap.readwrite.document.MAP_FIELDS`)."""
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
        """Add a claim with its :data:`~argmap.readwrite.document.CLAIM_FIELDS` (relations go in apart).

        *line* is where the claim is written; *field_lines* where some of
        its fields are, when not on that line.  Returns the fields kept (to
        add to); ValueError when the map already has a claim with this id.
        """
        if claim_id in self._claims:
            raise ValueError(
                f"duplicate claim id {claim_id!r} in map {self._top['id']!r}"
            )
        body = self._claims[claim_id] = _kept(fields, CLAIM_FIELD_KINDS)
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
        """Add a relation with its :data:`~argmap.readwrite.document.RELATION_FIELDS`; returns its item to add to."""
        item = {TARGET_KEY: target, **_kept(fields or {}, RELATION_FIELD_KINDS)}
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
        item = {TARGET_KEY: target, **_kept(fields or {}, _SAME_AS_KINDS)}
        self._same_as_links.append((link_entry(SAME_AS, source, item), line))

    def build(self) -> Document:
        """The document; its relations in the order they were added.

        In a map without claims (a links file), a relation whose source is
        a claim of another map (``map#claim``) is a link: it goes into the
        document's ``links`` list, with the ``same_as`` links, in the order
        added.  A map with claims states relations from its own claims only.
        """
        with paused():  # many small objects, no cycles: see argmap._gc
            return self._build()

    def _build(self) -> Document:
        own = str(self._top["id"])
        known = self._claims
        marks = Marks(
            top=dict(self._top_marks),
            claims=dict(self._claim_marks),
            fields=dict(self._field_marks),
        )
        lines = marks.relations
        stated: dict[tuple[str, str], list[Any]] = {}  # (claim, kind) -> items
        kinds_of: dict[str, list[str]] = {}  # claim -> the kinds it states
        problems: list[Diagnostic] = []
        order: list[Slot] = []
        in_order = True  # the relations came claim by claim, kind by kind
        last: tuple[int, int] = (-1, -1)
        claim_index = {claim_id: n for n, claim_id in enumerate(known)}
        kind_index = {kind: n for n, kind in enumerate(RELATION_KINDS)}
        links: list[Any] = []
        for kind, source, item, line in self._relations:
            if "#" in source:
                owner, local = split_ref(source)
                if owner == own:
                    source = local
                elif not known:  # a links file: a link between other maps
                    links.append(link_entry(kind, source, item))
                    marks.links.append(line)
                    continue
            if source not in known:
                problems.append(self._unplaced(kind, source, item, line))
                continue
            slot = (source, kind)
            items = stated.get(slot)
            if items is None:
                items = stated[slot] = []
                lines[slot] = []
                kinds_of.setdefault(source, []).append(kind)
            order.append((source, kind, len(items)))
            if in_order:
                here = (claim_index[source], kind_index[kind])
                in_order = here >= last
                last = here
            # A relation with nothing but a target is written as the target alone.
            items.append(item[TARGET_KEY] if len(item) == 1 else item)
            lines[slot].append(line)
        claims: dict[str, Any] = {}
        for claim_id, fields in known.items():
            kinds = kinds_of.get(claim_id)
            if kinds is None:
                claims[claim_id] = fields
                continue
            # The relation lists after the claim's own fields: a document's
            # readers take fields by name, and to_document writes the order
            # of the format reference.
            body = dict(fields)
            for listed in kinds:
                body[listed] = stated[(claim_id, listed)]
            claims[claim_id] = body
        for entry, line in self._same_as_links:
            links.append(entry)
            marks.links.append(line)
        data: dict[str, Any] = {
            key: self._top[key]
            for key in ("argmap", "id", *(f.key for f in MAP_FIELDS))
            if key in self._top
        }
        data = with_links({**data, "claims": claims}, links)
        return Document(data, self.path, problems, None if in_order else order, marks)

    def _unplaced(
        self, kind: str, source: str, item: dict[str, Any], line: int | None
    ) -> Diagnostic:
        key = item.get("id") or f"{source}->{item[TARGET_KEY]}"
        return unplaced_relation(self.path, self._top["id"], kind, source, key, line)


def _map_document(amap: ArgumentMap, path: str | None) -> Document:
    builder = DocumentBuilder(path, amap.id)
    for key, line in amap.lines.items():
        if "." not in key:  # "source.text" is no field of the map's own
            builder.mark(key, line)
    for key, value in encode_map(amap).items():
        builder.set(key, value)
    for claim in amap.claims.values():
        builder.add_claim(claim.id, encode_claim(claim), claim.line)
    for relation in amap.relations:
        builder.add_relation(
            relation.kind,
            relation.source,
            relation.target,
            encode_relation(relation),
            relation.line,
        )
    for link in amap.same_as_links:
        builder.add_same_as_link(
            link.source,
            link.target,
            {"note": link.note, "suggested": link.suggested},
            link.line,
        )
    return builder.build()


def model_diagnostics(amap: ArgumentMap, path: str | None = None) -> list[Diagnostic]:
    """Structural problems of a map a plugin reader built, as the gate sees them.

    Readers that return models rather than documents (see
    :class:`argmap.readwrite.Format`) pass the same gate: the map becomes its
    document, located at the lines of its claims and relations.
    """
    path = path if path is not None else amap.path
    return check(_map_document(amap, path))
