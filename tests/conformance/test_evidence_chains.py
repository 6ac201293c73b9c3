"""The store's chain operations (``evidence_chains``, ``actor_chains``, ``priority_tally``):
hand-worked answers on both stores, and identical answers on random graphs.

The hand-worked graph (dates are the test's own, not facts)::

    prio:p  Priority 2010-01-01–2020-12-31   ALIGNS_WITH (strong)   prio:q  Priority
    agr:a   Agreement 2012–2014  COVERS prio:p; SIGNED_BY org:x and teryt:g (gmina from 2013)
    proj:r  Project 2008–2011    ADDRESSES prio:q; org:y and org:old (ended 2009) take part
    net:n   Network              FOCUSES_ON prio:p; members org:x (until 2012-06-30), org:y
    teryt:g FOCUSES_ON prio:p 2005–2008: before the priority and the gmina began, never held
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnergraph.errors import QueryError
from partnergraph.graph.chains import Chain
from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.graph.store import GraphStore
from partnergraph.model import Edge, Node, NodeLabel, RelType
from partnergraph.queries.snapshot import snapshot
from partnergraph.window import Window
from tests.conformance.builders import edge, load_both, node

L = NodeLabel
R = RelType


def load_example(store: GraphStore) -> GraphStore:
    store.upsert_nodes(
        [
            node("prio:p", L.PRIORITY, valid_from="2010-01-01", valid_to="2020-12-31"),
            node("prio:q", L.PRIORITY),
            node("agr:a", L.AGREEMENT, valid_from="2012-01-01", valid_to="2014-12-31"),
            node("proj:r", L.PROJECT, valid_from="2008-01-01", valid_to="2011-12-31"),
            node("net:n", L.NETWORK),
            node("org:x"),
            node("org:y"),
            node("org:old", valid_to="2009-12-31"),
            node("teryt:g", L.MUNICIPALITY, valid_from="2013-01-01"),
        ]
    )
    store.upsert_edges(
        [
            edge("agr:a", "prio:p", R.COVERS),
            edge("agr:a", "org:x", R.SIGNED_BY),
            edge("agr:a", "teryt:g", R.SIGNED_BY),
            edge("proj:r", "prio:q", R.ADDRESSES),
            edge("org:y", "proj:r", R.PARTICIPATES_IN),
            edge("org:old", "proj:r", R.PARTICIPATES_IN),
            edge("prio:p", "prio:q", R.ALIGNS_WITH, strength="strong"),
            edge("net:n", "prio:p", R.FOCUSES_ON),
            edge("org:x", "net:n", R.MEMBER_OF, valid_to="2012-06-30"),
            edge("org:y", "net:n", R.MEMBER_OF),
            edge("teryt:g", "prio:p", R.FOCUSES_ON, valid_from="2005-01-01", valid_to="2008-12-31"),
        ]
    )
    return store


@pytest.fixture
def example(store: GraphStore) -> GraphStore:
    return load_example(store)


def brief(chains: list[Chain]) -> list[tuple[Any, ...]]:
    """(asked, partner, kind, carrier, priority, through an alignment, start, end).

    ``full`` below compares the alignment edge itself through ``Chain.order``."""
    return [
        (
            c.asked.uid,
            c.partner.uid,
            c.kind,
            c.carrier.uid if c.carrier else None,
            c.priority.uid,
            c.alignment is not None,
            c.start,
            c.end,
        )
        for c in chains
    ]


#: prio:p asked on its own, all time, with alignments: worked out by hand from the docstring.
P_ALL_TIME = [
    ("prio:p", "net:n", "declared", None, "prio:p", False, "2010-01-01", "2020-12-31"),
    ("prio:p", "org:old", "project", "proj:r", "prio:q", True, "2008-01-01", "2009-12-31"),
    ("prio:p", "org:x", "agreement", "agr:a", "prio:p", False, "2012-01-01", "2014-12-31"),
    ("prio:p", "org:x", "network", "net:n", "prio:p", False, "2010-01-01", "2012-06-30"),
    ("prio:p", "org:y", "network", "net:n", "prio:p", False, "2010-01-01", "2020-12-31"),
    ("prio:p", "org:y", "project", "proj:r", "prio:q", True, "2008-01-01", "2011-12-31"),
    ("prio:p", "teryt:g", "agreement", "agr:a", "prio:p", False, "2013-01-01", "2014-12-31"),
]


def test_chains_of_a_priority_for_all_time_never_join_periods_that_did_not_overlap(
    example: GraphStore,
) -> None:
    found = brief(example.evidence_chains(["prio:p"]))
    assert found == P_ALL_TIME
    # the gmina's declared focus (2005–2008) ended before the gmina and the priority began
    assert not any(row[1] == "teryt:g" and row[2] == "declared" for row in found)


def test_a_day_keeps_only_chains_that_held_on_it(example: GraphStore) -> None:
    found = brief(example.evidence_chains(["prio:p"], window=Window(at=dt.date(2015, 1, 1))))
    assert found == [P_ALL_TIME[0], P_ALL_TIME[4]]


def test_a_period_keeps_chains_that_held_on_some_day_of_it(example: GraphStore) -> None:
    window = Window.of(None, (dt.date(2009, 1, 1), dt.date(2009, 6, 30)))
    assert brief(example.evidence_chains(["prio:p"], window=window)) == [
        P_ALL_TIME[1],
        P_ALL_TIME[5],
    ]


def test_without_alignment_only_direct_chains(example: GraphStore) -> None:
    found = brief(example.evidence_chains(["prio:p"], aligned=False))
    assert found == [row for row in P_ALL_TIME if not row[5]]


def test_priorities_asked_together_count_each_other_directly(example: GraphStore) -> None:
    found = brief(example.evidence_chains(["prio:q", "prio:p", "prio:unknown"]))
    direct_q = [
        ("prio:q", "org:old", "project", "proj:r", "prio:q", False, "2008-01-01", "2009-12-31"),
        ("prio:q", "org:y", "project", "proj:r", "prio:q", False, "2008-01-01", "2011-12-31"),
    ]
    assert found == [row for row in P_ALL_TIME if not row[5]] + direct_q


def test_every_priority_is_asked_on_its_own(example: GraphStore) -> None:
    found = brief(example.evidence_chains(None))
    q_through_p = [
        ("prio:q", partner, kind, carrier, "prio:p", True, start, end)
        for _, partner, kind, carrier, _, aligned, start, end in P_ALL_TIME
        if not aligned
    ]
    direct_q = [
        ("prio:q", "org:old", "project", "proj:r", "prio:q", False, "2008-01-01", "2009-12-31"),
        ("prio:q", "org:y", "project", "proj:r", "prio:q", False, "2008-01-01", "2011-12-31"),
    ]
    expected = P_ALL_TIME + sorted(q_through_p + direct_q, key=lambda row: (row[1], row[2]))
    assert found == expected


def test_chains_carry_the_objects_they_join(example: GraphStore) -> None:
    chain = example.evidence_chains(["prio:p"])[1]  # org:old through the alignment
    assert chain.alignment is not None
    assert chain.alignment.properties == {"strength": "strong"}
    assert chain.link == edge("org:old", "proj:r", R.PARTICIPATES_IN)
    assert chain.principal == edge("proj:r", "prio:q", R.ADDRESSES)
    assert chain.carrier == node(
        "proj:r", L.PROJECT, valid_from="2008-01-01", valid_to="2011-12-31"
    )


def test_actor_chains_reach_every_priority_of_the_actor(example: GraphStore) -> None:
    assert brief(example.actor_chains(["org:x"])) == [
        ("prio:p", "org:x", "agreement", "agr:a", "prio:p", False, "2012-01-01", "2014-12-31"),
        ("prio:p", "org:x", "network", "net:n", "prio:p", False, "2010-01-01", "2012-06-30"),
    ]
    assert brief(example.actor_chains(["teryt:g"])) == [
        ("prio:p", "teryt:g", "agreement", "agr:a", "prio:p", False, "2013-01-01", "2014-12-31"),
    ]
    assert example.actor_chains(["org:x"], window=Window(at=dt.date(2013, 1, 1)))[0].kind == (
        "agreement"
    )
    assert example.actor_chains(["org:x"], window=Window(at=dt.date(2016, 1, 1))) == []
    assert example.actor_chains(["prio:q", "org:unknown"]) == []
    # only the chains ending at the asked priorities: org:y's project reaches prio:q
    assert brief(example.actor_chains(["org:y"], priorities=["prio:q"])) == [
        ("prio:q", "org:y", "project", "proj:r", "prio:q", False, "2008-01-01", "2011-12-31"),
    ]
    assert example.actor_chains(["org:x"], priorities=["prio:q", "prio:unknown"]) == []
    assert example.actor_chains(["org:x"], priorities=[]) == []
    both = example.actor_chains(["teryt:g", "org:x", "org:x"])
    assert brief(both) == brief(example.actor_chains(["org:x"])) + brief(
        example.actor_chains(["teryt:g"])
    )


def test_priority_tally_counts_each_groups_chains_per_priority(example: GraphStore) -> None:
    # org:x: agreement and network to prio:p; teryt:g: the agreement (its own FOCUSES_ON
    # never held); org:y: the network to prio:p and proj:r to prio:q; org:old: proj:r
    # (2008-2009, while it existed); unknown uids and repeats count nothing more
    groups = [["org:x", "teryt:g", "org:x"], ["org:y", "org:old", "org:unknown"], []]
    assert example.priority_tally(groups) == [
        Counter({"prio:p": 3}),
        Counter({"prio:p": 1, "prio:q": 2}),
        Counter(),
    ]
    # in 2013 org:x's membership (until mid-2012) and the project (to 2011) are over
    assert example.priority_tally(groups, window=Window(at=dt.date(2013, 1, 1))) == [
        Counter({"prio:p": 2}),
        Counter({"prio:p": 1}),
        Counter(),
    ]
    assert example.priority_tally([]) == []
    # a snapshot asks for its own day: the gmina did not exist yet in 2012
    view = snapshot(example, dt.date(2012, 1, 1))
    assert view.priority_tally([["teryt:g"], ["org:x"]]) == [Counter(), Counter({"prio:p": 2})]


def test_a_snapshot_asks_the_store_for_its_own_day(example: GraphStore) -> None:
    day = dt.date(2015, 1, 1)
    view = snapshot(example, day)
    assert brief(view.evidence_chains(["prio:p"])) == brief(
        example.evidence_chains(["prio:p"], window=Window(at=day))
    )
    with pytest.raises(QueryError):
        view.evidence_chains(["prio:p"], window=Window(at=dt.date(2016, 1, 1)))
    with pytest.raises(QueryError):
        view.evidence_chains(None, window=Window.of(None, (day, day)))
    # the gmina did not exist yet in 2012: none of its chains held then
    assert snapshot(example, dt.date(2012, 1, 1)).actor_chains(["teryt:g"]) == []


# -- random graphs: both stores give identical chains -----------------------------------------

UIDS = ["p:1", "p:2", "p:\ufb01", "c:1", "c:2", "a:1", "a:\U0001f600", "a:Z"]
LABEL_OF = {
    "p": [L.PRIORITY],
    "c": [L.PROJECT, L.AGREEMENT, L.NETWORK, L.ORGANISATION],
    "a": [L.ORGANISATION, L.MUNICIPALITY, L.NETWORK, L.REGION, L.COUNTRY],
}
CHAIN_TYPES = [R.COVERS, R.SIGNED_BY, R.ADDRESSES, R.PARTICIPATES_IN, R.FOCUSES_ON]
CHAIN_TYPES += [R.MEMBER_OF, R.ALIGNS_WITH]
STARTS = [None, None, "2000-01-01", "2010-06-30"]
ENDS = [None, None, "2010-06-30", "2020-12-31", "2005-12-31"]
WINDOWS = [
    Window(),
    Window(at=dt.date(2003, 1, 1)),
    Window(at=dt.date(2010, 6, 30)),
    Window(at=dt.date(2015, 1, 1)),
    Window.of(None, (dt.date(2006, 1, 1), dt.date(2009, 12, 31))),
    Window.of(None, (dt.date(2021, 1, 1), dt.date(2030, 1, 1))),
]


@st.composite
def chain_graphs(draw: st.DrawFn) -> tuple[list[Node], list[Edge]]:
    uids = draw(st.lists(st.sampled_from(UIDS), min_size=3, max_size=8, unique=True))
    nodes = [
        node(
            uid,
            draw(st.sampled_from(LABEL_OF[uid[0]])),
            valid_from=draw(st.sampled_from(STARTS)),
            valid_to=draw(st.sampled_from(ENDS)),
        )
        for uid in uids
    ]
    edges = [
        edge(
            draw(st.sampled_from(uids)),
            draw(st.sampled_from(uids)),
            draw(st.sampled_from(CHAIN_TYPES)),
            key=draw(st.sampled_from(["", "", "k2"])),
            valid_from=draw(st.sampled_from(STARTS)),
            valid_to=draw(st.sampled_from(ENDS)),
        )
        for _ in range(draw(st.integers(0, 22)))
    ]
    return nodes, edges


def full(chains: list[Chain]) -> list[tuple[Any, ...]]:
    return [
        (c.order, c.start, c.end, c.asked, c.partner, c.carrier, c.link, c.principal, c.priority)
        for c in chains
    ]


@pytest.mark.neo4j
@settings(max_examples=40, deadline=None)
@given(graph=chain_graphs(), data=st.data())
def test_random_graphs_give_identical_chains_on_both_stores(
    neo4j_store: Neo4jStore, graph: tuple[list[Node], list[Edge]], data: st.DataObject
) -> None:
    memory, _ = load_both(neo4j_store, graph)
    window = data.draw(st.sampled_from(WINDOWS), label="window")
    aligned = data.draw(st.booleans(), label="aligned")
    uids = [n.uid for n in graph[0]]
    asked = data.draw(st.lists(st.sampled_from([*uids, "p:unknown"]), max_size=3), label="asked")
    for priorities in (None, asked):
        assert full(neo4j_store.evidence_chains(priorities, window=window, aligned=aligned)) == (
            full(memory.evidence_chains(priorities, window=window, aligned=aligned))
        )
    for uid in uids:
        assert full(neo4j_store.actor_chains([uid], window=window)) == (
            full(memory.actor_chains([uid], window=window))
        )
    assert full(neo4j_store.actor_chains(asked + uids, window=window)) == (
        full(memory.actor_chains(asked + uids, window=window))
    )
    every = memory.actor_chains(uids, window=window)
    assert full(memory.actor_chains(uids, window=window, priorities=asked)) == full(
        [chain for chain in every if chain.priority.uid in asked]
    )
    assert full(neo4j_store.actor_chains(uids, window=window, priorities=asked)) == (
        full(memory.actor_chains(uids, window=window, priorities=asked))
    )
    groups = data.draw(
        st.lists(st.lists(st.sampled_from([*uids, "a:unknown"]), max_size=4), max_size=3),
        label="groups",
    )
    expected = [
        Counter(chain.priority.uid for chain in memory.actor_chains(group, window=window))
        for group in groups
    ]
    assert memory.priority_tally(groups, window=window) == expected
    assert neo4j_store.priority_tally(groups, window=window) == expected
