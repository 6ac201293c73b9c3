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

The function reads only through ``Reader.neighbours`` (a store, a snapshot or the cached
whole-graph reader); give it the whole graph, not a snapshot of one day, or evidence that
ended before that day is invisible to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from partnergraph.model import Edge, Node, RelType
from partnergraph.queries.evidence import Reader
from partnergraph.queries.sentences import intersect

__all__ = ["RECENT_YEARS", "Standing", "StandingStatus", "activity_in", "standing"]

StandingStatus = Literal["active", "suspended", "ended", "inactive", "unknown"]

#: Evidence that ended at most this many years before the day still counts as activity.
RECENT_YEARS = 5

_FORMAL = (RelType.MEMBER_OF, RelType.SIGNED_BY)
#: (relationship, direction from the actor)
_EVIDENCE: tuple[tuple[RelType, Literal["in", "out", "both"]], ...] = (
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
class _Item:
    edge: Edge
    start: str | None
    end: str | None
    status: str | None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


def _status(edge: Edge, other: Node) -> str | None:
    value = other.properties.get("status") if edge.type == RelType.SIGNED_BY else None
    if edge.type == RelType.MEMBER_OF:
        value = edge.properties.get("status")
    return value.lower() if isinstance(value, str) and value else None


def _items(reader: Reader, node: Node) -> list[_Item]:
    found: list[_Item] = []
    for rel_type, direction in _EVIDENCE:
        for n in reader.neighbours(node.uid, types=[rel_type], direction=direction):
            start, end = intersect(
                [(n.edge.valid_from, n.edge.valid_to), (n.node.valid_from, n.node.valid_to)]
            )
            found.append(_Item(n.edge, start, end, _status(n.edge, n.node)))
    return found


def standing(reader: Reader, node: Node, day: dt.date) -> Standing:
    """The standing of ``node`` on ``day`` (see the module docstring for the rules)."""
    today = day.isoformat()
    if node.valid_to is not None and node.valid_to < today:
        return Standing("ended", day, (), node.valid_to)
    items = _items(reader, node)
    dated = [i for i in items if i.dated]
    said_active = [i for i in items if not i.dated and i.status == "active"]
    if not dated and not said_active:
        return Standing("unknown", day)

    def holds(item: _Item) -> bool:
        return (item.start is None or item.start <= today) and (
            item.end is None or today <= item.end
        )

    current = [
        i for i in dated if holds(i) and i.status not in ("suspended", "ended")
    ] + said_active
    if current:
        return Standing("active", day, tuple(i.edge for i in current), today)
    suspended = [
        i
        for i in dated
        if i.edge.type == RelType.MEMBER_OF and i.status == "suspended" and holds(i)
    ]
    ends = [i.end for i in dated if i.end is not None and i.end < today]
    last = max(ends) if ends else None
    if suspended:
        return Standing("suspended", day, tuple(i.edge for i in suspended), last)
    try:
        since = day.replace(year=day.year - RECENT_YEARS).isoformat()
    except ValueError:  # 29 February
        since = day.replace(year=day.year - RECENT_YEARS, day=28).isoformat()
    recent = [i for i in dated if i.end is not None and since <= i.end < today]
    formal = [i for i in items if i.edge.type in _FORMAL]
    ended_formal = [
        i for i in formal if i.status == "ended" or (i.end is not None and i.end < today)
    ]
    informal_recent = [i for i in recent if i.edge.type not in _FORMAL]
    if formal and len(ended_formal) == len(formal) and not informal_recent:
        return Standing("ended", day, tuple(i.edge for i in ended_formal), last)
    if recent:
        return Standing("active", day, tuple(i.edge for i in recent), last)
    return Standing("inactive", day, tuple(i.edge for i in dated), last)


def activity_in(reader: Reader, node: Node, start: dt.date, end: dt.date) -> tuple[Edge, ...]:
    """The actor's evidence (the four kinds above) that held on some day from ``start`` to
    ``end``: what makes it active in that period. A suspended membership is no activity, nor
    is an ``ended`` one with no end date (we know it ended, not when); undated evidence counts
    only where its recorded status is ``active`` (the source said so)."""
    lo, hi = start.isoformat(), end.isoformat()
    found = []
    for item in _items(reader, node):
        if item.status == "suspended" or (item.status == "ended" and item.end is None):
            continue
        if not item.dated:
            if item.status == "active":
                found.append(item.edge)
            continue
        if (item.start is None or item.start <= hi) and (item.end is None or lo <= item.end):
            found.append(item.edge)
    return tuple(found)
