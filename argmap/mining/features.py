"""Features of units and of ordered unit pairs, the same for every language.

Everything the model sees is language-neutral: positions, *categories* of
discourse markers (each category has an English, a Korean and a Chinese
word list, :data:`MARKERS`), and the multilingual sentence embeddings of
:mod:`argmap.meaning.embed` (English, Korean and Chinese in one space).  A
model fitted on English texts therefore reads Korean and Chinese ones
through the same columns.

Unit features (:func:`unit_features`, one row per unit of a text of *n*):

* position: relative position *p = i/(n-1)*, *p²*, first, second, last,
  second-to-last unit; first/last unit of its sentence; first/last
  sentence, first/last paragraph; log of *n*; log of the unit's words;
* markers: for each category, does the unit *open* with one (its first
  words), does it contain one anywhere; a question; an exclamation;
* meaning: cosine with the title (0 without a title, and a has-title flag),
  with the mean of the other units (how central the unit is), the largest
  cosine with any other unit; and the embedding itself (512 numbers).

Pair features (:func:`pair_features`, source *i* attaching to target *j*):

* distance *d = j - i* in bins (≤-4, -3, -2, -1, +1, +2, +3, ≥+4), *|d|/n*,
  same sentence, same paragraph;
* where each end is (the unit features' position columns for *i* and *j*);
* the cosine of the two units, whether *j* is the unit most (second most)
  similar to *i*, and *j*'s cosine with the title;
* the source's opening markers split by direction (a "because" unit
  attaches backwards, a "therefore" unit is attached to from before),
  the target's opening and anywhere markers;
* two clauses of one sentence side by side: the opening markers of the
  second clause and of the first, each split by which of the two is the
  source — the connective that made the segmenter cut says which way the
  relation runs ("X, because Y": Y → X; "Although X, Y": X → Y; "X, so
  Y": X → Y), which a linear model cannot read from the markers and the
  distance columns apart;
* stacked: the central-claim probability of *j* and of *i*, whether
  *j* is the likeliest central claim, roles and the counter-attack
  pattern (:func:`stacked_columns`).

(The element-wise product of the two embeddings was tried as 512 more
columns: cross-validation found it lowered attachment F1, so it is out.)

Over argmap's 600-line guide on purpose: one algorithm (the feature
columns) and the discourse-marker lists it reads, :data:`MARKERS`, about
300 lines of words in three languages whose categories are the columns.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from argmap.mining.segment import Segmentation, word_count

if TYPE_CHECKING:
    from argmap.mining.predict import Vectors

__all__ = [
    "CATEGORIES",
    "MARKERS",
    "PAIR_COLUMNS",
    "UNIT_COLUMNS",
    "markers",
    "pair_features",
    "stacked_columns",
    "unit_features",
]

#: Discourse-marker categories, each with word lists per language.  A
#: Korean entry that starts with ``-`` is an ending (matched at a word's end).
MARKERS: dict[str, dict[str, tuple[str, ...]]] = {
    "contrast": {
        "en": (
            "but",
            "however",
            "yet",
            "nevertheless",
            "nonetheless",
            "still",
            "on the other hand",
            "whereas",
            "instead",
            "in contrast",
            "on the contrary",
            "rather",
            "then again",
        ),
        "ko": (
            "하지만",
            "그러나",
            "그런데",
            "그렇지만",
            "반면",
            "반면에",
            "오히려",
            "-지만",
            "-는데",
        ),
        "zh": ("但是", "但", "然而", "不过", "可是", "却", "反而", "相反"),
    },
    "concession": {
        "en": (
            "although",
            "though",
            "even though",
            "even if",
            "admittedly",
            "of course",
            "granted",
            "it is true that",
            "it's true that",
            "yes",
            "certainly",
            "sure",
            "while it",
            "no doubt",
            "undoubtedly",
            "indeed",
        ),
        "ko": ("물론", "비록", "-더라도", "-라도", "-지만", "분명", "사실"),
        "zh": ("虽然", "尽管", "固然", "当然", "诚然", "即使", "的确", "确实"),
    },
    "opponent": {
        "en": (
            "critics",
            "opponents",
            "some say",
            "some argue",
            "some claim",
            "some people",
            "some think",
            "some believe",
            "many people",
            "it is often",
            "it is said",
            "it is argued",
            "it is claimed",
            "one could",
            "one might",
            "one may",
            "others argue",
            "supporters",
            "proponents",
            "skeptics",
            "sceptics",
            "they say",
            "they argue",
            "it may be",
            "it could be",
            "it might be",
            "people say",
            "argue that",
            "claim that",
            # A third party's worry, warning or criticism reported: the
            # way news and opinion articles voice the other side.
            "concerns",
            "worry that",
            "worry about",
            "worries",
            "worried",
            "fear that",
            "fears",
            "warn",
            "warns",
            "warned",
            "criticism",
            "criticise",
            "criticize",
            "criticised",
            "criticized",
            "object to",
            "objected",
            "objections",
        ),
        "ko": (
            "일각에서는",
            "일부에서는",
            "비판론자",
            "반대론자",
            "어떤 이들은",
            "어떤 사람들은",
            "-라고 주장",
            "주장한다",
            "비판한다",
            "지적도",
            "우려",
            "걱정",
            "목소리도",
            "반발",
        ),
        "zh": (
            "有人认为",
            "有人说",
            "批评者",
            "反对者",
            "有些人",
            "一些人认为",
            "有观点认为",
            "质疑",
            "担心",
            "担忧",
            "批评",
        ),
    },
    "reason": {
        "en": (
            "because",
            "since",
            "as",
            "for",
            "due to",
            "given that",
            "the reason",
            "owing to",
            "thanks to",
            "after all",
        ),
        "ko": (
            "왜냐하면",
            "때문에",
            "때문이다",
            "덕분에",
            "-므로",
            "-으므로",
            "-니까",
            "이유는",
        ),
        "zh": ("因为", "由于", "既然", "原因是", "毕竟"),
    },
    "conclusion": {
        "en": (
            "therefore",
            "thus",
            "hence",
            "so",
            "consequently",
            "that is why",
            "which is why",
            "ultimately",
            "in conclusion",
            "in short",
            "all in all",
            "in the end",
            "to sum up",
            "overall",
            "accordingly",
            "this means",
            "this shows",
        ),
        "ko": (
            "따라서",
            "그러므로",
            "그래서",
            "결국",
            "결론적으로",
            "요컨대",
            "즉",
            "그렇기에",
            "이처럼",
            "이렇듯",
        ),
        "zh": (
            "所以",
            "因此",
            "因而",
            "总之",
            "总而言之",
            "综上所述",
            "最终",
            "可见",
            "由此可见",
        ),
    },
    "example": {
        "en": (
            "for example",
            "for instance",
            "such as",
            "e.g.",
            "take",
            "consider",
            "in the case of",
            "a case in point",
            "just look at",
            "look at",
        ),
        "ko": ("예를 들어", "예컨대", "가령", "예로", "이를테면", "실제로"),
        "zh": ("例如", "比如", "譬如", "举例来说", "以", "就拿"),
    },
    "addition": {
        "en": (
            "moreover",
            "furthermore",
            "also",
            "in addition",
            "besides",
            "additionally",
            "and",
            "what is more",
            "not only",
            "on top of that",
            "plus",
            "likewise",
            "similarly",
            "another",
            "secondly",
            "finally",
            "first",
            "firstly",
        ),
        "ko": (
            "또한",
            "게다가",
            "더욱이",
            "뿐만 아니라",
            "아울러",
            "또",
            "더구나",
            "마찬가지로",
        ),
        "zh": ("而且", "此外", "并且", "另外", "再说", "同时", "况且", "更", "还有"),
    },
    "ought": {
        "en": (
            "should",
            "must",
            "ought",
            "need to",
            "needs to",
            "have to",
            "has to",
            "i think",
            "i believe",
            "in my opinion",
            "in my view",
            "we need",
            "it is necessary",
            "it is important",
            "it is time",
            "clearly",
            "definitely",
            "certainly not",
            "cannot",
            "should not",
            "shouldn't",
            "must not",
            "is necessary",
            "would be",
            "better",
        ),
        "ko": (
            "해야",
            "-야 한다",
            "필요하다",
            "필요가",
            "생각한다",
            "바람직",
            "마땅",
            "옳다",
            "중요하다",
            "할 것이다",
            "봐야",
        ),
        "zh": (
            "应该",
            "应当",
            "必须",
            "需要",
            "我认为",
            "我觉得",
            "我相信",
            "值得",
            "不应",
        ),
    },
    "condition": {
        "en": ("if", "unless", "as long as", "provided that", "otherwise", "in case"),
        "ko": ("-면", "-다면", "-라면", "만약", "만일", "않으면"),
        "zh": ("如果", "要是", "只要", "除非", "否则", "假如"),
    },
    "negation": {
        "en": (
            "not",
            "no",
            "never",
            "n't",
            "nothing",
            "nobody",
            "neither",
            "nor",
            "without",
        ),
        "ko": ("않", "없", "못", "아니", "안 "),
        "zh": ("不", "没", "无", "非", "未", "别"),
    },
    "first_person": {
        "en": ("i", "we", "my", "our", "us", "me"),
        "ko": ("나는", "우리", "저는", "필자"),
        "zh": ("我", "我们", "笔者"),
    },
}
CATEGORIES = tuple(MARKERS)
_OPENING_CHARS = 12  # a marker "opens" a unit within its first characters (CJK)
_OPENING_WORDS = 4


def _compile(language: str) -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    """Per category: (pattern anywhere, pattern at the opening)."""
    out = {}
    for category, lists in MARKERS.items():
        words = lists.get(language, lists["en"])
        if language == "en":
            alternatives = "|".join(
                re.escape(w).replace(r"\ ", r"\s+")
                for w in sorted(words, key=len, reverse=True)
            )
            anywhere = re.compile(
                rf"(?<![\w'’])(?:{alternatives})(?![\w])", re.IGNORECASE
            )
            if category == "negation":
                anywhere = re.compile(
                    r"(?<![\w])(?:not|no|never|nothing|nobody|neither|nor|without)(?!\w)|n[’']t\b",
                    re.IGNORECASE,
                )
            opening = re.compile(
                rf"^\W*(?:\w+\W+){{0,{_OPENING_WORDS - 1}}}?(?:{alternatives})(?![\w])",
                re.IGNORECASE,
            )
        else:
            plain = [w for w in words if not w.startswith("-")]
            endings = [w[1:] for w in words if w.startswith("-")]
            parts = [re.escape(w) for w in sorted(plain, key=len, reverse=True)]
            parts += [rf"{re.escape(e)}(?=[\s,.!?。，]|$)" for e in endings]
            alternatives = "|".join(parts)
            anywhere = re.compile(rf"(?:{alternatives})")
            opening = re.compile(
                rf"^.{{0,{_OPENING_CHARS}}}?(?:{alternatives})", re.DOTALL
            )
        out[category] = (anywhere, opening)
    return out


_PATTERNS: dict[str, dict[str, tuple[re.Pattern[str], re.Pattern[str]]]] = {}


def markers(text: str, language: str) -> tuple[list[float], list[float]]:
    """Per category: (opens with one, contains one)."""
    opening, anywhere = _markers(text, language)
    return list(opening), list(anywhere)


@functools.lru_cache(maxsize=4096)
def _markers(text: str, language: str) -> tuple[tuple[float, ...], tuple[float, ...]]:
    # Cached: the unit rows, the pair rows and the draft's roles all read
    # the same units' markers (a third of a long article's feature time).
    if language not in _PATTERNS:
        _PATTERNS[language] = _compile(
            language if language in ("en", "ko", "zh") else "en"
        )
    opening, anywhere = [], []
    for category in CATEGORIES:
        pattern_any, pattern_open = _PATTERNS[language][category]
        anywhere.append(1.0 if pattern_any.search(text) else 0.0)
        opening.append(1.0 if pattern_open.search(text) else 0.0)
    return tuple(opening), tuple(anywhere)


POSITION_COLUMNS = 7
#: Columns before the embedding in a unit row, and of a pair row.
UNIT_COLUMNS = POSITION_COLUMNS + 8 + 2 * len(CATEGORIES) + 10
PAIR_COLUMNS = 8 + 3 + 2 * POSITION_COLUMNS + 5 + 9 * len(CATEGORIES)
STACKED_COLUMNS = 13


def _position(i: int, n: int) -> list[float]:
    p = i / (n - 1) if n > 1 else 0.0
    return [
        p,
        p * p,
        float(i == 0),
        float(i == 1),
        float(i == n - 1),
        float(i == n - 2),
        float(n > 1 and i == n - 1),
    ]


def _standard(values: np.ndarray) -> np.ndarray:
    """z-scores within one text (0 when all are equal): comparable across text lengths."""
    if len(values) < 2:
        return np.zeros(len(values))
    spread = values.std()
    return (values - values.mean()) / spread if spread > 1e-9 else np.zeros(len(values))


def unit_features(seg: Segmentation, embedded: Vectors) -> np.ndarray:
    """One row per unit (see the module docstring)."""
    units = seg.units
    n = len(units)
    vectors, title_vector = embedded.units, embedded.title
    rows = []
    sims = vectors @ vectors.T if n else np.zeros((0, 0))
    # Document-level: how central each unit's sentence is, how close to the title.
    sentence_sims = embedded.sentences @ embedded.sentences.T if n else np.zeros((0, 0))
    other = 1 - np.eye(n)
    sentence = np.asarray([u.sentence for u in units], dtype=np.int64)
    same = (sentence[:, None] == sentence[None, :]).astype(float)
    weights = other * (1 - same)
    centrality = (sentence_sims * weights).sum(axis=1) / np.maximum(
        weights.sum(axis=1), 1
    )
    z_centrality = _standard(centrality)
    title_sims = (
        embedded.sentences @ title_vector if title_vector is not None else np.zeros(n)
    )
    z_title = _standard(title_sims) if title_vector is not None else np.zeros(n)
    last_sentence = max((u.sentence for u in units), default=0)
    last_paragraph = max((u.paragraph for u in units), default=0)
    # Each unit's sentence-mates: the first and last index, and how many.
    first_of: dict[int, int] = {}
    last_of: dict[int, int] = {}
    for k, u in enumerate(units):
        first_of.setdefault(u.sentence, k)
        last_of[u.sentence] = k
    if n > 1:
        off_diagonal = sims[~np.eye(n, dtype=bool)].reshape(n, n - 1)
        centroids = off_diagonal.mean(axis=1)
        closests = off_diagonal.max(axis=1)
    for i, unit in enumerate(units):
        opening, anywhere = _markers(unit.text, seg.language)
        text = unit.text.rstrip("\"'\u201d\u2019) ")
        centroid = float(centroids[i]) if n > 1 else 0.0
        closest = float(closests[i]) if n > 1 else 0.0
        title = float(vectors[i] @ title_vector) if title_vector is not None else 0.0
        row = _position(i, n) + [
            float(i == first_of[unit.sentence]),
            float(i == last_of[unit.sentence]),
            float(first_of[unit.sentence] != last_of[unit.sentence]),
            float(unit.sentence == 0),
            float(unit.sentence == last_sentence),
            float(unit.paragraph == 0),
            float(unit.paragraph == last_paragraph and last_paragraph > 0),
            math.log(1 + word_count(unit.text)),
            *opening,
            *anywhere,
            float(text.endswith(("?", "？"))),
            float(text.endswith(("!", "！"))),
            title,
            float(title_vector is not None),
            centroid,
            closest,
            float(z_centrality[i]),
            float(n > 1 and centrality[i] >= centrality.max() - 1e-9),
            float(z_title[i]),
            float(
                title_vector is not None and title_sims[i] >= title_sims.max() - 1e-9
            ),
        ]
        rows.append(row)
    head = np.asarray(rows, dtype=np.float64).reshape(n, UNIT_COLUMNS)
    return np.hstack([head, vectors.astype(np.float64)])


def pair_features(
    seg: Segmentation,
    embedded: Vectors,
    pairs: Sequence[tuple[int, int]] | None = None,
) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """One row per ordered pair (source *i*, target *j*), *i ≠ j*; all pairs by default."""
    units = seg.units
    vectors, title_vector = embedded.units, embedded.title
    n = len(units)
    if pairs is None:
        pairs = [(i, j) for i in range(n) for j in range(n) if i != j]
    if not pairs:
        return np.zeros((0, PAIR_COLUMNS)), []
    src = np.asarray([p[0] for p in pairs])
    trg = np.asarray([p[1] for p in pairs])
    sims = vectors.astype(np.float64) @ vectors.T.astype(np.float64)
    order = np.argsort(-(sims - 2 * np.eye(n)), axis=1)
    found = [_markers(u.text, seg.language) for u in units]
    opening = np.asarray([f[0] for f in found])
    anywhere = np.asarray([f[1] for f in found])
    positions = np.asarray([_position(i, n) for i in range(n)])
    sentence = np.asarray([u.sentence for u in units])
    paragraph = np.asarray([u.paragraph for u in units])
    titles = vectors @ title_vector if title_vector is not None else np.zeros(n)
    overlap = _overlaps([_grams(u.text) for u in units])
    d = trg - src
    neighbours = (sentence[src] == sentence[trg]) & (np.abs(d) == 1)
    later, earlier = np.maximum(src, trg), np.minimum(src, trg)
    bins = np.stack(
        [d <= -4, d == -3, d == -2, d == -1, d == 1, d == 2, d == 3, d >= 4], axis=1
    )
    columns = [
        bins.astype(np.float64),
        (np.abs(d) / n)[:, None],
        (sentence[src] == sentence[trg]).astype(np.float64)[:, None],
        (paragraph[src] == paragraph[trg]).astype(np.float64)[:, None],
        positions[src],
        positions[trg],
        sims[src, trg][:, None],
        (order[src, 0] == trg).astype(np.float64)[:, None],
        ((order[src, 1] == trg) & (n > 2)).astype(np.float64)[:, None],
        np.asarray(titles, dtype=np.float64)[trg][:, None],
        overlap[src, trg][:, None],
        opening[src] * (d < 0)[:, None],
        opening[src] * (d > 0)[:, None],
        opening[src] * (np.abs(d) == 1)[:, None],
        opening[trg],
        anywhere[trg],
        # Two clauses of one sentence, side by side: the connective between
        # them ("X, because Y"; "Although X, Y"; "X, so Y") says which way.
        opening[later] * (neighbours & (d < 0))[:, None],
        opening[later] * (neighbours & (d > 0))[:, None],
        opening[earlier] * (neighbours & (d < 0))[:, None],
        opening[earlier] * (neighbours & (d > 0))[:, None],
    ]
    return np.hstack(columns).reshape(len(pairs), PAIR_COLUMNS), list(pairs)


def _grams(text: str) -> set[str]:
    """Character trigrams of the words (bigrams of CJK runs): lexical overlap for any script."""
    out: set[str] = set()
    for word in _WORDS.findall(text.lower()):
        if _CJK_RUN.fullmatch(word):
            out.update(word[k : k + 2] for k in range(max(len(word) - 1, 1)))
        elif len(word) > 3:
            padded = f" {word} "
            out.update(padded[k : k + 3] for k in range(len(padded) - 2))
    return out


def _overlaps(grams: Sequence[set[str]]) -> np.ndarray:
    """Jaccard index |a ∩ b| / |a ∪ b| of every two gram sets (0 when either is empty).

    As matrices: with *M* the units × grams incidence matrix, the
    intersections are *M Mᵀ* and the unions |a| + |b| - |a ∩ b|.
    """
    n = len(grams)
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for i, g in enumerate(grams):
        for gram in g:
            rows.append(i)
            cols.append(vocabulary.setdefault(gram, len(vocabulary)))
    incidence = np.zeros((n, len(vocabulary)), dtype=np.float64)
    incidence[rows, cols] = 1.0
    inter = incidence @ incidence.T
    sizes = np.diag(inter).copy()
    union = sizes[:, None] + sizes[None, :] - inter
    out = np.divide(inter, union, out=np.zeros((n, n)), where=union > 0)
    empty = sizes == 0
    out[empty, :] = 0.0
    out[:, empty] = 0.0
    np.fill_diagonal(out, 0.0)
    return out


_WORDS = re.compile(r"[\u3400-\u9fff\uac00-\ud7af]+|[^\W\d_]+", re.UNICODE)
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uac00-\ud7af]+")


def stacked_columns(
    cc: np.ndarray,
    opp: np.ndarray,
    attack: np.ndarray,
    pairs: Sequence[tuple[int, int]],
    units: np.ndarray | None = None,
) -> np.ndarray:
    """Pair columns from the unit classifiers' probabilities.

    For (*i*, *j*): P(cc) of *j* and of *i*, whether *j* is the likeliest
    central claim, whether *j* lies between *i* and that unit, P(opponent)
    of *i* and of *j* and their difference, P(attack) of *i*, and the
    attack probability times the role difference (an attacker speaks for
    the other side).  Then the counter-attack pattern: *j* just before *i*
    times P(*j* is the opponent's), alone, times P(*i* attacks) and times
    "*i* opens with a contrast marker" (read from *units*, the unit
    feature rows: "One could worry that X. However, Y" — the reply attaches
    to the objection before it, not to the thesis); and P(*i* attacks) ×
    P(*j* is the opponent's) for any *j* before *i*.  The attachment
    classifier is fitted on probabilities from models that did not see the
    document (stacking).
    """
    if not len(pairs):
        return np.zeros((0, STACKED_COLUMNS))
    src = np.asarray([p[0] for p in pairs])
    trg = np.asarray([p[1] for p in pairs])
    best = int(np.argmax(cc))
    differ = np.abs(opp[src] - opp[trg])
    fits = attack[src] * differ + (1 - attack[src]) * (1 - differ)
    between = (np.minimum(src, best) < trg) & (trg < np.maximum(src, best))
    contrast = units[:, _UNIT_CONTRAST] if units is not None else np.zeros(len(cc))
    previous = (trg == src - 1).astype(float)
    return np.stack(
        [
            cc[trg],
            cc[src],
            (trg == best).astype(float),
            between.astype(float),
            opp[src],
            opp[trg],
            differ,
            attack[src],
            fits,
            previous * opp[trg] * contrast[src],
            previous * opp[trg] * attack[src],
            previous * opp[trg],
            attack[src] * opp[trg] * (trg < src),
        ],
        axis=1,
    ).astype(np.float64)


def _names() -> tuple[list[str], list[str]]:
    position = [
        "relative position",
        "relative position²",
        "first unit",
        "second unit",
        "last unit",
        "second-to-last unit",
        "last of several",
    ]
    unit = position + [
        "first unit of its sentence",
        "last unit of its sentence",
        "sentence has several units",
        "in the first sentence",
        "in the last sentence",
        "in the first paragraph",
        "in the last paragraph",
        "log of word count",
        *(f"opens with {c} marker" for c in CATEGORIES),
        *(f"has {c} marker" for c in CATEGORIES),
        "question",
        "exclamation",
        "similarity to the title",
        "has a title",
        "similarity to the other units",
        "similarity to the closest unit",
        "its sentence's centrality (z)",
        "its sentence is the most central",
        "its sentence's similarity to the title (z)",
        "its sentence is the closest to the title",
    ]
    pair = [
        "target 4+ units before",
        "target 3 before",
        "target 2 before",
        "target just before",
        "target just after",
        "target 2 after",
        "target 3 after",
        "target 4+ after",
        "distance / units",
        "same sentence",
        "same paragraph",
        *(f"source: {p}" for p in position),
        *(f"target: {p}" for p in position),
        "similarity of the two",
        "target most similar to source",
        "target second most similar",
        "target's similarity to the title",
        "shared character n-grams",
        *(f"source opens with {c}, target before" for c in CATEGORIES),
        *(f"source opens with {c}, target after" for c in CATEGORIES),
        *(f"source opens with {c}, adjacent" for c in CATEGORIES),
        *(f"target opens with {c}" for c in CATEGORIES),
        *(f"target has {c}" for c in CATEGORIES),
        *(
            f"clauses of one sentence: 2nd opens with {c}, source 2nd"
            for c in CATEGORIES
        ),
        *(
            f"clauses of one sentence: 2nd opens with {c}, source 1st"
            for c in CATEGORIES
        ),
        *(
            f"clauses of one sentence: 1st opens with {c}, source 2nd"
            for c in CATEGORIES
        ),
        *(
            f"clauses of one sentence: 1st opens with {c}, source 1st"
            for c in CATEGORIES
        ),
        "target's P(central claim)",
        "source's P(central claim)",
        "target is the likeliest thesis",
        "target between source and likeliest thesis",
        "source's P(opponent)",
        "target's P(opponent)",
        "role difference",
        "source's P(attack)",
        "function fits roles",
        "target just before, opponent's; source opens with contrast",
        "target just before, opponent's; source attacks",
        "target just before, opponent's",
        "source attacks, target before is the opponent's",
    ]
    return unit, pair


#: A name for every unit column before the embedding, and every pair column (stacked included).
UNIT_NAMES, PAIR_NAMES = _names()
_UNIT_CONTRAST = UNIT_NAMES.index("opens with contrast marker")
assert (
    len(UNIT_NAMES) == UNIT_COLUMNS
    and len(PAIR_NAMES) == PAIR_COLUMNS + STACKED_COLUMNS
)
