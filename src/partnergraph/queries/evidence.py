"""How the query layer decides that an actor covers a priority, in one place.

Evidence is a chain of relationships ending at a priority: an agreement the partner signed,
a project it takes part in, a network or body it is a member of, or a theme it declares
(:mod:`partnergraph.graph.chains` lists the four kinds).

A chain counts for a priority asked about directly, or through one ALIGNS_WITH step to a
priority of another framework (never two: crosswalks are not transitive). A chain holds when
every relationship in it, the partner, the intermediate node and the priority hold at the same
time: its period is their intersection, and a chain whose parts never overlapped is no
evidence at all. The chains themselves come from the store
(:meth:`~partnergraph.graph.store.GraphStore.evidence_chains` and ``actor_chains``: one Cypher
statement on Neo4j, a walk of the live graph in memory, see :mod:`partnergraph.graph.chains`);
this module decides which of them count and how an answer shows them. A whole-graph copy
(a notebook's ``to_networkx()``) is walked by the same code through
:class:`~partnergraph.graph.reader.GraphReader`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from partnergraph.gcpause import gc_paused
from partnergraph.graph import chains
from partnergraph.graph.chains import (
    KINDS,
    PARTNER_LABELS,
    Chain,
    Kind,
)
from partnergraph.graph.coverage import partner_country
from partnergraph.graph.ranking import (
    chain_role,
    chain_status,
    chain_strength,
    chain_weight,
    counted_chains,
    evidence_key,
)
from partnergraph.graph.reader import GraphReader
from partnergraph.model import Direction, Neighbour, Node, NodeLabel, RelType
from partnergraph.queries import _cache
from partnergraph.queries.answers import EvidenceItem, Lang, Relationship
from partnergraph.queries.sentences import finding_sentence
from partnergraph.window import Window

if TYPE_CHECKING:
    from partnergraph.graph.store import GraphStore


class Reader(Protocol):
    """What a walk of a few nodes needs: a GraphStore, a snapshot or a whole-graph reader."""

    def neighbours(
        self,
        uid: str,
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = "both",
    ) -> list[Neighbour]: ...


__all__ = [
    "KINDS",
    "PARTNER_LABELS",
    "Chain",
    "Finding",
    "GraphReader",
    "Kind",
    "Reader",
    "Window",
    "actor_order",
    "cached_every_priority_findings",
    "cached_priority_findings",
    "every_priority_findings",
    "evidence_items",
    "findings_for_actor",
    "findings_for_priorities",
    "findings_of",
    "partner_country",
    "reference_day",
    "weighed",
]


def every_priority_findings(
    store: GraphStore, window: Window, aligned: bool
) -> dict[str, list[Finding]]:
    """Evidence for every priority of the graph, each asked about on its own (by priority
    uid), from the store (one statement per batch of priorities on Neo4j); cached per data
    version. The gap queries need all of it; ``partners_for_priority`` takes one priority's
    share when it is there."""

    def compute() -> dict[str, list[Finding]]:
        with gc_paused():  # hundreds of thousands of findings at keep.eu scale, none garbage
            by_priority: dict[str, list[Chain]] = {
                node.uid: [] for node in store.nodes(NodeLabel.PRIORITY)
            }
            for chain in store.evidence_chains(None, window=window, aligned=aligned):
                by_priority.setdefault(chain.asked.uid, []).append(chain)
            return {uid: findings_of(chains) for uid, chains in by_priority.items()}

    return _cache.memo(store, _every_key(window, aligned), compute)


def cached_priority_findings(
    store: GraphStore, priority: str, window: Window, aligned: bool
) -> list[Finding] | None:
    """One priority's findings from :func:`every_priority_findings` if that is cached."""
    every = cached_every_priority_findings(store, window, aligned)
    return None if every is None else every.get(priority)


def cached_every_priority_findings(
    store: GraphStore, window: Window, aligned: bool
) -> dict[str, list[Finding]] | None:
    """:func:`every_priority_findings` if it is cached, else None (nothing computed)."""
    found: dict[str, list[Finding]] | None = _cache.peek(store, _every_key(window, aligned))
    return found


def _every_key(window: Window, aligned: bool) -> tuple[str, str | None, str | None, bool]:
    # the day of a snapshot is part of its data version, not of the key
    return (
        "priority-findings",
        window.start.isoformat() if window.start else None,
        window.end.isoformat() if window.end else None,
        aligned,
    )


def reference_day(at: dt.date | None, reference_date: dt.date | None) -> dt.date:
    """The day recency and tense are measured from: explicit, else ``at``, else today."""
    return reference_date or at or dt.date.today()


