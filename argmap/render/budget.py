"""The layout budget: Graphviz settings chosen by a map's size and density.

``dot`` lays a map out in three phases -- ranks (network simplex), the
order within each rank (crossing minimisation) and x coordinates (network
simplex again) -- then routes every edge as a spline.  On a tree all of it
is cheap; what costs is relations that are not part of a tree: each one
that spans k ranks becomes a chain of k virtual nodes that every later
phase has to place and route around.  ``bench/bench_bigmaps.py`` measured
it (merge-shaped maps: a support tree of articles plus half as many cross
links as claims): 1,000 claims took 85 s, 5,000 exhausted the wasm stack.
Since :mod:`argmap.render.layout` plans the ranks (relations pointing down
do not constrain them; breadth-first ranks when spans would cost too much)
the full layout takes 1.5 s of CPU at 1,000 claims, 4.9 s at 2,000 (C =
1,000) and 15 s at 3,000, in a strip 31,000 to 86,000 points wide; the
limits below are set by those figures.  So the budget counts

    *cross links* C = the claim-to-claim relations (each premise of a linked
    argument counted) that a spanning forest of the map does not need, plus
    the undercuts,

and picks, deterministically (the same map always gets the same tier):

=============  =================  ===========================================
tier           when               settings
=============  =================  ===========================================
``tidy``       ``full``, and at   argmap places the boxes by branch and
               most 80 nodes      ``neato`` routes the edges
                                  (:func:`argmap.render.layout.tidy_positions`)
``full``       C <= 1000          argmap's DOT as it is
``capped``     C <= 1500          ``nslimit=1 mclimit=0.1 searchsize=5``:
                                  network simplex for x coordinates stops
                                  after one pass per node, crossing
                                  minimisation after a tenth of its tries
``straight``   C <= 2500          ``capped`` and ``splines=line``: straight
                                  edges, no routing, drawn before the boxes
                                  (``outputorder=edgesfirst``) so that no
                                  line crosses a claim's text
``packed``     an overview        (one that hides branches, of several trees
               within ``full``    whose cross links allow ``full``) every
                                  tree laid out alone in the compact theme,
                                  the children of a claim with more than
                                  three spread over ranks
                                  (:mod:`argmap.render.compact`), the trees
                                  packed to fit a 16:9 screen; ``neato``
                                  routes the edges around the pinned boxes
                                  (over :data:`PACKED_ROUTED` claims,
                                  ``nop2`` draws them straight); each
                                  collapsed branch hangs as a small tab
                                  right under its claim's box, not on a
                                  rank of its own
``two-pass``   larger             every tree of the spanning forest laid
                                  out by ``dot`` alone, the trees packed in
                                  rows (about 16:9), then Graphviz's
                                  ``nop2`` draws every relation as a
                                  straight line between the pinned boxes
                                  (``neato`` took 6 times as long for the
                                  same picture)
=============  =================  ===========================================

A map of more than :data:`PACK_CLAIMS` claims whose forest has several
trees is drawn ``two-pass`` too, whatever C: laid out whole, the trees of a
5,000-claim forest make one row 200,000 points wide.

The spanning forest is breadth-first from all the roots at once (theses and
claims that point at nothing; then, one at a time, whatever a cycle
leaves), down the relations pointing at each claim, in map order: the
first relation to reach a claim is its tree edge, so each claim hangs in
the tree of its nearest root.  In a merge the search first follows only
relations between claims of one source, then the others from everything
found, so that each article keeps its own tree and the cross links between
articles are what is drawn straight across.  Overrides: a tier by name, and Graphviz graph attributes
(``name=value``, like ``dot -G``) that are set last, so they win.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from argmap.errors import InvalidArgument
from argmap.model import ArgumentMap, Relation
from argmap.render.layout import TIDY_MAX_NODES

if TYPE_CHECKING:
    from argmap.render.dot import DotGraph

__all__ = [
    "BUDGETS",
    "Budget",
    "choose_budget",
    "cross_links",
    "spanning_forest",
    "two_pass_graph",
    "with_graph_attributes",
]

#: The tiers: ``tidy`` for small maps, then cheaper and cheaper; ``packed``
#: is for overviews.
BUDGETS = ("tidy", "full", "capped", "straight", "two-pass", "packed")
#: Largest cross-link count of each tier but the last.
LIMITS = {"full": 1000, "capped": 1500, "straight": 2500}
#: Above this many claims a forest of several trees is packed (two-pass).
PACK_CLAIMS = 2000
CAPPED = {"nslimit": "1", "mclimit": "0.1", "searchsize": "5"}
STRAIGHT = {"splines": "line", "outputorder": "edgesfirst"}
SETTINGS: Mapping[str, Mapping[str, str]] = {
    "tidy": {},
    "full": {},
    "capped": CAPPED,
    "straight": {**CAPPED, **STRAIGHT},
    "two-pass": STRAIGHT,
    "packed": {},
}
#: An overview of more claims than this is ``packed`` with straight lines
#: (``nop2``): ``neato`` routing splines round the pinned boxes took 6 of the
#: 7.3 CPU seconds of a 248-claim overview (``--levels 2`` of a 1,000-claim
#: merge), 0.9 s in all for 71 claims.
PACKED_ROUTED = 150
#: An overview's trees (``packed``) put at most this many children of a
#: claim on one rank (:mod:`argmap.render.compact`).
STAGGER = 3
#: ... are drawn closer together (inches; the default theme has 0.45, 0.3),
#: in the compact theme's 10 pt text wrapped at :data:`PACKED_WRAP` characters.
PACKED_SPACING = {"ranksep": "0.25", "nodesep": "0.15"}
PACKED_WRAP = 26
#: Points between packed trees; the width:height the packing aims at.
GAP = 36.0
#: ``packed``: points between a claim's box and the tab of the branch that
#: hangs under it (:mod:`argmap.render.hidden`; more than twice neato's
#: ``sep``, set to 1 point, so that neato sees no overlap), and Graphviz's
#: height of a line of text, in font sizes.
BADGE_GAP = 4.0
LINE_SPACING = 1.2
ASPECT = 16 / 9
_ATTR = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass(frozen=True)
class Budget:
    """A tier and the graph attributes it sets (extra ones, set last, win)."""

    tier: str
    claims: int
    cross: int
    attrs: Mapping[str, str] = field(default_factory=dict)
    chosen: bool = True  # False when the caller named the tier

    @property
    def straight(self) -> bool:
        """Whether the edges are straight lines, so that ``nop2`` draws a pinned
        layout (``neato`` routes splines around the boxes)."""
        return self.attrs.get("splines") in ("line", "false", "none", "")

    @property
    def two_pass(self) -> bool:
        """Whether the trees are laid out apart and packed (``two-pass``, ``packed``)."""
        return self.tier in ("two-pass", "packed")

    def describe(self) -> str:
        """One line for ``--verbose``: the tier, why, and every setting."""
        how = "chosen for" if self.chosen else "asked for; the map has"
        settings = " ".join(f"{k}={v}" for k, v in self.attrs.items())
        return (
            f"layout budget {self.tier} ({how} {self.claims} claims, "
            f"{self.cross} cross links)" + (f": {settings}" if settings else "")
        )


def _roots(amap: ArgumentMap, below: Mapping[str, list[Relation]]) -> list[str]:
    pointing = {r.source for rs in below.values() for r in rs}
    roots = [c.id for c in amap.claims.values() if c.is_thesis]
    return list(dict.fromkeys([*roots, *(c for c in amap.claims if c not in pointing)]))


def spanning_forest(amap: ArgumentMap) -> list[Relation]:
    """The relations of the spanning forest, in the order the search took them."""
    below: dict[str, list[Relation]] = {}
    for relation in amap.relations:
        if relation.kind != "undercuts" and relation.target in amap.claims:
            below.setdefault(relation.target, []).append(relation)
    # The sources of the claims that have any (a merge's, an extension's).
    sources = {
        c.id: frozenset(p.map for p in c.provenance)
        for c in amap.claims.values()
        if c.provenance
    }
    seen: set[str] = set()
    forest: list[Relation] = []

    def kin(relation: Relation) -> bool:  # both ends stated by one source
        ends = sources.get(relation.source), sources.get(relation.target)
        return not ends[0] or not ends[1] or bool(ends[0] & ends[1])

    def search(starts: list[str], within: bool = False) -> None:
        seen.update(starts)
        queue = deque(starts)
        while queue:
            for relation in below.get(queue.popleft(), ()):
                if (
                    relation.source in amap.claims
                    and relation.source not in seen
                    and (not within or kin(relation))
                ):
                    seen.add(relation.source)
                    forest.append(relation)
                    queue.append(relation.source)

    roots = _roots(amap, below)
    if sources:
        search(roots, within=True)  # a merge's articles first: each its own trees
        search([*roots, *(r.source for r in forest)])  # then every relation
    else:  # every pair is kin: the first search is the whole one
        search(roots)
    for claim in amap.claims:  # claims in cycles no root reaches
        if claim not in seen:
            search([claim])
    return forest


def cross_links(amap: ArgumentMap, forest: list[Relation] | None = None) -> int:
    """Relations (premises) beyond the spanning forest, and every undercut."""
    forest = spanning_forest(amap) if forest is None else forest
    edges = sum(
        1 + len(r.linked) if r.kind != "undercuts" else 1 for r in amap.relations
    )
    return edges - len(forest)


def choose_budget(
    amap: ArgumentMap,
    tier: str = "auto",
    graph_attrs: Mapping[str, str] | None = None,
    *,
    overview: bool = False,
) -> Budget:
    """The budget for drawing *amap*: *tier* ``"auto"`` (by size) or one of :data:`BUDGETS`.

    *graph_attrs* are Graphviz graph attributes set after the tier's.  An
    *overview* (a view that hides branches) of several trees is ``packed``
    when its cross links allow the full layout: its trees are packed to fit
    a screen and ``neato`` routes the edges around the boxes.
    """
    extra = dict(graph_attrs or {})
    for name, value in extra.items():
        if not _ATTR.match(name) or any(c in str(value) for c in '"\n;{}[]'):
            raise InvalidArgument("graph_attrs", f"{name}={value}", "NAME=VALUE")
    forest = spanning_forest(amap)
    cross = cross_links(amap, forest)
    n = len(amap.claims)
    if tier == "auto":
        trees = n - len(forest)
        if n > PACK_CLAIMS and trees > 1:
            chosen = "two-pass"
        else:
            chosen = next((t for t, cap in LIMITS.items() if cross <= cap), "two-pass")
        if overview and trees > 1 and chosen == "full":
            chosen = "packed"
        elif chosen == "full" and _drawn_nodes(amap) <= TIDY_MAX_NODES:
            chosen = "tidy"
    elif tier in BUDGETS:
        chosen = tier
    else:
        raise InvalidArgument("layout_budget", tier, "auto or " + ", ".join(BUDGETS))
    settings = SETTINGS[chosen]
    if chosen == "packed" and n > PACKED_ROUTED:
        settings = STRAIGHT
    return Budget(chosen, n, cross, {**settings, **extra}, tier == "auto")


def _drawn_nodes(amap: ArgumentMap) -> int:
    """About how many nodes a diagram of *amap* has: claims, claims of other
    maps, and junction points (linked arguments, relations undercut)."""
    undercut = {r.target for r in amap.relations if r.kind == "undercuts"}
    others = {
        end
        for r in amap.relations
        for end in (r.source, r.target, *r.linked)
        if r.kind != "undercuts" and end not in amap.claims
    }
    junctions = sum(1 for r in amap.relations if r.linked or r.key in undercut)
    return len(amap.claims) + len(others) + junctions


def with_graph_attributes(dot: str, attrs: Mapping[str, str]) -> str:
    """*dot* with graph attributes *attrs* set last (so they win), like ``dot -G``."""
    if not attrs:
        return dot
    end = dot.rstrip().rfind("}")
    settings = "".join(f"{k}={json.dumps(str(v))};\n" for k, v in attrs.items())
    return dot[:end] + settings + dot[end:]


# -- two passes ------------------------------------------------------------------------


def _trees(amap: ArgumentMap, forest: list[Relation]) -> list[list[str]]:
    """The claims of each tree of *forest*, trees in map order of their first claim."""
    from argmap._graph import connected_components

    joined: dict[str, list[str]] = {c: [] for c in amap.claims}
    for r in forest:
        joined[r.source].append(r.target)
        joined[r.target].append(r.source)
    parts = connected_components(joined, list(amap.claims))
    order = {c: i for i, c in enumerate(amap.claims)}
    return [sorted(p, key=order.__getitem__) for p in parts]


_EDGE = re.compile(r'^"((?:[^"\\]|\\.)*)" -> "((?:[^"\\]|\\.)*)"', re.MULTILINE)


def _legend_block(dot: str, column: bool = False) -> str | None:
    """The legend cluster's statements in *dot*, as a DOT graph of its own."""
    start = dot.find("subgraph cluster_legend {")
    if start < 0:
        return None
    depth, i = 0, start
    while i < len(dot):
        if dot[i] == "{":
            depth += 1
        elif dot[i] == "}":
            depth -= 1
            if depth == 0:
                break
        elif dot[i] == '"':  # skip quoted text, which may hold braces
            i += 1
            while i < len(dot) and dot[i] != '"':
                i += 2 if dot[i] == "\\" else 1
        i += 1
    head = dot[: dot.index("{") + 1] + ("\nrankdir=LR;" if column else "")
    defaults = "\n".join(
        line for line in dot.splitlines() if line.startswith(("node [", "edge ["))
    )
    return f"{head}\n{defaults}\n{dot[start : i + 1]}\n}}\n"


