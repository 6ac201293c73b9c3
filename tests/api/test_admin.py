"""Admin routes exist only with PARTNERGRAPH_ADMIN_TOKEN, and then only with that token."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.settings import Settings
from partnergraph.web import create_app
from tests.api.conftest import ERB, api_settings

TOKEN = "correct horse battery staple"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ERB, target)
    return target


def admin_app_settings(tmp_path: Path, data_dir: Path) -> Settings:
    return api_settings(tmp_path / "home", data_dir=data_dir, admin_token=TOKEN)


def test_without_a_token_setting_there_is_no_admin_route(memory_client: TestClient) -> None:
    assert memory_client.post("/v1/admin/reload", headers=AUTH).status_code == 404
    paths = memory_client.get("/openapi.json").json()["paths"]
    assert not [path for path in paths if path.startswith("/v1/admin")]


def test_reload_refuses_a_missing_or_wrong_token(tmp_path: Path, data_dir: Path) -> None:
    with TestClient(create_app(admin_app_settings(tmp_path, data_dir))) as client:
        for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": TOKEN}):
            response = client.post("/v1/admin/reload", headers=headers)
            assert response.status_code == 401
            assert response.json()["error"]["code"] == "unauthorized"
            assert response.headers["www-authenticate"].startswith("Bearer")


def test_reload_swaps_in_the_new_data_and_changes_the_etag(tmp_path: Path, data_dir: Path) -> None:
    with TestClient(create_app(admin_app_settings(tmp_path, data_dir))) as client:
        etag = client.get("/v1/nodes/nuts:PL63").headers["etag"]
        assert client.get("/v1/nodes/country:DK").status_code == 404
        with (data_dir / "nodes" / "countries.csv").open("a", encoding="utf-8") as file:
            file.write("country:DK,Danmark,Denmark,erb-background,DK\n")
        response = client.post("/v1/admin/reload", headers=AUTH)
        assert response.status_code == 200
        body = response.json()
        assert body["data_version"] != body["data_version_before"]
        assert body["counts"]["nodes"]["Country"] == 4
        assert client.get("/v1/nodes/country:DK").json()["name_en"] == "Denmark"
        after = client.get("/v1/nodes/nuts:PL63", headers={"If-None-Match": etag})
        assert after.status_code == 200


def test_reload_of_bad_data_is_a_422_and_the_old_graph_keeps_serving(
    tmp_path: Path, data_dir: Path
) -> None:
    with TestClient(create_app(admin_app_settings(tmp_path, data_dir))) as client:
        before = client.get("/v1/meta/coverage").json()["data_version"]
        with (data_dir / "nodes" / "countries.csv").open("a", encoding="utf-8") as file:
            file.write("country:dk,Danmark,Denmark,no-such-source,DK\n")
        response = client.post("/v1/admin/reload", headers=AUTH)
        assert response.status_code == 422
        issues = response.json()["error"]["details"]["issues"]
        assert issues[0]["file"].endswith("countries.csv")
        assert issues[0]["line"] == 5
        assert client.get("/v1/meta/coverage").json()["data_version"] == before
        assert client.get("/v1/nodes/nuts:PL63").status_code == 200


def test_other_workers_follow_a_reload(tmp_path: Path, data_dir: Path) -> None:
    """Two apps sharing a home stand for two ``serve --workers`` processes."""
    settings = admin_app_settings(tmp_path, data_dir)
    with (
        TestClient(create_app(settings)) as first,
        TestClient(create_app(settings)) as second,
    ):
        second.app.state.api.version_ttl = 0  # type: ignore[attr-defined]  # check at once
        with (data_dir / "nodes" / "countries.csv").open("a", encoding="utf-8") as file:
            file.write("country:DK,Danmark,Denmark,erb-background,DK\n")
        assert first.post("/v1/admin/reload", headers=AUTH).status_code == 200
        assert second.get("/v1/nodes/country:DK").status_code == 200


def test_admin_route_is_documented_with_its_bearer_scheme(tmp_path: Path, data_dir: Path) -> None:
    with TestClient(create_app(admin_app_settings(tmp_path, data_dir))) as client:
        spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/v1/admin/reload"]["post"]
    assert operation["security"]
    assert "401" in operation["responses"]


@pytest.mark.neo4j
def test_reload_on_neo4j_upserts_the_data_folder(
    tmp_path: Path, data_dir: Path, erb_neo4j: Neo4jStore
) -> None:
    settings = api_settings(tmp_path / "home", store="neo4j", data_dir=data_dir, admin_token=TOKEN)
    with TestClient(create_app(settings, erb_neo4j)) as client:
        with (data_dir / "nodes" / "countries.csv").open("a", encoding="utf-8") as file:
            file.write("country:DK,Danmark,Denmark,erb-background,DK\n")
        response = client.post("/v1/admin/reload", headers=AUTH)
        assert response.status_code == 200
        assert response.json()["backend"] == "neo4j"
        assert client.get("/v1/nodes/country:DK").json()["name_en"] == "Denmark"
