"""Label text for DOT: escaping and line wrapping.

Every text that comes from a map is escaped for DOT's quoted strings (see
:func:`dot_string`): nothing a claim says can add attributes, nodes or
Graphviz escape sequences.
"""

from __future__ import annotations

import textwrap

from argmap.text import strip_controls

__all__ = ["WRAP", "dot_string", "label", "wrap_text"]

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
    """Lines of at most *width* characters (long words are broken)."""
    flat = " ".join(strip_controls(text, keep="").split())
    return textwrap.wrap(
        flat, width, break_long_words=True, break_on_hyphens=False
    ) or [""]
