"""New map files whose comments teach the format (what ``argmap new`` writes).

:func:`scaffold` gives the text of a new map: a standalone map with example
claims that passes ``argmap check`` as written, or with *extends* a
participant's map that adds to a base map without copying it (its examples,
commented out, name a real claim of the base).  :func:`write_new_map` also
picks the file name and writes it without ever replacing a file by accident.

>>> from argmap.scaffold import scaffold
>>> text, map_id, extends = scaffold("Summits change the mood", "maps/summits.yaml")
>>> map_id
'summits-change-the-mood'
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import NamedTuple

from argmap.commands.outputs import new_file, refuse_inputs
from argmap.diagnostics import ArgmapError
from argmap.errors import (
    BaseNotFound,
    InvalidArgument,
    InvalidId,
    NoIdFromTitle,
    SameIdAsBase,
)
from argmap.fileio import real_path
from argmap.ids import is_id, slugify
from argmap.model import ArgumentMap
from argmap.text import json_text

__all__ = [
    "MAX_ID_LENGTH",
    "Scaffold",
    "choose_id",
    "id_from_title",
    "resolve_base",
    "scaffold",
    "write_new_map",
]

#: The names a new map file may have: the scaffold is YAML with comments.
YAML_SUFFIXES = (".yaml", ".yml")
#: Ids made from titles are cut (at a word boundary) to this length.
MAX_ID_LENGTH = 60
_PLAIN_VALUE = re.compile(r"[A-Za-z0-9_./-]+")


class Scaffold(NamedTuple):
    """A new map file: its text, its map id and its ``extends`` value (or None)."""

    text: str
    id: str
    extends: str | None
    #: The files read to find the base (the new file must not replace one).
    inputs: tuple[str, ...] = ()
    #: The JSON Schema file to write beside the map, when there is none near
    #: (the first line of the map points editors at it).
    schema_file: str | None = None


def id_from_title(title: str) -> str:
    """A map id made from *title*: ASCII words joined by '-', at most 60 long.

    Accents are dropped (é -> e); ``""`` when nothing usable is left (a
    title in another script), see :func:`argmap.ids.slugify`.
    """
    return slugify(title, ascii_only=True, max_len=MAX_ID_LENGTH, fallback="")


def choose_id(title: str, map_id: str | None = None) -> str:
    """*map_id* when given, else one made from *title*.

    InvalidArgument for an empty title, NoIdFromTitle when no id can be
    made from it, InvalidId when *map_id* is no slug.
    """
    if not title.strip():
        raise InvalidArgument("title", title, "a few words")
    map_id = map_id or id_from_title(title)
    if not map_id:
        raise NoIdFromTitle(title)
    if not is_id(map_id):
        raise InvalidId(map_id)
    return map_id


def resolve_base(base: str, output, fmt: str | None = None) -> tuple[str, ArgumentMap]:
    """What to write after ``extends:`` in the new file *output*, and the base map.

    *base* is a map file (written as a path relative to *output*'s folder)
    or a map id, looked up among the map files beside *output*
    (:func:`argmap.workspace.find_map_near`) as ``argmap check`` will look
    it up.  The map returned is the base as commands see it (an extension's
    effective map).  BaseNotFound when the base cannot be found, MapError
    when it has errors.
    """
    value, amap, _ = _resolve_base(base, output, fmt)
    return value, amap


def _resolve_base(
    base: str, output, fmt: str | None = None
) -> tuple[str, ArgumentMap, tuple[str, ...]]:
    """:func:`resolve_base`, and every file read to find the base."""
    from argmap.refs import is_path_reference
    from argmap.workspace import find_map_near, load_workspace

    output = Path(output)
    candidate = Path(base)
    if candidate.is_file():
        ws = load_workspace([candidate], fmt).raise_for_errors()
        if len(ws.maps) != 1:
            raise ArgmapError(f"{base}: holds {len(ws.maps)} maps; name one map file")
        (amap,) = ws.maps.values()
        rel = os.path.relpath(real_path(candidate), real_path(output).parent)
        return Path(rel).as_posix(), amap, tuple(map(str, ws.files_read()))
    if is_path_reference(base) or not is_id(base):
        raise BaseNotFound(base)
    found = find_map_near(output, base)
    if found is None or found.path is None:  # a map found in a file knows it
        raise BaseNotFound(base, str(real_path(output).parent))
    ws = load_workspace([found.path], fmt).raise_for_errors()
    return base, ws.maps[base], tuple(map(str, ws.files_read()))


def scaffold(
    title: str,
    path,
    *,
    map_id: str | None = None,
    extends: str | None = None,
    fmt: str | None = None,
) -> Scaffold:
    """The text of a new map file to be written at *path*.

    *map_id* defaults to one made from *title* (:func:`choose_id`).  With
    *extends* (a map file or a map id, see :func:`resolve_base`) the file
    is a participant's map extending that base.  Nothing is written.
    """
    map_id = choose_id(title, map_id)
    path = Path(path)
    title_text = _yaml_string(" ".join(title.split()))
    # Printed to standard output, the map is checked once saved as a file.
    shown = _comment_text(
        f"{map_id}.yaml" if str(path) == "-" else path.as_posix(), 200
    )
    schema_ref, schema_file = schema_for(path)
    modeline = f"# yaml-language-server: $schema={schema_ref}\n"
    if extends is None:
        text = STANDALONE.format(file=shown, id=map_id, title=title_text)
        return Scaffold(modeline + text, map_id, None, (), schema_file)
    value, base, inputs = _resolve_base(extends, path, fmt)
    if base.id == map_id:
        raise SameIdAsBase(map_id)
    example_id, example_text = _pick_example(base)
    text = EXTENSION.format(
        file=shown,
        id=map_id,
        title=title_text,
        base_id=base.id,
        extends=value if _PLAIN_VALUE.fullmatch(value) else _yaml_string(value),
        example_id=example_id,
        example_text=example_text.replace('"', "'"),
    )
    return Scaffold(modeline + text, map_id, value, inputs, schema_file)


#: The file name of the JSON Schema beside maps (folders of maps skip it).
SCHEMA_FILE = "argmap.schema.json"


def schema_for(path: Path) -> tuple[str, str | None]:
    """What a new map at *path* names as its schema, and the schema file to write, if any.

    The nearest ``argmap.schema.json`` in the map's folder or up to three
    folders above, as a path relative to the map; else one to write beside
    the map (none for standard output).  A relative path works offline and
    in every clone of the repository, unlike a URL or an absolute path.
    """
    if str(path) == "-":
        return SCHEMA_FILE, None
    folder = path.parent
    for up in range(4):
        relative = Path(*[".."] * up, SCHEMA_FILE)
        # Lexically: the folder of the new map may not exist yet.
        if Path(os.path.normpath(folder / relative)).is_file():
            return relative.as_posix(), None
    return SCHEMA_FILE, str(folder / SCHEMA_FILE)


def write_new_map(
    title: str,
    path=None,
    *,
    map_id: str | None = None,
    extends: str | None = None,
    force: bool = False,
    fmt: str | None = None,
) -> tuple[Path, Scaffold]:
    """Write the :func:`scaffold` of a new map; returns the file and what it holds.

    *path* defaults to ``<id>.yaml`` in the current folder.  It must end in
    ``.yaml`` or ``.yml`` (the scaffold is YAML with comments; else
    WrongOutputSuffix), and an existing file is only replaced with *force*
    (else OutputExists).  The file is written atomically, with the JSON
    Schema beside it when there is none near (see :func:`schema_for`).
    """
    from argmap.fileio import atomic_write_all
    from argmap.readwrite.document import schema

    map_id = choose_id(title, map_id)
    path = new_file(
        path or f"{map_id}.yaml",
        suffixes=YAML_SUFFIXES,
        what="a new map is a YAML file",
        force=force,
    )
    result = scaffold(title, path, map_id=map_id, extends=extends, fmt=fmt)
    # Not even with force: the new map would replace the base it extends.
    refuse_inputs([path], result.inputs)
    files = [(path, result.text)]
    if result.schema_file is not None:
        files.append((result.schema_file, json.dumps(schema(), indent=2) + "\n"))
    atomic_write_all(files)
    return path, result


def _yaml_string(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: any title is safe.
    return json_text(value)


def _comment_text(value: str, limit: int = 70) -> str:
    # Untrusted text inside a comment: one line, so it cannot end the comment.
    text = " ".join(value.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _pick_example(amap: ArgumentMap) -> tuple[str, str]:
    """A base claim to rebut in the example: the first thesis, else the first claim."""
    claims = amap.theses() or list(amap.claims.values())
    if not claims:
        return "some-base-claim", "a claim of the base map"
    return claims[0].id, _comment_text(claims[0].text)


STANDALONE = """\
# An argument map: the claims of one source document and how they support
# and attack each other.  Replace the example claims with your own, then run
#   argmap check {file}
# The first line points editors (the YAML language server) at the JSON Schema.
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
