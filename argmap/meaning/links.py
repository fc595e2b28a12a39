"""Suggested links as relations of maps: what analyses read when they use suggestions.

``argmap align`` suggests links between claims of different maps
(:mod:`argmap.meaning.align`).  Analyses — ``tensions``, ``report``,
``render --merged --highlight-tensions`` — take them into account by
default, as relations marked ``suggested`` (:attr:`argmap.model.Relation.suggested`)
added to the map of their source claim before the maps are merged.

Weight
    A suggested relation weighs ``SUGGESTED_WEIGHT · score · w`` where
    *score* is the suggestion's (0..1) and *w* the weight it carries (a
    voicing carries the weight of the relation of the map it was read from;
    otherwise 1).  A suggestion that is certain therefore counts half as
    much as the same link written by a person: what the analyses rank from
    suggestions stays below what people wrote, unless the suggestion fills a
    gap nobody wrote.

What is not added
    ``same_as`` suggestions: joining two claims on a guess would rewrite the
    merged map's claims and every relation around them.  They are shown by
    ``align`` and applied by ``merge --auto SCORE`` (or accepted in a links
    file).  Explicit links and rejections win: :func:`~argmap.meaning.align.align`
    never suggests a pair a person linked or rejected.
"""

from __future__ import annotations

from collections.abc import Iterable

from argmap.meaning.align import Suggestion
from argmap.model import ArgumentMap, Relation, split_ref

__all__ = ["SUGGESTED_WEIGHT", "suggested_relation", "with_suggestions"]

#: A certain suggestion weighs this much of a written link (module docs).
SUGGESTED_WEIGHT = 0.5


def suggested_relation(s: Suggestion) -> Relation:
    """The relation a ``rebuts`` or ``supports`` suggestion stands for, marked suggested.

    Its source is the source claim's id in its own map; its target is
    qualified (``map#claim``); its note is the suggestion's reason.
    """
    _, source = split_ref(s.source)
    weight = round(SUGGESTED_WEIGHT * s.score * s.weight, 2)
    return Relation(
        s.kind,
        source,
        s.target,
        weight=weight,
        note=f"suggested by argmap align ({s.score:.2f}): {s.reason}",
        suggested=True,
    )


def with_suggestions(
    maps: Iterable[ArgumentMap], suggestions: Iterable[Suggestion]
) -> list[ArgumentMap]:
    """*maps* with the relation suggestions added to their source claims' maps (copies).

    Maps without a suggestion are returned as they are; ``same_as``
    suggestions are left out (module docs).
    """
    maps = list(maps)
    by_map: dict[str, list[Relation]] = {}
    for s in suggestions:
        if s.kind not in ("rebuts", "supports"):
            continue
        owner, _ = split_ref(s.source)
        if owner is not None:
            by_map.setdefault(owner, []).append(suggested_relation(s))
    out = []
    for amap in maps:
        extra = by_map.get(amap.id)
        if not extra:
            out.append(amap)
            continue
        copy = amap.copy()
        for relation in extra:
            copy.add_relation(relation)
        out.append(copy)
    return out
