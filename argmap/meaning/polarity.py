"""Polarity of a claim: negation, modality and antonym cues in English, Korean, Chinese.

Sentence embeddings place "X" and "not X" side by side ("Hunting is good
for the environment" and "... bad ..." score 0.91), so whether two similar
claims say the same thing or contradict each other is decided here, from
surface cues, not from the vectors.

Model
    :func:`polarity` reads a claim into a :class:`Polarity`:

    * ``negations`` — the negation cues found, in text order: English
      *not, n't, never, no, none, nothing, nobody, neither, nor, without,
      cannot, no longer* and words negated by a prefix (*unfair,
      impossible, irresponsible…*); Korean *않, 안, 못, 아니, 없, 말(-지 말-)*
      and 불-/비-/부-/무- words; Chinese *不, 没, 无, 非, 未, 别, 勿, 否*.  Fixed
      phrases that contain a cue but negate nothing are skipped first
      (*not only, no doubt, 不断, 不过, 非常, 无论, 未来, 特别, 끊임없이…*).
    * ``modal`` — the first deontic modal (*should, must, ought, need to,
      have to; 해야, 필요; 应该, 必须, 需要*), and whether it is negated.
    * ``concepts`` — antonym-lexicon hits: for each concept (``good``,
      ``increase``, ``allow``, ``open`` …) the sign of the word found,
      +1 for the first pole ("good", "allow") and −1 for the other ("bad",
      "forbid").

    * ``rejection`` — an evaluative predicate that rejects the claim's own
      proposition: English *is / would be a mistake, an error, wrong,
      misguided, counterproductive, ill-advised, a bad idea; backfire(s)*;
      Korean *잘못, 실수, 바람직하지 않, 역효과*; Chinese *是错误, 不明智,
      不可取, 适得其反*.  It is the claim's ``good`` concept with sign −1
      (whatever else of that concept it says), and its negation syllables
      (잘못's 못, 不明智's 不) are not counted as negations.  *Make no
      mistake* is a fixed phrase; "is no mistake" counts "no" and so cancels.

    * ``topics`` — stance concepts (``allow``, ``support``, ``introduce``,
      ``open``) an English claim names only before its first modal or copula
      and with no rejection: "a car ban would send shoppers to the malls"
      talks about a ban and asserts something else, so "ban" sets no stance
      there (it does in "cars should be banned" and "banning cars would be a
      mistake").

    The claim's *sign* is ``(-1) ** len(negations)``.

Comparing two claims (:func:`compare`)
    Two claims disagree in polarity when, relative to what they share, one
    affirms and the other denies.  Where they share lexicon concepts, the
    effective sign of a concept is ``concept sign × claim sign`` ("not good"
    and "bad" agree; "good" and "bad" disagree; "allow" and "not allow"
    disagree); the pair is *flipped* when most shared concepts have opposite
    effective signs.  Where they share none, the pair is flipped when the
    claim signs differ (one negation more on one side, or "should" against
    "should not").  A rejection is a verdict on the whole proposition: it
    flips the sign as a negation does ("banning X would be a mistake" says
    "not ban X"), and when both claims speak of ``good`` and one rejects,
    every shared concept is under the verdict: the pair is flipped when an
    odd number of shared concepts differ in pole, times the claim signs
    ("banning cars is a mistake" / "allowing cars is a mistake" disagree).
    The result names the cue in words, for reasons shown to people:
    "'should' vs 'should not'", "'good' vs 'bad'", "'not' in one claim
    only", "'would be a mistake' in one claim only".

Limits
    Cues are counted over the whole claim, not by scope: "X, not Y" counts
    one negation although it affirms X; a rejection in a subordinate clause
    ("because banning X would be a mistake, …") still counts.  Double
    negation cancels by parity.  The lexicon is small and general (see
    ``_LEXICON``); words it does not know change nothing.  Korean and
    Chinese are matched as substrings of words (no segmenter), English by
    word forms.

Length
    Over argmap's 600-line guide on purpose: one algorithm and the word
    lists it reads (about 530 of its lines are the cue lists and the
    antonym lexicon, ``_LEXICON``, in three languages), kept beside the
    rules that say how each list is matched.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["Polarity", "PolarityContrast", "compare", "polarity", "polarity_key"]

# -- English -------------------------------------------------------------------

_EN_NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "none",
        "nothing",
        "nobody",
        "nowhere",
        "neither",
        "nor",
        "cannot",
        "hardly",
        "barely",
        "seldom",
    ]
)
#: Words opening a clause whose negations are background, not the claim's own.
_EN_SUBORDINATORS = frozenset(
    ["because", "since", "although", "though", "unless", "whereas", "while", "without"]
)
_EN_COPULAS = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it's",
        "that's",
        "seems",
        "seem",
        "remain",
        "remains",
        "become",
        "becomes",
        "considered",
        "find",
        "found",
    ]
)
_EN_MODAL_WORDS = frozenset(
    [
        "should",
        "must",
        "ought",
        "shall",
        "shouldn't",
        "mustn't",
        "would",
        "will",
        "can",
        "could",
        "may",
        "might",
    ]
)
#: Phrases holding a negator that negate nothing (removed before counting).
_EN_NOT_NEGATING = (
    "not only",
    "not just",
    "no doubt",
    "no matter",
    "nothing but",
    "none the less",
    "nonetheless",
    "not least",
    "if not",
    "right away",
    "no less than",
    "no sooner",
    "make no mistake",
)
#: Words negated by a prefix, counted as a negation of their stem.
_EN_PREFIX_NEGATED = frozenset(
    [
        "unfair",
        "unjust",
        "unjustified",
        "unjustifiable",
        "unrealistic",
        "unnecessary",
        "unreasonable",
        "unacceptable",
        "undesirable",
        "unsustainable",
        "unhealthy",
        "unlikely",
        "unable",
        "unsafe",
        "unwise",
        "unhelpful",
        "unsuccessful",
        "unproven",
        "unrecognized",
        "unrecognised",
        "unclear",
        "uncertain",
        "unconstitutional",
        "unethical",
        "unaffordable",
        "unpopular",
        "unimportant",
        "unworkable",
        "impossible",
        "impractical",
        "improper",
        "inappropriate",
        "inadequate",
        "insufficient",
        "ineffective",
        "inefficient",
        "incorrect",
        "inconsistent",
        "incompatible",
        "irresponsible",
        "irrelevant",
        "irrational",
        "illegal",
        "illegitimate",
        "illogical",
        "immoral",
        "dishonest",
        "disadvantageous",
        "pointless",
        "useless",
        "senseless",
        "meaningless",
        "worthless",
    ]
)
_EN_MODALS = {
    "should": "should",
    "must": "must",
    "ought": "ought to",
    "shall": "shall",
    "need": "need to",
    "needs": "need to",
    "have": "have to",
    "has": "have to",
}
_EN_NOT_NEGATING_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in _EN_NOT_NEGATING) + r")\b"
)
_EN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
#: Rejections: a predicate that judges the claim's own proposition wrong
#: ("banning cars would be a mistake", "the cap is misguided", "it will
#: backfire").  Said after a copula (one adverb, a negation and an article
#: may come between), or the verb "backfire" anywhere.  A negation before it
#: is counted as usual, so "is no mistake" / "is not wrong" cancel by parity.
_EN_REJECTION_RE = re.compile(
    r"\b(?:is|are|was|were|be|been|it's|that's|seems?|proves?|proved|remains?)"
    r"(?:\s+(?:simply|clearly|surely|certainly|definitely|just|also|therefore|thus"
    r"|hence|still|probably|obviously|plainly|fundamentally|deeply|itself))?"
    r"(?:\s+not)?(?:\s+(?:a|an|no))?"
    r"(?:\s+(?:big|grave|serious|huge|terrible|costly|major|great|historic"
    r"|fundamental|dangerous|tragic))?"
    r"\s+(?P<cue>mistake|error|blunder|mistaken|wrong|misguided|counterproductive"
    r"|counter-productive|ill-advised|ill advised|bad idea|terrible idea|bad move)\b"
    r"|\b(?P<verb>backfir(?:e|es|ed|ing))\b"
)

# -- Korean --------------------------------------------------------------------

#: Words holding a negation syllable that negate nothing.
_KO_NOT_NEGATING = (
    "끊임없",
    "틀림없",
    "관계없",
    "상관없",
    "한없",
    "빠짐없",
    "어김없",
    "여지없",
    "아니라면",  # "if not" in a question-like aside: rare in claims, counted once below
)
_KO_NEGATION_TOKENS = ("안", "못", "아니", "아니다", "아닌", "아니라")
_KO_NEGATION_PARTS = (
    "않",
    "못하",
    "못한",
    "못할",
    "없",
    "아니",
    "지 말",
    "지말",
    "지 마",
)
_KO_PREFIX_NEGATED = (
    "불가능",
    "불필요",
    "불공평",
    "불공정",
    "불확실",
    "불충분",
    "불합리",
    "불법",
    "불리",
    "비현실",
    "비합리",
    "비효율",
    "부적절",
    "부당",
    "무의미",
    "무책임",
    "무효",
)
#: Korean rejections (see ``_EN_REJECTION_RE``): 잘못 "wrong, a mistake",
#: 실수 "a mistake" (not 실수요 "actual demand"), 바람직하지 않 "undesirable",
#: 역효과 "backfire".  Their negation syllables (잘못's 못, 않) are part of
#: the phrase, not a negation of their own.
_KO_REJECTIONS = ("바람직하지 않", "바람직하지않", "잘못", "실수", "역효과")
_KO_REJECTION_EXCEPT = ("실수요",)
_KO_MODALS = (
    ("해야", "should"),
    ("하여야", "should"),
    ("야 한", "should"),
    ("필요", "need to"),
)

# -- Chinese -------------------------------------------------------------------

_ZH_NOT_NEGATING = (
    "不断",
    "不过",
    "不仅",
    "不但",
    "不少",
    "不错",
    "不管",
    "不得不",  # "have to": a double negation that affirms
    "非常",
    "除非",
    "是非",
    "非洲",
    "无论",
    "无疑",
    "无数",
    "无限",
    "未来",
    "特别",
    "分别",
    "区别",
    "别人",
    "别的",
    "级别",
    "类别",
    "性别",
    "个别",
    "识别",
    "告别",
    "差别",
    "辨别",
    "是否",
    "否则",
    "毫无疑问",
)
_ZH_NEGATORS = "不没无非未别勿"
#: Chinese rejections (see ``_EN_REJECTION_RE``): 是(一个/个)错误 "is a
#: mistake", 不明智 "unwise", 不可取 "inadvisable", 适得其反 "backfire".
#: Bare 错误 is left to the lexicon: "错误的政策" is a wrong policy, not a
#: verdict on the claim.
_ZH_REJECTIONS = (
    "是一个错误",
    "是个错误",
    "是错误",
    "是一种错误",
    "不明智",
    "不可取",
    "适得其反",
)
_ZH_MODALS = (
    ("应该", "should"),
    ("应当", "should"),
    ("必须", "must"),
    ("需要", "need to"),
    ("应", "should"),
)

# -- the antonym lexicon -----------------------------------------------------------
# concept: (first pole, other pole); each pole: English words (matched with
# their inflections), Korean and Chinese stems (matched as substrings).
_LEXICON: dict[str, tuple[list[str], list[str]]] = {
    "good": (
        [
            "good",
            "better",
            "best",
            "right",
            "beneficial",
            "benefit",
            "useful",
            "positive",
            "advantage",
            "advantageous",
            "sensible",
            "wise",
            "fair",
            "justified",
            "desirable",
            "appropriate",
            "helpful",
            "worthwhile",
            "valuable",
            "sound",
        ]
        + [
            "좋",
            "옳",
            "이롭",
            "유익",
            "바람직",
            "긍정",
            "好处",
            "有益",
            "有利",
            "正确",
            "积极",
            "合理",
        ],
        [
            "bad",
            "worse",
            "worst",
            "wrong",
            "harmful",
            "harm",
            "damaging",
            "detrimental",
            "negative",
            "disadvantage",
            "dangerous",
        ]
        + [
            "나쁘",
            "나쁜",
            "그르",
            "해롭",
            "유해",
            "부정적",
            "坏",
            "有害",
            "错误",
            "消极",
        ],
    ),
    "increase": (
        [
            "increase",
            "raise",
            "higher",
            "rise",
            "grow",
            "expand",
            "extend",
            "boost",
            "strengthen",
            "tighten",
            "stricter",
            "more",
        ]
        + [
            "증가",
            "늘리",
            "늘어",
            "늘려",
            "확대",
            "인상",
            "높이",
            "높은",
            "강화",
            "增加",
            "提高",
            "扩大",
            "加强",
            "增长",
            "上升",
        ],
        [
            "decrease",
            "reduce",
            "lower",
            "fall",
            "shrink",
            "cut",
            "decline",
            "weaken",
            "loosen",
            "less",
            "fewer",
        ]
        + [
            "감소",
            "줄이",
            "줄어",
            "줄여",
            "축소",
            "인하",
            "낮추",
            "낮은",
            "완화",
            "减少",
            "降低",
            "缩小",
            "削弱",
            "下降",
        ],
    ),
    "allow": (
        [
            "allow",
            "permit",
            "legalise",
            "legalize",
            "approve",
            "accept",
            "admit",
            "enable",
        ]
        + ["허용", "허가", "승인", "수용", "允许", "许可", "批准", "接受"],
        [
            "forbid",
            "forbidden",
            "ban",
            "prohibit",
            "outlaw",
            "reject",
            "refuse",
            "block",
            "restrict",
        ]
        + ["금지", "불허", "거부", "제한", "禁止", "拒绝", "限制"],
    ),
    "support": (
        ["support", "favour", "favor", "endorse", "agree", "welcome", "advocate"]
        + ["지지", "찬성", "동의", "支持", "赞成", "拥护", "同意"],
        ["oppose", "object", "criticise", "criticize", "disagree", "condemn"]
        + ["반대", "비판", "反对", "批评"],
    ),
    "open": (
        ["open", "reopen", "operational"]
        + ["열리", "열어", "개방", "开放", "打开", "开门"],
        ["close", "shut", "closure", "shutdown"]
        + ["닫", "폐쇄", "关闭", "关门", "封闭"],
    ),
    "introduce": (
        [
            "introduce",
            "adopt",
            "establish",
            "launch",
            "implement",
            "create",
            "begin",
            "start",
        ]
        + [
            "도입",
            "시행",
            "설립",
            "시작",
            "引入",
            "实行",
            "实施",
            "建立",
            "采用",
            "开始",
        ],
        [
            "abolish",
            "abandon",
            "scrap",
            "repeal",
            "eliminate",
            "withdraw",
            "cancel",
            "end",
            "stop",
            "remove",
        ]
        + [
            "폐지",
            "중단",
            "철회",
            "취소",
            "중지",
            "废除",
            "取消",
            "停止",
            "放弃",
            "撤销",
        ],
    ),
    "succeed": (
        ["succeed", "success", "successful", "effective", "achieve", "deliver", "work"]
        + ["성공", "효과적", "달성", "成功", "有效", "实现"],
        ["fail", "failure", "futile"] + ["실패", "무산", "失败"],
    ),
    "cooperate": (
        [
            "cooperation",
            "cooperate",
            "collaboration",
            "collaborate",
            "partnership",
            "unity",
            "reconciliation",
            "thaw",
            "rapprochement",
            "trust",
        ]
        + [
            "협력",
            "협조",
            "화해",
            "통합",
            "신뢰",
            "合作",
            "协作",
            "和解",
            "团结",
            "信任",
        ],
        [
            "conflict",
            "confrontation",
            "hostility",
            "tension",
            "rivalry",
            "mistrust",
            "distrust",
            "dispute",
            "competition",
            "war",
        ]
        + [
            "갈등",
            "대립",
            "분쟁",
            "충돌",
            "경쟁",
            "冲突",
            "对抗",
            "争端",
            "紧张",
            "竞争",
        ],
    ),
    "safe": (
        ["safe", "safety", "secure"] + ["안전", "安全"],
        ["danger", "risk", "risky", "threat", "unsafe"] + ["위험", "危险", "风险"],
    ),
    "include": (
        ["include", "inclusion"] + ["포함", "包括", "包含"],
        ["exclude", "exclusion"] + ["제외", "배제", "排除"],
    ),
    # a universal against a restrictive quantifier: "everyone should pay" /
    # "only users should pay" (a claim using both poles keeps neither)
    "everyone": (
        ["everyone", "everybody", "all", "every", "equally", "universal", "universally"]
        + ["모두", "누구나", "모든", "所有", "每个人", "人人"],
        ["only", "solely", "exclusively"] + ["만이", "只有", "仅"],
    ),
    "win": (
        ["win", "gain"] + ["이익", "获益"],
        ["lose", "loss"] + ["손실", "손해", "损失"],
    ),
}


def _en_forms(word: str) -> set[str]:
    """A word and its common inflections ("increase": increases, increased, increasing)."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing"}
    if word.endswith("e"):
        forms.add(word[:-1] + "ing")
    if word.endswith("y"):
        forms.update({word[:-1] + "ies", word[:-1] + "ied"})
    if re.fullmatch(r".*[^aeiou][aeiou][bdgmnprt]", word):  # stop -> stopped
        forms.update({word + word[-1] + "ed", word + word[-1] + "ing"})
    return forms


