"""An argument map as a Graphviz DOT graph (:mod:`argmap.render.dottext`): the structure.

This module decides what is drawn and how it is connected; how it looks
(colours, line styles, fonts, spacing) is data in :mod:`argmap.render.theme`,
the legend is :mod:`argmap.render.legend`, names/ids/tooltips are
:mod:`argmap.render.elements` and label text is :mod:`argmap.render.labels`.

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
Names that used to live here (``PALETTE``, ``SourceStyle``, ``source_styles``,
``dot_string``, ``wrap_text``, ``WRAP``, ``EMPHASES``) are re-exported.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from argmap._gc import paused
from argmap.model import (
    ARROW,
    ArgumentMap,
    Claim,
    Relation,
    split_ref,
    split_relation_ref,
)
from argmap.render.compact import stagger_edges
from argmap.render.dottext import Edge, Graph, Node, dot_text
from argmap.render.elements import (
    Element,
    Elements,
    claim_title,
    pos_attr,
    relation_ends,
    relation_pretty_id,
    relation_title,
)
from argmap.render.hidden import add_hidden
from argmap.render.labels import WRAP, box_width, dot_string, label, wrap_text
from argmap.render.layout import Pinned, Plan, plan, rank_groups
from argmap.render.legend import LegendContent, LegendSource, add_legend
from argmap.render.theme import (
    DEFAULT_THEME,
    EMPHASES,
    PALETTE,
    SourceStyle,
    Theme,
    letter_order,
    source_styles,
    tint,
)

if TYPE_CHECKING:
    from argmap.render.views import Hidden

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


def marks_sources(amap: ArgumentMap) -> bool:
    """Whether diagrams of *amap* mark claims by source: only a map made of
    several (merged, or an extension on its base) does; a plain map's claims
    are all its own."""
    return bool(amap.merged_from) or any(c.provenance for c in amap)


@dataclass
class DotGraph:
    """The DOT source and, by DOT ``id``, the elements it draws."""

    source: str
    elements: dict[str, Element] = field(default_factory=dict)
    map_id: str = ""
    title: str = ""
    #: The map's language (``source.language``), for fonts and ``xml:lang``.
    language: str = ""
    #: DOT node name -> the claim (or reference) it draws.
    node_claims: dict[str, str] = field(default_factory=dict)
    #: A pinned layout's legend box (x0, y0, x1, y1, Graphviz points), which
    #: the SVG post-processing draws, and whether its label goes at the bottom.
    legend_box: tuple[float, float, float, float] | None = None
    legend_label_bottom: bool = True
    #: A claim pinned at a known centre (claim, x, y): neato moves the whole
    #: drawing, and the legend box moves with it.
    legend_anchor: tuple[str, float, float] | None = None
    #: Ranks, branch order and branch tree of the drawn nodes (DOT names;
    #: :mod:`argmap.render.layout`), for laying them out; None when pinned.
    plan: Plan | None = None
    #: Graphviz's rankdir.
    direction: str = "BT"


# -- building -------------------------------------------------------------------


class _Builder:
    """Adds a map's claims and relations to a DOT graph; the look comes from the theme."""

    def __init__(
        self,
        amap: ArgumentMap,
        *,
        direction: str,
        emphasis: Mapping[str, str],
        title: bool,
        wrap: int,
        styles: Mapping[str, SourceStyle] | None,
        others: Mapping[str, ArgumentMap],
        pinned: Pinned | None = None,
        theme: Theme = DEFAULT_THEME,
        context: frozenset[str] = frozenset(),
        stagger: int | None = None,
        reserve: Mapping[str, str] | None = None,
        facts: bool = True,
    ) -> None:
        self.theme = theme
        self.amap = amap
        self.direction = direction
        self.emphasis = dict(emphasis)
        self.wrap = wrap
        self.elements = Elements(facts)
        #: Node names in the order drawn and edges as (tail, head, DOT edge),
        #: for the stable layout (:mod:`argmap.render.layout`).
        self.nodes: list[str] = []
        self.edges: list[tuple[str, str, Edge]] = []
        self.attacks: set[tuple[str, str]] = set()  # attacks' edges into the target
        self.node_claims: dict[str, str] = {}
        #: dot_string of a node name, worked out once per name.
        self.quoted: Callable[[str], str] = functools.cache(dot_string)
        self.pinned = pinned
        self.plan: Plan | None = None
        self.junctions: dict[int, str] = {}  # id(relation) -> junction node name
        self.used_kinds: set[str] = set()
        self.used_emphasis: set[str] = set()
        self.used_suggested = False
        self.has_external = False
        #: Claims drawn only as context (a tag view's ancestors); whether
        #: the diagram draws a hidden branch (:mod:`argmap.render.hidden`).
        self.context = context
        self.used_hidden = False
        self.reserve = dict(reserve or {})  # claim id -> a last line (a tab's room)
        #: At most this many children of one claim on a rank (render.compact).
        self.stagger = stagger
        #: Maps by id, so that a claim of another map shows its text.
        self.others = others
        self.composite = marks_sources(amap)
        self.sources = amap.source_ids() if self.composite else ()
        self.styles = dict(styles or {})
        # A source the caller's assignment lacks gets the next letters.
        missing = [m for m in self.sources if m not in self.styles]
        self.styles.update(
            source_styles(missing, start=len(self.styles), palette=theme.palette)
        )
        graph_attrs: dict[str, str] = {
            "rankdir": direction,
            **theme.graph,
            "id": dot_string("graph"),
        }
        if title and amap.title:
            graph_attrs.update(
                label=label(wrap_text(amap.title, 80)), labelloc="t", labeljust="c"
            )
        if pinned is not None:  # neato draws: nodes stay put, edges avoid them
            # overlap=false lets neato's router route around the (pinned,
            # non-overlapping) boxes; with overlap=true it draws straight lines.
            graph_attrs.update(splines="true", overlap="false", notranslate="true")
            if pinned.attached:  # a tab hangs budget.BADGE_GAP under its claim
                graph_attrs.update(sep='"+1"', esep='"+0.5"')
        self.graph = Graph("argmap", graph_attrs, kind="digraph")
        self.graph.set_node_defaults(**theme.node)
        self.graph.set_edge_defaults(**theme.edge)

    def _node(
        self, name: str, dot_id: str | None, lines: list[str] | None, **attrs: str
    ) -> None:
        """Add a node; a labelled one is made wide enough for its measured lines."""
        extra = {} if dot_id is None else {"id": dot_string(dot_id)}
        if lines is not None:
            extra["label"] = label(lines)
            attrs["width"] = box_width(
                lines, float(self.theme.node["fontsize"]), self.theme.node["margin"]
            )
        if self.pinned is not None and name in self.pinned.positions:
            x, y = self.pinned.positions[name]
            attrs["pos"] = pos_attr(x, y, self.pinned.points)
            if name in self.pinned.sizes:
                width, height = self.pinned.sizes[name]
                attrs.update(width=f"{width:.4f}", height=f"{height:.4f}")
        self.graph.add_node(Node(self.quoted(name), {**extra, **attrs}))
        self.nodes.append(name)

    # claims ---------------------------------------------------------------
    def add_claim(self, claim: Claim) -> None:
        theme = self.theme
        name = self.elements.node_name(claim.id)
        classes = ["claim"]
        header: list[str] = []
        attrs: dict[str, str] = {}
        role = "thesis" if claim.is_thesis else (claim.role or "")
        if role:
            classes.append(role)
        if role in theme.headers:
            header.append(theme.headers[role])
        attrs.update(theme.roles.get(role, {}))
        sources = self.amap.sources_of(claim.id) if self.composite else ()
        if sources:
            badge = "+".join(self.styles[s].letter for s in sources)
            header.append(f"source{'s' if len(sources) > 1 else ''} {badge}")
            if len(sources) == 1:
                color = self.styles[sources[0]].color
                attrs.update(fillcolor=tint(color), color=color)
                attrs.setdefault("penwidth", theme.source_penwidth)
            else:
                classes.append("multi-source")
                attrs.update(theme.multi_source)
        lines = [" · ".join(header)] if header else []
        if claim.id in self.context:
            classes.append("context")
            attrs.update(theme.context)
        emphasis = self.emphasis.get(claim.id)
        if emphasis is not None:
            self.used_emphasis.add(emphasis)
            classes.append(emphasis)
            attrs.update(theme.emphasis[emphasis].claim)
            lines.append(theme.emphasis[emphasis].claim_mark)
        lines += wrap_text(claim.text, self.wrap)
        if claim.id in self.reserve:
            lines.append(self.reserve[claim.id])
        dot_id = self.elements.dot_id(f"claim-{claim.id}", "claim")
        title = claim_title(claim) if self.elements.facts else ""
        self.elements.register(dot_id, f"claim-{claim.id}", classes, title, claim.id)
        self.node_claims[name] = claim.id
        self._node(name, dot_id, lines, **attrs)

    def add_external(self, ref: str) -> None:
        if self.elements.has_node(ref):
            return
        self.has_external = True
        name = self.elements.node_name(ref)
        lines, tooltip = self._external_relation(ref) or self._external_claim(ref)
        dot_id = self.elements.dot_id(f"claim-{ref}", "claim")
        self.elements.register(
            dot_id, f"claim-{ref}", ["claim", "external"], tooltip, ref
        )
        self.node_claims[name] = ref
        self._node(name, dot_id, lines, **self.theme.external)

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
            ends: tuple[str, ...] = (relation.source, relation.target)
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
        return self.elements.node_name(ref)

    def add_relation(self, relation: Relation, undercut_targets: set[int]) -> None:
        theme = self.theme
        kind = relation.kind
        self.used_kinds.add(kind)
        style = theme.relations[kind]
        color, line = style.color, style.style
        classes = ["relation", kind]
        penwidth = theme.relation_penwidth
        label_parts: list[str] = []
        if relation.scheme:
            label_parts.append(relation.scheme)
        if relation.weight != 1.0:
            label_parts.append(f"{relation.weight:g}")
            penwidth = f"{0.6 + 1.4 * relation.weight:.2f}"
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
            marked = theme.emphasis[emph]
            label_parts.insert(0, marked.relation_mark)
            penwidth = marked.relation_penwidth or penwidth
            color = marked.relation_color or color
            if marked.relation_style == "bold":
                line = "bold" if line == "solid" else "dashed"
            elif marked.relation_style:
                line = marked.relation_style
        if relation.suggested:
            # a link argmap align suggested: dotted, and the word on the edge
            self.used_suggested = True
            classes.append("suggested")
            label_parts.insert(0, theme.suggested_mark)
            line = theme.suggested_style
        edge_attrs = {
            "penwidth": penwidth,
            "color": color,
            "fontcolor": color,
            "style": line,
        }
        text_label = " ".join(label_parts) if label_parts else None
        base = relation_pretty_id(relation)
        title = relation_title(relation) if self.elements.facts else ""  # SVG only
        ends = relation_ends(self.amap, relation) if self.elements.facts else ()
        source = self.endpoint(relation.source)
        target = self._target_name(relation)
        simple = not (relation.linked or id(relation) in undercut_targets)
        last = source if simple else self.junction_name(relation)
        if relation.is_attack:
            self.attacks.add((last, target))
        if simple:
            dot_id = self.elements.dot_id(base, "rel")
            self.elements.register(dot_id, base, classes, title, ends=ends)
            self._edge(source, target, dot_id, edge_attrs, style.arrowhead, text_label)
            return
        # Linked premises, or a relation an undercut attacks: meet in a junction.
        j_id = self.elements.dot_id(f"{base}-junction", "rel")
        self.elements.register(
            j_id, f"{base}-junction", [*classes, "junction"], title, ends=ends
        )
        self._node(
            last,
            j_id,
            None,
            **theme.junction,
            color=style.color,
            fillcolor=style.color,
        )
        for premise in (relation.source, *relation.linked):
            seg = f"{base}-from-{premise}"
            seg_id = self.elements.dot_id(seg, "rel")
            self.elements.register(seg_id, seg, classes, title, ends=ends)
            self._edge(self.endpoint(premise), last, seg_id, edge_attrs, "none")
        dot_id = self.elements.dot_id(base, "rel")
        self.elements.register(dot_id, base, classes, title, ends=ends)
        self._edge(last, target, dot_id, edge_attrs, style.arrowhead, text_label)

    def _cross(self, relation: Relation) -> bool:
        own = set(self.amap.sources_of(relation.source))
        return set(relation.asserted_by) != own

    def junction_name(self, relation: Relation) -> str:
        if id(relation) not in self.junctions:
            self.junctions[id(relation)] = self.elements.fresh("j")
        return self.junctions[id(relation)]

    def _target_name(self, relation: Relation) -> str:
        if relation.kind != "undercuts":
            return self.endpoint(relation.target)
        target = self.amap.relation(relation.target)
        if target is not None:
            return self.junction_name(target)
        # The relation lives in another map (or nowhere): draw its key as a reference.
        return self.endpoint(relation.target)

    def _edge(
        self,
        tail: str,
        head: str,
        dot_id: str,
        attrs: Mapping[str, str],
        arrowhead: str,
        text: str | None = None,
    ) -> None:
        extra = {"label": label([text])} if text else {}
        edge = Edge(
            self.quoted(tail),
            self.quoted(head),
            {"id": dot_string(dot_id), "arrowhead": arrowhead, **attrs, **extra},
        )
        self.edges.append((tail, head, edge))
        self.graph.add_edge(edge)

    # layout -----------------------------------------------------------------
    def pin_layout(self) -> None:
        """Ranks and order by branch (see :mod:`argmap.render.layout`)."""
        if self.pinned is not None:
            return  # positions are fixed; neato ignores ranks
        name_of = self.elements.node_name
        theses = [name_of(c.id) for c in self.amap.claims.values() if c.is_thesis]
        edges = [(t, h) for t, h, _ in self.edges]
        layout = plan(self.nodes, edges, theses, attacks=self.attacks)
        if self.stagger:  # wide families over several ranks (render.compact)
            layout = stagger_edges(layout, self.edges, self.stagger)
        self.plan = layout
        for tail, head, edge in self.edges:
            if (tail, head) in layout.back_edges:
                edge.set("constraint", "false")
        invisible = {"style": "invis"}  # one dict: nothing sets these edges' attributes
        for group in (g for g in rank_groups(layout) if len(g) > 1):
            row = Graph(attrs={"rank": "same"})
            for name in group:
                row.add_node(Node(self.quoted(name)))
            for left, right in itertools.pairwise(group):
                row.add_edge(Edge(self.quoted(left), self.quoted(right), invisible))
            self.graph.add_subgraph(row)

    # legend -----------------------------------------------------------------
    def legend_content(self) -> LegendContent:
        titles = {m.id: m.title or "" for m in self.amap.merged_from}
        ordered = sorted(self.sources, key=lambda m: letter_order(self.styles[m]))
        return LegendContent(
            kinds=self.used_kinds,
            thesis=any(c.is_thesis for c in self.amap.claims.values()),
            external=self.has_external,
            emphasis=self.used_emphasis,
            suggested=self.used_suggested,
            hidden=self.used_hidden,
            context=bool(self.context),
            sources=[
                LegendSource(
                    self.styles[m].letter, self.styles[m].color, m, titles.get(m, "")
                )
                for m in ordered
            ],
        )


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
    pinned: Pinned | None = None,
    hidden: Hidden | None = None,
    stagger: int | None = None,
    theme: Theme = DEFAULT_THEME,
    reserve: Mapping[str, str] | None = None,
    facts: bool = True,
) -> DotGraph:
    """The DOT graph of *amap* and the SVG facts of each drawn element.

    *direction* is Graphviz's rankdir: ``BT`` (default) puts the thesis on
    top with supports pointing up at it.  *emphasis* maps claim ids and
    relation keys to ``"tension"``, ``"added"`` or ``"removed"``.  *others*
    (maps by id) lets a claim of another map show its text, not only its id.
    *styles* (from :func:`source_styles`) fixes the letter and colour of each
    source, so that several diagrams of one page agree; by default the
    map's own sources are assigned in sorted order.  *pinned* fixes node
    positions for ``neato`` (see :mod:`argmap.render.pinning`).  *hidden*
    (a :class:`~argmap.render.views.View`'s) draws what an overview left
    out: a box per hidden branch, a dotted line per hidden link, context
    claims in grey (:mod:`argmap.render.hidden`).  *stagger* spreads the
    children of a claim with more than that many over several ranks
    (:mod:`argmap.render.compact`).  *theme* is the look
    (:data:`argmap.render.theme.THEMES`).  *reserve* (claim id -> text) adds a
    last line to those boxes: room for a tab (:func:`budget.two_pass_graph`).
    *facts* false leaves out the elements' SVG facts: the same DOT text, sooner.
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
        builder = _Builder(
            amap,
            direction=direction,
            emphasis=emphasis,
            title=title,
            wrap=wrap,
            styles=styles,
            others=dict(others or {}),
            pinned=pinned,
            context=hidden.context if hidden else frozenset(),
            stagger=stagger,
            theme=theme,
            reserve=reserve,
            facts=facts,
        )
        for claim in amap.claims.values():
            builder.add_claim(claim)
        undercut_targets = {
            id(target)
            for r in amap.undercuts()
            if (target := amap.relation(r.target)) is not None
        }
        for relation in amap.relations:
            builder.add_relation(relation, undercut_targets)
        if hidden:
            add_hidden(builder, hidden)
        builder.pin_layout()
        if legend:
            add_legend(
                builder.graph,
                builder.legend_content(),
                theme=builder.theme,
                direction=direction,
                elements=builder.elements,
                pinned=pinned.positions if pinned else None,
                points=pinned is not None and pinned.points,
            )
        source = dot_text(builder.graph)
        del builder.graph  # freed by reference counting, before the collector returns
    return DotGraph(
        source,
        builder.elements.by_dot_id,
        map_id=amap.id,
        title=amap.title or amap.id,
        language=(amap.source.language if amap.source else None) or "",
        node_claims=builder.node_claims,
        legend_box=pinned.legend if pinned is not None and legend else None,
        legend_label_bottom=direction == "BT",
        legend_anchor=pinned.anchor(builder.node_claims) if pinned else None,
        plan=builder.plan,
        direction=direction,
    )
