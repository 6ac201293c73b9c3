"""One QueryService per store: the store, and the cache its questions share.

The API makes one in its lifespan (and again when a reload swaps the store), the notebook
helpers make one per store they open, and a test makes its own: nothing about caching lives in
a module global. While a question runs under :meth:`QueryService.bound` (the API binds the
service's cache around every request, the warm-up thread around its work), the query layer
keeps its intermediate results in the service's :class:`~partnergraph.queries._cache.
QueryCache`, bounded in bytes; outside it nothing is cached::

    service = QueryService(store, cache_bytes=256 * 2**20)
    with service.bound():
        partners_for_priority(service.store, "water")   # computed
        partners_for_priority(service.store, "water")   # from the cache
    service(partners_for_priority, "water")             # the same, in one call
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Concatenate, ParamSpec, TypeVar

from partnergraph.graph.store import GraphStore
from partnergraph.queries._cache import DEFAULT_MAX_BYTES, QueryCache, bound

__all__ = ["DEFAULT_MAX_BYTES", "QueryCache", "QueryService"]

_P = ParamSpec("_P")
_T = TypeVar("_T")


class QueryService:
    """A store and its query cache (``cache_bytes``: the cache's budget; 0 keeps nothing)."""

    def __init__(self, store: GraphStore, *, cache_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.store = store
        self.cache = QueryCache(cache_bytes)

    @contextmanager
    def bound(self) -> Iterator[GraphStore]:
        """Run the block with this service's cache as the query layer's; yields the store."""
        with bound(self.cache):
            yield self.store

    def __call__(
        self,
        query: Callable[Concatenate[GraphStore, _P], _T],
        *args: _P.args,
        **kwargs: _P.kwargs,
    ) -> _T:
        """``query(store, *args, **kwargs)`` with this service's cache."""
        with self.bound() as store:
            return query(store, *args, **kwargs)
