"""The workspace: what users imported in embedded mode, kept so it survives restarts.

Each import lives in ``<PARTNERGRAPH_HOME>/imports/<name>/`` in the curated CSV format of
``data/README.md`` (``sources.csv``, ``nodes/*.csv``, ``edges/*.csv``), plus
``manifest.json`` (files, checksums, date) and ``review.csv`` (name pairs resolution did not
dare to merge). It holds the import's own contribution, not a merged copy: its edges may
point at nodes of the bundled ``data/`` or of earlier imports.

At start-up the memory store reads ``data/`` and then every import, oldest first, as layers
(:func:`read_workspace`): a node or edge met again in a later layer is merged into the earlier
one by the same rule as at import time (:func:`~partnergraph.ingest.changes.merge_node`:
curated values stay, the import fills gaps, adds its source and its spelling as an alias).
Everything is validated across layers before the first write.

Integrity when several processes import at once, or one is killed:

* imports take the workspace lock (``fcntl.flock`` on ``imports/.lock``): a second import
  waits for the first (at most :data:`LOCK_TIMEOUT` seconds, then :class:`WorkspaceBusy`)
  and then sees what the first wrote, so neither is lost silently;
* ``imports/<name>`` is a symbolic link to a hidden folder ``.<name>.v-<pid>-<random>`` holding
  one version. A new version is written aside and the link is replaced in one
  ``os.replace``, so a reader always finds the old or the new import, never none; readers
  resolve the link once (:attr:`ImportInfo.data`) and read that folder. (A folder left by an
  earlier partnergraph at ``imports/<name>`` is moved aside once and replaced by a link.)
* leftovers of killed imports — unfinished or replaced versions, temporary links, folders
  moved aside — are removed by the next import under the lock, once their process is gone
  and they are older than :data:`STALE_GRACE` seconds (the time a reader that resolved the
  old link may still need); a folder moved aside whose import is missing is put back.

To forget an import, delete ``imports/<name>`` (the link); the next import removes its folder.
"""

from __future__ import annotations

import csv
import datetime as dt
import fcntl
import json
import os
import re
import secrets
import shutil
import tempfile
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from partnergraph.csvsafe import safe_row
from partnergraph.errors import ConfigError, DataError, DataIssue, PartnergraphError
from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.changes import (
    ChangeSet,
    Progress,
    apply_changes,
    merge_edge,
    merge_node,
    plan_changes,
    swap_memory_store,
)
from partnergraph.ingest.csv_source import (
    FILE_LABELS,
    Dataset,
    Record,
    read_csv_records,
    read_dataset,
    typed_cell,
)
from partnergraph.ingest.keep_eu import (
    KeepImport,
    StoreContext,
    import_name,
    read_keep,
    source_id_for,
)
from partnergraph.ingest.loader import LoadReport, load_dataset
from partnergraph.ingest.resolve import Decisions, ReviewPair
from partnergraph.ingest.values import LIST_SEPARATOR
from partnergraph.model import (
    EDGE_ENDPOINTS,
    EDGE_PROPERTIES,
    NODE_PROPERTIES,
    Edge,
    Node,
    NodeLabel,
    PropType,
    PropValue,
    RelType,
    uid_problem,
)
from partnergraph.settings import Settings

__all__ = [
    "KEEP_EU_SOURCE",
    "LOCK_TIMEOUT",
    "STALE_GRACE",
    "ImportInfo",
    "ImportOutcome",
    "WorkspaceBusy",
    "bundled_layers",
    "clean_stale",
    "decisions_path",
    "import_keep",
    "imports_root",
    "list_imports",
    "load_workspace",
    "read_bundle",
    "read_decisions",
    "read_review",
    "read_workspace",
    "record_decision",
    "workspace_lock",
    "write_dataset",
    "write_import",
]

