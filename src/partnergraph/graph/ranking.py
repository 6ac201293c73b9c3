"""Partner ranking: the store operation behind "which partners cover priority X, best first".

A partner's score is the sum of the weights of its pieces of evidence, one per key (partner,
kind, carrier, link; of several chains through one key the one :func:`coverage.preference`
puts first counts: :func:`counted_chains`, which ``findings_of`` uses too)::

    weight = kind × role × status × alignment × recency

The factors are documented with the query (:mod:`partnergraph.queries.partners`); they live
here because both stores apply them: the embedded store over its chains (this module), Neo4j
in the statement that walks the chains (``graph/neo4j_ranking.py``), so that only the first
partners' scores leave the server, not the thousands of chains of a well-covered priority.

The store orders partners by score, evidence count and latest evidence, then uid, and returns
the first ``top`` of them *and every partner tied with the last of those* on the first three:
the query layer breaks such ties by name with case and diacritics folded
(:func:`partnergraph.text.fold`), which Cypher cannot do, and then by uid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from partnergraph.graph.chains import Chain
from partnergraph.graph.coverage import partner_country, preference
from partnergraph.model import Node, PropValue

__all__ = [
    "ALIGNMENT_WEIGHT",
    "KIND_WEIGHT",
    "RECENCY_STEP_YEARS",
    "ROLE_WEIGHT",
    "STATUS_WEIGHT",
    "Ranking",
    "Scored",
    "chain_role",
    "chain_status",
    "chain_strength",
    "chain_weight",
    "counted_chains",
    "evidence_key",
    "first_with_ties",
    "kind_matches",
    "rank_chains",
]

KIND_WEIGHT = {"agreement": 3.0, "project": 2.0, "network": 1.0, "declared": 1.0}
ROLE_WEIGHT = {"lead": 1.5, "associated": 0.5}
ALIGNMENT_WEIGHT = {"strong": 0.75, "partial": 0.5}
STATUS_WEIGHT = 0.5
RECENCY_STEP_YEARS = 5


def _text(value: PropValue | None) -> str | None:
    return value if isinstance(value, str) and value else None


def chain_role(chain: Chain) -> str | None:
    """The partner's role: the link's ``role``, else signatory or member; None if declared."""
    if chain.kind == "declared" or chain.link is None:
        return None
    return _text(chain.link.properties.get("role")) or {
        "agreement": "signatory",
        "network": "member",
    }.get(chain.kind)


def chain_status(chain: Chain) -> str | None:
    """The agreement's or the membership's status, when the data records one."""
    if chain.kind == "agreement" and chain.carrier is not None:
        return _text(chain.carrier.properties.get("status"))
    if chain.kind == "network" and chain.link is not None:
        return _text(chain.link.properties.get("status"))
    return None


def chain_strength(chain: Chain) -> str | None:
    """None when direct; the ALIGNS_WITH strength (``partial`` if unrecorded) otherwise."""
    if chain.alignment is None:
        return None
    return _text(chain.alignment.properties.get("strength")) or "partial"


def chain_weight(chain: Chain, ref: dt.date) -> float:
    """The weight of one piece of evidence, rounded to 4 decimals."""
    weight = KIND_WEIGHT[chain.kind]
    if chain.kind == "project":
        weight *= ROLE_WEIGHT.get(chain_role(chain) or "", 1.0)
    status = chain_status(chain)
    if status == "suspended" or (status == "ended" and chain.end is None):
        weight *= STATUS_WEIGHT
    strength = chain_strength(chain)
    if strength is not None:
        weight *= ALIGNMENT_WEIGHT.get(strength, ALIGNMENT_WEIGHT["partial"])
    if chain.end is not None and chain.end < ref.isoformat():
        steps = (ref.year - int(chain.end[:4])) // RECENCY_STEP_YEARS
        weight *= 0.5**steps
    return round(weight, 4)


def kind_matches(node: Node, kinds: Collection[str]) -> bool:
    """The node's label or its ``kind`` property, lower-cased, is one of ``kinds``."""
    own = node.properties.get("kind")
    return node.label.value.lower() in kinds or (isinstance(own, str) and own.lower() in kinds)


