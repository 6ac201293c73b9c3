"""A seeded, keep.eu-scale synthetic partnership graph, in the curated CSV format and as a
keep.eu-shaped export, so that the real loader and importer are what the benchmarks measure.

The curated data is small; keep.eu lists tens of thousands of projects and well over a hundred
thousand partner records. This generator builds a graph of that size around the real
territory: the real gminy, powiaty, NUTS regions, foreign towns and countries of ``data/`` are
read (with the rest of the real dataset, which is copied along) and every synthetic
organisation is located in one of them. At scale 1.0 (the default):

===========================  =========  ===============================================
what                         about      how
===========================  =========  ===============================================
organisations                100,000    13 kinds, 30 countries weighted towards the Baltic
projects                     30,000     in ~80 Interreg programmes of 4 periods 2000–2027
participations               250,000    partners per project lognormal (median 8, max 80)
programmes + priorities      ~80 + 300+ priorities on 20 themes, crosswalked (ALIGNS_WITH)
networks, agreements         150, 3,000 memberships, signatories, COVERS with dates
===========================  =========  ===============================================

The degree distribution is skewed on purpose: each organisation draws an activity weight
from a Pareto distribution (capped, times a per-kind factor), partners are drawn by weight
among the programme's countries, and 45 % of projects are follow-ups that keep most of an
earlier consortium of their programme. So a few hubs sit in hundreds of projects while most
organisations appear once or twice, co-operation clusters by programme area, and the
co-participation projection has the size measured on keep.eu (about 65k organisations and
950k weighted ties, as in the research notes' technical facts).

Every synthetic row cites one source, ``synthetic-bench-seed-<seed>`` ("synthetic, generated
by bench/synth.py seed N"); the real rows keep their own sources. The same seed and scale give
byte-identical files.

    python bench/synth.py                        # scale 1.0, seed 1 → bench/out/synth-1-s1/
    python bench/synth.py --scale 0.1 --seed 7   # 10 %
    partnergraph validate bench/out/synth-1-s1/dataset

Output (``--out``, default ``bench/out/synth-<scale>-s<seed>/``; ``bench/out/`` is ignored by
git): ``dataset/`` (``data/`` plus ``*.synth.csv`` part files and one more source row),
``keep/keep_projects.csv`` + ``keep/keep_partners.csv`` (the synthetic projects and partners as
keep.eu exports them) and ``manifest.json`` (parameters and row counts).
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import itertools
import json
import math
import random
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from partnergraph.ingest.csv_source import read_dataset
from partnergraph.model import Node, NodeLabel
from partnergraph.text import slugify

__all__ = [
    "GENERATOR_VERSION",
    "Params",
    "Synth",
    "default_out",
    "ensure",
    "generate",
    "main",
    "write",
]

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
OUT = REPO / "bench" / "out"
#: Bumped whenever the output changes for the same parameters (ensure() regenerates then).
GENERATOR_VERSION = 3
#: The synthetic source row's "retrieved" date: fixed, so output is byte-identical.
RETRIEVED = "2026-11-24"

PERIODS: tuple[tuple[str, str, int, int, float], ...] = (
    # period, Interreg generation, first year, last year, share of projects
    ("2000-2006", "III", 2000, 2006, 0.6),
    ("2007-2013", "IV", 2007, 2013, 1.0),
    ("2014-2020", "V", 2014, 2020, 1.2),
    ("2021-2027", "VI", 2021, 2027, 0.8),
)
#: Programme areas: name, strand (A cross-border, B transnational, C interregional),
#: countries, and the periods (indexes of PERIODS) the area had a programme in.
AREAS: tuple[tuple[str, str, tuple[str, ...], tuple[int, ...]], ...] = (
    ("South Baltic", "A", ("PL", "DK", "SE", "LT", "DE"), (1, 2, 3)),
    (
        "Baltic Sea Region",
        "B",
        ("PL", "DK", "SE", "LT", "LV", "EE", "FI", "DE", "NO"),
        (0, 1, 2, 3),
    ),
    ("Central Baltic", "A", ("FI", "EE", "LV", "SE"), (1, 2, 3)),
    ("Lithuania-Poland", "A", ("LT", "PL"), (0, 1, 2, 3)),
    ("Poland-Russia", "A", ("PL", "RU"), (1, 2)),
    ("Mecklenburg-Vorpommern-Brandenburg-Poland", "A", ("DE", "PL"), (0, 1, 2, 3)),
    ("Brandenburg-Poland", "A", ("DE", "PL"), (0, 1, 2, 3)),
    ("Saxony-Poland", "A", ("DE", "PL"), (0, 1, 2, 3)),
    ("Czech Republic-Poland", "A", ("CZ", "PL"), (0, 1, 2, 3)),
    ("Poland-Slovakia", "A", ("PL", "SK"), (0, 1, 2, 3)),
    ("Poland-Belarus-Ukraine", "A", ("PL", "BY", "UA"), (0, 1, 2)),
    ("Latvia-Lithuania", "A", ("LV", "LT"), (1, 2, 3)),
    ("Estonia-Latvia", "A", ("EE", "LV"), (1, 2, 3)),
    ("Deutschland-Danmark", "A", ("DE", "DK"), (0, 1, 2, 3)),
    ("Oresund-Kattegat-Skagerrak", "A", ("DK", "SE", "NO"), (0, 1, 2, 3)),
    ("Sweden-Norway", "A", ("SE", "NO"), (0, 1, 2, 3)),
    ("Nord", "A", ("SE", "FI", "NO"), (0, 1, 2, 3)),
    ("North Sea Region", "B", ("DK", "SE", "NO", "DE", "NL", "BE", "GB"), (0, 1, 2, 3)),
    ("Central Europe", "B", ("PL", "CZ", "SK", "AT", "HU", "SI", "DE", "IT", "HR"), (1, 2, 3)),
    (
        "Europe",
        "C",
        ("PL", "DE", "DK", "SE", "LT", "LV", "EE", "FI", "FR", "ES", "IT", "NL", "BE", "AT", "CZ"),
        (0, 1, 2, 3),
    ),
)
STRAND_SHARE = {"A": 1.0, "B": 1.6, "C": 1.4}
#: Themes: English, Polish, the Pomorskie 2008 priority code it aligns with (or None).
THEMES: tuple[tuple[str, str, str | None], ...] = (
    ("water management", "gospodarka wodna", "4"),
    ("renewable energy", "energia odnawialna", "4"),
    ("environment protection", "ochrona środowiska", "4"),
    ("innovation", "innowacje", "3"),
    ("entrepreneurship and SMEs", "przedsiębiorczość", "1"),
    ("transport", "transport", "2"),
    ("sustainable tourism", "turystyka", "10"),
    ("cultural heritage", "dziedzictwo kulturowe", "9"),
    ("education", "edukacja", "11"),
    ("health", "zdrowie", "12"),
    ("labour market", "rynek pracy", "7"),
    ("social inclusion", "włączenie społeczne", "8"),
    ("youth", "młodzież", "13"),
    ("fisheries", "rybactwo", "6"),
    ("rural development", "obszary wiejskie", "5"),
    ("climate adaptation", "adaptacja do zmian klimatu", None),
    ("blue growth", "niebieska gospodarka", None),
    ("institutional cooperation", "współpraca instytucjonalna", None),
    ("digitalisation", "cyfryzacja", "3"),
    ("maritime safety", "bezpieczeństwo morskie", None),
)
#: Where organisations are: country → share of organisations.
COUNTRY_SHARE: dict[str, float] = {
    "PL": 16, "DE": 14, "SE": 9, "DK": 6, "LT": 6, "LV": 5, "EE": 4, "FI": 7, "NO": 4,
    "CZ": 4, "SK": 3, "AT": 2, "HU": 2, "SI": 1, "HR": 1, "IT": 3, "NL": 2, "BE": 2, "GB": 2,
    "FR": 2, "ES": 2, "RU": 1, "BY": 1, "UA": 1,
}  # fmt: skip
#: Organisation kinds: name, share, activity multiplier, Polish and English name templates.
KINDS: tuple[tuple[str, float, float, str, str], ...] = (
    ("regional authority", 0.04, 4.0, "Urząd Marszałkowski {c}", "Regional Council of {c}"),
    ("municipality", 0.15, 1.2, "Urząd Miejski {c}", "Municipality of {c}"),
    ("university", 0.06, 3.5, "Uniwersytet {c}", "University of {c}"),
    ("research institute", 0.05, 2.0, "Instytut Badawczy {c}", "{c} Research Institute"),
    ("NGO", 0.20, 0.7, "Fundacja Rozwoju {c}", "{c} Development Foundation"),
    ("SME", 0.20, 0.5, "Przedsiębiorstwo {c} sp. z o.o.", "{c} Enterprise Ltd"),
    ("chamber of commerce", 0.03, 1.5, "Izba Gospodarcza {c}", "{c} Chamber of Commerce"),
    ("development agency", 0.05, 2.5, "Agencja Rozwoju {c}", "{c} Development Agency"),
    ("school", 0.08, 0.6, "Zespół Szkół {c}", "{c} Upper Secondary School"),
    ("museum", 0.04, 0.8, "Muzeum {c}", "{c} Museum"),
    ("port authority", 0.02, 2.0, "Zarząd Portu {c}", "Port of {c}"),
    ("hospital", 0.03, 0.8, "Szpital {c}", "{c} Hospital"),
    ("association of municipalities", 0.05, 1.5, "Związek Gmin {c}", "Association of {c}"),
)
ACRONYM_HEADS = (
    "AQUA", "BALT", "BLUE", "GREEN", "SMART", "CROSS", "ECO", "INNO", "MARE", "SEA", "PORT",
    "CULT", "YOUTH", "HEALTH", "AMBER", "COAST", "RIVER", "LAGOON", "ENER", "TRANS", "RURAL",
    "DIGI", "HERITAGE", "FISH", "CLIMA", "SAFE", "LAB", "CITY", "NORD", "SOUTH",
)  # fmt: skip
ACRONYM_TAILS = (
    "NET", "LINK", "HUB", "WAY", "BRIDGE", "LAB", "MAP", "PLAN", "CAP", "BOOST", "GATE",
    "FORCE", "PATH", "SHIFT", "CARE", "TECH", "FLOW", "LOOP", "STEP", "MOVE",
)  # fmt: skip
NAME_PHRASES = (
    "Cross-border cooperation on {t}",
    "Joint action plan for {t}",
    "Capacity building in {t}",
    "Network of local actors for {t}",
    "Pilot investments in {t}",
    "Knowledge transfer on {t}",
)


def default_out(scale: float, seed: int) -> Path:
    return OUT / f"synth-{scale:g}-s{seed}"


@dataclass(frozen=True)
class Params:
    """What to generate; counts are at scale 1.0 and multiplied by ``scale`` (programmes and
    priorities are not: their number is a property of Interreg, not of the data volume)."""

    scale: float = 1.0
    seed: int = 1
    organisations: int = 100_000
    projects: int = 30_000
    participations: int = 250_000
    networks: int = 150
    memberships: int = 6_000
    agreements: int = 3_000
    #: Pareto shape of organisation activity (smaller: heavier hubs) and its cap.
    activity_shape: float = 2.0
    activity_cap: float = 50.0
    max_partners: int = 80
    #: Share of projects that reuse most of an earlier consortium of their programme.
    follow_up: float = 0.45
    partners_sigma: float = 0.5

    def count(self, base: int, least: int = 1) -> int:
        return max(least, round(base * self.scale))

    @property
    def source_id(self) -> str:
        return f"synthetic-bench-seed-{self.seed}"


@dataclass
class Synth:
    """The generated rows, per output file (header, rows), and what they add up to."""

    params: Params
    nodes: dict[str, tuple[list[str], list[list[str]]]] = field(default_factory=dict)
    edges: dict[str, tuple[list[str], list[list[str]]]] = field(default_factory=dict)
    keep_projects: tuple[list[str], list[list[str]]] = ([], [])
    keep_partners: tuple[list[str], list[list[str]]] = ([], [])
    stats: dict[str, int | float] = field(default_factory=dict)

    def node_rows(self) -> int:
        return sum(len(rows) for _, rows in self.nodes.values())

    def edge_rows(self) -> int:
        return sum(len(rows) for _, rows in self.edges.values())


# -- territory -----------------------------------------------------------------------------


@dataclass
class _Territory:
    """The real places of data/: where organisations can be, per country."""

    gminy: list[Node]
    towns: dict[str, list[Node]]
    regions: dict[str, list[Node]]
    countries: set[str]
    pomorskie: dict[str, str]
    actors: list[Node]


def _territory(data: Path) -> _Territory:
    dataset = read_dataset(data)
    gminy: list[Node] = []
    towns: dict[str, list[Node]] = {}
    regions: dict[str, list[Node]] = {}
    countries: set[str] = set()
    pomorskie: dict[str, str] = {}
    actors: list[Node] = []
    for node in sorted(dataset.nodes, key=lambda n: n.uid):
        if node.label == NodeLabel.MUNICIPALITY:
            if node.uid.startswith("teryt:"):
                gminy.append(node)
                actors.append(node)
            else:
                towns.setdefault(node.uid.split(":")[1], []).append(node)
        elif node.label == NodeLabel.REGION and node.uid.startswith("nuts:"):
            regions.setdefault(node.uid[5:7], []).append(node)
            if node.properties.get("nuts_level") == 2:
                actors.append(node)
        elif node.label == NodeLabel.COUNTRY:
            countries.add(node.uid.removeprefix("country:"))
        elif node.label == NodeLabel.PRIORITY and node.uid.startswith(
            "priority:pomorskie-priorytety-2008:"
        ):
            pomorskie[node.uid.rsplit(":", 1)[1]] = node.uid
    return _Territory(gminy, towns, regions, countries, pomorskie, actors)


# -- helpers -------------------------------------------------------------------------------


def _day(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


def _ordinal(year: int, month: int = 1, day: int = 1) -> int:
    return dt.date(year, month, day).toordinal()


def _money(value: float) -> str:
    return f"{value:.2f}"


class _Weighted:
    """Draw items by weight: ``random.choices`` on precomputed cumulative weights."""

    def __init__(self, items: Sequence[int], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cum = list(itertools.accumulate(weights))

    def draw(self, rnd: random.Random, k: int) -> list[int]:
        return rnd.choices(self.items, cum_weights=self.cum, k=k) if self.items else []

    def one(self, rnd: random.Random) -> int:
        return self.items[bisect.bisect(self.cum, rnd.random() * self.cum[-1])]


# -- generation ----------------------------------------------------------------------------


def generate(params: Params, data: Path = DATA) -> Synth:
    """Build every synthetic row in memory (deterministic for ``params``)."""
    rnd = random.Random(params.seed)
    land = _territory(data)
    out = Synth(params)
    src = params.source_id

    # programmes and priorities ---------------------------------------------------------------
    programmes: list[tuple[str, str, int, tuple[str, ...], float]] = []  # uid, name, period, ...
    programme_rows: list[list[str]] = []
    priority_rows: list[list[str]] = []
    defines: list[list[str]] = []
    aligns: list[list[str]] = []
    priorities_of: dict[str, list[tuple[str, int]]] = {}  # programme uid → (priority, theme)
    by_area_theme: dict[tuple[int, int, int], str] = {}  # (area, period, theme) → priority uid
    for area_index, (area, strand, countries, periods) in enumerate(AREAS):
        for period_index in periods:
            period, generation, _, _, share = PERIODS[period_index]
            name = f"Interreg {generation}-{strand} {area} {period}"
            uid = f"programme:syn-{slugify(name)}"
            programmes.append((uid, name, period_index, countries, share * STRAND_SHARE[strand]))
            kind = {"A": "cross-border", "B": "transnational", "C": "interregional"}[strand]
            programme_rows.append([uid, name, name, period, f"Interreg {kind}", src])
            themes = rnd.sample(range(len(THEMES)), rnd.randint(3, 6))
            priorities_of[uid] = []
            for code, theme in enumerate(sorted(themes), start=1):
                english, polish, _ = THEMES[theme]
                priority = f"priority:{uid.split(':', 1)[1]}:{code}"
                label = f"{code}. {english.capitalize()} ({area} {period})"
                priority_rows.append(
                    [priority, label, label, str(code), f"{english}|{polish}", src]
                )
                defines.append([uid, priority, src])
                priorities_of[uid].append((priority, theme))
                by_area_theme[(area_index, period_index, theme)] = priority
    for (area_index, period_index, theme), uid in sorted(by_area_theme.items()):
        successor = by_area_theme.get((area_index, period_index + 1, theme))
        if successor is not None:
            aligns.append([uid, successor, "same theme in the successor programme", "strong", src])
        pomorskie_code = THEMES[theme][2]
        if pomorskie_code and AREAS[area_index][1] != "C" and "PL" in AREAS[area_index][2]:
            target = land.pomorskie.get(pomorskie_code)
            if target is not None and rnd.random() < 0.5:
                aligns.append(
                    [
                        uid,
                        target,
                        f"theme '{THEMES[theme][0]}' (synthetic crosswalk)",
                        "partial",
                        src,
                    ]
                )

    # organisations ---------------------------------------------------------------------------
    n_orgs = params.count(params.organisations, 10)
    countries = [c for c in COUNTRY_SHARE if c in land.countries]
    country_pick = _Weighted(range(len(countries)), [COUNTRY_SHARE[c] for c in countries])
    kind_pick = _Weighted(range(len(KINDS)), [k[1] for k in KINDS])
    gmina_pick = _Weighted(
        range(len(land.gminy)),
        [
            {"miejska": 6.0, "miejsko-wiejska": 2.0}.get(str(g.properties.get("gmina_type")), 1.0)
            for g in land.gminy
        ],
    )
    org_rows: list[list[str]] = []
    located: list[list[str]] = []
    org_country: list[str] = []
    org_kind: list[int] = []
    org_city: list[str] = []
    org_region: list[str] = []  # NUTS code for the keep.eu export ("" when none)
    activity: list[float] = []
    names_seen: Counter[str] = Counter()
    for i in range(n_orgs):
        country = countries[country_pick.one(rnd)]
        kind = kind_pick.one(rnd)
        roll = rnd.random()
        place: Node | None = None
        if country == "PL" and roll < 0.55:
            place = land.gminy[gmina_pick.one(rnd)]
        elif land.towns.get(country) and roll < 0.35:
            place = rnd.choice(land.towns[country])
        elif land.regions.get(country) and roll < 0.8:
            place = rnd.choice(land.regions[country])
        if place is not None:
            where, city = place.uid, place.name
        else:
            where = f"country:{country}"
            city = f"Town {country}-{rnd.randint(1, 400):03d}"  # an unnamed town there
        region = where[5:] if where.startswith("nuts:") else ""
        if where.startswith("teryt:"):
            region = "PL63" if where.startswith("teryt:22") else "PL62"
        kind_name, _, multiplier, polish, english = KINDS[kind]
        base = (polish if country == "PL" else english).format(c=city)
        names_seen[base] += 1
        name = base if names_seen[base] == 1 else f"{base} ({names_seen[base]})"
        uid = f"org:syn-{i:06d}"
        org_rows.append(
            [uid, name, kind_name, country, city, f"9{i:08d}", f"synthetic organisation {i}", src]
        )
        located.append([uid, where, src])
        org_country.append(country)
        org_kind.append(kind)
        org_city.append(city)
        org_region.append(region)
        activity.append(
            min(params.activity_cap, rnd.paretovariate(params.activity_shape)) * multiplier
        )
    by_country: dict[str, _Weighted] = {}
    for country in countries:
        members = [i for i in range(n_orgs) if org_country[i] == country]
        if members:
            by_country[country] = _Weighted(members, [activity[i] for i in members])

    # projects and participations ---------------------------------------------------------------
    n_projects = params.count(params.projects, 5)
    target_partners = params.count(params.participations, 2 * n_projects)
    mean_size = target_partners / n_projects
    sigma = params.partners_sigma
    mu = math.log(max(mean_size - 1.0, 1.0)) - sigma * sigma / 2
    sizes = [
        min(params.max_partners, 2 + round(rnd.lognormvariate(mu, sigma) - 0.5))
        for _ in range(n_projects)
    ]
    # nudge to the exact participation count (keeps the shape, fixes the total)
    total = sum(sizes)
    while total != target_partners:
        j = rnd.randrange(n_projects)
        if total < target_partners and sizes[j] < params.max_partners:
            sizes[j] += 1
            total += 1
        elif total > target_partners and sizes[j] > 2:
            sizes[j] -= 1
            total -= 1
    priority_names = {row[0]: row[1].split(". ", 1)[1] for row in priority_rows}
    programme_pick = _Weighted(range(len(programmes)), [p[4] for p in programmes])
    project_rows: list[list[str]] = []
    funded: list[list[str]] = []
    addresses: list[list[str]] = []
    participates: list[list[str]] = []
    keep_projects: list[list[str]] = []
    keep_partners: list[list[str]] = []
    acronyms: dict[str, Counter[str]] = {}
    consortia: dict[str, list[list[int]]] = {}
    degree: Counter[int] = Counter()
    for p in range(n_projects):
        programme_uid, programme_name, period_index, area_countries, _ = programmes[
            programme_pick.one(rnd)
        ]
        period, _, first, last, _ = PERIODS[period_index]
        start = rnd.randint(_ordinal(first, 1, 1), _ordinal(last, 6, 30))
        end = min(start + rnd.randint(365, 4 * 365), _ordinal(2027, 12, 31))
        themes = priorities_of[programme_uid]
        addressed = rnd.sample(themes, 1 if rnd.random() < 0.6 else min(2, len(themes)))
        head, tail = rnd.choice(ACRONYM_HEADS), rnd.choice(ACRONYM_TAILS)
        seen = acronyms.setdefault(programme_uid, Counter())
        seen[head + tail] += 1
        acronym = head + tail if seen[head + tail] == 1 else f"{head}{tail} {seen[head + tail]}"
        theme_text = THEMES[addressed[0][1]][0]
        title = rnd.choice(NAME_PHRASES).format(t=theme_text)
        uid = f"project:{programme_uid.split(':', 1)[1]}:{slugify(acronym)}"
        budget = round(rnd.lognormvariate(math.log(1_200_000), 0.8), 2)
        project_rows.append(
            [uid, title, _day(start), _day(end), acronym, _money(budget), f"syn{p}", src]
        )
        funded.append([uid, programme_uid, src])
        for priority, _ in addressed:
            addresses.append([uid, priority, src])
        # partners: by activity, among the programme's countries
        chosen: list[int] = []
        earlier = consortia.setdefault(programme_uid, [])
        if earlier and rnd.random() < params.follow_up:
            # a follow-up project: much of an earlier consortium of the programme again
            core = rnd.choice(earlier)
            chosen = rnd.sample(core, min(sizes[p], max(2, round(len(core) * 0.7))))
        taken: set[int] = set(chosen)
        tries = 0
        while len(chosen) < sizes[p] and tries < 20:
            tries += 1
            for country in rnd.choices(area_countries, k=sizes[p] - len(chosen)):
                org = by_country[country].one(rnd) if country in by_country else None
                if org is not None and org not in taken:
                    taken.add(org)
                    chosen.append(org)
        earlier.append(chosen)
        for rank, org in enumerate(chosen):
            role = "lead" if rank == 0 else ("associated" if rnd.random() < 0.1 else "partner")
            share = 0.0 if role == "associated" else budget * rnd.uniform(0.3, 1.5) / len(chosen)
            org_uid = f"org:syn-{org:06d}"
            participates.append(
                [org_uid, uid, _day(start), _day(end), role, _money(share) if share else "", src]
            )
            degree[org] += 1
            keep_partners.append(
                [
                    programme_name,
                    acronym,
                    org_rows[org][1],
                    "Yes" if role == "lead" else "No",
                    {"lead": "Lead partner", "partner": "Project partner"}.get(
                        role, "Associated partner"
                    ),
                    org_country[org],
                    org_rows[org][5],
                    *_nuts_columns(org_region[org]),
                    org_city[org],
                    KINDS[org_kind[org]][0],
                    _money(share) if share else "",
                ]
            )
        keep_projects.append(
            [
                programme_name,
                period,
                acronym,
                title,
                _day(start),
                _day(end),
                _money(budget),
                "; ".join(priority_names[priority] for priority, _ in addressed),
            ]
        )

    # networks, memberships, declared themes ----------------------------------------------------
    n_networks = params.count(params.networks, 3)
    network_rows: list[list[str]] = []
    member_of: list[list[str]] = []
    focuses: list[list[str]] = []
    all_orgs = _Weighted(range(n_orgs), activity)
    theme_priorities: dict[int, list[str]] = {}
    for entries in priorities_of.values():
        for priority, theme in entries:
            theme_priorities.setdefault(theme, []).append(priority)
    for t in theme_priorities.values():
        t.sort()
    network_sizes = [
        min(n_orgs, max(3, round(rnd.lognormvariate(math.log(25), 0.9)))) for _ in range(n_networks)
    ]
    scale_members = params.count(params.memberships, 3) / max(sum(network_sizes), 1)
    for n in range(n_networks):
        theme = rnd.randrange(len(THEMES))
        uid = f"network:syn-{n:04d}"
        founded = rnd.randint(1992, 2020)
        name = f"Baltic {THEMES[theme][0]} network {n + 1}"
        network_rows.append([uid, name, name, str(founded), "thematic network", src])
        for priority in rnd.sample(theme_priorities[theme], min(2, len(theme_priorities[theme]))):
            focuses.append([uid, priority, "", src])
        members = {
            all_orgs.one(rnd) for _ in range(max(2, round(network_sizes[n] * scale_members)))
        }
        for org in sorted(members):
            since = rnd.randint(founded, 2025)
            ended = rnd.random() < 0.2 and since < 2024
            until = str(rnd.randint(since + 1, 2025)) if ended else ""
            member_of.append(
                [
                    f"org:syn-{org:06d}",
                    uid,
                    "",
                    str(since),
                    until,
                    "member",
                    "ended" if ended else "active",
                    src,
                ]
            )
    associations = [i for i in range(n_orgs) if KINDS[org_kind[i]][0].startswith("association")]
    municipalities_by_country: dict[str, list[int]] = {}
    for i in range(n_orgs):
        if KINDS[org_kind[i]][0] == "municipality":
            municipalities_by_country.setdefault(org_country[i], []).append(i)
    for a in associations[: params.count(200)]:  # a few hundred with member gminy
        pool = municipalities_by_country.get(org_country[a], [])
        for org in sorted(set(rnd.sample(pool, min(len(pool), rnd.randint(3, 30))))):
            since = rnd.randint(1995, 2024)
            member_of.append(
                [
                    f"org:syn-{org:06d}",
                    f"org:syn-{a:06d}",
                    "",
                    str(since),
                    "",
                    "member",
                    "active",
                    src,
                ]
            )
    for i in range(0, n_orgs, 50):  # 2 % declare a theme of their own
        theme = rnd.randrange(len(THEMES))
        focuses.append([f"org:syn-{i:06d}", rnd.choice(theme_priorities[theme]), "", src])

    # agreements ----------------------------------------------------------------------------
    n_agreements = params.count(params.agreements, 2)
    public = [
        i for i in range(n_orgs) if KINDS[org_kind[i]][0] in ("municipality", "regional authority")
    ]
    agreement_rows: list[list[str]] = []
    signed_by: list[list[str]] = []
    covers: list[list[str]] = []
    all_priorities = sorted(uid for uid, *_ in priority_rows)
    pomorskie = sorted(land.pomorskie.values())
    for n in range(n_agreements):
        uid = f"agreement:syn-{n:05d}"
        signed = rnd.randint(_ordinal(1995), _ordinal(2025, 6, 30))
        status = rnd.choices(["active", "ended", "unknown", "suspended"], [6, 2, 2, 0.3])[0]
        parties: list[str] = []
        if rnd.random() < 0.3:
            parties.append(rnd.choice(land.actors).uid)
        while len(parties) < (3 if rnd.random() < 0.15 else 2):
            candidate = f"org:syn-{rnd.choice(public):06d}"
            if candidate not in parties:
                parties.append(candidate)
        name = f"Cooperation agreement {n + 1}"
        agreement_rows.append(
            [uid, name, name, _day(signed), "cooperation agreement", _day(signed), status, src]
        )
        for party in parties:
            signed_by.append([uid, party, "party", src])
        pool = pomorskie if rnd.random() < 0.2 and pomorskie else all_priorities
        for priority in rnd.sample(pool, min(len(pool), rnd.randint(1, 3))):
            lo = rnd.randint(signed, _ordinal(2026))
            hi = lo + rnd.randint(365, 8 * 365) if rnd.random() < 0.6 else None
            covers.append(
                [uid, priority, _day(lo), _day(min(hi, _ordinal(2027, 12, 31))) if hi else "", src]
            )

    # the files ---------------------------------------------------------------------------
    out.nodes = {
        "programmes": (["uid", "name", "name_en", "period", "kind", "sources"], programme_rows),
        "priorities": (["uid", "name", "name_en", "code", "keywords", "sources"], priority_rows),
        "organisations": (
            ["uid", "name", "kind", "country", "city", "pic", "note", "sources"],
            org_rows,
        ),
        "projects": (
            [
                "uid",
                "name",
                "valid_from",
                "valid_to",
                "acronym",
                "budget_eur",
                "keep_id",
                "sources",
            ],
            project_rows,
        ),
        "networks": (["uid", "name", "name_en", "valid_from", "kind", "sources"], network_rows),
        "agreements": (
            ["uid", "name", "name_en", "valid_from", "kind", "signed", "status", "sources"],
            agreement_rows,
        ),
    }
    edge_header = ["from", "to", "sources"]
    out.edges = {
        "defines": (edge_header, defines),
        "aligns_with": (["from", "to", "basis", "strength", "sources"], aligns),
        "located_in": (edge_header, located),
        "funded_by": (edge_header, funded),
        "addresses": (edge_header, addresses),
        "participates_in": (
            ["from", "to", "valid_from", "valid_to", "role", "budget_eur", "sources"],
            participates,
        ),
        "member_of": (
            ["from", "to", "key", "valid_from", "valid_to", "role", "status", "sources"],
            member_of,
        ),
        "focuses_on": (["from", "to", "note", "sources"], focuses),
        "signed_by": (["from", "to", "role", "sources"], signed_by),
        "covers": (["from", "to", "valid_from", "valid_to", "sources"], covers),
    }
    out.keep_projects = (
        [
            "Programme",
            "Period",
            "Acronym",
            "Project name in English",
            "Project start",
            "Project end",
            "Project's total budget / expenditure",
            "Specific objective",
        ],
        keep_projects,
    )
    out.keep_partners = (
        [
            "Programme",
            "Acronym",
            "Organisation in English",
            "Lead Partner",
            "Partner role",
            "Country code",
            "PIC",
            "NUTS1 (or equivalent)",
            "NUTS2 (or equivalent)",
            "NUTS3 (or equivalent)",
            "Town",
            "Type of Organisation",
            "Partner's total eligible budget / expenditure",
        ],
        keep_partners,
    )
    degrees = sorted(degree.values(), reverse=True)
    out.stats = {
        "organisations": n_orgs,
        "organisations in a project": len(degree),
        "projects": n_projects,
        "participations": len(participates),
        "programmes": len(programme_rows),
        "priorities": len(priority_rows),
        "networks": n_networks,
        "memberships": len(member_of),
        "agreements": n_agreements,
        "max projects of one organisation": degrees[0] if degrees else 0,
        "organisations in ≥ 100 projects": sum(1 for d in degrees if d >= 100),
        "median projects per active organisation": degrees[len(degrees) // 2] if degrees else 0,
        "max partners of one project": max(sizes),
    }
    return out


def _nuts_columns(code: str) -> list[str]:
    """A NUTS code as keep.eu's NUTS 1, 2 and 3 columns (its prefixes; empty when shorter)."""
    return [code[:length] if len(code) >= length else "" for length in (3, 4, 5)]


