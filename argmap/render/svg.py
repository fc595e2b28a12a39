"""Post-processing of Graphviz's SVG: stable bytes, ids, classes, tooltips.

Graphviz's SVG is parsed with :mod:`xml.etree.ElementTree` (never edited as
text) and rewritten so that

* it is deterministic: comments are dropped (the first one names the
  Graphviz version; the others repeat node names), and so is the DOCTYPE;
* every claim's group has ``id="claim-<claim-id>"`` and every relation's
  edge ``id="rel-..."`` (see :mod:`argmap.render.dot`), with ``class``
  attributes by kind (``claim``, ``thesis``, ``external``, ``supports``,
  ``rebuts``, ``undercuts``, ``junction``, and ``tension``/``added``/
  ``removed`` when emphasised) besides Graphviz's ``node``/``edge``;
* each element's ``<title>`` (its tooltip in browsers) holds the claim's
  full text, quote and id, or the relation and its note;
* the root always has a ``viewBox``;
* fonts are named once, on the root: the Latin font and then common CJK
  fonts (:func:`argmap.render.theme.font_family`), with ``xml:lang`` set to
  the map's language so that Han characters take its forms;
* the canvas holds every text line: each line is measured
  (:mod:`argmap.render.text`) and where one would reach past the edge (a
  long title in CJK, which Graphviz measures too narrow), the canvas and its
  background grow to hold it.

Every id is a CSS identifier needing no escapes (see
:func:`argmap.render.elements.css_ident`), and each claim's group carries its
claim id as ``data-claim``.  With an *id_prefix* every id in the SVG becomes
``<prefix>-<id>`` (the prefix made CSS-safe too), so that any number of
diagrams -- several maps, or one map twice -- share a page without duplicate
ids.

With ``embed=True`` the result is meant to be pasted into HTML: no XML
prolog, ``width="100%"`` and ``height:auto`` (capped at the natural width),
``role="img"`` with a ``<title>`` naming the map, and ids prefixed with the
map id unless another *id_prefix* is given.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from argmap.diagnostics import ArgmapError
from argmap.render.dot import DotGraph
from argmap.render.elements import css_ident
from argmap.render.text import text_width
from argmap.render.theme import font_family
from argmap.text import strip_controls

__all__ = ["SVG_NS", "postprocess"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_S = f"{{{SVG_NS}}}"
_XLINK_HREF = f"{{{XLINK_NS}}}href"
_XLINK_TITLE = f"{{{XLINK_NS}}}title"
PROLOG = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
_URL_REF = re.compile(r"url\(#([^)]+)\)")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TRANSFORM = re.compile(
    r"scale\(([-0-9.]+)(?: ([-0-9.]+))?\).*translate\(([-0-9.]+) ([-0-9.]+)\)"
)
#: Room kept between a text line and the canvas edge, in points.
EDGE = 4.0

ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)


def id_prefix_for(graph: DotGraph, embed: bool, id_prefix: str | None) -> str:
    """The prefix of every id: *id_prefix* made CSS-safe; by default the map id
    when embedding, none otherwise (an empty *id_prefix* means none)."""
    if id_prefix is None:
        return css_ident(graph.map_id) if embed else ""
    return css_ident(id_prefix) if id_prefix else ""


def postprocess(
    svg: bytes | str,
    graph: DotGraph,
    *,
    embed: bool = False,
    id_prefix: str | None = None,
) -> str:
    """The final SVG text for Graphviz's output *svg* of *graph*."""
    try:
        # ElementTree drops comments and the DOCTYPE, and never fetches DTDs.
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        raise ArgmapError(f"Graphviz produced SVG that is not XML: {exc}") from None
    if root.tag != f"{_S}svg":
        raise ArgmapError("Graphviz output is not an SVG document")
    _ensure_viewbox(root)
    for group in root.iter(f"{_S}g"):
        element = graph.elements.get(group.get("id", ""))
        if element is None:
            continue
        group.set("id", element.svg_id)
        if element.claim is not None:
            group.set("data-claim", element.claim)
        kinds = group.get("class", "").split()
        group.set("class", " ".join(dict.fromkeys([*kinds, *element.classes])))
        title = group.find(f"{_S}title")
        if title is None and element.title:
            title = ET.Element(f"{_S}title")
            group.insert(0, title)
        if title is not None:
            title.text = _xml_text(element.title)
            title.tail = "\n"
    if graph.legend_box is not None:
        _draw_legend_box(root, graph)
    _set_fonts(root, graph.language)
    _fit_canvas(root)
    root.set("class", "argmap")
    root.set("data-map", graph.map_id)
    prefix = id_prefix_for(graph, embed, id_prefix)
    if embed:
        _embed(root, graph, prefix)
    else:
        _set_document_title(root, graph.title)
        _prefix_ids(root, prefix, skip=None)
    _tidy_whitespace(root)
    root.tail = None
    text = ET.tostring(root, encoding="unicode")
    return text + "\n" if embed else PROLOG + text + "\n"


