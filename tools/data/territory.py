"""Territorial backbone: countries, NUTS regions, powiaty and gminy of woj. 22 and 28.

Reads the official TERC register export (state 2020-01-01) and the research notes' NUTS and
powiat tables; copies codes and names only, each row citing its sources.
"""

from __future__ import annotations

import csv
from pathlib import Path

from registry import Registry

from partnergraph.model import NodeLabel, RelType

__all__ = ["COUNTRIES", "build_territory", "gmina_index"]

VOIVODESHIPS = {"22": "nuts:PL63", "28": "nuts:PL62"}
TYPES = {"1": "miejska", "2": "wiejska", "3": "miejsko-wiejska"}

#: ISO 3166-1 alpha-2 codes with English and native names, for every country the dataset uses.
COUNTRIES: dict[str, tuple[str, str]] = {
    "AT": ("Austria", "Österreich"),
    "BE": ("Belgium", "België / Belgique"),
    "BG": ("Bulgaria", "България"),
    "BR": ("Brazil", "Brasil"),
    "BY": ("Belarus", "Беларусь"),
    "CA": ("Canada", "Canada"),
    "CH": ("Switzerland", "Schweiz / Suisse / Svizzera"),
    "CL": ("Chile", "Chile"),
    "CN": ("China", "中国"),
    "CZ": ("Czechia", "Česko"),
    "DE": ("Germany", "Deutschland"),
    "DK": ("Denmark", "Danmark"),
    "EE": ("Estonia", "Eesti"),
    "ES": ("Spain", "España"),
    "FI": ("Finland", "Suomi / Finland"),
    "FR": ("France", "France"),
    "GB": ("United Kingdom", "United Kingdom"),
    "GE": ("Georgia", "საქართველო"),
    "GR": ("Greece", "Ελλάδα"),
    "HR": ("Croatia", "Hrvatska"),
    "HU": ("Hungary", "Magyarország"),
    "IE": ("Ireland", "Éire / Ireland"),
    "IL": ("Israel", "ישראל"),
    "IT": ("Italy", "Italia"),
    "KZ": ("Kazakhstan", "Қазақстан"),
    "LT": ("Lithuania", "Lietuva"),
    "LU": ("Luxembourg", "Luxembourg"),
    "LV": ("Latvia", "Latvija"),
    "MA": ("Morocco", "المغرب"),
    "MD": ("Moldova", "Moldova"),
    "MK": ("North Macedonia", "Северна Македонија"),
    "MT": ("Malta", "Malta"),
    "MX": ("Mexico", "México"),
    "NL": ("Netherlands", "Nederland"),
    "NO": ("Norway", "Norge"),
    "PL": ("Poland", "Polska"),
    "PS": ("Palestine", "فلسطين"),
    "PT": ("Portugal", "Portugal"),
    "RO": ("Romania", "România"),
    "RS": ("Serbia", "Србија"),
    "RU": ("Russia", "Россия"),
    "SE": ("Sweden", "Sverige"),
    "SI": ("Slovenia", "Slovenija"),
    "SK": ("Slovakia", "Slovensko"),
    "TR": ("Türkiye", "Türkiye"),
    "TW": ("Taiwan", "臺灣"),
    "UA": ("Ukraine", "Україна"),
    "US": ("United States", "United States"),
    "ZM": ("Zambia", "Zambia"),
}


def read_terc(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=";"))


