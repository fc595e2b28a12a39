"""argmap new: scaffold a map file whose comments teach the format."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

import click

from argmap.cli._common import emit_json, handle_errors, json_option
from argmap.diagnostics import ArgmapError

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_MAX_SLUG = 60


def slugify(title: str) -> str:
    """A map id from a title: ASCII letters and digits joined by '-', at most 60 long."""
    # Accents go (é -> e); any other character outside a-z0-9 separates words.
    text = "".join(
        ch
        for ch in unicodedata.normalize("NFKD", title)
        if not unicodedata.combining(ch)
    )
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > _MAX_SLUG:
        slug = slug[:_MAX_SLUG]
        if "-" in slug:
            slug = slug.rsplit("-", 1)[0]  # cut at a word boundary
    return slug.strip("-")


def _yaml_string(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: any title is safe.
    return json.dumps(value, ensure_ascii=False)


def _comment_text(value: str, limit: int = 70) -> str:
    # Untrusted text inside a comment: one line, so it cannot end the comment.
    text = " ".join(value.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


STANDALONE = """\
# An argument map: the claims of one source document and how they support
# and attack each other.  Replace the example claims with your own, then run
#   argmap check {file}
# Editors can validate this file against the JSON Schema: argmap schema
argmap: 1                # format version
id: {id}   # unique slug (letters, digits, '.', '_', '-'); other maps cite its claims as {id}#claim-id
title: {title}
# source:                # the document the claims come from; every field is optional
#   publisher: The Example Daily
#   author: A. Writer
#   url: https://example.org/article
#   published: "2025-01-31"   # a date, quoted
#   language: en
#   text: article.txt    # the article's text, relative to this file: check verifies quotes

claims:
  # Each claim: an id (a slug, unique in this map) and one sentence in your words.
  main-claim:
    text: The article's main claim, in one sentence of your own.
    # quote: "exact words from the article"   # optional; must match the article exactly
    role: thesis         # optional: thesis, premise, evidence or objection
    tags: [example]      # optional: slugs that group claims
    # note: How you read this claim, for the next reader.

  first-reason:
    text: A reason the article gives for its main claim.
    role: premise
    supports: [main-claim]           # short form: a list of claim ids

  an-objection:
    text: An objection the article raises, or that a reader might.
    role: objection
    rebuts:                          # long form: one mapping per relation
      - to: main-claim
        weight: 0.6                  # 0..1, how strongly it bears (default 1)
        note: Why this weight.
        id: objection-to-main        # optional: lets an undercut name this relation

  the-answer:
    text: The article's answer to the objection.
    rebuts: [an-objection]
    # undercuts attacks a relation, not a claim: write source->target or a relation id
    # undercuts: [first-reason->main-claim]

  # A claim of another map is written map-id#claim-id:
  #   rebuts: [other-article#its-thesis]
  # Two maps that state the same claim say so, and merging joins them:
  #   same_as: [other-article#the-same-claim]
"""

EXTENSION = """\
# A participant's map: it extends the map {base_id} and adds to it without
# copying it.  Every claim of the base can be named here by its bare id.
#   argmap check {file}      check it (the base is loaded too)
#   argmap diff {file}       what it adds to the base
argmap: 1
id: {id}   # unique slug; other maps cite its claims as {id}#claim-id
title: {title}
extends: {extends}   # the base map: a path relative to this file, or a map id

