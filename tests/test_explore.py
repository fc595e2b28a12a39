"""The explorer page without a browser: its data, its escaping, `render -o map.html`.

What the page does in a browser is tests/test_explore_browser.py's.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import html5lib
from click.testing import CliRunner
from test_render_views import big_map

from argmap.cli import cli
from argmap.model import ArgumentMap, Claim, Relation
from argmap.render import render_svg_graph
from argmap.render.explore import explorer_data, json_script, map_page
from argmap.render.views import select

SAMPLE = Path(__file__).parent / "data" / "render-sample.yaml"
EVIL = '</script><script>alert(1)</script> <!-- & \u2028 "quoted"'


def blocks(html: str) -> list[str]:
    return re.findall(
        r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.DOTALL
    )


def test_json_script_cannot_be_closed_by_map_text():
    text = json_script({"text": EVIL, "bell": "a\x07b"}, "x-explore")
    body = text[
        len('<script type="application/json" id="x-explore">') : -len("</script>")
    ]
    assert (
        "<" not in body and ">" not in body and "&" not in body and "\u2028" not in body
    )
    assert json.loads(body) == {"text": EVIL, "bell": "a b"}  # as the SVG has it


def test_the_data_says_what_each_svg_id_draws():
    amap = big_map(120, cross=40)
    view = select(amap, levels=1)
    svg, graph = render_svg_graph(view.map, embed=True, hidden=view.hidden)
    data = explorer_data(view.map, graph, "big-120", view.hidden)
    ids = set(re.findall(r' id="([^"]+)"', svg))
    assert {c["el"] for c in data["claims"].values()} <= ids
    assert set(data["claims"]) == set(view.map.claims)
    assert set(data["lines"]) <= ids and set(data["branches"]) <= ids
    branch_ids = {b.id for b in view.hidden.branches}
    for ends in data["lines"].values():
        assert set(ends) <= set(view.map.claims) | branch_ids
    # every drawn relation's line is listed, with its ends
    drawn = [ends for ends in data["lines"].values() if not set(ends) & branch_ids]
    assert sorted(map(tuple, drawn)) == sorted(
        (r.source, r.target) for r in view.map.relations
    )
    assert [b["label"] for b in data["branches"].values()] == [
        b.label for b in view.hidden.branches
    ]
    assert data["roots"] == [c for c in view.map.claims if view.map.claims[c].is_thesis]


def test_a_hostile_map_page_is_inert():
    amap = ArgumentMap(
        "evil",
        EVIL,
        claims=[Claim("a", EVIL, quote=EVIL, role="thesis"), Claim("b", "Fine.")],
        relations=[Relation("supports", "b", "a")],
    )
    html = map_page(amap, *render_svg_graph(amap, embed=True))
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)
    scripts = tree.findall(".//script")
    code = [s for s in scripts if s.get("type") != "application/json"]
    assert len(code) == 1
    csp = tree.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
    digest = base64.b64encode(hashlib.sha256(code[0].text.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp
    (data,) = [json.loads(b) for b in blocks(html)]
    assert data["claims"]["a"]["text"] == EVIL
    assert tree.find(".//h1").text == EVIL
    assert "alert(1)</script>" not in html.replace(EVIL, "")


def test_render_writes_an_explorer_page(tmp_path):
    runner = CliRunner()
    out = tmp_path / "map.html"
    result = runner.invoke(
        cli, ["render", str(SAMPLE), "-o", str(out), "--levels", "1"]
    )
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert (
        html.startswith("<!DOCTYPE html>")
        and 'data-explore="render-sample-explore"' in html
    )
    (data,) = [json.loads(b) for b in blocks(html)]
    assert data["branches"] and len(data["claims"]) == 8
    # --format html with another name, and the same bytes every time
    again = tmp_path / "again.page"
    result = runner.invoke(
        cli,
        ["render", str(SAMPLE), "-o", str(again), "--format", "html", "--levels", "1"],
    )
    assert result.exit_code == 0, result.output
    assert again.read_bytes() == out.read_bytes()
