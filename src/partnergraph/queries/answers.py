"""The shape every query answer shares: results with evidence, coverage, parameters echoed.

An answer must let a reader check it: every result lists the relationships it rests on
(:class:`EvidenceItem`, each with its dates and source ids), and the answer says which sources
and periods it was computed from and what is known to be missing (:class:`Coverage`). The
models are frozen pydantic models so that the CLI, the API and notebooks serialise them the
same way (``answer.model_dump(mode="json")``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import CoverageNote
from partnergraph.model import Edge, Node, PropValue, RelType

__all__ = [
    "Answer",
    "Coverage",
    "DataCoverage",
    "EvidenceItem",
    "Lang",
    "NodeRef",
    "ParamValue",
    "Period",
    "Relationship",
    "SourceRef",
    "build_coverage",
    "data_coverage",
    "merge_periods",
]

Lang = Literal["pl", "en"]
ParamValue = str | int | float | bool | None | list[str]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class NodeRef(_Frozen):
    """A node as an answer names it: uid, primary label and name in the requested language."""

    uid: str
    label: str
    name: str

    @classmethod
    def of(cls, node: Node, lang: Lang) -> NodeRef:
        return cls(uid=node.uid, label=node.label.value, name=node.display_name(lang))


class Relationship(_Frozen):
    """One stored relationship, exactly as the graph holds it (for tracing evidence back)."""

    type: RelType
    from_uid: str
    to_uid: str
    key: str = ""
    valid_from: str | None = None
    valid_to: str | None = None
    sources: list[str] = Field(default_factory=list)
    properties: dict[str, PropValue] = Field(default_factory=dict)

    @classmethod
    def of(cls, edge: Edge) -> Relationship:
        return cls(
            type=edge.type,
            from_uid=edge.source,
            to_uid=edge.target,
            key=edge.key,
            valid_from=edge.valid_from,
            valid_to=edge.valid_to,
            sources=list(edge.sources),
            properties=dict(edge.properties),
        )


class EvidenceItem(_Frozen):
    """One fact a result rests on, explained in a sentence.

    ``type``/``from_*``/``to_*`` is the principal relationship (an agreement COVERS a priority,
    a project ADDRESSES it, a gmina is MEMBER_OF an association ...). ``valid_from``/``valid_to``
    is when the whole item held: for a chain (a region signed an agreement that covers a
    priority) the intersection of every link's dates. ``supporting`` lists the other
    relationships of the chain (the signature, the participation, the ALIGNS_WITH crosswalk);
    ``via_alignment`` is the priority reached through ALIGNS_WITH when the evidence is indirect.
    ``sources`` is the union of the source ids of every relationship and intermediate node.
    """

    type: RelType
    from_uid: str
    from_name: str
    to_uid: str
    to_name: str
    key: str = ""
    valid_from: str | None = None
    valid_to: str | None = None
    sources: list[str] = Field(default_factory=list)
    via_alignment: str | None = None
    explanation: str
    kind: str | None = None
    role: str | None = None
    weight: float | None = None
    supporting: list[Relationship] = Field(default_factory=list)


class SourceRef(_Frozen):
    """A source an answer used, as ``data/sources.csv`` describes it."""

    id: str
    title: str
    url: str | None = None
    document: str | None = None
    retrieved: str | None = None
    confidence: str | None = None
    #: The source's terms, where they ask for credit (keep.eu: credit, link, what changed).
    licence: str | None = None

    @classmethod
    def of(cls, source_id: str, node: Node | None) -> SourceRef:
        """The reference to ``source_id`` as its Source node describes it (None: not in the
        graph, cited by id only)."""
        if node is None:
            return cls(id=source_id, title=source_id)
        props = node.properties
        return cls(
            id=source_id,
            title=node.name,
            url=_text(props.get("url")),
            document=_text(props.get("document")),
            retrieved=_text(props.get("retrieved")),
            confidence=_text(props.get("confidence")),
            licence=_text(props.get("licence")),
        )


class Period(_Frozen):
    """A closed period of days; ``None`` at either end means open."""

    start: str | None = None
    end: str | None = None


class Coverage(_Frozen):
    """What an answer was computed from and what it cannot see.

    ``periods`` are the merged periods the evidence spans (undated evidence, "always as far as
    we know", is counted in ``undated_evidence`` instead); ``at``/``period`` echo the time
    filter; ``known_gaps`` are the curated notes of ``data/coverage.csv`` the caller passed in.
    """

    sources: list[SourceRef]
    periods: list[Period]
    undated_evidence: int
    evidence_count: int
    at: str | None = None
    period: Period | None = None
    known_gaps: list[str] = Field(default_factory=list)


class DataCoverage(_Frozen):
    """Whether the sources cover what one gap row is about, so that "no co-operation" is not
    read where the data is only silent.

    ``status``: ``missing`` when a coverage note says no source was collected for it,
    ``partial`` when a note says the sources are incomplete, ``complete`` when the notes that
    concern it are all complete, ``unknown`` when no note concerns it. ``notes`` are the
    sentences of the notes that decided it.
    """

    status: Literal["complete", "partial", "missing", "unknown"]
    notes: list[str] = Field(default_factory=list)


_SEVERITY = {"complete": 0, "partial": 1, "missing": 2}


def data_coverage(
    notes: Iterable[CoverageNote],
    *,
    uids: Iterable[str] = (),
    types: Iterable[RelType] = (),
    areas: Iterable[str] = (),
) -> DataCoverage:
    """The :class:`DataCoverage` of a row from the coverage notes that concern it; the worst
    status wins.

    A note concerns a row directly when it names one of its nodes or relationship types
    (``applies_to``): "projects of South Baltic 2021–2027: missing" decides a priority of that
    programme. A note about one of ``areas`` (the kinds of evidence the gap question looks for:
    ``projects``, ``agreements``, ``association`` …) but about other nodes concerns the row
    only indirectly and counts at most as *partial*: that no project of one programme was
    collected makes the evidence for a Pomorskie priority incomplete, not absent. Notes that
    name nothing are left out here: a row needs a note about itself."""
    wanted = set(areas)
    uid_list = list(uids)
    type_values = {t.value for t in types}
    weighed: list[tuple[int, CoverageNote]] = []
    for note in notes:
        if not note.concerns:
            continue
        if note.applies_to(uid_list, type_values):
            weighed.append((_SEVERITY[note.status], note))
        elif note.area in wanted:
            weighed.append((min(_SEVERITY[note.status], _SEVERITY["partial"]), note))
    if not weighed:
        return DataCoverage(status="unknown")
    worst = max(level for level, _ in weighed)
    status = next(name for name, level in _SEVERITY.items() if level == worst)
    return DataCoverage(
        status=status,
        notes=[note.sentence() for level, note in weighed if level == worst],
    )


class Answer(_Frozen):
    """Common fields of every query answer; each query adds its own ``results``."""

    query: str
    lang: Lang
    parameters: dict[str, ParamValue]
    coverage: Coverage


_OPEN_START = ""
_OPEN_END = "9999-12-31"


def merge_periods(intervals: Iterable[tuple[str | None, str | None]]) -> list[Period]:
    """Merge overlapping periods; fully open (undated) intervals are left to the caller.

    >>> merge_periods([("2001-01-01", "2005-12-31"), ("2004-01-01", None)])
    [Period(start='2001-01-01', end=None)]
    """
    spans = sorted((start or _OPEN_START, end or _OPEN_END) for start, end in intervals)
    merged: list[list[str]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [
        Period(start=start or None, end=None if end == _OPEN_END else end) for start, end in merged
    ]


def _text(value: PropValue | None) -> str | None:
    return value if isinstance(value, str) else None


def build_coverage(
    store: GraphStore,
    evidence: Iterable[EvidenceItem],
    *,
    at: dt.date | None = None,
    period: tuple[dt.date, dt.date] | None = None,
    known_gaps: Sequence[CoverageNote] = (),
    extra_sources: Iterable[str] = (),
    touched: Iterable[str] = (),
    whole_graph: bool = False,
) -> Coverage:
    """Coverage of an answer from the evidence it shows.

    Source titles, retrieval dates and confidence are read from the ``source:<id>`` nodes;
    an id without such a node (it cannot happen with a validated load) is listed by id only.
    ``known_gaps`` keeps the notes that concern a node the evidence joins, a node in
    ``touched`` (what the question was about) or a relationship type the evidence rests on;
    an answer about the whole graph (``whole_graph``) keeps them all.
    """
    items = list(evidence)
    ids: set[str] = set(extra_sources)
    uids: set[str] = set(touched)
    types: set[str] = set()
    dated: list[tuple[str | None, str | None]] = []
    undated = 0
    for item in items:
        ids.update(item.sources)
        uids.update((item.from_uid, item.to_uid))
        types.add(item.type.value)
        for relationship in item.supporting:
            ids.update(relationship.sources)
            uids.update((relationship.from_uid, relationship.to_uid))
            types.add(relationship.type.value)
        if item.valid_from is None and item.valid_to is None:
            undated += 1
        else:
            dated.append((item.valid_from, item.valid_to))
    nodes = store.get_nodes(f"source:{source_id}" for source_id in ids)
    sources = [
        SourceRef.of(source_id, nodes.get(f"source:{source_id}")) for source_id in sorted(ids)
    ]
    return Coverage(
        sources=sources,
        periods=merge_periods(dated),
        undated_evidence=undated,
        evidence_count=len(items),
        at=at.isoformat() if at else None,
        period=Period(start=period[0].isoformat(), end=period[1].isoformat()) if period else None,
        known_gaps=[
            note.sentence() for note in known_gaps if whole_graph or note.applies_to(uids, types)
        ],
    )
