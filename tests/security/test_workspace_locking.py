"""Import workspace integrity: concurrent imports are serialised by a file lock, leftovers of
killed imports are cleaned up, and an import being replaced never goes missing
(docs/security.md)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest import workspace
from partnergraph.ingest.csv_source import Dataset
from partnergraph.ingest.loader import load_directory
from partnergraph.ingest.workspace import (
    MANIFEST,
    STALE_GRACE,
    WorkspaceBusy,
    clean_stale,
    import_keep,
    imports_root,
    list_imports,
    workspace_lock,
)
from partnergraph.settings import Settings
from tests.conftest import MINI

KEEP = Path(__file__).parents[1] / "ingest" / "fixtures"
OLD_LAYOUT = KEEP / "keep_old_layout.xlsx"
NEW_LAYOUT = KEEP / "keep_new_layout.xlsx"
ROOT = Path(__file__).parents[2]


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("PARTNERGRAPH_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("PARTNERGRAPH_DATA_DIR", str(MINI))
    monkeypatch.setenv("PARTNERGRAPH_STORE", "memory")
    return Settings()


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    return env


def _cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "partnergraph.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=_env(),
    )


def _python(code: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )


def _mini() -> MemoryStore:
    store = MemoryStore()
    load_directory(store, MINI)
    return store


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_two_processes_importing_under_one_name_are_serialised(settings: Settings) -> None:
    first = _cli("import", "keep", "--name", "shared", str(OLD_LAYOUT))
    second = _cli("import", "keep", "--name", "shared", str(NEW_LAYOUT))
    outputs = [process.communicate(timeout=300)[0] for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    # One created the import; the other waited for the lock, saw it and replaced it — and
    # said so, rather than both claiming a fresh import and one being silently lost.
    created = [out for out in outputs if "imported into the memory store" in out]
    updated = [out for out in outputs if "updated the earlier import 'shared'" in out]
    assert (len(created), len(updated)) == (1, 1), outputs
    [info] = list_imports(settings.home)
    assert info.name == "shared"
    manifest = json.loads((info.data / MANIFEST).read_text(encoding="utf-8"))
    last = OLD_LAYOUT if updated[0] is outputs[0] else NEW_LAYOUT
    assert [entry["file"] for entry in manifest["files"]] == [last.name]


def test_a_second_import_waits_for_the_lock_then_fails_clearly(settings: Settings) -> None:
    holder = _python(
        f"""
        import sys
        from pathlib import Path
        from partnergraph.ingest.workspace import workspace_lock
        with workspace_lock(Path({str(settings.home)!r})):
            print("locked", flush=True)
            sys.stdin.read()
        """
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(WorkspaceBusy) as caught:
            import_keep(_mini(), settings, [OLD_LAYOUT], lock_timeout=0.5)
        assert time.monotonic() - started >= 0.5  # it waited before giving up
        assert f"locked by another import (pid {holder.pid})" in str(caught.value)
        assert list_imports(settings.home) == []
    finally:
        holder.communicate("", timeout=30)
    # Once the holder is gone the same import goes through.
    outcome = import_keep(_mini(), settings, [OLD_LAYOUT], lock_timeout=5)
    assert outcome.written


def test_the_lock_is_released_when_its_holder_is_killed(settings: Settings) -> None:
    holder = _python(
        f"""
        import time
        from pathlib import Path
        from partnergraph.ingest.workspace import workspace_lock
        with workspace_lock(Path({str(settings.home)!r})):
            print("locked", flush=True)
            time.sleep(600)
        """
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    holder.send_signal(signal.SIGKILL)
    holder.communicate(timeout=30)
    with workspace_lock(settings.home, timeout=5):
        pass


def test_a_killed_import_leaves_nothing_behind_after_the_next_one(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A real import process, killed while it writes its version folder.
    victim = _python(
        f"""
        import os, signal
        from pathlib import Path
        from partnergraph.graph.memory import MemoryStore
        from partnergraph.ingest import workspace
        from partnergraph.ingest.loader import load_directory
        from partnergraph.settings import Settings

        def die(directory, dataset):
            (directory / "nodes").mkdir()
            os.kill(os.getpid(), signal.SIGKILL)

        workspace.write_dataset = die
        store = MemoryStore()
        load_directory(store, Path({str(MINI)!r}))
        workspace.import_keep(store, Settings(), [Path({str(OLD_LAYOUT)!r})], name="victim")
        """
    )
    _, errors = victim.communicate(timeout=120)
    assert victim.returncode == -signal.SIGKILL, errors
    root = imports_root(settings.home)
    [left] = [p.name for p in root.iterdir() if p.name != workspace.LOCK]
    assert left.startswith(f".victim.v-{victim.pid}-")
    assert list_imports(settings.home) == []  # never visible as an import

    # Old leftovers of dead processes, as earlier versions and killed imports left them.
    dead = _dead_pid()
    legacy_staging = root / ".victim.abcd1234"
    legacy_staging.mkdir()
    (root / f".victim.link-{dead}-0a1b2c3d").symlink_to("nowhere")
    moved_aside = root / f".lost.old-{dead}"  # the import 'lost' was moved aside, then killed
    workspace.write_dataset(moved_aside, Dataset())
    (moved_aside / MANIFEST).write_text(json.dumps({"created_at": "2020"}), encoding="utf-8")
    # … and things that must stay: a fresh version of a dead process, one of a live process.
    fresh = root / f".victim.v-{dead}-fresh0001"
    fresh.mkdir()
    live = root / f".victim.v-{os.getppid()}-live0001"
    live.mkdir()
    old = time.time() - STALE_GRACE - 5
    for path in (root / left, legacy_staging, moved_aside, live):
        os.utime(path, (old, old))

    outcome = import_keep(_mini(), settings, [OLD_LAYOUT], name="victim")
    assert outcome.written
    remaining = {p.name for p in root.iterdir()}
    assert left not in remaining
    assert legacy_staging.name not in remaining
    assert f".victim.link-{dead}-0a1b2c3d" not in remaining
    assert "lost" in remaining  # put back, not deleted
    assert {fresh.name, live.name} <= remaining
    assert sorted(info.name for info in list_imports(settings.home)) == ["lost", "victim"]


def test_clean_stale_keeps_the_versions_links_point_to(settings: Settings) -> None:
    import_keep(_mini(), settings, [OLD_LAYOUT], name="kept")
    [info] = list_imports(settings.home)
    assert clean_stale(settings.home, now=time.time() + 10 * 24 * 3600) == []
    assert (info.data / MANIFEST).is_file()


def test_replacing_an_import_never_leaves_it_missing(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _mini()
    import_keep(store, settings, [OLD_LAYOUT], name="swap")
    target = imports_root(settings.home) / "swap"
    renamed_away: list[str] = []
    original_rename = Path.rename

    def watched_rename(self: Path, to: str | os.PathLike[str]) -> Path:
        if self == target:
            renamed_away.append(str(to))
        return original_rename(self, to)

    monkeypatch.setattr(Path, "rename", watched_rename)
    missing: list[int] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            names = {info.name for info in list_imports(settings.home)}
            if "swap" not in names:
                missing.append(1)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for files in ([NEW_LAYOUT], [OLD_LAYOUT], [NEW_LAYOUT]):
            assert import_keep(store, settings, files, name="swap").written
    finally:
        stop.set()
        thread.join()
    assert renamed_away == []  # the import is replaced by re-pointing its link, not renamed
    assert missing == []
    assert target.is_symlink()