@dataclass(frozen=True, eq=False)
class Finding(Chain):
    """One chain of evidence that ``partner`` covers ``asked`` (through ``priority``), as the
    query layer counts and shows it."""

    @classmethod
    def of(cls, chain: Chain) -> Finding:
        # The same fields: share the chain's attribute dict instead of running the frozen
        # dataclass __init__ again (hundreds of thousands of chains at keep.eu scale).
        finding = object.__new__(cls)
        finding.__dict__.update(chain.__dict__)
        return finding

    @property
    def role(self) -> str | None:
        return chain_role(self)

    @property
    def status(self) -> str | None:
        """The agreement's or the membership's status, when the data records one."""
        return chain_status(self)

    @property
    def strength(self) -> str | None:
        """None when direct; the ALIGNS_WITH strength (``partial`` if unrecorded) otherwise."""
        return chain_strength(self)

    @property
    def chain_key(self) -> tuple[str, str, str, str]:
        """One partner's one tie to one carrier: counted once per question, however many of
        the asked (or aligned) priorities it reaches."""
        return evidence_key(self)

    def sources(self) -> list[str]:
        ids: set[str] = set(self.principal.sources)
        for edge in (self.link, self.alignment):
            if edge is not None:
                ids.update(edge.sources)
        if self.carrier is not None:
            ids.update(self.carrier.sources)
        return sorted(ids)

    def item(self, lang: Lang, ref: dt.date, weight: float | None = None) -> EvidenceItem:
        """This finding as an answer shows it."""
        source = self.carrier or self.partner
        supporting = [Relationship.of(e) for e in (self.link, self.alignment) if e is not None]
        return EvidenceItem(
            type=self.principal.type,
            from_uid=self.principal.source,
            from_name=source.display_name(lang),
            to_uid=self.principal.target,
            to_name=self.priority.display_name(lang),
            key=self.principal.key,
            valid_from=self.start,
            valid_to=self.end,
            sources=self.sources(),
            via_alignment=self.priority.uid if self.alignment is not None else None,
            explanation=finding_sentence(
                kind=self.kind,
                partner=self.partner,
                carrier=self.carrier,
                link=self.link,
                priority=self.priority,
                asked=self.asked,
                alignment=self.alignment,
                start=self.start,
                end=self.end,
                lang=lang,
                ref=ref,
            ),
            kind=self.kind,
            role=self.role,
            weight=weight,
            supporting=supporting,
        )


def findings_of(chains: Iterable[Chain]) -> list[Finding]:
    """The chains of one question as findings: one per partner and carrier (direct before
    strong before partial alignment, then by uids), sorted by (partner, kind, carrier, link)."""
    best = counted_chains(chains)
    return [Finding.of(best[key]) for key in sorted(best)]


def weighed(findings: Iterable[Finding], ref: dt.date) -> list[tuple[float, Finding]]:
    """Each finding with its weight (:func:`~partnergraph.graph.ranking.chain_weight`, recency
    from ``ref``), heaviest first, then by :attr:`Finding.chain_key`: how an answer lists a
    partner's evidence."""
    found = [(chain_weight(f, ref), f) for f in findings]
    found.sort(key=lambda wf: (-wf[0], wf[1].chain_key))
    return found


def findings_for_priorities(
    graph: GraphStore | GraphReader,
    asked: Sequence[Node],
    window: Window,
    *,
    aligned: bool = True,
) -> list[Finding]:
    """Every chain of evidence for the asked priorities (one question), one per partner and
    carrier, sorted by (partner uid, kind, carrier uid, link id). With ``aligned``, chains
    ending at a priority one ALIGNS_WITH step away count too, marked with that alignment.
    ``graph``: the store (its ``evidence_chains``) or a whole-graph reader (walked here)."""
    if isinstance(graph, GraphReader):
        return findings_of(chains.priority_chains(graph, asked, window, aligned=aligned))
    uids = [node.uid for node in asked]
    return findings_of(graph.evidence_chains(uids, window=window, aligned=aligned))


def findings_for_actor(
    graph: GraphStore | GraphReader, actor: Node, window: Window
) -> list[Finding]:
    """Every direct chain from one actor (or network) to any priority, each reported for the
    priority it ends at (no alignment), sorted by :func:`actor_order`."""
    if isinstance(graph, GraphReader):
        found = chains.actor_chains(graph, actor, window)
    else:
        found = graph.actor_chains([actor.uid], window=window)
    return sorted((Finding.of(chain) for chain in found), key=actor_order)


def actor_order(finding: Chain) -> tuple[str, str, str, str, str]:
    """Findings of one actor: by (priority uid, kind, carrier, link, principal)."""
    return (
        finding.priority.uid,
        finding.kind,
        finding.carrier.uid if finding.carrier else "",
        finding.link.id if finding.link else "",
        finding.principal.id,
    )


def evidence_items(findings: Iterable[Finding], lang: Lang, ref: dt.date) -> list[EvidenceItem]:
    """Findings as evidence items, without weights, in the findings' order."""
    return [finding.item(lang, ref) for finding in findings]
