"""argmap tensions: ranked points of tension between the sources of maps."""

from __future__ import annotations

import click

from argmap.cli._common import (
    emit_json,
    format_option,
    handle_errors,
    json_option,
    load_for_command,
    note_unanalysed_maps,
    paths_argument,
    progress_bar,
    score_in_unit_range,
    suggestions_option,
    terminal_text,
)


@click.command()
@paths_argument
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Show the first N only.",
)
@click.option(
    "--min-score",
    type=float,
    default=0.0,
    show_default=True,
    metavar="S",
    callback=score_in_unit_range,
    help="Leave out tensions scored below S (0..1).",
)
@click.option(
    "--hops",
    type=click.IntRange(min=0, max=5),
    default=1,
    show_default=True,
    metavar="H",
    help="Support steps along which the two ends of a clash are followed to group "
    "attacks between the reasons behind two claims with the clash itself (0: exact pairs).",
)
@click.option(
    "--quotes/--no-quotes",
    default=True,
    show_default=True,
    help="Print the sources' quotes under each tension.",
)
@suggestions_option
@format_option
@json_option
@handle_errors
def command(paths, top, min_score, hops, quotes, suggestions, fmt, as_json):
    """Rank the points of tension where the sources of maps disagree.

    Several maps are merged first (same_as joins claims). Each tension has a
    score from 0 to 1 (the claim strength at stake, by DF-QuAD), a kind
    (cross-source-attack, contested-claim, support-attack-conflict,
    undecided-dispute), a one-line explanation and the sources' quotes.

    \b
    Examples:
      argmap tensions maps/
      argmap tensions maps/ --top 5 --no-quotes
      argmap tensions merged.yaml --min-score 0.3 --json
      argmap tensions maps/ --no-suggestions

    Links between the maps that `argmap align` suggests count too, at a
    lower weight than links a person wrote; a tension resting on one is
    marked "suggested" (in JSON "suggested": true, with the relations and
    the reasons in details.suggested). --no-suggestions uses written links
    only.

    --json prints {"map", "sources", "hops", "tensions": [{"rank", "kind",
    "suggested", "score", "claims", "relations", "sources", "explanation",
    "quotes", "details"}]}, best first.
    """
    from argmap.commands.tensions import tensions_in_workspace

    ws = load_for_command(paths, fmt)
    note_unanalysed_maps(ws, "tensions")
    run = tensions_in_workspace(
        ws,
        hops=hops,
        top=top,
        min_score=min_score,
        suggestions=suggestions,
        bars=progress_bar,
    )
    amap, tensions = run.map, run.tensions
    if as_json:
        emit_json(
            {
                "map": amap.id,
                "sources": list(amap.source_ids()),
                "hops": hops,
                "tensions": [
                    {"rank": rank, **t.to_dict()} for rank, t in enumerate(tensions, 1)
                ],
            }
        )
        return
    _print_table(amap, tensions, quotes, min_score)


def _print_table(amap, tensions, quotes: bool, min_score: float = 0.0) -> None:
    from rich.table import Table
    from rich.text import Text

    from argmap.cli._common import console as make_console

    console = make_console(soft_wrap=False)
    sources = amap.source_ids()
    where = (
        f"between {len(sources)} sources ({', '.join(sources)})"
        if len(sources) > 1
        else f"in {amap.id}"
    )
    if not tensions:
        floor = f" scoring {min_score:g} or more" if min_score > 0 else ""
        console.print(Text(terminal_text(f"No points of tension{floor} {where}.")))
        return
    table = Table(
        title=Text(terminal_text(f"Points of tension {where}")),
        show_lines=True,
        title_justify="left",
        expand=True,
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("explanation", ratio=1)
    # Map ids are not broken across lines; the explanation takes the rest.
    table.add_column("sources", no_wrap=True)
    for rank, t in enumerate(tensions, 1):
        # Text objects: claim text and quotes are shown as written, never as markup.
        body = Text(terminal_text(t.explanation))
        if quotes:
            for q in t.quotes:
                if q.quote:
                    body.append(
                        terminal_text(f'\n  {q.map}: "{q.quote}"'), style="italic"
                    )
        table.add_row(
            str(rank),
            f"{t.score:.2f}",
            t.kind + ("\nsuggested" if t.suggested else ""),
            body,
            Text(terminal_text("\n".join(t.sources))),
        )
    console.print(table)
