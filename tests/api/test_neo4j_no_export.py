"""No API route answered on Neo4j reads the whole graph: not the export
(``Neo4jStore.to_networkx``), nor ``nodes()`` of every label or ``edges()`` of every type.

The export runs two Cypher queries that ``collect()`` every node and every relationship; the
goal is that no route needs it. Every GET route of the app (the API under ``/v1``, the health
checks, the docs and the website's pages, which are mounted in the same app) is called once or
a few times over the bundled data, each on a fresh app with the warm-up off (it exports on
purpose) and an empty query cache (an export cached by an earlier request would hide one).
A route whose request exported fails the test with its name. Dated
requests (``at``: the snapshot views), region filters and refused path questions are asked too.

A route added later is called automatically when it needs no parameters; when it does, the
test fails until its values are added to :data:`PATH_VALUES` / :data:`QUERIES` (or the route
to :data:`SKIPPED`, with the reason).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fastapi.routing
import networkx as nx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import Route

from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.ingest.loader import load_dataset
from partnergraph.ingest.workspace import read_bundle
from partnergraph.model import Edge, Node, NodeLabel, RelType
from partnergraph.queries import _cache
from partnergraph.web import create_app
from tests.api.conftest import api_settings

TOKEN = "no-export-admin-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

# Uids of the bundled data (data/), as the conformance tests use them.
GDANSK = "teryt:2261011"
GDYNIA = "teryt:2262011"
POMORSKIE = "nuts:PL63"
PRIORITY = "priority:interreg-south-baltic-2014-2020:so5.1"
PROGRAMME = "programme:interreg-south-baltic-2014-2020"
PROJECT = "project:interreg-south-baltic-2014-2020:casypot"
DAY = "2017-06-01"

#: Requests answered with a refusal, and its status: a path question that finds nothing is
#: explained (the distance, each end's component), which once read the whole graph.
REFUSED: dict[str, list[tuple[dict[str, str], int]]] = {
    "/v1/paths": [
        ({"from": GDANSK, "to": PROGRAMME, "max_hops": "1"}, 400),
        ({"from": GDANSK, "to": PROGRAMME, "via": "TWINNED_WITH"}, 400),
    ],
}

#: Route path -> why it is not called here.
SKIPPED: dict[str, str] = {}

#: Route path -> the path parameters of each call (every one of the route's path parameters).
PATH_VALUES: dict[str, list[dict[str, str]]] = {
    "/v1/nodes/{uid}": [{"uid": GDANSK}, {"uid": PROJECT}],
    "/v1/nodes/{uid}/neighbours": [{"uid": GDANSK}],
    "/v1/priorities/{uid}/partners": [{"uid": PRIORITY}],
    "/v1/regions/{uid}/activity": [{"uid": POMORSKIE}],
    "/node/{uid}": [{"uid": GDANSK}, {"uid": PROJECT}, {"uid": PRIORITY}],
    "/priority/{uid}": [{"uid": PRIORITY}],
    "/region/{uid}": [{"uid": POMORSKIE}],
    "/region/{uid}.csv": [{"uid": POMORSKIE}],
    "/programme/{uid}": [{"uid": PROGRAMME}],
    "/static/{path}": [{"path": "site.css"}],
}

#: Route path -> the query of each call: every required parameter, and the optional ones that
#: make the route do its main work. A route not listed is called once without a query.
QUERIES: dict[str, list[dict[str, str]]] = {
    "/v1/search": [{"q": "gdansk"}],
    "/v1/paths": [{"from": GDANSK, "to": GDYNIA}, {"from": GDANSK, "to": GDYNIA, "at": DAY}],
    "/v1/priorities/{uid}/partners": [{}, {"at": DAY}, {"region": POMORSKIE}],
    "/v1/suggestions": [
        {"uid": GDANSK},
        {"uid": GDANSK, "priority": PRIORITY},
        {"uid": GDANSK, "at": DAY},
    ],
    "/v1/clusters": [{}, {"at": DAY}],
    "/v1/graph": [{"uid": GDANSK}],
    "/v1/gaps/coverage": [{}, {"region": POMORSKIE}, {"by": "region", "at": DAY}],
    "/v1/gaps/priorities": [{}, {"at": DAY}],
    "/v1/gaps/single": [{}, {"at": DAY}],
    "/v1/gaps/gminy": [{}, {"region": POMORSKIE}],
    "/v1/regions/{uid}/activity": [{}, {"at": DAY}],
    "/": [{}, {"q": "gdansk"}],
    "/path": [{}, {"from": GDANSK, "to": GDYNIA}],
    "/clusters": [{}, {"cluster": "1"}],  # clusters are numbered from 1
    "/site/suggest": [{"q": "gdan"}],
}


@dataclass(frozen=True)
class GetRoute:
    """One GET route of the app: its full path, parameters and success status."""

    path: str
    path_params: frozenset[str]
    required_query: frozenset[str]
    status: int


def _route_of(path: str, route: Route) -> GetRoute | None:
    if not route.methods or "GET" not in route.methods:
        return None
    if isinstance(route, APIRoute):
        params = frozenset(param.name for param in route.dependant.path_params)
        required = frozenset(
            param.alias for param in route.dependant.query_params if param.field_info.is_required()
        )
        return GetRoute(path, params, required, route.status_code or 200)
    return GetRoute(path, frozenset(route.param_convertors), frozenset(), 200)


def get_routes(app: FastAPI) -> list[GetRoute]:
    """Every GET route, with the routers' prefixes. Newer FastAPI keeps each included router
    as one entry of ``app.routes``; ``iter_route_contexts`` flattens them."""
    routes: list[GetRoute] = []
    iterate = getattr(fastapi.routing, "iter_route_contexts", None)
    if iterate is None:  # older FastAPI: app.routes is already flat
        pairs = [(getattr(route, "path", ""), route) for route in app.routes]
    else:
        pairs = [(context.path or "", context.original_route) for context in iterate(app.routes)]
    for path, route in pairs:
        found = _route_of(path, route) if isinstance(route, Route) else None
        if found is not None:
            routes.append(found)
    return routes


def _key(path: str) -> str:
    """``/static/{path:path}`` -> ``/static/{path}``: how routes are named in the tables."""
    return re.sub(r"\{(\w+):\w+\}", r"{\1}", path)


def _url(route: GetRoute, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)(?::\w+)?\}", lambda match: values[match.group(1)], route.path)


def calls_of(route: GetRoute) -> list[tuple[str, dict[str, str], int]] | str:
    """The (url, query, expected status) of each request for ``route``, or why it cannot be
    called."""
    key = _key(route.path)
    path_variants = PATH_VALUES.get(key, [{}])
    for values in path_variants:
        if set(values) != route.path_params:
            return (
                f"path parameters {sorted(route.path_params)} need values in PATH_VALUES "
                f"(has {sorted(values)})"
            )
    queries = QUERIES.get(key, [{}])
    for query in queries:
        missing = route.required_query - set(query)
        if missing:
            return f"required query parameters {sorted(missing)} need values in QUERIES"
    calls = [
        (_url(route, values), query, route.status) for values in path_variants for query in queries
    ]
    calls += [
        (_url(route, path_variants[0]), query, status) for query, status in REFUSED.get(key, [])
    ]
    return calls


@pytest.fixture(scope="module")
def bundled_neo4j(neo4j_store: Neo4jStore, bundled_data: Path) -> Neo4jStore:
    """The session's Neo4j holding the bundled data with its layers (as ``serve`` has it);
    loaded once for this module."""
    neo4j_store.clear()
    load_dataset(neo4j_store, read_bundle(bundled_data))
    return neo4j_store


@dataclass
class Exports:
    """How many times the export ran."""

    count: int = 0


@pytest.fixture
def exports(monkeypatch: pytest.MonkeyPatch) -> Iterator[Exports]:
    """Count the whole-graph reads on the class (so that every store and snapshot of one is
    seen): ``to_networkx``, and ``nodes()`` of every label or ``edges()`` of every type and
    node, which read as much."""
    seen = Exports()
    export = Neo4jStore.to_networkx
    all_nodes = Neo4jStore.nodes
    all_edges = Neo4jStore.edges

    def counted(self: Neo4jStore, *, at: dt.date | None = None) -> nx.MultiDiGraph:
        seen.count += 1
        return export(self, at=at)

    def nodes(self: Neo4jStore, label: NodeLabel | None = None, **kwargs: Any) -> list[Node]:
        seen.count += label is None
        return all_nodes(self, label, **kwargs)

    def edges(self: Neo4jStore, rel_type: RelType | None = None, **kwargs: Any) -> list[Edge]:
        seen.count += rel_type is None and kwargs.get("uid") is None
        return all_edges(self, rel_type, **kwargs)

    monkeypatch.setattr(Neo4jStore, "to_networkx", counted)
    monkeypatch.setattr(Neo4jStore, "nodes", nodes)
    monkeypatch.setattr(Neo4jStore, "edges", edges)
    _cache.clear()
    yield seen
    _cache.clear()


def test_the_counter_sees_whole_graph_reads(bundled_neo4j: Neo4jStore, exports: Exports) -> None:
    graph = bundled_neo4j.to_networkx()
    assert exports.count == 1
    assert graph.number_of_nodes() > 0
    bundled_neo4j.nodes(NodeLabel.PRIORITY)
    bundled_neo4j.edges(RelType.DEFINES)
    bundled_neo4j.edges(uid="nuts:PL63")
    assert exports.count == 1  # one label, one type or one node: not the whole graph
    bundled_neo4j.nodes()
    bundled_neo4j.edges()
    assert exports.count == 3


def test_no_route_exports_the_whole_graph(
    bundled_neo4j: Neo4jStore, bundled_data: Path, exports: Exports, tmp_path: Path
) -> None:
    settings = api_settings(
        tmp_path,
        store="neo4j",
        data_dir=bundled_data,
        warm_up=False,  # the warm-up exports on purpose: only the requests are measured here
        admin_token=TOKEN,  # so that admin GET routes, if any, are covered too
    )
    routes = get_routes(create_app(settings, bundled_neo4j))
    keys = {_key(route.path) for route in routes}
    assert {"/v1/clusters", "/v1/nodes/{uid}", "/node/{uid}"} <= keys, sorted(keys)

    exporting: set[str] = set()
    failures: list[str] = []
    for route in routes:
        key = _key(route.path)
        if key in SKIPPED:
            continue
        calls = calls_of(route)
        if isinstance(calls, str):
            failures.append(f"{key}: not called: {calls}, or add it to SKIPPED with a reason")
            continue
        for url, query, status in calls:
            _cache.clear()
            before = exports.count
            # A fresh app per request: its own memoised answers (ApiState.memo) start empty.
            with TestClient(create_app(settings, bundled_neo4j)) as client:
                response = client.get(url, params=query, headers=AUTH)
            if status == 400 and response.status_code == 400:  # a refusal, not a bad request
                assert response.json()["error"]["code"] == "no_path", response.text[:300]
            if response.status_code != status:
                failures.append(
                    f"{key}: GET {url} {query} answered {response.status_code}, "
                    f"not {status}: {response.text[:300]}"
                )
            if exports.count > before:
                exporting.add(key)

    assert not failures, "\n".join(failures)
    stale = sorted((SKIPPED.keys() | PATH_VALUES.keys() | QUERIES.keys() | REFUSED.keys()) - keys)
    assert not stale, f"the tables name routes that do not exist: {stale}"
    assert not exporting, (
        f"these routes read the whole graph on Neo4j (to_networkx, or nodes()/edges() of "
        "everything): "
        f"{sorted(exporting)}"
    )
