"""How the query layer decides that an actor covers a priority, in one place.

Four kinds of evidence, each a chain of relationships ending at a priority:

============  ===========================================================================
kind          chain
============  ===========================================================================
agreement     Agreement ─SIGNED_BY→ partner, Agreement ─COVERS→ priority
project       partner ─PARTICIPATES_IN→ Project ─ADDRESSES→ priority
network       partner ─MEMBER_OF→ Network/Organisation ─FOCUSES_ON→ priority
declared      partner ─FOCUSES_ON→ priority (a network's or an actor's declared theme)
============  ===========================================================================

A chain counts for a priority asked about directly, or through one ALIGNS_WITH step to a
priority of another framework (never two: crosswalks are not transitive). A chain holds when
every relationship in it, the partner, the intermediate node and the priority hold at the same
time: its period is their intersection, and a chain whose parts never overlapped is no
evidence at all. ``partners_for_priority`` walks these chains from the priority with the
store's ``neighbours()`` (no whole-graph scan); the gap and cluster queries walk the same code
over ``to_networkx()`` through :class:`GraphReader`, so both directions find the same chains.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from partnergraph.errors import NotFound, QueryError
from partnergraph.gcpause import gc_paused
from partnergraph.model import (
    ACTOR_LABELS,
    Direction,
    Edge,
    Neighbour,
    Node,
    NodeLabel,
    PropValue,
    RelType,
)
from partnergraph.queries import _cache
from partnergraph.queries.answers import EvidenceItem, Lang, Relationship
from partnergraph.queries.sentences import finding_sentence, intersect

if TYPE_CHECKING:
    import networkx as nx

    from partnergraph.graph.store import GraphStore

__all__ = [
    "KINDS",
    "PARTNER_LABELS",
    "Finding",
    "GraphReader",
    "Kind",
    "Reader",
    "Window",
    "actor_order",
    "cached_priority_findings",
    "cached_reader",
    "direct_priorities",
    "every_priority_findings",
    "evidence_items",
    "findings_for_actor",
    "findings_for_priorities",
    "partner_country",
    "reader_for",
    "reference_day",
]

Kind = Literal["agreement", "project", "network", "declared"]
KINDS: tuple[Kind, ...] = ("agreement", "project", "network", "declared")
#: Who can be a partner: actors, and networks (which sign, take part and declare themes).
PARTNER_LABELS = ACTOR_LABELS | {NodeLabel.NETWORK}
_PRINCIPAL = [RelType.ADDRESSES, RelType.COVERS, RelType.FOCUSES_ON]


class Reader(Protocol):
    """What evidence needs from a graph: a GraphStore (or a snapshot) or a GraphReader."""

    def neighbours(
        self,
        uid: str,
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = "both",
    ) -> list[Neighbour]: ...


class GraphReader:
    """``neighbours()`` over a ``to_networkx()`` graph, in the order the stores use.

    Whole-graph queries read thousands of nodes; one networkx graph fetched once beats
    thousands of round trips to a server. The graph is only read, never changed.
    """

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self._by_type: dict[RelType, list[Edge]] | None = None
        # A plain dict: whole-graph queries look nodes up millions of times, and networkx's
        # node view costs several times a dict lookup (a filtered snapshot more still).
        self._nodes: dict[str, Node] = dict(graph.nodes(data="node"))

    def node(self, uid: str) -> Node:
        try:
            return self._nodes[uid]
        except KeyError:
            raise NotFound(uid) from None

    def nodes(self, label: NodeLabel | None = None) -> list[Node]:
        found = [
            node
            for _, node in self.graph.nodes(data="node")
            if label is None or node.label == label
        ]
        return sorted(found, key=lambda node: node.uid)

    def edges(self, rel_type: RelType) -> list[Edge]:
        """Relationships of one type, sorted by (source, target, key)."""
        return self.edges_by_type([rel_type])[rel_type]

    def edges_by_type(self, rel_types: Iterable[RelType]) -> dict[RelType, list[Edge]]:
        """Relationships of several types, each list sorted by (source, target, key).

        Every type is sorted out in one pass the first time and kept: readers are cached per
        data version and whole-graph queries ask for the same lists again and again. The
        lists are shared; callers must not change them.
        """
        if self._by_type is None:
            found: dict[RelType, list[Edge]] = {rel_type: [] for rel_type in RelType}
            for _, _, edge in self.graph.edges(data="edge"):
                found[edge.type].append(edge)
            for bucket in found.values():
                bucket.sort(key=lambda e: (e.source, e.target, e.key))
            self._by_type = found
        return {rel_type: self._by_type[rel_type] for rel_type in rel_types}

    def neighbours(
        self,
        uid: str,
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = "both",
    ) -> list[Neighbour]:
        if uid not in self.graph:
            raise NotFound(uid)
        wanted = set(types) if types else None
        found: list[Neighbour] = []
        nodes = self.graph.nodes
        if direction in ("out", "both"):
            for _, other, edge in self.graph.out_edges(uid, data="edge"):
                if wanted is None or edge.type in wanted:
                    found.append(
                        Neighbour.model_construct(
                            edge=edge, node=nodes[other]["node"], direction="out"
                        )
                    )
        if direction in ("in", "both"):
            for other, _, edge in self.graph.in_edges(uid, data="edge"):
                if other == uid and direction == "both":
                    continue
                if wanted is None or edge.type in wanted:
                    found.append(
                        Neighbour.model_construct(
                            edge=edge, node=nodes[other]["node"], direction="in"
                        )
                    )
        found.sort(key=lambda n: (n.edge.type.value, n.node.uid, n.edge.key, n.direction))
        return found


def cached_reader(store: GraphStore) -> GraphReader:
    """The whole graph as a :class:`GraphReader`, made once per data version and shared by
    the whole-graph queries (on Neo4j ``to_networkx()`` exports the whole graph)."""
    return _cache.memo(store, ("graph-reader",), lambda: GraphReader(store.to_networkx()))


def reader_for(store: GraphStore) -> Reader:
    """What a query that walks from a few nodes should read: the cached whole-graph reader
    when one exists for this data version (no round trips to a server), else the store."""
    reader: GraphReader | None = _cache.peek(store, ("graph-reader",))
    return reader if reader is not None else store


def every_priority_findings(
    store: GraphStore, window: Window, aligned: bool
) -> dict[str, list[Finding]]:
    """Evidence for every priority of the graph, each asked about on its own (by priority
    uid), from the cached whole-graph reader; cached per data version. The gap queries need
    all of it; ``partners_for_priority`` takes one priority's share when it is there."""

    def compute() -> dict[str, list[Finding]]:
        reader = cached_reader(store)
        with gc_paused():  # hundreds of thousands of findings at keep.eu scale, none garbage
            return {
                node.uid: findings_for_priorities(reader, [node], window, aligned=aligned)
                for node in reader.nodes(NodeLabel.PRIORITY)
            }

    return _cache.memo(store, _every_key(window, aligned), compute)


