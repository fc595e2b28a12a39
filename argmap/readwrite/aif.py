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
MA between two I-nodes         ``same_as`` (the checker then suggests merging)
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
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from argmap.diagnostics import Diagnostic
from argmap.ids import is_id, is_ref, slugify, unique
from argmap.model import ArgumentMap, Claim, Relation
from argmap.readwrite._interop import (
    drop_none,
    dump_json,
    fail,
    flag_of,
    json_line_finder,
    load_json,
    map_id_from_path,
    merged_from_of,
    plural,
    provenance_of,
    source_of,
    strings,
    warn,
    weight_of,
)

EXTENSIONS = (".aif.json", ".aif")
EXT = "argmap"
_DEFAULT_TEXT = {
    "RA": "Default Inference",
    "CA": "Default Conflict",
    "MA": "Default Rephrase",
}
_DIALOGUE_TYPES = ("L", "YA", "TA")


# -- reading ------------------------------------------------------------------
def read_with_warnings(path) -> tuple[list[ArgumentMap], list[Diagnostic]]:
    from argmap.fileio import read_text

    text = read_text(path)
    return from_data(load_json(path, text), Path(path), text)


def read(path) -> list[ArgumentMap]:
    return read_with_warnings(path)[0]


def _line_finder(text: str | None):
    """Line of a node's (or edge's) entry in the file text, for messages."""
    find = json_line_finder(text)

    def line_of(node_id: str, field: str = "nodeID") -> int | None:
        return find(node_id, field)

    return line_of


