"""An argument map as a Graphviz DOT graph (built with pydot).

Drawing conventions (the legend repeats them):

* a claim is a rounded box with its text wrapped at :data:`WRAP` characters;
  the thesis has a thick border and a ``THESIS`` line, an objection an
  ``OBJECTION`` line;
* ``supports`` is a solid green edge with a normal arrowhead, ``rebuts`` a
  dashed red edge ending in a tee, ``undercuts`` a dashed purple edge ending in
  a diamond on a small point that splits the relation it attacks (a -> p -> b);
* the premises of a linked argument meet in a small junction point first;
* a claim of another map is a dashed box labelled with its reference;
* a weight other than 1 sets the edge's thickness and is written on it;
* merged maps (and extensions drawn on their base) colour claims by source
  map and write the source letters on every claim, so that sources do not
  rest on colour alone.  :func:`source_styles` assigns the letters and
  colours (a colourblind-safe palette in the order of the sorted map ids);
  a page with several diagrams passes one assignment to all of them.

Every text that comes from a map is escaped for DOT's quoted strings (see
:func:`dot_string`): nothing a claim says can add attributes, nodes or
Graphviz escape sequences.  Node names and ``id`` attributes are claim ids
only when they are plain slugs; anything else gets a generated name.

:func:`build_dot` also returns, for every drawn element, the SVG id, CSS
classes and tooltip that :mod:`argmap.render.svg` puts into the rendered SVG.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field

from argmap._gc import paused
from argmap.model import (
    ARROW,
    ArgumentMap,
    Claim,
    Relation,
    split_ref,
    split_relation_ref,
)
from argmap.text import strip_controls

__all__ = [
    "DIRECTIONS",
    "EMPHASES",
    "PALETTE",
    "WRAP",
    "DotGraph",
    "Element",
    "SourceStyle",
    "build_dot",
    "dot_string",
    "marks_sources",
    "source_styles",
    "wrap_text",
]

DIRECTIONS = ("BT", "TB", "LR", "RL")
EMPHASES = ("tension", "added", "removed")
#: Characters per line of a claim box.
WRAP = 30
FONT = "Arial"  # the wasm Graphviz has width tables for it, so boxes fit

#: Okabe & Ito's colourblind-safe palette (without black), in assignment order.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
)

KIND_STYLE = {
    "supports": {"color": "#1B7837", "style": "solid", "arrowhead": "normal"},
    "rebuts": {"color": "#C0392B", "style": "dashed", "arrowhead": "tee"},
    "undercuts": {"color": "#762A83", "style": "dashed", "arrowhead": "diamond"},
}
TENSION_COLOR = "#B2182B"
REMOVED_COLOR = "#9A9A9A"
INK = "#333333"

_SAFE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.:#-]*\Z")


@dataclass(frozen=True)
class SourceStyle:
    """How diagrams mark the claims of one source map."""

    letter: str
    color: str


def marks_sources(amap: ArgumentMap) -> bool:
    """Whether diagrams of *amap* mark claims by source: only a map made of
    several (merged, or an extension on its base) does; a plain map's claims
    are all its own."""
    return bool(amap.merged_from) or any(c.provenance for c in amap)


def source_styles(map_ids, *, start: int = 0) -> dict[str, SourceStyle]:
    """The letter (A, B, ... Z, AA, ...) and palette colour of each source map.

    Assigned in the order of the sorted map ids, so that the same sources
    get the same marks in every diagram and report that lists them all;
    *start* continues an existing assignment.
    """
    return {
        map_id: SourceStyle(_letter(i), PALETTE[i % len(PALETTE)])
        for i, map_id in enumerate(sorted(set(map_ids)), start=start)
    }


@dataclass(frozen=True)
class Element:
    """What the SVG post-processor needs to know about one drawn element."""

    svg_id: str
    classes: tuple[str, ...]
    title: str


@dataclass
class DotGraph:
    """The DOT source and, by DOT ``id``, the elements it draws."""

    source: str
    elements: dict[str, Element] = field(default_factory=dict)
    map_id: str = ""
    title: str = ""


# -- escaping -------------------------------------------------------------------


def dot_string(text: str) -> str:
    """*text* as a quoted DOT string that Graphviz shows literally.

    Backslashes and quotes are escaped for the DOT lexer (so no escape
    sequence like ``\\N`` or ``\\l`` survives), ``&`` becomes ``&amp;``
    (Graphviz decodes entities in labels) and control characters become
    spaces; the result holds no newline.
    """
    text = strip_controls(text, keep="")
    text = text.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def label(lines: list[str]) -> str:
    """A multi-line label: each line escaped, joined by DOT's ``\\n`` escape."""
    return '"' + "\\n".join(dot_string(line)[1:-1] for line in lines) + '"'


