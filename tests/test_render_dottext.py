"""argmap.render.dottext writes the bytes pydot's ``to_string()`` writes for the same graph.

Each graph is rebuilt with pydot (:func:`as_pydot`, the calls the DOT
builder made before it had its own writer) and the two texts compared:
every map of ``maps/`` and ``tests/data`` under every drawing option the
builder has, and hand-made graphs of hostile names and values.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pydot
import pytest

import argmap
import argmap.render.dot as dot_module
from argmap.analysis.merge import merge
from argmap.render import render_svg, to_dot
from argmap.render.dottext import Edge, Graph, Node, cluster, dot_text
from argmap.render.theme import COMPACT_THEME

ROOT = Path(__file__).resolve().parent.parent
MAPS = sorted((ROOT / "maps").rglob("*.yaml")) + [
    ROOT / "tests" / "data" / "render-sample.yaml",
    ROOT / "tests" / "data" / "render-hostile.yaml",
]


def as_pydot(graph: Graph, top: bool = True) -> Any:
    """*graph* built with pydot, item by item."""
    made: Any
    if top:
        made = pydot.Dot(
            graph.name, graph_type=graph.kind, strict=graph.strict, **graph.attrs
        )
    else:
        made = pydot.Subgraph(graph.name, **graph.attrs)
    for item in graph.items:
        if isinstance(item, Node):
            made.add_node(pydot.Node(item.name, **item.attrs))
        elif isinstance(item, Edge):
            made.add_edge(pydot.Edge(item.tail, item.head, **item.attrs))
        else:
            made.add_subgraph(as_pydot(item, top=False))
    return made


def same_as_pydot(graph: Graph) -> str:
    text = dot_text(graph)
    assert text == as_pydot(graph).to_string()
    return text


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every DOT text build_dot writes in the test, each checked against pydot's."""
    seen: list[str] = []

    def checked(graph: Graph) -> str:
        seen.append(same_as_pydot(graph))
        return seen[-1]

    monkeypatch.setattr(dot_module, "dot_text", checked)
    return seen


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_every_drawing_option_writes_pydots_bytes(
    path: Path, compared: list[str], tmp_path: Path
) -> None:
    amap = argmap.load(path)
    ids = list(amap.claims)
    keys = [r.key for r in amap.relations]
    emphasis = dict(zip(ids, ["tension", "added", "removed"], strict=False))
    emphasis.update(dict.fromkeys(keys[:2], "tension"))
    to_dot(amap)
    to_dot(amap, direction="LR", legend=False, title=False)
    to_dot(amap, emphasis=emphasis)
    reserve = dict.fromkeys(ids[:2], "+3 more")
    to_dot(amap, theme=COMPACT_THEME, wrap=20, stagger=2, reserve=reserve)
    old = tmp_path / "old.svg"
    old.write_text(render_svg(amap), encoding="utf-8")  # the budget's passes
    render_svg(amap, layout_from=old)  # pinned where an earlier drawing put them
    assert len(compared) >= 6


@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.name)
def test_the_dot_text_alone_is_the_same_without_svg_facts(path: Path) -> None:
    amap = argmap.load(path)
    emphasis = dict.fromkeys(list(amap.claims)[:2], "tension")
    for options in ({}, {"emphasis": emphasis, "direction": "LR"}):
        full = dot_module.build_dot(amap, **options)
        lean = dot_module.build_dot(amap, facts=False, **options)
        assert lean.source == full.source
        assert full.elements and set(lean.elements) == set(full.elements)


def test_merged_maps_and_budgets_write_pydots_bytes(compared: list[str]) -> None:
    seeds = [argmap.load(p) for p in sorted((ROOT / "maps").glob("*.yaml"))]
    render_svg(merge(seeds))
    sample = argmap.load(ROOT / "tests" / "data" / "render-sample.yaml")
    for budget in ("full", "capped", "straight", "two-pass"):
        render_svg(sample, budget=budget)
    assert len(compared) >= 5


def test_hostile_text_is_quoted_in_the_drawing(compared: list[str]) -> None:
    text = to_dot(argmap.load(ROOT / "tests" / "data" / "render-hostile.yaml"))
    assert '"node" [id="claim-node", label="THESIS\\nHe said \\"no\\" \\\\ then' in text
    assert '"1abc" [id="claim-1abc", label="Controls: [2J and bidi' in text
    assert "\x1b" not in text and "\u202e" not in text and "\x85" not in text
    assert '"strict" -> "node"' in text


HOSTILE = [
    "",
    "plain",
    "node",
    "Graph",
    "STRICT",
    "subgraph",
    "123",
    "1.5",
    ".5",
    "1.",
    "1abc",
    "abc1",
    "-1",
    "a b",
    "a:b",
    "a:b:c",
    ":a",
    "a:",
    '"quoted"',
    '"half',
    'say "hi"',
    "back\\slash",
    "line\nbreak",
    "cr\rlf",
    "<b>html</b>",
    "<unclosed",
    "日本語",
    "한국어",
    "über",
    "x²",
    "²",
    "\0nul",
    "tab\there",
    "\x1b[2J",
    "\u202eevil",
    "#333333",
    "rounded,filled",
    "0.12,0.07",
    "1.2345,6.789!",
    "a_b",
    "_a",
    '"a":b',
]


@pytest.mark.parametrize("value", HOSTILE, ids=repr)
def test_hostile_names_and_values_are_quoted_as_pydot_quotes_them(
    value: str,
) -> None:
    graph = Graph("argmap", {"label": value, "id": value}, kind="digraph")
    graph.set_node_defaults(shape=value)
    graph.set_edge_defaults()
    for name in (value, f'"{value}"'):
        graph.add_node(Node(name, {"label": value, "width": value}))
        graph.add_edge(Edge(name, "b", {"label": value}))
        graph.add_edge(Edge("b", name))
    row = Graph(value, {"rank": value})
    row.add_node(Node("x", {}))
    graph.add_subgraph(row)
    box = cluster(value, {"label": value})
    box.add_node(Node(value))
    graph.add_subgraph(box)
    same_as_pydot(graph)


def test_values_that_are_not_text_and_flags() -> None:
    graph = Graph("G", {"splines": True, "flag": None, "n": 3}, kind="digraph")
    graph.add_node(Node("a", {"fixedsize": False, "width": 1.5, "peripheries": 2}))
    graph.add_node(Node("node"))  # defaults with nothing: an empty line
    graph.add_node(Node("graph", {}))
    graph.add_edge(Edge("a", "a", {"constraint": None}))
    same_as_pydot(graph)
    undirected = Graph("U", kind="graph", strict=True)
    undirected.add_edge(Edge("a", "b"))
    nested = Graph("outer")
    nested.add_subgraph(Graph("inner", {"rank": "same"}))
    undirected.add_subgraph(nested)
    assert same_as_pydot(undirected).startswith("strict graph U {\na -- b;\n")


def test_random_values_are_quoted_as_pydot_quotes_them() -> None:
    rng = random.Random(13)
    alphabet = 'ab1_ .:-"\\<>\n\r\t\0é日#,!' + "graph"
    graph = Graph("r", kind="digraph")
    for _ in range(3000):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        graph.add_node(Node(value, {"label": value}))
        graph.add_edge(Edge(value, value[::-1], {"x": value}))
    same_as_pydot(graph)


def test_a_node_name_keeps_no_port_as_in_pydot() -> None:
    assert Node("a:b").name == "a"
    assert Node('"a:b"').name == '"a:b"'
    assert Node("a:").name == "a:"
