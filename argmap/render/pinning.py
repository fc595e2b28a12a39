"""Fixed positions, drawn by ``neato``: the default layout, and layouts pinned to a previous render.

``neato`` with every node pinned (``pos="x,y!"``) only draws: it routes the
edges around the boxes.  Positions are chosen here, from a first pass of
``dot`` that gives every node's size and the legend's arrangement
(:func:`fresh_layout`, Graphviz's ``json0`` output):

* by default every node goes where :func:`argmap.render.layout.tidy_positions`
  puts it, and the legend below the drawing at its right (beside it for
  ``LR``/``RL``);
* with a previous render (``render --layout-from OLD.svg``, and ``--watch``,
  which pins each render to the one before; :func:`pinned_positions`):

  1. every claim the old SVG draws (its group's ``data-claim``) keeps its
     old centre;
  2. the fresh layout is moved onto the old one by the median offset of the
     claims both draw, and each new claim takes its moved fresh centre, then
     slides sideways along its rank to the nearest place where its box
     overlaps no other box (:data:`GAP` points apart);
  3. a junction point (linked premises, an undercut relation) goes halfway
     between its target and the mean of the nodes that point at it; the
     legend keeps its fresh arrangement, moved below the lowest box if it
     would overlap one.

Coordinates are Graphviz points with y pointing up (an SVG's y negated).
"""

from __future__ import annotations

import json
import re
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.errors import LayoutUnreadable

if TYPE_CHECKING:
    from argmap.model import ArgumentMap
    from argmap.render.dot import DotGraph

__all__ = [
    "Box",
    "Fresh",
    "fresh_layout",
    "old_positions",
    "pinned_graph",
    "pinned_positions",
    "read_layout",
]

_S = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
#: Names of the legend's nodes start so (argmap.render.legend; "~" is in no claim id).
LEGEND_PREFIX = "legend~"
#: Points kept between a new box and its neighbours.
GAP = 12.0
POINTS = 72.0


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    def overlaps(self, other: Box, gap: float = GAP) -> bool:
        return (
            abs(self.x - other.x) * 2 < self.width + other.width + 2 * gap
            and abs(self.y - other.y) * 2 < self.height + other.height + 2 * gap
        )

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.width, self.height)


def old_positions(svg: str, source: str = "OLD.svg") -> dict[str, tuple[float, float]]:
    """Centre of each claim's box (by claim id) in a render argmap made."""
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        raise LayoutUnreadable(
            source, f"not an SVG file argmap can read: {exc}"
        ) from None
    found: dict[str, tuple[float, float]] = {}
    for group in root.iter(f"{_S}g"):
        claim = group.get("data-claim")
        if claim is None:
            continue
        shape = group.find(f"{_S}path")
        if shape is None:
            shape = group.find(f"{_S}polygon")
        if shape is None:
            continue
        numbers = [
            float(n)
            for n in _NUMBER.findall(shape.get("d") or shape.get("points") or "")
        ]
        xs, ys = numbers[0::2], numbers[1::2]
        if xs and ys:
            found[claim] = ((min(xs) + max(xs)) / 2, -(min(ys) + max(ys)) / 2)
    if not found:
        raise LayoutUnreadable(
            source,
            "no claims found; give an SVG that argmap render wrote "
            "(its claim groups carry data-claim)",
        )
    return found


def _fresh_boxes(layout_json: bytes | str) -> tuple[dict[str, Box], dict, list]:
    data = json.loads(layout_json)
    boxes: dict[str, Box] = {}
    by_gvid: dict[int, str] = {}
    legend_bb = None
    for obj in data.get("objects", []):
        if obj.get("name") == "cluster_legend" and obj.get("bb"):
            legend_bb = [float(v) for v in obj["bb"].split(",")]
        pos = obj.get("pos")
        if not pos or "nodes" in obj:
            continue
        x, y = (float(v) for v in pos.split(","))
        boxes[obj["name"]] = Box(
            x, y, float(obj["width"]) * POINTS, float(obj["height"]) * POINTS
        )
        by_gvid[obj["_gvid"]] = obj["name"]
    edges = [
        (by_gvid[e["tail"]], by_gvid[e["head"]])
        for e in data.get("edges", [])
        if e["tail"] in by_gvid and e["head"] in by_gvid
    ]
    return boxes, {"legend": legend_bb}, edges


@dataclass(frozen=True)
class Fresh:
    """A fresh layout: every node's box (DOT name -> centre and size, points),
    the legend's box (x0, y0, x1, y1) and the edges (tail, head)."""

    boxes: dict[str, Box]
    legend: tuple[float, float, float, float] | None
    edges: list[tuple[str, str]]


def fresh_layout(layout_json: bytes | str, graph: DotGraph | None = None) -> Fresh:
    """The layout in ``dot``'s JSON output; with *graph*'s plan, its nodes are
    placed by :func:`argmap.render.layout.tidy_positions` instead (``dot``
    gives only their sizes and the legend's arrangement), the legend below
    them, at the right."""
    boxes, extra, edges = _fresh_boxes(layout_json)
    bb = extra["legend"]
    legend = (bb[0], bb[1], bb[2], bb[3]) if bb is not None else None
    layout = graph.plan if graph is not None else None
    if layout is None or not all(n in boxes for n in layout.order):
        return Fresh(boxes, legend, edges)
    from argmap.render.layout import tidy_positions
    from argmap.render.theme import DEFAULT_THEME

    centres = tidy_positions(
        layout,
        {n: (boxes[n].width, boxes[n].height) for n in layout.order},
        direction=graph.direction if graph is not None else "BT",
        gap=float(DEFAULT_THEME.graph["nodesep"]) * POINTS,
        rank_gap=float(DEFAULT_THEME.graph["ranksep"]) * POINTS,
    )
    placed = {
        n: Box(x, y, boxes[n].width, boxes[n].height) for n, (x, y) in centres.items()
    }
    if legend is not None and placed:
        lowest = min(b.y - b.height / 2 for b in placed.values())
        right = max(b.x + b.width / 2 for b in placed.values())
        if graph is not None and graph.direction in ("LR", "RL"):
            # dot stacks the legend's items in a column: beside the drawing
            dx, dy = (right + 2 * GAP) - legend[0], lowest - legend[1]
        else:  # a row below the drawing, at its right
            dx, dy = right - legend[2], (lowest - 2 * GAP) - legend[3]
        legend = (legend[0] + dx, legend[1] + dy, legend[2] + dx, legend[3] + dy)
        for name, box in boxes.items():
            if name.startswith(LEGEND_PREFIX):
                placed[name] = box.moved(dx, dy)
    return Fresh(placed, legend, edges)


