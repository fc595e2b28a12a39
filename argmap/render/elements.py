"""The drawn elements of a diagram: DOT names and ids, SVG ids, classes, tooltips.

The DOT builder names every node and gives every node and edge a DOT ``id``;
:class:`Elements` hands out those names and records, by DOT id, what
:mod:`argmap.render.svg` later writes into the SVG: the element's SVG id,
its CSS classes and its tooltip (:func:`claim_title`, :func:`relation_title`).

A name or id is the claim's own id when it is a plain slug (``_SAFE_ID``),
else a generated one (``n~3``), so no map text ever becomes a DOT name.

SVG ids are CSS identifiers that need no escaping in a selector
(:func:`css_ident`): letters, digits, ``-`` and ``_`` only, never starting
with a digit.  Any other character of a claim id (``.``, ``#`` of a
reference to another map, ``:``) is written as ``_`` and its hexadecimal
code (``a.b`` -> ``a_2eb``), so different claim ids stay different ids; a
second element that would still get the same id gets ``--2``, ``--3``, ...
appended.  :func:`claim_svg_id` is the id of a claim's group, for pages
that link to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from argmap.model import ArgumentMap, Claim, Relation

__all__ = [
    "Element",
    "Elements",
    "claim_svg_id",
    "claim_title",
    "css_ident",
    "pos_attr",
    "relation_title",
]

_SAFE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.:#-]*\Z")
_NOT_CSS = re.compile(r"[^A-Za-z0-9_-]")
_DASH_START = re.compile(r"-[-0-9]")


def css_ident(text: str) -> str:
    """*text* as an id usable in a CSS selector without escapes.

    Characters other than ASCII letters, digits, ``-`` and ``_`` become
    ``_`` and their code in hex (``.`` -> ``_2e``); an id that would start
    with a digit, or with ``-`` and a digit or another ``-``, gets a leading ``_``.
    """
    ident = _NOT_CSS.sub(_css_code, text)
    if not ident or ident[0].isdigit() or _DASH_START.match(ident):
        ident = "_" + ident
    return ident


def _css_code(match: re.Match[str]) -> str:
    return f"_{ord(match.group(0)):x}"


def claim_svg_id(claim_id: str) -> str:
    """The SVG id of claim *claim_id*'s group (before any page prefix)."""
    return css_ident(f"claim-{claim_id}")


@dataclass(frozen=True)
class Element:
    """What the SVG post-processor needs to know about one drawn element."""

    svg_id: str
    classes: tuple[str, ...]
    title: str
    #: The claim (or reference) a claim's group draws, for ``data-claim``.
    claim: str | None = None
    #: The claims a relation's line or junction joins (source, co-premises,
    #: target; an undercut's source and the ends of what it attacks), so a
    #: viewer that hides claims can hide their lines too.
    ends: tuple[str, ...] = ()


#: What :class:`Elements` without facts records for every DOT id.
NO_FACTS = Element("", (), "")


class Elements:
    """Names and ids of one diagram's nodes and edges, and their SVG facts.

    With *facts* false (the DOT text alone, which no SVG is made from) only
    the names and ids are handed out, the same ones; every DOT id maps to
    :data:`NO_FACTS` and callers may skip working out tooltips.
    """

    def __init__(self, facts: bool = True) -> None:
        self.facts = facts
        #: By DOT id.
        self.by_dot_id: dict[str, Element] = {}
        self._svg_ids: set[str] = set()
        self._names: dict[str, str] = {}  # claim/ref -> DOT node name
        self._counter = 0

    def fresh(self, prefix: str) -> str:
        """A new generated name, ``prefix~N``."""
        self._counter += 1
        return f"{prefix}~{self._counter}"

    def dot_id(self, pretty: str, fallback_prefix: str) -> str:
        """A DOT id: *pretty* when it is plain and unused, else a generated one."""
        if _SAFE_ID.match(pretty) and pretty not in self.by_dot_id:
            return pretty
        return self.fresh(fallback_prefix)

    def register(
        self,
        dot_id: str,
        svg_id: str,
        classes: Iterable[str],
        title: str,
        claim: str | None = None,
        ends: tuple[str, ...] = (),
    ) -> None:
        """Record the SVG id (CSS-safe, unique), classes and tooltip of *dot_id*."""
        if not self.facts:
            self.by_dot_id[dot_id] = NO_FACTS  # taken, for dot_id
            return
        base = css_ident(svg_id)
        unique, n = base, 1
        while unique in self._svg_ids:
            n += 1
            unique = f"{base}--{n}"
        self._svg_ids.add(unique)
        self.by_dot_id[dot_id] = Element(unique, tuple(classes), title, claim, ends)

    def has_node(self, ref: str) -> bool:
        return ref in self._names

    def node_name(self, ref: str) -> str:
        """The DOT node name of claim (or reference) *ref*, the same every time."""
        if ref not in self._names:
            self._names[ref] = ref if _SAFE_ID.match(ref) else self.fresh("n")
        return self._names[ref]


def claim_title(claim: Claim) -> str:
    """A claim's tooltip: its text, quotes, note, and id/role/tags/sources."""
    parts = [claim.text]
    if claim.quote:
        parts.append(f"“{claim.quote}”")
    for p in claim.provenance:
        if p.quote and p.quote != claim.quote:
            parts.append(f"{p.map}: “{p.quote}”")
    if claim.note:
        parts.append(f"Note: {claim.note}")
    meta = [f"id: {claim.id}"]
    if claim.role:
        meta.append(f"role: {claim.role}")
    if claim.tags:
        meta.append("tags: " + ", ".join(claim.tags))
    if claim.provenance:
        meta.append("sources: " + ", ".join(claim.sources()))
    parts.append("; ".join(meta))
    return "\n\n".join(parts)


def relation_title(relation: Relation) -> str:
    """A relation's tooltip: its ends and kind, weight, scheme, who asserts it, note."""
    linked = "".join(f" + {c}" for c in relation.linked)
    text = f"{relation.source}{linked} {relation.kind} {relation.target}"
    if relation.weight != 1.0:
        text += f" (weight {relation.weight:g})"
    if relation.scheme:
        text += f" [scheme: {relation.scheme}]"
    if relation.asserted_by:
        text += "; asserted by " + ", ".join(sorted(relation.asserted_by))
    if relation.note:
        text += f"\n\n{relation.note}"
    return text


def relation_ends(
    amap: ArgumentMap, relation: Relation, seen: frozenset[int] = frozenset()
) -> tuple[str, ...]:
    """The claims *relation* joins (:attr:`Element.ends`): its source, co-premises
    and target; for an undercut, its source and the ends of what it attacks."""
    if relation.kind != "undercuts":
        return (relation.source, *relation.linked, relation.target)
    target = amap.relation(relation.target)
    if target is None or id(target) in seen:
        return (relation.source,)
    return (relation.source, *relation_ends(amap, target, seen | {id(relation)}))


def relation_pretty_id(relation: Relation) -> str:
    """The SVG id a relation would like: ``rel-<id>``, or from its ends and kind."""
    if relation.id:
        return f"rel-{relation.id}"
    return f"rel-{relation.source}-{relation.kind}-{relation.target}"


def pos_attr(x: float, y: float, points: bool = False) -> str:
    """A pinned node's ``pos``: ``neato`` reads inches and ``!`` to keep it
    there; ``nop2`` (*points*) reads points and keeps every node where it is."""
    return f"{x:.2f},{y:.2f}" if points else f"{x / 72:.4f},{y / 72:.4f}!"
