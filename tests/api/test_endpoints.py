"""Every endpoint answers the same on both stores, with evidence, sources and coverage."""

from __future__ import annotations

import networkx as nx
from fastapi.testclient import TestClient

from partnergraph.graph.store import GraphStore

GDANSK = "teryt:2261011"
PUCK = "teryt:2211042"
POMORSKIE = "nuts:PL63"
KALMAR = "nuts:SE213"
WATER = "priority:pomorskie-priorytety-2008:5"
INNOVATION = "priority:pomorskie-priorytety-2008:3"


def test_search_folds_diacritics_and_returns_full_nodes(client: TestClient) -> None:
    body = client.get("/v1/search", params={"q": "ELBLĄG", "label": "Municipality"}).json()
    assert [hit["node"]["uid"] for hit in body["results"]] == ["teryt:2861011"]
    assert body["results"][0]["node"]["sources"][0]["id"] == "terc-2024"


def test_search_with_at_leaves_out_nodes_not_valid_that_day(client: TestClient) -> None:
    everyone = client.get("/v1/search", params={"q": "water"}).json()["results"]
    assert "project:interreg-south-baltic-2014-2020:water-net" in [
        h["node"]["uid"] for h in everyone
    ]
    in_2010 = client.get("/v1/search", params={"q": "water", "at": "2010-01-01"}).json()
    assert "project:interreg-south-baltic-2014-2020:water-net" not in [
        h["node"]["uid"] for h in in_2010["results"]
    ]


def test_node_has_facts_sources_and_relationship_counts(client: TestClient) -> None:
    body = client.get(f"/v1/nodes/{GDANSK}", params={"lang": "en"}).json()
    assert body["display_name"] == "Gdansk"
    assert body["properties"]["aliases"] == ["Danzig"]
    assert body["sources"][0]["url"] == "https://eteryt.stat.gov.pl/"
    assert body["relationships"] == {
        "MEMBER_OF": 1,
        "PARTICIPATES_IN": 1,
        "PART_OF": 1,
        "TWINNED_WITH": 1,
    }


def test_node_not_valid_on_the_day_asked_is_a_404_naming_it(client: TestClient) -> None:
    uid = "project:interreg-south-baltic-2014-2020:water-net"
    assert client.get(f"/v1/nodes/{uid}", params={"at": "2018-01-01"}).status_code == 200
    response = client.get(f"/v1/nodes/{uid}", params={"at": "2010-01-01"})
    assert response.status_code == 404
    assert uid in response.json()["error"]["message"]


def test_neighbours_list_each_node_once_with_the_edges_as_evidence(client: TestClient) -> None:
    body = client.get(f"/v1/nodes/{KALMAR}/neighbours").json()
    uids = [result["node"]["uid"] for result in body["results"]]
    assert len(uids) == len(set(uids))
    agreement = next(r for r in body["results"] if r["node"]["uid"] == "agreement:pomorskie-kalmar")
    assert agreement["direction"] == "in"
    assert agreement["evidence"][0]["type"] == "SIGNED_BY"
    assert agreement["evidence"][0]["sources"] == ["umowa-kalmar"]
    assert "umowa-kalmar" in [source["id"] for source in body["coverage"]["sources"]]
    assert body["truncated"] is False


def test_neighbours_filter_by_type_label_and_depth(client: TestClient) -> None:
    members = client.get(
        "/v1/nodes/network:euroregion-baltic/neighbours", params={"type": "MEMBER_OF"}
    ).json()["results"]
    assert {r["evidence"][0]["type"] for r in members} == {"MEMBER_OF"}
    assert len(members) == 5
    two_hops = client.get(
        f"/v1/nodes/{PUCK}/neighbours", params={"depth": 2, "label": "Region"}
    ).json()["results"]
    assert [(r["node"]["uid"], r["depth"], r["via"]) for r in two_hops] == [
        (POMORSKIE, 2, "teryt:2211")
    ]