def cached_priority_findings(
    store: GraphStore, priority: str, window: Window, aligned: bool
) -> list[Finding] | None:
    """One priority's findings from :func:`every_priority_findings` if that is cached."""
    every: dict[str, list[Finding]] | None = _cache.peek(store, _every_key(window, aligned))
    return None if every is None else every.get(priority)


def _every_key(window: Window, aligned: bool) -> tuple[str, str | None, str | None, bool]:
    # the day of a snapshot is part of its data version, not of the key
    return (
        "priority-findings",
        window.start.isoformat() if window.start else None,
        window.end.isoformat() if window.end else None,
        aligned,
    )


@dataclass(frozen=True)
class Window:
    """The time an answer looks at: one day (``at``), a period (``start``–``end``) or all time.

    A chain is admitted when its own period contains the day, or overlaps the period.
    """

    at: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    @classmethod
    def of(cls, at: dt.date | None, period: tuple[dt.date, dt.date] | None) -> Window:
        """The window of a question asked on one day, over a period, or for all time.

        Raises
        ------
        QueryError
            Both a day and a period, or a period that ends before it starts.
        """
        if period is None:
            return cls(at=at)
        if at is not None:
            raise QueryError("give either a day (at) or a period, not both")
        start, end = period
        if start > end:
            raise QueryError(f"the period ends before it starts ({start} > {end})")
        return cls(start=start, end=end)

    def admits(self, lo: str | None, hi: str | None) -> bool:
        if lo is not None and hi is not None and lo > hi:
            return False
        if self.at is not None:
            day = self.at.isoformat()
            return (lo is None or lo <= day) and (hi is None or day <= hi)
        if self.start is not None and hi is not None and hi < self.start.isoformat():
            return False
        return not (self.end is not None and lo is not None and lo > self.end.isoformat())

    @property
    def period(self) -> tuple[dt.date, dt.date] | None:
        if self.start is None or self.end is None:
            return None
        return (self.start, self.end)


