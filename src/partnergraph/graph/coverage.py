"""Coverage counts: the store operation behind the coverage matrix.

The matrix asks, for every priority of the graph (each asked on its own, as
``evidence_chains(None)`` asks them), how much evidence there is per partner country (or per
partner's nearest region) and from how many partners. A piece of evidence is one partner's
one tie to one carrier (its *key*: partner, kind, carrier, link), counted once however many
chains lead through it; the query layer's ``findings_of`` keeps one chain per key by the same
rule. The counts cover every key; the chains come back only for the first partners of each
priority (by uid) until ``sample`` keys are reached, so the matrix can show its first
evidence items without the server sending hundreds of thousands of chains.

This module is the embedded store's answer (counting :meth:`evidence_chains`' chains in
Python); Neo4j aggregates in one statement per batch of priorities
(``graph/neo4j_coverage.py``). The conformance suite holds both to the same counts and the
same sampled chains.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from partnergraph.gcpause import gc_paused
from partnergraph.graph.chains import Chain
from partnergraph.model import Edge, Node, NodeLabel, RelType
from partnergraph.window import Window

if TYPE_CHECKING:
    from partnergraph.graph.store import GraphStore

__all__ = [
    "REGION_STEPS",
    "UID_COUNTRY",
    "Column",
    "CoverageCounts",
    "PriorityTally",
    "count_chains",
    "nearest_regions",
    "partner_country",
    "preference",
]

#: Columns of the matrix: the partner's country or its nearest region.
Column = Literal["country", "region"]
#: How far up PART_OF / LOCATED_IN a partner's nearest region is looked for.
REGION_STEPS = 4

#: Uid prefixes that carry an ISO country code, and where the code starts.
UID_COUNTRY = (("nuts:", 5), ("iso:", 4), ("town:", 5), ("country:", 8))


def partner_country(node: Node) -> str | None:
    """ISO country of a partner from its ``country`` property or its uid (``teryt:`` is
    Poland, ``nuts:SE213`` Sweden); None for networks and organisations without one.
    ``graph/neo4j_coverage.py`` says the same in Cypher."""
    country = node.properties.get("country")
    if isinstance(country, str) and country:
        return country.upper()
    if node.uid.startswith("teryt:"):
        return "PL"
    for prefix, at in UID_COUNTRY:
        if node.uid.startswith(prefix) and node.label != NodeLabel.NETWORK:
            code = node.uid[at : at + 2]
            return code if code.isalpha() and code.isupper() else None
    return None


@dataclass(frozen=True)
class PriorityTally:
    """One priority's evidence: ``cells`` maps a column (None: no country/region) to
    (evidence keys, distinct partners); ``sample`` holds every chain of the first partners
    (by uid) until ``sample`` keys were reached, sorted by :attr:`Chain.order`."""

    priority: str
    cells: dict[str | None, tuple[int, int]]
    evidence: int
    partners: int
    sample: list[Chain] = field(default_factory=list)


@dataclass(frozen=True)
class CoverageCounts:
    """Every asked priority's tally (those without evidence are absent) and the sources cited
    by the chain each key counts with (:func:`preference`: its carrier, link, principal
    relationship and alignment), which the answer's coverage lists."""

    tallies: dict[str, PriorityTally]
    sources: frozenset[str]


def _key(chain: Chain) -> tuple[str, ...]:
    # the link's identity as a tuple: Edge.id formats a string, which at keep.eu scale
    # (600,000 chains) costs more than the rest of the count
    link = chain.link
    carrier = chain.carrier.uid if chain.carrier else ""
    if link is None:
        return (chain.kind, carrier)
    return (chain.kind, carrier, link.type, link.source, link.target, link.key)


def preference(chain: Chain) -> tuple[int, str, str, str]:
    """Which of several chains through one key counts (and is shown): direct before strong
    before partial alignment (an alignment without a recorded strength is partial), then by
    uids."""
    if chain.alignment is None:
        rank = 0
    else:
        rank = 1 if chain.alignment.properties.get("strength") == "strong" else 2
    return (rank, chain.asked.uid, chain.priority.uid, chain.principal.id)


def _parts(chain: Chain) -> Iterable[Node | Edge]:
    """The parts of a chain whose sources an answer cites."""
    yield chain.principal
    for part in (chain.link, chain.alignment, chain.carrier):
        if part is not None:
            yield part


def count_chains(
    chains: Iterable[Chain],
    columns: dict[str, str | None],
    sample: int,
) -> CoverageCounts:
    """The counts of ``chains`` (every priority asked on its own), with each partner's
    column from ``columns`` (partner uid → column); see :class:`PriorityTally`."""
    with gc_paused():  # hundreds of thousands of keys at keep.eu scale, none garbage
        return _count(chains, columns, sample)


