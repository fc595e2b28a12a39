"""The legend of a diagram: one row of samples, in a dashed cluster.

It lists only what the diagram draws: the relation kinds used (a sample
edge each), the thesis, a claim of another map, the emphases used, and the
sources of a merged map (letter, map id and title, in their colours).  The
items sit in one ``rank=same`` row, chained by invisible edges so that they
keep the order listed; a column of items would take the whole graph's rank
spacing.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from argmap.model import RELATION_KINDS
from argmap.render.dottext import Edge, Graph, Node, cluster
from argmap.render.elements import Elements, pos_attr
from argmap.render.labels import box_width, dot_string, label, wrap_text
from argmap.render.theme import EMPHASES, Theme, tint

__all__ = ["LegendContent", "LegendSource", "add_legend"]

#: Characters per line of a source's entry.
SOURCE_WRAP = 40


@dataclass(frozen=True)
class LegendSource:
    """One source map's entry: its letter and colour, id and title."""

    letter: str
    color: str
    map_id: str
    title: str


@dataclass(frozen=True)
class LegendContent:
    """What the diagram draws, so what the legend explains."""

    kinds: Collection[str]
    thesis: bool
    external: bool
    emphasis: Collection[str]
    sources: Sequence[LegendSource]
    #: Whether a relation suggested by ``argmap align`` is drawn.
    suggested: bool = False
    #: An overview's collapsed branch is drawn; a claim drawn only as context.
    hidden: bool = False
    context: bool = False


#: The colour of the legend's sample of a suggested link (any kind).
INK_GREY = "#555555"


def add_legend(
    graph: Graph,
    content: LegendContent,
    *,
    theme: Theme,
    direction: str,
    elements: Elements,
    pinned: Mapping[str, tuple[float, float]] | None = None,
    points: bool = False,
) -> None:
    """Add the legend cluster to the DOT *graph*; nothing when it would be empty.

    With *pinned* positions (a layout drawn by ``neato``, which draws no
    clusters) the items are pinned there and no cluster is made (*points*:
    positions for ``nop2``, see :func:`argmap.render.elements.pos_attr`).
    """
    cluster_attrs: dict[str, Any] = {
        "label": dot_string("Legend"),
        "id": dot_string("legend"),
        **theme.legend,
        "labelloc": "b" if direction == "BT" else "t",
    }
    elements.register("legend", "legend", ["legend"], "Legend")
    if pinned is not None:
        # neato draws no clusters, and a box node around the items would make
        # the edge router give up (nodes must not overlap): the box is drawn
        # into the SVG afterwards (argmap.render.svg, DotGraph.legend_box).
        legend = Graph("legend")
        row = legend
    else:
        legend = cluster("legend", cluster_attrs)
        row = Graph(attrs={"rank": "same"})
        legend.add_subgraph(row)

    def pin(name: str, attrs: dict[str, str]) -> dict[str, str]:
        if pinned is not None and name in pinned:
            x, y = pinned[name]
            return {**attrs, "pos": pos_attr(x, y, points)}
        return attrs

    previous: str | None = None

    size = float(theme.legend_item.get("fontsize", theme.node["fontsize"]))
    margin = theme.node["margin"]

    def item(
        lines: list[str], node_attrs: dict[str, str], edge: dict[str, str] | None = None
    ) -> None:
        nonlocal previous
        name = elements.fresh("legend")
        # "~" keeps the DOT name apart from any claim id; the SVG id needs no escape.
        elements.register(name, name.replace("~", "-"), ["legend-item"], "")
        attrs = {
            "id": dot_string(name),
            **theme.legend_item,
            "label": label(lines),
            **node_attrs,
            "width": box_width(lines, size, margin),
        }
        row.add_node(Node(dot_string(name), pin(name, attrs)))
        if edge is not None:
            tip = elements.fresh("legend")
            row.add_node(
                Node(
                    dot_string(tip),
                    pin(
                        tip,
                        {
                            "shape": "point",
                            "width": "0.02",
                            "style": "invis",
                            "label": "",
                        },
                    ),
                )
            )
            row.add_edge(Edge(dot_string(name), dot_string(tip), dict(edge)))
            name = tip
        if previous is not None:  # keep the items in the order listed
            row.add_edge(
                Edge(dot_string(previous), dot_string(name), {"style": "invis"})
            )
        previous = name

    plain = {"shape": "plaintext", "style": ""}
    for kind in RELATION_KINDS:
        if kind not in content.kinds:
            continue
        style = theme.relations[kind]
        item(
            [kind],
            plain,
            {
                "color": style.color,
                "style": style.style,
                "arrowhead": style.arrowhead,
                **theme.legend_edge,
            },
        )
    if content.suggested:
        item(
            [f"{theme.suggested_mark} (argmap align)"],
            plain,
            {
                "color": INK_GREY,
                "style": theme.suggested_style,
                "arrowhead": "normal",
                **theme.legend_edge,
            },
        )
    if content.thesis:
        item(
            [theme.headers["thesis"], "thesis"],
            {"penwidth": theme.roles["thesis"]["penwidth"]},
        )
    if content.external:
        item(
            ["claim of another map"],
            {"style": theme.external["style"], "color": theme.external["color"]},
        )
    for mark in EMPHASES:
        if mark not in content.emphasis:
            continue
        emphasis = theme.emphasis[mark]
        item([emphasis.claim_mark], dict(emphasis.claim))
    if content.hidden:
        box = {k: v for k, v in theme.hidden.items() if k != "fontsize"}
        item(["+ n claims", "collapsed branch"], box)
    if content.context:
        item(["context (leads to", "the claims selected)"], dict(theme.context))
    for source in content.sources:
        lines = wrap_text(f"{source.letter}: {source.map_id}", SOURCE_WRAP)
        if source.title:
            lines += wrap_text(source.title, SOURCE_WRAP)
        item(
            lines,
            {
                "fillcolor": tint(source.color),
                "color": source.color,
                "penwidth": theme.source_penwidth,
            },
        )
    if previous is not None:
        graph.add_subgraph(legend)
