"""Diagrams in Korean, Chinese, Japanese and mixed with English: every line fits.

The SVG is parsed, and every text line is measured with the same metrics the
renderer sizes boxes with (argmap.render.text): it must lie inside its box
and inside the canvas.  Line breaks must follow UAX #14 as tailored (Korean
between words, Chinese and Japanese between characters, no break before
closing or after opening punctuation).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import argmap
from argmap.render import render_svg, render_to_bytes
from argmap.render.export import PNG_DPI
from argmap.render.text import break_opportunities, text_width, wrap_to_width

DATA = Path(__file__).parent / "data" / "scripts"
S = "{http://www.w3.org/2000/svg}"
MAPS = ["ko", "zh", "ja", "mixed"]
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
#: Points of rounding Graphviz allows itself in coordinates.
TOLERANCE = 0.6


def load(name: str):
    return argmap.load(DATA / f"{name}.yaml")


def shape_box(group: ET.Element) -> tuple[float, float, float, float] | None:
    shape = group.find(f"{S}path")
    if shape is None:
        shape = group.find(f"{S}polygon")
    if shape is None:
        return None
    numbers = [float(n) for n in NUMBER.findall(shape.get("d") or shape.get("points"))]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def line_extent(text: ET.Element) -> tuple[float, float]:
    x = float(text.get("x"))
    width = text_width("".join(text.itertext()), float(text.get("font-size")))
    anchor = text.get("text-anchor", "start")
    if anchor == "middle":
        return x - width / 2, x + width / 2
    if anchor == "end":
        return x - width, x
    return x, x + width


def long_title_map():
    """One short claim under a title far wider than the graph (Graphviz
    measures Hanzi too narrow, so the canvas must grow to hold it)."""
    from argmap.model import ArgumentMap, Claim, Source

    title = (
        "这是一个非常长的中文标题，用来检查画布是否足够宽，能够容纳整个标题而不被截断"
        * 2
    )
    return ArgumentMap(
        "long-title", title, Source(language="zh"), [Claim("a", "短", role="thesis")]
    )


@pytest.fixture(params=[*MAPS, "long-title"])
def rendered(request) -> tuple[str, ET.Element]:
    amap = long_title_map() if request.param == "long-title" else load(request.param)
    return request.param, ET.fromstring(render_svg(amap))


def test_every_line_fits_inside_its_box(rendered):
    name, root = rendered
    checked = 0
    for group in root.iter(f"{S}g"):
        classes = group.get("class", "").split()
        if "node" not in classes:
            continue
        texts = group.findall(f"{S}text")
        box = shape_box(group)
        if not texts or box is None:
            continue
        left, top, right, bottom = box
        for text in texts:
            x0, x1 = line_extent(text)
            line = "".join(text.itertext())
            assert x0 >= left - TOLERANCE and x1 <= right + TOLERANCE, (
                f"{name}: {line!r} ({x0:.1f}..{x1:.1f}) overflows its box "
                f"({left:.1f}..{right:.1f})"
            )
            assert top <= float(text.get("y")) <= bottom
            checked += 1
    assert checked >= 3


def test_every_line_is_inside_the_canvas(rendered):
    name, root = rendered
    left, _top, width, _height = (float(v) for v in root.get("viewBox").split())
    graph = root.find(f"{S}g")
    scale, tx = (
        float(v)
        for v in re.search(
            r"scale\(([-0-9.]+).*translate\(([-0-9.]+)", graph.get("transform")
        ).groups()
    )
    for text in graph.iter(f"{S}text"):
        x0, x1 = line_extent(text)
        assert (x0 + tx) * scale >= left - TOLERANCE, (name, "".join(text.itertext()))
        assert (x1 + tx) * scale <= left + width + TOLERANCE, (
            name,
            "".join(text.itertext()),
        )


def test_the_legend_holds_its_items(rendered):
    name, root = rendered
    legend = next(g for g in root.iter(f"{S}g") if g.get("id") == "legend")
    outer = shape_box(legend)
    items = [g for g in root.iter(f"{S}g") if "legend-item" in g.get("class", "")]
    assert items
    for item in items:
        box = shape_box(item)
        for text in item.findall(f"{S}text"):
            x0, x1 = line_extent(text)
            assert outer[0] <= x0 and x1 <= outer[2], (name, item.get("id"))
        if box is not None:
            assert outer[0] <= box[0] and box[2] <= outer[2]
            assert outer[1] <= box[1] and box[3] <= outer[3]


def test_fonts_are_named_once_latin_first_then_cjk():
    root = ET.fromstring(render_svg(load("ko")))
    family = root.get("font-family")
    assert family.startswith("Arial, ")
    assert family.index("Noto Sans CJK KR") < family.index("Noto Sans CJK SC")
    for name in ("Source Han Sans", "Malgun Gothic", "PingFang SC", "Microsoft YaHei"):
        assert name in family
    assert family.endswith("sans-serif")
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ko"
    assert not any(t.get("font-family") for t in root.iter(f"{S}text"))


# -- line breaking ---------------------------------------------------------------


def test_korean_breaks_between_words():
    text = "외교는 분위기를 만들지만, 기술 협력은 정상 선언이 아니라 계약으로 결정된다."
    lines = wrap_to_width(text, 8)
    assert len(lines) > 2
    words = text.split()
    for line in lines:
        assert all(word in words for word in line.split()), line


def test_a_korean_word_longer_than_a_line_is_cut_between_syllables():
    word = "국가과학기술협력전략위원회공동운영규정개정안"
    lines = wrap_to_width(word, 6)
    assert "".join(lines) == word
    assert all(text_width(line, 10) <= 60 for line in lines)


def test_chinese_breaks_between_characters_but_never_before_closing_punctuation():
    text = "技术合作最终由合同、法规、法律和经济风险以及国际秩序决定，而不是由峰会宣言决定。"
    for width in (3, 4, 5, 6, 7, 9, 11):
        lines = wrap_to_width(text, width)
        assert "".join(lines) == text
        assert all(text_width(line, 10) <= width * 10 for line in lines)
        assert not any(line[0] in "、，。）」" for line in lines[1:]), lines


def test_no_break_after_opening_punctuation_or_before_small_kana():
    text = "（人才流動）と「協力」のチェックリストとショップ"
    cuts = break_opportunities(text)
    for i in cuts:
        assert text[i - 1] not in "（「"
        assert text[i] not in "）」ェッョー"


def test_latin_breaks_at_spaces_and_after_hyphens_and_slashes():
    assert break_opportunities("a-b c") == [2, 4]
    url = "https://example.org/path"
    assert all(
        url[i - 1] in "/." or url[i - 1] == "-" for i in break_opportunities(url)
    )


def test_line_break_conformance_outside_the_korean_tailoring():
    """The official UAX #14 test cases, where the Unicode data files are installed."""
    path = Path("/usr/share/unicode/auxiliary/LineBreakTest.txt")
    if not path.exists():
        pytest.skip("LineBreakTest.txt not installed (apt-get install unicode-data)")
    agree = total = 0
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#")[0].split()
        if not line:
            continue
        chars = [chr(int(t, 16)) for t in line if t not in ("÷", "×")]
        marks = [t for t in line if t in ("÷", "×")]
        text = "".join(chars)
        if any(0x1100 <= ord(c) <= 0x11FF or 0xAC00 <= ord(c) <= 0xD7A3 for c in text):
            continue  # tailored: Korean breaks between words
        expected = [k for k in range(1, len(chars)) if marks[k] == "÷"]
        total += 1
        agree += break_opportunities(text) == expected
    assert agree / total >= 0.99, f"{agree}/{total}"


