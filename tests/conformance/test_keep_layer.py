"""The bundled keep.eu layer (issue 16): the ERB area's Interreg 2014–2020 projects, with no
import step, on both stores.

``data/layers/keep-eu`` is built by ``tools/data/keep_layer.py`` from keep.eu's export of
closed 2014–2020 projects (``../shared/research/real-files/keep_closed_1420.xlsx``) and
loaded after ``data/`` (``read_bundle``). The expectations are worked by hand from the
export's Partners sheet (one row per partner of a project, lead partners included, with the
partner's NUTS 3 cell):

- South Baltic 2014–2020 projects with a partner row whose NUTS cell is a Pomorskie code
  (PL63x): 24 projects, 36 partner rows (a filter on column "Programme" containing "South
  Baltic" and on column "NUTS3 (or equivalent)" starting with "PL63", then the distinct
  acronyms). The curated data adds two South Baltic 2014–2020 projects of Pomorskie partners
  that the export does not hold (still open in 2019): INTERCONNECT (Innobaltica, Gdynia) and
  SB-YCGN (Politechnika Gdańska). So ``region nuts:PL63 --programme SB 2014–2020`` counts 26.
- The association: curated CaSYPoT, SBPIN, UMBRELLA …; keep.eu spells it "Accociation of
  Polish Communes of Euroregion Baltic" and adds LYC SB (seed money), which it led.
- "Municipality of Gdynia" (URBACT Freight TAILS) is teryt:2262011; "Reda City Municipality -
  including Gymnasium no.1 and Gymnasium no.2" (South Baltic "Let's do it") is
  teryt:2215011; "Municipality of Giżycko" and "Rural municipality of Giżycko" are both
  partners of the Lithuania–Poland project on heritage in the Trakai and Giżycko districts:
  the urban (2806011) and the rural (2806042) gmina.
- keep.eu gives Klaipėda county as LT003 (NUTS 2013): it is nuts:LT023, LT003 an alias.
- "Länsstyrelsen Skåne" and "County Administrative Board of Skåne" are one body (the state's
  county administrative board), not Region Skåne.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from partnergraph.graph.neo4j import Neo4jStore
from partnergraph.graph.ranking import chain_weight
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.loader import load_dataset
from partnergraph.ingest.workspace import bundled_layers, read_bundle
from partnergraph.model import NodeLabel, RelType
from partnergraph.queries.gaps_actors import left_out_gminy
from partnergraph.queries.partners import partners_for_priority
from partnergraph.queries.regions import region_activity
from partnergraph.queries.search import search
from tests.conformance.builders import bundle_on_both

ASSOCIATION = "org:stowarzyszenie-gmin-rp-euroregion-baltyk"
SB1420 = "programme:interreg-south-baltic-2014-2020"
KEEP = "keep-eu-interreg-2014-2020-closed"
HERITAGE = (
    "project:2014-2020-interreg-v-a-lithuania-poland:"
    "cultural-and-natural-heritage-preservation-and-adaptation-in-trakai-and-gizycko-districts"
)


@pytest.fixture
def bundle(store: GraphStore, bundled_data: Path) -> GraphStore:
    assert [p.name for p in bundled_layers(bundled_data)] == ["keep-eu"]
    load_dataset(store, read_bundle(bundled_data))
    return store


def _projects_of(store: GraphStore, uid: str) -> set[str]:
    found = store.neighbours(uid, types=[RelType.PARTICIPATES_IN], direction="out")
    return {n.node.uid for n in found}


def test_the_association_is_one_node_with_its_keep_eu_projects(bundle: GraphStore) -> None:
    projects = _projects_of(bundle, ASSOCIATION)
    assert {
        "project:interreg-south-baltic-2014-2020:casypot",
        "project:interreg-south-baltic-2014-2020:sbpin",
        "project:interreg-south-baltic-2014-2020:lyc-sb-seed",
    } <= projects
    # keep.eu's misspelling is an alias of the one node, not a second organisation
    misspelt = bundle.find("accociation", labels=[NodeLabel.ORGANISATION])
    assert [n.uid for n in misspelt] == [ASSOCIATION]
    hits = search(bundle, "Communes of Euroregion Baltic", lang="en").results
    assert hits[0].node.uid == ASSOCIATION


def test_each_lead_partner_once_and_gminy_resolved_by_teryt(bundle: GraphStore) -> None:
    for acronym, lead in (("casypot", "org:region-kalmar-lan"), ("sbpin", "town:SE:hassleholm")):
        incoming = bundle.neighbours(
            f"project:interreg-south-baltic-2014-2020:{acronym}",
            types=[RelType.PARTICIPATES_IN],
            direction="in",
        )
        assert [n.node.uid for n in incoming if n.edge.properties.get("role") == "lead"] == [lead]
    assert "project:2014-2020-urbact-iii:freight-tails" in _projects_of(bundle, "teryt:2262011")
    assert "project:interreg-south-baltic-2014-2020:let-s-do-it" in _projects_of(
        bundle, "teryt:2215011"
    )
    assert HERITAGE in _projects_of(bundle, "teryt:2806011")
    assert HERITAGE in _projects_of(bundle, "teryt:2806042")
    left = {g.uid for group in left_out_gminy(bundle, lang="en").results for g in group.left_out}
    assert not {"teryt:2262011", "teryt:2215011", "teryt:2806011", "teryt:2806042"} & left


def test_one_region_per_nuts_unit_and_one_node_per_swedish_body(bundle: GraphStore) -> None:
    names = Counter(node.name for node in bundle.nodes(NodeLabel.REGION))
    assert names["Klaipėdos apskritis"] == 1
    assert bundle.node("nuts:LT023").properties["aliases"] == ["LT003"]
    boards = bundle.find("administrative board of skane", labels=[NodeLabel.ORGANISATION])
    assert [n.uid for n in boards] == [n.uid for n in bundle.find("lansstyrelsen skane")]
    assert len(boards) == 1
    assert "org:region-scania-se" not in {n.uid for n in bundle.nodes(NodeLabel.ORGANISATION)}


def test_pomorskie_in_south_baltic_2014_2020_is_the_hand_count(bundle: GraphStore) -> None:
    answer = region_activity(bundle, "nuts:PL63", programme=SB1420, lang="en")
    assert answer.totals.projects == 26
    from_keep = [r for r in answer.results if KEEP in bundle.node(r.project.uid).sources]
    assert len(from_keep) == 24
    curated_only = {r.project.uid for r in answer.results} - {r.project.uid for r in from_keep}
    assert curated_only == {
        "project:interreg-south-baltic-2014-2020:interconnect",
        "project:interreg-south-baltic-2014-2020:sb-ycgn",
    }
    # the answer cites keep.eu with the credit its terms ask for
    keep = [s for s in answer.coverage.sources if s.id == KEEP]
    assert keep
    assert keep[0].url == "https://keep.eu"
    assert keep[0].licence is not None
    assert "keep.eu" in keep[0].licence


def test_the_curated_data_alone_is_still_there(store: GraphStore, bundled_data: Path) -> None:
    load_dataset(store, read_bundle(bundled_data, layers=False))
    assert "project:interreg-south-baltic-2014-2020:lyc-sb-seed" not in _projects_of(
        store, ASSOCIATION
    )


def test_keep_eu_priorities_are_the_curated_nodes_with_their_alignments(
    bundle: GraphStore,
) -> None:
    # keep.eu's "Improve the cooperation capacity of local South Baltic area actors through
    # participation in cross-border networks" is the curated objective 5.1, not a second node;
    # the projects it names for it (CaSYPoT, SBPIN, LYC SB among them) reach it, and through
    # its ALIGNS_WITH links Pomorskie's priority 13.
    so51 = "priority:interreg-south-baltic-2014-2020:so5.1"
    addressing = {
        n.node.uid for n in bundle.neighbours(so51, types=[RelType.ADDRESSES], direction="in")
    }
    assert {
        "project:interreg-south-baltic-2014-2020:casypot",
        "project:interreg-south-baltic-2014-2020:sbpin",
        "project:interreg-south-baltic-2014-2020:lyc-sb-seed",
    } <= addressing
    sb_objectives = [
        n.uid
        for n in bundle.nodes(NodeLabel.PRIORITY)
        if n.uid.startswith("priority:interreg-south-baltic-2014-2020:so")
    ]
    assert sorted(sb_objectives) == [
        f"priority:interreg-south-baltic-2014-2020:so{code}"
        for code in ("1.1", "1.2", "2.1", "2.2", "3.1", "4.1", "5.1")
    ]


DAY = dt.date(2026, 12, 6)


@pytest.mark.neo4j
def test_every_priority_ranks_its_partners_alike_on_both_stores(
    neo4j_store: Neo4jStore, bundled_data: Path
) -> None:
    # The ranking runs in the database on Neo4j and over the chains in memory: on the real
    # keep.eu layer every priority's answer (order, scores, evidence, totals) is the same.
    memory = bundle_on_both(neo4j_store, bundled_data)
    priorities = sorted(node.uid for node in memory.nodes(NodeLabel.PRIORITY))
    assert len(priorities) > 50
    ranked = 0
    for uid in priorities:
        expected = partners_for_priority(memory, uid, limit=25, reference_date=DAY)
        got = partners_for_priority(neo4j_store, uid, limit=25, reference_date=DAY)
        assert got.model_dump() == expected.model_dump(), uid
        owners = {owner.uid for owner in got.excluded_owners}
        for result in got.results:
            # no body is its own partner, and a score is the sum of its evidence's weights
            assert result.partner.uid not in owners | {uid}
            assert result.score == round(sum(item.weight for item in result.evidence), 4)
        ranked += bool(got.results)
    assert ranked > 20


def test_a_partners_evidence_weighs_what_the_rules_say(bundle: GraphStore) -> None:
    # The first partner of South Baltic objective 5.1 on the real layer: every item's weight
    # is chain_weight of its chain, recomputed here from the chain itself.
    so51 = "priority:interreg-south-baltic-2014-2020:so5.1"
    answer = partners_for_priority(bundle, so51, limit=5, reference_date=DAY)
    assert answer.total >= 5
    first = answer.results[0]
    chains = bundle.evidence_chains([so51], partners=[first.partner.uid])
    weights = sorted((chain_weight(chain, DAY) for chain in chains), reverse=True)
    assert sorted((item.weight for item in first.evidence), reverse=True) == weights