def test_neighbours_limit_truncates_and_says_so(client: TestClient) -> None:
    body = client.get(f"/v1/nodes/{POMORSKIE}/neighbours", params={"limit": 2}).json()
    assert len(body["results"]) == 2
    assert body["truncated"] is True


def test_neighbours_as_of_a_date_drop_ended_memberships(client: TestClient) -> None:
    now = client.get(f"/v1/nodes/{GDANSK}/neighbours", params={"at": "2020-01-01"}).json()
    then = client.get(f"/v1/nodes/{GDANSK}/neighbours", params={"at": "2005-01-01"}).json()
    association = "org:stowarzyszenie-gmin-rp-euroregion-baltyk"
    assert association not in [r["node"]["uid"] for r in now["results"]]
    assert association in [r["node"]["uid"] for r in then["results"]]


def test_priorities_are_listed_with_their_framework_and_alignments(client: TestClient) -> None:
    body = client.get("/v1/priorities", params={"lang": "en"}).json()
    assert body["total"] == 5
    water = next(r for r in body["results"] if r["priority"]["uid"] == WATER)
    assert water["framework"]["uid"] == "strategy:pomorskie-priorytety-2008"
    assert water["aligned_with"] == ["priority:erb-2030:blue-green"]
    assert water["evidence"][0]["type"] == "DEFINES"
    assert water["priority"]["display_name"] == "Environmental protection and water management"


def test_priorities_filter_by_framework_and_page(client: TestClient) -> None:
    body = client.get(
        "/v1/priorities", params={"framework": "strategy:erb-2030", "limit": 1, "offset": 1}
    ).json()
    assert body["total"] == 2
    assert [r["priority"]["uid"] for r in body["results"]] == ["priority:erb-2030:youth"]


def test_priorities_framework_must_be_a_strategy_or_programme(client: TestClient) -> None:
    response = client.get("/v1/priorities", params={"framework": GDANSK})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_query"


def test_partners_of_a_priority_are_ranked_with_evidence(client: TestClient) -> None:
    body = client.get(f"/v1/priorities/{WATER}/partners", params={"lang": "en"}).json()
    partners = [r["partner"]["uid"] for r in body["results"]]
    # tied on score, evidence count and recency: by name, "Kalmar län" before "Pomorskie"
    assert partners[:2] == [KALMAR, POMORSKIE]
    assert body["results"][0]["score"] == body["results"][1]["score"]
    assert all(r["evidence"] for r in body["results"])
    # only what is partial or missing is a gap; complete coverage is not listed
    assert (
        body["coverage"]["known_gaps"][0]
        == "projects: South Baltic 2021–2027 partial (first calls only)"
    )
    assert not any(gap.endswith("complete") for gap in body["coverage"]["known_gaps"])


def test_partners_accept_words_and_country_filters(client: TestClient) -> None:
    body = client.get("/v1/priorities/water/partners", params={"countries": "SE"}).json()
    assert {r["country"] for r in body["results"]} == {"SE"}


def test_partners_of_an_unknown_priority_is_a_404(client: TestClient) -> None:
    response = client.get("/v1/priorities/priority:nothing:1/partners")
    assert response.status_code == 404
    assert response.json()["error"]["details"] == {"uid": "priority:nothing:1"}


def test_paths_explain_each_hop(client: TestClient) -> None:
    body = client.get("/v1/paths", params={"from": GDANSK, "to": KALMAR, "lang": "en"}).json()
    first = body["results"][0]
    assert [node["uid"] for node in first["nodes"]] == [GDANSK, "town:SE:kalmar", KALMAR]
    assert all(hop["explanation"] for hop in first["hops"])
    assert len(body["results"]) <= 3


def test_paths_without_a_chain_say_why(client: TestClient) -> None:
    response = client.get("/v1/paths", params={"from": PUCK, "to": KALMAR, "max_hops": 1})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "no_path"


