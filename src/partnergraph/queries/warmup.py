"""The whole-graph work a server does once per data version, ahead of the first questions.

At keep.eu scale the first ``partners_for_priority`` after a load walks thousands of chains
(0.1–0.4 s, longer on Neo4j, one round trip per carrier) and the first ``clusters`` builds the
co-operation projection and its communities (about 10 s); every later call is answered from
the per-data-version cache (:mod:`partnergraph.queries._cache`) in milliseconds. The API runs
:func:`warm_up` in a background thread after the store is opened or reloaded, so that the first
user does not pay for it. Each step fills exactly the cache entries the queries read:

1. the whole-graph reader (one export of the graph on Neo4j);
2. the evidence for every priority (the gap queries read all of it; ``partners_for_priority``
   for one priority takes its share);
3. the partner ranking of every priority, with the API's defaults (aligned evidence, no
   filters, today as the reference day);
4. the clusters of the default method, resolution and seed;
5. the path search's undirected graph (on a server-backed store, path questions are searched
   in memory over the reader from then on).

The warm-up stops early when asked to (``stop``) or when the data version changes under it
(a reload started another warm-up, which will do the work for the new content).
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable

from pydantic import BaseModel, ConfigDict

from partnergraph.graph.store import GraphStore
from partnergraph.model import NodeLabel
from partnergraph.queries.clusters import clusters
from partnergraph.queries.evidence import Window, cached_reader, every_priority_findings
from partnergraph.queries.partners import partners_for_priority
from partnergraph.queries.paths import prepare_path_search

__all__ = ["WarmUpReport", "WarmUpStep", "warm_up"]


class WarmUpStep(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    seconds: float


class WarmUpReport(BaseModel):
    """What a warm-up did: its steps with their times, and whether it got to the end."""

    data_version: str
    steps: list[WarmUpStep]
    complete: bool


def warm_up(
    store: GraphStore,
    *,
    stop: threading.Event | None = None,
    reference_date: dt.date | None = None,
) -> WarmUpReport:
    """Fill the per-data-version cache of ``store`` (see the module docstring).

    Parameters
    ----------
    store : GraphStore
        The live store (not a snapshot: answers at a past date are not warmed).
    stop : threading.Event, optional
        Set it to stop between two units of work (one priority, one step).
    reference_date : datetime.date, optional
        The reference day of the partner rankings; default today, as the API asks.
    """
    version = store.data_version()
    done: list[WarmUpStep] = []

    def go_on() -> bool:
        return not (stop is not None and stop.is_set()) and store.data_version() == version

    def rankings() -> None:
        for node in cached_reader(store).nodes(NodeLabel.PRIORITY):
            if not go_on():
                return
            partners_for_priority(store, node.uid, limit=1, reference_date=reference_date)

    steps: list[tuple[str, Callable[[], object]]] = [
        ("graph reader", lambda: cached_reader(store)),
        ("evidence for every priority", lambda: every_priority_findings(store, Window(), True)),
        ("partner ranking of every priority", rankings),
        ("clusters", lambda: clusters(store, evidence_limit=0)),
        ("path search", lambda: prepare_path_search(store)),
    ]
    for name, step in steps:
        if not go_on():
            break
        start = time.perf_counter()
        step()
        done.append(WarmUpStep(name=name, seconds=round(time.perf_counter() - start, 3)))
    return WarmUpReport(
        data_version=version, steps=done, complete=len(done) == len(steps) and go_on()
    )
