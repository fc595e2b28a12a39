"""Issue 13: hostile and broken input, faults, and a new user's rough edges.

One test (or a few) per item of the issue, each reproducing it as filed;
the fuzz run is ``tests/test_fuzz.py``, the kill test ``tests/test_kill.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap import readwrite
from argmap.analysis.semantics import grounded_labelling
from argmap.analysis.tensions import find_tensions
from argmap.cli import cli
from argmap.diagnostics import MapError
from argmap.render.layout import plan
from argmap.text import for_terminal, json_text, strip_controls
from argmap.workspace import load_workspace

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "maps"


def run(*args, **kwargs):
    return CliRunner(**kwargs).invoke(cli, [str(a) for a in args])


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def yaml_map(map_id: str, claims: str, extends: str | None = None) -> str:
    top = f"argmap: 1\nid: {map_id}\n" + (f"extends: {extends}\n" if extends else "")
    return top + "claims:\n" + claims


# -- 1. claim ids YAML 1.1 reads as booleans or numbers ---------------------------
def test_1_ids_that_yaml_1_1_reads_as_booleans_or_numbers_are_claim_ids(tmp_path):
    path = write(
        tmp_path / "m.yaml",
        yaml_map(
            "m",
            "  no:\n    text: No.\n  on:\n    text: On.\n    supports: [no]\n"
            "  1:\n    text: One.\n    rebuts: [on]\n  1.5:\n    text: Half.\n"
            "    supports: [no]\n  yes:\n    text: Yes.\n    supports: [no]\n",
        ),
    )
    (amap,) = readwrite.read(path)
    assert list(amap.claims) == ["no", "on", "1", "1.5", "yes"]
    assert {(r.source, r.target) for r in amap.relations} >= {("on", "no"), ("1", "on")}
    assert run("check", path).exit_code == 0
    assert run("tensions", path, "--json").exit_code == 0


def test_1_an_id_that_is_no_slug_gets_the_schema_message(tmp_path):
    path = write(tmp_path / "m.yaml", yaml_map("m", "  ~:\n    text: Tilde.\n"))
    result = run("check", path)
    assert result.exit_code == 1
    assert "m.yaml:4:3: error: claim id '~' is not a valid id" in result.stderr


@pytest.mark.parametrize("value", ["1", "1.5", "0x10", "true"])
def test_1_a_claim_id_read_as_a_number_in_a_relation_says_to_quote_it(tmp_path, value):
    path = write(
        tmp_path / "m.yaml",
        yaml_map(
            "m",
            f"  {value}:\n    text: X.\n  b:\n    text: B.\n    supports: [{value}]\n",
        ),
    )
    result = run("check", path)
    assert result.exit_code == 1
    (line,) = [x for x in result.stderr.splitlines() if "error:" in x]
    assert "m.yaml:8:16: error: claims.b.supports.0: this is read as " in line
    assert "not as text (fix: put it in quotes as you wrote it" in line
    run_quoted = run(
        "check", write(path, path.read_text().replace(f"[{value}]", f"['{value}']"))
    )
    assert run_quoted.exit_code == 0, run_quoted.output


# -- 2. node-link JSON of the wrong shape -----------------------------------------
@pytest.mark.parametrize(
    ("data", "words", "line"),
    [
        ('{"graph": NaN, "nodes": []}', "'graph' must be an object", 1),
        ('{"nodes": [],\n "graph": "x"}', "'graph' must be an object", 2),
        ('{"graph": {},\n "nodes": [null]}', "node #1 must be an object", 2),
        ('{"graph": {},\n "nodes": [\n  3]}', "node #1 must be an object", 3),
        ('{"graph": {},\n "nodes": [{"id": null}]}', "node #1 must be an object", 2),
        (
            (
                '{"graph": {}, "nodes": [{"id": "a"}],\n "links": [\n'
                ' {"source": "a", "target": null}]}'
            ),
            "link #1 must be an object",
            3,
        ),
    ],
)
def test_2_node_link_json_of_the_wrong_shape_is_an_error_with_a_line(
    tmp_path, data, words, line
):
    path = write(tmp_path / "m.json", data)
    result = run("check", path)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"m.json:{line}:" in result.stderr and words in result.stderr


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        (
            "m.json",
            (
                '{"graph": {}, "nodes": [{"id": "a"}],\n "links": [\n'
                ' {"source": "", "target": "a", "kind": "supports"}]}'
            ),
            "m.json:3:2: error: not node-link JSON: link #1 must be an object",
        ),
        (
            "m.json",
            '{"graph": {},\n "nodes": [{"id": "a"}, {"id": " "}], "links": []}',
            "m.json:2:25: error: not node-link JSON: node #2 must be an object",
        ),
        (
            "m.graphml",
            (
                '<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/'
                'xmlns">\n<graph edgedefault="directed">\n<node id="a"/>\n'
                '<edge id="e1" source="" target="a"/>\n</graph></graphml>\n'
            ),
            "m.graphml:5: error: edge '' -> 'a'",
        ),
    ],
)
def test_2_an_empty_node_id_is_an_error_with_a_line(tmp_path, name, data, words):
    # Found by the fuzz run: "source": "" made a claim '' that no line names.
    result = run("check", write(tmp_path / name, data))
    assert result.exit_code == 1 and words in result.stderr, result.stderr


def test_2_a_null_graph_is_an_empty_one(tmp_path):
    path = write(
        tmp_path / "m.json", '{"graph": null, "nodes": [{"id": "a"}], "links": []}'
    )
    assert run("check", path).exit_code == 0


# -- 3. AIF locutions that are no list --------------------------------------------
def test_3_aif_locutions_of_any_type_do_not_crash(tmp_path):
    path = write(
        tmp_path / "m.aif.json",
        '{"nodes": [{"nodeID": "1", "text": "a claim", "type": "I"}], "edges": [],'
        ' "locutions": 1.5}',
    )
    (amap,) = readwrite.read(path)
    assert [c.text for c in amap.claims.values()] == ["a claim"]


# -- 4. YAML !!binary ---------------------------------------------------------------
def test_4_yaml_binary_and_other_tags_are_refused_with_their_line(tmp_path):
    path = write(
        tmp_path / "m.yaml",
        yaml_map("m", "  a:\n    text: x\n    note: !!binary aGVsbG8=\n"),
    )
    with pytest.raises(MapError) as caught:
        readwrite.read(path)
    (problem,) = caught.value.diagnostics
    assert (problem.line, problem.column) == (6, 11)
    assert "unsupported YAML tag !!binary" in problem.message
    assert problem.fix == "write the value as plain text, without a !tag"


# -- 5. deeply nested JSON -------------------------------------------------------------
@pytest.mark.parametrize(
    "command", ["check", "render", "convert", "tensions", "report"]
)
def test_5_deeply_nested_json_is_a_clean_error_in_every_command(tmp_path, command):
    path = write(
        tmp_path / "m.json",
        '{"argmap": 1, "id": "m", "claims": {"a": {"text": "x", "tags": '
        + "[" * 2000
        + "]" * 2000
        + "}}}",
    )
    out = tmp_path / "out"
    args = {
        "check": [],
        "render": ["-o", out / "m.svg"],
        "convert": ["-o", out / "m.yaml"],
        "tensions": [],
        "report": ["-o", out / "r.html"],
    }[command]
    result = run(command, path, *args)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "m.json:1: error: values nested more than 64 levels deep" in result.stderr
    assert not out.exists()


# -- 6. an undercut of an undercut of a support -------------------------------------
def test_6_undercut_of_an_undercut_of_a_support(tmp_path):
    path = write(
        tmp_path / "m.yaml",
        yaml_map(
            "m",
            "  a:\n    text: A.\n  b:\n    text: B.\n    supports: [{to: a, id: s}]\n"
            "  x:\n    text: X.\n    undercuts: [{to: s, id: u}]\n"
            "  y:\n    text: Y.\n    undercuts: [u]\n",
        ),
    )
    (amap,) = readwrite.read(path)
    # An undercut of a support changes no attack: every claim is accepted.
    assert set(grounded_labelling(amap).values()) == {"in"}
    assert find_tensions(amap) == []
    for args in (
        ["tensions", path],
        ["report", path, "-o", tmp_path / "r.html"],
        ["render", path, "--highlight-tensions", "-o", tmp_path / "m.svg"],
    ):
        assert run(*args).exit_code == 0


# -- 7. alias bombs inside Argdown ---------------------------------------------------
BOMB = "".join(
    f"{chr(97 + n)}: &{chr(97 + n)} [{', '.join([f'*{chr(96 + n)}'] * 9)}]\n"
    for n in range(1, 7)
)


@pytest.mark.parametrize(
    "text",
    [
        "===\nz: &` [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + BOMB
        + "===\n[A]: text\n",
        (
            "[A]: text {a: &a [x,x,x,x,x,x,x,x,x], b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a], "
            "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b], d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c], "
            "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d], note: *e}\n"
        ),
    ],
    ids=["frontmatter", "data-block"],
)
def test_7_alias_bombs_in_argdown_are_stopped(tmp_path, text):
    path = write(tmp_path / "m.argdown", text.replace("&`", "&a").replace("*`", "*a"))
    started = time.process_time()
    result = run("check", path)
    assert time.process_time() - started < 5
    assert result.exit_code == 1
    assert "aliases (*name) repeat more values than a map can hold" in result.stderr
    assert len(result.stderr) < 1000


def test_7_one_long_string_repeated_by_aliases_is_stopped(tmp_path):
    # 140 KB of YAML that is 100 MB of claim text: render took over 120 s.
    long = "word " * 20000
    claims = f'  a:\n    text: &a "{long}"\n' + "".join(
        f"  c{n}:\n    text: *a\n    rebuts: [a]\n" for n in range(1000)
    )
    path = write(tmp_path / "m.yaml", yaml_map("m", claims))
    started = time.process_time()
    result = run("render", path, "-o", tmp_path / "m.svg")
    assert time.process_time() - started < 5
    assert result.exit_code == 1 and not (tmp_path / "m.svg").exists()
    assert "m.yaml:5:11: error: YAML syntax: aliases (*name) repeat more values" in (
        result.stderr
    )
    # A few repeats of a short string are what anchors are for.
    few = f'  a:\n    text: &a "{"word " * 20}"\n' + "".join(
        f"  c{n}:\n    text: *a\n" for n in range(20)
    )
    assert run("check", write(tmp_path / "ok.yaml", yaml_map("ok", few))).exit_code == 0


# -- 8. a dense attack graph -----------------------------------------------------------
def test_8_a_dense_attack_graph_is_laid_out_on_few_ranks():
    nodes = [f"c{i}" for i in range(40)]
    edges = [(a, b) for a in nodes for b in nodes if a != b]
    layout = plan(nodes, edges)
    # Longest paths would give 40 ranks and ~21,000 virtual nodes in dot.
    assert max(layout.depth.values()) == 1
    spans = sum(max(0, abs(layout.depth[a] - layout.depth[b]) - 1) for a, b in edges)
    assert spans == 0
    # Every constraining edge points one rank up.
    for a, b in edges:
        if (a, b) not in layout.back_edges:
            assert layout.depth[a] == layout.depth[b] + 1


def test_8_ordinary_maps_keep_longest_path_ranks():
    # A chain stays a chain: depth is the longest path, not the shortest.
    edges = [("b", "a"), ("c", "b"), ("d", "c"), ("d", "a")]
    assert plan(["a", "b", "c", "d"], edges).depth == {"a": 0, "b": 1, "c": 2, "d": 3}


# -- 9. never write over a file that was read -----------------------------------------
@pytest.fixture
def extension(tmp_path) -> Path:
    write(tmp_path / "base.yaml", yaml_map("base", "  a:\n    text: A.\n"))
    return write(
        tmp_path / "ext.yaml",
        yaml_map(
            "ext", "  b:\n    text: B.\n    supports: [a]\n", extends="./base.yaml"
        ),
    )


def test_9_convert_refuses_to_write_over_the_base(extension):
    base = extension.parent / "base.yaml"
    before = base.read_bytes()
    result = run("convert", extension, "-o", base)
    assert result.exit_code == 1
    assert "base.yaml: is an input map; choose another output path with -o" in (
        result.stderr
    )
    assert base.read_bytes() == before


def test_9_new_refuses_to_replace_its_base_even_with_force(extension):
    base = extension.parent / "base.yaml"
    before = base.read_bytes()
    result = run("new", "X", "--extends", base, "-o", base, "--force")
    assert result.exit_code == 1 and base.read_bytes() == before


def test_9_a_neighbour_that_was_read_is_protected(tmp_path):
    write(tmp_path / "a.yaml", yaml_map("a", "  x:\n    text: X.\n    rebuts: [b#y]\n"))
    other = write(tmp_path / "b.yaml", yaml_map("b", "  y:\n    text: Y.\n"))
    before = other.read_bytes()
    result = run("render", tmp_path / "a.yaml", "-o", other, "--format", "svg")
    assert result.exit_code == 1 and other.read_bytes() == before


# -- 10. symbolic links out of the folder -----------------------------------------------
SECRET = "root:x:0:0:secret-canary"


@pytest.fixture
def outside(tmp_path) -> Path:
    return write(tmp_path / "outside" / "passwd", f"{SECRET}\nmore lines\n")


def test_10_extends_through_a_link_out_of_the_folder_is_refused(tmp_path, outside):
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "base.argdown").symlink_to(outside)
    path = write(
        maps / "m.yaml", yaml_map("m", "  b:\n    text: B.\n", "./base.argdown")
    )
    result = run("check", path)
    assert result.exit_code == 1
    assert "m.yaml:3: error: extends './base.argdown'" in result.stderr
    assert "it is a symbolic link that leads outside this map's folder" in result.stderr
    report = run("report", path, "-o", tmp_path / "r.html")
    assert report.exit_code == 1 and not (tmp_path / "r.html").exists()
    assert SECRET not in result.output + report.output


def test_10_a_folder_skips_a_link_out_of_it_with_a_note(tmp_path, outside):
    maps = tmp_path / "maps"
    write(
        maps / "m.yaml",
        yaml_map("m", "  a:\n    text: A.\n  b:\n    text: B.\n    rebuts: [a]\n"),
    )
    (maps / "notes.argdown").symlink_to(outside)
    result = run("report", maps, "-o", tmp_path / "r.html")
    assert result.exit_code == 0
    assert (
        "notes.argdown: note: skipped: a symbolic link to a file outside this folder"
        in (result.stderr)
    )
    assert SECRET not in (tmp_path / "r.html").read_text("utf-8")
    # Named on its own, the file is read: the person asked for it.
    assert run("check", maps / "notes.argdown").exit_code == 0


def test_10_a_link_inside_the_folder_is_followed(tmp_path):
    maps = tmp_path / "maps"
    write(maps / "real.yaml", yaml_map("real", "  a:\n    text: A.\n"))
    (maps / "alias.yaml").symlink_to("real.yaml")
    path = write(
        maps / "m.yaml",
        yaml_map("m", "  b:\n    text: B.\n    supports: [a]\n", "./alias.yaml"),
    )
    assert run("check", path).exit_code == 0
    ws = load_workspace([maps])
    assert sorted(ws.maps) == ["m", "real"]  # alias.yaml is real.yaml, read once


# -- 11. one sanitiser for every printer --------------------------------------------------
HOSTILE = "a\u009b31m b\u0085c \x1b[2J d\u202eevil\u202c"


def test_11_c1_and_bidi_never_come_out_raw(tmp_path):
    claims = (
        f"  a:\n    text: {json.dumps(HOSTILE)}\n    role: thesis\n"
        "  b:\n    text: Objection.\n    rebuts: [a]\n"
    )
    one = write(tmp_path / "one.yaml", yaml_map("one", claims))
    two = write(
        tmp_path / "two.yaml",
        yaml_map("two", "  c:\n    text: From elsewhere.\n    rebuts: [one#a]\n"),
    )
    raw = set("\u009b\u0085\x1b\u202e\u202c")
    for args in (
        ["tensions", one, two, "--json"],
        ["tensions", one, two],
        ["check", one, two, "--json"],
        ["stats", one, two, "--json"],
    ):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert not raw & set(result.output), args
    printed = run("tensions", one, two, "--json").stdout
    # Escaped, not lost: the JSON read back holds the character.
    assert "\\u202e" in printed
    assert "\u202e" in json.dumps(json.loads(printed), ensure_ascii=False)


def test_11_pages_drawings_and_written_maps_hold_no_raw_control(tmp_path):
    data = {
        "argmap": 1,
        "id": "one",
        "title": HOSTILE,
        "claims": {
            "a": {"text": HOSTILE, "note": HOSTILE},
            "b": {"text": "B " + HOSTILE, "rebuts": [{"to": "a", "note": HOSTILE}]},
        },
    }
    path = write(tmp_path / "one.json", json.dumps(data))
    raw = set("\u009b\u0085\x1b\u202e\u202c")
    for args in (
        ["render", path, "-o", "-", "--format", "html"],  # the page's <title>, <h1>
        ["convert", path, "-o", "-", "--to", "mermaid"],
        ["convert", path, "-o", "-", "--to", "yaml"],  # printed to a terminal
        ["convert", path, "-o", "-", "--to", "graphml"],
    ):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
        assert not raw & set(result.stdout), args
    # The map formats keep the text: it reads back the same.
    for fmt, name in (("yaml", "m.yaml"), ("graphml", "m.graphml")):
        out = tmp_path / name
        assert run("convert", path, "-o", out, "--to", fmt).exit_code == 0
        (back,) = readwrite.read(out)
        text = back.claims["a"].text
        # GraphML (XML 1.0) cannot hold ESC at all: it becomes U+FFFD.
        assert text == (HOSTILE if fmt == "yaml" else HOSTILE.replace("\x1b", "\ufffd"))
        assert not set("\x1b\u202e") & set(out.read_text("utf-8"))


def test_11_the_sanitisers():
    assert json.loads(json_text({"t": HOSTILE})) == {"t": HOSTILE}
    assert not set("\u009b\u0085\u202e") & set(json_text({"t": HOSTILE}))
    assert (
        for_terminal(HOSTILE) == "a\ufffd31m b\ufffdc \ufffd[2J d<U+202E>evil<U+202C>"
    )
    assert strip_controls(HOSTILE) == "a 31m b c  [2J d<U+202E>evil<U+202C>"


# -- 12. SIGTERM mid-write; stale temp files after SIGKILL --------------------------------
def test_12_sigterm_while_staging_leaves_the_old_output_and_no_temp_file(tmp_path):
    out = write(tmp_path / "out.svg", "old")
    script = f"""
