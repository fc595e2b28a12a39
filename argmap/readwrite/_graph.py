"""A map as a plain networkx graph, shared by the node-link JSON and GraphML formats.

Encoding (the README's interop table describes what survives):

- graph attributes: ``argmap`` (format version), ``id``, ``title``,
  ``source`` (a mapping), ``extends``, ``merged_from`` (list of mappings);
- one node per claim, ``kind: claim``, with every claim field
  (``text``, ``quote``, ``role``, ``tags``, ``note``, ``same_as``,
  ``override``, ``provenance``), in the map's order;
- one node per reference that is not a claim of the map (another map's
  claim), ``kind: external``;
- one edge per relation, ``kind`` = supports / rebuts / undercuts, with
  ``weight``, ``note``, ``id``, ``linked``, ``scheme``, ``asserted_by``.
  An undercut attacks a relation, not a claim, so its edge ends at a node
  ``relation:KEY`` (``kind: relation``, ``key``) standing for the relation
  it names; the prefix keeps those nodes apart from claim ids, which
  cannot contain ``:``.

GraphML attributes are scalars, so with ``flat=True`` lists and mappings
are stored as JSON text.
"""

from __future__ import annotations

import json
from typing import Any

from argmap.ids import slugify
from argmap.model import (
    FORMAT_VERSION,
    RELATION_KINDS,
    ArgumentMap,
    Claim,
    Relation,
)
from argmap.readwrite._interop import (
    fail,
    flag_of,
    merged_from_of,
    provenance_of,
    source_of,
    strings,
    weight_of,
)

RELATION_NODE = "relation:"
_LIST_FIELDS = ("tags", "same_as", "linked", "asserted_by")
_STRUCT_FIELDS = ("source", "merged_from", "provenance")


def _encode(value: Any, flat: bool) -> Any:
    if flat and isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, tuple):
        return list(value)
    return value


def _attrs(pairs, flat: bool) -> dict:
    return {
        k: _encode(v, flat)
        for k, v in pairs
        if v is not None and v != () and v != [] and v != {} and v is not False
    }


