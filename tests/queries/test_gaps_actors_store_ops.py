"""The actor-side gap questions read through batched store operations, not the whole-graph
export: the same answers as the per-actor walk, in a fixed few calls per batch."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.reader import GraphReader
from partnergraph.ingest.loader import load_directory
from partnergraph.queries import gaps_actors
from partnergraph.queries.evidence import PARTNER_LABELS, Finding, Window, findings_for_actor
from partnergraph.queries.gaps_actors import inactive_partners, left_out_gminy
from partnergraph.queries.standing import activity_in, activity_of, evidence_of

DAY = dt.date(2024, 1, 1)


@pytest.fixture(scope="module")
def bundled() -> MemoryStore:
    from partnergraph.settings import default_data_dir

    store = MemoryStore()
    load_directory(store, Path(default_data_dir()))
    return store


def _keys(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [(*f.order, f.start, f.end) for f in findings]


@pytest.mark.parametrize("window", [Window(end=DAY), Window(), Window(start=DAY, end=DAY)])
def test_findings_grouped_from_every_chain_are_each_actors_findings(
    bundled: MemoryStore, window: Window
) -> None:
    reader = GraphReader(bundled.to_networkx())
    partners = [node for node in bundled.nodes() if node.label in PARTNER_LABELS]
    grouped = gaps_actors._findings_by_partner(bundled, {node.uid for node in partners}, window)
    assert grouped
    for node in partners:
        expected = _keys(findings_for_actor(reader, node, window))
        assert _keys(findings_for_actor(bundled, node, window)) == expected
        assert _keys(grouped.get(node.uid, [])) == expected, node.uid


def test_activity_of_batched_evidence_is_activity_in(bundled: MemoryStore) -> None:
    reader = GraphReader(bundled.to_networkx())
    partners = [node for node in bundled.nodes() if node.label in PARTNER_LABELS]
    read = evidence_of(bundled, [node.uid for node in partners])
    for start, end in [(dt.date(2019, 1, 1), DAY), (dt.date(2005, 1, 1), dt.date(2010, 1, 1))]:
        for node in partners:
            expected = activity_in(reader, node, start, end)
            assert activity_of(read, node.uid, start, end) == expected, node.uid


def _answers(store: MemoryStore) -> list[dict[str, Any]]:
    return [
        inactive_partners(store, at=DAY, scope="all").model_dump(),
        inactive_partners(store, at=DAY, years=10).model_dump(),
        left_out_gminy(store).model_dump(),
        left_out_gminy(store, at=DAY, region="nuts:PL63").model_dump(),
        left_out_gminy(store, period=(dt.date(2010, 1, 1), DAY)).model_dump(),
    ]


def test_batches_do_not_change_the_answers(
    bundled: MemoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = _answers(bundled)
    monkeypatch.setattr(gaps_actors, "_BATCH", 7)
    assert _answers(bundled) == whole


class Counting:
    """A store that counts the calls made to it."""

    def __init__(self, store: MemoryStore) -> None:
        self.store = store
        self.calls: Counter[str] = Counter()

    def __getattr__(self, name: str) -> Any:
        self.calls[name] += 1
        return getattr(self.store, name)


def test_a_fixed_few_calls_per_batch_and_no_export(
    bundled: MemoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gaps_actors, "_BATCH", 10_000)
    store = Counting(bundled)
    inactive_partners(store, at=DAY, scope="all")  # type: ignore[arg-type]
    # nodes per partner label, 3 link types + the one other kind of evidence, every chain once
    assert store.calls["to_networkx"] == 0
    assert store.calls["neighbours"] == store.calls["actor_chains"] == 0
    assert store.calls["neighbours_of"] == 4
    assert store.calls["evidence_chains"] == 1
    assert store.calls["nodes"] == len(PARTNER_LABELS)

    store = Counting(bundled)
    left_out_gminy(store, region="nuts:PL63")  # type: ignore[arg-type]
    # gminy, their parents, their powiaty's parents, three kinds of taking part
    assert store.calls["to_networkx"] == store.calls["neighbours"] == 0
    assert store.calls["nodes"] == 1
    assert store.calls["neighbours_of"] == 5
