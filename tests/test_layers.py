"""Layers point down: what imports what among argmap's own modules.

The graph holds every import of an argmap module, at module level or inside a
function, ``TYPE_CHECKING`` blocks included: a cycle hidden in a function is
still a cycle, and a layer rule is about what a module knows, annotations
included.  The rules checked here are those of the command layer
(``argmap/commands/``) and the report, and that no imports go round in a
cycle (there ``TYPE_CHECKING`` imports are left out: they never run, and a
type named both ways is the usual idiom); other rules live with their modules.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "argmap"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _nodes(tree: ast.AST, type_checking: bool) -> Iterator[ast.AST]:
    """Every node of *tree*; without *type_checking*, not those in ``if TYPE_CHECKING:``."""
    if type_checking:
        yield from ast.walk(tree)
        return
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
        else:
            stack.extend(ast.iter_child_nodes(node))


def import_graph(type_checking: bool = True) -> nx.DiGraph:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _nodes(ast.parse(path.read_text("utf-8")), type_checking):
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
    # fileio: what the path "-" means, and nothing else of argmap's.
    assert below <= {
        "argmap.errors",
        "argmap.diagnostics",
        "argmap.codes",
        "argmap.fileio",
    }


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


#: Imports allowed to close a cycle, and why.  Everything else forms none.
CYCLE_EDGES = {
    # ArgumentMap._repr_svg_ (Jupyter's display hook) imports the renderer
    # when called; the renderer draws maps, so it imports the model.
    ("argmap.model", "argmap.render"): "a lazy import in a display hook",
}


def test_no_import_cycles():
    graph = import_graph(type_checking=False)
    assert [e for e in CYCLE_EDGES if not graph.has_edge(*e)] == []
    graph.remove_edges_from(CYCLE_EDGES)
    cycles = sorted(sorted(c) for c in nx.simple_cycles(graph))
    assert cycles == []


def test_type_checking_imports_are_left_out_of_the_cycle_graph():
    # refs names the model's classes in annotations only; the model imports refs.
    assert import_graph().has_edge("argmap.refs", "argmap.model")
    assert not import_graph(type_checking=False).has_edge("argmap.refs", "argmap.model")
    assert import_graph(type_checking=False).has_edge("argmap.model", "argmap.refs")


#: A module's length limit, and the modules over it with the reason (each
#: states it in its docstring too: one cohesive format or algorithm).
MAX_LINES = 600
LONG_MODULES = {
    "argmap/readwrite/argdown.py": "one format: the reader and the writer change together",
    "argmap/readwrite/aif.py": "one format: the reader and the writer change together",
    "argmap/meaning/polarity.py": "one algorithm and its cue lexicons in three languages",
    "argmap/mining/features.py": "one algorithm's columns and its marker lists",
}


def test_no_module_is_over_600_lines_without_its_reason():
    root = PACKAGE.parent
    lengths = {
        p.relative_to(root).as_posix(): len(p.read_text("utf-8").splitlines())
        for p in PACKAGE.rglob("*.py")
    }
    long = sorted(name for name, n in lengths.items() if n > MAX_LINES)
    assert long == sorted(LONG_MODULES)  # a stale entry fails too
    for name in long:
        docstring = ast.get_docstring(ast.parse((root / name).read_text("utf-8")))
        assert docstring and "600-line" in docstring, name