def wrap_text(text: str, width: int = WRAP) -> list[str]:
    """Lines of at most *width* characters (long words are broken)."""
    flat = " ".join(strip_controls(text, keep="").split())
    return textwrap.wrap(
        flat, width, break_long_words=True, break_on_hyphens=False
    ) or [""]


def _quote_name(name: str) -> str:
    return f'"{name}"'


# -- building -------------------------------------------------------------------


class _Builder:
    def __init__(
        self,
        amap: ArgumentMap,
        direction: str,
        legend: bool,
        emphasis: Mapping[str, str],
        title: bool,
        wrap: int,
        styles: Mapping[str, SourceStyle] | None,
    ) -> None:
        import pydot

        self.pydot = pydot
        self.amap = amap
        self.legend = legend
        self.direction = direction
        self.emphasis = dict(emphasis)
        self.wrap = wrap
        self.elements: dict[str, Element] = {}
        self._svg_ids: set[str] = set()
        self.names: dict[str, str] = {}  # claim/ref -> DOT node name
        self.junctions: dict[int, str] = {}  # id(relation) -> junction node name
        self._counter = 0
        self.used_kinds: set[str] = set()
        self.used_emphasis: set[str] = set()
        self.has_external = False
        #: Maps by id, so that a claim of another map shows its text.
        self.others: Mapping[str, ArgumentMap] = {}
        self.composite = marks_sources(amap)
        self.sources = amap.source_ids() if self.composite else ()
        self.styles = dict(styles or {})
        # A source the caller's assignment lacks gets the next letters.
        missing = [m for m in self.sources if m not in self.styles]
        self.styles.update(source_styles(missing, start=len(self.styles)))
        graph_attrs = {
            "rankdir": direction,
            "newrank": "true",
            "fontname": FONT,
            "fontsize": "13",
            "nodesep": "0.3",
            "ranksep": "0.45",
            "pad": "0.2",
            "bgcolor": "white",
            "id": '"graph"',
        }
        if title and amap.title:
            graph_attrs.update(
                label=label(wrap_text(amap.title, 80)), labelloc="t", labeljust="c"
            )
        self.graph = pydot.Dot("argmap", graph_type="digraph", **graph_attrs)
        self.graph.set_node_defaults(
            shape="box",
            style='"rounded,filled"',
            fillcolor="white",
            color=f'"{INK}"',
            fontcolor=f'"{INK}"',
            fontname=FONT,
            fontsize="11",
            margin='"0.12,0.07"',
            penwidth="1.2",
        )
        self.graph.set_edge_defaults(fontname=FONT, fontsize="9", arrowsize="0.8")

    # ids ------------------------------------------------------------------
    def _fresh(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}~{self._counter}"

    def _element_id(self, pretty: str, fallback_prefix: str) -> str:
        """A DOT id: *pretty* when it is plain and unused, else a generated one."""
        if _SAFE_ID.match(pretty) and pretty not in self.elements:
            return pretty
        return self._fresh(fallback_prefix)

    def _register(self, dot_id: str, svg_id: str, classes, title: str) -> None:
        unique, n = svg_id, 1
        while unique in self._svg_ids:
            n += 1
            unique = f"{svg_id}~{n}"
        self._svg_ids.add(unique)
        self.elements[dot_id] = Element(unique, tuple(classes), title)

    def node_name(self, ref: str) -> str:
        if ref not in self.names:
            name = ref if _SAFE_ID.match(ref) else self._fresh("n")
            self.names[ref] = name
        return self.names[ref]

    # claims ---------------------------------------------------------------
    def add_claim(self, claim: Claim) -> None:
        name = self.node_name(claim.id)
        classes = ["claim"]
        header: list[str] = []
        attrs: dict[str, str] = {}
        if claim.is_thesis:
            classes.append("thesis")
            header.append("THESIS")
            attrs.update(penwidth="2.6", fillcolor='"#FFF8E1"')
        elif claim.role:
            classes.append(claim.role)
            if claim.role == "objection":
                header.append("OBJECTION")
        sources = self.amap.sources_of(claim.id) if self.composite else ()
        if sources:
            badge = "+".join(self.styles[s].letter for s in sources)
            header.append(f"source{'s' if len(sources) > 1 else ''} {badge}")
            if len(sources) == 1:
                color = self.styles[sources[0]].color
                attrs.update(fillcolor=f'"{_tint(color)}"', color=f'"{color}"')
                attrs.setdefault("penwidth", "2")
            else:
                classes.append("multi-source")
                attrs.update(fillcolor='"#E8E8E8"', color=f'"{INK}"')
        lines = [" · ".join(header)] if header else []
        lines += self._emphasis_claim(claim.id, classes, attrs)
        lines += wrap_text(claim.text, self.wrap)
        dot_id = self._element_id(f"claim-{claim.id}", "claim")
        self._register(dot_id, f"claim-{claim.id}", classes, _claim_title(claim))
        self.graph.add_node(
            self.pydot.Node(
                _quote_name(name), id=f'"{dot_id}"', label=label(lines), **attrs
            )
        )

    def _emphasis_claim(self, key: str, classes: list[str], attrs) -> list[str]:
        kind = self.emphasis.get(key)
        if kind is None:
            return []
        self.used_emphasis.add(kind)
        classes.append(kind)
        return _emphasis_style(kind, attrs)

    def add_external(self, ref: str) -> None:
        if ref in self.names:
            return
        self.has_external = True
        name = self.node_name(ref)
        lines, tooltip = self._external_relation(ref) or self._external_claim(ref)
        dot_id = self._element_id(f"claim-{ref}", "claim")
        self._register(dot_id, f"claim-{ref}", ["claim", "external"], tooltip)
        self.graph.add_node(
            self.pydot.Node(
                _quote_name(name),
                id=f'"{dot_id}"',
                label=label(lines),
                style='"rounded,dashed"',
                color='"#777777"',
                fontcolor='"#555555"',
            )
        )

    def _external_claim(self, ref: str) -> tuple[list[str], str]:
        """Label and tooltip of another map's claim: its text when that map is known."""
        map_id, local = split_ref(ref)
        other = self.others.get(map_id) if map_id else None
        known = other.claims.get(local) if other is not None else None
        lines = (
            [f"↗ {map_id}"] + wrap_text(known.text if known else local, self.wrap)
            if map_id
            else wrap_text(ref, self.wrap)
        )
        return lines, f"{ref} (in another map)" + (f": {known.text}" if known else "")

    def _external_relation(self, ref: str) -> tuple[list[str], str] | None:
        """Label and tooltip of another map's relation that an undercut attacks."""
        owner, local = split_relation_ref(ref)
        other = self.others.get(owner) if owner else None
        relation = other.relation(local) if other is not None else None
        if relation is not None:
            ends = (relation.source, relation.target)
            kind = {"supports": "support", "rebuts": "rebuttal"}.get(
                relation.kind, "link"
            )
        elif ARROW in local:
            ends, kind = tuple(local.split(ARROW, 1)), "link"
        else:
            return None  # a claim, or a relation id nobody can resolve

        def said(claim_id: str) -> str:
            claim = other.claims.get(claim_id) if other is not None else None
            return claim.text if claim is not None else claim_id

        lines = [f"↗ {owner or 'another map'}: the {kind} from"]
        lines += (
            wrap_text(said(ends[0]), self.wrap)
            + ["to"]
            + wrap_text(said(ends[1]), self.wrap)
        )
        return (
            lines,
            f"{ref} (a relation in another map): {said(ends[0])} {kind} {said(ends[1])}",
        )

    # relations ------------------------------------------------------------
    def endpoint(self, ref: str) -> str:
        if ref not in self.amap.claims:
            self.add_external(ref)
        return self.node_name(ref)

    def needs_junction(self, relation: Relation, undercut_targets: set[int]) -> bool:
        return bool(relation.linked) or id(relation) in undercut_targets

    def add_relation(self, relation: Relation, undercut_targets: set[int]) -> None:
        kind = relation.kind
        self.used_kinds.add(kind)
        style = dict(KIND_STYLE[kind])
        classes = ["relation", kind]
        edge_attrs: dict[str, str] = {}
        label_parts: list[str] = []
        if relation.scheme:
            label_parts.append(relation.scheme)
        if relation.weight != 1.0:
            label_parts.append(f"{relation.weight:g}")
            edge_attrs["penwidth"] = f"{0.6 + 1.4 * relation.weight:.2f}"
        else:
            edge_attrs["penwidth"] = "1.6"
        if relation.asserted_by and self.composite and self._cross(relation):
            # Only when it adds something: who asserts it is not just the
            # source of its premise (e.g. the same link drawn by two sources).
            label_parts.append(
                "+".join(
                    self.styles[m].letter if m in self.styles else m
                    for m in sorted(relation.asserted_by)
                )
            )
        emph = self.emphasis.get(relation.key)
        if emph:
            self.used_emphasis.add(emph)
            classes.append(emph)
            if emph == "tension":
                edge_attrs["penwidth"] = "3.5"
                style["style"] = "bold" if style["style"] == "solid" else "dashed"
                label_parts.insert(0, "⚡")
            elif emph == "added":
                label_parts.insert(0, "+ added")
            else:
                style.update(color=REMOVED_COLOR, style="dotted")
                label_parts.insert(0, "− removed")
        edge_attrs.update(
            color=f'"{style["color"]}"',
            fontcolor=f'"{style["color"]}"',
            style=style["style"],
        )
        text_label = label([" ".join(label_parts)]) if label_parts else None
        base = _relation_pretty_id(relation)
        title = _relation_title(relation)
        source = self.endpoint(relation.source)
        target = self._target_name(relation)
        if not self.needs_junction(relation, undercut_targets):
            dot_id = self._element_id(base, "rel")
            self._register(dot_id, base, classes, title)
            self._edge(
                source,
                target,
                dot_id,
                edge_attrs,
                arrowhead=style["arrowhead"],
                text=text_label,
            )
            return
        junction = self.junction_name(relation)
        j_id = self._element_id(f"{base}-junction", "rel")
        self._register(j_id, f"{base}-junction", [*classes, "junction"], title)
        self.graph.add_node(
            self.pydot.Node(
                _quote_name(junction),
                id=f'"{j_id}"',
                shape="point",
                width="0.09",
                label='""',
                style="filled",
                color=f'"{style["color"]}"',
                fillcolor=f'"{style["color"]}"',
            )
        )
        for premise in (relation.source, *relation.linked):
            seg = f"{base}-from-{premise}"
            seg_id = self._element_id(seg, "rel")
            self._register(seg_id, seg, classes, title)
            self._edge(self.endpoint(premise), junction, seg_id, edge_attrs, "none")
        dot_id = self._element_id(base, "rel")
        self._register(dot_id, base, classes, title)
        self._edge(
            junction,
            target,
            dot_id,
            edge_attrs,
            arrowhead=style["arrowhead"],
            text=text_label,
        )

    def _cross(self, relation: Relation) -> bool:
        own = set(self.amap.sources_of(relation.source))
        return set(relation.asserted_by) != own

    def junction_name(self, relation: Relation) -> str:
        if id(relation) not in self.junctions:
            self.junctions[id(relation)] = self._fresh("j")
        return self.junctions[id(relation)]

    def _target_name(self, relation: Relation) -> str:
        if relation.kind != "undercuts":
            return self.endpoint(relation.target)
        target = self.amap.relation(relation.target)
        if target is not None:
            return self.junction_name(target)
        # The relation lives in another map (or nowhere): draw its key as a reference.
        return self.endpoint(relation.target)

    def _edge(self, tail, head, dot_id, attrs, arrowhead, text=None) -> None:
        extra = {"label": text} if text else {}
        self.graph.add_edge(
            self.pydot.Edge(
                _quote_name(tail),
                _quote_name(head),
                id=f'"{dot_id}"',
                arrowhead=arrowhead,
                **attrs,
                **extra,
            )
        )

    # legend -----------------------------------------------------------------
    def add_legend(self) -> None:
        pydot = self.pydot
        cluster = pydot.Cluster(
            "legend",
            label='"Legend"',
            id='"legend"',
            fontsize="10",
            style='"rounded,dashed"',
            color='"#AAAAAA"',
            margin="10",
            labelloc="b" if self.direction == "BT" else "t",
        )
        self._register("legend", "legend", ["legend"], "Legend")
        # One row: a column of items would take the whole graph's rank spacing.
        row = pydot.Subgraph(rank="same")
        cluster.add_subgraph(row)
        previous = None

        def item(node_attrs: dict, edge: dict | None = None) -> None:
            nonlocal previous
            name = self._fresh("legend")
            self._register(name, name, ["legend-item"], "")
            row.add_node(
                pydot.Node(
                    _quote_name(name), id=f'"{name}"', fontsize="9", **node_attrs
                )
            )
            if edge is not None:
                tip = self._fresh("legend")
                row.add_node(
                    pydot.Node(
                        _quote_name(tip),
                        shape="point",
                        width="0.02",
                        style="invis",
                        label='""',
                    )
                )
                row.add_edge(pydot.Edge(_quote_name(name), _quote_name(tip), **edge))
                name = tip
            if previous is not None:  # keep the items in the order listed
                row.add_edge(
                    pydot.Edge(_quote_name(previous), _quote_name(name), style="invis")
                )
            previous = name

        plain = {"shape": "plaintext", "style": '""'}
        for kind in ("supports", "rebuts", "undercuts"):
            if kind not in self.used_kinds:
                continue
            style = KIND_STYLE[kind]
            item(
                {**plain, "label": dot_string(kind)},
                {
                    "color": f'"{style["color"]}"',
                    "style": style["style"],
                    "arrowhead": style["arrowhead"],
                    "penwidth": "1.6",
                    "minlen": "2",
                },
            )
        if any(c.is_thesis for c in self.amap.claims.values()):
            item({"label": label(["THESIS", "thesis"]), "penwidth": "2.6"})
        if self.has_external:
            item(
                {
                    "label": dot_string("claim of another map"),
                    "style": '"rounded,dashed"',
                    "color": '"#777777"',
                }
            )
        for kind in EMPHASES:
            if kind not in self.used_emphasis:
                continue
            attrs: dict[str, str] = {}
            lines = _emphasis_style(kind, attrs)
            item(dict(label=label(lines), **attrs))
        names = _source_titles(self.amap)
        for map_id in sorted(self.sources, key=lambda m: _letter_order(self.styles[m])):
            color = self.styles[map_id].color
            text = f"{self.styles[map_id].letter}: {map_id}"
            lines = wrap_text(text, 40)
            if names.get(map_id):
                lines += wrap_text(names[map_id], 40)
            item(
                {
                    "label": label(lines),
                    "fillcolor": f'"{_tint(color)}"',
                    "color": f'"{color}"',
                    "penwidth": "2",
                }
            )
        if previous is not None:
            self.graph.add_subgraph(cluster)


