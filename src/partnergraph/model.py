"""The graph's vocabulary: node labels, relationship types, their properties and uid rules.

Everything that enters a store is a :class:`Node` or an :class:`Edge`. Labels and relationship
types only ever come from the enums below, which is what lets the Neo4j backend put them into
Cypher safely (they cannot be parameterised there).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from enum import StrEnum
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from partnergraph.text import fold

__all__ = [
    "ACTOR_LABELS",
    "EDGE_ENDPOINTS",
    "EDGE_PROPERTIES",
    "ENUM_VALUES",
    "NODE_PROPERTIES",
    "RESERVED_KEYS",
    "UID_PATTERNS",
    "Counts",
    "Direction",
    "Edge",
    "Hop",
    "Neighbour",
    "Node",
    "NodeLabel",
    "Path",
    "PropType",
    "PropValue",
    "RelType",
    "Span",
    "Subgraph",
    "active_at",
    "neighbour_order",
    "sort_edges",
    "sort_nodes",
    "uid_problem",
]


class NodeLabel(StrEnum):
    COUNTRY = "Country"
    REGION = "Region"
    COUNTY = "County"
    MUNICIPALITY = "Municipality"
    ORGANISATION = "Organisation"
    NETWORK = "Network"
    STRATEGY = "Strategy"
    PROGRAMME = "Programme"
    PRIORITY = "Priority"
    PROJECT = "Project"
    AGREEMENT = "Agreement"
    SOURCE = "Source"


class RelType(StrEnum):
    PART_OF = "PART_OF"
    LOCATED_IN = "LOCATED_IN"
    MEMBER_OF = "MEMBER_OF"
    PARTICIPATES_IN = "PARTICIPATES_IN"
    FUNDED_BY = "FUNDED_BY"
    DEFINES = "DEFINES"
    ADDRESSES = "ADDRESSES"
    FOCUSES_ON = "FOCUSES_ON"
    SIGNED_BY = "SIGNED_BY"
    COVERS = "COVERS"
    ALIGNS_WITH = "ALIGNS_WITH"
    ELIGIBLE_AREA = "ELIGIBLE_AREA"
    TWINNED_WITH = "TWINNED_WITH"
    ADOPTED_BY = "ADOPTED_BY"


#: Territories and organisations can act: be members, sign, take part in projects.
ACTOR_LABELS: frozenset[NodeLabel] = frozenset(
    {NodeLabel.REGION, NodeLabel.COUNTY, NodeLabel.MUNICIPALITY, NodeLabel.ORGANISATION}
)
_TERRITORY = frozenset({NodeLabel.REGION, NodeLabel.COUNTY, NodeLabel.MUNICIPALITY})
_ACTOR = ACTOR_LABELS

#: Which labels each relationship may join (from, to). The loader refuses anything else.
EDGE_ENDPOINTS: dict[RelType, tuple[frozenset[NodeLabel], frozenset[NodeLabel]]] = {
    RelType.PART_OF: (_TERRITORY, _TERRITORY | {NodeLabel.COUNTRY}),
    RelType.LOCATED_IN: (
        frozenset({NodeLabel.ORGANISATION, NodeLabel.NETWORK}),
        _TERRITORY | {NodeLabel.COUNTRY},
    ),
    RelType.MEMBER_OF: (
        _ACTOR | {NodeLabel.NETWORK},
        frozenset({NodeLabel.NETWORK, NodeLabel.ORGANISATION}),
    ),
    RelType.PARTICIPATES_IN: (_ACTOR | {NodeLabel.NETWORK}, frozenset({NodeLabel.PROJECT})),
    RelType.FUNDED_BY: (frozenset({NodeLabel.PROJECT}), frozenset({NodeLabel.PROGRAMME})),
    RelType.DEFINES: (
        frozenset({NodeLabel.STRATEGY, NodeLabel.PROGRAMME}),
        frozenset({NodeLabel.PRIORITY}),
    ),
    RelType.ADDRESSES: (frozenset({NodeLabel.PROJECT}), frozenset({NodeLabel.PRIORITY})),
    RelType.FOCUSES_ON: (_ACTOR | {NodeLabel.NETWORK}, frozenset({NodeLabel.PRIORITY})),
    RelType.SIGNED_BY: (frozenset({NodeLabel.AGREEMENT}), _ACTOR | {NodeLabel.NETWORK}),
    RelType.COVERS: (frozenset({NodeLabel.AGREEMENT}), frozenset({NodeLabel.PRIORITY})),
    RelType.ALIGNS_WITH: (frozenset({NodeLabel.PRIORITY}), frozenset({NodeLabel.PRIORITY})),
    RelType.ELIGIBLE_AREA: (frozenset({NodeLabel.PROGRAMME}), _TERRITORY | {NodeLabel.COUNTRY}),
    RelType.TWINNED_WITH: (
        frozenset({NodeLabel.MUNICIPALITY}),
        frozenset({NodeLabel.MUNICIPALITY}),
    ),
    # who owns a priority framework: its owner is not listed as its own partner
    RelType.ADOPTED_BY: (
        frozenset({NodeLabel.STRATEGY, NodeLabel.PROGRAMME}),
        _ACTOR | {NodeLabel.NETWORK},
    ),
}


class PropType(StrEnum):
    STR = "str"
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    DATE = "date"
    STR_LIST = "str_list"


PropValue = str | int | float | bool | list[str]

#: Label-specific properties, beyond the common uid/name/name_en/sources/valid_from/valid_to.
#: Enumerated values are validated by ``ENUM_VALUES``.
#: ``source_row`` says which file, sheet and rows an imported fact came from
#: (``export.xlsx[Partners]:12,40``), next to the source id in ``sources``.
NODE_PROPERTIES: dict[NodeLabel, dict[str, PropType]] = {
    NodeLabel.COUNTRY: {"iso_code": PropType.STR},
    NodeLabel.REGION: {
        "country": PropType.STR,
        "nuts_code": PropType.STR,
        "nuts_level": PropType.INT,
        "nuts_edition": PropType.STR,
        "iso_code": PropType.STR,
        #: codes of older NUTS editions that Eurostat only recoded (keep.eu's LT003 is LT023)
        "aliases": PropType.STR_LIST,
        "note": PropType.STR,
        "source_row": PropType.STR,
    },
    NodeLabel.COUNTY: {
        "teryt": PropType.STR,
        "city_with_county_rights": PropType.BOOL,
        "nuts3": PropType.STR,
    },
    NodeLabel.MUNICIPALITY: {
        "country": PropType.STR,
        "teryt": PropType.STR,
        "gmina_type": PropType.STR,
        "population": PropType.INT,
        "aliases": PropType.STR_LIST,
        "note": PropType.STR,
        "source_row": PropType.STR,
    },
    NodeLabel.ORGANISATION: {
        "kind": PropType.STR,
        "country": PropType.STR,
        "city": PropType.STR,
        "aliases": PropType.STR_LIST,
        "pic": PropType.STR,
        "vat": PropType.STR,
        "keep_id": PropType.STR,
        "website": PropType.STR,
        "note": PropType.STR,
        "source_row": PropType.STR,
    },
    NodeLabel.NETWORK: {"kind": PropType.STR, "aliases": PropType.STR_LIST, "note": PropType.STR},
    NodeLabel.STRATEGY: {"kind": PropType.STR, "adopted": PropType.DATE, "note": PropType.STR},
    NodeLabel.PROGRAMME: {
        "period": PropType.STR,
        "kind": PropType.STR,
        "note": PropType.STR,
        "source_row": PropType.STR,
    },
    NodeLabel.PRIORITY: {
        "code": PropType.STR,
        "keywords": PropType.STR_LIST,
        "description": PropType.STR,
        "note": PropType.STR,
        "source_row": PropType.STR,
    },
    NodeLabel.PROJECT: {
        "acronym": PropType.STR,
        "budget_eur": PropType.FLOAT,
        "keep_id": PropType.STR,
        "website": PropType.STR,
        "note": PropType.STR,
        "source_row": PropType.STR,
    },
    NodeLabel.AGREEMENT: {
        "kind": PropType.STR,
        "signed": PropType.DATE,
        "status": PropType.STR,
        "note": PropType.STR,
    },
    NodeLabel.SOURCE: {
        "kind": PropType.STR,
        "url": PropType.STR,
        "document": PropType.STR,
        "retrieved": PropType.DATE,
        "confidence": PropType.STR,
        "licence": PropType.STR,
        "note": PropType.STR,
    },
}

EDGE_PROPERTIES: dict[RelType, dict[str, PropType]] = {
    RelType.PART_OF: {"source_row": PropType.STR},
    RelType.LOCATED_IN: {"source_row": PropType.STR},
    RelType.MEMBER_OF: {
        "role": PropType.STR,
        "status": PropType.STR,
        "confirmed": PropType.DATE,
        "note": PropType.STR,
    },
    RelType.PARTICIPATES_IN: {
        "role": PropType.STR,
        "budget_eur": PropType.FLOAT,
        "note": PropType.STR,
        "source_row": PropType.STR,
    },
    RelType.FUNDED_BY: {"source_row": PropType.STR},
    RelType.DEFINES: {"source_row": PropType.STR},
    RelType.ADDRESSES: {"note": PropType.STR, "source_row": PropType.STR},
    RelType.FOCUSES_ON: {"note": PropType.STR},
    RelType.SIGNED_BY: {"role": PropType.STR},
    RelType.COVERS: {"note": PropType.STR},
    RelType.ALIGNS_WITH: {"basis": PropType.STR, "strength": PropType.STR},
    RelType.ELIGIBLE_AREA: {},
    RelType.TWINNED_WITH: {"status": PropType.STR, "note": PropType.STR},
    RelType.ADOPTED_BY: {"role": PropType.STR, "note": PropType.STR},
}

#: Allowed values of enumerated properties, keyed by (label or type, property).
ENUM_VALUES: dict[tuple[str, str], frozenset[str]] = {
    ("Municipality", "gmina_type"): frozenset({"miejska", "wiejska", "miejsko-wiejska", "foreign"}),
    ("Agreement", "status"): frozenset({"active", "ended", "suspended", "unknown"}),
    ("Source", "confidence"): frozenset({"verified", "inferred", "unverified"}),
    ("Source", "kind"): frozenset({"official", "primary", "secondary", "mirror", "derived"}),
    ("TWINNED_WITH", "status"): frozenset({"ended", "unverified"}),
    ("MEMBER_OF", "status"): frozenset({"active", "suspended", "ended"}),
    ("PARTICIPATES_IN", "role"): frozenset({"lead", "partner", "associated"}),
    ("ALIGNS_WITH", "strength"): frozenset({"strong", "partial"}),
}

#: Property names every node/edge has; a label's own properties may not reuse them.
RESERVED_KEYS = frozenset(
    {"uid", "label", "labels", "name", "name_en", "sources", "valid_from", "valid_to", "search_key"}
)

_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_CODE = r"[a-z0-9]+(?:[.-][a-z0-9]+)*"
UID_PATTERNS: dict[NodeLabel, tuple[re.Pattern[str], str]] = {
    NodeLabel.COUNTRY: (re.compile(r"country:[A-Z]{2}"), "country:XX (ISO 3166-1 alpha-2)"),
    NodeLabel.REGION: (
        re.compile(r"nuts:[A-Z]{2}[0-9A-Z]{0,3}|iso:[A-Z]{2}-[A-Z0-9]{1,3}"),
        "nuts:<NUTS code> (e.g. nuts:PL63) or iso:<ISO 3166-2> (e.g. iso:RU-KGD)",
    ),
    NodeLabel.COUNTY: (re.compile(r"teryt:\d{4}"), "teryt:<4-digit TERC powiat code>"),
    NodeLabel.MUNICIPALITY: (
        re.compile(rf"teryt:\d{{6}}[123]|town:[A-Z]{{2}}:{_SLUG}"),
        "teryt:<7-digit TERC gmina code ending in 1, 2 or 3> or town:<CC>:<slug>",
    ),
    NodeLabel.ORGANISATION: (re.compile(rf"org:{_SLUG}"), "org:<slug>"),
    NodeLabel.NETWORK: (re.compile(rf"network:{_SLUG}"), "network:<slug>"),
    NodeLabel.STRATEGY: (re.compile(rf"strategy:{_SLUG}"), "strategy:<slug>"),
    NodeLabel.PROGRAMME: (re.compile(rf"programme:{_SLUG}"), "programme:<slug>"),
    NodeLabel.PRIORITY: (
        re.compile(rf"priority:{_SLUG}:{_CODE}"),
        "priority:<strategy-or-programme slug>:<code>",
    ),
    NodeLabel.PROJECT: (
        re.compile(rf"project:{_SLUG}:{_SLUG}"),
        "project:<programme slug>:<acronym slug>",
    ),
    NodeLabel.AGREEMENT: (re.compile(rf"agreement:{_SLUG}"), "agreement:<slug>"),
    NodeLabel.SOURCE: (re.compile(rf"source:{_CODE}"), "source:<id>"),
}


def uid_problem(label: NodeLabel, uid: str) -> str | None:
    """Say what is wrong with ``uid`` for ``label``, or None when it is well formed."""
    pattern, expected = UID_PATTERNS[label]
    if pattern.fullmatch(uid):
        return None
    return f"uid does not match {label.value}: expected {expected}"


def active_at(valid_from: str | None, valid_to: str | None, at: dt.date | None) -> bool:
    """True when a fact holds on ``at``. Open ends are open; no date means "ignore time".

    Dates are ISO strings (``YYYY-MM-DD``) in the stores, so string comparison is date order.
    """
    if at is None:
        return True
    day = at.isoformat()
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)


class Node(BaseModel):
    """A node as every backend returns it."""

    model_config = ConfigDict(frozen=True)

    uid: str
    label: NodeLabel
    name: str
    name_en: str | None = None
    sources: tuple[str, ...] = ()
    valid_from: str | None = None
    valid_to: str | None = None
    properties: dict[str, PropValue] = Field(default_factory=dict)

    @property
    def labels(self) -> list[str]:
        """All labels, primary first: actors carry ``Actor`` too."""
        return [self.label.value, "Actor"] if self.label in ACTOR_LABELS else [self.label.value]

    @property
    def search_key(self) -> str:
        """Folded names and aliases, joined by `` | ``; what substring search runs on."""
        names = [self.name, self.name_en or ""]
        aliases = self.properties.get("aliases")
        if isinstance(aliases, list):
            names.extend(aliases)
        for key in ("acronym", "code", "teryt", "nuts_code"):
            value = self.properties.get(key)
            if isinstance(value, str):
                names.append(value)
        return " | ".join(fold(name) for name in names if name)

    def display_name(self, lang: Literal["pl", "en"] = "pl") -> str:
        if lang == "en" and self.name_en:
            return self.name_en
        return self.name

    def active_at(self, at: dt.date | None) -> bool:
        return active_at(self.valid_from, self.valid_to, at)


class Edge(BaseModel):
    """A relationship. Identity is (type, source, target, key): ``key`` tells apart two
    periods of the same relation (a membership that ended and was renewed)."""

    model_config = ConfigDict(frozen=True)

    type: RelType
    source: str
    target: str
    key: str = ""
    sources: tuple[str, ...] = ()
    valid_from: str | None = None
    valid_to: str | None = None
    properties: dict[str, PropValue] = Field(default_factory=dict)

    @property
    def id(self) -> str:
        # a StrEnum formats as its value; ``.value`` goes through the enum's descriptor,
        # which costs more than the rest of this at keep.eu scale
        return f"{self.type}|{self.source}|{self.target}|{self.key}"

    def active_at(self, at: dt.date | None) -> bool:
        return active_at(self.valid_from, self.valid_to, at)


Direction = Literal["out", "in", "both"]


class Neighbour(BaseModel):
    """One neighbour of a node and the edge that leads there; ``direction`` is seen from the
    node asked about (``out``: it is the edge's source)."""

    model_config = ConfigDict(frozen=True)

    edge: Edge
    node: Node
    direction: Literal["out", "in"]


class Span(NamedTuple):
    """A neighbour reduced to what dates it (``GraphStore.spans_of``): the relationship's type,
    the other node's uid, the relationship's key and the direction (the fields of
    :func:`neighbour_order`, so spans sort as their neighbours do), then the relationship's
    validity and ``status`` property, and the other node's. Rules that judge many actors by
    dates alone (an actor's standing) read these: a server sends ten values per relationship
    instead of both objects."""

    type: RelType
    other: str
    key: str
    direction: Literal["out", "in"]
    valid_from: str | None
    valid_to: str | None
    status: PropValue | None
    other_from: str | None
    other_to: str | None
    other_status: PropValue | None

    @classmethod
    def of(cls, n: Neighbour) -> Span:
        return cls(
            n.edge.type,
            n.node.uid,
            n.edge.key,
            n.direction,
            n.edge.valid_from,
            n.edge.valid_to,
            n.edge.properties.get("status"),
            n.node.valid_from,
            n.node.valid_to,
            n.node.properties.get("status"),
        )


class Hop(BaseModel):
    """One step of a path: from ``source`` to ``target`` over every qualifying edge between
    them (either direction). Paths are node sequences; parallel edges are evidence of one hop."""

    model_config = ConfigDict(frozen=True)

    source: str
    target: str
    edges: tuple[Edge, ...]


class Path(BaseModel):
    model_config = ConfigDict(frozen=True)

    nodes: tuple[Node, ...]
    hops: tuple[Hop, ...]

    @property
    def uids(self) -> tuple[str, ...]:
        return tuple(node.uid for node in self.nodes)

    def __len__(self) -> int:
        return len(self.hops)


class Subgraph(BaseModel):
    model_config = ConfigDict(frozen=True)

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


class Counts(BaseModel):
    """Counts per label and relationship type, the shape of ``partnergraph stats --json``."""

    nodes: dict[str, int]
    relationships: dict[str, int]


def sort_nodes(nodes: Iterable[Node]) -> list[Node]:
    """The one node order both backends return: by uid."""
    return sorted(nodes, key=lambda node: node.uid)


def neighbour_order(n: Neighbour) -> tuple[str, str, str, str]:
    """The one order of a node's neighbours on every backend: by relationship type, the other
    node's uid, the relationship's key, then direction (``in`` before ``out``)."""
    return (n.edge.type.value, n.node.uid, n.edge.key, n.direction)


def sort_edges(edges: Iterable[Edge]) -> list[Edge]:
    """The one edge order both backends return: by type, endpoints, key."""
    # a StrEnum member compares as its value
    return sorted(edges, key=lambda edge: (str(edge.type), edge.source, edge.target, edge.key))
