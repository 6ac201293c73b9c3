"""The graph as of one day: a read-only GraphStore that passes its date to every read.

Every query takes ``at`` and starts with ``view = snapshot(store, at)``; from then on it reads
only through ``view``, so no code path can forget the date and use a fact outside it. A
snapshot is itself a GraphStore, so a caller may also build one and pass it to any query::

    past = snapshot(store, dt.date(2015, 1, 1))
    partners_for_priority(past, "water")  # = partners_for_priority(store, "water", at=...)

Validity follows ``model.active_at``: a node or relationship holds on a day when its
``valid_from``/``valid_to`` contain it; open ends are open; no dates mean "always".
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

from partnergraph.errors import NotFound, QueryError
from partnergraph.graph.activity import Activity
from partnergraph.graph.chains import Chain
from partnergraph.graph.cooperation import Group
from partnergraph.graph.coverage import Column, CoverageCounts
from partnergraph.graph.ranking import Ranking
from partnergraph.graph.reach import Reach
from partnergraph.graph.store import (
    DEFAULT_BATCH_SIZE,
    Communities,
    CommunityChoice,
    GraphStore,
)
from partnergraph.graph.summary import Summary
from partnergraph.model import (
    Counts,
    Direction,
    Edge,
    Neighbour,
    Node,
    NodeLabel,
    Path,
    RelType,
    Span,
    Subgraph,
)
from partnergraph.window import ALL_TIME, Window

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Snapshot", "as_of", "live", "snapshot"]


class Snapshot:
    """A read-only view of ``store`` as of ``at``; writes raise QueryError.

    Every read method accepts ``at`` like the store's, but only ``None`` or the snapshot's own
    date: a view of 2015 cannot be asked about 2020.
    """

    def __init__(self, store: GraphStore, at: dt.date) -> None:
        self.store = store
        self.at = at
        self.backend = store.backend

    def _at(self, at: dt.date | None) -> dt.date:
        if at is not None and at != self.at:
            raise QueryError(
                f"this is a snapshot as of {self.at.isoformat()}; it cannot answer for "
                f"{at.isoformat()}"
            )
        return self.at

    # -- writing is refused ----------------------------------------------------------------

    def upsert_nodes(self, nodes: Iterable[Node], batch_size: int = DEFAULT_BATCH_SIZE) -> int:
        raise QueryError("a snapshot is read-only; write to the store itself")

    def upsert_edges(self, edges: Iterable[Edge], batch_size: int = DEFAULT_BATCH_SIZE) -> int:
        raise QueryError("a snapshot is read-only; write to the store itself")

    def clear(self) -> None:
        raise QueryError("a snapshot is read-only; clear the store itself")

    def close(self) -> None:
        """The snapshot does not own the store; closing it is the owner's job."""

    def ping(self) -> None:
        self.store.ping()

    # -- reading ---------------------------------------------------------------------------

    def node(self, uid: str) -> Node:
        node = self.store.node(uid)
        if not node.active_at(self.at):
            raise NotFound(uid, f"node valid on {self.at.isoformat()}")
        return node

    def get_nodes(self, uids: Iterable[str]) -> dict[str, Node]:
        return {
            uid: node for uid, node in self.store.get_nodes(uids).items() if node.active_at(self.at)
        }

    def nodes(
        self,
        label: NodeLabel | None = None,
        *,
        at: dt.date | None = None,
        limit: int | None = None,
    ) -> list[Node]:
        return self.store.nodes(label, at=self._at(at), limit=limit)

    def edges(
        self,
        rel_type: RelType | None = None,
        *,
        uid: str | None = None,
        at: dt.date | None = None,
    ) -> list[Edge]:
        return self.store.edges(rel_type, uid=uid, at=self._at(at))

    def neighbours(
        self,
        uid: str,
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = "both",
        at: dt.date | None = None,
        limit: int | None = None,
    ) -> list[Neighbour]:
        return self.store.neighbours(
            uid, types=types, direction=direction, at=self._at(at), limit=limit
        )

    def neighbours_of(
        self,
        uids: Iterable[str],
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = "both",
        at: dt.date | None = None,
    ) -> dict[str, list[Neighbour]]:
        return self.store.neighbours_of(uids, types=types, direction=direction, at=self._at(at))

    def spans_of(
        self,
        uids: Iterable[str],
        *,
        types: Sequence[RelType] | None = None,
        direction: Direction = "both",
        at: dt.date | None = None,
    ) -> dict[str, list[Span]]:
        return self.store.spans_of(uids, types=types, direction=direction, at=self._at(at))

    def shortest_paths(
        self,
        source: str,
        target: str,
        *,
        k: int = 3,
        max_hops: int = 6,
        types: Sequence[RelType] | None = None,
        at: dt.date | None = None,
        time_consistent: bool = False,
    ) -> list[Path]:
        return self.store.shortest_paths(
            source,
            target,
            k=k,
            max_hops=max_hops,
            types=types,
            at=self._at(at),
            time_consistent=time_consistent,
        )

    def reach(
        self,
        source: str,
        target: str,
        *,
        types: Sequence[RelType] | None = None,
        at: dt.date | None = None,
        sample: int = 5,
    ) -> Reach:
        return self.store.reach(source, target, types=types, at=self._at(at), sample=sample)

    def subgraph(self, uids: Iterable[str], *, at: dt.date | None = None) -> Subgraph:
        return self.store.subgraph(uids, at=self._at(at))

    def find(
        self,
        folded_text: str,
        *,
        labels: Sequence[NodeLabel] | None = None,
        limit: int = 50,
    ) -> list[Node]:
        # The store's find ignores time; ask for everything that matches, then keep the valid.
        found = self.store.find(folded_text, labels=labels, limit=max(limit, 1) * 4 + 100)
        return [node for node in found if node.active_at(self.at)][:limit]

    def _window(self, window: Window) -> Window:
        if window.start is not None or window.end is not None:
            raise QueryError(
                f"this is a snapshot as of {self.at.isoformat()}; it cannot answer for a period"
            )
        return Window(at=self._at(window.at))

    def evidence_chains(
        self,
        priorities: Sequence[str] | None = None,
        *,
        window: Window = ALL_TIME,
        aligned: bool = True,
        partners: Collection[str] | None = None,
    ) -> list[Chain]:
        return self.store.evidence_chains(
            priorities, window=self._window(window), aligned=aligned, partners=partners
        )

    def partner_ranking(
        self,
        priorities: Sequence[str],
        *,
        window: Window = ALL_TIME,
        aligned: bool = True,
        reference: dt.date,
        top: int,
        exclude: Collection[str] = (),
        partners: Collection[str] | None = None,
        countries: Collection[str] | None = None,
        kinds: Collection[str] | None = None,
    ) -> Ranking:
        return self.store.partner_ranking(
            priorities,
            window=self._window(window),
            aligned=aligned,
            reference=reference,
            top=top,
            exclude=exclude,
            partners=partners,
            countries=countries,
            kinds=kinds,
        )

    def coverage_counts(
        self,
        priorities: Collection[str] | None = None,
        *,
        window: Window = ALL_TIME,
        aligned: bool = True,
        by: Column = "country",
        partners: Collection[str] | None = None,
        countries: Collection[str] | None = None,
        sample: int = 0,
    ) -> CoverageCounts:
        return self.store.coverage_counts(
            priorities,
            window=self._window(window),
            aligned=aligned,
            by=by,
            partners=partners,
            countries=countries,
            sample=sample,
        )

    def region_activity(
        self,
        region: str,
        *,
        window: Window = ALL_TIME,
        programme: str | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> Activity:
        return self.store.region_activity(
            region,
            window=self._window(window),
            programme=programme,
            offset=offset,
            limit=limit,
        )

    def actor_chains(
        self,
        actors: Sequence[str],
        *,
        window: Window = ALL_TIME,
        priorities: Collection[str] | None = None,
    ) -> list[Chain]:
        # an actor not valid on the day is part of each of its chains, so none is admitted
        return self.store.actor_chains(actors, window=self._window(window), priorities=priorities)

    def priority_tally(
        self, groups: Sequence[Collection[str]], *, window: Window = ALL_TIME
    ) -> list[Counter[str]]:
        return self.store.priority_tally(groups, window=self._window(window))

    def carrier_groups(
        self, actors: Iterable[str] | None = None, *, at: dt.date | None = None
    ) -> dict[str, Group]:
        return self.store.carrier_groups(actors, at=self._at(at))

    def communities(
        self,
        algorithm: CommunityChoice,
        *,
        resolution: float = 1.0,
        seed: int = 42,
        at: dt.date | None = None,
    ) -> Communities | None:
        return self.store.communities(algorithm, resolution=resolution, seed=seed, at=self._at(at))

    def to_networkx(self, *, at: dt.date | None = None) -> nx.MultiDiGraph:
        return self.store.to_networkx(at=self._at(at))

    def counts(self) -> Counts:
        return self.store.summary(at=self.at).counts

    def summary(self, *, at: dt.date | None = None) -> Summary:
        return self.store.summary(at=self._at(at))

    def data_version(self) -> str:
        return f"{self.store.data_version()}@{self.at.isoformat()}"


def snapshot(store: GraphStore, at: dt.date | None) -> GraphStore:
    """The graph as of ``at``; the store itself when ``at`` is None.

    Parameters
    ----------
    store : GraphStore
        Any backend, or a snapshot (then ``at`` must be None or the snapshot's own date).
    at : datetime.date or None
        The day to look at.

    Returns
    -------
    GraphStore
        A read-only :class:`Snapshot`, or ``store`` unchanged.

    Raises
    ------
    QueryError
        ``store`` is a snapshot of another day.

    Examples
    --------
    >>> view = snapshot(store, dt.date(2020, 1, 1))  # doctest: +SKIP
    >>> view.neighbours("teryt:2814112")              # only what held on 1 January 2020
    """
    if isinstance(store, Snapshot):
        store._at(at)
        return store
    if at is None:
        return store
    return Snapshot(store, at)


def as_of(store: GraphStore) -> dt.date | None:
    """The date a store is fixed to: a snapshot's day, or None for the live graph."""
    return store.at if isinstance(store, Snapshot) else None


def live(store: GraphStore) -> GraphStore:
    """The store under a snapshot (for questions about a period around its day)."""
    return store.store if isinstance(store, Snapshot) else store
