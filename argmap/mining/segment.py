"""Argumentative units of a raw text: page furniture off, sentences, then clauses.

Three steps, each keeping character offsets into the text as given, so
that every unit's text is a verbatim slice of the article (its quote):

1. **Lines.**  The text is cut into lines.  Page furniture is set aside,
   never silently: every line not used is returned in
   :attr:`Segmentation.skipped` with the reason.  Furniture is a line that
   matches a boilerplate pattern (copyright, "Load more", "6 min read",
   "Last updated on …", "Published 12 March · 5 min read", "입력
   2026.03.03", "发布时间：2026-03-03", share buttons,
   bylines such as "By Jane Doe, Staff Writer", a menu bar of three or more
   short items between "|", "·" or "•"), a heading (a line without a
   sentence end that is short or in Title Case), and everything after an
   end-of-article marker ("Check Also", "Related articles", "You may also
   like", "Comments").  A line of prose that merely lacks its final full
   stop is kept: it has at least :data:`PROSE_WORDS` words (CJK: characters
   / 2) and is not in Title Case.  When every line would be set aside, all
   are kept (a short text without punctuation loses nothing).  The title is
   the first heading-like line of four or more words before the body.
2. **Sentences** by ``sentencex`` (Wikimedia's rule-based splitter for
   about 300 languages, abbreviations included).  A Korean line without
   sentence-final punctuation is also cut after a word ending in a
   declarative or polite ending (``다``, ``요``) followed by a new word.
3. **Units** inside a sentence at discourse connectives, as the microtext
   corpus segments ("X, because Y", "X, but Y", "Although X, Y", "X 때문에
   Y", "虽然X，但是Y"): see :data:`CLAUSE_BREAKS`.  A cut is made only when
   both sides keep at least :data:`MIN_UNIT_WORDS` words (CJK: characters /
   2), so that "yes, but" stays whole; there is no other minimum.

Pre-segmented input (one unit per line) goes through :func:`units_from_lines`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from argmap.diagnostics import ArgmapError

__all__ = [
    "MIN_UNIT_WORDS",
    "PROSE_WORDS",
    "Segmentation",
    "Unit",
    "UnitNotFound",
    "detect_language",
    "merge_units",
    "segment",
    "units_from_lines",
    "units_in_text",
    "word_count",
]

#: A line without a sentence end is prose (not a heading) from this many words.
PROSE_WORDS = 9
#: Each side of a clause cut keeps at least this many words.
MIN_UNIT_WORDS = 3

_CJK = re.compile(
    r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af]"
)
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_HAN = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(
    r"[.!?\u3002\uff01\uff1f\u2026][\"'\u201d\u2019)\]\u300d\u300f]*$"
)


@dataclass(frozen=True)
class Unit:
    """One argumentative unit: ``text == source[start:end]``."""

    start: int
    end: int
    text: str
    #: Index of its sentence and paragraph (line) in the text, from 0.
    sentence: int = 0
    paragraph: int = 0


@dataclass
class Segmentation:
    text: str
    units: list[Unit]
    title: str | None = None
    language: str = "en"
    #: Lines set aside, with the reason: ``(line number from 1, text, reason)``.
    skipped: list[tuple[int, str, str]] = field(default_factory=list)
    paragraphs: int = 1
    sentences: int = 1


def word_count(text: str) -> int:
    """Words, counting two CJK characters as one word."""
    cjk = len(_CJK.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + (cjk + 1) // 2


def detect_language(text: str) -> str:
    """``ko``, ``zh`` or ``en`` (the default for any Latin-script text)."""
    hangul = len(_HANGUL.findall(text))
    han = len(_HAN.findall(text))
    letters = len(re.findall(r"[A-Za-z]", text))
    if hangul >= max(han, 1) and hangul * 2 >= letters * 0.5:
        return "ko"
    if han > hangul and han * 2 >= letters * 0.5:
        return "zh"
    return "en"


_BOILERPLATE = re.compile(
    r"""^(?:
      (?:©|ⓒ|\(c\)|copyright\b).* | .*\ball\ rights\ reserved\b.*
    | (?:입력|수정|등록|승인|기사입력|최종수정|발행|发布时间|发布|更新时间|更新|时间)
      \s*[:：]?\s*\d{4}\s*[-./년年]\s*\d{1,2}.*
    | .{0,60}\b\d+\s*(?:min(?:ute)?s?)\s+read | last\ (?:updated|modified)\b.* | updated\b.*\d.*
    | (?:published|posted)\ (?:on|at)\b.* | (?:published|posted)\b.{0,40}\d.*
    | by\ [A-Z][\w.'-]+(?:\ [A-Z][\w.'-]+){0,3}(?:\s*[,|·•–—-]\s*[^.!?]{1,40})?
    | load\ more\b.* | read\ more\b.* | share\b.{0,30} | share\ on\b.* | (?:follow|join)\ us\b.*
    | [^|·•.!?]{1,30}(?:\s[|·•]\s[^|·•.!?]{1,30}){2,}
    | notify\ of.* | (?:view|show)\ (?:all\ )?comments.* | inline\ feedbacks.*
    | (?:text\ size|close|menu|top|search|subscribe|sign\ in|log\ in|skip\ to\ .*|advertisement)
    | 본문\ 바로가기 | bar_progress | 기사\ ?원문 | 무단\ ?전재.* | 저작권자.*
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_END_OF_ARTICLE = re.compile(
    r"^(?:check\ also|related(?:\ (?:articles?|stories|posts|news))?|you\ may\ also\ like|"
    r"more\ from\b.*|recommended(?:\ for\ you)?|(?:\d+\ )?comments?|leave\ a\ (?:reply|comment)|"
    r"관련\ ?기사|相关(?:文章|新闻|阅读))\s*:?\s*$",
    re.IGNORECASE | re.VERBOSE,
)


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", line)]
    if len(words) < 2:
        return False
    small = {
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "from",
        "as",
        "is",
        "be",
        "vs",
        "via",
        "into",
        "amid",
    }
    capital = sum(1 for w in words if w[0].isupper() or w.lower() in small)
    return capital == len(words) and sum(w[0].isupper() for w in words) >= 2


