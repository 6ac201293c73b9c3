"""Exports for the tools researchers already use: GraphML, GEXF, node-link JSON and CSV.

One selection (the graph as of ``at``, optionally narrowed to the evidence around some
priorities) is turned into one networkx MultiDiGraph with plain attributes, and each format
writes that graph, so the four files always agree on what they contain.

What every format keeps, under the same attribute names as ``GET /v1/graph``:

- nodes: id = ``uid``; ``uid``, ``label`` (display name in ``lang``, what Gephi and Cytoscape
  show), ``type`` (primary label: Region, Municipality …, for partitioning), ``labels``,
  ``name``, ``name_en``, ``valid_from``, ``valid_to``, ``sources`` and the node's own
  properties (``teryt``, ``kind``, ``budget_eur`` …);
- edges: key/id = ``Edge.id`` (``TYPE|from|to|key``); ``relationship`` and ``label`` (the
  relationship type), ``valid_from``, ``valid_to``, ``sources`` and the edge's own properties.
  (Not ``type``: GEXF and Gephi's CSV import reserve it for directed/undirected.)

Format specifics: GraphML and GEXF cannot hold lists, so lists are joined with ``|``; GEXF is
written in dynamic mode with ``start``/``end`` spells from ``valid_from``/``valid_to`` (Gephi's
timeline); JSON keeps lists and adds the table of the sources cited; CSV writes ``nodes.csv``,
``edges.csv`` and ``sources.csv`` into a folder or a zip, where a text that a spreadsheet
would evaluate (starting with ``= + - @``, tab or carriage return) gets a leading ``'``
(:mod:`partnergraph.csvsafe`). Source nodes (citations, with no
relationships) are left out of the network unless ``include_sources`` asks for them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Literal, get_args

import networkx as nx

from partnergraph import __version__
from partnergraph.csvsafe import safe_cell
from partnergraph.errors import ConfigError, QueryError
from partnergraph.graph.store import GraphStore
from partnergraph.model import Edge, Node, NodeLabel, PropValue, RelType, sort_edges, sort_nodes
from partnergraph.queries.snapshot import snapshot

__all__ = [
    "FORMATS",
    "ExportFormat",
    "ExportSummary",
    "export_graph",
    "export_networkx",
    "graph_of",
    "priority_uids",
    "render",
    "select",
]

ExportFormat = Literal["graphml", "gexf", "json", "csv"]
FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)
Lang = Literal["pl", "en"]
Destination = str | Path | IO[bytes]

#: What ties a priority to the rest of the graph (see :func:`select`).
_EVIDENCE_TYPES = (RelType.ADDRESSES, RelType.COVERS, RelType.FOCUSES_ON, RelType.DEFINES)
_PARTIES = {
    NodeLabel.PROJECT: (RelType.PARTICIPATES_IN, RelType.FUNDED_BY),
    NodeLabel.AGREEMENT: (RelType.SIGNED_BY,),
    NodeLabel.NETWORK: (RelType.MEMBER_OF,),
}
_SOURCE_COLUMNS = ("id", "title", "url", "document", "retrieved", "confidence", "licence")
_NODE_COLUMNS = ("id", "uid", "label", "type", "labels", "name", "name_en")
_EDGE_COLUMNS = ("id", "source", "target", "relationship", "label")
_DATED_COLUMNS = ("valid_from", "valid_to", "sources")
_GEXF_DATE = re.compile(r' lastmodifieddate="[^"]*"')


@dataclass(frozen=True)
class ExportSummary:
    """What was written: for the CLI's message and for scripts that check an export."""

    format: ExportFormat
    nodes: int
    edges: int
    sources: int
    destination: str


def priority_uids(store: GraphStore, priorities: Iterable[str]) -> list[str]:
    """Priority uids for what a user named: a priority uid, or a strategy or programme uid
    standing for every priority it defines. Unknown uids raise NotFound."""
    found: dict[str, None] = {}
    for uid in priorities:
        node = store.node(uid)
        if node.label == NodeLabel.PRIORITY:
            found[uid] = None
        elif node.label in (NodeLabel.STRATEGY, NodeLabel.PROGRAMME):
            for edge in store.edges(RelType.DEFINES, uid=uid):
                if edge.source == uid:
                    found[edge.target] = None
        else:
            raise QueryError(
                f"{uid} is a {node.label.value}; --priority takes a Priority, Strategy or "
                "Programme uid"
            )
    return list(found)