def _count(
    chains: Iterable[Chain],
    columns: dict[str, str | None],
    sample: int,
) -> CoverageCounts:
    # per priority, per partner: the chains through each key
    grouped: dict[str, dict[str, dict[tuple[str, ...], list[Chain]]]] = {}
    for chain in chains:
        keys = grouped.setdefault(chain.asked.uid, {}).setdefault(chain.partner.uid, {})
        keys.setdefault(_key(chain), []).append(chain)
    # the sources of the chain each key counts with, as the answer cites it; the parts are
    # shared by many chains (a project by all its partners), so each is read once
    parts = {
        id(part): part
        for partners in grouped.values()
        for keys in partners.values()
        for found in keys.values()
        for part in _parts(found[0] if len(found) == 1 else min(found, key=preference))
    }
    sources = {source for part in parts.values() for source in part.sources}
    tallies: dict[str, PriorityTally] = {}
    for priority, partners in grouped.items():
        cells: dict[str | None, tuple[int, int]] = {}
        taken: list[Chain] = []
        keys_taken = 0
        for partner in sorted(partners):
            keys = partners[partner]
            column = columns[partner]
            evidence, count = cells.get(column, (0, 0))
            cells[column] = (evidence + len(keys), count + 1)
            if keys_taken < sample:
                keys_taken += len(keys)
                taken.extend(chain for found in keys.values() for chain in found)
        taken.sort(key=lambda chain: chain.order)
        tallies[priority] = PriorityTally(
            priority=priority,
            cells=cells,
            evidence=sum(evidence for evidence, _ in cells.values()),
            partners=len(partners),
            sample=taken,
        )
    return CoverageCounts(tallies, frozenset(sources))


def nearest_regions(
    store: GraphStore, nodes: Sequence[Node], at: dt.date | None
) -> dict[str, str | None]:
    """The nearest Region of each node up PART_OF / LOCATED_IN (the node itself when it is
    one; the smallest uid among the nearest; at most ``REGION_STEPS`` steps up), as of
    ``at``, one ``neighbours_of`` call per step."""
    found: dict[str, str | None] = {}
    # per node: the frontier of its walk; all walks advance together, one layer per call
    frontiers: dict[str, list[Node]] = {node.uid: [node] for node in nodes}
    seen: dict[str, set[str]] = {node.uid: {node.uid} for node in nodes}
    for _ in range(REGION_STEPS + 1):
        for uid, frontier in list(frontiers.items()):
            regions = sorted(n.uid for n in frontier if n.label == NodeLabel.REGION)
            if regions:
                found[uid] = regions[0]
                del frontiers[uid]
        if not frontiers:
            break
        ups = store.neighbours_of(
            {n.uid for frontier in frontiers.values() for n in frontier},
            types=[RelType.PART_OF, RelType.LOCATED_IN],
            direction="out",
            at=at,
        )
        for uid, frontier in list(frontiers.items()):
            step = []
            for current in frontier:
                for n in ups.get(current.uid, []):
                    if n.node.uid not in seen[uid]:
                        seen[uid].add(n.node.uid)
                        step.append(n.node)
            if step:
                frontiers[uid] = step
            else:
                del frontiers[uid]
    return {node.uid: found.get(node.uid) for node in nodes}


def coverage_counts(
    store: GraphStore,
    chains: Iterable[Chain],
    window: Window,
    *,
    priorities: Collection[str] | None,
    by: Column,
    partners: Collection[str] | None,
    countries: Collection[str] | None,
    sample: int,
) -> CoverageCounts:
    """:meth:`GraphStore.coverage_counts` over ``chains``: those of
    ``store.evidence_chains(None, window=window, aligned=…)`` (the embedded store's answer),
    or at least the one each key counts with (a cache of findings). ``store`` is read only
    for the nearest regions."""
    asked = None if priorities is None else set(priorities)
    kept: list[Chain] = []
    located: dict[str, Node] = {}
    for chain in chains:
        partner = chain.partner
        if asked is not None and chain.asked.uid not in asked:
            continue
        if partners is not None and partner.uid not in partners:
            continue
        if countries is not None and partner_country(partner) not in countries:
            continue
        kept.append(chain)
        located[partner.uid] = partner
    if by == "country":
        columns = {uid: partner_country(node) for uid, node in located.items()}
    else:
        columns = nearest_regions(store, [located[uid] for uid in sorted(located)], window.at)
    return count_chains(kept, columns, sample)
