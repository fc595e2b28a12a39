"""A draft map from an article: segment, score, decode, write claims and relations.

Every claim is one unit; its ``text`` and ``quote`` are the unit exactly as
the article has it, so ``argmap check --source`` verifies the draft.  The
central claim is the ``thesis``; an opponent's unit is an ``objection``; a
proponent's unit that opens with an example marker is ``evidence``; any
other is a ``premise``.  One exception to one claim a unit: when an
article states its thesis as a contrast ("X, but Y") and the article rule
picks "Y", the thesis claim is the sentence's span "X, but Y", the units
joined into one after decoding (rule 5 of :mod:`argmap.mining.article`;
:func:`_join_thesis`; never with pre-segmented units).  Relations follow the decoded tree: ``supports``,
``rebuts``, or ``undercuts`` of the relation its target makes (an attack on
an inference).

Relation weights are the model's confidence in that relation, *P(i → j) ·
P(function)*: the attachment classifier's probability for the pair
(fitted with balanced classes, so 0.5 is undecided) times the probability
of the relation's kind (support or attack), rounded to two decimals and at
least 0.05.

Long articles: at most *max_units* units are kept (the units of a thesis
to be joined count as one, and are kept).  Each unit's
argumentativeness is the largest of its central-claim probability and its
strongest attachment probability (as source or target); the least
argumentative are dropped (:attr:`Draft.dropped` says which) and the rest
are scored again as one text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from argmap.diagnostics import ArgmapError
from argmap.ids import slugify, unique
from argmap.mining.article import ArticleThesis
from argmap.mining.decode import Tree
from argmap.mining.features import CATEGORIES, PAIR_NAMES, UNIT_NAMES, markers
from argmap.mining.model import Classifier, Model, load
from argmap.mining.predict import (
    Scores,
    embeddings,
    predict,
    score,
    vectors_of,
)
from argmap.mining.segment import (
    Segmentation,
    Unit,
    merge_units,
    segment,
    units_in_text,
)
from argmap.model import (
    ARROW,
    ArgumentMap,
    Claim,
    Relation,
    RelationKind,
    Role,
    Source,
)

__all__ = ["DEFAULT_MAX_UNITS", "Draft", "ExtractError", "draft"]

#: Units kept by default; the least argumentative beyond are dropped.
DEFAULT_MAX_UNITS = 40
#: Units scored at all (by central-claim probability alone beyond this, or
#: beyond max_units when that is larger).
_PREFILTER = 150
_KEYWORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
#: Words left out of a claim id (English function words).
_STOP_WORDS = """
    a an the and or but of to in on for with by as at from is are was were be been
    being it its this that these those their there they them he she his her we our
    you your i not no so if than then into over under about between after before
    also more most such can could will would should may might must has have had do
    does did which who whom what when where while how all any each other some only
    very because since however although though yet even just
