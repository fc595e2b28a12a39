"""Quotes against the article: every claim's ``quote`` must be in its text.

* ``quote-not-found`` (error): a claim's quote that is not a passage of the
  article's text.  Both are folded first (:func:`normalise_for_quotes`), so
  that typographic quotes and dashes, non-breaking spaces, line breaks and
  Unicode composition do not count; the words and punctuation must match.

The caller reads the text (``argmap check --source``, or the map's
``source.text``); this module only compares.
"""

from __future__ import annotations

import re
import unicodedata

from argmap.diagnostics import Diagnostic, error
from argmap.model import ArgumentMap

__all__ = ["normalise_for_quotes", "verify_quotes"]

_QUOTE_FOLDS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")


def normalise_for_quotes(text: str) -> str:
    """Fold what copying text changes without changing its words.

    Typographic quotes and dashes, non-breaking spaces, line breaks and Unicode
    composition differ between a web page and a YAML file; letters, digits
    and punctuation otherwise must match exactly.
    """
    return _SPACE.sub(
        " ", unicodedata.normalize("NFC", text).translate(_QUOTE_FOLDS)
    ).strip()


def verify_quotes(
    amap: ArgumentMap, source_text: str, source_path: str | None = None
) -> list[Diagnostic]:
    """One error for each claim whose ``quote`` is not in *source_text*."""
    haystack = normalise_for_quotes(source_text)
    where = f" in {source_path}" if source_path else " in the source text"
    return [
        error(
            "quote-not-found",
            f"quote of claim {claim.id!r} not found{where}: {claim.quote[:60]!r}",
            path=amap.path,
            line=claim.line,
            fix=(
                "quote one passage without gaps: an ellipsis cannot stand inside a quote"
                if "..." in claim.quote or "\u2026" in claim.quote
                else "copy the words exactly from the article"
            ),
        )
        for claim in amap.claims.values()
        if claim.quote and normalise_for_quotes(claim.quote) not in haystack
    ]