@dataclass(frozen=True)
class Scored:
    """One partner's place: its score (rounded to 4 decimals), evidence count and the latest
    day any of its evidence held (at most the reference day; ongoing evidence counts as it)."""

    uid: str
    name: str
    score: float
    evidence: int
    latest: str

    @property
    def order(self) -> tuple[float, int, str]:
        """What the store orders by (descending), before the uid."""
        return (self.score, self.evidence, self.latest)


@dataclass(frozen=True)
class Ranking:
    """``top``: the first partners and those tied with the last of them (see the module
    docstring), best first; ``total``: how many partners pass the filters; ``aligned``: the
    priorities (sorted uids) some piece of evidence counts through by alignment, over every
    partner, filtered or not."""

    total: int
    top: list[Scored]
    aligned: list[str]


def evidence_key(chain: Chain) -> tuple[str, str, str, str]:
    """One partner's one tie to one carrier (partner, kind, carrier, link): one piece of
    evidence per question, however many of the asked (or aligned) priorities it reaches."""
    return (
        chain.partner.uid,
        chain.kind,
        chain.carrier.uid if chain.carrier else "",
        chain.link.id if chain.link else "",
    )


def counted_chains(chains: Iterable[Chain]) -> dict[tuple[str, str, str, str], Chain]:
    """The chain each piece of evidence counts with, by :func:`evidence_key`: of several
    chains through one key, the one :func:`coverage.preference` puts first."""
    best: dict[tuple[str, str, str, str], Chain] = {}
    for chain in chains:
        key = evidence_key(chain)
        kept = best.get(key)
        if kept is None or preference(chain) < preference(kept):
            best[key] = chain
    return best


def rank_chains(
    chains: Iterable[Chain],
    ref: dt.date,
    *,
    top: int,
    exclude: Collection[str] = (),
    partners: Collection[str] | None = None,
    countries: Collection[str] | None = None,
    kinds: Collection[str] | None = None,
) -> Ranking:
    """The ranking of the partners of ``chains`` (one question): ``exclude`` leaves partners
    out, ``partners`` keeps only these uids, ``countries`` only these ISO codes (upper case),
    ``kinds`` only these labels or organisation kinds (lower case)."""
    best = counted_chains(chains)
    aligned = sorted({c.priority.uid for c in best.values() if c.alignment is not None})
    day = ref.isoformat()
    per_partner: dict[str, list[Chain]] = {}
    for chain in best.values():
        per_partner.setdefault(chain.partner.uid, []).append(chain)
    scored: list[Scored] = []
    for uid, group in per_partner.items():
        partner = group[0].partner
        if uid in exclude or (partners is not None and uid not in partners):
            continue
        if countries is not None and partner_country(partner) not in countries:
            continue
        if kinds is not None and not kind_matches(partner, kinds):
            continue
        score = round(sum(chain_weight(chain, ref) for chain in group), 4)
        latest = max(min(chain.end or day, day) for chain in group)
        scored.append(Scored(uid, partner.name, score, len(group), latest))
    return Ranking(len(scored), first_with_ties(scored, top), aligned)


def first_with_ties(scored: list[Scored], top: int) -> list[Scored]:
    """The first ``top`` of ``scored`` in the store's order, and those tied with the last."""
    scored.sort(key=lambda s: (-s.score, -s.evidence, _descending(s.latest), s.uid))
    if len(scored) <= top:
        return scored
    last = scored[top - 1].order
    end = top
    while end < len(scored) and scored[end].order == last:
        end += 1
    return scored[:end]


def _descending(day: str) -> int:
    return -dt.date.fromisoformat(day).toordinal()
