"""Property tests: random small graphs give identical answers on the memory store and Neo4j.

Hypothesis draws graphs with the awkward parts on purpose — self-loops, parallel edges in both
directions, duplicate identities in one write, nodes and edges that start or end, uids whose
order differs between UTF-16 and code points — and then asks both stores the same questions.
Example counts stay modest: each example writes to and reads from a real server.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.model import Direction, Edge, Node, NodeLabel, RelType, Span
from tests.conformance.builders import edge, load_both, node

UIDS = ["org:a", "org:b", "org:c", "org:d", "org:e", "org:f", "x:Z", "x:\ufb01", "x:\U0001f600"]
DAYS = [None, "2000-01-01", "2010-06-30", "2020-12-31"]
ATS = [None, dt.date(2005, 1, 1), dt.date(2015, 1, 1), dt.date(2025, 1, 1)]
TYPES = [RelType.MEMBER_OF, RelType.PART_OF, RelType.TWINNED_WITH]
LABELS = [NodeLabel.ORGANISATION, NodeLabel.NETWORK, NodeLabel.MUNICIPALITY]
DIRECTIONS: list[Direction] = ["out", "in", "both"]
#: a ``status`` property, or none (what ``spans_of`` reads of both ends)
STATUSES = st.sampled_from([{}, {}, {"status": "active"}, {"status": "suspended"}])
type_filters = st.one_of(st.none(), st.lists(st.sampled_from(TYPES), max_size=2, unique=True))


@st.composite
def graphs(
    draw: st.DrawFn, max_nodes: int = 7, max_edges: int = 14
) -> tuple[list[Node], list[Edge]]:
    uids = draw(st.lists(st.sampled_from(UIDS), min_size=2, max_size=max_nodes, unique=True))
    drawn_nodes = [
        node(
            uid,
            draw(st.sampled_from(LABELS)),
            valid_from=draw(st.sampled_from(DAYS[:3])),
            valid_to=draw(st.sampled_from([None, None, DAYS[2], DAYS[3]])),
            weight=draw(st.integers(-(2**63), 2**63 - 1)),
            **draw(STATUSES),
        )
        for uid in uids
    ]
    drawn_edges = [
        edge(
            draw(st.sampled_from(uids)),
            draw(st.sampled_from(uids)),
            draw(st.sampled_from(TYPES)),
            key=draw(st.sampled_from(["", "", "k2"])),
            valid_from=draw(st.sampled_from([None, None, DAYS[1], DAYS[2]])),
            valid_to=draw(st.sampled_from([None, None, DAYS[2], DAYS[3]])),
            share=draw(st.floats(allow_nan=False)),
            **draw(STATUSES),
        )
        for _ in range(draw(st.integers(0, max_edges)))
    ]
    return drawn_nodes, drawn_edges


def graph_items(graph: nx.MultiDiGraph) -> tuple[Any, Any]:
    return (
        sorted((uid, data["node"]) for uid, data in graph.nodes(data=True)),
        sorted(
            ((key, data["edge"]) for _, _, key, data in graph.edges(keys=True, data=True)),
            key=lambda item: item[0],
        ),
    )


@settings(max_examples=35, deadline=None)
@given(graph=graphs(), data=st.data())
def test_random_graphs_read_identically_on_both_stores(
    neo4j_store: Neo4jStore, graph: tuple[list[Node], list[Edge]], data: st.DataObject
) -> None:
    memory, neo4j = load_both(neo4j_store, graph)
    at = data.draw(st.sampled_from(ATS), label="at")
    assert neo4j.nodes(at=at) == memory.nodes(at=at)
    assert neo4j.edges(at=at) == memory.edges(at=at)
    assert neo4j.counts() == memory.counts()
    assert neo4j.data_version() == memory.data_version()
    assert graph_items(neo4j.to_networkx(at=at)) == graph_items(memory.to_networkx(at=at))
    uids = [n.uid for n in graph[0]]
    for uid in uids:
        types = data.draw(type_filters, label="types")
        direction = data.draw(st.sampled_from(DIRECTIONS), label="direction")
        day = data.draw(st.sampled_from(ATS), label="neighbours at")
        assert neo4j.neighbours(uid, types=types, direction=direction, at=day) == (
            memory.neighbours(uid, types=types, direction=direction, at=day)
        )
        assert neo4j.edges(uid=uid, at=day) == memory.edges(uid=uid, at=day)
    chosen = data.draw(st.lists(st.sampled_from([*uids, "org:unknown"]), max_size=6), label="sub")
    assert neo4j.subgraph(chosen, at=at) == memory.subgraph(chosen, at=at)


@settings(max_examples=30, deadline=None)
@given(graph=graphs(max_nodes=8, max_edges=20), data=st.data())
def test_random_graphs_find_identical_shortest_paths(
    neo4j_store: Neo4jStore, graph: tuple[list[Node], list[Edge]], data: st.DataObject
) -> None:
    memory, neo4j = load_both(neo4j_store, graph)
    uids = [n.uid for n in graph[0]]
    for _ in range(4):
        source = data.draw(st.sampled_from(uids), label="source")
        target = data.draw(st.sampled_from(uids), label="target")
        query: dict[str, Any] = {
            "k": data.draw(st.integers(1, 5), label="k"),
            "max_hops": data.draw(st.integers(1, 6), label="max_hops"),
            "types": data.draw(type_filters, label="types"),
            "at": data.draw(st.sampled_from(ATS), label="at"),
        }
        assert neo4j.shortest_paths(source, target, **query) == (
            memory.shortest_paths(source, target, **query)
        )


@settings(max_examples=25, deadline=None)
@given(graph=graphs(), data=st.data())
def test_random_graphs_give_identical_neighbours_of_many_nodes(
    neo4j_store: Neo4jStore, graph: tuple[list[Node], list[Edge]], data: st.DataObject
) -> None:
    memory, neo4j = load_both(neo4j_store, graph)
    uids = [n.uid for n in graph[0]]
    chosen = data.draw(st.lists(st.sampled_from([*uids, "org:unknown"]), max_size=6), label="of")
    query: dict[str, Any] = {
        "types": data.draw(type_filters, label="types"),
        "direction": data.draw(st.sampled_from(DIRECTIONS), label="direction"),
        "at": data.draw(st.sampled_from(ATS), label="at"),
    }
    found = neo4j.neighbours_of(chosen, **query)
    assert found == memory.neighbours_of(chosen, **query)
    # the same lists as asking one node at a time, in uid order, unknown uids left out
    assert found == {
        uid: memory.neighbours(uid, **query) for uid in sorted(set(chosen) & set(uids))
    }
    # spans: the same rows reduced to their dates and status, on both stores
    spans = {uid: [Span.of(n) for n in around] for uid, around in found.items()}
    assert neo4j.spans_of(chosen, **query) == spans
    assert memory.spans_of(chosen, **query) == spans


@settings(max_examples=25, deadline=None)
@given(graph=graphs(max_nodes=8, max_edges=12), data=st.data())
def test_random_graphs_tell_identically_why_two_nodes_have_no_path(
    neo4j_store: Neo4jStore, graph: tuple[list[Node], list[Edge]], data: st.DataObject
) -> None:
    """``reach``: the distance (any length) and each end's component with its best-connected
    members; Neo4j computes it in GDS and Cypher, the memory store in networkx."""
    memory, neo4j = load_both(neo4j_store, graph)
    uids = [n.uid for n in graph[0]]
    for _ in range(3):
        source = data.draw(st.sampled_from(uids), label="source")
        target = data.draw(st.sampled_from(uids), label="target")
        types = data.draw(type_filters, label="types")
        at = data.draw(st.sampled_from(ATS), label="at")
        sample = data.draw(st.integers(1, 4), label="sample")
        valid = {n.uid for n in memory.nodes(at=at)}
        if source == target or not {source, target} <= valid:
            continue
        assert neo4j.reach(source, target, types=types, at=at, sample=sample) == (
            memory.reach(source, target, types=types, at=at, sample=sample)
        )


@settings(max_examples=20, deadline=None)
@given(graph=graphs(), data=st.data())
def test_random_graphs_give_identical_summaries(
    neo4j_store: Neo4jStore, graph: tuple[list[Node], list[Edge]], data: st.DataObject
) -> None:
    """``summary``: Neo4j aggregates in one statement what the memory store adds up."""
    memory, neo4j = load_both(neo4j_store, graph)
    at = data.draw(st.sampled_from(ATS), label="at")
    assert neo4j.summary(at=at) == memory.summary(at=at)
    assert neo4j.summary(at=at).counts == (
        neo4j.counts() if at is None else memory.summary(at=at).counts
    )
