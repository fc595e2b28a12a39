"""Benchmark: the argument miner, cross-validated on the arg-microtexts corpus part 1.

Quality.  10 folds by text, repeated with 5 shuffles (seeds 0-4): each
fold's model is fitted on the other 9 folds (``argmap.mining.train.fit``)
and predicts the held-out texts.  Scores are the evidence-graph levels of
Peldszus & Stede (2015), macro-F1 over all texts pooled per repetition
(``argmap.mining.evaluate``): central claim (cc / non-cc per unit), role
(pro / opp), function (cc / support / attack), attachment (linked / not
over ordered unit pairs), and link F1 (the linked class alone).  Printed as
mean ± standard deviation over the 5 repetitions, for two inputs:

* gold units in: the corpus's own units (its ADUs), no title;
* raw text in: the ``.txt`` file, segmented by ``argmap.mining.segment``;
  predicted units are matched to gold units by character overlap (each gold
  unit takes the predictions of the predicted unit holding most of its
  characters; see ``argmap.mining.evaluate``).

Beside two baselines, on the same units: "the first unit is the thesis,
every other supports the one before" (on raw text: the first *sentence*,
each sentence supporting the one before), and the rule-based extractor
argmap had before the miner (``bench/baseline_rules.py``; on gold units it
reads one unit per line).  The baselines are deterministic: no ± .

Errors: counts over the first repetition, raw text in.

Speed (noisy on a shared machine: wall-clock seconds, and the process's
CPU seconds, which a busy machine inflates less): fitting
one fold, drafting all 112 texts with the shipped model (embedding cache
off), and one article of about 1,000 words made of microtexts, once the
model is loaded, with every unit kept and with the default bound on units
(which scores twice), median of 5 runs, and the CPU spent in the sentence
encoder.

Run: python bench/bench_extract.py [--corpus PATH] [--seeds 5] [--folds 10]
     [--no-speed | --speed-only]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

DEFAULT_CORPUS = HERE.parents[1] / "shared" / "corpora" / "arg-microtexts" / "en"
LEVELS = ("cc", "role", "function", "attachment", "link")


def legacy_tree(gold, text):
    """Today's (before the miner) rule-based extract on *text*, as units and a tree."""
    import baseline_rules

    from argmap.mining.decode import Tree
    from argmap.mining.segment import Unit

    try:
        amap = baseline_rules.extract_map(text)
    except ValueError:
        return [], Tree([], [], [], [])
    ids = list(amap.claims)
    units, position = [], 0
    for cid in ids:
        quote = amap.claims[cid].quote or amap.claims[cid].text
        start = text.find(quote, position)
        if start < 0:
            start = text.find(quote)
        units.append(Unit(start, start + len(quote), quote))
        position = max(position, start + len(quote))
    index = {cid: k for k, cid in enumerate(ids)}
    parent = [None] * len(ids)
    function = ["cc"] * len(ids)
    for r in amap.relations:
        if r.source in index and r.target in index and parent[index[r.source]] is None:
            parent[index[r.source]] = index[r.target]
            function[index[r.source]] = "attack" if r.kind == "rebuts" else "support"
    role = ["opp" if amap.claims[c].role == "objection" else "pro" for c in ids]
    return units, Tree(parent, function, role, [False] * len(ids))


