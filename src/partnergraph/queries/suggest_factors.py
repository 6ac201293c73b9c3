"""The factors a suggestion is ranked by (see :mod:`partnergraph.queries.suggest`): the
weights, the combined score, recency of the shared evidence, the programme areas a node lies
in, and when a candidate's ties to its common partners held."""

from __future__ import annotations

import datetime as dt

from partnergraph.model import Node, NodeLabel, RelType
from partnergraph.queries.evidence import Reader
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
    above it, through LOCATED_IN and PART_OF), memoised for one answer."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.memo: dict[str, frozenset[str]] = {}
        self.programmes: dict[str, Node] = {}

    def of(self, uid: str) -> frozenset[str]:
        found = self.memo.get(uid)
        if found is not None:
            return found
        self.memo[uid] = frozenset()  # a cycle in PART_OF must not recurse forever
        own: set[str] = set()
        for n in self.reader.neighbours(uid, types=[RelType.ELIGIBLE_AREA], direction="in"):
            if n.node.label == NodeLabel.PROGRAMME:
                own.add(n.node.uid)
                self.programmes[n.node.uid] = n.node
        up = self.reader.neighbours(
            uid, types=[RelType.PART_OF, RelType.LOCATED_IN], direction="out"
        )
        for n in up:
            own |= self.of(n.node.uid)
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
