"""Quality of claim alignment, measured (figures printed beside baselines).

python bench/bench_align.py                # microtext topic pairs (LOTO) + seed maps
python bench/bench_align.py --fit          # also refit argmap/meaning/stance.json on all topics

1. Argumentative microtext corpus part 1 (``../shared/corpora/arg-microtexts/en``
   or ``$ARGMAP_MICROTEXTS``; CC BY-NC-SA 4.0, read where it lies): every pair
   of texts on one topic (both with stance pro or con).  Do their central
   claims conflict (opposite stance) or agree?  The map-stance model of
   ``argmap/meaning/judge.py`` predicts P(conflict); its three weights are
   fitted leave-one-topic-out (LOTO): for each topic, on the pairs of all
   other topics, then scored on that topic's pairs.  The texts' titles
   (which name the stance) are removed before anything reads them.
   Printed: accuracy and conflict F1 beside the majority baseline ("always
   agree") and the cue rule alone (conflict iff the theses' polarity cues
   are opposite), then the pairs each topic gets wrong.

2. The two seed maps (``maps/``) with their cross-map links removed: what
   ``align`` suggests, the rank of the authors' same_as pair among the
   same_as suggestions, and the precision of same_as and conflict (rebuts)
   suggestions against the links the authors wrote (a suggestion counts as
   right when the authors linked the same two claims, in either direction,
   with that kind, or — for rebuts — rebut a claim within one support step
   of it; see ``_seed_truth``).

Never reads the corpus's part 2 (held out for evaluation).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap.meaning.context import map_context
from argmap.meaning.embed import embed
from argmap.meaning.judge import StanceModel, stance_features
from argmap.model import RELATION_KINDS
from argmap.readwrite import read

WEIGHTS = ROOT / "argmap" / "meaning" / "stance.json"


def corpus_dir() -> Path:
    configured = os.environ.get("ARGMAP_MICROTEXTS")
    if configured:
        return Path(configured)
    return ROOT.parent / "shared" / "corpora" / "arg-microtexts" / "en"


def load_texts(folder: Path):
    """(topic, stance, MapContext) of every text with a pro/con stance."""
    texts = []
    for path in sorted(folder.glob("*.xml")):
        root = ET.parse(path).getroot()
        topic, stance = root.get("topic_id"), root.get("stance")
        if not topic or stance not in ("pro", "con"):
            continue
        amap = read(path)[0]
        amap.title = None  # it names the stance
        texts.append((topic, stance, map_context(amap), amap))
    return texts


def pair_features(texts):
    """Features, labels and topics of every same-topic pair of texts."""
    vectors = dict(
        zip(
            (c.text for _, _, ctx, _ in texts for c in ctx.claims),
            embed([c.text for _, _, ctx, _ in texts for c in ctx.claims]),
        )
    )
    rows, labels, topics, pairs = [], [], [], []
    for a, b in itertools.combinations(range(len(texts)), 2):
        (ta, sa, ca, _), (tb, sb, cb, _) = texts[a], texts[b]
        if ta != tb or not ca.theses or not cb.theses:
            continue
        va = np.array([vectors[c.text] for c in ca.claims])
        vb = np.array([vectors[c.text] for c in cb.claims])
        sims = va @ vb.T
        i, j = ca.theses[0], cb.theses[0]
        candidates = [
            (x, y, float(sims[x, y]))
            for x in range(len(ca.claims))
            for y in range(len(cb.claims))
        ]
        f_flip, f_same, f_vote, _, _ = stance_features(
            ca.claims, cb.claims, (i, j), float(sims[i, j]), candidates
        )
        rows.append((f_flip, f_same, f_vote))
        labels.append(sa != sb)
        topics.append(ta)
        pairs.append((ca.map_id, cb.map_id, ca.claims[i], cb.claims[j]))
    return np.array(rows), np.array(labels), np.array(topics), pairs


def fit(features: np.ndarray, labels: np.ndarray, l2: float = 1.0) -> tuple[float, ...]:
    """L2-regularised logistic regression by Newton steps: (bias, w_flip, w_same, w_vote)."""
    x = np.column_stack([np.ones(len(features)), features])
    w = np.zeros(x.shape[1])
    penalty = np.diag([0.0] + [l2] * features.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - labels) + penalty @ w
        hess = (x * (p * (1 - p))[:, None]).T @ x + penalty
        w -= np.linalg.solve(hess, grad)
    return tuple(float(v) for v in w)


def cue_precision(features: np.ndarray, labels: np.ndarray) -> float:
    """Share of pairs with opposite thesis cues that conflict (Laplace-smoothed)."""
    flipped = features[:, 0] > 0.5
    return float((labels[flipped].sum() + 1) / (flipped.sum() + 2))


def scores(pred: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    tp = int((pred & labels).sum())
    fp = int((pred & ~labels).sum())
    fn = int((~pred & labels).sum())
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return float((pred == labels).mean()), f1


def microtexts(do_fit: bool) -> None:
    folder = corpus_dir()
    if not folder.is_dir():
        print(
            f"microtext corpus not found at {folder} (set ARGMAP_MICROTEXTS); skipped"
        )
        return
    start = time.perf_counter()
    texts = load_texts(folder)
    features, labels, topics, pairs = pair_features(texts)
    prob = np.zeros(len(labels))
    for topic in sorted(set(topics)):
        held = topics == topic
        model = StanceModel(*fit(features[~held], labels[~held]), 0.0)
        prob[held] = [model.p_conflict(*row) for row in features[held]]
    pred = prob > 0.5
    acc, f1 = scores(pred, labels)
    base_acc, base_f1 = scores(np.zeros_like(labels), labels)
    cue_acc, cue_f1 = scores(features[:, 0] > 0, labels)
    print(
        f"microtext part 1: {len(texts)} texts with a stance, {len(set(topics))} topics "
        f"with pairs, {len(labels)} pairs ({labels.sum()} conflict)  [{time.perf_counter() - start:.1f} s]"
    )
    print(f"  {'method':<44} {'accuracy':>8} {'conflict F1':>12}")
    print(f"  {'majority baseline (always agree)':<44} {base_acc:8.3f} {base_f1:12.3f}")
    print(f"  {'thesis polarity cues alone':<44} {cue_acc:8.3f} {cue_f1:12.3f}")
    print(f"  {'map-stance model, leave-one-topic-out':<44} {acc:8.3f} {f1:12.3f}")
    print("  targets: accuracy >= 0.80, conflict F1 >= 0.75")
    wrong = defaultdict(list)
    for k in np.nonzero(pred != labels)[0]:
        wrong[topics[k]].append(k)
    print("  errors by topic (pairs wrong / pairs):")
    for topic in sorted(set(topics), key=lambda t: (-len(wrong[t]), t)):
        if wrong[topic]:
            print(f"    {topic}: {len(wrong[topic])}/{int((topics == topic).sum())}")
    print("  examples of errors (gold, P(conflict), thesis A | thesis B):")
    for k in sorted(np.nonzero(pred != labels)[0], key=lambda k: -abs(prob[k] - 0.5))[
        :8
    ]:
        _, _, x, y = pairs[k]
        gold = "conflict" if labels[k] else "agree"
        print(f"    {gold:<8} {prob[k]:.2f}  {x.text[:60]!r} | {y.text[:60]!r}")
    voicing_figures(texts)
    if do_fit:
        bias, w_flip, w_same, w_vote = fit(features, labels)
        document = {
            "about": (
                "Weights of the map-stance model of argmap/meaning/judge.py, fitted by "
                "bench/bench_align.py --fit on all topic pairs of the argumentative "
                "microtext corpus part 1 (Peldszus & Stede 2016)."
            ),
            "licence": "CC BY-NC-SA 4.0 (weights trained on the corpus carry its licence; the code is MIT)",
            "corpus": "arg-microtexts part 1, English, texts with stance pro/con",
            "pairs": len(labels),
            "loto": {"accuracy": round(acc, 3), "conflict_f1": round(f1, 3)},
            "weights": {
                "bias": round(bias, 4),
                "w_flip": round(w_flip, 4),
                "w_same": round(w_same, 4),
                "w_vote": round(w_vote, 4),
                "cue_precision": round(cue_precision(features, labels), 4),
            },
        }
        WEIGHTS.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        print(f"  wrote {WEIGHTS.relative_to(ROOT)}: {document['weights']}")


def voicing_figures(texts) -> None:
    """How often align reads a denied objection of one text as argued by the other, and how right."""
    from argmap.meaning.align import align

    fired = right = pairs = 0
    for a, b in itertools.combinations(range(len(texts)), 2):
        (ta, sa, _, ma), (tb, sb, _, mb) = texts[a], texts[b]
        if ta != tb:
            continue
        pairs += 1
        found = align([ma, mb], min_score=0.5)
        if any(s.basis == "voicing" for s in found):
            fired += 1
            right += sa != sb
    share = f"{right / fired:.2f}" if fired else "n/a"
    print(
        f"  voicings (a denied objection of one text argued by the other): on {fired} of "
        f"{pairs} pairs, {right} of them conflicting (precision {share}; share of "
        "conflicting pairs 0.39)"
    )


# -- seed maps ---------------------------------------------------------------------


def strip_cross_links(source: Path, target: Path) -> None:
    """Copy the maps of *source* into *target* without same_as and cross-map relations."""
    for path in sorted(source.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for claim in doc.get("claims", {}).values():
            claim.pop("same_as", None)
            for kind in RELATION_KINDS:
                kept = [
                    r
                    for r in claim.get(kind, [])
                    if "#" not in (r if isinstance(r, str) else r["to"])
                ]
                if kept:
                    claim[kind] = kept
                else:
                    claim.pop(kind, None)
        (target / path.name).write_text(
            yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


def _seed_truth(maps):
    """The authors' cross-map links: same_as pairs, and rebut pairs widened by one support step."""
    from argmap.model import qualify

    same, rebut = set(), set()
    supports = defaultdict(set)
    for amap in maps:
        for claim in amap.claims.values():
            ref = qualify(claim.id, amap.id)
            for other in claim.same_as:
                same.add(tuple(sorted((ref, qualify(other, amap.id)))))
        for r in amap.relations:
            if r.kind == "supports":
                supports[qualify(r.source, amap.id)].add(qualify(r.target, amap.id))
    for amap in maps:
        for r in amap.relations:
            if r.kind != "rebuts":
                continue
            source, target = qualify(r.source, amap.id), qualify(r.target, amap.id)
            if source.split("#")[0] == target.split("#")[0]:
                continue
            for a in {source, *supports[source]}:
                for b in {target, *supports[target]}:
                    rebut.add(tuple(sorted((a, b))))
    return same, rebut