def _layout(dot: str, backend: str) -> dict[str, Any]:
    from argmap.render.backends import render_bytes

    return json.loads(render_bytes(dot, "json0", backend))  # no drawing instructions


def _boxes(
    layout: Mapping[str, Any],
) -> tuple[dict[str, tuple[float, float]], list[float]]:
    """Node centres by name, and the bounding box, of a Graphviz JSON layout."""
    centres = {}
    for obj in layout.get("objects", []):
        if "pos" in obj and "nodes" not in obj:
            x, y = (float(v) for v in obj["pos"].split(","))
            centres[obj["name"]] = (x, y)
    bb = [float(v) for v in layout.get("bb", "0,0,0,0").split(",")]
    return centres, bb


def _shelves(
    sizes: list[tuple[float, float]], width: float
) -> tuple[list[tuple[float, float]], float, float]:
    """Top-left corners (y down) of *sizes* on shelves at most *width* wide, and
    the extent: tallest first, each on the first shelf with room for it."""
    order = sorted(range(len(sizes)), key=lambda i: (-sizes[i][1], i))
    shelves: list[list[float]] = []  # [top, height, used width]
    corners: list[tuple[float, float]] = [(0.0, 0.0)] * len(sizes)
    for i in order:
        w, h = sizes[i]
        for shelf in shelves:
            if shelf[2] + GAP + w <= width:
                corners[i] = (shelf[2] + GAP, shelf[0])
                shelf[2] += GAP + w
                break
        else:
            top = shelves[-1][0] + shelves[-1][1] + GAP if shelves else 0.0
            shelves.append([top, h, w])
            corners[i] = (0.0, top)
    extent = max((s[2] for s in shelves), default=0.0)
    return corners, extent, (shelves[-1][0] + shelves[-1][1]) if shelves else 0.0


