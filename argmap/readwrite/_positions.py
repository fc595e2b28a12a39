"""Where the parts of a document were written, for messages and locations.

Two records of it, one per kind of reader:

- YAML data carries its positions (:class:`LineDict`, :class:`LineList`,
  built by :mod:`argmap.readwrite._yamlpos` for every key and list item);
- the readers of other formats know a line per claim, per relation and for
  some fields, and record them beside the document in :class:`Marks`
  (through :class:`argmap.readwrite.builder.DocumentBuilder`), which costs
  nothing when the document is valid.

Both answer "where is the value at this JSON path?" the same way
(:func:`position`, :meth:`Marks.position`): a path that goes deeper than
anything recorded gets the deepest position recorded on its way, and a
list item without a position gets its list's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["LineDict", "LineList", "Mark", "Marks", "position"]

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


@dataclass
class Marks:
    """Lines recorded beside a document (see the module docstring)."""

    #: Top-level key -> where it is written.
    top: dict[str, Mark] = field(default_factory=dict)
    #: Claim id -> where the claim is written.
    claims: dict[Any, Mark] = field(default_factory=dict)
    #: Claim id -> field -> where that field is written, when not on its line.
    fields: dict[Any, dict[str, Mark]] = field(default_factory=dict)
    #: (claim id, relation kind) -> the line of each relation in that list.
    relations: dict[tuple[Any, str], list[int | None]] = field(default_factory=dict)
    #: The line of each entry of a links file's ``links`` list.
    links: list[int | None] = field(default_factory=list)

    def position(self, data: Any, where: Sequence[Any]) -> Mark:
        """The line and column of the value at JSON path *where* in *data*."""
        if not where or not isinstance(data, dict) or where[0] not in data:
            return None, None
        mark = self.top.get(where[0], (None, None))
        if where[0] == "links" and len(where) > 1 and isinstance(where[1], int):
            index = where[1]
            if index < len(self.links) and self.links[index] is not None:
                return self.links[index], None
            return mark
        claims = data[where[0]]
        if where[0] != "claims" or len(where) < 2 or not isinstance(claims, dict):
            return mark
        claim = where[1]
        if claim not in claims:
            return mark
        mark = self.claims.get(claim, mark)
        body = claims[claim]
        if len(where) < 3 or not isinstance(body, dict) or where[2] not in body:
            return mark
        key = where[2]
        if key in self.fields.get(claim, ()):
            return self.fields[claim][key]
        lines = self.relations.get((claim, key))
        if lines and len(where) > 3 and isinstance(where[3], int):
            index = where[3]
            if index < len(lines) and lines[index] is not None:
                return lines[index], None
        return mark
