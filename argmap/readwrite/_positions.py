"""Positioned data: documents that remember where each part was written.

A reader that knows positions builds its document from these containers:
the YAML loader (:mod:`argmap.readwrite._yamlpos`) for every key and list
item, the readers of other formats for each claim and relation (through
:class:`argmap.readwrite.document.DocumentBuilder`).  :func:`position`
answers "where is the value at this JSON path?" for messages; a path that
goes deeper than anything recorded gets the deepest position recorded on
its way, and a list item without a position gets its list's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["LineDict", "LineList", "Mark", "line_dict", "line_list", "position"]

#: A (line, column) pair, 1-based; either may be unknown.
Mark = tuple[int | None, int | None]


class LineDict(dict):
    """A mapping that remembers where each of its keys was written."""

    __slots__ = ("column", "key_marks", "line")

    line: int | None
    column: int | None
    key_marks: dict[Any, Mark]


class LineList(list):
    """A sequence that remembers where each of its items was written."""

    __slots__ = ("column", "item_marks", "line")

    line: int | None
    column: int | None
    item_marks: list[Mark]


def line_dict(
    data: Mapping[Any, Any], key_marks: dict[Any, Mark], line: int | None = None
) -> LineDict:
    out = LineDict(data)
    out.line, out.column, out.key_marks = line, None, key_marks
    return out


def line_list(
    data: Iterable[Any], item_marks: list[Mark], line: int | None = None
) -> LineList:
    out = LineList(data)
    out.line, out.column, out.item_marks = line, None, item_marks
    return out


def position(data: Any, where: Sequence[Any]) -> Mark:
    """The line and column of the value at JSON path *where* in positioned *data*.

    Walks as far as the path exists; a missing key is reported at its parent.
    """
    line = getattr(data, "line", None)
    column = getattr(data, "column", None)
    node = data
    for step in where:
        if isinstance(node, LineDict) and step in node:
            line, column = node.key_marks.get(step, (line, column))
            node = node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and step < len(node):
            mark = node.item_marks[step]
            if mark[0] is not None:  # else where its container is
                line, column = mark
            node = node[step]
        else:
            break
    return line, column