def reference_day(at: dt.date | None, reference_date: dt.date | None) -> dt.date:
    """The day recency and tense are measured from: explicit, else ``at``, else today."""
    return reference_date or at or dt.date.today()


def _text(value: PropValue | None) -> str | None:
    return value if isinstance(value, str) and value else None


@dataclass(frozen=True, eq=False)
class Finding:
    """One chain of evidence that ``partner`` covers ``asked`` (through ``priority``)."""

    partner: Node
    kind: Kind
    carrier: Node | None
    link: Edge | None
    principal: Edge
    priority: Node
    asked: Node
    alignment: Edge | None
    start: str | None
    end: str | None

    @property
    def role(self) -> str | None:
        if self.kind == "declared" or self.link is None:
            return None
        return _text(self.link.properties.get("role")) or {
            "agreement": "signatory",
            "network": "member",
        }.get(self.kind)

    @property
    def status(self) -> str | None:
        """The agreement's or the membership's status, when the data records one."""
        if self.kind == "agreement" and self.carrier is not None:
            return _text(self.carrier.properties.get("status"))
        if self.kind == "network" and self.link is not None:
            return _text(self.link.properties.get("status"))
        return None

    @property
    def strength(self) -> str | None:
        """None when direct; the ALIGNS_WITH strength (``partial`` if unrecorded) otherwise."""
        if self.alignment is None:
            return None
        return _text(self.alignment.properties.get("strength")) or "partial"

    @property
    def chain_key(self) -> tuple[str, str, str, str]:
        """One partner's one tie to one carrier: counted once per question, however many of
        the asked (or aligned) priorities it reaches."""
        return (
            self.partner.uid,
            self.kind,
            self.carrier.uid if self.carrier else "",
            self.link.id if self.link else "",
        )

    @property
    def preference(self) -> tuple[int, str, str, str]:
        """Which of several findings of the same chain to keep: direct before strong before
        partial alignment, then by uids."""
        rank = {None: 0, "strong": 1}.get(self.strength, 2)
        return (rank, self.asked.uid, self.priority.uid, self.principal.id)

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


def _finding(
    window: Window,
    partner: Node,
    kind: Kind,
    carrier: Node | None,
    link: Edge | None,
    principal: Edge,
    priority: Node,
    asked: Node,
    alignment: Edge | None,
) -> Finding | None:
    parts: list[tuple[str | None, str | None]] = [
        (partner.valid_from, partner.valid_to),
        (principal.valid_from, principal.valid_to),
        (priority.valid_from, priority.valid_to),
    ]
    for edge in (link, alignment):
        if edge is not None:
            parts.append((edge.valid_from, edge.valid_to))
    if carrier is not None:
        parts.append((carrier.valid_from, carrier.valid_to))
    start, end = intersect(parts)
    if not window.admits(start, end):
        return None
    return Finding(partner, kind, carrier, link, principal, priority, asked, alignment, start, end)


