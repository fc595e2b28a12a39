"""The records of tension finding: what is published, and what travels inside.

:class:`Tension` and :class:`Quote` are what :func:`find_tensions` returns
(and what ``argmap tensions --json`` prints through :meth:`Tension.to_dict`).
:class:`Candidate` is a tension on its way through grouping and ranking: the
tension with the graph nodes that group it and its wording, deferred until
the ranking is known.  It never leaves the package; the published record
carries only its documented fields.

To extend a record (a new kind, a new mark such as suggested links), add a
field with a default: every record is built by keyword or by
:func:`dataclasses.replace`, and ``to_dict`` lists its fields once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "CONFLICT",
    "CONTESTED",
    "CROSS",
    "INTERNAL_FACTOR",
    "KINDS",
    "PAIR_KINDS",
    "UNDECIDED",
    "Candidate",
    "Quote",
    "Tension",
]

CROSS = "cross-source-attack"
CONTESTED = "contested-claim"
CONFLICT = "support-attack-conflict"
UNDECIDED = "undecided-dispute"
#: The built-in kinds, in the order their detectors run.
KINDS = (CROSS, CONTESTED, CONFLICT, UNDECIDED)
#: Kinds that are a clash between two claims (grouped by that pair).
PAIR_KINDS = (CROSS, CONFLICT)
#: A tension inside one source (a source answering itself) counts this much.
INTERNAL_FACTOR = 0.5


@dataclass(frozen=True)
class Quote:
    """What one source says for one claim of a tension."""

    claim: str
    map: str
    quote: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"claim": self.claim, "map": self.map, "quote": self.quote}


@dataclass
class Tension:
    """One point of tension.  See :mod:`argmap.analysis.tensions` for ``score``."""

    kind: str
    score: float
    #: Claim ids, the most important first (attacker before attacked).
    claims: tuple[str, ...]
    #: Keys (:attr:`argmap.model.Relation.key`) of the relations involved.
    relations: tuple[str, ...] = ()
    #: Ids of the maps on the sides of the tension, sorted.
    sources: tuple[str, ...] = ()
    #: One line in plain words naming the claims and their sources.
    explanation: str = ""
    quotes: tuple[Quote, ...] = ()
    #: Kind-specific figures (strengths before/after, aggregates, members).
    details: dict[str, Any] = field(default_factory=dict)
    #: Whether the tension rests on a relation suggested by ``argmap align``
    #: rather than written by a person (``details["suggested"]`` names them).
    suggested: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "suggested": self.suggested,
            "score": round(self.score, 4),
            "claims": list(self.claims),
            "relations": list(self.relations),
            "sources": list(self.sources),
            "explanation": self.explanation,
            "quotes": [q.to_dict() for q in self.quotes],
            "details": _rounded(self.details),
        }


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value


@dataclass(frozen=True)
class Candidate:
    """A tension with what its grouping and wording need (never published).

    *nodes* are node numbers of the context's index
    (:attr:`TensionIndex.nodes <argmap.analysis.tensions.index.TensionIndex>`),
    the most important first: a pairwise tension is grouped by its first and
    last node.  *explain*, called only for tensions that make the ranking,
    words the tension (otherwise ``tension.explanation`` stands).  *sources*,
    called likewise, gives the sources of a tension that has none yet (a
    detector may leave them to be worked out only when they are shown).
    """

    tension: Tension
    nodes: tuple[int, ...]
    explain: Callable[[], str] | None = None
    sources: Callable[[], tuple[str, ...]] | None = None

    @property
    def kind(self) -> str:
        return self.tension.kind

    @property
    def score(self) -> float:
        return self.tension.score
