"""AIF JSON, the Argument Interchange Format as OVA and AIFdb exchange it.

An AIF graph has information nodes (``I``: claims) and scheme nodes that
connect them: ``RA`` (inference: premises -> RA -> conclusion), ``CA``
(conflict: attacker -> CA -> target) and ``MA`` (rephrase).  Mapping:

=============================  ==============================================
AIF                            map
=============================  ==============================================
I-node                         claim (``nodeID`` as its id when it is a slug)
RA, one premise                ``supports`` from the premise to the conclusion
RA, several premises           one ``supports``; the premises after the first
                               are its linked premises (``Relation.linked``)
CA pointing at an I-node       ``rebuts``
CA pointing at an RA/CA node   ``undercuts`` of the relation that node made
MA between two I-nodes         ``same_as`` (the checker then suggests merging);
                               in a links file (no claims of its own), a
                               ``same_as`` link between other maps' claims
L, YA, TA nodes, locutions     ignored, with one warning counting them
PA and other scheme nodes      ignored, with a warning each
=============================  ==============================================

What AIF has no field for (map id and title, source, quote, role, tags,
notes, weights, relation ids, schemes, cross-map references, a merged map's
``merged_from``, ``provenance`` and ``asserted_by``) is kept in an
``"argmap"`` object on the file and on each node; AIF tools ignore unknown
keys, and reading it back restores the map exactly.  Node ids are the claim
ids and ``ra-N`` / ``ca-N`` / ``ma-N`` numbered in map order, edge ids
``e-N``: the same map always gives the same file.

This module is a little over argmap's 600-line guide, and stays one module
on purpose: the reader and the writer are one format and change together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap.diagnostics import Diagnostic
from argmap.fileio import read_text
from argmap.ids import is_id, is_ref, slugify, unique
from argmap.model import ArgumentMap, Relation, RelationIndex, RelationKind, split_ref
from argmap.readwrite._foreign import (
    NOT_A_MAP,
    dump_json,
    fail,
    is_node_id,
    json_line_at,
    json_line_finder,
    load_json,
    map_id_from_path,
    number,
    plural,
    warn,
)
from argmap.readwrite.builder import DocumentBuilder
from argmap.readwrite.document import (
    CLAIM_FIELDS,
    MAP_FIELDS,
    RELATION_FIELDS,
    RELATIONS,
    TARGET_KEY,
    Document,
    encode_claim,
    encode_map,
    encode_relation,
    load_all,
    same_as_item,
)

EXTENSIONS = (".aif.json", ".aif")
EXT = "argmap"
_DEFAULT_TEXT = {
    "RA": "Default Inference",
    "CA": "Default Conflict",
    "MA": "Default Rephrase",
}
_DIALOGUE_TYPES = ("L", "YA", "TA")
#: The claim fields an I-node keeps in its "argmap" object (its text is the node's).
_NODE_FIELDS = tuple(
    f.key for f in CLAIM_FIELDS if f.kind != RELATIONS and f.key != "text"
)
#: The relation fields a scheme node keeps there (linked premises are edges).
_SCHEME_FIELDS = tuple(f.key for f in RELATION_FIELDS if f.key != "with")


# -- reading ------------------------------------------------------------------
def read_documents(path: str | Path) -> tuple[list[Document], list[Diagnostic]]:
    text = read_text(path)
    return documents_from_data(load_json(path, text), Path(path), text)


def read_with_warnings(path: str | Path) -> tuple[list[ArgumentMap], list[Diagnostic]]:
    documents, warnings = read_documents(path)
    return load_all(documents), warnings


def read(path: str | Path) -> list[ArgumentMap]:
    return read_with_warnings(path)[0]


def from_data(
    data: Any, path: str | Path | None = None, text: str | None = None
) -> tuple[list[ArgumentMap], list[Diagnostic]]:
    """The map in parsed AIF JSON *data* (through the gate), and warnings."""
    documents, warnings = documents_from_data(data, path, text)
    return load_all(documents), warnings


def _line_finder(text: str | None) -> Callable[..., int | None]:
    """``line_of(node_id, field="nodeID")``: a node's (or edge's) line in the file, for messages."""
    find = json_line_finder(text)
    return lambda node_id, field="nodeID": find(node_id, field)


def _ext(node: dict[str, Any]) -> dict[str, Any]:
    """The "argmap" object of a node (or file): what AIF has no field for."""
    ext = node.get(EXT)
    return ext if isinstance(ext, dict) else {}


@dataclass
class _Made:
    """A relation made from a scheme node, before it goes into the document.

    ``relation`` holds what resolving undercuts needs (kind, ends, id);
    ``fields`` what the document gets, as the file gave it.
    """

    relation: Relation
    fields: dict[str, Any]
    node_id: str
    line: int | None


def documents_from_data(
    data: Any, path: str | Path | None = None, text: str | None = None
) -> tuple[list[Document], list[Diagnostic]]:
    """The document of the map in parsed AIF JSON *data*, and warnings about what was left out."""
    line_of = _line_finder(text)
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        fail(
            path,
            "not AIF JSON: expected an object with 'nodes' and 'edges' lists",
            line=1,
            code="syntax" if isinstance(data, dict) and "nodes" in data else NOT_A_MAP,
        )
    edges_data = data.get("edges", [])
    if not isinstance(edges_data, list):
        fail(
            path,
            "not AIF JSON: 'edges' must be a list",
            line=json_line_at(text, "edges"),
        )
    warnings: list[Diagnostic] = []
    meta = _ext(data)

    nodes: dict[str, dict] = {}
    for index, node in enumerate(data["nodes"]):
        node_ok = isinstance(node, dict) and is_node_id(node.get("nodeID"))
        if not node_ok or not isinstance(node.get("type"), str):
            fail(
                path,
                f"AIF node #{index + 1} has no nodeID or type (text or a number)",
                line=json_line_at(text, "nodes", index),
                fix="every node needs nodeID, type and text",
            )
        node_id = str(node["nodeID"])
        if node_id in nodes:
            fail(path, f"AIF nodeID {node_id!r} is used twice", line=line_of(node_id))
        nodes[node_id] = node

    incoming: dict[str, list[str]] = {n: [] for n in nodes}
    outgoing: dict[str, list[str]] = {n: [] for n in nodes}
    for index, edge in enumerate(edges_data):
        ends = (edge.get("fromID"), edge.get("toID")) if isinstance(edge, dict) else ()
        if not ends or not all(map(is_node_id, ends)):
            fail(
                path,
                f"AIF edge #{index + 1} has no fromID or toID (text or a number)",
                line=json_line_at(text, "edges", index),
                fix="every edge needs fromID and toID",
            )
        src, dst = str(edge["fromID"]), str(edge["toID"])
        missing = [n for n in (src, dst) if n not in nodes]
        if missing:
            warnings.append(
                warn(
                    path,
                    "aif-dangling-edge",
                    f"edge {edge.get('edgeID', index + 1)!s} names unknown node "
                    f"{missing[0]!r}; skipped",
                    line=line_of(str(edge.get("edgeID")), "edgeID"),
                )
            )
            continue
        outgoing[src].append(dst)
        incoming[dst].append(src)

    meta_line = line_of(str(meta.get("id")), "id") if meta.get("id") else None
    map_id = meta.get("id") or map_id_from_path(path or "aif")
    builder = DocumentBuilder(str(path) if path is not None else None, map_id)
    builder.mark("id", meta_line)
    for f in MAP_FIELDS:
        builder.set(f.key, meta.get(f.key), meta_line)

    # I-nodes -> claims (or references to other maps' claims).
    claim_of: dict[str, str] = {}
    bodies: dict[str, dict[str, Any]] = {}
    for node_id, node in nodes.items():
        if node["type"] != "I":
            continue
        ext = _ext(node)
        if ext.get("external") and is_ref(node_id):
            claim_of[node_id] = node_id
            continue
        claim_id = node_id if is_id(node_id) else slugify(node_id, fallback="i")
        claim_id = unique(claim_id, bodies)
        claim_of[node_id] = claim_id
        fields = {key: ext[key] for key in _NODE_FIELDS if key in ext}
        fields["text"] = str(node.get("text", ""))
        bodies[claim_id] = builder.add_claim(claim_id, fields, line_of(node_id))

    # Scheme nodes -> relations.  Undercuts wait until every relation exists.
    made: dict[str, list[_Made]] = {}
    relation_index = RelationIndex()
    undercut_nodes: list[tuple[str, list[str], list[str]]] = []
    ignored: dict[str, int] = {}
    for node_id, node in nodes.items():
        kind = node["type"]
        if kind == "I":
            continue
        line = line_of(node_id)
        if kind in _DIALOGUE_TYPES:
            ignored[kind] = ignored.get(kind, 0) + 1
            continue
        if kind not in ("RA", "CA", "MA"):
            warnings.append(
                warn(
                    path,
                    "aif-unsupported-node",
                    f"{kind} node {node_id!r} ({node.get('text', '')!s}) has no "
                    "counterpart in a map; skipped",
                    line=line,
                )
            )
            continue
        premises = [claim_of[n] for n in incoming[node_id] if n in claim_of]
        targets_i = [claim_of[n] for n in outgoing[node_id] if n in claim_of]
        targets_s = [n for n in outgoing[node_id] if nodes[n]["type"] in ("RA", "CA")]
        ext = _ext(node)
        name = {"RA": "inference", "CA": "conflict", "MA": "rephrase"}[kind]
        if not premises:
            warnings.append(
                warn(
                    path,
                    "aif-incomplete",
                    f"{kind} node {node_id!r} has no I-node pointing into it; "
                    f"the {name} is skipped",
                    line=line,
                )
            )
            continue
        if kind == "MA":
            for source in premises:
                body = bodies.get(source)
                if body is None and not bodies:
                    # a links file: same_as between two other maps' claims
                    for target in targets_i:
                        builder.add_same_as_link(
                            source,
                            target,
                            {k: ext[k] for k in ("note", "suggested") if k in ext},
                            line,
                        )
                    continue
                if body is None:
                    continue  # another map's claim
                same_as = body.get("same_as", [])
                if not isinstance(same_as, list):
                    continue  # not a list: the gate says so
                for target in targets_i:
                    if target not in same_as:
                        same_as = body["same_as"] = [*same_as, target]
            continue
        if kind == "CA" and (targets_s or ext.get("undercuts")):
            undercut_nodes.append((node_id, premises, targets_s))
            continue
        if kind == "RA" and targets_s:
            warnings.append(
                warn(
                    path,
                    "aif-unsupported-node",
                    f"RA node {node_id!r} supports an inference, not a claim; "
                    "a map cannot say that, so it is skipped",
                    line=line,
                )
            )
            continue
        if not targets_i:
            warnings.append(
                warn(
                    path,
                    "aif-incomplete",
                    f"{kind} node {node_id!r} points at no I-node; "
                    f"the {name} is skipped",
                    line=line,
                )
            )
            continue
        made[node_id] = [
            _relation(
                "supports" if kind == "RA" else "rebuts",
                premises,
                target,
                ext,
                node,
                line,
                relation_index,
            )
            for target in targets_i
        ]

    own = str(map_id)
    pending = list(undercut_nodes)
    waiting = {item[0] for item in pending}
    while pending:
        progress = False
        for item in list(pending):
            node_id, premises, targets_s = item
            if any(t in waiting for t in targets_s):
                continue  # undercuts an undercut that is not built yet
            pending.remove(item)
            waiting.discard(node_id)
            progress = True
            node = nodes[node_id]
            ext = _ext(node)
            attacked = [m.relation for t in targets_s for m in made.get(t, ())]
            named = ext.get("undercuts")
            if (
                attacked
                and isinstance(named, str)
                and [id(r) for r in relation_index.named(_local(named, own))]
                == [id(r) for r in attacked]
            ):
                # Written by argmap: the undercut's own spelling ("a->b" for a
                # relation that also has an id), when it names the same one.
                keys = [named]
            else:
                keys = [
                    _key_of(m, relation_index, bodies, made)
                    for t in targets_s
                    for m in made.get(t, ())
                ]
            if not targets_s and ext.get("undercuts"):
                if not isinstance(ext["undercuts"], str):
                    fail(
                        path,
                        f"CA node {node_id!r}: 'undercuts' must be a relation id "
                        f"or source->target, got {ext['undercuts']!r}",
                        line=line_of(node_id),
                        code="schema",
                    )
                keys = [ext["undercuts"]]
            if not keys:
                warnings.append(
                    warn(
                        path,
                        "aif-incomplete",
                        f"CA node {node_id!r} attacks a scheme node that was skipped",
                        line=line_of(node_id),
                    )
                )
                continue
            made[node_id] = [
                _relation(
                    "undercuts",
                    premises,
                    key,
                    ext,
                    node,
                    line_of(node_id),
                    relation_index,
                )
                for key in keys
            ]
        if not progress:  # a cycle of undercuts: report, do not loop
            for node_id, _, _ in pending:
                warnings.append(
                    warn(
                        path,
                        "aif-incomplete",
                        f"CA node {node_id!r} is part of a cycle of conflicts "
                        "between scheme nodes; skipped",
                        line=line_of(node_id),
                    )
                )
            break

    # Undercuts were made last; the document gets every relation in file
    # order, so that writing the map again gives the same file.
    order = {n: i for i, n in enumerate(nodes)}
    for node_id in sorted(made, key=order.__getitem__):
        for m in made[node_id]:
            r = m.relation
            builder.add_relation(r.kind, r.source, r.target, m.fields, m.line)

    dialogue = sum(ignored.values())
    locutions = data.get("locutions")
    locutions = locutions if isinstance(locutions, list) else []  # any other: none
    if dialogue or locutions:
        parts = [
            plural(ignored[k], f"{k}-node") for k in _DIALOGUE_TYPES if k in ignored
        ]
        if locutions:
            parts.append(plural(len(locutions), "locution"))
        warnings.append(
            warn(
                path,
                "aif-dialogue-ignored",
                f"ignored {', '.join(parts)}: the dialogue layer (who said what) "
                "is not part of a map",
                line=None,
            )
        )
    return [builder.build()], warnings


def _local(key: str, map_id: str) -> str:
    """*key* with this map's own ``map#`` prefixes dropped, as the map stores it."""
    parts = []
    for part in key.split("->"):
        owner, local = split_ref(part)
        parts.append(local if owner == map_id else part)
    return "->".join(parts)


