"""The first API routes on the embedded store: health, a node with its sources, search."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from partnergraph.settings import Settings
from partnergraph.web import create_app
from tests.conftest import MINI


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(store="memory", data_dir=MINI))) as client:
        yield client


def test_health_reports_the_memory_backend(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body == {"status": "ok", "backend": "memory", "backend_state": "up", "message": None}
    assert client.get("/ready").status_code == 200


def test_search_finds_gdansk_without_diacritics_with_its_sources(client: TestClient) -> None:
    body = client.get("/v1/search", params={"q": "gdansk", "label": "Municipality"}).json()
    [first] = body["results"]
    assert first["node"]["uid"] == "teryt:2261011"
    assert first["node"]["name"] == "Gdańsk"
    assert first["node"]["sources"][0]["id"] == "terc-2024"
    assert first["node"]["sources"][0]["url"] == "https://eteryt.stat.gov.pl/"


def test_node_route_returns_names_in_the_requested_language(client: TestClient) -> None:
    body = client.get("/v1/nodes/nuts:PL63", params={"lang": "en"}).json()
    assert body["display_name"] == "Pomeranian Voivodeship"
    assert body["labels"] == ["Region", "Actor"]
    assert body["properties"]["nuts_edition"] == "2021"


def test_unknown_uid_is_a_404_naming_it(client: TestClient) -> None:
    response = client.get("/v1/nodes/teryt:0000001")
    assert response.status_code == 404
    assert response.json()["error"] == {
        "code": "not_found",
        "message": "no node with uid 'teryt:0000001'",
        "details": {"uid": "teryt:0000001"},
    }


def test_invalid_parameters_give_the_json_error_shape(client: TestClient) -> None:
    response = client.get("/v1/search", params={"q": "x", "limit": 0})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"
