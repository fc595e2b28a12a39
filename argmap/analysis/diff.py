"""What one map adds to, removes from and changes in another.

Two uses: a seminar participant's extension against the seed map it
extends (compare the base with the extension's effective map, see
:func:`argmap.extensions.effective_map`), and two versions of one map.

Claims are matched by id.  Relations are matched by kind, source and
target, with references to either map (``map-id#claim``) read as bare ids,
so that an extension's ``base#claim`` and the base's ``claim`` are one
thing.  Text is compared after collapsing whitespace (re-wrapping a line in
YAML is not a change).

Reading the two maps from files is :func:`argmap.commands.diff.load_pair`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import partial

from argmap.analysis.emphasis import diff_emphasis
from argmap.extensions import effective_map, localise
from argmap.model import ArgumentMap, Claim, Relation
from argmap.readwrite.document import encode_claim

__all__ = [
    "FieldChange",
    "MapDiff",
    "TagChange",
    "TextChange",
    "WeightChange",
    "combined_map",
    "diff",
]


@dataclass(frozen=True)
class TextChange:
    claim: str
    old: str
    new: str


@dataclass(frozen=True)
class FieldChange:
    """A claim's *field* (role, quote, note) went from *old* to *new* (None: absent)."""

    claim: str
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class TagChange:
    claim: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class WeightChange:
    relation: Relation
    old: float
    new: float


@dataclass
class MapDiff:
    """The differences from *base* to *other*, each list in map order.

    Added claims and relations are in *other*'s order, removed ones in
    *base*'s; changes in *other*'s order.
    """

    base: ArgumentMap
    other: ArgumentMap
    claims_added: list[Claim] = field(default_factory=list)
    claims_removed: list[Claim] = field(default_factory=list)
    text_changed: list[TextChange] = field(default_factory=list)
    #: Role, quote and note changes (an override that drops the base's role shows here).
    fields_changed: list[FieldChange] = field(default_factory=list)
    tags_changed: list[TagChange] = field(default_factory=list)
    relations_added: list[Relation] = field(default_factory=list)
    relations_removed: list[Relation] = field(default_factory=list)
    weight_changed: list[WeightChange] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.claims_added,
                self.claims_removed,
                self.text_changed,
                self.fields_changed,
                self.tags_changed,
                self.relations_added,
                self.relations_removed,
                self.weight_changed,
            )
        )

    def counts(self) -> dict[str, int]:
        return {
            "claims_added": len(self.claims_added),
            "claims_removed": len(self.claims_removed),
            "text_changed": len(self.text_changed),
            "fields_changed": len(self.fields_changed),
            "tags_changed": len(self.tags_changed),
            "relations_added": len(self.relations_added),
            "relations_removed": len(self.relations_removed),
            "weight_changed": len(self.weight_changed),
        }

    def emphasis(self) -> dict[str, str]:
        """Claim ids and relation keys of :func:`combined_map` to mark in a render."""
        # What the claim says, or is (an override): text, role, quote.  A
        # note or tag added to a claim is an annotation, not a change of it.
        changed = [self.other.claims[c.claim] for c in self.text_changed]
        changed += [
            self.other.claims[c.claim]
            for c in self.fields_changed
            if c.field in ("role", "quote")
        ]
        return diff_emphasis(
            added=[*self.claims_added, *self.relations_added],
            removed=[*self.claims_removed, *self.relations_removed],
            changed=changed,
        )

    def to_dict(self) -> dict:
        return {
            "base": {"id": self.base.id, "path": self.base.path},
            "other": {"id": self.other.id, "path": self.other.path},
            "summary": self.counts(),
            "claims": {
                "added": [_claim_dict(c) for c in self.claims_added],
                "removed": [_claim_dict(c) for c in self.claims_removed],
                "text_changed": [
                    {"id": t.claim, "old": t.old, "new": t.new}
                    for t in self.text_changed
                ],
                "fields_changed": [
                    {"id": f.claim, "field": f.field, "old": f.old, "new": f.new}
                    for f in self.fields_changed
                ],
                "tags_changed": [
                    {"id": t.claim, "added": list(t.added), "removed": list(t.removed)}
                    for t in self.tags_changed
                ],
            },
            "relations": {
                "added": [_relation_dict(r) for r in self.relations_added],
                "removed": [_relation_dict(r) for r in self.relations_removed],
                "weight_changed": [
                    {**_relation_dict(w.relation), "old": w.old, "new": w.new}
                    for w in self.weight_changed
                ],
            },
        }


