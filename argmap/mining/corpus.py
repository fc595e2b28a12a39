"""Gold argument trees over text spans, from any corpus argmap reads.

A :class:`Gold` document is what training and scoring need: the text, its
units (character spans) and, per unit, the unit it attaches to, the
function of that attachment and its role.  It is the *evidence graph* of
Peldszus & Stede (2015), a dependency tree over units:

* the central claim (the map's thesis; else the one unit with no outgoing
  relation) is the root, function ``cc``, role ``pro``;
* ``supports`` gives function ``support``, ``rebuts`` ``attack``;
* an ``undercuts`` of the relation *a → b* attaches to *a*, the premise
  whose inference it attacks, with function ``attack`` (and the
  ``undercut`` flag, so the map can say undercuts again);
* a linked co-premise (microtext ``add``) attaches where its relation does,
  with that relation's function;
* role: ``opp`` when the unit's chain of attacks up to the central claim
  has odd length, else ``pro`` (the microtext ADU types agree with this
  wherever the corpus is consistent; the ADU type wins where given).

Where units come from: microtext XML — the sibling ``.txt`` file (each
unit located in it); a map whose claims have ``quote`` and whose
``source.text`` names the article — the quotes located in it; anything
else (AIF, maps without a source) — the claim texts joined in map order,
each a paragraph.  A relation to a unit that cannot be placed is dropped; a
document whose units do not form one tree is skipped with a reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from argmap.mining.segment import Segmentation, Unit, detect_language
from argmap.model import ARROW, ArgumentMap

__all__ = ["Gold", "from_map", "load_corpus"]

FUNCTIONS = ("cc", "support", "attack")


@dataclass
class Gold:
    id: str
    text: str
    units: list[Unit]
    #: Per unit: index of the unit it attaches to (None for the central claim).
    parent: list[int | None]
    function: list[str]
    role: list[str]
    undercut: list[bool] = field(default_factory=list)
    title: str | None = None
    language: str = "en"

    @property
    def root(self) -> int:
        return self.parent.index(None)

    def segmentation(self) -> Segmentation:
        paragraphs = max((u.paragraph for u in self.units), default=0) + 1
        sentences = max((u.sentence for u in self.units), default=0) + 1
        return Segmentation(
            self.text,
            list(self.units),
            self.title,
            self.language,
            [],
            paragraphs,
            sentences,
        )


def _locate(
    text: str, needle: str, taken: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """Span of *needle* in *text*, whitespace-insensitive, not overlapping *taken*."""
    words = needle.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    for match in pattern.finditer(text):
        a, b = match.span()
        if all(b <= s or a >= e for s, e in taken):
            return a, b
    return None


def _sentence_and_paragraph(
    text: str, spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Sentence and paragraph index of each span, from the text's line breaks and stops."""
    out = []
    for a, _b in spans:
        before = text[:a]
        paragraph = len(re.findall(r"\n\s*\n|\n", before.strip()))
        sentence = len(
            re.findall(r"[.!?\u3002\uff01\uff1f][\"'\u201d\u2019)]*\s", before)
        )
        out.append((sentence, paragraph))
    return out


