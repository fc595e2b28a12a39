"""The report as Markdown, with its diagrams as SVG files beside it.

Markdown cannot hold inline SVG portably, so each diagram is a file
(``<stem>-merged.svg``, ``<stem>-<map-id>.svg``) referenced by a relative
image link.  All map text goes through :func:`md_escape`; only absolute
http(s) URLs become links.
"""

from __future__ import annotations

import re

from argmap.report._text import md_escape, md_url
from argmap.report.records import ReportData

__all__ = ["render_markdown", "svg_file_names"]


def svg_file_names(report: ReportData, stem: str) -> dict[str, str]:
    """File name of each diagram (by map id) for a report written as ``<stem>.md``."""
    names = {report.merged_diagram.map_id: f"{stem}-merged.svg"}
    taken = set(names.values())
    for d in report.map_diagrams:
        name = f"{stem}-{d.map_id}.svg"
        if name in taken:  # a source map called "merged"
            name = f"{stem}-{d.map_id}-map.svg"
        names[d.map_id] = name
        taken.add(name)
    return names


def _cell(text: object) -> str:
    return md_escape(text) or " "


_PLAIN_ID = re.compile(r"[A-Za-z0-9_.#:-]+")


def _code(ident: str) -> str:
    """An id as inline code when it is plain, else as escaped text (ids from
    other formats may hold anything, and a ``|`` breaks a table even in code)."""
    return f"`{ident}`" if _PLAIN_ID.fullmatch(ident) else md_escape(ident)


def _fence(text: str) -> str:
    """A code fence longer than any run of backticks in *text*."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def render_markdown(report: ReportData, svg_files: dict[str, str] | None = None) -> str:
    """Markdown text of *report*; *svg_files* maps diagram map ids to relative file names."""
    svg_files = svg_files if svg_files is not None else svg_file_names(report, "report")
    letter = {s.map_id: s.letter for s in report.sources if s.letter}

    def badge(map_id: str) -> str:
        return f"**{md_escape(letter[map_id])}**" if map_id in letter else _code(map_id)

    out: list[str] = [f"# {md_escape(report.title)}", ""]
    n = report.source_count
    summary = (
        f"Argument map report on {n} source{'s' if n != 1 else ''}: "
        f"{len(report.merged.claims)} claims, {len(report.merged.relations)} relations, "
        f"**{len(report.tensions)} point{'s' if len(report.tensions) != 1 else ''} of tension**."
    )
    out += [
        summary,
        "",
        "## Sources",
        "",
    ]
    for s in report.sources:
        title = md_escape(s.title)
        line = (
            f"- **{s.letter}** — {title}"
            if report.marks_sources and s.letter
            else f"- {title}"
        )
        written = (s.publisher, s.author and f"by {s.author}", s.published, s.language)
        meta = [md_escape(m) for m in written if m]
        if meta:
            line += " (" + ", ".join(meta) + ")"
        if s.link:
            line += f" — [{md_escape(s.url)}]({md_url(s.link)})"
        elif s.url:
            line += f" — {md_escape(s.url)} (not a web address, so not linked)"
        line += f" — map {_code(s.map_id)}"
        if s.part_of:
            line += f", part of {_code(s.part_of)}"
        line += f", {s.claims} claims"
        out.append(line)
    out += ["", "## Points of tension", ""]
    if report.tensions:
        out += [
            "| # | Score | Kind | Tension | Claims | Quotes |",
            "|--:|--:|---|---|---|---|",
        ]
        for t in report.tensions:
            claims = "<br>".join(
                f"{_cell(c.text)} ({', '.join(badge(m) for m in c.sources)})"
                if c.sources
                else _cell(c.text)
                for c in t.claims
            )
            quotes = "<br>".join(
                f"“{md_escape(q.quote)}”"
                + (f" — {badge(q.source)}" if q.source else "")
                for q in t.quotes
            )
            out.append(
                f"| {t.rank} | {t.score:.2f} | {_cell(t.kind)}"
                f"{' (suggested)' if t.suggested else ''} | {_cell(t.explanation)} "
                f"| {claims or ' '} | {quotes or ' '} |"
            )
    else:
        out.append("No points of tension: the sources do not contradict each other.")
    merged_name = svg_files[report.merged_diagram.map_id]
    heading = "Merged map" if report.is_merged else "Map"
    out += [
        "",
        f"## {heading}",
        "",
        "Claims in a point of tension have a thick red border and a ⚡ mark.",
        *(
            [
                (
                    "Dotted links labelled *suggested* were found by `argmap align`, "
                    "not written by the maps' authors (`--no-suggestions` leaves them out)."
                ),
            ]
            if any(t.suggested for t in report.tensions)
            else []
        ),
        "",
        f"![{heading}: {md_escape(report.merged_diagram.title)}]({md_url(merged_name)})",
    ]
    if report.mermaid:
        fence = _fence(report.mermaid)
        out += ["", f"{fence}mermaid", report.mermaid.rstrip("\n"), fence]
    if report.map_diagrams:
        out += ["", "## Maps by source"]
        for d in report.map_diagrams:
            out += [
                "",
                f"### {badge(d.map_id)} {md_escape(d.title)}",
                "",
                f"![{md_escape(d.title)}]({md_url(svg_files[d.map_id])})",
            ]
    out += [
        "",
        "## Claim index",
        "",
        "| Claim | Role | Stated by | Tensions |",
        "|---|---|---|---|",
    ]
    for e in report.claims:
        stated = "<br>".join(
            (f"{badge(m)} {_code(f'{m}#{c}')}" if report.marks_sources else "")
            + (f" “{md_escape(q)}”" if q else "")
            for m, c, _, q in e.statements
        )
        out.append(
            f"| {_cell(e.claim.text)} {_code(e.claim.claim_id)} | {_cell(e.role)} "
            f"| {stated.strip() or ' '} | {', '.join(f'#{r}' for r in e.tensions) or ' '} |"
        )
    out.append("")
    return "\n".join(out)
