"""PNG and PDF drawn from the diagram's SVG, with nothing but pip packages.

Every format shows the same picture: the map is laid out once (the pinned
wasm Graphviz), post-processed into the final SVG (:mod:`argmap.render.svg`),
and that SVG is drawn

* as PNG by ``resvg-py`` (resvg, Rust; MIT), at :data:`PNG_DPI` pixels per
  inch (1.5 times a browser's), on a white background;
* as PDF, by one of two routes (:func:`pdf_route`):

  - *vector*, when ``svg2pdf-py`` is installed (the ``argmap[pdf]`` extra;
    Typst's svg2pdf on the same usvg parser as resvg, so text is laid out
    exactly as in the PNG; MIT): vectors, with the fonts used embedded as
    subsets, so text stays selectable; its objects are put in one canonical
    order (:mod:`argmap.render.pdfcanon`), so the same map gives the same
    bytes.  Its only release has wheels for Linux x86-64 (glibc >= 2.35),
    macOS arm64 and Windows x64, and no sdist, so it cannot be a
    requirement: ``pip install argmap`` would fail everywhere else;
  - *image*, otherwise: the PNG above on a PDF page of the same size
    (:mod:`argmap.render.pdfimage`), with one :class:`PdfImageWarning`
    saying how to get vectors.

Both use the system's fonts (:mod:`argmap.render.fonts` names the folders).
Before drawing, every character of the labels is checked against the
installed fonts; a script no font covers gets one :class:`FontWarning` naming
it and a font to install, instead of silent empty boxes.
"""

from __future__ import annotations

import functools
import importlib.util
import platform
import sys
import warnings
import xml.etree.ElementTree as ET
from typing import Any

from argmap.diagnostics import ArgmapError
from argmap.errors import ExportPackageMissing
from argmap.render.fonts import extra_font_dirs, warn_missing
from argmap.render.pdfcanon import canonical_pdf
from argmap.render.text import FONT_CJK, FONT_SYMBOLS, font_of
from argmap.render.theme import font_family

__all__ = [
    "EXPORT_FORMATS",
    "PNG_DPI",
    "ExportPackageMissing",  # re-exported: the error lives in argmap.errors
    "PdfImageWarning",
    "can_export",
    "export",
    "missing_package",
    "pdf_route",
]

EXPORT_FORMATS = ("png", "pdf")
#: PNG pixels per inch: 1.5 times the CSS 96, sharp on most screens.  Time
#: grows with the pixels: the larger seed map took 1.6 s at 96, 3.4 s at 144
#: and 4.0 s at 192 dpi (one measurement on a busy shared machine).
PNG_DPI = 144.0
#: svg2pdf sizes its page in CSS pixels of the SVG's points (usvg reads a
#: point as 4/3 px, svg2pdf writes a px as a point); the image route keeps
#: that page size, so both routes give pages of one size.
PDF_PAGE_SCALE = 96 / 72
_SVG_TEXT = "{http://www.w3.org/2000/svg}text"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


class PdfImageWarning(UserWarning):
    """The PDF was drawn as an image: svg2pdf-py, for vectors, is not installed."""


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def pdf_route() -> str | None:
    """How a PDF is drawn here: ``"vector"`` (svg2pdf-py), ``"image"`` (a
    resvg PNG on a PDF page) or ``None`` (neither package installed)."""
    if _installed("svg2pdf_py"):
        return "vector"
    return "image" if _installed("resvg_py") else None


def can_export(fmt: str) -> bool:
    """Whether *fmt* can be drawn from the SVG with the installed packages."""
    if fmt == "pdf":
        return pdf_route() is not None
    return _installed("resvg_py")


def missing_package(fmt: str) -> str:
    """What to install to draw *fmt* from SVG (resvg-py draws PNG, and PDF
    as an image)."""
    return "resvg-py"


