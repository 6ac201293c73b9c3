"""pandas DataFrames from the graph and from query answers, for notebooks.

Answers are nested pydantic models (results → evidence → supporting relationships); a table
wants one level. The rules, the same for every query:

- :func:`to_dataframe` gives one row per result. A nested node (``partner``) becomes
  ``partner_uid``, ``partner_label``, ``partner_name``; a nested mapping
  (``evidence_counts``) becomes one column per key; a list of named things (cluster
  ``members``, path ``nodes``) becomes the list of their names; any other list of records
  (``evidence``, ``hops``) becomes its length, ``n_evidence``. Lists of strings stay lists.
- :func:`evidence_frame` gives one row per evidence item, with the result it supports, so
  that every number in the first table can be traced to its sources.
- :func:`sources_frame` lists the sources an answer was computed from, for citing.
- :func:`matrix_frame` pivots ``gaps.coverage_matrix``: priorities × countries (or regions).
- :func:`nodes_frame` and :func:`edges_frame` tabulate nodes and edges, properties as columns.

pandas is an optional dependency (``pip install partnergraph[notebooks]``).
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import pandas as pd
from pydantic import BaseModel

from partnergraph.graph.store import GraphStore
from partnergraph.model import Edge, Node, NodeLabel, RelType, Subgraph
from partnergraph.queries.answers import Lang

__all__ = [
    "edges_frame",
    "evidence_frame",
    "matrix_frame",
    "nodes_frame",
    "sources_frame",
    "to_dataframe",
]


def nodes_frame(
    nodes: Iterable[Node] | Subgraph | GraphStore,
    *,
    label: NodeLabel | None = None,
    at: dt.date | None = None,
    lang: Lang = "pl",
) -> pd.DataFrame:
    """One row per node: ``uid``, ``label``, ``name`` (in ``lang``), ``name_pl``/``name_en``,
    dates, ``sources`` and each property as a column. A store is read whole (``label``,
    ``at`` narrow it)."""
    if isinstance(nodes, Subgraph):
        items: Iterable[Node] = nodes.nodes
    elif isinstance(nodes, GraphStore):
        items = nodes.nodes(label, at=at)
    else:
        items = nodes
    rows = [
        {
            "uid": node.uid,
            "label": node.label.value,
            "name": node.display_name(lang),
            "name_pl": node.name,
            "name_en": node.name_en,
            "valid_from": node.valid_from,
            "valid_to": node.valid_to,
            "sources": list(node.sources),
            **node.properties,
        }
        for node in items
        if label is None or node.label == label
    ]
    columns = ["uid", "label", "name", "name_pl", "name_en", "valid_from", "valid_to", "sources"]
    return _frame(rows, columns)


def edges_frame(
    edges: Iterable[Edge] | Subgraph | GraphStore,
    *,
    rel_type: RelType | None = None,
    at: dt.date | None = None,
) -> pd.DataFrame:
    """One row per relationship: ``type``, ``source``, ``target``, ``key``, dates,
    ``sources`` and each property as a column."""
    if isinstance(edges, Subgraph):
        items: Iterable[Edge] = edges.edges
    elif isinstance(edges, GraphStore):
        items = edges.edges(rel_type, at=at)
    else:
        items = edges
    rows = [
        {
            "type": edge.type.value,
            "source": edge.source,
            "target": edge.target,
            "key": edge.key,
            "valid_from": edge.valid_from,
            "valid_to": edge.valid_to,
            "sources": list(edge.sources),
            **edge.properties,
        }
        for edge in items
        if rel_type is None or edge.type == rel_type
    ]
    columns = ["type", "source", "target", "key", "valid_from", "valid_to", "sources"]
    return _frame(rows, columns)


def _frame(rows: list[dict[str, Any]], first: Sequence[str]) -> pd.DataFrame:
    rest: dict[str, None] = {}
    for row in rows:
        rest.update(dict.fromkeys(key for key in row if key not in first))
    return pd.DataFrame.from_records(rows, columns=[*first, *rest])


def _name_of(item: Mapping[str, Any]) -> str | None:
    """The name of a record, or of the one node nested in it (a broker's ``actor``)."""
    name = item.get("name")
    if isinstance(name, str):
        return name
    nested = [value for value in item.values() if isinstance(value, Mapping) and "name" in value]
    if len(nested) == 1 and isinstance(nested[0]["name"], str):
        return str(nested[0]["name"])
    return None


def _flatten(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in record.items():
        column = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{column}_"))
        elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            names = [_name_of(v) for v in value]
            if all(name is not None for name in names):
                flat[column] = names
            else:
                flat[f"{prefix}n_{key}"] = len(value)
        elif isinstance(value, list) and not value and key in ("evidence", "hops", "supporting"):
            flat[f"{prefix}n_{key}"] = 0
        else:
            flat[column] = value
    return flat


def _result_type(obj: Any) -> type[BaseModel] | None:
    """The model of an answer's results (``list[PartnerResult]`` → PartnerResult), if known."""
    field = type(obj).model_fields.get("results") if isinstance(obj, BaseModel) else None
    args = typing.get_args(field.annotation) if field is not None else ()
    if args and isinstance(args[0], type) and issubclass(args[0], BaseModel):
        return args[0]
    return None


def _columns_of(model: type[BaseModel]) -> list[str]:
    """The columns :func:`_flatten` gives for ``model``, so an answer without results still
    has the columns a notebook selects."""
    columns: list[str] = []
    for name, field in model.model_fields.items():
        annotation = field.annotation
        inner = typing.get_args(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            columns += [f"{name}_{sub}" for sub in annotation.model_fields]
        elif typing.get_origin(annotation) is list and inner and _is_model(inner[0]):
            named = "name" in inner[0].model_fields
            columns.append(name if named else f"n_{name}")
        elif typing.get_origin(annotation) is not dict:
            columns.append(name)
    return columns


def _is_model(value: Any) -> typing.TypeGuard[type[BaseModel]]:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _records(obj: Any) -> list[dict[str, Any]]:
    if isinstance(obj, BaseModel):
        results = getattr(obj, "results", None)
        if isinstance(results, list):
            return [_dump(result) for result in results]
        return [_dump(obj)]
    return [_dump(item) for item in obj]


def _dump(item: Any) -> dict[str, Any]:
    if isinstance(item, BaseModel):
        dumped: dict[str, Any] = item.model_dump(mode="json")
        return dumped
    if isinstance(item, Mapping):
        return dict(item)
    raise TypeError(f"cannot tabulate {type(item).__name__}")


def to_dataframe(obj: Any, *, lang: Lang = "pl") -> pd.DataFrame:
    """A table of an answer's results (one row each), or of nodes, edges or models.

    Parameters
    ----------
    obj : a query answer (anything with ``results``: partners, paths, clusters, gaps,
        suggestions, search), a list of result models, a list of Nodes or Edges, or a
        :class:`~partnergraph.model.Subgraph` (its nodes).
    lang : language of node names, for Nodes (answers already carry theirs).

    Examples
    --------
    >>> to_dataframe(partners_for_priority(store, "water"))  # doctest: +SKIP
       rank     partner_uid  partner_label  partner_name  country  score  ...  n_evidence
    """
    if isinstance(obj, Subgraph):
        return nodes_frame(obj, lang=lang)
    if isinstance(obj, Sequence) and obj and all(isinstance(item, Node) for item in obj):
        return nodes_frame(obj, lang=lang)
    if isinstance(obj, Sequence) and obj and all(isinstance(item, Edge) for item in obj):
        return edges_frame(obj)
    rows = [_flatten(record) for record in _records(obj)]
    model = _result_type(obj)
    if not rows and model is not None:
        return _frame(rows, _columns_of(model))
    return _frame(rows, [])


def evidence_frame(answer: BaseModel) -> pd.DataFrame:
    """One row per evidence item of every result: ``result`` (its rank or id), ``result_name``
    (the partner, path or cluster it supports), then the item (``type``, ``from_name``,
    ``to_name``, dates, ``sources``, ``explanation``, ``weight`` …)."""
    rows = []
    for record in _records(answer):
        ident = record.get("rank", record.get("id"))
        label = _result_name(record)
        for item in record.get("evidence") or []:
            rows.append({"result": ident, "result_name": label, **_flatten(item)})
    return _frame(rows, ["result", "result_name"])


def _result_name(record: Mapping[str, Any]) -> str | None:
    for value in record.values():
        if isinstance(value, Mapping) and isinstance(value.get("name"), str):
            return str(value["name"])
    explanation = record.get("explanation")
    return explanation if isinstance(explanation, str) else None


def sources_frame(answer: BaseModel) -> pd.DataFrame:
    """The sources an answer rests on (``answer.coverage.sources``): id, title, url or
    document, retrieval date and confidence — what to cite."""
    coverage = getattr(answer, "coverage", None)
    sources = getattr(coverage, "sources", None) or []
    rows = [_dump(source) for source in sources]
    columns = ["id", "title", "url", "document", "retrieved", "confidence"]
    return _frame(rows, columns)


def matrix_frame(
    answer: BaseModel, *, value: Literal["partners", "evidence"] = "partners"
) -> pd.DataFrame:
    """``gaps.coverage_matrix`` as a priorities × columns table of counts (0 where empty).

    Rows are indexed by priority uid, in the answer's order, with the priority's name in the
    first column; the other columns are the answer's countries or regions, by name.
    """
    names: Mapping[str, str] = getattr(answer, "column_names", {})
    columns: list[str] = list(getattr(answer, "columns", []))
    rows = []
    for row in getattr(answer, "results", []):
        cells = row.cells
        counts = {
            names.get(column, column): int(getattr(cells[column], value)) if column in cells else 0
            for column in columns
        }
        rows.append({"uid": row.priority.uid, "priority": row.priority.name, **counts})
    frame = _frame(rows, ["uid", "priority", *(names.get(c, c) for c in columns)])
    return frame.set_index("uid")
