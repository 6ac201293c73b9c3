"""The whole-graph work the embedded store does once per data version, ahead of the first
questions.

With the embedded store every question is answered in this process: at keep.eu scale the
first ``partners_for_priority`` after a load walks thousands of chains (0.1–0.4 s) and the
first ``clusters`` builds the co-operation projection and its communities (seconds); every
later call is answered from the per-data-version cache (:mod:`partnergraph.queries._cache`) in
milliseconds. The API runs :func:`warm_up` in a background thread after the store is opened or
reloaded, so that the first user does not pay for it. Each step fills exactly the cache entries
the queries read:

1. the evidence for every priority (the gap queries read all of it; ``partners_for_priority``
   for one priority takes its share);
2. the counts of the coverage matrix with the API's defaults (by country, all time), counted
   from that evidence;
3. the partner ranking of every priority, with the API's defaults (aligned evidence, no
   filters, today as the reference day);
4. the clusters of the default method, resolution and seed.

Neo4j needs none of it: each question is one or a fixed few statements run in the database
(:mod:`partnergraph.graph.neo4j_chains`, ``neo4j_cooperation``, ``neo4j_gds``), so a worker
starts answering at once and keeps no copy of the graph; :func:`warm_up` returns at once with
no steps (``needed=False``).

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
from partnergraph.queries.evidence import Window, every_priority_findings
from partnergraph.queries.gaps import matrix_counts
from partnergraph.queries.partners import partners_for_priority

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
    #: False where the backend answers in the database and nothing is worth warming.
    needed: bool = True


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
    if store.backend != "memory":
        return WarmUpReport(data_version=version, steps=done, complete=True, needed=False)

    def go_on() -> bool:
        return not (stop is not None and stop.is_set()) and store.data_version() == version

    def rankings() -> None:
        for node in store.nodes(NodeLabel.PRIORITY):
            if not go_on():
                return
            partners_for_priority(store, node.uid, limit=1, reference_date=reference_date)

    steps: list[tuple[str, Callable[[], object]]] = [
        ("evidence for every priority", lambda: every_priority_findings(store, Window(), True)),
        ("coverage matrix counts", lambda: matrix_counts(store)),
        ("partner ranking of every priority", rankings),
        ("clusters", lambda: clusters(store, evidence_limit=0)),
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
