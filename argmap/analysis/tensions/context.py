"""What a tension detector receives and what it yields: the detector API.

A *detector* is a function ``detector(amap, context) -> Iterable[Tension |
Candidate]``.  Register one with
:func:`~argmap.analysis.tensions.register_detector`, or publish it under the
entry point group ``argmap.tension_detectors``; :func:`find_tensions` runs
it beside the built-in ones (``only=[name]`` runs it alone).

What it receives
    *amap*, the (merged) map, and a :class:`TensionContext`, built once per
    :func:`find_tensions` call and shared by every detector.  Its accessors
    take claim references as listed in :attr:`TensionContext.claims` (the
    map's claim ids, then ``other-map#id`` for claims of other maps that
    relations name):

    ``claims``
        every claim the semantics see, in the map's order;
    ``text(c)``, ``describe(c)``, ``quotes(c)``
        the claim's text, the claim in words as built-in explanations name
        it (``"text…" (map-a, map-b)``), and what each source says for it;
    ``sources(c)``
        the maps that state it (:meth:`ArgumentMap.sources_of`: provenance
        in a merged map, else the map itself, else the map a reference names);
    ``strength(c)``, ``attack(c)``, ``support(c)``
        its DF-QuAD strength and aggregated attack and support (base score
        ``context.base``; see :mod:`argmap.analysis.semantics`);
    ``label(c)``
        its grounded label, ``"in"``, ``"out"`` or ``"undecided"``;
    ``attacks_on(c)``, ``supports_of(c)``
        the rebuttals into it and the supports of it, as :class:`Link`
        records (the relation, its ends, its effective weight with undercuts
        applied, its force ``weight * strength(source)`` and the maps that
        assert it).

    ``context.hops`` is the grouping depth the caller asked for.  The
    vectorised layer the built-in detectors use (node numbers and NumPy
    arrays) is :attr:`TensionContext.index`; it is not a stable API.

What it yields
    :class:`~argmap.analysis.tensions.records.Tension` records with a
    ``score`` between 0 and 1 (anything else is an error naming the
    detector).  Ideally the score is in the built-in currency (claim
    strength at stake) so that the kinds rank together.  A tension is
    grouped by its claims: with two claims it is a clash between them and
    joins the group of that pair (with a mutual rebuttal or a
    support-attack conflict between them); otherwise it stands alone.  To
    word a tension only if it makes the ranking, or to group it by other
    claims than those it lists, yield :meth:`TensionContext.candidate`
    instead.  Quotes are filled in from the claims when a tension has none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from argmap.analysis.semantics import DEFAULT_BASE, IN, OUT, UNDECIDED, Framework
from argmap.analysis.tensions.index import TensionIndex
from argmap.analysis.tensions.records import Candidate, Quote, Tension
from argmap.model import ArgumentMap, Relation

__all__ = ["Link", "TensionContext"]

_LABELS = (UNDECIDED, IN, OUT)  # by grounded code


@dataclass(frozen=True)
class Link:
    """A support or rebuttal into a claim, as the semantics see it."""

    relation: Relation
    #: Claim references of its ends (as in :attr:`TensionContext.claims`).
    source: str
    target: str
    #: The relation's weight with the undercuts on it applied (DF-QuAD).
    weight: float
    #: What it adds to the target's aggregate: ``weight * strength(source)``.
    force: float
    #: The maps asserting it: its ``asserted_by``, else its source's sources.
    asserted_by: tuple[str, ...]

    @property
    def kind(self) -> str:
        return self.relation.kind


class TensionContext:
    """The map, its semantics and its sources by claim: what detectors receive."""

    def __init__(
        self, amap: ArgumentMap, *, hops: int = 1, base: float = DEFAULT_BASE
    ) -> None:
        self.amap = amap
        self.hops = hops
        self.base = base
        #: The vectorised layer (node numbers, arrays) the built-ins work on.
        self.index = TensionIndex(amap, base=base)

    @property
    def fw(self) -> Framework:
        """The indexed framework (kept for detectors written against it)."""
        return self.index.fw

    # claims
    @property
    def claims(self) -> tuple[str, ...]:
        """Every claim the semantics see: the map's, then other maps' it names."""
        return tuple(self.index.nodes)

    def _node(self, claim: str) -> int:
        node = self.index.node(claim)
        if node is None:
            raise KeyError(f"no claim {claim!r} in map {self.amap.id!r}")
        return node

    def text(self, claim: str) -> str:
        return self.index.text(self._node(claim))

    def describe(self, claim: str) -> str:
        """The claim in words: ``"text, shortened" (its sources)``."""
        return self.index.describe(self._node(claim))

    def quotes(self, claim: str) -> tuple[Quote, ...]:
        """What each source says for the claim (one quote per map)."""
        return tuple(self.index.quotes(self._node(claim)))

    def sources(self, claim: str) -> tuple[str, ...]:
        """The maps that state the claim, sorted."""
        return self.index.sources_of(self._node(claim))

    # semantics
    def strength(self, claim: str) -> float:
        """The claim's DF-QuAD strength, 0..1."""
        return float(self.index.dfquad.strength[self._node(claim)])

    def attack(self, claim: str) -> float:
        """The claim's aggregated attack, ``1 - prod(1 - force)`` over its rebuttals."""
        return float(self.index.dfquad.attack[self._node(claim)])

    def support(self, claim: str) -> float:
        """The claim's aggregated support, ``1 - prod(1 - force)`` over its supports."""
        return float(self.index.dfquad.support[self._node(claim)])

    def label(self, claim: str) -> str:
        """The claim's grounded label: ``"in"``, ``"out"`` or ``"undecided"``."""
        return _LABELS[int(self.index.grounded_codes()[self._node(claim)])]

    def attacks_on(self, claim: str) -> tuple[Link, ...]:
        """The rebuttals into the claim, in the map's order."""
        return self._links(claim, attack=True)

    def supports_of(self, claim: str) -> tuple[Link, ...]:
        """The supports into the claim, in the map's order."""
        return self._links(claim, attack=False)

    def _links(self, claim: str, *, attack: bool) -> tuple[Link, ...]:
        index = self.index
        fw, res = index.fw, index.dfquad
        out = []
        for number in sorted(index.incoming(self._node(claim)).tolist()):
            if bool(fw.attack[number]) != attack:
                continue
            source = int(fw.src[number])
            weight = float(res.weight[number])
            out.append(
                Link(
                    relation=fw.relations[number],
                    source=fw.nodes[source],
                    target=claim,
                    weight=weight,
                    force=min(1.0, weight * float(res.strength[source])),
                    asserted_by=index.asserters(number),
                )
            )
        return tuple(out)

    # what detectors yield
    def candidate(
        self,
        tension: Tension,
        claims: Sequence[str] | None = None,
        explain: Callable[[], str] | None = None,
    ) -> Candidate:
        """*tension*, grouped by *claims* (default: its own) and worded late.

        *claims*, the most important first, decide the grouping (two claims:
        a clash between them).  *explain* is called only if the tension makes
        the ranking; its words replace ``tension.explanation``.
        """
        nodes = self.index.nodes_of(tension.claims if claims is None else claims)
        return Candidate(tension, nodes, explain)

    def track(
        self,
        tension: Tension,
        nodes: Iterable[int],
        explain: Callable[[], str] | None = None,
    ) -> Candidate:
        """:meth:`candidate` by node numbers of :attr:`index` (yield what it returns)."""
        return Candidate(tension, tuple(nodes), explain)
