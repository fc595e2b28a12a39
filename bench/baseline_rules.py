"""A first draft of a map from an article's raw text, for a person to edit.

This is deliberately simple and says so in its output: it picks sentences
that read like claims, guesses the thesis, and guesses relations from
discourse markers.  Every claim's ``quote`` is the sentence exactly as the
article has it, so ``argmap check --source`` verifies the draft, and a person
keeps, rewrites or deletes claims from there.

Heuristics, in order:

* the title is the first line of four or more words with no sentence end,
  before the text proper (menus and buttons above a headline are shorter);
* boilerplate (menus, bylines, "6 min read") is dropped: lines shorter than
  :data:`MIN_WORDS` words or without any sentence end;
* sentences are split at ``.``, ``!`` or ``?`` followed by a space and an
  upper-case letter or a quote; each sentence of :data:`MIN_WORDS` to
  :data:`MAX_WORDS` words is a candidate;
* a candidate's *claim score* counts argumentative cues (modal verbs,
  evaluative words, reasons, contrasts) and words shared with the title;
  the best :data:`max_claims` are kept, in article order;
* the thesis is the kept sentence that does not open with a contrast and
  scores best with the headline's words counted double (ties: the earlier);
* a sentence opening with a contrast ("However", "But", "Yet", "Critics", …)
  becomes an objection that rebuts the thesis; one opening with an example
  or a reason ("For example", "Because", …) becomes evidence supporting the
  claim before it; every other sentence is a premise supporting the earlier
  claim it shares most content words with (at least :data:`LINK_WORDS`),
  else the thesis — so the draft is a tree of reasons, not a star.
  Guessed relations carry ``weight: 0.5`` so that nobody mistakes them for
  an analyst's judgement.
"""

from __future__ import annotations

import re

from argmap.ids import slugify, unique
from argmap.model import ArgumentMap, Claim, Relation, Source

__all__ = ["DRAFT_WEIGHT", "MAX_WORDS", "MIN_WORDS", "extract_map"]

MIN_WORDS = 8
MAX_WORDS = 60
#: Content words a premise must share with an earlier claim to support it
#: rather than the thesis.
LINK_WORDS = 3
#: Weight of every guessed relation: "a guess", not "decisive".
DRAFT_WEIGHT = 0.5