_CJK_CHAR = re.compile("[\u2e80-\U0010ffff]")


def _is_cjk(text: str) -> bool:
    return _CJK_CHAR.search(text) is not None


_EN_LEXICON: dict[str, tuple[str, int, str]] = {}
_CJK_LEXICON: list[tuple[str, str, int]] = []
for _concept, (_plus, _minus) in _LEXICON.items():
    for _sign, _words in ((1, _plus), (-1, _minus)):
        for _word in _words:
            if _is_cjk(_word):
                _CJK_LEXICON.append((_word, _concept, _sign))
            else:
                for _form in _en_forms(_word):
                    _EN_LEXICON.setdefault(_form, (_concept, _sign, _word))
# Longest first, so that a longer stem claims its characters before a shorter one.
_CJK_LEXICON.sort(key=lambda item: (-len(item[0]), item[0]))


@dataclass(frozen=True)
class Polarity:
    """What a claim affirms or denies, as far as surface cues tell."""

    negations: tuple[str, ...] = ()
    #: The first deontic modal, e.g. "should"; ``None`` when there is none.
    modal: str | None = None
    #: Whether a negation was found right after (or, in Korean, around) the modal.
    modal_negated: bool = False
    #: concept -> (sign of the word found, the word as it appears)
    concepts: dict[str, tuple[int, str]] = field(default_factory=dict)
    #: Contrastive negations ("X, not Y"; "A가 아니라 B"; "不是A而是B"): they
    #: affirm the main claim, so the sign does not count them.
    contrasts: tuple[str, ...] = ()
    #: A rejection of the claim's own proposition ("would be a mistake",
    #: "잘못", "适得其反"), as found; ``None`` when there is none.  It is also
    #: the claim's ``good`` concept, with sign −1.
    rejection: str | None = None
    #: Stance concepts named only as the topic, before the claim's first
    #: modal or copula ("a car ban would ..."): they do not set its stance.
    topics: tuple[str, ...] = ()

    @property
    def sign(self) -> int:
        """+1 for an affirmation, −1 for a denial (odd number of negations)."""
        return -1 if len(self.negations) % 2 else 1