def _priority_selection(view: GraphStore, priorities: Sequence[str]) -> set[str]:
    """The evidence around ``priorities``: the priorities and those aligned with them
    (ALIGNS_WITH, one step), what defines, addresses, covers or focuses on any of them, and
    for the projects, agreements and networks among those, their partners, programmes,
    signatories and members.
    It is the ground ``partners_for_priority`` ranks on, so a researcher can check a ranking
    in Gephi."""
    chosen = set(priority_uids(view, priorities))
    aligned = {
        n.node.uid
        for uid in chosen
        for n in view.neighbours(uid, types=[RelType.ALIGNS_WITH])
        if n.node.label == NodeLabel.PRIORITY
    }
    chosen |= aligned
    evidence: set[str] = set()
    for uid in sorted(chosen):
        evidence.update(n.node.uid for n in view.neighbours(uid, types=list(_EVIDENCE_TYPES)))
    parties: set[str] = set()
    for node in view.get_nodes(sorted(evidence)).values():
        types = _PARTIES.get(node.label)
        if types:
            parties.update(n.node.uid for n in view.neighbours(node.uid, types=list(types)))
    return chosen | evidence | parties


def select(
    store: GraphStore,
    *,
    at: dt.date | None = None,
    priority: str | Sequence[str] | None = None,
    include_sources: bool = False,
) -> tuple[list[Node], list[Edge]]:
    """The nodes and edges an export holds, sorted.

    Parameters
    ----------
    store : the graph.
    at : only what holds on this day (nodes and edges; edges to a node outside it go too).
    priority : one or more Priority uids (or Strategy/Programme uids for all their
        priorities); then only the evidence around them (see ``_priority_selection``).
    include_sources : also the Source nodes cited by what is exported.
    """
    view = snapshot(store, at)
    if priority is None or (not isinstance(priority, str) and not priority):
        nodes = [node for node in view.nodes() if node.label != NodeLabel.SOURCE]
        uids = {node.uid for node in nodes}
        edges = [e for e in view.edges() if e.source in uids and e.target in uids]
    else:
        wanted = [priority] if isinstance(priority, str) else list(priority)
        part = view.subgraph(_priority_selection(view, wanted))
        nodes, edges = list(part.nodes), list(part.edges)
    if include_sources:
        cited = _cited(nodes, edges)
        present = {node.uid for node in nodes}
        extra = view.get_nodes(f"source:{sid}" for sid in sorted(cited))
        nodes += [node for uid, node in extra.items() if uid not in present]
    return sort_nodes(nodes), sort_edges(edges)


def _cited(nodes: Iterable[Node], edges: Iterable[Edge]) -> set[str]:
    ids: set[str] = set()
    for node in nodes:
        ids.update(node.sources)
    for edge in edges:
        ids.update(edge.sources)
    return ids


def _flat(value: PropValue | Sequence[str], flatten: bool) -> Any:
    if isinstance(value, list | tuple):
        return "|".join(value) if flatten else list(value)
    return value


def _node_attrs(node: Node, lang: Lang, *, flatten: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "uid": node.uid,
        "label": node.display_name(lang),
        "type": node.label.value,
        "labels": node.labels,
        "name": node.name,
        "name_en": node.name_en,
        "valid_from": node.valid_from,
        "valid_to": node.valid_to,
        "sources": node.sources,
        **node.properties,
    }
    return {key: _flat(value, flatten) for key, value in data.items() if value is not None}


def _edge_attrs(edge: Edge, *, flatten: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "relationship": edge.type.value,
        "label": edge.type.value,
        "valid_from": edge.valid_from,
        "valid_to": edge.valid_to,
        "sources": edge.sources,
        **edge.properties,
    }
    return {key: _flat(value, flatten) for key, value in data.items() if value is not None}


def _graph_attrs(
    store: GraphStore, at: dt.date | None, priority: str | Sequence[str] | None, lang: Lang
) -> dict[str, Any]:
    wanted = [priority] if isinstance(priority, str) else list(priority or [])
    return {
        "name": "partnergraph",
        "partnergraph_version": __version__,
        "data_version": store.data_version(),
        "at": at.isoformat() if at else "",
        "priority": "|".join(wanted),
        "lang": lang,
    }