def _relation(
    kind: RelationKind,
    premises: list[str],
    target: str,
    ext: dict[str, Any],
    node: dict[str, Any],
    line: int | None,
    index: RelationIndex,
) -> _Made:
    fields = {key: ext[key] for key in _SCHEME_FIELDS if key in ext}
    if "weight" in fields:
        fields["weight"] = number(fields["weight"])
    text = str(node.get("scheme") or node.get("text") or "")
    if (
        fields.get("scheme") is None
        and kind == "supports"
        and text
        and text not in _DEFAULT_TEXT.values()
    ):
        fields["scheme"] = slugify(
            text.removeprefix("Argument From ").removeprefix("Argument from ")
        )
    fields["with"] = premises[1:]
    relation_id = fields.get("id")
    relation = Relation(
        kind,
        premises[0],
        target,
        id=relation_id if isinstance(relation_id, str) and relation_id else None,
        linked=tuple(premises[1:]),
    )
    index.add(relation)
    return _Made(relation, fields, str(node.get("nodeID")), line)


def _key_of(
    m: _Made,
    index: RelationIndex,
    claims: dict[str, Any],
    made: dict[str, list[_Made]],
) -> str:
    """The key an undercut uses for *m*'s relation; names it by id when the key is shared."""
    relation = m.relation
    # An undercut's own key (u->a->b) is not a valid reference: name it by id.
    if (
        relation.id is None
        and "id" not in m.fields
        and (relation.kind == "undercuts" or len(index.named(relation.key)) > 1)
    ):
        taken = set(claims) | {
            x.relation.id for ms in made.values() for x in ms if x.relation.id
        }
        relation.id = m.fields["id"] = unique(slugify(m.node_id, fallback="r"), taken)
        index.add_id(relation)
    return relation.key


