"""Semantic checks of maps: the rules a JSON Schema cannot express.

Structure (types, required fields, weights in 0..1, id syntax) is checked
by the schema when a file is read; these check what needs the whole map or
the whole workspace.  Every check is a function of maps already read and of
the :class:`~argmap.refs.Scope` that resolves their references: no file is
opened here, so each family can be tested on maps built in memory
(:mod:`argmap.workspace` reads the files and runs :func:`check_maps`).

One module per family of rules:

* :mod:`~argmap.checks.extension` — a resolvable, acyclic base; additions
  to base claims and overrides;
* :mod:`~argmap.checks.fields` — what one field can get wrong beyond the
  schema (no text, a source url that is no web address);
* :mod:`~argmap.checks.references` — claim references and undercut targets
  that resolve to nothing, or to several relations;
* :mod:`~argmap.checks.relations` — duplicate ids and relations, relations
  to themselves, contradictory relations;
* :mod:`~argmap.checks.structure` — support cycles, isolated claims, claims
  cut off from every thesis;
* :mod:`~argmap.checks.quotes` — quotes against the article's text, run
  when the text is given (:func:`verify_quotes`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from argmap.checks.extension import check_extension
from argmap.checks.fields import check_fields
from argmap.checks.quotes import normalise_for_quotes, verify_quotes
from argmap.checks.references import check_references
from argmap.checks.relations import check_relations
from argmap.checks.structure import (
    isolated_claims,
    support_cycles,
    touched_claims,
    unreachable_claims,
)
from argmap.diagnostics import Diagnostic
from argmap.model import ArgumentMap
from argmap.refs import Scope

__all__ = [
    "check_extension",
    "check_map",
    "check_maps",
    "normalise_for_quotes",
    "verify_quotes",
]


def check_maps(
    maps: Scope | Mapping[str, ArgumentMap],
    names: Iterable[str] | None = None,
    *,
    unreadable: Sequence[str] = (),
) -> list[Diagnostic]:
    """Semantic problems of the maps named by *names* (default: every map).

    *maps* is the scope the references resolve in (or the maps by id, with
    *unreadable* the files that failed to load; see :class:`Scope`).
    Checking many maps one by one with :func:`check_map` would scan every
    map's relations for each of them; this scans them once.
    """
    scope = maps if isinstance(maps, Scope) else Scope(maps, unreadable=unreadable)
    touched = touched_claims(scope)
    out: list[Diagnostic] = []
    for map_id in scope.maps if names is None else names:
        out.extend(check_map(scope.maps[map_id], scope, touched=touched))
    return out


def check_map(
    amap: ArgumentMap,
    maps: Scope | Mapping[str, ArgumentMap] | None = None,
    *,
    touched: Mapping[str, set[str]] | None = None,
    unreadable: Sequence[str] = (),
) -> list[Diagnostic]:
    """Semantic problems of *amap*; *maps* (a scope, or maps by id) resolves cross-map references.

    A cross-map reference to a map that is not in *maps* is an error: the
    caller decides which maps are in scope (``argmap check`` adds the maps
    found beside the file).  *touched* is :func:`check_maps`'s index of the
    claims that some relation names, computed once for many maps.
    *unreadable* lists the files that failed to load (inputs, or files
    searched for the maps references name); any of them may hold a map
    that seems missing, and the error says so.
    """
    if isinstance(maps, Scope):
        scope = maps
    else:
        scope = Scope(
            maps if maps is not None else {amap.id: amap}, unreadable=unreadable
        )
    if touched is None:
        touched = touched_claims(scope)
    return [
        *check_extension(amap, scope),
        *check_fields(amap),
        *check_references(amap, scope),
        *check_relations(amap, scope),
        *support_cycles(amap),
        *isolated_claims(amap, scope, touched),
        *unreachable_claims(amap),
    ]
