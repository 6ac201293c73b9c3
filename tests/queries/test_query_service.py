"""The query cache belongs to a QueryService (or an app), is bounded in bytes, and is found by
the query layer only while bound: no module global keeps answers between tests or apps."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from partnergraph.graph.memory import MemoryStore
from partnergraph.queries import _cache, partners_for_priority
from partnergraph.queries._cache import QueryCache, approx_size, bound
from partnergraph.queries.service import QueryService
from partnergraph.web import create_app
from tests.api.conftest import api_settings
from tests.conformance.builders import node

PRIORITY = "priority:interreg-south-baltic-2014-2020:so5.1"


def store_with(*uids: str) -> MemoryStore:
    store = MemoryStore()
    store.upsert_nodes([node(uid) for uid in uids])
    return store


def test_nothing_is_cached_outside_a_service() -> None:
    store = store_with("org:a")
    calls: list[int] = []
    assert _cache.current() is None
    for _ in range(2):
        _cache.memo(store, ("k",), lambda: calls.append(1))
    assert len(calls) == 2  # computed each time: no cache bound
    assert _cache.peek(store, ("k",)) is None


def test_a_service_keeps_results_per_content_and_forgets_older_content() -> None:
    store = store_with("org:a")
    service = QueryService(store)
    calls: list[int] = []
    with service.bound():
        first = _cache.memo(store, ("k",), lambda: calls.append(1) or ["value"])
        assert _cache.memo(store, ("k",), lambda: calls.append(1) or ["other"]) is first
        assert len(calls) == 1
        store.upsert_nodes([node("org:b")])  # new content: the old entry is unreachable
        _cache.memo(store, ("k",), lambda: calls.append(1) or ["new"])
        assert len(calls) == 2
    # the older content's entry went as soon as the new content's came
    assert [key[1] for key in service.cache.entries()] == [store.data_version()]
    assert _cache.current() is None


def test_two_services_do_not_share_a_cache() -> None:
    store = store_with("org:a")
    one, two = QueryService(store), QueryService(store)
    with one.bound():
        _cache.memo(store, ("k",), lambda: "one")
    with two.bound():
        assert _cache.peek(store, ("k",)) is None
        assert _cache.memo(store, ("k",), lambda: "two") == "two"
    with one.bound():
        assert _cache.peek(store, ("k",)) == "one"


def test_the_cache_is_bounded_in_bytes() -> None:
    store = store_with("org:a")
    small = ["x" * 1000]  # about 1 kB
    size = approx_size(small)
    cache = QueryCache(max_bytes=3 * size)
    for key in ("a", "b", "c", "d"):
        cache.memo(store, (key,), lambda: ["x" * 1000])
    kept = [key[2] for key in cache.entries()]
    assert kept == ["b", "c", "d"]  # the least recently used went first
    assert cache.bytes <= cache.max_bytes
    big = cache.memo(store, ("big",), lambda: ["x" * 10_000])  # larger than the budget
    assert big == ["x" * 10_000]
    assert cache.peek(store, ("big",)) is None  # returned, not kept
    assert QueryCache(0).memo(store, ("k",), lambda: 1) == 1


def test_sizes_grow_with_what_is_held() -> None:
    one = approx_size([node("org:a")])
    many = approx_size([node(f"org:{i}") for i in range(1000)])
    assert 500 * one < many < 2000 * one  # sampled, within a factor of two of linear


def test_a_thread_sees_the_cache_only_when_it_binds_it() -> None:
    cache = QueryCache()
    seen: list[QueryCache | None] = []
    with bound(cache):
        thread = threading.Thread(target=lambda: seen.append(_cache.current()))
        thread.start()
        thread.join()
    assert seen == [None]  # a plain thread starts with an empty context


def test_a_service_call_answers_as_the_query_does(bundled_memory: MemoryStore) -> None:
    service = QueryService(bundled_memory)
    expected = partners_for_priority(bundled_memory, PRIORITY, lang="en")
    assert service(partners_for_priority, PRIORITY, lang="en") == expected
    assert any(key[2] == "partners-ranking" for key in service.cache.entries())
    assert service(partners_for_priority, PRIORITY, lang="en") == expected


def test_each_app_binds_its_own_cache_around_requests(tmp_path: Path) -> None:
    from partnergraph.settings import default_data_dir

    apps = [
        create_app(api_settings(tmp_path / name, data_dir=default_data_dir(), warm_up=False))
        for name in ("a", "b")
    ]
    with TestClient(apps[0]) as client:
        response = client.get(f"/v1/priorities/{PRIORITY}/partners")
        assert response.status_code == 200
    with TestClient(apps[1]):
        pass
    first, second = (app.state.api.cache for app in apps)
    assert any(key[2] == "partners-ranking" for key in first.entries())
    assert second.entries() == []
    assert _cache.current() is None


@pytest.fixture(scope="module")
def bundled_memory() -> MemoryStore:
    from partnergraph.ingest.loader import load_dataset
    from partnergraph.ingest.workspace import read_bundle
    from partnergraph.settings import default_data_dir

    store = MemoryStore()
    load_dataset(store, read_bundle(default_data_dir()))
    return store


def test_the_embedded_stores_own_objects_cost_an_entry_nothing() -> None:
    """An entry of the memory store refers to the store's own nodes: only the list counts.
    The same entry read from a server holds its own copies, so there they count."""
    from partnergraph.model import Edge, Node

    nodes = [node(f"org:{i}", name="x" * 200) for i in range(500)]
    whole = approx_size(nodes)
    referred = approx_size(nodes, shared=(Node, Edge))
    assert referred < whole / 10
    store = MemoryStore()
    store.upsert_nodes(nodes)
    cache = QueryCache(max_bytes=referred * 2)  # too small for the nodes themselves
    cache.memo(store, ("nodes",), lambda: store.nodes())
    assert cache.peek(store, ("nodes",)) is not None
