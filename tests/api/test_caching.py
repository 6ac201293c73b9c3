"""ETag, Cache-Control and 304: answers are keyed on the data version, the URL and Accept."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest.loader import load_directory
from partnergraph.model import Node, NodeLabel
from partnergraph.web import create_app
from tests.api.conftest import ERB, api_settings

NODE = "/v1/nodes/nuts:PL63"


def test_answers_carry_an_etag_built_on_the_data_version(client: TestClient) -> None:
    response = client.get(NODE)
    version = client.get("/v1/meta/coverage").json()["data_version"]
    assert response.headers["etag"].startswith(f'"{version}-')
    assert response.headers["cache-control"] == "public, max-age=60"
    assert response.headers["vary"] == "Accept"


def test_if_none_match_with_the_current_etag_is_a_304_without_body(client: TestClient) -> None:
    etag = client.get(NODE).headers["etag"]
    response = client.get(NODE, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == etag
    weak_in_a_list = client.get(NODE, headers={"If-None-Match": f'"other", W/{etag}'})
    assert weak_in_a_list.status_code == 304


def test_a_stale_etag_gets_the_full_answer(client: TestClient) -> None:
    response = client.get(NODE, headers={"If-None-Match": '"0000000000000000-0"'})
    assert response.status_code == 200
    assert response.json()["uid"] == "nuts:PL63"


def test_etags_differ_by_url_and_by_accept(client: TestClient) -> None:
    plain = client.get(NODE).headers["etag"]
    english = client.get(NODE, params={"lang": "en"}).headers["etag"]
    graph_json = client.get("/v1/graph", params={"uid": "nuts:PL63"})
    graph_xml = client.get(
        "/v1/graph", params={"uid": "nuts:PL63"}, headers={"Accept": "application/gexf+xml"}
    )
    assert len({plain, english, graph_json.headers["etag"], graph_xml.headers["etag"]}) == 4


def test_errors_and_health_checks_are_never_cached(client: TestClient) -> None:
    missing = client.get("/v1/nodes/nuts:XX9")
    assert "etag" not in missing.headers
    assert missing.headers["cache-control"] == "no-store"
    assert client.get("/health").headers["cache-control"] == "no-store"
    assert client.get("/ready").headers["cache-control"] == "no-store"


def test_a_change_of_data_changes_the_etag_and_ends_the_304s(tmp_path: Path) -> None:
    store = MemoryStore()
    load_directory(store, ERB)
    app = create_app(api_settings(tmp_path), store)
    app.state.api.version_ttl = 0  # see every write at once
    with TestClient(app) as client:
        etag = client.get(NODE).headers["etag"]
        assert client.get(NODE, headers={"If-None-Match": etag}).status_code == 304
        store.upsert_nodes(
            [
                Node(
                    uid="country:DK",
                    label=NodeLabel.COUNTRY,
                    name="Danmark",
                    sources=("erb-background",),
                )
            ]
        )
        response = client.get(NODE, headers={"If-None-Match": etag})
        assert response.status_code == 200
        assert response.headers["etag"] != etag
