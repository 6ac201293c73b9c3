"""Connecting the Neo4j store: the driver's settings, and what the driver's failures mean.

:func:`connect` opens a driver for a Bolt URI with the budgets below (reads impatient, writes
patient: see :class:`~partnergraph.graph.neo4j.Neo4jStore`) and checks that the server
answers. :func:`failure` turns a driver failure into the error that says what to do (wrong
credentials, no such database, a server gone or busy), :func:`advice` words it for a server
that is not available. The store's ``_guard`` applies them to every call to the driver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from neo4j import (
    GraphDatabase,
    NotificationDisabledClassification,
    NotificationMinimumSeverity,
)
from neo4j import exceptions as neo4j_errors

from partnergraph.errors import BackendUnavailable, ConfigError

if TYPE_CHECKING:
    from partnergraph.graph.neo4j import Neo4jStore
    from partnergraph.graph.neo4j_base import Neo4jBase

__all__ = [
    "BOLT_SCHEMES",
    "CONNECTION_LOST",
    "DRIVER_FAILURES",
    "FAIL_FAST_SECONDS",
    "READ_ACQUISITION_SECONDS",
    "READ_RETRY_SECONDS",
    "advice",
    "connect",
    "failure",
]

#: Bolt, direct or routed, plain or encrypted (the driver's HTTP mode is a preview: not used).
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
#: Reads (and ping) wait at most this long for a connection, including opening a new one:
#: a request must not hang while the server is down or the pool is exhausted.
READ_ACQUISITION_SECONDS = 2.0
#: Retry budget of a read: none. The driver's first back-off is about a second, which a
#: request caught by a dying server would spend waiting for a 503; the API's breaker probes
#: the server in the background instead, and a caller may simply ask again. Writes keep the
#: configured timeout as their budget.
READ_RETRY_SECONDS = 0.0
#: After the connection to the server failed, reads fail at once for this long instead of each
#: waiting for the driver again; ``ping`` always tries, and its success ends the wait early.
FAIL_FAST_SECONDS = 1.0
#: Driver failures that mean the server (or the way to it) is gone, not that a query was bad.
CONNECTION_LOST = (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired)
#: Every driver failure :func:`failure` knows about (others pass through unchanged).
DRIVER_FAILURES = (
    neo4j_errors.IncompleteCommit,
    *CONNECTION_LOST,
    neo4j_errors.ConnectionPoolError,
    neo4j_errors.ConfigurationError,
    neo4j_errors.Neo4jError,
)


def connect(
    cls: type[Neo4jStore],
    uri: str,
    *,
    user: str = "neo4j",
    password: str | None = None,
    database: str = "neo4j",
    timeout: float = 10.0,
) -> Neo4jStore:
    """As :meth:`Neo4jStore.connect <partnergraph.graph.neo4j.Neo4jStore.connect>`, for the
    store class ``cls``."""
    auth = None if password is None else (user, password)
    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme not in BOLT_SCHEMES:
        raise ConfigError(
            f"cannot use Neo4j URI {uri!r}: expected one of "
            f"{', '.join(s + '://' for s in BOLT_SCHEMES)} (set PARTNERGRAPH_NEO4J_URI)"
        )
    try:
        driver = GraphDatabase.driver(
            uri,
            auth=auth,
            connection_timeout=timeout,
            # The driver's defaults serve reads and ping (execute_query,
            # verify_connectivity); write sessions set their own, patient budget.
            connection_acquisition_timeout=min(2 * timeout, READ_ACQUISITION_SECONDS),
            max_transaction_retry_time=min(timeout, READ_RETRY_SECONDS),
            # Labels and types of the model that hold no data yet are expected, not news;
            # other warnings (performance, deprecation) are still logged by the driver.
            notifications_min_severity=NotificationMinimumSeverity.WARNING,
            notifications_disabled_classifications=[
                NotificationDisabledClassification.UNRECOGNIZED
            ],
            warn_notification_severity=NotificationMinimumSeverity.OFF,
        )
    except (ValueError, neo4j_errors.ConfigurationError) as exc:
        raise ConfigError(
            f"cannot use Neo4j URI {uri!r}: {exc}; expected bolt://, neo4j:// or "
            "neo4j+s:// (set PARTNERGRAPH_NEO4J_URI)"
        ) from exc
    store = cls(driver, database=database, uri=uri)
    store._write_timeout = timeout
    try:
        store.ping()
    except BaseException:
        driver.close()
        raise
    return store


def failure(store: Neo4jBase, exc: Exception, *, reading: bool = False) -> Exception | None:
    """The error to raise (from ``exc``) for a driver failure inside ``store``'s guard, or None
    when ``exc`` is to propagate as it is; a lost connection is noted on the store (see
    ``Neo4jBase._lost``)."""
    if isinstance(exc, neo4j_errors.AuthError):
        return ConfigError(
            f"Neo4j at {store._uri} refused the credentials ({exc.message}): check "
            "PARTNERGRAPH_NEO4J_USER and PARTNERGRAPH_NEO4J_PASSWORD"
        )
    if isinstance(exc, neo4j_errors.IncompleteCommit):
        if reading:  # a read changes nothing: it failed, and that is all there is to say
            return store._lost(exc, "the connection broke while a read was finishing")
        store._lost(exc)
        return BackendUnavailable(
            f"the connection to Neo4j at {store._uri} broke while a write was committing; "
            "it may or may not have been saved. Once the server is back, run the load "
            "again: loads are idempotent and converge to the same graph"
        )
    if isinstance(exc, CONNECTION_LOST):
        return store._lost(exc)
    if isinstance(exc, neo4j_errors.ConnectionPoolError | neo4j_errors.TransientError):
        return BackendUnavailable(advice(store._uri, exc))
    if isinstance(exc, neo4j_errors.ConfigurationError):
        return ConfigError(f"Neo4j configuration problem: {exc}")
    if isinstance(exc, neo4j_errors.Neo4jError):
        code = exc.code or ""
        if code == "Neo.ClientError.Database.DatabaseNotFound":
            return ConfigError(
                f"Neo4j at {store._uri} has no database {store._database!r}: create it or "
                "set PARTNERGRAPH_NEO4J_DATABASE"
            )
        if "TransactionTimedOut" in code or code.endswith("Transaction.Terminated"):
            return BackendUnavailable(advice(store._uri, exc))
    return None


def advice(uri: str, exc: Exception, detail: str | None = None) -> str:
    """What to say and do when the server at ``uri`` is not available (``detail``, else the
    failure itself, shortened, says why)."""
    detail = detail or " ".join(str(exc).split()) or type(exc).__name__
    if len(detail) > 240:
        detail = detail[:237] + "..."
    return (
        f"Neo4j at {uri} is not available ({detail}). Start the local server with "
        "`partnergraph neo4j start`, or check PARTNERGRAPH_NEO4J_URI (and _USER, "
        "_PASSWORD) and that the server is running and reachable"
    )
