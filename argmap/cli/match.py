"""argmap match: suggest claims of different maps that say the same thing."""

from __future__ import annotations

import click

from argmap.cli._common import (
    emit_json,
    format_option,
    handle_errors,
    json_option,
    paths_argument,
    progress_bar,
    say,
    score_in_unit_range,
    terminal_text,
)


@click.command()
@paths_argument
@click.option(
    "--top",
    default=3,
    show_default=True,
    type=click.IntRange(min=1),
    metavar="N",
    help="Compare each claim with its N most similar claims of other maps.",
)
@click.option(
    "--min-score",
    default=0.5,
    show_default=True,
    type=float,
    metavar="S",
    callback=score_in_unit_range,
    help="Leave out pairs scoring below S (0..1).",
)
@format_option
@json_option
@handle_errors
def command(paths, top, min_score, fmt, as_json):
    """Suggest claims of different maps that probably say the same thing.

    The same_as suggestions of `argmap align` (multilingual sentence
    embeddings, computed offline): each has a score in 0..1, high when the
    two claims are close in meaning and each is the other's best match by
    a margin; claims of opposite polarity ("should" / "should not") are
    never suggested. Pairs already linked by same_as are not shown. To
    accept a suggestion, paste its same_as line into claim A of map A (or
    review all suggested links in a links file: `argmap align -o`); to
    merge without reviewing, use `argmap merge --auto SCORE`.

    \b
    Examples:
      argmap match maps/
      argmap match maps/a.yaml maps/b.yaml --top 1 --min-score 0.4 --json
    """
    from argmap.commands.match import match_files

    run = match_files(paths, top=top, min_score=min_score, fmt=fmt, bars=progress_bar)
    found = run.matches
    if as_json:
        emit_json(
            {
                "top": top,
                "min_score": min_score,
                "matches": [m.to_dict() for m in found],
            }
        )
        return
    if not found and run.maps < 2:
        say(
            "no suggestions: match compares the claims of different maps, "
            "and one map was given (name two or more maps, or a folder of them)",
            err=True,
        )
        return
    if not found:
        say(
            f"no suggestions: no claim pair of different maps scores {min_score} or more "
            "(try a lower --min-score)",
            err=True,
        )
        return
    from rich.markup import escape
    from rich.table import Table

    from argmap.cli._common import console

    table = Table(
        title=f"Claims of different maps that may say the same thing ({len(found)})",
        show_lines=True,
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("claim A", ratio=3)
    table.add_column("map A", no_wrap=True)
    table.add_column("claim B", ratio=3)
    table.add_column("map B", no_wrap=True)

    def cell(text: str) -> str:
        return escape(terminal_text(text))

    for number, m in enumerate(found, 1):
        table.add_row(
            str(number),
            f"{m.score:.2f}",
            f"[bold]{cell(m.claim_a)}[/bold]: {cell(m.text_a)}",
            cell(m.map_a),
            f"[bold]{cell(m.claim_b)}[/bold]: {cell(m.text_b)}",
            cell(m.map_b),
        )
    console().print(table)
    # Plain lines, never wrapped, so that they can be copied as they are.
    say(
        "To accept a suggestion, add its line to claim A (or its id to an existing same_as list):"
    )
    for number, m in enumerate(found, 1):
        say(f"  #{number} {m.map_a} / {m.claim_a}:  {m.same_as_line}")
