"""The keep.eu importer on the project's own fixtures: both layouts, Polish CSV, resolution
against the graph, idempotence, updates in place, dry runs and the workspace."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from partnergraph.cli import app
from partnergraph.graph.memory import MemoryStore
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.keep_eu import StoreContext, read_keep, source_id_for
from partnergraph.ingest.loader import load_directory
from partnergraph.ingest.tabular import excel_serial_date
from partnergraph.ingest.workspace import import_keep, list_imports
from partnergraph.model import Node, NodeLabel, RelType
from partnergraph.settings import Settings
from partnergraph.stores import open_store
from partnergraph.web import create_app
from tests.conftest import MINI
from tests.ingest.conftest import CSV_PAIR, NEW_LAYOUT, OLD_LAYOUT

SB = "programme:2014-2020-interreg-v-a-south-baltic"
SB_SLUG = SB.split(":", 1)[1]


def participants(store: GraphStore, project: str) -> dict[str, str]:
    return {
        edge.source: str(edge.properties["role"])
        for edge in store.edges(RelType.PARTICIPATES_IN, uid=project)
    }


def located(store: GraphStore, uid: str) -> set[str]:
    return {edge.target for edge in store.edges(RelType.LOCATED_IN, uid=uid)}


def test_old_layout_loads_projects_priorities_and_partners(
    settings: Settings, mini_store: MemoryStore
) -> None:
    outcome = import_keep(mini_store, settings, [OLD_LAYOUT])
    stats = outcome.result.stats
    assert (stats["project rows"], stats["projects"]) == (7, 6)
    assert (stats["partner rows"], stats["participations"]) == (22, 21)
    waterlink = mini_store.node(f"project:{SB_SLUG}:waterlink")
    assert waterlink.name == "Baltic water management link"
    assert (waterlink.valid_from, waterlink.valid_to) == ("2016-09-01", "2019-08-31")
    assert waterlink.properties["budget_eur"] == 2345678.5
    assert waterlink.properties["source_row"] == "keep_old_layout.xlsx[Projects (lead partners)]:2"
    source = source_id_for(OLD_LAYOUT)
    assert waterlink.sources == (source,)
    assert mini_store.node(f"source:{source}").properties["confidence"] == "unverified"
    # the thematic objective and investment priority, defined by the programme
    priorities = {e.target for e in mini_store.edges(RelType.ADDRESSES, uid=waterlink.uid)}
    assert {f"priority:{SB_SLUG}:to-6", f"priority:{SB_SLUG}:ip-6c"} <= priorities
    to6 = mini_store.node(f"priority:{SB_SLUG}:to-6")
    assert to6.name.startswith("preserving and protecting the environment")
    assert to6.properties["code"] == "Thematic objective 6"
    assert any(e.source == SB for e in mini_store.edges(RelType.DEFINES, uid=to6.uid))
    assert [e.target for e in mini_store.edges(RelType.FUNDED_BY, uid=waterlink.uid)] == [SB]


def test_three_spellings_of_the_pomorskie_government_are_the_region(
    settings: Settings, mini_store: MemoryStore
) -> None:
    import_keep(mini_store, settings, [OLD_LAYOUT])
    # "Urząd Marszałkowski Województwa Pomorskiego", "Marshal's Office of the Pomorskie
    # Voivodeship" and "Pomorskie Region" all become the Region nuts:PL63 of the mini dataset
    for acronym, role in (("waterlink", "lead"), ("smartports", "partner")):
        assert participants(mini_store, f"project:{SB_SLUG}:{acronym}")["nuts:PL63"] == role
    bsr = "project:2014-2020-interreg-vb-baltic-sea:greencities"
    assert participants(mini_store, bsr)["nuts:PL63"] == "partner"
    region = mini_store.node("nuts:PL63")
    assert region.name == "Pomorskie"  # curated name kept
    assert region.sources[0] == "terc-2024"
    assert source_id_for(OLD_LAYOUT) in region.sources
    edge = next(
        e for e in mini_store.edges(RelType.PARTICIPATES_IN, uid=bsr) if e.source == "nuts:PL63"
    )
    assert edge.properties["note"] == "listed as Pomorskie Region"


def test_organisations_are_merged_and_keep_every_spelling(
    settings: Settings, mini_store: MemoryStore
) -> None:
    import_keep(mini_store, settings, [OLD_LAYOUT])
    [polytechnic] = mini_store.find("politechnika gdanska", labels=[NodeLabel.ORGANISATION])
    assert polytechnic.properties["aliases"] == ["Gdańsk University of Technology"]
    assert polytechnic.properties["country"] == "PL"
    # its NUTS 3 region (created from the export, PART_OF the curated PL63) and its gmina
    assert located(mini_store, polytechnic.uid) == {"nuts:PL633", "teryt:2261011"}
    assert [e.target for e in mini_store.edges(RelType.PART_OF, uid="nuts:PL633")] == ["nuts:PL63"]
    # Lithuanian and English names of Klaipėda University: one organisation
    [klaipeda] = mini_store.find("klaip", labels=[NodeLabel.ORGANISATION])
    assert set(klaipeda.properties["aliases"]) | {klaipeda.name} == {
        "Klaipėdos universitetas",
        "Klaipėda University",
    }
    # the city is the gmina of the mini dataset, with the spellings as aliases
    gdansk = mini_store.node("teryt:2261011")
    assert gdansk.name == "Gdańsk"
    assert {"Gmina Miasta Gdańsk", "City of Gdańsk"} <= set(gdansk.properties["aliases"])


def test_two_rows_of_one_organisation_in_a_project_are_one_participation(
    settings: Settings, mini_store: MemoryStore
) -> None:
    outcome = import_keep(mini_store, settings, [OLD_LAYOUT])
    youth = participants(mini_store, f"project:{SB_SLUG}:2020")
    association = [uid for uid in youth if uid.startswith("org:stowarzyszenie")]
    assert len(association) == 1
    assert youth[association[0]] == "lead"
    merged = "partner rows merged: same organisation twice in a project"
    assert outcome.result.stats[merged] == 1


def test_a_plain_gmina_is_not_taken_for_the_town_of_the_same_name(
    settings: Settings, mini_store: MemoryStore
) -> None:
    outcome = import_keep(mini_store, settings, [OLD_LAYOUT])
    youth = participants(mini_store, f"project:{SB_SLUG}:2020")
    assert "teryt:2861011" in youth  # "Miasto Elbląg"
    [rural] = [uid for uid in youth if uid.startswith("org:gmina-elblag")]
    assert rural != "teryt:2861011"
    assert any(pair.left == "Gmina Elbląg" for pair in outcome.result.review)
    review = (outcome.review_file or Path()).read_text(encoding="utf-8")
    assert "Gmina Elbląg" in review


def test_two_lead_partners_of_one_project_stay_one_project(
    settings: Settings, mini_store: MemoryStore
) -> None:
    outcome = import_keep(mini_store, settings, [OLD_LAYOUT])
    nordtrail = "project:2014-2020-interreg-v-a-sweden-norway:nordtrail"
    roles = participants(mini_store, nordtrail)
    assert sorted(roles.values()) == ["lead", "lead", "partner"]
    node = mini_store.node(nordtrail)
    assert node.properties["source_row"] == "keep_old_layout.xlsx[Projects (lead partners)]:5,6"
    assert (
        outcome.result.stats["duplicate project rows merged (one project, several lead partners)"]
        == 1
    )


def test_numeric_and_greek_acronyms_get_readable_uids(
    settings: Settings, mini_store: MemoryStore
) -> None:
    import_keep(mini_store, settings, [OLD_LAYOUT])
    assert mini_store.node(f"project:{SB_SLUG}:2020").properties["acronym"] == "2020"
    agora = mini_store.node("project:2014-2020-interreg-ipa-cbc-greece-albania:agora")
    assert agora.properties["acronym"] == "ΑΓΟΡΑ"
    ipa = {e.target for e in mini_store.edges(RelType.ADDRESSES, uid=agora.uid)}
    assert "priority:2014-2020-interreg-ipa-cbc-greece-albania:tp-d" in ipa
    epirus = next(n for n in mini_store.nodes(NodeLabel.ORGANISATION) if "Epirus" in n.name)
    assert epirus.properties["country"] == "GR"  # keep.eu's EL is ISO GR
    assert located(mini_store, epirus.uid) == {"nuts:EL543"}


def test_new_layout_with_title_rows_ids_pics_and_budgets(
    settings: Settings, mini_store: MemoryStore
) -> None:
    outcome = import_keep(mini_store, settings, [NEW_LAYOUT])
    assert any("header on line 3" in line for line in outcome.result.tables)
    programme = "programme:2021-2027-interreg-vi-a-south-baltic"
    assert mini_store.node(programme).properties["period"] == "2021-2027"
    projects = {n.properties["keep_id"]: n for n in mini_store.nodes(NodeLabel.PROJECT)}
    bluehub = projects["STHB.01.01-IP.01-0001/23"]
    assert bluehub.valid_from == "2023-07-01"
    assert bluehub.valid_to == excel_serial_date(46568).isoformat() == "2027-06-30"
    assert bluehub.properties["budget_eur"] == 1250000.5
    # the same acronym under two project ids: two projects, both uids made unique
    seaside = [n.uid for n in projects.values() if n.properties["acronym"] == "SEASIDE"]
    assert len(set(seaside)) == 2
    assert all(uid.count("seaside-sthb") == 1 for uid in seaside)
    # one PIC, two spellings: the Pomorskie voivodeship, i.e. nuts:PL63, in both projects
    for project in (bluehub.uid, projects["STHB.02.01-IP.01-0002/23"].uid):
        assert participants(mini_store, project)["nuts:PL63"] == "lead"
    budgets = {
        e.source: e.properties.get("budget_eur")
        for e in mini_store.edges(RelType.PARTICIPATES_IN, uid=bluehub.uid)
    }
    assert budgets["nuts:PL63"] == 500000.25
    karlskrona = next(n for n in mini_store.nodes(NodeLabel.ORGANISATION) if "Karlskrona" in n.name)
    assert karlskrona.properties["note"] == "keep.eu partner id SE-KK-17"
    assert karlskrona.properties["aliases"] == ["Karlskrona kommun"]
    assert karlskrona.properties["website"] == "https://karlskrona.se"


def test_polish_excel_csv_pair_cp1250_semicolons_decimal_commas(
    settings: Settings, mini_store: MemoryStore
) -> None:
    outcome = import_keep(mini_store, settings, CSV_PAIR)
    assert all("cp1250" in line and "';'-separated" in line for line in outcome.result.tables)
    amber = mini_store.node(f"project:{SB_SLUG}:ambercoast")
    assert amber.name == "Bursztynowe wybrzeże – turystyka"
    assert amber.properties["budget_eur"] == 1234567.89
    assert (amber.valid_from, amber.valid_to) == ("2017-03-01", "2020-02-28")
    fishnet = mini_store.node(f"project:{SB_SLUG}:fishnet")
    assert fishnet.properties["budget_eur"] == 987654.3
    assert fishnet.valid_from == "2018-09-01"
    # "… S.A." and "… SA": one port authority, lead of FISHNET, partner in AMBERCOAST
    ports = [n for n in mini_store.nodes(NodeLabel.ORGANISATION) if "Portu" in n.name]
    assert len(ports) == 1
    assert participants(mini_store, fishnet.uid)[ports[0].uid] == "lead"
    assert participants(mini_store, amber.uid)[ports[0].uid] == "partner"
    # each file is a source of its own
    assert len(outcome.result.source_ids) == 2


def test_reimporting_the_same_file_changes_nothing(
    settings: Settings, mini_store: MemoryStore
) -> None:
    import_keep(mini_store, settings, [OLD_LAYOUT])
    version = mini_store.data_version()
    [info] = list_imports(settings.home)
    again = import_keep(mini_store, settings, [OLD_LAYOUT])
    assert again.changes.empty
    assert not again.written
    assert mini_store.data_version() == version
    assert list_imports(settings.home) == [info]  # not even rewritten


def test_an_updated_export_updates_in_place(
    settings: Settings, mini_store: MemoryStore, tmp_path: Path
) -> None:
    import_keep(mini_store, settings, [OLD_LAYOUT])
    port = next(n.uid for n in mini_store.nodes(NodeLabel.ORGANISATION) if "Port of" in n.name)
    updated = tmp_path / "later" / OLD_LAYOUT.name
    updated.parent.mkdir()
    shutil.copy(OLD_LAYOUT, updated)
    book = openpyxl.load_workbook(updated)
    book["Projects (lead partners)"]["I2"] = "2,500,000.00"  # WATERLINK's budget
    partners = book["Partners"]
    row = next(
        r
        for r in range(2, partners.max_row + 1)
        if partners.cell(r, 3).value == "Port of Gdańsk Authority S.A."
    )
    partners.delete_rows(row)
    book.save(updated)

    outcome = import_keep(mini_store, settings, [updated])
    assert outcome.replaces is not None
    assert outcome.changes.nodes_updated["Project"] == 1
    assert [n.uid for n in outcome.changes.stale_nodes] == [port]
    assert mini_store.node(f"project:{SB_SLUG}:waterlink").properties["budget_eur"] == 2500000.0
    assert port not in {n.uid for n in mini_store.nodes(NodeLabel.ORGANISATION)}
    assert len(list_imports(settings.home)) == 1
    # and a restart shows the same graph
    assert _graph(open_store(settings)) == _graph(mini_store)


def test_dry_run_writes_nothing(settings: Settings, mini_store: MemoryStore) -> None:
    version = mini_store.data_version()
    outcome = import_keep(mini_store, settings, [OLD_LAYOUT], dry_run=True)
    assert outcome.changes.nodes_added["Project"] == 6
    assert outcome.changes.nodes_merged["Region"] == 2  # PL63, SE213 of the mini dataset
    assert mini_store.data_version() == version
    assert not (settings.home / "imports").exists()


def _graph(store: GraphStore) -> tuple[list[Node], list[object]]:
    return store.nodes(), list(store.edges())


def test_the_workspace_reloads_to_the_same_graph(settings: Settings) -> None:
    live = open_store(settings)
    for files in ([OLD_LAYOUT], [NEW_LAYOUT], CSV_PAIR):
        import_keep(live, settings, files)
    assert [info.name for info in list_imports(settings.home)] == [
        "keep-old-layout",
        "keep-new-layout",
        "keep-projects-pl-and-1-more",
    ]
    restarted = open_store(settings)
    assert _graph(restarted) == _graph(live)


def test_import_then_serve_shows_the_projects(settings: Settings) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["import", "keep", str(OLD_LAYOUT)])
    assert result.exit_code == 0, result.output
    assert "imported into the memory store" in result.output
    assert "7 project rows → 6 projects" in result.output
    with TestClient(create_app(Settings())) as client:
        response = client.get(f"/v1/nodes/project:{SB_SLUG}:waterlink")
        assert response.status_code == 200
        assert response.json()["name"] == "Baltic water management link"
    again = runner.invoke(app, ["import", "keep", str(OLD_LAYOUT)])
    assert again.exit_code == 0
    assert "nothing changed" in again.output


def test_cli_dry_run_prints_the_changes(settings: Settings) -> None:
    result = CliRunner().invoke(app, ["import", "keep", "--dry-run", *map(str, CSV_PAIR)])
    assert result.exit_code == 0, result.output
    assert "dry run: nothing was written" in result.output
    assert "PARTICIPATES_IN" in result.output
    assert not (settings.home / "imports").exists()


def test_a_bad_import_name_is_a_usage_error(settings: Settings) -> None:
    result = CliRunner().invoke(app, ["import", "keep", "--name", "Bad Name", str(OLD_LAYOUT)])
    assert result.exit_code == 2


def test_partners_only_file_may_refer_to_projects_already_imported(
    settings: Settings, mini_store: MemoryStore
) -> None:
    import_keep(mini_store, settings, [CSV_PAIR[0]])
    outcome = import_keep(mini_store, settings, [CSV_PAIR[1]])
    assert outcome.result.stats["participations"] == 5


def test_store_context_ignores_an_earlier_version_of_the_same_import(
    mini_store: MemoryStore, settings: Settings
) -> None:
    import_keep(mini_store, settings, [OLD_LAYOUT])
    own = {source_id_for(OLD_LAYOUT)}
    context = StoreContext.from_store(mini_store, ignore_sources=own)
    assert not any(uid.startswith("project:") for uid in context.projects)
    result = read_keep([OLD_LAYOUT], context, today=dt.date(2030, 1, 1))
    assert result.stats["organisations created"] == 11


@pytest.mark.parametrize("files", [[OLD_LAYOUT], [NEW_LAYOUT], CSV_PAIR], ids=["old", "new", "csv"])
def test_fixtures_import_the_same_into_both_stores(
    store: GraphStore, settings: Settings, files: list[Path]
) -> None:
    """The same import gives the same graph on the memory store and on Neo4j, and
    importing it again is a no-op on both."""
    reference = MemoryStore()
    load_directory(reference, MINI)
    load_directory(store, MINI)
    import_keep(reference, settings, files, dry_run=False)
    import_keep(store, settings, files)
    assert store.counts() == reference.counts()
    assert store.nodes() == reference.nodes()
    assert store.edges() == reference.edges()
    assert import_keep(store, settings, files).changes.empty
