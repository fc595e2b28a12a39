"""The semantic checks, under their first name: they live in :mod:`argmap.checks`.

Kept so that ``from argmap.validate import check_map`` goes on working.
"""

from argmap.checks import check_map, check_maps
from argmap.checks.quotes import normalise_for_quotes, verify_quotes

__all__ = ["check_map", "check_maps", "normalise_for_quotes", "verify_quotes"]
