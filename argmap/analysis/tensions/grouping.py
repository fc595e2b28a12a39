"""Grouping, ranking and wording of tensions: no near-duplicates, best first.

Grouping
    Tensions between the same two claims become one: both directions of a
    mutual rebuttal, and a support-attack conflict over the pair.  A tension
    is pairwise when its kind is a clash between two claims
    (``cross-source-attack``, ``support-attack-conflict``) or, for a kind not
    built in, when it has exactly two nodes; its pair is its first and last
    node.  With ``hops >= 1`` the two ends of a pairwise tension are first
    lifted along their own side's support edges, at most ``hops`` steps (each
    step to the claim the current one supports most strongly, through a
    support asserted by one of its sources; ties go to the lower target
    node), so that attacks between the reasons behind two claims are grouped
    with the clash of the claims themselves; ``hops=0`` groups exact pairs
    only.  This is the only use of derived (support-chain) attacks: their
    closure is never built.  A contested claim joins the best group that
    contains it, and an undecided dispute joins the group that contains all
    its claims.

    A group's score is the highest score among its members.  Its kind and
    explanation are those of its leading member: the member between the
    group's two claims when there is one (a support-attack conflict leads
    over a rebuttal between the same two claims), else the best scored
    pairwise member.  The other members are listed in ``details["members"]``
    and named by kind in the explanation; a mutual rebuttal is worded as one.
    When the score is another member's (the clash itself scores less), the
    explanation says which, and the clash's own score: the number beside an
    explanation is never silently that of something else
    (``details["score_from"]``, ``details["lead_score"]``).

Ranking
    Tensions between sources first, then those within one source (a source
    answering its own objection: a contested claim supported and attacked
    only by its own sources, or a tension whose sources are one map); within each tier by
    score, highest first, ties broken by kind and then claim ids, so the
    order is deterministic.

Wording
    Explanations and quotes are made only for the tensions that make the
    ranking (after ``top`` and ``min_score``), from each candidate's deferred
    wording.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np

from argmap.analysis.tensions.context import TensionContext
from argmap.analysis.tensions.index import fmt
from argmap.analysis.tensions.records import (
    CONFLICT,
    CONTESTED,
    CROSS,
    KINDS,
    PAIR_KINDS,
    UNDECIDED,
    Candidate,
    Tension,
)

__all__ = ["KIND_WORDS", "finish", "group", "lifts", "rank_key"]

#: How a grouped tension names the kinds of its other members, in plain words.
KIND_WORDS = {
    CROSS: "attacks across sources",
    CONTESTED: "contested claims",
    CONFLICT: "support against attack",
    UNDECIDED: "an undecided attack cycle",
}
#: One member of a kind, in plain words.
KIND_WORD = {
    CROSS: "attack across sources",
    CONTESTED: "contested claim",
    CONFLICT: "support against attack",
    UNDECIDED: "undecided attack cycle",
}

_GroupKey = tuple[int, ...]


def rank_key(c: Candidate) -> tuple[bool, float, str, tuple[str, ...]]:
    """Between sources before within one, then score (highest first, to 12 decimals), kind, ids."""
    t = c.tension
    return (within_one_source(c), -round(t.score, 12), t.kind, t.claims)


def within_one_source(c: Candidate) -> bool:
    """Whether the tension is a dispute inside one source, not between sources.

    A contested claim whose supporters and attackers all state it (a source
    answering its own objection), or a tension whose sources are known to be
    one map.  A group led by a clash between sources is between sources.
    """
    t = c.tension
    if t.kind == CONTESTED and "members" not in t.details:
        return (
            t.details.get("attack_from_other_sources", 1.0) == 0.0
            and t.details.get("support_from_other_sources", 1.0) == 0.0
        )
    return bool(t.sources) and len(t.sources) < 2


def lifts(ctx: TensionContext) -> np.ndarray:
    """For each node, where ``ctx.hops`` own-side support steps take it."""
    ix = ctx.index
    fw = ix.fw
    n = fw.n
    head = np.arange(n)
    if ctx.hops == 0 or not fw.n_relations:
        return head
    res = ix.dfquad
    sup = np.flatnonzero(~fw.attack)
    nodes = ix.node_sources()
    sup = sup[ix.overlaps(ix.relation_asserters()[sup], nodes[fw.src[sup]])]
    step = np.full(n, -1, dtype=np.intp)
    if sup.size:
        # Strongest support first, then the lowest target index: deterministic.
        order = np.lexsort((fw.tgt[sup], -res.weight[sup], fw.src[sup]))
        sup = sup[order]
        srcs = fw.src[sup]
        first = np.ones(len(sup), dtype=bool)
        first[1:] = srcs[1:] != srcs[:-1]
        step[srcs[first]] = fw.tgt[sup[first]]
    for _ in range(ctx.hops):
        nxt = step[head]
        head = np.where(nxt >= 0, nxt, head)
    return head


def _is_pairwise(c: Candidate) -> bool:
    return c.kind in PAIR_KINDS or (c.kind not in KINDS and len(c.nodes) == 2)


def group(ctx: TensionContext, raw: list[Candidate]) -> list[Candidate]:
    """*raw* with the tensions of one clash merged into one (see the module docstring)."""
    heads = lifts(ctx) if raw else None
    groups: dict[_GroupKey, list[Candidate]] = {}
    singles: list[Candidate] = []
    for c in raw:
        if _is_pairwise(c) and len(c.nodes) >= 2 and heads is not None:
            x, y = c.nodes[0], c.nodes[-1]
            hx, hy = int(heads[x]), int(heads[y])
            key = tuple(sorted((hx, hy))) if hx != hy else tuple(sorted((x, y)))
            groups.setdefault(key, []).append(c)
        else:
            singles.append(c)
    # Best group per claim, to fold single-claim tensions into.
    leaders = {
        key: max(members, key=lambda c: c.score) for key, members in groups.items()
    }
    by_node: dict[int, _GroupKey] = {}
    for key, members in sorted(groups.items(), key=lambda kv: rank_key(leaders[kv[0]])):
        for c in members:
            for node in c.nodes:
                by_node.setdefault(node, key)
    out_singles = []
    for c in singles:
        home = _home(c, groups, by_node)
        if home is None:
            out_singles.append(c)
        else:
            groups[home].append(c)
    out = [_merge(ctx, key, members) for key, members in groups.items()]
    return out + out_singles


def _home(
    c: Candidate,
    groups: dict[_GroupKey, list[Candidate]],
    by_node: dict[int, _GroupKey],
) -> _GroupKey | None:
    """The group a single-claim tension joins, if any."""
    nodes = c.nodes
    if c.kind == CONTESTED and nodes and nodes[0] in by_node:
        return by_node[nodes[0]]
    if c.kind == UNDECIDED and nodes:
        keys = {by_node.get(x) for x in nodes}
        if len(keys) == 1 and None not in keys:
            candidate = keys.pop()
            assert candidate is not None
            inside: set[int] = set()
            for m in groups[candidate]:
                inside.update(m.nodes)
            if set(nodes) <= inside:
                return candidate
    return None


def _merge(ctx: TensionContext, key: _GroupKey, members: list[Candidate]) -> Candidate:
    """One candidate for a group: its lead's tension, widened to every member."""
    if len(members) == 1:
        return members[0]
    members = sorted(members, key=rank_key)
    pair = set(key)
    # Lead: a pairwise tension between the group's two claims (a support-attack
    # conflict says most about a pair), else the best pairwise one.
    direct = [
        c for c in members if c.kind in PAIR_KINDS and {c.nodes[0], c.nodes[-1]} == pair
    ]
    direct.sort(key=lambda c: c.kind != CONFLICT)
    lead = (direct or [c for c in members if c.kind in PAIR_KINDS] or members)[0]
    others = [c for c in members if c is not lead]
    claims = list(lead.tension.claims)
    relations = list(lead.tension.relations)
    sources = set(lead.tension.sources)
    nodes = list(lead.nodes)
    for c in others:
        t = c.tension
        claims += [x for x in t.claims if x not in claims]
        relations += [r for r in t.relations if r not in relations]
        sources.update(t.sources)
        nodes += [x for x in c.nodes if x not in nodes]
    details: dict[str, Any] = dict(lead.tension.details)
    details["members"] = [
        {"kind": c.kind, "score": c.score, "claims": list(c.tension.claims)}
        for c in others
    ]
    lead_explain = lead.explain
    reverse = _reverse_rebuttal(lead, others)
    own_score = lead.score
    if reverse is not None:
        others = [c for c in others if c is not reverse]
        lead_explain = _mutual_rebuttal(ctx, lead, reverse)
        own_score = max(lead.score, reverse.score)
    # The member whose score the group takes, when it is not the clash itself.
    best = max(members, key=lambda c: c.score)
    carrier = best if best.score > own_score else None
    if carrier is not None:
        details["score_from"] = {
            "kind": carrier.kind,
            "score": carrier.score,
            "claims": list(carrier.tension.claims),
        }
        details["lead_score"] = own_score

    def explain() -> str:
        text = lead_explain() if lead_explain else lead.tension.explanation
        if not others:
            return text
        kinds = sorted({KIND_WORDS.get(c.kind, c.kind) for c in others})
        points = "point" if len(others) == 1 else "points"
        text = f"{text} (and {len(others)} related {points}: {', '.join(kinds)})"
        if carrier is not None:
            what = KIND_WORD.get(carrier.kind, carrier.kind)
            text += (
                f"; scored {fmt(carrier.score)} for the related {what} "
                f"{ctx.index.describe(carrier.nodes[0])}, the clash itself "
                f"{fmt(own_score)}"
            )
        return text

    merged = replace(
        lead.tension,
        score=max(c.score for c in members),
        claims=tuple(claims),
        relations=tuple(relations),
        sources=tuple(sorted(sources)),
        details=details,
    )
    return Candidate(merged, tuple(nodes), explain)


