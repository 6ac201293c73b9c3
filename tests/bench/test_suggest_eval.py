"""bench/suggest_eval.py on a tiny synthetic graph: the split, the metrics' range, and a
planted partner that our ranking must find (no keep.eu file needed)."""

from __future__ import annotations

import datetime as dt
from types import ModuleType

import pytest

from partnergraph.graph.memory import MemoryStore
from partnergraph.model import Node, NodeLabel, RelType
from tests.bench.conftest import load_bench
from tests.conformance.builders import edge, node


@pytest.fixture(scope="module")
def suggest_eval() -> ModuleType:
    return load_bench("suggest_eval")


def _project(uid: str, start: str, end: str) -> Node:
    return node(uid, NodeLabel.PROJECT, valid_from=start, valid_to=end)


def _graph() -> MemoryStore:
    """me took part with hub in p1 (2016–2017). hub's partners: planted (p2, 2016–2017, the
    same priority as me), and old1..old3 (p0, 2004–2006: inactive by 2018). noise1..noise12 work
    among themselves. After the cut-off, me and planted run p9 together (held out), and
    noise1 joins noise12 in p8."""
    store = MemoryStore()
    orgs = ["org:me", "org:hub", "org:planted", "org:old1", "org:old2", "org:old3"]
    noise = [f"org:noise{i}" for i in range(1, 13)]
    projects = {
        "project:p0": ("2004-01-01", "2006-12-31", ["org:hub", "org:old1", "org:old2", "org:old3"]),
        "project:p1": ("2016-01-01", "2017-12-31", ["org:me", "org:hub"]),
        "project:p2": ("2016-01-01", "2017-12-31", ["org:hub", "org:planted"]),
        "project:p9": ("2018-03-01", "2020-12-31", ["org:me", "org:planted"]),
        "project:p8": ("2019-01-01", "2020-12-31", ["org:noise1", "org:noise12"]),
    }
    for i in range(1, 12):
        projects[f"project:n{i}"] = ("2015-01-01", "2017-06-30", [noise[i - 1], noise[i]])
    store.upsert_nodes(
        [node(uid) for uid in orgs + noise]
        + [_project(uid, start, end) for uid, (start, end, _) in projects.items()]
        + [node("priority:x", NodeLabel.PRIORITY)]
    )
    edges = [
        edge(actor, uid, RelType.PARTICIPATES_IN)
        for uid, (_, _, actors) in projects.items()
        for actor in actors
    ]
    edges += [
        edge(p, "priority:x", RelType.ADDRESSES) for p in ("project:p1", "project:p2", "project:p9")
    ]
    store.upsert_edges(edges)
    return store


def test_the_split_removes_projects_from_the_cutoff(suggest_eval: ModuleType) -> None:
    train, participants = suggest_eval.split(_graph(), dt.date(2018, 1, 1))
    assert participants == {
        "project:p8": ["org:noise1", "org:noise12"],
        "project:p9": ["org:me", "org:planted"],
    }
    assert {n.uid for n in train.nodes(NodeLabel.PROJECT)} >= {"project:p0", "project:p1"}
    assert "project:p9" not in {n.uid for n in train.nodes(NodeLabel.PROJECT)}


def test_metrics_are_proportions_and_the_planted_partner_is_found(
    suggest_eval: ModuleType,
) -> None:
    train, participants = suggest_eval.split(_graph(), dt.date(2018, 1, 1))
    result = suggest_eval.evaluate(train, participants, cutoff=dt.date(2018, 1, 1), seed=3)
    # me (new partner: planted) and noise1/noise12 (new to each other) are evaluated
    assert result.actors == result.eligible == 4
    for method in result.precision:
        assert 0.0 <= result.precision[method] <= 1.0
        assert 0.0 <= result.recall[method] <= 1.0
    assert 0.0 <= result.ceiling <= 1.0
    assert result.hits["ours"] >= 2  # me → planted and planted → me
    assert "ours" in suggest_eval.markdown(result)