def pinned_positions(
    fresh: Fresh,
    claims_of: Mapping[str, str],
    old: Mapping[str, tuple[float, float]],
    legend_nodes: frozenset[str] = frozenset(),
) -> tuple[dict[str, tuple[float, float]], tuple[float, float, float, float] | None]:
    """Pinned centre of every node (by DOT name), and the legend's box (x0, y0, x1, y1).

    *fresh* is the map laid out afresh; *claims_of* maps node names to the
    claims (or references) they draw; *legend_nodes* are the legend's node names.
    """
    boxes, edges = fresh.boxes, fresh.edges
    if not legend_nodes:
        legend_nodes = frozenset(n for n in boxes if n.startswith(LEGEND_PREFIX))
    common = [n for n, c in claims_of.items() if c in old and n in boxes]
    if common:
        dx = statistics.median(old[claims_of[n]][0] - boxes[n].x for n in common)
        dy = statistics.median(old[claims_of[n]][1] - boxes[n].y for n in common)
    else:
        dx = dy = 0.0
    placed: dict[str, Box] = {}
    for name in common:
        x, y = old[claims_of[name]]
        placed[name] = Box(x, y, boxes[name].width, boxes[name].height)
    for name in (n for n in claims_of if n in boxes and n not in placed):
        placed[name] = _free_spot(boxes[name].moved(dx, dy), placed.values())
    # Junctions: halfway between the target and what points at them.
    for name, box in boxes.items():
        if name in placed or name in legend_nodes:
            continue
        heads = [h for t, h in edges if t == name and h in placed]
        tails = [placed[t] for t, h in edges if h == name and t in placed]
        if heads and tails:
            target = placed[heads[0]]
            mx = statistics.fmean(b.x for b in tails)
            my = statistics.fmean(b.y for b in tails)
            spot = Box((target.x + mx) / 2, (target.y + my) / 2, box.width, box.height)
        else:
            spot = box.moved(dx, dy)
        # Nothing may overlap: neato's edge router gives up when boxes do.
        placed[name] = _free_spot(spot, placed.values(), gap=4.0)
    legend_box = None
    if fresh.legend is not None and legend_nodes:
        x0, y0, x1, y1 = fresh.legend
        x0, y0, x1, y1 = x0 + dx, y0 + dy, x1 + dx, y1 + dy
        area = Box((x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0)
        if any(area.overlaps(b, 0) for b in placed.values()):
            lowest = min(b.y - b.height / 2 for b in placed.values())
            shift = (lowest - GAP * 2) - y1
            y0, y1 = y0 + shift, y1 + shift
            dy_legend = shift
        else:
            dy_legend = 0.0
        legend_box = (x0, y0, x1, y1)
        for name in legend_nodes:
            if name in boxes:
                placed[name] = boxes[name].moved(dx, dy + dy_legend)
    return {n: (b.x, b.y) for n, b in placed.items()}, legend_box


def _free_spot(box: Box, others, gap: float = GAP) -> Box:
    """*box*, or the nearest box along its rank (sideways) that overlaps none of *others*."""
    others = list(others)
    if not any(box.overlaps(o, gap) for o in others):
        return box
    step = box.width / 4 + gap
    for k in range(1, 400):
        for sign in (1, -1):
            candidate = box.moved(sign * k * step, 0)
            if not any(candidate.overlaps(o, gap) for o in others):
                return candidate
    return box


def read_layout(path: str | Path) -> dict[str, tuple[float, float]]:
    """Claim centres of the render at *path* (an SVG argmap wrote)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LayoutUnreadable(
            str(path), f"cannot read it ({exc}); give an SVG argmap render wrote"
        ) from None
    return old_positions(text, str(path))


def pinned_graph(
    amap: ArgumentMap,
    graph: DotGraph,
    old: Mapping[str, tuple[float, float]] | None,
    *,
    backend: str = "auto",
    drawing: Mapping[str, Any] | None = None,
) -> DotGraph:
    """*amap* drawn again with its nodes pinned, for ``neato`` to draw: each
    claim where *old* has it, new ones near their branch; with *old* None,
    every node where :func:`argmap.render.layout.tidy_positions` puts it."""
    from argmap.render.backends import render_bytes
    from argmap.render.dot import build_dot
    from argmap.render.layout import Pinned

    # json0: the layout without drawing instructions, a third the size of json
    fresh = fresh_layout(render_bytes(graph.source, "json0", backend), graph)
    if old is None:
        positions = {n: (b.x, b.y) for n, b in fresh.boxes.items()}
        legend = fresh.legend
    else:
        positions, legend = pinned_positions(fresh, graph.node_claims, old)
    return build_dot(amap, **dict(drawing or {}), pinned=Pinned(positions, legend))
