"""HTTP hygiene of the whole app (issue 18): HEAD on every GET route, ``nosniff`` and a
Content-Security-Policy on every answer, errors on pages as HTML pages in the page's
language, and an ``at=`` a page has no year for is a 400 page (docs/security.md)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from partnergraph.api.middleware import site_csp
from partnergraph.graph.store import GraphStore
from partnergraph.settings import Settings
from partnergraph.stores import open_store
from partnergraph.web import create_app

REGION = "nuts:PL63"  # Pomorskie
PRIORITY = "priority:pomorskie-priorytety-2008:4"
#: Values for path parameters and required query parameters, so that every route answers
#: something real (a 200 where it can) rather than a 422.
PATH_VALUES = {"uid": REGION, "path": "site.css"}
PATH_VALUES_BY_ROUTE = {"/v1/priorities/{uid}/partners": {"uid": PRIORITY}}
QUERY_VALUES = {"q": "gdansk", "from": "teryt:2804032", "to": "nuts:SE213", "uid": REGION}


@pytest.fixture(scope="module")
def bundled() -> GraphStore:
    return open_store(Settings(store="memory"))


@pytest.fixture(scope="module")
def app(bundled: GraphStore) -> FastAPI:
    return create_app(Settings(store="memory"), store=bundled)


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


def _get_routes(app: FastAPI) -> list[Any]:
    """Every route of the app's route table that answers GET (included routers walked)."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # older FastAPI: the table is flat
        routes: list[Any] = list(app.routes)
    else:
        routes = list(iter_route_contexts(app.routes))
    return [route for route in routes if "GET" in (getattr(route, "methods", None) or ())]


def _url(route: Any) -> str:
    path: str = route.path
    values = {**PATH_VALUES, **PATH_VALUES_BY_ROUTE.get(path, {})}
    url = re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: values[m.group(1)], path)
    dependant = getattr(getattr(route, "route", route), "dependant", None)
    required = []
    pending = [dependant] if dependant is not None else []
    while pending:
        current = pending.pop()
        required += [f.alias for f in current.query_params if f.field_info.is_required()]
        pending.extend(current.dependencies)
    if required:
        url += "?" + "&".join(f"{name}={QUERY_VALUES[name]}" for name in required)
    return url


def test_the_route_table_has_the_api_the_docs_and_the_pages(app: FastAPI) -> None:
    paths = {route.path for route in _get_routes(app)}
    assert {"/docs", "/redoc", "/openapi.json", "/v1/search", "/erb", "/node/{uid}"} <= paths
    assert len(paths) > 25


def test_head_answers_every_get_route_like_get_without_a_body(
    app: FastAPI, client: TestClient
) -> None:
    checked = 0
    for route in _get_routes(app):
        url = _url(route)
        got = client.get(url)
        assert got.status_code < 500, url
        head = client.head(url)
        assert head.status_code == got.status_code, url
        assert head.content == b"", url
        assert dict(head.headers) == dict(got.headers), url
        checked += 1
    assert checked > 25


@pytest.mark.parametrize(
    "url",
    [
        "/docs/static/swagger-ui/swagger-ui.css",
        "/docs/static/redoc/redoc.standalone.js",
        "/static/site.css",
        "/erb?at=abc",
        "/nowhere",
        "/v1/nowhere",
        "/v1/nodes/teryt:0000001",
    ],
)
def test_head_of_static_files_and_errors_is_the_get_without_a_body(
    client: TestClient, url: str
) -> None:
    got = client.get(url)
    head = client.head(url)
    assert (head.status_code, dict(head.headers), head.content) == (
        got.status_code,
        dict(got.headers),
        b"",
    )


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/erb",
        "/erb?at=abc",
        "/node/teryt:0000000",
        "/nowhere",
        "/v1/search?q=gdansk",
        "/v1/nowhere",
        "/health",
        "/openapi.json",
        "/static/site.css",
        "/static/vendor/vis-network/vis-network.min.js",
        "/static/missing.css",
        "/docs/static/swagger-ui/swagger-ui-bundle.js",
        "/docs/static/missing.js",
        "/site/suggest?q=gdansk",
        "/association.csv",
    ],
)
def test_every_answer_says_nosniff_and_carries_the_site_policy(
    client: TestClient, url: str
) -> None:
    response = client.get(url)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-security-policy"] == site_csp()