def gmina_index(terc: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    """TERC gmina rows (R = 1/2/3) of the whole country, keyed by the 7-digit code."""
    return {
        r["WOJ"] + r["POW"] + r["GMI"] + r["RODZ"]: r
        for r in terc
        if r["GMI"] and r["RODZ"] in TYPES
    }


def build_territory(reg: Registry, research: Path, terc_path: Path) -> dict[str, int]:
    """Add countries, NUTS regions, Kaliningrad, powiaty and gminy; return counts per woj."""
    iso = reg.source(
        "iso-3166-1",
        "ISO 3166-1 alpha-2 country codes (assigned from the standard by the data engineer)",
        url="https://www.iso.org/iso-3166-country-codes.html",
        confidence="inferred",
        note="Codes and names written from the standard's published list, not re-read in this "
        "session; native names are the common short forms.",
    )
    for code, (en, native) in COUNTRIES.items():
        reg.node(NodeLabel.COUNTRY, f"country:{code}", native, [iso], name_en=en, iso_code=code)

    # --- NUTS 2021 --------------------------------------------------------------------
    hilma = reg.source(
        "nuts2021-hilma-api",
        "NUTS 2021 code list (NUTS_ID;NAME_LATN), Hankintailmoitukset/hilma-api NUTS2021.csv",
        url="https://github.com/Hankintailmoitukset/hilma-api/blob/"
        "7394c3271769dcc011c94e8185cf09cbc618919c/NUTS2021.csv",
        note="Eurostat NUTS 2021 codes and Latin-script names; levels/parents follow the code "
        "length (NUTS rule).",
    )
    boite = reg.source(
        "nuts2021-boite-a-data",
        "NUTS 2021 list with levels, martiblc/Boite-a-data NUTS2021.csv (cross-check DK/DE)",
        url="https://github.com/martiblc/Boite-a-data/blob/"
        "1911c2ae0808b1303aeae5737fa6b102b6a7afd2/NUTS2021.csv",
    )
    gus_nuts = reg.url(
        "https://stat.gov.pl/statystyka-regionalna/jednostki-terytorialne/klasyfikacja-nuts/"
        "klasyfikacja-nuts-w-polsce",
        "GUS: Klasyfikacja NUTS w Polsce (no change to Polish units in NUTS 2021)",
    )
    nuts_inferred = reg.source(
        "inferred-nuts-mapping",
        "Mapping of a partner/former region to a NUTS 2021 unit by the research compiler",
        document="shared/research/data/README-territorial.md, section 3 and row notes of "
        "nuts_regions.csv / pomorskie_partner_regions.csv",
        confidence="inferred",
    )
    with (research / "nuts_regions.csv").open(encoding="utf-8") as fh:
        nuts_rows = list(csv.DictReader(fh))
    for r in nuts_rows:
        code = r["nuts_code"]
        if not code:
            continue  # Kaliningrad: added below as iso:RU-KGD
        srcs = [hilma]
        if "Boite" in r["source"]:
            srcs.append(boite)
        if r["country_code"] == "PL":
            srcs.append(gus_nuts)
        note = "" if r["notes"].startswith("name_en is the plain") else r["notes"]
        if "compiler" in note or "reportedly" in note:
            srcs.append(nuts_inferred)
        level = int(r["level"])
        reg.node(
            NodeLabel.REGION,
            f"nuts:{code}",
            r["name_native"],
            srcs,
            name_en=r["name_en"] if level == 0 else None,
            country=r["country_code"],
            nuts_code=code,
            nuts_level=level,
            nuts_edition=r["nuts_edition"],
            note=note or None,
        )
        parent = f"nuts:{r['parent_code']}" if r["parent_code"] else f"country:{code}"
        reg.edge(RelType.PART_OF, f"nuts:{code}", parent, srcs)
    reg.node(NodeLabel.REGION, "nuts:PL63", "Pomorskie", [hilma], name_en="Pomorskie Voivodeship")
    reg.node(
        NodeLabel.REGION,
        "nuts:PL62",
        "Warmińsko-mazurskie",
        [hilma],
        name_en="Warmińsko-Mazurskie Voivodeship",
    )

    rmf_kgd = reg.url(
        "https://www.rmf24.pl/regiony/trojmiasto/news-wojewodztwo-pomorskie-zerwalo-wspolprace-z-"
        "obwodem-kaliningr,nId,5860670",
        "RMF24: Województwo pomorskie zerwało współpracę z obwodem kaliningradzkim (Feb 2022)",
    )
    iso2 = reg.source(
        "iso-3166-2",
        "ISO 3166-2 subdivision codes (RU-KGD Kaliningrad Oblast, CN-SH Shanghai)",
        url="https://www.iso.org/obp/ui/#search",
        confidence="inferred",
        note="Codes written from the standard by the data engineer, not re-read in this session.",
    )
    reg.node(
        NodeLabel.REGION,
        "iso:RU-KGD",
        "Калининградская область",
        [rmf_kgd, iso2],
        name_en="Kaliningrad Oblast",
        country="RU",
        iso_code="RU-KGD",
        note="Outside the NUTS classification (Russia); ERB member region, suspended 2022-03-02.",
    )
    reg.edge(RelType.PART_OF, "iso:RU-KGD", "country:RU", [iso2])

    # --- TERC: powiaty and gminy --------------------------------------------------------
    terc_src = reg.source(
        "terc-2020-01-01",
        "TERYT TERC register export, state 2020-01-01 (GUS)",
        document="GUS TERYT TERC export TERC_2020-01-01.csv (urzędowy; columns WOJ;POW;GMI;RODZ;"
        "NAZWA;NAZWA_DOD;STAN_NA), held in shared/research/real-files; "
        "https://eteryt.stat.gov.pl/",
        kind="official",
        licence="official register data (public information)",
        note="GUS, TERYT register (TERC), state 2020-01-01; the file is a byte-for-byte copy of "
        "pszemek90/polishPlacesSearchEngine TERC.csv (see real-files/README.md). Register date "
        "recorded for the gmina/powiat counts: 2020-01-01 (pomorskie 123 gminy / 20 powiaty, "
        "warmińsko-mazurskie 116 / 21).",
    )
    terc24 = reg.source(
        "terc-2024-01-01",
        "TERYT TERC dump, state 2024-01-01 (JSON copy in star-in-the-jar/hackyeah-fintax-taxuam)",
        url="https://github.com/star-in-the-jar/hackyeah-fintax-taxuam/blob/"
        "b0b5af25d43abe2e5f0712be21eeea3c24283f6f/frontend/src/mocks/lokacje.json",
        kind="mirror",
        confidence="unverified",
        note="A hackathon repository's mock file holding a TERC dump (not the register itself); "
        "read by the research notes, which found the same code set for woj. 22 and 28 as the "
        "2020 register and one name change: 2212082 Słupsk (gmina wiejska) -> Redzikowo. "
        "Cited only for that name; codes cite terc-2020-01-01.",
    )
    later = reg.source(
        "inferred-terc-later-changes",
        "Register changes after 2020-01-01 applied by the data engineer (codes and validity dates)",
        document="shared/research/data/gminy_pomorskie_warminsko_mazurskie.csv column "
        "later_changes and README-territorial.md section 1: Kobylnica (2212062) a town from "
        "2025-01-01, so miejsko-wiejska with code 2212063 by the TERC R-digit rule (all 69 "
        "gminy that became urban-rural between the 2020 and 2024 dumps kept WWPPGG and changed "
        "R 2->3); gmina Nowe Miasto Lubawskie (2812052) renamed Bratian from 2026-01-01, code "
        "unchanged; neither read in a post-2025 TERC file",
        confidence="inferred",
    )
    rdigit = reg.url(
        "https://eteryt.stat.gov.pl/eTeryt/rejestr_teryt/ogolna_charakterystyka_systemow_rejestru/"
        "ogolna_charakterystyka_systemow_rejestru.aspx",
        "eTERYT: general description of the TERYT registers (meaning of the R digit)",
    )
    kob_src = reg.url(
        "https://www.wprost.pl/kraj/11900294/nowe-miasta-w-polsce-2025-pelna-lista-i-"
        "najwazniejsze-zmiany.html",
        "Wprost: Nowe miasta w Polsce 2025 (Kobylnica a town from 2025-01-01)",
    )
    kob_src2 = reg.url(
        "https://forumrozwojulokalnego.pl/aktualnosci/7-nowych-miast-na-mapie-polski",
        "Forum Rozwoju Lokalnego: 7 nowych miast na mapie Polski (from 2025-01-01)",
    )
    bratian = reg.url(
        "https://www.rmf24.pl/fakty/polska/news-szesc-nowych-miast-w-polsce-prawa-miejskie-"
        "zyskaja-1-styczni,nId,8054639",
        "RMF24: Sześć nowych miast w Polsce od 1 stycznia 2026 (gmina Nowe Miasto Lubawskie "
        "renamed Bratian; 416.05 ha of Bolesławice added to Słupsk)",
    )
    powiat_nuts = reg.source(
        "inferred-powiat-nuts3",
        "Powiat to NUTS 3 (2021) assignment, research notes powiaty.csv",
        document="Powiat-to-subregion table in a public GitHub Python file (search-index file id "
        "71125158212) stating derivation from Eurostat EU-27-LAU-2022-NUTS-2021.xlsx; "
        "agrees with the NUTS 2021 code list",
        confidence="inferred",
    )
    terc = read_terc(terc_path)
    states = {r["STAN_NA"] for r in terc}
    if states != {"2020-01-01"}:
        raise ValueError(f"unexpected TERC state {states}")
    with (research / "powiaty.csv").open(encoding="utf-8") as fh:
        powiat_nuts3 = {r["powiat_code"]: r["nuts3_code"] for r in csv.DictReader(fh)}
    counts: dict[str, int] = {}
    for r in terc:
        woj = r["WOJ"]
        if woj not in VOIVODESHIPS or not r["POW"] or r["GMI"]:
            continue
        code = woj + r["POW"]
        city = r["NAZWA_DOD"] == "miasto na prawach powiatu"
        name = f"miasto na prawach powiatu {r['NAZWA']}" if city else f"powiat {r['NAZWA']}"
        nuts3 = powiat_nuts3[code]
        reg.node(
            NodeLabel.COUNTY,
            f"teryt:{code}",
            name,
            [terc_src],
            teryt=code,
            city_with_county_rights=city,
            nuts3=nuts3,
        )
        reg.edge(RelType.PART_OF, f"teryt:{code}", VOIVODESHIPS[woj], [terc_src])
        reg.edge(RelType.PART_OF, f"teryt:{code}", f"nuts:{nuts3}", [powiat_nuts])
    for code, r in sorted(gmina_index(terc).items()):
        woj = code[:2]
        if woj not in VOIVODESHIPS:
            continue
        srcs = [terc_src, rdigit]
        notes, aliases = [], []
        valid_to = None
        if code == "2212082":
            srcs.append(terc24)
            notes.append(
                "Named 'Słupsk' (gmina wiejska) in the 2020-01-01 register; renamed Redzikowo "
                "by 2024-01-01 (TERC 2024 dump, a mirror copy): name Redzikowo valid at least "
                "from 2024-01-01, Słupsk before (exact date not in the sources)."
            )
            aliases.append("gmina Słupsk")
            name = "Redzikowo"
        else:
            name = r["NAZWA"]
        if code == "2212062":
            srcs += [kob_src, kob_src2, later]
            valid_to = "2024-12-31"
            notes.append(
                "Gmina wiejska Kobylnica under this code until 2024-12-31 (TERC 2020-01-01). "
                "Kobylnica received town status on 2025-01-01; from then the gmina is "
                "miejsko-wiejska under the new uid teryt:2212063 (same gmina, type changed)."
            )
            reg.node(
                NodeLabel.MUNICIPALITY,
                "teryt:2212063",
                "Kobylnica",
                [kob_src, kob_src2, later, rdigit],
                country="PL",
                teryt="2212063",
                gmina_type="miejsko-wiejska",
                valid_from="2025-01-01",
                note="Gmina miejsko-wiejska Kobylnica from 2025-01-01 (town status granted "
                "2025-01-01); until 2024-12-31 gmina wiejska teryt:2212062 (same gmina, type "
                "changed). Code 2212063 inferred from the TERC R-digit rule, not read in a "
                "post-2025 register file.",
            )
            reg.edge(
                RelType.PART_OF,
                "teryt:2212063",
                "teryt:2212",
                [terc_src, later],
                valid_from="2025-01-01",
            )
        if code == "2812052":
            srcs += [bratian, later]
            notes.append(
                "Name valid from 2026-01-01: Bratian (Council of Ministers regulation of 31 July "
                "2025). Until 2025-12-31 (and in the TERC register of 2020-01-01): gmina "
                "wiejska Nowe Miasto Lubawskie. Same TERC code (renamed, not a new gmina; code "
                "unchanged per the research notes, inferred)."
            )
            aliases.append("Nowe Miasto Lubawskie")
            name = "Bratian"
        if code == "2263011":
            srcs.append(bratian)
            notes.append("Boundary extended on 2026-01-01 by 416.05 ha of obręb Bolesławice.")
        reg.node(
            NodeLabel.MUNICIPALITY,
            f"teryt:{code}",
            name,
            srcs,
            country="PL",
            teryt=code,
            gmina_type=TYPES[code[-1]],
            aliases=aliases or None,
            valid_to=valid_to,
            note=" ".join(notes) or None,
        )
        reg.edge(
            RelType.PART_OF,
            f"teryt:{code}",
            f"teryt:{code[:4]}",
            [terc_src, later] if valid_to else [terc_src],
            valid_to=valid_to,
        )
        counts[woj] = counts.get(woj, 0) + 1
    return counts
