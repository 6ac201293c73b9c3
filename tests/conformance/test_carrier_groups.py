"""The store's ``carrier_groups``: hand-worked groups on both stores, the groups around a few
actors equal to the whole graph's groups of their carriers, and identical random graphs.

The hand-worked graph (dates are the test's own)::

    proj:p  Project 2010–2012: org:a, org:b (from 2011), gmina teryt:g, and net:n (a network
            is no actor: not a member)
    agr:s   Agreement: signed by org:a and org:b
    net:n   Network: members org:a and org:c; org:c also MEMBER_OF net:n with key "again"
    org:h   Organisation with one member, org:c: it forms a group with itself
    org:lonely  Organisation without members: no group
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnergraph.graph.cooperation import Group
from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.loader import load_directory
from partnergraph.model import Edge, Node, NodeLabel, RelType
from tests.conformance.builders import edge, load_both, node

L = NodeLabel
R = RelType


@pytest.fixture
def example(store: GraphStore) -> GraphStore:
    store.upsert_nodes(
        [
            node("proj:p", L.PROJECT, valid_from="2010-01-01", valid_to="2012-12-31"),
            node("agr:s", L.AGREEMENT),
            node("net:n", L.NETWORK),
            node("org:a"),
            node("org:b", valid_from="2011-01-01"),
            node("org:c"),
            node("org:h"),
            node("org:lonely"),
            node("teryt:g", L.MUNICIPALITY),
        ]
    )
    store.upsert_edges(
        [
            edge("org:a", "proj:p", R.PARTICIPATES_IN),
            edge("org:b", "proj:p", R.PARTICIPATES_IN),
            edge("teryt:g", "proj:p", R.PARTICIPATES_IN, valid_to="2010-06-30"),
            edge("net:n", "proj:p", R.PARTICIPATES_IN),
            edge("agr:s", "org:a", R.SIGNED_BY),
            edge("agr:s", "org:b", R.SIGNED_BY),
            edge("org:a", "net:n", R.MEMBER_OF),
            edge("org:c", "net:n", R.MEMBER_OF, key="again"),
            edge("org:c", "net:n", R.MEMBER_OF),
            edge("org:c", "org:h", R.MEMBER_OF),
        ]
    )
    return store


def brief(groups: dict[str, Group]) -> dict[str, list[tuple[str, str | None]]]:
    """Carrier → [(member, key of its link, or None for an organisation's own group)]."""
    return {
        uid: [(m, link.key if link else None) for m, (_, link) in group.members.items()]
        for uid, group in groups.items()
    }


def test_every_group_of_the_graph(example: GraphStore) -> None:
    assert brief(example.carrier_groups()) == {
        "agr:s": [("org:a", ""), ("org:b", "")],
        "net:n": [("org:a", ""), ("org:c", "")],  # the first link by key: "" before "again"
        "org:h": [("org:c", ""), ("org:h", None)],
        "proj:p": [("org:a", ""), ("org:b", ""), ("teryt:g", "")],
    }
    assert example.carrier_groups()["proj:p"].weight == 0.5


def test_groups_as_of_a_day_count_only_what_held(example: GraphStore) -> None:
    # 2010-09-01: org:b did not exist yet and the gmina had left the project
    assert "proj:p" not in example.carrier_groups(at=dt.date(2010, 9, 1))
    assert brief(example.carrier_groups(at=dt.date(2011, 6, 1)))["proj:p"] == [
        ("org:a", ""),
        ("org:b", ""),
    ]
    # 2015: the project is over; the agreement (undated) still holds
    assert sorted(example.carrier_groups(at=dt.date(2015, 1, 1))) == ["agr:s", "net:n", "org:h"]


def test_groups_around_actors(example: GraphStore) -> None:
    every = example.carrier_groups()
    assert sorted(example.carrier_groups(["org:b"])) == ["agr:s", "proj:p"]
    assert sorted(example.carrier_groups(["org:c", "org:unknown"])) == ["net:n", "org:h"]
    assert sorted(example.carrier_groups(["org:h"])) == ["org:h"]  # its own group
    assert example.carrier_groups(["org:lonely"]) == {}
    around = example.carrier_groups(["org:a", "teryt:g"])
    assert brief(around) == {uid: brief(every)[uid] for uid in ("agr:s", "net:n", "proj:p")}


@pytest.mark.neo4j
def test_bundled_groups_around_every_actor_match_the_whole_graph(
    bundled_data: object, neo4j_store: Neo4jStore
) -> None:
    from pathlib import Path

    neo4j_store.clear()
    memory = MemoryStore()
    for store in (memory, neo4j_store):
        load_directory(store, Path(str(bundled_data)))
    every = memory.carrier_groups()
    assert brief(neo4j_store.carrier_groups()) == brief(every)
    carriers_of: dict[str, set[str]] = {}
    for uid, group in every.items():
        for member in group.members:
            carriers_of.setdefault(member, set()).add(uid)
    for actor in ["nuts:PL63", "teryt:2261011", *sorted(carriers_of)[:40]]:
        expected = {uid: brief(every)[uid] for uid in sorted(carriers_of.get(actor, ()))}
        assert brief(memory.carrier_groups([actor])) == expected, actor
        assert brief(neo4j_store.carrier_groups([actor])) == expected, actor


UIDS = ["c:1", "c:2", "c:\ufb01", "a:1", "a:2", "a:Z", "a:\U0001f600"]
LABELS = {
    "c": [L.PROJECT, L.AGREEMENT, L.NETWORK, L.ORGANISATION],
    "a": [L.ORGANISATION, L.MUNICIPALITY, L.NETWORK, L.REGION, L.COUNTRY],
}
DAYS = [None, None, "2000-01-01", "2010-06-30", "2020-12-31"]


@st.composite
def graphs(draw: st.DrawFn) -> tuple[list[Node], list[Edge]]:
    uids = draw(st.lists(st.sampled_from(UIDS), min_size=2, max_size=7, unique=True))
    nodes = [
        node(
            uid,
            draw(st.sampled_from(LABELS[uid[0]])),
            valid_from=draw(st.sampled_from(DAYS[:4])),
            valid_to=draw(st.sampled_from([None, None, DAYS[3], DAYS[4]])),
        )
        for uid in uids
    ]
    edges = [
        edge(
            draw(st.sampled_from(uids)),
            draw(st.sampled_from(uids)),
            draw(st.sampled_from([R.PARTICIPATES_IN, R.SIGNED_BY, R.MEMBER_OF, R.PART_OF])),
            key=draw(st.sampled_from(["", "k2"])),
            valid_from=draw(st.sampled_from(DAYS[:4])),
            valid_to=draw(st.sampled_from([None, None, DAYS[3], DAYS[4]])),
        )
        for _ in range(draw(st.integers(0, 16)))
    ]
    return nodes, edges


@pytest.mark.neo4j
@settings(max_examples=40, deadline=None)
@given(graph=graphs(), data=st.data())
def test_random_graphs_give_identical_groups_on_both_stores(
    neo4j_store: Neo4jStore, graph: tuple[list[Node], list[Edge]], data: st.DataObject
) -> None:
    memory, _ = load_both(neo4j_store, graph)
    at = data.draw(st.sampled_from([None, dt.date(2005, 1, 1), dt.date(2015, 1, 1)]), label="at")
    uids = [n.uid for n in graph[0]]
    actors = data.draw(st.lists(st.sampled_from([*uids, "a:unknown"]), max_size=3), label="of")
    for asked in (None, actors):
        found = neo4j_store.carrier_groups(asked, at=at)
        assert brief(found) == brief(memory.carrier_groups(asked, at=at))
        for uid, group in found.items():
            expected = memory.carrier_groups(asked, at=at)[uid]
            assert group.carrier == expected.carrier
            assert group.members == expected.members


@pytest.mark.neo4j
@pytest.mark.parametrize("parallelism", [1, 3])
def test_carriers_read_in_batches_side_by_side_give_the_same_groups(
    bundled_data: object,
    neo4j_store: Neo4jStore,
    monkeypatch: pytest.MonkeyPatch,
    parallelism: int,
) -> None:
    """One carrier per statement, one or three statements at a time: the groups of the whole
    graph and around the busiest actors are the memory store's, in carrier order, and an actor
    in many groups (read in as many batches) is one Node."""
    from pathlib import Path

    from partnergraph.graph import neo4j_cooperation

    neo4j_store.clear()
    memory = MemoryStore()
    for store in (memory, neo4j_store):
        load_directory(store, Path(str(bundled_data)))
    monkeypatch.setattr(neo4j_cooperation, "CARRIER_BATCH", 1)
    monkeypatch.setattr(neo4j_store, "read_parallelism", parallelism)
    every = memory.carrier_groups()
    found = neo4j_store.carrier_groups()
    assert len(found) > 3  # more batches than statements at a time
    assert list(found) == list(every)
    for uid, group in found.items():
        assert (group.carrier, group.members) == (every[uid].carrier, every[uid].members), uid
    members = [member for group in found.values() for member, _ in group.members.values()]
    assert len({id(member) for member in members}) == len({member.uid for member in members})
    groups_of: dict[str, int] = {}
    for group in every.values():
        for uid in group.members:
            groups_of[uid] = groups_of.get(uid, 0) + 1
    busiest = sorted(groups_of, key=lambda uid: (-groups_of[uid], uid))[:3]
    assert groups_of[busiest[-1]] > 1
    assert brief(neo4j_store.carrier_groups(busiest)) == brief(memory.carrier_groups(busiest))