def to_graph(amap: ArgumentMap, *, flat: bool = False):
    """The map as a :class:`networkx.MultiDiGraph` of plain attributes."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.graph.update(
        _attrs(
            (
                ("argmap", FORMAT_VERSION),
                ("id", amap.id),
                ("title", amap.title),
                ("source", amap.source.to_dict() or None),
                ("extends", amap.extends),
                (
                    "merged_from",
                    [m.summary() for m in amap.merged_from] or None,
                ),
            ),
            flat,
        )
    )
    for claim in amap.claims.values():
        graph.add_node(
            claim.id,
            **_attrs(
                (
                    ("kind", "claim"),
                    ("text", claim.text),
                    ("quote", claim.quote),
                    ("role", claim.role),
                    ("tags", claim.tags),
                    ("note", claim.note),
                    ("same_as", claim.same_as),
                    ("override", claim.override),
                    (
                        "provenance",
                        [p.to_dict() for p in claim.provenance] or None,
                    ),
                ),
                flat,
            ),
        )
    keys: set[tuple] = set()
    for relation in amap.relations:
        source = relation.source
        if source not in graph:
            graph.add_node(source, kind="external")
        if relation.kind == "undercuts":
            target = RELATION_NODE + relation.target
            if target not in graph:
                graph.add_node(target, kind="relation", key=relation.target)
        else:
            target = relation.target
            if target not in graph:
                graph.add_node(target, kind="external")
        # Edge keys are only for telling parallel edges apart; two relations
        # of one kind between the same claims still both survive.
        key = relation.id or relation.kind
        n = 2
        while (source, target, key) in keys:
            key = f"{relation.id or relation.kind}-{n}"
            n += 1
        keys.add((source, target, key))
        graph.add_edge(
            source,
            target,
            key=key,
            **_attrs(
                (
                    ("kind", relation.kind),
                    ("weight", float(relation.weight)),
                    ("note", relation.note),
                    ("id", relation.id),
                    ("linked", relation.linked),
                    ("scheme", relation.scheme),
                    ("asserted_by", relation.asserted_by),
                ),
                flat,
            ),
        )
    return graph


def _decode(value: Any, name: str, path, where: str) -> Any:
    if isinstance(value, str) and (name in _LIST_FIELDS or name in _STRUCT_FIELDS):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            if name in _LIST_FIELDS:
                # A plain word where a list was expected: one item.
                return [value]
            fail(path, f"{where}: attribute {name!r} is not valid JSON text")
    return value


def _strings(value, name, path, where, line=None) -> tuple[str, ...]:
    return strings(_decode(value, name, path, where), name, path, where, line)


def from_graph(graph, path=None, *, default_id: str = "map", lines=None) -> ArgumentMap:
    """Rebuild a map from a graph made by :func:`to_graph` (or a similar one).

    Nodes without ``kind`` count as claims (their text is ``text``, else
    ``label``, else the node id); edges without ``kind`` are an error,
    because guessing support or attack would change the argument.
    *lines* (``(value, field) -> line``) locates a node or the map id in the
    file, for messages.
    """

    def line_of(value, field="id"):
        return lines(value, field) if lines is not None else None

    meta = dict(graph.graph)
    map_id = str(meta.get("id") or default_id)
    map_line = line_of(map_id)
    source = source_of(
        _decode(meta.get("source"), "source", path, "graph"), path, "graph", map_line
    )
    merged = merged_from_of(
        _decode(meta.get("merged_from"), "merged_from", path, "graph"),
        path,
        "graph",
        map_line,
    )
    amap = ArgumentMap(
        map_id,
        meta.get("title"),
        source,
        extends=meta.get("extends"),
        merged_from=merged,
        path=str(path) if path is not None else None,
    )
    if map_line:
        amap.lines["id"] = map_line
    for node, data in graph.nodes(data=True):
        kind = data.get("kind", "claim")
        if kind != "claim":
            continue
        where = f"node {node!r}"
        line = line_of(node)
        text = data.get("text", data.get("label", str(node)))
        override = flag_of(data.get("override"), "override", path, where, line)
        claim = Claim(
            id=str(node) if isinstance(node, str) else slugify(str(node)),
            text=str(text),
            quote=data.get("quote"),
            role=data.get("role"),
            tags=_strings(data.get("tags"), "tags", path, where, line),
            note=data.get("note"),
            same_as=_strings(data.get("same_as"), "same_as", path, where, line),
            override=override,
            provenance=provenance_of(
                _decode(data.get("provenance"), "provenance", path, where),
                path,
                where,
                line,
            ),
            line=line,
        )
        try:
            amap.add_claim(claim)
        except ValueError as exc:  # two nodes with one id (1 and "1")
            fail(path, f"{where}: {exc}", line=line, code="duplicate-id")
    for source_node, target_node, data in graph.edges(data=True):
        where = f"edge {source_node!r} -> {target_node!r}"
        line = None  # networkx does not say where an edge was written
        kind = data.get("kind")
        if kind not in RELATION_KINDS:
            fail(
                path,
                f"{where}: kind {kind!r} is not one of {', '.join(RELATION_KINDS)}",
                fix="give every edge a kind attribute",
            )
        target = str(target_node)
        target_data = graph.nodes[target_node]
        if target_data.get("kind") == "relation":
            target = str(target_data.get("key") or target.removeprefix(RELATION_NODE))
        amap.add_relation(
            Relation(
                kind,
                str(source_node),
                target,
                weight=weight_of(data.get("weight"), path, where, line),
                note=data.get("note"),
                id=data.get("id"),
                linked=_strings(data.get("linked"), "linked", path, where, line),
                scheme=data.get("scheme"),
                asserted_by=_strings(
                    data.get("asserted_by"), "asserted_by", path, where, line
                ),
            )
        )
    return amap