def build_dot(
    amap: ArgumentMap,
    *,
    direction: str = "BT",
    legend: bool = True,
    emphasis: Mapping[str, str] | None = None,
    title: bool = True,
    wrap: int = WRAP,
    others: Mapping[str, ArgumentMap] | None = None,
    styles: Mapping[str, SourceStyle] | None = None,
) -> DotGraph:
    """The DOT graph of *amap* and the SVG facts of each drawn element.

    *direction* is Graphviz's rankdir: ``BT`` (default) puts the thesis on
    top with supports pointing up at it.  *emphasis* maps claim ids and
    relation keys to ``"tension"``, ``"added"`` or ``"removed"``.  *others*
    (maps by id) lets a claim of another map show its text, not only its id.
    *styles* (from :func:`source_styles`) fixes the letter and colour of each
    source, so that several diagrams of one page agree; by default the
    map's own sources are assigned in sorted order.
    """
    direction = direction.upper()
    if direction not in DIRECTIONS:
        raise ValueError(
            f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}"
        )
    emphasis = dict(emphasis or {})
    for key, kind in emphasis.items():
        if kind not in EMPHASES:
            raise ValueError(
                f"emphasis for {key!r} must be one of {', '.join(EMPHASES)}, not {kind!r}"
            )
    with paused():  # many small objects, no cycles: see argmap._gc
        builder = _Builder(amap, direction, legend, emphasis, title, wrap, styles)
        builder.others = dict(others or {})
        for claim in amap.claims.values():
            builder.add_claim(claim)
        undercut_targets = {
            id(target)
            for r in amap.undercuts()
            if (target := amap.relation(r.target)) is not None
        }
        for relation in amap.relations:
            builder.add_relation(relation, undercut_targets)
        if legend:
            builder.add_legend()
        source = builder.graph.to_string()
        del builder.graph  # freed by reference counting, before the collector returns
    return DotGraph(
        source, builder.elements, map_id=amap.id, title=amap.title or amap.id
    )


