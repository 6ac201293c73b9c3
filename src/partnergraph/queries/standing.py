"""Is an actor still in play on a given day? One rule, used by suggestions (and gaps).

An actor's *evidence* is what it does with others, each with the dates the graph records:

- its memberships, including roles in ERB bodies (MEMBER_OF, with ``status``
  active/suspended/ended),
- the agreements it signed (SIGNED_BY; the agreement's own dates and ``status``),
- the projects it takes part in (PARTICIPATES_IN; the project's dates),
- its town twinning (TWINNED_WITH).

Each piece of evidence holds from the later of its start dates to the earlier of its end dates
(the relationship's and the agreement's, project's, network's or twin town's). Declared themes
(FOCUSES_ON) are not activity and do not count.

The rules, checked in this order for a day *D* (the reference day, by default today):

=========  ===============================================================================
standing   when
=========  ===============================================================================
ended      the actor itself stopped existing before *D* (its own end date is before *D*:
           a merged gmina, a dissolved body)
unknown    the graph holds no dated evidence for it at all (nothing to judge by)
active     some evidence holds on *D* and is not suspended or ended (an undated membership
           or agreement whose recorded status is ``active`` counts: the source said so)
suspended  a membership is ``suspended`` on *D* and nothing else holds on *D*
           (Kaliningrad Oblast in the ERB since 2 March 2022)
ended      it has memberships or agreements, every one of them has ended by *D* (status
           ``ended`` or an end date before *D*), and no project or twinning of it holds on *D*
           or ended in the five years before *D*
active     some evidence ended in the five years before *D* (a project finished two years ago
           is recent activity)
inactive   otherwise: nothing holds on *D* and nothing ended in the last five years
=========  ===============================================================================

"Five years before *D*" means an end date on or after the same calendar day five years
earlier. Each answer names the relationships it rests on: the evidence holding on *D* for
*active*, the suspended memberships for *suspended*, the ended memberships and agreements for
*ended*, the recent evidence for a recent *active*, and all dated evidence for *inactive*.

The functions read only through ``Reader.neighbours`` (a store, a snapshot or a reader over
a networkx graph), or, for many actors at once, through ``GraphStore.neighbours_of``
(:func:`evidence_of`, :func:`activity_of`) or ``GraphStore.spans_of`` (:func:`statuses`: the
dates and status of each piece of evidence, not the relationship itself): one call per kind of
evidence and batch of actors. Give them the whole graph, not a snapshot of one day, or
evidence that ended before that day is invisible to them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

from partnergraph.graph.store import GraphStore
from partnergraph.model import Edge, Neighbour, Node, RelType, Span
from partnergraph.queries.evidence import Reader
from partnergraph.queries.sentences import intersect

__all__ = [
    "EVIDENCE",
    "RECENT_YEARS",
    "Standing",
    "StandingStatus",
    "activity_in",
    "activity_of",
    "evidence_of",
    "standing",
    "statuses",
]

StandingStatus = Literal["active", "suspended", "ended", "inactive", "unknown"]
_Ref = TypeVar("_Ref")

#: Evidence that ended at most this many years before the day still counts as activity.
RECENT_YEARS = 5

_FORMAL = (RelType.MEMBER_OF, RelType.SIGNED_BY)
#: (relationship, direction from the actor)
EvidenceKind = tuple[RelType, Literal["in", "out", "both"]]
#: The kinds of evidence, in the order an actor's evidence is read:
#: (relationship, direction from the actor).
EVIDENCE: tuple[EvidenceKind, ...] = (
    (RelType.MEMBER_OF, "out"),
    (RelType.SIGNED_BY, "in"),
    (RelType.PARTICIPATES_IN, "out"),
    (RelType.TWINNED_WITH, "both"),
)


@dataclass(frozen=True)
class Standing:
    """An actor's standing on ``day`` and the relationships it rests on.

    ``last_seen`` is the latest end of its dated evidence (ISO date; ``day`` itself when
    something holds on it), or the actor's own end date when it ceased to exist.
    """

    status: StandingStatus
    day: dt.date
    rests_on: tuple[Edge, ...] = ()
    last_seen: str | None = None

    @property
    def current(self) -> bool:
        """Worth suggesting: active, or unknown (no dates to judge by)."""
        return self.status in ("active", "unknown")


@dataclass(frozen=True)
class _Item(Generic[_Ref]):
    """One piece of evidence: its kind, the period it holds and its status, and ``ref``, what
    an answer names for it (the relationship, where it was read whole)."""

    type: RelType
    start: str | None
    end: str | None
    status: str | None
    ref: _Ref

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


def _item(span: Span, ref: _Ref) -> _Item[_Ref]:
    start, end = intersect([(span.valid_from, span.valid_to), (span.other_from, span.other_to)])
    # a membership's status is the membership's; an agreement's, the agreement's own
    value = (
        span.status
        if span.type == RelType.MEMBER_OF
        else span.other_status
        if span.type == RelType.SIGNED_BY
        else None
    )
    status = value.lower() if isinstance(value, str) and value else None
    return _Item(span.type, start, end, status, ref)


def _items(reader: Reader, node: Node) -> list[_Item[Edge]]:
    return [
        _item(Span.of(n), n.edge)
        for rel_type, direction in EVIDENCE
        for n in reader.neighbours(node.uid, types=[rel_type], direction=direction)
    ]


def evidence_of(
    store: GraphStore,
    uids: Iterable[str],
    kinds: Sequence[EvidenceKind] = EVIDENCE,
) -> dict[EvidenceKind, dict[str, list[Neighbour]]]:
    """The neighbours of many actors for each kind of evidence in ``kinds``: one
    ``neighbours_of`` call per kind (the caller batches ``uids``). An actor without
    evidence of a kind is left out of that kind's dict."""
    wanted = list(uids)
    return {
        (rel_type, direction): store.neighbours_of(wanted, types=[rel_type], direction=direction)
        for rel_type, direction in kinds
    }