def _is_rebuttal(c: Candidate) -> bool:
    return c.kind == CROSS and c.tension.details.get("relation") == "rebuts"


def _reverse_rebuttal(lead: Candidate, others: list[Candidate]) -> Candidate | None:
    """The rebuttal answering *lead* in the other direction, if the group has one."""
    if not _is_rebuttal(lead):
        return None
    a, b = lead.nodes[:2]
    for c in others:
        if _is_rebuttal(c) and tuple(c.nodes[:2]) == (b, a):
            return c
    return None


def _mutual_rebuttal(
    ctx: TensionContext, lead: Candidate, reverse: Candidate
) -> Callable[[], str]:
    """The words of two claims rebutting each other."""
    ix = ctx.index
    a, b = lead.nodes[:2]
    there, back = lead.tension.details, reverse.tension.details

    def explain() -> str:
        return (
            f"{ix.describe(a)} and {ix.describe(b)} rebut each other: the second falls "
            f"from {fmt(there['before'])} to {fmt(there['after'])}, "
            f"the first from {fmt(back['before'])} to {fmt(back['after'])}"
        )

    return explain


def finish(ctx: TensionContext, c: Candidate) -> Tension:
    """The published tension: worded, with its quotes and sources."""
    t = c.tension
    explanation = c.explain() if c.explain else t.explanation
    quotes = t.quotes or ctx.index.quotes_of(c.nodes)
    sources = t.sources
    if not sources and c.sources is not None:
        sources = c.sources()
    suggested = suggested_relations(ctx, t)
    details = t.details
    if suggested:
        details = {
            **details,
            "suggested": [{"relation": key, "reason": note} for key, note in suggested],
        }
        lead = t.relations[0] if t.relations else None
        if suggested[0][0] == lead:
            explanation = f"{explanation} [{suggested[0][1]}]"
        else:
            n = len(suggested)
            explanation = (
                f"{explanation} [{n} suggested link{'s' if n > 1 else ''} "
                "(argmap align) among its points]"
            )
    return replace(
        t,
        sources=sources,
        explanation=" ".join(explanation.split()),
        quotes=tuple(quotes),
        details=details,
        suggested=bool(suggested),
    )


def suggested_relations(ctx: TensionContext, t: Tension) -> list[tuple[str, str]]:
    """(key, note) of the suggested relations a tension rests on, in its order.

    Those among its relations, and for a contested claim (the tension, or a
    member of its group) the suggested supports and attacks it draws.
    """
    out: dict[str, str] = {}
    for key in t.relations:
        for r in ctx.amap.relations_by_key(key):
            if r.suggested:
                out.setdefault(key, r.note or "suggested by argmap align")
                break
    contested = [t.claims[0]] if t.kind == CONTESTED and t.claims else []
    for member in t.details.get("members", ()):
        if member.get("kind") == CONTESTED and member.get("claims"):
            contested.append(member["claims"][0])
    for claim in contested:
        if claim not in ctx.claims:
            continue
        for link in (*ctx.attacks_on(claim), *ctx.supports_of(claim)):
            if link.relation.suggested:
                out.setdefault(
                    link.relation.key, link.relation.note or "suggested by argmap align"
                )
    return list(out.items())
