"""Shared test helpers, and a sandbox every test runs in.

* :func:`run` runs the ``argmap`` command in-process; :func:`write` writes a
  (dedented) map file; :func:`tax_maps` writes two small maps to align.  Test modules import them: ``from conftest import run``.
* The session sets ``ARGMAP_CACHE_DIR`` to a temporary folder, so that no
  test reads or writes the user's embedding cache
  (:mod:`argmap.meaning.embed`); tests that check the cache itself point it
  at a folder of their own.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from argmap.cli import cli


def run(*args: object, catch_exceptions: bool = False) -> Result:
    """``argmap ARGS...`` in-process; paths and numbers may be given as they are.

    An exception that escapes the command fails the test with its traceback
    (the command must never show one); pass ``catch_exceptions=True`` to
    look at ``result.exception`` instead.
    """
    return CliRunner().invoke(
        cli, [str(a) for a in args], catch_exceptions=catch_exceptions
    )


def write(folder: Path, name: str, text: str) -> Path:
    """Write *text* (dedented) to ``folder/name`` as UTF-8, making folders; the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


#: Map ``a`` of the two-map align tests: a thesis and one support.
TAX_MAP = """\
argmap: 1
id: a
claims:
  tax:
    text: Cities should tax empty homes.
    role: thesis
  rents:
    text: Empty homes push rents up.
    supports: [tax]
"""


def tax_maps(folder: Path, other: str) -> list[str]:
    """Write :data:`TAX_MAP` to ``folder/a.yaml`` and *other* to ``b.yaml``; their paths."""
    return [str(write(folder, "a.yaml", TAX_MAP)), str(write(folder, "b.yaml", other))]


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("argmap-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ARGMAP_CACHE_DIR", str(folder))
        yield folder