def from_map(
    amap: ArgumentMap, text: str | None = None, title: str | None = None
) -> Gold:
    """The gold tree of *amap* over its units in *text* (or its claims joined).

    Raises ``ValueError`` naming what is wrong when the map is not one tree.
    """
    claim_ids = list(amap.claims)
    spans: dict[str, tuple[int, int]] = {}
    if text is not None:
        taken: list[tuple[int, int]] = []
        for cid in claim_ids:
            claim = amap.claims[cid]
            span = _locate(text, claim.quote or claim.text, taken)
            if span is None and claim.quote:
                span = _locate(text, claim.text, taken)
            if span is not None:
                spans[cid] = span
                taken.append(span)
    if text is None or len(spans) < len(claim_ids) / 2:
        parts = []
        spans = {}
        position = 0
        for cid in claim_ids:
            piece = " ".join((amap.claims[cid].quote or amap.claims[cid].text).split())
            spans[cid] = (position, position + len(piece))
            parts.append(piece)
            position += len(piece) + 2
        text = "\n\n".join(parts)
    order = sorted(spans, key=lambda c: spans[c])
    index = {cid: i for i, cid in enumerate(order)}
    places = _sentence_and_paragraph(text, [spans[c] for c in order])
    units = [
        Unit(spans[c][0], spans[c][1], text[spans[c][0] : spans[c][1]], s, p)
        for c, (s, p) in zip(order, places)
    ]
    n = len(units)
    parent: list[int | None] = [None] * n
    function = ["cc"] * n
    undercut = [False] * n
    by_key = {r.key: r for r in amap.relations}

    def attach(src: str, trg: str, fn: str, und: bool = False) -> None:
        if src in index and trg in index and parent[index[src]] is None and src != trg:
            parent[index[src]] = index[trg]
            function[index[src]] = fn
            undercut[index[src]] = und

    for relation in amap.relations:
        if relation.kind == "undercuts":
            attacked = by_key.get(relation.target)
            target = attacked.source if attacked else relation.target.split(ARROW)[0]
            attach(relation.source, target, "attack", True)
        elif relation.kind in ("supports", "rebuts"):
            fn = "support" if relation.kind == "supports" else "attack"
            attach(relation.source, relation.target, fn)
    for relation in amap.relations:  # linked co-premises go where their relation goes
        for co in relation.linked:
            if relation.kind == "undercuts":
                attacked = by_key.get(relation.target)
                target = (
                    attacked.source if attacked else relation.target.split(ARROW)[0]
                )
                attach(co, target, "attack", True)
            else:
                attach(
                    co,
                    relation.target,
                    "support" if relation.kind == "supports" else "attack",
                )
    roots = [i for i in range(n) if parent[i] is None]
    thesis = [index[c] for c in order if amap.claims[c].role == "thesis"]
    if len(roots) != 1:
        raise ValueError(
            f"{len(roots)} units attach to nothing "
            f"({', '.join(order[i] for i in roots[:5])}); a gold tree has one central claim"
        )
    if thesis and thesis[0] != roots[0]:
        raise ValueError(f"the thesis {order[thesis[0]]!r} attaches to another claim")
    # Cycles: every unit must reach the root.
    for i in range(n):
        seen = set()
        j: int | None = i
        while j is not None:
            if j in seen:
                raise ValueError(f"the relations from {order[i]!r} run in a cycle")
            seen.add(j)
            j = parent[j]
    role = []
    for i in range(n):
        attacks, k = 0, i
        up = parent[k]
        while up is not None:
            attacks += function[k] == "attack"
            k, up = up, parent[up]
        role.append("opp" if attacks % 2 else "pro")
    for i, cid in enumerate(order):
        claim_role = amap.claims[cid].role
        if claim_role == "objection":
            role[i] = "opp"
        elif claim_role in ("premise", "evidence", "thesis"):
            role[i] = "pro"
    return Gold(
        amap.id,
        text,
        units,
        parent,
        function,
        role,
        undercut,
        title or amap.title,
        detect_language(text),
    )


def _microtext_title(path: Path) -> str | None:
    head = path.read_text(encoding="utf-8", errors="replace")[:400]
    match = re.search(r'topic_id="([^"]+)"', head)
    return match.group(1).replace("_", " ") if match else None


def load_corpus(path, fmt: str | None = None) -> tuple[list[Gold], list[str]]:
    """Gold documents from a corpus file or folder, and the reasons for any skipped.

    A folder is read as microtext when it holds ``.xml`` files, else every
    map file directly inside it is read.  Raises :class:`argmap.diagnostics.ArgmapError`
    when nothing can be read.
    """
    from argmap.diagnostics import ArgmapError
    from argmap.readwrite import format_for, formats, readable_extensions

    path = Path(path)
    if not path.exists():
        raise ArgmapError(f"{path}: no such file or folder")
    files: list[Path]
    if path.is_dir():
        xml = sorted(p for p in path.iterdir() if p.suffix.lower() == ".xml")
        if xml and fmt in (None, "microtext"):
            files = xml
            fmt = "microtext"
        else:
            extensions = readable_extensions()
            files = sorted(
                p
                for p in path.iterdir()
                if p.is_file() and any(p.name.lower().endswith(e) for e in extensions)
            )
    else:
        files = [path]
    if not files:
        raise ArgmapError(f"{path}: no corpus files (microtext .xml, AIF, maps) inside")
    documents: list[Gold] = []
    skipped: list[str] = []
    for file in files:
        reader = formats()[fmt] if fmt else format_for(file)
        maps, _warnings = reader.read_with_warnings(file)
        for amap in maps:
            text = None
            title = None
            if reader.name == "microtext":
                txt = file.with_suffix(".txt")
                if txt.is_file():
                    text = txt.read_text(encoding="utf-8-sig")
                title = _microtext_title(file)
            elif amap.source.text:
                candidate = file.parent / amap.source.text
                if candidate.is_file():
                    text = candidate.read_text(encoding="utf-8-sig")
            try:
                documents.append(from_map(amap, text, title))
            except ValueError as exc:
                skipped.append(f"{file}: map {amap.id}: {exc}")
    if not documents:
        raise ArgmapError(
            f"{path}: no document with one gold tree"
            + (f" ({skipped[0]})" if skipped else "")
        )
    return documents, skipped
