"""The answer rules of docs/answer-rules.md, on both stores, with hand-worked expectations.

Two small graphs, each drawn in its test's docstring:

- owners: a region's self-government adopted a framework; it and its territory signed the
  agreements covering the framework's priority, as did two foreign regions. The owner and its
  territory are not partners unless asked; ties are broken by evidence count, then recency,
  then name.
- presidency: the shape of the bundled ERB data — a gmina in an association that held the
  ERB presidency in 2020–21, and a Swedish region that held it in 2018. The two presidency
  terms never overlapped, so the chain through the presidency is no connection.
"""

from __future__ import annotations

import datetime as dt

import pytest

from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import CoverageNote
from partnergraph.model import NodeLabel, RelType
from partnergraph.queries import (
    NoPath,
    connection_paths,
    inactive_partners,
    partners_for_priority,
    uncovered_priorities,
)
from partnergraph.queries.answers import Period
from partnergraph.queries.membership import members_on
from tests.conformance.builders import edge, node

REF = dt.date(2024, 6, 1)
PRIORITY = "priority:plan:1"


def _owners_graph(store: GraphStore) -> None:
    """::

    strategy:plan ─DEFINES→ priority:plan:1 ; strategy:plan ─ADOPTED_BY→ org:gov
    org:gov (regional government) ─LOCATED_IN→ nuts:PL63
    agreement:a (2010–) signed by org:gov, nuts:DE25            covers P
    agreement:b (2012–) signed by org:gov, nuts:PL63, nuts:FRI2  covers P
    agreement:c (2015–2016) signed by nuts:ES11                  covers P
    """
    store.upsert_nodes(
        [
            node("strategy:plan", NodeLabel.STRATEGY),
            node(PRIORITY, NodeLabel.PRIORITY, name="Woda"),
            node("org:gov", kind="regional government", name="Samorząd"),
            node("nuts:PL63", NodeLabel.REGION, name="Pomorskie"),
            node("nuts:DE25", NodeLabel.REGION, name="Mittelfranken"),
            node("nuts:FRI2", NodeLabel.REGION, name="Limousin"),
            node("nuts:ES11", NodeLabel.REGION, name="Galicia"),
            node("agreement:a", NodeLabel.AGREEMENT, valid_from="2010-01-01"),
            node("agreement:b", NodeLabel.AGREEMENT, valid_from="2012-01-01"),
            node(
                "agreement:c",
                NodeLabel.AGREEMENT,
                valid_from="2015-01-01",
                valid_to="2016-12-31",
            ),
        ]
    )
    store.upsert_edges(
        [
            edge("strategy:plan", PRIORITY, RelType.DEFINES),
            edge("strategy:plan", "org:gov", RelType.ADOPTED_BY, role="owner"),
            edge("org:gov", "nuts:PL63", RelType.LOCATED_IN),
            edge("agreement:a", "org:gov", RelType.SIGNED_BY),
            edge("agreement:a", "nuts:DE25", RelType.SIGNED_BY),
            edge("agreement:b", "org:gov", RelType.SIGNED_BY),
            edge("agreement:b", "nuts:PL63", RelType.SIGNED_BY),
            edge("agreement:b", "nuts:FRI2", RelType.SIGNED_BY),
            edge("agreement:c", "nuts:ES11", RelType.SIGNED_BY),
            edge("agreement:a", PRIORITY, RelType.COVERS),
            edge("agreement:b", PRIORITY, RelType.COVERS),
            edge("agreement:c", PRIORITY, RelType.COVERS),
        ]
    )


def test_an_owner_and_its_territory_are_not_partners_for_its_own_priority(
    store: GraphStore,
) -> None:
    _owners_graph(store)
    answer = partners_for_priority(store, PRIORITY, reference_date=REF)
    # Mittelfranken and Limousin: one current agreement each, weight 3 — tied on score and
    # count and recency (both ongoing), so by name; Galicia's agreement ended in 2016: 3 × 0.5
    assert [(r.partner.uid, r.score) for r in answer.results] == [
        ("nuts:FRI2", 3.0),
        ("nuts:DE25", 3.0),
        ("nuts:ES11", 1.5),
    ]
    assert [ref.uid for ref in answer.excluded_owners] == ["nuts:PL63", "org:gov"]
    assert answer.parameters["include_owners"] is False


