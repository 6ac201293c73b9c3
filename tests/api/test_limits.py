"""Limits: long URLs, big bodies, page sizes and path lengths are refused with JSON errors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.requests import Request
from starlette.responses import PlainTextResponse

from partnergraph.api.errors import install_error_handlers
from partnergraph.api.limits import MAX_BODY_BYTES, MAX_PAGE, MAX_PATH_HOPS, MAX_PATHS
from partnergraph.api.middleware import LimitsMiddleware


def test_an_over_long_query_string_is_a_414(memory_client: TestClient) -> None:
    response = memory_client.get("/v1/search", params={"q": "a" * 3000})
    assert response.status_code == 414
    assert response.json()["error"]["code"] == "uri_too_long"


def test_an_over_long_path_is_a_414(memory_client: TestClient) -> None:
    response = memory_client.get("/v1/nodes/" + "x" * 2000)
    assert response.status_code == 414


def test_an_over_long_uid_is_a_422(memory_client: TestClient) -> None:
    response = memory_client.get("/v1/nodes/" + "x" * 300)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_request"


def test_a_large_body_is_a_413_before_any_route_runs(memory_client: TestClient) -> None:
    response = memory_client.post("/v1/search", content=b"x" * (MAX_BODY_BYTES + 1))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_a_streamed_body_without_length_is_cut_off_at_the_limit() -> None:
    async def echo_length(request: Request) -> PlainTextResponse:
        return PlainTextResponse(str(len(await request.body())))

    app = FastAPI()
    app.add_route("/", echo_length, methods=["POST"])
    app.add_middleware(LimitsMiddleware)
    install_error_handlers(app)

    def chunks(count: int) -> Iterator[bytes]:
        for _ in range(count):
            yield b"x" * 1024

    with TestClient(app) as client:
        assert client.post("/", content=chunks(3)).text == "3072"
        response = client.post("/", content=chunks(MAX_BODY_BYTES // 1024 + 2))
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "payload_too_large"


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/v1/search", {"q": "a", "limit": 201}),
        ("/v1/priorities", {"limit": MAX_PAGE + 1}),
        ("/v1/nodes/nuts:PL63/neighbours", {"limit": MAX_PAGE + 1}),
        ("/v1/nodes/nuts:PL63/neighbours", {"depth": 3}),
        ("/v1/paths", {"from": "nuts:PL63", "to": "nuts:SE213", "k": MAX_PATHS + 1}),
        ("/v1/paths", {"from": "nuts:PL63", "to": "nuts:SE213", "max_hops": MAX_PATH_HOPS + 1}),
        ("/v1/priorities/water/partners", {"limit": MAX_PAGE + 1}),
        ("/v1/graph", {"uid": "nuts:PL63", "depth": 3}),
    ],
)
def test_page_sizes_depths_and_hops_above_their_caps_are_refused(
    memory_client: TestClient, url: str, params: dict[str, str | int]
) -> None:
    response = memory_client.get(url, params=params)
    assert response.status_code == 422
    problem = response.json()["error"]["details"]["problems"][0]
    assert problem["location"][0] == "query"


def test_a_scalar_parameter_given_twice_is_refused(memory_client: TestClient) -> None:
    response = memory_client.get("/v1/nodes/nuts:PL63", params=[("lang", "en"), ("lang", "pl")])
    assert response.status_code == 422
    assert "only once" in response.json()["error"]["details"]["problems"][0]["message"]


def test_array_parameters_may_repeat(memory_client: TestClient) -> None:
    response = memory_client.get(
        "/v1/nodes/nuts:PL63/neighbours", params=[("type", "PART_OF"), ("type", "MEMBER_OF")]
    )
    assert response.status_code == 200
    assert response.json()["types"] == ["PART_OF", "MEMBER_OF"]


def test_dates_must_be_iso_days(memory_client: TestClient) -> None:
    for bad in ("0", "2020", "2020-1-1", "2020-02-30", "yesterday"):
        response = memory_client.get("/v1/nodes/nuts:PL63", params={"at": bad})
        assert response.status_code == 422, bad
