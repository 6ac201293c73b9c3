"""Pausing Python's cyclic garbage collector while a bulk step builds many objects.

Building a keep.eu-sized graph makes millions of objects that all live on. Every 700 new
objects CPython runs a collection, and the older generations' collections walk every object
made so far, none of which is garbage: reading the whole graph back from Neo4j took 15 s
with the collector running and 6.6 s without (``docs/benchmarks.md``, "Scale"). Reference
counting still frees everything that is not in a cycle while the collector is paused.

The questions that read or build many objects (partners, paths, region activity, suggestions,
the gap queries, clusters) run paused as a whole: in a process that holds a large graph (the
API on the embedded store, a notebook) each full collection walks all of it, and a hub's
suggestions on Neo4j at keep.eu scale took 46 s with the collector running and 21 s without.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic collection inside the block; nested and concurrent blocks are fine (the
    collector comes back when the last one ends, if it was on before the first)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
