"""What the app holds between requests: the store (swappable), its data version, coverage notes
and answers memoised per data version.

One :class:`ApiState` lives on ``app.state.api``. Routes reach it through ``deps.py``; the cache
middleware asks it for the data version. Nothing here knows which backend is behind the store.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

import anyio.to_thread

from partnergraph.errors import BackendUnavailable, PartnergraphError
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import CoverageNote, gap_notes
from partnergraph.ingest.service import coverage_notes, reloaded
from partnergraph.queries._cache import QueryCache, bound
from partnergraph.queries.warmup import WarmUpReport, warm_up
from partnergraph.settings import Settings
from partnergraph.stores import open_store

__all__ = ["ApiState", "Breaker"]

log = logging.getLogger(__name__)
_T = TypeVar("_T")

#: How long a data version read is trusted. The ETag of a response is computed before the
#: route runs, so a change made behind the app's back (another process writing to Neo4j) can
#: take this long to show in ETags; a reload through the API is seen at once.
VERSION_TTL_SECONDS = 1.0
#: When the store could not be opened (Neo4j down at start-up), how often a request may retry.
REOPEN_INTERVAL_SECONDS = 2.0
#: Memoised answers kept per data version (priorities list, periods, counts at a date ...).
MEMO_SIZE = 256
#: While the breaker is open, how often the background thread asks the store again.
PROBE_INTERVAL_SECONDS = 0.5


class Breaker:
    """A circuit breaker in front of the store: open while the store is known not to answer.

    It opens when a request fails with ``BackendUnavailable``, when ``/ready`` finds the store
    down, or when the store cannot be opened; while it is open every request that needs the
    store is refused at once (a 503, without a thread or a driver call), and a background
    thread calls ``probe`` at once and then every ``interval`` seconds. The first probe that
    succeeds closes it, so service resumes by itself within about ``interval`` of the store's
    return; a health check (``/health``, ``/ready``) while it is open probes first, so the
    check and the breaker agree (``/ready`` answering 503 also opens it). A probe that
    succeeds right after a trip (one slow query timed out, the server is fine) closes it
    again within one round trip.
    """

    def __init__(self, probe: Callable[[], None], interval: float = PROBE_INTERVAL_SECONDS) -> None:
        self._probe = probe
        self.interval = interval
        self._open = False
        self._message = "the graph store does not answer"
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopped = False
        self._thread: threading.Thread | None = None
        #: How many times it opened (for logs and tests).
        self.trips = 0

    @property
    def is_open(self) -> bool:
        return self._open

    @property
    def message(self) -> str:
        return self._message

    def check(self) -> None:
        """Raise ``BackendUnavailable`` (the last known reason) while the breaker is open."""
        if self._open:
            raise BackendUnavailable(self._message)

    def trip(self, message: str | None = None) -> None:
        """Open with ``message`` as the reason and probe at once; while already open, only
        the reason is updated (the probing goes on at its own pace)."""
        with self._lock:
            if message:
                self._message = message
            if self._stopped or self._open:
                return
            self._open = True
            self.trips += 1
            log.warning(
                "graph store unavailable, refusing requests until it answers: %s", self._message
            )
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="partnergraph-breaker", daemon=True
                )
                self._thread.start()
            else:
                self._wake.set()

    def close(self) -> None:
        """Closed again: the store answers (a probe worked, or a new store was swapped in)."""
        with self._lock:
            if self._open:
                log.warning("graph store answers again, serving requests")
            self._open = False
            self._wake.set()

    def start(self) -> None:
        """App start-up (again, for a test client that restarts the app): trips count."""
        with self._lock:
            self._stopped = False

    def stop(self) -> None:
        """App shutdown: end the probing thread (it is a daemon: it never holds up exit)."""
        with self._lock:
            self._stopped = True
            self._open = False
            thread = self._thread
        self._wake.set()
        if thread is not None:
            thread.join(self.interval + 5.0)

    def probe_now(self) -> bool:
        """Probe once, here and now (a health check while open): close on success."""
        try:
            self._probe()
        except PartnergraphError as exc:
            with self._lock:
                self._message = str(exc)
            return False
        self.close()
        return True

    def _run(self) -> None:
        while True:
            with self._lock:
                if self._stopped or not self._open:
                    self._thread = None
                    return
                self._wake.clear()
            try:
                self._probe()
            except PartnergraphError as exc:
                with self._lock:
                    self._message = str(exc)
            except Exception as exc:  # a probe must never kill the thread silently
                log.warning("graph store probe failed unexpectedly: %r", exc)
            else:
                self.close()
                continue
            self._wake.wait(self.interval)


class ApiState:
    """The store and everything derived from it that is worth keeping between requests."""

    def __init__(self, settings: Settings, store: GraphStore | None = None) -> None:
        self.settings = settings
        self._store = store
        #: A store passed in by the caller is the caller's to close; one opened here is ours.
        self._owned = store is None
        self._lock = threading.Lock()
        self.reload_lock = threading.Lock()
        self._next_open = 0.0
        self._open_error: str | None = None
        self._version: str | None = None
        self._version_read = float("-inf")
        self._memo: OrderedDict[tuple[Hashable, ...], object] = OrderedDict()
        self._memo_version: str | None = None
        self._memo_lock = threading.Lock()
        self.version_ttl = VERSION_TTL_SECONDS
        #: The query layer's cache for this app (bound around every request by
        #: QueryCacheMiddleware and around the warm-up): keyed by data version, so it
        #: outlives a swapped store without serving its answers.
        self.cache = QueryCache(settings.cache_mb * 1024 * 1024)
        self.coverage_notes: list[CoverageNote] = []
        self.coverage_problem: str | None = None
        #: Reloads are announced to the other worker processes through a file (see reload);
        #: only embedded graphs need to follow, Neo4j is one database for every worker.
        self._follow_reloads = settings.admin_token is not None and settings.store == "memory"
        self._reload_generation = self._read_signal() if self._follow_reloads else None
        self._warm_stop: threading.Event | None = None
        self._warm_thread: threading.Thread | None = None
        #: The last finished warm-up of this process (None before the first one ends).
        self.warm_up_report: WarmUpReport | None = None
        #: Open while the store does not answer: requests fail at once instead of waiting.
        self.breaker = Breaker(self._probe)
        self.read_coverage_notes()

    # -- the store ------------------------------------------------------------------------

    def open(self) -> None:
        """Open the configured store (lifespan start). Neo4j being down is not fatal: the app
        starts, answers 503 and retries on later requests; bad bundled data is fatal."""
        self.breaker.start()
        if self._store is not None:
            return
        try:
            self._store = open_store(self.settings)
        except BackendUnavailable as exc:
            log.warning("store unavailable at start-up, will retry: %s", exc)
            self._open_error = str(exc)
            self._next_open = time.monotonic() + REOPEN_INTERVAL_SECONDS
            self.breaker.trip(str(exc))

    def close(self) -> None:
        """Lifespan end: close the store if this app opened it; a store the caller passed in
        stays open and in place (a test client may start the app again)."""
        self.stop_warm_up()
        self.breaker.stop()
        with self._lock:
            if not self._owned:
                return
            store, self._store = self._store, None
        if store is not None:
            store.close()

    @property
    def current_store(self) -> GraphStore | None:
        """The open store, or None while it cannot be opened; never blocks."""
        return self._store

    @property
    def store(self) -> GraphStore:
        """The current store; raises BackendUnavailable while it cannot be opened. It does
        not consult the breaker: health checks use it to see whether the store is back."""
        store = self._store
        return store if store is not None else self._reopen()

    def _probe(self) -> None:
        """The breaker's probe: (re)open the store if need be, then ping it."""
        store = self._store
        if store is None:
            store = self._reopen(now=True)
        store.ping()

    def _reopen(self, *, now: bool = False) -> GraphStore:
        with self._lock:
            if self._store is not None:
                return self._store
            if now or time.monotonic() >= self._next_open:
                try:
                    self._store = open_store(self.settings)
                    self._owned = True
                    self._open_error = None
                    return self._store
                except BackendUnavailable as exc:
                    self._open_error = str(exc)
                    self._next_open = time.monotonic() + REOPEN_INTERVAL_SECONDS
            raise BackendUnavailable(self._open_error or "the graph store is not open")

    def swap(self, store: GraphStore) -> GraphStore | None:
        """Put a freshly built store in place in one assignment, so every request sees either
        the old graph or the new one, never a mix. Returns the previous store; it is not closed
        here because requests that started on it may still be reading it."""
        with self._lock:
            previous, self._store = self._store, store
            self._owned = True
        self.forget_version()
        self.breaker.close()
        return previous

    # -- warm-up ----------------------------------------------------------------------------

    def start_warm_up(self) -> None:
        """Warm the query cache for the current store in a background thread (when the
        ``warm_up`` setting is on); a warm-up still running for older content is stopped."""
        store = self._store
        if not self.settings.warm_up or store is None:
            return
        self.stop_warm_up(wait=0.0)
        stop = threading.Event()
        thread = threading.Thread(
            target=self._warm, args=(store, stop), name="partnergraph-warm-up", daemon=True
        )
        self._warm_stop, self._warm_thread = stop, thread
        thread.start()

    def stop_warm_up(self, wait: float = 2.0) -> None:
        """Ask a running warm-up to stop; wait up to ``wait`` seconds for it (it stops between
        two units of work, and it is a daemon thread: it never holds up the process)."""
        stop, thread = self._warm_stop, self._warm_thread
        if stop is not None:
            stop.set()
        if thread is not None and wait > 0:
            thread.join(wait)

    def wait_for_warm_up(self, timeout: float | None = None) -> WarmUpReport | None:
        """Block until the running warm-up ends (tests, benchmarks); its report."""
        thread = self._warm_thread
        if thread is not None:
            thread.join(timeout)
        return self.warm_up_report

    def _warm(self, store: GraphStore, stop: threading.Event) -> None:
        start = time.monotonic()
        try:
            with bound(self.cache):  # a thread does not inherit the request's context
                report = warm_up(store, stop=stop)
        except Exception as exc:
            # A background thread has no caller to raise to. A store closed or swapped under
            # it is expected (stop is set then); anything else is worth a warning.
            if not stop.is_set():
                log.warning("query cache warm-up failed, queries compute on demand: %r", exc)
            return
        self.warm_up_report = report
        log.info(
            "query cache warm-up %s in %.1f s (data version %s): %s",
            "done" if report.complete else "stopped",
            time.monotonic() - start,
            report.data_version,
            ", ".join(f"{step.name} {step.seconds:.1f} s" for step in report.steps),
        )

    # -- data version -----------------------------------------------------------------------

    def forget_version(self) -> None:
        self._version_read = float("-inf")

    def version(self) -> str:
        """The store's data version, read at most once per ``version_ttl``; may block."""
        if time.monotonic() - self._version_read < self.version_ttl and self._version:
            return self._version
        self.breaker.check()
        if self._follow_reloads:
            self._follow_signal()
        version = self.store.data_version()
        self._version, self._version_read = version, time.monotonic()
        return version

    async def current_version(self) -> str | None:
        """The data version for ETags, without blocking the event loop; None when the store
        does not answer (the route will then say why, with a 503)."""
        if time.monotonic() - self._version_read < self.version_ttl and self._version:
            return self._version
        if self.breaker.is_open:
            return None
        try:
            return await anyio.to_thread.run_sync(self.version)
        except BackendUnavailable as exc:
            self.breaker.trip(str(exc))
            return None
        except PartnergraphError:
            return None

    # -- memoised answers -------------------------------------------------------------------

    def memo(self, key: tuple[Hashable, ...], compute: Callable[[], _T]) -> _T:
        """``compute()`` once per data version and key. Answers derived from the whole graph
        (the priorities list, the date span of the data) are cheap to keep and dear to redo."""
        version = self.version()
        with self._memo_lock:
            if version != self._memo_version:
                self._memo.clear()
                self._memo_version = version
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]  # type: ignore[return-value]  # stored by this key below
        value = compute()
        with self._memo_lock:
            if version == self._memo_version:
                self._memo[key] = value
                while len(self._memo) > MEMO_SIZE:
                    self._memo.popitem(last=False)
        return value

    # -- coverage notes ---------------------------------------------------------------------

    @property
    def known_gaps(self) -> list[CoverageNote]:
        """The partial and missing coverage notes; each answer keeps those that concern it."""
        return gap_notes(self.coverage_notes)

    def read_coverage_notes(self) -> None:
        """Read ``data_dir/coverage.csv`` once; a broken file is reported in meta, not fatal."""
        self.coverage_notes, self.coverage_problem = coverage_notes(self.settings)

    # -- reloading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read ``data_dir`` again. The embedded store is rebuilt aside and swapped in whole
        (a bad file raises DataError and the old graph keeps serving); on Neo4j the files are
        validated, then upserted, which is idempotent. Other worker processes follow (below)."""
        with self.reload_lock:
            self._reload_unlocked()
        self._announce()

    def _reload_unlocked(self) -> None:
        if self.settings.store == "memory":
            self.swap(reloaded(self.settings, None))
        else:
            reloaded(self.settings, self.store)
            self.forget_version()
        self.read_coverage_notes()
        self.start_warm_up()

    @property
    def _signal_file(self) -> Path:
        return self.settings.home / "api" / "reload.signal"

    def _read_signal(self) -> str | None:
        try:
            return self._signal_file.read_text(encoding="utf-8")
        except OSError:
            return None

    def _announce(self) -> None:
        """Tell the other ``serve --workers`` processes: each holds its own embedded graph."""
        generation = uuid.uuid4().hex
        self._reload_generation = generation
        try:
            self._signal_file.parent.mkdir(parents=True, exist_ok=True)
            temporary = self._signal_file.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(generation, encoding="utf-8")
            temporary.replace(self._signal_file)
        except OSError as exc:
            log.warning("could not tell other workers about the reload: %s", exc)

    def _follow_signal(self) -> None:
        """Checked once per ``version_ttl``: reload when another worker announced a reload."""
        generation = self._read_signal()
        if generation is None or generation == self._reload_generation:
            return
        self._reload_generation = generation
        if self.reload_lock.acquire(blocking=False):
            try:
                self._reload_unlocked()
            except PartnergraphError as exc:
                log.warning("reload announced by another worker failed here: %s", exc)
            finally:
                self.reload_lock.release()
