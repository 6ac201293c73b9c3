"""The website's layouts without python-igraph (a GPL extra, issue 17): networkx places the
nodes, deterministically for a seed, whatever the order they come in."""

from __future__ import annotations

import sys

import pytest

from partnergraph.viz import layout as layout_mod


def test_positions_come_from_networkx_when_igraph_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "igraph", None)  # import igraph raises ImportError
    layout_mod.clear_cache()
    nodes = ["a", "b", "c", "d"]
    edges = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")]
    first = layout_mod.layout(nodes, edges, seed=7, centre="a")
    layout_mod.clear_cache()
    again = layout_mod.layout(list(reversed(nodes)), list(reversed(edges)), seed=7, centre="a")
    assert set(first) == set(nodes)
    assert first == again
    assert first["a"] == (0.0, 0.0)  # the centre stays in the middle
    assert len(set(first.values())) == len(nodes)  # no two nodes on one spot