def _carried(
    reader: Reader, principal: Edge, source: Node
) -> list[tuple[Node, Kind, Node | None, Edge | None]]:
    """Partners behind one COVERS/ADDRESSES/FOCUSES_ON relationship."""
    found: list[tuple[Node, Kind, Node | None, Edge | None]] = []
    if principal.type == RelType.COVERS:
        for n in reader.neighbours(source.uid, types=[RelType.SIGNED_BY], direction="out"):
            if n.node.label in PARTNER_LABELS:
                found.append((n.node, "agreement", source, n.edge))
    elif principal.type == RelType.ADDRESSES:
        for n in reader.neighbours(source.uid, types=[RelType.PARTICIPATES_IN], direction="in"):
            if n.node.label in PARTNER_LABELS:
                found.append((n.node, "project", source, n.edge))
    elif source.label in PARTNER_LABELS:  # FOCUSES_ON: the body itself, then its members
        found.append((source, "declared", None, None))
        for n in reader.neighbours(source.uid, types=[RelType.MEMBER_OF], direction="in"):
            if n.node.label in PARTNER_LABELS:
                found.append((n.node, "network", source, n.edge))
    return found


def findings_for_priorities(
    reader: Reader,
    asked: Sequence[Node],
    window: Window,
    *,
    aligned: bool = True,
) -> list[Finding]:
    """Every chain of evidence for the asked priorities, one per partner and carrier.

    Sorted by (partner uid, kind, carrier uid, link id). With ``aligned``, chains ending at a
    priority one ALIGNS_WITH step away count too, marked with that alignment.
    """
    asked_uids = {node.uid for node in asked}
    targets: dict[str, list[tuple[Node, Node, Edge | None]]] = {}
    ordered = sorted(asked, key=lambda node: node.uid)
    for node in ordered:
        targets.setdefault(node.uid, []).append((node, node, None))
    if aligned:
        for node in ordered:
            for n in reader.neighbours(node.uid, types=[RelType.ALIGNS_WITH]):
                if n.node.uid not in asked_uids:
                    targets.setdefault(n.node.uid, []).append((n.node, node, n.edge))
    best: dict[tuple[str, str, str, str], Finding] = {}
    for uid in sorted(targets):
        for n in reader.neighbours(uid, types=_PRINCIPAL, direction="in"):
            carried = _carried(reader, n.edge, n.node)
            for priority, asked_node, alignment in targets[uid]:
                for partner, kind, carrier, link in carried:
                    found = _finding(
                        window,
                        partner,
                        kind,
                        carrier,
                        link,
                        n.edge,
                        priority,
                        asked_node,
                        alignment,
                    )
                    if found is None:
                        continue
                    kept = best.get(found.chain_key)
                    if kept is None or found.preference < kept.preference:
                        best[found.chain_key] = found
    return [best[key] for key in sorted(best)]


#: The chains from an actor: (kind, its link to the carrier, direction, the carrier's
#: relationship to the priority).
_ACTOR_CHAINS: list[tuple[Kind, RelType, Direction, RelType]] = [
    ("agreement", RelType.SIGNED_BY, "in", RelType.COVERS),
    ("project", RelType.PARTICIPATES_IN, "out", RelType.ADDRESSES),
    ("network", RelType.MEMBER_OF, "out", RelType.FOCUSES_ON),
]


def findings_for_actor(reader: Reader, actor: Node, window: Window) -> list[Finding]:
    """Every direct chain from one actor (or network) to any priority.

    The mirror of :func:`findings_for_priorities` without alignment: each chain ending at a
    priority is reported for that priority. Sorted by :func:`actor_order`.
    """
    found: list[Finding | None] = []
    uid = actor.uid
    for n in reader.neighbours(uid, types=[RelType.FOCUSES_ON], direction="out"):
        found.append(_finding(window, actor, "declared", None, None, n.edge, n.node, n.node, None))
    for kind, link_type, direction, principal_type in _ACTOR_CHAINS:
        for link in reader.neighbours(uid, types=[link_type], direction=direction):
            carrier = link.node
            if kind == "network" and carrier.label not in PARTNER_LABELS:
                continue
            for n in reader.neighbours(carrier.uid, types=[principal_type], direction="out"):
                found.append(
                    _finding(window, actor, kind, carrier, link.edge, n.edge, n.node, n.node, None)
                )
    return sorted((f for f in found if f is not None), key=actor_order)


