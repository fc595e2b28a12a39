"""argmap diff: what an extension or a second version adds, removes and changes."""

from __future__ import annotations

import click

from argmap.cli._common import (
    emit_json,
    format_option,
    handle_errors,
    json_option,
    say,
    terminal_text,
)


@click.command()
@click.argument("base", type=click.Path())
@click.argument("other", type=click.Path(), required=False)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Also render the combined map, added and removed claims and relations "
    "marked (.svg, .png, .pdf, .dot; '-' writes SVG to standard output).",
)
@format_option
@json_option
@handle_errors
def command(base, other, output, fmt, as_json):
    """Show what OTHER adds to, removes from and changes in BASE.

    Claims added, removed, with changed text or tags; relations added,
    removed, with changed weight. An extension (a map with `extends:`) is
    compared as the whole map it stands for, its base included. With one map
    that extends another, it is compared with its base.

    \b
    Examples:
      argmap diff maps/contracts-not-declarations.yaml maps/seminar/minji-objections.yaml
      argmap diff maps/seminar/minji-objections.yaml -o renders/seminar-minji-objections.svg
      argmap diff old/contracts.yaml maps/contracts-not-declarations.yaml --json
    """
    from argmap.cli._common import drawing_warnings, stdout_taken

    stdout_taken(output, as_json)
    from argmap.commands.diff import diff_files

    with drawing_warnings() as warnings:
        run = diff_files(base, other, output=output or None, fmt=fmt)
    for message in warnings:
        click.echo(f"argmap: warning: {message}", err=True)
    result = run.result
    if run.drawing is not None:
        say(f"wrote {output}", err=True)
    if as_json:
        emit_json(result.to_dict())
    else:
        _print_table(result)


_MARKS = {"added": "+", "removed": "-", "changed": "~"}


def _print_table(result) -> None:
    from rich.table import Table
    from rich.text import Text

    from argmap.cli._common import console as make_console

    console = make_console()
    counts = result.counts()
    heading = (
        f"{result.base.id} -> {result.other.id}\n"
        f"claims: {counts['claims_added']} added, {counts['claims_removed']} removed, "
        f"{counts['text_changed']} text changed, {counts['fields_changed']} role/quote/note "
        f"changed, {counts['tags_changed']} tags changed; "
        f"relations: {counts['relations_added']} added, "
        f"{counts['relations_removed']} removed, {counts['weight_changed']} weight changed"
    )
    console.print(Text(terminal_text(heading)))
    if result.is_empty:
        console.print(Text("no differences"))
        return
    table = Table(show_header=True, header_style="bold", show_lines=False)
    table.add_column("", no_wrap=True)
    table.add_column("change", no_wrap=True)
    table.add_column("id", overflow="fold")
    table.add_column("details", overflow="fold")
    styles = {"+": "green", "-": "red", "~": "yellow"}

    def row(mark: str, change: str, ident: str, details: str) -> None:
        # Text(), never a str: claim text is untrusted and must not be read as markup.
        table.add_row(
            Text(mark, style=styles[mark]),
            Text(change),
            Text(terminal_text(ident)),
            Text(terminal_text(details)),
        )

    for claim in result.claims_added:
        row("+", "claim added", claim.id, claim.text)
    for claim in result.claims_removed:
        row("-", "claim removed", claim.id, claim.text)
    for change in result.text_changed:
        row("~", "text changed", change.claim, f"was: {change.old}\nnow: {change.new}")
    for field_change in result.fields_changed:
        was = field_change.old if field_change.old is not None else "(none)"
        now = field_change.new if field_change.new is not None else "(none)"
        row(
            "~",
            f"{field_change.field} changed",
            field_change.claim,
            f"was: {was}\nnow: {now}",
        )
    for change in result.tags_changed:
        words = [f"+{t}" for t in change.added] + [f"-{t}" for t in change.removed]
        row("~", "tags changed", change.claim, " ".join(words))
    for relation in result.relations_added:
        row("+", "relation added", relation.id or "", _describe(relation))
    for relation in result.relations_removed:
        row("-", "relation removed", relation.id or "", _describe(relation))
    for change in result.weight_changed:
        row(
            "~",
            "weight changed",
            change.relation.id or "",
            f"{_describe(change.relation)}: {change.old:g} -> {change.new:g}",
        )
    console.print(table)


def _describe(relation) -> str:
    text = f"{relation.source} {relation.kind} {relation.target}"
    if relation.weight != 1.0:
        text += f" (weight {relation.weight:g})"
    return text