def _xml_text(text: str | None) -> str | None:
    # XML 1.0 forbids most control characters even when escaped; map text may
    # hold them (a YAML "\a" or a JSON "\u0007"), and one would make the
    # whole SVG unreadable.
    return strip_controls(text, keep="\t\n\r") if text else text


def _ensure_viewbox(root: ET.Element) -> None:
    if root.get("viewBox"):
        return
    width, height = (_points(root.get(k)) for k in ("width", "height"))
    if width is None or height is None:
        raise ArgmapError("Graphviz output has no size; cannot give it a viewBox")
    root.set("viewBox", f"0.00 0.00 {width:.2f} {height:.2f}")


def _draw_legend_box(root: ET.Element, graph: DotGraph) -> None:
    """The legend's dashed box and label, for a pinned layout (neato draws no clusters)."""
    from argmap.render.theme import DEFAULT_THEME

    group = _graph_group(root)
    if group is None or graph.legend_box is None:
        return
    x0, y0, x1, y1 = graph.legend_box
    top, bottom = -y1, -y0  # SVG y points down
    if graph.legend_anchor is not None:  # where neato moved the drawing to
        claim, ax, ay = graph.legend_anchor
        for g in group.iter(f"{_S}g"):
            if g.get("data-claim") == claim:
                centre = _shape_centre(g)
                if centre is not None:
                    shift_x, shift_y = centre[0] - ax, centre[1] + ay
                    x0, x1 = x0 + shift_x, x1 + shift_x
                    top, bottom = top + shift_y, bottom + shift_y
                break
    style = DEFAULT_THEME.legend
    box = ET.Element(f"{_S}g", {"id": "legend", "class": "cluster legend"})
    title = ET.SubElement(box, f"{_S}title")
    title.text = "Legend"
    r = 4.0
    ET.SubElement(
        box,
        f"{_S}path",
        {
            "fill": "none",
            "stroke": style["color"],
            "stroke-dasharray": "5,2",
            "d": f"M{x0 + r:.2f},{top:.2f}L{x1 - r:.2f},{top:.2f}"
            f"Q{x1:.2f},{top:.2f} {x1:.2f},{top + r:.2f}L{x1:.2f},{bottom - r:.2f}"
            f"Q{x1:.2f},{bottom:.2f} {x1 - r:.2f},{bottom:.2f}L{x0 + r:.2f},{bottom:.2f}"
            f"Q{x0:.2f},{bottom:.2f} {x0:.2f},{bottom - r:.2f}L{x0:.2f},{top + r:.2f}"
            f"Q{x0:.2f},{top:.2f} {x0 + r:.2f},{top:.2f}Z",
        },
    )
    size = float(style["fontsize"])
    label = ET.SubElement(
        box,
        f"{_S}text",
        {
            "text-anchor": "middle",
            "x": f"{(x0 + x1) / 2:.2f}",
            "y": f"{(bottom - 4) if graph.legend_label_bottom else (top + size + 2):.2f}",
            "font-size": f"{size:.2f}",
        },
    )
    label.text = "Legend"
    # After the background polygon, before the nodes drawn on top of it.
    background = group.find(f"{_S}polygon")
    index = list(group).index(background) + 1 if background is not None else 0
    group.insert(index, box)
    _fit_box(root, group, (x0, top, x1, bottom))


