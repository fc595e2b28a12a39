"""argmap diff: what an extension or a second version adds, removes and changes."""

from __future__ import annotations

import click

from argmap.cli._common import (
    emit_json,
    format_option,
    handle_errors,
    json_option,
    terminal_text,
)
from argmap.diagnostics import ArgmapError


def _load_one(path, fmt, role: str):
    """The one map in *path* as commands see it, and the workspace it came from."""
    from argmap.cli._common import load_for_command

    ws = load_for_command([path], fmt)
    if len(ws.maps) != 1:
        raise ArgmapError(
            f"{path}: {role} must be one map, but this holds {len(ws.maps)}; name one map file"
        )
    (map_id,) = ws.maps
    return ws, map_id


def load_pair(base_path, other_path, fmt=None):
    """(base, other) maps for a diff; with one path, an extension and its base."""
    from argmap.extend import effective_map, find_base

    if other_path is None:
        ws, map_id = _load_one(base_path, fmt, "the map")
        written = ws.written[map_id]
        if not written.extends:
            raise ArgmapError(
                f"{base_path}: map {map_id!r} extends no other map; "
                "compare two maps with: argmap diff BASE OTHER"
            )
        everything = {**ws.helpers, **ws.written}
        base = find_base(written, everything)
        if base.extends:
            base = effective_map(base, everything)
        return base, ws.maps[map_id]
    ws_base, base_id = _load_one(base_path, fmt, "BASE")
    ws_other, other_id = _load_one(other_path, fmt, "OTHER")
    return ws_base.maps[base_id], ws_other.maps[other_id]


@click.command()
@click.argument("base", type=click.Path())
@click.argument("other", type=click.Path(), required=False)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Also render the combined map, added and removed claims and relations "
    "marked (.svg, .png, .pdf, .dot).",
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
    from argmap.analysis.diff import combined_map, diff

    if output:
        from argmap.render import format_for_path

        try:  # a bad name fails before any work, in diff's own words
            format_for_path(output)
        except ArgmapError:
            raise ArgmapError(
                f"-o {output}: cannot tell the drawing's format from the extension; "
                "name it .svg, .png, .pdf or .dot"
            ) from None
    base_map, other_map = load_pair(base, other, fmt)
    result = diff(base_map, other_map)
    if output:
        from argmap.render import render

        render(combined_map(result), output, emphasis=result.emphasis())
        click.echo(f"wrote {output}", err=True)
    if as_json:
        emit_json(result.to_dict())
    else:
        _print_table(result)


_MARKS = {"added": "+", "removed": "-", "changed": "~"}


def _print_table(result) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False)
    counts = result.counts()
    heading = (
        f"{result.base.id} -> {result.other.id}\n"
        f"claims: {counts['claims_added']} added, {counts['claims_removed']} removed, "
        f"{counts['text_changed']} text changed, {counts['tags_changed']} tags changed; "
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
