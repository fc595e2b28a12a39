"""References resolve in one place (argmap.refs), so a mistake reads the same everywhere.

The first tests build maps in memory (paths are only names: nothing is read)
and pin the rules of the scope; the last ones write one bad reference to disk
and check that `check`, `merge`, `tensions` and `render` report it with the
same code, message, line and fix, on the command line and through the API.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.analysis.merge import merge, merge_or_single
from argmap.analysis.stats import stats
from argmap.analysis.tensions import find_tensions
from argmap.checks import check_map, check_maps
from argmap.cli import cli
from argmap.diagnostics import Diagnostic, MapError
from argmap.extensions import effective_map
from argmap.model import ArgumentMap, Claim, Provenance, Relation
from argmap.refs import (
    MapRefs,
    Scope,
    base_path,
    is_path_reference,
    localise,
    split_relation_ref,
)
from argmap.render.batch import prepare_maps
from argmap.workspace import check_paths, load_workspace


def _map(map_id: str, *claims: str, extends: str | None = None, path=None, rel=()):
    return ArgumentMap(
        map_id,
        claims=[Claim(c, c.upper()) for c in claims],
        relations=[Relation(*r) for r in rel],
        extends=extends,
        path=path,
    )


# -- forms -----------------------------------------------------------------------
def test_forms():
    assert split_relation_ref("o#a->o#b") == ("o", "a->b")
    assert split_relation_ref("o#r1") == ("o", "r1")
    assert split_relation_ref("a->o#b") == (None, "a->o#b")
    assert localise("base#x->y", {"base"}) == "x->y"
    assert [is_path_reference(v) for v in ("base", "../b.yaml", "b.json", "./b")] == [
        False,
        True,
        True,
        True,
    ]
    ext = _map("e", extends="../base.yaml", path="maps/seminar/e.yaml")
    assert base_path(ext) == Path("maps/base.yaml")


# -- chains ------------------------------------------------------------------------
def test_chain_follows_bases_by_id_and_by_file_without_reading_files():
    top = _map("top", "t", extends="mid", path="/nowhere/top.yaml")
    mid = _map("mid", "m", extends="../b/base.yaml", path="/nowhere/mid.yaml")
    base = _map("base", "x", path="/b/base.yaml")
    scope = Scope([top, mid, base])
    chain = scope.chain(top)
    assert [m.id for m in chain.maps] == ["mid", "base"] and chain.problem is None
    assert list(scope.visible(top)) == ["t", "m", "x"]
    assert scope.find_claim("x", top) == ("base", "x", base)


def test_chain_problems_are_diagnostics():
    a = _map("a", extends="b", path="a.yaml")
    b = _map("b", extends="a", path="b.yaml")
    (problem,) = [Scope([a, b]).chain(a).problem]
    assert problem.code == "extends-cycle" and problem.message.endswith("a -> b -> a")
    lone = _map("lone", extends="basis", path="/m/lone.yaml")
    scope = Scope([lone], ids_beside={Path("/m"): {"base", "other"}})
    missing = scope.chain(lone).problem
    assert missing.code == "unknown-base" and missing.fix == "did you mean 'base'?"
    by_file = _map("f", extends="broken.yaml", path="/m/f.yaml")
    told = Scope(
        [by_file], file_problems={Path("/m/broken.yaml"): "broken.yaml:3: bad"}
    )
    assert (
        told.chain(by_file).problem.fix == "fix the base file first: broken.yaml:3: bad"
    )


# -- claims ------------------------------------------------------------------------
def test_claim_misses_say_what_is_wrong():
    a = _map("a", "thesis", path="a.yaml")
    b = _map("b", "hope", path="b.yaml")
    scope = Scope([a, b])
    local = scope.claim("theses", a, "supports relation from 'x'", 4)
    assert isinstance(local, Diagnostic) and local.code == "unknown-reference"
    assert (local.path, local.line, local.fix) == (
        "a.yaml",
        4,
        "did you mean 'thesis'?",
    )
    other = scope.claim("b#nope", a, "same_as of 'x'")
    assert (
        other.message
        == "same_as of 'x' names 'b#nope', but map 'b' has no claim 'nope'"
    )
    assert other.fix == "did you mean 'hope'?"
    gone = scope.claim("c#x", a, "same_as of 'x'")
    assert gone.code == "unknown-map" and "no map has id 'c'" in gone.message
    broken = Scope([a], unreadable=["c.yaml"]).claim("c#x", a, "same_as of 'x'")
    assert "could be read" in broken.message and "c.yaml" in broken.message


def test_maps_outside_the_scope_are_known_from_provenance():
    merged = ArgumentMap(
        "merged",
        claims=[
            Claim("k", "K", provenance=(Provenance("p", "k1"), Provenance("q", "k")))
        ],
    )
    plain = _map("r", "z")
    scope = Scope([merged, plain])
    assert scope.find_claim("p#k1", plain) == ("p", "k1", None)
    assert scope.claim("p#k2", plain, "w").code == "unknown-reference"
    # within the merged map, analyses read p#k1 as its claim k
    assert MapRefs(merged).claim_id("p#k1") == "k"
    assert MapRefs(merged).claim_id("p#k2") is None


# -- relations -----------------------------------------------------------------------
def test_relation_keys():
    base = _map("base", "a", "b", rel=[("supports", "a", "b")])
    base.relations[0].id = "r1"
    ext = _map("ext", "c", extends="base", rel=[("rebuts", "c", "a")])
    both = _map("two", "a", "b", rel=[("supports", "a", "b"), ("rebuts", "a", "b")])
    scope = Scope([base, ext, both])
    assert scope.relation("a->b", ext, "w") is base.relations[0]  # through the chain
    assert scope.relation("base#r1", ext, "w") is base.relations[0]
    assert scope.relation("r1", base, "w") is base.relations[0]
    assert scope.relation("a->b", both, "w").code == "ambiguous-relation"
    assert scope.relation("b->a", base, "w").code == "unknown-relation"
    assert scope.relation("gone#a->gone#b", base, "w").code == "unknown-map"


def test_checks_run_on_maps_in_memory():
    a = _map("a", "t", "s", path="a.yaml", rel=[("supports", "s", "tt")])
    (problem,) = [d for d in check_map(a) if d.is_error]
    assert (problem.code, problem.fix) == ("unknown-reference", "did you mean 't'?")
    ext = _map("e", "n", extends="a", path="e.yaml", rel=[("rebuts", "n", "t")])
    assert [d for d in check_maps({"a": a, "e": ext}, ["e"]) if d.is_error] == []
    assert list(effective_map(ext, Scope([a, ext])).claims) == ["t", "s", "n"]


def test_stats_count_a_relation_named_through_provenance():
    merged = ArgumentMap(
        "m",
        claims=[
            Claim("x", "X", provenance=(Provenance("p", "x"),)),
            Claim("y", "Y", provenance=(Provenance("p", "y"),)),
        ],
        relations=[Relation("supports", "p#x", "p#y")],
    )
    assert stats(merged).most_supported == (("y", 1),)


# -- one mistake, one diagnostic, whatever the command ---------------------------------
A = """\
argmap: 1
id: a
claims:
  thesis: {text: Contracts decide., role: thesis}
  reason:
    text: Declarations are not enough.
    supports: [thesis]
    rebuts: [{BAD}]
