"""The query cache warm-up (queries/warmup.py) and the API running it in the background.

A warm-up must change when answers are computed, never what they are: every answer after it
equals the answer computed from an empty cache, on both backends.
"""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from partnergraph.graph.store import GraphStore
from partnergraph.model import NodeLabel
from partnergraph.queries import clusters, coverage_matrix, partners_for_priority
from partnergraph.queries.service import QueryService
from partnergraph.queries.warmup import warm_up
from partnergraph.web import create_app
from tests.api.conftest import ERB, api_settings

REF = dt.date(2026, 11, 24)
TOKEN = "warm token"


def priorities(store: GraphStore) -> list[str]:
    return [node.uid for node in store.nodes(NodeLabel.PRIORITY)]


def test_a_warm_up_fills_the_cache_and_changes_no_answer(erb_store: GraphStore) -> None:
    uids = priorities(erb_store)
    cold = [partners_for_priority(erb_store, uid, reference_date=REF, lang="en") for uid in uids]
    cold_clusters = clusters(erb_store, lang="en", seed=42)
    cold_matrix = coverage_matrix(erb_store, lang="en")
    service = QueryService(erb_store)
    with service.bound():
        report = warm_up(erb_store, reference_date=REF)
    assert report.complete
    assert report.data_version == erb_store.data_version()
    ranked = [key for key in service.cache.entries() if key[2] == "partners-ranking"]
    if erb_store.backend == "neo4j":
        # Neo4j answers in the database: nothing to warm, no copy of the graph kept
        assert (report.needed, report.steps, ranked) == (False, [], [])
    else:
        assert report.needed
        assert [step.name for step in report.steps] == [
            "evidence for every priority",
            "coverage matrix counts",
            "partner ranking of every priority",
            "clusters",
        ]
        assert len(ranked) == len(uids)
        counted = [key for key in service.cache.entries() if key[2] == "coverage-counts"]
        assert len(counted) == 1
    with service.bound():
        warm = [
            partners_for_priority(erb_store, uid, reference_date=REF, lang="en") for uid in uids
        ]
        assert warm == cold
        assert clusters(erb_store, lang="en", seed=42) == cold_clusters
        assert coverage_matrix(erb_store, lang="en") == cold_matrix


def test_a_stopped_warm_up_does_nothing_more(erb_store: GraphStore) -> None:
    stop = threading.Event()
    stop.set()
    service = QueryService(erb_store)
    with service.bound():
        report = warm_up(erb_store, stop=stop)
    assert report.steps == []
    assert report.complete == (erb_store.backend == "neo4j")  # nothing to stop on Neo4j
    assert service.cache.entries() == []


def test_the_api_warms_up_after_start_and_after_a_reload(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(ERB, data_dir)
    settings = api_settings(tmp_path / "home", data_dir=data_dir, admin_token=TOKEN, warm_up=True)
    app = create_app(settings)
    with TestClient(app) as client:
        state = app.state.api
        first = state.wait_for_warm_up(timeout=120)
        assert first is not None
        assert first.complete
        assert first.data_version == state.store.data_version()
        assert [key for key in state.cache.entries() if key[2] == "priority-findings"]
        with (data_dir / "nodes" / "countries.csv").open("a", encoding="utf-8") as file:
            file.write("country:DK,Danmark,Denmark,erb-background,DK\n")
        response = client.post("/v1/admin/reload", headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 200
        second = state.wait_for_warm_up(timeout=120)
        assert second is not None
        assert second.complete
        assert second.data_version == response.json()["data_version"] != first.data_version
        # the older content's entries went when the new content's first entry came
        assert not [key for key in state.cache.entries() if key[1] == first.data_version]
        assert state.cache.entries()
    assert state._warm_stop is not None
    assert state._warm_stop.is_set()


@pytest.mark.parametrize("enabled", [False, True])
def test_the_setting_turns_the_warm_up_off(tmp_path: Path, enabled: bool) -> None:
    app = create_app(api_settings(tmp_path, warm_up=enabled))
    with TestClient(app):
        report = app.state.api.wait_for_warm_up(timeout=120)
    assert (report is not None) is enabled