#: Claim fields compared besides text and tags (``fields_changed``).
_COMPARED_FIELDS = ("role", "quote", "note")

#: The fields an added or removed claim is listed with besides its id and
#: text: the ones a diff compares or a reader scans for (tags, role).
_LISTED_FIELDS = ("role", "tags")


def _claim_dict(claim: Claim) -> dict:
    fields = encode_claim(claim)  # as the map format writes them
    return {
        "id": claim.id,
        "text": claim.text,
        **{key: fields[key] for key in _LISTED_FIELDS if key in fields},
    }


def _relation_dict(relation: Relation) -> dict:
    out = {
        "kind": relation.kind,
        "source": relation.source,
        "target": relation.target,
        "key": relation.key,
        "weight": relation.weight,
    }
    if relation.id:
        out["id"] = relation.id
    return out


def _norm_text(text: str) -> str:
    return " ".join(text.split())


def _localised(amap: ArgumentMap, local) -> list[Relation]:
    return [
        replace(r, source=local(r.source), target=local(r.target))
        for r in amap.relations
    ]


def diff(base: ArgumentMap, other: ArgumentMap, maps: Mapping | None = None) -> MapDiff:
    """What *other* adds to, removes from and changes in *base*.

    When *other* is an extension (it has ``extends``), it is compared as its
    effective map, whose base is looked up in *maps* (by id, or by file) —
    *base* itself is tried first.  Pass effective maps to skip that step.

    * claims added / removed: ids in only one of the maps;
    * text changed: same id, different text (whitespace aside);
    * fields changed: same id, another role, quote or note (one each);
    * tags changed: same id, tags added and removed (order aside);
    * relations added / removed: (kind, source, target) in only one map;
    * weight changed: the same relation with another weight.
    """
    if other.extends:
        pool = {base.id: base, **dict(maps or {})}
        other = effective_map(other, pool)
    result = MapDiff(base, other)
    for claim in other.claims.values():
        old = base.claims.get(claim.id)
        if old is None:
            result.claims_added.append(claim)
            continue
        if _norm_text(old.text) != _norm_text(claim.text):
            result.text_changed.append(TextChange(claim.id, old.text, claim.text))
        for name in _COMPARED_FIELDS:
            before, now = getattr(old, name), getattr(claim, name)
            if (before or None) != (now or None):
                result.fields_changed.append(FieldChange(claim.id, name, before, now))
        added = tuple(t for t in claim.tags if t not in old.tags)
        removed = tuple(t for t in old.tags if t not in claim.tags)
        if added or removed:
            result.tags_changed.append(TagChange(claim.id, added, removed))
    result.claims_removed = [
        c for c in base.claims.values() if c.id not in other.claims
    ]

    local = partial(localise, map_ids={base.id, other.id})
    before = {(r.kind, r.source, r.target): r for r in _localised(base, local)}
    after = _localised(other, local)
    after_keys = {(r.kind, r.source, r.target) for r in after}
    for relation in after:
        was = before.get((relation.kind, relation.source, relation.target))
        if was is None:
            result.relations_added.append(relation)
        elif was.weight != relation.weight:
            result.weight_changed.append(
                WeightChange(relation, was.weight, relation.weight)
            )
    result.relations_removed = [r for key, r in before.items() if key not in after_keys]
    return result


def combined_map(result: MapDiff) -> ArgumentMap:
    """*other* plus what it removed from *base*, to render with :meth:`MapDiff.emphasis`.

    Removed claims are appended after the other map's claims; removed
    relations follow its relations (an undercut of a removed relation stays
    with it).
    """
    other = result.other
    local = partial(localise, map_ids={result.base.id, other.id})
    combined = ArgumentMap(
        other.id,
        other.title,
        other.source,
        [*other.claims.values(), *result.claims_removed],
        [
            *(
                replace(r, source=local(r.source), target=local(r.target))
                for r in other.relations
            ),
            *result.relations_removed,
        ],
        merged_from=other.merged_from,
        path=other.path,
    )
    return combined
