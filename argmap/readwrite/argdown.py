"""Argdown (https://argdown.org), read and written.

The reader is line based: Argdown's structure is one element per line and
nesting by indentation.  It understands

- statements ``[Title]: text`` and references ``[Title]``; one title is one
  statement wherever it appears (Argdown's equivalence by title); a line of
  plain text is an untitled statement (the same text twice is one claim);
- arguments ``<Title>: text``: a claim whose first tag is ``argument``
  (argmap has no separate argument nodes);
- relations, each relative to the element of the line it is indented under:
  ``+``/``<+`` (the line's element supports its parent), ``+>`` (the parent
  supports it), ``-``/``<-`` and ``->`` for attacks (``rebuts``), ``_``/``<_``
  and ``_>`` for undercuts, ``><`` for a contradiction (two ``rebuts``);
- an undercut attacks the *inference* of the element it names: when that
  element stands on an incoming relation line (``<+ <A>`` under ``[T]``),
  the inference is that relation (``A -> T``); otherwise it is the element's
  only outgoing support or attack;
- ``#tag`` and ``#(several words)``; headings ``# Heading`` tag the
  statements defined under them with the heading (a group);
- data blocks ``{...}`` (YAML) at the end of a line: on a definition,
  ``id quote role note same_as override undercuts text`` go to the claim;
  ``weight scheme with`` go to the relation of the line; on a relation line
  whose element is a reference (``<+ [A] {weight: 0.8}``) every key
  (``id weight note scheme with``) belongs to the relation;
- frontmatter ``=== ... ===`` (YAML) with ``id``, ``title``, ``source``,
  ``extends``, ``author`` and ``date`` (and a links file's ``rejected``,
  ``offered`` and ``links``: its ``same_as`` links, which no Argdown
  syntax states);
- comments ``// ...``, ``/* ... */``, ``<!-- ... -->``; backslash escapes.

What a map cannot hold (premise-conclusion structures ``(1) ... ----``,
inference rules, unknown data keys, ambiguous undercuts) is reported as a
warning with its line; real syntax errors raise :class:`MapError`.  The
reader gives a document (:mod:`argmap.readwrite.document`), which passes
the schema gate before it becomes a map; which data keys belong to a claim
and which to a relation comes from the document's key tables.

The writer emits one definition per claim (title = claim id) with its
incoming relations nested below it as references, undercuts nested under
the relation they attack, and every field Argdown has no syntax for in a
data block, so reading it back gives the same map.

This module is longer than argmap's 600-line guide, and stays one module on
purpose: it is one format, whose writer must produce exactly what its
reader accepts (the escapes, the comment rules that data blocks must not
trip, which keys go where), so the two halves change together.  Split
apart, the reader alone would still be one 650-line line-based parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml

from argmap.diagnostics import Code, Diagnostic, MapError, error
from argmap.fileio import read_text
from argmap.ids import is_ref, slugify, unique
from argmap.model import ROLES, ArgumentMap, Location, Relation, RelationKind
from argmap.readwrite._foreign import fail, map_id_from_path, warn
from argmap.readwrite._yamlpos import load_data
from argmap.readwrite.builder import DocumentBuilder
from argmap.readwrite.document import (
    CLAIM_FIELDS,
    LINK_FROM,
    LINK_KIND,
    LINKS_KEY,
    MAP_FIELDS,
    RELATION_FIELDS,
    RELATIONS,
    SAME_AS,
    TARGET_KEY,
    Document,
    encode_claim,
    encode_map,
    encode_relation,
    link_entry,
    load,
    same_as_item,
)
from argmap.text import json_text

EXTENSIONS = (".argdown", ".ad")
ARGUMENT_TAG = "argument"

_RELATION = re.compile(r"^(<\+|\+>|<-|->|<_|_>|><|\+|-|_)(?:\s+|$)(.*)$")
# symbol -> (kind, direction): "in" = the line's element is the source.
_SYMBOLS: dict[str, tuple[RelationKind, str]] = {
    "+": ("supports", "in"),
    "<+": ("supports", "in"),
    "+>": ("supports", "out"),
    "-": ("rebuts", "in"),
    "<-": ("rebuts", "in"),
    "->": ("rebuts", "out"),
    "_": ("undercuts", "in"),
    "<_": ("undercuts", "in"),
    "_>": ("undercuts", "out"),
    "><": ("rebuts", "both"),
}
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_PCS_STATEMENT = re.compile(r"^\(\d+\)\s")
_INFERENCE = re.compile(r"^--+(\s.*)?$|^--.*--$")
_TAG = re.compile(r"(?<![\w\\])#(\([^)]*\)|[A-Za-z0-9][\w.-]*)")
_ESCAPED = re.compile(r"\\([\\#{}\[\]<>/*_@:+\-()!])")
# Which data keys go where, from the map's key tables
# (argmap.readwrite.document).  On a definition: the claim's fields (tags
# are #tags), its id, and undercuts stated from it; the relation fields of
# the line's relation, but not id and note, which there are the claim's.
# On a relation line whose element is a reference, every relation field.
_CLAIM_KEYS = {
    f.key for f in CLAIM_FIELDS if f.kind != RELATIONS and f.key != "tags"
} | {"id", "undercuts"}
_RELATION_REF_KEYS = {f.key for f in RELATION_FIELDS}
_RELATION_KEYS = _RELATION_REF_KEYS - {"id", "note"}
#: An entry of a claim's ``undercuts`` list (an undercut has no scheme).
_UNDERCUT_ITEM_KEYS = {TARGET_KEY} | (_RELATION_REF_KEYS - {"scheme"})
_FRONTMATTER_KEYS = {"id", "author", "date", LINKS_KEY} | {f.key for f in MAP_FIELDS}
#: What the writer puts in a definition's data block after id and text.
_DATA_BLOCK_KEYS = tuple(
    f.key for f in CLAIM_FIELDS if f.key in _CLAIM_KEYS and f.key != "text"
)


# -- reading ------------------------------------------------------------------
@dataclass
class _Element:
    """One statement or argument of the document, before it becomes a claim."""

    title: str | None
    argument: bool
    line: int
    text: str | None = None
    data: dict = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    claim_id: str | None = None


@dataclass
class _Frame:
    """An element on the indentation stack, and the relation its line made."""

    indent: int
    element: _Element
    #: The relation whose source is this line's element (an incoming line).
    inference: Relation | None = None


class _Reader:
    def __init__(self, text: str, path: str | Path | None) -> None:
        self.path = path
        self.lines = _strip_comments(text, path).split("\n")
        self.warnings: list[Diagnostic] = []
        self.statements: dict[str, _Element] = {}
        self.arguments: dict[str, _Element] = {}
        self.untitled: dict[str, _Element] = {}
        self.elements: list[_Element] = []
        self.relations: list[tuple[Relation, dict, int]] = []
        #: The elements each relation of self.relations joins (source, target).
        self.ends: dict[int, tuple[_Element, _Element]] = {}
        #: Undercuts standing in for an undercut line until it is resolved,
        #: by index into self.undercuts (undercuts of it point at them).
        self.placeholders: dict[int, Relation] = {}
        #: The relations of the map, in the order they are made.
        self.made: list[Relation] = []
        #: (kind, source, target) -> [(relation, its explicit id)]
        self.seen_relations: dict[tuple, list[tuple[Relation, Any]]] = {}
        # (undercutter, element whose inference is attacked, frame relation, data, line)
        self.undercuts: list[tuple[_Element, _Element, Relation | None, dict, int]] = []
        self.meta: dict = {}
        #: Line of each frontmatter key, for messages.
        self.meta_lines: dict[str, int] = {}

    # .. helpers ...........................................................
    def warn(
        self, code: Code, message: str, line: int | None, fix: str | None = None
    ) -> None:
        self.warnings.append(warn(self.path, code, message, line=line, fix=fix))

    def error(self, message: str, line: int | None, fix: str | None = None) -> NoReturn:
        fail(self.path, message, line=line, fix=fix, code="argdown-syntax")

    # .. the document ......................................................
    def parse(self) -> None:
        index = self._frontmatter()
        stack: list[_Frame] = []
        heading_tag: str | None = None
        last: _Element | None = None  # element whose text a following line continues
        pcs_start: int | None = None
        pcs_count = 0
        while index < len(self.lines):
            raw = self.lines[index].expandtabs(4)
            number = index + 1
            index += 1
            stripped = raw.strip()
            if not stripped:
                last = None
                if pcs_start is not None:
                    self._pcs_warning(pcs_start, pcs_count)
                    pcs_start, pcs_count = None, 0
                continue
            indent = len(raw) - len(raw.lstrip(" "))
            if _PCS_STATEMENT.match(stripped) or (
                _INFERENCE.match(stripped) and not stripped.startswith("->")
            ):
                if pcs_start is None:
                    pcs_start = number
                pcs_count += bool(_PCS_STATEMENT.match(stripped))
                last = None
                continue
            if pcs_start is not None:
                self._pcs_warning(pcs_start, pcs_count)
                pcs_start, pcs_count = None, 0
            heading = _HEADING.match(stripped) if indent == 0 else None
            if heading:
                heading_tag = slugify(_unescape(heading.group(2)), fallback="group")
                stack, last = [], None
                continue
            relation = _RELATION.match(stripped)
            if relation:
                symbol, rest = relation.groups()
                if not rest.strip():
                    self.error(
                        f"relation {symbol!r} names no statement or argument",
                        number,
                        fix="write the statement after the symbol, e.g. '+ [Title]'",
                    )
                while stack and stack[-1].indent >= indent:
                    stack.pop()
                if not stack:
                    self.error(
                        f"relation {symbol!r} has no statement or argument above it to relate to",
                        number,
                        fix="indent it under the statement it relates to",
                    )
                element, data, is_ref = self._element(rest, number, heading_tag)
                frame = self._relate(
                    symbol, stack[-1], element, data, is_ref, number, indent
                )
                stack.append(frame)
                last = None if is_ref else element
                continue
            if last is not None and not stripped.startswith(("[", "<")):
                # A wrapped line: the text of the element above goes on.
                more, data, tags = _split_tail(stripped, number, self)
                last.text = f"{last.text} {more}".strip() if last.text else more
                last.tags.extend(tags)
                self._claim_data(last, data, number, on_relation=False)
                continue
            element, data, is_ref = self._element(stripped, number, heading_tag)
            if not is_ref:
                self._claim_data(element, data, number, on_relation=False)
            elif data:
                self.warn(
                    "argdown-data",
                    "a data block after a reference is ignored here; put it on the definition",
                    number,
                )
            stack = [_Frame(indent, element)]
            last = None if is_ref else element
        if pcs_start is not None:
            self._pcs_warning(pcs_start, pcs_count)

    def _pcs_warning(self, line: int, statements: int) -> None:
        self.warn(
            "argdown-pcs",
            "premise-conclusion structure is not supported: "
            f"its {statements} numbered statement(s) and inference were skipped",
            line,
            fix="state the premises as statements with + relations to the conclusion",
        )

    def _frontmatter(self) -> int:
        index = 0
        while index < len(self.lines) and not self.lines[index].strip():
            index += 1
        if index >= len(self.lines) or self.lines[index].strip() != "===":
            return 0
        start = index
        for end in range(start + 1, len(self.lines)):
            if self.lines[end].strip() == "===":
                break
        else:
            self.error(
                "frontmatter '===' is not closed",
                start + 1,
                fix="end it with a line '==='",
            )
        try:
            data = load_data("\n".join(self.lines[start + 1 : end]))[0] or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            self.error(
                f"frontmatter is not valid YAML: {getattr(exc, 'problem', exc)}",
                start + 2 + (mark.line if mark else 0),
            )
        if not isinstance(data, dict):
            self.error("frontmatter must be a YAML mapping", start + 2)
        for key in data:
            line = next(
                (
                    n + 1
                    for n in range(start + 1, end)
                    if re.match(rf"\s*{re.escape(str(key))}\s*:", self.lines[n])
                ),
                start + 1,
            )
            self.meta_lines[str(key)] = line
            if key not in _FRONTMATTER_KEYS:
                self.warn(
                    "argdown-frontmatter",
                    f"frontmatter key {key!r} has no counterpart in a map; ignored",
                    line,
                )
        self.meta = data
        return end + 1

    # .. elements ..........................................................
    def _element(self, text: str, line: int, heading_tag: str | None):
        """The element a line (or the rest of a relation line) names, its data, is-reference."""
        match = re.match(r"^(\[|<)((?:\\.|[^\\\]>])*)(\]|>)", text)
        if match and {"[": "]", "<": ">"}[match.group(1)] == match.group(3):
            argument = match.group(1) == "<"
            title = " ".join(_unescape(match.group(2)).split())
            if not title:
                self.error("empty title", line, fix="write a title inside the brackets")
            rest = text[match.end() :]
            definition = rest.startswith(":")
            body, data, tags = _split_tail(rest[1:] if definition else rest, line, self)
            if not definition and body:
                self.warn(
                    "argdown-text",
                    f"text after a reference is ignored: {body!r}",
                    line,
                    fix=f"write '{match.group(0)}: text' to define it",
                )
            table = self.arguments if argument else self.statements
            element = table.get(title)
            if element is None:
                element = _Element(title, argument, line)
                table[title] = element
                self.elements.append(element)
            if definition:
                if element.text is None:
                    element.text, element.line = body, line
                    if heading_tag:
                        tags.append(heading_tag)
                elif body and body != element.text:
                    self.warn(
                        "argdown-redefined",
                        f"{match.group(0)} is defined again with other text; "
                        f"the first text (line {element.line}) is kept",
                        line,
                        fix="give the second statement its own title",
                    )
            element.tags.extend(tags)
            return element, data, not definition
        body, data, tags = _split_tail(text, line, self)
        if not body:
            self.error("a statement without text", line)
        element = self.untitled.get(body)
        if element is None:
            element = _Element(None, False, line, text=body)
            self.untitled[body] = element
            self.elements.append(element)
            if heading_tag:
                tags.append(heading_tag)
        element.tags.extend(tags)
        return element, data, False

    def _claim_data(
        self, element: _Element, data: dict, line: int, *, on_relation: bool
    ) -> dict:
        """Put claim keys of *data* on *element*; return the relation keys left."""
        left = {}
        for key, value in data.items():
            if key in _CLAIM_KEYS:
                element.data[key] = (value, line)
            elif key in _RELATION_KEYS and on_relation:
                left[key] = value
            elif key in _RELATION_KEYS:
                self.warn(
                    "argdown-data",
                    f"data key {key!r} belongs to a relation, but this line states none; ignored",
                    line,
                )
            else:
                self.warn(
                    "argdown-data",
                    f"data key {key!r} has no counterpart in a map; ignored",
                    line,
                )
        return left

    # .. relations .........................................................
    def _relate(
        self, symbol, parent: _Frame, element, data, is_ref, line, indent
    ) -> _Frame:
        kind, direction = _SYMBOLS[symbol]
        if is_ref:
            rel_data = {}
            for key, value in data.items():
                if key in _RELATION_REF_KEYS:
                    rel_data[key] = value
                else:
                    self.warn(
                        "argdown-data",
                        f"data key {key!r} on a relation has no counterpart in a map; ignored",
                        line,
                    )
        else:
            rel_data = self._claim_data(element, data, line, on_relation=True)
        if kind == "undercuts":
            if direction == "in":
                self.undercuts.append(
                    (element, parent.element, parent.inference, rel_data, line)
                )
                frame = _Frame(indent, element)
                frame.inference = self._pending_undercut()
            else:
                self.undercuts.append((parent.element, element, None, rel_data, line))
                frame = _Frame(indent, element)
            return frame
        if direction == "both":
            self._add(kind, parent.element, element, rel_data, line)
            self._add(kind, element, parent.element, {}, line)
            return _Frame(indent, element)
        if direction == "in":
            relation = self._add(kind, element, parent.element, rel_data, line)
            return _Frame(indent, element, inference=relation)
        self._add(kind, parent.element, element, rel_data, line)
        return _Frame(indent, element)

    def _pending_undercut(self) -> Relation:
        # A placeholder that undercuts of this undercut can point at; it is
        # filled in when undercuts are resolved (after the whole document).
        placeholder = Relation("undercuts", "", "")
        self.placeholders[len(self.undercuts) - 1] = placeholder
        return placeholder

    def _add(
        self,
        kind: RelationKind,
        source: _Element,
        target: _Element,
        data: dict,
        line: int,
    ) -> Relation:
        # One relation stated twice is one relation (Argdown's equivalence),
        # unless the lines give it different ids: then they are parallel
        # relations between the same claims (as the writer states them).
        wanted = data.get("id")
        same = self.seen_relations.setdefault((kind, id(source), id(target)), [])
        for relation, explicit in same:
            if wanted is None or explicit is None or explicit == wanted:
                if data:
                    self.relations.append((relation, data, line))
                if explicit is None and wanted is not None:
                    same[same.index((relation, explicit))] = (relation, wanted)
                return relation
        relation = Relation(kind, "", "", location=self._at(line))
        self.ends[id(relation)] = (source, target)
        same.append((relation, wanted))
        self.relations.append((relation, data, line))
        return relation

    def _at(self, line: int | None) -> Location:
        return Location(str(self.path) if self.path is not None else None, line)

    # .. building the document ..............................................
    def build(self) -> Document:
        """The map's document: claims in definition order, relations as stated."""
        builder = self._map_fields()
        # Claims in the order they are defined (a reference may come first).
        self.elements.sort(key=lambda e: e.line)
        ids: dict[str, str] = {}
        for element in self.elements:
            if (
                element.text is None
                and element.title
                and is_ref(element.title)
                and "#" in element.title
            ):
                element.claim_id = element.title  # another map's claim
                continue
            wanted = element.data.get("id", (None,))[0]
            base = (
                str(wanted)
                if wanted
                else slugify(
                    element.title or " ".join((element.text or "").split()[:6]),
                    fallback="statement",
                )
            )
            claim_id = unique(base, ids)
            if wanted and claim_id != wanted:
                self.warn(
                    "argdown-id",
                    f"id {wanted!r} is used twice; this one becomes {claim_id!r}",
                    element.line,
                )
            ids[claim_id] = claim_id
            element.claim_id = claim_id
        for element in self.elements:
            if element.claim_id is not None and "#" not in element.claim_id:
                builder.add_claim(
                    element.claim_id,
                    self._claim_fields(element),
                    element.line,
                    field_lines={k: line for k, (_, line) in element.data.items()},
                )
        by_title = {
            e.title: e.claim_id for e in self.elements if e.title and not e.argument
        }
        by_title.update(
            {
                e.title: e.claim_id
                for e in self.elements
                if e.title and e.argument and e.title not in by_title
            }
        )

        for relation, data, line in self.relations:
            ends = self.ends[id(relation)]
            relation.source, relation.target = (
                ends[0].claim_id or "",
                ends[1].claim_id or "",
            )
            self._relation_data(relation, data, line, by_title)
        added: set[int] = set()
        for relation, _, _ in self.relations:
            if id(relation) not in added:
                added.add(id(relation))
                self.made.append(relation)
        self._resolve_undercuts(by_title)
        for element in self.elements:
            items = element.data.get("undercuts")
            if items and builder.has_claim(element.claim_id or ""):
                value, line = items
                for item in _as_list(value):
                    named = item.get("to") if isinstance(item, dict) else item
                    if named is None:
                        self.error(
                            "an undercuts entry names no relation",
                            line,
                            fix="write undercuts: [{to: RELATION-ID}] or [source->target]",
                        )
                    for key in sorted(item if isinstance(item, dict) else ()):
                        if key not in _UNDERCUT_ITEM_KEYS:
                            self.warn(
                                "argdown-data",
                                f"undercuts entry key {key!r} has no counterpart in a map; ignored",
                                line,
                            )
                    relation = Relation(
                        "undercuts",
                        element.claim_id or "",
                        str(named),
                        location=self._at(line),
                    )
                    self._relation_data(
                        relation, item if isinstance(item, dict) else {}, line, by_title
                    )
                    self.made.append(relation)
        for relation in self.made:
            builder.add_relation(
                relation.kind,
                relation.source,
                relation.target,
                encode_relation(relation),
                relation.line,
            )
        return builder.build()

    def _map_fields(self) -> DocumentBuilder:
        """A document builder holding the map's fields, from the frontmatter."""
        meta = self.meta
        source = meta.get("source")
        source_line = self.meta_lines.get("source")
        if source is not None and not isinstance(source, dict):
            self.error(
                f"frontmatter source must be a mapping, got {source!r}",
                source_line,
                fix="write source: {publisher: ..., url: ...}",
            )
        source = dict(source or {})
        if meta.get("author") and "author" not in source:
            source["author"] = str(meta["author"])
        if meta.get("date") and "published" not in source:
            source["published"] = str(meta["date"])
        # YAML reads dates and numbers as such; the map keeps the text.
        source = {k: str(v) for k, v in source.items() if v is not None}
        builder = DocumentBuilder(
            str(self.path) if self.path is not None else None,
            str(meta.get("id") or map_id_from_path(self.path or "argdown")),
        )
        builder.mark("id", self.meta_lines.get("id"))
        fields = {**meta, "source": source}
        for f in MAP_FIELDS:
            builder.set(f.key, fields.get(f.key), self.meta_lines.get(f.key))
        # a links file's same_as links: Argdown has no syntax for two titles
        # that name one statement, so the frontmatter holds them
        line = self.meta_lines.get(LINKS_KEY)
        links = meta.get(LINKS_KEY) or []
        if not isinstance(links, list):
            self.error(
                f"frontmatter {LINKS_KEY} must be a list, got {links!r}",
                line,
                fix="write links: [{kind: same_as, from: a#x, to: b#y}]",
            )
        for entry in links:
            if not (
                isinstance(entry, dict)
                and entry.get(LINK_KIND) == SAME_AS
                and isinstance(entry.get(LINK_FROM), str)
                and isinstance(entry.get(TARGET_KEY), str)
            ):
                self.error(
                    f"frontmatter {LINKS_KEY}: {entry!r} is not a same_as link",
                    line,
                    fix="write {kind: same_as, from: a#x, to: b#y}; "
                    "other links are relation lines",
                )
            builder.add_same_as_link(
                entry[LINK_FROM],
                entry[TARGET_KEY],
                {k: entry[k] for k in ("note", "suggested") if k in entry},
                line,
            )
        return builder

    def _claim_fields(self, element: _Element) -> dict[str, Any]:
        """The fields of an element's claim: its text, tags and data block."""
        data = {k: v for k, (v, _) in element.data.items()}
        text = data.get("text", element.text)
        if text is None:
            brackets = "<>" if element.argument else "[]"
            self.warn(
                "argdown-undefined",
                f"{brackets[0]}{element.title}{brackets[1]} is used but never defined; "
                "its title stands in for its text",
                element.line,
                fix=f"define it: {brackets[0]}{element.title}{brackets[1]}: text",
            )
            text = element.title
        role = _opt_str(data.get("role"))
        if role is not None and role not in ROLES:
            self.warn(
                "argdown-data",
                f"role {role!r} is not one of {', '.join(ROLES)}; ignored",
                element.data["role"][1],
            )
            role = None
        tags = ([ARGUMENT_TAG] if element.argument else []) + element.tags
        tags = [slugify(t.strip("()"), fallback="tag") for t in tags]
        override = data.get("override", False)
        if not isinstance(override, bool):
            self.error(
                f"override must be true or false, got {override!r}",
                element.data["override"][1],
            )
        return {
            "text": str(text),
            "quote": _opt_str(data.get("quote")),
            "role": role,
            "tags": list(dict.fromkeys(tags)),
            "note": _opt_str(data.get("note")),
            "same_as": [str(s) for s in _as_list(data.get("same_as"))],
            "override": override,
            "provenance": data.get("provenance"),
        }

    def _relation_data(
        self, relation: Relation, data: Mapping[str, Any], line: int, by_title: dict
    ) -> None:
        for key, value in data.items():
            if key == "weight":
                try:
                    relation.weight = float(value)
                except (TypeError, ValueError):
                    relation.weight = -1.0
                if not 0.0 <= relation.weight <= 1.0:
                    self.error(
                        f"weight {value!r} is not a number between 0 and 1",
                        line,
                        fix="write a weight such as 0.8",
                    )
            elif key == "note":
                relation.note = _opt_str(value)
            elif key == "id":
                relation.id = _opt_str(value)
            elif key == "scheme":
                relation.scheme = _opt_str(value)
            elif key == "with":
                relation.linked = tuple(
                    by_title.get(str(v), str(v)) for v in _as_list(value)
                )
            elif key == "asserted_by":
                relation.asserted_by = tuple(str(v) for v in _as_list(value))
            elif key == "suggested":
                if not isinstance(value, bool):
                    self.error(f"suggested must be true or false, got {value!r}", line)
                relation.suggested = value

    def _resolve_undercuts(self, by_title: dict) -> None:
        claim_ids = {e.claim_id for e in self.elements if e.claim_id}
        for index, (undercutter, attacked, inference, data, line) in enumerate(
            self.undercuts
        ):
            if (
                inference is not None
                and inference.kind == "undercuts"
                and not inference.source
            ):
                inference = None  # an undercut that could not be resolved
            if inference is None:
                outgoing = [
                    r
                    for r in self.made
                    if r.source == attacked.claim_id and r.kind != "undercuts"
                ]
                if len(outgoing) != 1:
                    name = (
                        f"<{attacked.title}>"
                        if attacked.argument
                        else f"[{attacked.title or attacked.text}]"
                    )
                    self.warn(
                        "argdown-undercut",
                        f"cannot tell which inference of {name} this undercut attacks: "
                        f"it has {len(outgoing)} outgoing support/attack relations; skipped",
                        line,
                        fix="nest the undercut under the relation line it attacks (e.g. under '<+ <A>')",
                    )
                    continue
                inference = outgoing[0]
            if inference.kind == "undercuts" and inference.id is None:
                # "u->a->b" is no valid reference: an undercut of an undercut names it by id.
                taken = claim_ids | {r.id for r in self.made if r.id}
                inference.id = unique(f"{inference.source}-undercut", taken)
            relation = self.placeholders.get(index) or Relation("undercuts", "", "")
            relation.source, relation.target, relation.location = (
                undercutter.claim_id or "",
                inference.key,
                self._at(line),
            )
            self._relation_data(relation, data, line, by_title)
            self.made.append(relation)


