"""What a report says, worked out once for every output format.

:func:`build_report` merges the maps, ranks their tensions and renders the
diagrams (records in :mod:`argmap.report.records`); the HTML and Markdown
writers only lay out what it found.  Nothing
here is escaped: escaping belongs to each writer (Jinja2's autoescaping for
HTML, :func:`argmap.report._text.md_escape` for Markdown).  The SVG diagrams
are the renderer's, which escapes map text itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from argmap.diagnostics import ArgmapError
from argmap.model import ArgumentMap
from argmap.report._text import safe_url
from argmap.report.html import render_html
from argmap.report.markdown import render_markdown
from argmap.report.records import (
    ClaimEntry,
    ClaimRef,
    Diagram,
    QuoteEntry,
    ReportData,
    SourceEntry,
    TensionRow,
)

if TYPE_CHECKING:
    from argmap.render.dot import SourceStyle

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


@dataclass
class Report(ReportData):
    """Everything a report shows; write it with :meth:`to_html` or :meth:`to_markdown`."""

    def to_html(self) -> str:
        return render_html(self)

    def to_markdown(self, svg_files: dict[str, str] | None = None) -> str:
        return render_markdown(self, svg_files)


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
    they refer to claim ids of the merged map.  With *mermaid*,
    :attr:`Report.mermaid` holds the merged map as Mermaid text.
    """
    from argmap.analysis.emphasis import tension_emphasis
    from argmap.render.dot import marks_sources, source_styles

    maps = list(maps)
    if not maps:
        raise ArgmapError("a report needs at least one map")
    ids = [m.id for m in maps]
    if len(set(ids)) != len(ids):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise ArgmapError(
            f"map id {dup[0]!r} is given twice; each map must have its own id"
        )
    from argmap.analysis.merge import merge_or_single

    # Element ids in the page are prefixed with the map id: the merged
    # diagram needs an id no source diagram has, which merge_or_single gives.
    merged = merge_or_single(maps, id=MERGED_ID)
    if tensions is None:
        from argmap.analysis.tensions import find_tensions

        tensions = find_tensions(merged)
    tensions = list(tensions)
    # One assignment of letters and colours for every diagram of the page:
    # the merged map has every source any input has.
    styles = source_styles(merged.source_ids())
    marked = marks_sources(merged)

    def ref(claim_id: str) -> ClaimRef:
        claim = merged.claim(claim_id)
        local = claim.id if claim is not None else claim_id
        return ClaimRef(
            local,
            claim.text if claim is not None else claim_id,
            _element_id(merged.id, local),
            merged.sources_of(claim_id),
        )

    rows = [
        TensionRow(
            rank=i,
            tension=t,
            claims=tuple(ref(c) for c in t.claims),
            quotes=tuple(
                QuoteEntry(q.map, q.claim, q.quote) for q in t.quotes if q.quote
            ),
        )
        for i, t in enumerate(tensions, start=1)
    ]
    emphasis = tension_emphasis(merged, tensions)

    in_tensions: dict[str, list[int]] = {}
    for row in rows:
        for c in row.claims:
            in_tensions.setdefault(c.claim_id, []).append(row.rank)
    diagram_maps = maps if len(maps) > 1 else [merged]
    drawn_at = _drawn_at(diagram_maps)
    entries = []
    # An index: alphabetical by what the claim says, as a reader looks it up.
    for claim in sorted(
        merged.claims.values(), key=lambda c: (c.text.casefold(), c.id)
    ):
        if claim.provenance:
            statements = tuple(
                (p.map, p.claim, drawn_at.get((p.map, p.claim)), p.quote)
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

    sources = _source_entries(maps, styles, marked)
    merged_diagram = _diagram(merged, emphasis=emphasis, styles=styles)
    map_diagrams = []
    if len(maps) > 1:
        for m in maps:
            map_diagrams.append(_diagram(m, styles=styles))
    if title is None:
        title = (
            maps[0].title or maps[0].id
            if len(maps) == 1
            else f"Where {len(merged.source_ids())} sources disagree"
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
        styles=styles,
        marks_sources=marked,
    )


def _diagram(amap: ArgumentMap, **drawing: Any) -> Diagram:
    """*amap*'s embedded SVG, and the facts the page's explorer needs about it."""
    from argmap.render import render_svg_graph
    from argmap.render.explore import explorer_data
    from argmap.render.svg import id_prefix_for

    svg, graph = render_svg_graph(amap, embed=True, **drawing)
    prefix = id_prefix_for(graph, True, None)
    return Diagram(
        amap.id,
        amap.title or amap.id,
        svg,
        _width(svg),
        explore=explorer_data(amap, graph, prefix),
        explore_id=f"{prefix}-explore",
    )


def _drawn_at(maps: Sequence[ArgumentMap]) -> dict[tuple[str, str], str]:
    """Where the page draws each source's claim: (map id, claim id) -> element id.

    A claim is drawn in the diagram of the input that has it; an input made
    of other maps (an extension on its base, a merged map) draws their claims
    too, under its own claim ids.  A source's own diagram wins.
    """
    drawn: dict[tuple[str, str], str] = {}
    for amap in maps:
        for claim in amap:
            element = _element_id(amap.id, claim.id)
            for p in claim.provenance or ():
                if p.map == amap.id:
                    drawn[(p.map, p.claim)] = element
                else:
                    drawn.setdefault((p.map, p.claim), element)
            drawn[(amap.id, claim.id)] = element
    return drawn


def _source_entries(
    maps: Sequence[ArgumentMap], styles: dict[str, SourceStyle], marked: bool
) -> list[SourceEntry]:
    """The input maps in input order, each after the sources it is made of
    that are not inputs themselves (an extension's base)."""
    inputs = {m.id for m in maps}
    listed: set[str] = set()
    entries: list[SourceEntry] = []

    def entry(
        summary: ArgumentMap, claims: int, relations: int, part_of: str | None = None
    ) -> None:
        listed.add(summary.id)
        # An input that is itself a merged map states none of its claims
        # itself, so it has no letter; its sources have.
        style = styles.get(summary.id)
        entries.append(
            SourceEntry(
                map_id=summary.id,
                title=summary.title or summary.id,
                letter=style.letter if style else "",
                color=style.color if style and marked else None,
                publisher=summary.source.publisher,
                author=summary.source.author,
                published=summary.source.published,
                language=summary.source.language,
                url=summary.source.url,
                link=safe_url(summary.source.url),
                claims=claims,
                relations=relations,
                part_of=part_of,
            )
        )

    for m in maps:
        # Title and source as each map gives them: an extension without a
        # source of its own is drawn with its base's, but is not that article.
        summaries = {s.id: s for s in m.merged_from}
        for source_id in m.source_ids():
            if source_id in inputs or source_id in listed:
                continue
            summary = summaries.get(source_id)
            if summary is None:
                summary = ArgumentMap(source_id)
            claims = sum(source_id in m.sources_of(c.id) for c in m)
            relations = sum(source_id in r.asserted_by for r in m.relations)
            entry(summary, claims, relations, part_of=m.id)
        own = summaries.get(m.id)
        entry(m if own is None else own, len(m.claims), len(m.relations))
    return entries


def _element_id(map_id: str, claim_id: str) -> str:
    """The id the embedded SVG of map *map_id* gives claim *claim_id*'s group."""
    from argmap.render.elements import claim_svg_id, css_ident

    return f"{css_ident(map_id)}-{claim_svg_id(claim_id)}"


def _width(svg: str) -> float | None:
    import re

    match = re.search(r'viewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) [0-9.]+"', svg[:2000])
    # Graphviz measures in points; CSS pixels are 4/3 of a point.
    return round(float(match.group(1)) * 4 / 3, 1) if match else None


def _mermaid(amap: ArgumentMap) -> str:
    from argmap.readwrite.mermaid import write

    return write(amap)
