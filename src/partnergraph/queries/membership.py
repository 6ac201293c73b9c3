"""Who is a member of a network or organisation on a given day: one definition for every
page, answer and count (the home page's "members of the Euroregion Baltic", the ERB page's
table and network picture, the API's neighbourhood of the ERB).

A membership (MEMBER_OF) counts on day *D* when

- its own period contains *D* (open ends are open: no ``valid_to`` means it still holds),
- the member itself exists on *D* (its own ``valid_from``/``valid_to``),
- and it is not ``ended`` without an end date: a membership the source calls ended but
  does not date (Latvian members of the ERB) is left out of every "as of" view, since we know
  it ended but not when. An ended membership with dates (a presidency term) counts on the
  days of its period.

A counted membership is ``active`` or ``suspended`` (its ``status``; none recorded means
active): Kaliningrad Oblast is a suspended party of the ERB from 2 March 2022, counted apart
from the active members. Members that are networks themselves (the ERB's bodies) are not
members of it in this sense; ``bodies=True`` lists them instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from partnergraph.errors import NotFound
from partnergraph.graph.store import GraphStore
from partnergraph.model import Edge, Node, NodeLabel, RelType

__all__ = ["Membership", "members_on"]


@dataclass(frozen=True)
class Membership:
    """One member on the day asked about, and the relationship that makes it one."""

    member: Node
    edge: Edge
    status: Literal["active", "suspended"]


def members_on(
    store: GraphStore, group: str, day: dt.date, *, bodies: bool = False
) -> list[Membership]:
    """The members of ``group`` on ``day`` (see the module docstring), one per member, sorted
    by uid; ``bodies=True`` gives its member networks instead. Unknown ``group``: none."""
    try:
        incoming = store.neighbours(group, types=[RelType.MEMBER_OF], direction="in", at=day)
    except NotFound:
        return []
    found: dict[str, Membership] = {}
    for n in incoming:
        if (n.node.label == NodeLabel.NETWORK) != bodies or not n.node.active_at(day):
            continue
        status = n.edge.properties.get("status") or "active"
        if status == "ended" and n.edge.valid_to is not None:
            status = "active"  # ended by now, but its dates say it held on the day
        if status not in ("active", "suspended"):
            continue
        kept = found.get(n.node.uid)
        # two rows on one day (a boundary day): the active one wins
        if kept is None or (kept.status == "suspended" and status == "active"):
            found[n.node.uid] = Membership(
                n.node, n.edge, "active" if status == "active" else "suspended"
            )
    return [found[uid] for uid in sorted(found)]
