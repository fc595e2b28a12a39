"""argmap stats: counts, depth, sources, most supported and attacked claims."""

from __future__ import annotations

import click

from argmap.cli._common import (
    emit_json,
    format_option,
    handle_errors,
    json_option,
    paths_argument,
    terminal_text,
)


@click.command()
@paths_argument
@format_option
@json_option
@handle_errors
def command(paths, fmt, as_json):
    """Figures of each map and of all of them merged.

    Claims, theses, relations by kind, sources, depth (the longest chain of
    supports and rebuttals ending at a thesis or at a claim that argues for
    nothing further; see `argmap.analysis.stats`), and the three most
    supported and most attacked claims (ties by id). An extension counts as
    the whole map it stands for.

    \b
    Examples:
      argmap stats maps/
      argmap stats maps/ maps/seminar/ --json
    """
    from argmap.cli._common import progress_bar
    from argmap.commands.stats import stats_of_files

    run = stats_of_files(paths, fmt=fmt, bars=progress_bar)
    if as_json:
        emit_json(run.to_dict())
        return
    _print_table(run.maps, run.merged)


def _print_table(per_map, merged) -> None:
    from rich.table import Table
    from rich.text import Text

    from argmap.cli._common import console

    columns = [*per_map, *([merged] if merged else [])]
    table = Table(show_header=True, header_style="bold")
    table.add_column("")
    for index, figures in enumerate(columns):
        name = "merged" if merged is not None and index == len(per_map) else figures.id
        table.add_column(Text(terminal_text(name)), overflow="fold")

    def top(items) -> Text:
        return Text(
            terminal_text("\n".join(f"{claim} ({n})" for claim, n in items) or "-")
        )

    rows = [
        ("claims", lambda s: str(s.claims)),
        ("theses", lambda s: str(s.theses)),
        ("relations", lambda s: str(s.relation_count)),
        ("  supports", lambda s: str(s.relations["supports"])),
        ("  rebuts", lambda s: str(s.relations["rebuts"])),
        ("  undercuts", lambda s: str(s.relations["undercuts"])),
        ("sources", lambda s: "\n".join(src.map for src in s.sources)),
        ("depth", lambda s: str(s.depth)),
    ]
    for label, value in rows:
        table.add_row(Text(label), *(Text(terminal_text(value(s))) for s in columns))
    table.add_row(Text("most supported"), *(top(s.most_supported) for s in columns))
    table.add_row(Text("most attacked"), *(top(s.most_attacked) for s in columns))
    console().print(table)