def test_graph_json_is_node_link_that_networkx_reads_back(client: TestClient) -> None:
    response = client.get("/v1/graph", params={"uid": KALMAR})
    assert response.headers["content-type"] == "application/json"
    graph = nx.node_link_graph(response.json(), edges="links")
    assert KALMAR in graph
    assert graph.nodes["agreement:pomorskie-kalmar"]["labels"] == ["Agreement"]
    assert graph.graph["truncated"] is False


def test_graph_format_follows_the_accept_header_or_the_parameter(client: TestClient) -> None:
    params = {"uids": [POMORSKIE, "country:PL"]}
    graphml = client.get("/v1/graph", params=params, headers={"Accept": "application/graphml+xml"})
    assert graphml.headers["content-type"] == "application/graphml+xml"
    assert graphml.text.startswith("<graphml")
    gexf = client.get("/v1/graph", params={**params, "format": "gexf"})
    assert gexf.headers["content-type"] == "application/gexf+xml"
    assert "lastmodifieddate" not in gexf.text  # one data version, one byte string
    parsed = nx.parse_graphml(graphml.text)
    assert parsed.number_of_edges() == 1


def test_graph_by_unknown_uid_is_a_404(client: TestClient) -> None:
    response = client.get("/v1/graph", params={"uids": [POMORSKIE, "nuts:XX9"]})
    assert response.status_code == 404
    assert response.json()["error"]["details"] == {"uid": "nuts:XX9"}


def test_meta_coverage_lists_sources_counts_periods_and_notes(client: TestClient) -> None:
    body = client.get("/v1/meta/coverage").json()
    assert body["counts"]["nodes"]["Priority"] == 5
    kalmar_agreement = next(s for s in body["sources"] if s["id"] == "umowa-kalmar")
    assert kalmar_agreement["confidence"] == "unverified"
    assert kalmar_agreement["facts"] == 5
    assert body["periods"]["COVERS"] == {"start": "2001-05-10", "end": "2015-12-31"}
    assert body["known_gaps"][1] == "projects: South Baltic 2021–2027 partial (first calls only)"
    assert len(body["data_version"]) >= 8


def test_meta_counts_follow_at(client: TestClient) -> None:
    before = client.get("/v1/meta/coverage", params={"at": "2000-01-01"}).json()
    assert "Project" not in before["counts"]["nodes"]


def test_health_and_ready_report_the_backend(client: TestClient, erb_store: object) -> None:
    health = client.get("/health").json()
    assert health["backend_state"] == "up"
    assert health["backend"] == getattr(erb_store, "backend", None)
    assert client.get("/ready").status_code == 200


def test_gaps_priorities_lists_the_uncovered_youth_priority(client: TestClient) -> None:
    body = client.get("/v1/gaps/priorities", params={"lang": "en"}).json()
    assert [r["priority"]["uid"] for r in body["results"]] == ["priority:erb-2030:youth"]


def test_gaps_priorities_over_a_period_counts_what_held_then(client: TestClient) -> None:
    late = client.get("/v1/gaps/priorities", params={"since": "2024-01-01"}).json()
    uncovered = {r["priority"]["uid"] for r in late["results"]}
    assert INNOVATION in uncovered  # the agreement stopped covering it in 2015, SEAGULL II in 2021
    assert WATER not in uncovered


def test_gaps_coverage_is_a_priority_by_country_matrix(client: TestClient) -> None:
    body = client.get("/v1/gaps/coverage").json()
    assert {"PL", "SE"} <= set(body["columns"])
    water = next(r for r in body["results"] if r["priority"]["uid"] == WATER)
    assert water["cells"]["SE"]["partners"] >= 1
    # The same matrix kept to Swedish partners, or to partners located in a Polish region,
    # has only the matching column.
    swedish = client.get("/v1/gaps/coverage", params={"country": "se"}).json()
    assert swedish["columns"] == ["SE"]
    assert swedish["parameters"]["countries"] == ["SE"]
    polish = client.get("/v1/gaps/coverage", params={"region": "nuts:PL63"}).json()
    assert polish["columns"] == ["PL"]
    assert polish["parameters"]["region"] == "nuts:PL63"
    assert client.get("/v1/gaps/coverage", params={"region": "nuts:XX9"}).status_code == 404


