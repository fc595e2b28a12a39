"""PDF by two routes: vectors with svg2pdf-py (the ``pdf`` extra), else the
PNG on a page (argmap.render.pdfimage), with a note saying so.

The image route is tested by making ``import svg2pdf_py`` fail, as it does
where the extra has no wheel.  The PNG decoder it needs is tested on PNGs
written here with every row filter.
"""

from __future__ import annotations

import json
import re
import struct
import sys
import warnings
import zlib
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import argmap
from argmap.cli import cli
from argmap.render import export, render_to_bytes
from argmap.render.export import PdfImageWarning, pdf_route
from argmap.render.pdfimage import pdf_from_pixels
from argmap.render.pngread import png_pixels

SAMPLE = Path(__file__).parent / "data" / "render-sample.yaml"
KOREAN = Path(__file__).parent / "data" / "scripts" / "ko.yaml"


@pytest.fixture
def no_svg2pdf(monkeypatch):
    """``import svg2pdf_py`` fails, as where the ``pdf`` extra has no wheel."""
    monkeypatch.setitem(sys.modules, "svg2pdf_py", None)
    assert pdf_route() == "image"


# -- the PNG decoder -------------------------------------------------------------


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def encode_png(pixels: np.ndarray, filters: list[int]) -> bytes:
    """A PNG of *pixels* (rows, columns, 3 or 4) with the given filter per row,
    written the slow, obvious way (the filters as the PNG standard defines them)."""
    rows, columns, channels = pixels.shape
    data = bytearray()
    previous = [0] * (columns * channels)
    for r in range(rows):
        line = pixels[r].reshape(-1).tolist()
        kind = filters[r % len(filters)]
        data.append(kind)
        for i, x in enumerate(line):
            a = line[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            predictor = [0, a, b, (a + b) // 2, _paeth(a, b, c)][kind]
            data.append((x - predictor) % 256)
        previous = line

    return png_file(columns, rows, channels, bytes(data))


def png_file(columns: int, rows: int, channels: int, data: bytes) -> bytes:
    """A PNG file around *data* (filter type and filtered bytes, row by row)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    colour = {3: 2, 4: 6}[channels]
    header = struct.pack(">IIBBBBB", columns, rows, 8, colour, 0, 0, 0)
    compressed = zlib.compress(data)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", compressed[:7])  # split: the IDAT chunks form one stream
        + chunk(b"IDAT", compressed[7:])
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("channels", [3, 4])
def test_png_pixels_undoes_every_row_filter(channels):
    rng = np.random.default_rng(7)
    # noise and flat runs, so every Paeth branch and the byte wrap-around occur
    pixels = rng.integers(0, 256, size=(12, 9, channels), dtype=np.uint8)
    pixels[3:6, 2:8] = 255
    pixels[7, :, 0] = np.arange(9) * 30
    png = encode_png(pixels, filters=[0, 1, 2, 3, 4, 4, 3, 2, 1, 0, 4, 3])
    assert np.array_equal(png_pixels(png), pixels)


def test_png_pixels_rejects_what_it_cannot_read():
    pixels = np.zeros((2, 2, 3), np.uint8)
    png = encode_png(pixels, [0])
    with pytest.raises(ValueError, match="not a PNG"):
        png_pixels(b"GIF89a" + png[6:])
    sixteen_bit = png[:24] + bytes([16]) + png[25:]
    with pytest.raises(ValueError, match="bit depth 16"):
        png_pixels(sixteen_bit)
    rows = bytes([0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0])  # row 1: type 9
    broken = png_file(2, 2, 3, rows)
    with pytest.raises(ValueError, match="row 1 has an unknown filter type"):
        png_pixels(broken)


def test_resvg_png_of_a_map_is_decoded_opaque():
    png = render_to_bytes(argmap.load(SAMPLE), "png")
    pixels = png_pixels(png)
    width, height = struct.unpack(">II", png[16:24])
    assert pixels.shape == (height, width, 4)
    assert (pixels[..., 3] == 255).all()  # drawn on white: nothing to blend
    assert (pixels[..., :3] < 128).any() and (pixels[..., :3] == 255).any()


# -- the PDF page ----------------------------------------------------------------


def _objects(pdf: bytes) -> dict[int, bytes]:
    """Object number -> its text, read through the cross-reference table."""
    xref_at = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    header = re.match(rb"xref\n0 (\d+)\n", pdf[xref_at:])
    assert header is not None
    table = pdf[xref_at + header.end() :]
    found = {}
    for number in range(1, int(header.group(1))):
        offset = int(table[20 * number : 20 * number + 10])
        assert pdf[offset:].startswith(b"%d 0 obj\n" % number)
        found[number] = pdf[offset : pdf.index(b"\nendobj\n", offset)]
    return found


def _image(pdf: bytes) -> np.ndarray:
    (image,) = [o for o in _objects(pdf).values() if b"/Subtype /Image" in o]
    width = int(re.search(rb"/Width (\d+)", image).group(1))
    height = int(re.search(rb"/Height (\d+)", image).group(1))
    assert b"/ColorSpace /DeviceRGB" in image and b"/BitsPerComponent 8" in image
    length = int(re.search(rb"/Length (\d+)", image).group(1))
    start = image.index(b"\nstream\n") + len(b"\nstream\n")
    data = zlib.decompress(image[start : start + length])
    return np.frombuffer(data, np.uint8).reshape(height, width, 3)


def test_pdf_from_pixels_is_one_page_showing_the_pixels():
    pixels = np.random.default_rng(1).integers(0, 256, (5, 7, 3), dtype=np.uint8)
    pdf = pdf_from_pixels(pixels, 70.5, 50)
    assert pdf.startswith(b"%PDF-1.4\n") and pdf.endswith(b"%%EOF\n")
    objects = _objects(pdf)
    assert b"/MediaBox [0 0 70.5 50]" in objects[3]
    assert b"q 70.5 0 0 50 0 0 cm /Im0 Do Q" in objects[5]
    assert np.array_equal(_image(pdf), pixels)
    assert pdf_from_pixels(pixels, 70.5, 50) == pdf


def test_pdf_without_svg2pdf_is_the_png_on_a_page_of_the_same_size(no_svg2pdf):
    amap = argmap.load(KOREAN)
    with pytest.warns(PdfImageWarning) as caught:
        pdf = render_to_bytes(amap, "pdf")
    assert [str(w.message) for w in caught] == [export.image_pdf_note()]
    assert b"/Font" not in pdf
    # the same picture as the PNG (drawn opaque, so the RGB channels as they are)
    png_rgb = png_pixels(render_to_bytes(amap, "png"))[..., :3]
    assert np.array_equal(_image(pdf), png_rgb)
    # the same bytes every time
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PdfImageWarning)
        assert render_to_bytes(amap, "pdf") == pdf


def test_both_routes_give_pages_of_one_size(monkeypatch):
    pytest.importorskip("svg2pdf_py", reason="the pdf extra draws vectors")
    amap = argmap.load(SAMPLE)
    vector = render_to_bytes(amap, "pdf")
    assert b"/Font" in vector and pdf_route() == "vector"
    monkeypatch.setitem(sys.modules, "svg2pdf_py", None)
    with pytest.warns(PdfImageWarning):
        image = render_to_bytes(amap, "pdf")
    box = rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]"
    sizes = [
        tuple(float(n) for n in re.search(box, pdf).groups()) for pdf in (vector, image)
    ]
    assert sizes[0] == pytest.approx(sizes[1], abs=0.01)


def test_the_note_says_what_to_install_where_the_extra_has_a_wheel(monkeypatch):
    monkeypatch.setattr(export.sys, "platform", "linux")
    monkeypatch.setattr(export.platform, "machine", lambda: "x86_64")
    monkeypatch.setattr(export.platform, "libc_ver", lambda: ("glibc", "2.39"))
    assert export.image_pdf_note() == (
        "PDF drawn as an image; for vector PDF with selectable text: "
        "pip install 'argmap[pdf]'"
    )
    monkeypatch.setattr(export.platform, "libc_ver", lambda: ("glibc", "2.34"))
    assert "--backend system" in export.image_pdf_note()  # RHEL 9: no wheel
    monkeypatch.setattr(export.platform, "machine", lambda: "aarch64")
    monkeypatch.setattr(export.platform, "libc_ver", lambda: ("glibc", "2.39"))
    assert "no build for this platform" in export.image_pdf_note()
    monkeypatch.setattr(export.sys, "platform", "darwin")
    monkeypatch.setattr(export.platform, "machine", lambda: "arm64")
    assert "argmap[pdf]" in export.image_pdf_note()


# -- the command -----------------------------------------------------------------


def test_render_pdf_without_svg2pdf_writes_it_and_notes_the_route(no_svg2pdf, tmp_path):
    out = tmp_path / "map.pdf"
    result = CliRunner().invoke(cli, ["render", str(SAMPLE), "-o", str(out), "--json"])
    assert result.exit_code == 0, result.stderr
    note = export.image_pdf_note()
    assert json.loads(result.stdout)["warnings"] == [note]
    assert result.stderr.count(f"argmap: warning: {note}") == 1
    assert out.read_bytes().startswith(b"%PDF-") and b"/Subtype /Image" in (
        out.read_bytes()
    )


def test_render_pdf_with_svg2pdf_draws_vectors_without_a_note(tmp_path):
    pytest.importorskip("svg2pdf_py", reason="the pdf extra draws vectors")
    out = tmp_path / "map.pdf"
    result = CliRunner().invoke(cli, ["render", str(SAMPLE), "-o", str(out), "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["warnings"] == []
    assert b"/Font" in out.read_bytes()


def test_several_pdfs_without_svg2pdf_note_it_once(no_svg2pdf, tmp_path):
    folder = tmp_path / "maps"
    folder.mkdir()
    for name in ("a", "b"):
        text = SAMPLE.read_text(encoding="utf-8")
        text = re.sub(r"^id: .*$", f"id: map-{name}", text, count=1, flags=re.MULTILINE)
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["render", str(folder), "-o", str(out), "--format", "pdf"]
    )
    assert result.exit_code == 0, result.stderr
    assert len(list(out.glob("*.pdf"))) == 2
    assert result.stderr.count("PDF drawn as an image") == 1
