"""Organisations, the Euroregion Baltic and its bodies, the Polish association, Pomorskie's
agreements (with the scope each covers, where a source lists it) and the projects.

Facts come from the research notes (shared/research/data/*.csv, each row's URLs become source
rows) and from pages read while building (cited where used).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from association import build_association
from priorities import BSR0006, BSR14, BSR21, SB07, SB14
from registry import Registry
from twinning import foreign_town

from partnergraph.model import NodeLabel, RelType

__all__ = ["build_actors"]

ERB = "network:euroregion-baltic"
STG = "org:stowarzyszenie-gmin-rp-euroregion-baltyk"
POM_ORG = "org:samorzad-wojewodztwa-pomorskiego"
WM_ORG = "org:samorzad-wojewodztwa-warminsko-mazurskiego"
BLEKINGE = "org:region-blekinge"
KRONOBERG = "org:region-kronoberg"
KALMAR = "org:region-kalmar-lan"
SKANE_K = "org:skanes-kommuner"
BORNHOLM = "org:bornholms-regionskommune"
KLAIPEDA_A = "org:asociacija-klaipedos-regionas"
KGD = "iso:RU-KGD"
POM_PRIO = "priority:pomorskie-priorytety-2008"


def _read(research: Path, name: str) -> list[dict[str, str]]:
    with (research / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _unique(rows: list[dict[str, str]], key: str) -> dict[str, dict[str, str]]:
    """Rows keyed by a name; refuses names that two rows share (a dict would keep the last)."""
    out: dict[str, dict[str, str]] = {}
    for r in rows:
        k = r[key].split(" (")[0] if key != "name" else r[key]
        if k in out:
            raise ValueError(f"two research rows share the name {k!r}; look them up by more")
        out[k] = r
    return out


def _one(rows: list[dict[str, str]], **match: str) -> dict[str, str]:
    """The single row whose columns equal ``match``; an ambiguous or missing match fails."""
    found = [r for r in rows if all(r[c] == v for c, v in match.items())]
    if len(found) != 1:
        raise ValueError(f"{len(found)} research rows match {match}")
    return found[0]


def org(reg: Registry, uid: str, name: str, srcs: list[str], where: str, **p: Any) -> str:
    reg.node(NodeLabel.ORGANISATION, uid, name, srcs, **p)
    reg.edge(RelType.LOCATED_IN, uid, where, srcs)
    return uid


def build_actors(reg: Registry, research: Path) -> None:
    u = reg.url
    members = _unique(_read(research, "erb_members.csv"), "member_name")

    def msrc(prefix: str) -> list[str]:
        row = next(r for k, r in members.items() if k.startswith(prefix))
        return reg.urls(row["source"])

    # --- organisations acting for the member regions ---------------------------------------
    org(
        reg,
        POM_ORG,
        "Samorząd Województwa Pomorskiego",
        msrc("Pomorskie"),
        "nuts:PL63",
        name_en="Pomorskie Voivodeship (regional self-government)",
        kind="regional government",
        country="PL",
        city="Gdańsk",
        aliases=[
            "Województwo Pomorskie",
            "Pomorskie Region",
            "Urząd Marszałkowski Województwa Pomorskiego",
        ],
        note="Acts for the territory nuts:PL63 (Region node): signs agreements, ERB member.",
    )
    org(
        reg,
        WM_ORG,
        "Samorząd Województwa Warmińsko-Mazurskiego",
        msrc("Warmińsko"),
        "nuts:PL62",
        name_en="Warmińsko-Mazurskie Voivodeship (regional self-government)",
        kind="regional government",
        country="PL",
        city="Olsztyn",
        aliases=[
            "Województwo Warmińsko-Mazurskie",
            "Warmińsko-Mazurskie Region",
            "Urząd Marszałkowski Województwa Warmińsko-Mazurskiego",
        ],
    )
    org(
        reg,
        BLEKINGE,
        "Region Blekinge",
        msrc("Region Blekinge"),
        "nuts:SE221",
        name_en="Region Blekinge",
        kind="regional government",
        country="SE",
        city="Karlskrona",
        note="1998 signatories were the Blekinge association of local authorities, county "
        "council and county administrative board.",
    )
    org(
        reg,
        KRONOBERG,
        "Region Kronoberg",
        msrc("Region Kronoberg"),
        "nuts:SE212",
        name_en="Region Kronoberg",
        kind="regional government",
        country="SE",
        city="Växjö",
        aliases=["Södra Småland", "South Småland", "Regionförbundet södra Småland"],
    )
    org(
        reg,
        KALMAR,
        "Region Kalmar län",
        msrc("Region Kalmar"),
        "nuts:SE213",
        name_en="Region Kalmar County",
        kind="regional government",
        country="SE",
        city="Kalmar",
        aliases=[
            "Regionförbundet i Kalmar län",
            "Regional Council in Kalmar County",
            "Region Kalmar",
        ],
    )
    org(
        reg,
        SKANE_K,
        "Skånes Kommuner",
        msrc("Skånes"),
        "nuts:SE224",
        name_en="Skåne Association of Local Authorities",
        kind="association of municipalities",
        country="SE",
    )
    org(
        reg,
        BORNHOLM,
        "Bornholms Regionskommune",
        msrc("Regional Municipality of Bornholm"),
        "nuts:DK014",
        name_en="Regional Municipality of Bornholm",
        kind="regional municipality",
        country="DK",
        note="Successor of the County of Bornholm (1998 signatory).",
    )
    org(
        reg,
        KLAIPEDA_A,
        "Asociacija Klaipėdos regionas",
        msrc("Association Klaipėda"),
        "nuts:LT023",
        name_en="Association Klaipėda Region",
        kind="association of municipalities",
        country="LT",
        note="Successor of the Klaipėda County Governor's Administration.",
    )
    kurzeme = org(
        reg,
        "org:kurzemes-planosanas-regions",
        "Kurzemes plānošanas reģions",
        msrc("Liepāja"),
        "country:LV",
        name_en="Kurzeme Planning Region",
        kind="planning region",
        country="LV",
    )

    # --- Euroregion Baltic ---------------------------------------------------------------
    truso = u(
        "https://www.truso.tv/wiadomosci/38500,22-lutego-1998r-euroregion-baltyk",
        "Truso.tv: 22 lutego 1998 r. – Euroregion Bałtyk (founding in Malbork)",
    )
    background = u("https://eurobalt.org/background", "Euroregion Baltic: Background")
    statutes = u("https://docslib.org/doc/7186422/erb-statutes", "ERB Statutes (docslib copy)")
    brussels = u(
        "https://eurobalt.org.pl/en/euroregion-baltic-meeting-in-brussels",
        "Euroregion Baltic meeting in Brussels (EGTC Launch Plan, 2030 Agenda annex)",
    )
    reg.node(
        NodeLabel.NETWORK,
        ERB,
        "Euroregion Bałtyk",
        [truso, background, statutes, brussels],
        name_en="Euroregion Baltic",
        kind="euroregion",
        valid_from="1998-02-22",
        aliases=["ERB", "Euroregion Baltic", "Euroregion Baltyk"],
        note="Founded 22 Feb 1998 at Malbork castle by parties from DK, LV, LT, PL, RU, SE. "
        "Statutes revised 2001-2019 (last Klaipėda 2019). Transformation into an EGTC "
        "discussed from 2023; Launch Plan adopted Nov 2024; not yet established.",
    )
    for m in _read(research, "erb_members.csv"):
        name = m["member_name"]
        srcs = reg.urls(m["source"])
        if name.startswith("Kaliningrad"):
            reg.edge(
                RelType.MEMBER_OF,
                KGD,
                ERB,
                srcs,
                key="1998",
                role="member (party)",
                status="active",
                valid_from="1998-02-22",
                valid_to="2022-03-01",
                note="Russian delegation: Association of Municipalities of the Kaliningrad "
                "Region, Government of Kaliningrad Region, City of Kaliningrad, Regional "
                "Duma.",
            )
            reg.edge(
                RelType.MEMBER_OF,
                KGD,
                ERB,
                srcs,
                key="2022",
                role="member (party)",
                status="suspended",
                valid_from="2022-03-02",
                note="Suspended 'until further notice' by an extraordinary Presidium "
                "decision on the initiative of Warmińsko-Mazurskie and Region Blekinge.",
            )
            continue
        if name.startswith("Liepāja"):
            left = reg.source(
                "inferred-erb-latvia-left",
                "Latvian party no longer in the ERB (research notes' inference)",
                document="shared/research/data/erb_members.csv row 'Liepāja city and district / "
                "Kurzeme Planning Region': not among the five party delegations of the 2019 "
                "statutes, absent from current member lists; departure date not found",
                confidence="inferred",
            )
            liepaja = foreign_town(reg, "LV", "Liepāja", srcs)
            reg.edge(RelType.PART_OF, liepaja, "country:LV", srcs)
            reg.edge(
                RelType.MEMBER_OF,
                liepaja,
                ERB,
                [*srcs, left],
                role="member (signatory)",
                status="ended",
                valid_from="1998-02-22",
                note="City and district of Liepāja signed in 1998; left, date not found.",
            )
            reg.edge(
                RelType.MEMBER_OF,
                kurzeme,
                ERB,
                [*srcs, left],
                role="member region",
                status="ended",
                note="Listed as ERB member region in the Seagull devERB "
                "description (2002-2005); left, date not found.",
            )
            continue
        uid = {
            "Regional Municipality of Bornholm": BORNHOLM,
            "Region Blekinge": BLEKINGE,
            "Region Kronoberg": KRONOBERG,
            "Region Kalmar County": KALMAR,
            "Skånes Kommuner": SKANE_K,
            "Association Klaipėda Region": KLAIPEDA_A,
            "Pomorskie Voivodeship": POM_ORG,
            "Warmińsko-Mazurskie Voivodeship": WM_ORG,
            "Stowarzyszenie Gmin RP Euroregion Bałtyk": STG,
        }[name.split(" (")[0]]
        if uid == STG:
            continue  # added with the association below
        note = None
        if uid == KALMAR:
            note = (
                "Member by 2002 (Seagull devERB); not among the 1998 signatories; accession "
                "year not found."
            )
        if uid == POM_ORG:
            note = (
                "Joined through its predecessors (voivodeships of Gdańsk, Słupsk, Elbląg), "
                "signatories of 22 Feb 1998; the statutes name Pomorskie as successor."
            )
        reg.edge(
            RelType.MEMBER_OF,
            uid,
            ERB,
            srcs,
            role="member",
            status="active",
            valid_from=m["joined"] or None,
            note=note,
        )

    # --- the association ---------------------------------------------------------------
    portel = u(
        "https://www.portel.pl/gospodarka/czym-zajmowal-sie-euroregion-baltyk/138688",
        "Portel.pl: Czym zajmował się Euroregion Bałtyk (Apr 2024)",
    )
    elblag_net = u(
        "http://www.elblag.net/artykuly/prezydent-michal-missan-przewodniczacym-"
        "stowarzyszenia-gmin-rp-euroregionu-baltyk,50167.htm",
        "elblag.net: Michał Missan chair of the association (24 May 2024)",
    )
    stg_page = u(
        "https://eurobalt.org.pl/stowarzyszenie-gmin-rp-euroregion-baltyk/",
        "Stowarzyszenie Gmin RP Euroregion Bałtyk: about (41 member gminy)",
    )
    mission = reg.source(
        "seed-stg-erb-mission",
        "Seed text: Misja Stowarzyszenia Gmin RP Euroregion Bałtyk",
        document="shared/seeds/003_39939065bebb6853.txt",
    )
    org(
        reg,
        STG,
        "Stowarzyszenie Gmin RP Euroregion Bałtyk",
        [truso, portel, elblag_net, stg_page, mission],
        "teryt:2861011",
        name_en="Association of Polish Communes Euroregion Baltic",
        kind="association of municipalities",
        country="PL",
        city="Elbląg",
        aliases=[
            "Stowarzyszenie Gmin Rzeczypospolitej Polskiej Euroregion Bałtyk",
            "STG ERB",
            "Association of Polish Communes Euroregion Baltic",
        ],
        valid_from="1997-11-17",
        note="Founded 17 Nov 1997; seat Old Town Hall (Ratusz Staromiejski), Elbląg. 41 member "
        "gminy of pomorskie and warmińsko-mazurskie (2024). Board chair Michał Missan (Mayor "
        "of Elbląg) since 23 May 2024, before him Witold Wróblewski. Term 2018-2024: 36 "
        "projects worth EUR 26 m, 12 more (EUR 16 m) running.",
    )
    reg.edge(
        RelType.MEMBER_OF,
        STG,
        ERB,
        [truso, statutes, background],
        role="member",
        status="active",
        valid_from="1998-02-22",
        note="Signatory of the 1998 agreement.",
    )
    nets = reg.node(
        NodeLabel.NETWORK,
        "network:stg-erb-sieci-strategiczne",
        "Sieci strategiczne gmin członkowskich Stowarzyszenia Gmin RP Euroregion Bałtyk",
        [mission, stg_page],
        name_en="Strategic networks of the association's member gminy",
        kind="strategic networks (temporary and permanent)",
        note="The mission text: cooperation between gminy of pomorskie and warmińsko-mazurskie "
        "through strategic networks with clear tasks from the municipal authorities, temporary "
        "and permanent, each to solve a specific task. No named network or member list found.",
    )
    reg.edge(RelType.MEMBER_OF, STG, nets, [mission], role="coordinator")
    ostroda = u(
        "http://bip.gminaostroda.pl/uchwala-nr-xxviii15312-rady-gminy-ostroda-z-dnia-30-"
        "pazdziernika-2012r-w-sprawie-wystapienia-ze-stowarzyszenia-gmin-rzeczypospolitej-"
        "polskiej-euroregion-baltyk",
        "BIP Gmina Ostróda: uchwała XXVIII/153/12 (leaving the association)",
    )
    notice = reg.source(
        "inferred-ostroda-notice",
        "End of Gmina Ostróda's membership: resolution of 30 Oct 2012 plus 3 months' notice",
        document="bip.gminaostroda.pl resolution XXVIII/153/12; end "
        "date computed by the data engineer",
        confidence="inferred",
    )
    gronowo = reg.urls(
        "https://eurobalt.org.pl/en/gronowo-elblaskie-commune-a-new-member-of-stg-"
        "erb/ ; https://eurobalt.org.pl/en/meeting-with-the-head-of-gronowo-"
        "elblaskie-municipality/"
    )
    gronowo_year = reg.source(
        "inferred-gronowo-2024",
        "Year 2024 of Gronowo Elbląskie's accession, from the news "
        "pages' publication identifiers (Feb-Mar 2024)",
        document="research notes association_members.csv",
        confidence="inferred",
    )
    build_association(
        reg,
        {
            "portel": [portel],
            "elblag_net": [elblag_net],
            "ostroda": [ostroda],
            "notice": [notice],
            "gronowo": gronowo,
            "gronowo_year": [gronowo_year],
        },
    )

    erb_bodies(reg, research)
    agreements(reg, research)
    projects(reg, research)


def erb_bodies(reg: Registry, research: Path) -> None:
    body_rows = _read(research, "erb_bodies.csv")

    def row_of(name: str, established: str | None = None) -> dict[str, str]:
        if established is None:
            return _one(body_rows, name=name)
        return _one(body_rows, name=name, established=established)

    def s(name: str, established: str | None = None) -> list[str]:
        return reg.urls(row_of(name, established)["source"])

    inferred = reg.source(
        "inferred-erb-bodies",
        "Dates of ERB bodies inferred by the research notes",
        document="shared/research/data/erb_bodies.csv rows marked 'inferred' (Kalmar presidency "
        "2018 and Klaipėda 2019 from annual rotation; Youth Board establishment = Council of "
        "6 Dec 2007; Organisational Committee end = founding agreement)",
        confidence="inferred",
    )
    bodies = [
        (
            "network:erb-organisational-committee",
            "Organisational Committee (Euroregion Jantar/Amber)",
            "Organisational Committee (Euroregion 'Jantar'/Amber)",
            "preparatory committee",
            "1997-03-01",
            "1998-02-22",
            True,
        ),
        ("network:erb-council", "ERB Council", "ERB Council", "council", "1998", None, False),
        (
            "network:erb-executive-board",
            "ERB Executive Board",
            "ERB Executive Board (ERB Board)",
            "executive board",
            None,
            None,
            False,
        ),
        ("network:erb-presidium", "ERB Presidium", "ERB Presidium", "presidium", None, None, False),
        (
            "network:erb-international-permanent-secretariat",
            "ERB International Permanent Secretariat",
            "International Permanent Secretariat (IPS/PIS) - Olsztyn",
            "secretariat",
            None,
            None,
            False,
        ),
        (
            "network:erb-regional-secretariats",
            "ERB Regional Secretariats",
            "Regional Secretariats",
            "secretariats",
            None,
            None,
            False,
        ),
        (
            "network:erb-youth-board",
            "ERB Youth Board",
            "ERB Youth Board",
            "youth board",
            "2007-12-06",
            None,
            True,
        ),
        (
            "network:erb-annual-stakeholders-forum",
            "ERB Annual Stakeholders Forum",
            "Annual Forum of Stakeholders / Annual ERB Stakeholders meeting",
            "forum",
            None,
            None,
            False,
        ),
        (
            "network:erb-water-forum",
            "ERB Water Forum",
            "ERB Water Forum",
            "working group",
            None,
            None,
            False,
        ),
        (
            "network:erb-water-group",
            "ERB Water Group",
            "ERB Water Group",
            "working group",
            None,
            None,
            False,
        ),
        (
            "network:erb-water-core-group",
            "ERB Water Core Group",
            "ERB Water Core Group",
            "working group",
            "2019-05",
            None,
            False,
        ),
        (
            "network:erb-task-force-future-cohesion-policy",
            "ERB Task Force: Future Cohesion Policy",
            "ERB Task Force: Future Cohesion Policy",
            "task force",
            "2010",
            None,
            False,
        ),
        (
            "network:erb-task-force-stakeholders-forum",
            "ERB Task Force: ERB Stakeholders Forum",
            "ERB Task Force: ERB Stakeholders Forum",
            "task force",
            "2010",
            None,
            False,
        ),
        (
            "network:erb-task-force-joint-project",
            "ERB Task Force: ERB Joint Project",
            "ERB Task Force: ERB Joint Project",
            "task force",
            "2010",
            None,
            False,
        ),
        (
            "network:erb-task-force-eusbsr",
            "ERB Task Force: EU Strategy for the Baltic Sea Region",
            "ERB Task Force: EU Strategy for the Baltic Sea Region",
            "task force",
            "2010",
            None,
            False,
        ),
        (
            "network:erb-seagull-ii-networks",
            "ERB professional networks (Seagull II)",
            "Seagull II ERB networks (infrastructure; rural development; innovation and SME "
            "development; labour market; environment and energy)",
            "thematic networks",
            "2005",
            "2007",
            False,
        ),
    ]
    for uid, name, row, kind, vf, vt, is_inferred in bodies:
        srcs = s(row) + ([inferred] if is_inferred else [])
        r = row_of(row)
        reg.node(
            NodeLabel.NETWORK,
            uid,
            name,
            srcs,
            name_en=name,
            kind=kind,
            valid_from=vf,
            valid_to=vt,
            note=r["notes"],
        )
        reg.edge(RelType.MEMBER_OF, uid, ERB, srcs, role="body of the ERB")
    # secretariat and its moves
    sec = "network:erb-international-permanent-secretariat"
    vx = s("International Permanent Secretariat (IPS/PIS) - södra Småland (Växjö)")
    ol = s("International Permanent Secretariat (IPS/PIS) - Olsztyn")
    reg.edge(RelType.LOCATED_IN, sec, "nuts:SE212", vx, key="vaxjo", valid_to="2014-06-30")
    reg.edge(RelType.LOCATED_IN, sec, "teryt:2862011", ol, key="olsztyn", valid_from="2014-07-01")
    reg.edge(
        RelType.MEMBER_OF,
        KRONOBERG,
        sec,
        vx,
        role="host of the secretariat (södra Småland, Växjö)",
        status="ended",
        valid_to="2014-06-30",
    )
    reg.edge(
        RelType.MEMBER_OF,
        WM_ORG,
        sec,
        ol,
        role="host of the secretariat (Marshal's Office, Olsztyn)",
        valid_from="2014-07-01",
        note="Decided by the Presidium in Klaipėda, 20 March 2014; current seat not re-confirmed.",
    )
    # presidency holders
    pres = "network:erb-presidency"
    reg.node(
        NodeLabel.NETWORK,
        pres,
        "ERB Presidency",
        s("ERB Presidium"),
        name_en="ERB Presidency",
        kind="rotating presidency",
        note="Annual rotation between the member parties.",
    )
    reg.edge(RelType.MEMBER_OF, pres, ERB, s("ERB Presidium"), role="body of the ERB")
    # presidency holders: one-year terms that never overlap (tests/test_dataset.py)
    from source_meta import SESSION_DATE

    def page(url: str, title: str) -> str:
        return reg.url(url, title, retrieved=SESSION_DATE)

    terms = reg.source(
        "inferred-erb-presidency-terms",
        "Start and end days of ERB presidency terms inferred from annual rotation",
        document="Presidency terms rotate yearly. Where a source gives no end, the term is "
        "closed by the data engineer: valid_to = the day before the next holder's start when "
        "that is known (Klaipėda 2019 -> 2020-02-11; Association 2020 -> 2021-02-11, one year "
        "from its start on 2020-02-12 when the ERB Action Plan 2020-21 was adopted; "
        "Warmińsko-Mazurskie -> 2023-03-01, Bornholm took over on 2023-03-02; Kaliningrad -> "
        "2012-01, södra Småland took over in Feb 2012), else the end of the term's year when "
        "the source gives only a year (Bornholm 2023, Kronoberg 2024), else one year from the "
        "start (Blekinge 2007-03-14 -> 2008-03-13; södra Småland 2012-02 -> 2013-01). Start "
        "years 2011 (Kaliningrad), 2019 (Klaipėda) and 2018 (Kalmar) from the rotation; "
        "Blekinge's 2021 term starts the day after the Association's ends.",
        confidence="inferred",
        retrieved=SESSION_DATE,
    )
    new_lead = page(
        "https://eurobalt.org/new-political-leadership-in-erb",
        "New political leadership in ERB (eurobalt.org news, 2012)",
    )
    bornholm_2023 = page(
        "https://www.eurobalt.org/erb-executive-board-meeting-in-bornholm-new-erb-presidency/",
        "ERB Executive Board meeting in Bornholm & new ERB Presidency (eurobalt.org, 2 March 2023)",
    )
    olsztyn_2022 = page(
        "https://eurobalt.org.pl/posiedzenie-prezydium-euroregionu-baltyk-9-12-2022-olsztyn/",
        "Posiedzenie Prezydium Euroregionu Bałtyk, 9.12.2022, Olsztyn (eurobalt.org.pl)",
    )
    kronoberg_2024 = page(
        "https://jaramillo.se/region-kronoberg-tar-over-ordforandeskapet-i-euroregion-baltic/",
        "Region Kronoberg tar över ordförandeskapet i Euroregion Baltic (René Jaramillo)",
    )
    olsztyn_2024 = page(
        "https://eurobalt.org/erb-executive-board-meeting-in-olsztyn-2",
        "ERB Executive Board meeting in Olsztyn (eurobalt.org, 15-16 May 2024)",
    )
    board_2021 = page(
        "https://www.eurobalt.org/tag/erb-executive-board/",
        "Euroregion Baltic: news tagged ERB Executive Board (2021 items: Elin Petersson, "
        "Blekinge presidency; Warmia and Masuria to lead in 2022)",
    )
    blekinge_2007 = s("ERB Presidency: Region Blekinge", "2007-03-14")
    blekinge_2021 = s("ERB Presidency: Region Blekinge", "2021-02")
    presidencies: list[tuple[str, str, list[str], str, str, str]] = [
        (
            BLEKINGE,
            "2007",
            [*blekinge_2007, terms],
            "2007-03-14",
            "2008-03-13",
            "Presidency transferred to Region Blekinge at the Council in Karlskrona on "
            "14 March 2007; Bernt Johnson named ERB President in April 2007. End: one-year "
            "term (inferred).",
        ),
        (
            KGD,
            "2011",
            [new_lead, terms],
            "2011",
            "2012-01",
            "Kaliningrad Region (Alla Ivanova) handed the chairmanship to södra Småland in "
            "February 2012; start year from the annual rotation (inferred).",
        ),
        (
            KRONOBERG,
            "2012",
            [new_lead, terms],
            "2012-02",
            "2013-01",
            "As Regionförbundet södra Småland; President Roland Gustbée from February 2012. "
            "End: one-year term (inferred).",
        ),
        (
            KLAIPEDA_A,
            "2014",
            s("ERB Presidency: Association Klaipėda Region (Vytautas Grubliauskas)"),
            "2014",
            "2014",
            "President Vytautas Grubliauskas.",
        ),
        (
            KALMAR,
            "2018",
            [*s("ERB Presidency: Region Kalmar County"), inferred],
            "2018",
            "2018",
            "Year inferred from the annual rotation.",
        ),
        (
            KLAIPEDA_A,
            "2019",
            [*s("ERB Presidency: Association Klaipėda Region"), inferred, terms],
            "2019",
            "2020-02-11",
            "Handed over in February 2020 (Presidium in Elbląg, 12-13 Feb 2020).",
        ),
        (
            STG,
            "2020",
            [
                *s("ERB Presidency: Stowarzyszenie Gmin RP Euroregion Bałtyk (Witold Wróblewski)"),
                terms,
            ],
            "2020-02-12",
            "2021-02-11",
            "President Witold Wróblewski, Mayor of Elbląg, for one year from the Presidium of "
            "12 Feb 2020.",
        ),
        (
            BLEKINGE,
            "2021",
            [*blekinge_2021, board_2021, terms],
            "2021-02-12",
            "2022-03-09",
            "Elin Petersson (Region Blekinge) appointed ERB President in 2021; passed to "
            "Warmińsko-Mazurskie on 10 March 2022.",
        ),
        (
            WM_ORG,
            "2022",
            [
                *s("ERB Presidency: Warmińsko-Mazurskie (Gustaw Marek Brzezin)"),
                bornholm_2023,
                olsztyn_2022,
                terms,
            ],
            "2022-03-10",
            "2023-03-01",
            "Marshal Gustaw Marek Brzezin; handed over to Bornholm on 2 March 2023.",
        ),
        (
            BORNHOLM,
            "2023",
            [
                *s("ERB Presidency: Bornholms Regionskommune (Mikael Benzon)"),
                bornholm_2023,
                olsztyn_2022,
                terms,
            ],
            "2023-03-02",
            "2023",
            "President Mikael Benzon from the Executive Board in Rønne on 2 March 2023; end of "
            "its year (Kronoberg presided in 2024).",
        ),
        (
            KRONOBERG,
            "2024",
            [kronoberg_2024, olsztyn_2024, terms],
            "2024",
            "2024",
            "President René Jaramillo (Region Kronoberg) during 2024; end of its year "
            "(annual rotation; the 2025 holder was not found).",
        ),
    ]
    for uid, key, srcs, vf, vt, note in presidencies:
        reg.edge(
            RelType.MEMBER_OF,
            uid,
            pres,
            srcs,
            key=key,
            role="presidency",
            status="ended",
            valid_from=vf,
            valid_to=vt,
            note=note,
        )
    # themes of bodies (declared)
    reg.edge(
        RelType.FOCUSES_ON,
        "network:erb-youth-board",
        "priority:erb-strategy-2007-2008:y",
        s("ERB Youth Board"),
        note="The 2007-2008 strategy prioritised a youth structure.",
    )
    reg.edge(
        RelType.FOCUSES_ON,
        "network:erb-youth-board",
        f"{POM_PRIO}:13",
        [*s("ERB Youth Board"), reg.sources["crosswalk-partnergraph-2026"]["id"]],
        note="Youth activity, also internationally (crosswalk).",
    )
    reg.edge(
        RelType.FOCUSES_ON,
        "network:erb-water-core-group",
        "priority:interreg-bsr-2021-2027:2.1",
        [*s("ERB Water Core Group"), "crosswalk-partnergraph-2026"],
        note="Water reuse / WaterMan concept; link to the BSR objective is the crosswalk's.",
    )


def agreements(reg: Registry, research: Path) -> None:
    rows = _unique(_read(research, "pomorskie_partner_regions.csv"), "partner_name")

    def s(prefix: str) -> list[str]:
        r = next(v for k, v in rows.items() if k.startswith(prefix))
        return reg.urls(r["source"].replace("; http", " ; http"))

    u = reg.url
    west = u(
        "https://drg.pomorskie.eu/europa-zachodnia",
        "Województwo Pomorskie: Regiony Europy "
        "Zachodniej (Limousin, Środkowa Frankonia, Mały Trójkąt Weimarski: dates and areas)",
    )
    baltic = u(
        "https://drg.pomorskie.eu/en/obszar-morza-baltyckiego",
        "Województwo Pomorskie: "
        "Obszar Morza Bałtyckiego (Storstrøm, Southwest Finland: dates and areas)",
    )
    mtw = u(
        "https://drg.pomorskie.eu/en/maly-trojkat-weimarski",
        "Województwo Pomorskie: Mały Trójkąt Weimarski (areas of cooperation with dates)",
    )
    mf20 = u(
        "https://pomorskie.eu/jestesmy-razem-juz-20-lat-jubileusz-wspolpracy-wojewodztwa-"
        "pomorskiego-i-regionu-srodkowej-frankonii/",
        "pomorskie.eu: 20 years of cooperation with Middle Franconia (5 Apr 2020)",
    )
    mf_br = u(
        "https://braniewo.com.pl/artykul,delegacja-srodkowej-frankonii-z-wizyta-na-pomorzu,"
        "3310.html",
        "braniewo.com.pl: Middle Franconia delegation visits Pomorskie (main areas of cooperation)",
    )
    mapping = reg.source(
        "inferred-covers-mapping",
        "Mapping of an agreement's listed areas of cooperation to Pomorskie's 2008 priorities",
        document="Each COVERS row's note quotes the area named "
        "by the source; the choice of priority is the data engineer's",
        confidence="inferred",
    )
    sejmik = org(
        reg,
        "org:sejmik-wojewodztwa-pomorskiego",
        "Sejmik Województwa Pomorskiego",
        s("Kaliningrad Oblast Duma") + s("Schleswig"),
        "nuts:PL63",
        name_en="Pomorskie Regional Assembly",
        kind="regional assembly",
        country="PL",
    )
    duma = org(
        reg,
        "org:kaliningradskaya-oblastnaya-duma",
        "Калининградская областная Дума",
        s("Kaliningrad Oblast Duma"),
        KGD,
        name_en="Kaliningrad Oblast Duma",
        kind="regional assembly",
        country="RU",
    )
    landtag = org(
        reg,
        "org:landtag-schleswig-holstein",
        "Schleswig-Holsteinischer Landtag",
        s("Schleswig"),
        "nuts:DEF",
        name_en="Landtag of Schleswig-Holstein",
        kind="regional parliament",
        country="DE",
    )
    storstrom = org(
        reg,
        "org:storstroms-amt",
        "Storstrøms Amt",
        [baltic],
        "country:DK",
        name_en="Storstrøm County",
        kind="county (abolished 2007)",
        country="DK",
        valid_to="2006-12-31",
        aliases=["Storstroms Amtskommune"],
        note="Abolished in the Danish 2007 reform.",
    )
    iso2 = "iso-3166-2"
    reg.node(
        NodeLabel.REGION,
        "iso:CN-SH",
        "上海市",
        [*s("Shanghai"), iso2],
        name_en="Shanghai",
        country="CN",
        iso_code="CN-SH",
        note="Outside NUTS.",
    )
    reg.edge(RelType.PART_OF, "iso:CN-SH", "country:CN", [iso2])
    arp = org(
        reg,
        "org:agencja-rozwoju-pomorza",
        "Agencja Rozwoju Pomorza",
        s("Odessa"),
        "nuts:PL63",
        name_en="Pomeranian Development Agency",
        kind="regional development agency",
        country="PL",
        website="https://www.arp.gda.pl/",
    )
    odesa = org(
        reg,
        "org:agencja-rozwytku-odeskoi-oblasti",
        "Агенція регіонального розвитку Одеської області",
        s("Odessa"),
        "country:UA",
        name_en="Odesa Oblast Regional Development Agency",
        kind="regional development agency",
        country="UA",
    )
    # (uid, name, name_en, kind, signed, status, valid_from, valid_to, parties, sources, note)
    agreements_rows: list[tuple[Any, ...]] = [
        (
            "agreement:pomorskie-schleswig-holstein",
            "Partnerstwo Województwa Pomorskiego i Kraju Związkowego Szlezwik-Holsztyn",
            "Pomorskie – Schleswig-Holstein regional partnership",
            "regional partnership",
            "1992",
            "active",
            "1992",
            None,
            [POM_ORG, "nuts:DEF"],
            s("Schleswig"),
            "Partnership began in 1992 with the Gdańsk region and was continued by "
            "Województwo Pomorskie; the instrument with the post-1999 voivodeship was not seen. "
            "Active: Landtag delegation visit 2019.",
        ),
        (
            "agreement:sejmik-pomorskie-landtag-schleswig-holstein",
            "Partnerstwo parlamentarne "
            "Sejmik Województwa Pomorskiego – Landtag Szlezwika-Holsztynu",
            "Parliamentary partnership Pomorskie Sejmik – Landtag Schleswig-Holstein",
            "parliamentary partnership",
            "2001",
            "active",
            "2001",
            None,
            [sejmik, landtag],
            s("Schleswig"),
            None,
        ),
        (
            "agreement:pomorskie-mecklenburg-vorpommern-2001",
            "Wspólna deklaracja o współpracy "
            "międzyregionalnej Województwo Pomorskie – Meklemburgia-Pomorze Przednie",
            "Joint declaration on interregional cooperation Pomorskie – Mecklenburg-Vorpommern",
            "joint declaration",
            "2001-01",
            "active",
            "2001-01",
            None,
            [POM_ORG, "nuts:DE8"],
            s("Mecklenburg"),
            "Signed in Gdańsk by Minister-President Ringstorff (reported 27 Jan "
            "2001). Active: working meeting in Gdańsk on 2 Feb 2023.",
        ),
        (
            "agreement:pomorskie-kalmar-kronoberg-blekinge",
            "Umowa o współpracy między Województwem "
            "Pomorskim a Województwami Kalmar, Kronoberg oraz Blekinge",
            "Cooperation agreement Pomorskie – Kalmar, Kronoberg and Blekinge counties",
            "cooperation agreement",
            None,
            "unknown",
            None,
            None,
            [POM_ORG, KALMAR, KRONOBERG, BLEKINGE],
            s("Kalmar"),
            "One four-party agreement signed for Pomorskie by Marshal Jan Zarębski; cites a letter "
            "of intent of 9 Apr 1999 and earlier 1992/1997 agreements; signing date not found. "
            "The Swedish parties are shown by today's regional bodies.",
        ),
        (
            "agreement:pomorskie-storstrom-2001",
            "Umowa między Województwem Pomorskim a Storstrøms "
            "Amtskommune o współpracy międzyregionalnej",
            "Agreement on interregional cooperation Pomorskie – Storstrøm County",
            "interregional cooperation agreement",
            "2001-08-20",
            "ended",
            "2001-08-20",
            "2006-12-31",
            [POM_ORG, storstrom],
            [baltic],
            "Continued the Gdańsk voivodeship's cooperation of 1990; died out with the Danish 2007 "
            "reform (county abolished); cooperation continues in BSSSC and Brussels offices.",
        ),
        (
            "agreement:pomorskie-varsinais-suomi",
            "Plany współpracy Województwo Pomorskie – Finlandia Południowo-Zachodnia",
            "Cooperation plans Pomorskie – Southwest Finland",
            "cooperation plans",
            None,
            "unknown",
            None,
            None,
            [POM_ORG, "nuts:FI1C1"],
            [baltic],
            "Several cooperation plans signed over the years; dates not given.",
        ),
        (
            "agreement:pomorskie-kaliningrad-oblast-2002",
            "Umowa o współpracy Województwo Pomorskie – Obwód Kaliningradzki",
            "Cooperation agreement Pomorskie – Kaliningrad Oblast",
            "cooperation agreement",
            "2002",
            "ended",
            "2002",
            "2022-02",
            [POM_ORG, KGD],
            s("Kaliningrad Oblast –"),
            "Terminated by the Sejmik in late Feb 2022 after Russia's "
            "invasion of Ukraine; year 2002 derived from '20 years and 1 day'.",
        ),
        (
            "agreement:sejmik-pomorskie-kaliningrad-duma-2002",
            "Umowa o współpracy Sejmik Województwa Pomorskiego – Obwodowa Duma Kaliningradzka",
            "Cooperation agreement Pomorskie Sejmik – Kaliningrad Oblast Duma",
            "parliamentary cooperation agreement",
            "2002-02-27",
            "ended",
            "2002-02-27",
            "2022-02",
            [sejmik, duma],
            s("Kaliningrad Oblast Duma"),
            "Denounced with immediate effect by the Sejmik in Feb 2022.",
        ),
        (
            "agreement:pomorskie-limousin-2000",
            "Umowa między Województwem Pomorskim a Regionem "
            "Limousin o współpracy międzyregionalnej",
            "Agreement on interregional cooperation Pomorskie – Limousin",
            "interregional cooperation agreement",
            "2000-03-22",
            "unknown",
            "2000-03-22",
            None,
            [POM_ORG, "nuts:FRI2"],
            [west],
            "Continues the cooperation of Limousin with the former Gdańsk voivodeship. Limousin is "
            "part of Nouvelle-Aquitaine (FRI) since 2016; status since then not found.",
        ),
        (
            "agreement:pomorskie-mittelfranken-2000",
            "Wspólne Porozumienie o współpracy "
            "międzyregionalnej i partnerstwie między Województwem Pomorskim a Okręgiem Środkowa "
            "Frankonia",
            "Joint agreement on interregional cooperation and partnership Pomorskie – "
            "Middle Franconia",
            "partnership agreement",
            "2000-04-05",
            "active",
            "2000-04-05",
            None,
            [POM_ORG, "nuts:DE25"],
            [west, mf20, *s("Bezirk")],
            "Signed by Marshal Jan Zarębski and "
            "Bezirkstagspräsident Gerd Lohwasser; details agreed yearly; covers eight areas.",
        ),
        (
            "agreement:maly-trojkat-weimarski-2001",
            "Porozumienie Mały Trójkąt Weimarski (Pomorskie – Środkowa Frankonia – Limousin)",
            "Small Weimar Triangle agreement (Pomorskie – Middle Franconia – Limousin)",
            "trilateral regional agreement",
            "2001-02-08",
            "unknown",
            "2001-02-08",
            None,
            [POM_ORG, "nuts:DE25", "nuts:FRI2"],
            [west, mtw],
            "Described as the first trilateral regional agreement in Europe.",
        ),
        (
            "agreement:pomorskie-shanghai-2005",
            "Umowa o współpracy Województwo Pomorskie – Miasto Szanghaj",
            "Cooperation agreement Pomorskie – Shanghai",
            "cooperation agreement",
            "2005-10-24",
            "unknown",
            "2005-10-24",
            None,
            [POM_ORG, "iso:CN-SH"],
            s("Shanghai"),
            "Pomorskie regional office in Beijing since 2009.",
        ),
        (
            "agreement:arp-odesa-rda-2023",
            "Porozumienie o współpracy gospodarczej Agencja Rozwoju "
            "Pomorza – Agencja Rozwoju Regionalnego Obwodu Odeskiego",
            "Economic cooperation agreement ARP – Odesa Oblast Regional Development Agency",
            "agency cooperation agreement",
            "2023",
            "active",
            "2023",
            None,
            [arp, odesa],
            s("Odessa"),
            "Agency-to-agency (reported 7 Feb 2023); no voivodeship-level agreement with Odesa "
            "Oblast was found.",
        ),
    ]
    for uid, name, name_en, kind, signed, status, vf, vt, parties, srcs, note in agreements_rows:
        reg.node(
            NodeLabel.AGREEMENT,
            uid,
            name,
            srcs,
            name_en=name_en,
            kind=kind,
            signed=signed,
            status=status,
            valid_from=vf,
            valid_to=vt,
            note=note,
        )
        for party in parties:
            reg.edge(RelType.SIGNED_BY, uid, party, srcs)

    # COVERS: (agreement, priority number, area quoted, sources, valid_from, valid_to, key)
    covers = [
        ("pomorskie-limousin-2000", 1, "gospodarka", [west], None, None),
        ("pomorskie-limousin-2000", 13, "wymiana młodzieży", [west], None, None),
        ("pomorskie-limousin-2000", 11, "edukacja i szkolnictwo", [west], None, None),
        (
            "pomorskie-limousin-2000",
            7,
            "współpraca szkół zawodowych (budowlanych i hotelarskich)",
            [west],
            None,
            None,
        ),
        (
            "pomorskie-mittelfranken-2000",
            9,
            "wymiana kulturalna i naukowa; kultura (muzea)",
            [west, mf20, mf_br],
            None,
            None,
        ),
        ("pomorskie-mittelfranken-2000", 13, "wymiany młodzieży", [west], None, None),
        (
            "pomorskie-mittelfranken-2000",
            1,
            "gospodarka – udział w targach, izby gospodarcze",
            [west, mf20, mf_br],
            None,
            None,
        ),
        (
            "pomorskie-mittelfranken-2000",
            4,
            "ochrona środowiska (odnawialne źródła energii)",
            [west, mf_br],
            None,
            None,
        ),
        ("pomorskie-mittelfranken-2000", 10, "turystyka", [west], None, None),
        (
            "pomorskie-mittelfranken-2000",
            12,
            "ochrona zdrowia i pomoc społeczna; opieka nad seniorami",
            [west, mf20, mf_br],
            None,
            None,
        ),
        (
            "pomorskie-mittelfranken-2000",
            5,
            "rolnictwo – współdziałanie lokalnych grup działania; rozwój obszarów wiejskich",
            [west, mf20, mf_br],
            None,
            None,
        ),
        ("pomorskie-mittelfranken-2000", 11, "edukacja", [mf_br], None, None),
        (
            "maly-trojkat-weimarski-2001",
            4,
            "gospodarka wodna, ochrona środowiska",
            [mtw],
            None,
            None,
        ),
        (
            "maly-trojkat-weimarski-2001",
            5,
            "obszary wiejskie – współpraca lokalnych grup działania (2008-2011)",
            [mtw],
            "2008",
            "2011",
        ),
        (
            "maly-trojkat-weimarski-2001",
            13,
            "młodzież – coroczne trójstronne spotkania",
            [mtw],
            "2001-02-08",
            None,
        ),
        (
            "maly-trojkat-weimarski-2001",
            12,
            "psychiatria – współpraca klinik (2001-2006); "
            "polityka społeczna (targi w Norymberdze 2006)",
            [mtw],
            "2001",
            "2006",
        ),
        (
            "maly-trojkat-weimarski-2001",
            9,
            "kultura – wystawy sztuki współczesnej od 2012",
            [mtw],
            "2012",
            None,
        ),
        ("pomorskie-storstrom-2001", 12, "pomoc społeczna", [baltic], None, None),
        ("pomorskie-storstrom-2001", 11, "działalność oświatowa", [baltic], None, None),
        ("pomorskie-storstrom-2001", 13, "wymiana młodzieży", [baltic], None, None),
        ("pomorskie-storstrom-2001", 1, "gospodarka", [baltic], None, None),
        ("pomorskie-storstrom-2001", 10, "turystyka", [baltic], None, None),
        (
            "pomorskie-storstrom-2001",
            4,
            "ochrona środowiska, zrównoważony rozwój regionalny",
            [baltic],
            None,
            None,
        ),
        ("pomorskie-storstrom-2001", 5, "rolnictwo", [baltic], None, None),
        (
            "pomorskie-varsinais-suomi",
            11,
            "wymiana między instytucjami szkolnictwa wyższego",
            [baltic],
            None,
            None,
        ),
        (
            "pomorskie-varsinais-suomi",
            3,
            "biotechnologia, technologie teleinformatyczne",
            [baltic],
            None,
            None,
        ),
        ("pomorskie-varsinais-suomi", 9, "kultura", [baltic], None, None),
        ("pomorskie-varsinais-suomi", 1, "gospodarka", [baltic], None, None),
    ]
    for slug, num, area, srcs, vf, vt in covers:
        reg.edge(
            RelType.COVERS,
            f"agreement:{slug}",
            f"{POM_PRIO}:{num}",
            [*srcs, mapping],
            valid_from=vf,
            valid_to=vt,
            note=f"Area named in the source: {area}.",
        )


PARTNERS: dict[str, tuple[str, ...]] = {
    # research partner name -> (uid, name, name_en, kind, country, located_in) for new orgs,
    # or (uid,) for an existing node / foreign town spec "town:<CC>:<Name>"
    "Regional Municipality of Bornholm": (BORNHOLM,),
    "Klaipėda region (Klaipėda County)": ("nuts:LT023",),
    "Pomorskie Region": (POM_ORG,),
    "Warmińsko-Mazurskie Region": (WM_ORG,),
    "Region Blekinge": (BLEKINGE,),
    "Region Kalmar": (KALMAR,),
    "South Småland": (KRONOBERG,),
    "Kaliningrad Oblast": (KGD,),
    "Regional Council in Kalmar County": (KALMAR,),
    "Region Kalmar County": (KALMAR,),
    "Municipality of Emmaboda": ("town:SE:Emmaboda",),
    "Linnaeus University": (
        "org:linnaeus-university",
        "Linnéuniversitetet",
        "Linnaeus University",
        "university",
        "SE",
        "country:SE",
    ),
    "Stowarzyszenie Gmin RP Euroregion Bałtyk": (STG,),
    "Stowarzyszenie Gmin RP Euroregion Bałtyk (Euroregion Baltic)": (STG,),
    "Klaipėda University": (
        "org:klaipedos-universitetas",
        "Klaipėdos universitetas",
        "Klaipėda University",
        "university",
        "LT",
        "town:LT:Klaipėda",
    ),
    "City of Słupsk": ("teryt:2263011",),
    "Municipality of Bartoszyce": ("teryt:2801011",),
    "Association Klaipėda Region": (KLAIPEDA_A,),
    "Swedish Agency for Youth and Civil Society": (
        "org:myndigheten-for-ungdoms-och-civilsamhallesfragor",
        "Myndigheten för ungdoms- och civilsamhällesfrågor",
        "Swedish Agency for Youth and Civil Society",
        "national agency",
        "SE",
        "country:SE",
    ),
    "Elbląg Europa Association": (
        "org:elblag-europa-association",
        "Elbląg Europa Association",
        "Elbląg Europa Association",
        "association",
        "PL",
        "teryt:2861011",
    ),
    "Union of the Baltic Cities (UBC)": (
        "org:union-of-the-baltic-cities",
        "Union of the Baltic Cities",
        "Union of the Baltic Cities",
        "network of cities",
        "",
        "",
    ),
    "Helsinki-Uusimaa Regional Council": (
        "org:helsinki-uusimaa-regional-council",
        "Uudenmaan liitto",
        "Helsinki-Uusimaa Regional Council",
        "regional council",
        "FI",
        "town:FI:Helsinki",
    ),
    "Secretariat for Youth of the Westpomeranian Region": (
        "org:secretariat-for-youth-of-the-westpomeranian-region",
        "Secretariat for Youth of the Westpomeranian Region",
        "Secretariat for Youth of the Westpomeranian Region",
        "youth body",
        "PL",
        "country:PL",
    ),
    "Kumulus": ("org:kumulus", "Kumulus", "Kumulus", "organisation", "SE", "country:SE"),
    "Baltic Sea States Subregional Cooperation (BSSSC)": (
        "org:bsssc",
        "Baltic Sea States Subregional Cooperation",
        "Baltic Sea States Subregional Cooperation",
        "network of regions",
        "",
        "",
    ),
    "Hässleholm Municipality (EU office Skåne Nordost)": ("town:SE:Hässleholm",),
    "Køge Municipality": ("town:DK:Køge",),
    "Municipality of Køge": ("town:DK:Køge",),
    "Krinova Incubator & Science Park": (
        "org:krinova",
        "Krinova Incubator & Science Park",
        "Krinova Incubator & Science Park",
        "science park",
        "SE",
        "country:SE",
    ),
    "Næstved Municipality (Center for strategy and development)": ("town:DK:Næstved",),
    "Skåne Association of Local Authorities (Skånes Kommuner)": (SKANE_K,),
    "Region Skåne - Culture Skåne": (
        "org:region-skane",
        "Region Skåne",
        "Region Skåne",
        "regional government",
        "SE",
        "nuts:SE224",
    ),
    "InnoBaltica Ltd.": (
        "org:innobaltica",
        "InnoBaltica Sp. z o.o.",
        "InnoBaltica Ltd.",
        "company",
        "PL",
        "teryt:2262011",
    ),
    "Hanseatic Institute for Entrepreneurship and Regional Development (HIE-RO)": (
        "org:hie-ro",
        "Hanseatisches Institut für Unternehmertum und Regionalentwicklung",
        "Hanseatic Institute for Entrepreneurship and Regional Development",
        "institute",
        "DE",
        "town:DE:Rostock",
    ),
    "Hanseatic City of Rostock": ("town:DE:Rostock",),
    "Guldborgsund Municipality": ("town:DK:Guldborgsund",),
    "Klaipėda Public Transport Authority": (
        "org:klaipeda-public-transport-authority",
        "Klaipėda Public Transport Authority",
        "Klaipėda Public Transport Authority",
        "public transport authority",
        "LT",
        "town:LT:Klaipėda",
    ),
    "Blekinge Institute of Technology": (
        "org:blekinge-tekniska-hogskola",
        "Blekinge Tekniska Högskola",
        "Blekinge Institute of Technology",
        "university",
        "SE",
        "nuts:SE221",
    ),
    "Viimsi Municipality": ("town:EE:Viimsi",),
    "Civis Polonus Foundation": (
        "org:fundacja-civis-polonus",
        "Fundacja Civis Polonus",
        "Civis Polonus Foundation",
        "foundation",
        "PL",
        "country:PL",
    ),
    "Public Establishment Samogitia Community Foundation": (
        "org:samogitia-community-foundation",
        "Samogitia Community Foundation",
        "Public Establishment Samogitia Community Foundation",
        "foundation",
        "LT",
        "country:LT",
    ),
    "Telšiai District Municipality Administration": ("town:LT:Telšiai District",),
    "Gdańsk University of Technology, Faculty of Management and Economics": (
        "org:politechnika-gdanska",
    ),
    "Gdańsk University of Technology": (
        "org:politechnika-gdanska",
        "Politechnika Gdańska",
        "Gdańsk University of Technology",
        "university",
        "PL",
        "teryt:2261011",
    ),
    "Vimmerby Municipality - Culture and Leisure department": ("town:SE:Vimmerby",),
    "BISER": ("org:biser", "BISER", "BISER", "institute", "PL", "country:PL"),
    "Kalmar Municipality": ("town:SE:Kalmar",),
    "Kalmar Water": (
        "org:kalmar-vatten",
        "Kalmar Vatten",
        "Kalmar Water",
        "water utility",
        "SE",
        "town:SE:Kalmar",
    ),
    "Västervik Municipality": ("town:SE:Västervik",),
    "Braniewo Municipality": ("teryt:2802011",),
    "Economic Chamber 'Polish Waterworks'": (
        "org:economic-chamber-polish-waterworks",
        "Izba Gospodarcza „Wodociągi Polskie”",
        "Economic Chamber 'Polish Waterworks'",
        "chamber of commerce",
        "PL",
        "country:PL",
    ),
    "Bornholms Water A/S": (
        "org:bornholms-water",
        "Bornholms Water A/S",
        "Bornholms Water A/S",
        "water utility",
        "DK",
        "country:DK",
    ),
    "Bornholms Wastewater A/S": (
        "org:bornholms-wastewater",
        "Bornholms Wastewater A/S",
        "Bornholms Wastewater A/S",
        "wastewater utility",
        "DK",
        "country:DK",
    ),
    "Administration of Klaipėda": ("town:LT:Klaipėda",),
    "Kurzeme Planning Region": ("org:kurzemes-planosanas-regions",),
    "Saldus Municipality": ("town:LV:Saldus",),
    "Estonian Waterworks Association": (
        "org:estonian-waterworks-association",
        "Eesti Vee-ettevõtete Liit",
        "Estonian Waterworks Association",
        "association",
        "EE",
        "country:EE",
    ),
}


def _partner(reg: Registry, name: str, srcs: list[str]) -> str | None:
    spec = PARTNERS.get(name)
    if spec is None:
        return None
    uid = spec[0]
    if uid.startswith("town:"):
        _, cc, town = uid.split(":", 2)
        t = foreign_town(reg, cc, town, srcs)
        reg.edge(RelType.PART_OF, t, f"country:{cc}", srcs)
        return t
    if len(spec) > 1:
        _, oname, en, kind, country, where = spec
        if where.startswith("town:"):
            _, cc, town = where.split(":", 2)
            where = foreign_town(reg, cc, town, srcs)
            reg.edge(RelType.PART_OF, where, f"country:{cc}", srcs)
        reg.node(
            NodeLabel.ORGANISATION,
            uid,
            oname,
            srcs,
            name_en=en,
            kind=kind,
            country=country or None,
            aliases=[name] if name not in (oname, en) else None,
        )
        if where:
            reg.edge(RelType.LOCATED_IN, uid, where, srcs)
    return uid


def projects(reg: Registry, research: Path) -> None:
    programmes = {
        "INTERREG IIIB Baltic Sea Region 2000-2006": BSR0006,
        "INTERREG IIIB Baltic Sea Region Neighbourhood Programme 2000-2006 (ERDF + Tacis)": BSR0006,
        "South Baltic Cross-border Co-operation Programme 2007-2013": SB07,
        "Interreg South Baltic 2014-2020": SB14,
        "Interreg Baltic Sea Region 2014-2020 Seed Money Facility": BSR14,
        "Interreg Baltic Sea Region 2021-2027": BSR21,
        "Swedish Institute funding": "programme:swedish-institute",
    }
    umb_inf = reg.source(
        "inferred-umbrella-2",
        "UMBRELLA 2.0 as an ERB project led via the Polish association (research notes' inference)",
        document="shared/research/data/projects.csv row 'UMBRELLA 2.0' and README-organisations.md",
        confidence="inferred",
    )
    reg.node(
        NodeLabel.PROGRAMME,
        "programme:swedish-institute",
        "Svenska institutet – Baltic Sea cooperation funding",
        [
            *reg.urls("http://www.eurobalt.org/news/ ; http://umbrellaproject.eu/category/news"),
            umb_inf,
        ],
        name_en="Swedish Institute funding",
        kind="national funding",
    )
    phare = reg.url("https://www.eurobalt.org/projects/", "Euroregion Baltic: Projects")
    reg.node(
        NodeLabel.PROGRAMME,
        "programme:phare-small-project-fund-erb",
        "Phare Small Project Fund (ERB-managed strands)",
        [phare],
        name_en="Phare Small Project Fund (ERB-managed strands)",
        period="1999-2006",
        kind="EU pre-accession small project fund",
        note="ERB managed two strands (Baltic Sea Region cooperation; cooperation with "
        "Kaliningrad): 236 projects, over EUR 6 million granted.",
    )
    seagull_pl = reg.url(
        "http://eurobalt.org.pl/aktualnosci/lista/108",
        "eurobalt.org.pl: Seagull and Seagull II project outline (priority, "
        "dates, active partners)",
    )
    bsr_p3 = "priority:interreg-iiib-bsr-2000-2006:3"
    reg.node(
        NodeLabel.PRIORITY,
        bsr_p3,
        "Transnarodowa promocja budowy instytucji, wzmocnienie "
        "zdolności działań związanych z planowaniem przestrzennym",
        [seagull_pl, "translation-partnergraph"],
        code="3",
        name_en="Transnational promotion of "
        "institution building; strengthening spatial planning capacities",
        note="Priority 3 as named (in Polish) in the Seagull II outline.",
    )
    reg.edge(RelType.DEFINES, BSR0006, bsr_p3, [seagull_pl])
    pomerania_sb = reg.url(
        "https://doczz.pl/doc/5198164/cooperation-programmes-under-the-european",
        "South Baltic 2014-2020 cooperation programme (NUTS regions covered)",
    )
    for code in ("PL621", "PL633", "PL634", "DK014", "DK022", "SE212", "SE213", "SE221", "SE224"):
        reg.edge(RelType.ELIGIBLE_AREA, SB14, f"nuts:{code}", [pomerania_sb])

    acr_slug = {"WaterMan (seed money)": "waterman-seed-money"}
    uids: dict[str, str] = {}
    for r in _read(research, "projects.csv"):
        acr = r["project_acronym"]
        prog = programmes[r["programme"]]
        slug = acr_slug.get(acr) or acr.lower().replace(" ", "-").replace(".", "-")
        uid = f"project:{prog.split(':', 1)[1]}:{slug}"
        uids[acr] = uid
        srcs = reg.urls(r["source"])
        if acr == "UMBRELLA 2.0":
            srcs.append(umb_inf)
        if acr == "Seagull II":
            srcs.append(seagull_pl)
        start, _, end = r["period"].partition("/")
        title = r["title"] if not r["title"].startswith("(") else acr
        reg.node(
            NodeLabel.PROJECT,
            uid,
            title,
            srcs,
            name_en=title,
            acronym=acr,
            budget_eur=float(r["total_budget_eur"]) if r["total_budget_eur"] else None,
            valid_from=start or None,
            valid_to=end or None,
            note="Title not confirmed." if r["title"].startswith("(") else None,
        )
        reg.edge(RelType.FUNDED_BY, uid, prog, srcs)
        if r["priority"]:
            owner = prog.split(":", 1)[1]
            reg.edge(RelType.ADDRESSES, uid, f"priority:{owner}:{r['priority'].lower()}", srcs)
    reg.edge(RelType.ADDRESSES, uids["Seagull II"], bsr_p3, [seagull_pl])
    for r in _read(research, "project_partners.csv"):
        srcs = reg.urls(r["source"])
        if r["confidence"] == "inferred" and r["project_acronym"] == "UMBRELLA 2.0":
            srcs.append(umb_inf)
        if r["partner_name"] == "Municipality of Bartoszyce":
            srcs.append(
                reg.url(
                    "http://bartoszyce.pl/23794/wizyta-miedzynarodowej-delegacji-w-"
                    "ramach-projektu-casypot/",
                    "bartoszyce.pl: CaSYPoT visit (Miasto Bartoszyce is a project partner)",
                )
            )
        if r["partner_name"] == "Braniewo Municipality":
            srcs.append(
                reg.url(
                    "http://www.braniewo.pl/dla-mieszkancow/159-projekt-waterman/"
                    "2487-spotkanie-21-stycznia-2023-r-w-braniewie",
                    "braniewo.pl: WaterMan, realised by Miasto Braniewo",
                )
            )
        uid = _partner(reg, r["partner_name"], srcs)
        if uid is None:
            continue  # listed in docs/data-coverage.md
        reg.edge(RelType.PARTICIPATES_IN, uid, uids[r["project_acronym"]], srcs, role=r["role"])
    # Seagull II partners named only in the Polish outline
    reg.edge(RelType.PARTICIPATES_IN, STG, uids["Seagull II"], [seagull_pl], role="partner")
    baltiysk = foreign_town(reg, "RU", "Baltiysk", [seagull_pl])
    reg.edge(RelType.PART_OF, baltiysk, "country:RU", [seagull_pl])
    reg.edge(
        RelType.PARTICIPATES_IN,
        baltiysk,
        uids["Seagull II"],
        [seagull_pl],
        role="partner",
        note="Administracja Okręgu Miejskiego Bałtijsk (Baltiysk urban district).",
    )
    # the ERB Water Core Group prepared WaterMan
    reg.edge(
        RelType.PARTICIPATES_IN,
        "network:erb-water-core-group",
        uids["WaterMan (seed money)"],
        reg.urls("http://www.eurobalt.org/tag/seed-funding/"),
        note="The Water Core Group developed the WaterMan concept and submitted the seed "
        "money application (23 March 2020).",
    )