# -- PNG and PDF from the same SVG ---------------------------------------------------


@pytest.mark.parametrize("name", ["ko", "mixed"])
def test_png_and_pdf_are_drawn_from_the_svg_with_pip_packages_alone(name, monkeypatch):
    from argmap.render import backends

    monkeypatch.setattr(backends.shutil, "which", lambda _: None)  # no system dot
    amap = load(name)
    root = ET.fromstring(render_svg(amap))
    width_pt = float(root.get("width").removesuffix("pt"))
    png = render_to_bytes(amap, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    png_width = int.from_bytes(png[16:20], "big")
    assert abs(png_width - width_pt * PNG_DPI / 72) <= 2
    pdf = render_to_bytes(amap, "pdf")
    assert pdf.startswith(b"%PDF-")
    box = re.search(rb"/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", pdf)
    assert box is not None
    # svg2pdf sizes the page in CSS pixels of the SVG's points.
    assert abs(float(box.group(1)) - width_pt * 96 / 72) <= 1


def test_every_legend_item_says_what_it_shows():
    """Each legend item's text is one of the things the legend explains
    (a regression: the suggested-link item once showed its attribute names)."""
    from argmap.model import ArgumentMap, Claim, Relation

    amap = ArgumentMap(
        "legend-check",
        claims=[
            Claim("t", "Thesis.", role="thesis"),
            Claim("a", "A."),
            Claim("b", "B."),
        ],
        relations=[
            Relation("supports", "a", "t"),
            Relation("rebuts", "b", "t", suggested=True),
        ],
    )
    root = ET.fromstring(render_svg(amap))
    items = [g for g in root.iter(f"{S}g") if "legend-item" in g.get("class", "")]
    texts = {
        " ".join("".join(t.itertext()) for t in g.findall(f"{S}text")) for g in items
    }
    assert texts == {"supports", "rebuts", "suggested (argmap align)", "THESIS thesis"}
    assert all(re.fullmatch(r"legend-[0-9]+", g.get("id")) for g in items)


def test_a_script_no_font_covers_gets_one_warning_naming_it(monkeypatch, tmp_path):
    from argmap.render import fonts

    monkeypatch.setattr(fonts, "FONT_DIRS", ())  # a machine without fonts
    monkeypatch.setenv("ARGMAP_FONT_DIRS", str(tmp_path))
    monkeypatch.setattr(fonts, "_warned", set())
    amap = load("ko")
    with pytest.warns(fonts.FontWarning) as caught:
        render_to_bytes(amap, "png")
    messages = [str(w.message) for w in caught]
    hangul = [m for m in messages if m.startswith("no installed font covers Hangul")]
    assert len(hangul) == 1 and "fonts-noto-cjk" in hangul[0]
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", fonts.FontWarning)
        render_to_bytes(amap, "png")  # once per process: no second warning


def test_fonts_on_this_machine_cover_the_test_maps():
    from argmap.render.fonts import missing_scripts

    texts = [c.text for name in MAPS for c in load(name).claims.values()]
    if missing_scripts(["가"]) or missing_scripts(["中"]):
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    assert missing_scripts(texts) == {}


def test_the_same_map_gives_the_same_pdf_bytes_and_a_valid_cross_reference_table():
    amap = load("mixed")  # several fonts: the order svg2pdf gives them varies
    pdfs = {render_to_bytes(amap, "pdf") for _ in range(6)}
    assert len(pdfs) == 1
    pdf = pdfs.pop()
    xref_at = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    header = re.match(rb"xref\n0 (\d+)\n", pdf[xref_at:])
    assert header is not None
    table = pdf[xref_at + header.end() :]
    count = int(header.group(1))
    entries = [table[20 * i : 20 * i + 20] for i in range(count)]  # 20 bytes each
    assert entries[0] == b"0000000000 65535 f\r\n"
    for number, entry in enumerate(entries[1:], start=1):
        offset = int(entry[:10])
        assert pdf[offset:].startswith(f"{number} 0 obj\n".encode()), number
    assert re.search(rb"/Font <<\n\s+/fo0 \d+ 0 R\n\s+/fo1 ", pdf)
