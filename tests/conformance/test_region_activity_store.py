"""The store operation ``region_activity`` on both stores: hand-worked counts, the rule that
picks each body's sub-region, paging, random graphs and the real keep.eu layer.

The hand-worked graph (``nuts:PL63`` and what lies in it)::

    nuts:PL633, nuts:PL636, teryt:2299 (a powiat with no NUTS parent)  PART_OF nuts:PL63
    teryt:2261  PART_OF nuts:PL63 and nuts:PL633   teryt:2261011 PART_OF teryt:2261
    teryt:2263  PART_OF nuts:PL63 and nuts:PL636   teryt:2263011 PART_OF teryt:2263
    org:pg      LOCATED_IN teryt:2261011                         -> part nuts:PL633
    org:woj     LOCATED_IN nuts:PL63 and teryt:2261011           -> the region itself
    org:two     LOCATED_IN teryt:2263011 and teryt:2261011       -> nuts:PL633 (by uid)

    proj:a 2016-2019, SB, priority 1: org:pg (lead), teryt:2263011, org:se (SE), network:x
    proj:b 2023-2025, BSR, priorities 1 and 2: org:pg; org:two's row ended in 2020, before
           the project began: the two periods never overlap, so it is never counted
    proj:c undated, SB: org:woj; teryt:2299 twice (two rows, keys a and b, from source keep)
    proj:out: org:se only
    prio:1 is defined by the SB programme; prio:2 by nothing the graph holds

Counted for PL63 over all time: projects a, b, c; rows pg-a, pg-b, 2263011-a, woj-c,
2299-c(a), 2299-c(b) = 6; partners pg, 2263011, woj, 2299 = 4.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partnergraph.graph.activity import Activity, PageProject, Tally
from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.graph.store import GraphStore
from partnergraph.model import Edge, Node, NodeLabel, RelType
from partnergraph.queries.regions import region_activity
from partnergraph.window import Window
from tests.conformance.builders import bundle_on_both, edge, load_both, node

L = NodeLabel
R = RelType
SB = "prog:sb"
BSR = "prog:bsr"


@pytest.fixture
def region(store: GraphStore) -> GraphStore:
    store.upsert_nodes(
        [
            node("nuts:PL63", L.REGION, name="Pomorskie"),
            node("nuts:PL633", L.REGION, name="Trójmiejski"),
            node("nuts:PL636", L.REGION, name="Słupski"),
            node("teryt:2261", L.COUNTY),
            node("teryt:2263", L.COUNTY),
            node("teryt:2299", L.COUNTY),
            node("teryt:2261011", L.MUNICIPALITY),
            node("teryt:2263011", L.MUNICIPALITY),
            node("org:pg", country="PL"),
            node("org:woj", country="PL"),
            node("org:two", country="PL"),
            node("org:se", country="SE"),
            node("network:x", L.NETWORK),
            node(SB, L.PROGRAMME),
            node(BSR, L.PROGRAMME),
            node("prio:1", L.PRIORITY),
            node("prio:2", L.PRIORITY),
            node("proj:a", L.PROJECT, valid_from="2016-01-01", valid_to="2019-12-31"),
            node("proj:b", L.PROJECT, valid_from="2023-01-01", valid_to="2025-12-31"),
            node("proj:c", L.PROJECT),
            node("proj:out", L.PROJECT, valid_from="2017-01-01"),
        ]
    )
    store.upsert_edges(
        [
            *(
                edge(child, parent, R.PART_OF)
                for child, parent in (
                    ("nuts:PL633", "nuts:PL63"),
                    ("nuts:PL636", "nuts:PL63"),
                    ("teryt:2299", "nuts:PL63"),
                    ("teryt:2261", "nuts:PL63"),
                    ("teryt:2261", "nuts:PL633"),
                    ("teryt:2263", "nuts:PL63"),
                    ("teryt:2263", "nuts:PL636"),
                    ("teryt:2261011", "teryt:2261"),
                    ("teryt:2263011", "teryt:2263"),
                )
            ),
            *(
                edge(body, place, R.LOCATED_IN)
                for body, place in (
                    ("org:pg", "teryt:2261011"),
                    ("org:woj", "nuts:PL63"),
                    ("org:woj", "teryt:2261011"),
                    ("org:two", "teryt:2263011"),
                    ("org:two", "teryt:2261011"),
                )
            ),
            edge(SB, "prio:1", R.DEFINES),
            edge("proj:a", SB, R.FUNDED_BY),
            edge("proj:b", BSR, R.FUNDED_BY),
            edge("proj:c", SB, R.FUNDED_BY),
            edge("proj:a", "prio:1", R.ADDRESSES),
            edge("proj:b", "prio:1", R.ADDRESSES),
            edge("proj:b", "prio:2", R.ADDRESSES),
            edge("org:pg", "proj:a", R.PARTICIPATES_IN, role="lead"),
            edge("teryt:2263011", "proj:a", R.PARTICIPATES_IN),
            edge("org:se", "proj:a", R.PARTICIPATES_IN),
            edge("network:x", "proj:a", R.PARTICIPATES_IN),
            edge("org:pg", "proj:b", R.PARTICIPATES_IN),
            edge(
                "org:two",
                "proj:b",
                R.PARTICIPATES_IN,
                valid_to="2020-12-31",
                sources=("never",),
            ),
            edge("org:woj", "proj:c", R.PARTICIPATES_IN),
            edge("teryt:2299", "proj:c", R.PARTICIPATES_IN, key="a", sources=("keep",)),
            edge("teryt:2299", "proj:c", R.PARTICIPATES_IN, key="b", sources=("keep",)),
            edge("org:se", "proj:out", R.PARTICIPATES_IN),
        ]
    )
    return store


def counts(tallies: list[Tally]) -> list[tuple[str, int, int, int]]:
    return [(t.key, t.projects, t.partner_rows, t.partners) for t in tallies]


def test_every_body_counts_once_under_its_part(region: GraphStore) -> None:
    found = region.region_activity("nuts:PL63")
    assert found.totals == Tally("nuts:PL63", 3, 6, 4)
    # org:two's only row never held (it ended before proj:b began): not a partner anywhere
    assert counts(found.by_subregion) == [
        ("nuts:PL633", 2, 2, 1),
        ("teryt:2299", 1, 2, 1),
        ("nuts:PL63", 1, 1, 1),
        ("nuts:PL636", 1, 1, 1),
    ]
    assert counts(found.by_programme) == [(SB, 2, 5, 4), (BSR, 1, 1, 1)]
    assert counts(found.by_priority) == [("prio:1", 2, 3, 2), ("prio:2", 1, 1, 1)]
    assert counts(found.by_year) == [("?", 1, 3, 2), ("2016", 1, 2, 2), ("2023", 1, 1, 1)]
    # every partner of these projects, by country: a network has none
    assert counts(found.by_country) == [("PL", 3, 6, 4), ("?", 1, 1, 1), ("SE", 1, 1, 1)]
    assert found.page == [
        PageProject("proj:a", ("org:pg", "teryt:2263011")),
        PageProject("proj:b", ("org:pg",)),
        PageProject("proj:c", ("org:woj", "teryt:2299")),
    ]
    assert found.sources == ["keep", "test"]


def test_a_page_leaves_the_counts_whole(region: GraphStore) -> None:
    whole = region.region_activity("nuts:PL63")
    second = region.region_activity("nuts:PL63", offset=1, limit=1)
    assert second.page == [PageProject("proj:b", ("org:pg",))]
    assert (second.totals, second.by_country, second.sources) == (
        whole.totals,
        whole.by_country,
        whole.sources,
    )
    assert region.region_activity("nuts:PL63", offset=3).page == []


def test_a_day_and_a_programme_narrow_the_rows(region: GraphStore) -> None:
    # 2024: proj:b runs; undated proj:c holds on every day; proj:a ended in 2019
    running = region.region_activity("nuts:PL63", window=Window(at=dt.date(2024, 6, 1)))
    assert running.totals == Tally("nuts:PL63", 2, 4, 3)
    assert [p.uid for p in running.page] == ["proj:b", "proj:c"]
    bsr = region.region_activity("nuts:PL63", programme=BSR)
    assert bsr.totals == Tally("nuts:PL63", 1, 1, 1)
    assert counts(bsr.by_programme) == [(BSR, 1, 1, 1)]
    # a period the participations and the projects overlap
    later = region.region_activity(
        "nuts:PL63", window=Window.of(None, (dt.date(2021, 1, 1), dt.date(2021, 12, 31)))
    )
    assert [p.uid for p in later.page] == ["proj:c"]


def test_a_gmina_is_its_own_part_and_bodies_seated_there_count_in_it(
    region: GraphStore,
) -> None:
    gmina = region.region_activity("teryt:2261011")
    assert gmina.totals == Tally("teryt:2261011", 3, 3, 2)
    assert counts(gmina.by_subregion) == [("teryt:2261011", 3, 3, 2)]
    assert region.region_activity("nuts:XX") == Activity.nothing("nuts:XX")


def test_the_answer_shows_one_page_and_cites_every_counted_row(region: GraphStore) -> None:
    answer = region_activity(region, "nuts:PL63", offset=1, limit=1, lang="en")
    assert (answer.offset, answer.limit, answer.totals.projects) == (1, 1, 3)
    [shown] = answer.results
    assert shown.project.uid == "proj:b"
    # org:two's row is not evidence and org:two is not a partner of the project then
    assert [(e.from_uid, e.to_uid) for e in shown.evidence] == [("org:pg", "proj:b")]
    assert [p.uid for p in shown.partners] == ["org:pg"]
    # the counts rest on proj:c's rows from "keep" too, though the page does not show them
    assert [s.id for s in answer.coverage.sources] == ["keep", "test"]
    assert answer.by_subregion[0].name == "Trójmiejski"
    # a priority row names the framework that defines it, where the data has one
    assert [(b.key, b.framework.uid if b.framework else None) for b in answer.by_priority] == [
        ("prio:1", SB),
        ("prio:2", None),
    ]
    assert answer.by_country[1].name == "(no country: a network or international body)"


# --- random graphs --------------------------------------------------------------------------

_TERRITORY_LABELS = [L.REGION, L.COUNTY, L.MUNICIPALITY]
_DATES = [None, "2005-01-01", "2012-06-30", "2020-01-01"]
_WINDOWS = [
    Window(),
    Window(at=dt.date(2012, 6, 30)),
    Window(at=dt.date(2021, 1, 1)),
    Window.of(None, (dt.date(2006, 1, 1), dt.date(2012, 1, 1))),
]


@st.composite
def territory_graphs(draw: st.DrawFn) -> tuple[list[Node], list[Edge]]:
    """Territories with PART_OF only from a later one to an earlier one (no cycles), now and
    then through an organisation (which a chain of territories may not pass); organisations
    seated in up to two places; projects with dates, programmes and priorities; rows with
    dates, some of them two per body and project."""
    n_places = draw(st.integers(1, 7))
    places = [node(f"nuts:P{i}", draw(st.sampled_from(_TERRITORY_LABELS))) for i in range(n_places)]
    bodies = [
        node(f"org:b{i}", country=draw(st.sampled_from(["PL", "SE", ""])))
        for i in range(draw(st.integers(0, 4)))
    ]
    projects = [
        node(
            f"proj:{i}",
            L.PROJECT,
            valid_from=draw(st.sampled_from(_DATES)),
            valid_to=draw(st.sampled_from([None, "2010-12-31", "2030-12-31"])),
        )
        for i in range(draw(st.integers(1, 4)))
    ]
    extra = [node("prog:1", L.PROGRAMME), node("prog:2", L.PROGRAMME), node("prio:1", L.PRIORITY)]
    edges: list[Edge] = []
    for i in range(1, n_places):
        for parent in draw(st.sets(st.integers(0, i - 1), max_size=2)):
            edges.append(edge(places[i].uid, places[parent].uid, R.PART_OF))
    actors = [*places, *bodies]
    for body in bodies:
        for place in draw(st.sets(st.sampled_from([p.uid for p in places]), max_size=2)):
            edges.append(edge(body.uid, place, R.LOCATED_IN))
        if n_places > 1 and draw(st.booleans()):
            # a territory PART_OF an organisation PART_OF a territory: not a chain of
            # territories, so nothing below the organisation is in the upper territory
            upper = draw(st.integers(0, n_places - 2))
            lower = draw(st.integers(upper + 1, n_places - 1))
            edges.append(edge(body.uid, places[upper].uid, R.PART_OF))
            edges.append(edge(places[lower].uid, body.uid, R.PART_OF))
    for project in projects:
        for target in draw(st.sets(st.sampled_from([n.uid for n in extra]), max_size=3)):
            rel = R.ADDRESSES if target.startswith("prio:") else R.FUNDED_BY
            # now and then twice (two keys): still one programme or priority of the project
            for key in draw(st.sets(st.sampled_from(["", "x"]), min_size=1)):
                edges.append(edge(project.uid, target, rel, key=key))
        for actor in draw(st.sets(st.sampled_from([a.uid for a in actors]), max_size=4)):
            for key in draw(st.sets(st.sampled_from(["", "x"]), min_size=1)):
                edges.append(
                    edge(
                        actor,
                        project.uid,
                        R.PARTICIPATES_IN,
                        key=key,
                        valid_from=draw(st.sampled_from(_DATES)),
                        sources=(draw(st.sampled_from(["s1", "s2"])),),
                    )
                )
    return [*places, *bodies, *projects, *extra], edges


@pytest.mark.neo4j
@settings(max_examples=40, deadline=None)
@given(graph=territory_graphs(), data=st.data())
def test_random_graphs_count_alike_on_both_stores(
    neo4j_store: Neo4jStore, graph: tuple[list[Node], list[Edge]], data: st.DataObject
) -> None:
    memory, _ = load_both(neo4j_store, graph)
    places = [n.uid for n in graph[0] if n.label in _TERRITORY_LABELS]
    window = data.draw(st.sampled_from(_WINDOWS), label="window")
    programme = data.draw(st.sampled_from([None, "prog:1"]), label="programme")
    offset = data.draw(st.integers(0, 2), label="offset")
    limit = data.draw(st.sampled_from([None, 1, 2]), label="limit")
    for uid in places:
        asked = {"window": window, "programme": programme, "offset": offset, "limit": limit}
        got = neo4j_store.region_activity(uid, **asked)
        assert got == memory.region_activity(uid, **asked), uid
        # the parts add up to the whole
        assert sum(t.partner_rows for t in got.by_subregion) == got.totals.partner_rows
        assert sum(t.projects for t in got.by_year) == got.totals.projects


# --- the real keep.eu layer -----------------------------------------------------------------


@pytest.mark.neo4j
def test_every_region_counts_alike_on_both_stores_on_the_keep_layer(
    neo4j_store: Neo4jStore, bundled_data: Path
) -> None:
    memory = bundle_on_both(neo4j_store, bundled_data)
    regions = sorted(n.uid for n in memory.nodes(L.REGION))
    # every NUTS unit and powiat, and the gminy of Pomorskie and Warmia-Masuria
    counties = sorted(n.uid for n in memory.nodes(L.COUNTY))
    gminy = sorted(n.uid for n in memory.nodes(L.MUNICIPALITY) if n.uid.startswith("teryt:2"))
    assert len(regions) > 300
    assert len(counties) > 30
    assert len(gminy) > 100
    busy = 0
    for uid in [*regions, *counties, *gminy]:
        got = neo4j_store.region_activity(uid, limit=10)
        assert got == memory.region_activity(uid, limit=10), uid
        busy += got.totals.projects > 10
        # a body's rows are counted under one sub-region, and a page lists the first projects
        assert sum(t.partner_rows for t in got.by_subregion) == got.totals.partner_rows
        assert len(got.page) == min(10, got.totals.projects)
    assert busy > 5
    # Pomorskie in pages of 7: together they are the whole list, in order, each project once
    whole = memory.region_activity("nuts:PL63")
    pages = [
        project
        for offset in range(0, whole.totals.projects, 7)
        for project in neo4j_store.region_activity("nuts:PL63", offset=offset, limit=7).page
    ]
    assert pages == whole.page
    assert len({p.uid for p in pages}) == whole.totals.projects
    # answers: the same on both stores, page by page
    for offset in (0, 20):
        expected = region_activity(memory, "nuts:PL63", offset=offset, limit=20, lang="en")
        got_answer = region_activity(neo4j_store, "nuts:PL63", offset=offset, limit=20, lang="en")
        assert got_answer.model_dump() == expected.model_dump()
