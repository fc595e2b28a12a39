"""Layers point down: what imports what among argmap's own modules.

The graph holds every import of an argmap module, at module level or inside a
function, ``TYPE_CHECKING`` blocks included: a cycle hidden in a function is
still a cycle.  The rules checked here are those of the command layer
(``argmap/commands/``) and the report; other rules live with their modules.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "argmap"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> nx.DiGraph:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                # "from argmap import render" imports argmap.render, not argmap.
                named = [f"{base}.{a.name}" for a in node.names]
                targets = [t for t in named if t in modules] or [base]
            else:
                continue
            graph.add_edges_from(
                (name, t) for t in targets if t in modules and t != name
            )
    return graph


@pytest.fixture(scope="module")
def graph() -> nx.DiGraph:
    return import_graph()


def _in(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def test_nothing_below_the_cli_imports_it(graph):
    wrong = [
        (a, b)
        for a, b in graph.edges
        if _in(b, "argmap.cli") and not _in(a, "argmap.cli", "argmap.__main__")
    ]
    assert wrong == []


#: Modules of the library that may import the command layer, and why.
COMMAND_USERS = {
    # Shims keeping old names working; nothing in their packages imports them.
    "argmap.render.batch": "argmap.commands.render",
    "argmap.readwrite.convert": "argmap.commands.convert",
    # The output rules of `new` (and `extract`): a leaf module.
    "argmap.scaffold": "argmap.commands.outputs",
    "argmap.extract": "argmap.commands.outputs",
}


def test_only_the_cli_and_old_names_import_the_command_layer(graph):
    wrong = [
        (a, b)
        for a, b in graph.edges
        if _in(b, "argmap.commands")
        and not _in(a, "argmap.commands", "argmap.cli")
        and COMMAND_USERS.get(a) != b
    ]
    assert wrong == []
    # The shims are used by nobody inside argmap.
    for shim in ("argmap.render.batch", "argmap.readwrite.convert"):
        assert list(graph.predecessors(shim)) == []


def test_outputs_is_a_leaf(graph):
    below = nx.descendants(graph, "argmap.commands.outputs")
    assert below <= {"argmap.errors", "argmap.diagnostics"}


def test_readers_and_writers_do_not_load_workspaces(graph):
    wrong = [
        (a, b)
        for a, b in graph.edges
        if _in(a, "argmap.readwrite")
        and a != "argmap.readwrite.convert"
        and _in(b, "argmap.workspace", "argmap.commands", "argmap.analysis")
    ]
    assert wrong == []


def test_the_renderer_does_not_run_analyses(graph):
    # The renderer draws the marks it is given; argmap.analysis.emphasis
    # decides them (tension_emphasis moved there from argmap/render).
    wrong = [
        (a, b)
        for a, b in graph.edges
        if _in(a, "argmap.render")
        and a != "argmap.render.batch"
        and _in(b, "argmap.analysis", "argmap.commands", "argmap.workspace")
    ]
    assert wrong == []


def test_no_cycle_through_the_commands_the_report_or_the_errors(graph):
    mine = ("argmap.commands", "argmap.report", "argmap.errors", "argmap.cli")
    cycles = [
        cycle
        for cycle in nx.simple_cycles(graph, length_bound=8)
        if any(_in(m, *mine) for m in cycle)
    ]
    assert cycles == []


def test_the_report_writers_depend_on_its_records_not_its_builder(graph):
    for writer in ("argmap.report.html", "argmap.report.markdown"):
        assert not _in_any(graph.successors(writer), "argmap.report.build")
    assert graph.has_edge("argmap.report.build", "argmap.report.html")


def _in_any(modules, package: str) -> bool:
    return any(_in(m, package) for m in modules)