@dataclass(frozen=True)
class PolarityContrast:
    """How two claims' polarities relate: flipped or not, and why in words."""

    flipped: bool
    #: e.g. "'should' vs 'should not'"; empty when nothing contrasts.
    cue: str
    #: Lexicon concepts both claims mention (evidence that they talk about one thing).
    shared: tuple[str, ...] = ()


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return text.replace("\u2019", "'").replace("\u2018", "'")


def polarity(text: str) -> Polarity:
    """The negation, modality and antonym cues of *text* (see the module docs)."""
    folded = _fold(text)
    negations: list[tuple[int, str]] = []
    contrasts: list[tuple[int, str]] = []
    concepts: dict[str, tuple[int, str]] = {}
    modal: tuple[int, str] | None = None
    both: set[str] = set()  # concepts named by both poles: ambiguous, dropped

    # English (and any Latin-script words)
    latin = folded
    latin = _EN_NOT_NEGATING_RE.sub(lambda m: " " * len(m.group()), latin)
    rejections: list[tuple[int, str]] = []
    found = _EN_REJECTION_RE.search(latin)
    if found is not None:
        rejections.append((found.start(), _en_rejection_cue(latin, found)))
    words = [(m.start(), m.group()) for m in _EN_WORD.finditer(latin)]
    subordinate = (
        False  # inside "as long as ...", "because ...", "that are ...": not counted
    )
    last_cue = -10
    verb_at: int | None = None  # the first modal or copula
    subject: set[str] = set()  # stance concepts named before it
    for i, (pos, word) in enumerate(words):
        nxt = words[i + 1][1] if i + 1 < len(words) else ""
        prev = words[i - 1][1] if i else ""
        before = latin[:pos].rstrip()
        if subordinate and (
            before.endswith((",", ";", ":")) or word in _EN_MODAL_WORDS
        ):
            subordinate = False
        if (
            word in _EN_SUBORDINATORS
            or (word in ("that", "which", "who") and nxt in _EN_COPULAS)
            or (word == "as" and nxt == "long")
        ):
            subordinate = True
        cue: str | None = None
        if word == "not" and (
            before.endswith((",", ";", "-", "\u2013", "\u2014", "("))
            or prev in ("and", "but")
        ):
            contrasts.append((pos, word))  # "X, not Y": affirms X
        elif word.endswith("n't") or word in _EN_NEGATORS:
            cue = "no longer" if word == "no" and nxt == "longer" else word
        elif word in _EN_PREFIX_NEGATED and (
            prev in _EN_COPULAS or (i > 1 and words[i - 2][1] in _EN_COPULAS)
        ):
            cue = word  # predicative ("is unfair"), not attributive ("unproven treatments")
        if cue is not None:
            if subordinate:
                contrasts.append((pos, cue))
            elif prev in ("and", "or", "nor") and last_cue == i - 2:
                last_cue = i  # "unfair and unjustifiable": one negation
            else:
                negations.append((pos, cue))
                last_cue = i
        if modal is None:
            base = word.removesuffix("n't")
            if base in _EN_MODALS and (
                base not in ("have", "has", "need", "needs") or nxt == "to"
            ):
                modal = (pos, _EN_MODALS[base])
            elif base in ("shouldn", "mustn"):
                modal = (pos, base[:-1])
        if verb_at is None and (word in _EN_MODAL_WORDS or word in _EN_COPULAS):
            verb_at = pos
        hit = _EN_LEXICON.get(word)
        if hit is not None:
            _note(concepts, both, hit[0], hit[1], word)
            if verb_at is None and hit[0] in _STANCE_CONCEPTS:
                subject.add(hit[0])

    # Korean and Chinese: substrings, after blanking phrases that negate nothing
    # (skipped for text without CJK characters: most claims, and the costly part)
    if _is_cjk(folded):
        cjk = folded
        for phrase in (*_KO_NOT_NEGATING, *_ZH_NOT_NEGATING):
            cjk = cjk.replace(phrase, "\u3000" * len(phrase))
        # rejections first: their negation syllables (잘못, 않, 不明智) are theirs
        spared = cjk
        for phrase in _KO_REJECTION_EXCEPT:
            spared = spared.replace(phrase, "\u3000" * len(phrase))
        for stem in (*_KO_REJECTIONS, *_ZH_REJECTIONS):
            for m in re.finditer(re.escape(stem), spared):
                rejections.append((m.start(), stem))
                blank = "\u3000" * len(stem)
                cjk = cjk[: m.start()] + blank + cjk[m.end() :]
                spared = spared[: m.start()] + blank + spared[m.end() :]
        for stem in _KO_PREFIX_NEGATED:
            for m in re.finditer(re.escape(stem), cjk):
                negations.append((m.start(), stem))
                cjk = cjk[: m.start()] + "\u3000" * len(stem) + cjk[m.end() :]
        for token in re.finditer(r"\S+", cjk):
            word = token.group()
            if not any("\uac00" <= ch <= "\ud7a3" for ch in word):
                continue
            bare = word.rstrip(".,!?;:\"')")
            if bare.endswith(("아니라", "아니고")):
                contrasts.append((token.start(), "아니라"))  # "A가 아니라 B": affirms B
                continue
            if bare in _KO_NEGATION_TOKENS:
                negations.append((token.start(), bare))
                continue
            for part in _KO_NEGATION_PARTS:
                at = word.find(part.replace(" ", ""))
                if at >= 0 and " " not in part:
                    negations.append((token.start() + at, part))
                    break
        for part in ("지 말", "지 마"):
            for m in re.finditer(part, cjk):
                negations.append((m.start(), "말"))
        rather = cjk.find("而是")
        for i, ch in enumerate(cjk):
            if ch == "不" and 0 <= i < rather and cjk[i + 1 : i + 2] == "是":
                contrasts.append((i, "不是"))  # "不是A而是B": affirms B
            elif ch in _ZH_NEGATORS:
                # 没有 / 不要 / 并非 count once, at their negator
                negations.append((i, ch))
        for stem, name in (*_KO_MODALS, *_ZH_MODALS):
            at = cjk.find(stem)
            if at >= 0 and (modal is None or at < modal[0]):
                modal = (at, name)
                break
        taken = [False] * len(cjk)
        for stem, concept, sign in _CJK_LEXICON:
            start = cjk.find(stem)
            while start >= 0:
                if not any(taken[start : start + len(stem)]):
                    for k in range(start, start + len(stem)):
                        taken[k] = True
                    _note(concepts, both, concept, sign, stem)
                start = cjk.find(stem, start + 1)

    for concept in both:
        del concepts[concept]
    rejection = min(rejections)[1] if rejections else None
    # "a car ban would send shoppers to malls": the ban is the topic, not what
    # the claim asserts (unless a rejection judges it, or there is no verb)
    topics = () if rejection or verb_at is None else tuple(sorted(subject))
    if rejection is not None:
        concepts["good"] = (-1, rejection)  # the verdict, whatever else is judged
    negations.sort()
    modal_negated = False
    if modal is not None:
        # "should not", "shouldn't", "不应该", "하지 말아야", "해서는 안 된다"
        modal_negated = any(abs(pos - modal[0]) <= 12 for pos, _ in negations)
    return Polarity(
        tuple(cue for _, cue in negations),
        modal[1] if modal else None,
        modal_negated,
        concepts,
        tuple(cue for _, cue in sorted(contrasts)),
        rejection,
        topics,
    )


