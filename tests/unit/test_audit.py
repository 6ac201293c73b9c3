"""The audit counts facts per confidence and finds facts whose source is unknown."""

from __future__ import annotations

from typer.testing import CliRunner

from partnergraph.cli import app
from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest.loader import load_directory
from partnergraph.model import Node, NodeLabel
from partnergraph.queries.audit import audit
from tests.conftest import MINI


def test_the_mini_dataset_has_every_fact_sourced_and_verified() -> None:
    store = MemoryStore()
    load_directory(store, MINI)
    report = audit(store)
    assert report.unsourced == []
    assert report.confidence == {"nodes": {"verified": 12}, "relationships": {"verified": 11}}
    terc = next(use for use in report.sources if use.id == "terc-2024")
    # country PL, regions PL63 + PL62, 2 counties, 2 gminy, and 6 of the 7 PART_OF edges
    assert terc.facts == 7 + 6
    erb = next(use for use in report.sources if use.id == "erb-background")
    # country SE, region SE213, the ERB network, SE213 PART_OF SE, 3 memberships
    assert erb.facts == 7
    assert (erb.period_from, erb.period_to) == ("1998-02-22", None)


def test_a_fact_citing_an_unknown_source_is_reported() -> None:
    store = MemoryStore()
    load_directory(store, MINI)
    store.upsert_nodes(
        [Node(uid="org:ghost", label=NodeLabel.ORGANISATION, name="Ghost", sources=("nowhere",))]
    )
    assert audit(store).unsourced == ["org:ghost"]


def test_audit_command_exits_0_on_the_bundled_data() -> None:
    result = CliRunner().invoke(app, ["audit", "--json"])
    assert result.exit_code == 0, result.output
    assert '"unsourced": []' in result.output
