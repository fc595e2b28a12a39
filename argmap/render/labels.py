"""Label text for DOT: escaping, line wrapping and box sizes.

Every text that comes from a map is escaped for DOT's quoted strings (see
:func:`dot_string`): nothing a claim says can add attributes, nodes or
Graphviz escape sequences.

Lines are wrapped by measured width, not by counting characters
(:mod:`argmap.render.text`): *width* arguments count average Latin
characters, ``width * AVERAGE_EM`` em, so 30 gives lines of about 30
characters of English, 15 of Chinese or Japanese, or 15 Hangul syllables.
:func:`box_width` is the width a box needs for its lines: the widest line
plus the node's left and right margins.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from argmap.render.text import AVERAGE_EM, text_width, wrap_to_width
from argmap.text import strip_controls

__all__ = ["WRAP", "box_width", "dot_string", "label", "wrap_text"]

#: Points per inch (Graphviz sizes nodes in inches).
POINTS = 72.0
#: Room beyond the measured text, in points: antialiasing, rounding.
SLACK = 1.0

#: Characters per line of a claim box.
WRAP = 30


def dot_string(text: str) -> str:
    """*text* as a quoted DOT string that Graphviz shows literally.

    Backslashes and quotes are escaped for the DOT lexer (so no escape
    sequence like ``\\N`` or ``\\l`` survives), ``&`` becomes ``&amp;``
    (Graphviz decodes entities in labels) and control characters become
    spaces; the result holds no newline.
    """
    text = strip_controls(text, keep="")
    text = text.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def label(lines: list[str]) -> str:
    """A multi-line label: each line escaped, joined by DOT's ``\\n`` escape."""
    return '"' + "\\n".join(dot_string(line)[1:-1] for line in lines) + '"'


def wrap_text(text: str, width: int = WRAP) -> list[str]:
    """Lines about *width* average Latin characters wide, broken by UAX #14."""
    return wrap_to_width(text, width * AVERAGE_EM)


def box_width(lines: Sequence[str], size: float, margin: str) -> str:
    """Graphviz ``width`` (inches) of a box whose *lines* are set at *size* pt.

    *margin* is the node's ``margin`` attribute (``"x,y"`` or ``"x"``, inches).
    Graphviz keeps a box at least this wide and widens it if it measures the
    label wider itself.
    """
    widest = max((text_width(line, size) for line in lines), default=0.0)
    return f"{(widest + 2 * _margin_x(margin) + SLACK) / POINTS:.3f}"


@functools.lru_cache(maxsize=64)
def _margin_x(margin: str) -> float:
    """The left (and right) margin of a node, in points."""
    return float(margin.split(",")[0]) * POINTS
