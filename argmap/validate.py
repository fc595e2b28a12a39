"""Semantic checks of maps: the rules a JSON Schema cannot express.

Structure (types, required fields, weights in 0..1, id syntax) is checked by
the schema when a file is read; this module checks what needs the whole map
or the whole workspace: references, duplicate and self relations, support
cycles, isolated claims and, when the article text is at hand, quotes.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

from argmap._graph import UnionFind, back_edge_cycles
from argmap.diagnostics import Diagnostic, error, warning
from argmap.extend import (
    base_claim_ids,
    base_relations_named,
    check_extension,
    find_base,
    is_annotation,
    visible_claims,
)
from argmap.model import ArgumentMap, Relation, split_ref, split_relation_ref

__all__ = ["check_map", "normalise_for_quotes", "verify_quotes"]


def check_maps(
    maps: Mapping[str, ArgumentMap],
    names: Iterable[str] | None = None,
    *,
    unreadable: Sequence[str] = (),
) -> list[Diagnostic]:
    """Semantic problems of the maps named by *names* (default: all of *maps*).

    Checking many maps one by one with :func:`check_map` would scan every
    map's relations for each of them; this scans them once.  *unreadable*
    is passed to :func:`check_map`.
    """
    touched = _touched_claims(maps)
    out: list[Diagnostic] = []
    for map_id in maps if names is None else names:
        out.extend(
            check_map(maps[map_id], maps, touched=touched, unreadable=unreadable)
        )
    return out


def check_map(
    amap: ArgumentMap,
    maps: Mapping[str, ArgumentMap] | None = None,
    *,
    touched: Mapping[str, set[str]] | None = None,
    unreadable: Sequence[str] = (),
) -> list[Diagnostic]:
    """Semantic problems of *amap*; *maps* (by id) resolves cross-map references.

    A cross-map reference to a map that is not in *maps* is an error: the
    caller decides which maps are in scope (``argmap check`` adds the maps
    found beside the file).  *touched* is :func:`check_maps`'s index of the
    claims that some relation names, computed once for many maps.
    *unreadable* lists the files that failed to load (inputs, or files
    searched for the maps references name); any of them may hold a map
    that seems missing, and the error says so.
    """
    maps = maps if maps is not None else {amap.id: amap}
    path = amap.path
    out: list[Diagnostic] = []
    visible = visible_claims(amap, maps)

    def unknown_map(map_id: str, ref: str, line: int | None, what: str) -> None:
        # With a file that failed to load, the map may well exist: the
        # reference is still reported (rather than left out until that file
        # is fixed), because it may be a real typo and because a broken file
        # beside the inputs is not reported on its own (it may be no map at
        # all), but it no longer claims that no map has that id.
        guess = _did_you_mean(map_id, maps)
        if unreadable:
            shown = ", ".join(unreadable[:2])
            if len(unreadable) > 2:
                shown += f" and {len(unreadable) - 2} more"
            message = (
                f"{what} names {ref!r}, but no map with id {map_id!r} could be read "
                f"(a file that failed to load may be it: {shown})"
            )
            fix = "fix the file that failed to load; if this error remains, " + (
                guess or "check the map id"
            )
        else:
            message = f"{what} names {ref!r}, but no map has id {map_id!r}"
            fix = guess or "check the map id, or pass that map's file too"
        out.append(error("unknown-map", message, path=path, line=line, fix=fix))

    def resolve(ref: str, line: int | None, what: str) -> bool:
        map_id, local = split_ref(ref)
        if map_id is None or map_id == amap.id:
            if local in visible:
                return True
            out.append(
                error(
                    "unknown-reference",
                    f"{what} names unknown claim {ref!r}",
                    path=path,
                    line=line,
                    fix=_did_you_mean(local, visible)
                    or "define the claim or correct the id",
                )
            )
            return False
        other = maps.get(map_id)
        if other is None:
            unknown_map(map_id, ref, line, what)
            return False
        if other.claim(local) is None and local not in visible_claims(other, maps):
            out.append(
                error(
                    "unknown-reference",
                    f"{what} names {ref!r}, but map {map_id!r} has no claim {local!r}",
                    path=path,
                    line=line,
                    fix=_did_you_mean(local, other.claims)
                    or f"check the claim ids of {map_id!r}",
                )
            )
            return False
        return True

    out.extend(check_extension(amap, maps))
    url = amap.source.url
    if url and not url.lower().startswith(("http://", "https://")):
        out.append(
            warning(
                "unsafe-url",
                f"source url {url[:60]!r} is not an http(s) address; reports show it as text, not a link",
                path=path,
                line=amap.lines.get("source"),
                fix="write the article's https:// address",
            )
        )
    for claim in amap.claims.values():
        if amap.extends and is_annotation(claim):
            pass  # an addition to a base claim; check_extension judges it
        elif not claim.text.strip():
            out.append(
                error(
                    "empty-text",
                    f"claim {claim.id!r} has no text",
                    path=path,
                    line=claim.line,
                )
            )
        for index, ref in enumerate(claim.same_as):
            line = claim.same_as_line(index)
            if resolve(ref, line, f"same_as of {claim.id!r}") and split_ref(ref)[0] in (
                None,
                amap.id,
            ):
                out.append(
                    warning(
                        "same-as-local",
                        f"claim {claim.id!r} is same_as {ref!r} in the same map",
                        path=path,
                        line=line,
                        fix="merge the two claims into one",
                    )
                )

    relation_ids: dict[str, Relation] = {}
    seen: dict[tuple, Relation] = {}
    for relation in amap.relations:
        what = f"{relation.kind} relation from {relation.source!r}"
        if relation.id:
            if relation.id in amap.claims or relation.id in relation_ids:
                out.append(
                    error(
                        "duplicate-id",
                        f"relation id {relation.id!r} is already used by a "
                        + ("claim" if relation.id in amap.claims else "relation"),
                        path=path,
                        line=relation.line,
                        fix="give the relation a distinct id",
                    )
                )
            relation_ids[relation.id] = relation
        if relation.source not in amap.claims:
            # Written under its claim in YAML, so only other readers can get
            # here: a relation from another map's claim, or from nowhere.
            resolve(relation.source, relation.line, f"{relation.kind} relation")
        for premise in relation.linked:
            resolve(premise, relation.line, f"linked premise of the {what}")
        key = (relation.kind, relation.source, relation.target)
        if key in seen:
            out.append(
                error(
                    "duplicate-relation",
                    f"{relation.source!r} {relation.kind} {relation.target!r} twice",
                    path=path,
                    line=relation.line,
                    fix="keep one of them",
                )
            )
        seen[key] = relation
        if relation.kind == "undercuts":
            continue  # targets are relations, resolved once all ids are known
        if not resolve(relation.target, relation.line, what):
            continue
        if _same_claim(relation.source, relation.target, amap.id):
            out.append(
                error(
                    "self-relation",
                    f"claim {relation.source!r} {relation.kind} itself",
                    path=path,
                    line=relation.line,
                    fix="remove the relation, or point it at another claim",
                )
            )
        opposite = (
            "rebuts" if relation.kind == "supports" else "supports",
            relation.source,
            relation.target,
        )
        if opposite in seen and relation.kind == "rebuts":
            out.append(
                warning(
                    "contradictory-relation",
                    f"{relation.source!r} both supports and rebuts {relation.target!r}",
                    path=path,
                    line=relation.line,
                    fix="decide which it is, or split the claim",
                )
            )

    for relation in amap.undercuts():
        matches = _relations_named(amap, relation.target, maps)
        owner, _ = split_relation_ref(relation.target)
        if not matches and owner not in (None, amap.id) and owner not in maps:
            unknown_map(
                owner,
                relation.target,
                relation.line,
                f"undercut from {relation.source!r}",
            )
        elif not matches:
            out.append(
                error(
                    "unknown-relation",
                    f"undercut from {relation.source!r} names no relation {relation.target!r}",
                    path=path,
                    line=relation.line,
                    fix="write the target as source->target of an existing relation, or as a relation id",
                )
            )
        elif len(matches) > 1:
            out.append(
                error(
                    "ambiguous-relation",
                    f"undercut target {relation.target!r} matches {len(matches)} relations",
                    path=path,
                    line=relation.line,
                    fix="give the intended relation an 'id:' and undercut that id",
                )
            )
        elif matches[0] is relation:
            out.append(
                error(
                    "self-relation",
                    f"relation {relation.key!r} undercuts itself",
                    path=path,
                    line=relation.line,
                )
            )

    out.extend(_support_cycles(amap))
    out.extend(_isolated(amap, maps, touched))
    out.extend(_unreachable(amap))
    return out


def _relations_named(
    amap: ArgumentMap, key: str, maps: Mapping[str, ArgumentMap]
) -> list[Relation]:
    owner, local = split_relation_ref(key)
    if owner is not None and owner != amap.id:
        # An undercut of another map's relation: "other#a->other#b".
        return maps[owner].relations_by_key(local) if owner in maps else []
    matches = amap.relations_by_key(key)
    if not matches and amap.extends:
        matches = base_relations_named(amap, key, maps)
    return matches


def _same_claim(a: str, b: str, map_id: str) -> bool:
    def norm(ref):
        m, local = split_ref(ref)
        return (m or map_id, local)

    return norm(a) == norm(b)


def _support_cycles(amap: ArgumentMap) -> list[Diagnostic]:
    """One warning per support cycle found (see :func:`argmap._graph.back_edge_cycles`).

    A claim supporting itself is already the self-relation error, not a cycle.
    """
    successors: dict[str, list[str]] = {}
    for r in amap.relations:
        if r.kind == "supports":
            successors.setdefault(r.source, []).append(r.target)
    out = []
    for cycle in back_edge_cycles(successors):
        claim = amap.claims.get(cycle[0])
        out.append(
            warning(
                "support-cycle",
                "support cycle: " + " -> ".join([*cycle, cycle[0]]),
                path=amap.path,
                line=claim.line if claim else None,
                fix="circular support proves nothing; remove one of these supports",
            )
        )
    return out


def _touched_claims(maps: Mapping[str, ArgumentMap]) -> dict[str, set[str]]:
    """For each map id, the ids of its claims that some relation names.

    A bare id in an extension names its base's claim as well (the base's
    claims are visible there by bare id).
    """
    touched: dict[str, set[str]] = {}
    for m in maps.values():
        base = find_base(m, maps) if m.extends is not None else None
        for relation in m.relations:
            ends = [relation.source, *relation.linked]
            # an undercut's target "a->b" names two claims; an id names none
            ends += (
                relation.target.split("->")
                if relation.kind == "undercuts"
                else [relation.target]
            )
            for end in ends:
                ref_map, local = split_ref(end)
                touched.setdefault(ref_map or m.id, set()).add(local)
                if ref_map is None and base is not None:
                    touched.setdefault(base.id, set()).add(local)
    return touched


def _isolated(
    amap: ArgumentMap,
    maps: Mapping[str, ArgumentMap],
    index: Mapping[str, set[str]] | None,
) -> list[Diagnostic]:
    if len(amap.claims) < 2:
        return []
    if index is None:
        index = _touched_claims(maps)
    # An extension's additions to base claims are connected by the base's relations.
    touched: set[str] = set(amap.claims) & base_claim_ids(amap, maps)
    touched |= index.get(amap.id, set())
    for claim in amap.claims.values():
        if claim.same_as:
            touched.add(claim.id)
    return [
        warning(
            "isolated-claim",
            f"claim {claim.id!r} has no relation to any other claim",
            path=amap.path,
            line=claim.line,
            fix="add supports/rebuts, or remove the claim",
        )
        for claim in amap.claims.values()
        if claim.id not in touched
    ]


def _unreachable(amap: ArgumentMap) -> list[Diagnostic]:
    """Claims related to others, but in a cluster with no path to any thesis.

    Only for maps that name a thesis; isolated single claims are already
    reported by :func:`_isolated`.  Union-find over local relations.
    """
    theses = {c.id for c in amap.theses()}
    if not theses or amap.extends:
        # An extension's additions hang on base claims that are not in it as
        # written; whether they reach a thesis is a question for the
        # effective map, which the base's own check already covers.
        return []
    clusters = UnionFind(amap.claims)
    find = clusters.find
    for r in amap.relations:
        ends = [r.source, *r.linked]
        if r.kind == "undercuts":
            # The target names a relation (by id or "a->b"): join its ends.
            undercut = amap.relation(r.target)
            ends += (
                [undercut.source, undercut.target] if undercut else r.target.split("->")
            )
        else:
            ends.append(r.target)
        local = [e for e in ends if e in clusters]
        for e in local[1:]:
            clusters.union(local[0], e)
    rooted = {find(t) for t in theses}
    sizes: dict[str, int] = {}
    for cid in amap.claims:
        sizes[find(cid)] = sizes.get(find(cid), 0) + 1
    return [
        warning(
            "unreachable-claim",
            f"claim {claim.id!r} is not connected to any thesis of the map",
            path=amap.path,
            line=claim.line,
            fix="relate it (or its cluster) to the argument, or remove it",
        )
        for claim in amap.claims.values()
        if find(claim.id) not in rooted and sizes[find(claim.id)] > 1
    ]


def _did_you_mean(word: str, choices) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


# -- quotes ---------------------------------------------------------------------
_QUOTE_FOLDS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")


def normalise_for_quotes(text: str) -> str:
    """Fold what copying text changes without changing its words.

    Typographic quotes and dashes, non-breaking spaces, line breaks and Unicode
    composition differ between a web page and a YAML file; letters, digits
    and punctuation otherwise must match exactly.
    """
    return _SPACE.sub(
        " ", unicodedata.normalize("NFC", text).translate(_QUOTE_FOLDS)
    ).strip()


def verify_quotes(
    amap: ArgumentMap, source_text: str, source_path: str | None = None
) -> list[Diagnostic]:
    """One error for each claim whose ``quote`` is not in *source_text*."""
    haystack = normalise_for_quotes(source_text)
    where = f" in {source_path}" if source_path else " in the source text"
    return [
        error(
            "quote-not-found",
            f"quote of claim {claim.id!r} not found{where}: {claim.quote[:60]!r}",
            path=amap.path,
            line=claim.line,
            fix=(
                "quote one passage without gaps: an ellipsis cannot stand inside a quote"
                if "..." in claim.quote or "\u2026" in claim.quote
                else "copy the words exactly from the article"
            ),
        )
        for claim in amap.claims.values()
        if claim.quote and normalise_for_quotes(claim.quote) not in haystack
    ]
