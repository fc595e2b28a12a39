"""The pixels of a PNG, decoded without an imaging library.

The image route to PDF (:mod:`argmap.render.pdfimage`) needs the RGB
pixels of the PNG that resvg draws; resvg-py returns only PNG bytes, always
RGBA (even on an opaque background), and PDF images cannot interleave alpha.
So we decode the PNG (ISO/IEC 15948, 8-bit RGB or RGBA, not interlaced):

1. the ``IDAT`` chunks, concatenated, are one zlib stream: ``zlib``
   inflates it into rows of ``1 + width * channels`` bytes, a filter type
   then the filtered bytes;
2. each row's filter is undone, byte by byte, from ``a`` (the same channel
   one pixel to the left), ``b`` (above) and ``c`` (above left), each 0
   outside the image: None ``x = f``; Sub ``x = f + a``; Up ``x = f + b``;
   Average ``x = f + floor((a + b) / 2)``; Paeth ``x = f + P`` where ``P``
   is whichever of ``a``, ``b``, ``c`` is nearest to ``a + b - c`` (ties to
   ``a``, then ``b``); all modulo 256.

Step 2 is sequential along a row for Average and Paeth (each byte needs the
one decoded before it), so NumPy cannot vectorise it: a wavefront over the
image's anti-diagonals took 9 s on the larger seed map, a per-row fixed point
20 s.  It runs instead as a small WebAssembly function, :data:`UNFILTER_WAT`,
written here in the text format and compiled by wasmtime (already installed:
it runs the in-process Graphviz) -- about 1 s for that map's 43 MB of pixels
on a busy shared machine.
"""

from __future__ import annotations

import ctypes
import struct
import zlib

import numpy as np

__all__ = ["UNFILTER_WAT", "png_pixels"]

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {2: 3, 6: 4}  # PNG colour type -> channels (RGB, RGBA)

#: ``unfilter(src, dst, rows, stride, bpp) -> 0 | 1 + bad row``: *src* holds
#: *rows* rows of ``1 + stride`` bytes (filter type, filtered bytes); the
#: decoded rows go to *dst*, which must be preceded by *stride* zero bytes
#: (the row "above" the first); *bpp* bytes per pixel.  One loop per filter
#: type; the first *bpp* bytes of a row, whose ``a`` and ``c`` are 0, first.
UNFILTER_WAT = r"""
(module
  (memory (export "memory") 1)
  (func $abs (param $v i32) (result i32)
    (select (local.get $v) (i32.sub (i32.const 0) (local.get $v))
            (i32.ge_s (local.get $v) (i32.const 0))))
  (func (export "unfilter")
    (param $src i32) (param $dst i32) (param $rows i32) (param $stride i32)
    (param $bpp i32) (result i32)
    (local $r i32) (local $i i32) (local $kind i32) (local $in i32)
    (local $out i32) (local $up i32) (local $a i32) (local $b i32) (local $c i32)
    (local $pa i32) (local $pb i32) (local $pc i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $in (i32.add (local.get $src)
          (i32.mul (local.get $r) (i32.add (local.get $stride) (i32.const 1)))))
        (local.set $kind (i32.load8_u (local.get $in)))
        (local.set $in (i32.add (local.get $in) (i32.const 1)))
        (local.set $out (i32.add (local.get $dst)
          (i32.mul (local.get $r) (local.get $stride))))
        (local.set $up (i32.sub (local.get $out) (local.get $stride)))
        (local.set $i (i32.const 0))
        (block $row_done
          ;; None
          (if (i32.eqz (local.get $kind)) (then
            (memory.copy (local.get $out) (local.get $in) (local.get $stride))
            (br $row_done)))
          ;; Sub
          (if (i32.eq (local.get $kind) (i32.const 1)) (then
            (memory.copy (local.get $out) (local.get $in) (local.get $bpp))
            (local.set $i (local.get $bpp))
            (block $end (loop $next
              (br_if $end (i32.ge_u (local.get $i) (local.get $stride)))
              (i32.store8 (i32.add (local.get $out) (local.get $i))
                (i32.add (i32.load8_u (i32.add (local.get $in) (local.get $i)))
                         (i32.load8_u (i32.sub (i32.add (local.get $out) (local.get $i))
                                               (local.get $bpp)))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $next)))
            (br $row_done)))
          ;; Up
          (if (i32.eq (local.get $kind) (i32.const 2)) (then
            (block $end (loop $next
              (br_if $end (i32.ge_u (local.get $i) (local.get $stride)))
              (i32.store8 (i32.add (local.get $out) (local.get $i))
                (i32.add (i32.load8_u (i32.add (local.get $in) (local.get $i)))
                         (i32.load8_u (i32.add (local.get $up) (local.get $i)))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $next)))
            (br $row_done)))
          ;; Average
          (if (i32.eq (local.get $kind) (i32.const 3)) (then
            (block $end (loop $next
              (br_if $end (i32.ge_u (local.get $i) (local.get $stride)))
              (local.set $a (if (result i32) (i32.ge_u (local.get $i) (local.get $bpp))
                (then (i32.load8_u (i32.sub (i32.add (local.get $out) (local.get $i))
                                            (local.get $bpp))))
                (else (i32.const 0))))
              (i32.store8 (i32.add (local.get $out) (local.get $i))
                (i32.add (i32.load8_u (i32.add (local.get $in) (local.get $i)))
                         (i32.shr_u (i32.add (local.get $a)
                                             (i32.load8_u (i32.add (local.get $up) (local.get $i))))
                                    (i32.const 1))))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $next)))
            (br $row_done)))
          ;; Paeth; in the first pixel a = c = 0, so P = b
          (if (i32.ne (local.get $kind) (i32.const 4))
            (then (return (i32.add (local.get $r) (i32.const 1)))))
          (block $end (loop $next
            (br_if $end (i32.ge_u (local.get $i) (local.get $bpp)))
            (i32.store8 (i32.add (local.get $out) (local.get $i))
              (i32.add (i32.load8_u (i32.add (local.get $in) (local.get $i)))
                       (i32.load8_u (i32.add (local.get $up) (local.get $i)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (block $end (loop $next
            (br_if $end (i32.ge_u (local.get $i) (local.get $stride)))
            (local.set $a (i32.load8_u (i32.sub (i32.add (local.get $out) (local.get $i))
                                                (local.get $bpp))))
            (local.set $b (i32.load8_u (i32.add (local.get $up) (local.get $i))))
            (local.set $c (i32.load8_u (i32.sub (i32.add (local.get $up) (local.get $i))
                                                (local.get $bpp))))
            ;; distances of a + b - c from a, b and c
            (local.set $pa (call $abs (i32.sub (local.get $b) (local.get $c))))
            (local.set $pb (call $abs (i32.sub (local.get $a) (local.get $c))))
            (local.set $pc (call $abs (i32.sub (i32.add (local.get $a) (local.get $b))
                                               (i32.shl (local.get $c) (i32.const 1)))))
            (i32.store8 (i32.add (local.get $out) (local.get $i))
              (i32.add (i32.load8_u (i32.add (local.get $in) (local.get $i)))
                (select (local.get $a)
                  (select (local.get $b) (local.get $c)
                          (i32.le_u (local.get $pb) (local.get $pc)))
                  (i32.and (i32.le_u (local.get $pa) (local.get $pb))
                           (i32.le_u (local.get $pa) (local.get $pc))))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $row)))
    (i32.const 0)))
"""

