"""A small LRU for whole-graph work (projections, communities, all-priority evidence).

Entries are keyed by the store's backend and ``data_version()`` plus the query's own
parameters, so a write to the graph makes every older entry unreachable (and the LRU drops it
in time). Only language-independent intermediate results are cached; answers are rendered
from them on every call. Cached values are shared: callers must not change them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

from partnergraph.graph.store import GraphStore

__all__ = ["MAX_ENTRIES", "clear", "memo"]

MAX_ENTRIES = 64
_T = TypeVar("_T")
_entries: OrderedDict[Hashable, Any] = OrderedDict()
_lock = threading.Lock()


def memo(store: GraphStore, key: tuple[Hashable, ...], compute: Callable[[], _T]) -> _T:
    """``compute()``, or its earlier result for the same store content and ``key``."""
    full = (store.backend, store.data_version(), *key)
    with _lock:
        if full in _entries:
            _entries.move_to_end(full)
            return cast(_T, _entries[full])
    value = compute()
    with _lock:
        _entries[full] = value
        _entries.move_to_end(full)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def clear() -> None:
    """Forget everything (tests that compare cold and warm runs use it)."""
    with _lock:
        _entries.clear()
