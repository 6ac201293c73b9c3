"""The store's ``summary``: counts, the facts' date spans and citations per source, as of a
day, hand-worked on both stores (Neo4j aggregates it in the database)."""

from __future__ import annotations

import datetime as dt

from partnergraph.graph.store import GraphStore
from partnergraph.model import NodeLabel, RelType
from tests.conformance.builders import edge, node


def test_summary_counts_spans_and_citations(store: GraphStore) -> None:
    store.upsert_nodes(
        [
            node("source:a", NodeLabel.SOURCE, valid_from="1990-01-01", sources=("a",)),
            node("org:x", valid_from="2001-05-01", sources=("a", "b")),
            node("org:y", valid_to="2019-12-31", sources=("b",)),
            node("net:n", NodeLabel.NETWORK, sources=("a",)),
        ]
    )
    store.upsert_edges(
        [
            edge("org:x", "net:n", RelType.MEMBER_OF, valid_from="2005-01-01", sources=("a",)),
            edge("org:y", "net:n", RelType.MEMBER_OF, valid_to="2010-06-30", sources=("c",)),
            edge("org:x", "org:y", RelType.TWINNED_WITH, sources=("a", "c")),
        ]
    )
    summary = store.summary()
    assert summary.counts.nodes == {"Network": 1, "Organisation": 2, "Source": 1}
    assert summary.counts.relationships == {"MEMBER_OF": 2, "TWINNED_WITH": 1}
    # the source node's own date is not a fact's date
    assert summary.spans == {
        "nodes": ("2001-05-01", "2019-12-31"),
        "MEMBER_OF": ("2005-01-01", "2010-06-30"),
        "TWINNED_WITH": (None, None),
    }
    # the source node cites "a" but is not a fact
    assert summary.citations == {"a": 4, "b": 2, "c": 2}
    later = store.summary(at=dt.date(2020, 6, 1))  # org:y and its membership had ended
    assert later.counts.nodes == {"Network": 1, "Organisation": 1, "Source": 1}
    assert later.counts.relationships == {"MEMBER_OF": 1, "TWINNED_WITH": 1}
    assert later.citations == {"a": 4, "b": 1, "c": 1}