_PAGE = 65536


def _chunks(png: bytes) -> tuple[bytes, bytes]:
    """(IHDR data, concatenated IDAT data) of *png*."""
    if not png.startswith(_SIGNATURE):
        raise ValueError("not a PNG image")
    at = len(_SIGNATURE)
    header = b""
    data: list[bytes] = []
    while at + 8 <= len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind = png[at + 4 : at + 8]
        if kind == b"IHDR":
            header = png[at + 8 : at + 8 + length]
        elif kind == b"IDAT":
            data.append(png[at + 8 : at + 8 + length])
        elif kind == b"IEND":
            break
        at += 12 + length
    if len(header) != 13:
        raise ValueError("PNG image without a header")
    return header, b"".join(data)


def png_pixels(png: bytes) -> np.ndarray:
    """The pixels of an 8-bit RGB or RGBA *png*: ``(height, width, channels)`` uint8."""
    import wasmtime

    header, data = _chunks(png)
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or colour not in _CHANNELS or interlace != 0:
        raise ValueError(
            f"PNG image of bit depth {depth}, colour type {colour}, interlace "
            f"{interlace}: only 8-bit RGB or RGBA without interlacing can be read"
        )
    channels = _CHANNELS[colour]
    stride = width * channels
    try:
        raw = zlib.decompress(data)
    except zlib.error as exc:
        raise ValueError(f"PNG image data cannot be inflated: {exc}") from None
    if len(raw) != height * (stride + 1):
        raise ValueError("PNG image data does not match its size")
    # Compiled per call (~20 ms): a cached module outlives wasmtime's own
    # bindings at interpreter exit and complains there.
    store = wasmtime.Store()
    instance = wasmtime.Instance(store, wasmtime.Module(store.engine, UNFILTER_WAT), [])
    exports = instance.exports(store)
    memory, unfilter = exports["memory"], exports["unfilter"]
    assert isinstance(memory, wasmtime.Memory) and isinstance(unfilter, wasmtime.Func)
    dst = len(raw) + stride  # a zero row, then the decoded rows
    need = dst + height * stride
    if need > 2**31:
        raise ValueError(f"PNG image too large to decode ({width} x {height})")
    memory.grow(store, max(0, -(-need // _PAGE) - memory.size(store)))
    # ctypes copies ten times faster than Memory.write/read (0.2 s for 43 MB).
    base = ctypes.addressof(memory.data_ptr(store).contents)
    ctypes.memmove(base, raw, len(raw))
    bad = unfilter(store, 0, dst, height, stride, channels)
    if bad:
        raise ValueError(f"PNG image row {bad - 1} has an unknown filter type")
    pixels = ctypes.string_at(base + dst, height * stride)
    return np.frombuffer(pixels, np.uint8).reshape(height, width, channels)