def test_owners_are_ranked_when_asked(store: GraphStore) -> None:
    _owners_graph(store)
    answer = partners_for_priority(store, PRIORITY, reference_date=REF, include_owners=True)
    # org:gov signed a and b (6), nuts:PL63 signed b (3): PL63 ties Limousin and Mittelfranken
    # on score and count; by name: Limousin, Mittelfranken, Pomorskie
    assert [(r.partner.uid, r.score) for r in answer.results] == [
        ("org:gov", 6.0),
        ("nuts:FRI2", 3.0),
        ("nuts:DE25", 3.0),
        ("nuts:PL63", 3.0),
        ("nuts:ES11", 1.5),
    ]
    assert answer.excluded_owners == []


def test_ties_on_score_and_count_go_to_the_most_recent_evidence(store: GraphStore) -> None:
    _owners_graph(store)
    store.upsert_nodes(
        [
            node("nuts:SE22", NodeLabel.REGION, name="Alpha"),
            node(
                "agreement:d",
                NodeLabel.AGREEMENT,
                valid_from="2017-01-01",
                valid_to="2020-12-31",
            ),
        ]
    )
    store.upsert_edges(
        [
            edge("agreement:d", "nuts:SE22", RelType.SIGNED_BY),
            edge("agreement:d", PRIORITY, RelType.COVERS),
        ]
    )
    # Alpha (ended 2020) and Galicia (ended 2016) both score 1.5 with one item each: the
    # more recent one first, although "Alpha" < "Galicia" would say otherwise by name.
    answer = partners_for_priority(store, PRIORITY, reference_date=REF)
    assert [r.partner.uid for r in answer.results][-2:] == ["nuts:SE22", "nuts:ES11"]


GMINA, ASSOCIATION, PRESIDENCY, ERB = "teryt:2804032", "org:assoc", "network:pres", "network:erb"
KALMAR_ORG, KALMAR = "org:kalmar", "nuts:SE213"


def _presidency_graph(store: GraphStore, *, erb: bool = True) -> None:
    """``erb=False`` leaves out the two ERB memberships (the last line)::

    gmina ─MEMBER_OF (2024–)→ org:assoc ─MEMBER_OF (2020-02-01–2021-02-28)→ network:pres
    org:kalmar ─MEMBER_OF (2018)→ network:pres ; org:kalmar ─LOCATED_IN→ nuts:SE213
    org:assoc ─MEMBER_OF (1998-02-22–)→ network:erb ←MEMBER_OF (undated)─ org:kalmar
    """
    store.upsert_nodes(
        [
            node(GMINA, NodeLabel.MUNICIPALITY, name="Gronowo Elbląskie"),
            node(ASSOCIATION, name="Stowarzyszenie"),
            node(PRESIDENCY, NodeLabel.NETWORK, name="Presidency"),
            node(ERB, NodeLabel.NETWORK, name="ERB"),
            node(KALMAR_ORG, name="Region Kalmar"),
            node(KALMAR, NodeLabel.REGION, name="Kalmar län"),
        ]
    )
    store.upsert_edges(
        [
            edge(GMINA, ASSOCIATION, valid_from="2024-01-01"),
            edge(ASSOCIATION, PRESIDENCY, valid_from="2020-02-01", valid_to="2021-02-28"),
            edge(KALMAR_ORG, PRESIDENCY, valid_from="2018-01-01", valid_to="2018-12-31"),
            edge(KALMAR_ORG, KALMAR, RelType.LOCATED_IN),
        ]
    )
    if erb:
        store.upsert_edges([edge(ASSOCIATION, ERB, valid_from="1998-02-22"), edge(KALMAR_ORG, ERB)])


def test_a_chain_whose_presidency_terms_never_overlapped_is_no_connection(
    store: GraphStore,
) -> None:
    _presidency_graph(store)
    answer = connection_paths(store, GMINA, KALMAR, k=3, lang="en")
    # both chains have four hops; the one through the presidency is not there at all
    assert [[n.uid for n in r.nodes] for r in answer.results] == [
        [GMINA, ASSOCIATION, ERB, KALMAR_ORG, KALMAR],
    ]
    result = answer.results[0]
    # the gmina joined in 2024; every other dated link is open-ended from before
    assert result.held == [Period(start="2024-01-01", end=None)]
    assert result.co_existing is True
    assert result.explanation.endswith("Held since 2024.")


def test_historical_chains_are_returned_only_when_asked_and_labelled(store: GraphStore) -> None:
    _presidency_graph(store)
    answer = connection_paths(store, GMINA, KALMAR, k=3, historical=True, lang="pl")
    chains = [([n.uid for n in r.nodes], r.co_existing, r.held) for r in answer.results]
    assert chains == [
        ([GMINA, ASSOCIATION, ERB, KALMAR_ORG, KALMAR], True, [Period(start="2024-01-01")]),
        ([GMINA, ASSOCIATION, PRESIDENCY, KALMAR_ORG, KALMAR], False, []),
    ]
    assert answer.results[1].explanation.endswith(
        "Łańcuch historyczny: jego ogniwa nigdy nie istniały jednocześnie."
    )
    assert answer.parameters["historical"] is True


