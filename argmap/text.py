r"""Untrusted map text made safe to carry: the one definition of "control character".

Map text comes from files people write and from other formats: a YAML
``"\a"``, a JSON ``"\u001b[2J"`` or a C1 control pasted from a PDF can all
reach a claim.  No output wants them: XML and HTML forbid most of them, DOT
would pass them to Graphviz, a terminal would obey them.  Nor does any
output want bidirectional overrides and isolates (U+202A..U+202E,
U+2066..U+2069) to take effect: they make text read differently from what
it is ("Trojan Source").  One sanitiser per kind of printer, all here:

* :func:`strip_controls` -- drawings and pages (SVG, DOT, HTML, Markdown,
  Mermaid): controls replaced (by a space), bidi controls shown by name
  (``<U+202E>``), then escaped by each format its own way
  (:func:`for_template` is it for every value of an HTML template);
* :func:`for_terminal` -- everything printed for people (tables, messages):
  controls shown as U+FFFD, bidi controls shown by name (``<U+202E>``);
* :func:`json_text` -- every JSON argmap prints or writes: DEL, C1, bidi
  controls, U+2028/U+2029 and the noncharacters as ``\uXXXX`` escapes (JSON
  escapes C0 itself), so the data is unchanged and the bytes hold none of
  them raw.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

__all__ = [
    "BIDI_CONTROLS",
    "CONTROLS",
    "for_template",
    "for_terminal",
    "json_text",
    "strip_controls",
]

#: C0 controls, DEL, C1 controls, and the two noncharacters XML forbids
#: (U+FFFE, U+FFFF): characters no output of argmap should carry.
CONTROLS = (
    "".join(chr(c) for c in range(0x20))
    + "\x7f"
    + "".join(chr(c) for c in range(0x80, 0xA0))
    + "\ufffe\uffff"
)

#: Bidirectional embeddings, overrides and isolates: LRE, RLE, PDF, LRO,
#: RLO, LRI, RLI, FSI, PDI.  (The marks LRM, RLM and ALM reorder nothing
#: and are left alone.)
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
#: What JSON text must not hold raw (JSON escapes C0 itself).
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029\ufffe\uffff{BIDI_CONTROLS}]")


@lru_cache(maxsize=16)
def _pattern(keep: str) -> re.Pattern[str]:
    chars = "".join(c for c in CONTROLS if c not in keep)
    return re.compile(f"[{re.escape(chars)}]")


def strip_controls(text: str, *, keep: str = "\n\t", replacement: str = " ") -> str:
    """*text* with every control character not in *keep* replaced by *replacement*.

    Bidi controls are shown by name, so that they reorder nothing.

    >>> strip_controls("a\\x1b[2Jb\\nc")
    'a [2Jb\\nc'
    >>> strip_controls("a\\nb", keep="")
    'a b'
    >>> strip_controls("x\\u202ey")
    'x<U+202E>y'
    """
    if text.isprintable():  # no control (Cc, Cn) and no bidi control (Cf)
        return text
    return _visible_bidi(_pattern(keep).sub(replacement, text))


def for_template(value: Any) -> Any:
    """A Jinja ``finalize``: every ``{{ value }}`` of an HTML page, before escaping.

    Text gets :func:`strip_controls` (tab and line ends kept); markup
    already made safe (anything with ``__html__``, e.g. an embedded SVG that
    was cleaned when it was drawn) and other values pass as they are.
    """
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return strip_controls(value, keep="\t\n\r")
    return value


def _visible_bidi(text: str) -> str:
    return _BIDI.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def for_terminal(text: str, *, keep: str = "\n\t") -> str:
    """*text* fit to print on a terminal: nothing in it drives the terminal.

    Control characters (but *keep*) become U+FFFD; a bidi control becomes
    its name, so that it is seen and does not reorder the line.

    >>> for_terminal("a\\x1b[2Jb \\u202eevil")
    'a\\ufffd[2Jb <U+202E>evil'
    """
    return strip_controls(text, keep=keep, replacement="\ufffd")


def json_text(data: Any, **options: Any) -> str:
    """*data* as JSON (``json.dumps`` with *options*), no control or bidi character raw.

    ``ensure_ascii=False`` (the default here) keeps text readable; what JSON
    would leave raw is written as a ``\\uXXXX`` escape instead, which reads
    back as the same character.

    >>> json_text({"t": "a\\u009bb"})
    '{"t": "a\\\\u009bb"}'
    """
    options.setdefault("ensure_ascii", False)
    text = json.dumps(data, **options)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