def _fit_box(
    root: ET.Element, group: ET.Element, box: tuple[float, float, float, float]
) -> None:
    """Grow the canvas to hold *box* (x0, top, x1, bottom in graph coordinates):
    a pinned layout's canvas holds the nodes, not the legend box drawn after."""
    view = (root.get("viewBox") or "").split()
    match = _TRANSFORM.search(group.get("transform", ""))
    if match is None or len(view) != 4:
        return
    scale = float(match.group(1))
    shift_x, shift_y = float(match.group(3)), float(match.group(4))
    left, low, width, height = (float(v) for v in view)
    need = [
        (box[0] + shift_x) * scale - EDGE,
        (box[1] + shift_y) * scale - EDGE,
        (box[2] + shift_x) * scale + EDGE,
        (box[3] + shift_y) * scale + EDGE,
    ]
    grow = [
        max(left - need[0], 0.0),
        max(low - need[1], 0.0),
        max(need[2] - (left + width), 0.0),
        max(need[3] - (low + height), 0.0),
    ]
    if max(grow) <= 0.005:
        return
    left, low = left - grow[0], low - grow[1]
    width, height = width + grow[0] + grow[2], height + grow[1] + grow[3]
    root.set("viewBox", f"{left:.2f} {low:.2f} {width:.2f} {height:.2f}")
    if _points(root.get("width")) is not None:
        root.set("width", f"{width:.0f}pt")
    if _points(root.get("height")) is not None:
        root.set("height", f"{height:.0f}pt")
    background = group.find(f"{_S}polygon")
    if background is not None and background.get("stroke") == "none":
        x0, x1 = left / scale - shift_x, (left + width) / scale - shift_x
        y0, y1 = low / scale - shift_y, (low + height) / scale - shift_y
        background.set(
            "points",
            f"{x0:.2f},{y1:.2f} {x0:.2f},{y0:.2f} {x1:.2f},{y0:.2f} "
            f"{x1:.2f},{y1:.2f} {x0:.2f},{y1:.2f}",
        )


def _shape_centre(group: ET.Element) -> tuple[float, float] | None:
    shape = group.find(f"{_S}path")
    if shape is None:
        shape = group.find(f"{_S}polygon")
    if shape is None:
        return None
    numbers = [
        float(n)
        for n in re.findall(
            r"-?\d+(?:\.\d+)?", shape.get("d") or shape.get("points") or ""
        )
    ]
    xs, ys = numbers[0::2], numbers[1::2]
    if not xs or not ys:
        return None
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def _set_fonts(root: ET.Element, language: str) -> None:
    """One ``font-family`` list on the root instead of Graphviz's on every text."""
    for text in root.iter(f"{_S}text"):
        text.attrib.pop("font-family", None)
    root.set("font-family", font_family(language))
    if language:
        root.set(_XML_LANG, language)


def _text_extent(text: ET.Element) -> tuple[float, float] | None:
    """Left and right x of a text line, in the coordinates it is drawn in."""
    try:
        x = float(text.get("x", "0"))
        size = float(text.get("font-size", "14"))
    except ValueError:
        return None
    width = text_width("".join(text.itertext()), size)
    anchor = text.get("text-anchor", "start")
    if anchor == "middle":
        return x - width / 2, x + width / 2
    if anchor == "end":
        return x - width, x
    return x, x + width


