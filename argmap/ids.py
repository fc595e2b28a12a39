"""Ids and references: the one definition of what the map format accepts.

The JSON Schema (``argmap/schema/map.schema.json``) states the same patterns
for editors; ``tests/test_ids.py`` keeps the two equal.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "ID_PATTERN",
    "ID_RE",
    "REF_PATTERN",
    "REF_RE",
    "is_id",
    "is_ref",
    "slugify",
    "unique",
]

#: A claim, map or relation id: letters, digits, ``.``, ``_``, ``-``, starting with a letter or digit.
ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
#: A claim reference: an id, or ``map-id#claim-id``.
REF_PATTERN = rf"(?:{ID_PATTERN}#)?{ID_PATTERN}"

ID_RE = re.compile(rf"^{ID_PATTERN}$")
REF_RE = re.compile(rf"^{REF_PATTERN}$")
_NOT_ID = re.compile(r"[^A-Za-z0-9_.-]+")


def is_id(text: str) -> bool:
    return isinstance(text, str) and ID_RE.fullmatch(text) is not None


def is_ref(text: str) -> bool:
    return isinstance(text, str) and REF_RE.fullmatch(text) is not None


def slugify(
    text: str,
    *,
    lower: bool = True,
    ascii_only: bool = False,
    max_len: int | None = None,
    fallback: str = "claim",
) -> str:
    """An id made from free text: "Summits set the mood!" -> "summits-set-the-mood".

    *ascii_only* drops accents (é -> e) and reads any other non-ASCII
    character as a space, for ids people type; *max_len* cuts at a word
    boundary.  Returns *fallback* when nothing usable is left.
    """
    if ascii_only:
        text = "".join(
            ch
            for ch in unicodedata.normalize("NFKD", text)
            if not unicodedata.combining(ch)
        )
        # What is still not ASCII (a dash, a Hangul syllable) separates words.
        text = "".join(ch if ch.isascii() else " " for ch in text)
    slug = _NOT_ID.sub("-", text.strip())
    slug = re.sub(r"-{2,}", "-", slug).strip("-._")
    if lower:
        slug = slug.lower()
    if max_len is not None and len(slug) > max_len:
        cut = slug[:max_len]
        slug = (cut.rsplit("-", 1)[0] if "-" in cut else cut).strip("-._")
    return slug if slug and ID_RE.match(slug) else fallback


def unique(base: str, taken) -> str:
    """*base*, or *base*-2, -3, ... whichever is not in *taken* yet."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
