"""Speed of merge and match on synthetic corpora (figures printed, nothing asserted).

python bench/bench_merge.py                 # 100 maps x 1000 claims; match on 10 x 1000
python bench/bench_merge.py --maps 20 --claims 500
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import make_corpus

from argmap.analysis.match import match
from argmap.analysis.merge import merge, merge_with_report
from argmap.readwrite.yamlmap import dumps, from_document


def timed(label: str, func):
    # CPU time too: the machines this runs on are often shared.
    start, cpu = time.perf_counter(), time.process_time()
    result = func()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label:<48} {wall:8.2f} s wall {cpu:8.2f} s CPU")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--maps", type=int, default=100)
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--match-maps", type=int, default=10)
    parser.add_argument("--match-claims", type=int, default=1000)
    args = parser.parse_args()

    docs = make_corpus(args.maps, args.claims, seed=1)
    maps = timed("build maps", lambda: [from_document(d) for d in docs])
    n_claims = sum(len(m) for m in maps)
    n_relations = sum(len(m.relations) for m in maps)
    print(f"corpus: {len(maps)} maps, {n_claims} claims, {n_relations} relations")
    result = timed("merge", lambda: merge_with_report(maps))
    print(
        f"merged: {len(result.map)} claims, {len(result.map.relations)} relations, "
        f"{result.shared_claims} shared, {len(result.diagnostics)} warnings"
    )
    text = timed("dumps (YAML)", lambda: dumps(result.map))
    print(f"YAML: {len(text) / 1e6:.1f} MB")
    timed("merge of the merged map (taken apart again)", lambda: merge([result.map]))

    docs = make_corpus(args.match_maps, args.match_claims, seed=2)
    small = [from_document(d) for d in docs]
    total = sum(len(m) for m in small)
    found = timed(
        f"match, {len(small)} maps x {args.match_claims} = {total} claims",
        lambda: match(small, top=3, min_score=0.5),
    )
    print(f"suggestions: {len(found)}")


if __name__ == "__main__":
    main()