"""
B = """\
argmap: 1
id: b
claims:
  hope: {text: The summit opens a door., role: thesis}
  more: {text: Talks will follow., supports: [hope]}
"""


@pytest.fixture(params=["b#nope", "theses"], ids=["other-map", "own-map"])
def bad(request, tmp_path) -> tuple[Path, Diagnostic]:
    """Two maps, one bad reference on line 8 of a.yaml, and what check says of it."""
    (tmp_path / "a.yaml").write_text(A.replace("{BAD}", request.param), "utf-8")
    (tmp_path / "b.yaml").write_text(B, "utf-8")
    (problem,) = [d for d in check_paths([tmp_path]) if d.is_error]
    assert (problem.path, problem.line) == (str(tmp_path / "a.yaml"), 8)
    assert problem.fix in ("did you mean 'hope'?", "did you mean 'thesis'?")
    return tmp_path, problem


def test_the_api_reports_one_bad_reference_the_same_way(bad):
    folder, problem = bad
    with pytest.raises(MapError) as loading:
        load_workspace([folder]).raise_for_errors()
    assert problem in loading.value.diagnostics
    unchecked = list(load_workspace([folder], check=False).maps.values())
    for step in (
        lambda: merge(unchecked),  # merge
        lambda: find_tensions(merge_or_single(unchecked)),  # tensions
        lambda: prepare_maps(unchecked, merged=True),  # render --merged
    ):
        with pytest.raises(MapError) as caught:
            step()
        assert caught.value.diagnostics == [problem]


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["merge", "-o", "{out}/m.yaml"],
        ["tensions"],
        ["render", "-o", "{out}"],
    ],
    ids=lambda c: c[0],
)
def test_the_cli_reports_one_bad_reference_the_same_way(bad, command, tmp_path_factory):
    folder, problem = bad
    out = tmp_path_factory.mktemp("out")
    args = [a.format(out=out) for a in command]
    result = CliRunner().invoke(cli, [args[0], str(folder), *args[1:]])
    assert result.exit_code == 1
    assert problem.format() in result.output
    assert "Traceback" not in result.output
    assert list(out.iterdir()) == []


def test_an_extension_sees_its_base_inside_a_merged_map():
    # Merging stays associative when a base arrives inside a merged map.
    base, other = _map("base", "t"), _map("o", "u")
    ext = _map("ext", "n", extends="base", rel=[("rebuts", "n", "t")])
    assert merge([merge([base, other], id="inner"), ext]) == merge([base, other, ext])
    scope = Scope([merge([base, other], id="inner"), ext])
    assert scope.find_claim("t", ext) == ("base", "t", None)
    assert scope.chain(ext).problem.code == "unknown-base"  # still no base map in scope
