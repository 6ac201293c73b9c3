"""Questions users ask, as pure functions over a GraphStore; the same answers on every backend."""

from partnergraph.queries.search import SearchAnswer, SearchHit, search

__all__ = ["SearchAnswer", "SearchHit", "search"]
