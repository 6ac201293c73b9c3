"""Open the store the settings ask for; the one place that knows both backends exist."""

from __future__ import annotations

from partnergraph.errors import BackendUnavailable
from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.workspace import load_workspace
from partnergraph.settings import Settings

__all__ = ["local_neo4j_uri", "open_store"]


def local_neo4j_uri(settings: Settings) -> str | None:
    """The Bolt URI written by ``partnergraph neo4j start``, if that server is running."""
    uri_file = settings.neo4j_dir / "bolt.uri"
    return uri_file.read_text().strip() if uri_file.is_file() else None


def open_store(settings: Settings, *, load_data: bool = True) -> GraphStore:
    """The configured store. ``memory`` is built from the bundled data (``load_data``);
    ``neo4j`` connects to ``PARTNERGRAPH_NEO4J_URI`` or to the locally started server."""
    if settings.store == "memory":
        store = MemoryStore()
        if load_data:
            load_workspace(store, settings)  # data_dir, then each workspace import
        return store
    uri = settings.neo4j_uri or local_neo4j_uri(settings)
    if uri is None:
        raise BackendUnavailable(
            "no Neo4j to connect to: run `partnergraph neo4j start`, or set "
            "PARTNERGRAPH_NEO4J_URI (and _USER, _PASSWORD) to your server"
        )
    from partnergraph.graph.neo4j import Neo4jStore  # imported lazily: the driver is heavy

    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else None
    server = Neo4jStore.connect(
        uri,
        user=settings.neo4j_user,
        password=password,
        database=settings.neo4j_database,
        timeout=settings.neo4j_timeout,
    )
    server.read_parallelism = settings.neo4j_read_parallelism
    return server