def export_networkx(
    store: GraphStore,
    *,
    at: dt.date | None = None,
    priority: str | Sequence[str] | None = None,
    lang: Lang = "pl",
    include_sources: bool = False,
    flatten: bool = False,
) -> nx.MultiDiGraph:
    """The export as a networkx MultiDiGraph with plain attributes (see the module docs).

    Unlike ``store.to_networkx()``, whose attributes are the model objects, this graph can be
    handed to any networkx writer or algorithm as it is. ``flatten`` joins lists with ``|``
    (what GraphML and GEXF need); missing values are left out, never ``None``.

    Examples
    --------
    >>> graph = export_networkx(store, at=dt.date(2020, 1, 1))  # doctest: +SKIP
    >>> graph.nodes["teryt:2261011"]["label"]
    'Gdańsk'
    """
    nodes, edges = select(store, at=at, priority=priority, include_sources=include_sources)
    return graph_of(nodes, edges, _graph_attrs(store, at, priority, lang), lang, flatten=flatten)


def graph_of(
    nodes: Iterable[Node],
    edges: Iterable[Edge],
    attrs: dict[str, Any],
    lang: Lang,
    *,
    flatten: bool,
) -> nx.MultiDiGraph:
    """Nodes and edges as a networkx graph with plain attributes (the export's and the API's
    ``/v1/graph``: one writer for both); ``attrs`` are the graph's own (None left out when
    ``flatten``, as GraphML and GEXF cannot hold it)."""
    graph = nx.MultiDiGraph(**{k: v for k, v in attrs.items() if v is not None or not flatten})
    for node in nodes:
        graph.add_node(node.uid, **_node_attrs(node, lang, flatten=flatten))
    for edge in edges:
        graph.add_edge(edge.source, edge.target, key=edge.id, **_edge_attrs(edge, flatten=flatten))
    return graph


def _source_rows(store: GraphStore, ids: Iterable[str]) -> list[dict[str, str]]:
    """The cited sources as ``data/sources.csv`` describes them, by id."""
    wanted = sorted(set(ids))
    nodes = store.get_nodes(f"source:{sid}" for sid in wanted)
    rows = []
    for sid in wanted:
        node = nodes.get(f"source:{sid}")
        row = {"id": sid, "title": node.name if node else sid}
        for column in _SOURCE_COLUMNS[2:]:
            value = node.properties.get(column) if node else None
            row[column] = value if isinstance(value, str) else ""
        rows.append(row)
    return rows