def _en_rejection_cue(text: str, found: re.Match[str]) -> str:
    """The rejection as said: "would be a mistake", "is misguided", "backfires"."""
    phrase = found.group("verb") or " ".join(found.group().split())
    before = text[: found.start()].split()
    if before and before[-1] in _EN_MODAL_WORDS and not phrase.startswith("is "):
        phrase = f"{before[-1]} {phrase}"
    return phrase


#: Concepts whose second pole denies the proposition it is said of: "X should
#: be banned / abolished / rejected / closed" says "not X" to a claim that
#: names no word of the concept ("X should stay").
_STANCE_CONCEPTS = ("allow", "support", "introduce", "open")
#: Attitude concepts, which govern the other concepts of their claim.
_GOVERNING = ("allow", "support")


def _stance_sign(p: Polarity, skip: tuple[str, ...]) -> int:
    sign = p.sign
    if p.rejection is not None and "good" not in skip:
        sign = -sign  # "X would be a mistake" says "not X"
    for concept in _STANCE_CONCEPTS:
        if concept in p.concepts and concept not in skip and concept not in p.topics:
            sign *= p.concepts[concept][0]
    return sign


def _note(
    concepts: dict[str, tuple[int, str]],
    both: set[str],
    concept: str,
    sign: int,
    word: str,
) -> None:
    """Record the first word of *concept*; a word of its other pole makes it ambiguous."""
    if concept not in concepts:
        concepts[concept] = (sign, word)
    elif concepts[concept][0] != sign:
        both.add(concept)


