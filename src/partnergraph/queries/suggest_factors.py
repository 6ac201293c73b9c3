"""The factors a suggestion is ranked by (see :mod:`partnergraph.queries.suggest`): the
weights, the combined score, recency of the shared evidence, the programme areas a node lies
in, and when a candidate's ties to its common partners held."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from partnergraph.graph.store import GraphStore
from partnergraph.model import Node, NodeLabel, RelType
from partnergraph.queries.projection import CarrierIndex
from partnergraph.queries.sentences import intersect

__all__ = [
    "RECENCY_HALF_LIFE_YEARS",
    "WEIGHTS",
    "ProgrammeAreas",
    "combined_score",
    "recency",
    "tie_periods",
]

#: The weight of each factor (see the module docstring); they sum to 1.
WEIGHTS = {
    "shared_priorities": 0.35,
    "adamic_adar": 0.30,
    "recency": 0.20,
    "same_programme_area": 0.15,
}
#: Recency halves for every this many years since the shared evidence ended.
RECENCY_HALF_LIFE_YEARS = 5.0


class ProgrammeAreas:
    """Programmes whose eligible area contains a node (ELIGIBLE_AREA on it or on a territory
    above it, through LOCATED_IN and PART_OF), for the nodes of one answer.

    :meth:`read` fetches what the nodes need in one call per level of the territorial
    hierarchy plus one for the eligible areas; :meth:`of` then works in memory."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.memo: dict[str, frozenset[str]] = {}
        self.programmes: dict[str, Node] = {}
        self._up: dict[str, list[str]] = {}
        self._eligible: dict[str, list[Node]] = {}

    def read(self, uids: Iterable[str]) -> None:
        """Fetch the territories above ``uids`` and the programmes eligible on any of them."""
        frontier = {uid for uid in uids if uid not in self._up}
        while frontier:
            ups = self.store.neighbours_of(
                frontier, types=[RelType.PART_OF, RelType.LOCATED_IN], direction="out"
            )
            for uid in frontier:
                self._up[uid] = [n.node.uid for n in ups.get(uid, [])]
            frontier = {parent for uid in frontier for parent in self._up[uid]} - self._up.keys()
        wanted = [uid for uid in self._up if uid not in self._eligible]
        areas = self.store.neighbours_of(wanted, types=[RelType.ELIGIBLE_AREA], direction="in")
        for uid in wanted:
            self._eligible[uid] = [
                n.node for n in areas.get(uid, []) if n.node.label == NodeLabel.PROGRAMME
            ]

    def of(self, uid: str) -> frozenset[str]:
        found = self.memo.get(uid)
        if found is not None:
            return found
        if uid not in self._up:
            self.read([uid])
        self.memo[uid] = frozenset()  # a cycle in PART_OF must not recurse forever
        own: set[str] = set()
        for programme in self._eligible[uid]:
            own.add(programme.uid)
            self.programmes[programme.uid] = programme
        for parent in self._up[uid]:
            own |= self.of(parent)
        self.memo[uid] = frozenset(own)
        return self.memo[uid]


def combined_score(shared: int, aa: float, recency_years: float | None, same_area: bool) -> float:
    weight = 0.0 if recency_years is None else 0.5 ** (recency_years / RECENCY_HALF_LIFE_YEARS)
    total = (
        WEIGHTS["shared_priorities"] * shared / (shared + 1)
        + WEIGHTS["adamic_adar"] * aa / (aa + 1)
        + WEIGHTS["recency"] * weight
        + WEIGHTS["same_programme_area"] * (1.0 if same_area else 0.0)
    )
    return round(total, 3)


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def recency(
    periods: list[tuple[str | None, str | None]], ref: dt.date
) -> tuple[float | None, dt.date | None]:
    """Years from the end of the most recent dated period to ``ref`` (0 while one holds on
    it), one decimal, and that end; None when no period has a date. Periods starting after
    ``ref`` do not count."""
    today = ref.isoformat()
    latest: dt.date | None = None
    for start, end in periods:
        if start is None and end is None:
            continue
        if start is not None and start > today:
            continue
        day = ref if end is None or end >= today else _day(end)
        if day is not None and (latest is None or day > latest):
            latest = day
    if latest is None:
        return None, None
    return round((ref - latest).days / 365.25, 1), latest


def tie_periods(
    index: CarrierIndex, uid: str, common: list[str]
) -> list[tuple[str | None, str | None]]:
    """When the candidate's ties to its common partners held: its link to each carrier it
    shares with one of them (or the partner's link, when the candidate is the carrier),
    within the carrier's own dates."""
    wanted = set(common)
    periods = []
    for carrier in index.carriers_of.get(uid, ()):
        group = index.groups[carrier]
        partners = wanted & group.members.keys()
        if not partners:
            continue
        edge = group.members[uid][1]
        links = [edge] if edge is not None else [group.members[z][1] for z in sorted(partners)]
        node = group.carrier
        for link in links:
            if link is not None:
                periods.append(
                    intersect([(link.valid_from, link.valid_to), (node.valid_from, node.valid_to)])
                )
    return periods
