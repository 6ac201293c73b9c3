"""Exports read back with networkx (and csv/zipfile): counts, labels, types, dates, sources.

Every test works on the bundled dataset, so the numbers are those a researcher gets.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from partnergraph.cli import app
from partnergraph.errors import ConfigError, NotFound, QueryError
from partnergraph.export import FORMATS, export_graph, export_networkx, select
from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.ingest.loader import load_directory
from partnergraph.model import NodeLabel, RelType
from partnergraph.settings import default_data_dir

GDANSK = "teryt:2261011"
KALININGRAD = "iso:RU-KGD"
ERB = "network:euroregion-baltic"
WATER = "priority:pomorskie-priorytety-2008:4"
POMORSKIE_2008 = "strategy:pomorskie-priorytety-2008"
SUSPENSION = f"MEMBER_OF|{KALININGRAD}|{ERB}|2022"
FOUNDING = f"MEMBER_OF|{KALININGRAD}|{ERB}|1998"


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    graph = MemoryStore()
    load_directory(graph, default_data_dir())
    return graph


@pytest.fixture(scope="module")
def expected(store: MemoryStore) -> tuple[int, int]:
    """Nodes and edges of a full export: everything but the Source (citation) nodes."""
    counts = store.counts()
    nodes = sum(n for label, n in counts.nodes.items() if label != NodeLabel.SOURCE.value)
    return nodes, sum(counts.relationships.values())


def cited_ids(store: MemoryStore) -> set[str]:
    ids = {sid for node in store.nodes() if node.label != NodeLabel.SOURCE for sid in node.sources}
    return ids | {sid for edge in store.edges() for sid in edge.sources}


def test_graphml_reads_back_with_every_node_edge_label_type_date_and_source(
    store: MemoryStore, expected: tuple[int, int], tmp_path: Path
) -> None:
    summary = export_graph(store, "graphml", tmp_path / "erb.graphml")
    graph = nx.read_graphml(tmp_path / "erb.graphml")

    assert isinstance(graph, nx.MultiDiGraph)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == expected
    assert (summary.nodes, summary.edges) == expected
    gdansk = graph.nodes[GDANSK]
    assert gdansk["uid"] == GDANSK
    assert gdansk["label"] == "Gdańsk"
    assert gdansk["type"] == "Municipality"
    assert gdansk["labels"] == "Municipality|Actor"
    assert gdansk["teryt"] == "2261011"
    assert gdansk["sources"].split("|") == list(store.node(GDANSK).sources)
    founding = graph.edges[KALININGRAD, ERB, FOUNDING]
    assert founding["relationship"] == founding["label"] == "MEMBER_OF"
    assert (founding["valid_from"], founding["valid_to"]) == ("1998-02-22", "2022-03-01")
    assert graph.edges[KALININGRAD, ERB, SUSPENSION]["status"] == "suspended"
    assert "valid_to" not in graph.edges[KALININGRAD, ERB, SUSPENSION]
    assert graph.graph["data_version"] == store.data_version()
    assert all(data["sources"] for *_, data in graph.edges(data=True))
    # Typed properties keep their type.
    county = graph.nodes["teryt:2262"]
    assert county["city_with_county_rights"] is True


def test_gexf_is_dynamic_with_spells_from_the_dates_and_names_as_labels(
    store: MemoryStore, expected: tuple[int, int], tmp_path: Path
) -> None:
    export_graph(store, "gexf", tmp_path / "erb.gexf", lang="en")
    text = (tmp_path / "erb.gexf").read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text
    assert 'timeformat="date"' in text
    assert "lastmodifieddate" not in text  # one data version, one file

    graph = nx.read_gexf(tmp_path / "erb.gexf")
    assert (graph.number_of_nodes(), graph.number_of_edges()) == expected
    erb = graph.nodes[ERB]
    assert erb["label"] == "Euroregion Baltic"  # the GEXF node label, in English
    assert erb["type"] == "Network"
    assert erb["start"] == erb["valid_from"] == "1998-02-22"
    assert "end" not in erb
    edges = {data["id"]: data for *_, data in graph.edges(data=True)}
    founding = edges[FOUNDING]
    assert (founding["start"], founding["end"]) == ("1998-02-22", "2022-03-01")
    assert founding["label"] == founding["relationship"] == "MEMBER_OF"
    assert founding["sources"].split("|") == list(
        next(e for e in store.edges(RelType.MEMBER_OF, uid=KALININGRAD) if e.id == FOUNDING).sources
    )


def test_json_is_node_link_with_lists_kept_and_the_cited_sources(
    store: MemoryStore, expected: tuple[int, int], tmp_path: Path
) -> None:
    export_graph(store, "json", tmp_path / "erb.json")
    data = json.loads((tmp_path / "erb.json").read_text(encoding="utf-8"))
    graph = nx.node_link_graph(data, edges="links")

    assert (graph.number_of_nodes(), graph.number_of_edges()) == expected
    assert graph.nodes[GDANSK]["labels"] == ["Municipality", "Actor"]
    assert graph.nodes[GDANSK]["sources"] == list(store.node(GDANSK).sources)
    table = {row["id"]: row for row in data["graph"]["sources"]}
    assert set(table) == cited_ids(store)
    assert table["terc-2020-01-01"]["confidence"] == "verified"


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_folder_and_zip_hold_the_same_three_tables(
    store: MemoryStore, expected: tuple[int, int], tmp_path: Path
) -> None:
    export_graph(store, "csv", tmp_path / "folder")
    export_graph(store, "csv", tmp_path / "erb.zip")
    folder = {p.name: p.read_bytes().decode() for p in (tmp_path / "folder").iterdir()}
    with zipfile.ZipFile(tmp_path / "erb.zip") as archive:
        zipped = {name: archive.read(name).decode() for name in archive.namelist()}

    assert folder == zipped
    assert sorted(folder) == ["edges.csv", "nodes.csv", "sources.csv"]
    nodes = read_csv(folder["nodes.csv"])
    edges = read_csv(folder["edges.csv"])
    sources = read_csv(folder["sources.csv"])
    assert (len(nodes), len(edges)) == expected
    assert list(nodes[0])[:4] == ["id", "uid", "label", "type"]  # Gephi's spreadsheet import
    assert list(edges[0])[:4] == ["id", "source", "target", "relationship"]
    gdansk = next(row for row in nodes if row["id"] == GDANSK)
    assert gdansk["label"] == "Gdańsk"
    assert gdansk["sources"].split("|") == list(store.node(GDANSK).sources)
    founding = next(row for row in edges if row["id"] == FOUNDING)
    assert (founding["valid_from"], founding["valid_to"]) == ("1998-02-22", "2022-03-01")
    assert {row["id"] for row in sources} == cited_ids(store)


def test_at_keeps_only_what_held_that_day(store: MemoryStore) -> None:
    graph = export_networkx(store, at=dt.date(2023, 1, 1))
    kaliningrad = set(graph[KALININGRAD][ERB])
    assert kaliningrad == {SUSPENSION}
    assert graph.graph["at"] == "2023-01-01"

    before = export_networkx(store, at=dt.date(1990, 1, 1))
    assert ERB not in before  # founded 1998
    everything = export_networkx(store)
    assert before.number_of_nodes() < everything.number_of_nodes()
    assert all(u in before and v in before for u, v in before.edges())


def test_priority_export_is_the_evidence_around_the_priority(store: MemoryStore) -> None:
    graph = export_networkx(store, priority=WATER)
    types = {data["relationship"] for *_, data in graph.edges(data=True)}

    assert WATER in graph
    assert {"COVERS", "SIGNED_BY", "DEFINES"} <= types
    assert "agreement:pomorskie-mittelfranken-2000" in graph  # covers water management
    assert "nuts:DE25" in graph  # its signatory, Middle Franconia
    aligned = {n.node.uid for n in store.neighbours(WATER, types=[RelType.ALIGNS_WITH])}
    assert aligned
    assert aligned <= set(graph)
    assert GDANSK not in graph
    assert graph.number_of_nodes() < 100
    assert graph.graph["priority"] == WATER


def test_priority_may_name_a_strategy_for_all_its_priorities(store: MemoryStore) -> None:
    nodes, _ = select(store, priority=POMORSKIE_2008)
    priorities = {n.uid for n in nodes if n.uid.startswith("priority:pomorskie-priorytety-2008:")}
    assert len(priorities) == 13


def test_priority_must_be_a_priority_strategy_or_programme(store: MemoryStore) -> None:
    with pytest.raises(QueryError, match="Municipality"):
        select(store, priority=GDANSK)
    with pytest.raises(NotFound):
        select(store, priority="priority:nowhere:1")


def test_include_sources_adds_exactly_the_cited_source_nodes(
    store: MemoryStore, expected: tuple[int, int]
) -> None:
    graph = export_networkx(store, include_sources=True)
    sources = {uid for uid, data in graph.nodes(data=True) if data["type"] == "Source"}
    assert sources == {f"source:{sid}" for sid in cited_ids(store)}
    assert graph.number_of_nodes() == expected[0] + len(sources)


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_to_a_stream_is_deterministic(store: MemoryStore, fmt: str) -> None:
    first, second = io.BytesIO(), io.BytesIO()
    export_graph(store, fmt, first, priority=WATER)  # type: ignore[arg-type]
    export_graph(store, fmt, second, priority=WATER)  # type: ignore[arg-type]
    assert first.getvalue() == second.getvalue()
    assert first.getvalue()
    if fmt == "csv":
        assert zipfile.ZipFile(first).namelist() == ["nodes.csv", "edges.csv", "sources.csv"]


def test_unknown_format_is_a_usage_error(store: MemoryStore, tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        export_graph(store, "dot", tmp_path / "x.dot")  # type: ignore[arg-type]


def test_cli_export_writes_a_file_gephi_reads(tmp_path: Path) -> None:
    target = tmp_path / "water.gexf"
    result = CliRunner().invoke(
        app, ["export", "--format", "gexf", "-o", str(target), "--priority", WATER]
    )
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stderr
    graph = nx.read_gexf(target)
    assert WATER in graph


def test_cli_export_json_to_stdout_with_at(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["export", "--format", "json", "--at", "2023-01-01"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["graph"]["at"] == "2023-01-01"
    keys = {link["key"] for link in data["links"]}
    assert SUSPENSION in keys
    assert FOUNDING not in keys


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--format", "csv"],  # several files need a destination
        ["export", "--format", "json", "--at", "2023-02-30"],
        ["export", "--format", "xml"],
    ],
)
def test_cli_export_usage_errors_exit_2(args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output


def test_cli_export_unknown_priority_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["export", "-f", "graphml", "-o", str(tmp_path / "x"), "--priority", "priority:nowhere:9"],
    )
    assert result.exit_code == 1
    assert "priority:nowhere:9" in result.stderr


@pytest.mark.neo4j
@pytest.mark.slow
def test_neo4j_exports_are_byte_identical_to_the_embedded_ones(
    store: MemoryStore, request: pytest.FixtureRequest
) -> None:
    neo4j: Neo4jStore = request.getfixturevalue("empty_neo4j")
    load_directory(neo4j, default_data_dir())
    for fmt in FORMATS:
        for options in ({}, {"at": dt.date(2021, 6, 1)}, {"priority": POMORSKIE_2008}):
            embedded, remote = io.BytesIO(), io.BytesIO()
            export_graph(store, fmt, embedded, **options)  # type: ignore[arg-type]
            export_graph(neo4j, fmt, remote, **options)  # type: ignore[arg-type]
            assert remote.getvalue() == embedded.getvalue(), (fmt, options)
