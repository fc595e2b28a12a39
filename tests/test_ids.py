"""Ids: the patterns in argmap.ids are those of the shipped JSON Schema."""

from __future__ import annotations

from argmap.ids import ID_PATTERN, REF_PATTERN, is_id, is_ref, slugify, unique
from argmap.readwrite.yamlmap import schema


def test_patterns_match_the_schema():
    defs = schema()["$defs"]
    assert defs["slug"]["pattern"] == f"^{ID_PATTERN}$"
    # The schema spells the optional map prefix with a capturing group.
    assert defs["ref"]["pattern"] == f"^({ID_PATTERN}#)?{ID_PATTERN}$"
    assert REF_PATTERN == f"(?:{ID_PATTERN}#)?{ID_PATTERN}"


def test_is_id_and_is_ref():
    assert (
        is_id("contracts-decide")
        and is_id("m0.c1")
        and not is_id("-x")
        and not is_id("a b")
    )
    assert (
        is_ref("map#claim")
        and is_ref("claim")
        and not is_ref("a#b#c")
        and not is_id("a#b")
    )
    assert not is_id("../escaped") and not is_id("")


def test_slugify():
    assert slugify("Summits set the mood!") == "summits-set-the-mood"
    assert slugify("Café société", ascii_only=True) == "cafe-societe"
    assert (
        slugify("Café") == "caf"
    )  # ids are ASCII: without ascii_only, other letters separate words
    assert slugify("one two three four", max_len=9) == "one-two"
    assert slugify("???") == "claim" and slugify("???", fallback="map") == "map"
    assert unique("a", {"a", "a-2"}) == "a-3" and unique("b", {"a"}) == "b"
