"""How two nodes are connected: the k shortest chains, each hop explained in a sentence.

The store finds the paths (``GraphStore.shortest_paths``: direction ignored, parallel edges
are evidence of one hop, ties broken by the uid sequence), so both backends return the same
chains; this module explains them and, when there is none, says why: the two nodes sit in
different connected parts of the graph (each named by its best-connected members), they are
connected only by a chain longer than the hop limit, or only by chains whose links never
existed at the same time.

A chain is a connection only if it held at some moment: there is a day on which every dated
hop (and every dated node) of it was valid; undated facts do not constrain. Each result says
in which periods it held (``held``). ``historical=True`` also returns chains whose links never
co-existed, labelled as such (``co_existing`` false) — a history of ties, not a connection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from partnergraph.errors import QueryError
from partnergraph.gcpause import gc_paused
from partnergraph.graph.paths import held_periods
from partnergraph.graph.reach import Component
from partnergraph.graph.store import MAX_PATH_HOPS, GraphStore
from partnergraph.ingest.coverage import CoverageNote
from partnergraph.model import Edge, Node, RelType
from partnergraph.queries.answers import (
    Answer,
    EvidenceItem,
    Lang,
    NodeRef,
    Period,
    build_coverage,
)
from partnergraph.queries.evidence import (
    Reader,
    reference_day,
)
from partnergraph.queries.sentences import edge_evidence, held_sentence
from partnergraph.queries.snapshot import as_of, snapshot

__all__ = [
    "NoPath",
    "PathHop",
    "PathResult",
    "PathsAnswer",
    "connection_paths",
]

#: Members named when describing a connected part of the graph.
COMPONENT_SAMPLE = 5


class NoPath(QueryError):
    """No chain joins the two nodes under the given limits; ``details()`` says where each is."""

    code = "no_path"

    def __init__(self, message: str, details: dict[str, Any]) -> None:
        super().__init__(message)
        self._details = details

    def details(self) -> dict[str, Any]:
        return self._details


class PathHop(BaseModel):
    """One step of a chain: every relationship between the two nodes that qualifies."""

    model_config = ConfigDict(frozen=True)

    from_node: NodeRef
    to_node: NodeRef
    explanation: str
    evidence: list[EvidenceItem]


class PathResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    rank: int
    length: int
    nodes: list[NodeRef]
    hops: list[PathHop]
    held: list[Period]
    co_existing: bool
    explanation: str
    evidence: list[EvidenceItem]


class PathsAnswer(Answer):
    source: NodeRef
    target: NodeRef
    results: list[PathResult]


def _programmes(view: Reader, project: str, lang: Lang, cache: dict[str, str | None]) -> str | None:
    if project not in cache:
        funded = view.neighbours(project, types=[RelType.FUNDED_BY], direction="out")
        cache[project] = funded[0].node.display_name(lang) if funded else None
    return cache[project]


def _edge_item(
    view: Reader,
    edge: Edge,
    nodes: dict[str, Node],
    lang: Lang,
    ref: dt.date,
    programmes: dict[str, str | None],
) -> EvidenceItem:
    programme = None
    if edge.type == RelType.PARTICIPATES_IN:
        programme = _programmes(view, edge.target, lang, programmes)
    return edge_evidence(
        edge,
        nodes[edge.source],
        nodes[edge.target],
        lang,
        ref=ref,
        programme=programme,
        with_role=True,
    )


def _describe(view: GraphStore, uid: str, component: Component, lang: Lang) -> dict[str, Any]:
    sample = view.get_nodes(component.best)
    return {
        "uid": uid,
        "component_size": component.size,
        "component_sample": [
            {"uid": m, "name": sample[m].display_name(lang)} for m in component.best if m in sample
        ],
    }


def _refuse(
    view: GraphStore,
    source: Node,
    target: Node,
    *,
    max_hops: int,
    types: tuple[RelType, ...] | None,
    at: dt.date | None,
    lang: Lang,
    historical_only: bool = False,
) -> NoPath:
    # in the database on Neo4j (GDS components, a Cypher shortestPath), whatever the size
    reach = view.reach(source.uid, target.uid, types=types, sample=COMPONENT_SAMPLE)
    a = _describe(view, source.uid, reach.source, lang)
    b = _describe(view, target.uid, reach.target, lang)
    names = (source.display_name(lang), target.display_name(lang))
    scope = ""
    if at is not None:
        scope += f" on {at.isoformat()}"
    if types:
        scope += f" over {', '.join(t.value for t in types)}"
    details: dict[str, Any] = {"source": a, "target": b, "max_hops": max_hops}
    if historical_only:
        details["same_component"] = True
        details["historical_only"] = True
        return NoPath(
            f"{names[0]} and {names[1]} are joined{scope} within {max_hops} hops only by "
            "chains whose links never existed at the same time; ask for historical chains "
            "(--historical, historical=true) to see them",
            details,
        )
    if reach.distance is not None:
        distance = reach.distance
        details["same_component"] = True
        details["distance"] = distance
        hint = (
            f"raise --max-hops (max_hops) to {distance}"
            if distance <= MAX_PATH_HOPS
            else f"that is beyond the limit of {MAX_PATH_HOPS} hops"
        )
        return NoPath(
            f"no chain of at most {max_hops} hops joins {names[0]} and {names[1]}{scope}; "
            f"the shortest has {distance} hops ({hint})",
            details,
        )
    details["same_component"] = False
    details["distance"] = None

    def part(info: dict[str, Any]) -> str:
        sample = ", ".join(item["name"] for item in info["component_sample"])
        size = info["component_size"]
        if size == 1:
            return "has no qualifying relationship at all"
        return f"belongs to a group of {size} nodes ({sample})"

    return NoPath(
        f"{names[0]} and {names[1]} are not connected{scope}: {names[0]} {part(a)}; "
        f"{names[1]} {part(b)}",
        details,
    )


@gc_paused()
def connection_paths(
    store: GraphStore,
    source: str,
    target: str,
    *,
    k: int = 3,
    max_hops: int = 6,
    at: dt.date | None = None,
    via: Sequence[RelType] | None = None,
    historical: bool = False,
    reference_date: dt.date | None = None,
    lang: Lang = "pl",
    known_gaps: Sequence[CoverageNote] = (),
) -> PathsAnswer:
    """The ``k`` shortest chains between two nodes, each hop typed, dated, sourced, explained.

    Parameters
    ----------
    store : GraphStore
        The graph (or a snapshot).
    source, target : str
        Node uids: a gmina and a Swedish region, two organisations, anything.
    k : int
        How many chains (1–20); all chains as short as the k-th are considered before the
        uid tie-break, so the answer does not depend on search order.
    max_hops : int
        Longest chain, 1–8.
    at : datetime.date, optional
        Only relationships and nodes valid on this day.
    via : sequence of RelType, optional
        Only these relationship types (e.g. MEMBER_OF and PARTICIPATES_IN).
    historical : bool
        Also return chains whose links never existed at the same time (labelled
        ``co_existing=False``); by default only chains that held on at least one day.
    reference_date : datetime.date, optional
        The day against which a fact is told as past or present; default ``at``, else today.
    lang : {"pl", "en"}
        Language of names and sentences.
    known_gaps : sequence of CoverageNote
        Curated notes on what the data misses, passed into ``coverage``.

    Returns
    -------
    PathsAnswer
        ``results``: chains, shortest first, each with ``hops`` (sentences and evidence).

    Raises
    ------
    NotFound
        An unknown uid, or a node not valid on ``at``.
    NoPath
        No chain under the limits; the message and ``details()`` name the connected part of
        the graph each node is in, or the length of the shortest chain when it is too long.
    QueryError
        ``k`` or ``max_hops`` out of range.

    Examples
    --------
    >>> answer = connection_paths(store, "teryt:2814112", "nuts:SE213", lang="en")  # doctest: +SKIP
    >>> answer.results[0].hops[0].explanation
    'Stawiguda has been a member of Stowarzyszenie Gmin RP Euroregion Bałtyk since 2023.'
    """
    if not 1 <= k <= 20:
        raise QueryError("k must be between 1 and 20")
    if not 1 <= max_hops <= MAX_PATH_HOPS:
        raise QueryError(f"max_hops must be between 1 and {MAX_PATH_HOPS}")
    view = snapshot(store, at)
    at = as_of(view)
    ref = reference_day(at, reference_date)
    types = tuple(sorted(set(via), key=lambda t: t.value)) if via else None
    start, end = view.node(source), view.node(target)
    paths = view.shortest_paths(
        source, target, k=k, max_hops=max_hops, types=types, at=at, time_consistent=not historical
    )
    if not paths:
        any_time = not historical and bool(
            view.shortest_paths(source, target, k=1, max_hops=max_hops, types=types, at=at)
        )
        raise _refuse(
            view,
            start,
            end,
            max_hops=max_hops,
            types=types,
            at=at,
            lang=lang,
            historical_only=any_time,
        )
    programmes: dict[str, str | None] = {}
    results = []
    for rank, path in enumerate(paths, start=1):
        nodes = {node.uid: node for node in path.nodes}
        hops = []
        for hop in path.hops:
            items = [_edge_item(view, edge, nodes, lang, ref, programmes) for edge in hop.edges]
            hops.append(
                PathHop(
                    from_node=NodeRef.of(nodes[hop.source], lang),
                    to_node=NodeRef.of(nodes[hop.target], lang),
                    explanation=" ".join(item.explanation for item in items),
                    evidence=items,
                )
            )
        held = held_periods(path.nodes, [hop.edges for hop in path.hops])
        results.append(
            PathResult(
                rank=rank,
                length=len(path.hops),
                nodes=[NodeRef.of(node, lang) for node in path.nodes],
                hops=hops,
                held=[Period(start=lo, end=hi) for lo, hi in held],
                co_existing=bool(held),
                explanation=" ".join(
                    [*(hop.explanation for hop in hops), held_sentence(held, lang)]
                ),
                evidence=[item for hop in hops for item in hop.evidence],
            )
        )
    return PathsAnswer(
        query="connection_paths",
        lang=lang,
        parameters={
            "source": source,
            "target": target,
            "k": k,
            "max_hops": max_hops,
            "at": at.isoformat() if at else None,
            "via": [t.value for t in types] if types else None,
            "historical": historical,
            "reference_date": ref.isoformat(),
        },
        source=NodeRef.of(start, lang),
        target=NodeRef.of(end, lang),
        results=results,
        coverage=build_coverage(
            view,
            (item for result in results for item in result.evidence),
            at=at,
            known_gaps=known_gaps,
            touched=[source, target],
        ),
    )