def _same_words(a: str, b: str) -> bool:
    """The same words, whatever the case and punctuation (a headline repeated as a slug)."""
    return [w.lower() for w in _WORD.findall(a)] == [
        w.lower() for w in _WORD.findall(b)
    ]


def _is_prose(line: str) -> bool:
    if _SENTENCE_END.search(line) or line.endswith((":", ";", ",")):
        return True
    return word_count(line) >= PROSE_WORDS and not _title_case(line)


def segment(
    text: str, *, title: str | None = None, language: str | None = None
) -> Segmentation:
    """The units of *text* (see the module docstring)."""
    language = language or detect_language(text)
    lines: list[tuple[int, int, str]] = []  # (line number, offset, stripped text)
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True), 1):
        stripped = raw.strip()
        if stripped:
            lines.append((number, offset + raw.index(stripped), stripped))
        offset += len(raw)

    skipped: list[tuple[int, str, str]] = []
    body: list[tuple[int, int, str]] = []
    found_title = title
    seen: set[str] = set()
    ended = False
    for number, start, line in lines:
        if ended:
            skipped.append((number, line, "after the end of the article"))
            continue
        if body and _END_OF_ARTICLE.match(line):
            ended = True
            skipped.append((number, line, "end-of-article marker"))
            continue
        if _BOILERPLATE.match(line):
            skipped.append((number, line, "page furniture"))
            continue
        if (line in seen and not _is_prose(line)) or (
            found_title is not None
            and _same_words(line, found_title)
            and not _SENTENCE_END.search(line)
        ):
            skipped.append((number, line, "repeated heading"))
            continue
        seen.add(line)
        if (
            found_title is None
            and not body
            and line.rstrip("\"'\u201d\u2019) ").endswith(("?", "\uff1f"))
            and 4 <= word_count(line) <= 25
        ):
            found_title = line  # a headline asked as a question
            skipped.append((number, line, "title"))
            continue
        if not _is_prose(line):
            if (
                found_title is None
                and not body
                and word_count(line) >= 4
                and len(line) <= 200
            ):
                found_title = line
                skipped.append((number, line, "title"))
            else:
                skipped.append((number, line, "heading or page furniture"))
            continue
        body.append((number, start, line))
    if not body:
        # Nothing reads as prose: keep every line rather than lose the text.
        body = [(n, s, line) for n, s, line in lines if not _BOILERPLATE.match(line)]
        kept = {n for n, _, _ in body}
        skipped = [s for s in skipped if s[0] not in kept]
        if (
            found_title is not None
            and title is None
            and any(line == found_title for _, _, line in body)
        ):
            found_title = None

    units: list[Unit] = []
    sentence_index = 0
    for paragraph, (_number, start, line) in enumerate(body):
        for s_start, s_end in _sentences(line, language):
            for u_start, u_end in _clauses(line, s_start, s_end, language):
                units.append(
                    Unit(
                        start + u_start,
                        start + u_end,
                        text[start + u_start : start + u_end],
                        sentence_index,
                        paragraph,
                    )
                )
            sentence_index += 1
    return Segmentation(
        text,
        units,
        found_title,
        language,
        skipped,
        max(len(body), 1),
        max(sentence_index, 1),
    )


