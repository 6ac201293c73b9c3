"""partnergraph: a knowledge graph of cross-border partnerships around the Euroregion Baltic.

The few names a notebook needs::

    from partnergraph import Settings, open_store, search, partners_for_priority
    store = open_store(Settings())            # the bundled data in memory
    search(store, "elblag").results[0].node
    partners_for_priority(store, "gospodarka wodna").results

    service = QueryService(store)          # a cache for a session of questions
    with service.bound():
        partners_for_priority(store, "gospodarka wodna")  # the second one comes from it
"""

__version__ = "0.1.0"

from partnergraph.errors import (
    BackendUnavailable,
    ConfigError,
    DataError,
    NotFound,
    PartnergraphError,
    QueryError,
)
from partnergraph.graph import GraphStore, MemoryStore
from partnergraph.model import Edge, Node, NodeLabel, RelType
from partnergraph.queries import search
from partnergraph.queries.service import QueryService
from partnergraph.settings import Settings
from partnergraph.stores import open_store

__all__ = [
    "BackendUnavailable",
    "ConfigError",
    "DataError",
    "Edge",
    "GraphStore",
    "MemoryStore",
    "Node",
    "NodeLabel",
    "NotFound",
    "PartnergraphError",
    "QueryError",
    "QueryService",
    "RelType",
    "Settings",
    "__version__",
    "clusters",
    "connection_paths",
    "coverage_matrix",
    "export_graph",
    "inactive_partners",
    "left_out_gminy",
    "open_store",
    "partners_for_priority",
    "search",
    "single_points",
    "snapshot",
    "suggest_partners",
    "uncovered_priorities",
]