def _strip_comments(text: str, path) -> str:
    """Blank out comments, keeping every line where it was."""

    def blank(match: re.Match) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    for opener, closer in ((r"(?<!\\)/\*", r"\*/"), (r"(?<!\\)<!--", r"-->")):
        pattern = re.compile(opener + r".*?" + closer, re.DOTALL)
        text = pattern.sub(blank, text)
        left = re.search(opener, text)
        if left:
            fail(
                path,
                "comment is not closed",
                line=text.count("\n", 0, left.start()) + 1,
                fix="close it with " + closer.replace("\\", ""),
                code="argdown-syntax",
            )
    return re.sub(r"(?m)(^|(?<=\s))//.*$", "", text)


def _split_tail(text: str, line: int, reader: _Reader) -> tuple[str, dict, list[str]]:
    """Text, data block and tags of the rest of a line."""
    data: dict = {}
    brace = re.search(r"(?<!\\)\{", text)
    if brace:
        block = text[brace.start() :].rstrip()
        text = text[: brace.start()]
        tags_after = re.search(r"\}\s*((?:#\S+\s*)+)$", block)
        if tags_after:
            text += " " + tags_after.group(1)
            block = block[: tags_after.start() + 1]
        try:
            data = load_data(block)[0]
        except yaml.YAMLError as exc:
            reader.error(
                f"data block is not valid YAML: {getattr(exc, 'problem', None) or exc}",
                line,
                fix="write it as {key: value, ...} on one line; quote text with ':' or '#'",
            )
        if not isinstance(data, dict):
            reader.error("a data block must be a mapping {key: value}", line)
        data = {str(k): v for k, v in data.items()}
    tags = [m.group(1) for m in _TAG.finditer(text)]
    text = _TAG.sub("", text)
    return " ".join(_unescape(text).split()), data, tags


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def parse_document(
    text: str, path: str | Path | None = None
) -> tuple[Document, list[Diagnostic]]:
    """The document of Argdown *text*, and warnings about what a map cannot hold."""
    reader = _Reader(text, path)
    reader.parse()
    return reader.build(), reader.warnings


