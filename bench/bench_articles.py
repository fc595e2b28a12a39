"""Benchmark: the article-level rules of `argmap extract` on a small self-written dev set.

The microtext cross-validation (``bench/bench_extract.py``) cannot see the
rules of :mod:`argmap.mining.article`: every microtext is one paragraph.
This script drafts each article of ``bench/data/articles`` (fourteen short
opinion articles in English, Korean and Chinese, written by the argmap
project; see the README there) and of the seed articles when they are
present, and prints, per article and in total:

* thesis: the draft's thesis unit overlaps a marked thesis passage (by at
  least half of the shorter of the two);
* objections found (recall): a marked objection overlaps a unit drafted as
  an ``objection`` (the opponent's voice);
* objection precision: of the units drafted as objections, those that
  overlap a marked objection or concession (a passage the writer grants
  the other side before answering it: the opponent's voice in the
  microtext convention);
* rebuttals: the article's draft has at least one attack relation.

The set is small and written by the rules' authors: a sanity check of
their intent, not an accuracy figure for articles in the wild.

Then the objection cue (:func:`argmap.mining.cues.objection_cue`) as a
detector of the opponent's units on microtext part 1 (``--corpus``; gold
units): its precision and recall, and, by 10 folds over texts, how well the
rate fitted on nine folds (the floor on P(opponent) that ``argmap train``
stores) predicts the share of opponent units among the held-out fold's
cued units (pooled: predicted mean beside observed).

Run: python bench/bench_articles.py [--data DIR] [--seeds DIR] [--corpus DIR] [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "articles"
SEEDS = HERE.parents[1] / "shared" / "seeds"
CORPUS = HERE.parents[1] / "shared" / "corpora" / "arg-microtexts" / "en"
#: The seed articles' expected theses (the issue's acceptance criteria).
SEED_THESES = {
    "000_7db3969cf76f8b6c.txt": "offering a path to mend the strained relations",
    "004_a8c4574aae38fbdd.txt": (
        "Diplomacy manages the atmosphere, but technology cooperation is driven by"
        " contracts"
    ),
}


def _spans(text: str, passages: list[str]) -> list[tuple[int, int]]:
    out = []
    for p in passages:
        start = text.find(p)
        if start < 0:
            raise SystemExit(f"answers.json: passage not in the article: {p!r}")
        out.append((start, start + len(p)))
    return out


def _overlaps(unit, span: tuple[int, int]) -> bool:
    shared = min(unit.end, span[1]) - max(unit.start, span[0])
    return shared > 0 and shared >= 0.5 * min(unit.end - unit.start, span[1] - span[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    from argmap.mining.draft import draft

    answers = json.loads((args.data / "answers.json").read_text(encoding="utf-8"))
    theses = found = marked = predicted = correct = rebutting = 0
    print(
        f"{'article':<10} thesis  objections found/marked  precise/drafted  rebuttal  thesis rule"
    )
    for name, answer in sorted(answers.items()):
        text = (args.data / name).read_text(encoding="utf-8")
        result = draft(text)
        units, tree = result.units, result.tree
        thesis_spans = _spans(text, answer["thesis"])
        objection_spans = _spans(text, answer["objections"])
        other_side = objection_spans + _spans(text, answer.get("concessions", []))
        ok = any(_overlaps(units[tree.root], s) for s in thesis_spans)
        opp = [k for k in range(len(units)) if tree.role[k] == "opp"]
        hit = sum(any(_overlaps(units[k], s) for k in opp) for s in objection_spans)
        right = sum(any(_overlaps(units[k], s) for s in other_side) for k in opp)
        attack = any(f == "attack" for f in tree.function)
        theses += ok
        found += hit
        marked += len(objection_spans)
        predicted += len(opp)
        correct += right
        rebutting += attack
        article = result.scores.article
        why = "model" if article is None else article.place
        if article is not None and article.position:
            why += ", position"
        if article is not None and article.framed:
            why += ", framed"
        print(
            f"{name:<10} {'yes' if ok else 'NO':<7} {hit:>10}/{len(objection_spans):<14}"
            f" {right:>7}/{len(opp):<8} {'yes' if attack else 'no':<9} {why}"
        )
        if args.verbose:
            print(f"    thesis: {units[tree.root].text}")
            for k in opp:
                print(f"    objection: {units[k].text}")
    n = len(answers)
    print(
        f"{'total':<10} {theses}/{n:<5} {found:>10}/{marked:<14} {correct:>7}/{predicted:<8}"
        f" {rebutting}/{n}"
    )
    print(
        f"thesis accuracy {theses / n:.2f}; objection recall {found / max(marked, 1):.2f},"
        f" precision {correct / max(predicted, 1):.2f}; drafts with a rebuttal {rebutting}/{n}"
    )
    if args.seeds.is_dir():
        print("seed articles:")
        for name, expected in sorted(SEED_THESES.items()):
            path = args.seeds / name
            if not path.exists():
                continue
            result = draft(path.read_text(encoding="utf-8"))
            thesis = result.map.claims[result.thesis].text
            attacks = sum(r.is_attack for r in result.map.relations)
            print(
                f"  {name}: thesis {'yes' if expected in thesis else 'NO'}"
                f" ({thesis[:60]!r}), {attacks} attack relation(s)"
            )
    if args.corpus.is_dir():
        _cue_on_microtexts(args.corpus)
    return 0


def _cue_on_microtexts(corpus: Path, folds: int = 10) -> None:
    from argmap.mining.corpus import load_corpus
    from argmap.mining.cues import cue_counts, objection_cue

    documents, _ = load_corpus(corpus)
    rows = [
        [(u.text, d.language, d.role[k], d.function[k]) for k, u in enumerate(d.units)]
        for d in documents
    ]
    flat = [r for doc in rows for r in doc]
    cued = [r for r in flat if objection_cue(r[0], r[1])]
    opponents = sum(r[2] == "opp" for r in flat)
    hits = sum(r[2] == "opp" for r in cued)
    print(
        f"objection cue on {corpus.name} ({len(documents)} texts, {len(flat)} gold units):"
        f" precision {hits}/{len(cued)} = {hits / max(len(cued), 1):.2f},"
        f" recall {hits}/{opponents} = {hits / max(opponents, 1):.2f}"
    )
    predicted = observed = 0.0
    units = 0
    for fold in range(folds):
        train = [r for k, doc in enumerate(rows) if k % folds != fold for r in doc]
        held = [r for k, doc in enumerate(rows) if k % folds == fold for r in doc]
        counts = cue_counts(train)
        rate = (counts["opponent"] + 1) / (counts["units"] + 2)
        held_cued = [r for r in held if objection_cue(r[0], r[1])]
        predicted += rate * len(held_cued)
        observed += sum(r[2] == "opp" for r in held_cued)
        units += len(held_cued)
    print(
        f"  {folds}-fold: P(opponent | cue) fitted on the other folds {predicted / units:.2f},"
        f" observed on the held-out folds {observed / units:.2f} ({units} cued units)"
    )


if __name__ == "__main__":
    sys.exit(main())
