"""Node-link JSON, the shape of networkx's ``node_link_data``.

Written through :func:`networkx.node_link_data` from the graph of
:mod:`argmap.readwrite._nxgraph` (claims as nodes, relations as edges, map
metadata as graph attributes) and read back through
:func:`networkx.node_link_graph`; every claim and relation field survives.
Output is deterministic: keys sorted, two-space indent; node and edge order
follow the map.

A ``.json`` file is recognised by content, so one extension serves three
shapes: AIF JSON (nodes with ``nodeID``) is handed to
:mod:`argmap.readwrite.aif`, a native map document (``argmap: 1`` and
``claims``) is read as the YAML format would, anything else is node-link.
Every shape gives documents, which pass the schema gate before they become
maps.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from argmap.diagnostics import Diagnostic
from argmap.fileio import read_text
from argmap.model import ArgumentMap
from argmap.readwrite import aif
from argmap.readwrite._foreign import (
    NOT_A_MAP,
    dump_json,
    fail,
    is_node_id,
    json_line_finder,
    json_locator,
    load_json,
    map_id_from_path,
    positioned_json,
)
from argmap.readwrite._nxgraph import graph_document, to_graph
from argmap.readwrite.document import Document, load, load_all

EXTENSIONS = (".json",)


def sniff(data: Any) -> str:
    """Which JSON shape *data* is: ``"aif"``, ``"native"`` or ``"node-link"``."""
    if isinstance(data, dict):
        nodes = data.get("nodes")
        if (
            isinstance(nodes, list)
            and nodes
            and isinstance(nodes[0], dict)
            and "nodeID" in nodes[0]
        ):
            return "aif"
        if "argmap" in data and "claims" in data:
            return "native"
    return "node-link"


def documents(
    text: str, path: str | Path | None = None
) -> tuple[list[Document], list[Diagnostic]]:
    """The documents in JSON *text* of any of the three shapes, and warnings."""
    data = load_json(path, text)
    shape = sniff(data)
    if shape == "aif":
        return aif.documents_from_data(data, path, text)
    name = str(path) if path else None
    if shape == "native":
        # Rare enough to afford a second pass that keeps every line.
        return [Document(positioned_json(text), name)], []
    return [node_link_document(data, path, text)], []


def loads(
    text: str, path: str | Path | None = None
) -> tuple[list[ArgumentMap], list[Diagnostic]]:
    """The maps in JSON *text* (through the gate) and the reader's warnings."""
    docs, warnings = documents(text, path)
    return load_all(docs), warnings


def node_link_document(
    data: Any, path: str | Path | None = None, text: str | None = None
) -> Document:
    """The document of parsed node-link JSON *data*; *text* gives lines for messages."""
    import networkx as nx

    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        fail(
            path,
            "not node-link JSON: expected an object with a 'nodes' list",
            line=1,
            fix="write the file with 'argmap convert MAP -o OUT.json'",
            # Without 'nodes' at all it is some other JSON file.
            code=NOT_A_MAP
            if not isinstance(data, dict) or "nodes" not in data
            else "syntax",
        )
    edges = "links" if "links" in data and "edges" not in data else "edges"
    data = {**data, edges: data.get(edges, [])}
    if data.get("graph") is None:
        data["graph"] = {}
    _check_shape(data, edges, path, text)
    try:
        graph = nx.node_link_graph(data, directed=True, multigraph=True, edges=edges)
    except (KeyError, TypeError, ValueError, nx.NetworkXError) as exc:
        fail(path, f"not node-link JSON: missing or bad field {exc}", line=1)
    return graph_document(
        graph,
        path,
        default_id=map_id_from_path(path or "map"),
        lines=json_line_finder(text),
    )


def _check_shape(
    data: dict[str, Any], edges: str, path: str | Path | None, text: str | None
) -> None:
    """MapError unless *data* has node-link JSON's shape, before networkx reads it.

    networkx trusts its input: a ``null`` node, a node id that is a list or
    ``null``, or graph attributes that are no object would crash it.  Here
    each becomes a message with the line of the field.
    """

    def refuse(message: str, where: tuple[Any, ...], fix: str) -> None:
        mark = json_locator(text)([where]).get(where) if text else None
        fail(
            path,
            f"not node-link JSON: {message}",
            line=mark[0] if mark else 1,
            column=mark[1] if mark else None,
            fix=fix,
        )

    if not isinstance(data["graph"], dict):
        refuse(
            "'graph' must be an object of map fields (id, title, source, ...)",
            ("graph",),
            'write "graph": {"id": "my-map"}',
        )
    for index, node in enumerate(data["nodes"]):
        if not isinstance(node, dict) or not is_node_id(node.get("id")):
            refuse(
                f"node #{index + 1} must be an object whose 'id' is text or a number"
                " (not empty)",
                ("nodes", index),
                'write each node as {"id": "claim-id", "text": "..."}',
            )
    if not isinstance(data[edges], list):
        refuse(f"'{edges}' must be a list", (edges,), f'write "{edges}": [...]')
    for index, edge in enumerate(data[edges]):
        if not (
            isinstance(edge, dict)
            and is_node_id(edge.get("source"))
            and is_node_id(edge.get("target"))
            and ("key" not in edge or is_node_id(edge["key"]))
        ):
            refuse(
                f"{edges[:-1]} #{index + 1} must be an object whose 'source' and "
                "'target' are node ids",
                (edges, index),
                'write each edge as {"source": "a", "target": "b", "kind": "supports"}',
            )


def from_node_link(
    data: Any, path: str | Path | None = None, text: str | None = None
) -> ArgumentMap:
    """The map of parsed node-link JSON *data*, through the gate."""
    return load(node_link_document(data, path, text))


def read_documents(path: str | Path) -> tuple[list[Document], list[Diagnostic]]:
    return documents(read_text(path), Path(path))


def read_with_warnings(path: str | Path) -> tuple[list[ArgumentMap], list[Diagnostic]]:
    return loads(read_text(path), Path(path))


def read(path: str | Path) -> list[ArgumentMap]:
    return read_with_warnings(path)[0]


def to_data(amap: ArgumentMap) -> dict:
    import networkx as nx

    return nx.node_link_data(to_graph(amap), edges="edges")


def write(amap: ArgumentMap) -> str:
    return dump_json(to_data(amap))
