"""Plugins (entry points): one loader, one failure policy for formats and detectors.

The policy (argmap/plugins.py): a plugin that does not load, or gives the
wrong kind of object, is a PluginFailed error naming it, never a warning
and a silent skip, whichever group it belongs to.
"""

from __future__ import annotations

import importlib.metadata

import pytest

from argmap import plugins, readwrite
from argmap.analysis.tensions import registry
from argmap.errors import PluginFailed
from argmap.readwrite import Format

#: Objects the fake entry points below load, by "module:object" value.
KIALO = Format("kialo", (".kialo.txt",), "argmap_kialo", writable=False)
LOADABLE = {
    "good:FORMAT": KIALO,
    "good:detector": lambda amap, context: [],
    "good:TEXT": "not a format",
}


class Point:
    """An entry point as importlib.metadata gives it, loading from LOADABLE."""

    def __init__(self, name: str, value: str, group: str) -> None:
        self.name, self.value, self.group = name, value, group

    def load(self) -> object:
        if self.value not in LOADABLE:
            raise ModuleNotFoundError(f"No module named {self.value.split(':')[0]!r}")
        return LOADABLE[self.value]


@pytest.fixture
def installed(monkeypatch):
    """Fake the installed entry points: ``installed(group, (name, value), ...)``."""
    table: dict[str, list[Point]] = {}

    def install(group: str, *points: tuple[str, str]) -> None:
        table[group] = [Point(name, value, group) for name, value in points]

    monkeypatch.setattr(
        importlib.metadata, "entry_points", lambda group: table.get(group, [])
    )
    monkeypatch.setattr(readwrite, "_plugins_loaded", False)
    monkeypatch.setattr(readwrite, "FORMATS", dict(readwrite.FORMATS))
    monkeypatch.setattr(registry, "_ENTRY_POINTS", None)
    return install


def test_load_gives_a_group_in_name_order(installed):
    installed("g", ("zeta", "good:detector"), ("alpha", "good:detector"))
    found = plugins.load("g", callable, "a function")
    assert list(found) == ["alpha", "zeta"]


def test_a_format_plugin_is_registered(installed):
    installed(plugins.READERS, ("kialo", "good:FORMAT"))
    assert readwrite.formats()["kialo"] is KIALO
    assert readwrite.format_for("debate.kialo.txt") is KIALO


@pytest.mark.parametrize(
    ("group", "value", "reason"),
    [
        (
            plugins.READERS,
            "missing:FORMAT",
            "ModuleNotFoundError: No module named 'missing'",
        ),
        (plugins.WRITERS, "good:TEXT", "it gives str, not a Format"),
    ],
)
def test_a_broken_format_plugin_is_an_error_every_time(installed, group, value, reason):
    installed(group, ("kialo", "good:FORMAT"), ("zz-broken", value))
    for _ in range(2):  # not loaded once and then silently skipped
        with pytest.raises(PluginFailed) as caught:
            readwrite.format_for("map.yaml")
        failed = caught.value
        assert (failed.group, failed.name, failed.value) == (group, "zz-broken", value)
        assert failed.reason == reason
        assert "reinstall or uninstall the package" in str(failed)
    # All or nothing: the good plugin of the group is not half-registered.
    assert "kialo" not in readwrite.FORMATS


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("missing:detector", "ModuleNotFoundError: No module named 'missing'"),
        ("good:TEXT", "it gives str, not a function (amap, context)"),
    ],
)
def test_a_broken_detector_plugin_is_the_same_error(installed, value, reason):
    installed(plugins.TENSION_DETECTORS, ("broken", value))
    with pytest.raises(PluginFailed) as caught:
        registry.detectors()
    assert caught.value.group == "argmap.tension_detectors"
    assert caught.value.reason == reason


def test_a_detector_plugin_joins_the_built_in_ones(installed):
    installed(plugins.TENSION_DETECTORS, ("quiet", "good:detector"))
    found = registry.detectors()
    assert found["quiet"] is LOADABLE["good:detector"]
    assert "cross-source-attack" in found
