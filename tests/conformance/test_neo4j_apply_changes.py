"""Neo4j's one-transaction write of a whole change set (what ``partnergraph import`` uses):
it lands whole or not at all."""

from __future__ import annotations

import pytest

from partnergraph.errors import DataError
from partnergraph.graph import neo4j_write
from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.model import NodeLabel, RelType
from tests.conformance.builders import edge, node

pytestmark = pytest.mark.neo4j

NETWORK = node("network:erb", NodeLabel.NETWORK)
MEMBERS = [node(f"org:member-{i}") for i in range(5)]
MEMBERSHIPS = [edge(member.uid, NETWORK.uid, RelType.MEMBER_OF) for member in MEMBERS]


def test_a_change_set_is_written_whole(empty_neo4j: Neo4jStore) -> None:
    written = empty_neo4j.apply_changes([NETWORK, *MEMBERS], MEMBERSHIPS, batch_size=2)
    assert written == (6, 5)
    assert empty_neo4j.counts().model_dump() == {
        "nodes": {"Network": 1, "Organisation": 5},
        "relationships": {"MEMBER_OF": 5},
    }


def test_the_version_matches_the_same_content_written_in_batches(empty_neo4j: Neo4jStore) -> None:
    empty_neo4j.apply_changes([NETWORK, *MEMBERS], MEMBERSHIPS)
    whole = empty_neo4j.data_version()
    empty_neo4j.clear()
    empty_neo4j.upsert_nodes([NETWORK, *MEMBERS])
    empty_neo4j.upsert_edges(MEMBERSHIPS)
    assert empty_neo4j.data_version() == whole


def test_an_edge_to_an_unknown_node_writes_nothing(empty_neo4j: Neo4jStore) -> None:
    dangling = edge("org:member-0", "network:nowhere", RelType.MEMBER_OF)
    with pytest.raises(DataError, match="unknown node network:nowhere"):
        empty_neo4j.apply_changes([NETWORK, *MEMBERS], [*MEMBERSHIPS, dangling])
    assert empty_neo4j.counts().model_dump() == {"nodes": {}, "relationships": {}}


def test_a_failure_after_the_nodes_were_sent_rolls_them_back(
    empty_neo4j: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server-side failure is simulated after every node statement has run in the
    transaction: none of them may survive."""
    before = empty_neo4j.data_version()

    def fail(*_: object) -> list[int]:
        raise ConnectionResetError("the server went away")

    monkeypatch.setattr(neo4j_write, "run_edge_groups", fail)
    with pytest.raises(ConnectionResetError):
        empty_neo4j.apply_changes([NETWORK, *MEMBERS], MEMBERSHIPS)
    assert empty_neo4j.counts().model_dump() == {"nodes": {}, "relationships": {}}
    assert empty_neo4j.data_version() == before
