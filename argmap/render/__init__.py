"""Rendering maps with Graphviz: map -> DOT (render.dottext) -> backend -> SVG post-processing.

>>> from argmap.render import render, render_svg, to_dot
>>> render(amap, "renders/map.svg")               # format from the extension
>>> svg = render_svg(amap, embed=True)            # for an HTML page
>>> print(to_dot(amap, direction="LR", legend=False))

SVG needs nothing beyond ``pip install`` (Graphviz in WebAssembly); PNG and
PDF are drawn from that same SVG (:mod:`argmap.render.export`: resvg-py, and
svg2pdf-py for vector PDF when the ``pdf`` extra is installed, else the PNG on
a PDF page), or by a system Graphviz with ``backend="system"`` (see
:mod:`argmap.render.backends`).  The same map gives the same SVG bytes on
every run and machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from argmap.diagnostics import ArgmapError  # noqa: F401 -- kept importable from here
from argmap.errors import UnknownDrawingExtension, UnknownDrawingFormat
from argmap.model import ArgumentMap
from argmap.render.layout import TIDY_MAX_NODES

if TYPE_CHECKING:
    from argmap.render.dot import DotGraph

__all__ = [
    "OUTPUT_FORMATS",
    "format_for_path",
    "render",
    "render_svg",
    "render_svg_graph",
    "render_to_bytes",
    "to_dot",
]

#: What :func:`render` writes: our DOT source, Graphviz's drawing, or a
#: page to explore it in a browser (``html``, :mod:`argmap.render.explore`).
OUTPUT_FORMATS = ("svg", "png", "pdf", "dot", "html")


def to_dot(amap: ArgumentMap, **drawing) -> str:
    """The Graphviz DOT source of *amap*.

    *drawing* are :func:`argmap.render.dot.build_dot`'s options, the one
    place they are defined: ``direction``, ``legend``, ``emphasis`` (claim
    ids and relation keys to mark), ``title``, ``others`` (maps by id, so
    that claims of other maps show their text) and ``styles`` (letter and
    colour per source, so that several diagrams agree).
    """
    from argmap.render.budget import Budget, with_graph_attributes
    from argmap.render.dot import build_dot

    budget = drawing.pop("budget", None)
    source = build_dot(amap, facts=False, **drawing).source  # no SVG is made from it
    if isinstance(budget, Budget):
        source = with_graph_attributes(source, budget.attrs)
    return source


def render_svg(
    amap: ArgumentMap,
    *,
    embed: bool = False,
    backend: str = "auto",
    id_prefix: str | None = None,
    layout_from=None,
    **drawing,
) -> str:
    """*amap* as SVG text; see :func:`render_svg_graph`."""
    return render_svg_graph(
        amap,
        embed=embed,
        backend=backend,
        id_prefix=id_prefix,
        layout_from=layout_from,
        **drawing,
    )[0]


def render_svg_graph(
    amap: ArgumentMap,
    *,
    embed: bool = False,
    backend: str = "auto",
    id_prefix: str | None = None,
    layout_from=None,
    **drawing,
) -> tuple[str, DotGraph]:
    """*amap* as SVG text, post-processed (ids, classes, tooltips, viewBox).

    ``embed=True`` gives an SVG fragment for HTML pages: no XML prolog,
    fluid width, ``role="img"`` and ids prefixed with the map id.
    *id_prefix* prefixes every id with another text (made CSS-safe), in
    embedded and standalone SVG alike; ``""`` means no prefix.
    *layout_from* (the path of an SVG argmap rendered before, or its claim
    positions from :func:`argmap.render.pinning.read_layout`) keeps every
    claim it draws where it was (:mod:`argmap.render.pinning`).
    *drawing* are the options of :func:`to_dot`.  Returns the SVG and the
    DOT graph it was drawn from (whose elements say what each SVG id draws).
    """
    from argmap.render.backends import render_bytes
    from argmap.render.budget import Budget, choose_budget, two_pass_graph
    from argmap.render.budget import with_graph_attributes as settings
    from argmap.render.dot import build_dot
    from argmap.render.svg import postprocess

    budget = drawing.pop("budget", None)
    if layout_from is None and not isinstance(budget, Budget):
        budget = choose_budget(
            amap, budget or "auto", overview=bool(drawing.get("hidden"))
        )
    if isinstance(budget, Budget) and budget.tier == "packed":
        from argmap.render.budget import PACKED_WRAP
        from argmap.render.theme import COMPACT_THEME

        drawing.setdefault("theme", COMPACT_THEME)
        drawing.setdefault("wrap", PACKED_WRAP)
    graph = build_dot(amap, **drawing)
    engine = "dot"
    attrs: dict[str, str] = {}
    if layout_from is not None:
        from argmap.render.pinning import pinned_graph, read_layout

        old = layout_from if isinstance(layout_from, dict) else read_layout(layout_from)
        graph = pinned_graph(amap, graph, old, backend=backend, drawing=drawing)
        engine = "neato"
    elif isinstance(budget, Budget) and budget.two_pass:
        graph = two_pass_graph(
            amap, graph, drawing, backend, budget.tier, points=budget.straight
        )
        # Straight lines: nop2 draws them between the boxes where they are
        # (neato routing splines round 5,000 boxes ran the wasm Graphviz out
        # of memory; straight, it took 6x nop2's time); else neato routes.
        engine = "nop2" if budget.straight else "neato"
        attrs = dict(budget.attrs)
    elif (
        isinstance(budget, Budget)
        and budget.tier in ("tidy", "full")
        and (budget.chosen or budget.tier == "tidy")
        and graph.plan is not None
        and len(graph.plan.order) <= TIDY_MAX_NODES
    ):
        # Laid out by branch (argmap.render.layout.tidy_positions), routed by neato.
        from argmap.render.pinning import pinned_graph

        graph = pinned_graph(amap, graph, None, backend=backend, drawing=drawing)
        engine = "neato"
        attrs = dict(budget.attrs)
    elif isinstance(budget, Budget):
        attrs = dict(budget.attrs)
    svg = postprocess(
        render_bytes(settings(graph.source, attrs), "svg", backend, engine),
        graph,
        embed=embed,
        id_prefix=id_prefix,
    )
    return svg, graph


def render_to_bytes(
    amap: ArgumentMap,
    fmt: str = "svg",
    *,
    embed: bool = False,
    backend: str = "auto",
    id_prefix: str | None = None,
    layout_from=None,
    **drawing,
) -> bytes:
    """*amap* rendered in memory as *fmt* (``svg``, ``png``, ``pdf``, ``dot`` or ``html``).

    *id_prefix* and *layout_from* are :func:`render_svg`'s; *drawing* are the
    options of :func:`to_dot`.
    """
    fmt = _check_format(fmt)
    if fmt == "dot":
        return to_dot(amap, **drawing).encode("utf-8")
    if fmt == "html":
        from argmap.render.explore import map_page

        svg, graph = render_svg_graph(
            amap, embed=True, backend=backend, layout_from=layout_from, **drawing
        )
        return map_page(amap, svg, graph, drawing.get("hidden")).encode("utf-8")
    if fmt == "svg":
        return render_svg(
            amap,
            embed=embed,
            backend=backend,
            id_prefix=id_prefix,
            layout_from=layout_from,
            **drawing,
        ).encode("utf-8")
    from argmap.render.backends import render_bytes

    if _draws_from_svg(fmt, backend):
        from argmap.render.export import export

        return export(
            render_svg(amap, backend="wasm", layout_from=layout_from, **drawing), fmt
        )
    return render_bytes(to_dot(amap, **drawing), fmt, backend)


def _draws_from_svg(fmt: str, backend: str) -> bool:
    """Whether PNG/PDF *fmt* is drawn from our SVG (else by Graphviz itself).

    ``backend="system"`` always asks the system Graphviz; ``"wasm"`` and
    ``"auto"`` draw from the SVG when the package for *fmt* is installed,
    ``"auto"`` falling back to a system Graphviz when it is not.
    """
    from argmap.render.backends import system_dot
    from argmap.render.export import ExportPackageMissing, can_export, missing_package

    if backend == "system":
        return False
    if can_export(fmt):
        return True
    if backend == "auto" and system_dot() is not None:
        return False
    raise ExportPackageMissing(fmt, missing_package(fmt))


def format_for_path(path, fmt: str | None = None) -> str:
    """The output format: *fmt* when given, else the extension of *path* (``-``: SVG)."""
    if fmt:
        return _check_format(fmt)
    from argmap.fileio import is_stdout

    if is_stdout(path):
        return "svg"
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix == "gv":
        suffix = "dot"
    if suffix not in OUTPUT_FORMATS:
        raise UnknownDrawingExtension(str(path), OUTPUT_FORMATS)
    return suffix


def render(amap: ArgumentMap, path, fmt: str | None = None, **options) -> Path:
    """Write *amap* to *path* atomically; the format comes from *fmt* or the extension.

    *options* are those of :func:`render_to_bytes`.  Nothing is written when
    rendering fails.
    """
    from argmap.fileio import atomic_write

    data = render_to_bytes(amap, format_for_path(path, fmt), **options)
    return atomic_write(path, data)


def _check_format(fmt: str) -> str:
    fmt = fmt.lower().lstrip(".")
    if fmt not in OUTPUT_FORMATS:
        raise UnknownDrawingFormat(fmt, OUTPUT_FORMATS)
    return fmt
