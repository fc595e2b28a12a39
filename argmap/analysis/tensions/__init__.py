"""Points of tension: where the sources of a (merged) map disagree, ranked.

:func:`find_tensions` runs *detectors* over a map and returns
:class:`Tension` records, best first.  Every score lies between 0 and 1 and
is measured in the same currency, the DF-QuAD strength of claims
(:mod:`argmap.analysis.semantics`, base score ``b = 0.5``), so scores of
different kinds can be ranked together.

Sources
    A claim's sources are the maps in its ``provenance`` (a merged map), else
    the map's own id; a claim named from another map (``other#claim``) that
    is not in the map belongs to ``other``.  A relation is asserted by its
    ``asserted_by`` maps, else by its source claim's sources.

Kinds (each module states its score in full)
    ``cross-source-attack`` (:mod:`.detectors.cross_source`)
        A rebuttal or undercut asserted by sources that do not state what it
        hits.  Score: the strength it takes from the claim it hits,
        ``(s_without - s_with) / max(b, 1 - b)``.
    ``contested-claim`` (:mod:`.detectors.contested`)
        A claim drawing both support and attack.  Score: ``min(vs, va)``,
        with attack from the claim's own sources counted half.
    ``support-attack-conflict`` (:mod:`.detectors.conflict`)
        Two claims related as support by one source and as attack by
        another.  Score: ``min(w_sup * s(x_sup), w_att * s(x_att))``.
    ``undecided-dispute`` (:mod:`.detectors.undecided`)
        A component of claims the grounded labelling leaves undecided.
        Score: mean attack strength on a shortest cycle times ``n / (n + 1)``,
        halved for a dispute inside one source.

Grouping and ranking (:mod:`.grouping`)
    Tensions between the same two claims become one (with ``hops`` support
    steps followed on each side); contested claims and disputes join the
    group that holds them.  Ranked by score, then kind, then claim ids.

The package
    ``records``  :class:`Tension`, :class:`Quote` and the internal
    :class:`Candidate`; ``context``  :class:`TensionContext`, the detector
    API; ``index``  the vectorised layer under it; ``detectors/``  one module
    per built-in kind; ``registry``  detectors by name, entry points;
    ``grouping``  grouping, ranking, wording; ``find``  :func:`find_tensions`.

Extending
    A detector is a function ``(amap, context) -> Iterable[Tension]``;
    :func:`register_detector` adds one, and functions published under the
    entry point group ``argmap.tension_detectors`` are loaded too.  What it
    receives and may yield is documented in
    :mod:`argmap.analysis.tensions.context`.
"""

from __future__ import annotations

from argmap.analysis.tensions.context import Link, TensionContext
from argmap.analysis.tensions.detectors.undecided import CYCLE_STARTS
from argmap.analysis.tensions.find import find_tensions
from argmap.analysis.tensions.index import TensionIndex
from argmap.analysis.tensions.records import (
    CONFLICT,
    CONTESTED,
    CROSS,
    INTERNAL_FACTOR,
    KINDS,
    UNDECIDED,
    Candidate,
    Quote,
    Tension,
)
from argmap.analysis.tensions.registry import (
    ENTRY_POINT_GROUP,
    Detector,
    detectors,
    register_detector,
)

__all__ = [
    "CONFLICT",
    "CONTESTED",
    "CROSS",
    "CYCLE_STARTS",
    "ENTRY_POINT_GROUP",
    "INTERNAL_FACTOR",
    "KINDS",
    "UNDECIDED",
    "Candidate",
    "Detector",
    "Link",
    "Quote",
    "Tension",
    "TensionContext",
    "TensionIndex",
    "detectors",
    "find_tensions",
    "register_detector",
]
