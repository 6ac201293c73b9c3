"""The notebook helpers: DataFrames from answers (partnergraph.frames) and offline network
views (partnergraph.notebook), on the bundled dataset."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest

from partnergraph.frames import (
    edges_frame,
    evidence_frame,
    matrix_frame,
    nodes_frame,
    sources_frame,
    to_dataframe,
)
from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest.loader import load_directory
from partnergraph.model import NodeLabel, RelType
from partnergraph.notebook import neighbourhood, show_network, vis_network_js
from partnergraph.queries.gaps import coverage_matrix
from partnergraph.queries.partners import partners_for_priority
from partnergraph.settings import default_data_dir

ERB = "network:euroregion-baltic"
WATER = "priority:pomorskie-priorytety-2008:4"
POMORSKIE_2008 = "strategy:pomorskie-priorytety-2008"


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    graph = MemoryStore()
    load_directory(graph, default_data_dir())
    return graph


def test_answer_frame_has_one_row_per_result_with_nested_nodes_flattened(
    store: MemoryStore,
) -> None:
    answer = partners_for_priority(store, WATER, lang="en")
    frame = to_dataframe(answer)

    assert len(frame) == len(answer.results)
    assert list(frame["partner_uid"]) == [r.partner.uid for r in answer.results]
    assert list(frame["partner_name"]) == [r.partner.name for r in answer.results]
    assert list(frame["n_evidence"]) == [len(r.evidence) for r in answer.results]
    assert "evidence" not in frame.columns


def test_evidence_frame_has_one_row_per_fact_with_its_result_and_sources(
    store: MemoryStore,
) -> None:
    answer = partners_for_priority(store, WATER, lang="en")
    frame = evidence_frame(answer)

    assert len(frame) == sum(len(r.evidence) for r in answer.results)
    first = answer.results[0]
    rows = frame[frame["result"] == first.rank]
    assert set(rows["result_name"]) == {first.partner.name}
    assert list(rows["sources"]) == [item.sources for item in first.evidence]


def test_sources_frame_lists_the_answer_sources(store: MemoryStore) -> None:
    answer = partners_for_priority(store, WATER, lang="en")
    frame = sources_frame(answer)
    assert list(frame["id"]) == [source.id for source in answer.coverage.sources]
    assert {"title", "url", "confidence"} <= set(frame.columns)


def test_matrix_frame_pivots_priorities_by_country(store: MemoryStore) -> None:
    answer = coverage_matrix(store, framework=POMORSKIE_2008, lang="en")
    frame = matrix_frame(answer)

    assert len(frame) == 13
    assert list(frame.columns[1:]) == [answer.column_names[c] for c in answer.columns]
    row = next(r for r in answer.results if r.priority.uid == WATER)
    for column, cell in row.cells.items():
        assert frame.loc[WATER, answer.column_names[column]] == cell.partners


def test_lists_of_named_things_become_name_lists() -> None:
    frame = to_dataframe(
        [{"id": 1, "members": [{"uid": "a", "name": "A"}, {"uid": "b", "name": "B"}]}]
    )
    assert frame.loc[0, "members"] == ["A", "B"]


def test_nodes_and_edges_frames_have_properties_as_columns(store: MemoryStore) -> None:
    projects = nodes_frame(store, label=NodeLabel.PROJECT, lang="en")
    assert len(projects) == len(store.nodes(NodeLabel.PROJECT))
    assert {"uid", "name", "valid_from", "sources", "acronym", "budget_eur"} <= set(projects)

    members = edges_frame(store, rel_type=RelType.MEMBER_OF, at=dt.date(2023, 1, 1))
    kaliningrad = members[members["source"] == "iso:RU-KGD"]
    assert list(kaliningrad["status"]) == ["suspended"]


def test_network_view_is_self_contained_and_offline(store: MemoryStore, tmp_path: Path) -> None:
    part = neighbourhood(store, ERB, types=[RelType.MEMBER_OF], at=dt.date(2023, 7, 1))
    view = show_network(part, lang="en", title="ERB", centre=ERB)

    assert view.nodes == len(part.nodes)
    shown = view._repr_html_()
    assert shown.startswith("<iframe srcdoc=")
    document = html.unescape(shown.split('srcdoc="', 1)[1].split('" style=', 1)[0])
    assert document == view.document
    assert vis_network_js() in document
    assert "src=" not in document.replace(vis_network_js(), "")  # nothing fetched
    assert '"iso:RU-KGD"' in document
    assert view.save(tmp_path / "erb.html").read_text(encoding="utf-8") == document


def test_neighbourhood_respects_depth_types_and_day(store: MemoryStore) -> None:
    one = neighbourhood(store, ERB, types=[RelType.MEMBER_OF])
    two = neighbourhood(store, ERB, depth=2, types=[RelType.MEMBER_OF])
    assert {n.uid for n in one.nodes} < {n.uid for n in two.nodes}
    assert all(e.type == RelType.MEMBER_OF for e in one.edges if ERB in (e.source, e.target))

    before = neighbourhood(store, ERB, types=[RelType.MEMBER_OF], at=dt.date(2021, 7, 1))
    after = neighbourhood(store, ERB, types=[RelType.MEMBER_OF], at=dt.date(2023, 7, 1))
    status = {
        day: {e.properties.get("status") for e in part.edges if e.source == "iso:RU-KGD"}
        for day, part in (("2021", before), ("2023", after))
    }
    assert status == {"2021": {"active"}, "2023": {"suspended"}}


def test_an_answer_without_results_still_has_its_columns(store: MemoryStore) -> None:
    answer = partners_for_priority(store, WATER, lang="en").model_copy(update={"results": []})
    frame = to_dataframe(answer)
    assert frame.empty
    assert {"rank", "partner_uid", "partner_name", "score", "n_evidence"} <= set(frame.columns)
