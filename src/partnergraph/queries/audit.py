"""The dataset audit: what the graph holds, how well each fact is sourced, what is missing.

A fact's confidence is the weakest of its sources' (a row that cites a verified page *and* an
inference note is as sure as the inference), so "verified" in the audit means verified end to
end. Sources are also counted per ``kind`` (official / primary / secondary / mirror / derived),
and a verified fact resting only on mirror sources (copies on file-sharing sites or wiki
mirrors) is listed: it must not exist.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pydantic import BaseModel

from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import CoverageNote
from partnergraph.model import Counts, NodeLabel

__all__ = ["AuditReport", "SourceUse", "audit"]

_RANK = {"verified": 2, "inferred": 1, "unverified": 0}


class SourceUse(BaseModel):
    id: str
    title: str
    kind: str | None = None
    confidence: str
    retrieved: str | None
    facts: int
    period_from: str | None
    period_to: str | None
    #: the source's terms where they ask for credit (keep.eu: credit, link, what changed)
    licence: str | None = None


class AuditReport(BaseModel):
    counts: Counts
    unsourced: list[str]
    confidence: dict[str, dict[str, int]]
    sources: list[SourceUse]
    source_kinds: dict[str, int] = {}
    source_confidence: dict[str, int] = {}
    verified_on_mirrors_only: list[str] = []
    unused_sources: list[str]
    coverage: list[CoverageNote]
    data_version: str


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def audit(store: GraphStore, coverage: Sequence[CoverageNote] = ()) -> AuditReport:
    """Audit every node and relationship of ``store``.

    Parameters
    ----------
    store : the graph to audit.
    coverage : the curated notes of ``data/coverage.csv`` (see ``ingest.coverage``).

    Returns
    -------
    AuditReport: counts, facts without a (known) source — which must be none —, facts per
    confidence, and for each source the facts citing it and the period they span.
    """
    source_nodes = {
        node.uid.removeprefix("source:"): node for node in store.nodes(NodeLabel.SOURCE)
    }
    confidence_of = {
        sid: _text(node.properties.get("confidence")) or "unverified"
        for sid, node in source_nodes.items()
    }
    kind_of = {sid: _text(node.properties.get("kind")) for sid, node in source_nodes.items()}
    unsourced: list[str] = []
    mirror_only: list[str] = []
    tally: dict[str, Counter[str]] = {"nodes": Counter(), "relationships": Counter()}
    uses: Counter[str] = Counter()
    starts: dict[str, str] = {}
    ends: dict[str, str] = {}

    def account(
        kind: str, ident: str, sources: tuple[str, ...], start: str | None, end: str | None
    ) -> None:
        known = [sid for sid in sources if sid in source_nodes]
        if not known or len(known) != len(sources):
            unsourced.append(ident)
            return
        weakest = min((confidence_of[sid] for sid in known), key=lambda c: _RANK.get(c, 0))
        tally[kind][weakest] += 1
        if weakest == "verified" and all(kind_of[sid] == "mirror" for sid in known):
            mirror_only.append(ident)
        for sid in known:
            uses[sid] += 1
            if start and (sid not in starts or start < starts[sid]):
                starts[sid] = start
            if end and (sid not in ends or end > ends[sid]):
                ends[sid] = end

    for node in store.nodes():
        if node.label != NodeLabel.SOURCE:
            account("nodes", node.uid, node.sources, node.valid_from, node.valid_to)
    for edge in store.edges():
        account("relationships", edge.id, edge.sources, edge.valid_from, edge.valid_to)

    sources = [
        SourceUse(
            id=sid,
            title=node.name,
            kind=kind_of[sid],
            confidence=confidence_of[sid],
            retrieved=_text(node.properties.get("retrieved")),
            facts=uses[sid],
            period_from=starts.get(sid),
            period_to=ends.get(sid),
            licence=_text(node.properties.get("licence")),
        )
        for sid, node in sorted(source_nodes.items())
        if uses[sid]
    ]
    return AuditReport(
        counts=store.counts(),
        unsourced=sorted(unsourced),
        confidence={kind: dict(sorted(counter.items())) for kind, counter in tally.items()},
        sources=sources,
        source_kinds=dict(sorted(Counter(k or "unknown" for k in kind_of.values()).items())),
        source_confidence=dict(sorted(Counter(confidence_of.values()).items())),
        verified_on_mirrors_only=sorted(mirror_only),
        unused_sources=sorted(sid for sid in source_nodes if not uses[sid]),
        coverage=list(coverage),
        data_version=store.data_version(),
    )
