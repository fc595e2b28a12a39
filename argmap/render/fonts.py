"""Which scripts the system's fonts can draw, so PNG and PDF never show silent tofu.

PNG and PDF are drawn here (:mod:`argmap.render.export`) with the system's
fonts, found where resvg looks for them (:data:`FONT_DIRS`, plus the folders
in ``$ARGMAP_FONT_DIRS``, separated by the path separator).  Before drawing,
:func:`missing_scripts` checks every character of the labels against the
character maps (``cmap`` tables) of those fonts; characters no font has are
grouped by script, and :func:`warn_missing` warns once per script per
process, naming the script and a font to install.

The ``cmap`` reader follows the OpenType specification: a font collection
(``ttcf``) lists its fonts' offsets; each font's table directory locates
``cmap``, whose Unicode subtable of format 12 (groups of code points) or 4
(segments of the BMP) gives the covered code points as ranges.  Reading only
that table takes a few milliseconds per font; coverage is cached per file.
"""

from __future__ import annotations

import bisect
import functools
import mmap
import os
import struct
import sys
import unicodedata
import warnings
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "FONT_DIRS",
    "FontWarning",
    "extra_font_dirs",
    "font_dirs",
    "missing_scripts",
    "warn_missing",
]

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


class FontWarning(UserWarning):
    """No installed font covers some characters of a diagram."""


def _default_dirs() -> list[Path]:
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [
            Path("/System/Library/Fonts"),
            Path("/Library/Fonts"),
            home / "Library" / "Fonts",
        ]
    data = Path(os.environ.get("XDG_DATA_HOME", home / ".local" / "share"))
    return [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".fonts",
        data / "fonts",
    ]


#: Where system fonts are looked for on this platform.
FONT_DIRS = tuple(_default_dirs())


def extra_font_dirs() -> list[Path]:
    """The folders named by ``$ARGMAP_FONT_DIRS`` (separated by the path separator)."""
    named = os.environ.get("ARGMAP_FONT_DIRS", "").split(os.pathsep)
    return [Path(p) for p in named if p.strip() and Path(p).is_dir()]


def font_dirs() -> list[Path]:
    """The font folders in use: ``$ARGMAP_FONT_DIRS`` first, then :data:`FONT_DIRS`."""
    return [*extra_font_dirs(), *(p for p in FONT_DIRS if p.is_dir())]


def _font_files(dirs: tuple[Path, ...]) -> list[Path]:
    files = []
    for folder in dirs:
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() in FONT_SUFFIXES and path.is_file():
                files.append(path)
    return files


# -- cmap ------------------------------------------------------------------------------


def _sfnt_offsets(data: bytes | mmap.mmap) -> list[int]:
    if data[:4] == b"ttcf":
        (count,) = struct.unpack_from(">I", data, 8)
        return list(struct.unpack_from(f">{count}I", data, 12))
    return [0]


def _cmap_ranges(data: bytes | mmap.mmap, base: int) -> list[tuple[int, int]]:
    (tables,) = struct.unpack_from(">H", data, base + 4)
    cmap = None
    for i in range(tables):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, base + 12 + 16 * i)
        if tag == b"cmap":
            cmap = offset
    if cmap is None:
        return []
    (count,) = struct.unpack_from(">H", data, cmap + 2)
    best: tuple[int, int] | None = None  # (preference, offset)
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        (fmt,) = struct.unpack_from(">H", data, cmap + offset)
        unicode = platform == 0 or (platform == 3 and encoding in (1, 10))
        if unicode and fmt in (4, 12):
            preference = 2 if fmt == 12 else 1
            if best is None or preference > best[0]:
                best = (preference, cmap + offset)
    if best is None:
        return []
    at = best[1]
    (fmt,) = struct.unpack_from(">H", data, at)
    ranges: list[tuple[int, int]] = []
    if fmt == 12:
        (groups,) = struct.unpack_from(">I", data, at + 12)
        values = struct.unpack_from(f">{3 * groups}I", data, at + 16)
        ranges.extend(zip(values[0::3], values[1::3], strict=True))
    else:
        (segs2,) = struct.unpack_from(">H", data, at + 6)
        segs = segs2 // 2
        ends = struct.unpack_from(f">{segs}H", data, at + 14)
        starts = struct.unpack_from(f">{segs}H", data, at + 16 + segs2)
        for start, end in zip(starts, ends, strict=True):
            if start != 0xFFFF:
                ranges.append((start, end))
    return ranges