def vector_pdf_wheels() -> bool:
    """Whether svg2pdf-py publishes a wheel for this machine (the markers of
    the ``pdf`` extra, and glibc >= 2.35 on Linux)."""
    machine = platform.machine().lower()
    if sys.platform == "darwin":
        return machine == "arm64"
    if sys.platform == "win32":
        return machine in ("amd64", "x86_64")
    if sys.platform.startswith("linux") and machine in ("x86_64", "amd64"):
        libc, version = platform.libc_ver()
        parts = tuple(int(p) for p in version.split(".")[:2] if p.isdigit())
        return libc == "glibc" and parts >= (2, 35)
    return False


def image_pdf_note() -> str:
    """What the image route's warning says: how to get a vector PDF here."""
    if vector_pdf_wheels():
        return (
            "PDF drawn as an image; for vector PDF with selectable text: "
            "pip install 'argmap[pdf]'"
        )
    return (
        "PDF drawn as an image (svg2pdf-py, which draws vector PDF, has no build "
        "for this platform); for vector PDF install Graphviz and use --backend system"
    )


def export(svg: str, fmt: str) -> bytes:
    """The standalone *svg* drawn as *fmt* (``png`` or ``pdf``)."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"cannot export {fmt!r}; choose one of {EXPORT_FORMATS}")
    root = ET.fromstring(svg)
    warn_missing(("".join(t.itertext()) for t in root.iter(_SVG_TEXT)), fmt)
    language = root.get(_XML_LANG) or ""
    svg = _fonts_by_line(root, language)
    try:
        if fmt == "png":
            return _png(svg, language)
        if pdf_route() == "vector":
            return _pdf(svg)
        return _image_pdf(svg, root, language)
    except (ValueError, RuntimeError, OSError) as exc:
        raise ArgmapError(f"cannot draw the diagram as {fmt.upper()}: {exc}") from None


def _fonts_by_line(root: ET.Element, language: str) -> str:
    """The SVG with every line that needs a second font naming that font first.

    resvg and svg2pdf (usvg) set a whole line in one fallback face -- often a
    serif -- as soon as its first font lacks one character, even when the
    other runs are set in fonts of their own.  So a line holding CJK names
    the CJK fonts first (they have Latin letters too, narrower than Arial's,
    so the line still fits the box measured for it), and a line holding a
    symbol Arial lacks (``↗``, ``⚡``) names DejaVu Sans first
    (:func:`argmap.render.text.font_of` says which font measured each
    character); lines of Latin text keep Arial.
    """
    cjk = font_family(language, cjk_first=True)
    symbols = "'DejaVu Sans', " + font_family(language)
    for text in root.iter(_SVG_TEXT):
        fonts = {font_of(c) for c in "".join(text.itertext())}
        if FONT_CJK in fonts:
            text.set("font-family", cjk)
        elif FONT_SYMBOLS in fonts:
            text.set("font-family", symbols)
    return ET.tostring(root, encoding="unicode")


def _png(svg: str, language: str) -> bytes:
    import resvg_py

    data = resvg_py.svg_to_bytes(
        svg_string=svg,
        background="white",
        dpi=PNG_DPI,
        font_dirs=[str(p) for p in extra_font_dirs()],
        languages=[language] if language else None,
    )
    return bytes(data)


@functools.cache
def _pdf_fonts() -> Any:
    import svg2pdf_py

    database = svg2pdf_py.FontDatabase.system()
    for folder in extra_font_dirs():
        database.load_fonts_dir(str(folder))
    return database


def _image_pdf(svg: str, root: ET.Element, language: str) -> bytes:
    """The PNG on a PDF page of the vector route's size, and a warning saying so."""
    from argmap.render.pdfimage import pdf_from_png  # NumPy, only here

    width, height = (
        float(root.get(side, "0").removesuffix("pt")) * PDF_PAGE_SCALE
        for side in ("width", "height")
    )
    pdf = pdf_from_png(_png(svg, language), width, height)
    warnings.warn(PdfImageWarning(image_pdf_note()), stacklevel=3)
    return pdf


def _pdf(svg: str) -> bytes:
    import svg2pdf_py

    return canonical_pdf(bytes(svg2pdf_py.svg_to_pdf(svg, _pdf_fonts())))
