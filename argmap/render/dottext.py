"""Graphviz DOT graphs: a small model (:class:`Graph`, :class:`Node`, :class:`Edge`) and its text.

argmap's drawings (:mod:`argmap.render.dot`, ``legend``, ``hidden``) are built
as these objects and written out by :func:`dot_text`.  They used to be pydot
objects; pydot's ``to_string`` decides for every attribute value, character
by character in Python, whether it needs quotes, and on a 100,000-claim map
building and writing its objects took longer than everything else.  The
text is the same, byte for byte: ``tests/test_render_dottext.py`` builds the
same graph with pydot and compares, on every map and drawing option and on
hostile names and values.  This module decides the quoting with C-level
string tests and remembers the answer for the short values (colours,
styles, widths) that repeat on every node.

What is written (pydot 3/4's layout, no indentation)::

    graph     := ["strict "] type [" " ID] " {\\n" (attr ";\\n")* item* "}\\n"
    item      := node | edge | subgraph        (in the order they were added)
    node      := ID [" [" attr (", " attr)* "]"] ";\\n"
    edge      := ID (" -> " | " -- ") ID [" [" attr (", " attr)* "]"] ";\\n"
    subgraph  := "subgraph" [" " ID] " {\\n" (attr ";\\n")* item* "}\\n"
    attr      := key "=" value  |  key            (a value of None)

Edges use ``->`` when the top graph is a ``digraph``, else ``--``.  A node
named ``graph``, ``node`` or ``edge`` (attribute defaults) with no
attributes is written as an empty line.  A node name not in quotes loses a
``:port`` suffix, as in pydot (argmap's names are always quoted).

Quoting a value (pydot's ``quote_attr_if_necessary``; argmap itself quotes
every text that comes from a map with :func:`argmap.render.labels.dot_string`,
so these rules only ever see theme values and already-quoted strings):

* ``""`` is written ``""``; ``True``/``False`` as ``true``/``false``; other
  non-strings as ``str()``;
* a DOT keyword (``graph``, ``subgraph``, ``digraph``, ``node``, ``edge``,
  ``strict``, any case) is quoted;
* digits only: as is; letters and digits (Unicode ``isalnum``): quoted when
  the first is a digit, else as is;
* with a character beyond ASCII or NUL: quoted unless already ``"..."`` or
  ``<...>``;
* a number (``1``, ``1.5``, ``.5``, ``1.``), ``"..."`` or ``<...>``: as is;
  anything else quoted.

Quoting (``make_quoted``) wraps in ``"`` and writes ``"`` as ``\\"``, a line
feed as ``\\n`` and a carriage return as ``\\r``; backslashes pass unchanged
(so a value must be quoted by :func:`~argmap.render.labels.dot_string`
first when it comes from a map).

IDs (node names, edge ends, graph names: ``quote_id_if_necessary``) follow
the same rules, and additionally: a keyword is quoted, except ``graph``,
``node`` and ``edge`` as node names; an ASCII identifier
(``[_a-zA-Z][a-zA-Z0-9_]*``, or with ``:`` and ``"`` inside) is as is; an
edge end ``a:b`` (not already quoted) is a node and a port, each quoted on
its own.
"""

from __future__ import annotations

import re
from typing import Any, cast

__all__ = ["Edge", "Graph", "Node", "cluster", "dot_text"]

_KEYWORDS = frozenset({"graph", "subgraph", "digraph", "node", "edge", "strict"})
_DEFAULTS = ("graph", "node", "edge")

_NUMERIC = re.compile(r"^([0-9]+\.?[0-9]*|[0-9]*\.[0-9]+)$")
_DOUBLE_QUOTED = re.compile(r'^".*"$', re.DOTALL)
_HTML = re.compile(r"^<.*>$", re.DOTALL)
_ALNUM_ID = re.compile(r"^[_a-zA-Z][a-zA-Z0-9_]*$")
_ALNUM_PORT_ID = re.compile(r'^[_a-zA-Z][a-zA-Z0-9_:"]*[a-zA-Z0-9_"]+$')
_WITH_PORT = re.compile(r"^([^:]*):([^:]*)$")
_QUOTE = str.maketrans({'"': '\\"', "\n": "\\n", "\r": "\\r"})

