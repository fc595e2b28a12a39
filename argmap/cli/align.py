"""argmap align: suggested links between claims of different maps."""

from __future__ import annotations

import click

from argmap.cli._common import (
    emit_json,
    format_option,
    handle_errors,
    json_option,
    load_for_command,
    paths_argument,
    progress_bar,
    say,
    score_in_unit_range,
    stdout_taken,
    terminal_text,
)

#: Rows the table shows without --top: a terminal table of every suggestion
#: of a large corpus (86,605 for 100k claims) took four minutes to draw.
TABLE_ROWS = 100


@click.command()
@paths_argument
@click.option(
    "--min-score",
    default=0.5,
    show_default=True,
    type=float,
    metavar="S",
    callback=score_in_unit_range,
    help="Leave out suggestions scoring below S (0..1).",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Keep the best N suggestions only (table, JSON and links file). "
    f"Without it the table shows the best {TABLE_ROWS}; --json and -o take every one.",
)
@click.option(
    "--per-claim",
    default=3,
    show_default=True,
    type=click.IntRange(min=1),
    metavar="K",
    help="Partners of other maps considered for each claim (the K most similar).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="LINKS.yaml",
    help="Write the suggestions to a links file for review (or update it: "
    "links deleted from it since are recorded as rejected and never suggested again; "
    "'-' prints it instead of the table).",
)
@format_option
@json_option
@handle_errors
def command(paths, min_score, top, per_claim, output, fmt, as_json):
    """Suggest links between claims of different maps: same_as, rebuts, supports.

    Every claim is compared with the most similar claims of the other maps
    (multilingual sentence embeddings: English, Korean, Chinese and more, in
    one space; computed offline and cached), and each pair is judged from
    its similarity, its negation, modality and antonym cues ("should" vs
    "should not", "good" vs "bad") and where the two claims sit in their
    maps (which side of each thesis they argue). Similar claims of opposite
    polarity are never suggested as same_as. Pairs already linked by a
    person (same_as, or a relation either way) are left out.

    Each suggestion has a kind, a score in 0..1 and a one-line reason, best
    first. --json prints {"suggestions": [{"kind", "from", "to", "score",
    "reason"}]}.

    Review with a links file: -o links.yaml writes the suggestions there,
    each marked `suggested: true`. Delete an entry to reject it, delete its
    `suggested: true` line to accept it; every command reads the file like
    any map. Running align again with the same -o adds new suggestions,
    keeps your decisions and never brings back what you deleted.
    `tensions`, `report` and `render --merged --highlight-tensions` use
    suggestions (at half weight) unless given --no-suggestions.

    \b
    Examples:
      argmap align maps/
      argmap align maps/a.yaml maps/b.yaml --min-score 0.3 --top 10
      argmap align maps/ --json
      argmap align maps/ -o maps/links.yaml
    """
    from argmap.commands.align import align_workspace
    from argmap.fileio import is_stdout

    stdout_taken(output, as_json)
    ws = load_for_command(paths, fmt)
    run = align_workspace(
        ws,
        min_score=min_score,
        top=top,
        per_claim=per_claim,
        output=output,
        bars=progress_bar,
    )
    found = run.suggestions
    if run.links_file is not None:
        rejected = len(run.newly_rejected)
        where = (
            "the links file to standard output"
            if is_stdout(run.links_file)
            else run.links_file
        )
        click.echo(
            f"wrote {where}: {len(run.added)} new suggestion"
            f"{'s' if len(run.added) != 1 else ''}"
            + (
                f", {rejected} deleted link{'s' if rejected != 1 else ''} now rejected"
                if rejected
                else ""
            )
            + " (review it: delete an entry to reject, remove `suggested: true` to accept)",
            err=True,
        )
    if as_json:
        emit_json({"suggestions": [s.to_dict() for s in found]})
        return
    if is_stdout(output):
        return  # standard output holds the links file, and nothing else
    if len(ws.maps) < 2:
        say(
            "no suggestions: align compares the claims of different maps, and one map "
            "was given (name two or more maps, or a folder of them)",
            err=True,
        )
        return
    if not found:
        say(
            f"no suggestions: no claim pair of different maps scores {min_score:g} or more "
            "(try a lower --min-score)",
            err=True,
        )
        return
    shown = found if top is not None else found[:TABLE_ROWS]
    _print_table(ws, shown, len(found))
    if len(shown) < len(found):
        say(
            f"the best {len(shown)} of {len(found):,} suggestions shown: --top N shows "
            "more; --json or -o LINKS.yaml gives every one",
            err=True,
        )


def _print_table(ws, found, total: int) -> None:
    from rich.table import Table
    from rich.text import Text

    from argmap.cli._common import console
    from argmap.model import split_ref

    def text_of(ref: str) -> str:
        map_id, claim_id = split_ref(ref)
        amap = ws.maps.get(map_id)
        claim = amap.claims.get(claim_id) if amap is not None else None
        return claim.text if claim is not None else ""

    table = Table(
        title=Text(
            f"Suggested links between claims of different maps ({len(found)})"
            if len(found) == total
            else f"Suggested links between claims of different maps "
            f"(the best {len(found)} of {total:,})"
        ),
        show_lines=True,
        title_justify="left",
        expand=True,
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("from", ratio=1)
    table.add_column("to", ratio=1)
    table.add_column("reason", ratio=1)
    for number, s in enumerate(found, 1):
        table.add_row(
            str(number),
            f"{s.score:.2f}",
            s.kind,
            Text(terminal_text(f"{s.source}\n{text_of(s.source)}"), overflow="fold"),
            Text(terminal_text(f"{s.target}\n{text_of(s.target)}"), overflow="fold"),
            Text(terminal_text(s.reason)),
        )
    console(soft_wrap=False).print(table)
