"""The local Neo4j server: build the launcher, start it in the background, stop exactly it.

Neo4j is not on PyPI, so ``tools/neo4j`` builds a small launcher around the embedded
``org.neo4j:neo4j`` artifact with Maven (once; a few minutes on a fresh machine) and runs it as
a Java process bound to 127.0.0.1 with auth disabled. This module wraps it for the CLI
(``partnergraph neo4j start|stop|status``) and the tests (:func:`running_server`).

Files in ``home`` (``settings.neo4j_dir``): ``neo4j.pid`` (the Java process), ``bolt.uri``
(written by the launcher once Bolt answers, removed when it stops; ``stores.open_store`` reads
it) and ``launcher.log`` (the process's output). The database itself lives in ``home/data``
unless another data directory is given.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import socket
import subprocess
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from partnergraph.errors import BackendUnavailable
from partnergraph.settings import Settings, repository_root

__all__ = [
    "DEFAULT_PORT",
    "LocalNeo4j",
    "ServerStatus",
    "bolt_answers",
    "port_of",
    "running_server",
]

#: Neo4j's usual Bolt port; a fixed port lets clients reconnect after a restart.
DEFAULT_PORT = 7687
#: The launcher's main class: how a pid is recognised as ours before it is signalled.
LAUNCHER_CLASS = "org.partnergraph.neo4j.Launcher"
#: What the launcher's exit codes mean (see Launcher.java).
EXIT_REASONS = {
    2: "bad arguments",
    3: "the port is already in use (another Neo4j?); choose another with --port",
    4: "the data directory is locked by another Neo4j process",
    5: "the database did not become available in time",
}

LineSink = Callable[[str], None]


@dataclass(frozen=True)
class ServerStatus:
    """What ``partnergraph neo4j status`` reports."""

    running: bool
    pid: int | None
    uri: str | None
    data_dir: Path | None
    log_file: Path
    note: str | None = None


def bolt_answers(uri: str, timeout: float = 2.0) -> bool:
    """True when a Bolt server answers the protocol handshake at ``uri``'s host and port.

    A listening socket is not enough (the JVM binds before the database is ready); the
    handshake proves a Bolt server is on the other end, without needing the driver.
    """
    parts = urlsplit(uri)
    host, port = parts.hostname or "127.0.0.1", parts.port or DEFAULT_PORT
    # Magic preamble, then four proposals: 5.0–5.8, 4.4, none, none.
    hello = bytes.fromhex("6060b01700080805000004040000000000000000")
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(hello)
            answer = b""
            while len(answer) < 4:
                chunk = sock.recv(4 - len(answer))
                if not chunk:
                    return False
                answer += chunk
    except OSError:
        return False
    return answer != b"\x00\x00\x00\x00"


def _process_args(pid: int) -> list[str] | None:
    """The command line of ``pid`` if it is alive (not a zombie), else None."""
    proc = Path(f"/proc/{pid}/cmdline")
    if proc.parent.is_dir():
        try:
            raw = proc.read_bytes()
        except OSError:
            return None
        return [part.decode(errors="replace") for part in raw.split(b"\0") if part] or None
    try:
        out = subprocess.run(
            ["ps", "-o", "command=", "-p", str(pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        return None
    return shlex.split(out) if out else None


def _reap(pid: int) -> int | None:
    """Collect ``pid`` if it is our child and has exited; return its exit code."""
    try:
        done, status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return None
    return os.waitstatus_to_exitcode(status) if done else None


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie does not). The command line cannot tell: it reads as
    empty while the process execs (run.sh becoming Java)."""
    _reap(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc (macOS): kill(0) is all there is
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _option(args: list[str], name: str) -> str | None:
    for index, arg in enumerate(args):
        if arg == name and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


class LocalNeo4j:
    """One local Neo4j server, identified by its ``home`` folder (pid, URI and log files)."""

    def __init__(self, home: Path, *, tools_dir: Path | None = None) -> None:
        self.home = home
        self.tools_dir = tools_dir or repository_root() / "tools" / "neo4j"
        self.pid_file = home / "neo4j.pid"
        self.uri_file = home / "bolt.uri"
        self.log_file = home / "launcher.log"
        self.default_data_dir = home / "data"

    @classmethod
    def from_settings(cls, settings: Settings) -> LocalNeo4j:
        return cls(settings.neo4j_dir)

    @property
    def uri(self) -> str | None:
        """The Bolt URI while the server runs (read from the launcher's URI file)."""
        try:
            return self.uri_file.read_text().strip() or None
        except OSError:
            return None

    # -- building --------------------------------------------------------------------------

    def is_built(self) -> bool:
        target = self.tools_dir / "target"
        return (target / "neo4j-launcher.jar").is_file() and (target / "lib").is_dir()

    def build(self, on_line: LineSink | None = None) -> None:
        """Run ``tools/neo4j/build.sh`` (a no-op when up to date), passing its output on."""
        script = self.tools_dir / "build.sh"
        if not script.is_file():
            raise BackendUnavailable(
                f"cannot build the Neo4j launcher: {script} is missing (is this a full "
                "checkout of the repository?); or use your own server via PARTNERGRAPH_NEO4J_URI"
            )
        tail: deque[str] = deque(maxlen=40)
        with subprocess.Popen(
            [str(script)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            errors="replace",
        ) as proc:
            assert proc.stdout is not None
            for line in proc.stdout:
                tail.append(line.rstrip())
                if on_line is not None:
                    on_line(line.rstrip())
            code = proc.wait()
        if code != 0:
            output = "\n".join(tail)
            raise BackendUnavailable(
                f"building the Neo4j launcher failed (exit {code}); it needs Java 17+ and "
                f"Maven (apt-get install openjdk-17-jdk-headless maven) and access to Maven "
                f"Central. Output:\n{output}"
            )

    # -- state -----------------------------------------------------------------------------

    def _pid(self) -> int | None:
        try:
            return int(self.pid_file.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def _ours(self, pid: int) -> list[str] | None:
        """The launcher's command line if ``pid`` is our running launcher (pids get reused).
        While it starts, the process is still ``run.sh`` (which then execs Java); in the
        instant of that exec its command line reads as empty."""
        if not _alive(pid):
            return None
        args = _process_args(pid) or []
        script = str(self.tools_dir / "run.sh")
        return args if not args or LAUNCHER_CLASS in args or script in args else None

    def _forget(self) -> None:
        for path in (self.pid_file, self.uri_file):
            path.unlink(missing_ok=True)

    def status(self) -> ServerStatus:
        """Whether the server recorded in the pid file runs; stale files are cleaned up."""
        pid = self._pid()
        args = self._ours(pid) if pid is not None else None
        if pid is None or args is None:
            note = None
            if pid is not None:
                note = f"process {pid} from the pid file is gone; stale files removed"
                self._forget()
            return ServerStatus(False, None, None, None, self.log_file, note)
        uri = self.uri_file.read_text().strip() if self.uri_file.is_file() else None
        data_dir = _option(args, "--data-dir")
        note = None if uri else "starting (no Bolt URI yet)"
        return ServerStatus(
            True, pid, uri, Path(data_dir) if data_dir else None, self.log_file, note
        )

    def log_tail(self, lines: int = 25) -> str:
        try:
            with self.log_file.open(errors="replace") as log:
                return "".join(deque(log, maxlen=lines)).rstrip()
        except OSError:
            return "(no log)"

    # -- starting and stopping ---------------------------------------------------------------

    def start(
        self,
        *,
        data_dir: Path | None = None,
        port: int = DEFAULT_PORT,
        timeout: float = 180.0,
        on_line: LineSink | None = None,
        stop_with_parent: bool = False,
        page_cache: str | None = None,
    ) -> str:
        """Start the server in the background (building the launcher first if needed) and
        return its Bolt URI once it answers. Already running: return its URI.

        ``stop_with_parent`` (tests, benchmarks): the server gets SIGTERM when this process
        dies, even by SIGKILL, so an aborted test run leaves no Neo4j behind (Linux, through
        ``setpriv --pdeathsig``). ``partnergraph neo4j start`` leaves it off: that server is
        meant to outlive the command.

        ``page_cache`` (``512m``, ``2g``): Neo4j's page cache, where it keeps the store
        files; the launcher's default is 256m. A graph whose store is larger than the cache
        reads pages from disk on every query that walks far (a keep.eu-sized graph needs
        about 1g)."""
        current = self.status()
        if current.running:
            if current.uri:
                return current.uri
            return self._wait(current.pid or 0, timeout)
        self.build(on_line)
        self.home.mkdir(parents=True, exist_ok=True)
        data = (data_dir or self.default_data_dir).resolve()
        data.mkdir(parents=True, exist_ok=True)
        self.uri_file.unlink(missing_ok=True)
        setpriv = shutil.which("setpriv") if stop_with_parent else None
        argv = [
            *([setpriv, "--pdeathsig", "TERM", "--"] if setpriv else []),
            str(self.tools_dir / "run.sh"),
            "--data-dir",
            str(data),
            "--port",
            str(port),
            "--uri-file",
            str(self.uri_file.resolve()),
            *(["--pagecache", page_cache] if page_cache else []),
        ]
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        pid = os.posix_spawn(
            argv[0],
            argv,
            dict(os.environ),
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_OPEN, 1, str(self.log_file), flags, 0o644),
                (os.POSIX_SPAWN_DUP2, 1, 2),
            ],
            setsid=True,  # its own session: it outlives the command that started it
        )
        self.pid_file.write_text(f"{pid}\n")
        return self._wait(pid, timeout)

    def _wait(self, pid: int, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            code = _reap(pid)
            if code is not None or not _alive(pid):
                self._forget()
                reason = EXIT_REASONS.get(code or 0, f"exit code {code}")
                raise BackendUnavailable(
                    f"Neo4j did not start ({reason}). Last lines of {self.log_file}:\n"
                    f"{self.log_tail()}"
                )
            if self.uri_file.is_file():
                uri = self.uri_file.read_text().strip()
                if uri and bolt_answers(uri):
                    return uri
            time.sleep(0.2)
        self._terminate(pid, grace=10.0)
        self._forget()
        raise BackendUnavailable(
            f"Neo4j did not answer within {timeout:.0f}s and was stopped. Last lines of "
            f"{self.log_file}:\n{self.log_tail()}"
        )

    def stop(self, timeout: float = 30.0) -> bool:
        """Stop the server of the pid file: SIGTERM, wait, SIGKILL after ``timeout``.
        Return False when none was running. Only a process that is our launcher is signalled."""
        pid = self._pid()
        if pid is None or self._ours(pid) is None:
            self._forget()
            return False
        self._terminate(pid, grace=timeout)
        self._forget()
        return True

    def kill(self) -> bool:
        """Kill the server of the pid file at once (SIGKILL, like a crash or an OOM kill: no
        shutdown, connections cut); False when none was running. Fault tests use it; the
        database recovers from its transaction log on the next :meth:`start`."""
        pid = self._pid()
        if pid is None or self._ours(pid) is None:
            self._forget()
            return False
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10.0
        while _alive(pid):
            if time.monotonic() > deadline:
                raise BackendUnavailable(f"Neo4j process {pid} did not stop, even after SIGKILL")
            time.sleep(0.05)
        self._forget()
        return True

    def _terminate(self, pid: int, *, grace: float) -> None:
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 10.0)):
            with suppress(ProcessLookupError):
                os.kill(pid, sig)
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline:
                if not _alive(pid):
                    return
                time.sleep(0.1)
        raise BackendUnavailable(f"Neo4j process {pid} did not stop, even after SIGKILL")


@contextmanager
def running_server(
    home: Path,
    *,
    data_dir: Path | None = None,
    port: int = 0,
    timeout: float = 180.0,
    page_cache: str | None = None,
) -> Iterator[LocalNeo4j]:
    """A server for the length of a ``with`` block (tests, benchmarks): started on a free
    port by default, stopped at the end whatever happens — and with this process if it is
    killed. ``server.uri`` is its Bolt URI; ``server.start(port=…, stop_with_parent=True)``
    restarts it where its clients expect it."""
    server = LocalNeo4j(home)
    try:
        server.start(
            data_dir=data_dir,
            port=port,
            timeout=timeout,
            stop_with_parent=True,
            page_cache=page_cache,
        )
        yield server
    finally:
        server.stop()


def port_of(uri: str) -> int:
    """The port of a Bolt URI (to restart a server where its clients expect it)."""
    return urlsplit(uri).port or DEFAULT_PORT