def test_a_chain_held_in_the_overlap_of_its_links(store: GraphStore) -> None:
    _presidency_graph(store)
    # the association and Kalmar are both presidency members from 2020-06 to 2020-12 too
    store.upsert_edges(
        [
            edge(
                KALMAR_ORG,
                PRESIDENCY,
                key="2020",
                valid_from="2020-06-01",
                valid_to="2020-12-31",
            ),
            edge(GMINA, ASSOCIATION, key="early", valid_from="2019-01-01", valid_to="2020-09-30"),
        ]
    )
    answer = connection_paths(
        store, GMINA, KALMAR, k=3, via=[RelType.MEMBER_OF, RelType.LOCATED_IN]
    )
    by_chain = {tuple(n.uid for n in r.nodes): r.held for r in answer.results}
    # gmina–assoc: 2019-01-01–2020-09-30 ∪ 2024–; assoc–pres: 2020-02-01–2021-02-28;
    # pres–kalmar: 2018 ∪ 2020-06-01–2020-12-31 → 2020-06-01–2020-09-30
    assert by_chain[(GMINA, ASSOCIATION, PRESIDENCY, KALMAR_ORG, KALMAR)] == [
        Period(start="2020-06-01", end="2020-09-30")
    ]


def test_when_only_historical_chains_exist_the_refusal_says_so(store: GraphStore) -> None:
    _presidency_graph(store, erb=False)
    with pytest.raises(NoPath) as caught:
        connection_paths(store, GMINA, KALMAR, lang="en")
    assert caught.value.details()["historical_only"] is True
    assert "never existed at the same time" in str(caught.value)
    historical = connection_paths(store, GMINA, KALMAR, historical=True)
    assert [r.co_existing for r in historical.results] == [False]


def test_an_answer_carries_only_the_coverage_notes_about_what_it_touched(
    store: GraphStore,
) -> None:
    _presidency_graph(store)
    notes = [
        CoverageNote(
            area="association", scope="member gminy", status="partial", concerns=(ASSOCIATION,)
        ),
        CoverageNote(area="twinning", scope="towns", status="partial", concerns=("TWINNED_WITH",)),
        CoverageNote(area="projects", scope="SB", status="missing", concerns=("project:sb-*",)),
    ]
    answer = connection_paths(store, GMINA, KALMAR, known_gaps=notes, lang="en")
    assert answer.coverage.known_gaps == [notes[0].sentence()]


def test_activity_counts_every_kind_of_evidence_and_not_a_suspension(store: GraphStore) -> None:
    """::

    org:member ─MEMBER_OF (undated, status active)→ network:erb
    org:suspended ─MEMBER_OF (2019–, status suspended)→ network:erb
    org:twin ─SIGNED_BY← agreement:old (2000–2010) ; teryt:2261011 ─TWINNED_WITH (2022–)→ …
    """
    store.upsert_nodes(
        [
            node(ERB, NodeLabel.NETWORK, name="ERB"),
            node("org:member", name="Member"),
            node("org:suspended", name="Suspended"),
            node("org:old", name="Old"),
            node("agreement:old", NodeLabel.AGREEMENT, valid_from="2000", valid_to="2010-12-31"),
            node("teryt:2261011", NodeLabel.MUNICIPALITY, name="Gdańsk"),
            node("town:SE:kalmar", NodeLabel.MUNICIPALITY, name="Kalmar"),
        ]
    )
    store.upsert_edges(
        [
            edge("org:member", ERB, status="active"),
            edge("org:suspended", ERB, valid_from="2019-01-01", status="suspended"),
            edge("agreement:old", "org:old", RelType.SIGNED_BY),
            edge("agreement:old", "teryt:2261011", RelType.SIGNED_BY),
            edge("teryt:2261011", "town:SE:kalmar", RelType.TWINNED_WITH, valid_from="2022-01-01"),
        ]
    )
    notes = [CoverageNote(area="erb", scope="members", status="partial", concerns=(ERB,))]
    answer = inactive_partners(store, at=REF, scope="all", known_gaps=notes)
    rows = {r.partner.uid: r for r in answer.results}
    # the undated active member is active; Gdańsk's agreement ended in 2010 but its twinning
    # holds; the suspended member and the old signatory have nothing in 2019-06-01–2024-06-01
    assert sorted(rows) == ["org:old", "org:suspended"]
    assert rows["org:suspended"].data_coverage.status == "partial"
    assert rows["org:old"].data_coverage.status == "unknown"