def seed_maps() -> None:
    import argmap
    from argmap.meaning.align import align

    maps_dir = ROOT / "maps"
    truth_maps = argmap.load_workspace([maps_dir]).raise_for_errors().maps.values()
    same_truth, rebut_truth = _seed_truth(list(truth_maps))
    with tempfile.TemporaryDirectory() as tmp:
        strip_cross_links(maps_dir, Path(tmp))
        ws = argmap.load_workspace([tmp]).raise_for_errors()
        found = align(ws.maps.values(), min_score=0.0)
    print(
        f"\nseed maps, cross-map links removed: {len(found)} suggestions (min score 0)"
    )
    same = [s for s in found if s.kind == "same_as"]
    rebuts = [s for s in found if s.kind == "rebuts"]
    authors = next(iter(sorted(same_truth)))
    rank = next((k for k, s in enumerate(same, 1) if s.pair == authors), None)
    print(
        f"  authors' same_as pair {authors[0]} = {authors[1]}: rank {rank} of {len(same)} same_as suggestions"
    )
    for label, items, truth in (
        ("same_as", same, same_truth),
        ("rebuts", rebuts, rebut_truth),
    ):
        for cut in (0.5,):
            kept = [s for s in items if s.score >= cut]
            right = sum(s.pair in truth for s in kept)
            precision = f"{right / len(kept):.2f}" if kept else "n/a"
            print(
                f"  {label} precision at score >= {cut}: {right}/{len(kept)} = {precision}"
            )
    print("  top suggestions:")
    for s in found[:8]:
        mark = "*" if s.pair in same_truth | rebut_truth else " "
        print(
            f"   {mark} {s.score:.2f} {s.kind:<8} {s.source} -> {s.target}: {s.reason}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--fit",
        action="store_true",
        help="refit argmap/meaning/stance.json on all topics",
    )
    args = parser.parse_args()
    microtexts(args.fit)
    seed_maps()


if __name__ == "__main__":
    main()