def test_gaps_gminy_finds_puck_left_out_in_its_powiat(client: TestClient) -> None:
    body = client.get("/v1/gaps/gminy").json()
    groups = {g["county"]["uid"]: [gm["uid"] for gm in g["left_out"]] for g in body["results"]}
    assert groups == {"teryt:2211": [PUCK]}


def test_gaps_partners_and_single_points_answer(client: TestClient) -> None:
    quiet = client.get("/v1/gaps/partners", params={"at": "2024-01-01", "years": 2})
    assert quiet.status_code == 200
    single = client.get("/v1/gaps/single", params={"framework": "strategy:erb-2030"})
    assert single.status_code == 200
    assert single.json()["parameters"]["framework"] == "strategy:erb-2030"


def test_clusters_are_seeded_and_labelled(client: TestClient, erb_store: GraphStore) -> None:
    first = client.get("/v1/clusters", params={"seed": 7}).json()
    again = client.get("/v1/clusters", params={"seed": 7}).json()
    assert first["results"] == again["results"]
    assert first["results"][0]["countries"]
    components = client.get("/v1/clusters", params={"method": "components"}).json()
    # in the database on Neo4j (GDS weakly connected components), in Python in memory
    expected = "gds:wcc" if erb_store.backend == "neo4j" else "networkx:components"
    assert components["method"] == expected


def test_suggestions_name_actors_not_yet_connected(client: TestClient) -> None:
    body = client.get("/v1/suggestions", params={"uid": GDANSK, "priority": "water"}).json()
    suggested = [r["actor"]["uid"] for r in body["results"]]
    assert suggested
    assert GDANSK not in suggested
    assert all(r["reason"] for r in body["results"])


def test_suggestions_for_a_non_actor_are_a_400(client: TestClient) -> None:
    response = client.get("/v1/suggestions", params={"uid": WATER})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_query"


def test_region_activity_answers_json_and_csv(client: TestClient) -> None:
    body = client.get(f"/v1/regions/{POMORSKIE}/activity").json()
    assert set(body["totals"]) == {"projects", "partner_rows", "partners"}
    for section in ("by_subregion", "by_country", "by_programme", "by_priority", "by_year"):
        assert isinstance(body[section], list)
    csv_answer = client.get(f"/v1/regions/{POMORSKIE}/activity", params={"format": "csv"})
    assert csv_answer.headers["content-type"].startswith("text/csv")
    assert csv_answer.text.splitlines()[0] == "breakdown,key,name,projects,partner_rows,partners"
    by_accept = client.get(f"/v1/regions/{POMORSKIE}/activity", headers={"accept": "text/csv"})
    assert by_accept.text == csv_answer.text
    refused = client.get("/v1/regions/org:nobody/activity")
    assert refused.status_code == 404


def test_region_activity_pages_its_projects_and_counts_them_all(client: TestClient) -> None:
    url = f"/v1/regions/{POMORSKIE}/activity"
    whole = client.get(url, params={"limit": 500}).json()
    assert len(whole["results"]) == whole["totals"]["projects"] >= 1
    pages = [
        client.get(url, params={"limit": 1, "offset": offset}).json()
        for offset in range(whole["totals"]["projects"] + 1)
    ]
    assert [page["offset"] for page in pages] == list(range(len(pages)))
    assert [r for page in pages for r in page["results"]] == whole["results"]
    assert pages[-1]["results"] == []
    # the counts and the sources they rest on do not depend on the page
    for page in pages:
        for key in ("totals", "by_subregion", "by_country", "by_year"):
            assert page[key] == whole[key]
        assert page["coverage"]["sources"] == whole["coverage"]["sources"]
    assert client.get(url, params={"limit": 0}).status_code == 422
    assert client.get(url, params={"limit": 501}).status_code == 422
