"""The top-level API: what the README's Python section uses."""

from __future__ import annotations

from pathlib import Path

import argmap

MAPS = Path(__file__).resolve().parent.parent / "maps"


def test_top_level_functions_pass_options_through():
    seen = []
    ws = argmap.load_workspace(
        [MAPS], progress=lambda done, total: seen.append((done, total))
    )
    assert sorted(ws.maps) == ["contracts-not-declarations", "hitech-diplomacy"]
    assert seen[-1] == (2, 2)
    seen.clear()
    assert (
        argmap.check_paths([MAPS], progress=lambda done, total: seen.append(done)) == []
    )
    assert seen == [1, 2]
    ws = argmap.load_workspace([MAPS], check=False)
    assert ws.diagnostics == []


def test_a_format_whose_module_is_missing_is_a_clear_error(tmp_path):
    import pytest

    from argmap import readwrite

    broken = readwrite.Format(
        "kialo", (".kialo.txt",), "argmap_kialo_missing.reader", writable=False
    )
    readwrite.register(broken)
    try:
        (tmp_path / "t.kialo.txt").write_text("x", encoding="utf-8")
        with pytest.raises(
            argmap.ArgmapError,
            match="cannot import its module 'argmap_kialo_missing.reader'",
        ):
            argmap.load(tmp_path / "t.kialo.txt")
    finally:
        del readwrite.FORMATS["kialo"]