def polarity_key(p: Polarity) -> tuple:
    """What :func:`compare` reads of a polarity, as a hashable value."""
    return (
        p.negations,
        p.modal,
        p.modal_negated,
        tuple(sorted(p.concepts.items())),
        p.contrasts,
        p.rejection,
        p.topics,
    )


#: Comparisons by the two polarities' contents: claims of a corpus repeat a
#: few hundred kinds of polarity, so most comparisons are looked up.
_COMPARED: dict[tuple, PolarityContrast] = {}


def compare(a: Polarity | str, b: Polarity | str) -> PolarityContrast:
    """Whether *a* and *b* have opposite polarity, with the cue named (module docs)."""
    pa = polarity(a) if isinstance(a, str) else a
    pb = polarity(b) if isinstance(b, str) else b
    key = (polarity_key(pa), polarity_key(pb))
    found = _COMPARED.get(key)
    if found is None:
        if len(_COMPARED) > 100_000:
            _COMPARED.clear()
        found = _COMPARED[key] = _compare(pa, pb)
    return found


def _compare(pa: Polarity, pb: Polarity) -> PolarityContrast:
    shared = tuple(sorted(set(pa.concepts) & set(pb.concepts)))
    sign_a, sign_b = _stance_sign(pa, shared), _stance_sign(pb, shared)
    if "good" in shared and (pa.rejection or pb.rejection):
        # a verdict on the whole proposition ("banning X is a mistake"): every
        # word under it counts, so one pole differing flips, two cancel
        differ = [c for c in shared if pa.concepts[c][0] != pb.concepts[c][0]]
        if len(differ) % 2 == (pa.sign == pb.sign):
            c = differ[0] if differ else "good"
            wa, wb = pa.concepts[c][1], pb.concepts[c][1]
            cue = f"'{wa}' vs '{wb}'" if differ else _negation_cue(pa, pb)
            return PolarityContrast(True, cue, shared)
        return PolarityContrast(False, "", shared)
    if shared:
        opposite = []
        for concept in shared:
            (sa, wa), (sb, wb) = pa.concepts[concept], pb.concepts[concept]
            if sa * sign_a != sb * sign_b:
                opposite.append((concept, sa, wa, sb, wb))
        # An attitude word ("allow", "ban", "support", "oppose") governs what
        # it is said of ("forbidden to open" denies "open"): it counts three times.
        against = sum(3 if o[0] in _GOVERNING else 1 for o in opposite)
        total = sum(3 if c in _GOVERNING else 1 for c in shared)
        if 2 * against > total:
            _, sa, wa, sb, wb = opposite[0]
            if sa != sb and sign_a == sign_b:
                return PolarityContrast(True, f"'{wa}' vs '{wb}'", shared)
            return PolarityContrast(True, _flip_cue(pa, pb, shared), shared)
        return PolarityContrast(False, "", shared)
    if sign_a == sign_b:
        return PolarityContrast(False, "", shared)
    return PolarityContrast(True, _flip_cue(pa, pb, shared), shared)


