"""A one-page PDF showing a PNG: the PDF route that needs nothing but resvg.

The vector route (``svg2pdf-py``) has wheels for a few platforms only; where
it is missing, :mod:`argmap.render.export` draws the diagram as a PNG with
resvg and :func:`pdf_from_png` puts that picture on a PDF page written here
by hand (ISO 32000-1):

* resvg writes RGBA even on an opaque background, and a PDF image cannot
  interleave alpha (an ``/SMask`` would be a second image), so the PNG is
  decoded (:mod:`argmap.render.pngread`) and each pixel laid over white:
  ``rgb * alpha / 255 + 255 * (1 - alpha / 255)``, rounded -- the picture
  itself where it is opaque, as it always is with resvg's white background;
* the RGB bytes, row by row, deflated by ``zlib`` at level 6, are a
  ``/DeviceRGB`` image with ``/FlateDecode``; no predictor: on the seed
  maps PNG's Sub or Up filters made the stream 25 % larger, not smaller;
* the page is *width* x *height* points and the picture fills it
  (``q w 0 0 h 0 0 cm /Im0 Do Q``).

(Keeping the PNG's compressed data as it is -- ``/DecodeParms <<
/Predictor 15 >>`` undoes PNG's row filters -- needs a four-component
image: a ``/DeviceN`` space whose tint transform drops the alpha draws
right in poppler and Ghostscript but black in MuPDF 1.21.)

Objects are numbered and written in one fixed order with no dates or ids,
so the same PNG gives the same bytes.
"""

from __future__ import annotations

import zlib

import numpy as np

from argmap.render.pngread import png_pixels

__all__ = ["pdf_from_pixels", "pdf_from_png"]

#: zlib level of the image stream: 9 took 2.8 times as long for 3.5 % less.
LEVEL = 6


def _number(value: float) -> bytes:
    return f"{value:.2f}".rstrip("0").rstrip(".").encode()


def pdf_from_png(png: bytes, width: float, height: float) -> bytes:
    """A one-page PDF of *width* x *height* points showing *png* over the page."""
    pixels = png_pixels(png)
    if pixels.shape[2] == 4:
        alpha = pixels[..., 3:].astype(np.uint32)
        over_white = (pixels[..., :3] * alpha + 255 * (255 - alpha) + 127) // 255
        pixels = over_white.astype(np.uint8)
    return pdf_from_pixels(pixels, width, height)


def pdf_from_pixels(pixels: np.ndarray, width: float, height: float) -> bytes:
    """A one-page PDF of *width* x *height* points showing RGB *pixels*
    (``(rows, columns, 3)`` uint8) over the page."""
    rows, columns, channels = pixels.shape
    if channels != 3:
        raise ValueError(f"pixels must be RGB, not {channels} channels")
    data = zlib.compress(np.ascontiguousarray(pixels, np.uint8).tobytes(), LEVEL)
    page_w, page_h = _number(width), _number(height)
    content = b"q " + page_w + b" 0 0 " + page_h + b" 0 0 cm /Im0 Do Q\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 "
        + page_w
        + b" "
        + page_h
        + b"] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d "
        b"/BitsPerComponent 8 /ColorSpace /DeviceRGB /Filter /FlateDecode "
        b"/Length %d >>\nstream\n%s\nendstream" % (columns, rows, len(data), data),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f\r\n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n\r\n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