def test_an_uncovered_priority_says_whether_its_sources_are_missing(store: GraphStore) -> None:
    store.upsert_nodes(
        [
            node("programme:sb", NodeLabel.PROGRAMME),
            node("priority:sb:1", NodeLabel.PRIORITY),
        ]
    )
    store.upsert_edges([edge("programme:sb", "priority:sb:1", RelType.DEFINES)])
    notes = [
        CoverageNote(area="projects", scope="SB", status="missing", concerns=("priority:sb*",)),
        CoverageNote(area="agreements", scope="all", status="partial", concerns=("agreement:*",)),
    ]
    answer = uncovered_priorities(store, known_gaps=notes)
    (row,) = answer.results
    assert row.data_coverage.status == "missing"
    assert row.data_coverage.notes == [notes[0].sentence()]


def test_members_as_of_a_day_follow_one_definition(store: GraphStore) -> None:
    """::

    nuts:A ─MEMBER_OF (1998–, active)→ erb
    iso:RU-KGD ─MEMBER_OF (1998–2022-03-01, active) and (2022-03-02–, suspended)→ erb
    org:lv ─MEMBER_OF (ended, no date)→ erb ; org:old ─MEMBER_OF (1998–2004)→ erb
    network:pres ─MEMBER_OF→ erb ; nuts:A ─MEMBER_OF (2021-02-12–2022-03-09, ended)→ pres
    """
    store.upsert_nodes(
        [
            node(ERB, NodeLabel.NETWORK),
            node(PRESIDENCY, NodeLabel.NETWORK),
            node("nuts:A", NodeLabel.REGION),
            node("iso:RU-KGD", NodeLabel.REGION),
            node("org:lv"),
            node("org:old"),
        ]
    )
    store.upsert_edges(
        [
            edge("nuts:A", ERB, valid_from="1998-02-22", status="active"),
            edge(
                "iso:RU-KGD",
                ERB,
                key="1998",
                valid_from="1998-02-22",
                valid_to="2022-03-01",
                status="active",
            ),
            edge("iso:RU-KGD", ERB, key="2022", valid_from="2022-03-02", status="suspended"),
            edge("org:lv", ERB, status="ended"),
            edge("org:old", ERB, valid_from="1998-02-22", valid_to="2004-12-31"),
            edge(PRESIDENCY, ERB),
            edge(
                "nuts:A",
                PRESIDENCY,
                valid_from="2021-02-12",
                valid_to="2022-03-09",
                status="ended",
            ),
        ]
    )

    def on(day: str, group: str = ERB) -> list[tuple[str, str]]:
        return [
            (m.member.uid, m.status) for m in members_on(store, group, dt.date.fromisoformat(day))
        ]

    assert on("2026-12-06") == [("iso:RU-KGD", "suspended"), ("nuts:A", "active")]
    assert on("2022-03-01") == [("iso:RU-KGD", "active"), ("nuts:A", "active")]
    assert on("2003-01-01") == [
        ("iso:RU-KGD", "active"),
        ("nuts:A", "active"),
        ("org:old", "active"),
    ]
    assert on("2021-06-01", PRESIDENCY) == [("nuts:A", "active")]
    assert on("2023-01-01", PRESIDENCY) == []
    bodies = members_on(store, ERB, dt.date(2026, 12, 6), bodies=True)
    assert [m.member.uid for m in bodies] == [PRESIDENCY]


def test_a_note_about_another_programme_makes_a_priority_partial_not_missing(
    store: GraphStore,
) -> None:
    # no project of programme sb was collected: that is "missing" for sb's own priority, but
    # only "partial" for a Pomorskie priority, whose evidence could also come from sb projects
    store.upsert_nodes(
        [
            node("programme:sb", NodeLabel.PROGRAMME),
            node("priority:sb:1", NodeLabel.PRIORITY),
            node("strategy:pom", NodeLabel.STRATEGY),
            node("priority:pom:1", NodeLabel.PRIORITY),
        ]
    )
    store.upsert_edges(
        [
            edge("programme:sb", "priority:sb:1", RelType.DEFINES),
            edge("strategy:pom", "priority:pom:1", RelType.DEFINES),
        ]
    )
    notes = [
        CoverageNote(area="projects", scope="SB", status="missing", concerns=("priority:sb*",)),
    ]
    rows = {
        r.priority.uid: r.data_coverage
        for r in uncovered_priorities(store, known_gaps=notes).results
    }
    assert rows["priority:sb:1"].status == "missing"
    assert rows["priority:pom:1"].status == "partial"
    assert rows["priority:pom:1"].notes == [notes[0].sentence()]
