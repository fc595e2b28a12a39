"""How diagrams look, as data: graph defaults, styles per kind and role, the palette.

A :class:`Theme` holds every colour, line style, font and spacing that
:mod:`argmap.render.dot` and :mod:`argmap.render.legend` draw with; the
builders hold none.  Values are plain Graphviz attribute values (``"#333333"``,
``"rounded,filled"``): the DOT writer (:mod:`argmap.render.dottext`) quotes
them where DOT needs quotes, so no value here is written pre-quoted.  :data:`THEMES` names the themes there are
(``"default"`` only, for now).

Sources of a merged map get a letter and a colour (:func:`source_styles`):
the letters run A, B, ... Z, AA, AB, ... (bijective base 26) and the colours
cycle through Okabe & Ito's colourblind-safe palette, both in the order of
the sorted map ids.  A claim of one source is filled with its colour mixed
with white, :func:`tint`: each channel ``c`` becomes ``c + (255 - c) * 0.78``,
light enough for dark text on top.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

__all__ = [
    "COMPACT_THEME",
    "DEFAULT_THEME",
    "EMPHASES",
    "FONT",
    "INK",
    "PALETTE",
    "REMOVED_COLOR",
    "TENSION_COLOR",
    "THEMES",
    "EdgeStyle",
    "Emphasis",
    "SourceStyle",
    "Theme",
    "font_family",
    "letter",
    "source_styles",
    "tint",
]

#: The wasm Graphviz has width tables for it, so boxes fit.
FONT = "Arial"

#: Latin fonts with Arial's metrics (what text is measured with), then the generic.
LATIN_FONTS = ("Arial", "Liberation Sans", "Arimo", "Helvetica")
#: Common CJK fonts by language (Noto Sans CJK and Source Han Sans are the
#: same design under two names; then the fonts macOS and Windows ship).
CJK_FONTS = {
    "ko": (
        "Noto Sans CJK KR",
        "Source Han Sans K",
        "Apple SD Gothic Neo",
        "Malgun Gothic",
        "NanumGothic",
    ),
    "zh": (
        "Noto Sans CJK SC",
        "Source Han Sans SC",
        "PingFang SC",
        "Microsoft YaHei",
    ),
    "zh-tw": (
        "Noto Sans CJK TC",
        "Source Han Sans TC",
        "PingFang TC",
        "Microsoft JhengHei",
    ),
    "ja": (
        "Noto Sans CJK JP",
        "Source Han Sans",
        "Hiragino Sans",
        "Hiragino Kaku Gothic ProN",
        "Yu Gothic",
        "Meiryo",
    ),
}


def font_family(language: str | None = None, *, cjk_first: bool = False) -> str:
    """The SVG ``font-family`` list: the Latin font, then CJK fonts, then ``sans-serif``.

    The CJK fonts of the map's *language* (``ko``, ``zh``, ``zh-TW``, ``ja``)
    come first, so that Han characters take that language's forms; then
    Korean, Simplified Chinese, Japanese and Traditional Chinese.  With
    *cjk_first* the CJK fonts come before the Latin ones (for renderers that
    set a whole line in one fallback font).
    """
    lang = (language or "").lower().replace("_", "-")
    key = "zh-tw" if lang in ("zh-tw", "zh-hk", "zh-hant") else lang.split("-")[0]
    order = [key] if key in CJK_FONTS else []
    order += [k for k in ("ko", "zh", "ja", "zh-tw") if k not in order]
    cjk = [f for k in order for f in CJK_FONTS[k]]
    names = [*cjk, *LATIN_FONTS] if cjk_first else [*LATIN_FONTS, *cjk]
    return ", ".join(f"'{n}'" if " " in n else n for n in names) + ", sans-serif"


#: Okabe & Ito's colourblind-safe palette (without black), in assignment order.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
)

#: What a diagram can emphasise on a claim or relation, in the legend's order.
EMPHASES = ("tension", "added", "changed", "removed")

TENSION_COLOR = "#B2182B"
REMOVED_COLOR = "#9A9A9A"
INK = "#333333"

Attrs = Mapping[str, str]


def _frozen(attrs: dict[str, str]) -> Attrs:
    return MappingProxyType(attrs)


@dataclass(frozen=True)
class EdgeStyle:
    """The line of one relation kind: colour, line style and arrowhead."""

    color: str
    style: str
    arrowhead: str


@dataclass(frozen=True)
class Emphasis:
    """How an emphasised claim or relation is marked (never by colour alone).

    *claim* are node attributes and *claim_mark* the line written on top of
    the claim's text; *relation_mark* is written on the edge, whose colour
    and line style *relation_color* / *relation_style* replace the kind's
    when set (``"bold"`` means: bold when the kind's line is solid).
    """

    claim: Attrs
    claim_mark: str
    relation_mark: str
    relation_penwidth: str | None = None
    relation_color: str | None = None
    relation_style: str | None = None


@dataclass(frozen=True)
class Theme:
    """Everything a diagram is drawn with; see :data:`DEFAULT_THEME`."""

    font: str
    #: Graph, node and edge defaults (the graph's ``id`` and title are set by the builder).
    graph: Attrs
    node: Attrs
    edge: Attrs
    #: Line of each relation kind, and its width when the weight is 1.
    relations: Mapping[str, EdgeStyle]
    relation_penwidth: str
    #: Node attributes by claim role (``thesis``), of a claim of another map,
    #: of a junction point and of a claim held by several sources.
    roles: Mapping[str, Attrs]
    external: Attrs
    junction: Attrs
    multi_source: Attrs
    #: Border width of a claim of one source (coloured by its source).
    source_penwidth: str
    emphasis: Mapping[str, Emphasis]
    #: The legend's cluster, its items, and its sample edges.
    legend: Attrs
    legend_item: Attrs
    legend_edge: Attrs
    palette: tuple[str, ...] = PALETTE
    #: How a relation suggested by ``argmap align`` is drawn: its line style
    #: (replacing the kind's) and the word written on it — never colour alone.
    suggested_style: str = "dotted"
    suggested_mark: str = "suggested"
    #: Header lines written on top of a claim's text, by role.
    headers: Mapping[str, str] = field(
        default_factory=lambda: MappingProxyType(
            {"thesis": "THESIS", "objection": "OBJECTION"}
        )
    )
    #: A collapsed branch of an overview ("+ 37 claims"), the lines that
    #: stand for the relations it hides (the kind's colour and arrowhead
    #: stay), and a claim shown only as context (a tag view's ancestors).
    hidden: Attrs = field(
        default_factory=lambda: _frozen(
            {
                "shape": "box",
                "style": "rounded,dashed,filled",
                "fillcolor": "#F2F2F2",
                "color": "#888888",
                "fontcolor": "#444444",
                "fontsize": "10",
                "margin": "0.1,0.05",
                "penwidth": "1",
            }
        )
    )
    hidden_link: Attrs = field(
        default_factory=lambda: _frozen({"style": "dotted", "penwidth": "1.2"})
    )
    context: Attrs = field(
        default_factory=lambda: _frozen(
            {"color": "#9A9A9A", "fontcolor": "#6A6A6A", "fillcolor": "#FAFAFA"}
        )
    )


DEFAULT_THEME = Theme(
    font=FONT,
    graph=_frozen(
        {
            "newrank": "true",
            "fontname": FONT,
            "fontsize": "13",
            "nodesep": "0.3",
            "ranksep": "0.45",
            "pad": "0.2",
            "bgcolor": "white",
        }
    ),
    node=_frozen(
        {
            "shape": "box",
            "style": "rounded,filled",
            "fillcolor": "white",
            "color": INK,
            "fontcolor": INK,
            "fontname": FONT,
            "fontsize": "11",
            "margin": "0.12,0.07",
            "penwidth": "1.2",
        }
    ),
    edge=_frozen({"fontname": FONT, "fontsize": "9", "arrowsize": "0.8"}),
    relations=MappingProxyType(
        {
            "supports": EdgeStyle("#1B7837", "solid", "normal"),
            "rebuts": EdgeStyle("#C0392B", "dashed", "tee"),
            "undercuts": EdgeStyle("#762A83", "dashed", "diamond"),
        }
    ),
    relation_penwidth="1.6",
    roles=MappingProxyType(
        {"thesis": _frozen({"penwidth": "2.6", "fillcolor": "#FFF8E1"})}
    ),
    external=_frozen(
        {"style": "rounded,dashed", "color": "#777777", "fontcolor": "#555555"}
    ),
    junction=_frozen(
        {"shape": "point", "width": "0.09", "label": "", "style": "filled"}
    ),
    multi_source=_frozen({"fillcolor": "#E8E8E8", "color": INK}),
    source_penwidth="2",
    emphasis=MappingProxyType(
        {
            "tension": Emphasis(
                claim=_frozen({"penwidth": "4", "color": TENSION_COLOR}),
                claim_mark="⚡ tension",
                relation_mark="⚡",
                relation_penwidth="3.5",
                relation_style="bold",
            ),
            "added": Emphasis(
                claim=_frozen({"peripheries": "2"}),
                claim_mark="+ added",
                relation_mark="+ added",
            ),
            "changed": Emphasis(
                claim=_frozen({"peripheries": "2", "style": "rounded,filled,bold"}),
                claim_mark="~ changed",
                relation_mark="~ changed",
            ),
            "removed": Emphasis(
                claim=_frozen(
                    {
                        "style": "rounded,filled,dashed",
                        "color": REMOVED_COLOR,
                        "fontcolor": REMOVED_COLOR,
                        "fillcolor": "#F4F4F4",
                    }
                ),
                claim_mark="− removed",
                relation_mark="− removed",
                relation_color=REMOVED_COLOR,
                relation_style="dotted",
            ),
        }
    ),
    legend=_frozen(
        {
            "fontsize": "10",
            "style": "rounded,dashed",
            "color": "#AAAAAA",
            "margin": "10",
        }
    ),
    legend_item=_frozen({"fontsize": "9"}),
    legend_edge=_frozen({"penwidth": "1.6", "minlen": "2"}),
)

#: An overview's look (the ``packed`` layout budget): the same, in 10 pt
#: text with tighter margins, so that more of a big map fits a screen, and
#: collapsed branches as 9 pt tabs.
COMPACT_THEME = replace(
    DEFAULT_THEME,
    node=_frozen({**DEFAULT_THEME.node, "fontsize": "10", "margin": "0.08,0.05"}),
    # a collapsed branch is a small tab under its claim's box (render.budget)
    hidden=_frozen(
        {
            **DEFAULT_THEME.hidden,
            "fontsize": "9",
            "margin": "0.05,0.01",
            "height": "0.19",
        }
    ),
)

#: Themes by name.
THEMES: Mapping[str, Theme] = MappingProxyType(
    {"default": DEFAULT_THEME, "compact": COMPACT_THEME}
)


# -- sources ---------------------------------------------------------------------


@dataclass(frozen=True)
class SourceStyle:
    """How diagrams mark the claims of one source map."""

    letter: str
    color: str


def source_styles(
    map_ids: Iterable[str], *, start: int = 0, palette: tuple[str, ...] = PALETTE
) -> dict[str, SourceStyle]:
    """The letter (A, B, ... Z, AA, ...) and palette colour of each source map.

    Assigned in the order of the sorted map ids, so that the same sources
    get the same marks in every diagram and report that lists them all;
    *start* continues an existing assignment.
    """
    return {
        map_id: SourceStyle(letter(i), palette[i % len(palette)])
        for i, map_id in enumerate(sorted(set(map_ids)), start=start)
    }


def letter(index: int) -> str:
    """The letters of source number *index* (0 -> A, 25 -> Z, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def letter_order(style: SourceStyle) -> tuple[int, str]:
    """Sort key putting A..Z before AA.."""
    return len(style.letter), style.letter


def tint(color: str, amount: float = 0.78) -> str:
    """*color* mixed with white, light enough for black text on top."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02X}" for c in mix)
