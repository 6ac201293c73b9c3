"""partnergraph: a knowledge graph of cross-border partnerships around the Euroregion Baltic.

The few names a notebook needs::

    from partnergraph import Settings, open_store, search
    store = open_store(Settings())            # the bundled data in memory
    search(store, "elblag").results[0].node
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
    "RelType",
    "Settings",
    "__version__",
    "open_store",
    "search",
]
