"""Run the app under uvicorn with one or several worker processes (``partnergraph serve``).

Several workers do not go through uvicorn's own supervisor, for two measured reasons (see the
API section of docs/benchmarks.md):

* uvicorn shares one listening socket among its workers, and each worker's event loop accepts
  every pending connection it can whenever it wakes: a burst of keep-alive connections (a
  reverse proxy's pool, a load test) all land on one worker while the others idle. Here each
  worker listens on its own ``SO_REUSEPORT`` socket and the kernel spreads connections.
* uvicorn creates that socket without a protocol number, so asyncio does not disable Nagle's
  algorithm on accepted connections and every response waits ~40 ms for a delayed ACK.
  Here every listening socket has ``TCP_NODELAY``, which accepted sockets inherit.

The supervisor is deliberately small: it starts the workers, forwards SIGINT/SIGTERM, and
stops everything when one worker exits (a process manager such as systemd restarts it).
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import threading
from types import FrameType
from typing import Any

import uvicorn

__all__ = ["APP", "listening_socket", "ready_message", "serve"]

#: The app factory every worker imports and calls (its settings come from the environment).
APP = "partnergraph.web:create_app"
log = logging.getLogger("uvicorn.error")


def listening_socket(host: str, port: int, *, reuse_port: bool) -> socket.socket:
    """A bound TCP socket with TCP_NODELAY (inherited by accepted connections on Linux)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def ready_message(host: str, port: int) -> str:
    """What ``partnergraph serve`` says once the store is open and requests are answered."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else "[::1]" if host == "::" else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    base = f"http://{shown}:{port}"
    return f"partnergraph is ready: website {base}/ · API {base}/v1/ · API docs {base}/docs"


class _AnnouncingServer(uvicorn.Server):
    """uvicorn's server, saying where to point a browser once the app has started (the store
    is opened in the app's lifespan, so "started" means the first request is answered)."""

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started and not self.should_exit:
            port = self.config.port
            for server in getattr(self, "servers", []):  # the port actually taken for port 0
                for sock in server.sockets:
                    port = sock.getsockname()[1]
                    break
            log.info(ready_message(self.config.host, port))


def _worker(options: dict[str, Any], sock: socket.socket) -> None:  # pragma: no cover
    """A worker process: one uvicorn server on its own socket (runs in a spawned child)."""
    uvicorn.Server(uvicorn.Config(APP, factory=True, **options)).run(sockets=[sock])


def serve(
    *, host: str, port: int, workers: int, access_log: bool = True, log_level: str = "info"
) -> int:
    """Serve until interrupted; returns the exit code (0 after a signal, 1 if a worker died)."""
    options: dict[str, Any] = {"log_level": log_level, "access_log": access_log}
    if workers == 1:
        config = uvicorn.Config(APP, factory=True, host=host, port=port, **options)
        server = _AnnouncingServer(config)
        server.run()
        return 0 if server.started else 1
    if not hasattr(socket, "SO_REUSEPORT"):  # pragma: no cover  (Windows)
        from uvicorn.supervisors import Multiprocess

        config = uvicorn.Config(APP, factory=True, host=host, port=port, workers=workers)
        Multiprocess(config, sockets=[config.bind_socket()]).run()
        return 0
    # Built for its side effect in this process: uvicorn's logging set-up, so that the lines
    # below look like the workers' own.
    uvicorn.Config(APP, factory=True, host=host, port=port, workers=workers, **options)
    first = listening_socket(host, port, reuse_port=True)
    bound = first.getsockname()[1]  # the port actually taken when 0 was asked
    sockets = [first] + [listening_socket(host, bound, reuse_port=True) for _ in range(workers - 1)]
    context = multiprocessing.get_context("spawn")
    children = [
        context.Process(target=_worker, args=(options, sock), name=f"partnergraph-worker-{n}")
        for n, sock in enumerate(sockets, start=1)
    ]
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for child in children:
            child.start()
        for sock in sockets:
            sock.close()  # each child holds its own copy
        log.info(
            "serving on http://%s:%d (%d workers, pids %s)",
            host,
            bound,
            workers,
            ", ".join(str(child.pid) for child in children),
        )
        while not stop.is_set() and all(child.is_alive() for child in children):
            stop.wait(0.5)
    finally:
        for child in children:
            if child.is_alive():
                child.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        for child in children:
            child.join(timeout=30)
            if child.is_alive():  # pragma: no cover
                child.kill()
                child.join()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0 if stop.is_set() else 1
