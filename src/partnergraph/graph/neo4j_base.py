"""The plumbing :class:`~partnergraph.graph.neo4j.Neo4jStore` is built on: the driver, guarded
reads (one statement, or batches of one side by side), managed write transactions, and failing
fast while the server is gone. The store's operations live in ``neo4j`` and its siblings, which
reach the server only through these methods.
"""

from __future__ import annotations

import importlib.util
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
from neo4j import ManagedTransaction, RoutingControl

from partnergraph.errors import BackendUnavailable
from partnergraph.graph import neo4j_connect
from partnergraph.graph.neo4j_connect import DRIVER_FAILURES, FAIL_FAST_SECONDS

__all__ = ["Neo4jBase"]

_T = TypeVar("_T")


class Neo4jBase:
    """A driver and the ways the store uses it (see the module docstring and
    :class:`~partnergraph.graph.neo4j.Neo4jStore` for the read and write policies)."""

    def __init__(
        self, driver: neo4j.Driver, *, database: str = "neo4j", uri: str | None = None
    ) -> None:
        self._driver = driver
        self._database = database
        self._uri = uri or "the configured Neo4j server"
        self._write_timeout = 10.0
        #: When the server last failed to answer (monotonic seconds) and what was said then.
        self._lost_at = float("-inf")
        self._lost_message = ""
        #: Statements over batches run this many at a time (``_read_batches``;
        #: ``PARTNERGRAPH_NEO4J_READ_PARALLELISM``).
        self.read_parallelism = 2

    @contextmanager
    def _guard(self, *, reading: bool = False) -> Iterator[None]:
        """Turn the driver's connection failures into errors that say what to do (see
        ``neo4j_connect.failure``); remember a lost connection so that the reads that follow
        fail fast (see ``_fail_fast``)."""
        try:
            yield
        except DRIVER_FAILURES as exc:
            error = neo4j_connect.failure(self, exc, reading=reading)
            if error is None:
                raise
            raise error from exc

    def _lost(self, exc: Exception, detail: str | None = None) -> BackendUnavailable:
        """The server stopped answering: note when (reads fail fast for a while) and why."""
        self._lost_message = neo4j_connect.advice(self._uri, exc, detail)
        self._lost_at = time.monotonic()
        return BackendUnavailable(self._lost_message)

    def _fail_fast(self) -> None:
        """Raise at once while the server is known not to answer (a failure less than
        ``FAIL_FAST_SECONDS`` ago, not since cleared by a read or a ping that worked)."""
        if time.monotonic() - self._lost_at < FAIL_FAST_SECONDS:
            raise BackendUnavailable(self._lost_message)

    def _read(self, query: str, **params: Any) -> list[neo4j.Record]:
        self._fail_fast()
        with self._guard(reading=True):
            records, _, _ = self._driver.execute_query(
                query, params, database_=self._database, routing_=RoutingControl.READ
            )
        self._lost_at = float("-inf")
        return records

    def _read_batches(
        self, query: str, batches: Sequence[dict[str, Any]], **common: Any
    ) -> Iterator[list[neo4j.Record]]:
        """``_read`` of ``query`` once per batch of parameters (with ``common``), at most
        ``read_parallelism`` at a time: the server runs each statement on one core, so the
        batches of a whole-graph question run side by side. Yields the records of each batch,
        in batch order, as soon as they are there: a caller that handles one batch at a time
        holds no more than ``read_parallelism`` of them."""
        if len(batches) <= 1 or self.read_parallelism <= 1:
            for batch in batches:
                yield self._read(query, **common, **batch)
            return
        workers = min(self.read_parallelism, len(batches))
        with ThreadPoolExecutor(workers) as pool:
            pending = deque(
                pool.submit(self._read, query, **common, **batch) for batch in batches[:workers]
            )
            for batch in batches[workers:]:
                done = pending.popleft().result()
                pending.append(pool.submit(self._read, query, **common, **batch))
                yield done
            while pending:
                yield pending.popleft().result()

    def _session(self, **config: Any) -> neo4j.Session:
        return self._driver.session(
            database=self._database,
            bookmark_manager=self._driver.execute_query_bookmark_manager,
            **config,
        )

    def _write_session(self) -> neo4j.Session:
        """A session for writes: a load may wait for a busy pool and ride out a leader
        election, so it gets the configured timeout, not the reads' short budget."""
        return self._session(
            connection_acquisition_timeout=2 * self._write_timeout,
            max_transaction_retry_time=self._write_timeout,
        )

    def _write(self, work: Callable[[ManagedTransaction], _T]) -> _T:
        with self._guard(), self._write_session() as session:
            return session.execute_write(work)

    def close(self) -> None:
        self._driver.close()

    def ping(self) -> None:
        """Check that the server answers (never short-cut: this is how recovery is seen)."""
        with self._guard():
            self._driver.verify_connectivity()
        self._lost_at = float("-inf")

    def server_info(self) -> dict[str, str]:
        """Server and driver versions, for benchmarks and ``status`` output."""
        with self._guard():
            info = self._driver.get_server_info()
        return {
            "server": info.agent,
            "bolt": ".".join(str(part) for part in info.protocol_version),
            "driver": neo4j.__version__,
            "rust_extension": "yes" if importlib.util.find_spec("neo4j._rust") else "no",
        }