def _flip_cue(pa: Polarity, pb: Polarity, shared: tuple[str, ...]) -> str:
    """Name what makes two claims' stance signs differ: a negation or a stance word."""
    if pa.sign != pb.sign:
        return _negation_cue(pa, pb)
    for p in (pa, pb):
        if p.rejection is not None and "good" not in shared:
            return _rejection_cue(p.rejection)
    # the difference is a word such as "ban" or "abolish"
    for p in (pa, pb):
        for concept in _STANCE_CONCEPTS:
            if (
                concept in p.concepts
                and concept not in shared
                and concept not in p.topics
                and p.concepts[concept][0] < 0
            ):
                return f"'{p.concepts[concept][1]}' in one claim only"
    return "opposite stance words"


#: English glosses of Korean and Chinese negation cues, for reasons shown to people.
_GLOSS = {"无": "no", "없": "no", "못": "cannot", "未": "not yet"}


#: English glosses of Korean and Chinese rejections.
_REJECTION_GLOSS = {
    "바람직하지 않": "undesirable",
    "바람직하지않": "undesirable",
    "잘못": "wrong",
    "실수": "a mistake",
    "역효과": "backfires",
    "是一个错误": "is a mistake",
    "是个错误": "is a mistake",
    "是错误": "is wrong",
    "是一种错误": "is a mistake",
    "不明智": "unwise",
    "不可取": "inadvisable",
    "适得其反": "backfires",
}


def _rejection_cue(rejection: str) -> str:
    if _is_english(rejection):
        return f"'{rejection}' in one claim only"
    return (
        f"'{_REJECTION_GLOSS.get(rejection, 'wrong')}' in one claim only ({rejection})"
    )


def _is_english(cue: str) -> bool:
    return cue.isascii()


def _negation_cue(pa: Polarity, pb: Polarity) -> str:
    negated, plain = (pa, pb) if pa.sign < 0 else (pb, pa)
    cue = negated.negations[0]
    modal = negated.modal or plain.modal
    shown = cue if _is_english(cue) else _GLOSS.get(cue, "not")
    if modal and (negated.modal_negated or negated.modal == plain.modal):
        if _is_english(cue):
            shown = "never" if cue == "never" else "not"
        tail = "" if _is_english(cue) else f" ({cue})"
        return f"'{modal}' vs '{modal} {shown}'{tail}"
    tail = "" if _is_english(cue) else f" ({cue})"
    return f"'{shown}' in one claim only{tail}"