def standing(reader: Reader, node: Node, day: dt.date) -> Standing:
    """The standing of ``node`` on ``day`` (see the module docstring for the rules)."""
    if _ceased(node, day):
        return Standing("ended", day, (), node.valid_to)
    status, rests_on, last_seen = _judge(_items(reader, node), day)
    return Standing(status, day, tuple(item.ref for item in rests_on), last_seen)


def statuses(store: GraphStore, nodes: Sequence[Node], day: dt.date) -> dict[str, StandingStatus]:
    """The status of :func:`standing` of many actors, by uid: the same rules on the dates of
    their evidence alone (``spans_of``, one call per kind), without the relationships they rest
    on. What a ranking of thousands of candidates needs."""
    wanted = [node.uid for node in nodes]
    spans = [
        store.spans_of(wanted, types=[rel_type], direction=direction)
        for rel_type, direction in EVIDENCE
    ]
    found: dict[str, StandingStatus] = {}
    for node in nodes:
        if _ceased(node, day):
            found[node.uid] = "ended"
            continue
        items = [_item(span, None) for kind in spans for span in kind.get(node.uid, [])]
        found[node.uid] = _judge(items, day)[0]
    return found


def _ceased(node: Node, day: dt.date) -> bool:
    return node.valid_to is not None and node.valid_to < day.isoformat()


def _judge(
    items: list[_Item[_Ref]], day: dt.date
) -> tuple[StandingStatus, list[_Item[_Ref]], str | None]:
    """The status, the evidence it rests on and the last day seen, for an actor that still
    exists on ``day``."""
    today = day.isoformat()
    dated = [i for i in items if i.dated]
    said_active = [i for i in items if not i.dated and i.status == "active"]
    if not dated and not said_active:
        return "unknown", [], None

    def holds(item: _Item[_Ref]) -> bool:
        return (item.start is None or item.start <= today) and (
            item.end is None or today <= item.end
        )

    current = [
        i for i in dated if holds(i) and i.status not in ("suspended", "ended")
    ] + said_active
    if current:
        return "active", current, today
    suspended = [
        i for i in dated if i.type == RelType.MEMBER_OF and i.status == "suspended" and holds(i)
    ]
    ends = [i.end for i in dated if i.end is not None and i.end < today]
    last = max(ends) if ends else None
    if suspended:
        return "suspended", suspended, last
    try:
        since = day.replace(year=day.year - RECENT_YEARS).isoformat()
    except ValueError:  # 29 February
        since = day.replace(year=day.year - RECENT_YEARS, day=28).isoformat()
    recent = [i for i in dated if i.end is not None and since <= i.end < today]
    formal = [i for i in items if i.type in _FORMAL]
    ended_formal = [
        i for i in formal if i.status == "ended" or (i.end is not None and i.end < today)
    ]
    informal_recent = [i for i in recent if i.type not in _FORMAL]
    if formal and len(ended_formal) == len(formal) and not informal_recent:
        return "ended", ended_formal, last
    if recent:
        return "active", recent, last
    return "inactive", dated, last


def activity_in(reader: Reader, node: Node, start: dt.date, end: dt.date) -> tuple[Edge, ...]:
    """The actor's evidence (the four kinds above) that held on some day from ``start`` to
    ``end``: what makes it active in that period. A suspended membership is no activity, nor
    is an ``ended`` one with no end date (we know it ended, not when); undated evidence counts
    only where its recorded status is ``active`` (the source said so)."""
    return _active(_items(reader, node), start, end)


def activity_of(
    evidence: dict[EvidenceKind, dict[str, list[Neighbour]]],
    uid: str,
    start: dt.date,
    end: dt.date,
) -> tuple[Edge, ...]:
    """:func:`activity_in` of one actor from evidence already read for many
    (:func:`evidence_of` with every kind): the same edges in the same order."""
    items = [_item(Span.of(n), n.edge) for kind in EVIDENCE for n in evidence[kind].get(uid, [])]
    return _active(items, start, end)


def _active(items: Iterable[_Item[Edge]], start: dt.date, end: dt.date) -> tuple[Edge, ...]:
    lo, hi = start.isoformat(), end.isoformat()
    found = []
    for item in items:
        if item.status == "suspended" or (item.status == "ended" and item.end is None):
            continue
        if not item.dated:
            if item.status == "active":
                found.append(item.ref)
            continue
        if (item.start is None or item.start <= hi) and (item.end is None or lo <= item.end):
            found.append(item.ref)
    return tuple(found)