@functools.cache
def _coverage(path: Path) -> tuple[list[int], list[int]]:
    """Covered code points of every font in *path*, as sorted merged ranges."""
    try:
        with (
            path.open("rb") as file,
            mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data,
        ):
            ranges = [
                r for base in _sfnt_offsets(data) for r in _cmap_ranges(data, base)
            ]
    except (OSError, struct.error, ValueError):
        return [], []
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [r[0] for r in merged], [r[1] for r in merged]


def _covered(cp: int, coverage: tuple[list[int], list[int]]) -> bool:
    i = bisect.bisect_right(coverage[0], cp) - 1
    return i >= 0 and cp <= coverage[1][i]


# -- scripts ---------------------------------------------------------------------------

#: What to install for a script, where a common font family is known.
SUGGESTIONS = {
    "Hangul": "Noto Sans CJK KR (Debian/Ubuntu: apt-get install fonts-noto-cjk)",
    "Han": "Noto Sans CJK (Debian/Ubuntu: apt-get install fonts-noto-cjk)",
    "Hiragana": "Noto Sans CJK JP (Debian/Ubuntu: apt-get install fonts-noto-cjk)",
    "Katakana": "Noto Sans CJK JP (Debian/Ubuntu: apt-get install fonts-noto-cjk)",
    "Bopomofo": "Noto Sans CJK TC (Debian/Ubuntu: apt-get install fonts-noto-cjk)",
}
_NAME_SCRIPTS = {"CJK": "Han", "HANGUL": "Hangul", "HIRAGANA": "Hiragana"}


def script_of(char: str) -> str:
    """A readable script name for *char* (from its Unicode name's first word)."""
    name = unicodedata.name(char, "")
    first = name.split(" ")[0] if name else ""
    if first in _NAME_SCRIPTS:
        return _NAME_SCRIPTS[first]
    if first in ("HALFWIDTH", "FULLWIDTH"):
        return "CJK full-width forms"
    return first.capitalize() if first else f"U+{ord(char):04X}"


def missing_scripts(texts: Iterable[str]) -> dict[str, str]:
    """Scripts no installed font covers: script name -> the characters missing."""
    needed = sorted(
        {
            c
            for text in texts
            for c in text
            if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf", "Mn")
        }
    )
    files = _font_files(tuple(font_dirs()))
    remaining = [ord(c) for c in needed]
    for path in files:
        if not remaining:
            break
        coverage = _coverage(path)
        remaining = [cp for cp in remaining if not _covered(cp, coverage)]
    missing: dict[str, str] = {}
    for cp in remaining:
        script = script_of(chr(cp))
        missing[script] = missing.get(script, "") + chr(cp)
    return missing


_warned: set[str] = set()


def warn_missing(texts: Iterable[str], fmt: str) -> dict[str, str]:
    """Warn (once per script per process) about characters no font can draw."""
    missing = missing_scripts(texts)
    for script, chars in sorted(missing.items()):
        if script in _warned:
            continue
        _warned.add(script)
        sample = chars[:8] + ("…" if len(chars) > 8 else "")
        install = SUGGESTIONS.get(
            script, f"a font that covers {script} (e.g. Noto Sans)"
        )
        warnings.warn(
            FontWarning(
                f"no installed font covers {script} ({sample}); the {fmt.upper()} "
                f"will show empty boxes for it: install {install}, or put font files "
                "in a folder named by $ARGMAP_FONT_DIRS"
            ),
            stacklevel=3,
        )
    return missing