def from_data(
    data: Any, path=None, text: str | None = None
) -> tuple[list[ArgumentMap], list[Diagnostic]]:
    """The map in parsed AIF JSON *data*, and warnings about what was left out."""
    line_of = _line_finder(text)
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        fail(
            path,
            "not AIF JSON: expected an object with 'nodes' and 'edges' lists",
            line=1,
        )
    edges_data = data.get("edges", [])
    if not isinstance(edges_data, list):
        fail(path, "not AIF JSON: 'edges' must be a list", line=1)
    warnings: list[Diagnostic] = []
    meta = data.get(EXT) if isinstance(data.get(EXT), dict) else {}

    nodes: dict[str, dict] = {}
    for index, node in enumerate(data["nodes"]):
        if not isinstance(node, dict) or "nodeID" not in node or "type" not in node:
            fail(
                path,
                f"AIF node #{index + 1} has no nodeID or type",
                line=line_of(str(node.get("nodeID")))
                if isinstance(node, dict)
                else None,
                fix="every node needs nodeID, type and text",
            )
        node_id = str(node["nodeID"])
        if node_id in nodes:
            fail(path, f"AIF nodeID {node_id!r} is used twice", line=line_of(node_id))
        nodes[node_id] = node

    incoming: dict[str, list[str]] = {n: [] for n in nodes}
    outgoing: dict[str, list[str]] = {n: [] for n in nodes}
    for index, edge in enumerate(edges_data):
        if not isinstance(edge, dict) or "fromID" not in edge or "toID" not in edge:
            fail(path, f"AIF edge #{index + 1} has no fromID or toID")
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
    amap = ArgumentMap(
        meta.get("id") or map_id_from_path(path or "aif"),
        meta.get("title"),
        source_of(meta.get("source"), path, f'"{EXT}" object', meta_line),
        extends=meta.get("extends"),
        merged_from=merged_from_of(
            meta.get("merged_from"), path, f'"{EXT}" object', meta_line
        ),
        path=str(path) if path is not None else None,
    )
    if meta_line:
        amap.lines["id"] = meta_line

    # I-nodes -> claims (or references to other maps' claims).
    claim_of: dict[str, str] = {}
    for node_id, node in nodes.items():
        if node["type"] != "I":
            continue
        ext = node.get(EXT) if isinstance(node.get(EXT), dict) else {}
        if ext.get("external") and is_ref(node_id):
            claim_of[node_id] = node_id
            continue
        claim_id = node_id if is_id(node_id) else slugify(node_id, fallback="i")
        claim_id = unique(claim_id, amap.claims)
        claim_of[node_id] = claim_id
        line = line_of(node_id)
        where = f"I-node {node_id!r}"
        override = flag_of(ext.get("override"), "override", path, where, line)
        amap.add_claim(
            Claim(
                id=claim_id,
                text=str(node.get("text", "")),
                quote=ext.get("quote"),
                role=ext.get("role"),
                tags=strings(ext.get("tags"), "tags", path, where, line),
                note=ext.get("note"),
                same_as=strings(ext.get("same_as"), "same_as", path, where, line),
                override=override,
                provenance=provenance_of(ext.get("provenance"), path, where, line),
                line=line,
            )
        )

    # Scheme nodes -> relations.  Undercuts wait until every relation exists.
    made: dict[str, list[Relation]] = {}
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
        ext = node.get(EXT) if isinstance(node.get(EXT), dict) else {}
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
                claim = amap.claims.get(source)
                for target in targets_i:
                    if claim is not None and target not in claim.same_as:
                        claim.same_as = (*claim.same_as, target)
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
            amap.add_relation(
                _relation(
                    "supports" if kind == "RA" else "rebuts",
                    premises,
                    target,
                    ext,
                    node,
                    line,
                    path,
                )
            )
            for target in targets_i
        ]

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
            ext = node.get(EXT) if isinstance(node.get(EXT), dict) else {}
            attacked = [r for t in targets_s for r in made.get(t, ())]
            named = ext.get("undercuts")
            if (
                attacked
                and isinstance(named, str)
                and [id(r) for r in amap.relations_by_key(named)]
                == [id(r) for r in attacked]
            ):
                # Written by argmap: the undercut's own spelling ("a->b" for a
                # relation that also has an id), when it names the same one.
                keys = [named]
            else:
                keys = [
                    _key_of(amap, r, nodes, t)
                    for t in targets_s
                    for r in made.get(t, ())
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
                amap.add_relation(
                    _relation(
                        "undercuts", premises, key, ext, node, line_of(node_id), path
                    )
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

    # Undercuts were built last; put every relation back in file order so
    # that writing the map again gives the same file.
    order = {n: i for i, n in enumerate(nodes)}
    position = {id(r): order[n] for n, rels in made.items() for r in rels}
    amap.relations.sort(key=lambda r: position.get(id(r), len(order)))

    dialogue = sum(ignored.values())
    locutions = data.get("locutions") or []
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
    return [amap], warnings


def _relation(kind, premises, target, ext, node, line, path=None) -> Relation:
    where = f"{node.get('type')} node {node.get('nodeID')!r}"
    scheme = ext.get("scheme")
    text = str(node.get("scheme") or node.get("text") or "")
    if (
        scheme is None
        and kind == "supports"
        and text
        and text not in _DEFAULT_TEXT.values()
    ):
        scheme = slugify(
            text.removeprefix("Argument From ").removeprefix("Argument from ")
        )
    return Relation(
        kind,
        premises[0],
        target,
        weight=weight_of(ext.get("weight"), path, where, line),
        note=ext.get("note"),
        id=ext.get("id"),
        linked=tuple(premises[1:]),
        scheme=scheme,
        asserted_by=strings(ext.get("asserted_by"), "asserted_by", path, where, line),
        line=line,
    )


def _key_of(amap: ArgumentMap, relation: Relation, nodes, node_id: str) -> str:
    """The key an undercut uses for *relation*; names it by id when the key is shared."""
    # An undercut's own key (u->a->b) is not a valid reference: name it by id.
    if relation.id is None and (
        relation.kind == "undercuts" or len(amap.relations_by_key(relation.key)) > 1
    ):
        taken = set(amap.claims) | {r.id for r in amap.relations if r.id}
        relation.id = unique(slugify(node_id, fallback="r"), taken)
    return relation.key


# -- writing ------------------------------------------------------------------
def to_data(amap: ArgumentMap) -> dict:
    """The map as AIF JSON data (see the module docstring for the ids)."""
    nodes: list[dict] = []
    edges: list[dict] = []
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
        node = {"nodeID": claim.id, "text": claim.text, "type": "I", "timestamp": ""}
        ext = drop_none(
            (
                ("quote", claim.quote),
                ("role", claim.role),
                ("tags", list(claim.tags)),
                ("note", claim.note),
                ("same_as", list(claim.same_as)),
                ("override", True if claim.override else None),
                (
                    "provenance",
                    [p.to_dict() for p in claim.provenance],
                ),
            )
        )
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
        ext = drop_none(
            (
                ("id", relation.id),
                ("weight", relation.weight if relation.weight != 1.0 else None),
                ("note", relation.note),
                ("scheme", relation.scheme),
                ("asserted_by", list(relation.asserted_by)),
            )
        )
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

    meta = drop_none(
        (
            ("id", amap.id),
            ("title", amap.title),
            ("source", amap.source.to_dict() or None),
            ("extends", amap.extends),
            (
                "merged_from",
                [m.summary() for m in amap.merged_from],
            ),
        )
    )
    return {"nodes": nodes, "edges": edges, "locutions": [], EXT: meta}


def write(amap: ArgumentMap) -> str:
    return dump_json(to_data(amap))


__all__ = ["from_data", "read", "read_with_warnings", "to_data", "write"]
