"""Neo4j going away and coming back, on a real server of this module's own.

The server is stopped for real (SIGTERM to the Java process) in the middle of a load and while
the API serves, then restarted on the same data directory and port — where clients that keep
their driver expect it. Nothing is mocked except the moment of the stop.
"""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from partnergraph.errors import BackendUnavailable
from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.graph.server import LocalNeo4j, port_of, running_server
from partnergraph.graph.store import GraphStore
from partnergraph.ingest import loader
from partnergraph.ingest.csv_source import read_dataset
from partnergraph.settings import Settings, default_data_dir
from partnergraph.web import create_app
from tests.conftest import MINI

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

#: Short, so that requests against a stopped server fail in seconds, not the default 10.
TIMEOUT = 3.0


def port_outside_the_ephemeral_range() -> int:
    """A free port below Linux's ephemeral range (32768+), so that while our server is down
    no other process binding port 0 (another test's Neo4j) can take the port it returns to."""
    rng = random.Random()
    for _ in range(200):
        port = rng.randrange(20_000, 32_000)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port between 20000 and 32000")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalNeo4j]:
    home = tmp_path_factory.mktemp("neo4j-faults")
    with running_server(home, port=port_outside_the_ephemeral_range()) as started:
        yield started


def flat(text: str) -> str:
    """Console output without the line breaks Rich puts into long messages."""
    return " ".join(text.split())


def restart(server: LocalNeo4j, uri: str) -> None:
    """Start the server again on its data directory and on the port its clients know."""
    assert server.start(port=port_of(uri), stop_with_parent=True) == uri


def snapshot(store: GraphStore) -> tuple[object, ...]:
    return (store.nodes(), store.edges(), store.counts(), store.data_version())


def stopping_after_first_batch(server: LocalNeo4j) -> Callable[[str, int, int], None]:
    """A load progress callback that stops the server once the first batch is written."""

    def progress(what: str, done: int, total: int) -> None:
        if server.status().running:
            server.stop()

    return progress


def test_a_load_interrupted_by_a_stop_fails_clearly_and_a_rerun_converges(
    server: LocalNeo4j,
) -> None:
    uri = server.uri
    assert uri is not None
    dataset = read_dataset(default_data_dir())
    clean = MemoryStore()
    loader.load_dataset(clean, dataset)
    store = Neo4jStore.connect(uri, timeout=TIMEOUT)
    try:
        store.clear()
        with pytest.raises(BackendUnavailable) as caught:
            loader.load_dataset(
                store, dataset, batch_size=100, progress=stopping_after_first_batch(server)
            )
        message = str(caught.value)
        assert uri in message
        assert "partnergraph neo4j start" in message
        assert "PARTNERGRAPH_NEO4J_URI" in message

        restart(server, uri)  # same driver: it has to reconnect by itself
        written = store.counts()
        assert 0 < sum(written.nodes.values()) < len(dataset.nodes)  # it really stopped midway
        assert store.data_version() != clean.data_version()

        loader.load_dataset(store, dataset)
        assert snapshot(store) == snapshot(clean)
    finally:
        store.close()


def test_the_cli_load_exits_1_with_the_message_when_neo4j_stops_midway(
    server: LocalNeo4j, monkeypatch: pytest.MonkeyPatch
) -> None:
    from partnergraph import cli

    uri = server.uri
    assert uri is not None
    monkeypatch.setenv("PARTNERGRAPH_NEO4J_URI", uri)
    monkeypatch.setenv("PARTNERGRAPH_NEO4J_TIMEOUT", str(TIMEOUT))
    real_load = loader.load_dataset

    def load_and_stop(store: GraphStore, dataset: Any, **options: Any) -> Any:
        # The CLI's own progress bar keeps working; the server stops after the first batch.
        shown = options["progress"]

        def progress(what: str, done: int, total: int) -> None:
            shown(what, done, total)
            stopping_after_first_batch(server)(what, done, total)

        return real_load(store, dataset, batch_size=4, progress=progress)

    try:
        with monkeypatch.context() as patched:
            patched.setattr("partnergraph.cli.core.load_dataset", load_and_stop)
            result = CliRunner().invoke(cli.app, ["load", "--store", "neo4j", str(MINI)])
        assert result.exit_code == 1, result.output
        assert f"Neo4j at {uri} is not available" in flat(result.output)
        assert "partnergraph neo4j start" in flat(result.output)

        # The real command, in its own process, while the server is still down.
        env = {**os.environ, "PARTNERGRAPH_NEO4J_URI": uri, "PARTNERGRAPH_NEO4J_TIMEOUT": "3"}
        command = [sys.executable, "-m", "partnergraph.cli", "load", "--store", "neo4j", str(MINI)]
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 1, done.stderr
        assert "partnergraph neo4j start" in flat(done.stderr)
        assert "Traceback" not in done.stderr
    finally:
        restart(server, uri)
    result = CliRunner().invoke(cli.app, ["load", "--store", "neo4j", str(MINI)])
    assert result.exit_code == 0, result.output


def test_the_api_answers_503_while_neo4j_is_down_and_recovers_without_a_restart(
    server: LocalNeo4j, tmp_path: Path
) -> None:
    uri = server.uri
    assert uri is not None
    with Neo4jStore.connect(uri, timeout=TIMEOUT) as store:
        store.clear()
        loader.load_dataset(store, read_dataset(MINI))
    settings = Settings(
        store="neo4j", neo4j_uri=uri, neo4j_timeout=TIMEOUT, data_dir=MINI, home=tmp_path
    )
    node_url = "/v1/nodes/teryt:2261011"
    with TestClient(create_app(settings)) as client:
        health = client.get("/health").json()
        assert (health["backend"], health["backend_state"]) == ("neo4j", "up")
        assert client.get(node_url).json()["name"] == "Gdańsk"

        server.stop()
        try:
            health = client.get("/health")
            assert health.status_code == 200
            assert health.json()["backend_state"] == "down"
            assert "partnergraph neo4j start" in health.json()["message"]
            assert client.get("/ready").status_code == 503
            down = client.get(node_url)
            assert down.status_code == 503
            error = down.json()["error"]
            assert error["code"] == "backend_unavailable"
            assert uri in error["message"]
            assert "Traceback" not in down.text
        finally:
            restart(server, uri)

        health = client.get("/health").json()
        assert health["backend_state"] == "up"
        back = client.get(node_url)
        assert back.status_code == 200
        assert back.json()["name"] == "Gdańsk"
