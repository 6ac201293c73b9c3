"""Every sentence of the GraphStore contract (graph/store.py), held against both backends.

Each test gets an empty ``store`` of each backend and checks exact values — orders, tie-breaks,
errors, property types — because the contract promises identical answers, not similar ones.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math

import networkx as nx
import pytest

from partnergraph.errors import DataError, NotFound, QueryError
from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.store import GraphStore
from partnergraph.model import Counts, Edge, Node, NodeLabel, Path, PropValue, RelType
from tests.conformance.builders import edge, node, nodes

D2010 = dt.date(2010, 1, 1)
D2020 = dt.date(2020, 6, 30)


def uids_of(paths: list[Path]) -> list[tuple[str, ...]]:
    return [path.uids for path in paths]


# -- writing and reading nodes ---------------------------------------------------------------------


def test_backend_names_itself(store: GraphStore) -> None:
    assert store.backend in {"memory", "neo4j"}
    assert isinstance(store, GraphStore)


def test_node_comes_back_exactly_as_upserted(store: GraphStore) -> None:
    written = node(
        "org:a",
        name="Gdańsk Ż",
        name_en="Gdansk",
        valid_from="2001-02-03",
        valid_to="2030-12-31",
        sources=("s1", "s2"),
        kind="ngo",
    )
    assert store.upsert_nodes([written]) == 1
    got = store.node("org:a")
    assert got == written
    assert got.labels == ["Organisation", "Actor"]
    assert got.search_key == written.search_key


def test_properties_of_every_type_round_trip_with_their_types_and_order(
    store: GraphStore,
) -> None:
    properties: dict[str, PropValue] = {
        "text": "Elbląg — ünïcode 😀",
        "empty_text": "",
        "count": 1234567890123,
        "negative": -7,
        "zero": 0,
        "ratio": 0.1,
        "whole_float": 2.0,
        "huge_float": 1e300,
        "negative_zero": -0.0,
        "yes": True,
        "no": False,
        "day": "2024-02-29",
        "names": ["Gdańsk", "Danzig", ""],
        "no_names": [],
    }
    store.upsert_nodes(
        [Node(uid="org:typed", label=NodeLabel.ORGANISATION, name="T", properties=properties)]
    )
    got = store.node("org:typed").properties
    assert got == properties
    assert list(got) == list(properties)  # key order survives (JSON output is identical)
    for key, value in properties.items():
        assert type(got[key]) is type(value), key
    negative_zero = got["negative_zero"]
    assert isinstance(negative_zero, float)
    assert math.copysign(1.0, negative_zero) == -1.0


def test_edge_properties_round_trip_with_their_types(store: GraphStore) -> None:
    store.upsert_nodes(nodes("org:a", "org:b"))
    written = edge(
        "org:a",
        "org:b",
        RelType.PARTICIPATES_IN,
        key="2019",
        valid_from="2019-01-01",
        sources=("s1",),
        role="lead",
        budget_eur=1250000.5,
        year=2019,
        confirmed=True,
        tags=["a", "b"],
    )
    store.upsert_edges([written])
    [got] = store.edges()
    assert got == written
    assert list(got.properties) == list(written.properties)
    assert type(got.properties["year"]) is int
    assert type(got.properties["budget_eur"]) is float
    assert type(got.properties["confirmed"]) is bool


def test_node_upsert_replaces_every_property(store: GraphStore) -> None:
    store.upsert_nodes(
        [node("org:a", name_en="A", valid_from="2000-01-01", kind="ngo", city="Gdańsk")]
    )
    replacement = node("org:a", name="Renamed", kind="university")
    store.upsert_nodes([replacement])
    got = store.node("org:a")
    assert got == replacement
    assert got.name_en is None
    assert got.valid_from is None
    assert got.properties == {"kind": "university"}
    assert store.find("renamed") == [replacement]
    assert store.find("org:a") == []  # the old name is no longer searchable


def test_edge_upsert_replaces_every_property(store: GraphStore) -> None:
    store.upsert_nodes(nodes("org:a", "org:b"))
    store.upsert_edges([edge("org:a", "org:b", valid_to="2010-01-01", role="member", note="x")])
    replacement = edge("org:a", "org:b", role="observer")
    store.upsert_edges([replacement])
    assert store.edges() == [replacement]


def test_upserts_return_rows_written_and_last_duplicate_wins(store: GraphStore) -> None:
    first, last = node("org:a", name="First"), node("org:a", name="Last")
    assert store.upsert_nodes([first, node("org:b"), last]) == 3
    assert store.node("org:a") == last
    assert store.counts().nodes == {"Organisation": 2}
    e1 = edge("org:a", "org:b", note="one")
    e2 = edge("org:a", "org:b", note="two")
    assert store.upsert_edges([e1, e2]) == 2
    assert store.edges() == [e2]


def test_empty_upserts_write_nothing(store: GraphStore) -> None:
    version = store.data_version()
    assert store.upsert_nodes([]) == 0
    assert store.upsert_edges([]) == 0
    assert store.data_version() == version
    assert store.counts() == Counts(nodes={}, relationships={})


def test_upsert_batches_of_any_size_give_the_same_graph(store: GraphStore) -> None:
    many = [node(f"org:n{i:03d}") for i in range(25)]
    links = [edge(f"org:n{i:03d}", f"org:n{i + 1:03d}") for i in range(24)]
    assert store.upsert_nodes(many, batch_size=4) == 25
    assert store.upsert_edges(links, batch_size=7) == 24
    assert store.nodes() == many
    assert store.edges() == links


def test_unknown_uid_raises_not_found(store: GraphStore) -> None:
    with pytest.raises(NotFound) as caught:
        store.node("org:nobody")
    assert caught.value.uid == "org:nobody"


def test_label_change_raises_data_error_and_writes_nothing(store: GraphStore) -> None:
    store.upsert_nodes([node("org:a")])
    version = store.data_version()
    with pytest.raises(DataError) as caught:
        store.upsert_nodes([node("org:new"), node("org:a", NodeLabel.NETWORK)])
    [issue] = caught.value.issues
    assert issue.message == "org:a is already a Organisation, cannot become a Network"
    assert issue.field == "uid"
    assert store.get_nodes(["org:new"]) == {}
    assert store.node("org:a").label is NodeLabel.ORGANISATION
    assert store.data_version() == version


def test_edge_to_unknown_node_raises_data_error_and_writes_nothing(store: GraphStore) -> None:
    store.upsert_nodes(nodes("org:a", "org:b"))
    version = store.data_version()
    with pytest.raises(DataError) as caught:
        store.upsert_edges(
            [edge("org:a", "org:b"), edge("org:a", "org:ghost"), edge("org:x", "org:y")]
        )
    assert [issue.message for issue in caught.value.issues] == [
        "edge MEMBER_OF|org:a|org:ghost| refers to unknown node org:ghost",
        "edge MEMBER_OF|org:x|org:y| refers to unknown node org:x",
        "edge MEMBER_OF|org:x|org:y| refers to unknown node org:y",
    ]
    assert store.edges() == []
    assert store.data_version() == version


def test_a_bad_row_in_a_later_batch_fails_the_whole_call(store: GraphStore) -> None:
    store.upsert_nodes([node("org:a"), node("org:b")])
    version = store.data_version()
    fresh = [node(f"org:n{i}") for i in range(7)]
    with pytest.raises(DataError):
        store.upsert_nodes([*fresh, node("org:a", NodeLabel.NETWORK)], batch_size=3)
    links = [edge("org:a", "org:b", key=str(i)) for i in range(5)]
    with pytest.raises(DataError):
        store.upsert_edges([*links, edge("org:b", "org:ghost")], batch_size=2)
    assert store.get_nodes(uid.uid for uid in fresh) == {}
    assert store.edges() == []
    assert store.data_version() == version


def test_a_label_change_is_refused_even_when_a_later_duplicate_keeps_the_label(
    store: GraphStore,
) -> None:
    store.upsert_nodes([node("org:a")])
    with pytest.raises(DataError) as caught:
        store.upsert_nodes([node("org:a", NodeLabel.NETWORK, name="X"), node("org:a", name="Y")])
    assert [issue.message for issue in caught.value.issues] == [
        "org:a is already a Organisation, cannot become a Network"
    ]
    assert store.node("org:a").name == "ORG:A"


def test_edge_identity_is_type_source_target_and_key(store: GraphStore) -> None:
    store.upsert_nodes(nodes("org:a", "org:b"))
    store.upsert_edges(
        [
            edge("org:a", "org:b", key="1998"),
            edge("org:a", "org:b", key="2005"),
            edge("org:b", "org:a", key="1998"),
            edge("org:a", "org:b", RelType.FOCUSES_ON, key="1998"),
            edge("org:a", "org:b", key="1998", note="same identity: replaces the first"),
        ]
    )
    assert [(e.type.value, e.source, e.target, e.key) for e in store.edges()] == [
        ("FOCUSES_ON", "org:a", "org:b", "1998"),
        ("MEMBER_OF", "org:a", "org:b", "1998"),
        ("MEMBER_OF", "org:a", "org:b", "2005"),
        ("MEMBER_OF", "org:b", "org:a", "1998"),
    ]
    assert store.edges(RelType.MEMBER_OF)[0].properties == {
        "note": "same identity: replaces the first"
    }


def test_get_nodes_leaves_out_unknown_uids_and_keeps_the_order_asked(store: GraphStore) -> None:
    store.upsert_nodes(nodes("org:a", "org:b", "org:c"))
    got = store.get_nodes(["org:c", "org:zz", "org:a", "org:c"])
    assert list(got) == ["org:c", "org:a"]
    assert got["org:a"] == store.node("org:a")
    assert store.get_nodes([]) == {}


def test_nodes_are_sorted_by_uid_filtered_by_label_time_and_limit(store: GraphStore) -> None:
    store.upsert_nodes(
        [
            node("org:c"),
            node("network:b", NodeLabel.NETWORK, valid_from="2015-01-01"),
            node("org:a", valid_to="2012-12-31"),
            node("org:b"),
        ]
    )
    assert [n.uid for n in store.nodes()] == ["network:b", "org:a", "org:b", "org:c"]
    assert [n.uid for n in store.nodes(NodeLabel.ORGANISATION)] == ["org:a", "org:b", "org:c"]
    assert [n.uid for n in store.nodes(NodeLabel.PROJECT)] == []
    assert [n.uid for n in store.nodes(at=D2010)] == ["org:a", "org:b", "org:c"]
    assert [n.uid for n in store.nodes(at=D2020)] == ["network:b", "org:b", "org:c"]
    assert [n.uid for n in store.nodes(limit=2)] == ["network:b", "org:a"]
    assert [n.uid for n in store.nodes(NodeLabel.ORGANISATION, at=D2020, limit=1)] == ["org:b"]


def test_uid_order_is_code_point_order_as_in_python(store: GraphStore) -> None:
    # Neo4j sorts strings by UTF-16 code unit, Python by code point: they differ here.
    uids = ["x:\U0001f600", "x:\ufb01", "x:Z", "x:a", "x:é"]
    store.upsert_nodes(nodes(*uids))
    assert [n.uid for n in store.nodes()] == sorted(uids)
    assert [n.uid for n in store.nodes(limit=4)] == sorted(uids)[:4]
    assert [n.uid for n in store.find("x:", limit=4)] == sorted(uids)[:4]


def test_validity_bounds_are_inclusive(store: GraphStore) -> None:
    store.upsert_nodes([node("org:a", valid_from="2010-01-01", valid_to="2010-01-01")])
    assert store.nodes(at=dt.date(2010, 1, 1)) != []
    assert store.nodes(at=dt.date(2009, 12, 31)) == []
    assert store.nodes(at=dt.date(2010, 1, 2)) == []


# -- edges and neighbours --------------------------------------------------------------------------


@pytest.fixture
def star(store: GraphStore) -> GraphStore:
    """hub with out, in, parallel, dated and self-loop edges, and a neighbour that ends early."""
    store.upsert_nodes(
        [
            node("org:hub"),
            node("org:a"),
            node("org:b"),
            node("org:old", valid_to="2005-12-31"),
            node("network:n", NodeLabel.NETWORK),
        ]
    )
    store.upsert_edges(
        [
            edge("org:hub", "network:n", key="2"),
            edge("org:hub", "network:n", key="1"),
            edge("org:a", "org:hub", RelType.LOCATED_IN),
            edge("org:hub", "org:b", RelType.FOCUSES_ON, valid_from="2015-01-01"),
            edge("org:old", "org:hub"),
            edge("org:hub", "org:hub", RelType.TWINNED_WITH),
            edge("org:a", "org:b"),
        ]
    )
    return store


def test_edges_are_sorted_and_filtered_by_type_uid_and_time(star: GraphStore) -> None:
    everything = star.edges()
    assert everything == sorted(everything, key=lambda e: (e.type.value, e.source, e.target, e.key))
    assert len(everything) == 7
    assert [e.id for e in star.edges(RelType.MEMBER_OF)] == [
        "MEMBER_OF|org:a|org:b|",
        "MEMBER_OF|org:hub|network:n|1",
        "MEMBER_OF|org:hub|network:n|2",
        "MEMBER_OF|org:old|org:hub|",
    ]
    assert [e.id for e in star.edges(uid="org:b")] == [
        "FOCUSES_ON|org:hub|org:b|",
        "MEMBER_OF|org:a|org:b|",
    ]
    assert [e.id for e in star.edges(RelType.FOCUSES_ON, at=D2010)] == []
    assert [e.id for e in star.edges(uid="org:nobody")] == []


def test_edges_at_a_node_list_its_self_loop_once(star: GraphStore) -> None:
    loops = [e for e in star.edges(uid="org:hub") if e.source == e.target]
    assert [e.id for e in loops] == ["TWINNED_WITH|org:hub|org:hub|"]
    assert len(star.edges(uid="org:hub")) == 6


def test_edges_at_a_time_keep_edges_whatever_their_nodes(star: GraphStore) -> None:
    # ``edges`` filters edges by their own dates only (the node org:old ended in 2005).
    assert "MEMBER_OF|org:old|org:hub|" in [e.id for e in star.edges(at=D2020)]


def test_neighbours_are_sorted_by_type_other_uid_and_key(star: GraphStore) -> None:
    got = [
        (n.edge.type.value, n.node.uid, n.edge.key, n.direction) for n in star.neighbours("org:hub")
    ]
    assert got == [
        ("FOCUSES_ON", "org:b", "", "out"),
        ("LOCATED_IN", "org:a", "", "in"),
        ("MEMBER_OF", "network:n", "1", "out"),
        ("MEMBER_OF", "network:n", "2", "out"),
        ("MEMBER_OF", "org:old", "", "in"),
        ("TWINNED_WITH", "org:hub", "", "out"),
    ]
    assert star.neighbours("org:hub")[0].node == star.node("org:b")


def test_neighbours_follow_direction_and_a_self_loop_appears_once(star: GraphStore) -> None:
    out = [(n.node.uid, n.direction) for n in star.neighbours("org:hub", direction="out")]
    into = [(n.node.uid, n.direction) for n in star.neighbours("org:hub", direction="in")]
    assert out == [("org:b", "out"), ("network:n", "out"), ("network:n", "out"), ("org:hub", "out")]
    assert into == [("org:a", "in"), ("org:old", "in"), ("org:hub", "in")]


def test_neighbours_filter_types_time_and_invalid_neighbours(star: GraphStore) -> None:
    typed = star.neighbours("org:hub", types=[RelType.LOCATED_IN, RelType.FOCUSES_ON])
    assert [n.edge.id for n in typed] == ["FOCUSES_ON|org:hub|org:b|", "LOCATED_IN|org:a|org:hub|"]
    assert star.neighbours("org:hub", types=[]) == star.neighbours("org:hub")  # [] = no filter
    in_2010 = [n.node.uid for n in star.neighbours("org:hub", at=D2010)]
    assert in_2010 == ["org:a", "network:n", "network:n", "org:hub"]  # old ended; FOCUSES later
    in_2000 = [n.node.uid for n in star.neighbours("org:hub", at=dt.date(2000, 1, 1))]
    assert "org:old" in in_2000


def test_neighbours_limit_cuts_the_sorted_list(star: GraphStore) -> None:
    assert star.neighbours("org:hub", limit=2) == star.neighbours("org:hub")[:2]


def test_neighbours_of_unknown_uid_raise_not_found(store: GraphStore) -> None:
    with pytest.raises(NotFound):
        store.neighbours("org:nobody")


def test_a_node_without_edges_has_no_neighbours(store: GraphStore) -> None:
    store.upsert_nodes([node("org:alone")])
    assert store.neighbours("org:alone") == []


# -- shortest paths --------------------------------------------------------------------------------


@pytest.fixture
def grid(store: GraphStore) -> GraphStore:
    """
    s — a — t         s–a, a–t: shortest (2 hops), a–t twice (parallel edges, both ways)
    s — b — t         s–b–t: tie with s–a–t, broken by uids
    s — z — t         s–z–t: another tie
    s — c — d — t     3 hops
    s — e — f — g — t 4 hops, e valid only until 2005
    s ⟲               a self-loop never makes a hop
    """
    store.upsert_nodes(
        [
            *nodes("org:s", "org:a", "org:b", "org:z", "org:c", "org:d", "org:f", "org:g", "org:t"),
            node("org:e", valid_to="2005-12-31"),
        ]
    )
    store.upsert_edges(
        [
            edge("org:s", "org:a"),
            edge("org:a", "org:t", key="x"),
            edge("org:t", "org:a", RelType.FOCUSES_ON),
            edge("org:s", "org:z"),
            edge("org:z", "org:t", valid_from="2015-01-01"),
            edge("org:b", "org:s", RelType.LOCATED_IN),
            edge("org:b", "org:t", RelType.LOCATED_IN),
            edge("org:s", "org:c"),
            edge("org:c", "org:d"),
            edge("org:d", "org:t"),
            edge("org:s", "org:e"),
            edge("org:e", "org:f"),
            edge("org:f", "org:g"),
            edge("org:g", "org:t"),
            edge("org:s", "org:s", RelType.TWINNED_WITH),
        ]
    )
    return store


def test_shortest_paths_order_by_hops_then_uids(grid: GraphStore) -> None:
    paths = grid.shortest_paths("org:s", "org:t", k=5)
    assert uids_of(paths) == [
        ("org:s", "org:a", "org:t"),
        ("org:s", "org:b", "org:t"),
        ("org:s", "org:z", "org:t"),
        ("org:s", "org:c", "org:d", "org:t"),
        ("org:s", "org:e", "org:f", "org:g", "org:t"),
    ]
    assert [len(path) for path in paths] == [2, 2, 2, 3, 4]


def test_ties_at_the_kth_path_are_broken_by_uids(grid: GraphStore) -> None:
    assert uids_of(grid.shortest_paths("org:s", "org:t", k=1)) == [("org:s", "org:a", "org:t")]
    assert uids_of(grid.shortest_paths("org:t", "org:s", k=2)) == [
        ("org:t", "org:a", "org:s"),
        ("org:t", "org:b", "org:s"),
    ]


def test_the_kth_path_is_chosen_by_uids_not_by_the_order_it_was_found(store: GraphStore) -> None:
    # A search from both ends meets first on s–m–a–t (t's side is smaller, and a < y), yet
    # s–b–y–t comes first by uids; the dead ends c, d, e make s's side the bigger one.
    store.upsert_nodes(
        nodes("org:s", "org:b", "org:c", "org:d", "org:e", "org:m", "org:a", "org:y", "org:t")
    )
    store.upsert_edges(
        [
            edge("org:s", "org:b"),
            edge("org:b", "org:y"),
            edge("org:y", "org:t"),
            edge("org:s", "org:m"),
            edge("org:m", "org:a"),
            edge("org:a", "org:t"),
            edge("org:s", "org:c"),
            edge("org:s", "org:d"),
            edge("org:s", "org:e"),
        ]
    )
    assert uids_of(store.shortest_paths("org:s", "org:t", k=1)) == [
        ("org:s", "org:b", "org:y", "org:t")
    ]
    assert uids_of(store.shortest_paths("org:t", "org:s", k=1)) == [
        ("org:t", "org:a", "org:m", "org:s")
    ]


def test_each_hop_carries_every_parallel_edge_in_either_direction(grid: GraphStore) -> None:
    [path] = grid.shortest_paths("org:s", "org:t", k=1)
    assert path.nodes == (grid.node("org:s"), grid.node("org:a"), grid.node("org:t"))
    first, second = path.hops
    assert (first.source, first.target) == ("org:s", "org:a")
    assert [e.id for e in first.edges] == ["MEMBER_OF|org:s|org:a|"]
    assert (second.source, second.target) == ("org:a", "org:t")
    assert [e.id for e in second.edges] == ["FOCUSES_ON|org:t|org:a|", "MEMBER_OF|org:a|org:t|x"]
    assert second.edges[1] == grid.edges(RelType.MEMBER_OF, uid="org:t")[0]


def test_paths_ignore_direction(grid: GraphStore) -> None:
    # s–b and b–t both point away from b.
    assert ("org:s", "org:b", "org:t") in uids_of(grid.shortest_paths("org:s", "org:t", k=3))


def test_paths_are_limited_by_max_hops(grid: GraphStore) -> None:
    assert len(grid.shortest_paths("org:s", "org:t", k=10, max_hops=3)) == 4
    assert grid.shortest_paths("org:s", "org:t", k=10, max_hops=1) == []
    assert len(grid.shortest_paths("org:s", "org:t", k=10, max_hops=8)) == 5


def test_paths_filter_edge_types(grid: GraphStore) -> None:
    only_located = grid.shortest_paths("org:s", "org:t", types=[RelType.LOCATED_IN])
    assert uids_of(only_located) == [("org:s", "org:b", "org:t")]
    focused = grid.shortest_paths("org:a", "org:t", types=[RelType.FOCUSES_ON])
    assert [e.id for e in focused[0].hops[0].edges] == ["FOCUSES_ON|org:t|org:a|"]
    assert grid.shortest_paths("org:s", "org:t", types=[]) == grid.shortest_paths("org:s", "org:t")


def test_paths_filter_edges_and_intermediate_nodes_by_time(grid: GraphStore) -> None:
    in_2010 = uids_of(grid.shortest_paths("org:s", "org:t", k=10, at=D2010))
    assert ("org:s", "org:z", "org:t") not in in_2010  # z–t starts in 2015
    assert ("org:s", "org:e", "org:f", "org:g", "org:t") not in in_2010  # e ended in 2005
    in_2000 = uids_of(grid.shortest_paths("org:s", "org:t", k=10, at=dt.date(2000, 1, 1)))
    assert ("org:s", "org:e", "org:f", "org:g", "org:t") in in_2000


def test_paths_are_simple_even_around_cycles(store: GraphStore) -> None:
    store.upsert_nodes(nodes("org:a", "org:b", "org:c", "org:d"))
    store.upsert_edges(
        [
            edge("org:a", "org:b"),
            edge("org:b", "org:c"),
            edge("org:c", "org:a"),
            edge("org:c", "org:d"),
        ]
    )
    paths = store.shortest_paths("org:a", "org:d", k=10, max_hops=8)
    assert uids_of(paths) == [("org:a", "org:c", "org:d"), ("org:a", "org:b", "org:c", "org:d")]
    assert all(len(set(path.uids)) == len(path.uids) for path in paths)


def test_a_path_to_itself_has_zero_hops(grid: GraphStore) -> None:
    [path] = grid.shortest_paths("org:s", "org:s")
    assert path.nodes == (grid.node("org:s"),)
    assert path.hops == ()


def test_no_path_gives_an_empty_list(grid: GraphStore) -> None:
    grid.upsert_nodes([node("org:island")])
    assert grid.shortest_paths("org:s", "org:island") == []


def test_an_endpoint_invalid_at_the_date_gives_no_path(grid: GraphStore) -> None:
    assert grid.shortest_paths("org:e", "org:t", at=D2010) == []
    assert grid.shortest_paths("org:e", "org:e", at=D2010) == []


def test_paths_to_unknown_nodes_raise_not_found(grid: GraphStore) -> None:
    with pytest.raises(NotFound) as source:
        grid.shortest_paths("org:nobody", "org:t")
    assert source.value.uid == "org:nobody"
    with pytest.raises(NotFound) as target:
        grid.shortest_paths("org:s", "org:nobody")
    assert target.value.uid == "org:nobody"


@pytest.mark.parametrize(("k", "max_hops"), [(0, 3), (1, 0), (1, 9), (-1, 3)])
def test_impossible_path_parameters_raise_query_error(
    grid: GraphStore, k: int, max_hops: int
) -> None:
    with pytest.raises(QueryError):
        grid.shortest_paths("org:s", "org:t", k=k, max_hops=max_hops)


def test_path_search_between_far_ends_of_a_long_chain(store: GraphStore) -> None:
    chain = [f"org:c{i}" for i in range(10)]
    store.upsert_nodes(nodes(*chain))
    store.upsert_edges([edge(a, b) for a, b in itertools.pairwise(chain)])
    [path] = store.shortest_paths(chain[0], chain[8], max_hops=8)
    assert path.uids == tuple(chain[:9])
    assert store.shortest_paths(chain[0], chain[9], max_hops=8) == []


# -- subgraph, find, networkx ----------------------------------------------------------------------


def test_subgraph_holds_existing_nodes_and_the_edges_between_them(star: GraphStore) -> None:
    sub = star.subgraph(["org:hub", "network:n", "org:nobody", "org:a", "org:hub"])
    assert [n.uid for n in sub.nodes] == ["network:n", "org:a", "org:hub"]
    assert [e.id for e in sub.edges] == [
        "LOCATED_IN|org:a|org:hub|",
        "MEMBER_OF|org:hub|network:n|1",
        "MEMBER_OF|org:hub|network:n|2",
        "TWINNED_WITH|org:hub|org:hub|",
    ]
    assert star.subgraph([]).nodes == ()


def test_subgraph_at_a_date_drops_invalid_nodes_and_edges(star: GraphStore) -> None:
    sub = star.subgraph(["org:hub", "org:old", "org:b"], at=D2010)
    assert [n.uid for n in sub.nodes] == ["org:b", "org:hub"]
    assert [e.id for e in sub.edges] == ["TWINNED_WITH|org:hub|org:hub|"]  # FOCUSES_ON: 2015


def test_find_matches_folded_names_aliases_and_codes(store: GraphStore) -> None:
    store.upsert_nodes(
        [
            node("org:elb", name="Elbląg University", aliases=["UWM Elbląg"]),
            node("org:gda", name="Gdańsk", name_en="Gdansk"),
            node("network:erb", NodeLabel.NETWORK, name="Euroregion Bałtyk"),
            node("project:p", NodeLabel.PROJECT, name="Project", acronym="SEAGULL"),
        ]
    )
    assert [n.uid for n in store.find("elblag")] == ["org:elb"]
    assert [n.uid for n in store.find("uwm")] == ["org:elb"]
    assert [n.uid for n in store.find("seagull")] == ["project:p"]
    assert [n.uid for n in store.find("a")] == ["network:erb", "org:elb", "org:gda", "project:p"]
    assert [n.uid for n in store.find("a", labels=[NodeLabel.ORGANISATION])] == [
        "org:elb",
        "org:gda",
    ]
    assert [n.uid for n in store.find("a", labels=[])] == [n.uid for n in store.find("a")]
    assert [n.uid for n in store.find("a", limit=2)] == ["network:erb", "org:elb"]
    assert store.find("nothing like this") == []
    assert store.find("gdansk")[0] == store.node("org:gda")


def _graph_items(
    graph: nx.MultiDiGraph,
) -> tuple[list[tuple[str, Node]], list[tuple[str, str, str, Edge]]]:
    node_items = sorted(((uid, data["node"]) for uid, data in graph.nodes(data=True)), key=str)
    edge_items = sorted(
        ((u, v, key, data["edge"]) for u, v, key, data in graph.edges(keys=True, data=True)),
        key=lambda item: item[2],
    )
    return node_items, edge_items


def test_to_networkx_holds_every_node_and_edge_keyed_by_edge_id(star: GraphStore) -> None:
    graph = star.to_networkx()
    assert isinstance(graph, nx.MultiDiGraph)
    node_items, edge_items = _graph_items(graph)
    assert node_items == [(n.uid, n) for n in star.nodes()]
    assert edge_items == sorted(
        ((e.source, e.target, e.id, e) for e in star.edges()), key=lambda item: item[2]
    )


def test_to_networkx_at_a_date_keeps_only_what_is_valid(star: GraphStore) -> None:
    graph = star.to_networkx(at=D2010)
    assert sorted(graph.nodes) == [n.uid for n in star.nodes(at=D2010)]
    edges_at: list[Edge] = [data for _, _, data in graph.edges(data="edge")]
    assert sorted(e.id for e in edges_at) == [
        "LOCATED_IN|org:a|org:hub|",
        "MEMBER_OF|org:a|org:b|",
        "MEMBER_OF|org:hub|network:n|1",
        "MEMBER_OF|org:hub|network:n|2",
        "TWINNED_WITH|org:hub|org:hub|",
    ]


# -- counts, version, clear, ping ------------------------------------------------------------------


def test_counts_per_label_and_type_leave_out_zeros(star: GraphStore) -> None:
    assert star.counts() == Counts(
        nodes={"Network": 1, "Organisation": 4},
        relationships={"FOCUSES_ON": 1, "LOCATED_IN": 1, "MEMBER_OF": 4, "TWINNED_WITH": 1},
    )
    assert list(star.counts().nodes) == ["Network", "Organisation"]


def test_data_version_changes_on_every_change_and_only_then(store: GraphStore) -> None:
    empty = store.data_version()
    assert isinstance(empty, str)
    assert 0 < len(empty) <= 32
    store.upsert_nodes(nodes("org:a", "org:b"))
    with_nodes = store.data_version()
    assert with_nodes != empty
    store.upsert_nodes([node("org:a")])  # the same content again
    assert store.data_version() == with_nodes
    store.upsert_nodes([node("org:a", name="Changed")])
    changed = store.data_version()
    assert changed != with_nodes
    store.upsert_edges([edge("org:a", "org:b")])
    assert store.data_version() != changed
    with_edge = store.data_version()
    store.upsert_edges([edge("org:a", "org:b", note="changed")])
    assert store.data_version() not in {with_edge, changed}


def test_data_version_depends_on_content_not_history(store: GraphStore) -> None:
    store.upsert_nodes([node("org:a", name="One")])
    one = store.data_version()
    store.upsert_nodes([node("org:a", name="Two")])
    store.upsert_nodes([node("org:a", name="One")])
    assert store.data_version() == one


def test_clear_removes_everything_and_the_store_stays_usable(star: GraphStore) -> None:
    star.clear()
    assert star.nodes() == []
    assert star.edges() == []
    assert star.counts() == Counts(nodes={}, relationships={})
    assert star.find("") == []
    with pytest.raises(NotFound):
        star.node("org:hub")
    assert star.data_version() == MemoryStore().data_version()  # the empty graph's version
    star.upsert_nodes([node("org:again")])
    assert [n.uid for n in star.nodes()] == ["org:again"]


def test_ping_returns_when_the_store_answers(store: GraphStore) -> None:
    store.ping()  # returns, without raising
