"""Suggesting claims of different maps that probably say the same thing.

Merging joins only the claims that a source (or the user) links with
``same_as``; this module proposes such links for a person to confirm.

The score of two claims is a number in 0..1, the mean of two similarities of
their *content words* (the words of the claim's text and quote, case- and
accent-folded, without punctuation and common function words, each cut to
its first six letters after dropping a plural ``s`` so that "cooperation"
and "cooperative" meet):

* word overlap: the Dice coefficient of the two sets of content words,
  2·|A∩B| / (|A|+|B|) (computed as rapidfuzz's normalised Indel similarity
  of the sorted word lists, which equals it);
* spelling: rapidfuzz's ``token_sort_ratio`` of the two content-word
  strings (the normalised Indel similarity of the sorted words, letter by
  letter; computed as ``fuzz.ratio`` because the words are sorted already,
  which is five times faster) divided by 100, which credits words that share most of their
  letters ("summit" and "summitry") and penalises a long claim that merely
  contains a short one.

Both are computed for all claim pairs of two maps at once with
``rapidfuzz.process.cdist`` (vectorised, multi-threaded), one block of rows
at a time so that memory stays bounded.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from argmap._graph import UnionFind
from argmap.model import REF_SEPARATOR, ArgumentMap, qualify, split_ref

__all__ = ["Match", "MatchItem", "content_words", "match", "match_items", "score"]

#: Words that carry no topic.  Small on purpose: negations and modal words
#: ("not", "cannot", "must") stay, because they change what a claim says.
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "again",
        "against",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "during",
        "each",
        "even",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
    ]
)
_STEM_LENGTH = 6
_NON_WORD = re.compile(r"[^\w]+")
_ROW_BLOCK = 2048


@dataclass(frozen=True, order=True)
class Match:
    """Two claims of different maps that probably say the same thing.

    ``a`` and ``b`` are qualified references (``map-id#claim-id``) with
    ``a < b``.  Ordering sorts by descending score, then by the references.
    """

    sort_key: tuple = ()
    a: str = ""
    b: str = ""
    score: float = 0.0
    text_a: str = ""
    text_b: str = ""

    @classmethod
    def make(cls, a: str, b: str, score: float, text_a: str, text_b: str) -> Match:
        if b < a:
            a, b, text_a, text_b = b, a, text_b, text_a
        score = round(float(score), 4)
        return cls((-score, a, b), a, b, score, text_a, text_b)

    @property
    def map_a(self) -> str:
        return split_ref(self.a)[0] or ""

    @property
    def map_b(self) -> str:
        return split_ref(self.b)[0] or ""

    @property
    def claim_a(self) -> str:
        return split_ref(self.a)[1]

    @property
    def claim_b(self) -> str:
        return split_ref(self.b)[1]

    @property
    def same_as_line(self) -> str:
        """What to add to claim ``a`` in map ``map_a`` to accept the match."""
        return f"same_as: [{self.b}]"

    def to_dict(self) -> dict:
        return {
            "score": self.score,
            "a": {"map": self.map_a, "claim": self.claim_a, "text": self.text_a},
            "b": {"map": self.map_b, "claim": self.claim_b, "text": self.text_b},
            "same_as": self.same_as_line,
        }


def content_words(text: str) -> list[str]:
    """The sorted, distinct content words of *text* that the score compares."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = set()
    for word in _NON_WORD.sub(" ", folded.replace("_", " ")).split():
        if word in STOP_WORDS:
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.add(word[:_STEM_LENGTH])
    return sorted(words)


#: The type of a :class:`MatchItem`'s ``key``, the caller's handle on it.
K = TypeVar("K")


@dataclass(frozen=True)
class MatchItem(Generic[K]):
    """A claim to compare with :func:`match_items`.

    *ref* names it in results and breaks ties (usually ``map-id#claim-id``);
    *text* and *quote* are what is scored; *key* is the caller's handle,
    passed to ``class_of`` (an atom number, a reference, ...).
    """

    ref: str
    text: str
    quote: str | None = None
    key: K = field(kw_only=True)


def _prepared(items: Sequence[MatchItem[K]]) -> tuple[list[list[str]], list[str]]:
    words = [content_words(f"{i.text} {i.quote or ''}") for i in items]
    return words, [" ".join(w) for w in words]


def score(
    text_a: str, text_b: str, quote_a: str | None = None, quote_b: str | None = None
) -> float:
    """The similarity of two claims in 0..1 (see the module documentation)."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Indel

    (wa, wb), (sa, sb) = _prepared(
        [
            MatchItem("", text_a, quote_a, key=None),
            MatchItem("", text_b, quote_b, key=None),
        ]
    )
    if not wa or not wb:
        return 0.0
    return (Indel.normalized_similarity(wa, wb) + fuzz.ratio(sa, sb) / 100) / 2


def match_items(
    groups: Sequence[Sequence[MatchItem[K]]],
    *,
    top: int = 3,
    min_score: float = 0.5,
    class_of: Callable[[K], int] | None = None,
) -> list[tuple[MatchItem[K], MatchItem[K], float]]:
    """Best partners across groups of claims: ``(a, b, score)`` with ``a.ref < b.ref``.

    The engine behind :func:`match` (where a group is one map's claims) and
    ``merge(auto_match=...)``.  A pair is kept when its score (see the
    module documentation) is at least *min_score* and one item has the
    other among its *top* best partners.  Items of one group are never
    compared; nor are two items whose keys *class_of* maps to one number
    (they are already linked).  Among equal scores the partner with the
    smaller reference is kept.  The result is sorted by descending score,
    then by references.
    """
    import numpy as np
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Indel

    if top < 1:
        return []
    prepared = [_prepared(g) for g in groups]
    if class_of is None:
        # Every item its own class: negative numbers, distinct across groups.
        numbers = itertools.count(-1, -1)
        classes = [np.array([next(numbers) for _ in g], dtype=np.int64) for g in groups]
    else:
        classes = [
            np.array([class_of(i.key) for i in g], dtype=np.int64) for g in groups
        ]
    # owner (group, item) -> {partner (group, item): score}, at most `top` long
    best: dict[tuple[int, int], dict[tuple[int, int], float]] = {}

    def ref(key: tuple[int, int]) -> str:
        return groups[key[0]][key[1]].ref

    def offer(owner: tuple[int, int], other: tuple[int, int], value: float) -> None:
        slot = best.setdefault(owner, {})
        slot[other] = value
        if len(slot) > top:
            del slot[max(slot, key=lambda k: (-slot[k], ref(k)))]

    def candidates(scores, axis: int):
        """Cells that can be in the top of their row (axis 1) or column (axis 0).

        Everything tied with the top-th best is kept, so that ties are
        broken by reference in :func:`offer`, not by numpy's partitioning.
        """
        n = scores.shape[axis]
        floor = np.float32(min_score)
        if n > top:
            kth = np.partition(scores, n - top, axis=axis).take(n - top, axis=axis)
            kth = np.maximum(kth, floor)
            floor = kth[:, None] if axis == 1 else kth[None, :]
        return np.nonzero(scores >= floor)

    for gi in range(len(groups)):
        words_i, text_i = prepared[gi]
        for gj in range(gi + 1, len(groups)):
            words_j, text_j = prepared[gj]
            if not words_i or not words_j:
                continue
            empty_j = np.array([not w for w in words_j])
            for start in range(0, len(words_i), _ROW_BLOCK):
                rows = slice(start, start + _ROW_BLOCK)
                overlap = process.cdist(
                    words_i[rows],
                    words_j,
                    scorer=Indel.normalized_similarity,
                    dtype=np.float32,
                    workers=-1,
                )
                spelling = process.cdist(
                    text_i[rows],
                    text_j,
                    scorer=fuzz.ratio,
                    dtype=np.float32,
                    workers=-1,
                )
                scores = (overlap + spelling / np.float32(100)) / np.float32(2)
                # No content words: nothing to compare, whatever rapidfuzz says
                # about two empty strings.  Linked pairs are not suggested.
                scores[np.array([not w for w in words_i[rows]]), :] = -1
                scores[:, empty_j] = -1
                scores[classes[gi][rows, None] == classes[gj][None, :]] = -1
                for axis in (1, 0):
                    hits = candidates(scores, axis)
                    for r, c in zip(hits[0].tolist(), hits[1].tolist()):
                        value = float(scores[r, c])
                        if axis == 1:
                            offer((gi, start + r), (gj, c), value)
                        else:
                            offer((gj, c), (gi, start + r), value)

    pairs: dict[tuple, float] = {}
    for owner, partners in best.items():
        for other, value in partners.items():
            pairs[(owner, other) if owner < other else (other, owner)] = value
    out = []
    for (first, second), value in pairs.items():
        a, b = groups[first[0]][first[1]], groups[second[0]][second[1]]
        if b.ref < a.ref:
            a, b = b, a
        out.append((a, b, value))
    out.sort(key=lambda t: (-t[2], t[0].ref, t[1].ref))
    return out


def match(
    maps: Iterable[ArgumentMap], *, top: int = 3, min_score: float = 0.5
) -> list[Match]:
    """Suggest claims of different maps that probably say the same thing.

    Every claim is compared with every claim of the other maps; a pair is
    suggested when its score (see the module documentation: the mean of the
    content-word Dice overlap and rapidfuzz's token_sort_ratio, in 0..1) is
    at least *min_score* and one claim of the pair has the other among its
    *top* best partners.  Pairs already linked by ``same_as`` (directly or
    transitively), or stating the same source claim (a merged map's
    provenance), are left out.  The result is sorted by descending score,
    then by reference; each :class:`Match` has the ``same_as`` line to paste
    into map ``a``.
    """
    linked: UnionFind[str] = UnionFind()
    groups: list[list[MatchItem[str]]] = []
    for amap in sorted(maps, key=lambda m: m.id):
        group = []
        for claim in amap.claims.values():
            ref = f"{amap.id}{REF_SEPARATOR}{claim.id}"
            for other in claim.same_as:
                linked.union(ref, qualify(other, amap.id))
            for p in claim.provenance:
                linked.union(ref, p.ref)
            group.append(MatchItem(ref, claim.text, claim.quote, key=ref))
        groups.append(group)
    numbers: dict[str, int] = {}
    found = match_items(
        groups,
        top=top,
        min_score=min_score,
        class_of=lambda ref: numbers.setdefault(linked.find(ref), len(numbers)),
    )
    return [Match.make(a.ref, b.ref, s, a.text, b.text) for a, b, s in found]
