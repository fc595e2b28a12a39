"""argmap extract: a draft map from an article's raw text."""

from __future__ import annotations

import click

from argmap.cli._common import emit_json, handle_errors, json_option

HEADER = """\
# Draft made by `argmap extract` from {article}.
# Every claim is a sentence of the article (its quote is that sentence, so
# `argmap check {output} --source {map_id}={article}` verifies them); the thesis,
# the roles and the relations (all weight 0.5) are guesses from discourse
# markers. Rewrite the texts as short claims, fix the relations, delete what
# is not part of the argument, then remove the 'draft' tags and this header.
"""


@click.command()
@click.argument("article", type=click.Path(dir_okay=False))
@click.option(
    "-o", "--output", required=True, metavar="MAP", help="Map file to write (.yaml)."
)
@click.option(
    "--id", "map_id", default=None, help="Map id (default: made from the title)."
)
@click.option(
    "--title",
    default=None,
    help="Title (default: the article's first line, when it looks like one).",
)
@click.option(
    "--max-claims",
    default=20,
    show_default=True,
    type=click.IntRange(min=2, max=200),
    metavar="N",
    help="Keep at most N sentences as claims.",
)
@click.option("--force", is_flag=True, help="Overwrite MAP if it exists.")
@json_option
@handle_errors
def command(article, output, map_id, title, max_claims, force, as_json):
    """Make a draft map from an article's text, for a person to edit.

    Sentences that read like claims become claims, each quoting itself; the
    thesis and the relations are guessed from the title and from discourse
    markers ("however", "for example", ...). The draft passes `argmap check`,
    quotes included; it is a starting point, not an analysis.

    \b
    Examples:
      argmap extract article.txt -o maps/article.yaml
      argmap extract article.txt -o draft.yaml --id summits --max-claims 12
    """
    from argmap.commands.outputs import new_file
    from argmap.diagnostics import ArgmapError
    from argmap.errors import InvalidId
    from argmap.extract import extract_map
    from argmap.fileio import atomic_write, read_text
    from argmap.ids import is_id
    from argmap.readwrite.yamlmap import dumps

    out = new_file(
        output,
        suffixes=(".yaml", ".yml"),
        what="a draft map is a YAML file",
        force=force,
    )
    if map_id is not None and not is_id(map_id):
        raise InvalidId(map_id)
    text = read_text(article)
    try:
        amap = extract_map(text, map_id=map_id, title=title, max_claims=max_claims)
    except ValueError as exc:
        raise ArgmapError(f"{article}: {exc}") from None
    header = HEADER.format(article=article, output=out, map_id=amap.id)
    atomic_write(out, header + dumps(amap))
    thesis = next(c for c in amap.claims.values() if c.role == "thesis")
    if as_json:
        emit_json(
            {
                "path": str(out),
                "id": amap.id,
                "claims": len(amap.claims),
                "thesis": thesis.id,
            }
        )
    else:
        click.echo(
            f"wrote {out} (map {amap.id}: {len(amap.claims)} draft claims, thesis {thesis.id!r}); "
            f"edit it, then: argmap check {out} --source {amap.id}={article}",
            err=True,
        )
