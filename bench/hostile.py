"""Hostile and broken inputs for argmap, in every readable format, deterministic by seed.

:func:`cases` yields :class:`Case` records: a few files (and symbolic
links) to lay out in an empty folder, the file or folder a command is run
on, and what a correct run must not do.  Used by ``bench/fuzz_inputs.py``
(the large run) and ``tests/test_fuzz.py`` (a few hundred cases).

Families of cases (each in all six readable formats where it applies):

* ``truncate``, ``bytes``: the file cut at a random byte, random bytes
  replaced or inserted (invalid UTF-8, NUL, controls);
* ``types``: one value of the parsed document replaced by a value of
  another type (null, booleans, NaN, huge numbers, lists, mappings, long
  or hostile text) at a random place;
* ``yaml``: tags, anchors and aliases, merge keys, alias bombs, ids YAML
  1.1 reads as booleans or numbers, duplicate keys, tabs, several documents;
* ``json``: NaN, Infinity, huge numbers, duplicate keys, lone surrogates,
  deep nesting, the wrong shape at the top;
* ``xml``: internal and external entities, billion laughs, DOCTYPEs, deep
  nesting, another encoding;
* ``argdown``: frontmatter and data blocks with aliases, unclosed
  comments, relations in every direction, lines shuffled;
* ``cycles``: extends cycles, support and attack cycles, undercuts of
  undercuts, a dense attack graph, self-relations, same_as loops;
* ``text``: C0, C1, bidi overrides, zero-width characters, markup and DOT
  in claim text, titles and ids;
* ``paths``: symbolic links to a file outside the folder (a *canary*
  whose text must appear in no output), ``extends`` through such links,
  file names with spaces, dashes and control characters;
* ``folder``: a folder of maps holding files that are not maps (a
  ``tensions --json`` output, a ``package.json``, a CI YAML file);
* ``big`` (only with ``big=True``): 100,000 claims, deeply nested files.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "interop"

#: The six readable formats and the extension a case gives each.
FORMATS = ("yaml", "json", "aif", "argdown", "graphml", "microtext")
EXTENSIONS = {
    "yaml": ".yaml",
    "json": ".json",
    "aif": ".aif.json",
    "argdown": ".argdown",
    "graphml": ".graphml",
    "microtext": ".xml",
}
#: Text that must never reach an output: it is only in files outside the case's folder.
CANARY = "CANARY-7f3a9c-OUTSIDE"

HOSTILE_TEXT = [
    "\x1b[2J\x1b]0;pwned\x07",
    "\u009b31m C1 CSI \u0085 NEL",
    "bidi \u202eevil\u202c and \u2066isolate\u2069",
    "zero\u200bwidth\ufeffbom",
    "<script>alert(1)</script> &amp; <b>",
    '"]; evil [label="x"]; a -> b; //',
    "\\N{ESC} \\x1b \\u001b",
    "line\nbreak\r\nand\ttab",
    "\x00nul\x7fdel",
    "🙂 e\u0301 " + "\u0300" * 50,
    "x" * 5000,
    "{{ template }} ${var} %s %n",
    "'; DROP TABLE claims; --",
    "javascript:alert(1)",
    "\ud7ff\ue000\ufffe\uffff",
]

ODD_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1.5,
    float("nan"),
    float("inf"),
    10**30,
    "",
    " ",
    "x" * 3000,
    [],
    {},
    [[[]]],
    {"a": {"b": {"c": []}}},
    "../../etc/passwd",
    "a#b#c",
    "a->b->c",
    "no",
    "1",
    ["a", 1, None],
    {"to": None},
    {"to": "a", "weight": "heavy"},
]

#: Ids YAML 1.1 reads as something other than text.
YAML_ODD_KEYS = [
    "no",
    "yes",
    "on",
    "off",
    "y",
    "n",
    "~",
    "null",
    "1",
    "1.5",
    "0x1F",
    "1:30",
    "true",
    ".inf",
    "2024-01-01",
    "<<",
    "=",
    "!",
    "&a",
    "*a",
]


@dataclass
class Case:
    """Files to lay out, and the path (relative to the case folder) a command reads."""

    name: str
    family: str
    fmt: str
    #: relative path -> bytes
    files: dict[str, bytes] = field(default_factory=dict)
    #: relative path -> link target (relative to the link's folder, or absolute
    #: with ``{outside}`` standing for the folder of outside files)
    links: dict[str, str] = field(default_factory=dict)
    #: relative path -> bytes, written in the *outside* folder (canary files)
    outside: dict[str, bytes] = field(default_factory=dict)
    #: what commands read, relative to the case folder (a file or a folder)
    target: str = ""

    def size(self) -> int:
        return sum(len(b) for b in self.files.values())


# -- valid seed files ---------------------------------------------------------------
def seed_texts() -> dict[str, list[str]]:
    """Valid files of every format: the interop fixtures and the seed maps, converted."""
    from argmap import readwrite

    maps = []
    for path in [
        DATA / "rich.yaml",
        DATA / "undercut-ids.yaml",
        ROOT / "maps" / "contracts-not-declarations.yaml",
    ]:
        maps.extend(readwrite.read(path))
    out: dict[str, list[str]] = {f: [] for f in FORMATS}
    for amap in maps:
        for fmt in ("yaml", "json", "aif", "argdown", "graphml"):
            data = readwrite.dumps(amap, fmt)
            out[fmt].append(data if isinstance(data, str) else data.decode())
    out["aif"].append((DATA / "debate.aif.json").read_text("utf-8"))
    out["argdown"].append((DATA / "constructs.argdown").read_text("utf-8"))
    out["microtext"].append((DATA / "tiny-micro.xml").read_text("utf-8"))
    out["microtext"].append(_micro(6))
    return out


def _micro(n: int, text: str = "A unit of text.") -> str:
    edus = "".join(
        f'<edu id="e{i}"><![CDATA[{text} {i}]]></edu>' for i in range(1, n + 1)
    )
    adus = "".join(
        f'<adu id="a{i}" type="{"pro" if i % 3 else "opp"}"/>' for i in range(1, n + 1)
    )
    segs = "".join(
        f'<edge id="s{i}" src="e{i}" trg="a{i}" type="seg"/>' for i in range(1, n + 1)
    )
    rels = "".join(
        f'<edge id="c{i}" src="a{i}" trg="a{(i - 1) // 2 or 1}" '
        f'type="{"reb" if i % 3 == 0 else "sup"}"/>'
        for i in range(2, n + 1)
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        f'<arggraph id="micro_x" topic_id="t" stance="pro">\n{edus}\n{adus}\n{segs}\n{rels}\n'
        "</arggraph>\n"
    )


# -- the YAML map as data, for type mutations ----------------------------------------
def _paths(value: Any, where: tuple = ()) -> Iterator[tuple]:
    yield where
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*where, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*where, index))


def _replace(value: Any, where: tuple, new: Any) -> Any:
    if not where:
        return new
    head, rest = where[0], where[1:]
    if isinstance(value, dict):
        return {
            k: (_replace(v, rest, new) if k == head else v) for k, v in value.items()
        }
    return [(_replace(v, rest, new) if i == head else v) for i, v in enumerate(value)]


def _json_dump(data: Any) -> str:
    # allow_nan: NaN and Infinity are what other tools write too.
    return json.dumps(data, indent=1, ensure_ascii=False, allow_nan=True, default=str)


def _yaml_dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        if not out:
            break
        at = rng.randrange(len(out))
        choice = rng.random()
        junk = rng.choice(
            [
                b"\x00",
                b"\xff",
                b"\xc3",
                b"\x1b",
                b"\x85",
                b"{",
                b"[",
                b'"',
                b":",
                b"\n",
                b"\t",
                b"&",
                b"<",
                b"#",
                b"\xe2\x80\xae",
                b"-",
            ]
        )
        if choice < 0.4:
            out[at : at + 1] = junk
        elif choice < 0.7:
            out[at:at] = junk
        else:
            del out[at : at + rng.randint(1, 20)]
    return bytes(out)


# -- families -------------------------------------------------------------------------
def _byte_cases(
    rng: random.Random, seeds: dict[str, list[str]], n: int
) -> Iterator[Case]:
    for k in range(n):
        fmt = FORMATS[k % len(FORMATS)]
        text = rng.choice(seeds[fmt]).encode()
        if k % 2:
            data = text[: rng.randrange(len(text))]
            family = "truncate"
        else:
            data = _flip(rng, text)
            family = "bytes"
        yield _single(f"{family}-{k}", family, fmt, data)


def _single(
    name: str, family: str, fmt: str, data: bytes | str, stem: str = "m"
) -> Case:
    raw = data.encode() if isinstance(data, str) else data
    filename = stem + EXTENSIONS[fmt]
    return Case(name, family, fmt, {filename: raw}, target=filename)


def _type_cases(
    rng: random.Random, seeds: dict[str, list[str]], n: int
) -> Iterator[Case]:
    for k in range(n):
        fmt = ("yaml", "json", "aif", "json-native")[k % 4]
        if fmt == "yaml" or fmt == "json-native":
            data = yaml.safe_load(rng.choice(seeds["yaml"]))
        else:
            data = json.loads(rng.choice(seeds[fmt]))
        spots = list(_paths(data))
        for _ in range(rng.randint(1, 3)):
            data = _replace(data, rng.choice(spots), rng.choice(ODD_VALUES))
            spots = list(_paths(data))
        if fmt == "yaml":
            try:
                text = _yaml_dump(data)
            except (yaml.YAMLError, ValueError):
                continue
            yield _single(f"types-{k}", "types", "yaml", text)
        else:
            real = "json" if fmt == "json-native" else fmt
            yield _single(f"types-{k}", "types", real, _json_dump(data))


YAML_SPECIALS = [
    "argmap: 1\nid: m\nclaims:\n  a:\n    text: x\n    note: !!binary aGVsbG8=\n",
    "argmap: 1\nid: m\nclaims:\n  a:\n    text: !!python/object:os.system x\n",
    "argmap: 1\nid: m\nclaims:\n  a: !!set {x, y}\n",
    "argmap: 1\nid: m\nclaims:\n  a:\n    text: !custom x\n",
    "argmap: 1\nid: m\nclaims:\n  a: &a\n    text: x\n    supports: [b]\n  b:\n    <<: *a\n    text: y\n",
    "argmap: 1\nid: m\nclaims:\n  a: &a {text: x, tags: *a}\n",
    "argmap: 1\nid: m\nbase: &b {text: x}\nclaims:\n  a: *b\n  b: *b\n",
    "argmap: 1\nid: m\nclaims:\n  a:\n    text: x\n  a:\n    text: y\n",
    "argmap: 1\nid: m\nclaims:\n\ta:\n\t\ttext: x\n",
    "argmap: 1\nid: m\nclaims: {}\n---\nargmap: 1\nid: n\nclaims: {}\n",
    "\ufeffargmap: 1\r\nid: m\r\nclaims:\r\n  a:\r\n    text: x\r\n",
    "argmap: 1\nid: m\nclaims:\n  a:\n    text: x\n    supports:\n    - to: b\n  b:\n  text: y\n",
    "argmap: 1\nid: m\nclaims:\n  - a:\n      text: x\n",
    "argmap: 1\nid: m\nclaims:\n  a:\n    text x\n",
    "argmap: 1\nid: m\nclaims:\n  a:\n    text: x\n    support: [b]\n  b:\n    text: y\n    too: [a]\n",
    "argmap: 1\nid: m\nclaims:\n  a:\n    text: x\n    supports:\n      - to: b\n        weight: .nan\n  b: {text: y}\n",
    "argmap: 1\nid: m\nclaims:\n  a:\n    text: x\n    rebuts: [{to: b, weight: 1e999}]\n  b: {text: y}\n",
    "argmap: 99999999999999999999999999999999\nid: m\nclaims: {}\n",
    "argmap: 1\nid: m\nclaims:\n  a:\n    text: x\n    weight: 0x1F\n",
    "[1, 2, 3]\n",
    "just text\n",
    "",
    "~\n",
    "argmap: 1\nid: ../../evil\nclaims: {}\n",
    "argmap: 1\nid: m\nextends: m\nclaims: {}\n",
    "argmap: 1\nid: m\nclaims:\n  ? [a, b]\n  : {text: x}\n",
    'argmap: 1\nid: m\nclaims:\n  a: {text: "unterminated\n',
    "argmap: 1\nid: m\nclaims:\n  a: {text: 'x', supports: [b, [c]]}\n",
    # One long string repeated by aliases: 140 KB of YAML, 100 MB of text.
    'argmap: 1\nid: m\nclaims:\n  a:\n    text: &t "'
    + "word " * 20000
    + '"\n'
    + "".join(f"  c{n}:\n    text: *t\n    rebuts: [a]\n" for n in range(1000)),
    # A claim id YAML reads as a number, named unquoted.
    "argmap: 1\nid: m\nclaims:\n  1:\n    text: x\n  b:\n    text: y\n    supports: [1]\n",
]


def _yaml_cases(rng: random.Random, n: int) -> Iterator[Case]:
    for k, text in enumerate(YAML_SPECIALS):
        yield _single(f"yaml-special-{k}", "yaml", "yaml", text)
    for k, key in enumerate(YAML_ODD_KEYS):
        quoted = key if key not in ("<<", "&a", "*a", "!", "=") else f"'{key}'"
        text = (
            f"argmap: 1\nid: m\nclaims:\n  {key}:\n    text: odd id {k}\n"
            f"  other:\n    text: points at it\n    supports: [{quoted}]\n"
        )
        yield _single(f"yaml-key-{k}", "yaml", "yaml", text)
    for k in range(n):
        depth = rng.choice([5, 8, 9, 10])
        width = rng.choice([5, 9, 12])
        lines = ["argmap: 1", "id: bomb", f"x0: &x0 [{', '.join(['lol'] * width)}]"]
        for level in range(1, depth):
            lines.append(
                f"x{level}: &x{level} [{', '.join([f'*x{level - 1}'] * width)}]"
            )
        lines.append(f"claims:\n  a:\n    text: boom\n    note: *x{depth - 1}")
        yield _single(f"yaml-bomb-{k}", "yaml", "yaml", "\n".join(lines) + "\n")


JSON_SPECIALS = [
    '{"argmap": 1, "id": "m", "claims": {"a": {"text": "x", "supports": [{"to": "b", "weight": NaN}]}, "b": {"text": "y"}}}',
    '{"argmap": 1, "id": "m", "claims": {"a": {"text": "x", "rebuts": [{"to": "b", "weight": Infinity}]}, "b": {"text": "y"}}}',
    '{"argmap": 1e400, "id": "m", "claims": {}}',
    '{"argmap": 123456789012345678901234567890, "id": "m", "claims": {}}',
    '{"argmap": 1, "id": "m", "id": "n", "claims": {}}',
    '{"argmap": 1, "id": "m", "claims": {"a": {"text": "\\ud800 lone"}}}',
    '{"argmap": 1, "id": "m", "claims": {"a": {"text": "\\u001b[2J \\u009b \\u202e"}}}',
    '{"directed": true, "graph": null, "nodes": [{"id": "a"}], "links": []}',
    '{"graph": NaN, "nodes": [], "links": []}',
    '{"graph": "str", "nodes": [], "links": []}',
    '{"graph": {}, "nodes": [null], "links": []}',
    '{"graph": {}, "nodes": 3, "links": []}',
    '{"graph": {}, "nodes": [{"id": null}], "links": []}',
    '{"graph": {}, "nodes": [{"id": [1]}], "links": []}',
    '{"graph": {}, "nodes": [{"id": "a"}], "links": [{"source": "a", "target": null, "kind": "supports"}]}',
    '{"graph": {}, "nodes": [{"id": "a"}, {"id": "b"}], "links": [{"source": "a", "target": "b"}]}',
    '{"graph": {"id": ["x"]}, "nodes": [{"id": "a", "kind": ["claim"]}], "links": "none"}',
    '{"graph": {}, "nodes": [{"id": 1}, {"id": "1"}], "links": []}',
    '{"graph": {}, "nodes": [{"id": true}], "links": []}',
    '{"nodes": [{"nodeID": "1", "text": "a", "type": "I"}], "edges": [], "locutions": 1.5}',
    '{"nodes": [{"nodeID": "1", "text": "a", "type": ["I"]}], "edges": []}',
    '{"nodes": [{"nodeID": null, "type": "I"}], "edges": [{"fromID": [], "toID": {}}]}',
    '{"nodes": [{"nodeID": "1", "type": "I", "text": {"x": 1}, "argmap": {"tags": 5}}], "edges": []}',
    '{"nodes": [{"nodeID": "1", "type": "CA"}, {"nodeID": "2", "type": "CA"}], "edges": [{"fromID": "1", "toID": "2"}, {"fromID": "2", "toID": "1"}]}',
    "[]",
    '"text"',
    "null",
    "",
    '{"argmap": 1, "id": "m", "claims": {"a": {"text": "x"}}} trailing',
]


def _json_cases() -> Iterator[Case]:
    for k, text in enumerate(JSON_SPECIALS):
        fmt = "aif" if '"nodeID"' in text and k % 2 else "json"
        yield _single(f"json-special-{k}", "json", fmt, text)
    deep = (
        '{"argmap": 1, "id": "m", "claims": {"a": {"text": "x", "tags": '
        + "[" * 2000
        + "]" * 2000
        + "}}}"
    )
    yield _single("json-deep", "json", "json", deep)
    deep_nl = (
        '{"graph": {}, "nodes": [{"id": "a", "tags": '
        + "[" * 900
        + "]" * 900
        + '}], "links": []}'
    )
    yield _single("json-deep-nodelink", "json", "json", deep_nl)
    yield _single(
        "aif-deep",
        "json",
        "aif",
        '{"nodes": [{"nodeID": "1", "type": "I", "text": "x", "argmap": {"tags": '
        + "[" * 5000
        + "]" * 5000
        + '}}], "edges": []}',
    )


XML_SPECIALS = [
    '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM "file://{outside}/secret.txt">]>\n<arggraph id="m"><edu id="e1">&x;</edu><adu id="a1" type="pro"/><edge id="s" src="e1" trg="a1" type="seg"/></arggraph>\n',
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>\n<arggraph id="m"><edu id="e1">&lol9;</edu><adu id="a1" type="pro"/><edge id="s" src="e1" trg="a1" type="seg"/></arggraph>\n',
    '<?xml version="1.0" encoding="ISO-8859-1"?>\n<arggraph id="m"><edu id="e1">caf\xe9</edu><adu id="a1" type="pro"/><edge id="s" src="e1" trg="a1" type="seg"/></arggraph>\n',
    '<arggraph id="m">' + "<x>" * 5000 + "</x>" * 5000 + "</arggraph>",
    '<arggraph id="../../evil"><edu id="e1">x</edu><adu id="a1" type="pro"/><edge id="s" src="e1" trg="a1" type="seg"/></arggraph>',
    '<arggraph id="m"><edu id="e1">x</edu><adu id="a1" type="pro"/><edge id="s" src="e1" trg="a1" type="seg"/><edge id="c1" src="a1" trg="c1" type="und"/></arggraph>',
    '<arggraph id="m"><edu id="e1">x</edu><adu id="a1" type="weird"/><edge id="s" src="e1" trg="a1" type="seg"/><edge id="c1" src="a1" trg="a1" type="sup"/></arggraph>',
    "<arggraph><edu>x</edu><adu/><edge/></arggraph>",
    "<notamap/>",
    '<?xml version="1.0"?>',
    "",
]

GRAPHML_SPECIALS = [
    '<?xml version="1.0"?>\n<!DOCTYPE g [<!ENTITY x SYSTEM "file://{outside}/secret.txt">]>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="d0" for="node" attr.name="text" attr.type="string"/><graph edgedefault="directed"><node id="a"><data key="d0">&x;</data></node></graph></graphml>\n',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="d0" for="node" attr.name="tags" attr.type="string"/><graph edgedefault="directed"><node id="a"><data key="d0">'
    + "[" * 3000
    + "]" * 3000
    + "</data></node></graph></graphml>",
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="d0" for="node" attr.name="weight" attr.type="double"/><graph edgedefault="directed"><node id="a"><data key="d0">NaN</data></node></graph></graphml>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="d0" for="edge" attr.name="kind" attr.type="string"/><graph edgedefault="undirected"><node id="a"/><node id="b"/><edge source="a" target="b"><data key="d0">rebuts</data></edge><edge source="a" target="zz"><data key="d0">supports</data></edge></graph></graphml>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="d0" for="graph" attr.name="source" attr.type="string"/><graph id="m" edgedefault="directed"><data key="d0">{"url": "javascript:alert(1)", "bad": [1]}</data><node id="a"/></graph></graphml>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="d0" for="node" attr.name="x" attr.type="int"/><graph edgedefault="directed"><node id="a"><data key="d0">not an int</data></node></graph></graphml>',
    "<graphml><graph><node/></graph></graphml>",
    "<html><body>not graphml</body></html>",
]


def _xml_cases() -> Iterator[Case]:
    for k, text in enumerate(XML_SPECIALS):
        raw = text.encode("latin-1") if "ISO-8859-1" in text else text.encode()
        case = _single(f"xml-special-{k}", "xml", "microtext", raw)
        case.outside = {"secret.txt": f"{CANARY} root:x:0:0".encode()}
        yield case
    for k, text in enumerate(GRAPHML_SPECIALS):
        case = _single(f"graphml-special-{k}", "xml", "graphml", text)
        case.outside = {"secret.txt": f"{CANARY} root:x:0:0".encode()}
        yield case


ARGDOWN_SPECIALS = [
    "===\na: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n===\n[A]: text\n",
    "[A]: text {a: &a [x,x,x,x,x,x,x,x,x], b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a], c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b], d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c], e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d], note: *e}\n",
    "[A]: text {note: !!binary aGVsbG8=}\n",
    "[A]: text {no: 1, 1: x, ~: y}\n",
    "===\ntitle: [1, 2]\nid: {x: 1}\n===\n[A]: text\n",
    "===\nunclosed: frontmatter\n[A]: text\n",
    "/* unclosed comment\n[A]: text\n",
    "[A]: text\n  + [B]: b\n    - [C]: c\n      _> [D]: d\n  <+ [A]\n  >< [B]\n",
    "<Arg>: an argument\n  +> [A]: a\n(1) p\n----\n(2) c\n",
    "[A]: text {weight: heavy, id: '../x', role: boss, tags: 5}\n  + [B]: b {weight: 2}\n",
    "[A]: " + "x" * 10000 + "\n",
    "[A]: a\n  + [A]\n",
    "[" * 3000 + "\n",
    "{" + "{" * 100 + "\n",
    "# Heading {x: [1\n[A]: a\n",
    "[\u202eA]: bidi title\n  - [\x1bB]: esc\n",
    '===\ntitle: &t "'
    + "word " * 20000
    + '"\n===\n'
    + "".join(f"[c{n}]: text {{note: &n x}}\n" for n in range(3))
    + "===\n",
    '===\ntitle: &t "'
    + "word " * 5000
    + '"\nnote: ['
    + ", ".join(["*t"] * 200)
    + "]\n===\n[A]: text\n",
]


def _argdown_cases(
    rng: random.Random, seeds: dict[str, list[str]], n: int
) -> Iterator[Case]:
    for k, text in enumerate(ARGDOWN_SPECIALS):
        yield _single(f"argdown-special-{k}", "argdown", "argdown", text)
    for k in range(n):
        lines = rng.choice(seeds["argdown"]).splitlines()
        for _ in range(rng.randint(1, 4)):
            op = rng.random()
            if not lines:
                break
            at = rng.randrange(len(lines))
            if op < 0.3:
                del lines[at]
            elif op < 0.6:
                lines.insert(at, lines[rng.randrange(len(lines))])
            elif op < 0.8:
                lines[at] = " " * rng.randint(0, 8) + lines[at].lstrip()
            else:
                lines.insert(at, rng.choice(ARGDOWN_SPECIALS).splitlines()[0])
        yield _single(
            f"argdown-lines-{k}", "argdown", "argdown", "\n".join(lines) + "\n"
        )


def _map_yaml(
    map_id: str,
    claims: dict[str, dict],
    extends: str | None = None,
    title: str | None = None,
) -> str:
    doc: dict[str, Any] = {"argmap": 1, "id": map_id}
    if title is not None:
        doc["title"] = title
    if extends is not None:
        doc["extends"] = extends
    doc["claims"] = claims
    return _yaml_dump(doc)


def _cycle_cases() -> Iterator[Case]:
    yield Case(
        "cycle-extends-2",
        "cycles",
        "yaml",
        {
            "a.yaml": _map_yaml("a", {"x": {"text": "x"}}, extends="b").encode(),
            "b.yaml": _map_yaml("b", {"y": {"text": "y"}}, extends="a").encode(),
        },
        target="a.yaml",
    )
    yield Case(
        "cycle-extends-path",
        "cycles",
        "yaml",
        {
            "a.yaml": _map_yaml("a", {"x": {"text": "x"}}, extends="./a.yaml").encode(),
        },
        target="a.yaml",
    )
    yield Case(
        "cycle-extends-3",
        "cycles",
        "yaml",
        {
            "a.yaml": _map_yaml("a", {"x": {"text": "x"}}, extends="./b.yaml").encode(),
            "b.yaml": _map_yaml("b", {"y": {"text": "y"}}, extends="./c.yaml").encode(),
            "c.yaml": _map_yaml("c", {"z": {"text": "z"}}, extends="./a.yaml").encode(),
        },
        target=".",
    )
    yield _single(
        "cycle-support",
        "cycles",
        "yaml",
        _map_yaml(
            "m",
            {
                "a": {"text": "a", "supports": ["b"]},
                "b": {"text": "b", "supports": ["c"]},
                "c": {"text": "c", "supports": ["a"], "rebuts": ["a"]},
            },
        ),
    )
    yield _single(
        "cycle-self",
        "cycles",
        "yaml",
        _map_yaml(
            "m",
            {
                "a": {
                    "text": "a",
                    "supports": ["a"],
                    "rebuts": [{"to": "a", "id": "r"}],
                    "undercuts": ["r"],
                },
            },
        ),
    )
    yield _single(
        "cycle-undercut-of-undercut-of-support",
        "cycles",
        "yaml",
        _map_yaml(
            "m",
            {
                "a": {"text": "a"},
                "b": {"text": "b", "supports": [{"to": "a", "id": "s"}]},
                "x": {"text": "x", "undercuts": [{"to": "s", "id": "u"}]},
                "y": {"text": "y", "undercuts": ["u"]},
            },
        ),
    )
    yield _single(
        "cycle-undercuts-loop",
        "cycles",
        "yaml",
        _map_yaml(
            "m",
            {
                "a": {"text": "a"},
                "x": {"text": "x", "undercuts": [{"to": "v", "id": "u"}]},
                "y": {"text": "y", "undercuts": [{"to": "u", "id": "v"}]},
            },
        ),
    )
    yield _single(
        "cycle-undercut-chain",
        "cycles",
        "yaml",
        _map_yaml(
            "m",
            {
                "a": {"text": "a"},
                "b": {"text": "b", "rebuts": [{"to": "a", "id": "u0"}]},
                **{
                    f"c{i}": {
                        "text": f"c{i}",
                        "undercuts": [{"to": f"u{i}", "id": f"u{i + 1}"}],
                    }
                    for i in range(30)
                },
            },
        ),
    )
    claims = {
        f"c{i}": {
            "text": f"Claim {i}.",
            "rebuts": [f"c{j}" for j in range(15) if j != i],
        }
        for i in range(15)
    }
    yield _single("cycle-dense-15", "cycles", "yaml", _map_yaml("dense", claims))
    yield Case(
        "cycle-same-as",
        "cycles",
        "yaml",
        {
            "a.yaml": _map_yaml(
                "a", {"x": {"text": "x", "same_as": ["b#y"], "rebuts": ["b#y"]}}
            ).encode(),
            "b.yaml": _map_yaml(
                "b", {"y": {"text": "y", "same_as": ["a#x", "b#y"]}}
            ).encode(),
        },
        target=".",
    )


def _text_cases(rng: random.Random, n: int) -> Iterator[Case]:
    from argmap import readwrite
    from argmap.model import ArgumentMap, Claim, Relation

    for k in range(n):
        hostile = HOSTILE_TEXT[k % len(HOSTILE_TEXT)]
        amap = ArgumentMap("hostile", title=f"Title {hostile}")
        amap.add_claim(
            Claim(
                "a",
                f"A claim {hostile}",
                quote=hostile,
                role="thesis",
                tags=("t",),
                note=hostile,
            )
        )
        amap.add_claim(Claim("b", hostile or "b"))
        amap.add_claim(Claim("c", f"c {hostile}"))
        amap.add_relation(Relation("supports", "b", "a", note=hostile))
        amap.add_relation(Relation("rebuts", "c", "a"))
        fmt = ("yaml", "json", "aif", "argdown", "graphml")[k % 5]
        data = readwrite.dumps(amap, fmt)
        yield _single(f"text-{k}", "text", fmt, data)
    for k, hostile in enumerate(HOSTILE_TEXT):
        # Hostile text where ids go: the gate refuses it, and the message prints it.
        text = f"argmap: 1\nid: {json.dumps(hostile)}\nclaims:\n  {json.dumps(hostile)}:\n    text: x\n"
        yield _single(f"text-id-{k}", "text", "yaml", text)


def _path_cases() -> Iterator[Case]:
    secret_map = _map_yaml("secret", {"s": {"text": f"{CANARY} root:x:0:0"}})
    for fmt, secret in (
        ("yaml", secret_map),
        ("argdown", f"[S]: {CANARY} root:x:0:0\n  + [T]: {CANARY}\n"),
    ):
        ext = EXTENSIONS[fmt]
        yield Case(
            f"paths-extends-link-{fmt}",
            "paths",
            "yaml",
            {
                "m.yaml": _map_yaml(
                    "m", {"b": {"text": "B."}}, extends=f"./base{ext}"
                ).encode(),
            },
            links={f"base{ext}": "{outside}/secret" + ext},
            outside={f"secret{ext}": secret.encode()},
            target="m.yaml",
        )
        yield Case(
            f"paths-folder-link-{fmt}",
            "paths",
            "yaml",
            {
                "m.yaml": _map_yaml("m", {"b": {"text": "B."}}).encode(),
            },
            links={f"notes{ext}": "{outside}/secret" + ext},
            outside={f"secret{ext}": secret.encode()},
            target=".",
        )
        yield Case(
            f"paths-neighbour-link-{fmt}",
            "paths",
            "yaml",
            {
                "m.yaml": _map_yaml(
                    "m", {"b": {"text": "B.", "supports": ["secret#s"]}}
                ).encode(),
            },
            links={f"other{ext}": "{outside}/secret" + ext},
            outside={f"secret{ext}": secret.encode()},
            target="m.yaml",
        )
    yield Case(
        "paths-folder-link-dir",
        "paths",
        "yaml",
        {
            "m.yaml": _map_yaml(
                "m", {"b": {"text": "B.", "supports": ["secret#s"]}}
            ).encode(),
        },
        links={"sub": "{outside}"},
        outside={"secret.yaml": secret_map.encode()},
        target=".",
    )
    yield Case(
        "paths-link-inside",
        "paths",
        "yaml",
        {
            "real.yaml": _map_yaml("real", {"b": {"text": "B."}}).encode(),
            "m.yaml": _map_yaml(
                "m", {"c": {"text": "C.", "supports": ["b"]}}, extends="./alias.yaml"
            ).encode(),
        },
        links={"alias.yaml": "real.yaml"},
        target="m.yaml",
    )
    yield Case(
        "paths-dangling-link",
        "paths",
        "yaml",
        {
            "m.yaml": _map_yaml("m", {"b": {"text": "B."}}).encode(),
        },
        links={"gone.yaml": "nowhere.yaml"},
        target=".",
    )
    yield Case(
        "paths-link-loop",
        "paths",
        "yaml",
        {
            "m.yaml": _map_yaml(
                "m", {"b": {"text": "B."}}, extends="./loop.yaml"
            ).encode(),
        },
        links={"loop.yaml": "loop.yaml"},
        target="m.yaml",
    )
    for k, name in enumerate(
        [
            "-dash.yaml",
            "sp ace.yaml",
            "new\nline.yaml",
            "esc\x1b[31m.yaml",
            "ünï.yaml",
            "bidi\u202e.yaml",
            "--help.yaml",
        ]
    ):
        yield Case(
            f"paths-name-{k}",
            "paths",
            "yaml",
            {
                name: _map_yaml(
                    "m", {"b": {"text": "B."}, "c": {"text": "C", "rebuts": ["b"]}}
                ).encode(),
            },
            target=name,
        )
    yield Case(
        "paths-extends-dotdot",
        "paths",
        "yaml",
        {
            "m.yaml": _map_yaml(
                "m", {"b": {"text": "B."}}, extends="../../../../../../etc/passwd"
            ).encode(),
        },
        target="m.yaml",
    )


def _folder_cases() -> Iterator[Case]:
    good = _map_yaml(
        "m", {"a": {"text": "A."}, "b": {"text": "B.", "rebuts": ["a"]}}
    ).encode()
    others = {
        "t.json": json.dumps({"ok": True, "tensions": [{"score": 0.5}]}).encode(),
        "package.json": b'{"name": "x", "version": "1.0.0"}',
        "ci.yaml": b"on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n",
        "notes.xml": b"<notes><n>hello</n></notes>",
        "data.graphml": b"<root/>",
        "list.yaml": b"- a\n- b\n",
        "empty.yaml": b"",
        "broken.json": b"{",
        "x.aif.json": b'{"not": "aif"}',
    }
    for k, (name, data) in enumerate(others.items()):
        yield Case(
            f"folder-{k}", "folder", "yaml", {"m.yaml": good, name: data}, target="."
        )


def _big_cases() -> Iterator[Case]:
    n = 100_000
    lines = ["argmap: 1", "id: big", "claims:"]
    for i in range(n):
        lines.append(f"  c{i}:\n    text: Claim {i}.")
        if i:
            lines.append(f"    supports: [c{(i - 1) // 3}]")
    yield _single("big-100k", "big", "yaml", "\n".join(lines) + "\n")
    yield _single(
        "big-deep-yaml",
        "big",
        "yaml",
        "argmap: 1\nid: m\nclaims:\n  a:\n    tags: "
        + "[" * 100_000
        + "]" * 100_000
        + "\n",
    )
    yield _single(
        "big-deep-json",
        "big",
        "json",
        '{"graph": {}, "nodes": [{"id": "a", "t": '
        + "[" * 100_000
        + "]" * 100_000
        + "}]}",
    )
    yield _single(
        "big-deep-xml",
        "big",
        "microtext",
        "<arggraph>" + "<a>" * 100_000 + "</a>" * 100_000 + "</arggraph>",
    )
    yield _single("big-long-line", "big", "argdown", "[A]: " + "word " * 400_000 + "\n")


def cases(seed: int = 0, *, per_family: int = 40, big: bool = False) -> list[Case]:
    """Every case: fixed ones, and *per_family* random ones per random family."""
    rng = random.Random(seed)
    seeds = seed_texts()
    out: list[Case] = []
    out += _byte_cases(rng, seeds, per_family * 3)
    out += _type_cases(rng, seeds, per_family * 2)
    out += _yaml_cases(rng, max(3, per_family // 10))
    out += _json_cases()
    out += _xml_cases()
    out += _argdown_cases(rng, seeds, per_family)
    out += _cycle_cases()
    out += _text_cases(rng, per_family)
    out += _path_cases()
    out += _folder_cases()
    if big:
        out += _big_cases()
    return out


def lay_out(case: Case, folder: Path) -> tuple[Path, Path]:
    """Write *case* under *folder*: ``folder/in`` (the case) and ``folder/outside``."""
    inside = folder / "in"
    outside = folder / "outside"
    inside.mkdir(parents=True)
    outside.mkdir()
    for name, data in case.outside.items():
        (outside / name).write_bytes(data)
    for name, data in case.files.items():
        data = data.replace(b"{outside}", str(outside).encode())
        (inside / name).write_bytes(data)
    for name, target in case.links.items():
        (inside / name).symlink_to(target.replace("{outside}", str(outside)))
    return inside, outside