def test_the_site_policy_allows_only_the_server_itself() -> None:
    directives = dict(
        [*part.split(" ", 1), ""][:2] for part in (p.strip() for p in site_csp().split(";"))
    )
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no inline code, no eval
    assert directives["object-src"] == "'none'"
    style = directives["style-src"].split()
    assert style[0] == "'self'"
    assert "'unsafe-inline'" not in style
    # vis-network's own CSS, by hash: one per <style> it injects, and the empty one
    assert len([s for s in style if s.startswith("'sha256-")]) == 8
    assert "http" not in site_csp()


@pytest.mark.parametrize("url", ["/docs", "/redoc"])
def test_api_docs_have_their_own_policy_still_only_the_server(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert policy != site_csp()
    assert "default-src 'self'" in policy
    assert "http" not in policy
    script_src = re.search(r"script-src ([^;]*)", policy)
    assert script_src is not None
    assert "'unsafe-inline'" not in script_src.group(1)
    assert "'unsafe-eval'" not in script_src.group(1)
    assert response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("url", ["/", "/erb", "/association", "/priorities", "/gaps", "/path"])
def test_pages_run_no_inline_code(client: TestClient, url: str) -> None:
    """The policy has no 'unsafe-inline' for scripts: pages carry data in
    ``<script type="application/json">`` (not run) and code only in files."""
    html = client.get(url).text
    for attributes in re.findall(r"<script\b([^>]*)>", html):
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
    assert "<style" not in html
    assert not re.search(r"\son[a-z]+=", html), "an inline event handler"


@pytest.mark.parametrize(
    ("url", "lang", "needle"),
    [
        ("/erb?at=abc", "pl", "„abc” nie jest rokiem"),
        ("/erb?at=1800&lang=en", "en", "“1800” is not a year"),
        ("/erb?at=2010-02-30", "pl", "2010-02-30"),
        ("/erb?at=2999", "pl", "2999"),
        ("/association?at=all&lang=en", "en", "“all” is not a year"),
        ("/priority/" + PRIORITY + "?at=x", "pl", "„x”"),
        ("/association.csv?at=1800", "pl", "1800"),
    ],
)
def test_an_at_the_page_has_no_year_for_is_a_400_page_in_its_language(
    client: TestClient, url: str, lang: str, needle: str
) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert f'<html lang="{lang}"' in response.text
    assert needle in response.text
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    "url", ["/erb?at=2010", "/erb?at=all", "/erb?at=2010-05-01", "/erb?at=", "/association?at=2024"]
)
def test_good_at_values_still_show_the_page(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("url", "status", "lang", "needle"),
    [
        ("/path?k=99", 400, "pl", "Parametr „k” ma niepoprawną wartość: „99”"),
        ("/path?k=99&lang=en", 400, "en", "The parameter “k”"),
        ("/gaps?by=planet&lang=en", 400, "en", "“planet”"),
        ("/erb?lang=en&at=2010&at=2011", 400, "en", "“at”"),
        ("/node/x?page=0", 400, "pl", "„page”"),
    ],
)
def test_bad_parameters_on_pages_are_html_pages(
    client: TestClient, url: str, status: int, lang: str, needle: str
) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert f'<html lang="{lang}"' in response.text
    assert needle in response.text
    assert "Traceback" not in response.text


def test_wrong_method_on_a_page_is_an_html_405_with_allow(client: TestClient) -> None:
    response = client.post("/erb?lang=en")
    assert response.status_code == 405
    assert response.headers["content-type"].startswith("text/html")
    assert "GET" in response.headers["allow"]
    assert "only answers being opened" in response.text


def test_unknown_paths_are_html_for_browsers_and_json_for_programs(client: TestClient) -> None:
    browser = client.get("/nowhere?lang=en", headers={"Accept": "text/html,*/*;q=0.8"})
    assert browser.status_code == 404
    assert browser.headers["content-type"].startswith("text/html")
    assert "There is no such page: /nowhere" in browser.text
    program = client.get("/nowhere")
    assert program.status_code == 404
    assert program.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    "url",
    ["/v1/nowhere", "/v1/paths?k=99&from=a&to=b", "/v1/search?q=x&q=y", "/site/suggest?limit=0"],
)
def test_the_api_keeps_answering_errors_in_json(client: TestClient, url: str) -> None:
    response = client.get(url, headers={"Accept": "text/html"})
    assert response.status_code in (404, 422)
    assert set(response.json()) == {"error"}


def test_docs_pages_load_only_vendored_files(client: TestClient) -> None:
    for url in ("/docs", "/redoc"):
        html = client.get(url).text
        fetched = re.findall(r"""(?:src|href)=["']([^"']+)["']""", html)
        assert fetched
        assert "fonts.googleapis" not in html
        for asset in fetched:
            assert asset.startswith("/docs/static/"), asset
            assert client.get(asset).status_code == 200, asset
