"""argmap extract: a draft map whose quotes are the article's sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import cli
from argmap.extract import DRAFT_WEIGHT, extract_map
from argmap.workspace import check_paths

ARTICLE = """\
Menu
Close
Cities Should Tax Empty Homes to Fund Housing
5 min read
Cities should tax empty homes, because the tax would fund housing where it is needed most.
Empty homes push rents up in every city that tolerates them for years on end.
For example, Vancouver raised millions for housing in the first year of its empty homes tax.
However, critics say such a tax is hard to enforce and easy for owners to avoid.
Is this the end of the story for city budgets and their housing plans?
Short line.
"""


def test_draft_picks_the_thesis_and_guesses_relations_from_markers():
    amap = extract_map(ARTICLE)
    assert amap.title == "Cities Should Tax Empty Homes to Fund Housing"
    roles = {c.text.split()[0]: c.role for c in amap.claims.values()}
    # Worked by hand: the first sentence shares most headline words and has
    # "should"/"because"; "For example" is evidence; "However" an objection;
    # the question is not a claim; menus and "Short line." are too short.
    assert roles == {
        "Cities": "thesis",
        "Empty": "premise",
        "For": "evidence",
        "However,": "objection",
    }
    thesis = next(c.id for c in amap.claims.values() if c.role == "thesis")
    kinds = sorted(
        (r.kind, amap.claims[r.source].text.split()[0], r.target == thesis)
        for r in amap.relations
    )
    assert kinds == [
        ("rebuts", "However,", True),
        ("supports", "Empty", True),
        ("supports", "For", False),
    ]
    assert all(r.weight == DRAFT_WEIGHT for r in amap.relations)
    assert all(c.quote == c.text and c.tags == ("draft",) for c in amap.claims.values())


def test_max_claims_keeps_the_best_in_article_order():
    # Scores by hand (cues + 1.5 x words shared with the headline, +1 for a
    # contrast): "Cities should..." 3 + 9 = 12, "Empty homes..." 0 + 3 = 3,
    # "For example..." 0 + 6 = 6, "However..." 1 + 1.5 + 1 = 3.5.
    amap = extract_map(ARTICLE, max_claims=2)
    assert [c.text.split()[0] for c in amap.claims.values()] == ["Cities", "For"]


def test_text_without_claims_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="no sentence"):
        extract_map("Menu\nClose\nShort.\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("Menu\nClose\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["extract", str(empty), "-o", str(tmp_path / "d.yaml")]
    )
    assert result.exit_code == 1 and "no sentence" in result.output
    assert not (tmp_path / "d.yaml").exists()


def test_cli_draft_passes_check_with_its_quotes_verified(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "draft.yaml"
    result = CliRunner().invoke(
        cli, ["extract", str(article), "-o", str(out), "--id", "homes"]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith(
        "# Draft made by `argmap extract`"
    )
    problems = check_paths([out], {"homes": str(article)})
    assert problems == []
    again = CliRunner().invoke(cli, ["extract", str(article), "-o", str(out)])
    assert again.exit_code == 1 and "already exists" in again.output


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS}")
@pytest.mark.parametrize(
    "name", ["000_7db3969cf76f8b6c.txt", "004_a8c4574aae38fbdd.txt"]
)
def test_drafts_of_the_seed_articles_check_clean(tmp_path, name):
    out = tmp_path / "draft.yaml"
    result = CliRunner().invoke(
        cli, ["extract", str(SEEDS / name), "-o", str(out), "--id", "seed"]
    )
    assert result.exit_code == 0, result.output
    assert check_paths([out], {"seed": str(SEEDS / name)}) == []


def test_a_premise_supports_the_earlier_claim_it_shares_most_words_with():
    text = (
        "Ports Should Open at Night\n"
        "Ports should open at night because trucks wait for hours every single morning.\n"
        "Night shifts would cut the waiting queues of trucks at the harbour gates sharply.\n"
        "Shorter harbour queues at the gates mean lower fuel costs for every waiting driver.\n"
    )
    amap = extract_map(text)
    first = {c.text.split()[0]: c.id for c in amap.claims.values()}
    targets = {amap.claims[r.source].text.split()[0]: r.target for r in amap.relations}
    # "Night shifts" shares one word with the thesis (trucks) and none earlier:
    # it supports the thesis.  "Shorter harbour queues" shares harbour, queues,
    # gates (3) with "Night shifts" and nothing with the thesis: it supports that.
    assert amap.claims[first["Ports"]].role == "thesis"
    assert targets == {"Night": first["Ports"], "Shorter": first["Night"]}
