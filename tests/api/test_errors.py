"""One JSON error shape for every failure, no stack traces, 503 while the store is down."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from partnergraph.errors import BackendUnavailable
from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest.loader import load_directory
from partnergraph.web import create_app
from tests.api.conftest import ERB, api_settings


def assert_error_shape(body: dict[str, Any], code: str) -> None:
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["details"], dict)


@pytest.mark.parametrize(
    ("method", "url", "status", "code"),
    [
        ("GET", "/v1/nodes/teryt:0000001", 404, "not_found"),
        ("GET", "/v1/nowhere", 404, "not_found"),
        ("POST", "/v1/nodes/nuts:PL63", 405, "method_not_allowed"),
        ("DELETE", "/v1/priorities", 405, "method_not_allowed"),
        ("GET", "/v1/search", 422, "invalid_request"),
        ("GET", "/v1/search?q=x&lang=de", 422, "invalid_request"),
        ("GET", "/v1/priorities?framework=nuts:PL63", 400, "bad_query"),
        ("GET", "/v1/priorities/nothing-like-this/partners", 400, "bad_query"),
    ],
)
def test_every_error_has_the_stable_json_shape(
    memory_client: TestClient, method: str, url: str, status: int, code: str
) -> None:
    response = memory_client.request(method, url)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert_error_shape(response.json(), code)


class FlakyStore(MemoryStore):
    """A memory store that can be switched off like a Neo4j server going down."""

    def __init__(self) -> None:
        super().__init__()
        self.down = False

    def _check(self) -> None:
        if self.down:
            raise BackendUnavailable("Neo4j at bolt://127.0.0.1:1 does not answer")

    def ping(self) -> None:
        self._check()

    def node(self, uid: str) -> Any:
        self._check()
        return super().node(uid)

    def data_version(self) -> str:
        self._check()
        return super().data_version()


def test_store_down_gives_503_json_and_recovers(tmp_path: Path) -> None:
    store = FlakyStore()
    load_directory(store, ERB)
    app = create_app(api_settings(tmp_path), store)
    app.state.api.version_ttl = 0
    with TestClient(app) as client:
        assert client.get("/v1/nodes/nuts:PL63").status_code == 200
        store.down = True
        response = client.get("/v1/nodes/nuts:PL63")
        assert response.status_code == 503
        assert_error_shape(response.json(), "backend_unavailable")
        assert response.headers["cache-control"] == "no-store"
        ready = client.get("/ready")
        assert ready.status_code == 503
        assert ready.json()["backend_state"] == "down"
        assert client.get("/health").status_code == 200
        store.down = False
        assert client.get("/ready").status_code == 200
        assert client.get("/v1/nodes/nuts:PL63").status_code == 200


def test_app_starts_without_its_store_and_answers_503_until_it_can_open_it(
    tmp_path: Path,
) -> None:
    settings = api_settings(tmp_path, store="neo4j", neo4j_uri=None)
    with TestClient(create_app(settings)) as client:
        ready = client.get("/ready")
        assert ready.status_code == 503
        assert "neo4j" in ready.json()["message"].lower()
        response = client.get("/v1/search", params={"q": "gdansk"})
        assert response.status_code == 503
        assert_error_shape(response.json(), "backend_unavailable")


def test_an_unexpected_error_is_a_500_without_a_stack_trace(tmp_path: Path) -> None:
    class BrokenStore(MemoryStore):
        def node(self, uid: str) -> Any:
            raise RuntimeError("secret internal detail in /srv/partnergraph/x.py line 12")

    app = create_app(api_settings(tmp_path), BrokenStore())
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/v1/nodes/nuts:PL63")
    assert response.status_code == 500
    assert_error_shape(response.json(), "internal_error")
    assert "secret" not in response.text
    assert "Traceback" not in response.text


def test_a_store_passed_in_survives_the_app_restarting(tmp_path: Path) -> None:
    store = MemoryStore()  # empty: were the configured data opened instead, Pomorskie would be
    app = create_app(api_settings(tmp_path), store)
    for _ in range(2):
        with TestClient(app) as client:
            assert client.get("/v1/nodes/nuts:PL63").status_code == 404
    assert app.state.api.current_store is store