_SENTENCE_END = re.compile(
    r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_STOP = frozenset(
    [
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
        "as",
        "at",
        "from",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "their",
        "there",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "you",
        "your",
        "i",
        "not",
        "no",
        "so",
        "if",
        "than",
        "then",
        "into",
        "over",
        "under",
        "about",
        "between",
        "after",
        "before",
        "also",
        "more",
        "most",
        "such",
        "can",
        "could",
        "will",
        "would",
        "should",
        "may",
        "might",
        "must",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "while",
        "how",
        "all",
        "any",
        "each",
        "other",
        "some",
        "only",
        "very",
    ]
)
_CUES = re.compile(
    r"\b(should|must|need(?:s|ed)?|cannot|can't|will|would|because|since|therefore|thus|hence|however|but|"
    r"although|despite|yet|important|essential|key|crucial|necessary|decisive|means|shows?|proves?|suggests?|"
    r"argues?|claims?|believes?|reason|evidence|risk|depends?)\b",
    re.IGNORECASE,
)
_CONTRAST = re.compile(
    r"^(however|but|yet|still|nevertheless|nonetheless|on the other hand|despite|although|though|critics|"
    r"skeptics|sceptics|others argue)\b",
    re.IGNORECASE,
)
_EVIDENCE = re.compile(
    r"^(for example|for instance|because|since|indeed|in fact|according to)\b",
    re.IGNORECASE,
)


def extract_map(
    text: str,
    *,
    map_id: str | None = None,
    title: str | None = None,
    max_claims: int = 20,
    source: Source | None = None,
) -> ArgumentMap:
    """A draft map of the article *text* (see the module docstring for how).

    Raises ``ValueError`` when the text has no sentence that could be a claim.
    """
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if title is None:
        title = _find_title(lines)
    title_words = _content_words(title or "")
    candidates = []
    for paragraph in lines:
        if not re.search(r"[.!?][\"'\u201d\u2019)]*$", paragraph):
            continue  # headings, menus, bylines
        for sentence in _SENTENCE_END.split(paragraph):
            sentence = sentence.strip()
            words = _WORD.findall(sentence)
            # A question asks; it does not claim (and the headline often
            # returns as one).
            if MIN_WORDS <= len(words) <= MAX_WORDS and not sentence.rstrip(
                "\"'\u201d\u2019)"
            ).endswith("?"):
                candidates.append(sentence)
    if not candidates:
        raise ValueError(
            f"no sentence of {MIN_WORDS} to {MAX_WORDS} words that could be a claim"
        )

    def score(sentence: str) -> float:
        overlap = len(_content_words(sentence) & title_words)
        return (
            len(_CUES.findall(sentence))
            + 1.5 * overlap
            + (1 if _CONTRAST.match(sentence) else 0)
        )

    ranked = sorted(range(len(candidates)), key=lambda i: (-score(candidates[i]), i))
    sentences = [candidates[i] for i in sorted(ranked[:max_claims])]
    # A thesis states the article's line; a sentence opening with "However"
    # answers something else, so it is the thesis only when nothing else is.
    # Sharing the headline's words counts double here: the headline names the line.
    plain = [
        i for i in range(len(sentences)) if not _CONTRAST.match(sentences[i])
    ] or list(range(len(sentences)))
    thesis_index = min(
        plain,
        key=lambda i: (
            -score(sentences[i])
            - 1.5 * len(_content_words(sentences[i]) & title_words),
            i,
        ),
    )

    amap = ArgumentMap(
        map_id
        or slugify(
            title or sentences[thesis_index],
            ascii_only=True,
            max_len=50,
            fallback="draft",
        ),
        title,
        source,
    )
    ids: list[str] = []
    for sentence in sentences:
        claim_id = unique(
            slugify(
                " ".join(_keywords(sentence)[:5]), ascii_only=True, fallback="claim"
            ),
            set(ids),
        )
        ids.append(claim_id)
    thesis = ids[thesis_index]
    for i, (claim_id, sentence) in enumerate(zip(ids, sentences)):
        if claim_id == thesis:
            role = "thesis"
        elif _CONTRAST.match(sentence):
            role = "objection"
        elif _EVIDENCE.match(sentence) and i > 0:
            role = "evidence"
        else:
            role = "premise"
        amap.add_claim(
            Claim(claim_id, sentence, quote=sentence, role=role, tags=("draft",))
        )
        if role == "objection":
            amap.add_relation(Relation("rebuts", claim_id, thesis, weight=DRAFT_WEIGHT))
        elif role == "evidence" and ids[i - 1] != claim_id:
            amap.add_relation(
                Relation("supports", claim_id, ids[i - 1], weight=DRAFT_WEIGHT)
            )
        elif role == "premise":
            target = _closest_earlier(i, sentences, ids, thesis)
            amap.add_relation(
                Relation("supports", claim_id, target, weight=DRAFT_WEIGHT)
            )
    return amap


def _find_title(lines: list[str]) -> str | None:
    """The first line of four or more words without a sentence end, before the text proper.

    Web pages put menus and buttons ("Close", "Text Size") above the
    headline; those are too short to be a title.
    """
    for line in lines[:12]:
        if (
            re.search(r"[.!][\"'\u201d\u2019)]*$", line)
            and len(_WORD.findall(line)) >= MIN_WORDS
        ):
            return None  # the text has begun without a headline
        if (
            len(_WORD.findall(line)) >= 4
            and len(line) <= 200
            and not line.endswith((".", "!", ":"))
        ):
            return line
    return None


def _closest_earlier(i: int, sentences: list[str], ids: list[str], thesis: str) -> str:
    """The earlier claim (not an objection) that sentence *i* shares most words with, else the thesis."""
    words = _content_words(sentences[i])
    best, best_shared = thesis, LINK_WORDS - 1
    for j in range(i):
        if ids[j] == thesis or _CONTRAST.match(sentences[j]):
            continue
        shared = len(words & _content_words(sentences[j]))
        if shared > best_shared:
            best, best_shared = ids[j], shared
    if (
        best != thesis
        and len(words & _content_words(sentences[ids.index(thesis)])) >= best_shared
    ):
        return thesis  # as close to the thesis itself: support it directly
    return best


def _content_words(text: str) -> set[str]:
    return {
        w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 2
    }


def _keywords(sentence: str) -> list[str]:
    return [
        w.lower()
        for w in _WORD.findall(sentence)
        if w.lower() not in _STOP and len(w) > 2
    ]
