"""Node-link JSON, the shape of networkx's ``node_link_data``.

Written through :func:`networkx.node_link_data` from the graph of
:mod:`argmap.readwrite._graph` (claims as nodes, relations as edges, map
metadata as graph attributes) and read back through
:func:`networkx.node_link_graph`; every claim and relation field survives.
Output is deterministic: keys sorted, two-space indent; node and edge order
follow the map.

A ``.json`` file is recognised by content, so one extension serves three
shapes: AIF JSON (nodes with ``nodeID``) is handed to
:mod:`argmap.readwrite.aif`, a native map document (``argmap: 1`` and
``claims``) is read as the YAML format would, anything else is node-link.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from argmap.diagnostics import MapError
from argmap.model import ArgumentMap
from argmap.readwrite._interop import (
    dump_json,
    fail,
    json_line_finder,
    load_json,
    map_id_from_path,
)

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


def loads(text: str, path=None) -> tuple[list[ArgumentMap], list]:
    data = load_json(path, text)
    shape = sniff(data)
    if shape == "aif":
        from argmap.readwrite import aif

        return aif.from_data(data, path)
    if shape == "native":
        from argmap.readwrite import yamlmap

        problems = yamlmap.structure_diagnostics(data, str(path) if path else None)
        if problems:
            raise MapError(diagnostics=problems)
        return [yamlmap.from_document(data, str(path) if path else None)], []
    return [from_node_link(data, path, text)], []


def from_node_link(data: Any, path=None, text: str | None = None) -> ArgumentMap:
    import networkx as nx

    from argmap.readwrite._graph import from_graph

    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        fail(
            path,
            "not node-link JSON: expected an object with a 'nodes' list",
            line=1,
            fix="write the file with 'argmap convert MAP -o OUT.json'",
        )
    edges = "links" if "links" in data and "edges" not in data else "edges"
    data = {**data, edges: data.get(edges, [])}
    try:
        graph = nx.node_link_graph(data, directed=True, multigraph=True, edges=edges)
    except (KeyError, TypeError, nx.NetworkXError) as exc:
        fail(path, f"not node-link JSON: missing or bad field {exc}", line=1)
    return from_graph(
        graph,
        path,
        default_id=map_id_from_path(path or "map"),
        lines=json_line_finder(text),
    )


def read_with_warnings(path) -> tuple[list[ArgumentMap], list]:
    from argmap.fileio import read_text

    return loads(read_text(path), Path(path))


def read(path) -> list[ArgumentMap]:
    return read_with_warnings(path)[0]


def to_data(amap: ArgumentMap) -> dict:
    import networkx as nx

    from argmap.readwrite._graph import to_graph

    return nx.node_link_data(to_graph(amap), edges="edges")


def write(amap: ArgumentMap) -> str:
    return dump_json(to_data(amap))
