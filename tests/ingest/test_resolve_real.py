"""Issue 16, "one node per body", on the real keep.eu 2014–2020 export and the bundled data.

The export is read from ``PARTNERGRAPH_KEEP_EXPORT`` as in ``test_real_export.py`` (skipped
on a workstation without it, a failure under CI). It is imported into a memory store holding
``data/``, so the curated nodes (the association, Region Skåne, the TERYT gminy) are there to
be found, and each done-criterion of the issue is checked on the result.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest.csv_source import Dataset
from partnergraph.ingest.keep_eu import StoreContext, read_keep
from partnergraph.ingest.loader import load_directory
from partnergraph.model import RelType
from tests.ingest.test_real_export import export_path

DATA = Path(__file__).parents[2] / "data"
ASSOCIATION = "org:stowarzyszenie-gmin-rp-euroregion-baltyk"
CASYPOT = "project:interreg-south-baltic-2014-2020:casypot"
SBPIN = "project:interreg-south-baltic-2014-2020:sbpin"
LYC_SB = "project:interreg-south-baltic-2014-2020:lyc-sb-seed"
GIZYCKO_PROJECT = (
    "project:2014-2020-interreg-v-a-lithuania-poland:"
    "cultural-and-natural-heritage-preservation-and-adaptation-in-trakai-and-gizycko-districts"
)


@pytest.fixture(scope="module")
def imported() -> tuple[MemoryStore, Dataset]:
    path = export_path()
    store = MemoryStore()
    load_directory(store, DATA)
    dataset = read_keep([path], StoreContext.from_store(store)).dataset
    return store, dataset


def _participations(store: MemoryStore, dataset: Dataset) -> dict[str, dict[str, str]]:
    """project uid → {actor uid: role}, from the bundled data and the import together."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for edge in [*store.edges(RelType.PARTICIPATES_IN), *dataset.edges]:
        if edge.type == RelType.PARTICIPATES_IN:
            found[edge.target][edge.source] = str(edge.properties.get("role") or "")
    return found


@pytest.mark.slow
def test_one_node_per_body_on_the_real_export(imported: tuple[MemoryStore, Dataset]) -> None:
    store, dataset = imported
    projects = _participations(store, dataset)
    created = {node.uid for node in dataset.nodes}

    # the misspelt "Accociation of Polish Communes …" is the curated association
    for project in (CASYPOT, SBPIN, LYC_SB):
        assert ASSOCIATION in projects[project], project
    assert projects[LYC_SB][ASSOCIATION] == "lead"
    assert not any("accociation" in uid for uid in created)

    # Gdynia's and Giżycko's town gminy have their projects; Giżycko's project keeps two
    assert any("teryt:2262011" in actors for actors in projects.values())
    assert "teryt:2806011" in projects[GIZYCKO_PROJECT]
    assert "teryt:2806042" in projects[GIZYCKO_PROJECT]
    assert "org:gdansk-pl" not in created  # the bare "Gdansk" is the city, teryt:2261011

    # one Region Skåne: "Region Scania" (BioBIGG) and "Skåne Läns Landsting" (ESS & MAX IV)
    # are the curated org:region-skane, not new organisations nor the NUTS region
    for acronym in ("biobigg-seed", "ess-max-iv"):
        (project,) = [p for p in projects if p.endswith(f":{acronym}")]
        assert "org:region-skane" in projects[project], acronym
        assert "nuts:SE224" not in projects[project], acronym
    assert not any("scania" in uid or "skane-lans" in uid for uid in created)
    # one Kalmar municipality, one Klaipėda science park
    assert not any(uid.startswith("org:municipality-of-kalmar") for uid in created)
    parks = [uid for uid in created if "technolog" in uid and "klaip" in uid and "park" in uid]
    assert len(parks) <= 1

    # one lead partner each
    for project in (CASYPOT, SBPIN):
        leads = [uid for uid, role in projects[project].items() if role == "lead"]
        assert len(leads) == 1, (project, leads)
