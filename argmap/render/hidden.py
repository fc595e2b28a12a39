"""What an overview hides, drawn: a box per hidden branch, a line per hidden link.

A :class:`~argmap.render.views.HiddenBranch` becomes a dashed grey box
"+ 37 claims (12 attacks)" whose tooltip lists the claims it holds (class
``hidden-branch``, SVG id ``hidden-N``); a
:class:`~argmap.render.views.HiddenLink` becomes a dotted line in its
relation kind's colour and arrowhead, labelled ``×N`` when it stands for
several relations (class ``hidden-link`` and the kind).  The builder draws
the shown claims; this module only adds to its graph.

An overview is for reading at a glance, so not every hidden link is drawn:
a link between a branch and its anchor is (it places the box under the
claim it belongs to); a link between a branch and another shown claim is
drawn without constraining the ranks (``constraint=false``); links between
two branches are not drawn -- a branch's tooltip counts them instead.

The ``packed`` overviews (:mod:`argmap.render.budget`) attach a branch to
its anchor instead (:attr:`~argmap.render.dot.Pinned.attached`): the box,
a 9 pt tab in the compact theme, hangs right under the anchor's box, in a
line of room the layout pass reserved in that box, and the line between
them is not drawn (its DOT id is still taken, so that names match the
layout pass).  Its id, class and tooltip are the same, so the explorer
treats it alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.render.dottext import Edge
from argmap.render.labels import box_width, dot_string, label

if TYPE_CHECKING:
    from argmap.render.dot import _Builder
    from argmap.render.views import Hidden

__all__ = ["add_hidden"]


def add_hidden(builder: _Builder, hidden: Hidden) -> None:
    """Add *hidden*'s branches and links to *builder*'s graph."""
    theme = builder.theme
    names: dict[str, str] = {}
    said = {b.id: b.label for b in hidden.branches}
    anchors = {b.id: b.anchor for b in hidden.branches}
    between: dict[str, int] = {}
    for link in hidden.links:
        if link.tail in anchors and link.head in anchors:
            for branch_id in (link.tail, link.head):
                between[branch_id] = between.get(branch_id, 0) + link.count
    pinned = builder.pinned
    attached = pinned.attached if pinned is not None else frozenset()
    for branch in hidden.branches:
        name = builder.elements.fresh("hidden")
        names[branch.id] = name
        tooltip = branch.tooltip
        if between.get(branch.id):
            n = between[branch.id]
            tooltip += (
                f"\n\n{n} relation{'s' if n != 1 else ''} to other collapsed "
                "branches, not drawn"
            )
        builder.elements.register(
            name, branch.id, ["hidden-branch"], tooltip, ends=(branch.id,)
        )
        size = float(theme.hidden.get("fontsize", theme.node["fontsize"]))
        margin = theme.hidden.get("margin", theme.node["margin"])
        builder._node(
            name,
            name,
            None,
            label=label([branch.label]),
            width=box_width([branch.label], size, margin),
            **theme.hidden,
        )
    if hidden.branches:
        builder.used_hidden = True

    def end(ref: str) -> str:
        return names[ref] if ref in names else builder.endpoint(ref)

    for link in hidden.links:
        if link.tail in anchors and link.head in anchors:
            continue
        dot_id = builder.elements.fresh("hidden-link")  # names as in the layout pass
        if {link.tail, link.head} & attached and (
            anchors.get(link.tail) == link.head or anchors.get(link.head) == link.tail
        ):
            continue  # a badge right under its anchor's box: no line to draw
        style = theme.relations[link.kind]
        many = f"{link.count} {link.kind}" if link.count != 1 else link.kind
        builder.elements.register(
            dot_id,
            f"{link.tail}-{link.kind}-{link.head}-hidden",
            ["hidden-link", link.kind],
            f"{many} not drawn, from {said.get(link.tail, link.tail)} "
            f"to {said.get(link.head, link.head)}",
            ends=(link.tail, link.head),
        )
        attrs = {"color": style.color, "fontcolor": style.color, **theme.hidden_link}
        text = f"×{link.count}" if link.count > 1 else None
        tail, head = end(link.tail), end(link.head)
        anchored = anchors.get(link.tail) == link.head or (
            anchors.get(link.head) == link.tail
        )
        if anchored:  # places the box: the stable layout ranks it too
            builder._edge(tail, head, dot_id, attrs, style.arrowhead, text)
            continue
        extra = {"label": label([text])} if text else {}
        builder.graph.add_edge(
            Edge(
                dot_string(tail),
                dot_string(head),
                {
                    "id": dot_string(dot_id),
                    "arrowhead": style.arrowhead,
                    "constraint": "false",
                    **attrs,
                    **extra,
                },
            )
        )