#: Unquoted values up to this long (colours, styles, widths) are remembered
#: with how they are written, up to this many.
_CACHED = 64
_CACHE_SIZE = 4096
_written: dict[str, str] = {}


def _quoted(text: str) -> str:
    return '"' + text.translate(_QUOTE) + '"'


def _needs_quotes(text: str) -> bool | None:
    """True, False, or None when undecided (pydot's ``any_needs_quotes``)."""
    if text.isdigit():
        return False
    if text.isalnum():
        return text[0].isdigit()
    high = not text.isascii() or "\0" in text
    if high and not _DOUBLE_QUOTED.match(text) and not _HTML.match(text):
        return True
    if _NUMERIC.match(text) or _DOUBLE_QUOTED.match(text) or _HTML.match(text):
        return False
    return None


def _value(value: Any) -> str:
    """An attribute value as written (pydot's ``quote_attr_if_necessary``)."""
    if isinstance(value, bool):
        return str(value).lower()
    if not isinstance(value, str):
        return f"{value}"
    if value == "":
        return '""'
    if value[0] == '"' and value[-1] == '"' and len(value) > 1:
        return value  # already quoted (every map text): as is
    if len(value) > _CACHED:
        return _decide_value(value)
    found = _written.get(value)
    if found is None:
        if len(_written) >= _CACHE_SIZE:
            _written.clear()
        found = _written[value] = _decide_value(value)
    return found


def _decide_value(value: str) -> str:
    if value.lower() in _KEYWORDS:
        return _quoted(value)
    return value if _needs_quotes(value) is False else _quoted(value)


def _id_needs_quotes(text: str) -> bool:
    if text.lower() in _KEYWORDS:
        return False  # pydot leaves keywords to the caller here
    decided = _needs_quotes(text)
    if decided is not None:
        return decided
    if _ALNUM_ID.match(text) or _ALNUM_PORT_ID.match(text):
        return False
    port = _WITH_PORT.match(text)
    if port:
        return _id_needs_quotes(port.group(1)) or _id_needs_quotes(port.group(2))
    return True


def _id(name: Any, unquoted: tuple[str, ...] = ()) -> str:
    """An ID as written (pydot's ``quote_id_if_necessary``)."""
    if isinstance(name, bool):
        return str(name).lower()
    if not isinstance(name, str):
        return f"{name}"
    if not name:
        return name
    if len(name) > 1 and name[0] == '"' and name[-1] == '"':
        return name  # already quoted (every argmap node name)
    lower = name.lower()
    if lower in unquoted:
        return name
    if lower in _KEYWORDS or _id_needs_quotes(name):
        return _quoted(name)
    return name


def _end(ref: Any) -> str:
    """An edge end (pydot's ``Edge.parse_node_ref``): a node, maybe with a port."""
    if isinstance(ref, (int, float)):
        return f"{ref}"
    if not isinstance(ref, str):
        raise TypeError(f"dot_text writes no subgraph as an edge end: {ref!r}")
    if ref.startswith('"') and ref.endswith('"'):
        return ref
    colon = ref.rfind(":")
    if colon > 0 and ref[0] == '"' and ref[colon - 1] == '"':
        return ref
    if colon > 0:
        return _id(ref[:colon]) + ":" + _id(ref[colon + 1 :])
    return _id(ref)


def _attrs(attributes: dict[str, Any]) -> str:
    """`` [key=value, ...]`` (nothing when there are none); :func:`_value`
    inlined for the two common cases: a remembered value, a quoted one."""
    if not attributes:
        return ""
    known = _written
    parts = []
    for key, value in attributes.items():
        if type(value) is str:
            text = known.get(value)
            if text is None:
                quoted = len(value) > 1 and value[0] == '"' and value[-1] == '"'
                text = value if quoted else _value(value)
            parts.append(f"{key}={text}")
        elif value is None:
            parts.append(key)
        else:
            parts.append(f"{key}={_value(value)}")
    return " [" + ", ".join(parts) + "]"


