"""What a report says, worked out once for every output format.

:func:`build_report` merges the maps, ranks their tensions and renders the
diagrams; the HTML and Markdown writers only lay out what it found.  Nothing
here is escaped: escaping belongs to each writer (Jinja2's autoescaping for
HTML, :func:`argmap.report._text.md_escape` for Markdown).  The SVG diagrams
are the renderer's, which escapes map text itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from argmap.diagnostics import ArgmapError
from argmap.model import ArgumentMap
from argmap.report._text import safe_url

__all__ = [
    "ClaimEntry",
    "ClaimRef",
    "Diagram",
    "QuoteEntry",
    "Report",
    "SourceEntry",
    "TensionRow",
    "build_report",
]

#: The merged map's id (unless an input map has it already).
MERGED_ID = "merged"


@dataclass(frozen=True)
class SourceEntry:
    """One input map and the document it was made from."""

    map_id: str
    title: str
    #: The letter the merged diagram writes on this source's claims (A, B, ...).
    letter: str
    color: str | None
    publisher: str | None
    author: str | None
    published: str | None
    language: str | None
    #: The URL exactly as the map gives it (shown as text when not linkable).
    url: str | None
    #: The URL when it is safe to link (absolute http/https), else None.
    link: str | None
    claims: int
    relations: int


@dataclass(frozen=True)
class ClaimRef:
    """A claim as a diagram shows it: its text and the SVG element it is drawn as."""

    claim_id: str
    text: str
    #: ``id`` of the claim's group in the page's SVG (``<map-id>-claim-<id>``).
    element_id: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuoteEntry:
    source: str | None
    claim: str | None
    quote: str


@dataclass(frozen=True)
class TensionRow:
    rank: int
    kind: str
    score: float
    explanation: str
    claims: tuple[ClaimRef, ...]
    relations: tuple[str, ...]
    sources: tuple[str, ...]
    quotes: tuple[QuoteEntry, ...]
    #: The analysis object itself, for ``to_dict``.
    tension: Any = field(repr=False, compare=False, default=None)

    @property
    def element_ids(self) -> tuple[str, ...]:
        return tuple(c.element_id for c in self.claims)

    def to_dict(self) -> dict:
        base = self.tension.to_dict() if hasattr(self.tension, "to_dict") else {}
        return {
            "rank": self.rank,
            **base,
            "kind": self.kind,
            "score": self.score,
            "explanation": self.explanation,
            "claims": [c.claim_id for c in self.claims],
        }


@dataclass(frozen=True)
class ClaimEntry:
    """A line of the claim index: a merged claim and who states it."""

    claim: ClaimRef
    role: str | None
    #: (map id, claim id in that map, element id in that map's diagram or
    #: None when the page has no diagram of that map, quote).
    statements: tuple[tuple[str, str, str | None, str | None], ...]
    #: Ranks of the tensions this claim is part of.
    tensions: tuple[int, ...]


@dataclass(frozen=True)
class Diagram:
    """An inline SVG and the map it shows."""

    map_id: str
    title: str
    svg: str
    #: Its natural width in CSS pixels (from the viewBox), for layout.
    width: float | None


@dataclass
class Report:
    """Everything a report shows; write it with :meth:`to_html` or :meth:`to_markdown`."""

    title: str
    maps: list[ArgumentMap]
    merged: ArgumentMap
    sources: list[SourceEntry]
    tensions: list[TensionRow]
    claims: list[ClaimEntry]
    merged_diagram: Diagram
    #: One per input map, in input order (empty for a single map: the merged
    #: diagram already is that map).
    map_diagrams: list[Diagram]
    #: What the merged diagram emphasises: claim ids and relation keys -> "tension".
    emphasis: dict[str, str] = field(default_factory=dict)
    #: Mermaid flowchart of the merged map, when asked for and available.
    mermaid: str | None = None

    @property
    def is_merged(self) -> bool:
        return len(self.maps) > 1

    def to_html(self) -> str:
        from argmap.report.html import render_html

        return render_html(self)

    def to_markdown(self, svg_files: dict[str, str] | None = None) -> str:
        from argmap.report.markdown import render_markdown

        return render_markdown(self, svg_files)

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "sources": [
                {k: v for k, v in s.__dict__.items() if v is not None}
                for s in self.sources
            ],
            "tensions": [t.to_dict() for t in self.tensions],
            "claims": [
                {
                    "id": c.claim.claim_id,
                    "text": c.claim.text,
                    "role": c.role,
                    "sources": [
                        {"map": m, "claim": cid, "quote": q}
                        for m, cid, _, q in c.statements
                    ],
                    "tensions": list(c.tensions),
                }
                for c in self.claims
            ],
        }


def build_report(
    maps: Sequence[ArgumentMap] | Iterable[ArgumentMap],
    *,
    title: str | None = None,
    tensions: Sequence | None = None,
    mermaid: bool = False,
) -> Report:
    """A report on *maps*: merged map, ranked tensions, diagrams, claim index.

    One map is reported as it is (its tensions, its diagram); several are
    merged first (:func:`argmap.analysis.merge.merge`).  *title* defaults to
    the map's title, or for several maps to "Where N sources disagree".
    *tensions*: the merged map's tensions when already computed (for other
    settings than :func:`argmap.analysis.tensions.find_tensions`'s defaults);
    they refer to claim ids of the merged map.  With *mermaid*, :attr:`Report.mermaid` holds the merged map as Mermaid
    text (``None`` when no Mermaid writer is installed).
    """
    from argmap.render import render_svg

    maps = list(maps)
    if not maps:
        raise ArgmapError("a report needs at least one map")
    ids = [m.id for m in maps]
    if len(set(ids)) != len(ids):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise ArgmapError(
            f"map id {dup[0]!r} is given twice; each map must have its own id"
        )
    if len(maps) == 1:
        merged = maps[0]
    else:
        from argmap.analysis.merge import merge

        # Element ids in the page are prefixed with the map id: the merged
        # diagram needs an id no source diagram has.
        merged = merge(maps, id=_fresh_id(MERGED_ID, ids))
    if tensions is None:
        from argmap.analysis.tensions import find_tensions

        tensions = find_tensions(merged)
    tensions = list(tensions)
    # The letters and colours the renderer gives sources (sorted map ids).
    from argmap.render.dot import PALETTE

    # Inputs that are merged maps themselves bring their original sources.
    order = sorted(
        {m.id for m in merged.merged_from}.union(*(c.sources() for c in merged))
        or set(ids)
    )
    letters = {m: _letter(i) for i, m in enumerate(order)}
    colors = {m: PALETTE[i % len(PALETTE)] for i, m in enumerate(order)}

    def ref(claim_id: str) -> ClaimRef:
        claim = merged.claim(claim_id)
        if claim is None:
            return ClaimRef(claim_id, claim_id, _element_id(merged.id, claim_id))
        return ClaimRef(
            claim.id,
            claim.text,
            _element_id(merged.id, claim.id),
            claim.sources() or ((merged.id,) if len(maps) == 1 else ()),
        )

    rows = [
        TensionRow(
            rank=i,
            kind=str(getattr(t, "kind", "")),
            score=float(getattr(t, "score", 0.0)),
            explanation=str(getattr(t, "explanation", "")),
            claims=tuple(ref(c) for c in getattr(t, "claims", ())),
            relations=tuple(getattr(t, "relations", ())),
            sources=tuple(getattr(t, "sources", ())),
            quotes=tuple(_quotes(getattr(t, "quotes", ()))),
            tension=t,
        )
        for i, t in enumerate(tensions, start=1)
    ]
    emphasis: dict[str, str] = {}
    for row in rows:
        for c in row.claims:
            emphasis[c.claim_id] = "tension"
        for key in row.relations:
            emphasis[key] = "tension"

    in_tensions: dict[str, list[int]] = {}
    for row in rows:
        for c in row.claims:
            in_tensions.setdefault(c.claim_id, []).append(row.rank)
    drawn = set(ids) if len(maps) > 1 else {merged.id}
    entries = []
    # An index: alphabetical by what the claim says, as a reader looks it up.
    for claim in sorted(
        merged.claims.values(), key=lambda c: (c.text.casefold(), c.id)
    ):
        if claim.provenance:
            statements = tuple(
                (
                    p.map,
                    p.claim,
                    _element_id(p.map, p.claim) if p.map in drawn else None,
                    p.quote,
                )
                for p in claim.provenance
            )
        else:
            statements = (
                (merged.id, claim.id, _element_id(merged.id, claim.id), claim.quote),
            )
        entries.append(
            ClaimEntry(
                ref(claim.id),
                claim.role,
                statements,
                tuple(dict.fromkeys(in_tensions.get(claim.id, ()))),
            )
        )

    sources = [
        SourceEntry(
            map_id=m.id,
            title=m.title or m.id,
            letter=letters.get(m.id, ""),
            color=colors.get(m.id) if len(maps) > 1 else None,
            publisher=m.source.publisher,
            author=m.source.author,
            published=m.source.published,
            language=m.source.language,
            url=m.source.url,
            link=safe_url(m.source.url),
            claims=len(m.claims),
            relations=len(m.relations),
        )
        for m in maps
    ]
    emphasis = _known(merged, emphasis)
    merged_svg = render_svg(merged, embed=True, emphasis=emphasis)
    merged_diagram = Diagram(
        merged.id, merged.title or merged.id, merged_svg, _width(merged_svg)
    )
    map_diagrams = []
    if len(maps) > 1:
        for m in maps:
            svg = render_svg(m, embed=True)
            map_diagrams.append(Diagram(m.id, m.title or m.id, svg, _width(svg)))
    if title is None:
        title = (
            maps[0].title or maps[0].id
            if len(maps) == 1
            else f"Where {len(maps)} sources disagree"
        )
    return Report(
        title=title,
        maps=maps,
        merged=merged,
        sources=sources,
        tensions=rows,
        claims=entries,
        merged_diagram=merged_diagram,
        map_diagrams=map_diagrams,
        emphasis=emphasis,
        mermaid=_mermaid(merged) if mermaid else None,
    )


def _element_id(map_id: str, claim_id: str) -> str:
    """The id the embedded SVG of map *map_id* gives claim *claim_id*'s group."""
    return f"{map_id}-claim-{claim_id}"


