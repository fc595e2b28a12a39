"""The library speaks Python, the command line speaks flags.

Every typed error of :mod:`argmap.errors` is raised through a real command
line here and must come out naming the option it is about (and, with
``--json``, say that option); the same exception's own message, as a Python
caller sees it, must name no option at all.  A static pass over the package
checks that no message raised outside ``argmap/cli/`` names an option.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import argmap.cli.errors as wording
from argmap import errors
from argmap.cli import cli
from argmap.cli.errors import diagnostics_for_cli, for_cli
from argmap.diagnostics import ArgmapError

MAP = """\
argmap: 1
id: {id}
title: T
claims:
  main:
    text: The main claim of {id}.
    role: thesis
    tags: [core]
  reason:
    text: A reason for it.
    supports: [main]
"""

#: An option as the command line spells it: --long-name, or -o standing alone.
#: A whole command line quoted as advice ("run argmap convert MAP -o OUT") is
#: an instruction to run the tool, not a parameter of the call: left out.
FLAG = re.compile(r"(?<![\w-])(--[a-z][a-z-]*|-[a-zA-Z]\b)")
COMMAND_LINE = re.compile(r"argmap [a-z]+ [^'\"]*")


def names_a_flag(text: str) -> bool:
    return bool(FLAG.search(COMMAND_LINE.sub("", text)))


@pytest.fixture
def maps(tmp_path: Path) -> Path:
    folder = tmp_path / "maps"
    folder.mkdir()
    for map_id in ("alpha", "beta"):
        (folder / f"{map_id}.yaml").write_text(MAP.format(id=map_id), "utf-8")
    (folder / "ext.yaml").write_text(
        "argmap: 1\nid: ext\nextends: alpha\nclaims: {}\n", "utf-8"
    )
    return folder


@pytest.fixture
def raised(monkeypatch) -> list[ArgmapError]:
    """Every error the command line words, as the library raised it."""
    seen: list[ArgmapError] = []

    def recording(exc, command=None):
        seen.append(exc)
        return for_cli(exc, command)

    monkeypatch.setattr(wording, "for_cli", recording)
    return seen


def read_only(monkeypatch) -> None:
    import argmap.fileio

    monkeypatch.setattr(argmap.fileio, "_read_only", lambda path, mode: True)


def terminal(monkeypatch) -> None:
    import argmap.fileio

    monkeypatch.setattr(argmap.fileio, "_stdout_is_terminal", lambda: True)


def no_dot(monkeypatch) -> None:
    from argmap.render import backends

    monkeypatch.setattr(backends, "system_dot", lambda: None)


def no_export(monkeypatch) -> None:
    """Neither resvg-py nor a system Graphviz: PNG cannot be drawn."""
    from argmap.render import backends, export

    monkeypatch.setattr(export, "can_export", lambda fmt: False)
    monkeypatch.setattr(backends, "system_dot", lambda: None)


def slow_dot(monkeypatch) -> None:
    from argmap.render import backends

    def timeout(*args, **kwargs):
        raise subprocess.TimeoutExpired("dot", 120)

    monkeypatch.setattr(backends, "system_dot", lambda: "/usr/bin/dot")
    monkeypatch.setattr(backends.subprocess, "run", timeout)


def broken_plugin(monkeypatch) -> None:
    """An installed format plugin whose module does not import."""
    import importlib.metadata

    from argmap import readwrite

    point = importlib.metadata.EntryPoint(
        "broken", "argmap_no_such_module:FORMAT", "argmap.readers"
    )
    monkeypatch.setattr(
        importlib.metadata,
        "entry_points",
        lambda group: [point] if group == "argmap.readers" else [],
    )
    monkeypatch.setattr(readwrite, "_plugins_loaded", False)


def wasm_out_of_memory(monkeypatch) -> None:
    import wasmtime

    from argmap.render import backends

    class Crashing:
        def render(self, *args, **kwargs):
            raise wasmtime.WasmtimeError(
                "error while executing at wasm backtrace:\n    0: 0x1 - <unknown>!malloc"
                "\n\nCaused by:\n    wasm trap: out of bounds memory access"
            )

    monkeypatch.setattr(backends, "_wasm_backend", lambda: Crashing())


# (error, arguments with {maps} and {out} for folders, words the output must
#  hold (the option among them), option in --json, setup)
CASES = [
    (
        errors.UnknownClaim,
        "render {maps}/alpha.yaml -o {out}/a.svg --focus nope",
        "--focus nope: map 'alpha' has no such claim (its claims: main, reason)",
        "--focus",
        None,
    ),
    (
        errors.UnknownTag,
        "render {maps}/alpha.yaml -o {out}/a.svg --tag nope",
        "--tag nope: no claim of map 'alpha' has that tag (its tags: core)",
        "--tag",
        None,
    ),
    (
        errors.UnknownTag,
        "render {maps}/alpha.yaml {maps}/beta.yaml -o {out}/ --tag nope",
        "--tag nope: no map has a claim with that tag",
        "--tag",
        None,
    ),
    (
        errors.FocusNeedsOneMap,
        "render {maps}/alpha.yaml {maps}/beta.yaml -o {out}/ --focus main",
        "--focus works on one map, and 2 were given; name one map file or add --merged",
        "--focus",
        None,
    ),
    (
        errors.FormatMismatch,
        "render {maps}/alpha.yaml -o {out}/a.png --format svg",
        "the extension says png but --format says svg",
        "--format",
        None,
    ),
    (
        errors.UnknownDrawingExtension,
        "render {maps}/alpha.yaml -o {out}/a.txt",
        "or pass a format (--format)",
        "--format",
        None,
    ),
    (
        errors.UnknownDrawingExtension,
        "diff {maps}/alpha.yaml {maps}/beta.yaml -o {out}/d.txt",
        (
            "d.txt: cannot tell the drawing's format from the extension; "
            "name it .svg, .png, .pdf, .dot or .html"
        ),
        "-o",
        None,
    ),
    (
        errors.ExportPackageMissing,
        "render {maps}/alpha.yaml -o {out}/a.png --backend wasm",
        "pip install resvg-py; or install Graphviz and use --backend system",
        "--backend",
        no_export,
    ),
    (
        errors.LayoutUnreadable,
        "render {maps}/alpha.yaml -o {out}/a.svg --layout-from {maps}/notes.txt",
        "--layout-from {maps}/notes.txt: not an SVG file",
        "--layout-from",
        None,
    ),
    (
        errors.GraphvizMissing,
        "render {maps}/alpha.yaml -o {out}/a.svg --backend system",
        "or leave out --backend system: the built-in Graphviz writes it",
        "--backend",
        no_dot,
    ),
    (
        errors.GraphvizMissing,
        "render {maps}/alpha.yaml -o {out}/a.png --backend system",
        "SVG output works without it (e.g. -o map.svg)",
        "-o",
        no_dot,
    ),
    (
        errors.GraphvizTimeout,
        "render {maps}/alpha.yaml -o {out}/a.png --backend system",
        "took longer than 120 s and was stopped; try a smaller view (--focus, --tag)",
        "--focus",
        slow_dot,
    ),
    (
        errors.GraphvizCrashed,
        "render {maps}/alpha.yaml -o {out}/a.svg",
        (
            "Graphviz (wasm) stopped (out of bounds memory access); on a big map this "
            "means it ran out of memory (WebAssembly gives it at most 4 GB); draw a "
            "smaller view: --focus CLAIM --depth 2, --tag TAG, or an overview with "
            "--levels 2"
        ),
        "--focus",
        wasm_out_of_memory,
    ),
    (
        errors.OutputNeedsFolder,
        "render {maps}/alpha.yaml {maps}/beta.yaml -o {out}/two.svg",
        (
            "2 maps need a folder (each map becomes <map-id>.<ext> in it); "
            "give a folder, or add --merged for one file"
        ),
        "-o",
        None,
    ),
    (
        errors.OutputNeedsFolder,
        "convert {maps} -o {out}/all.json",
        "3 maps need a folder (one file per map); give a folder such as",
        "-o",
        None,
    ),
    (
        errors.OutputWouldOverwriteInput,
        "merge {maps}/alpha.yaml {maps}/beta.yaml -o {maps}/beta.yaml",
        "beta.yaml: is an input map; choose another output path with -o",
        "-o",
        None,
    ),
    (
        errors.OutputWouldOverwriteInput,
        "render {maps}/alpha.yaml -o {maps}/alpha.yaml --format svg",
        "alpha.yaml: is an input map; choose another output path with -o",
        "-o",
        None,
    ),
    (
        errors.OutputReadOnly,
        "render {maps}/alpha.yaml -o {maps}/notes.txt --format svg",
        "notes.txt: is read-only, so it is not replaced; make it writable (chmod u+w)",
        "-o",
        read_only,
    ),
    (
        errors.BinaryToTerminal,
        "render {maps}/alpha.yaml -o - --format png",
        "-o -: PNG and PDF are binary and standard output is a terminal",
        "-o",
        terminal,
    ),
    (
        errors.StdoutNeedsOneOutput,
        "render {maps}/alpha.yaml {maps}/beta.yaml -o -",
        (
            "-o -: 2 maps cannot all go to standard output; give a folder with -o "
            "or add --merged"
        ),
        "-o",
        None,
    ),
    (
        errors.UnknownExtension,
        "merge {maps} -o {out}/m.txt",
        (
            "m.txt: cannot tell the format from the extension of a file argmap can "
            "write; use one of"
        ),
        "-o",
        None,
    ),
    (
        errors.UnknownExtension,
        "convert {maps}/alpha.yaml -o {out}/a.txt",
        "or name it with --to",
        "--to",
        None,
    ),
    (
        errors.UnknownExtension,
        "check {maps}/notes.txt",
        "or name it with --from",
        "--from",
        lambda mp: None,
    ),
    (
        errors.PluginFailed,
        "check {maps}",
        (
            "plugin 'broken' (argmap_no_such_module:FORMAT, entry point group "
            "argmap.readers) cannot be used: ModuleNotFoundError: No module named "
            "'argmap_no_such_module'; reinstall or uninstall the package that provides it"
        ),
        None,
        broken_plugin,
    ),
    (
        errors.UnknownFormat,
        "convert {maps}/alpha.yaml -o {out}/a.yaml --to nope",
        "--to nope: unknown format; known formats:",
        "--to",
        None,
    ),
    (
        errors.UnknownFormat,
        "check {maps}/alpha.yaml --from nope",
        "--from nope: unknown format; known formats:",
        "--from",
        None,
    ),
    (
        errors.UnknownSourceMap,
        "check {maps}/alpha.yaml --source nomap={maps}/alpha.yaml",
        "--source nomap=...: no map with id 'nomap' among the inputs",
        "--source",
        None,
    ),
    (
        errors.NotAnExtension,
        "diff {maps}/alpha.yaml",
        "map 'alpha' extends no other map; compare two maps with: argmap diff BASE OTHER",
        "OTHER",
        None,
    ),
    (
        errors.InvalidId,
        "new Title --id bad/id -o {out}/n.yaml",
        "--id bad/id: not a valid id",
        "--id",
        None,
    ),
    (
        errors.NoIdFromTitle,
        "new 日本語 -o {out}/n.yaml",
        "give one with --id, e.g. --id my-map",
        "--id",
        None,
    ),
    (
        errors.SameIdAsBase,
        "new Again --id alpha --extends {maps}/alpha.yaml -o {maps}/again.yaml",
        "of the map it extends; give it its own with --id",
        "--id",
        None,
    ),
    (
        errors.BaseNotFound,
        "new Mine --extends ../nothing.yaml -o {maps}/mine.yaml",
        "--extends ../nothing.yaml: no such file",
        "--extends",
        None,
    ),
    (
        errors.BaseNotFound,
        "new Mine --extends nothing -o {maps}/mine.yaml",
        "give the base map's path instead, e.g. --extends ../maps/base.yaml",
        "--extends",
        None,
    ),
    (
        errors.OutputExists,
        "new Mine -o {maps}/alpha.yaml",
        "alpha.yaml: already exists; pass --force to overwrite it",
        "--force",
        None,
    ),
    (
        errors.WrongOutputSuffix,
        "new Mine -o {out}/mine.json",
        (
            "-o {out}/mine.json: a new map is a YAML file; name it mine.yaml "
            "(convert it later with argmap convert)"
        ),
        "-o",
        None,
    ),
    (
        errors.NotALinksFile,
        "align {maps}/alpha.yaml -o {maps}/alpha.yaml",
        (
            "-o {maps}/alpha.yaml: is map 'alpha' with claims, not a links file; "
            "choose another output path"
        ),
        "-o",
        None,
    ),
    (
        errors.InvalidArgument,
        "new ' '",
        "the title is empty; write one, e.g. argmap new 'Summits and contracts'",
        "TITLE",
        None,
    ),
]


def _ids() -> list[str]:
    counts: dict[str, int] = {}
    out = []
    for case in CASES:
        name = case[0].__name__
        counts[name] = counts.get(name, 0) + 1
        out.append(f"{name}-{counts[name]}")
    return out


@pytest.mark.parametrize(
    ("error", "line", "words", "option", "setup"), CASES, ids=_ids()
)
def test_each_typed_error_names_its_option_and_the_library_names_none(
    error, line, words, option, setup, maps, tmp_path, raised, monkeypatch
):
    out = tmp_path / "out"
    out.mkdir()
    if setup is not None:
        setup(monkeypatch)
    (maps / "notes.txt").write_text("not a map\n", "utf-8")
    fill = {"maps": maps, "out": out}
    args = [part.format(**fill) for part in _split(line)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert words.format(**fill) in result.stderr
    assert [type(e) for e in raised] == [error]
    # The same failure, as Python sees it, names no option of the command line.
    assert not names_a_flag(str(raised[0])), str(raised[0])

    as_json = CliRunner().invoke(cli, [*args, "--json"])
    if as_json.exit_code == 2:  # a command without --json (there is none today)
        return
    data = json.loads(as_json.stdout)
    assert data["ok"] is False and data.get("option") == option  # absent: no option
    assert words.format(**fill) in data["error"]


def _split(line: str) -> list[str]:
    import shlex

    return shlex.split(line)


def test_every_typed_error_is_covered():
    """Each class of argmap.errors is in CASES or below (only click stops it reaching the CLI)."""
    covered = {case[0] for case in CASES}
    unreachable = {
        # click's Choice / IntRange refuse these values before the library sees them
        errors.UnknownDrawingFormat,
        errors.UnknownBackend,
        # about installing a package, no option to name; two maps of one id are
        # refused as an error of the maps before any output is planned
        errors.WasmMissing,
        errors.DuplicateOutput,
        # PNG and PDF are drawn from the SVG (argmap.render.export): the wasm
        # Graphviz is never asked for them, so it never refuses them
        errors.WasmCannotWrite,
    }
    classes = {
        cls
        for cls in vars(errors).values()
        if isinstance(cls, type)
        and issubclass(cls, ArgmapError)
        and cls.__module__ == errors.__name__
        and cls is not errors.BackendUnavailable
    }
    assert classes == covered | unreachable


@pytest.mark.parametrize(
    ("exc", "command", "words", "option"),
    [
        (
            errors.UnknownDrawingFormat("gif", ("svg", "png")),
            "render",
            "--format gif: unknown output format; choose one of svg, png",
            "--format",
        ),
        (
            errors.UnknownBackend("cairo", ("auto", "wasm", "system")),
            "render",
            "--backend cairo: unknown backend; choose one of auto, wasm, system",
            "--backend",
        ),
        (
            errors.InvalidArgument("depth", -1, "0 or more"),
            "render",
            "--depth must be 0 or more, not -1",
            "--depth",
        ),
    ],
)
def test_errors_click_stops_first_still_name_their_option(exc, command, words, option):
    shown = for_cli(exc, command)
    assert (shown.message, shown.option) == (words, option)
    assert not names_a_flag(str(exc))


def test_errors_without_a_wording_keep_the_library_message():
    plain = ArgmapError("something went wrong")
    assert for_cli(plain, "render").message == "something went wrong"
    assert for_cli(plain, "render").option is None
    # The timeout names render's options only where they exist.
    timeout = errors.GraphvizTimeout("dot", 120)
    assert for_cli(timeout, "report").message == str(timeout)


def test_library_values_for_python_callers():
    from argmap.model import ArgumentMap, Claim
    from argmap.render.views import focus

    amap = ArgumentMap("m", claims=[Claim(f"c{i}", "C") for i in range(10)])
    with pytest.raises(errors.UnknownClaim) as caught:
        focus(amap, "nope")
    assert (caught.value.claim, caught.value.map) == ("nope", "m")
    assert caught.value.known == tuple(f"c{i}" for i in range(10))
    assert str(caught.value) == (
        "claim 'nope': map 'm' has no such claim (its claims: c0, c1, c2, c3, c4, "
        "c5, c6, c7 ...)"
    )
    with pytest.raises(errors.InvalidArgument) as caught_depth:
        focus(amap, "c0", -1)
    assert str(caught_depth.value) == "depth must be 0 or more, not -1"


def test_merge_names_its_auto_option_in_warnings(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    contracts = "Contracts decide whether cooperation happens."
    summits = "Summit declarations bring cooperation."
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "m1.yaml").write_text(
        "argmap: 1\nid: m1\nclaims:\n"
        f"  x: {{text: {contracts}}}\n  y: {{text: {summits}, supports: [x]}}\n",
        "utf-8",
    )
    # automatic matching joins z with x and w with y; m3 says w is z
    (maps / "m2.yaml").write_text(
        f"argmap: 1\nid: m2\nclaims:\n  z: {{text: {contracts}}}\n", "utf-8"
    )
    (maps / "m3.yaml").write_text(
        f"argmap: 1\nid: m3\nclaims:\n  w: {{text: {summits}, same_as: [m2#z]}}\n",
        "utf-8",
    )
    args = ["merge", str(maps), "-o", str(tmp_path / "out.yaml"), "--auto", "0.8"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "use a higher --auto threshold" in result.stderr
    assert "auto_match" not in result.stderr
    (warning,) = json.loads(CliRunner().invoke(cli, [*args, "--json"]).stdout)[
        "warnings"
    ]
    assert warning["fix"].endswith("use a higher --auto threshold")


def test_diagnostics_of_other_commands_are_left_as_they_are():
    from argmap.diagnostics import warning

    d = warning("merged-self-relation", "m", fix="use a higher auto_match threshold")
    assert diagnostics_for_cli([d], "tensions") == [d]
    (shown,) = diagnostics_for_cli([d], "merge")
    assert shown.fix == "use a higher --auto threshold"


# -- no message raised outside argmap/cli/ names an option ------------------------

PACKAGE = Path(__file__).resolve().parent.parent / "argmap"
#: Calls whose string arguments are messages for people.
MESSAGE_CALLS = {"error", "warning", "fail", "ArgmapError", "MapError", "__init__"}


def _messages(tree: ast.AST):
    """(line, text) of every string in a raise statement or a message call."""
    for node in ast.walk(tree):
        inside = None
        if isinstance(node, ast.Raise) and node.exc is not None:
            inside = node.exc
        elif isinstance(node, ast.Call):
            func = node.func
            name = (
                func.attr
                if isinstance(func, ast.Attribute)
                else getattr(func, "id", "")
            )
            if name in MESSAGE_CALLS:
                inside = node
        if inside is None:
            continue
        for sub in ast.walk(inside):
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                yield sub.lineno, sub.value


def test_no_library_message_names_a_command_line_option():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if PACKAGE / "cli" in path.parents:
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for line, text in _messages(tree):
            if names_a_flag(text):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {text!r}")
    assert found == []


def test_the_flag_pattern_finds_options_and_nothing_else():
    assert names_a_flag("use --backend system")
    assert names_a_flag("e.g. -o map.svg")
    assert not names_a_flag("write 'argmap convert MAP -o OUT.json'")
    assert not names_a_flag("a well-known claim, the -1 weight, a->b, x --> y")
    assert not names_a_flag("/tmp/pytest-of-root/x-y.yaml: no such file")


@pytest.mark.parametrize("command", ["align", "tensions", "render", "check"])
def test_an_article_given_where_a_map_is_due_points_to_extract(tmp_path, command):
    # A new user's first try: the two articles themselves.  The error names
    # the file and the command that makes a map of it.
    article = tmp_path / "op-ed.txt"
    article.write_text("Cities should tax empty homes.\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text(MAP.format(id="a"), encoding="utf-8")
    extra = ["-o", str(tmp_path / "out.svg")] if command == "render" else []
    result = CliRunner().invoke(
        cli, [command, str(tmp_path / "a.yaml"), str(article), *extra]
    )
    assert result.exit_code == 1, result.output
    assert f"{article}: cannot tell the format" in result.output
    assert f"argmap extract {article} -o " in result.output
    assert "Traceback" not in result.output
