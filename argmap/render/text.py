"""Label text measured per script and broken into lines by Unicode rules.

Widths.  A line's width is the sum of its characters' advance widths:
``width(line, size) = size * sum(advance(c) for c in line) / 1000`` points,
with ``advance`` in thousandths of an em from ``data/text-tables.json``
(built by ``scripts/build-text-tables`` from Liberation Sans -- Arial's
metrics --, DejaVu Sans and Noto Sans CJK; rounded up).  A character no font
there covers counts 0 when it is a combining mark or format character,
1000 (1 em) when it is East Asian wide or full-width, and 600 otherwise.
Kerning is ignored, which only ever overestimates.  Graphviz in WebAssembly
knows the widths of a few Latin fonts only, so :mod:`argmap.render.dot` sets
every box's width from these measurements.

Line breaking follows UAX #14 (Unicode line breaking) with the rules LB2 to
LB31 on the Line_Break classes of the same table, tailored as CSS's
``word-break: keep-all`` for Korean: Hangul breaks between words (at spaces),
while Chinese and Japanese break between characters; nothing breaks before
closing punctuation (``。、」）``, small kana) or after opening punctuation.
Lines are then filled greedily: a line takes break-separated segments while
its width (trailing spaces not counted) stays within the limit; a segment
wider than a whole line (a long URL, a Korean word without spaces) is cut
between characters, never before a combining mark.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import unicodedata
from dataclasses import dataclass
from importlib import resources

from argmap.text import strip_controls

__all__ = [
    "AVERAGE_EM",
    "FONT_LATIN",
    "advance",
    "break_opportunities",
    "font_of",
    "line_break_class",
    "text_width",
    "wrap_to_width",
]

#: The width of an average character of Latin prose, in em (Arial: about 0.5).
AVERAGE_EM = 0.52
#: Indexes of the table's fonts (``font_of``): Liberation Sans (Arial's
#: metrics), DejaVu Sans (symbols, other alphabets), Noto Sans CJK.
FONT_LATIN, FONT_SYMBOLS, FONT_CJK = 0, 1, 2
#: Advance (1/1000 em) of a character no table font covers, by kind.
UNKNOWN_NARROW = 600
UNKNOWN_WIDE = 1000


@dataclass(frozen=True)
class _Runs:
    starts: list[int]
    ends: list[int]
    values: list


@functools.cache
def _tables() -> tuple[_Runs, _Runs]:
    text = (
        resources.files("argmap.render")
        .joinpath("data/text-tables.json")
        .read_text(encoding="utf-8")
    )
    data = json.loads(text)

    def runs(rows: list[list]) -> _Runs:
        values = [r[2] if len(r) == 3 else tuple(r[2:]) for r in rows]
        return _Runs([r[0] for r in rows], [r[1] for r in rows], values)

    return runs(data["widths"]), runs(data["line_break"])


def _lookup(runs: _Runs, cp: int):
    i = bisect.bisect_right(runs.starts, cp) - 1
    if i >= 0 and cp <= runs.ends[i]:
        return runs.values[i]
    return None


@functools.lru_cache(maxsize=8192)
def advance(char: str) -> int:
    """The advance width of *char* in thousandths of an em."""
    found = _lookup(_tables()[0], ord(char))
    if found is not None:
        return int(found[0])
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return UNKNOWN_WIDE
    return UNKNOWN_NARROW


class _Advances(dict):
    """:func:`advance` of each character met, by character: summing a line's
    widths is then a dict lookup in C per character, not a cached call
    (3 times faster).  Emptied when it grows past 8,192 characters."""

    def __missing__(self, char: str) -> int:
        if len(self) >= 8192:
            self.clear()
        width = self[char] = advance(char)
        return width


_width_of = _Advances().__getitem__


@functools.lru_cache(maxsize=8192)
def font_of(char: str) -> int | None:
    """Which table font *char* was measured with (``FONT_*``), None when none has it."""
    found = _lookup(_tables()[0], ord(char))
    return int(found[1]) if found is not None else None


#: A line with a symbol Arial lacks (and no CJK) is drawn in DejaVu Sans in
#: PNG and PDF (argmap.render.export); its Latin letters are wider there than
#: Arial's: by 10.5% on average over letters and digits, 14.7% on "↗ map-id"
#: lines.  Such lines are measured with this factor on the Latin letters.
DEJAVU_LATIN = 1.15


@functools.cache
def _ascii_has_symbols() -> bool:
    """Whether any ASCII character was measured in DejaVu Sans (none is, so
    an ASCII line is never drawn in DejaVu: :func:`text_width`'s shortcut)."""
    return any(font_of(chr(c)) == FONT_SYMBOLS for c in range(128))


def text_width(text: str, size: float) -> float:
    """Width in points of *text* set at *size* points."""
    if text.isascii() and not _ascii_has_symbols():
        return size * sum(map(_width_of, text)) / 1000  # no DejaVu line: the sum
    fonts = set(map(font_of, set(text)))
    if FONT_SYMBOLS in fonts and FONT_CJK not in fonts:
        total = sum(
            advance(c) * (DEJAVU_LATIN if font_of(c) == FONT_LATIN else 1.0)
            for c in text
        )
        return size * total / 1000
    return size * sum(map(_width_of, text)) / 1000


# -- UAX #14 -----------------------------------------------------------------------

_HANGUL = frozenset({"H2", "H3", "JL", "JV", "JT"})
_ALPHA = frozenset({"AL", "HL"})
_BREAK_AFTER_MANDATORY = frozenset({"BK", "CR", "LF", "NL"})


@functools.lru_cache(maxsize=8192)
def line_break_class(char: str) -> str:
    """*char*'s Line_Break class, resolved as LB1 says and tailored for Korean.

    AI, SG, XX and SA become AL (SA scripts would need a dictionary); CJ
    becomes NS (the strict rule: no line starts with a small kana); Hangul
    (H2, H3, JL, JV, JT) becomes AL, so Korean breaks between words.
    """
    cls = _lookup(_tables()[1], ord(char)) or "XX"
    if cls in ("AI", "SG", "XX", "SA"):
        return "AL"
    if cls == "CJ":
        return "NS"
    if cls in _HANGUL:
        return "AL"
    return cls


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F", "H")


def break_opportunities(text: str) -> list[int]:
    """Indexes *i* (0 < i < len) where a line may break before ``text[i]``."""
    n = len(text)
    if n < 2:
        return []
    raw = list(map(line_break_class, text))
    # LB9/LB10: a combining mark or ZWJ takes its base's class; alone it is AL.
    cls = list(raw) if "CM" in raw or "ZWJ" in raw else raw
    if cls is not raw:
        for i in range(n):
            if raw[i] in ("CM", "ZWJ"):
                base = cls[i - 1] if i else "AL"
                if base in ("BK", "CR", "LF", "NL", "SP", "ZW") or i == 0:
                    cls[i] = "AL"
                else:
                    cls[i] = base
    found: list[int] = []
    before_space = cls[0]  # class of the last non-space character
    ri_run = 1 if cls[0] == "RI" else 0
    known = _PAIRS
    for i in range(1, n):
        a, b = cls[i - 1], cls[i]
        if a != "SP":
            before_space = a
        key = (a, b, raw[i - 1], raw[i], before_space)
        verdict = known.get(key)
        if verdict is None:
            verdict = _breaks(a, b, raw[i], before_space, text, i, ri_run)
            if _context_free(a, b):
                if len(known) >= 65536:  # text of every script there is
                    known.clear()
                known[key] = verdict
        if verdict:
            found.append(i)
        ri_run = ri_run + 1 if b == "RI" else 0
    return found


#: :func:`_breaks` verdicts that depend on the classes alone, by (class
#: before, class after, their raw classes -- LB8a's ZWJ is the only
#: character of its raw class --, class before the spaces).  Text in a few
#: scripts meets a few hundred keys; the table is emptied past 65,536.
_PAIRS: dict[tuple[str, str, str, str, str], bool] = {}


def _context_free(a: str, b: str) -> bool:
    """Whether :func:`_breaks` decides the pair *a*, *b* from the classes
    alone, not from the characters around them: not LB21a, LB25's PR OP NU,
    LB30's width test or LB30a's count of regional indicators."""
    return not (
        a in ("HY", "BA", "PR", "RI")
        or (b == "OP" and a in ("AL", "HL", "NU"))
        or (a == "CP" and b in ("AL", "HL", "NU"))
    )


def _breaks(  # one rule a line, in the order UAX #14 gives them
    a: str, b: str, raw_b: str, before_space: str, text: str, i: int, ri_run: int
) -> bool:
    if a in _BREAK_AFTER_MANDATORY:
        return not (a == "CR" and b == "LF")  # LB4, LB5
    if b in _BREAK_AFTER_MANDATORY or b in ("SP", "ZW"):
        return False  # LB6, LB7
    if before_space == "ZW":
        return True  # LB8
    if text[i - 1] == "\u200d" or (
        raw_b in ("CM", "ZWJ") and a not in ("SP", "ZW", "BK", "CR", "LF", "NL")
    ):
        return False  # LB8a, LB9
    if a == "WJ" or b == "WJ" or a == "GL":
        return False  # LB11, LB12
    if b == "GL" and a not in ("SP", "BA", "HY"):
        return False  # LB12a
    if b in ("CL", "CP", "EX", "IS", "SY"):
        return False  # LB13
    if before_space == "OP":
        return False  # LB14
    if before_space == "QU" and b == "OP":
        return False  # LB15
    if before_space in ("CL", "CP") and b == "NS":
        return False  # LB16
    if before_space == "B2" and b == "B2":
        return False  # LB17
    if a == "SP":
        return True  # LB18
    if a == "QU" or b == "QU":
        return False  # LB19
    if a == "CB" or b == "CB":
        return True  # LB20
    if b in ("BA", "HY", "NS") or a == "BB":
        return False  # LB21
    if a in ("HY", "BA") and i >= 2 and line_break_class(text[i - 2]) == "HL":
        return False  # LB21a
    if a == "SY" and b == "HL":
        return False  # LB21b
    if b == "IN":
        return False  # LB22
    if (a in _ALPHA and b == "NU") or (a == "NU" and b in _ALPHA):
        return False  # LB23
    if (a == "PR" and b in ("ID", "EB", "EM")) or (
        a in ("ID", "EB", "EM") and b == "PO"
    ):
        return False  # LB23a
    if (a in ("PR", "PO") and b in _ALPHA) or (a in _ALPHA and b in ("PR", "PO")):
        return False  # LB24
    if (a in ("CL", "CP", "NU") and b in ("PO", "PR")) or (
        a in ("PO", "PR", "HY", "IS", "NU", "SY") and b == "NU"
    ):
        return False  # LB25 (its pair form)
    if (
        a == "PR"
        and b == "OP"
        and i + 1 < len(text)
        and line_break_class(text[i + 1]) == "NU"
    ):
        return False  # LB25: PR OP NU
    if a == "IS" and b in _ALPHA:
        return False  # LB29
    if (a in ("AL", "HL", "NU") and b == "OP" and not _wide(text[i])) or (
        a == "CP" and b in ("AL", "HL", "NU") and not _wide(text[i - 1])
    ):
        return False  # LB30
    if a in _ALPHA and b in _ALPHA:
        return False  # LB28
    if a == "RI" and b == "RI":
        return ri_run % 2 == 0  # LB30a: regional indicators pair up
    return not (a == "EB" and b == "EM")  # LB30b; else LB31: break


# -- filling lines -------------------------------------------------------------------


def _segments(text: str) -> list[str]:
    cuts = [0, *break_opportunities(text), len(text)]
    return [text[s:e] for s, e in itertools.pairwise(cuts)]


def _cut(segment: str, limit: float) -> list[str]:
    """*segment* cut between characters into pieces no wider than *limit* (1/1000 em)."""
    pieces: list[str] = []
    current, width = "", 0
    for char in segment:
        w = advance(char)
        attach = unicodedata.category(char) in ("Mn", "Me", "Mc") or char == "\u200d"
        if current and width + w > limit and not attach:
            pieces.append(current)
            current, width = "", 0
        current += char
        width += w
    if current:
        pieces.append(current)
    return pieces


def wrap_to_width(text: str, max_em: float) -> list[str]:
    """*text* as lines at most *max_em* em wide (whitespace collapsed)."""
    flat = " ".join(strip_controls(text, keep="").split())
    if not flat:
        return [""]
    limit = max_em * 1000
    if sum(map(_width_of, flat)) <= limit:
        # The filling breaks a line only when it would grow wider than the
        # limit, and widths only add up: text that fits is one line.
        return [flat]
    return _fill(flat, limit)


def _fill(flat: str, limit: float) -> list[str]:
    """*flat* (non-empty, whitespace collapsed) filled greedily, segment by
    segment, into lines at most *limit* (1/1000 em) wide."""
    space = advance(" ")
    lines: list[str] = []
    current, width = "", 0
    for segment in _segments(flat):
        body = segment.rstrip(" ")
        body_width = sum(map(_width_of, body))
        seg_width = body_width + space * (len(segment) - len(body))
        if current and width + body_width > limit:
            lines.append(current.rstrip(" "))
            current, width = "", 0
        if not current and body_width > limit:
            pieces = _cut(body, limit)
            lines.extend(pieces[:-1])
            current = pieces[-1] + segment[len(body) :]
            width = sum(map(_width_of, current))
            continue
        current += segment
        width += seg_width
    if current.strip(" ") or not lines:
        lines.append(current.rstrip(" "))
    return lines