def _known(amap: ArgumentMap, emphasis: dict[str, str]) -> dict[str, str]:
    """Emphasis only for claims and relations the map has (the renderer is strict)."""
    keys = set(amap.claims) | {r.key for r in amap.relations}
    return {k: v for k, v in emphasis.items() if k in keys}


def _fresh_id(base: str, taken: Sequence[str]) -> str:
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _quotes(items) -> Iterable[QuoteEntry]:
    """Tension quotes in whatever shape the analysis gives them, as QuoteEntry."""
    for item in items or ():
        if isinstance(item, str):
            yield QuoteEntry(None, None, item)
            continue
        if isinstance(item, dict):
            get = item.get
        elif isinstance(item, (tuple, list)) and not hasattr(item, "_fields"):
            if len(item) >= 2:
                yield QuoteEntry(str(item[0]), None, str(item[-1]))
            continue
        else:

            def get(name, _item=item):
                return getattr(_item, name, None)

        quote = get("quote") or get("text")
        if quote:
            source = get("map") or get("source")
            claim = get("claim")
            yield QuoteEntry(
                str(source) if source else None,
                str(claim) if claim else None,
                str(quote),
            )


def _width(svg: str) -> float | None:
    import re

    match = re.search(r'viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) [0-9.]+"', svg[:2000])
    # Graphviz measures in points; CSS pixels are 4/3 of a point.
    return round(float(match.group(1)) * 4 / 3, 1) if match else None


def _mermaid(amap: ArgumentMap) -> str | None:
    import importlib.util

    if importlib.util.find_spec("argmap.readwrite.mermaid") is None:
        return None
    from argmap.readwrite import mermaid as mermaid_format

    text = mermaid_format.write(amap)
    return text.decode("utf-8") if isinstance(text, bytes) else text
