"""Merging the maps of several sources into one map with provenance.

The unit of identity is the *atom*: one claim of one source map, written
``map-id#claim-id``.  ``same_as`` links join atoms into classes (transitively,
with a union-find); each class becomes one claim of the merged map, which
remembers every atom in its ``provenance``.  Relations are re-pointed at the
classes, and the same relation stated by several sources becomes one
relation whose ``asserted_by`` names them all.

A merged map given as input is taken apart into its atoms again (the
provenance of its claims, the ``asserted_by`` of its relations), and every
rule that combines atoms is a union, a minimum or a maximum.  That is what
makes merging order-independent, idempotent and associative::

    merge([merge([a, b]), c]) == merge([a, merge([b, c])]) == merge([a, b, c])

(as long as every inner merge can resolve its own references).

This module is the interface and states the rules (:func:`merge`); the
machinery that applies them is :mod:`argmap.analysis._merger`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from argmap.analysis._merger import Merger, is_merged
from argmap.diagnostics import Diagnostic, sort_diagnostics
from argmap.ids import unique
from argmap.model import ArgumentMap, Claim

__all__ = [
    "MergeResult",
    "is_merged",
    "merge",
    "merge_or_single",
    "merge_with_report",
    "merged_claim_of",
]


@dataclass
class MergeResult:
    """What :func:`merge_with_report` gives: the map and what merging noticed."""

    map: ArgumentMap
    #: Warnings (relations dropped because both ends are one claim after
    #: merging); errors are raised, never returned.
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def shared_claims(self) -> int:
        """Merged claims that more than one source states."""
        return sum(len(c.sources()) > 1 for c in self.map.claims.values())

    def summary(self) -> dict[str, str | int]:
        return {
            "id": self.map.id,
            "maps": len(self.map.merged_from),
            "claims": len(self.map.claims),
            "relations": len(self.map.relations),
            "shared_claims": self.shared_claims,
        }


def merge_or_single(
    maps: Iterable[ArgumentMap], *, id: str = "merged", title: str | None = None
) -> ArgumentMap:
    """The one map of *maps* as it is, or the :func:`merge` of several.

    What commands that work on "the maps given" (tensions, stats, report)
    analyse.  The merged map is called *id*, or *id*-2, -3, ... when an
    input map, or a source of an input, already has that id (so that ids
    stay unique wherever the maps are shown together).  ValueError when
    *maps* is empty.
    """
    maps = list(maps)
    if not maps:
        raise ValueError("no maps to merge")
    if len(maps) == 1:
        return maps[0]
    taken = {m.id for m in maps}.union(*(m.source_ids() for m in maps))
    return merge(maps, id=unique(id, taken), title=title)


def merge(
    maps: Iterable[ArgumentMap],
    *,
    id: str = "merged",
    title: str | None = None,
    auto_match: float | None = None,
) -> ArgumentMap:
    """Merge the maps of several sources into one map with provenance.

    Identity
        Every claim of every input is an atom ``map-id#claim-id``.  Atoms
        linked by ``same_as`` (transitively, across any number of maps) form
        one class, and each class becomes one merged claim.  References
        resolve across the inputs: ``other#claim`` names a claim of another
        input; a map with ``extends: base`` also sees its base's claims (and
        the base's base, …) by bare id when the base is among the inputs.
        Inputs that are themselves merged maps are taken apart into their
        atoms (claim ``provenance``, relation ``asserted_by``, ``merged_from``).

    Merged claims
        * id: the claim id of the class's smallest atom (atoms ordered by map
          id, then claim id); when two classes would get the same id, each of
          them is written ``map-id.claim-id`` instead (and, should even that
          collide, gets a ``-2``, ``-3`` … suffix).
        * text and quote: those of the smallest atom; every atom's text and
          quote stay in ``provenance`` (sorted by map, claim).
        * role: the first of thesis, premise, evidence, objection that any
          source gives the claim (so a claim some source calls its thesis is
          a thesis); none when no source gives a role.
        * tags: the union, sorted.  note: the distinct lines of the notes,
          sorted, one per line.

    Merged relations
        The same relation — kind, source class, target class (for an
        undercut: the merged relation it attacks) — stated by several
        sources becomes one relation.  ``asserted_by`` lists those sources
        (sorted map ids); its weight is the largest weight any source gives
        (an omitted weight counts as 1.0) — of the sources that wrote it: a
        relation only suggested (``suggested: true``, from ``argmap align``)
        stays suggested and keeps its suggested weight, and one that any
        source wrote is written, with the written weight; its note is the distinct lines of
        the notes, sorted; co-premises (``with``) are the union; the scheme
        is the alphabetically first one given.  A relation whose two ends
        fall into one class (the sources declared them the same claim) is
        dropped with a warning instead of becoming a self-loop, and so is an
        undercut of a dropped relation.  Undercut targets are rewritten to
        the merged relations: ``source->target`` when that names one
        relation, else the attacked relation gets a generated id
        ``source.kind.target``.

    The result lists ``merged_from`` (id, title, source of every original
    map, flattened through merged inputs, sorted by id), is in canonical
    order (claims sorted by id, relations sorted) so that it — and its YAML
    — is the same for any order of *maps*, and is a valid map file.

    *auto_match*: when a number, claims of different maps that
    :func:`argmap.meaning.align.align` suggests as ``same_as`` with a score
    of at least that threshold are treated as ``same_as`` too (align never
    suggests claims it judges contradictory, and a claim must stand out as
    the other's best match).  Off by default: nothing is merged unless a
    source or the user says so.  ``same_as`` links of a links file still
    marked ``suggested`` join claims only this way.

    References resolve by the rules of :mod:`argmap.refs`, among the
    inputs.  Raises :class:`MapError` listing every reference that no input
    resolves, with the same code, message and line as ``argmap check``
    gives it (``unknown-reference``, ``unknown-map``, ``unknown-relation``,
    ``ambiguous-relation``), an undercut that is part of a cycle of
    undercuts (``undercut-cycle``), and two different maps with one id
    (``duplicate-map-id``).
    """
    return merge_with_report(maps, id=id, title=title, auto_match=auto_match).map


def merge_with_report(
    maps: Iterable[ArgumentMap],
    *,
    id: str = "merged",
    title: str | None = None,
    auto_match: float | None = None,
) -> MergeResult:
    """:func:`merge`, also returning the warnings and counts (used by ``argmap merge``)."""
    merger = Merger(list(maps))
    merger.collect()
    if auto_match is not None:
        merger.auto_match(auto_match)
    amap = merger.build(id, title)
    return MergeResult(amap, sort_diagnostics(merger.warnings))


def merged_claim_of(amap: ArgumentMap, ref: str) -> Claim | None:
    """The claim of merged map *amap* whose provenance includes atom *ref* (``map#claim``)."""
    for claim in amap.claims.values():
        if any(p.ref == ref for p in claim.provenance):
            return claim
    return None
