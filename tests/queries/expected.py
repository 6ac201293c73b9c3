"""Answers on tests/fixtures/queries, worked out by hand (see that folder's README.md).

Shared by the unit tests (memory store) and tests/conformance/test_queries.py (both stores),
so the two backends are held to the same hand-computed numbers.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

FIXTURE = Path(__file__).parents[1] / "fixtures" / "queries"
REF = dt.date(2024, 1, 1)

P3 = "priority:pomorskie-priorytety-2008:3"
P4 = "priority:pomorskie-priorytety-2008:4"
P9 = "priority:pomorskie-priorytety-2008:9"
BLUE = "priority:erb-2030-agenda:blue"
PEOPLE = "priority:erb-2030-agenda:people"
SB0713 = "priority:interreg-south-baltic-2007-2013:2-1"
SB1420 = "priority:interreg-south-baltic-2014-2020:2"

PL63, PL62, SE213, SE221 = "nuts:PL63", "nuts:PL62", "nuts:SE213", "nuts:SE221"
DK014, LT023 = "nuts:DK014", "nuts:LT023"
STOW = "org:stowarzyszenie-gmin-rp-euroregion-baltyk"
UG, LNU = "org:uniwersytet-gdanski", "org:linnaeus-university"
ISLAND_NGO, ISLAND_CLUB = "org:island-ngo", "org:island-club"
WCG, ERB = "network:erb-water-core-group", "network:euroregion-baltic"
PRUSZCZ, CEDRY, KOLBUDY = "teryt:2204011", "teryt:2204022", "teryt:2204042"
STAWIGUDA, DYWITY = "teryt:2814112", "teryt:2814042"
KALMAR_TOWN = "town:SE:kalmar"
YOUTH_BRIDGE = "project:interreg-south-baltic-2014-2020:youth-bridge"

# partners_for_priority(P4, reference_date=REF): weight = kind × role × alignment × recency
#   PL63: agreement 3 + WCG membership 1×0.75 + MOMENT partner 2×0.75×0.25 (ended 2013)
#   SE213: agreement 3 + declared focus on BLUE 1×0.75
#   PRUSZCZ: Blue Rivers lead 2×1.5×0.5 (partial alignment, ended 2020: <5 years)
#   LNU, KALMAR_TOWN: Blue Rivers partners 2×0.5
#   SE221: WCG 1×0.75×0.5 (ended 2019) + MOMENT lead 2×1.5×0.75×0.25
#   WCG: declared focus 1×0.75;  UG: MOMENT partner 2×0.75×0.25
# Ties (docs/answer-rules.md): evidence count, latest evidence, name. Kalmar and
# Linnéuniversitetet: 1.0, one item each, both ended 2020-12-31 → by name, "Kalmar" first.
PARTNERS_P4 = [
    (PL63, 3 + 0.75 + 0.375),
    (SE213, 3 + 0.75),
    (PRUSZCZ, 1.5),
    (KALMAR_TOWN, 1.0),
    (LNU, 1.0),
    (SE221, 0.375 + 0.5625),
    (WCG, 0.75),
    (UG, 0.375),
]
# at 2018-06-01 nothing has ended, MOMENT (2009–2013) is gone; recency 1 everywhere. Every
# tie is then one of equal counts and evidence holding on the day, so by name: "Kalmar län"
# before "Pomorskie", "Blekinge län" before "Grupa Robocza ERB ds. Wody".
PARTNERS_P4_2018 = [
    (SE213, 3.75),
    (PL63, 3.75),
    (PRUSZCZ, 1.5),
    (KALMAR_TOWN, 1.0),
    (LNU, 1.0),
    (SE221, 0.75),
    (WCG, 0.75),
]
# at 2024-01-01 Blue Rivers (–2020) and Blekinge's WCG membership (–2019) are gone too.
PARTNERS_P4_2024 = [(SE213, 3.75), (PL63, 3.75), (WCG, 0.75)]
# "water" matches P4 (keyword "water management"), BLUE and SB0713 (keyword "water"):
# their evidence is direct (alignment 1); SB1420 is reached from P4 (partial).
PARTNERS_WATER = [
    (PL63, 3 + 1 + 0.5),
    (SE213, 3 + 1),
    (PRUSZCZ, 1.5),
    (SE221, 0.5 + 0.75),
    # 1.0 each: the Water Core Group's focus still holds, the other two ended in 2020
    (WCG, 1.0),
    (KALMAR_TOWN, 1.0),
    (LNU, 1.0),
    (UG, 0.5),
]
WATER_PRIORITIES = [BLUE, SB0713, P4]

# connection_paths(STAWIGUDA, SE213): one chain of 3 hops, five of 4; ties by uid sequence.
PATHS_STAWIGUDA_KALMAR = [
    [STAWIGUDA, STOW, ERB, SE213],
    [STAWIGUDA, STOW, PL62, ERB, SE213],
    [STAWIGUDA, YOUTH_BRIDGE, DK014, ERB, SE213],
]
PATHS_VIA_MEMBERSHIP_AND_PROJECTS = [
    [STAWIGUDA, STOW, ERB, SE213],
    [STAWIGUDA, YOUTH_BRIDGE, DK014, ERB, SE213],
    [STAWIGUDA, YOUTH_BRIDGE, STOW, ERB, SE213],
]
# on 2020-01-01 Stawiguda is not yet a member of the association (2023–)
PATHS_2020 = [
    [STAWIGUDA, YOUTH_BRIDGE, DK014, ERB, SE213],
    [STAWIGUDA, YOUTH_BRIDGE, STOW, ERB, SE213],
    [STAWIGUDA, "teryt:2814", PL62, ERB, SE213],
]
# 47 nodes − 5 sources (isolated) − the island component of 3 = 39
MAIN_COMPONENT = 39
ISLAND_COMPONENT = {ISLAND_NGO, ISLAND_CLUB, "project:local:island-days"}

# coverage_matrix by country: {priority: {column: (evidence, partners)}}
MATRIX_ALL_TIME = {
    BLUE: {"?": (1, 1), "PL": (2, 1), "SE": (3, 2)},
    PEOPLE: {"DK": (1, 1), "PL": (6, 4)},
    SB0713: {"PL": (3, 2), "SE": (2, 2)},
    SB1420: {"PL": (2, 2), "SE": (3, 3)},
    P3: {"PL": (2, 2), "SE": (1, 1)},
    P4: {"?": (1, 1), "PL": (5, 3), "SE": (6, 4)},
    P9: {"LT": (1, 1), "PL": (1, 1)},
}
MATRIX_2024 = {
    BLUE: {"?": (1, 1), "PL": (2, 1), "SE": (2, 1)},
    PEOPLE: {"PL": (3, 3)},
    SB0713: {"PL": (1, 1), "SE": (1, 1)},
    SB1420: {"PL": (1, 1), "SE": (1, 1)},
    P3: {"PL": (1, 1)},
    P4: {"?": (1, 1), "PL": (2, 1), "SE": (2, 1)},
    P9: {},
}
# inactive_partners(at=REF, scope="all"): nothing of any kind held in 2019–2024. Klaipėda
# County and Warmińsko-Mazurskie are ERB members (active, since 1998), the island club and NGO
# ran Island Days in 2022; the University of Gdańsk's last project ended 2013-06-29 (its
# declared theme is no activity), Cedry Wielkie left the association in 2012.
INACTIVE_ALL_2024 = [
    (UG, "2013-06-29"),
    (CEDRY, "2012-12-31"),
]

# clusters(seed=42): the Louvain partition, and its modularity by the formula
# Q = Σ_c [L_c / m − (d_c / 2m)²] with m = 14 (total tie weight), see the README.
LOUVAIN = [
    [LT023, PL62, PL63, SE213, SE221, UG],
    [DK014, STOW, CEDRY, STAWIGUDA],
    [LNU, PRUSZCZ, KALMAR_TOWN],
    [ISLAND_CLUB, ISLAND_NGO],
]
LOUVAIN_MODULARITY = (6 + 1 / 6 + 2 + 2 / 3 + 1.5 + 1) / 14 - (
    (14 / 28) ** 2 + (8 / 28) ** 2 + (4 / 28) ** 2 + (2 / 28) ** 2
)
COMPONENTS_MODULARITY = 14 / 14 - ((26 / 28) ** 2 + (2 / 28) ** 2)
# betweenness, normalised by (n − 1)(n − 2) / 2 = 91 pairs for n = 15 actors
BROKERS = [
    (STOW, 29 / 91),
    (PRUSZCZ, 20 / 91),
    (PL63, 5 / 91),
    (SE221, 5 / 91),
    (DK014, 3 / 91),
    (STAWIGUDA, 2 / 91),
]

# suggest_partners(STAWIGUDA): Γ(STAWIGUDA) = {STOW (|Γ|=9), DK014 (7), PRUSZCZ (5), CEDRY (3)}
AA_STOW_DK = 1 / math.log(9) + 1 / math.log(7)
AA_PRUSZCZ = 1 / math.log(5)
# Score = 0.35·s/(s+1) + 0.30·aa/(aa+1) + 0.20·0.5**(years/5) + 0.15·area. Stawiguda's only
# priority is PEOPLE (Youth Bridge, the association's focus), no candidate has it (s = 0), and
# the fixture has no ELIGIBLE_AREA (area = 0). PL63/SE213/SE221/LT023/PL62 tie through the ERB
# (ongoing: years 0): 0.30·0.969018/1.969018 + 0.20 = 0.348; Linnaeus and Kalmar town through
# Blue Rivers (ended 2020-12-31, 3.0 years before REF): 0.30·0.621335/1.621335 + 0.20·0.5**0.6
# = 0.247. Equal scores keep the order of the old ranking (common partners, Adamic–Adar, then
# the P4 score, then uid). Uniwersytet Gdański is left out: its only activity, MOMENT, ended
# 2013-06-29, more than five years before REF (standing "inactive").
SUGGEST_P4_SCORE = [0.348, 0.348, 0.348, 0.247, 0.247]
SUGGEST_P4 = [
    (PL63, AA_STOW_DK),
    (SE213, AA_STOW_DK),
    (SE221, AA_STOW_DK),
    (LNU, AA_PRUSZCZ),
    (KALMAR_TOWN, AA_PRUSZCZ),
]
SUGGEST_ANY = [
    (LT023, AA_STOW_DK),
    (PL62, AA_STOW_DK),
    (PL63, AA_STOW_DK),
    (SE213, AA_STOW_DK),
    (SE221, AA_STOW_DK),
    (LNU, AA_PRUSZCZ),
    (KALMAR_TOWN, AA_PRUSZCZ),
]
