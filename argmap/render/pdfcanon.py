"""Same map, same PDF bytes: svg2pdf's output put in one canonical order.

svg2pdf keeps its fonts in a hash map, so from run to run the fonts of one
drawing get different resource names (``/fo0``, ``/fo1``), different object
numbers, and the objects come in a different order -- the same picture in
different bytes.  :func:`canonical_pdf` rewrites such a file (a classic
cross-reference table, uncompressed object dictionaries, as svg2pdf writes):

1. fonts are renamed ``/fo0``, ``/fo1``, ... in the order of their
   ``/BaseFont`` names (the subset tag in them depends only on the glyphs),
   in the page's resource dictionary and in its content stream (inflated,
   renamed, deflated again at a fixed level);
2. entries of every resource dictionary are sorted;
3. objects are renumbered in the order a depth-first walk from the trailer's
   ``/Root`` (then ``/Info``) first reaches them, following references in
   the order they are written, and written out in that order with a new
   cross-reference table.

Anything this module does not recognise is returned unchanged.
"""

from __future__ import annotations

import re
import zlib

__all__ = ["canonical_pdf"]

_OBJECT = re.compile(rb"(\d+) 0 obj\n")
_REF = re.compile(rb"(\d+) 0 R\b")
_LENGTH = re.compile(rb"/Length (\d+)\b")
_FONT_DICT = re.compile(rb"/Font <<\n((?:[ ]+/fo\d+ \d+ 0 R\n)+)([ ]*)>>")
_FONT_ENTRY = re.compile(rb"/(fo\d+) (\d+) 0 R")
_BASEFONT = re.compile(rb"/BaseFont /(\S+)")
_FONT_USE = re.compile(rb"/(fo\d+)(?=[\s/\[<(])")
_ENTRIES = re.compile(rb"(?:^[ ]+/[A-Za-z0-9]+ [0-9]+ 0 R\n){2,}", re.MULTILINE)
_TRAILER = re.compile(rb"trailer\n<<(.*?)>>\nstartxref", re.DOTALL)


def _objects(pdf: bytes) -> dict[int, tuple[bytes, bytes | None]] | None:
    """Object number -> (dictionary text, stream data or None)."""
    found: dict[int, tuple[bytes, bytes | None]] = {}
    at = 0
    while True:
        match = _OBJECT.search(pdf, at)
        if match is None or match.start() > pdf.rfind(b"xref"):
            break
        start = match.end()
        stream_at = pdf.find(b"\nstream\n", start)
        end_at = pdf.find(b"\nendobj", start)
        if end_at < 0:
            return None
        if 0 <= stream_at < end_at:
            head = pdf[start:stream_at]
            length = _LENGTH.search(head)
            if length is None:
                return None
            data_at = stream_at + len(b"\nstream\n")
            data = pdf[data_at : data_at + int(length.group(1))]
            end_at = pdf.find(b"\nendobj", data_at + len(data))
            found[int(match.group(1))] = (head, data)
        else:
            found[int(match.group(1))] = (pdf[start:end_at], None)
        at = end_at
    return found


def canonical_pdf(pdf: bytes) -> bytes:
    """*pdf* (as svg2pdf writes it) in canonical order; unchanged if not understood."""
    objects = _objects(pdf)
    trailer = _TRAILER.search(pdf)
    if not objects or trailer is None or not pdf.startswith(b"%PDF-"):
        return pdf
    try:
        objects = _rename_fonts(objects)
        return _renumber(pdf, objects, trailer.group(1))
    except (KeyError, ValueError, zlib.error):
        return pdf


def _rename_fonts(
    objects: dict[int, tuple[bytes, bytes | None]],
) -> dict[int, tuple[bytes, bytes | None]]:
    for number, (head, data) in list(objects.items()):
        fonts = _FONT_DICT.search(head)
        if fonts is None:
            continue
        entries = _FONT_ENTRY.findall(fonts.group(1))

        def base(ref: bytes) -> bytes:
            found = _BASEFONT.search(objects[int(ref)][0])
            return found.group(1) if found else b""

        ordered = sorted(entries, key=lambda e: (base(e[1]), e[0]))
        rename = {old: f"fo{i}".encode() for i, (old, _) in enumerate(ordered)}
        indent = fonts.group(1)[: len(fonts.group(1)) - len(fonts.group(1).lstrip())]
        block = b"".join(
            indent + b"/" + rename[old] + b" " + ref + b" 0 R\n"
            for old, ref in sorted(entries, key=lambda e: rename[e[0]])
        )
        head = head[: fonts.start(1)] + block + head[fonts.end(1) :]
        objects[number] = (head, data)
        if b"/Contents" in head:
            contents = head.split(b"/Contents", 1)[1]
            for ref in _REF.findall(contents[: contents.find(b"\n")]):
                _rename_in_content(objects, int(ref), rename)
    return objects


def _rename_in_content(
    objects: dict[int, tuple[bytes, bytes | None]],
    number: int,
    rename: dict[bytes, bytes],
) -> None:
    head, data = objects[number]
    if data is None:
        return
    deflated = b"/FlateDecode" in head
    text = zlib.decompress(data) if deflated else data
    text = _FONT_USE.sub(lambda m: b"/" + rename.get(m.group(1), m.group(1)), text)
    data = zlib.compress(text, 6) if deflated else text
    head = _LENGTH.sub(f"/Length {len(data)}".encode(), head, count=1)
    objects[number] = (head, data)


def _renumber(
    pdf: bytes, objects: dict[int, tuple[bytes, bytes | None]], trailer: bytes
) -> bytes:
    objects = {
        n: (_ENTRIES.sub(lambda m: b"".join(sorted(m.group(0).splitlines(True))), h), d)
        for n, (h, d) in objects.items()
    }
    order: list[int] = []
    seen: set[int] = set()
    trailer = _ENTRIES.sub(
        lambda m: b"".join(sorted(m.group(0).splitlines(True))), trailer
    )
    starts = [
        int(found.group(1))
        for key in (rb"/Root", rb"/Info")
        if (found := re.search(key + rb" (\d+) 0 R", trailer))
    ] + [int(r) for r in _REF.findall(trailer)]
    for start in starts:
        stack = [start]
        while stack:
            number = stack.pop()
            if number in seen or number not in objects:
                continue
            seen.add(number)
            order.append(number)
            children = [int(r) for r in _REF.findall(objects[number][0])]
            stack.extend(reversed(children))
    order += [n for n in sorted(objects) if n not in seen]
    new = {old: i for i, old in enumerate(order, start=1)}

    def refs(text: bytes) -> bytes:
        return _REF.sub(lambda m: f"{new[int(m.group(1))]} 0 R".encode(), text)

    header_end = pdf.find(b"\n\n") + 2
    out = bytearray(pdf[:header_end])
    offsets = []
    for old in order:
        head, data = objects[old]
        offsets.append(len(out))
        out += f"{new[old]} 0 obj\n".encode() + refs(head)
        if data is not None:
            out += b"\nstream\n" + data + b"\nendstream"
        out += b"\nendobj\n\n"
    xref = len(out)
    out += f"xref\n0 {len(order) + 1}\n".encode() + b"0000000000 65535 f\r\n"
    out += b"".join(f"{o:010d} 00000 n\r\n".encode() for o in offsets)
    out += b"trailer\n<<" + refs(trailer) + b">>\nstartxref\n"
    out += f"{xref}\n%%EOF".encode()
    return bytes(out)
