"""queries/_igraph.py, the fast path of clusters() at keep.eu scale, against networkx.

Betweenness and modularity must be networkx's values (same pivots, same formulas), and
Louvain must be seeded and as good as networkx's, so that switching to igraph above
``IGRAPH_ABOVE`` actors changes speed, not meaning.
"""

from __future__ import annotations

import importlib
import random

import networkx as nx
import pytest

from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest.loader import load_directory
from partnergraph.queries import _cache, _igraph, clusters
from partnergraph.queries.projection import build_projection
from partnergraph.settings import default_data_dir


def weighted_graph(seed: int, nodes: int, edges: int) -> nx.Graph:
    rnd = random.Random(seed)
    graph = nx.gnm_random_graph(nodes, edges, seed=seed)
    graph = nx.relabel_nodes(graph, {i: f"org:n{i:04d}" for i in graph})
    for u, v in graph.edges():
        graph[u][v]["weight"] = rnd.choice([0.25, 0.5, 1.0, 1.5])
    graph.add_node("org:isolated")
    return graph


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("k", [None, 15])
def test_betweenness_is_networkx_betweenness(seed: int, k: int | None) -> None:
    graph = weighted_graph(seed, 80, 260)
    expected = nx.betweenness_centrality(graph, k=k, normalized=True, weight=None, seed=seed)
    found = _igraph.betweenness(*_igraph.to_igraph(graph), k=k, seed=seed)
    assert found.keys() == expected.keys()
    assert found == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("resolution", [0.5, 1.0, 2.0])
def test_modularity_is_networkx_modularity(resolution: float) -> None:
    graph = weighted_graph(3, 120, 400)
    parts = nx.community.louvain_communities(graph, weight="weight", seed=3)
    expected = nx.community.modularity(graph, parts, weight="weight", resolution=resolution)
    assert _igraph.modularity(
        *_igraph.to_igraph(graph), parts, resolution=resolution
    ) == pytest.approx(expected)


def test_louvain_is_seeded_covers_every_node_and_is_as_good_as_networkx() -> None:
    graph = weighted_graph(4, 300, 900)
    first = _igraph.louvain(*_igraph.to_igraph(graph), resolution=1.0, seed=42)
    assert _igraph.louvain(*_igraph.to_igraph(graph), resolution=1.0, seed=42) == first
    assert sorted(uid for part in first for uid in part) == sorted(graph)
    reference = nx.community.louvain_communities(graph, weight="weight", seed=42)
    ours = nx.community.modularity(graph, first, weight="weight")
    theirs = nx.community.modularity(graph, reference, weight="weight")
    assert ours >= theirs * 0.98
    assert random.random() != random.Random(42).random()  # the global generator is back


def test_clusters_on_the_igraph_path_report_networkx_modularity_and_brokers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = MemoryStore()
    load_directory(store, default_data_dir())
    projection = build_projection(store.carrier_groups())
    assert projection.number_of_nodes() > 20
    # the package re-exports the function under the module's name; patch the module
    module = importlib.import_module("partnergraph.queries.clusters")
    monkeypatch.setattr(module, "IGRAPH_ABOVE", 0)
    _cache.clear()
    answer = clusters(store, seed=42, lang="en")
    _cache.clear()
    parts = [[member.uid for member in result.members] for result in answer.results]
    assert sorted(uid for part in parts for uid in part) == sorted(projection)
    assert answer.modularity == round(nx.community.modularity(projection, parts), 6)
    exact = nx.betweenness_centrality(projection, normalized=True, weight=None)
    top = sorted((uid for uid in exact if exact[uid] > 0), key=lambda u: (-exact[u], u))[:10]
    assert [broker.actor.uid for broker in answer.brokers] == top
    assert [broker.betweenness for broker in answer.brokers] == [round(exact[u], 6) for u in top]
