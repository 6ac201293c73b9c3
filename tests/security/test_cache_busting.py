"""Attack: busting the page cache (issue 19, part 4).

Unknown query parameters used to be part of the render-cache key, so ``/gaps?z=<random>``
rendered a 3.5 s page on every request and six such clients slowed ``/v1/search`` tenfold. Now
only the parameters a page declares count (``lang`` and ``embed`` as the page reads them), and
a page is rendered once per data version however many ask for it at the same moment. The tests
count renders; they measure no time.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest.loader import load_directory
from partnergraph.viz import pages
from partnergraph.viz import routes as site_routes
from partnergraph.web import create_app
from tests.api.conftest import ERB, api_settings


class Counted:
    """Wraps a page builder of ``partnergraph.viz.pages`` and counts its calls."""

    def __init__(self, build: Callable[..., Any], gate: threading.Event | None = None) -> None:
        self.build = build
        self.calls = 0
        self.gate = gate
        self._lock = threading.Lock()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            self.calls += 1
        if self.gate is not None:
            self.gate.wait(10)
        return self.build(*args, **kwargs)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """The app over its own store, with an empty page cache (the cache is per process)."""
    monkeypatch.setattr(site_routes, "_html_cache", OrderedDict())
    store = MemoryStore()
    load_directory(store, ERB)
    with TestClient(create_app(api_settings(tmp_path), store)) as client:
        yield client


def count(
    monkeypatch: pytest.MonkeyPatch, name: str, gate: threading.Event | None = None
) -> Counted:
    counted = Counted(getattr(pages, name), gate)
    monkeypatch.setattr(pages, name, counted)
    return counted


def test_random_extra_parameters_hit_the_cache(
    site: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    gaps = count(monkeypatch, "gaps_page")
    first = site.get("/gaps")
    assert first.status_code == 200
    for _ in range(20):
        busting = {secrets.token_hex(4): secrets.token_hex(8), "z": secrets.token_hex(8)}
        response = site.get("/gaps", params=busting)
        assert response.status_code == 200
        assert response.headers["etag"] == first.headers["etag"]
        assert response.text == first.text
    assert gaps.calls == 1


def test_declared_parameters_still_make_different_pages(
    site: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    gaps = count(monkeypatch, "gaps_page")
    by_country = site.get("/gaps", params={"by": "country"})
    by_region = site.get("/gaps", params={"by": "region"})
    english = site.get("/gaps", params={"lang": "en"})
    assert (
        len({by_country.headers["etag"], by_region.headers["etag"], english.headers["etag"]}) == 3
    )
    assert gaps.calls == 3
    # Same page however the declared parameters are ordered, and with extras.
    site.get("/gaps", params=[("lang", "en"), ("by", "region")])
    assert gaps.calls == 4
    site.get("/gaps", params=[("by", "region"), ("lang", "en"), ("utm_source", "x")])
    site.get("/gaps", params=[("utm_source", "y"), ("by", "region"), ("lang", "en")])
    assert gaps.calls == 4


def test_lang_and_embed_count_as_the_page_reads_them(
    site: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``lang`` is pl unless it is en, ``embed`` is on for 1/true: junk values are no new page."""
    clusters = count(monkeypatch, "clusters_page")
    polish = site.get("/clusters")
    for junk in ("xx", "pl", "12345", secrets.token_hex(2)):
        response = site.get("/clusters", params={"lang": junk, "embed": secrets.token_hex(2)})
        assert response.headers["etag"] == polish.headers["etag"]
    assert clusters.calls == 1


def test_a_page_asked_for_at_once_by_many_is_rendered_once(
    site: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    gaps = count(monkeypatch, "gaps_page", gate)
    statuses: list[int] = []

    def ask() -> None:
        response = site.get("/gaps", params={"z": secrets.token_hex(8)})
        statuses.append(response.status_code)

    askers = [threading.Thread(target=ask) for _ in range(6)]
    for asker in askers:
        asker.start()
    # Let every request reach the page before the first rendering may finish.
    for _ in range(200):
        if gaps.calls >= 1 and len(site_routes._rendering) == 1:
            break
        threading.Event().wait(0.01)
    threading.Event().wait(0.2)
    gate.set()
    for asker in askers:
        asker.join(30)
    assert statuses == [200] * 6
    assert gaps.calls == 1


def test_error_pages_are_not_kept_so_junk_uids_cannot_evict_real_pages(
    site: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(20):
        response = site.get(f"/node/teryt:{secrets.token_hex(6)}")
        assert response.status_code == 404
        assert response.headers["cache-control"] == "no-store"
    assert not site_routes._html_cache
