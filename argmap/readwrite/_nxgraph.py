"""A map as a plain networkx graph, shared by the node-link JSON and GraphML formats.

Encoding (the README's interop table describes what survives); the field
names are those of :mod:`argmap.readwrite.document`'s key tables:

- graph attributes: ``argmap`` (format version), ``id``, then the map's
  fields (``title``, ``source`` (a mapping), ``extends``, ``merged_from``
  (list of mappings));
- one node per claim, ``kind: claim``, with every claim field other than its
  relations (``text``, ``quote``, ``role``, ``tags``, ``note``,
  ``override``, ``same_as``, ``provenance``), in the map's order;
- one node per reference that is not a claim of the map (another map's
  claim), ``kind: external``;
- one edge per relation, ``kind`` = supports / rebuts / undercuts, with
  ``weight`` (always) and the relation's fields by their model names
  (``id``, ``note``, ``linked``, ``scheme``, ``asserted_by``, ``suggested``);
  and one edge ``kind: same_as`` (with ``note``, ``suggested``) per
  ``same_as`` link of a links file, between two other maps' claims.  An undercut
  attacks a relation, not a claim, so its edge ends at a node
  ``relation:KEY`` (``kind: relation``, ``key``) standing for the relation
  it names; the prefix keeps those nodes apart from claim ids, which
  cannot contain ``:``.

GraphML attributes are scalars, so with ``flat=True`` lists and mappings
are stored as JSON text.  Reading a graph gives a document
(:func:`graph_document`), which passes the schema gate before it becomes a
map.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.ids import slugify
from argmap.model import FORMAT_VERSION, RELATION_KINDS, ArgumentMap
from argmap.readwrite._foreign import LineFinder, fail, number
from argmap.readwrite.builder import DocumentBuilder
from argmap.readwrite.document import (
    CLAIM_VALUE_FIELDS,
    LIST,
    MAP_FIELDS,
    MAPPING,
    RECORDS,
    RELATION_FIELDS,
    SAME_AS,
    TARGET_KEY,
    Document,
    encode_claim,
    encode_map,
    encode_relation,
    same_as_item,
)
from argmap.text import json_text

if TYPE_CHECKING:  # networkx costs 0.2 s to import: only when a graph is built
    import networkx as nx

RELATION_NODE = "relation:"
#: Document key -> graph attribute, for relations (``with`` is ``linked``).
_EDGE_ATTR = {f.key: f.attr for f in RELATION_FIELDS}


def _flat(value: Any, flat: bool) -> Any:
    if flat and isinstance(value, (list, tuple, dict)):
        return json_text(value, sort_keys=True)
    return value


def to_graph(amap: ArgumentMap, *, flat: bool = False) -> nx.MultiDiGraph:
    """The map as a :class:`networkx.MultiDiGraph` of plain attributes."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    meta = {"argmap": FORMAT_VERSION, "id": amap.id, **encode_map(amap)}
    graph.graph.update({k: _flat(v, flat) for k, v in meta.items()})
    for claim in amap.claims.values():
        attrs = {"kind": "claim", **encode_claim(claim)}
        graph.add_node(claim.id, **{k: _flat(v, flat) for k, v in attrs.items()})
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
        attrs = {"kind": relation.kind, "weight": float(relation.weight)}
        for name, value in encode_relation(relation).items():
            attrs[_EDGE_ATTR[name]] = _flat(value, flat)
        graph.add_edge(source, target, key=key, **attrs)
    for link in amap.same_as_links:  # a links file's
        for ref in (link.source, link.target):
            if ref not in graph:
                graph.add_node(ref, kind="external")
        item = same_as_item(link)
        del item[TARGET_KEY]
        key, n = SAME_AS, 2
        while (link.source, link.target, key) in keys:
            key, n = f"{SAME_AS}-{n}", n + 1
        keys.add((link.source, link.target, key))
        graph.add_edge(link.source, link.target, key=key, kind=SAME_AS, **item)
    return graph


#: Graph attribute -> (document key, kind), for the map, a claim, a relation.
_MAP_ATTRS = {f.attr: (f.key, f.kind) for f in MAP_FIELDS}
_CLAIM_ATTRS = {f.attr: (f.key, f.kind) for f in CLAIM_VALUE_FIELDS}
_EDGE_ATTRS = {f.attr: (f.key, f.kind) for f in RELATION_FIELDS}
_JSON_TEXT = (LIST, MAPPING, RECORDS)


