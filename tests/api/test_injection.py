"""Hostile text in every text parameter gets a normal answer or a 4xx, never a 5xx, and never
changes or leaks the graph — on both stores (Neo4j: Cypher is always parameterised)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

PAYLOADS = [
    "' OR 1=1 --",
    '" OR ""="',
    "x') RETURN n //",
    "'}) MATCH (n) DETACH DELETE n //",
    "`) MATCH (n) RETURN n //",
    "$uid",
    "{uid}",
    "teryt:2261011' OR '1'='1",
    "nuts:PL63\x00",
    "\u202egdansk",  # right-to-left override
    "gda\u200bnsk",  # zero-width space
    "ＧＤＡＮＳＫ",  # fullwidth letters
    "Gdan\u0301sk",  # combining accent
    "Gdаnsk",  # Cyrillic a
    "../../../../etc/passwd",
    "%00%27",
    "<script>alert(1)</script>",
    "*",
    ".*",
    "a" * 199,
]

#: (url template, parameter name): every text parameter of the read-only API.
TARGETS = [
    ("/v1/search", "q"),
    ("/v1/nodes/{}", None),
    ("/v1/nodes/{}/neighbours", None),
    ("/v1/priorities", "framework"),
    ("/v1/priorities/{}/partners", None),
    ("/v1/priorities/water/partners", "countries"),
    ("/v1/priorities/water/partners", "kinds"),
    ("/v1/paths?to=nuts:PL63", "from"),
    ("/v1/paths?from=nuts:PL63", "to"),
    ("/v1/graph", "uids"),
    ("/v1/graph", "uid"),
    ("/v1/suggestions", "uid"),
    ("/v1/suggestions?uid=teryt:2261011", "priority"),
    ("/v1/gaps/priorities", "framework"),
    ("/v1/gaps/coverage", "framework"),
    ("/v1/gaps/gminy", "region"),
    ("/v1/gaps/single", "framework"),
]


def call(client: TestClient, template: str, name: str | None, payload: str) -> int:
    if name is None:
        # Path parameters: percent-encode the way a browser would.
        response = client.get(template.format(quote(payload, safe="")))
    else:
        response = client.get(template, params={name: payload})
    return response.status_code


@pytest.mark.parametrize(("template", "name"), TARGETS)
def test_hostile_text_is_answered_or_refused_but_never_crashes(
    client: TestClient, template: str, name: str | None
) -> None:
    version = client.get("/v1/meta/coverage").json()["data_version"]
    statuses = {payload: call(client, template, name, payload) for payload in PAYLOADS}
    assert {p: s for p, s in statuses.items() if s >= 500} == {}
    assert client.get("/v1/meta/coverage").json()["data_version"] == version


@pytest.mark.parametrize("payload", ["' OR 1=1 --", "x') RETURN n //", ".*", "*", "$uid"])
def test_injected_search_text_matches_nothing_instead_of_everything(
    client: TestClient, payload: str
) -> None:
    body = client.get("/v1/search", params={"q": payload}).json()
    assert body["results"] == []


def test_invalid_utf8_in_the_url_is_answered_or_refused(client: TestClient) -> None:
    # Starlette decodes with replacement characters, which then match nothing.
    search = client.get("/v1/search?q=%C3%28")
    assert search.status_code == 200
    assert search.json()["results"] == []
    for url in ("/v1/nodes/%FF%FE", "/v1/paths?from=%ED%A0%80&to=x"):
        assert 400 <= client.get(url).status_code < 500, url


def test_lookalike_names_do_not_match_the_real_node(client: TestClient) -> None:
    cyrillic = client.get("/v1/search", params={"q": "Gdаnsk"}).json()["results"]
    assert "teryt:2261011" not in [hit["node"]["uid"] for hit in cyrillic]