def actor_order(finding: Finding) -> tuple[str, str, str, str, str]:
    """Findings of one actor: by (priority uid, kind, carrier, link, principal)."""
    return (
        finding.priority.uid,
        finding.kind,
        finding.carrier.uid if finding.carrier else "",
        finding.link.id if finding.link else "",
        finding.principal.id,
    )


def direct_priorities(
    reader: GraphReader, actors: Collection[str], window: Window
) -> Iterator[tuple[str, str]]:
    """(actor uid, priority uid) for each chain :func:`findings_for_actor` finds for these
    actors, in no particular order: the counts behind cluster labels, without the findings.

    The same chains, read from the whole graph's relationship lists instead of one
    ``neighbours()`` call per actor and carrier, and each carrier's own period worked out
    once: at keep.eu scale (~65k actors, ~375k chains) the per-actor walk took most of a
    clusters answer.
    """
    principal_types = {principal for *_, principal in _ACTOR_CHAINS}
    by_type = reader.edges_by_type(
        {RelType.FOCUSES_ON} | principal_types | {link for _, link, _, _ in _ACTOR_CHAINS}
    )
    # carrier uid, principal type → (priority uid, period of principal ∩ priority)
    onward: dict[tuple[str, RelType], list[tuple[str, tuple[str | None, str | None]]]] = {}
    for principal_type in principal_types:
        for edge in by_type[principal_type]:
            theme = reader.node(edge.target)
            onward.setdefault((edge.source, principal_type), []).append(
                (theme.uid, intersect([_period(edge), _period(theme)]))
            )
    wanted = set(actors)
    for uid in sorted(wanted):
        partner = _period(reader.node(uid))
        for theme_uid, period in onward.get((uid, RelType.FOCUSES_ON), []):
            if window.admits(*intersect([period, partner])):
                yield uid, theme_uid
    for kind, link_type, direction, principal_type in _ACTOR_CHAINS:
        for link in by_type[link_type]:
            actor_uid, carrier_uid = (
                (link.source, link.target) if direction == "out" else (link.target, link.source)
            )
            principals = onward.get((carrier_uid, principal_type))
            if actor_uid not in wanted or not principals:
                continue
            carrier = reader.node(carrier_uid)
            if kind == "network" and carrier.label not in PARTNER_LABELS:
                continue
            own = [_period(carrier), _period(link), _period(reader.node(actor_uid))]
            for theme_uid, period in principals:
                if window.admits(*intersect([period, *own])):
                    yield actor_uid, theme_uid


def _period(item: Node | Edge) -> tuple[str | None, str | None]:
    return (item.valid_from, item.valid_to)


_UID_COUNTRY = (("nuts:", 5), ("iso:", 4), ("town:", 5), ("country:", 8))


def partner_country(node: Node) -> str | None:
    """ISO country of a partner from its ``country`` property or its uid (``teryt:`` is
    Poland, ``nuts:SE213`` Sweden); None for networks and organisations without one."""
    country = node.properties.get("country")
    if isinstance(country, str) and country:
        return country.upper()
    if node.uid.startswith("teryt:"):
        return "PL"
    for prefix, at in _UID_COUNTRY:
        if node.uid.startswith(prefix) and node.label != NodeLabel.NETWORK:
            code = node.uid[at : at + 2]
            return code if code.isalpha() and code.isupper() else None
    return None


def evidence_items(findings: Iterable[Finding], lang: Lang, ref: dt.date) -> list[EvidenceItem]:
    """Findings as evidence items, without weights, in the findings' order."""
    return [finding.item(lang, ref) for finding in findings]