# -- writing ------------------------------------------------------------------------------


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def write(synth: Synth, out: Path, data: Path = DATA) -> dict[str, object]:
    """Write ``dataset/``, ``keep/`` and ``manifest.json`` under ``out`` (replacing them)."""
    params = synth.params
    dataset = out / "dataset"
    if dataset.exists():
        shutil.rmtree(dataset)
    shutil.copytree(data, dataset, ignore=shutil.ignore_patterns("README.md"))
    with (dataset / "sources.csv").open("a", encoding="utf-8", newline="") as handle:
        header = (data / "sources.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
        row = {
            "id": params.source_id,
            "title": f"synthetic, generated by bench/synth.py seed {params.seed}",
            "document": f"bench/synth.py --seed {params.seed} --scale {params.scale:g} "
            f"(generator version {GENERATOR_VERSION}); not real data",
            "retrieved": RETRIEVED,
            "confidence": "unverified",
            "note": "benchmark data only: every fact citing this source is invented",
        }
        csv.writer(handle, lineterminator="\n").writerow([row.get(name, "") for name in header])
    files: dict[str, int] = {}
    for name, (columns, rows) in synth.nodes.items():
        files[f"nodes/{name}.synth.csv"] = _write_csv(
            dataset / "nodes" / f"{name}.synth.csv", columns, rows
        )
    for name, (columns, rows) in synth.edges.items():
        files[f"edges/{name}.synth.csv"] = _write_csv(
            dataset / "edges" / f"{name}.synth.csv", columns, rows
        )
    files["keep/keep_projects.csv"] = _write_csv(
        out / "keep" / "keep_projects.csv", *synth.keep_projects
    )
    files["keep/keep_partners.csv"] = _write_csv(
        out / "keep" / "keep_partners.csv", *synth.keep_partners
    )
    manifest: dict[str, object] = {
        "generator_version": GENERATOR_VERSION,
        "params": asdict(params),
        "synthetic_nodes": synth.node_rows(),
        "synthetic_edges": synth.edge_rows(),
        "files": files,
        "stats": synth.stats,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def ensure(params: Params, out: Path | None = None) -> tuple[Path, dict[str, object]]:
    """The output folder for ``params``, generated unless an identical one is already there."""
    target = out or default_out(params.scale, params.seed)
    manifest_path = target / "manifest.json"
    if manifest_path.is_file():
        manifest: dict[str, object] = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("generator_version") == GENERATOR_VERSION and manifest.get(
            "params"
        ) == asdict(params):
            return target, manifest
    return target, write(generate(params), target)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 100k organisations")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="default bench/out/synth-<scale>-s<seed>")
    args = parser.parse_args(argv)
    if not 0 < args.scale <= 10:
        parser.error("--scale must be in (0, 10]")
    params = Params(scale=args.scale, seed=args.seed)
    target = args.out or default_out(args.scale, args.seed)
    start = time.perf_counter()
    manifest = write(generate(params), target)
    seconds = time.perf_counter() - start
    print(f"wrote {target} in {seconds:.1f} s (seed {args.seed}, scale {args.scale:g})")
    print("| file | rows |\n|---|---:|")
    files = manifest["files"]
    assert isinstance(files, dict)
    for name, rows in files.items():
        print(f"| {name} | {rows:,} |")
    stats = manifest["stats"]
    assert isinstance(stats, dict)
    for key, value in stats.items():
        print(f"- {key}: {value:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
