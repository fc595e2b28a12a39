"""Extension maps, under their first module name.

Extensions are built in :mod:`argmap.extensions` (pure functions of maps
already read), their rules are :mod:`argmap.checks.extension`, and bases
are found by :class:`argmap.refs.Scope`.  Kept so that
``from argmap.extend import effective_map`` goes on working.
"""

from argmap.checks.extension import check_extension
from argmap.extensions import (
    base_chain,
    base_claim_ids,
    base_path,
    base_relations_named,
    chain_problems,
    effective_map,
    find_base,
    is_annotation,
    is_path_reference,
    localise,
    visible_claims,
)

__all__ = [
    "base_chain",
    "base_claim_ids",
    "base_path",
    "base_relations_named",
    "chain_problems",
    "check_extension",
    "effective_map",
    "find_base",
    "is_annotation",
    "is_path_reference",
    "localise",
    "visible_claims",
]
