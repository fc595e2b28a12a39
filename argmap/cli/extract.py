"""argmap extract: a draft map from an article's raw text, by the trained argument miner."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from argmap.cli._common import emit_json, handle_errors, json_option, say

HEADER = """\
# Draft made by `argmap extract` from {article} (model: {model}).
# Every claim is a passage of the article (its quote, so
# `{check}` verifies them); the thesis,
# roles and relations are the model's guesses, each relation's weight its
# confidence. Rewrite the texts as short claims, fix the relations, delete what
# is not part of the argument, then remove the 'draft' tags and this header.
"""


@click.command()
@click.argument("article", type=click.Path(dir_okay=False), required=False)
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="MAP",
    help="Map file to write (.yaml); '-' writes it to standard output.",
)
@click.option(
    "--id",
    "map_id",
    default=None,
    help="Map id (default: made from the headline; for a Korean or Chinese "
    "article without --title, from ARTICLE's file name).",
)
@click.option(
    "--title",
    default=None,
    help="Title (default: the article's headline, when it has one).",
)
@click.option(
    "--max-claims",
    "--max-units",
    "max_claims",
    default=40,
    show_default=True,
    type=click.IntRange(min=2, max=500),
    metavar="N",
    help="Keep at most N units; the least argumentative beyond are dropped (and listed).",
)
@click.option(
    "--units",
    "units_file",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="FILE",
    help="Units already segmented, one per line, each a passage of ARTICLE "
    "(ARTICLE defaults to FILE itself).",
)
@click.option(
    "--model",
    "model_file",
    type=click.Path(dir_okay=False),
    default=None,
    metavar="MODEL",
    help="Weights made by `argmap train` (default: the shipped model, fitted on the "
    "arg-microtexts corpus).",
)
@click.option(
    "--language",
    type=click.Choice(["en", "ko", "zh"]),
    default=None,
    help="The article's language (default: told from its script).",
)
@click.option("--force", is_flag=True, help="Overwrite MAP if it exists.")
@json_option
@handle_errors
def command(
    article,
    output,
    map_id,
    title,
    max_claims,
    units_file,
    model_file,
    language,
    force,
    as_json,
):
    """Make a draft map from an article's text, for a person to edit.

    The text is cut into argumentative units (sentences, and clauses at
    connectives such as "because", "but", "하지만", "因为"); a model scores
    which unit is the thesis, which speak for the opponent, and which unit
    each one supports or attacks, and one tree is decoded from the scores.
    Menus, bylines and copyright lines are left out (--json lists them).
    English, Korean and Chinese. The draft passes `argmap check`, quotes
    included; it is a starting point, not an analysis.

    \b
    Examples:
      argmap extract article.txt -o maps/article.yaml
      argmap extract article.txt -o draft.yaml --id summits --max-claims 12
      argmap extract article.txt --units units.txt -o draft.yaml
      argmap extract article.txt -o draft.yaml --json   # why this thesis, each link

    The map is written to MAP either way; --json prints, instead of the
    one-line summary, {"path", "id", "thesis": {"id", "text", "p_central",
    "why", "alternatives", "chosen_by"}, "claims": [{"id", "role",
    "p_central", "p_opponent"}], "relations": [{"source", "target", "kind",
    "weight", "p_attach", "p_attack", "p_opponent", "p_undercut",
    "objection_cue", "why", "next_best"}], "dropped": [{"text",
    "argumentativeness"}], "skipped_lines": [{"line", "text", "reason"}],
    "language", "model"}.
    """
    from argmap.cli._common import stdout_taken

    stdout_taken(output, as_json)
    from argmap.commands.outputs import new_file, refuse_inputs
    from argmap.diagnostics import ArgmapError
    from argmap.errors import InvalidId
    from argmap.fileio import atomic_write, is_stdout, read_text
    from argmap.ids import is_id, slugify
    from argmap.mining.draft import ExtractError, draft
    from argmap.mining.model import ModelError, load
    from argmap.mining.segment import UnitNotFound
    from argmap.readwrite.yamlmap import dumps

    if article is None and units_file is None:
        raise click.UsageError("give ARTICLE (or --units FILE)")
    article = article or units_file
    out = new_file(
        output,
        suffixes=(".yaml", ".yml"),
        what="a draft map is a YAML file",
        force=force,
    )
    refuse_inputs([out], [p for p in (article, units_file, model_file) if p])
    if map_id is not None and not is_id(map_id):
        raise InvalidId(map_id)
    text = read_text(article)
    if not text.strip():
        raise ArgmapError(
            f"{article}: the file is empty (fix: save the article's text in it)"
        )
    units = read_text(units_file).splitlines() if units_file else None
    if units is not None and not any(line.strip() for line in units):
        raise ArgmapError(
            f"{units_file}: no units: the file is empty (fix: write one unit per line, "
            "each a passage of the article, or leave out --units)"
        )
    try:
        model = load(model_file)
    except ModelError as exc:
        raise ArgmapError(f"--model {exc}") from None
    try:
        result = draft(
            text,
            model=model,
            title=title,
            map_id=map_id,
            max_units=max_claims,
            units=units,
            language=language,
            fallback_id=slugify(
                Path(article).stem, ascii_only=True, max_len=50, fallback="draft"
            ),
        )
    except UnitNotFound as exc:
        raise ArgmapError(
            f"{units_file}:{exc.line}: {exc}; every line of --units must be a passage of {article}, in order"
        ) from None
    except ExtractError as exc:
        raise ArgmapError(
            f"{article}: {exc} (fix: give the article's text, or the lines to "
            "draft from as units, one a line, with --units FILE)"
        ) from None
    except ArgmapError as exc:
        raise ArgmapError(f"{article}: {exc}") from None
    amap = result.map
    # Printed to standard output, the draft is checked once saved as a file.
    named = f"{amap.id}.yaml" if is_stdout(out) else out
    # Quoted, so that it can be pasted into a shell whatever the paths.
    check = (
        f"argmap check {shlex.quote(str(named))} "
        f"--source {shlex.quote(f'{amap.id}={article}')}"
    )
    header = HEADER.format(
        article=article,
        check=check,
        model=model_file or "shipped, arg-microtexts part 1, CC BY-NC-SA 4.0",
    )
    atomic_write(out, header + dumps(amap))
    thesis = result.thesis
    if as_json:
        emit_json(
            {
                "path": str(out),
                "id": amap.id,
                "claims": len(amap.claims),
                "relations": len(amap.relations),
                "thesis": thesis,
                **result.explain(),
            }
        )
    else:
        dropped = (
            f"; {len(result.dropped)} least argumentative units dropped (--max-claims {max_claims})"
            if result.dropped
            else ""
        )
        where = f"save it as {named}, " if named != out else ""
        say(
            f"wrote {out} (map {amap.id}: {len(amap.claims)} draft claims, thesis {thesis!r}{dropped}); "
            f"{where}edit it, then: {check}",
            err=True,
        )
