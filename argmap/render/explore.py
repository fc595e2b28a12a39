"""Diagrams to explore in a browser: pan, zoom, search, details, collapse.

A diagram on an HTML page (``argmap render -o map.html``, and every diagram
of ``argmap report``) comes with the facts its script needs, as JSON in a
``<script type="application/json">`` block next to the SVG
(:func:`explorer_data`, :func:`json_script`); ``assets/explore.js`` reads
them and turns the figure into a viewer:

* pan (drag, arrow keys, one finger) and zoom (Ctrl + wheel or pinch, ``+``
  and ``-``, buttons), fit and actual size (``0``, ``1``);
* search the claims' text, quote and id (every word, or a "quoted phrase",
  case and accents ignored): every match outlined, "n of m", Enter and the
  arrows go from one to the next, in map order, and centre it;
* a click (or Enter on a focused claim) opens a panel with the claim's
  text, quote, sources, tags and note, and its neighbours as buttons;
* collapse a branch -- the claims below a claim that no root reaches
  except through it -- to a "+ 37" badge, and expand it again.

Map text is untrusted: it reaches the page only as JSON whose ``<``, ``>``
and ``&`` are ``\\u`` escapes (so no ``</script>`` can end the block early)
and, in the script, only through ``textContent``; the page's
Content-Security-Policy allows its own script (by hash) and nothing from
the network.  Without the script, the diagram is a plain scrolling SVG
whose tooltips hold the same facts.

The data (all ids are the SVG's, after the page's prefix):

``claims``
    claim id -> ``{el, text, quote, role, tags, note, sources}`` where
    *sources* lists ``[map id, quote]`` per source of a merged claim.
``relations``
    ``[source, kind, target]`` per drawn claim-to-claim relation (a linked
    argument's co-premises each count as a source; an undercut points at the
    target of the relation it attacks).
``below`` and ``roots``
    the claims one level below each claim, and the level-0 claims, as
    :func:`argmap.render.views.claim_levels` counts them: what collapsing
    needs.
``lines``
    SVG id -> the claims a relation's line or junction joins (hidden with
    any of them).
``branches``
    SVG id of an overview's hidden-branch box -> its label and claim texts.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from argmap.model import ArgumentMap

if TYPE_CHECKING:
    from argmap.render.dot import DotGraph
    from argmap.render.views import Hidden

__all__ = ["asset", "explorer_data", "json_script", "map_page"]


@cache
def asset(name: str) -> str:
    """The text of ``argmap/render/assets/<name>`` (the explorer's JS and CSS)."""
    return resources.files("argmap.render").joinpath("assets", name).read_text("utf-8")


def explorer_data(
    amap: ArgumentMap, graph: DotGraph, prefix: str, hidden: Hidden | None = None
) -> dict[str, Any]:
    """What the explorer script needs about the diagram *graph* of *amap*.

    *prefix* is the id prefix of the SVG on the page
    (:func:`argmap.render.svg.id_prefix_for`); *hidden* the overview's
    hidden branches, if any.
    """
    from argmap.refs import MapRefs
    from argmap.render.views import _children, claim_levels

    def svg_id(element_id: str) -> str:
        return f"{prefix}-{element_id}" if prefix else element_id

    drawn: dict[str, str] = {}
    lines: dict[str, list[str]] = {}
    boxes: dict[str, str] = {}
    for element in graph.elements.values():
        if element.claim is not None and "claim" in element.classes:
            drawn.setdefault(element.claim, svg_id(element.svg_id))
        elif "hidden-branch" in element.classes:
            boxes[element.ends[0]] = svg_id(element.svg_id)
        elif element.ends:
            lines[svg_id(element.svg_id)] = list(element.ends)
    claims: dict[str, dict[str, Any]] = {}
    for claim in amap.claims.values():
        if claim.id not in drawn:
            continue
        entry: dict[str, Any] = {"el": drawn[claim.id], "text": claim.text}
        if claim.quote:
            entry["quote"] = claim.quote
        if claim.role or claim.is_thesis:
            entry["role"] = claim.role
        if claim.tags:
            entry["tags"] = list(claim.tags)
        if claim.note:
            entry["note"] = claim.note
        if claim.provenance:
            entry["sources"] = [[p.map, p.quote or ""] for p in claim.provenance]
        claims[claim.id] = entry
    for ref, element_id in drawn.items():
        if ref not in claims:
            claims[ref] = {"el": element_id, "text": ref, "external": True}
    refs = MapRefs(amap)
    relations: list[list[str]] = []
    for relation in amap.relations:
        if relation.kind == "undercuts":
            attacked = refs.relation(relation.target)
            if attacked is not None:
                relations.append([relation.source, "undercuts", attacked.target])
            continue
        for source in (relation.source, *relation.linked):
            relations.append([source, relation.kind, relation.target])
    children = _children(amap)
    below = {c: kids for c, kids in children.items() if kids}
    levels = claim_levels(amap, children)
    data: dict[str, Any] = {
        "map": amap.id,
        "title": amap.title or amap.id,
        "claims": claims,
        "relations": relations,
        "below": below,
        "roots": [c for c, n in levels.items() if n == 0],
        "lines": lines,
    }
    if hidden is not None and hidden.branches:
        data["branches"] = {
            boxes[b.id]: {"label": b.label, "claims": list(b.texts)}
            for b in hidden.branches
            if b.id in boxes
        }
    return data


def _clean(value: Any) -> Any:
    """*value* with control characters taken out of every string (as the SVG has them)."""
    from argmap.text import strip_controls

    if isinstance(value, str):
        return strip_controls(value, keep="\t\n\r")
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def json_script(data: Any, element_id: str) -> str:
    """*data* as an inert ``<script type="application/json">`` block.

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, as are the line
    separators JavaScript once treated as line ends: no text in *data* can
    close the block or start markup.  *element_id* must be a plain id.
    """
    # Insertion order (map order, deterministic) is kept: the script searches
    # and steps through the claims in it.
    text = json.dumps(_clean(data), ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def map_page(
    amap: ArgumentMap, svg: str, graph: DotGraph, hidden: Hidden | None = None
) -> str:
    """One map as a self-contained HTML page to explore (``render -o map.html``).

    *svg* is the map's embedded SVG (ids prefixed with the map id, as
    :func:`argmap.render.render_svg_graph` gives it with ``embed=True``)
    and *graph* the DOT graph it was drawn from; *hidden* an overview's
    hidden branches.
    """
    from jinja2 import Environment, PackageLoader, StrictUndefined
    from markupsafe import Markup

    from argmap.render.svg import id_prefix_for
    from argmap.text import for_template

    prefix = id_prefix_for(graph, True, None)
    data_id = f"{prefix}-explore"
    env = Environment(
        loader=PackageLoader("argmap.render", "assets"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=for_template,
    )
    script = asset("explore.js")
    data = explorer_data(amap, graph, prefix, hidden)
    return env.get_template("map.html.j2").render(
        title=amap.title or amap.id,
        svg=Markup(svg),
        data=Markup(json_script(data, data_id)),
        data_id=data_id,
        style=Markup(asset("explore.css")),
        script=Markup(script),
        csp=page_policy(script),
    )


def page_policy(script: str) -> str:
    """The Content-Security-Policy of a page whose one script is *script*:
    nothing from the network, no other script, inline styles only."""
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest())
    return (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest.decode('ascii')}'; base-uri 'none'; "
        "form-action 'none'"
    )
