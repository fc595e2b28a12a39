"""The arg-microtexts corpus XML (``arggraph``, Peldszus & Stede 2015); read only.

One file holds one short text: its elementary discourse units (EDUs), the
argumentative units (ADUs) made of them (through ``seg`` edges, possibly
via a ``joint`` of several EDUs), and the argumentative edges between ADUs.

=====================  ======================================================
arggraph               map
=====================  ======================================================
``arggraph id``        map id; the title is the ``topic_id`` in words and the
                       ``stance``
ADU                    claim, id = ADU id; text = its EDUs in text order
ADU ``pro``            role ``premise``; the central claim (the one pro ADU
                       with no outgoing argumentative edge) is the ``thesis``
ADU ``opp``            role ``objection``
``sup``                ``supports``
``exa``                ``supports`` with ``scheme: example``
``reb``                ``rebuts``
``und`` (to an edge)   ``undercuts`` of that edge's relation (undercuts of
                       undercuts too)
``add`` (to an edge)   a linked premise of that edge's relation
=====================  ======================================================

Every relation keeps its edge id as ``id``, so undercuts name it exactly.
The central claim counts ``exa`` and ``add`` edges as outgoing too: an
additional premise is not the conclusion.  A folder read as ``microtext``
gives one map per ``.xml`` file, in file-name order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.parsers import expat

from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap, RelationKind
from argmap.readwrite._foreign import NOT_A_MAP, fail, warn
from argmap.readwrite.builder import DocumentBuilder
from argmap.readwrite.document import Document, load_all

EXTENSIONS = (".xml",)
_KIND: dict[str, RelationKind] = {
    "sup": "supports",
    "exa": "supports",
    "reb": "rebuts",
    "und": "undercuts",
}
_ARGUMENTATIVE = ("sup", "exa", "reb", "und", "add")


def read_documents(path: str | Path) -> tuple[list[Document], list[Diagnostic]]:
    """The document of one corpus file, or one per ``.xml`` file of a folder."""
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".xml")
        if not files:
            fail(path, "no .xml files in this folder", code="io")
        documents: list[Document] = []
        warnings: list[Diagnostic] = []
        for file in files:
            document, warned = _read_file(file)
            documents.append(document)
            warnings.extend(warned)
        return documents, warnings
    document, warnings = _read_file(path)
    return [document], warnings


def read_with_warnings(path: str | Path) -> tuple[list[ArgumentMap], list[Diagnostic]]:
    """The map of one corpus file, or one map per ``.xml`` file of a folder."""
    documents, warnings = read_documents(path)
    return load_all(documents), warnings


def read(path: str | Path) -> list[ArgumentMap]:
    return read_with_warnings(path)[0]


class _Document:
    """The elements of one arggraph file, each with the line it starts on."""

    def __init__(self) -> None:
        self.root: dict[str, str] = {}
        self.root_line = 1
        # By id ("" when the file gives none: the gate refuses it as a claim id).
        self.edus: dict[str, list[Any]] = {}  # id -> [text parts, line]
        self.joints: dict[str, int] = {}
        self.adus: dict[str, tuple[str, int]] = {}
        self.edges: list[tuple[dict[str, str], int]] = []
        self._edu: str | None = None
        self._root_seen = False


def _parse(path: Path) -> _Document:
    doc = _Document()
    parser = expat.ParserCreate()

    def start(tag: str, attrs: dict[str, str]) -> None:
        line = parser.CurrentLineNumber
        if tag == "arggraph":
            doc.root, doc.root_line, doc._root_seen = attrs, line, True
        elif tag == "edu":
            doc._edu = attrs.get("id", "")
            doc.edus[doc._edu] = [[], line]
        elif tag == "joint":
            doc.joints[attrs.get("id", "")] = line
        elif tag == "adu":
            doc.adus[attrs.get("id", "")] = (attrs.get("type", ""), line)
        elif tag == "edge":
            doc.edges.append((attrs, line))

    def end(tag: str) -> None:
        if tag == "edu":
            doc._edu = None

    def chars(data: str) -> None:
        if doc._edu is not None:
            doc.edus[doc._edu][0].append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        data = path.read_bytes()
    except OSError as exc:
        fail(path, f"cannot read: {exc.strerror or exc}", code="io")
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        fail(
            path,
            f"broken XML: {expat.errors.messages[exc.code]}",
            line=exc.lineno,
            column=exc.offset + 1,
            fix="check that every tag is closed and attribute values are quoted",
        )
    if not doc._root_seen:
        fail(
            path,
            "not a microtext file: no <arggraph> element",
            line=1,
            code=NOT_A_MAP,
        )
    return doc


def _title(root: dict[str, str]) -> str | None:
    topic, stance = root.get("topic_id"), root.get("stance")
    if topic:
        topic = topic.replace("_", " ")
        topic = topic[0].upper() + topic[1:]
    if topic and stance:
        return f"{topic} (stance: {stance})"
    return topic or (f"Stance: {stance}" if stance else None)


def _read_file(path: Path) -> tuple[Document, list[Diagnostic]]:
    doc = _parse(path)
    warnings: list[Diagnostic] = []
    map_id = doc.root.get("id")
    if not map_id:
        fail(path, "<arggraph> has no id", line=doc.root_line, fix='add id="..."')

    # Segmentation: which EDUs make up each ADU (directly or through a joint).
    parts: dict[str, set[str]] = {}
    for attrs, _line in doc.edges:
        if attrs.get("type") == "seg":
            parts.setdefault(attrs.get("trg", ""), set()).add(attrs.get("src", ""))
    edu_order = {edu: i for i, edu in enumerate(doc.edus)}

    def edus_of(unit: str, seen: tuple[str, ...] = ()) -> set[str]:
        out: set[str] = set()
        for src in parts.get(unit, ()):
            if src in doc.edus:
                out.add(src)
            elif src in doc.joints and src not in seen:
                out |= edus_of(src, (*seen, unit))
        return out

    argumentative = [
        (a, line) for a, line in doc.edges if a.get("type") in _ARGUMENTATIVE
    ]
    has_outgoing = {a.get("src") for a, _ in argumentative}
    central = [
        adu
        for adu, (kind, _) in doc.adus.items()
        if kind == "pro" and adu not in has_outgoing
    ]
    if len(central) != 1:
        warnings.append(
            warn(
                path,
                "microtext-central-claim",
                f"{len(central)} pro units without an outgoing edge "
                f"({', '.join(central) or 'none'}); no thesis is marked",
                line=doc.root_line,
            )
        )

    builder = DocumentBuilder(str(path), map_id)
    builder.mark("id", doc.root_line)
    builder.set("title", _title(doc.root), doc.root_line)
    for adu, (kind, line) in doc.adus.items():
        edus = sorted(edus_of(adu), key=edu_order.__getitem__)
        text = " ".join(" ".join("".join(doc.edus[e][0]).split()) for e in edus)
        if not text:
            warnings.append(
                warn(
                    path,
                    "microtext-empty-unit",
                    f"ADU {adu!r} is linked to no EDU text",
                    line=line,
                )
            )
            text = f"(ADU {adu} has no text)"
        if kind not in ("pro", "opp"):
            warnings.append(
                warn(
                    path,
                    "microtext-adu-type",
                    f"ADU {adu!r} has type {kind!r}, not pro or opp",
                    line=line,
                )
            )
        role = "objection" if kind == "opp" else "premise"
        if len(central) == 1 and adu == central[0]:
            role = "thesis"
        builder.add_claim(adu, {"text": text, "role": role}, line)

    relations: dict[str | None, dict[str, Any]] = {}
    for attrs, line in argumentative:
        edge_type, edge_id = attrs.get("type", ""), attrs.get("id")
        src, trg = attrs.get("src"), attrs.get("trg")
        if edge_type == "add":
            continue
        if src is None or src not in doc.adus:
            warnings.append(
                warn(
                    path,
                    "microtext-edge",
                    f"{edge_type} edge {edge_id!r} starts at {src!r}, not an ADU; skipped",
                    line=line,
                )
            )
            continue
        if edge_type == "und":
            ok = trg in {
                a.get("id") for a, _ in argumentative if a.get("type") != "add"
            }
        else:
            ok = trg in doc.adus
        if not ok:
            wanted = "a relation edge" if edge_type == "und" else "an ADU"
            warnings.append(
                warn(
                    path,
                    "microtext-edge",
                    f"{edge_type} edge {edge_id!r} points at {trg!r}, not {wanted}; skipped",
                    line=line,
                )
            )
            continue
        relations[edge_id] = builder.add_relation(
            _KIND[edge_type],
            src,
            trg,
            {"id": edge_id, "scheme": "example" if edge_type == "exa" else None},
            line,
        )
    for attrs, line in argumentative:
        if attrs.get("type") != "add":
            continue
        item = relations.get(attrs.get("trg"))
        if item is None or attrs.get("src") not in doc.adus:
            warnings.append(
                warn(
                    path,
                    "microtext-edge",
                    f"add edge {attrs.get('id')!r} joins {attrs.get('src')!r} to "
                    f"{attrs.get('trg')!r}, which is not a relation edge; skipped",
                    line=line,
                )
            )
            continue
        item["with"] = [*item.get("with", ()), attrs.get("src")]
    return builder.build(), warnings
