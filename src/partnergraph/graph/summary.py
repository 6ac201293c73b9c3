"""What the graph holds, in numbers: the store operation behind ``/v1/meta/coverage``.

Counts per label and relationship type, the span of the facts' dates (every node but the
sources, and each relationship type), and how many facts cite each source, as of a day. The
embedded store adds them up in Python (:func:`summarise`); Neo4j aggregates in one Cypher
statement, so nothing but the totals leaves the database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from partnergraph.model import Counts, Edge, Node, NodeLabel

__all__ = ["NODES_SPAN", "Summary", "summarise"]

#: The key of the facts' own span (nodes other than sources) in :attr:`Summary.spans`.
NODES_SPAN = "nodes"


@dataclass(frozen=True)
class Summary:
    """Counts, date spans ((earliest start, latest end), ISO; None when undated) and the
    number of facts citing each source id."""

    counts: Counts
    spans: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    citations: dict[str, int] = field(default_factory=dict)


def _span(items: list[Node] | list[Edge]) -> tuple[str | None, str | None]:
    starts = [item.valid_from for item in items if item.valid_from]
    ends = [item.valid_to for item in items if item.valid_to]
    return (min(starts) if starts else None, max(ends) if ends else None)


def summarise(nodes: Iterable[Node], edges: Iterable[Edge]) -> Summary:
    """The :class:`Summary` of these nodes and edges."""
    nodes = list(nodes)
    found: dict[str, list[Edge]] = {}
    for edge in edges:
        found.setdefault(edge.type.value, []).append(edge)
    facts = [node for node in nodes if node.label != NodeLabel.SOURCE]
    citations: Counter[str] = Counter()
    for node in facts:
        citations.update(node.sources)
    for group in found.values():
        for edge in group:
            citations.update(edge.sources)
    return Summary(
        counts=Counts(
            nodes=dict(sorted(Counter(node.label.value for node in nodes).items())),
            relationships={name: len(group) for name, group in sorted(found.items())},
        ),
        spans={NODES_SPAN: _span(facts), **{n: _span(g) for n, g in sorted(found.items())}},
        citations=dict(sorted(citations.items())),
    )
