"""From an import's contribution to a written graph: merge, validate, diff, apply.

An import contributes nodes and edges citing its own source(s). Before anything is written,
:func:`plan_changes` merges them with what the store already holds and checks the result
completely (uids, property types, enumerated values, endpoints and their labels, sources):
a data error raises :class:`~partnergraph.errors.DataError` and nothing is written.

Merging, per node or edge that already exists:

* cited only by this import (an earlier version of the same file): **replaced** — an updated
  export updates in place;
* cited by other sources too (curated data, another import): the existing values **stay**;
  the import only fills properties that are empty, adds its source id, and adds the name it
  used as an alias (where the label has aliases). Curated facts are never overwritten.

Nodes and edges cited only by an earlier version of this import and absent from the new one
are *stale*: the memory store drops them, Neo4j keeps them (the store contract has no delete;
see ``docs/ingest.md``).

All or nothing: :func:`apply_changes` rebuilds a memory store aside and swaps it in only when
complete (``workspace.import_keep`` goes further and rebuilds it from the workspace, so the
live graph is exactly what the next start builds). For any other store the writes are the
store's batched upserts, nodes first; a store that offers ``apply_changes(nodes, edges)`` (one
transaction, proposed in docs/ingest.md) is given the whole change set at once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from partnergraph.errors import DataError, DataIssue
from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.store import DEFAULT_BATCH_SIZE, GraphStore
from partnergraph.ingest.csv_source import Dataset
from partnergraph.model import (
    EDGE_ENDPOINTS,
    EDGE_PROPERTIES,
    ENUM_VALUES,
    NODE_PROPERTIES,
    Edge,
    Node,
    NodeLabel,
    PropType,
    PropValue,
    uid_problem,
)

__all__ = [
    "ChangeSet",
    "apply_changes",
    "merge_edge",
    "merge_node",
    "plan_changes",
    "swap_memory_store",
]

Progress = Callable[[str, int, int], None]


def _owned(sources: Iterable[str], own: set[str]) -> bool:
    listed = set(sources)
    return bool(listed) and listed <= own


def merge_node(existing: Node | None, new: Node, own: set[str]) -> Node:
    """``new`` as it should be stored given ``existing`` (see the module docstring)."""
    if existing is None or _owned(existing.sources, own):
        return new
    properties = dict(existing.properties)
    for key, value in new.properties.items():
        if key != "aliases":
            properties.setdefault(key, value)
    if "aliases" in NODE_PROPERTIES[existing.label]:
        current = properties.get("aliases")
        aliases = list(current) if isinstance(current, list) else []
        offered = new.properties.get("aliases")
        for alias in [new.name, *(offered if isinstance(offered, list) else [])]:
            if alias not in aliases and alias not in (existing.name, existing.name_en):
                aliases.append(alias)
        if aliases:
            properties["aliases"] = aliases
    return Node(
        uid=existing.uid,
        label=existing.label,
        name=existing.name,
        name_en=existing.name_en or new.name_en,
        sources=existing.sources + tuple(s for s in new.sources if s not in existing.sources),
        valid_from=existing.valid_from or new.valid_from,
        valid_to=existing.valid_to or new.valid_to,
        properties=properties,
    )


def merge_edge(existing: Edge | None, new: Edge, own: set[str]) -> Edge:
    """``new`` as it should be stored given ``existing`` (see the module docstring)."""
    if existing is None or _owned(existing.sources, own):
        return new
    properties = dict(existing.properties)
    for key, value in new.properties.items():
        properties.setdefault(key, value)
    return Edge(
        type=existing.type,
        source=existing.source,
        target=existing.target,
        key=existing.key,
        sources=existing.sources + tuple(s for s in new.sources if s not in existing.sources),
        valid_from=existing.valid_from or new.valid_from,
        valid_to=existing.valid_to or new.valid_to,
        properties=properties,
    )


@dataclass
class ChangeSet:
    """What an import would do to a store, ready to apply."""

    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    nodes_added: Counter[str] = field(default_factory=Counter)
    nodes_updated: Counter[str] = field(default_factory=Counter)
    nodes_unchanged: Counter[str] = field(default_factory=Counter)
    nodes_merged: Counter[str] = field(default_factory=Counter)
    edges_added: Counter[str] = field(default_factory=Counter)
    edges_updated: Counter[str] = field(default_factory=Counter)
    edges_unchanged: Counter[str] = field(default_factory=Counter)
    stale_nodes: list[Node] = field(default_factory=list)
    stale_edges: list[Edge] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.nodes or self.edges or self.stale_nodes or self.stale_edges)

    def rows(self) -> list[tuple[str, int, int, int, int, int]]:
        """(label or type, added, updated, of which merged into existing nodes, unchanged,
        stale) per node label, then per relationship type."""
        stale_nodes = Counter(node.label.value for node in self.stale_nodes)
        stale_edges = Counter(edge.type.value for edge in self.stale_edges)
        labels = sorted(
            set(self.nodes_added)
            | set(self.nodes_updated)
            | set(self.nodes_unchanged)
            | set(stale_nodes)
        )
        types = sorted(
            set(self.edges_added)
            | set(self.edges_updated)
            | set(self.edges_unchanged)
            | set(stale_edges)
        )
        table = [
            (
                label,
                self.nodes_added[label],
                self.nodes_updated[label],
                self.nodes_merged[label],
                self.nodes_unchanged[label],
                stale_nodes[label],
            )
            for label in labels
        ]
        table += [
            (
                rel,
                self.edges_added[rel],
                self.edges_updated[rel],
                0,
                self.edges_unchanged[rel],
                stale_edges[rel],
            )
            for rel in types
        ]
        return table


_ORIGIN = re.compile(r"^(?P<file>.*?)(?:\[(?P<sheet>[^\]]*)\])?:(?P<line>\d+)$")


def _issue(
    origin: str | None, message: str, field: str | None = None, value: str | None = None
) -> DataIssue:
    match = _ORIGIN.match(origin or "")
    if match:
        return DataIssue(
            match["file"], int(match["line"]), None, message, field, value, match["sheet"]
        )
    return DataIssue(origin or "<import>", None, None, message, field, value)


_PY_TYPES: dict[PropType, tuple[type, ...]] = {
    PropType.STR: (str,),
    PropType.INT: (int,),
    PropType.FLOAT: (float, int),
    PropType.BOOL: (bool,),
    PropType.DATE: (str,),
    PropType.STR_LIST: (list,),
}
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _property_issues(
    owner: str, spec: dict[str, PropType], properties: dict[str, PropValue], origin: str | None
) -> list[DataIssue]:
    issues = []
    for key, value in properties.items():
        kind = spec.get(key)
        if kind is None:
            issues.append(_issue(origin, f"{owner} has no property {key!r}", key))
            continue
        if not isinstance(value, _PY_TYPES[kind]) or (
            kind != PropType.BOOL and isinstance(value, bool)
        ):
            issues.append(_issue(origin, f"expected a {kind.value}", key, repr(value)))
            continue
        if kind == PropType.DATE and not _DATE.fullmatch(str(value)):
            issues.append(_issue(origin, "expected a date YYYY-MM-DD", key, str(value)))
        allowed = ENUM_VALUES.get((owner, key))
        if allowed is not None and value not in allowed:
            issues.append(
                _issue(origin, f"expected one of {', '.join(sorted(allowed))}", key, str(value))
            )
    return issues


def plan_changes(store: GraphStore, contribution: Dataset, own_sources: Iterable[str]) -> ChangeSet:
    """Merge ``contribution`` with the store, check everything, and count what would change.

    Raises DataError, before any write, when the merged graph would be invalid.
    """
    own = set(own_sources)
    origins = contribution.origins
    issues: list[DataIssue] = []
    changes = ChangeSet()
    uids = [node.uid for node in contribution.nodes]
    existing_nodes = store.get_nodes(uids)
    contributed: dict[str, Node] = {}
    for node in contribution.nodes:
        origin = origins.get(node.uid)
        problem = uid_problem(node.label, node.uid)
        if problem:
            issues.append(_issue(origin, problem, "uid", node.uid))
        issues += _property_issues(
            node.label.value, NODE_PROPERTIES[node.label], node.properties, origin
        )
        if node.uid in contributed:
            issues.append(_issue(origin, "the import defines this uid twice", "uid", node.uid))
        contributed[node.uid] = node
        existing = existing_nodes.get(node.uid)
        if existing is not None and existing.label != node.label:
            issues.append(
                _issue(
                    origin,
                    f"{node.uid} is already a {existing.label.value} in the graph, "
                    f"cannot become a {node.label.value}",
                    "uid",
                    node.uid,
                )
            )
            continue
        merged = merge_node(existing, node, own)
        kind = node.label.value
        if existing is None:
            changes.nodes_added[kind] += 1
        elif merged == existing:
            changes.nodes_unchanged[kind] += 1
            continue
        else:
            changes.nodes_updated[kind] += 1
            if not _owned(existing.sources, own):
                changes.nodes_merged[kind] += 1
        changes.nodes.append(merged)

    labels = {uid: node.label for uid, node in contributed.items()}
    endpoints = {uid for edge in contribution.edges for uid in (edge.source, edge.target)}
    outside = store.get_nodes(uid for uid in endpoints if uid not in labels)
    labels.update({uid: node.label for uid, node in outside.items()})
    known_sources = {
        uid.removeprefix("source:") for uid, lab in labels.items() if lab == NodeLabel.SOURCE
    }
    cited = {s for node in contribution.nodes for s in node.sources}
    cited |= {s for edge in contribution.edges for s in edge.sources}
    missing_sources = cited - known_sources
    if missing_sources:
        found = store.get_nodes(f"source:{sid}" for sid in missing_sources)
        missing_sources -= {uid.removeprefix("source:") for uid in found}
    for sid in sorted(missing_sources):
        issues.append(_issue(None, "cites a source that is not in the graph", "sources", sid))

    edge_ids = {edge.id for edge in contribution.edges}
    if len(edge_ids) != len(contribution.edges):
        duplicates = Counter(edge.id for edge in contribution.edges)
        for edge_id, count in duplicates.items():
            if count > 1:
                issues.append(
                    _issue(
                        origins.get(edge_id),
                        "the import defines this relationship twice",
                        None,
                        edge_id,
                    )
                )
    # One read per relationship type, not one per node: a Neo4j round trip each.
    existing_edges: dict[str, Edge] = {}
    present = set(outside) | set(existing_nodes)
    if present:
        for rel in sorted({edge.type for edge in contribution.edges}):
            for edge in store.edges(rel):
                if edge.id in edge_ids:
                    existing_edges[edge.id] = edge
    for edge in contribution.edges:
        origin = origins.get(edge.id)
        issues += _property_issues(
            edge.type.value, EDGE_PROPERTIES[edge.type], edge.properties, origin
        )
        allowed_from, allowed_to = EDGE_ENDPOINTS[edge.type]
        bad = False
        for end, uid, allowed in (
            ("from", edge.source, allowed_from),
            ("to", edge.target, allowed_to),
        ):
            label = labels.get(uid)
            if label is None:
                issues.append(_issue(origin, "refers to a node that is not in the graph", end, uid))
                bad = True
            elif label not in allowed:
                expected = ", ".join(sorted(a.value for a in allowed))
                issues.append(
                    _issue(
                        origin,
                        f"{edge.type.value} cannot {'start' if end == 'from' else 'end'} at a "
                        f"{label.value}; expected {expected}",
                        end,
                        uid,
                    )
                )
                bad = True
        if bad:
            continue
        existing_edge = existing_edges.get(edge.id)
        merged_edge = merge_edge(existing_edge, edge, own)
        kind = edge.type.value
        if existing_edge is None:
            changes.edges_added[kind] += 1
        elif merged_edge == existing_edge:
            changes.edges_unchanged[kind] += 1
            continue
        else:
            changes.edges_updated[kind] += 1
        changes.edges.append(merged_edge)
    if issues:
        raise DataError(issues)
    _find_stale(store, own, set(contributed), edge_ids, changes)
    return changes


def _find_stale(
    store: GraphStore, own: set[str], kept_nodes: set[str], kept_edges: set[str], changes: ChangeSet
) -> None:
    """What only an earlier version of this import said, and the new one no longer does."""
    if not own or not store.get_nodes(f"source:{sid}" for sid in own):
        return  # never imported before: nothing can be stale
    stale_edges = [
        edge for edge in store.edges() if edge.id not in kept_edges and _owned(edge.sources, own)
    ]
    stale_ids = {edge.id for edge in stale_edges}
    stale_nodes = [
        node
        for node in store.nodes()
        if node.uid not in kept_nodes
        and _owned(node.sources, own)
        and all(edge.id in stale_ids for edge in store.edges(uid=node.uid))
    ]
    changes.stale_nodes = stale_nodes
    changes.stale_edges = stale_edges


def _rebuilt(store: MemoryStore, changes: ChangeSet, batch_size: int) -> MemoryStore:
    """A new memory store: the current graph without stale items, plus the changes."""
    stale_nodes = {node.uid for node in changes.stale_nodes}
    stale_edges = {edge.id for edge in changes.stale_edges}
    built = MemoryStore()
    built.upsert_nodes([n for n in store.nodes() if n.uid not in stale_nodes], batch_size)
    built.upsert_nodes(changes.nodes, batch_size)
    built.upsert_edges(
        [
            e
            for e in store.edges()
            if e.id not in stale_edges
            and e.source not in stale_nodes
            and e.target not in stale_nodes
        ],
        batch_size,
    )
    built.upsert_edges(changes.edges, batch_size)
    return built


def swap_memory_store(store: MemoryStore, built: MemoryStore) -> None:
    """Make ``store`` hold the graph of ``built``: the caller's object now holds the new
    graph in one step, and never held half of it."""
    state = dict(vars(built))
    vars(store).clear()
    vars(store).update(state)


def apply_changes(
    store: GraphStore,
    changes: ChangeSet,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Progress | None = None,
) -> None:
    """Write a planned change set, all or nothing where the store allows it."""
    if changes.empty:
        return
    if isinstance(store, MemoryStore):
        swap_memory_store(store, _rebuilt(store, changes, batch_size))
        if progress:
            progress("nodes", len(changes.nodes), len(changes.nodes))
            progress("relationships", len(changes.edges), len(changes.edges))
        return
    transactional = getattr(store, "apply_changes", None)
    if callable(transactional):
        transactional(changes.nodes, changes.edges)
        return
    _write_batches(store, changes.nodes, changes.edges, batch_size, progress)


def _write_batches(
    store: GraphStore,
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    batch_size: int,
    progress: Progress | None,
) -> None:
    done = 0
    for start in range(0, len(nodes), batch_size):
        done += store.upsert_nodes(nodes[start : start + batch_size], batch_size)
        if progress:
            progress("nodes", done, len(nodes))
    done = 0
    for start in range(0, len(edges), batch_size):
        done += store.upsert_edges(edges[start : start + batch_size], batch_size)
        if progress:
            progress("relationships", done, len(edges))
