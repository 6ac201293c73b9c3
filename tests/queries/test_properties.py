"""Properties that hold for every date and every sub-graph of the fixture (hypothesis).

Each example keeps a random subset of the fixture's relationships and a random day, then
checks what no hand-worked example can cover exhaustively: returned paths exist, dated answers
use nothing outside their day, and the two ways of walking evidence (from a priority, from an
actor) and the projection (whole graph, around one actor) agree.
"""

from __future__ import annotations

import datetime as dt
import itertools
from functools import cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest.csv_source import Dataset, read_dataset
from partnergraph.model import ACTOR_LABELS, Edge, NodeLabel
from partnergraph.queries import (
    NoPath,
    clusters,
    connection_paths,
    coverage_matrix,
    partners_for_priority,
    snapshot,
    suggest_partners,
)
from partnergraph.queries.evidence import (
    GraphReader,
    Window,
    findings_for_actor,
    findings_for_priorities,
)
from partnergraph.queries.projection import (
    CarrierIndex,
    build_projection,
    local_index,
)
from tests.queries.expected import FIXTURE

days = st.dates(min_value=dt.date(1995, 1, 1), max_value=dt.date(2026, 12, 31))
maybe_days = st.one_of(st.none(), days)


@cache
def dataset() -> Dataset:
    return read_dataset(FIXTURE)


@st.composite
def stores(draw: st.DrawFn) -> MemoryStore:
    data = dataset()
    keep = draw(st.lists(st.booleans(), min_size=len(data.edges), max_size=len(data.edges)))
    store = MemoryStore()
    store.upsert_nodes(data.nodes)
    store.upsert_edges(edge for edge, kept in zip(data.edges, keep, strict=True) if kept)
    return store


def holds(valid_from: str | None, valid_to: str | None, day: dt.date) -> bool:
    text = day.isoformat()
    return (valid_from is None or valid_from <= text) and (valid_to is None or text <= valid_to)


def priorities() -> list[str]:
    return [node.uid for node in dataset().nodes if node.label == NodeLabel.PRIORITY]


def places() -> list[str]:
    return sorted(node.uid for node in dataset().nodes if node.label != NodeLabel.SOURCE)


def actors() -> list[str]:
    return sorted(node.uid for node in dataset().nodes if node.label in ACTOR_LABELS)


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(store=stores(), at=days, priority=st.sampled_from(priorities()))
def test_dated_partner_evidence_holds_on_that_day(
    store: MemoryStore, at: dt.date, priority: str
) -> None:
    answer = partners_for_priority(store, priority, at=at, limit=500)
    for result in answer.results:
        for item in result.evidence:
            assert holds(item.valid_from, item.valid_to, at)
            for relationship in item.supporting:
                assert holds(relationship.valid_from, relationship.valid_to, at)
    assert answer == partners_for_priority(snapshot(store, at), priority, limit=500)


@SETTINGS
@given(
    store=stores(),
    at=maybe_days,
    ends=st.lists(st.sampled_from(places()), min_size=2, max_size=2, unique=True),
)
def test_returned_paths_exist_in_the_graph_and_hold_on_the_day(
    store: MemoryStore, at: dt.date | None, ends: list[str]
) -> None:
    source, target = ends
    view = snapshot(store, at)
    if not (view.get_nodes([source]) and view.get_nodes([target])):
        return
    details: dict[str, Any] | None = None
    try:
        answer = connection_paths(store, source, target, k=3, max_hops=5, at=at)
    except NoPath as refusal:
        details = refusal.details()
    if details is not None:
        assert details["source"]["uid"] == source
        return
    stored = {edge.id: edge for edge in store.edges()}
    for result in answer.results:
        uids = [node.uid for node in result.nodes]
        assert (uids[0], uids[-1]) == (source, target)
        assert len(set(uids)) == len(uids)
        for hop, (u, v) in zip(result.hops, itertools.pairwise(uids), strict=True):
            assert hop.evidence
            for item in hop.evidence:
                edge_id = f"{item.type.value}|{item.from_uid}|{item.to_uid}|{item.key}"
                edge: Edge = stored[edge_id]
                assert {edge.source, edge.target} == {u, v}
                if at is not None:
                    assert edge.active_at(at)
                    assert holds(item.valid_from, item.valid_to, at)


@SETTINGS
@given(store=stores(), at=maybe_days)
def test_evidence_from_priorities_and_from_actors_is_the_same(
    store: MemoryStore, at: dt.date | None
) -> None:
    reader = GraphReader(store.to_networkx(at=at))
    window = Window(at=at)

    def key(f: object) -> tuple[str, ...]:
        return (
            f.partner.uid,  # type: ignore[attr-defined]
            f.kind,  # type: ignore[attr-defined]
            f.principal.id,  # type: ignore[attr-defined]
            f.link.id if f.link else "",  # type: ignore[attr-defined]
        )

    forward = {
        key(f)
        for node in reader.nodes(NodeLabel.PRIORITY)
        for f in findings_for_priorities(reader, [node], window, aligned=False)
    }
    backward = {key(f) for node in reader.nodes() for f in findings_for_actor(reader, node, window)}
    assert forward == backward


@SETTINGS
@given(store=stores(), at=maybe_days)
def test_projection_around_an_actor_matches_the_whole_projection(
    store: MemoryStore, at: dt.date | None
) -> None:
    view = snapshot(store, at)
    projection = build_projection(view.carrier_groups())
    index = CarrierIndex.of(view.carrier_groups())
    for uid in actors():
        around = index.ties(uid)
        expected = set(projection[uid]) if uid in projection else set()
        assert set(around) == expected == index.neighbours(uid)
        for other, groups in around.items():
            assert [g.carrier.uid for g in groups] == projection[uid][other]["carriers"]
            assert index.first_shared(uid, other) is groups[0]
        # the groups around the actor and its partners answer the same about its ties and
        # its partners' partners (what suggestions ask)
        local = local_index(view, uid)
        mine = {other: [g.carrier.uid for g in groups] for other, groups in around.items()}
        assert {o: [g.carrier.uid for g in gs] for o, gs in local.ties(uid).items()} == mine
        for other in around:
            assert local.neighbours(other) == index.neighbours(other)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(store=stores(), at=days)
def test_dated_gap_and_cluster_answers_use_nothing_outside_the_day(
    store: MemoryStore, at: dt.date
) -> None:
    matrix = coverage_matrix(store, at=at)
    for row in matrix.results:
        for item in row.evidence:
            assert holds(item.valid_from, item.valid_to, at)
    for cluster in clusters(store, at=at, seed=1).results:
        for item in cluster.evidence:
            assert holds(item.valid_from, item.valid_to, at)
    for suggestion in suggest_partners(store, "nuts:PL63", at=at, k=100).results:
        for item in suggestion.evidence:
            assert holds(item.valid_from, item.valid_to, at)