# -- writing ------------------------------------------------------------------
def to_data(amap: ArgumentMap) -> dict[str, Any]:
    """The map as AIF JSON data (see the module docstring for the ids)."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    taken = set(amap.claims)

    def node_id_for(prefix: str, n: int) -> str:
        node_id = unique(f"{prefix}-{n}", taken)
        taken.add(node_id)
        return node_id

    def add_edge(src: str, dst: str) -> None:
        edges.append(
            {
                "edgeID": f"e-{len(edges) + 1}",
                "fromID": src,
                "toID": dst,
                "formEdgeID": None,
            }
        )

    for claim in amap.claims.values():
        node: dict[str, Any] = {
            "nodeID": claim.id,
            "text": claim.text,
            "type": "I",
            "timestamp": "",
        }
        ext = {k: v for k, v in encode_claim(claim).items() if k in _NODE_FIELDS}
        if ext:
            node[EXT] = ext
        nodes.append(node)

    external: set[str] = set()

    def i_node(ref: str) -> str:
        if ref not in amap.claims and ref not in external:
            external.add(ref)
            taken.add(ref)
            nodes.append(
                {
                    "nodeID": ref,
                    "text": ref,
                    "type": "I",
                    "timestamp": "",
                    EXT: {"external": True},
                }
            )
        return ref

    counters = {"RA": 0, "CA": 0, "MA": 0}
    s_node: dict[int, str] = {}
    for relation in amap.relations:
        kind = "RA" if relation.kind == "supports" else "CA"
        counters[kind] += 1
        s_node[id(relation)] = node_id_for(kind.lower(), counters[kind])

    for relation in amap.relations:
        kind = "RA" if relation.kind == "supports" else "CA"
        node_id = s_node[id(relation)]
        ext = {
            k: v for k, v in encode_relation(relation).items() if k in _SCHEME_FIELDS
        }
        node = {
            "nodeID": node_id,
            "text": _DEFAULT_TEXT[kind],
            "type": kind,
            "timestamp": "",
        }
        if relation.scheme == "example":
            node["scheme"] = "Argument From Example"
        for premise in (relation.source, *relation.linked):
            add_edge(i_node(premise), node_id)
        if relation.kind == "undercuts":
            target = amap.relation(relation.target)
            if target is not None:
                add_edge(node_id, s_node[id(target)])
            if target is None or target.key != relation.target:
                # Another map's relation, or none, AIF cannot point at; or
                # "a->b" naming a relation that has an id: keep the spelling.
                ext["undercuts"] = relation.target
        else:
            add_edge(node_id, i_node(relation.target))
        if ext:
            node[EXT] = ext
        nodes.append(node)

    # Same-as inside the map is a rephrase AIF can state; across maps it
    # lives only in the argmap object of the node.
    for claim in amap.claims.values():
        for ref in claim.same_as:
            if ref in amap.claims:
                counters["MA"] += 1
                node_id = node_id_for("ma", counters["MA"])
                nodes.append(
                    {
                        "nodeID": node_id,
                        "text": _DEFAULT_TEXT["MA"],
                        "type": "MA",
                        "timestamp": "",
                    }
                )
                add_edge(claim.id, node_id)
                add_edge(node_id, ref)

    # A links file's same_as links join two other maps' claims: a rephrase
    # between their I-nodes, its note and mark in the argmap object.
    for link in amap.same_as_links:
        counters["MA"] += 1
        node_id = node_id_for("ma", counters["MA"])
        node = {
            "nodeID": node_id,
            "text": _DEFAULT_TEXT["MA"],
            "type": "MA",
            "timestamp": "",
        }
        item = same_as_item(link)
        del item[TARGET_KEY]
        if item:
            node[EXT] = item
        nodes.append(node)
        add_edge(i_node(link.source), node_id)
        add_edge(node_id, i_node(link.target))

    meta = {"id": amap.id, **encode_map(amap)}
    return {"nodes": nodes, "edges": edges, "locutions": [], EXT: meta}


def write(amap: ArgumentMap) -> str:
    return dump_json(to_data(amap))


__all__ = [
    "documents_from_data",
    "from_data",
    "read",
    "read_documents",
    "read_with_warnings",
    "to_data",
    "write",
]
