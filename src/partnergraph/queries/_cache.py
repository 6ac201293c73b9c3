"""A small LRU for whole-graph work (projections, communities, all-priority evidence, partner
rankings).

Entries are keyed by the store's backend and ``data_version()`` plus the query's own
parameters, so a write to the graph makes every older entry unreachable. The first entry made
for a new content version of a backend drops the entries of its older versions at once
(snapshots at a date share their store's version, ``<version>@<date>``): a whole-graph reader
of a keep.eu-sized graph weighs gigabytes and must not wait for the LRU to push it out. Only
language-independent intermediate results are cached; answers are rendered from them on every
call. Cached values are shared: callers must not change them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

from partnergraph.graph.store import GraphStore

__all__ = ["MAX_ENTRIES", "clear", "memo", "peek"]

#: Room for a ranking of every priority of a keep.eu-sized graph (a few hundred) and the rest.
MAX_ENTRIES = 4096
_T = TypeVar("_T")
_entries: OrderedDict[tuple[Hashable, ...], Any] = OrderedDict()
#: The content version (without ``@date``) last cached for each backend.
_current: dict[str, str] = {}
_lock = threading.Lock()


def _key(store: GraphStore, key: tuple[Hashable, ...]) -> tuple[Hashable, ...]:
    return (store.backend, store.data_version(), *key)


def _content(version: Hashable) -> str:
    return str(version).partition("@")[0]


def memo(store: GraphStore, key: tuple[Hashable, ...], compute: Callable[[], _T]) -> _T:
    """``compute()``, or its earlier result for the same store content and ``key``."""
    full = _key(store, key)
    with _lock:
        if full in _entries:
            _entries.move_to_end(full)
            return cast(_T, _entries[full])
    value = compute()
    backend, content = store.backend, _content(full[1])
    with _lock:
        if _current.get(backend) != content:
            for stale in [k for k in _entries if k[0] == backend and _content(k[1]) != content]:
                del _entries[stale]
            _current[backend] = content
        _entries[full] = value
        _entries.move_to_end(full)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def peek(store: GraphStore, key: tuple[Hashable, ...]) -> Any | None:
    """The cached value for ``key`` on this store content, or None; never computes."""
    full = _key(store, key)
    with _lock:
        return _entries.get(full)


def clear() -> None:
    """Forget everything (tests that compare cold and warm runs use it)."""
    with _lock:
        _entries.clear()
        _current.clear()