# What can go under claims:
#
# * a claim of your own, with a new id, related to the base's claims:
#
#   my-objection:
#     text: One sentence in your own words.
#     role: objection
#     rebuts: [{example_id}]   # the base's "{example_text}"
#
#   my-evidence:
#     text: A fact that backs the objection.
#     role: evidence
#     supports: [my-objection]
#
# * tags, a note or relations added to a base claim: its id and no text:
#
#   {example_id}:
#     tags: [disputed]
#     note: Why I think it is disputed.
#
# * a base claim said differently: its id, a new text and "override: true"
#   (argmap check reports every override).
#
# Replace the "{{}}" below with your claims.
claims: {{}}
"""


def _pick_example(amap) -> tuple[str, str]:
    """A base claim to rebut in the example: the first thesis, else the first claim."""
    claims = amap.theses() or list(amap.claims.values())
    if not claims:
        return "some-base-claim", "a claim of the base map"
    return claims[0].id, _comment_text(claims[0].text)


def _resolve_base(base: str, output: Path, fmt) -> tuple[str, object]:
    """(the extends value to write, the base map as commands see it)."""
    from argmap.cli._common import load_for_command
    from argmap.extend import is_path_reference

    candidate = Path(base)
    if candidate.is_file():
        ws = load_for_command([candidate], fmt)
        if len(ws.maps) != 1:
            raise ArgmapError(f"{base}: holds {len(ws.maps)} maps; name one map file")
        (amap,) = ws.maps.values()
        rel = os.path.relpath(candidate.resolve(), output.resolve().parent)
        return Path(rel).as_posix(), amap
    if is_path_reference(base) or not _SLUG.match(base):
        raise ArgmapError(f"--extends {base}: no such file")
    # A map id resolves beside the new file, as argmap check will resolve it.
    folder = output.resolve().parent
    files = (
        sorted(
            p
            for p in folder.glob("*.y*ml")
            if p.is_file() and p.resolve() != output.resolve()
        )
        if folder.is_dir()
        else []
    )
    from argmap import readwrite
    from argmap.diagnostics import MapError

    for path in files:
        try:
            maps = readwrite.read(path)
        except (MapError, ValueError):
            continue
        if any(m.id == base for m in maps):
            ws = load_for_command([path], fmt)
            return base, ws.maps[base]
    raise ArgmapError(
        f"--extends {base}: no map with id {base!r} in {folder} (an id is looked up "
        "beside the new file); give the base map's path instead, e.g. --extends ../maps/base.yaml"
    )


def choose_id(title: str, map_id: str | None) -> str:
    """The id given, else one made from *title*; ArgmapError when neither works."""
    if not title.strip():
        raise ArgmapError(
            "the title is empty; write one, e.g. argmap new 'Summits and contracts'"
        )
    map_id = map_id or slugify(title)
    if not map_id:
        raise ArgmapError(
            f"cannot make an id from the title {title!r}; give one with --id, e.g. --id my-map"
        )
    if not _SLUG.match(map_id):
        raise ArgmapError(
            f"--id {map_id}: not a valid id; use letters, digits, '.', '_', '-', "
            "starting with a letter or digit"
        )
    return map_id


def scaffold(
    title: str, path, *, map_id: str | None = None, extends: str | None = None, fmt=None
) -> tuple[str, str, str | None]:
    """The text of a new map file for *path*: (text, map id, extends value)."""
    map_id = choose_id(title, map_id)
    path = Path(path)
    title_text = _yaml_string(" ".join(title.split()))
    if extends is None:
        return (
            STANDALONE.format(
                file=_comment_text(path.as_posix(), 200), id=map_id, title=title_text
            ),
            map_id,
            None,
        )
    value, base = _resolve_base(extends, path, fmt)
    if base.id == map_id:
        raise ArgmapError(
            f"the new map would have the id {map_id!r} of the map it extends; give it its own with --id"
        )
    example_id, example_text = _pick_example(base)
    text = EXTENSION.format(
        file=_comment_text(path.as_posix(), 200),
        id=map_id,
        title=title_text,
        base_id=base.id,
        extends=_yaml_string(value)
        if not re.fullmatch(r"[A-Za-z0-9_./-]+", value)
        else value,
        example_id=example_id,
        example_text=example_text.replace('"', "'"),
    )
    return text, map_id, value


@click.command()
@click.argument("title")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="File to write (default: ID.yaml in the current folder).",
)
@click.option(
    "--id", "map_id", default=None, help="Map id (default: made from the title)."
)
@click.option(
    "--extends",
    "base",
    metavar="BASE",
    default=None,
    help="Write a participant's map that extends BASE (a map file, or a map id beside the new file).",
)
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@json_option
@handle_errors
def command(title, output, map_id, base, force, as_json):
    """Start a new map file whose comments explain the format.

    The map id is made from TITLE unless --id is given. The file passes
    `argmap check` as written; replace its example claims with your own. With
    --extends, the file is a participant's map that adds claims to BASE
    without copying it.

    \b
    Examples:
      argmap new "Summits change the mood, contracts decide" -o maps/summits.yaml
      argmap new "Minji's objections" --id minji -o maps/seminar/minji.yaml \\
          --extends maps/contracts-not-declarations.yaml
    """
    from argmap.fileio import atomic_write

    map_id = choose_id(title, map_id)
    path = Path(output) if output else Path(f"{map_id}.yaml")
    if path.suffix.lower() not in (".yaml", ".yml"):
        # The scaffold is YAML with comments; under another name argmap would
        # read it as that format (or not at all).
        raise ArgmapError(
            f"{path}: a new map is a YAML file; name it {path.stem}.yaml "
            "(convert it later with argmap convert)"
        )
    if path.exists() and not force:
        raise ArgmapError(f"{path}: already exists; pass --force to overwrite it")
    text, map_id, value = scaffold(title, path, map_id=map_id, extends=base)
    atomic_write(path, text)
    if as_json:
        emit_json({"path": str(path), "id": map_id, "extends": value})
    else:
        click.echo(
            f"wrote {path} (map {map_id}); edit it, then: argmap check {path}", err=True
        )