def _gexf_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The flattened graph with GEXF's dynamic spells: ``start``/``end`` from the dates,
    and the edge id as GEXF edge id."""
    dynamic = nx.MultiDiGraph(**{**graph.graph, "mode": "dynamic"})
    for uid, data in graph.nodes(data=True):
        dynamic.add_node(uid, **data, **_spell(data))
    for source, target, key, data in graph.edges(keys=True, data=True):
        dynamic.add_edge(source, target, key=key, id=key, **data, **_spell(data))
    return dynamic


def _spell(data: dict[str, Any]) -> dict[str, str]:
    spell = {}
    if "valid_from" in data:
        spell["start"] = data["valid_from"]
    if "valid_to" in data:
        spell["end"] = data["valid_to"]
    return spell


def render(
    graph: nx.MultiDiGraph,
    fmt: ExportFormat,
    sources: list[dict[str, str]] | None = None,
    *,
    compact: bool = False,
) -> bytes:
    """A :func:`graph_of` graph as JSON (node-link, with ``sources`` when given), GraphML or
    GEXF (with its dynamic spells from the dates); ``compact`` JSON for the API. The same
    content always gives the same bytes (no writer's date), so ETags hold."""
    if fmt == "json":
        data = nx.node_link_data(graph, edges="links")
        if sources is not None:
            data["graph"]["sources"] = sources
        if compact:
            return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()
    if fmt == "graphml":
        return ("\n".join(nx.generate_graphml(graph)) + "\n").encode()
    # The writer stamps today's date; without it one data version gives one file.
    text = "\n".join(nx.generate_gexf(_gexf_graph(graph)))
    return (_GEXF_DATE.sub("", text, count=1) + "\n").encode()


def _csv_text(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return buffer.getvalue()


def _cell(value: Any) -> str:
    # Opened in spreadsheets: text that could be evaluated as a formula is quoted (csvsafe).
    return safe_cell(value)


def _columns(rows: Sequence[dict[str, Any]], first: Sequence[str]) -> list[str]:
    rest = sorted({key for row in rows for key in row} - set(first) - set(_DATED_COLUMNS))
    return [*first, *_DATED_COLUMNS, *rest]


def _csv_files(graph: nx.MultiDiGraph, sources: list[dict[str, str]]) -> dict[str, str]:
    """``nodes.csv`` (Gephi's ``id``/``label`` first), ``edges.csv`` (``source``/``target``),
    ``sources.csv``; lists joined with ``|`` like in ``data/``."""
    node_rows = [{"id": uid, **data} for uid, data in graph.nodes(data=True)]
    edge_rows = [
        {"id": key, "source": source, "target": target, **data}
        for source, target, key, data in graph.edges(keys=True, data=True)
    ]
    return {
        "nodes.csv": _csv_text(node_rows, _columns(node_rows, _NODE_COLUMNS)),
        "edges.csv": _csv_text(edge_rows, _columns(edge_rows, _EDGE_COLUMNS)),
        "sources.csv": _csv_text(sources, _SOURCE_COLUMNS),
    }


def _zip(files: dict[str, str], stream: IO[bytes]) -> None:
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            # A fixed timestamp: the same data gives the same archive.
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode())


def export_graph(
    store: GraphStore,
    fmt: ExportFormat,
    path_or_stream: Destination,
    at: dt.date | None = None,
    priority: str | Sequence[str] | None = None,
    *,
    lang: Lang = "pl",
    include_sources: bool = False,
) -> ExportSummary:
    """Write the graph (as of ``at``, around ``priority``) in one of :data:`FORMATS`.

    Parameters
    ----------
    store : the graph.
    fmt : ``graphml``, ``gexf``, ``json`` (networkx node-link) or ``csv``.
    path_or_stream : a file path, or a binary stream. For ``csv`` a path ending in ``.zip``
        or a stream gets a zip of ``nodes.csv``, ``edges.csv`` and ``sources.csv``; any other
        path is a folder (created if missing) that receives the three files.
    at : only what holds on this day.
    priority : Priority uid(s), or Strategy/Programme uids; only the evidence around them.
    lang : language of the ``label`` attribute (``name`` and ``name_en`` are both kept).
    include_sources : also write the cited Source nodes into the network.

    Returns
    -------
    ExportSummary : counts and where it went.

    Raises
    ------
    ConfigError : an unknown format.
    NotFound / QueryError : an unknown or unsuitable ``priority`` uid.

    Examples
    --------
    >>> export_graph(store, "gexf", "erb.gexf", at=dt.date(2021, 1, 1))  # doctest: +SKIP
    ExportSummary(format='gexf', nodes=…, edges=…, sources=…, destination='erb.gexf')
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    nodes, edges = select(store, at=at, priority=priority, include_sources=include_sources)
    attrs = _graph_attrs(store, at, priority, lang)
    graph = graph_of(nodes, edges, attrs, lang, flatten=fmt != "json")
    sources = _source_rows(store, _cited(nodes, edges))
    summary = ExportSummary(
        format=fmt,
        nodes=graph.number_of_nodes(),
        edges=graph.number_of_edges(),
        sources=len(sources),
        destination=str(path_or_stream) if isinstance(path_or_stream, str | Path) else "<stream>",
    )
    if fmt == "csv":
        files = _csv_files(graph, sources)
        if not isinstance(path_or_stream, str | Path):
            _zip(files, path_or_stream)
        elif str(path_or_stream).lower().endswith(".zip"):
            with open(path_or_stream, "wb") as stream:
                _zip(files, stream)
        else:
            folder = Path(path_or_stream)
            folder.mkdir(parents=True, exist_ok=True)
            for name, text in files.items():
                (folder / name).write_text(text, encoding="utf-8", newline="")
        return summary
    payload = render(graph, fmt, sources)
    if isinstance(path_or_stream, str | Path):
        Path(path_or_stream).write_bytes(payload)
    else:
        path_or_stream.write(payload)
    return summary
