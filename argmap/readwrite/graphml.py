"""GraphML through networkx (``generate_graphml`` / ``read_graphml``).

The graph is the one of :mod:`argmap.readwrite._nxgraph`.  GraphML
attributes are scalars, so lists (``tags``, ``same_as``, ``linked``,
``asserted_by``) and mappings (``source``, ``merged_from``,
``provenance``) are stored as JSON text; text, numbers and booleans are
native GraphML types.  Everything the map holds survives a round trip;
tools such as yEd or Gephi show the JSON text as it is.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from argmap.diagnostics import Diagnostic, MapError
from argmap.fileio import read_text
from argmap.model import ArgumentMap
from argmap.readwrite._foreign import NOT_A_MAP, LineFinder, fail, map_id_from_path
from argmap.readwrite._nxgraph import graph_document, to_graph
from argmap.readwrite.document import Document, load_all

EXTENSIONS = (".graphml",)


def read_documents(path: str | Path) -> tuple[list[Document], list[Diagnostic]]:
    """The document of the GraphML file at *path* (GraphML loses nothing: no warnings)."""
    import networkx as nx

    path = Path(path)
    try:
        graph = nx.read_graphml(path, force_multigraph=True)
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (None, None))
        fail(
            path,
            f"broken XML: {str(exc).split(':')[0]}",
            line=line,
            column=(column + 1) if column is not None else None,
            fix="check that every tag is closed and '&' is written '&amp;'",
        )
    except OSError as exc:
        fail(path, f"cannot read: {exc.strerror or exc}", code="io")
    except (nx.NetworkXError, KeyError, ValueError) as exc:
        root = _root_tag(path)
        fail(
            path,
            f"not a GraphML graph networkx can read: {exc}"
            + (f" (the file is <{root}>, not <graphml>)" if root != "graphml" else ""),
            line=1,
            code=NOT_A_MAP if root != "graphml" else "syntax",
        )
    if not graph.is_directed():
        # Keep each edge as written (to_directed would add the reverse too).
        directed = nx.MultiDiGraph(**graph.graph)
        directed.add_nodes_from(graph.nodes(data=True))
        directed.add_edges_from(graph.edges(keys=True, data=True))
        graph = directed
    if "id" not in graph.graph:
        # networkx writes the map id as <graph id="..."> and does not read it back.
        graph.graph["id"] = _graph_element_id(path) or map_id_from_path(path)
    document = graph_document(
        graph, path, default_id=map_id_from_path(path), lines=_line_finder(path)
    )
    return [document], []


def read_with_warnings(path: str | Path) -> tuple[list[ArgumentMap], list[Diagnostic]]:
    documents, warnings = read_documents(path)
    return load_all(documents), warnings


def _line_finder(path: Path) -> LineFinder:
    """Line of each ``<node id=...>`` (and the ``<graph id=...>``), for messages."""
    try:
        text = read_text(path)
    except MapError:  # e.g. not UTF-8 (XML may declare another encoding): no lines
        text = ""

    def lines(pattern: str) -> dict[str, int]:
        found: dict[str, int] = {}
        line, last = 1, 0
        for match in re.finditer(pattern, text):
            line += text.count("\n", last, match.start())
            last = match.start()
            found.setdefault(html.unescape(match.group(1)), line)
        return found

    table = lines(r'<(?:\w+:)?(?:node|graph)\b[^>]*?\bid="([^"]*)"')
    # An edge end that no node declares (source="") has its edge's line.
    ends = lines(r'<(?:\w+:)?edge\b[^>]*?\bsource="([^"]*)"')

    def line_of(value: Any, field: str = "id") -> int | None:
        return table.get(str(value), ends.get(str(value)))

    return line_of


def _root_tag(path: Path) -> str | None:
    """The local name of the file's root element; None when it has none."""
    try:
        for _event, element in ET.iterparse(path, events=("start",)):
            return str(element.tag).rsplit("}", 1)[-1]
    except (ET.ParseError, OSError):
        pass
    return None


def _graph_element_id(path: Path) -> str | None:
    for _event, element in ET.iterparse(path, events=("start",)):
        if element.tag.rsplit("}", 1)[-1] == "graph":
            return element.get("id")
    return None


def read(path: str | Path) -> list[ArgumentMap]:
    return read_with_warnings(path)[0]


def write(amap: ArgumentMap) -> str:
    import networkx as nx

    # The pure-Python writer: its output does not depend on whether lxml is
    # installed, and attribute keys (d0, d1, ...) follow first use.
    text = "\n".join(nx.generate_graphml(to_graph(amap, flat=True))) + "\n"
    # It writes everything but ASCII as character references, and the C0
    # controls raw, which XML 1.0 forbids even as references: the file would
    # not read back.  Each becomes U+FFFD (shown, not hidden); DEL a reference.
    return _NOT_XML.sub("&#65533;", text).replace("\x7f", "&#127;")


#: What XML 1.0 cannot hold: C0 controls but tab, line feed, carriage return.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
