"""The map indexed for the detectors: node numbers, NumPy arrays, interned sources.

:class:`TensionIndex` is the vectorised layer the built-in detectors and the
grouping work on; plugins are better served by the claim-level accessors of
:class:`~argmap.analysis.tensions.context.TensionContext`, which are built on
it.  Nodes are numbered as in :class:`argmap.analysis.semantics.Framework`
(the map's claims, then references to claims of other maps); relations are
numbered ``0 .. R-1`` for claim relations (supports and rebuts), then the
undercuts.

Sources are compared as integers: every sorted tuple of source maps is
interned once (:meth:`TensionIndex.source_set` turns an id back into the
tuple), and set tests between two arrays of ids are computed once per
distinct pair of ids.

It also holds the words for nodes (:meth:`TensionIndex.describe`,
:meth:`TensionIndex.quotes`), so that every tension names claims the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from argmap.analysis.semantics import (
    DEFAULT_BASE,
    Framework,
    StrengthResult,
    build_framework,
    dfquad,
)
from argmap.analysis.tensions.records import Quote
from argmap.model import ArgumentMap, split_ref

__all__ = ["TEXT_WIDTH", "TensionIndex", "fmt", "short"]

#: Claim texts in explanations are shortened to this many characters.
TEXT_WIDTH = 100


class TensionIndex:
    """The indexed map and what the semantics say about it, computed once."""

    def __init__(self, amap: ArgumentMap, *, base: float = DEFAULT_BASE) -> None:
        self.amap = amap
        self.base = base
        self.fw: Framework = build_framework(amap)
        self._sets: dict[tuple[str, ...], int] = {}
        self._set_list: list[tuple[str, ...]] = []
        self._node_sources: np.ndarray | None = None
        self._rel_asserters: np.ndarray | None = None
        self._node_sources_list: list[int] | None = None
        self._sides: dict[int, tuple[list[str], list[str]]] = {}

    # nodes
    @property
    def nodes(self) -> list[str]:
        """The claim reference of every node, by node number."""
        return self.fw.nodes

    @property
    def n(self) -> int:
        """How many nodes (claims and references to other maps' claims)."""
        return self.fw.n

    def node(self, claim: str) -> int | None:
        """The node number of a claim reference (``None``: not in the map's graph)."""
        return self.fw.index.get(claim)

    def nodes_of(self, claims: Iterable[str]) -> tuple[int, ...]:
        """The node numbers of those *claims* that are in the graph, in order."""
        index = self.fw.index
        return tuple(index[c] for c in claims if c in index)

    # semantics
    @property
    def dfquad(self) -> StrengthResult:
        """DF-QuAD strengths, aggregates and effective weights (computed once)."""
        return dfquad(self.fw, base=self.base)

    @property
    def strength(self) -> np.ndarray:
        return self.dfquad.strength

    def grounded_codes(self) -> np.ndarray:
        """0 undecided, 1 in, 2 out for every node (auxiliary nodes after the claims)."""
        return self.fw.grounded_codes()

    def incoming(self, node: int) -> np.ndarray:
        """Numbers of the claim relations (supports, rebuts) into *node*."""
        indptr, rels = self.fw.incoming_relations()
        return rels[indptr[node] : indptr[node + 1]]

    def relation_source(self, number: int) -> int:
        """The node a relation (claim relation or undercut) comes from."""
        fw = self.fw
        if number < fw.n_relations:
            return int(fw.src[number])
        return int(fw.uc_src[number - fw.n_relations])

    # sources, as ids of interned sorted tuples
    def _intern(self, sources: tuple[str, ...]) -> int:
        i = self._sets.get(sources)
        if i is None:
            i = self._sets[sources] = len(self._set_list)
            self._set_list.append(sources)
        return i

    def source_set(self, set_id: int) -> tuple[str, ...]:
        """The sorted tuple of maps an interned set id stands for."""
        return self._set_list[set_id]

    def node_sources(self) -> np.ndarray:
        """For each node, the id of its sorted tuple of source maps.

        The tuples are the model's (:meth:`ArgumentMap.sources_of`), interned
        so that detectors compare sets of sources as integers.
        """
        if self._node_sources is None:
            sources_of, intern = self.amap.sources_of, self._intern
            ids = [intern(sources_of(ref)) for ref in self.fw.nodes]
            self._node_sources = np.array(ids, dtype=np.intp)
        return self._node_sources

    def relation_asserters(self) -> np.ndarray:
        """For each relation number (claim relations, then undercuts), its asserters' set id.

        A relation is asserted by its ``asserted_by`` maps, else by the
        sources of its source claim.
        """
        if self._rel_asserters is None:
            fw, nodes = self.fw, self.node_sources()
            srcs = np.concatenate([fw.src, fw.uc_src])
            out = nodes[srcs].copy() if len(srcs) else np.empty(0, dtype=np.intp)
            known: dict[tuple[str, ...], int] = {}
            for number, relation in enumerate(fw.relations + fw.undercuts):
                by = relation.asserted_by
                if by:
                    set_id = known.get(by)
                    if set_id is None:
                        set_id = known[by] = self._intern(tuple(sorted(set(by))))
                    out[number] = set_id
            self._rel_asserters = out
        return self._rel_asserters

    def asserters(self, number: int) -> tuple[str, ...]:
        """The maps asserting relation *number*, sorted."""
        return self._set_list[int(self.relation_asserters()[number])]

    def not_within(self, inner: np.ndarray, outer: np.ndarray) -> np.ndarray:
        """Elementwise: source set *inner* has a map that set *outer* lacks."""
        if not len(inner):
            return np.zeros(0, dtype=bool)
        return self._pairwise(inner, outer, lambda a, b: not set(a) <= set(b))

    def overlaps(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Elementwise: source sets *a* and *b* share a map."""
        if not len(a):
            return np.zeros(0, dtype=bool)
        return self._pairwise(a, b, lambda x, y: bool(set(x) & set(y)))

    def _pairwise(
        self,
        a: np.ndarray,
        b: np.ndarray,
        test: Callable[[tuple[str, ...], tuple[str, ...]], bool],
    ) -> np.ndarray:
        """``test(set_a, set_b)`` elementwise, computed once per distinct pair."""
        width = len(self._set_list) + 1
        codes = a.astype(np.int64) * width + b
        unique, inverse = np.unique(codes, return_inverse=True)
        verdict = np.array(
            [
                test(self._set_list[int(x // width)], self._set_list[int(x % width)])
                for x in unique.tolist()
            ],
            dtype=bool,
        )
        return verdict[inverse.reshape(-1)]

    def sources_of(self, node: int) -> tuple[str, ...]:
        """The maps that state the claim at *node*, sorted."""
        if self._node_sources_list is None:
            self._node_sources_list = self.node_sources().tolist()
        return self._set_list[self._node_sources_list[node]]

    def union_sources(
        self, nodes: Iterable[int], extra: Iterable[str] = ()
    ) -> tuple[str, ...]:
        """The maps that state any of *nodes*, with *extra* maps, sorted."""
        out = set(extra)
        for node in nodes:
            out.update(self.sources_of(node))
        return tuple(sorted(out))

    def sides(self, node: int) -> tuple[list[str], list[str]]:
        """The maps asserting the attacks on, and the supports of, *node* (sorted)."""
        if node not in self._sides:
            rels = self.incoming(node)
            asserters = self.relation_asserters()[rels].tolist()
            attackers: set[str] = set()
            supporters: set[str] = set()
            for is_attack, set_id in zip(self.fw.attack[rels].tolist(), asserters):
                (attackers if is_attack else supporters).update(self.source_set(set_id))
            self._sides[node] = (sorted(attackers), sorted(supporters))
        return self._sides[node]

    # words
    def text(self, node: int) -> str:
        """The claim's text (the reference itself for a claim not in the map)."""
        ref = self.fw.nodes[node]
        claim = self.amap.claims.get(ref)
        return claim.text if claim is not None else ref

    def claim_text(self, node: int) -> str:
        """The claim's text, on one line and shortened to :data:`TEXT_WIDTH`."""
        return short(self.text(node))

    def describe(self, node: int) -> str:
        """A claim in words: its text, shortened, and its sources."""
        return f'"{self.claim_text(node)}" ({", ".join(self.sources_of(node))})'

    def quotes(self, node: int) -> list[Quote]:
        """One quote per map stating the claim (the map's own quote when it has one)."""
        ref = self.fw.nodes[node]
        claim = self.amap.claims.get(ref)
        if claim is None:
            map_id, _ = split_ref(ref)
            return [Quote(ref, map_id or self.amap.id, None)]
        if not claim.provenance:
            return [Quote(ref, self.amap.id, claim.quote)]
        seen: set[str] = set()
        out: list[Quote] = []
        for p in claim.provenance:
            if p.map in seen:
                continue
            seen.add(p.map)
            out.append(
                Quote(ref, p.map, p.quote if p.quote is not None else claim.quote)
            )
        return out

    def quotes_of(self, nodes: Sequence[int]) -> tuple[Quote, ...]:
        """The quotes of the claims among *nodes* (auxiliary nodes have none)."""
        n = self.fw.n
        return tuple(q for node in nodes if node < n for q in self.quotes(node))


def short(text: str, width: int = TEXT_WIDTH) -> str:
    """*text* on one line, cut at a word before *width* characters with an ellipsis."""
    text = " ".join(str(text).split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + "…"


def fmt(x: float) -> str:
    """A strength or score in explanations: two decimals."""
    return f"{x:.2f}"
