"""Questions users ask, as pure functions over a GraphStore; the same answers on every backend.

Every function takes a store (or a :func:`snapshot` of one) and returns a frozen pydantic
answer with ``results`` (each with ``evidence``), ``coverage`` and the ``parameters`` echoed.
"""

from partnergraph.queries.answers import (
    Answer,
    Coverage,
    EvidenceItem,
    NodeRef,
    Period,
    Relationship,
    SourceRef,
)
from partnergraph.queries.clusters import ClustersAnswer, clusters
from partnergraph.queries.gaps import (
    CoverageMatrixAnswer,
    InactivePartnersAnswer,
    LeftOutGminyAnswer,
    SinglePointsAnswer,
    UncoveredAnswer,
    coverage_matrix,
    inactive_partners,
    left_out_gminy,
    single_points,
    uncovered_priorities,
)
from partnergraph.queries.partners import PartnersAnswer, partners_for_priority
from partnergraph.queries.paths import NoPath, PathsAnswer, connection_paths
from partnergraph.queries.search import SearchAnswer, SearchHit, search
from partnergraph.queries.snapshot import Snapshot, snapshot
from partnergraph.queries.suggest import SuggestionsAnswer, suggest_partners

__all__ = [
    "Answer",
    "ClustersAnswer",
    "Coverage",
    "CoverageMatrixAnswer",
    "EvidenceItem",
    "InactivePartnersAnswer",
    "LeftOutGminyAnswer",
    "NoPath",
    "NodeRef",
    "PartnersAnswer",
    "PathsAnswer",
    "Period",
    "Relationship",
    "SearchAnswer",
    "SearchHit",
    "SinglePointsAnswer",
    "Snapshot",
    "SourceRef",
    "SuggestionsAnswer",
    "UncoveredAnswer",
    "clusters",
    "connection_paths",
    "coverage_matrix",
    "inactive_partners",
    "left_out_gminy",
    "partners_for_priority",
    "search",
    "single_points",
    "snapshot",
    "suggest_partners",
    "uncovered_priorities",
]
