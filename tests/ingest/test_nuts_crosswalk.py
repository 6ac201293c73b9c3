"""Old NUTS editions in keep.eu exports (issue 16): the crosswalk and what the importer does.

Expectations are worked by hand from Eurostat's NUTS 2013-2016 table: LT003 Klaipėdos apskritis
was only recoded (LT023), LT00 (all of Lithuania as one NUTS 2 region) was split into LT01 and
LT02, so LT003 joins the ERB member region while LT00 keeps a node of its own.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from partnergraph.errors import DataError
from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest.keep_eu import StoreContext, read_keep
from partnergraph.ingest.loader import load_directory
from partnergraph.ingest.nuts_editions import (
    CROSSWALK_FILE,
    bundled_crosswalk,
    load_crosswalk,
)
from partnergraph.ingest.workspace import import_keep
from partnergraph.model import NodeLabel, RelType
from partnergraph.settings import Settings, default_data_dir
from partnergraph.text import fold
from tests.ingest.conftest import CSV_PAIR
from tests.ingest.test_real_export import export_path

HEADER = "old_code,edition,new_code,change,eurostat_change,source\n"


def test_the_bundled_crosswalk_recodes_lt003_and_keeps_the_split_lt00() -> None:
    crosswalk = load_crosswalk(default_data_dir() / CROSSWALK_FILE)
    assert crosswalk.successor("LT003") == "LT023"
    assert crosswalk.successor("PL113") == "PL711"  # Miasto Łódź, PL1 → PL7 in 2016
    lt00 = crosswalk.get("LT00")
    assert lt00 is not None
    assert lt00.change == "split"
    assert not lt00.one_to_one
    assert crosswalk.successor("LT00") == "LT00"
    assert crosswalk.successor("PL633") == "PL633"  # unchanged codes are not listed


def test_a_bad_row_names_file_line_column_and_what_was_expected(tmp_path: Path) -> None:
    path = tmp_path / CROSSWALK_FILE
    path.write_text(
        HEADER
        + "LT003,2013,LT023,recoded,recoded,eurostat-nuts-2013-2016\n"
        + "LT004,2013,LT024,renamed,recoded,eurostat-nuts-2013-2016\n"
        + "LT005,2013,LT02,recoded,recoded,eurostat-nuts-2013-2016\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_crosswalk(path)
    issues = caught.value.issues
    assert [(i.line, i.column, i.field) for i in issues] == [
        (3, 4, "change"),
        (4, 3, "new_code"),
    ]
    assert "expected one of recoded, boundary changed" in issues[0].message
    assert issues[0].file == str(path)
    assert issues[0].value == "renamed"


def test_a_wrong_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / CROSSWALK_FILE
    path.write_text("old,new\nLT003,LT023\n", encoding="utf-8")
    with pytest.raises(DataError, match="expected the header old_code,edition"):
        load_crosswalk(path)


def _lithuanian_partners(folder: Path) -> list[Path]:
    projects = folder / CSV_PAIR[0].name
    shutil.copy(CSV_PAIR[0], projects)
    partners = folder / "keep_partners_lt.csv"
    partners.write_text(
        "Programme;Acronym;Project Partner;Lead Partner;Town;Country;Country code;"
        "NUTS2 (or equivalent);NUTS3 (or equivalent);Legal Status\n"
        "2014 - 2020 INTERREG V-A South Baltic;AMBERCOAST;Klaipėdos universitetas;Nie;"
        "Klaipėda;Lietuva;LT;LT00 / Lietuva;LT003 / Klaipėdos apskritis;public\n"
        "2014 - 2020 INTERREG V-A South Baltic;AMBERCOAST;Lietuvos jūrų muziejus;Nie;"
        "Klaipėda;Lietuva;LT;LT00 / Lietuva;;public\n",
        encoding="utf-8",
    )
    return [projects, partners]


def test_the_importer_translates_recoded_codes_and_keeps_changed_ones(
    mini_store: MemoryStore, tmp_path: Path
) -> None:
    files = _lithuanian_partners(tmp_path)
    result = read_keep(files, StoreContext.from_store(mini_store), today=dt.date(2030, 1, 1))
    nodes = {n.uid: n for n in result.dataset.nodes}
    assert "nuts:LT003" not in nodes
    region = nodes["nuts:LT023"]  # the mini graph lacks it: created under its 2021 code
    assert region.name == "Klaipėdos apskritis"
    assert region.properties["nuts_edition"] == "2021"
    assert "LT003" in str(region.properties["note"])
    split = nodes["nuts:LT00"]
    assert split.properties["nuts_edition"] == "2013"
    assert str(split.properties["note"]).startswith("NUTS 2013 code, not in NUTS 2021: split")
    located = {(e.source, e.target) for e in result.dataset.edges if e.type == RelType.LOCATED_IN}
    assert {target for _, target in located} == {"nuts:LT023", "nuts:LT00"}
    assert result.stats["NUTS codes translated to NUTS 2021 (recoded)"] == 1
    assert result.stats["NUTS codes kept from an older edition (territory changed)"] == 1
    assert "NUTS LT003 (NUTS 2013) is LT023 in NUTS 2021 (recoded)" in result.notes


def test_the_crosswalk_of_the_data_dir_in_use_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / CROSSWALK_FILE).write_text(
        HEADER + "LT003,2013,LT029,recoded,test only,test\n", encoding="utf-8"
    )
    monkeypatch.setenv("PARTNERGRAPH_DATA_DIR", str(tmp_path))
    assert bundled_crosswalk().successor("LT003") == "LT029"


@pytest.mark.slow
def test_the_real_export_puts_klaipeda_county_in_one_node(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = export_path()
    # the bundled graph, not the mini one: nuts:LT023 must already be there (ERB member)
    monkeypatch.setenv("PARTNERGRAPH_DATA_DIR", str(default_data_dir()))
    store = MemoryStore()
    load_directory(store, default_data_dir())
    import_keep(store, Settings(), [path])
    named = [
        n for n in store.nodes() if n.label == NodeLabel.REGION and n.name == "Klaipėdos apskritis"
    ]
    assert [n.uid for n in named] == ["nuts:LT023"]
    located = [
        e for e in store.edges() if e.type == RelType.LOCATED_IN and e.target == "nuts:LT023"
    ]
    # measured: without the crosswalk 21 imported actors sat in LT003 beside the one bundled
    # actor in LT023 (Asociacija Klaipėdos regionas); with it all 22 hang off LT023
    assert len(located) == 22
    assert not any(e.target == "nuts:LT003" for e in store.edges())
    # keep.eu's old code stays findable: an alias of the one region node
    assert store.node("nuts:LT023").properties["aliases"] == ["LT003"]
    assert [n.uid for n in store.find(fold("LT003"), labels=[NodeLabel.REGION])] == ["nuts:LT023"]
