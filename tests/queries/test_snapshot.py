"""snapshot: the graph as of a day, read-only, and never mixing two days."""

from __future__ import annotations

import datetime as dt

import pytest

from partnergraph.errors import NotFound, QueryError
from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.store import GraphStore
from partnergraph.queries import Snapshot, snapshot
from tests.queries.expected import STAWIGUDA, STOW, WCG

DAY = dt.date(2020, 1, 1)


def test_a_snapshot_is_a_graph_store(graph: MemoryStore) -> None:
    assert isinstance(snapshot(graph, DAY), GraphStore)


def test_no_date_means_the_store_itself(graph: MemoryStore) -> None:
    assert snapshot(graph, None) is graph


def test_neighbours_hold_on_the_day(graph: MemoryStore) -> None:
    view = snapshot(graph, DAY)
    uids = {n.node.uid for n in view.neighbours(STAWIGUDA)}
    assert STOW not in uids  # member only since 2023
    assert STOW in {n.node.uid for n in graph.neighbours(STAWIGUDA)}


def test_nodes_not_valid_on_the_day_are_not_found(graph: MemoryStore) -> None:
    view = snapshot(graph, dt.date(2010, 1, 1))
    with pytest.raises(NotFound):
        view.node(WCG)
    assert WCG not in view.get_nodes([WCG])
    assert WCG not in {n.uid for n in view.find("water core")}


def test_a_snapshot_cannot_be_asked_about_another_day(graph: MemoryStore) -> None:
    view = snapshot(graph, DAY)
    assert snapshot(view, DAY) is view
    with pytest.raises(QueryError):
        snapshot(view, dt.date(2021, 1, 1))
    with pytest.raises(QueryError):
        view.neighbours(STAWIGUDA, at=dt.date(2021, 1, 1))


def test_a_snapshot_refuses_writes(graph: MemoryStore) -> None:
    view = snapshot(graph, DAY)
    with pytest.raises(QueryError):
        view.upsert_nodes([])
    with pytest.raises(QueryError):
        view.clear()


def test_the_version_changes_with_the_day(graph: MemoryStore) -> None:
    first, second = snapshot(graph, DAY), snapshot(graph, dt.date(2021, 1, 1))
    assert isinstance(first, Snapshot)
    assert first.data_version() != second.data_version()
    assert first.data_version().startswith(graph.data_version())


def test_counts_are_of_the_day(graph: MemoryStore) -> None:
    counts = snapshot(graph, dt.date(2010, 1, 1)).counts()
    assert "Network" in counts.nodes
    assert counts.nodes["Network"] == 1  # the Water Core Group starts in 2016