class Node:
    """A node: its name (as written, an ID) and attributes (the dict given,
    kept, not copied)."""

    __slots__ = ("attrs", "name")

    def __init__(self, name: str, attrs: dict[str, Any] | None = None) -> None:
        if not name.startswith('"'):  # pydot drops an unquoted name's :port
            colon = name.find(":")
            if 0 < colon < len(name) - 1:
                name = name[:colon]
        self.name = name
        self.attrs: dict[str, Any] = attrs if attrs is not None else {}


class Edge:
    """An edge between two node names; :meth:`set` adds an attribute later.

    The attribute dict given is kept, not copied: edges may share one (it is
    then written once, see :func:`dot_text`), and :meth:`set` on one of them
    sets it on all.
    """

    __slots__ = ("attrs", "head", "tail")

    def __init__(
        self, tail: str, head: str, attrs: dict[str, Any] | None = None
    ) -> None:
        self.tail = tail
        self.head = head
        self.attrs: dict[str, Any] = attrs if attrs is not None else {}

    def set(self, key: str, value: Any) -> None:
        self.attrs[key] = value


class Graph:
    """A graph (``digraph``/``graph``) or a subgraph: attributes and items in order."""

    __slots__ = ("attrs", "items", "kind", "name", "strict")

    def __init__(
        self,
        name: str = "",
        attrs: dict[str, Any] | None = None,
        *,
        kind: str = "subgraph",
        strict: bool = False,
    ) -> None:
        if kind not in ("digraph", "graph", "subgraph"):
            raise ValueError(
                f"a DOT graph is a digraph, graph or subgraph, not {kind!r}"
            )
        self.name = name
        self.kind = kind
        self.strict = strict
        self.attrs: dict[str, Any] = dict(attrs or {})
        self.items: list[Node | Edge | Graph] = []

    def add_node(self, node: Node) -> None:
        self.items.append(node)

    def add_edge(self, edge: Edge) -> None:
        self.items.append(edge)

    def add_subgraph(self, graph: Graph) -> None:
        self.items.append(graph)

    def set_node_defaults(self, **attrs: Any) -> None:
        """``node [...]``: attributes of the nodes added after it."""
        self.items.append(Node("node", attrs))

    def set_edge_defaults(self, **attrs: Any) -> None:
        """``edge [...]``: attributes of the edges added after it."""
        self.items.append(Node("edge", attrs))


def cluster(name: str, attrs: dict[str, Any] | None = None) -> Graph:
    """A cluster: the subgraph ``cluster_`` *name* (Graphviz draws a box round it)."""
    return Graph(_id("cluster_" + name), attrs)


def _write(graph: Graph, arrow: str, out: list[str], top: bool) -> None:
    first = []
    if top and graph.strict:
        first.append("strict")
    first.append(graph.kind)
    if graph.name:
        first.append(_id(graph.name))
    first.append("{\n")
    out.append(" ".join(first))
    for key, value in graph.attrs.items():
        out.append(f"{key};\n" if value is None else f"{key}={_value(value)};\n")
    append = out.append
    shared: dict[str, Any] | None = None  # one attribute dict on many edges:
    shared_text = ""  # written once (a rank's invisible chain)
    for item in graph.items:
        if type(item) is Edge:
            tail, head = item.tail, item.head
            if not (type(tail) is str and tail[:1] == '"' and tail[-1:] == '"'):
                tail = _end(tail)
            if not (type(head) is str and head[:1] == '"' and head[-1:] == '"'):
                head = _end(head)
            if item.attrs is not shared:
                shared, shared_text = item.attrs, _attrs(item.attrs)
            append(f"{tail} {arrow} {head}{shared_text};\n")
        elif type(item) is Node:
            name = item.name
            if not (len(name) > 1 and name[0] == '"' and name[-1] == '"'):
                name = _id(name, _DEFAULTS)
            if name in _DEFAULTS and not item.attrs:
                append("\n")
            else:
                append(f"{name}{_attrs(item.attrs)};\n")
        else:
            _write(cast(Graph, item), arrow, out, top=False)
    append("}\n")


def dot_text(graph: Graph) -> str:
    """The DOT text of *graph*: what pydot's ``to_string()`` gives for the same graph."""
    out: list[str] = []
    _write(graph, "->" if graph.kind == "digraph" else "--", out, top=True)
    return "".join(out)
