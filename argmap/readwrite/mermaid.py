"""Mermaid flowchart (write only), for Markdown pages that render Mermaid.

Claims are boxes (class by role), other maps' claims are rounded boxes.
Supports are solid arrows (``-->``, green), rebuttals solid lines with a
cross head (``--x``, red), undercuts dotted lines with a cross head
(``-.-x``, purple) ending on a small junction node that stands for the
relation they attack; linked premises join their relation at such a
junction too.  Node ids are generated (``c1``, ``x1``, ``j1``) so no claim
id reaches the syntax, and every label is a quoted string with Mermaid's
entity codes for the characters that could end it (``"`` as ``#quot;``,
``#`` as ``#35;``, ...), so claim text cannot inject diagram syntax.
"""

from __future__ import annotations

from argmap.model import ArgumentMap, Relation
from argmap.text import strip_controls

EXTENSIONS = (".mmd", ".mermaid")

_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
    "|": "#124;",
    ";": "#59;",
    "\\": "#92;",
}
_STYLE = {
    "supports": "stroke:#2e7d32,stroke-width:2px",
    "rebuts": "stroke:#c62828,stroke-width:2px",
    "undercuts": "stroke:#6a1b9a,stroke-width:2px,stroke-dasharray:4 3",
    "linked": "stroke:#2e7d32,stroke-width:1px",
}
_CLASSES = {
    "thesis": "fill:#fff3cd,stroke:#8a6d00,stroke-width:2px",
    "premise": "fill:#ffffff,stroke:#555555",
    "evidence": "fill:#e8f4fd,stroke:#1565c0",
    "objection": "fill:#fdecea,stroke:#c62828",
    "claim": "fill:#ffffff,stroke:#555555",
    "external": "fill:#f5f5f5,stroke:#999999,stroke-dasharray:3 3",
    "junction": "fill:#999999,stroke:#999999",
}


def label(text: str) -> str:
    """*text* as a safe Mermaid label (without the surrounding quotes).

    Control characters go and bidi controls are shown by name
    (:func:`argmap.text.strip_controls`); line breaks would end the
    statement, so all white space becomes single spaces.
    """
    text = " ".join(strip_controls(text, keep="").split())
    return "".join(_ENTITIES.get(char, char) for char in text)


def write(amap: ArgumentMap) -> str:
    lines = ["flowchart BT"]
    node: dict[str, str] = {}
    for n, claim in enumerate(amap.claims.values(), 1):
        node[claim.id] = f"c{n}"
        cls = claim.role if claim.role in _CLASSES else "claim"
        lines.append(f'  c{n}["{label(claim.text)}"]:::{cls}')

    def end(ref: str) -> str:
        if ref not in node:
            node[ref] = f"x{sum(k.startswith('x') for k in node.values()) + 1}"
            lines.append(f'  {node[ref]}("{label(ref)}"):::external')
        return node[ref]

    # Relations that need a junction: the undercut ones and linked ones.
    # An undercut names its relation by the model's one rule
    # (ArgumentMap.relation); one it names ambiguously or not at all ends on
    # a stand-in node instead.
    attacked = {id(r): amap.relation(r.target) for r in amap.undercuts()}
    undercut = {id(t) for t in attacked.values() if t is not None}
    # Junction nodes first, so that undercuts of undercuts find theirs.
    junction: dict[int, str] = {}
    for relation in amap.relations:
        if id(relation) in undercut or relation.linked:
            junction[id(relation)] = f"j{len(junction) + 1}"
            lines.append(f'  {junction[id(relation)]}((" ")):::junction')
    edges: list[tuple[str, str]] = []  # (line, style kind)

    def edge_label(relation: Relation) -> str:
        parts = []
        if relation.scheme:
            parts.append(relation.scheme)
        if relation.weight != 1.0:
            parts.append(f"{relation.weight:g}")
        return f'|"{label(" ".join(parts))}"|' if parts else ""

    arrow = {"supports": "-->", "rebuts": "--x", "undercuts": "-.-x"}
    for relation in amap.relations:
        source = end(relation.source)
        if relation.kind == "undercuts":
            attacked_relation = attacked[id(relation)]
            if attacked_relation is not None:
                target = junction[id(attacked_relation)]
            else:
                target = end(f"relation {relation.target}")
        else:
            target = end(relation.target)
        j = junction.get(id(relation))
        if j is None:
            edges.append(
                (
                    f"  {source} {arrow[relation.kind]}{edge_label(relation)} {target}",
                    relation.kind,
                )
            )
            continue
        edges.append((f"  {source} --- {j}", relation.kind))
        for premise in relation.linked:
            edges.append((f"  {end(premise)} --- {j}", "linked"))
        edges.append(
            (
                f"  {j} {arrow[relation.kind]}{edge_label(relation)} {target}",
                relation.kind,
            )
        )
    lines.extend(line for line, _ in edges)
    for name, style in _CLASSES.items():
        lines.append(f"  classDef {name} {style}")
    for kind, style in _STYLE.items():
        indices = [str(i) for i, (_, k) in enumerate(edges) if k == kind]
        if indices:
            lines.append(f"  linkStyle {','.join(indices)} {style}")
    return "\n".join(lines) + "\n"