def loads(
    text: str, path: str | Path | None = None
) -> tuple[ArgumentMap, list[Diagnostic]]:
    """The map in Argdown *text* (through the gate), and the reader's warnings."""
    doc, warnings = parse_document(text, path)
    return load(doc), warnings


def read_documents(path: str | Path) -> tuple[list[Document], list[Diagnostic]]:
    doc, warnings = parse_document(read_text(path), Path(path))
    return [doc], warnings


def read_with_warnings(path: str | Path) -> tuple[list[ArgumentMap], list[Diagnostic]]:
    amap, warnings = loads(read_text(path), Path(path))
    return [amap], warnings


def read(path: str | Path) -> list[ArgumentMap]:
    return read_with_warnings(path)[0]


# -- writing ------------------------------------------------------------------
def _escape_text(text: str) -> str:
    text = text.replace("\\", "\\\\")
    for char in "#{}":
        text = text.replace(char, "\\" + char)
    # "//", "/*" and "<!--" would start comments.
    text = re.sub(r"/(?=[/*])", r"\\/", text)
    return text.replace("<!--", "\\<!--")


def _value(value: Any) -> str:
    # JSON is YAML's flow syntax.  The reader blanks out comments before it
    # reads data blocks, so no comment may start or end in a value: "/" is
    # written "\/" and "<" and ">" as \u escapes (JSON puts them only in
    # strings here, and YAML's double quotes read all three escapes back).
    text = json_text(value).replace("/", "\\/")
    return text.replace("<", "\\u003c").replace(">", "\\u003e")


