"""Small things an outside probe found (issue 19, part 6): a NUL byte in a static path, invisible
characters inside search words, an admin route that never read its body, and HTML error pages
that a proxy could keep."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from partnergraph.api.routes.admin import RELOAD_BODY_BYTES
from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest.loader import load_directory
from partnergraph.queries.search import search
from partnergraph.web import create_app
from tests.api.conftest import ERB, api_settings

TOKEN = "correct horse battery staple"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
GDANSK = "teryt:2261011"
#: Zero-width space, non-joiner, joiner, word joiner, byte order mark, soft hyphen.
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]


@pytest.fixture(scope="module")
def erb_memory() -> MemoryStore:
    store = MemoryStore()
    load_directory(store, ERB)
    return store


@pytest.fixture(scope="module")
def memory_client(
    erb_memory: MemoryStore, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    app = create_app(api_settings(tmp_path_factory.mktemp("home")), erb_memory)
    with TestClient(app) as client:
        yield client


def assert_error(body: dict[str, object], code: str) -> None:
    assert set(body) == {"error"}
    error = body["error"]
    assert isinstance(error, dict)
    assert set(error) == {"code", "message", "details"}
    assert error["code"] == code


# -- a NUL byte in a static path ---------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/static/site.css%00.js",
        "/static/%00",
        "/static/site.css%00",
        "/static/..%2f%00/etc/passwd",
        "/static/" + "a" * 300 + "%00.css",
    ],
)
def test_a_nul_byte_in_a_static_path_is_a_404(memory_client: TestClient, path: str) -> None:
    response = memory_client.get(path)
    assert response.status_code == 404
    assert "Traceback" not in response.text


def test_static_files_are_still_served(memory_client: TestClient) -> None:
    assert memory_client.get("/static/site.css").status_code == 200


# -- invisible characters in search words ----------------------------------------------------


@pytest.mark.parametrize("mark", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_characters_inside_a_search_word_are_ignored(
    erb_memory: MemoryStore, memory_client: TestClient, mark: str
) -> None:
    plain = search(erb_memory, "Gdańsk")
    exact = [(hit.node.uid, hit.score) for hit in plain.results if hit.score == 100]
    assert (GDANSK, 100) in exact  # an exact match, not a partial one
    expected = [hit.node.uid for hit in plain.results]
    for text in (f"Gda{mark}ńsk", f"{mark}Gdańsk", f"Gdań{mark}{mark}sk{mark}"):
        answer = search(erb_memory, text)
        assert [(hit.node.uid, hit.score) for hit in answer.results][: len(exact)] == exact
        assert [hit.node.uid for hit in answer.results] == expected
        assert mark not in answer.query
        body = memory_client.get("/v1/search", params={"q": text}).json()
        assert [result["node"]["uid"] for result in body["results"]] == expected


def test_a_search_of_only_invisible_characters_is_an_empty_search(
    memory_client: TestClient,
) -> None:
    response = memory_client.get("/v1/search", params={"q": "".join(INVISIBLE)})
    assert response.status_code == 400
    assert_error(response.json(), "bad_query")


# -- the admin reload reads and bounds its body -----------------------------------------------


@pytest.fixture
def admin_client(tmp_path: Path) -> Iterator[TestClient]:
    settings = api_settings(tmp_path / "home", data_dir=ERB, admin_token=TOKEN)
    with TestClient(create_app(settings)) as client:
        yield client


def test_reload_takes_no_body_or_a_small_one(admin_client: TestClient) -> None:
    assert admin_client.post("/v1/admin/reload", headers=AUTH).status_code == 200
    small = admin_client.post("/v1/admin/reload", headers=AUTH, json={})
    assert small.status_code == 200
    exact = admin_client.post("/v1/admin/reload", headers=AUTH, content=b"x" * RELOAD_BODY_BYTES)
    assert exact.status_code == 200


def test_reload_refuses_a_body_over_the_limit_with_a_json_413(admin_client: TestClient) -> None:
    response = admin_client.post(
        "/v1/admin/reload", headers=AUTH, content=b"x" * (RELOAD_BODY_BYTES + 1)
    )
    assert response.status_code == 413
    assert_error(response.json(), "payload_too_large")
    assert response.json()["error"]["details"] == {"limit": RELOAD_BODY_BYTES}
    assert response.headers["cache-control"] == "no-store"


def test_reload_refuses_a_streamed_body_over_the_limit(admin_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the body is counted as it comes
        for _ in range(64):
            yield b"x" * 512

    response = admin_client.post("/v1/admin/reload", headers=AUTH, content=chunks())
    assert response.status_code == 413
    assert_error(response.json(), "payload_too_large")


def test_reload_without_the_token_does_not_read_the_body(admin_client: TestClient) -> None:
    response = admin_client.post("/v1/admin/reload", content=b"x" * (RELOAD_BODY_BYTES + 1))
    assert response.status_code == 401


# -- HTML error pages are not to be stored ------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/node/teryt:0000000", "/priority/priority:none:0", "/node/nothing:here?lang=en"]
)
def test_html_error_pages_carry_no_store(memory_client: TestClient, url: str) -> None:
    response = memory_client.get(url)
    assert response.status_code >= 400
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers


def test_html_pages_that_work_are_still_revalidated(memory_client: TestClient) -> None:
    response = memory_client.get(f"/node/{GDANSK}")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-cache"
    assert "etag" in response.headers
