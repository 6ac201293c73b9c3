"""Graph stores: the contract and its backends (embedded networkx, Neo4j)."""

from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.store import GraphStore

__all__ = ["GraphStore", "MemoryStore"]