class UnitNotFound(ArgmapError, ValueError):
    """A given unit (line *line* of the units) is not a passage of the text."""

    def __init__(self, line: int, unit: str) -> None:
        self.line = line
        self.unit = unit
        short = unit if len(unit) <= 60 else unit[:57] + "..."
        super().__init__(
            f"unit {line} ({short!r}) is not in the text, or not after unit {line - 1}"
        )


def units_in_text(
    text: str,
    units: Sequence[str],
    *,
    title: str | None = None,
    language: str | None = None,
) -> Segmentation:
    """Given units (pre-segmented input), each found in *text* after the one before.

    Blank entries are ignored; spaces and line breaks inside a unit need not
    match exactly.  Sentences and paragraphs are those of *text*.  Raises
    :class:`UnitNotFound` naming the first unit (from 1) that is not there.
    """
    language = language or detect_language(text)
    # Sentence and paragraph of each character, from the text's own lines.
    sentence_at: list[
        tuple[int, int, int, int]
    ] = []  # (start, end, sentence, paragraph)
    offset, sentence, paragraph = 0, 0, 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            start = offset + raw.index(stripped)
            for a, b in _sentences(stripped, language):
                sentence_at.append((start + a, start + b, sentence, paragraph))
                sentence += 1
            paragraph += 1
        offset += len(raw)
    found: list[Unit] = []
    position = 0
    number = 0
    for number, unit in enumerate(units, 1):
        words = unit.split()
        if not words:
            continue
        pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
        match = pattern.search(text, position)
        if match is None:
            raise UnitNotFound(number, " ".join(words))
        a, b = match.span()
        where = next((s for s in sentence_at if s[0] <= a < s[1]), None)
        s_index, p_index = (where[2], where[3]) if where else (len(found), 0)
        found.append(Unit(a, b, text[a:b], s_index, p_index))
        position = b
    paragraphs = max((u.paragraph for u in found), default=0) + 1
    sentences = max((u.sentence for u in found), default=0) + 1
    return Segmentation(text, found, title, language, [], paragraphs, sentences)


def merge_units(seg: Segmentation, first: int, last: int) -> Segmentation:
    """*seg* with its units *first* to *last* (inclusive, of one sentence) joined into one.

    The joined unit is the text's exact characters from the start of
    *first* to the end of *last* (its quote, so still a verbatim slice),
    in their sentence and paragraph; the units after it move down by
    ``last - first``.  Raises ValueError for units of different sentences.
    """
    if not 0 <= first <= last < len(seg.units):
        raise ValueError(f"no units {first}..{last} in a text of {len(seg.units)}")
    head, tail = seg.units[first], seg.units[last]
    if head.sentence != tail.sentence:
        raise ValueError(f"units {first} and {last} are of different sentences")
    joined = Unit(
        head.start,
        tail.end,
        seg.text[head.start : tail.end],
        head.sentence,
        head.paragraph,
    )
    units = seg.units[:first] + [joined] + seg.units[last + 1 :]
    return replace(seg, units=units)


def units_from_lines(
    text: str, *, title: str | None = None, language: str | None = None
) -> Segmentation:
    """One unit per non-empty line of *text* (a pre-segmented text)."""
    return units_in_text(text, text.splitlines(), title=title, language=language)


# -- sentences -----------------------------------------------------------------
_KOREAN_END = re.compile(
    r"(?<=[\uac00-\ud7af][다요까])(?=\s+[\uac00-\ud7afA-Za-z0-9\"'\u201c])"
)