def sentence_units(seg):
    from argmap.mining.segment import Unit

    by_sentence = {}
    for u in seg.units:
        by_sentence.setdefault(u.sentence, []).append(u)
    return [
        Unit(v[0].start, v[-1].end, seg.text[v[0].start : v[-1].end], k, v[0].paragraph)
        for k, v in sorted(by_sentence.items())
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--folds", type=int, default=10)
    parser.add_argument("--no-speed", action="store_true", help="skip the timings")
    parser.add_argument(
        "--speed-only",
        action="store_true",
        help="only the timings (no cross-validation)",
    )
    parser.add_argument(
        "--only-seed",
        type=int,
        default=None,
        metavar="S",
        help="run repetition S alone (to spread repetitions over processes)",
    )
    args = parser.parse_args()

    from argmap.mining.corpus import load_corpus
    from argmap.mining.evaluate import Tally, chain_tree, project
    from argmap.mining.predict import predict
    from argmap.mining.segment import segment
    from argmap.mining.train import fit

    docs, skipped = load_corpus(args.corpus)
    print(
        f"corpus: {args.corpus}: {len(docs)} texts, {sum(len(d.units) for d in docs)} units"
        + (f", {len(skipped)} skipped" if skipped else "")
    )
    if args.speed_only:
        speed(docs, [])
        return
    raw = {d.id: segment(d.text) for d in docs}

    results = {("model", "gold"): [], ("model", "raw"): []}
    errors: Counter = Counter()
    fit_times = []
    cache: dict = {}
    for seed in range(args.seeds) if args.only_seed is None else [args.only_seed]:
        order = list(range(len(docs)))
        random.Random(seed).shuffle(order)
        folds = [order[k :: args.folds] for k in range(args.folds)]
        tallies = {"gold": Tally(), "raw": Tally()}
        for fold in folds:
            held = set(fold)
            started = time.perf_counter()
            model = fit(
                [docs[i] for i in range(len(docs)) if i not in held], cache=cache
            )
            fit_times.append(time.perf_counter() - started)
            for i in fold:
                doc = docs[i]
                for kind, seg in (
                    ("gold", replace(doc.segmentation(), title=None)),
                    ("raw", raw[doc.id]),
                ):
                    tree, _ = predict(model, seg)
                    projected = project(doc, seg.units, tree)
                    tallies[kind].add(doc, projected)
                    if seed == (args.only_seed or 0) and kind == "raw":
                        count_errors(errors, doc, projected)
        for kind in ("gold", "raw"):
            results[("model", kind)].append(tallies[kind].scores())
        print(f"  repetition {seed + 1}/{args.seeds} done", file=sys.stderr, flush=True)
        print("scores", seed, {k: results[k][-1] for k in results}, flush=True)

    baselines = {}
    for name in ("first-unit chain", "rules (before)"):
        for kind in ("gold", "raw"):
            tally = Tally()
            for doc in docs:
                if name == "first-unit chain":
                    units = doc.units if kind == "gold" else sentence_units(raw[doc.id])
                    tally.add(doc, project(doc, units, chain_tree(len(units))))
                else:
                    text = (
                        doc.text
                        if kind == "raw"
                        else "\n".join(u.text for u in doc.units)
                    )
                    units, tree = legacy_tree(doc, text)
                    if kind == "gold":  # positions in the one-unit-per-line text
                        units = shift_to_doc(doc, units, text)
                    tally.add(doc, project(doc, units, tree))
            baselines[(name, kind)] = tally.scores()

    print()
    print(f"{'input':10} {'system':22} " + " ".join(f"{lv:>13}" for lv in LEVELS))
    for kind, label in (("raw", "raw text"), ("gold", "gold units")):
        runs = results[("model", kind)]
        cells = []
        for level in LEVELS:
            values = [r[level] for r in runs]
            sd = statistics.stdev(values) if len(values) > 1 else 0.0
            cells.append(f"{statistics.mean(values):.3f} ± {sd:.3f}")
        print(f"{label:10} {'miner (CV)':22} " + " ".join(f"{c:>13}" for c in cells))
        for name in ("first-unit chain", "rules (before)"):
            b = baselines[(name, kind)]
            print(f"{'':10} {name:22} " + " ".join(f"{b[lv]:>13.3f}" for lv in LEVELS))
    print()
    print("errors, raw text in, repetition 1 (counts):")
    for key, value in sorted(errors.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {value:4d}  {key}")
    if args.no_speed:
        return
    speed(docs, fit_times)


def shift_to_doc(doc, units, text):
    """Units found in the one-unit-per-line text, carried to the document's own offsets."""
    from argmap.mining.segment import Unit

    starts, position = [], 0
    for u in doc.units:
        starts.append(position)
        position += len(u.text) + 1
    out = []
    for unit in units:
        k = max(i for i, s in enumerate(starts) if s <= max(unit.start, 0))
        offset = unit.start - starts[k]
        base = doc.units[k].start
        out.append(
            Unit(base + offset, base + offset + (unit.end - unit.start), unit.text)
        )
    return out


def count_errors(errors: Counter, doc, projected) -> None:
    gold_root = doc.root
    if not projected.cc[gold_root]:
        errors["texts with the wrong thesis"] += 1
        if gold_root == 0:
            errors["  of which the gold thesis is the first unit"] += 1
    n = len(doc.units)
    for i in range(n):
        if doc.parent[i] is None:
            continue
        if (i, doc.parent[i]) in projected.links:
            if projected.function[i] != doc.function[i]:
                errors["right link, wrong function"] += 1
            continue
        errors["gold links missed"] += 1
        if doc.units[i].sentence == doc.units[doc.parent[i]].sentence:
            errors["  of which inside one sentence"] += 1
        if doc.parent[i] == gold_root:
            errors["  of which to the thesis"] += 1
    for i, role in enumerate(doc.role):
        if role == "opp" and projected.role[i] != "opp":
            errors["opponent units read as proponent"] += 1
        if role == "pro" and projected.role[i] == "opp":
            errors["proponent units read as opponent"] += 1
    extra = [link for link in projected.links if doc.parent[link[0]] != link[1]]
    errors["predicted links that are wrong"] += len(extra)


def speed(docs, fit_times) -> None:
    os.environ["ARGMAP_CACHE_DIR"] = "off"
    from argmap.meaning.embed import embed
    from argmap.mining.draft import DEFAULT_MAX_UNITS, draft
    from argmap.mining.model import load

    started = time.perf_counter()
    model = load()
    embed(["warm up the encoder"], cache=False)
    load_time = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    for doc in docs:
        draft(doc.text, model=model)
    all_time = time.perf_counter() - started
    all_cpu = time.process_time() - cpu
    paragraphs, words = [], 0
    for doc in docs:
        paragraphs.append(doc.text.strip())
        words += len(doc.text.split())
        if words >= 1000:
            break
    article = "A Long Article Made of Microtexts\n\n" + "\n\n".join(paragraphs)
    import argmap.meaning.embed as encoder

    plain_embed, in_encoder = encoder.embed, [0.0]

    def timed_embed(*args, **options):
        cpu = time.process_time()
        try:
            return plain_embed(*args, **options)
        finally:
            in_encoder[0] += time.process_time() - cpu

    encoder.embed = timed_embed  # argmap.mining.predict imports it at each call
    runs = {}
    for bound in (200, DEFAULT_MAX_UNITS):
        times, cpus, encoding = [], [], []
        for _ in range(5):
            in_encoder[0] = 0.0
            started, cpu = time.perf_counter(), time.process_time()
            result = draft(article, model=model, max_units=bound)
            times.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
            encoding.append(in_encoder[0])
        runs[bound] = (len(result.units), times, cpus, encoding)
    encoder.embed = plain_embed
    print()
    print("speed (wall clock, shared machine: noisy):")
    if fit_times:
        print(
            f"  fitting one fold: {statistics.mean(fit_times):.2f} s mean "
            f"(features cached after the first repetition)"
        )
    print(f"  loading the model and the sentence encoder: {load_time:.2f} s")
    print(
        f"  drafting all {len(docs)} texts (embedding cache off): {all_time:.2f} s"
        f" (CPU {all_cpu:.2f} s)"
    )
    for bound, (units, times, cpus, encoding) in runs.items():
        print(
            f"  one article of {words} words, --max-claims {bound} ({units} units kept):"
            f" median of 5 {statistics.median(times):.2f} s, best {min(times):.2f} s"
            f" (CPU median {statistics.median(cpus):.2f} s, of which the sentence"
            f" encoder {statistics.median(encoding):.2f} s)"
        )


if __name__ == "__main__":
    main()