MANIFEST = "manifest.json"
_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
REVIEW = "review.csv"
_LABEL_FILES = {label: stem for stem, label in FILE_LABELS.items()}
_SOURCE_COLUMNS = ("id", "title", "url", "document", "retrieved", "confidence", "licence", "note")
_NODE_COLUMNS = ("uid", "name", "name_en", "sources", "valid_from", "valid_to")
_EDGE_COLUMNS = ("from", "to", "key", "sources", "valid_from", "valid_to")
LOCK = ".lock"
#: Seconds an import waits for another one to finish before giving up.
LOCK_TIMEOUT = 600.0
#: Seconds a replaced or abandoned version folder is kept for readers that resolved it.
STALE_GRACE = 60.0
#: Leftovers older than this are removed even when their process id is in use again.
_STALE_AGE = 24 * 3600.0
#: ``.<name>.v-<pid>-<random>`` (a version), ``.<name>.link-<pid>-<random>`` (a link being
#: swapped in), ``.<name>.old-<pid>`` (an old-style folder moved aside).
_TEMP = re.compile(
    r"\.(?P<name>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<kind>v|link|old)-(?P<pid>[0-9]+)(?:-[0-9a-z_]+)?"
)
#: Staging folders of partnergraph versions before the lock (``tempfile.mkdtemp``).
_LEGACY_STAGING = re.compile(r"\.[a-z0-9]+(?:-[a-z0-9]+)*\.[0-9a-z_]{8}")


class WorkspaceBusy(PartnergraphError):
    """Another import holds the workspace lock for longer than we may wait."""

    code = "workspace_busy"


def imports_root(home: Path) -> Path:
    return home / "imports"


@dataclass(frozen=True)
class ImportInfo:
    name: str
    path: Path
    created_at: str
    imported_at: str
    source_ids: tuple[str, ...]
    files: tuple[dict[str, str], ...]
    #: The version folder ``path`` pointed to when listed: read this one, not ``path``.
    data: Path = field(default=Path(), compare=True)


def list_imports(home: Path) -> list[ImportInfo]:
    """The imports in the workspace, oldest first (the order they are layered in)."""
    root = imports_root(home)
    if not root.is_dir():
        return []
    found = []
    for folder in root.iterdir():
        if folder.name.startswith(".") or not folder.is_dir():
            continue
        data = folder.resolve()  # once: a concurrent import may re-point the link
        manifest = data / MANIFEST
        if not manifest.is_file():
            continue
        try:
            content = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DataError(
                [DataIssue(str(manifest), None, None, f"unreadable import manifest: {exc}")]
            ) from None
        found.append(
            ImportInfo(
                name=folder.name,
                path=folder,
                created_at=str(content.get("created_at", content.get("imported_at", ""))),
                imported_at=str(content.get("imported_at", "")),
                source_ids=tuple(content.get("source_ids", [])),
                files=tuple(content.get("files", [])),
                data=data,
            )
        )
    # Layer order is the order of first import, so updating an import keeps its place.
    return sorted(found, key=lambda info: (info.created_at, info.name))


# -- writing -------------------------------------------------------------------------------


