"""Suggested links as parts of maps: in analyses, and in a links file a person reviews.

``argmap align`` suggests links between claims of different maps
(:mod:`argmap.meaning.align`).  They become parts of maps in two ways.

In analyses
    ``tensions``, ``report`` and ``render --merged --highlight-tensions``
    take suggestions into account by default (:func:`with_suggestions`):
    each ``rebuts`` / ``supports`` suggestion becomes a relation marked
    ``suggested`` (:attr:`argmap.model.Relation.suggested`) of the map of
    its source claim, with weight ``score · w`` (*w*: the weight the
    suggestion carries — a voicing carries the weight of the relation of the
    map it was read from — else 1).  Then every suggested relation, these
    and those of links files not yet accepted, counts ``SUGGESTED_WEIGHT``
    (one half) of its weight: a certain suggestion counts half as much as
    the same link written by a person.  ``same_as`` suggestions are not
    added: joining two claims on a guess would rewrite the merged map's
    claims and every relation around them; ``merge --auto SCORE`` applies
    them, and a person accepts them in a links file.  Without suggestions
    (``--no-suggestions``) suggested relations of links files are left out
    too; accepted ones are ordinary links.

The links file (``argmap align PATHS -o links.yaml``)
    An ordinary map file with no claims: its ``links`` list holds
    relations between claims of other maps and ``same_as`` links, each
    marked ``suggested: true``, every command reads it like any map.  A
    person reviews it: deleting an entry rejects the link, removing
    ``suggested: true`` accepts it.  ``offered`` lists every link align has
    written to the file; a link offered and gone from ``links`` was
    rejected and moves to ``rejected``, which align never suggests again
    (:func:`update_links`).  Entries keep what the person left (accepted or
    not, weight and note edited); new suggestions are added for pairs the
    file does not link yet.  Order: by kind, then ``from``, then ``to`` —
    a new suggestion lands in its place and a re-run that finds nothing
    new writes the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # align brings NumPy: only the commands that align import it
    from argmap.meaning.align import Suggestion
from argmap.model import ArgumentMap, Relation, SameAs, is_relation_kind, split_ref

__all__ = [
    "LINKS_HEADER",
    "SUGGESTED_WEIGHT",
    "discount_suggested",
    "links_text",
    "suggested_relation",
    "update_links",
    "with_suggestions",
    "without_suggested",
]

#: A suggested relation counts this share of its weight in analyses (module docs).
SUGGESTED_WEIGHT = 0.5


def _note(s: Suggestion) -> str:
    return f"suggested by argmap align ({s.score:.2f}): {s.reason}"


def suggested_relation(s: Suggestion, *, qualified: bool = False) -> Relation:
    """The relation a ``rebuts`` or ``supports`` suggestion stands for, marked suggested.

    Its source is the source claim's id in its own map (its qualified
    reference with *qualified*, as a links file writes it); its target is
    qualified (``map#claim``); its note names its score and reason; its
    weight is ``score · w`` (module docs).
    """
    if not is_relation_kind(s.kind):  # a same_as suggestion is a SameAs link
        raise ValueError(f"a {s.kind} suggestion stands for no relation")
    source = s.source if qualified else split_ref(s.source)[1]
    return Relation(
        s.kind,
        source,
        s.target,
        weight=round(s.score * s.weight, 2),
        note=_note(s),
        suggested=True,
    )


def with_suggestions(
    maps: Iterable[ArgumentMap], suggestions: Iterable[Suggestion]
) -> list[ArgumentMap]:
    """*maps* with the relation suggestions added to their source claims' maps (copies).

    Maps without a suggestion are returned as they are; ``same_as``
    suggestions are left out (module docs), and so are suggestions for a
    pair the maps relate already, a links file's suggested entries included.
    """
    maps = list(maps)
    suggestions = list(suggestions)
    if not suggestions:
        return maps
    from argmap.meaning.align import linked_pairs

    related, _ = linked_pairs(maps, suggested=True)
    by_map: dict[str, list[Relation]] = {}
    for s in suggestions:
        if s.kind not in ("rebuts", "supports") or s.pair in related:
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


def discount_suggested(maps: Iterable[ArgumentMap]) -> list[ArgumentMap]:
    """*maps* with every suggested relation at ``SUGGESTED_WEIGHT`` of its weight (copies)."""
    out = []
    for amap in maps:
        if not any(r.suggested for r in amap.relations):
            out.append(amap)
            continue
        copy = amap.copy()
        for r in copy.relations:
            if r.suggested:
                r.weight = round(r.weight * SUGGESTED_WEIGHT, 4)
        out.append(copy)
    return out


def without_suggested(maps: Iterable[ArgumentMap]) -> list[ArgumentMap]:
    """*maps* without their suggested relations and ``same_as`` links (copies where needed)."""
    out = []
    for amap in maps:
        if not any(r.suggested for r in amap.relations) and not any(
            link.suggested for link in amap.same_as_links
        ):
            out.append(amap)
            continue
        copy = ArgumentMap(
            amap.id,
            amap.title,
            amap.source,
            amap.claims.values(),
            (r for r in amap.relations if not r.suggested),
            extends=amap.extends,
            merged_from=amap.merged_from,
            path=amap.path,
        )
        copy.lines = dict(amap.lines)
        copy.same_as_links = [s for s in amap.same_as_links if not s.suggested]
        copy.rejected, copy.offered = amap.rejected, amap.offered
        out.append(copy)
    return out


# -- the links file ------------------------------------------------------------------

#: The comment at the top of every links file align writes.
LINKS_HEADER = """\
# Links between claims of different maps, suggested by `argmap align`.
# Every argmap command reads this file like any map (keep it beside the maps,
# or name it with them). Review each entry under `links`:
#   - accept it: delete its line `suggested: true` (it becomes your link; edit
#     weight or note as you like);
#   - reject it: delete the whole entry. The next `argmap align ... -o` run
#     moves it to `rejected` and never suggests it again.
# Entries still marked suggested count half their weight in tensions, reports
# and diagrams (dotted, labelled "suggested"); --no-suggestions leaves them out.
# `offered` is align's record of what it has written here: leave it as it is.
"""


def _entry_name(entry: Relation | SameAs) -> str:
    from argmap.meaning.align import link_name

    kind = entry.kind if isinstance(entry, Relation) else "same_as"
    return link_name(kind, entry.source, entry.target)


def _pair(source: str, target: str) -> tuple[str, str]:
    return (source, target) if source < target else (target, source)


def update_links(
    previous: ArgumentMap | None,
    suggestions: Iterable[Suggestion],
    *,
    map_id: str = "links",
    title: str | None = None,
) -> tuple[ArgumentMap, list[Suggestion], list[str]]:
    """The links file after a run of align: ``(map, suggestions added, newly rejected)``.

    *previous* is the file as the person left it (None when there is none);
    *suggestions* are align's, computed with the file's rejections.  See
    the module docs for what is kept, added and rejected.
    """
    from argmap.meaning.align import parse_link_name

    links = ArgumentMap(
        previous.id if previous is not None else map_id,
        (previous.title if previous is not None else None) or title,
        previous.source if previous is not None else None,
    )
    kept: list[Relation | SameAs] = []
    offered: set[str] = set()
    rejected: set[str] = set()
    if previous is not None:
        kept = [*previous.relations, *previous.same_as_links]
        offered = set(previous.offered)
        rejected = set(previous.rejected)
    present = {_entry_name(e) for e in kept}
    linked = {_pair(e.source, e.target) for e in kept}
    newly = sorted(offered - present - rejected)
    rejected.update(newly)
    turned_down = {
        (k, *_pair(a, b))
        for k, a, b in (p for p in map(parse_link_name, rejected) if p is not None)
    }
    added = []
    for s in suggestions:
        pair = _pair(s.source, s.target)
        if pair in linked or (s.kind, *pair) in turned_down:
            continue
        linked.add(pair)
        added.append(s)
        if s.kind == "same_as":
            kept.append(SameAs(s.source, s.target, _note(s), suggested=True))
        else:
            kept.append(suggested_relation(s, qualified=True))
        offered.add(s.name)

    def order(e: Relation | SameAs) -> tuple[str, str, str]:
        kind = e.kind if isinstance(e, Relation) else "same_as"
        return (kind, e.source, e.target)

    for entry in sorted(kept, key=order):
        if isinstance(entry, SameAs):
            links.same_as_links.append(entry)
        else:
            links.add_relation(entry)
    links.rejected = tuple(sorted(rejected))
    links.offered = tuple(sorted(offered))
    return links, added, newly


def links_text(links: ArgumentMap) -> str:
    """The links file's text: the review header, then the map in YAML."""
    from argmap.readwrite import yamlmap

    text = yamlmap.dumps(links)
    return LINKS_HEADER + text + ("" if text.endswith("\n") else "\n")
