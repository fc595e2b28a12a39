"""Rendering: DOT building, escaping, SVG post-processing, views, backends."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pydot
import pytest

from argmap.diagnostics import ArgmapError
from argmap.model import ArgumentMap, Claim, Provenance, Relation
from argmap.render import format_for_path, render, render_svg, to_dot
from argmap.render.dot import build_dot
from argmap.render.views import by_tags, focus
from argmap.workspace import load_map

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "render-sample.yaml"
NS = {"svg": "http://www.w3.org/2000/svg"}
S = "{http://www.w3.org/2000/svg}"

HOSTILE = (
    'He said "stop" \\ {x} <b>bold</b>\nnext line <script>alert(1)</script> '
    "&amp; & \\N \\l end"
)


@pytest.fixture(scope="module")
def sample() -> ArgumentMap:
    return load_map(SAMPLE)


@pytest.fixture(scope="module")
def sample_svg(sample) -> str:
    return render_svg(sample)


def groups_by_id(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {g.get("id"): g for g in root.iter(f"{S}g") if g.get("id")}


def visible_text(group: ET.Element) -> str:
    return " ".join(t.text or "" for t in group.iter(f"{S}text"))


def unescape_dot(value: str) -> list[str]:
    """The lines a quoted DOT label shows (the inverse of our escaping)."""
    assert value.startswith('"') and value.endswith('"')
    body = value[1:-1]
    lines, current, i = [], "", 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            nxt = body[i + 1]
            if nxt == "n":
                lines.append(current)
                current = ""
            else:
                assert nxt in '\\"', f"unexpected escape \\{nxt}"
                current += nxt
            i += 2
            continue
        current += ch
        i += 1
    lines.append(current)
    return [line.replace("&amp;", "&") for line in lines]


def dot_nodes(source: str) -> dict[str, pydot.Node]:
    (graph,) = pydot.graph_from_dot_data(source)
    out = {}

    def walk(g):
        for node in g.get_nodes():
            name = node.get_name().strip('"')
            # The layout restates nodes in rank groups without attributes.
            if name not in out or node.get_attributes():
                out[name] = node
        for sub in g.get_subgraphs():
            walk(sub)

    walk(graph)
    return out


def dot_edges(source: str) -> list[tuple[str, str, dict]]:
    (graph,) = pydot.graph_from_dot_data(source)
    return [
        (e.get_source().strip('"'), e.get_destination().strip('"'), e.get_attributes())
        for e in graph.get_edges()
    ]


# -- determinism and structure ------------------------------------------------------


def test_same_bytes_twice_even_with_a_fresh_wasm_instance(sample):
    from argmap.render.backends import reset_wasm_backend

    first = render_svg(sample)
    reset_wasm_backend()
    assert render_svg(sample) == first
    assert to_dot(sample) == to_dot(sample)
    assert "graphviz version" not in first.lower()


def test_svg_has_a_group_per_claim_with_classes(sample, sample_svg):
    groups = groups_by_id(sample_svg)
    for claim_id in sample.claims:
        group = groups[f"claim-{claim_id}"]
        assert "claim" in group.get("class").split()
    assert "thesis" in groups["claim-lanes-pay"].get("class").split()
    assert "objection" in groups["claim-induced-demand"].get("class").split()
    kinds = {
        kind
        for g in groups.values()
        for kind in g.get("class", "").split()
        if kind in ("supports", "rebuts", "undercuts")
    }
    assert kinds == {"supports", "rebuts", "undercuts"}
    assert "supports" in groups["rel-health-savings-supports-lanes-pay"].get("class")
    root = ET.fromstring(sample_svg)
    assert re.fullmatch(r"[0-9. ]+", root.get("viewBox"))
    assert sample_svg.startswith("<?xml")


def test_tooltip_has_full_text_and_quote(sample, sample_svg):
    group = groups_by_id(sample_svg)["claim-health-savings"]
    title = group.find(f"{S}title").text
    assert sample.claims["health-savings"].text in title
    assert "“several hundred euros a year per regular cyclist”" in title


def test_long_text_is_wrapped_in_the_box(sample):
    lines = unescape_dot(dot_nodes(to_dot(sample))["health-savings"].get("label"))
    assert len(lines) >= 3
    # Wrapped by measured width: WRAP average Latin characters.
    from argmap.render.labels import WRAP
    from argmap.render.text import AVERAGE_EM, text_width

    assert all(text_width(line, 11) <= WRAP * AVERAGE_EM * 11 for line in lines)
    assert " ".join(lines) == sample.claims["health-savings"].text


# -- escaping -------------------------------------------------------------------------


def hostile_map() -> ArgumentMap:
    return ArgumentMap(
        "hostile",
        title='Title <script>x</script> "q" & \\G',
        claims=[
            Claim("evil", HOSTILE, quote='"quoted" </title><script>'),
            Claim('odd"id', "An id with a quote and a \\ backslash."),
        ],
        relations=[
            Relation("supports", "evil", 'odd"id', note="<b>n</b> & \\N"),
        ],
    )


def test_hostile_text_is_escaped_in_dot():
    amap = hostile_map()
    source = to_dot(amap)
    nodes = dot_nodes(source)
    (evil,) = [n for n in nodes.values() if "stop" in (n.get("label") or "")]
    assert " ".join(unescape_dot(evil.get("label"))) == " ".join(HOSTILE.split())
    # Nothing escaped the label: exactly the claim, edge, and no stray nodes.
    claim_nodes = [
        n for n in nodes.values() if (n.get("id") or "").startswith('"claim')
    ]
    assert len(claim_nodes) == 2
    assert len(dot_edges(source)) == 1


def test_hostile_text_shows_literally_in_svg():
    amap = hostile_map()
    svg = render_svg(amap)
    root = ET.fromstring(svg)
    tags = {el.tag.removeprefix(S) for el in root.iter()}
    assert "script" not in tags and "b" not in tags
    groups = groups_by_id(svg)
    assert visible_text(groups["claim-evil"]) == " ".join(HOSTILE.split())
    odd = groups["claim-odd_22id"]  # a CSS-safe id; the claim id is data-claim
    assert odd.get("data-claim") == 'odd"id'
    assert odd.find(f"{S}title").text.startswith("An id with")
    assert '"quoted" </title><script>' in groups["claim-evil"].find(f"{S}title").text


# -- embed ------------------------------------------------------------------------------


def test_embed_mode(sample):
    svg = render_svg(sample, embed=True)
    assert svg.startswith("<svg")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg and "<!--" not in svg
    root = ET.fromstring(svg)
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert "height:auto" in root.get("style")
    assert root.get("viewBox")
    title = root.find(f"{S}title")
    assert title.text == sample.title
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert ids and all(i.startswith("render-sample-") for i in ids)
    assert "render-sample-claim-lanes-pay" in ids
    assert sample._repr_svg_() == svg


# -- undercuts and linked premises -----------------------------------------------------------


def test_undercut_splits_the_relation_it_attacks(sample):
    source = to_dot(sample)
    edges = dot_edges(source)
    into_target = [e for e in edges if e[1] == "more-cyclists"]
    (junction,) = [e[0] for e in into_target if e[0] != "more-cyclists"]
    nodes = dot_nodes(source)
    assert nodes[junction].get("shape") == "point"
    tail = [(a, b) for a, b, _ in edges if b == junction]
    assert sorted(a for a, _ in tail) == ["counts-2019", "induced-demand"]
    (undercut,) = [attrs for a, b, attrs in edges if a == "induced-demand"]
    assert undercut["arrowhead"] == "diamond" and undercut["style"] == "dashed"
    (support_out,) = [attrs for a, b, attrs in edges if a == junction]
    assert support_out["arrowhead"] == "normal"


def test_linked_premises_meet_in_a_junction(sample):
    edges = dot_edges(to_dot(sample))
    premises = {a: b for a, b, _ in edges if a in ("shops-lose", "fewer-parking")}
    assert premises["shops-lose"] == premises["fewer-parking"]
    junction = premises["shops-lose"]
    (out,) = [attrs for a, b, attrs in edges if a == junction]
    assert out["arrowhead"] == "tee" and out["style"] == "dashed"
    assert [b for a, b, _ in edges if a == junction] == ["lanes-pay"]


def test_external_claim_is_a_dashed_box_with_its_ref():
    amap = ArgumentMap(
        "a",
        claims=[Claim("x", "X says so.")],
        relations=[Relation("rebuts", "x", "other-map#y")],
    )
    node = dot_nodes(to_dot(amap))["other-map#y"]
    assert "dashed" in node.get("style")
    assert unescape_dot(node.get("label")) == ["↗ other-map", "y"]
    groups = groups_by_id(render_svg(amap))
    external = groups["claim-other-map_23y"]  # "#" needs escaping in CSS: _23
    assert "external" in external.get("class").split()
    assert external.get("data-claim") == "other-map#y"


# -- merged maps, emphasis, legend -------------------------------------------------------------


def merged_map() -> ArgumentMap:
    summaries = [ArgumentMap("beta", "Beta paper"), ArgumentMap("alpha", "Alpha news")]
    return ArgumentMap(
        "merged",
        "Merged",
        claims=[
            Claim("a1", "Only alpha.", provenance=(Provenance("alpha", "a1"),)),
            Claim("b1", "Only beta.", provenance=(Provenance("beta", "b1"),)),
            Claim(
                "both",
                "Said by both.",
                provenance=(Provenance("beta", "x"), Provenance("alpha", "y")),
            ),
        ],
        relations=[
            Relation("supports", "a1", "both", asserted_by=("alpha",)),
            Relation("rebuts", "b1", "both", asserted_by=("beta",)),
        ],
        merged_from=summaries,
    )


def test_merged_claims_are_coloured_by_source_and_lettered():
    amap = merged_map()
    source = to_dot(amap)
    nodes = dot_nodes(source)
    # alpha sorts first: palette blue #0072B2 mixed 78% with white = #C7E0EE.
    assert nodes["a1"].get("fillcolor") == '"#C7E0EE"'
    assert nodes["a1"].get("color") == '"#0072B2"'
    # beta: orange #E69F00 -> (230+25*.78, 159+96*.78, 0+255*.78) = #FAEAC7
    assert nodes["b1"].get("fillcolor") == '"#FAEAC7"'
    assert unescape_dot(nodes["a1"].get("label"))[0] == "source A"
    assert unescape_dot(nodes["both"].get("label"))[0] == "sources A+B"
    legend = [
        " ".join(unescape_dot(n.get("label")))
        for name, n in nodes.items()
        if name.startswith("legend") and n.get("label")
    ]
    assert any("A: alpha" in t and "Alpha news" in t for t in legend)
    assert any("B: beta" in t and "Beta paper" in t for t in legend)
    groups = groups_by_id(render_svg(amap))
    assert "multi-source" in groups["claim-both"].get("class").split()


def test_emphasis_is_visible_without_colour():
    amap = merged_map()
    emphasis = {
        "both": "tension",
        "a1": "added",
        "b1": "removed",
        "b1->both": "tension",
    }
    source = to_dot(amap, emphasis=emphasis)
    nodes = dot_nodes(source)
    assert "⚡ tension" in unescape_dot(nodes["both"].get("label"))
    assert nodes["both"].get("penwidth") == "4"
    assert "+ added" in unescape_dot(nodes["a1"].get("label"))
    assert nodes["a1"].get("peripheries") == "2"
    assert "− removed" in unescape_dot(nodes["b1"].get("label"))
    assert "dashed" in nodes["b1"].get("style")
    (edge,) = [attrs for a, b, attrs in dot_edges(source) if a == "b1"]
    assert edge["penwidth"] == "3.5" and "⚡" in edge["label"]
    groups = groups_by_id(render_svg(amap, emphasis=emphasis))
    assert "tension" in groups["claim-both"].get("class").split()
    assert "added" in groups["claim-a1"].get("class").split()
    assert "tension" in groups["rel-b1-rebuts-both"].get("class").split()
    with pytest.raises(ValueError):
        to_dot(amap, emphasis={"a1": "glow"})


def test_legend_and_direction_options(sample):
    with_legend = to_dot(sample)
    assert "cluster_legend" in with_legend
    without = to_dot(sample, legend=False, direction="LR")
    assert "cluster_legend" not in without and "legend" not in without
    assert "rankdir=LR" in without
    assert "rankdir=BT" in with_legend
    with pytest.raises(ValueError):
        to_dot(sample, direction="up")


def test_highlight_tensions_marks_the_seed_tension():
    from argmap.analysis.emphasis import tension_emphasis
    from argmap.analysis.merge import merge
    from argmap.analysis.tensions import find_tensions
    from argmap.workspace import load_workspace

    ws = load_workspace([Path(__file__).parent.parent / "maps"])
    merged = merge(list(ws.maps.values()))
    emphasis = tension_emphasis(merged)
    found = find_tensions(merged)
    assert found and set(emphasis.values()) == {"tension"}
    assert set(found[0].claims) <= set(emphasis)


# -- views ------------------------------------------------------------------------------------


def test_focus_neighbourhood(sample):
    near = focus(sample, "lanes-pay", depth=1)
    assert set(near.claims) == {
        "lanes-pay",
        "health-savings",
        "congestion-relief",
        "shops-lose",
        "fewer-parking",
        "costs-high",
    }
    assert len(near.relations) == 4
    around = focus(sample, "counts-2019", depth=1)
    assert set(around.claims) == {"counts-2019", "more-cyclists", "induced-demand"}
    assert sorted(r.kind for r in around.relations) == ["supports", "undercuts"]
    assert set(focus(sample, "counts-2019", depth=0).claims) == {"counts-2019"}
    assert len(sample.claims) == 15  # the input map is unchanged
    with pytest.raises(ArgmapError, match="no such claim"):
        focus(sample, "nope")


def test_tag_view(sample):
    business = by_tags(sample, ["business"])
    assert set(business.claims) == {"fewer-parking", "shops-lose", "shoppers-cycle"}
    assert [(r.source, r.target) for r in business.relations] == [
        ("shoppers-cycle", "shops-lose")
    ]
    usage = by_tags(sample, ["usage"])
    assert set(usage.claims) == {"more-cyclists", "counts-2019", "induced-demand"}
    assert sorted(r.kind for r in usage.relations) == ["supports", "undercuts"]
    both = by_tags(sample, ["usage", "business"])
    assert len(both.claims) == 6
    with pytest.raises(ArgmapError, match="its tags: business, economics"):
        by_tags(sample, ["nothing"])


# -- API ---------------------------------------------------------------------------------------


def test_render_writes_by_extension(sample, tmp_path):
    out = render(sample, tmp_path / "m.dot")
    assert out.read_text(encoding="utf-8") == to_dot(sample)
    svg = render(sample, tmp_path / "m.svg").read_text(encoding="utf-8")
    assert ET.fromstring(svg).get("data-map") == "render-sample"
    with pytest.raises(ArgmapError, match="extension"):
        format_for_path(tmp_path / "m.txt")
    assert not (tmp_path / "m.txt").exists()


def test_element_ids_are_unique(sample_svg):
    root = ET.fromstring(sample_svg)
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))


def test_dot_names_never_use_unsafe_ids():
    graph = build_dot(hostile_map())
    assert 'odd"id' not in graph.source.replace('\\"', "")
    assert shutil.which  # keep import used for the backend tests below


def test_claim_of_another_map_shows_its_text_when_that_map_is_known():
    from argmap.model import ArgumentMap, Claim, Relation
    from argmap.render import to_dot

    other = ArgumentMap("other", claims=[Claim("x", "Summits change the atmosphere.")])
    amap = ArgumentMap("mine", claims=[Claim("a", "Contracts decide.")])
    amap.add_relation(Relation("rebuts", "a", "other#x"))
    alone = to_dot(amap)
    assert "Summits change" not in alone and "↗ other" in alone
    known = to_dot(amap, others={"other": other})
    assert "Summits change the" in known


# -- one rule for sources, styles and relation references ---------------------------------


def test_source_styles_are_assigned_in_sorted_order_and_run_past_z():
    from argmap.render.dot import source_styles

    styles = source_styles(["gamma", "alpha", "beta", "alpha"])
    assert [(m, s.letter, s.color) for m, s in styles.items()] == [
        ("alpha", "A", "#0072B2"),
        ("beta", "B", "#E69F00"),
        ("gamma", "C", "#009E73"),
    ]
    many = source_styles([f"m{i:02d}" for i in range(28)])
    # 26 letters, then AA, AB; the palette of 7 colours repeats.
    assert many["m25"].letter == "Z" and many["m26"].letter == "AA"
    assert many["m27"].letter == "AB"
    assert many["m07"].color == many["m00"].color == "#0072B2"
    assert source_styles(["x"], start=2)["x"].letter == "C"


def test_a_diagram_uses_the_source_styles_it_is_given():
    from argmap.render.dot import source_styles

    amap = merged_map()  # sources alpha and beta
    # A page whose third source sorts between them: beta is C there.
    styles = source_styles(["alpha", "also-alpha", "beta"])
    nodes = dot_nodes(to_dot(amap, styles=styles))
    assert unescape_dot(nodes["b1"].get("label"))[0] == "source C"
    # The third colour, bluish green #009E73, as border.
    assert nodes["b1"].get("color") == '"#009E73"'
    assert unescape_dot(nodes["both"].get("label"))[0] == "sources A+C"
    legend = [
        " ".join(unescape_dot(n.get("label")))
        for name, n in nodes.items()
        if name.startswith("legend") and n.get("label")
    ]
    # The legend names only the sources this map has, with the page's letters.
    assert any(t.startswith("C: beta") for t in legend)
    assert not any("also-alpha" in t for t in legend)
    # A source the given assignment lacks gets the next free letter.
    partial = dot_nodes(to_dot(amap, styles=source_styles(["beta"])))
    assert unescape_dot(partial["b1"].get("label"))[0] == "source A"
    assert unescape_dot(partial["a1"].get("label"))[0] == "source B"


def test_a_merged_claim_without_provenance_is_the_merged_maps_own():
    amap = merged_map()
    amap.add_claim(Claim("added", "Added by the editor of the merged map."))
    nodes = dot_nodes(to_dot(amap))
    # Sources alpha, beta and the merged map itself: "merged" sorts last, C.
    assert unescape_dot(nodes["added"].get("label"))[0] == "source C"


def test_a_relation_asserted_by_its_premises_own_source_has_no_letter():
    amap = merged_map()
    # The premise is a claim of alpha that the merged map does not hold:
    # alpha states it, so alpha asserting the support adds nothing.
    amap.add_relation(Relation("supports", "alpha#z", "a1", asserted_by=("alpha",)))
    amap.add_relation(Relation("rebuts", "alpha#z", "b1", asserted_by=("beta",)))
    edges = {(a, b): attrs for a, b, attrs in dot_edges(to_dot(amap))}
    assert "label" not in edges[("alpha#z", "a1")]
    assert edges[("alpha#z", "b1")]["label"] == '"B"'


def test_an_ambiguous_undercut_target_splits_no_relation():
    # "a->b" names two relations; which one is undercut is not said (check
    # reports it), so the diagram must not pick one.
    amap = ArgumentMap(
        "m",
        claims=[Claim("a", "A."), Claim("b", "B."), Claim("c", "C.")],
        relations=[
            Relation("supports", "a", "b"),
            Relation("rebuts", "a", "b"),
            Relation("undercuts", "c", "a->b"),
        ],
    )
    source = to_dot(amap)
    edges = dot_edges(source)
    assert ("a", "b") in [(x, y) for x, y, _ in edges]
    assert sum(1 for x, y, _ in edges if (x, y) == ("a", "b")) == 2
    assert not any(x == "a" and y.startswith("j~") for x, y, _ in edges)
    assert "junction" not in source
    # With an id the reference is one relation, and it is split.
    amap.relations[0].id = "r1"
    amap.relations[2].target = "r1"
    named = ArgumentMap("m", claims=amap.claims.values(), relations=amap.relations)
    ids = {attrs["id"] for _, _, attrs in dot_edges(to_dot(named))}
    assert '"rel-r1-from-a"' in ids and '"rel-a-rebuts-b"' in ids


def test_control_characters_never_reach_dot():
    from argmap.text import strip_controls

    # C1 "CSI" (\x9b) is a terminal escape as much as ESC [ is.
    amap = ArgumentMap("m", "T\x9b2J", claims=[Claim("x", "a\x9bb\x1bc\x7fd\uffffe")])
    source = to_dot(amap)
    for ch in "\x9b\x1b\x7f\uffff":
        assert ch not in source
    assert unescape_dot(dot_nodes(source)["x"].get("label")) == ["a b c d e"]
    assert strip_controls("a\tb\nc\rd\x00e\x85f") == "a\tb\nc d e f"
    assert strip_controls("a\tb\nc", keep="") == "a b c"
    assert strip_controls("a\x1b[2J", replacement="\ufffd") == "a\ufffd[2J"
    assert strip_controls("ok é ☃") == "ok é ☃"


def test_prepare_maps_draws_maps_as_given():
    from argmap.render.batch import prepare_maps

    base = ArgumentMap("base", claims=[Claim("b", "Base claim.")])
    # An extension the caller has not applied: drawn as written, not re-applied.
    ext = ArgumentMap("ext", claims=[Claim("e", "New.")], extends="base")
    (job,) = prepare_maps([ext], {"base": base, "ext": ext})
    assert job.amap is ext and list(job.amap.claims) == ["e"]
    assert job.others == {"base": base, "ext": ext}


def test_render_highlight_uses_the_shared_tension_emphasis():
    from argmap.analysis.emphasis import tension_emphasis
    from argmap.analysis.merge import merge
    from argmap.render.batch import prepare_maps
    from argmap.workspace import load_workspace

    ws = load_workspace([Path(__file__).parent.parent / "maps"])
    (job,) = prepare_maps(ws.maps.values(), merged=True, highlight_tensions=True)
    assert job.emphasis == tension_emphasis(merge(list(ws.maps.values())))
    assert job.emphasis and set(job.emphasis) <= set(job.amap.claims) | {
        r.key for r in job.amap.relations
    }


def test_undercut_of_another_maps_relation_is_labelled_with_its_claims():
    from argmap.model import ArgumentMap, Claim, Relation
    from argmap.render import to_dot

    other = ArgumentMap(
        "other", claims=[Claim("p", "Leaders met."), Claim("t", "Ties improve.")]
    )
    other.add_relation(Relation("supports", "p", "t"))
    amap = ArgumentMap("mine", claims=[Claim("u", "Meetings prove nothing.")])
    amap.add_relation(Relation("undercuts", "u", "other#p->other#t"))
    alone = to_dot(amap)
    assert "↗ other: the link from\\np\\nto\\nt" in alone  # unknown map: its claim ids
    known = to_dot(amap, others={"other": other})
    assert (
        "the support from" in known
        and "Leaders met." in known
        and "Ties improve." in known
    )


# -- ids for pages with several diagrams ---------------------------------------------------

CSS_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def test_every_id_is_a_css_identifier_and_claims_keep_their_id_as_data():
    amap = ArgumentMap(
        "2nd.map",
        claims=[
            Claim("a.b", "Dotted."),
            Claim("a_2eb", "Looks escaped."),
            Claim("1x", "X."),
        ],
        relations=[
            Relation("supports", "a.b", "1x"),
            Relation("rebuts", "a_2eb", "other#c:d"),
        ],
    )
    for svg in (render_svg(amap), render_svg(amap, embed=True)):
        root = ET.fromstring(svg)
        ids = [el.get("id") for el in root.iter() if el.get("id")]
        assert all(CSS_IDENT.fullmatch(i) for i in ids), ids
        assert len(ids) == len(set(ids))
        claims = {
            el.get("data-claim"): el.get("id")
            for el in root.iter()
            if el.get("data-claim")
        }
        assert set(claims) == {"a.b", "a_2eb", "1x", "other#c:d"}
        assert len(set(claims.values())) == 4  # "a.b" and "a_2eb" stay apart
    embedded = ET.fromstring(render_svg(amap, embed=True))
    assert embedded.find(f"{S}title").get("id") == "_2nd_2emap-title"


def test_id_prefix_applies_to_standalone_and_embedded_svg(sample):
    plain = ET.fromstring(render_svg(sample))
    assert any(el.get("id") == "claim-lanes-pay" for el in plain.iter())
    for svg in (
        render_svg(sample, id_prefix="p1"),
        render_svg(sample, embed=True, id_prefix="p1"),
    ):
        ids = [el.get("id") for el in ET.fromstring(svg).iter() if el.get("id")]
        assert ids and all(i.startswith("p1-") for i in ids)
    bare = ET.fromstring(render_svg(sample, embed=True, id_prefix=""))
    assert any(el.get("id") == "claim-lanes-pay" for el in bare.iter())