def _sentences(line: str, language: str) -> list[tuple[int, int]]:
    """Spans of the sentences of *line*, trimmed of surrounding spaces."""
    from sentencex import segment as split  # type: ignore[import-untyped]

    spans: list[tuple[int, int]] = []
    position = 0
    for piece in split(language, line):
        found = line.find(piece.strip(), position) if piece.strip() else -1
        if found < 0:
            continue
        end = found + len(piece.strip())
        spans.append((found, end))
        position = end
    if not spans:
        return [(0, len(line))] if line.strip() else []
    # Whatever the splitter did not return (it should return everything) joins the last span.
    spans[-1] = (spans[-1][0], len(line.rstrip()))
    if language == "ko":
        out: list[tuple[int, int]] = []
        for a, b in spans:
            chunk = line[a:b]
            cuts = [m.start() for m in _KOREAN_END.finditer(chunk)]
            last = 0
            for cut in cuts:
                out.append((a + last, a + cut))
                last = cut + (len(chunk[cut:]) - len(chunk[cut:].lstrip()))
            out.append((a + last, b))
        spans = [s for s in out if s[1] > s[0]]
    return spans


# -- clauses ---------------------------------------------------------------------
#: Where a sentence is cut into units: a connective that opens the second
#: unit (the cut is before it) for English and Chinese; for Korean, a
#: connective ending closes the first unit (the cut is after it).
CLAUSE_BREAKS: dict[str, re.Pattern[str]] = {
    "en": re.compile(
        r"(?:,\s*|;\s*|:\s+|\s+[-\u2013\u2014]\s+)"
        r"(?=(?:but|because(?!\s+of)|since|although|though|even\s+though|even\s+if|whereas|while|yet|"
        r"so\s+that|unless|otherwise|for\s+(?=(?:it|this|that|the|we|they|he|she|there|one|I)\b)|"
        r"as\s+(?!well\b|such\b|if\b|to\b|for\b|of\b|in\b|opposed\b|many\b|much\b)|"
        r"which\s+(?!(?:is|are|was|were)\s+(?:a|an|the)\b)|"
        r"and\s+(?!(?:the|a|an|other|so\s+on|more|many|also)\b)|or\s+(?=(?:it|they|we|he|she|you|I|there)\b)|"
        r"so\s+(?!many|much|far|that\b))\b)"
        r"|\s+(?=(?:because(?!\s+of)|although|even\s+though|whereas|unless)\b)"
        r"|;\s+|\s+[\u2013\u2014]\s+",
        re.IGNORECASE,
    ),
    "zh": re.compile(
        r"(?<=[，,；;：:])\s*(?=(?:但是|但|可是|然而|不过|因为|由于|所以|因此|因而|虽然|尽管|即使|而且|并且|否则|除非|既然|例如|比如)\S)"
    ),
    "ko": re.compile(
        r"(?:지만|는데|으므로|므로|때문에|으니까|니까|면서도|더라도|라도|어서|아서|해서)[,]?\s+(?=\S)"
        r"|,\s+(?=(?:왜냐하면|하지만|그러나|그래서|따라서|그러므로|게다가|또한)\s)"
    ),
}
#: A comma after an opening subordinate clause ("Although X, Y") ends a unit.
_OPENING = {
    "en": re.compile(
        r"^(?:although|though|even\s+though|even\s+if|because|since|while|whereas|as\s+long\s+as|unless|"
        r"admittedly|granted|of\s+course|it\s+is\s+true\s+that|yes|despite|in\s+spite\s+of)\b[^,;]{6,}?,",
        re.IGNORECASE,
    ),
    "zh": re.compile(r"^(?:虽然|尽管|即使|因为|由于|既然|如果)[^，,；;]{2,}?[，,]"),
    "ko": re.compile(r"^$a"),  # Korean endings are handled by CLAUSE_BREAKS
}


def _enough(text: str) -> bool:
    return word_count(text) >= MIN_UNIT_WORDS


def _clauses(line: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """Spans of the units of the sentence ``line[start:end]``."""
    sentence = line[start:end]
    cuts: set[int] = set()
    opening = _OPENING.get(language, _OPENING["en"]).match(sentence)
    if opening:
        cuts.add(opening.end())
    pattern = CLAUSE_BREAKS.get(language, CLAUSE_BREAKS["en"])
    for match in pattern.finditer(sentence):
        cuts.add(match.end())  # after the punctuation, before the connective
    spans: list[tuple[int, int]] = []
    last = 0
    for cut in sorted(cuts):
        left = sentence[last:cut]
        right = sentence[cut:]
        if 0 < cut < len(sentence) and _enough(left) and _enough(right):
            spans.append((last, cut))
            last = cut
    spans.append((last, len(sentence)))
    out = []
    for a, b in spans:
        piece = sentence[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if b - trail > a + lead:
            out.append((start + a + lead, start + b - trail))
    return out
