"""The catalogue of diagnostic codes (argmap/codes.py) against the code that uses them.

mypy checks each code against the ``Code`` type; this test reads the
package's source (the AST) for every code it raises or compares, so a
code outside the catalogue, or a catalogue entry nothing raises, fails
without a type checker too.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import get_args

from argmap.codes import CODES, Code
from argmap.diagnostics import error

PACKAGE = Path(__file__).resolve().parent.parent / "argmap"

#: Functions that take a code, and where: the constructors of
#: argmap.diagnostics (``error(code, …)``), the readers' wrappers of them
#: (``warn(path, code, …)``, ``fail(…, code=…)`` in argmap.readwrite._foreign;
#: Argdown's ``self.warn(code, …)``), keyed by name and whether a method.
_CODE_ARGUMENT = {
    ("error", False): 0,
    ("warning", False): 0,
    ("note", False): 0,
    ("warn", False): 1,
    ("warn", True): 0,
    ("Diagnostic", False): 4,
}
_CODE = re.compile(r"[a-z]+(-[a-z0-9]+)*")


def _code_argument(call: ast.Call) -> ast.expr | None:
    func = call.func
    if isinstance(func, ast.Name):
        index = _CODE_ARGUMENT.get((func.id, False))
    elif isinstance(func, ast.Attribute):
        # self.warn(code, ...) is a method; diagnostics.error(code, ...) is not
        method = isinstance(func.value, ast.Name) and func.value.id == "self"
        index = _CODE_ARGUMENT.get((func.attr, method))
    else:
        index = None
    return call.args[index] if index is not None and len(call.args) > index else None


def _codes_in(tree: ast.AST) -> set[str]:
    """Codes passed to a diagnostic maker, given as a ``code`` default, or compared with ``.code``."""
    found: list[ast.expr] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            argument = _code_argument(node)
            found += [argument] if argument is not None else []
            found += [k.value for k in node.keywords if k.arg == "code"]
        elif isinstance(node, ast.arguments):
            named = node.posonlyargs + node.args
            defaults = dict(
                zip(named[len(named) - len(node.defaults) :], node.defaults)
            )
            defaults.update(zip(node.kwonlyargs, node.kw_defaults))
            found += [v for a, v in defaults.items() if a.arg == "code" and v]
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Attribute) and s.attr == "code" for s in sides):
                found += sides
    return {
        n.value
        for n in found
        if isinstance(n, ast.Constant)
        and isinstance(n.value, str)
        and _CODE.fullmatch(n.value)
    }


def package_codes() -> set[str]:
    codes: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name != "codes.py":
            codes |= _codes_in(ast.parse(path.read_text(encoding="utf-8")))
    return codes


def test_the_type_and_the_table_list_the_same_codes_in_one_order():
    assert tuple(CODES) == get_args(Code)
    assert all(meaning and "\n" not in meaning for meaning in CODES.values())


def test_every_code_the_package_uses_is_in_the_catalogue_and_no_other():
    used = package_codes()
    assert sorted(used - set(CODES)) == []  # raised or compared, not catalogued
    assert sorted(set(CODES) - used) == []  # catalogued, never raised


def test_the_scan_finds_codes_however_they_are_passed():
    source = """
error("a-code", "message")
warn(path, "b-code", "message", line=1)
self.warn("g-code", "message", 3)
self.error("message", 3)
fail(path, "message", code="c-code")
def fail(path, message, *, code="d-code"): ...
if problem.code == "e-code": ...
Diagnostic(path, 1, 2, ERROR, "f-code", "message")
error(code_variable, "two words")
"""
    assert _codes_in(ast.parse(source)) == {f"{c}-code" for c in "abcdefg"}


def test_a_diagnostic_carries_its_code():
    found = error("unknown-reference", "names no claim 'x'", path="m.yaml", line=3)
    assert found.to_dict()["code"] == "unknown-reference"
    assert found.format() == "m.yaml:3: error: names no claim 'x'"
