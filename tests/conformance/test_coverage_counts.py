"""The store's ``coverage_counts`` (what the coverage matrix counts): hand-worked answers on
both stores, and identical answers on random graphs.

The hand-worked graph is ``test_evidence_chains``' (see its docstring): prio:p's evidence for
all time, with alignments, is seven keys (one partner's one tie to one carrier) from five
partners: net:n (declared), org:old and org:y (project proj:r through the alignment to
prio:q), org:x and org:y (network net:n), org:x and teryt:g (agreement agr:a). Only teryt:g
has a country (a ``teryt:`` uid is Polish).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from partnergraph.graph import neo4j_chains, neo4j_coverage
from partnergraph.graph.coverage import CoverageCounts
from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.graph.store import GraphStore
from partnergraph.model import ACTOR_LABELS, Edge, Node, NodeLabel, RelType
from partnergraph.queries.evidence import every_priority_findings
from partnergraph.queries.gaps import coverage_matrix
from partnergraph.queries.service import QueryService
from partnergraph.queries.snapshot import snapshot
from partnergraph.settings import Settings
from partnergraph.stores import open_store
from partnergraph.window import Window
from tests.conformance.builders import edge, load_both, node
from tests.conformance.test_evidence_chains import WINDOWS, chain_graphs, full, load_example

L = NodeLabel
R = RelType


@pytest.fixture
def example(store: GraphStore) -> GraphStore:
    return load_example(store)


def cells(counts: CoverageCounts, priority: str) -> dict[str | None, tuple[int, int]]:
    return counts.tallies[priority].cells


def test_each_partner_tie_to_a_carrier_counts_once_per_priority(example: GraphStore) -> None:
    counts = example.coverage_counts()
    # net:n, org:old, org:x (2 keys), org:y (2 keys) have no country; teryt:g is Polish
    assert cells(counts, "prio:p") == {None: (6, 4), "PL": (1, 1)}
    assert (counts.tallies["prio:p"].evidence, counts.tallies["prio:p"].partners) == (7, 5)
    # prio:q reaches the same keys: proj:r directly, the rest through the alignment
    assert cells(counts, "prio:q") == {None: (6, 4), "PL": (1, 1)}


def test_without_alignment_only_direct_evidence_counts(example: GraphStore) -> None:
    counts = example.coverage_counts(aligned=False)
    assert cells(counts, "prio:p") == {None: (4, 3), "PL": (1, 1)}
    assert cells(counts, "prio:q") == {None: (2, 2)}


def test_a_day_counts_what_held_on_it(example: GraphStore) -> None:
    counts = example.coverage_counts(window=Window(at=dt.date(2015, 1, 1)))
    # only net:n's declared focus and org:y's membership held in 2015
    assert cells(counts, "prio:p") == {None: (2, 2)}
    assert example.coverage_counts(window=Window(at=dt.date(1999, 1, 1))).tallies == {}


def test_filters_keep_partners_and_countries(example: GraphStore) -> None:
    assert cells(example.coverage_counts(countries={"PL"}), "prio:p") == {"PL": (1, 1)}
    only = example.coverage_counts(["prio:p"], partners={"org:x", "teryt:g"})
    assert set(only.tallies) == {"prio:p"}
    assert cells(only, "prio:p") == {None: (2, 1), "PL": (1, 1)}


def test_the_sample_holds_the_first_partners_chains_until_enough_keys(
    example: GraphStore,
) -> None:
    assert example.coverage_counts(sample=0).tallies["prio:p"].sample == []
    sample = example.coverage_counts(sample=2).tallies["prio:p"].sample
    # partners by uid: net:n (1 key), org:old (1 key): two keys reached
    assert [(c.partner.uid, c.kind) for c in sample] == [
        ("net:n", "declared"),
        ("org:old", "project"),
    ]
    # a partner is taken whole: org:x's two keys come with it
    sample = example.coverage_counts(sample=3).tallies["prio:p"].sample
    assert [(c.partner.uid, c.kind) for c in sample][2:] == [
        ("org:x", "agreement"),
        ("org:x", "network"),
    ]


def test_a_snapshot_counts_on_its_own_day(example: GraphStore) -> None:
    day = snapshot(example, dt.date(2015, 1, 1))
    assert cells(day.coverage_counts(), "prio:p") == {None: (2, 2)}


def load_sourced(store: GraphStore) -> GraphStore:
    """One project addresses P1 and P2 (aligned, the crosswalk the source of the alignment);
    org:a takes part in it, org:b in a project that addresses only P2. Asked for P1, org:a's
    tie counts directly (its sources: the project's), org:b's through the alignment (which
    cites the crosswalk). org:a lies in a gmina of nuts:PL63; org:b in Skåne's county."""
    store.upsert_nodes(
        [
            node("p:1", L.PRIORITY),
            node("p:2", L.PRIORITY),
            node("proj:1", L.PROJECT, sources=("keep",)),
            node("proj:2", L.PROJECT, sources=("keep",)),
            node("org:a"),
            node("org:b", country="se"),
            node("teryt:2261011", L.MUNICIPALITY),
            node("nuts:PL63", L.REGION),
            node("nuts:SE224", L.REGION),
            node("nuts:SE22", L.REGION),
        ]
    )
    store.upsert_edges(
        [
            edge("p:1", "p:2", R.ALIGNS_WITH, sources=("crosswalk",), strength="strong"),
            edge("proj:1", "p:1", R.ADDRESSES, sources=("keep",)),
            edge("proj:1", "p:2", R.ADDRESSES, sources=("keep",)),
            edge("proj:2", "p:2", R.ADDRESSES, sources=("keep",)),
            edge("org:a", "proj:1", R.PARTICIPATES_IN, sources=("keep",)),
            edge("org:b", "proj:2", R.PARTICIPATES_IN, sources=("keep",)),
            edge("org:a", "teryt:2261011", R.LOCATED_IN, sources=("teryt",)),
            edge("teryt:2261011", "nuts:PL63", R.PART_OF, sources=("teryt",)),
            edge("org:b", "nuts:SE224", R.LOCATED_IN, sources=("nuts",)),
            edge("nuts:SE224", "nuts:SE22", R.PART_OF, sources=("nuts",)),
        ]
    )
    return store


def test_sources_are_those_of_the_chain_each_key_counts_with(store: GraphStore) -> None:
    load_sourced(store)
    assert store.coverage_counts(["p:1"], partners={"org:a"}).sources == {"keep"}
    assert store.coverage_counts(["p:1"]).sources == {"keep", "crosswalk"}


def test_columns_by_nearest_region(store: GraphStore) -> None:
    load_sourced(store)
    counts = store.coverage_counts(["p:2"], by="region")
    # org:a: gmina → nuts:PL63 (two steps); org:b: its own county nuts:SE224 (one step)
    assert cells(counts, "p:2") == {"nuts:PL63": (1, 1), "nuts:SE224": (1, 1)}
    assert cells(store.coverage_counts(["p:2"]), "p:2") == {"SE": (1, 1), None: (1, 1)}


# -- random graphs: both stores count identically ---------------------------------------------


@st.composite
def sourced_graphs(draw: st.DrawFn) -> tuple[list[Node], list[Edge]]:
    """``chain_graphs`` with sources, countries and places drawn too."""
    nodes, edges = draw(chain_graphs())
    sources = st.sampled_from([("s1",), ("s2",), ("s1", "s3")])
    nodes = [
        n.model_copy(
            update={
                "sources": draw(sources),
                "properties": {"country": c} if (c := draw(st.sampled_from(COUNTRIES))) else {},
            }
        )
        for n in nodes
    ]
    edges = [e.model_copy(update={"sources": draw(sources)}) for e in edges]
    uids = [n.uid for n in nodes]
    regions = [node("r:1", L.REGION), node("r:2", L.REGION, valid_to="2010-06-30")]
    places = [
        edge(
            draw(st.sampled_from(uids)),
            draw(st.sampled_from(["r:1", "r:2", *uids])),
            draw(st.sampled_from([R.LOCATED_IN, R.PART_OF])),
            valid_from=draw(st.sampled_from([None, "2012-01-01"])),
        )
        for _ in range(draw(st.integers(0, 5)))
    ]
    return nodes + regions, edges + places


COUNTRIES = [None, None, "se", "PL", ""]


def normalised(counts: CoverageCounts) -> tuple[Any, ...]:
    return (
        {
            uid: (
                sorted(t.cells.items(), key=repr),
                t.evidence,
                t.partners,
                [(c.order, c.start, c.end, c.link, c.principal, c.alignment) for c in t.sample],
            )
            for uid, t in counts.tallies.items()
        },
        counts.sources,
    )


@pytest.mark.neo4j
@settings(max_examples=40, deadline=None)
@given(graph=sourced_graphs(), data=st.data())
def test_random_graphs_give_identical_counts_on_both_stores(
    neo4j_store: Neo4jStore, graph: tuple[list[Node], list[Edge]], data: st.DataObject
) -> None:
    memory, _ = load_both(neo4j_store, graph)
    window = data.draw(st.sampled_from(WINDOWS), label="window")
    uids = [n.uid for n in graph[0]]
    asked = {
        "priorities": data.draw(st.none() | st.lists(st.sampled_from(uids)), label="asked"),
        "aligned": data.draw(st.booleans(), label="aligned"),
        "by": data.draw(st.sampled_from(["country", "region"]), label="by"),
        "partners": data.draw(st.none() | st.sets(st.sampled_from(uids)), label="partners"),
        "countries": data.draw(st.none() | st.just({"SE", "PL"}), label="countries"),
        "sample": data.draw(st.integers(0, 4), label="sample"),
    }
    assert normalised(neo4j_store.coverage_counts(window=window, **asked)) == normalised(
        memory.coverage_counts(window=window, **asked)
    )


@pytest.mark.neo4j
@pytest.mark.parametrize("parallelism", [1, 3])
def test_batches_side_by_side_give_the_same_answers(
    both: tuple[MemoryStore, Neo4jStore], monkeypatch: pytest.MonkeyPatch, parallelism: int
) -> None:
    """One priority or actor per statement, run one or three at a time: the coverage counts
    and the chains are those of the memory store (which has no batches)."""
    memory, neo4j = both
    for store in both:
        load_sourced(load_example(store))
    monkeypatch.setattr(neo4j_coverage, "COVERAGE_BATCH", 1)
    monkeypatch.setattr(neo4j_chains, "PRIORITY_BATCH", 1)
    monkeypatch.setattr(neo4j_chains, "ACTOR_BATCH", 1)
    monkeypatch.setattr(neo4j, "read_parallelism", parallelism)
    for by in ("country", "region"):
        asked: dict[str, Any] = {"aligned": True, "by": by, "partners": None, "countries": None}
        counted = neo4j.coverage_counts(None, window=Window(), sample=3, **asked)
        assert len(counted.tallies) > 3  # more batches than threads
        expected = memory.coverage_counts(None, window=Window(), sample=3, **asked)
        assert normalised(counted) == normalised(expected)
    assert full(neo4j.evidence_chains(None)) == full(memory.evidence_chains(None))
    actors = [node.uid for node in memory.nodes() if node.label in ACTOR_LABELS]
    assert len(actors) > 3
    chains = neo4j.actor_chains(actors, window=Window())
    assert chains
    assert full(chains) == full(memory.actor_chains(actors, window=Window()))


@pytest.mark.neo4j
def test_the_read_parallelism_setting_reaches_the_store(neo4j_uri: str, tmp_path: Path) -> None:
    settings = Settings(store="neo4j", neo4j_uri=neo4j_uri, neo4j_read_parallelism=3, home=tmp_path)
    store = open_store(settings)
    assert isinstance(store, Neo4jStore)
    try:
        assert store.read_parallelism == 3
    finally:
        store.close()
    with pytest.raises(ValidationError, match="neo4j_read_parallelism"):
        Settings(neo4j_read_parallelism=0)


# -- the matrix: counted by the store, or from evidence this worker already holds ------------


@pytest.mark.parametrize("by", ["country", "region"])
def test_the_matrix_is_the_same_counted_from_cached_evidence(
    store: GraphStore, by: Literal["country", "region"]
) -> None:
    load_example(store)
    load_sourced(store)
    service = QueryService(store)
    with service.bound():
        asked = {"by": by, "evidence_limit": 1, "lang": "en", "reference_date": REF}
        by_store = coverage_matrix(store, **asked)
        service.cache.clear()
        every_priority_findings(store, Window(), True)  # what the memory warm-up does
        from_cache = coverage_matrix(store, **asked)
    assert from_cache == by_store
    rows = {row.priority.uid: row for row in by_store.results}
    assert rows["p:1"].total_evidence == 2
    assert rows["prio:p"].total_evidence == 7
    assert [item.from_uid for item in rows["prio:p"].evidence] == ["net:n"]
    assert "crosswalk" in {source.id for source in by_store.coverage.sources}


REF = dt.date(2026, 1, 1)