def _fit_canvas(root: ET.Element) -> None:
    """Widen the canvas (viewBox, width, background) so that every text line is on it."""
    group = _graph_group(root)
    box = (root.get("viewBox") or "").split()
    match = _TRANSFORM.search(group.get("transform", "")) if group is not None else None
    if group is None or match is None or len(box) != 4:
        return
    scale = float(match.group(1))
    shift_x = float(match.group(3))
    left, top, width, height = (float(v) for v in box)
    lowest, highest = left + EDGE, left + width - EDGE
    for text in group.iter(f"{_S}text"):
        extent = _text_extent(text)
        if extent is not None:
            lowest = min(lowest, (extent[0] + shift_x) * scale)
            highest = max(highest, (extent[1] + shift_x) * scale)
    grow_left = (left + EDGE) - lowest
    grow_right = highest - (left + width - EDGE)
    if grow_left <= 0.005 and grow_right <= 0.005:
        return
    grow_left, grow_right = max(grow_left, 0.0), max(grow_right, 0.0)
    left -= grow_left
    width += grow_left + grow_right
    root.set("viewBox", f"{left:.2f} {top:.2f} {width:.2f} {height:.2f}")
    if _points(root.get("width")) is not None:
        root.set("width", f"{width:.0f}pt")
    background = group.find(f"{_S}polygon")
    if background is not None and background.get("stroke") == "none":
        x0 = left / scale - shift_x
        x1 = (left + width) / scale - shift_x
        ys = [float(p.split(",")[1]) for p in background.get("points", "").split()]
        y0, y1 = min(ys), max(ys)
        background.set(
            "points",
            f"{x0:.2f},{y1:.2f} {x0:.2f},{y0:.2f} {x1:.2f},{y0:.2f} "
            f"{x1:.2f},{y1:.2f} {x0:.2f},{y1:.2f}",
        )


def _points(value: str | None) -> float | None:
    if not value:
        return None
    match = re.fullmatch(r"\s*([0-9.]+)\s*(pt|px)?\s*", value)
    return float(match.group(1)) if match else None


def _graph_group(root: ET.Element) -> ET.Element | None:
    return root.find(f"{_S}g")


def _set_document_title(root: ET.Element, title: str) -> None:
    group = _graph_group(root)
    existing = group.find(f"{_S}title") if group is not None else None
    if existing is not None:
        existing.text = _xml_text(title)
    else:
        element = ET.Element(f"{_S}title")
        element.text = _xml_text(title)
        root.insert(0, element)


def _embed(root: ET.Element, graph: DotGraph, prefix: str) -> None:
    natural = root.get("width")
    root.set("width", "100%")
    root.attrib.pop("height", None)
    style = "height:auto"
    if natural and _points(natural) is not None:
        style = f"max-width:{_points(natural):g}pt;height:auto"
    root.set("style", style)
    root.set("role", "img")
    title_id = f"{prefix}-title" if prefix else "title"
    # The graph group's own <title> would repeat the map title; one is enough.
    group = _graph_group(root)
    if group is not None:
        old = group.find(f"{_S}title")
        if old is not None:
            group.remove(old)
    title = ET.Element(f"{_S}title", {"id": title_id})
    title.text = _xml_text(graph.title)
    title.tail = "\n"
    root.insert(0, title)
    root.set("aria-labelledby", title_id)
    _prefix_ids(root, prefix, skip=title)


def _prefix_ids(root: ET.Element, prefix: str, skip: ET.Element | None) -> None:
    """Every id (and every reference to one) as ``<prefix>-<id>``."""
    if not prefix:
        return
    head = f"{prefix}-"
    for element in root.iter():
        if element is skip:
            continue
        value = element.get("id")
        if value is not None:
            element.set("id", head + css_ident(value))
        for attr in ("fill", "stroke", "clip-path", "filter", "mask", "style"):
            if attr in element.attrib:
                element.set(
                    attr,
                    _URL_REF.sub(
                        lambda m: f"url(#{head}{css_ident(m.group(1))})",
                        element.get(attr, ""),
                    ),
                )
        for attr in (_XLINK_HREF, "href"):
            target = element.get(attr)
            if target and target.startswith("#"):
                element.set(attr, f"#{head}{css_ident(target[1:])}")


def _tidy_whitespace(root: ET.Element) -> None:
    """One element per line, as Graphviz writes it (readable diffs)."""
    for element in root.iter():
        if len(element) and not (element.text or "").strip():
            element.text = "\n"
        if not (element.tail or "").strip():
            element.tail = "\n"
