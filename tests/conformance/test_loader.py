"""The loader on both backends: all or nothing, idempotent, and the same graph everywhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from partnergraph.errors import DataError
from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.loader import load_directory
from partnergraph.model import Counts
from tests.conftest import MINI


def snapshot(store: GraphStore) -> tuple[object, ...]:
    """Everything a store holds, in the contract's order."""
    return (store.nodes(), store.edges(), store.counts(), store.data_version())


def test_loading_the_mini_dataset_gives_its_counts(store: GraphStore) -> None:
    report = load_directory(store, MINI)
    assert (report.nodes_written, report.edges_written) == (15, 11)
    assert report.counts == Counts(
        nodes={
            "Country": 2,
            "County": 2,
            "Municipality": 2,
            "Network": 1,
            "Priority": 1,
            "Region": 3,
            "Source": 3,
            "Strategy": 1,
        },
        relationships={"DEFINES": 1, "MEMBER_OF": 3, "PART_OF": 7},
    )
    assert store.counts() == report.counts


def test_loading_twice_leaves_the_same_graph(store: GraphStore) -> None:
    load_directory(store, MINI)
    once = snapshot(store)
    load_directory(store, MINI, batch_size=3)
    assert snapshot(store) == once


def test_load_is_all_or_nothing_when_one_row_is_bad(
    store: GraphStore, mini_copy: Path, edit_line: Callable[[Path, int, str], None]
) -> None:
    # The last edge row points at a gmina that does not exist; everything before it is valid.
    edit_line(mini_copy / "edges" / "part_of.csv", 5, "teryt:2861011,teryt:9999,terc-2024")
    with pytest.raises(DataError) as caught:
        load_directory(store, mini_copy, batch_size=2)
    assert any("teryt:9999" in str(issue) for issue in caught.value.issues)
    assert store.counts() == Counts(nodes={}, relationships={})
    assert store.nodes() == []


def test_a_bad_reload_leaves_the_loaded_graph_untouched(
    store: GraphStore, mini_copy: Path, edit_line: Callable[[Path, int, str], None]
) -> None:
    load_directory(store, MINI)
    before = snapshot(store)
    # A changed name (valid) and a broken uid (invalid) in the same reload: neither lands.
    edit_line(
        mini_copy / "nodes" / "countries.csv", 2, "country:PL,Rzeczpospolita,Poland,terc-2024,PL"
    )
    edit_line(mini_copy / "nodes" / "counties.csv", 3, "teryt:28x1,Elbląg,terc-2024,2861,true")
    with pytest.raises(DataError) as caught:
        load_directory(store, mini_copy)
    assert any(
        issue.file.endswith("counties.csv") and issue.line == 3 and issue.field == "uid"
        for issue in caught.value.issues
    )
    assert snapshot(store) == before


def test_memory_and_neo4j_hold_identical_graphs_after_the_same_load(
    both: tuple[MemoryStore, Neo4jStore],
) -> None:
    memory, neo4j = both
    load_directory(memory, MINI)
    load_directory(neo4j, MINI, batch_size=4)
    assert snapshot(neo4j) == snapshot(memory)
    for node in memory.nodes():
        assert neo4j.neighbours(node.uid) == memory.neighbours(node.uid)


def test_the_bundled_dataset_loads_identically_on_both_backends(
    both: tuple[MemoryStore, Neo4jStore], bundled_data: Path
) -> None:
    memory, neo4j = both
    memory_report = load_directory(memory, bundled_data)
    neo4j_report = load_directory(neo4j, bundled_data)
    assert neo4j_report == memory_report
    assert snapshot(neo4j) == snapshot(memory)
    assert neo4j.find("elblag") == memory.find("elblag")