import os, signal
from argmap import fileio
real = fileio._stage
def stage(path, data):
    tmp = real(path, data)
    os.kill(os.getpid(), signal.SIGTERM)  # arrives while the file is staged
    return tmp
fileio._stage = stage
fileio.atomic_write_all([({str(out)!r}, "new"), ({str(tmp_path / "b.svg")!r}, "b")])
print("not reached")
"""
    done = subprocess.run(
        [sys.executable, "-c", script], check=False, capture_output=True, text=True
    )
    assert done.returncode == -15  # ended by the signal, as SIGTERM should
    assert "not reached" not in done.stdout
    assert out.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.svg"]


def test_12_temp_files_of_killed_processes_are_removed_by_the_next_write(tmp_path):
    out = write(tmp_path / "out.svg", "old")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=False,
        capture_output=True,
        text=True,
    )
    stale = write(tmp_path / f".out.svg.{dead.stdout.strip()}.abcd1234.tmp", "half")
    alive = write(tmp_path / f".out.svg.{os.getppid()}.wxyz5678.tmp", "another writer")
    from argmap.fileio import atomic_write

    atomic_write(out, "new")
    assert out.read_text() == "new"
    assert not stale.exists() and alive.exists()


# -- 13. smaller -----------------------------------------------------------------------
@pytest.fixture
def small(tmp_path) -> Path:
    return write(
        tmp_path / "m.yaml",
        yaml_map("m", "  a:\n    text: A.\n  b:\n    text: B.\n    rebuts: [a]\n"),
    )


def test_13_dash_is_standard_output(small, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("render", small, "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("<?xml")
    assert run("convert", small, "-o", "-", "--to", "json").stdout.startswith("{")
    assert run("merge", small, "-o", "-").stdout.startswith("argmap: 1")
    assert "<!DOCTYPE html>" in run("report", small, "-o", "-").stdout
    assert not (tmp_path / "-").exists()
    both = run("render", small, "-o", "-", "--json")
    assert both.exit_code == 2 and "use one of them" in both.output
    shown = " ".join(run("render", "--help").stdout.split())
    assert "'-' writes one drawing to standard output" in shown


def test_13_a_map_on_standard_output_is_checked_once_saved(small, tmp_path):
    made = run("new", "A title", "-o", "-")
    assert "#   argmap check a-title.yaml" in made.stdout
    assert "argmap check -" not in made.output


def test_13_an_output_link_is_written_through(small, tmp_path):
    (tmp_path / "link.svg").symlink_to("real.svg")
    assert run("render", small, "-o", tmp_path / "link.svg").exit_code == 0
    assert (tmp_path / "link.svg").is_symlink()
    assert (tmp_path / "real.svg").read_text("utf-8").startswith("<?xml")


def test_13_a_device_is_written_to_directly(small):
    assert run("render", small, "-o", "/dev/null", "--format", "svg").exit_code == 0
    assert Path("/dev/null").is_char_device()


def test_13_a_read_only_output_is_not_replaced(small, tmp_path):
    out = write(tmp_path / "ro.svg", "keep")
    out.chmod(0o444)
    result = run("render", small, "-o", out)
    assert result.exit_code == 1
    assert "ro.svg: is read-only, so it is not replaced" in result.stderr
    assert out.read_text() == "keep"


@pytest.mark.parametrize("redirect", ["full", "closed"])
def test_13_a_full_or_closed_standard_output_is_a_message(small, redirect):
    if redirect == "full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    stdout = open("/dev/full", "w") if redirect == "full" else subprocess.DEVNULL  # noqa: SIM115
    shell = f"exec {sys.executable} -m argmap tensions {small} >&-"
    done = (
        subprocess.run(
            [sys.executable, "-m", "argmap", "tensions", str(small)],
            check=False,
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
        )
        if redirect == "full"
        else subprocess.run(
            ["sh", "-c", shell], check=False, stderr=subprocess.PIPE, text=True
        )
    )
    if redirect == "full":
        stdout.close()
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "argmap: error: cannot write to standard output" in done.stderr


# -- 14. a JSON file in a folder of maps --------------------------------------------------
def test_14_non_map_files_in_a_folder_are_skipped_with_a_note(tmp_path, small):
    folder = small.parent
    result = run("tensions", folder, "--json")
    (folder / "t.json").write_text(result.stdout, encoding="utf-8")
    write(folder / "ci.yaml", "on: [push]\njobs: {}\n")
    write(folder / "empty.json", "")
    again = run("tensions", folder, "--json")
    assert again.exit_code == 0 and json.loads(again.stdout) == json.loads(
        result.stdout
    )
    assert "t.json: note: skipped: not node-link JSON" in again.stderr
    assert "ci.yaml: note: skipped: not a map" in again.stderr
    assert "empty.json: note: skipped: an empty file" in again.stderr
    strict = run("check", folder, "--strict")
    assert strict.exit_code == 0, strict.output  # notes fail nothing
    named = run("check", folder / "t.json")
    assert (
        named.exit_code == 1 and "t.json:1: error: not node-link JSON" in named.stderr
    )


# -- a new user's rough edges ----------------------------------------------------------------
def test_an_override_keeps_what_it_does_not_restate(tmp_path):
    write(
        tmp_path / "base.yaml",
        yaml_map(
            "base",
            "  a:\n    text: Old.\n    role: thesis\n    tags: [core]\n"
            "    quote: the words\n  b:\n    text: B.\n    supports: [a]\n",
        ),
    )
    ext = write(
        tmp_path / "ext.yaml",
        yaml_map(
            "ext",
            "  a:\n    text: New.\n    override: true\n    tags: [mine]\n",
            "./base.yaml",
        ),
    )
    ws = load_workspace([ext]).raise_for_errors()
    claim = ws.maps["ext"].claims["a"]
    assert (claim.text, claim.role, claim.quote, claim.tags) == (
        "New.",
        "thesis",
        "the words",
        ("core", "mine"),
    )
    data = json.loads(run("diff", tmp_path / "base.yaml", ext, "--json").stdout)
    assert data["claims"]["text_changed"] == [{"id": "a", "old": "Old.", "new": "New."}]
    assert data["claims"]["fields_changed"] == []  # nothing lost
    svg = tmp_path / "d.svg"
    assert run("diff", tmp_path / "base.yaml", ext, "-o", svg).exit_code == 0
    assert 'class="node claim thesis changed"' in svg.read_text("utf-8")


def test_a_dropped_role_is_reported_by_diff(tmp_path):
    old = write(
        tmp_path / "v1.yaml", yaml_map("v", "  a:\n    text: A.\n    role: thesis\n")
    )
    new = write(tmp_path / "v2.yaml", yaml_map("v", "  a:\n    text: A.\n"))
    result = run("diff", old, new)
    assert "role changed" in result.stdout and "was: thesis" in result.stdout


def test_the_score_beside_an_explanation_is_what_it_describes(tmp_path):
    # The case: the two central rebuttals of the seeds weigh 0.1.
    for name in ("contracts-not-declarations.yaml", "hitech-diplomacy.yaml"):
        text = (SEEDS / name).read_text("utf-8")
        text = text.replace(
            "id: contracts-not-summits\n        weight: 0.9",
            "id: contracts-not-summits\n        weight: 0.1",
        )
        text = text.replace(
            "id: summits-bring-cooperation\n        weight: 0.8",
            "id: summits-bring-cooperation\n        weight: 0.1",
        )
        write(tmp_path / name, text)
    ws = load_workspace([tmp_path]).raise_for_errors()
    from argmap.analysis.merge import merge

    merged = merge(ws.maps.values())
    top = find_tensions(merged, top=1)[0]
    assert top.score > top.details["lead_score"]
    assert top.details["score_from"]["score"] == pytest.approx(top.score)
    assert f"the clash itself {top.details['lead_score']:.2f}" in top.explanation
    # The clash on its own (--hops 0 groups exact pairs only) scores what it says.
    pair = set(top.claims[:2])
    (clash,) = [t for t in find_tensions(merged, hops=0) if set(t.claims[:2]) == pair]
    assert clash.details.get("lead_score", clash.score) == pytest.approx(
        top.details["lead_score"]
    )


def test_disputes_within_one_source_rank_below_those_between_sources():
    ws = load_workspace([SEEDS]).raise_for_errors()
    from argmap.analysis.merge import merge

    tensions = find_tensions(merge(ws.maps.values()))
    between = [len(t.sources) > 1 for t in tensions]
    assert between == sorted(between, reverse=True)  # all True before any False
    assert between.count(False) >= 1


@pytest.mark.parametrize(
    ("claims", "words"),
    [
        (
            "  a:\n    text: x\n  supports: [b]\n  b:\n    text: y\n",
            (
                "m.yaml:6:3: error: claims.supports: 'supports' is a field of a claim, but "
                "it is written where claim ids go (fix: indent 'supports:' under the claim"
            ),
        ),
        (
            "  - id: a\n    text: x\n",
            (
                "claims: expected a mapping of claim ids, got a list (fix: write each claim "
                "as its id and a colon"
            ),
        ),
        (
            "  a:\n    text x\n    supports: [b]\n  b:\n    text: y\n",
            (
                "m.yaml:5:9: error: YAML syntax: a ':' is missing after 'text' "
                "(fix: write 'text: x')"
            ),
        ),
        (
            (
                "  a:\n    text: x\n    supports:\n    - to b\n      weight: 0.5\n"
                "  b:\n    text: y\n"
            ),
            (
                "m.yaml:7:9: error: YAML syntax: a ':' is missing after 'to' "
                "(fix: write '- to: b')"
            ),
        ),
        (
            "  a:\n    text: x\n    support: [b]\n  b:\n    text: y\n",
            "unknown field 'support' (fix: did you mean 'supports'?",
        ),
        (
            "  a:\n    text: x\n    supports: [{too: b}]\n  b:\n    text: y\n",
            "unknown field 'too' (fix: did you mean 'to'?",
        ),
    ],
    ids=["indentation", "list", "colon", "to-colon", "support", "too"],
)
def test_four_weak_error_messages(tmp_path, claims, words):
    path = write(tmp_path / "m.yaml", yaml_map("m", claims))
    result = run("check", path)
    assert result.exit_code == 1 and words in result.stderr, result.stderr


def test_a_misspelt_top_level_field():
    from argmap.readwrite.yamlmap import loads

    with pytest.raises(MapError) as caught:
        loads("argmap: 1\nid: m\nclaim:\n  a:\n    text: x\n")
    fixes = [d.fix for d in caught.value.diagnostics]
    assert any(f and f.startswith("did you mean 'claims'?") for f in fixes)


def test_the_schema_describes_every_claim_field():
    schema = readwrite.document.schema()
    assert not schema["$id"].startswith("https://argmap.invalid")
    fields = schema["$defs"]["claim"]["properties"]
    for name in ("role", "tags", "supports", "rebuts", "undercuts", "same_as", "quote"):
        assert fields[name].get("description"), name
