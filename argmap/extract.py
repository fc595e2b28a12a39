"""A first draft of a map from an article's raw text, for a person to edit.

The work is done by :mod:`argmap.mining` (segmentation into argumentative
units, a model fitted on the argumentative microtext corpus, joint decoding
into one tree); this module keeps the public entry point
:func:`extract_map`.
"""

from __future__ import annotations

from collections.abc import Sequence

from argmap.mining.draft import DEFAULT_MAX_UNITS, Draft, ExtractError, draft
from argmap.mining.model import Model
from argmap.model import ArgumentMap, Source

__all__ = ["DEFAULT_MAX_UNITS", "Draft", "ExtractError", "draft", "extract_map"]


def extract_map(
    text: str,
    *,
    map_id: str | None = None,
    title: str | None = None,
    max_claims: int = DEFAULT_MAX_UNITS,
    source: Source | None = None,
    model: Model | None = None,
    units: Sequence[str] | None = None,
    language: str | None = None,
) -> ArgumentMap:
    """A draft map of the article *text*: see :func:`argmap.mining.draft.draft`.

    *max_claims* bounds the number of units kept (the least argumentative
    are dropped).  Raises :class:`ExtractError` when the text has no unit.
    """
    return draft(
        text,
        model=model,
        title=title,
        map_id=map_id,
        max_units=max_claims,
        units=units,
        language=language,
        source=source,
    ).map
