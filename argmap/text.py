"""Untrusted map text made safe to carry: the one definition of "control character".

Map text comes from files people write and from other formats: a YAML
``"\\a"``, a JSON ``"\\u001b[2J"`` or a C1 control pasted from a PDF can all
reach a claim.  No output wants them: XML and HTML forbid most of them, DOT
would pass them to Graphviz, a terminal would obey them.  Every writer
replaces them with :func:`strip_controls` and then escapes what is left in
its own way (escaping stays with each format).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["CONTROLS", "strip_controls"]

#: C0 controls, DEL, C1 controls, and the two noncharacters XML forbids
#: (U+FFFE, U+FFFF): characters no output of argmap should carry.
CONTROLS = (
    "".join(chr(c) for c in range(0x20))
    + "\x7f"
    + "".join(chr(c) for c in range(0x80, 0xA0))
    + "\ufffe\uffff"
)


@lru_cache(maxsize=16)
def _pattern(keep: str) -> re.Pattern[str]:
    chars = "".join(c for c in CONTROLS if c not in keep)
    return re.compile(f"[{re.escape(chars)}]")


def strip_controls(text: str, *, keep: str = "\n\t", replacement: str = " ") -> str:
    """*text* with every control character not in *keep* replaced by *replacement*.

    >>> strip_controls("a\\x1b[2Jb\\nc")
    'a [2Jb\\nc'
    >>> strip_controls("a\\nb", keep="")
    'a b'
    """
    return _pattern(keep).sub(replacement, text)