def _decoded(
    data: dict[str, Any],
    attrs: dict[str, tuple[str, str]],
    path: str | Path | None,
    *where: Any,
    line: int | None = None,
) -> dict[str, Any]:
    """The fields among graph attributes *data*, by document key.

    GraphML holds lists and mappings as JSON text: that text is decoded (a
    plain word where a list was expected is one item).  *where* names the
    node or edge, and *line* where it is written, for a message.
    """
    out = {}
    for attr, value in data.items():
        field = attrs.get(attr)
        if field is None:
            continue
        key, kind = field
        if kind in _JSON_TEXT and isinstance(value, str):
            named = " ".join([where[0], " -> ".join(map(repr, where[1:]))]).strip()
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                if kind != LIST:
                    fail(
                        path,
                        f"{named}: attribute {attr!r} is not valid JSON text",
                        line=line,
                        fix='write lists as ["a", "b"] and mappings as {"key": "value"}',
                    )
                value = [value]
            except RecursionError:
                fail(
                    path,
                    f"{named}: attribute {attr!r} nests values too deep",
                    line=line,
                    fix="a map needs only a few levels; flatten the value",
                    code="too-deep",
                )
        out[key] = value
    return out


def graph_document(
    graph: nx.MultiDiGraph,
    path: str | Path | None = None,
    *,
    default_id: str = "map",
    lines: LineFinder | None = None,
) -> Document:
    """The document of a graph made by :func:`to_graph` (or a similar one).

    Nodes without ``kind`` count as claims (their text is ``text``, else
    ``label``, else the node id); edges without ``kind`` are an error,
    because guessing support or attack would change the argument.
    *lines* (``(value, field) -> line``) locates a node or the map id in the
    file, for messages.
    """

    def line_of(value: Any) -> int | None:
        return lines(value, "id") if lines is not None else None

    meta = dict(graph.graph)
    map_id = str(meta.get("id") or default_id)
    map_line = line_of(map_id)
    builder = DocumentBuilder(str(path) if path is not None else None, map_id)
    builder.mark("id", map_line)
    for key, value in _decoded(meta, _MAP_ATTRS, path, "graph", line=map_line).items():
        builder.set(key, value, map_line)
    for node, data in graph.nodes(data=True):
        if data.get("kind", "claim") != "claim":
            continue
        line = line_of(node)
        fields = _decoded(data, _CLAIM_ATTRS, path, "node", node, line=line)
        fields["text"] = str(data.get("text", data.get("label", str(node))))
        claim_id = str(node) if isinstance(node, str) else slugify(str(node))
        try:
            builder.add_claim(claim_id, fields, line)
        except ValueError as exc:  # two nodes with one id (1 and "1")
            fail(path, f"node {node!r}: {exc}", line=line, code="duplicate-id")
    edges = list(graph.edges(data=True))
    if not any(d.get("kind", "claim") == "claim" for _, d in graph.nodes(data=True)):
        # a links file: a graph keeps edges by source node, not in the file's
        # order; list them as align writes them (kind, from, to)
        edges.sort(key=lambda e: (str(e[2].get("kind")), str(e[0]), str(e[1])))
    for source_node, target_node, data in edges:
        kind = data.get("kind")
        # networkx does not say where an edge was written: a relation is
        # placed at the claim it comes from, as a YAML map lists it there.
        edge_line = line_of(source_node)
        if kind == SAME_AS:  # a links file's link between other maps' claims
            builder.add_same_as_link(
                str(source_node),
                str(target_node),
                {k: data[k] for k in ("note", "suggested") if k in data},
                edge_line,
            )
            continue
        if kind not in RELATION_KINDS:
            fail(
                path,
                f"edge {source_node!r} -> {target_node!r}: kind {kind!r} "
                f"is not one of {', '.join(RELATION_KINDS)}",
                line=edge_line,
                fix="give every edge a kind attribute",
            )
        target = str(target_node)
        target_data = graph.nodes[target_node]
        if target_data.get("kind") == "relation":
            target = str(target_data.get("key") or target.removeprefix(RELATION_NODE))
        fields = _decoded(
            data, _EDGE_ATTRS, path, "edge", source_node, target_node, line=edge_line
        )
        if "weight" in fields:
            fields["weight"] = number(fields["weight"])
        builder.add_relation(kind, str(source_node), target, fields, edge_line)
    return builder.build()