def _pack(sizes: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Top-left corners (y down) of boxes *sizes* packed on shelves.

    Of the shelf widths that split the boxes differently, the one whose
    drawing fits a 16:9 screen at the largest scale wins (the narrowest,
    of equals).
    """
    if not sizes:
        return []
    widths = sorted(w for w, _ in sizes)
    candidates = {widths[-1], sum(widths) + GAP * (len(widths) - 1)}
    for i in range(len(widths)):  # every sum of a few of the widths
        total = 0.0
        for j in range(i, min(len(widths), i + 12)):
            total += widths[j] + (GAP if j > i else 0.0)
            candidates.add(total)
    usable = sorted(c for c in candidates if c >= widths[-1])

    def cost(width: float) -> tuple[float, float]:
        _, w, h = _shelves(sizes, width)
        return (max(w / ASPECT, h), w)

    return _shelves(sizes, min(usable, key=cost))[0]


def two_pass_graph(
    amap: ArgumentMap,
    graph: DotGraph,
    drawing: Mapping[str, Any],
    backend: str,
    budget_tier: str = "two-pass",
    points: bool = True,
) -> DotGraph:
    """*amap* with every node pinned where the packed trees put it: in points
    for ``nop2`` (*points*, straight lines), else in inches for ``neato``,
    which routes the edges around the boxes.

    *graph* is the map's ordinary DOT graph (its node names, its legend);
    *drawing* the options it was built with.
    """
    from argmap.render.dot import build_dot
    from argmap.render.layout import Pinned
    from argmap.render.theme import COMPACT_THEME, source_styles
    from argmap.render.views import Hidden

    forest = spanning_forest(amap)
    options = dict(drawing)
    hidden = options.pop("hidden", None) or Hidden()
    options["legend"] = False
    options["title"] = False
    spacing: dict[str, str] = {}
    if budget_tier == "packed":
        options["stagger"] = STAGGER
        spacing = PACKED_SPACING
    if "styles" not in options and amap.source_ids():
        options["styles"] = source_styles(amap.source_ids())
    by_claim = _node_names(graph)
    parts: list[tuple[dict[str, tuple[float, float]], list[float]]] = []
    in_tree = {id(r) for r in forest}
    trees = _trees(amap, forest)
    tree_of = {c: i for i, claims in enumerate(trees) for c in claims}
    boxes: list[list[Any]] = [[] for _ in trees]
    for branch in hidden.branches:
        if branch.anchor in tree_of:
            boxes[tree_of[branch.anchor]].append(branch)
        else:  # nothing shown is above it: a part of its own
            trees.append([])
            boxes.append([branch])
    attach = budget_tier == "packed"
    attached = [b for b in hidden.branches if attach and b.anchor in tree_of]
    sizes: dict[str, tuple[float, float]] = {}
    for claims, branches in zip(trees, boxes):
        keep = set(claims)
        if attach:  # a tab under its anchor's box: a line of room in the box
            options["reserve"] = {b.anchor: b.label for b in branches if b.anchor}
            branches = [b for b in branches if b.anchor not in tree_of]
        ids = {b.id for b in branches}
        anchors = {b.id: b.anchor for b in branches}
        options["hidden"] = Hidden(
            tuple(branches),
            tuple(
                link
                for link in hidden.links
                if (link.tail in ids and anchors[link.tail] == link.head)
                or (link.head in ids and anchors[link.head] == link.tail)
            ),
        )
        sub = ArgumentMap(
            amap.id,
            amap.title,
            amap.source,
            (amap.claims[c] for c in claims),
            (
                Relation(r.kind, r.source, r.target, r.weight, id=r.id, scheme=r.scheme)
                for r in amap.relations
                if id(r) in in_tree and r.source in keep
            ),
            merged_from=amap.merged_from,
        )
        part = build_dot(sub, **options)
        layout = _layout(with_graph_attributes(part.source, spacing), backend)
        centres, bb = _boxes(layout)
        drawn = {name: thing for thing, name in _node_names(part).items()}
        named = {
            by_claim[drawn[n]]: xy
            for n, xy in centres.items()
            if n in drawn and drawn[n] in by_claim
        }
        reserved = options.get("reserve", {})
        sizes.update(
            (by_claim[drawn[n]], wh)
            for n, wh in _sizes(layout).items()
            if n in drawn and drawn[n] in reserved
        )
        parts.append((named, bb))
    legend = (
        _legend_block(graph.source, column=budget_tier == "packed")
        if graph.legend_box is None
        else None
    )
    legend_part = None
    if legend is not None and drawing.get("legend", True):
        legend_layout = _layout(with_graph_attributes(legend, spacing), backend)
        centres, bb = _boxes(legend_layout)
        legend_part = (centres, bb)
        parts.append(legend_part)
    corners = _pack([(bb[2] - bb[0], bb[3] - bb[1]) for _, bb in parts])
    height = max(
        (cy + bb[3] - bb[1] for (cx, cy), (_, bb) in zip(corners, parts)), default=0
    )
    positions: dict[str, tuple[float, float]] = {}
    legend_box = None
    for (cx, cy), (centres, bb) in zip(corners, parts):
        dx = cx - bb[0]
        dy = (height - cy - (bb[3] - bb[1])) - bb[1]  # rows run downwards, y points up
        for name, (x, y) in centres.items():
            positions[name] = (x + dx + GAP, y + dy + GAP)
        if legend_part is not None and centres is legend_part[0]:
            legend_box = (
                bb[0] + dx + GAP,
                bb[1] + dy + GAP,
                bb[2] + dx + GAP,
                bb[3] + dy + GAP,
            )
    theme = drawing.get("theme") or COMPACT_THEME
    badge = float(theme.hidden.get("height", "0.5")) * 72
    line = float(theme.node["fontsize"]) * LINE_SPACING
    for branch in attached:  # the box without the reserved line, the tab under it
        assert branch.anchor is not None  # attached: anchored in a tree
        name = by_claim[branch.anchor]
        x, y = positions[name]
        width, height = sizes[name]
        bottom = y - height * 36 + line
        positions[name] = (x, y + line / 2)
        sizes[name] = (width, height - line / 72)
        positions[by_claim[branch.id]] = (x, bottom - BADGE_GAP - badge / 2)
    _place_the_rest(graph.source, positions)
    pinned = build_dot(
        amap,
        **dict(drawing),
        pinned=Pinned(
            positions,
            legend_box,
            points=points,
            sizes=sizes,
            attached=frozenset(b.id for b in attached),
        ),
    )
    return pinned


def _sizes(layout: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    """Node width and height (inches) by name, of a Graphviz JSON layout."""
    return {
        obj["name"]: (float(obj["width"]), float(obj["height"]))
        for obj in layout.get("objects", [])
        if "width" in obj and "nodes" not in obj
    }


def _node_names(graph: DotGraph) -> dict[str, str]:
    """The DOT node name of each claim and overview box (by branch id) of *graph*."""
    names = {claim: name for name, claim in graph.node_claims.items()}
    for dot_id, element in graph.elements.items():
        if "hidden-branch" in element.classes and element.ends:
            names[element.ends[0]] = dot_id
    return names


def _place_the_rest(dot: str, positions: dict[str, tuple[float, float]]) -> None:
    """Give every node of *dot* pass 1 did not place (junctions, claims of other
    maps, overview boxes) a centre: halfway between the first node it points
    at and the mean of the nodes pointing at it, or beside its neighbours."""
    heads_of: dict[str, list[str]] = {}
    tails_of: dict[str, list[str]] = {}
    for tail, head in _EDGE.findall(dot):
        heads_of.setdefault(tail, []).append(head)
        tails_of.setdefault(head, []).append(tail)
    todo = [n for n in dict.fromkeys([*heads_of, *tails_of]) if n not in positions]
    for _ in range(3):  # a junction may hang on another junction
        for name in todo:
            if name in positions:
                continue
            heads = [positions[h] for h in heads_of.get(name, ()) if h in positions]
            tails = [positions[t] for t in tails_of.get(name, ()) if t in positions]
            if heads and tails:
                mx = sum(x for x, _ in tails) / len(tails)
                my = sum(y for _, y in tails) / len(tails)
                positions[name] = ((heads[0][0] + mx) / 2, (heads[0][1] + my) / 2)
            elif heads or tails:
                x, y = (heads or tails)[0]
                positions[name] = (x + 40.0, y - 40.0 if heads else y + 40.0)