# -- helpers ----------------------------------------------------------------------


def _emphasis_style(kind: str, attrs: dict) -> list[str]:
    """Node attributes and marker line of an emphasised claim (never colour alone)."""
    if kind == "tension":
        attrs.update(penwidth="4", color=f'"{TENSION_COLOR}"')
        return ["⚡ tension"]
    if kind == "added":
        attrs.update(peripheries="2")
        return ["+ added"]
    attrs.update(
        style='"rounded,filled,dashed"',
        color=f'"{REMOVED_COLOR}"',
        fontcolor=f'"{REMOVED_COLOR}"',
        fillcolor='"#F4F4F4"',
    )
    return ["− removed"]


def _relation_pretty_id(relation: Relation) -> str:
    if relation.id:
        return f"rel-{relation.id}"
    return f"rel-{relation.source}-{relation.kind}-{relation.target}"


def _claim_title(claim: Claim) -> str:
    parts = [claim.text]
    if claim.quote:
        parts.append(f"“{claim.quote}”")
    for p in claim.provenance:
        if p.quote and p.quote != claim.quote:
            parts.append(f"{p.map}: “{p.quote}”")
    if claim.note:
        parts.append(f"Note: {claim.note}")
    meta = [f"id: {claim.id}"]
    if claim.role:
        meta.append(f"role: {claim.role}")
    if claim.tags:
        meta.append("tags: " + ", ".join(claim.tags))
    if claim.provenance:
        meta.append("sources: " + ", ".join(claim.sources()))
    parts.append("; ".join(meta))
    return "\n\n".join(parts)


def _relation_title(relation: Relation) -> str:
    linked = "".join(f" + {c}" for c in relation.linked)
    text = f"{relation.source}{linked} {relation.kind} {relation.target}"
    if relation.weight != 1.0:
        text += f" (weight {relation.weight:g})"
    if relation.scheme:
        text += f" [scheme: {relation.scheme}]"
    if relation.asserted_by:
        text += "; asserted by " + ", ".join(sorted(relation.asserted_by))
    if relation.note:
        text += f"\n\n{relation.note}"
    return text


def _source_titles(amap: ArgumentMap) -> dict[str, str]:
    return {m.id: m.title or "" for m in amap.merged_from}


def _letter_order(style: SourceStyle) -> tuple[int, str]:
    return len(style.letter), style.letter


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _tint(color: str, amount: float = 0.78) -> str:
    """*color* mixed with white, light enough for black text on top."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02X}" for c in mix)
