"""The store's ``partner_ranking`` (and ``evidence_chains`` for a few partners): hand-worked
scores, ties and filters on both stores, and identical answers on random graphs.

The hand-worked graph (dates and statuses are the test's own, not facts)::

    prio:w  Priority                ALIGNS_WITH (no strength: partial)   prio:v  Priority
    proj:1  Project 2015–2019       ADDRESSES prio:w; org:lead (role lead), org:assoc (associated)
    agr:s   Agreement, suspended    COVERS prio:w; SIGNED_BY org:lead
    net:m   Network                 FOCUSES_ON prio:v; members org:sus (suspended),
                                    org:gone (ended, no end day), teryt:2201011 (until 2010-06-30)

With 2026-01-01 as the reference day, each piece of evidence weighs (kind × role × status ×
alignment × recency, ``queries/partners.py``)::

    org:lead   project  2 × 1.5 × 0.5 (ended 2019: one 5-year step)     = 1.5
               agreement 3 × 0.5 (suspended)                            = 1.5   -> 3.0, 2 items
    net:m      declared 1 × 0.5 (through the partial alignment)          -> 0.5, ongoing
    org:assoc  project  2 × 0.5 × 0.5 (one step)                         -> 0.5, latest 2019-12-31
    org:sus    network  1 × 0.5 (suspended) × 0.5 (partial)               -> 0.25, ongoing
    org:gone   network  1 × 0.5 (ended) × 0.5 (partial)                   -> 0.25, ongoing
    teryt:…    network  1 × 0.5 (partial) × 0.125 (three steps from 2010) -> 0.0625

net:m and org:assoc tie on score and count; net:m's evidence is later. org:sus ("Łeba") and
org:gone ("Lębork") tie on everything the store orders by: the answer puts Łeba first (names
compared with case and diacritics folded), though org:gone's uid and "Lębork" as plain text
both come first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnergraph.graph.chains import Chain
from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.graph.ranking import Ranking, rank_chains
from partnergraph.graph.store import GraphStore
from partnergraph.model import Edge, Node, NodeLabel, RelType
from partnergraph.queries.partners import partners_for_priority
from partnergraph.window import Window
from tests.conformance.builders import edge, load_both, node
from tests.conformance.test_evidence_chains import WINDOWS, chain_graphs, full

L = NodeLabel
R = RelType
REF = dt.date(2026, 1, 1)
TERYT = "teryt:2201011"


@pytest.fixture
def weighed(store: GraphStore) -> GraphStore:
    store.upsert_nodes(
        [
            node("prio:w", L.PRIORITY),
            node("prio:v", L.PRIORITY),
            node("proj:1", L.PROJECT, valid_from="2015-01-01", valid_to="2019-12-31"),
            node("agr:s", L.AGREEMENT, status="suspended"),
            node("net:m", L.NETWORK),
            node("org:lead", name="Lead"),
            node("org:assoc", name="Associated"),
            node("org:sus", name="Łeba"),
            node("org:gone", name="Lębork"),
            node(TERYT, L.MUNICIPALITY, name="Gmina"),
        ]
    )
    store.upsert_edges(
        [
            edge("prio:w", "prio:v", R.ALIGNS_WITH),
            edge("proj:1", "prio:w", R.ADDRESSES),
            edge("org:lead", "proj:1", R.PARTICIPATES_IN, role="lead"),
            edge("org:assoc", "proj:1", R.PARTICIPATES_IN, role="associated"),
            edge("agr:s", "prio:w", R.COVERS),
            edge("agr:s", "org:lead", R.SIGNED_BY),
            edge("net:m", "prio:v", R.FOCUSES_ON),
            edge("org:sus", "net:m", R.MEMBER_OF, status="suspended"),
            edge("org:gone", "net:m", R.MEMBER_OF, status="ended"),
            edge(TERYT, "net:m", R.MEMBER_OF, valid_to="2010-06-30"),
        ]
    )
    return store


def rows(ranking: Ranking) -> list[tuple[str, float, int, str]]:
    return [(s.uid, s.score, s.evidence, s.latest) for s in ranking.top]


def rank(store: GraphStore, *, top: int = 20, **filters: Any) -> Ranking:
    return store.partner_ranking(["prio:w"], reference=REF, top=top, **filters)


ALL = [
    ("org:lead", 3.0, 2, "2026-01-01"),
    ("net:m", 0.5, 1, "2026-01-01"),
    ("org:assoc", 0.5, 1, "2019-12-31"),
    ("org:gone", 0.25, 1, "2026-01-01"),
    ("org:sus", 0.25, 1, "2026-01-01"),
    (TERYT, 0.0625, 1, "2010-06-30"),
]


def test_scores_weigh_role_status_alignment_and_age(weighed: GraphStore) -> None:
    ranking = rank(weighed)
    assert (ranking.total, rows(ranking), ranking.aligned) == (6, ALL, ["prio:v"])


def test_the_first_partners_come_with_everyone_tied_with_the_last(weighed: GraphStore) -> None:
    assert rows(rank(weighed, top=3)) == ALL[:3]
    # org:gone is fourth by uid; org:sus ties with it on everything the store orders by
    assert rows(rank(weighed, top=4)) == ALL[:5]
    assert rank(weighed, top=4).total == 6


def test_filters_leave_partners_out_but_alignment_is_of_the_whole_question(
    weighed: GraphStore,
) -> None:
    assert rows(rank(weighed, countries={"PL"})) == ALL[5:]
    assert rows(rank(weighed, kinds={"network"})) == ALL[1:2]
    assert rows(rank(weighed, exclude={"org:lead", "org:unknown"})) == ALL[1:]
    only = rank(weighed, partners={"org:sus", TERYT, "org:unknown"})
    assert (only.total, rows(only), only.aligned) == (2, ALL[4:], ["prio:v"])
    assert rank(weighed, countries={"SE"}) == Ranking(0, [], ["prio:v"])


def test_the_reference_day_sets_the_age_of_the_evidence(weighed: GraphStore) -> None:
    # In 2018 the project is running: no recency step, and its latest day is the reference.
    early = weighed.partner_ranking(["prio:w"], reference=dt.date(2018, 1, 1), top=2)
    assert rows(early) == [("org:lead", 4.5, 2, "2018-01-01"), ("org:assoc", 1.0, 1, "2018-01-01")]


def test_a_day_and_no_alignment_narrow_the_evidence(weighed: GraphStore) -> None:
    at_2009 = rank(weighed, window=Window(at=dt.date(2009, 1, 1)))
    assert rows(at_2009) == [
        ("org:lead", 1.5, 1, "2026-01-01"),
        ("net:m", 0.5, 1, "2026-01-01"),
        ("org:gone", 0.25, 1, "2026-01-01"),
        ("org:sus", 0.25, 1, "2026-01-01"),
        (TERYT, 0.0625, 1, "2010-06-30"),
    ]
    direct = rank(weighed, aligned=False)
    assert (rows(direct), direct.aligned) == ([ALL[0], ALL[2]], [])


def test_unknown_priorities_rank_nobody(weighed: GraphStore) -> None:
    assert weighed.partner_ranking(["prio:none"], reference=REF, top=5) == Ranking(0, [], [])


def test_the_answer_breaks_the_stores_ties_by_folded_name(weighed: GraphStore) -> None:
    answer = partners_for_priority(weighed, "prio:w", limit=4, reference_date=REF)
    assert [r.partner.uid for r in answer.results] == ["org:lead", "net:m", "org:assoc", "org:sus"]
    assert [r.score for r in answer.results] == [3.0, 0.5, 0.5, 0.25]
    assert answer.total == 6
    assert [p.uid for p in answer.aligned] == ["prio:v"]
    lead = answer.results[0]
    assert [(e.kind, e.weight) for e in lead.evidence] == [("agreement", 1.5), ("project", 1.5)]
    assert lead.evidence_counts == {"agreement": 1, "project": 1}


def test_evidence_chains_of_a_few_partners(weighed: GraphStore) -> None:
    every = weighed.evidence_chains(["prio:w"])
    some = weighed.evidence_chains(["prio:w"], partners={"org:lead", TERYT, "prio:v"})
    assert full(some) == full([c for c in every if c.partner.uid in {"org:lead", TERYT}])
    assert [c.partner.uid for c in some] == ["org:lead", "org:lead", TERYT]
    assert weighed.evidence_chains(["prio:w"], partners=()) == []


def test_a_write_is_seen_by_the_next_question(weighed: GraphStore) -> None:
    # The embedded store keeps the last questions' chains: a write must not be answered from
    # them.
    assert rank(weighed).total == 6
    assert "org:new" not in {c.partner.uid for c in weighed.evidence_chains(["prio:w"])}
    weighed.upsert_nodes([node("org:new", name="New")])
    weighed.upsert_edges([edge("org:new", "proj:1", R.PARTICIPATES_IN, role="lead")])
    assert rank(weighed, top=1).top[0].uid == "org:lead"
    assert rank(weighed).total == 7
    assert "org:new" in {c.partner.uid for c in weighed.evidence_chains(["prio:w"])}


# -- random graphs: both stores rank alike ------------------------------------------------------

EDGE_PROPS: list[dict[str, str]] = [
    {},
    {},
    {"role": "lead"},
    {"role": "associated"},
    {"status": "suspended"},
    {"status": "ended"},
    {"strength": "strong"},
]
NODE_PROPS: list[dict[str, str]] = [{}, {}, {"status": "suspended"}, {"country": "se"}]
NODE_PROPS += [{"kind": "NGO"}, {"status": "ended", "country": "PL"}]
REFS = [dt.date(2026, 1, 1), dt.date(2012, 3, 1)]


@st.composite
def weighed_graphs(draw: st.DrawFn) -> tuple[list[Node], list[Edge]]:
    nodes, edges = draw(chain_graphs())
    return (
        [n.model_copy(update={"properties": draw(st.sampled_from(NODE_PROPS))}) for n in nodes],
        [e.model_copy(update={"properties": draw(st.sampled_from(EDGE_PROPS))}) for e in edges],
    )


def _partners(chains: list[Chain]) -> list[str]:
    return sorted({c.partner.uid for c in chains})


@pytest.mark.neo4j
@settings(max_examples=40, deadline=None)
@given(graph=weighed_graphs(), data=st.data())
def test_random_graphs_rank_alike_on_both_stores(
    neo4j_store: Neo4jStore, graph: tuple[list[Node], list[Edge]], data: st.DataObject
) -> None:
    memory, _ = load_both(neo4j_store, graph)
    uids = [n.uid for n in graph[0]]
    asked = data.draw(st.lists(st.sampled_from([*uids, "p:unknown"]), max_size=3), label="asked")
    window = data.draw(st.sampled_from(WINDOWS), label="window")
    aligned = data.draw(st.booleans(), label="aligned")
    ref = data.draw(st.sampled_from(REFS), label="ref")
    top = data.draw(st.integers(1, 4), label="top")
    some = st.none() | st.sets(st.sampled_from(uids), max_size=3)
    filters = {
        "exclude": data.draw(st.sets(st.sampled_from(uids), max_size=2), label="exclude"),
        "partners": data.draw(some, label="partners"),
        "countries": data.draw(st.none() | st.sets(st.sampled_from(["PL", "SE"])), label="c"),
        "kinds": data.draw(
            st.none() | st.sets(st.sampled_from(["organisation", "network", "ngo"])), label="k"
        ),
    }
    asks: dict[str, Any] = {"window": window, "aligned": aligned}
    ranked = neo4j_store.partner_ranking(asked, reference=ref, top=top, **asks, **filters)
    assert ranked == memory.partner_ranking(asked, reference=ref, top=top, **asks, **filters)
    # ... and the database's ranking is the ranking of the database's own chains
    chains = neo4j_store.evidence_chains(asked, **asks)
    assert ranked == rank_chains(chains, ref, top=top, **filters)
    wanted = filters["partners"] if filters["partners"] is not None else set(_partners(chains))
    assert full(neo4j_store.evidence_chains(asked, partners=wanted, **asks)) == full(
        [c for c in chains if c.partner.uid in wanted]
    )