def _cell(value: PropValue | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(item.replace(LIST_SEPARATOR, "/") for item in value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _write_csv(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[str]], *, for_people: bool = False
) -> None:
    """Write one CSV. The workspace's own files are read back and must round-trip exactly
    (the importers refuse formula-like values, so none gets in); files ``for_people`` to open
    in a spreadsheet have formula-like cells neutralised (:mod:`partnergraph.csvsafe`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        if for_people:
            rows = (safe_row(row) for row in rows)
        writer.writerows(rows)


def write_dataset(directory: Path, dataset: Dataset) -> None:
    """Write nodes and edges in the curated CSV format; Source nodes go to sources.csv."""
    sources = [node for node in dataset.nodes if node.label == NodeLabel.SOURCE]
    _write_csv(
        directory / "sources.csv",
        _SOURCE_COLUMNS,
        (
            [node.uid.removeprefix("source:"), node.name]
            + [_cell(node.properties.get(column)) for column in _SOURCE_COLUMNS[2:]]
            for node in sources
        ),
    )
    by_label: dict[NodeLabel, list[Node]] = {}
    for node in dataset.nodes:
        if node.label != NodeLabel.SOURCE:
            by_label.setdefault(node.label, []).append(node)
    for label, nodes in sorted(by_label.items()):
        spec = [key for key in NODE_PROPERTIES[label] if any(key in n.properties for n in nodes)]
        _write_csv(
            directory / "nodes" / f"{_LABEL_FILES[label]}.csv",
            [*_NODE_COLUMNS, *spec],
            (
                [
                    node.uid,
                    node.name,
                    node.name_en or "",
                    _cell(list(node.sources)),
                    node.valid_from or "",
                    node.valid_to or "",
                    *(_cell(node.properties.get(key)) for key in spec),
                ]
                for node in sorted(nodes, key=lambda n: n.uid)
            ),
        )
    by_type: dict[RelType, list[Edge]] = {}
    for edge in dataset.edges:
        by_type.setdefault(edge.type, []).append(edge)
    for rel, edges in sorted(by_type.items()):
        spec = [key for key in EDGE_PROPERTIES[rel] if any(key in e.properties for e in edges)]
        _write_csv(
            directory / "edges" / f"{rel.value.lower()}.csv",
            [*_EDGE_COLUMNS, *spec],
            (
                [
                    edge.source,
                    edge.target,
                    edge.key,
                    _cell(list(edge.sources)),
                    edge.valid_from or "",
                    edge.valid_to or "",
                    *(_cell(edge.properties.get(key)) for key in spec),
                ]
                for edge in sorted(edges, key=lambda e: e.id)
            ),
        )


#: A person's answers to review pairs, one file per import, outside the import's versioned
#: folder so that re-importing (which replaces that folder) keeps them.
DECISIONS = "decisions"
_DECISION_COLUMNS = ("decision", "left", "right", "decided_at")


def decisions_path(home: Path, name: str) -> Path:
    return home / DECISIONS / f"{name}.csv"


def review_path(home: Path, name: str) -> Path | None:
    """The review file of an import: in its workspace folder (memory store) or under
    ``reviews/`` (Neo4j); None when the import has none."""
    for path in (imports_root(home) / name / REVIEW, home / "reviews" / f"{name}.csv"):
        if path.is_file():
            return path
    return None


def read_review(home: Path, name: str) -> list[dict[str, str]]:
    """The rows of an import's review file (empty when there is none)."""
    path = review_path(home, name)
    if path is None:
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def read_decision_rows(home: Path, name: str) -> list[dict[str, str]]:
    path = decisions_path(home, name)
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_decisions(home: Path, name: str) -> Decisions:
    """The decisions the next import under ``name`` applies; a later answer wins."""
    return Decisions.of(
        (row["left"], row["right"], row["decision"] == "accept")
        for row in read_decision_rows(home, name)
    )


def record_decision(home: Path, name: str, left: str, right: str, accept: bool) -> Path:
    """Append a decision about the pair (``left``, ``right``) of the import ``name``."""
    if not _NAME.fullmatch(name):
        raise ConfigError(
            f"import name {name!r}: use lower-case letters, digits and single hyphens"
        )
    if not left.strip() or not right.strip():
        raise ConfigError("both names of the pair are needed")
    path = decisions_path(home, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.is_file()
    with workspace_lock(home), path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if new:
            writer.writerow(_DECISION_COLUMNS)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        writer.writerow(["accept" if accept else "reject", left.strip(), right.strip(), now])
    return path


def _write_review(path: Path, review: Sequence[ReviewPair]) -> None:
    _write_csv(
        path,
        ("left", "right", "country", "score", "reason", "left_rows", "right_rows", "right_uid"),
        (
            [
                pair.left,
                pair.right,
                pair.country or "",
                f"{pair.score:g}",
                pair.reason,
                pair.left_origin,
                pair.right_origin,
                pair.right_uid,
            ]
            for pair in review
        ),
        for_people=True,
    )


def write_import(
    home: Path,
    name: str,
    dataset: Dataset,
    *,
    source_ids: Sequence[str],
    files: Sequence[dict[str, str]],
    review: Sequence[ReviewPair] = (),
    stats: dict[str, int] | None = None,
    created_at: str | None = None,
    verify: Callable[[], None] | None = None,
) -> Path:
    """Write (or replace) the import ``home/imports/<name>`` and return that path.

    The version is written into a hidden folder, then the link ``<name>`` is pointed at it in
    one atomic ``os.replace``. ``verify`` runs once the new version is in place; if it raises,
    the link is pointed back at the earlier version (if any) and the error propagates. Call
    it holding :func:`workspace_lock`.
    """
    root = imports_root(home)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    root.mkdir(parents=True, exist_ok=True)
    target = root / name
    version = Path(tempfile.mkdtemp(prefix=f".{name}.v-{os.getpid()}-", dir=root))
    try:
        write_dataset(version, dataset)
        _write_review(version / REVIEW, review)
        manifest: dict[str, Any] = {
            "name": name,
            "created_at": created_at or now,
            "imported_at": now,
            "source_ids": list(source_ids),
            "files": list(files),
            "nodes": len(dataset.nodes),
            "relationships": len(dataset.edges),
            "stats": dict(sorted((stats or {}).items())),
        }
        (version / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        earlier = os.readlink(target) if target.is_symlink() else None
        moved = None
        if earlier is None and target.exists():
            # A folder written before imports were links: moved aside once (the only moment
            # the import is missing), restored by clean_stale if this process dies now.
            moved = root / f".{name}.old-{os.getpid()}"
            target.rename(moved)
        _point(root, name, version.name)
        try:
            if verify is not None:
                verify()
        except BaseException:
            if earlier is not None:
                _point(root, name, earlier)
            else:
                target.unlink()
                if moved is not None:
                    moved.rename(target)
            raise
        if moved is not None:
            shutil.rmtree(moved, ignore_errors=True)
        if earlier is not None:
            # Left for readers that resolved the old link; clean_stale removes it later.
            retired = root / earlier
            if retired.is_dir() and not retired.is_symlink():
                os.utime(retired)
    except BaseException:
        shutil.rmtree(version, ignore_errors=True)
        raise
    return target


def _point(root: Path, name: str, version: str) -> None:
    """Make ``root/name`` a link to ``root/version``, atomically (a relative link, so the
    workspace can be moved)."""
    link = root / f".{name}.link-{os.getpid()}-{secrets.token_hex(4)}"
    os.symlink(version, link)
    try:
        os.replace(link, root / name)
    except BaseException:
        link.unlink(missing_ok=True)
        raise


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # we hold the lock: nothing of ours is in flight
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale(home: Path, *, now: float | None = None) -> list[str]:
    """Remove what killed imports left in ``home/imports`` and return the names removed.

    Call it holding :func:`workspace_lock`. A version folder no link points to, a temporary
    link, or a folder moved aside is removed when the process that made it is gone (or the
    entry is older than a day) and it is older than :data:`STALE_GRACE` seconds; a folder
    moved aside whose import is missing is put back instead.
    """
    root = imports_root(home)
    if not root.is_dir():
        return []
    now = time.time() if now is None else now
    live = {
        os.readlink(entry)
        for entry in root.iterdir()
        if not entry.name.startswith(".") and entry.is_symlink()
    }
    removed: list[str] = []
    for entry in sorted(root.iterdir()):
        if not entry.name.startswith(".") or entry.name == LOCK:
            continue
        try:
            age = now - entry.lstat().st_mtime
        except FileNotFoundError:
            continue
        match = _TEMP.fullmatch(entry.name)
        if match is None:
            if _LEGACY_STAGING.fullmatch(entry.name) and entry.is_dir() and age > STALE_GRACE:
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry.name)
            continue
        gone = not _alive(int(match["pid"])) or age > _STALE_AGE
        if not gone or entry.name in live:
            continue
        if match["kind"] == "link":
            entry.unlink(missing_ok=True)
        elif age <= STALE_GRACE:
            continue
        elif match["kind"] == "old" and not os.path.lexists(root / match["name"]):
            entry.rename(root / match["name"])  # the import went missing with its process
            continue
        elif entry.is_symlink() or not entry.is_dir():
            entry.unlink(missing_ok=True)
        else:
            shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry.name)
    return removed


@contextmanager
def workspace_lock(home: Path, *, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the workspace's import lock (``imports/.lock``), waiting at most ``timeout``
    seconds for another process; raise :class:`WorkspaceBusy` when it does not come free.
    Leftovers of killed imports are cleaned up (:func:`clean_stale`) once it is held."""
    root = imports_root(home)
    root.mkdir(parents=True, exist_ok=True)
    path = root / LOCK
    handle = path.open("a+", encoding="utf-8")
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    raise WorkspaceBusy(
                        f"the workspace {root} is locked by another import ({holder}) and "
                        f"stayed locked for {timeout:g} s; try again when it has finished"
                    ) from None
                time.sleep(0.05)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        clean_stale(home)
        yield
    finally:
        handle.close()  # closing the file releases the lock


# -- reading layers ------------------------------------------------------------------------


class _LayerReader:
    """Reads one import folder; cross-layer checks happen once all layers are in."""

    def __init__(self, directory: Path, known_sources: set[str], shown: Path | None = None) -> None:
        self.directory = directory
        self.shown = shown or directory
        self.issues: list[DataIssue] = []
        self.sources = known_sources
        self.own: set[str] = set()
        self.nodes: list[tuple[Record, Node]] = []
        self.edges: list[tuple[Record, Edge]] = []

    def display(self, path: Path) -> str:
        """The path as the user knows it: under ``imports/<name>``, not the version folder."""
        try:
            return str(self.shown / path.relative_to(self.directory))
        except ValueError:
            return str(path)

    def typed(self, record: Record, spec: dict[str, PropType], owner: str) -> dict[str, PropValue]:
        values: dict[str, PropValue] = {}
        for column in record.header:
            if column in _NODE_COLUMNS or column in _EDGE_COLUMNS:
                continue
            if column not in spec:
                self.issues.append(record.issue(column, f"{owner} has no such property"))
                continue
            value = typed_cell(record, column, spec[column], owner, self.issues)
            if value is not None:
                values[column] = value
        return values

    def cited(self, record: Record) -> tuple[str, ...]:
        ids = tuple(
            item.strip()
            for item in record.cells.get("sources", "").split(LIST_SEPARATOR)
            if item.strip()
        )
        if not ids:
            self.issues.append(record.issue("sources", "every fact needs at least one source id"))
        for source_id in ids:
            if source_id not in self.sources:
                self.issues.append(record.issue("sources", "unknown source id", source_id))
        return ids

    def read(self) -> None:
        path = self.directory / "sources.csv"
        if not path.is_file():
            self.issues.append(DataIssue(self.display(path), None, None, "missing sources.csv"))
            return
        for record in read_csv_records(path, self.display(path), self.issues):
            source_id = record.cells.get("id", "")
            if uid_problem(NodeLabel.SOURCE, f"source:{source_id}"):
                self.issues.append(record.issue("id", "not a source id", source_id))
                continue
            values = self.typed(
                record,
                NODE_PROPERTIES[NodeLabel.SOURCE] | {"id": PropType.STR, "title": PropType.STR},
                NodeLabel.SOURCE.value,
            )
            title = str(values.pop("title", source_id))
            values.pop("id", None)
            self.sources.add(source_id)
            self.own.add(source_id)
            node = Node(
                uid=f"source:{source_id}",
                label=NodeLabel.SOURCE,
                name=title,
                sources=(source_id,),
                properties=values,
            )
            self.nodes.append((record, node))
        for path in sorted((self.directory / "nodes").glob("*.csv")):
            label = FILE_LABELS.get(path.name.split(".", 1)[0])
            if label is None:
                self.issues.append(DataIssue(self.display(path), None, None, "unknown node file"))
                continue
            for record in read_csv_records(path, self.display(path), self.issues):
                self.read_node(record, label)
        for path in sorted((self.directory / "edges").glob("*.csv")):
            try:
                rel = RelType(path.name.split(".", 1)[0].upper())
            except ValueError:
                self.issues.append(DataIssue(self.display(path), None, None, "unknown edge file"))
                continue
            for record in read_csv_records(path, self.display(path), self.issues):
                self.read_edge(record, rel)

    def read_node(self, record: Record, label: NodeLabel) -> None:
        uid, name = record.cells.get("uid", ""), record.cells.get("name", "")
        problem = uid_problem(label, uid)
        if problem:
            self.issues.append(record.issue("uid", problem, uid))
            return
        if not name:
            self.issues.append(record.issue("name", "required value is empty"))
            return
        self.nodes.append(
            (
                record,
                Node(
                    uid=uid,
                    label=label,
                    name=name,
                    name_en=record.cells.get("name_en") or None,
                    sources=self.cited(record),
                    valid_from=record.cells.get("valid_from") or None,
                    valid_to=record.cells.get("valid_to") or None,
                    properties=self.typed(record, NODE_PROPERTIES[label], label.value),
                ),
            )
        )

    def read_edge(self, record: Record, rel: RelType) -> None:
        source, target = record.cells.get("from", ""), record.cells.get("to", "")
        if not source or not target:
            self.issues.append(record.issue("from" if not source else "to", "required value"))
            return
        self.edges.append(
            (
                record,
                Edge(
                    type=rel,
                    source=source,
                    target=target,
                    key=record.cells.get("key", ""),
                    sources=self.cited(record),
                    valid_from=record.cells.get("valid_from") or None,
                    valid_to=record.cells.get("valid_to") or None,
                    properties=self.typed(record, EDGE_PROPERTIES[rel], rel.value),
                ),
            )
        )


def read_layers(
    base: Dataset, directories: Sequence[Path], shown: Sequence[Path] | None = None
) -> Dataset:
    """``base`` (the validated curated data) with each import folder layered on top, in
    order; raise DataError listing every problem before anything is written. ``shown``: the
    paths to name in messages (the import links), one per directory."""
    nodes: dict[str, Node] = {node.uid: node for node in base.nodes}
    edges: dict[str, Edge] = {edge.id: edge for edge in base.edges}
    origins = dict(base.origins)
    sources = {
        uid.removeprefix("source:") for uid, n in nodes.items() if n.label == NodeLabel.SOURCE
    }
    issues: list[DataIssue] = []
    pending: list[tuple[Record, Edge]] = []
    for index, directory in enumerate(directories):
        reader = _LayerReader(directory, sources, shown[index] if shown else None)
        reader.read()
        issues.extend(reader.issues)
        for record, node in reader.nodes:
            existing = nodes.get(node.uid)
            if existing is not None and existing.label != node.label:
                issues.append(
                    record.issue(
                        "uid",
                        f"already a {existing.label.value} (at {origins.get(node.uid)})",
                        node.uid,
                    )
                )
                continue
            nodes[node.uid] = merge_node(existing, node, reader.own)
            origins.setdefault(node.uid, f"{record.file}:{record.line}")
        for record, edge in reader.edges:
            edges[edge.id] = merge_edge(edges.get(edge.id), edge, reader.own)
            origins.setdefault(edge.id, f"{record.file}:{record.line}")
            pending.append((record, edge))
    for record, edge in pending:
        allowed_from, allowed_to = EDGE_ENDPOINTS[edge.type]
        for column, uid, allowed in (
            ("from", edge.source, allowed_from),
            ("to", edge.target, allowed_to),
        ):
            end = nodes.get(uid)
            if end is None:
                issues.append(
                    record.issue(
                        column,
                        "refers to a node that is in neither data/ nor an earlier import; "
                        "re-import the file",
                        uid,
                    )
                )
            elif end.label not in allowed:
                issues.append(
                    record.issue(column, f"{edge.type.value} cannot join a {end.label.value}", uid)
                )
    if issues:
        raise DataError(issues)
    return Dataset(nodes=list(nodes.values()), edges=list(edges.values()), origins=origins)


#: Folder of ``data/`` holding bundled layers: built from third-party files by a script of
#: ``tools/data/`` (keep.eu's projects of the ERB area), in the workspace import format, so
#: they merge onto the curated data by the same rule as a user's import.
LAYERS = "layers"
#: The source id of the bundled keep.eu layer; its terms ask for credit wherever it is used.
KEEP_EU_SOURCE = "keep-eu-interreg-2014-2020-closed"


def bundled_layers(data_dir: Path) -> list[Path]:
    """The layer folders of ``data_dir`` (``layers/<name>/``), in name order."""
    folder = data_dir / LAYERS
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if path.is_dir())


def read_bundle(data_dir: Path, *, layers: bool = True) -> Dataset:
    """``data_dir`` validated, with its bundled layers (unless ``layers`` is false) on top."""
    base = read_dataset(data_dir)
    found = bundled_layers(data_dir) if layers else []
    return read_layers(base, found) if found else base


def read_workspace(settings: Settings) -> Dataset:
    """The bundled data (with its layers) and every workspace import, layered and validated."""
    base = read_bundle(settings.data_dir, layers=settings.layers)
    imports = list_imports(settings.home)
    if not imports:
        return base
    return read_layers(base, [info.data for info in imports], [info.path for info in imports])


#: What each memory store was built from (see :func:`_state`): an import reloads a store
#: whose workspace another process changed since, so it plans against what is there.
_BUILT_FROM: weakref.WeakKeyDictionary[MemoryStore, tuple[tuple[str, str], ...]] = (
    weakref.WeakKeyDictionary()
)


def _state(home: Path) -> tuple[tuple[str, str], ...]:
    return tuple((info.name, str(info.data)) for info in list_imports(home))


def load_workspace(
    store: GraphStore, settings: Settings, *, progress: Progress | None = None
) -> LoadReport:
    """Load ``data/`` and the workspace imports into ``store``, all or nothing."""
    state = _state(settings.home)
    report = load_dataset(store, read_workspace(settings), progress=progress)
    if isinstance(store, MemoryStore):
        _BUILT_FROM[store] = state
    return report


# -- importing -----------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    """What ``partnergraph import keep`` did (or, with ``dry_run``, would do)."""

    result: KeepImport
    changes: ChangeSet
    written: bool
    folder: Path | None
    review_file: Path | None
    replaces: ImportInfo | None


def import_keep(
    store: GraphStore,
    settings: Settings,
    paths: Sequence[Path],
    *,
    name: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    today: dt.date | None = None,
    lock_timeout: float = LOCK_TIMEOUT,
) -> ImportOutcome:
    """Read keep.eu exports, plan the changes against ``store`` and apply them, all or
    nothing; with the memory store, keep the import in the workspace so it survives restarts.

    Imports (not dry runs) hold the workspace lock from before they look at the workspace
    until they are written, waiting at most ``lock_timeout`` seconds for another import.

    Raises DataError, with nothing written anywhere, when any row of any file is bad, and
    WorkspaceBusy when another import holds the lock for too long.
    """
    name = name or import_name(paths)
    if not _NAME.fullmatch(name):
        raise ConfigError(
            f"import name {name!r}: use lower-case letters, digits and single hyphens"
        )
    if dry_run:
        return _import(store, settings, paths, name, True, progress, today)
    with workspace_lock(settings.home, timeout=lock_timeout):
        built_from = _BUILT_FROM.get(store) if isinstance(store, MemoryStore) else None
        if isinstance(store, MemoryStore) and built_from not in (None, _state(settings.home)):
            # Another process imported while this one waited: start from what it wrote.
            fresh = MemoryStore()
            load_workspace(fresh, settings, progress=progress)
            swap_memory_store(store, fresh)
            _BUILT_FROM[store] = _BUILT_FROM[fresh]
        return _import(store, settings, paths, name, False, progress, today)


def _import(
    store: GraphStore,
    settings: Settings,
    paths: Sequence[Path],
    name: str,
    dry_run: bool,
    progress: Progress | None,
    today: dt.date | None,
) -> ImportOutcome:
    previous = next((info for info in list_imports(settings.home) if info.name == name), None)
    own = {source_id_for(path) for path in paths}
    if previous is not None:
        own |= set(previous.source_ids)
    context = StoreContext.from_store(store, ignore_sources=own)
    context.decisions = read_decisions(settings.home, name)
    result = read_keep(paths, context, name=name, today=today, progress=progress)
    changes = plan_changes(store, result.dataset, own)
    outcome = ImportOutcome(result, changes, False, None, None, previous)
    if dry_run:
        return outcome
    outcome.written = not changes.empty
    if isinstance(store, MemoryStore):
        if changes.empty and previous is not None:
            outcome.folder = previous.path
        else:
            # The memory store becomes exactly what the next start will build: data/ and
            # the workspace, re-read and validated, swapped in only when complete.
            rebuilt = MemoryStore()

            def verify() -> None:
                load_dataset(rebuilt, read_workspace(settings), progress=progress)

            outcome.folder = write_import(
                settings.home,
                name,
                result.dataset,
                source_ids=result.source_ids,
                files=result.files,
                review=result.review,
                stats=dict(result.stats),
                created_at=previous.created_at if previous else None,
                verify=verify,
            )
            swap_memory_store(store, rebuilt)
            _BUILT_FROM[store] = _state(settings.home)
        outcome.review_file = outcome.folder / REVIEW
    else:
        apply_changes(store, changes, progress=progress)
        outcome.review_file = settings.home / "reviews" / f"{name}.csv"
        _write_review(outcome.review_file, result.review)
    return outcome
