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
* the root always has a ``viewBox``.

With ``embed=True`` the result is meant to be pasted into HTML: no XML
prolog, ``width="100%"`` and ``height:auto`` (capped at the natural width),
``role="img"`` with a ``<title>`` naming the map, and every id prefixed with
the map id so that several maps on one page never collide.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from argmap.diagnostics import ArgmapError
from argmap.render.dot import DotGraph
from argmap.text import strip_controls

__all__ = ["SVG_NS", "postprocess"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_S = f"{{{SVG_NS}}}"
_XLINK_HREF = f"{{{XLINK_NS}}}href"
_XLINK_TITLE = f"{{{XLINK_NS}}}title"
PROLOG = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
_URL_REF = re.compile(r"url\(#([^)]+)\)")

ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)


def postprocess(svg: bytes | str, graph: DotGraph, *, embed: bool = False) -> str:
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
        kinds = group.get("class", "").split()
        group.set("class", " ".join(dict.fromkeys([*kinds, *element.classes])))
        title = group.find(f"{_S}title")
        if title is None and element.title:
            title = ET.Element(f"{_S}title")
            group.insert(0, title)
        if title is not None:
            title.text = _xml_text(element.title)
            title.tail = "\n"
    root.set("class", "argmap")
    root.set("data-map", graph.map_id)
    if embed:
        _embed(root, graph)
    else:
        _set_document_title(root, graph.title)
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


def _embed(root: ET.Element, graph: DotGraph) -> None:
    natural = root.get("width")
    root.set("width", "100%")
    root.attrib.pop("height", None)
    style = "height:auto"
    if natural and _points(natural) is not None:
        style = f"max-width:{_points(natural):g}pt;height:auto"
    root.set("style", style)
    root.set("role", "img")
    prefix = f"{graph.map_id}-"
    title_id = f"{prefix}title"
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
    for element in root.iter():
        if element is title:
            continue
        value = element.get("id")
        if value is not None:
            element.set("id", prefix + value)
        for attr in ("fill", "stroke", "clip-path", "filter", "mask", "style"):
            if attr in element.attrib:
                element.set(
                    attr,
                    _URL_REF.sub(
                        lambda m: f"url(#{prefix}{m.group(1)})", element.get(attr)
                    ),
                )
        for attr in (_XLINK_HREF, "href"):
            target = element.get(attr)
            if target and target.startswith("#"):
                element.set(attr, f"#{prefix}{target[1:]}")


def _tidy_whitespace(root: ET.Element) -> None:
    """One element per line, as Graphviz writes it (readable diffs)."""
    for element in root.iter():
        if len(element) and not (element.text or "").strip():
            element.text = "\n"
        if not (element.tail or "").strip():
            element.tail = "\n"
