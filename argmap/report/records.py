"""The records a report is made of: what :func:`argmap.report.build.build_report`
works out and the HTML and Markdown writers lay out.

They live apart from the builder so that the writers depend on them and not
on the builder: ``build`` imports ``html`` and ``markdown`` (for
:meth:`Report.to_html <argmap.report.build.Report.to_html>` and
:meth:`~argmap.report.build.Report.to_markdown`), and they import only these
records.  Nothing here is escaped (see :mod:`argmap.report.build`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.analysis.tensions import Tension
    from argmap.render.dot import SourceStyle

__all__ = [
    "ClaimEntry",
    "ClaimRef",
    "Diagram",
    "QuoteEntry",
    "ReportData",
    "SourceEntry",
    "TensionRow",
]


@dataclass(frozen=True)
class SourceEntry:
    """One source map and the document it was made from.

    Every input map is a source; so is each map an input is made of that is
    not an input itself (the base of an extension, the sources of a merged
    map), listed just before that input.
    """

    map_id: str
    title: str
    #: The letter every diagram of the report writes on this source's claims (A, B, ...).
    letter: str
    #: Its colour in the diagrams; None when the diagrams do not mark sources.
    color: str | None
    publisher: str | None
    author: str | None
    published: str | None
    language: str | None
    #: The URL exactly as the map gives it (shown as text when not linkable).
    url: str | None
    #: The URL when it is safe to link (absolute http/https), else None.
    link: str | None
    #: Claims and relations of the map (for a source that is not an input:
    #: those it states in the input that brings it).
    claims: int
    relations: int
    #: For a source that is not an input: the input it is part of, whose
    #: diagram draws its claims.
    part_of: str | None = None


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
    """A row of the tension table: a tension, its rank, and its claims as the page links them."""

    rank: int
    tension: Tension
    claims: tuple[ClaimRef, ...]
    quotes: tuple[QuoteEntry, ...]

    @property
    def kind(self) -> str:
        return self.tension.kind

    @property
    def score(self) -> float:
        return self.tension.score

    @property
    def explanation(self) -> str:
        return self.tension.explanation

    @property
    def suggested(self) -> bool:
        """Whether the tension rests on a link ``argmap align`` suggested."""
        return self.tension.suggested

    @property
    def relations(self) -> tuple[str, ...]:
        return tuple(self.tension.relations)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(self.tension.sources)

    @property
    def element_ids(self) -> tuple[str, ...]:
        return tuple(c.element_id for c in self.claims)

    def to_dict(self) -> dict:
        return {
            "rank": self.rank,
            **self.tension.to_dict(),
            "score": self.score,
            "claims": [c.claim_id for c in self.claims],
        }


@dataclass(frozen=True)
class ClaimEntry:
    """A line of the claim index: a merged claim and who states it."""

    claim: ClaimRef
    role: str | None
    #: (map id, claim id in that map, element id of the claim in the diagram
    #: that draws it, or None when no diagram of the page does, quote).
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
    #: What the page's explorer script needs about it
    #: (:func:`argmap.render.explore.explorer_data`), and its block's id.
    explore: dict[str, Any] | None = None
    explore_id: str = ""


@dataclass
class ReportData:
    """Everything a report shows, worked out; :class:`argmap.report.build.Report` adds its writers."""

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
    #: Mermaid flowchart of the merged map, when asked for.
    mermaid: str | None = None
    #: The letter and colour of every source, shared by all diagrams.
    styles: dict[str, SourceStyle] = field(default_factory=dict)
    #: Whether the diagrams mark claims by source (letters, colours): the
    #: report is on several maps, or on one made of several.
    marks_sources: bool = False

    @property
    def is_merged(self) -> bool:
        return len(self.maps) > 1

    @property
    def source_count(self) -> int:
        """How many maps state the claims (an extension's base counts, a merged input does not)."""
        return len(self.merged.source_ids())

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
