"""The query cache: intermediate results kept per store content, bounded in bytes.

Whole-graph work (the evidence for every priority, the carrier groups, communities, partner
rankings) is worth keeping between questions: the second ``coverage_matrix`` of a data version
is answered in milliseconds. Entries are keyed by the store's backend and ``data_version()``
(a snapshot's carries its day: ``<version>@<date>``) plus the question's own key, so a write to
the graph makes every older entry unreachable; the first entry made for a new content version
drops the entries of the older ones at once. Only language-independent intermediate results
are cached; answers are rendered from them on every call. Cached values are shared: callers
must not change them.

The cache is bounded in bytes, not entries: one evidence table of a keep.eu-sized graph
weighs hundreds of megabytes while a partner ranking weighs kilobytes. Sizes are estimated
when an entry is stored (:func:`approx_size`: ``sys.getsizeof`` over the object graph,
sampling long containers), and the least recently used entries go until the total fits. An
entry larger than the whole budget is returned but not kept.

Which cache a question uses is not a module global: a :class:`~partnergraph.queries.service.
QueryService` owns one and binds it while its questions run (a context variable, so each
request, thread and test sees the cache of the service it runs under). Without a bound cache
every question is computed afresh.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import fields, is_dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from pydantic import BaseModel

from partnergraph.model import Edge, Node

if TYPE_CHECKING:
    from partnergraph.graph.store import GraphStore

__all__ = [
    "DEFAULT_MAX_BYTES",
    "QueryCache",
    "approx_size",
    "bound",
    "clear",
    "current",
    "memo",
    "peek",
]

#: The default budget: room for everything the embedded store's warm-up computes at keep.eu
#: scale (synthetic scale 1: 607 MB estimated — partner rankings 277, clusters 152, evidence
#: of every priority 92, carrier index 82, coverage counts 4), so that nothing it made is
#: evicted by what it made next (with 512 MB the evidence and the coverage counts were, and
#: the warm coverage matrix took 14 s instead of 0.85 s; docs/benchmarks.md).
DEFAULT_MAX_BYTES = 1024 * 1024 * 1024
#: Containers longer than this are measured on an evenly spread sample of this many items.
_SAMPLE = 64
_ATOMS = (str, bytes, int, float, complex, bool, type(None))
_T = TypeVar("_T")


def _children(obj: object) -> list[object] | None:
    """What ``obj`` holds (None: nothing worth following)."""
    if isinstance(obj, (*_ATOMS, type)):
        return None
    if isinstance(obj, Mapping):
        return [item for pair in obj.items() for item in pair]
    if isinstance(obj, (list, tuple, set, frozenset)):
        return list(obj)
    if isinstance(obj, BaseModel):
        return list(obj.__dict__.values())
    if is_dataclass(obj):
        return [getattr(obj, f.name) for f in fields(obj)]
    slots = getattr(type(obj), "__slots__", ())
    found = [getattr(obj, name) for name in slots if hasattr(obj, name)]
    attributes = getattr(obj, "__dict__", None)
    if isinstance(attributes, dict):
        found.extend(attributes.values())
    return found or None


def approx_size(obj: object, *, depth: int = 8, shared: tuple[type, ...] = ()) -> int:
    """About how many bytes ``obj`` and what it holds take (each object counted once).

    Exact for small structures; a container with more than a few dozen items is measured on
    an evenly spread sample and the rest extrapolated, so the cost stays small for an entry
    of a million findings (and shared objects may be counted more than once there: the
    estimate errs on the large side). Objects of the ``shared`` types cost nothing: the
    embedded store's nodes and relationships, which an entry refers to but the store holds
    anyway."""
    seen: set[int] = set()

    def size(item: object, level: int) -> float:
        if id(item) in seen or isinstance(item, shared):
            return 0.0
        seen.add(id(item))
        # a numpy array that owns its buffer reports it here; a view owns none
        total = float(sys.getsizeof(item, 64))
        if level >= depth:
            return total
        children = _children(item)
        if not children:
            return total
        if len(children) <= _SAMPLE:
            return total + sum(size(child, level + 1) for child in children)
        step = len(children) / _SAMPLE
        sampled = [children[int(i * step)] for i in range(_SAMPLE)]
        return total + sum(size(child, level + 1) for child in sampled) * step

    return int(size(obj, 0))


def _content(version: Hashable) -> str:
    return str(version).partition("@")[0]


class QueryCache:
    """An LRU of intermediate results keyed by store content, bounded in bytes (see the
    module docstring). Thread-safe; a value is computed outside the lock, so two threads
    asking for the same missing entry may both compute it (the later one is kept)."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        if max_bytes < 0:
            raise ValueError("max_bytes must be 0 or more")
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple[Hashable, ...], tuple[object, int]] = OrderedDict()
        self._current: dict[str, str] = {}  # backend -> the content version last cached
        self._bytes = 0
        self._lock = threading.Lock()

    @staticmethod
    def key(store: GraphStore, key: tuple[Hashable, ...]) -> tuple[Hashable, ...]:
        return (store.backend, store.data_version(), *key)

    def memo(self, store: GraphStore, key: tuple[Hashable, ...], compute: Callable[[], _T]) -> _T:
        """``compute()``, or its earlier result for the same store content and ``key``."""
        full = self.key(store, key)
        with self._lock:
            found = self._entries.get(full)
            if found is not None:
                self._entries.move_to_end(full)
                return cast(_T, found[0])
        value = compute()
        # The embedded store's nodes and relationships are its own; a server's are decoded
        # for this entry and held by it.
        held_elsewhere = (Node, Edge) if store.backend == "memory" else ()
        self._store(full, value, approx_size(value, shared=held_elsewhere))
        return value

    def _store(self, full: tuple[Hashable, ...], value: object, nbytes: int) -> None:
        backend, content = str(full[0]), _content(full[1])
        with self._lock:
            if self._current.get(backend) != content:
                for stale in [
                    k for k in self._entries if k[0] == backend and _content(k[1]) != content
                ]:
                    self._bytes -= self._entries.pop(stale)[1]
                self._current[backend] = content
            if nbytes > self.max_bytes:
                return
            old = self._entries.pop(full, None)
            if old is not None:
                self._bytes -= old[1]
            self._entries[full] = (value, nbytes)
            self._bytes += nbytes
            while self._bytes > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped

    def peek(self, store: GraphStore, key: tuple[Hashable, ...]) -> Any | None:
        """The cached value for ``key`` on this store content, or None; never computes."""
        with self._lock:
            found = self._entries.get(self.key(store, key))
            return None if found is None else found[0]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._current.clear()
            self._bytes = 0

    @property
    def bytes(self) -> int:
        """The estimated size of everything kept."""
        return self._bytes

    def entries(self) -> list[tuple[Hashable, ...]]:
        """The keys kept, least recently used first: (backend, data version, *key)."""
        with self._lock:
            return list(self._entries)


_bound: ContextVar[QueryCache | None] = ContextVar("partnergraph_query_cache", default=None)


def current() -> QueryCache | None:
    """The cache bound to the running question (None: compute everything afresh)."""
    return _bound.get()


@contextmanager
def bound(cache: QueryCache | None) -> Iterator[QueryCache | None]:
    """Run the block with ``cache`` as the current cache (None: no cache)."""
    token = _bound.set(cache)
    try:
        yield cache
    finally:
        _bound.reset(token)


def memo(store: GraphStore, key: tuple[Hashable, ...], compute: Callable[[], _T]) -> _T:
    """:meth:`QueryCache.memo` on the current cache; ``compute()`` when none is bound."""
    cache = _bound.get()
    return compute() if cache is None else cache.memo(store, key, compute)


def peek(store: GraphStore, key: tuple[Hashable, ...]) -> Any | None:
    """:meth:`QueryCache.peek` on the current cache; None when none is bound."""
    cache = _bound.get()
    return None if cache is None else cache.peek(store, key)


def clear() -> None:
    """Empty the current cache (when one is bound): tests comparing cold and warm runs."""
    cache = _bound.get()
    if cache is not None:
        cache.clear()