"""
_STOP = frozenset(_STOP_WORDS.split())


_EXAMPLE = CATEGORIES.index("example")


class ExtractError(ArgmapError, ValueError):
    """Text from which no draft can be made (nothing but page furniture, say)."""


@dataclass
class Draft:
    """The map and everything behind it."""

    map: ArgumentMap
    segmentation: Segmentation
    #: The claim ids of the units that became claims (``units``), in text order.
    ids: list[str]
    tree: Tree
    scores: Scores
    model: Model
    #: Units left out by the unit bound, with their argumentativeness.
    dropped: list[tuple[Unit, float]] = field(default_factory=list)

    @property
    def units(self) -> list[Unit]:
        """The units that became claims, in text order."""
        return self.segmentation.units

    @property
    def thesis(self) -> str:
        return self.ids[self.tree.root]

    def explain(self) -> dict:
        """Why the thesis and each relation: probabilities and the largest feature terms."""
        s, tree, ids = self.scores, self.tree, self.ids
        cc = self.model.classifiers["cc"]
        attach = self.model.classifiers["attach"]
        ranked = sorted(range(len(ids)), key=lambda k: -s.cc[k])
        root = tree.root
        thesis = {
            "id": ids[root],
            "text": self.units[root].text,
            "p_central": round(float(s.cc[root]), 3),
            "why": cc.contributions(s.unit_rows[root], UNIT_NAMES)
            if s.unit_rows is not None
            else [],
            "alternatives": [
                {"id": ids[k], "p_central": round(float(s.cc[k]), 3)}
                for k in ranked
                if k != root
            ][:3],
            "chosen_by": _chosen_by(s.article, root, cc, s.unit_rows),
        }
        relations = []
        for relation in self.map.relations:
            i = ids.index(relation.source)
            j = tree.parent[i]
            assert j is not None
            row = (s.pair_rows or {}).get((i, j))
            others = [k for k in np.argsort(-s.attach[i]) if k not in (i, j)]
            relations.append(
                {
                    "source": relation.source,
                    "target": relation.target,
                    "kind": relation.kind,
                    "weight": relation.weight,
                    "p_attach": round(float(s.attach[i, j]), 3),
                    "p_attack": round(float(s.attack[i]), 3),
                    "p_opponent": round(float(s.opp[i]), 3),
                    "objection_cue": i in (s.cued or ()),
                    "p_undercut": round(float(s.undercut[i]), 3),
                    "why": attach.contributions(row, PAIR_NAMES)
                    if row is not None
                    else [],
                    "next_best": (
                        {
                            "target": ids[int(others[0])],
                            "p_attach": round(float(s.attach[i, others[0]]), 3),
                        }
                        if others
                        else None
                    ),
                }
            )
        return {
            "thesis": thesis,
            "claims": [
                {
                    "id": ids[k],
                    "role": self.map.claims[ids[k]].role,
                    "p_central": round(float(s.cc[k]), 3),
                    "p_opponent": round(float(s.opp[k]), 3),
                }
                for k in range(len(ids))
            ],
            "relations": relations,
            "dropped": [
                {"text": u.text, "argumentativeness": round(a, 3)}
                for u, a in self.dropped
            ],
            "skipped_lines": [
                {"line": n, "text": t, "reason": r}
                for n, t, r in self.segmentation.skipped
            ],
            "language": self.segmentation.language,
            "model": {
                "corpus": self.model.about.get("corpus"),
                "licence": self.model.licence,
            },
        }


def _chosen_by(
    article: ArticleThesis | None,
    root: int,
    cc: Classifier,
    rows: np.ndarray | None,
) -> dict:
    """What made the thesis: the article rule (with its figures) or the model alone."""
    if article is None or article.unit != root:
        return {"rule": "model"}
    model_p = (
        float(cc.probability(rows[root : root + 1])[0]) if rows is not None else None
    )
    return {
        "rule": "article",
        "place": article.place,
        "centrality": round(article.centrality, 3),
        "title_similarity": None
        if article.title_similarity is None
        else round(article.title_similarity, 3),
        "score": round(article.score, 3),
        "contrast_clause": article.contrast_clause,
        "joined_units": article.joined,
        "takes_position": article.position,
        "after_framing_sentence": article.framed,
        "p_central_model": None if model_p is None else round(model_p, 3),
    }


def _within(chosen: ArticleThesis | None, rows: list[int]) -> ArticleThesis | bool:
    """The article rules for the subset *rows* of a text: its thesis renumbered.

    *chosen*: the whole text's thesis, None when the text is no article
    (:func:`~argmap.mining.article.choose` chooses one for every article), so
    False: no rule for the subset either.  True (decide on the subset) when
    the whole text's thesis is not among *rows*.
    """
    if chosen is None:
        return False
    if chosen.unit not in rows:
        return True
    opens = chosen.opens
    return replace(
        chosen,
        unit=rows.index(chosen.unit),
        opens=rows.index(opens) if opens is not None and opens in rows else None,
    )


def _span(chosen: ArticleThesis | None) -> list[int]:
    """The units the thesis is joined from (article rule 5); empty when none are."""
    if chosen is None or chosen.opens is None:
        return []
    return list(range(chosen.opens, chosen.unit + 1))


def _join_thesis(
    seg: Segmentation, tree: Tree, scores: Scores, chosen: ArticleThesis
) -> tuple[Segmentation, Tree, Scores]:
    """The thesis stated as a contrast joined into one unit (article rule 5).

    The model scores and decodes the units as segmented (the clauses it was
    fitted on); then the units ``chosen.opens..chosen.unit`` become one, the
    sentence from the first one's start to the chosen one's end.  The joined
    unit keeps the chosen unit's scores and place in the tree; a unit that
    attached to any of them attaches to it, with P(attach) the largest of
    its P(attach) to them (an undercut of a relation inside the thesis
    becomes a plain attack: the relation is gone); the relations between
    them go.
    """
    assert chosen.opens is not None
    first, last = chosen.opens, chosen.unit
    members = range(first, last + 1)
    width = last - first
    n = len(seg.units)
    rows = [k for k in range(n) if not first <= k < last]  # `last` stands for all

    def new(k: int) -> int:
        return k if k < first else first if k <= last else k - width

    parent: list[int | None] = []
    undercut: list[bool] = []
    for k in rows:
        p = tree.parent[k]
        parent.append(None if p is None else new(p))
        undercut.append(tree.undercut[k] and not (p is not None and p in members))
    joined_tree = Tree(
        parent,
        [tree.function[k] for k in rows],
        [tree.role[k] for k in rows],
        undercut,
    )
    attach = scores.attach[np.ix_(rows, rows)]
    attach[:, first] = scores.attach[rows][:, first : last + 1].max(axis=1)
    attach[first, first] = 0.0
    target = {  # per source, the thesis clause it attaches to most
        i: first + int(np.argmax(scores.attach[i, first : last + 1])) for i in rows
    }
    pair_rows = {
        (new(i), new(j)): row
        for (i, j), row in (scores.pair_rows or {}).items()
        if i in rows and new(i) != new(j) and (j not in members or j == target[i])
    }
    joined_scores = replace(
        scores,
        cc=scores.cc[rows],
        opp=scores.opp[rows],
        attack=scores.attack[rows],
        undercut=scores.undercut[rows],
        attach=attach,
        unit_rows=None if scores.unit_rows is None else scores.unit_rows[rows],
        pair_rows=pair_rows,
        article=replace(chosen, unit=first, opens=None, joined=width + 1),
        cued=None
        if scores.cued is None
        else [new(k) for k in scores.cued if k in rows],
    )
    return merge_units(seg, first, last), joined_tree, joined_scores


def _subset(seg: Segmentation, keep: list[int]) -> Segmentation:
    """The segmentation with only the units *keep*, sentences and paragraphs renumbered."""
    units = [seg.units[k] for k in keep]
    sentences = {s: n for n, s in enumerate(sorted({u.sentence for u in units}))}
    paragraphs = {p: n for n, p in enumerate(sorted({u.paragraph for u in units}))}
    renumbered = [
        replace(u, sentence=sentences[u.sentence], paragraph=paragraphs[u.paragraph])
        for u in units
    ]
    return replace(
        seg,
        units=renumbered,
        sentences=max(len(sentences), 1),
        paragraphs=max(len(paragraphs), 1),
    )


def _claim_id(unit: Unit, role: str, number: int, taken: set[str]) -> str:
    words = [
        w.lower()
        for w in _KEYWORD.findall(unit.text)
        if w.lower() not in _STOP and len(w) > 2
    ]
    latin = len(_KEYWORD.findall(unit.text))
    if len(words) >= 2 and latin * 2 >= len(unit.text.split()):
        base = slugify(" ".join(words[:4]), ascii_only=True, max_len=40, fallback=role)
    else:
        base = f"{role}-{number}"
    return unique(base, taken)


def _confidence(p: float) -> float:
    return max(0.05, min(1.0, round(p, 2)))


def draft(
    text: str,
    *,
    model: Model | None = None,
    title: str | None = None,
    map_id: str | None = None,
    max_units: int = DEFAULT_MAX_UNITS,
    units: Sequence[str] | None = None,
    language: str | None = None,
    source: Source | None = None,
    fallback_id: str = "draft",
) -> Draft:
    """A draft map of the article *text* (see the module docstring).

    The map id is *map_id*; else, for a Korean or Chinese article not
    given a *title*, *fallback_id* (the CLI passes the file's name); else
    made from the title (or the thesis when there is no title),
    *fallback_id* when that has no ASCII word.

    *units*: the argumentative units, already segmented (each a passage of
    *text*, in order), instead of segmenting *text*.  Raises
    :class:`ExtractError` when the text has no unit,
    :class:`~argmap.mining.segment.UnitNotFound` when a given unit is not in *text*.
    """
    model = model or load()
    if units is not None:
        headline = title
        if headline is None:
            # The article's headline, unless the units are the whole text.
            found = segment(text, language=language).title
            if found is not None and found not in {u.strip() for u in units}:
                headline = found
        seg = units_in_text(text, units, title=headline, language=language)
    else:
        seg = segment(text, title=title, language=language)
    if not seg.units:
        raise ExtractError(
            "no text to draft from: every line is empty or page furniture"
        )
    dropped: list[tuple[Unit, float]] = []
    vectors = embeddings(seg)  # once: the subsets below reuse the rows
    rule: ArticleThesis | bool = True
    if len(seg.units) > max_units:
        keep = list(range(len(seg.units)))
        # The article rules read the whole text: its thesis is chosen
        # before any unit is dropped (and is kept with its sentence's units
        # that it is joined to, its P(central) decisive).
        first = score(model, seg, vectors, pairs=False)
        scored = max(_PREFILTER, max_units)
        span = _span(first.article) if units is None else []
        if len(keep) > scored:
            keep = sorted(
                set(sorted(keep, key=lambda k: -first.cc[k])[:scored]) | set(span)
            )
            dropped += [
                (seg.units[k], float(first.cc[k]))
                for k in range(len(seg.units))
                if k not in keep
            ]
        pre = _subset(seg, keep)
        s = score(
            model,
            pre,
            vectors_of(pre, vectors.units[keep], vectors.title),
            article=_within(first.article, keep),
        )
        strength = np.maximum(
            s.cc, np.maximum(s.attach.max(axis=1), s.attach.max(axis=0))
        )
        whole_thesis = [keep.index(k) for k in span]
        # The joined units become one claim: the bound counts claims.
        room = max_units + max(len(whole_thesis) - 1, 0)
        others = sorted(
            (k for k in range(len(keep)) if k not in whole_thesis),
            key=lambda k: -strength[k],
        )
        best = sorted(whole_thesis + others[: room - len(whole_thesis)])
        dropped += [
            (pre.units[k], float(strength[k]))
            for k in range(len(keep))
            if k not in best
        ]
        kept_rows = [keep[k] for k in best]
        rule = _within(first.article, kept_rows)
        seg = _subset(seg, kept_rows)
        vectors = vectors_of(seg, vectors.units[kept_rows], vectors.title)
        # keep the original spans (the subset renumbers only sentences and paragraphs)
        dropped.sort(key=lambda d: d[0].start)
    tree, scores = predict(model, seg, vectors=vectors, article=rule)
    chosen = scores.article
    if (
        units is None
        and chosen is not None
        and chosen.opens is not None
        and tree.root == chosen.unit
    ):
        seg, tree, scores = _join_thesis(seg, tree, scores, chosen)
    kept = seg.units
    n = len(kept)

    roles: list[Role] = []
    for k in range(n):
        if tree.parent[k] is None:
            roles.append("thesis")
        elif tree.role[k] == "opp":
            roles.append("objection")
        elif (
            markers(kept[k].text, seg.language)[0][_EXAMPLE]
            and tree.function[k] == "support"
        ):
            roles.append("evidence")
        else:
            roles.append("premise")
    ids: list[str] = []
    taken: set[str] = set()
    counters: dict[str, int] = {}
    for k in range(n):
        counters[roles[k]] = counters.get(roles[k], 0) + 1
        claim_id = _claim_id(kept[k], roles[k], counters[roles[k]], taken)
        ids.append(claim_id)
        taken.add(claim_id)
    # An id is typed in Latin letters: a Korean or Chinese headline gives
    # none, or only an acronym ("AI") that other articles share.
    chosen_id = map_id or (
        fallback_id
        if seg.language in ("ko", "zh") and title is None
        else slugify(
            seg.title or kept[tree.root].text,
            ascii_only=True,
            max_len=50,
            fallback=fallback_id,
        )
    )
    amap = ArgumentMap(chosen_id, seg.title, source)
    for k in range(n):
        amap.add_claim(
            Claim(
                ids[k], kept[k].text, quote=kept[k].text, role=roles[k], tags=("draft",)
            )
        )
    for k in range(n):
        j = tree.parent[k]
        if j is None:
            continue
        p_target = float(scores.attach[k, j])
        attack = tree.function[k] == "attack"
        p_kind = float(scores.attack[k] if attack else 1 - scores.attack[k])
        weight = _confidence(p_target * p_kind)
        if (
            attack
            and tree.undercut[k]
            and tree.parent[j] is not None
            and not tree.undercut[j]
        ):
            target = f"{ids[j]}{ARROW}{ids[tree.parent[j]]}"  # type: ignore[index]
            amap.add_relation(Relation("undercuts", ids[k], target, weight=weight))
        else:
            scheme = "example" if roles[k] == "evidence" else None
            kind: RelationKind = "rebuts" if attack else "supports"
            amap.add_relation(
                Relation(kind, ids[k], ids[j], weight=weight, scheme=scheme)
            )
    return Draft(amap, seg, ids, tree, scores, model, dropped)
