"""``partnergraph serve``: several workers share the load, answer without Nagle delays, and
all stop on SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from partnergraph.api.serving import listening_socket
from tests.api.conftest import ERB


def test_accepted_connections_inherit_tcp_nodelay() -> None:
    with listening_socket("127.0.0.1", 0, reuse_port=False) as server:
        server.listen()
        with socket.create_connection(server.getsockname()) as _client:
            accepted, _ = server.accept()
            with accepted:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1


@pytest.mark.skipif(not hasattr(socket, "SO_REUSEPORT"), reason="needs SO_REUSEPORT")
def test_connections_are_spread_over_the_workers_sockets() -> None:
    first = listening_socket("127.0.0.1", 0, reuse_port=True)
    second = listening_socket("127.0.0.1", first.getsockname()[1], reuse_port=True)
    with first, second:
        for sock in (first, second):
            sock.listen(64)
            sock.setblocking(False)
        clients = [socket.create_connection(first.getsockname()) for _ in range(32)]
        time.sleep(0.2)
        counts = []
        for sock in (first, second):
            accepted = 0
            while True:
                try:
                    connection, _ = sock.accept()
                except BlockingIOError:
                    break
                connection.close()
                accepted += 1
            counts.append(accepted)
        for client in clients:
            client.close()
    assert sum(counts) == 32
    assert min(counts) > 0  # all on one socket: about 1 chance in 2**31


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_two_workers_serve_and_all_stop_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    env = {
        **os.environ,
        "PARTNERGRAPH_STORE": "memory",
        "PARTNERGRAPH_DATA_DIR": str(ERB),
        "PARTNERGRAPH_HOME": str(tmp_path / "home"),
    }
    command = [sys.executable, "-m", "partnergraph.cli", "serve", "--port", str(port)]
    with log.open("wb") as output:
        server = subprocess.Popen(
            [*command, "--workers", "2"], stdout=output, stderr=subprocess.STDOUT, env=env
        )
    try:
        deadline = time.monotonic() + 120
        while log.read_text().count("Application startup complete") < 2:
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        url = f"http://127.0.0.1:{port}/v1/nodes/nuts:PL63"
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200
        found = re.search(r"2 workers, pids (\d+), (\d+)", log.read_text())
        assert found is not None, log.read_text()
        workers = [int(pid) for pid in found.groups()]
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
        for pid in workers:
            with pytest.raises(ProcessLookupError):
                os.kill(pid, 0)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
