"""The shortcuts of argmap.render.text give what its rules give, on random text.

``break_opportunities`` remembers the verdicts that depend on the classes
alone; ``wrap_to_width`` returns text that fits as one line without breaking
it; ``text_width`` collects a line's fonts from its distinct characters.
Each is compared with the plain definition (every pair through ``_breaks``,
every line filled segment by segment) over random strings of many scripts.
"""

from __future__ import annotations

import random

import pytest

from argmap.render import text as text_module
from argmap.render.text import (
    DEJAVU_LATIN,
    FONT_CJK,
    FONT_LATIN,
    FONT_SYMBOLS,
    advance,
    break_opportunities,
    font_of,
    text_width,
    wrap_to_width,
)
from argmap.text import strip_controls

#: Letters, digits, punctuation of every Line_Break class that matters,
#: CJK, kana, Hangul, combining marks, ZWJ, emoji, flags, NBSP, symbols.
ALPHABET = (
    list("aZ9 -–—/.,:;!?()[]{}\"'«»$%€+#&*_|~\t")
    + list("日本語の、。「」ー々ぁァ한국어")
    + ["\u0301", "\u200d", "\u200b", "\u2060", "\u00a0", "\u00ad", "\u2014"]
    + ["👍", "🏽", "🇩", "🇪", "↗", "→", "·", "×", "½", "١", "א", "ก"]
)


def plain_breaks(texts: list[str]) -> list[list[int]]:
    """UAX #14 without the memory: no verdict is remembered, so every pair
    goes through ``_breaks``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text_module, "_context_free", lambda a, b: False)
        patch.setattr(text_module, "_PAIRS", {})
        return [break_opportunities(text) for text in texts]


def plain_wrap(text: str, max_em: float) -> list[str]:
    """Greedy filling segment by segment (``_fill``), with no shortcut: no
    one-line test, no remembered widths or break verdicts."""
    flat = " ".join(strip_controls(text, keep="").split())
    if not flat:
        return [""]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text_module, "_context_free", lambda a, b: False)
        patch.setattr(text_module, "_PAIRS", {})
        patch.setattr(text_module, "_width_of", advance)
        return text_module._fill(flat, max_em * 1000)


def plain_width(text: str, size: float) -> float:
    fonts = {font_of(c) for c in text}
    if FONT_SYMBOLS in fonts and FONT_CJK not in fonts:
        total = sum(
            advance(c) * (DEJAVU_LATIN if font_of(c) == FONT_LATIN else 1.0)
            for c in text
        )
        return size * total / 1000
    return size * sum(advance(c) for c in text) / 1000


def random_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        n = rng.randint(0, 60)
        # Runs of one kind of character, as text has, and single ones between.
        chars: list[str] = []
        while len(chars) < n:
            chars += [rng.choice(ALPHABET)] * rng.choice([1, 1, 1, 2, 5])
        texts.append("".join(chars))
    return texts


@pytest.mark.parametrize("seed", range(4))
def test_remembered_verdicts_break_where_the_rules_break(seed: int) -> None:
    texts = random_texts(seed, 1500)
    plain = plain_breaks(texts)
    text_module._PAIRS.clear()
    for text, breaks in zip(texts, plain, strict=True):
        assert break_opportunities(text) == breaks, repr(text)
    assert text_module._PAIRS  # the memory was used


@pytest.mark.parametrize("seed", range(4))
def test_wrapping_with_shortcuts_gives_the_same_lines(seed: int) -> None:
    rng = random.Random(seed)
    for text in random_texts(100 + seed, 800):
        width = rng.choice([3, 8, 15.6, 30 * 0.52])
        assert wrap_to_width(text, width) == plain_wrap(text, width), repr(text)


def test_text_that_fits_is_one_line_and_longer_text_is_not() -> None:
    assert wrap_to_width("Claim 12345.", 15.6) == ["Claim 12345."]
    assert wrap_to_width("  two   words \n", 15.6) == ["two words"]
    long = "Protected lanes pay for themselves within a decade, the counts say."
    assert len(wrap_to_width(long, 15.6)) > 1


def test_widths_are_those_of_the_plain_sum() -> None:
    for text in random_texts(7, 1000):
        assert text_width(text, 11) == plain_width(text, 11), repr(text)