def _data_block(pairs: Iterable[tuple[str, Any]]) -> str:
    items = [f"{k}: {_value(v)}" for k, v in pairs if v not in (None, (), [], False)]
    return " {" + ", ".join(items) + "}" if items else ""


def _title(ref: str, claim_ids: object) -> str:
    return ref.replace("\\", "\\\\").replace("]", "\\]")


def write(amap: ArgumentMap) -> str:
    """The map as Argdown; :func:`read` gives the same map back.

    Fields Argdown has no syntax for go into frontmatter (``merged_from``)
    and data blocks (``provenance``, ``asserted_by``, ...).
    """
    out: list[str] = ["==="]
    meta = {"id": amap.id, **encode_map(amap)}
    if amap.same_as_links:  # a links file's (the reader's _map_fields)
        meta[LINKS_KEY] = [
            link_entry(SAME_AS, link.source, same_as_item(link))
            for link in amap.same_as_links
        ]
    out.extend(f"{k}: {_value(v)}" for k, v in meta.items())
    out.append("===")

    incoming: dict[str, list[Relation]] = {}
    nested_under: dict[int, Relation] = {}
    for relation in amap.relations:
        if relation.kind != "undercuts":
            incoming.setdefault(relation.target, []).append(relation)
            continue
        target = amap.relation(relation.target)
        # Nested under its target, an undercut is read back as naming the
        # target by key; one spelled otherwise ("a->b" for a relation with an
        # id) keeps its spelling in a data block.
        if target is not None and target.key == relation.target:
            nested_under[id(relation)] = target
    # Only undercuts that hang, through undercuts, from a support or
    # rebuttal are written nested; the rest (a cycle of undercuts, another
    # map's relation) go into their source claim's data block.
    reached = {id(r) for r in amap.relations if r.kind != "undercuts"}
    growing = True
    while growing:
        growing = False
        for relation in amap.undercuts():
            target = nested_under.get(id(relation))
            if (
                id(relation) not in reached
                and target is not None
                and id(target) in reached
            ):
                reached.add(id(relation))
                growing = True
    undercuts_of: dict[int, list[Relation]] = {}
    loose: dict[str, list[Relation]] = {}
    for relation in amap.undercuts():
        if id(relation) in reached:
            undercuts_of.setdefault(id(nested_under[id(relation)]), []).append(relation)
        elif relation.source in amap.claims:
            loose.setdefault(relation.source, []).append(relation)
        else:
            raise MapError(
                diagnostics=[
                    error(
                        "relation-source",
                        f"undercut {relation.key!r}: Argdown can state it only under "
                        f"the relation it attacks, and its source {relation.source!r} "
                        f"is not a claim of map {amap.id!r}",
                        path=amap.path,
                        line=relation.line,
                        fix="add the source claim to the map",
                    )
                ]
            )

    def element(ref: str) -> str:
        claim = amap.claims.get(ref)
        if claim is not None and claim.tags[:1] == (ARGUMENT_TAG,):
            return f"<{_title(ref, amap.claims)}>"
        return f"[{_title(ref, amap.claims)}]"

    def relation_lines(relation: Relation, depth: int, done: set) -> None:
        if id(relation) in done:  # an undercut cycle; written once
            return
        done.add(id(relation))
        symbol = {"supports": "<+", "rebuts": "<-", "undercuts": "<_"}[relation.kind]
        data = _data_block(encode_relation(relation).items())
        out.append("  " * depth + f"{symbol} {element(relation.source)}{data}")
        for undercut in undercuts_of.get(id(relation), ()):
            relation_lines(undercut, depth + 1, done)

    done: set = set()
    for claim in amap.claims.values():
        out.append("")
        tags = list(claim.tags)
        if tags[:1] == [ARGUMENT_TAG]:
            tags = tags[1:]
        needs_text_data = claim.text != " ".join(claim.text.split()) or not claim.text
        text = "" if needs_text_data else " " + _escape_text(claim.text)
        tag_text = "".join(
            f" #{t}" if re.fullmatch(r"[A-Za-z0-9][\w.-]*", t) else f" #({t})"
            for t in tags
        )
        fields = encode_claim(claim)
        if claim.id in loose:
            fields["undercuts"] = [
                {
                    TARGET_KEY: r.target,
                    **{
                        k: v
                        for k, v in encode_relation(r).items()
                        if k in _UNDERCUT_ITEM_KEYS
                    },
                }
                for r in loose[claim.id]
            ]
        data = _data_block(
            (
                ("id", claim.id if slugify(claim.id) != claim.id else None),
                ("text", claim.text if needs_text_data else None),
                *((key, fields.get(key)) for key in _DATA_BLOCK_KEYS),
            )
        )
        out.append(f"{element(claim.id)}:{text}{tag_text}{data}")
        for relation in incoming.get(claim.id, ()):
            relation_lines(relation, 1, done)
    for ref, relations in incoming.items():
        if ref in amap.claims:
            continue
        # Another map's claim: a reference Argdown tools show as a statement.
        out.append("")
        out.append(f"[{_title(ref, amap.claims)}]")
        for relation in relations:
            relation_lines(relation, 1, done)
    return "\n".join(out) + "\n"
