"""CORS: off unless configured; configured origins may read answers and their ETags."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from partnergraph.web import create_app
from tests.api.conftest import api_settings

SITE = "https://erb.example.org"


def test_without_configured_origins_no_cors_headers_are_sent(memory_client: TestClient) -> None:
    response = memory_client.get("/v1/nodes/nuts:PL63", headers={"Origin": SITE})
    assert "access-control-allow-origin" not in response.headers


def test_a_configured_origin_may_read_answers_and_etags(tmp_path: Path) -> None:
    app = create_app(api_settings(tmp_path, cors_origins=[SITE]))
    with TestClient(app) as client:
        response = client.get("/v1/nodes/nuts:PL63", headers={"Origin": SITE})
        assert response.headers["access-control-allow-origin"] == SITE
        assert "etag" in response.headers["access-control-expose-headers"].lower()
        preflight = client.options(
            "/v1/search",
            headers={
                "Origin": SITE,
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "If-None-Match",
            },
        )
        assert preflight.status_code == 200
        other = client.get("/v1/nodes/nuts:PL63", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
