"""Hand-curated coverage notes written to data/coverage.csv (read by partnergraph.ingest).

Completeness is a judgement about sources, so it is stated here beside the build, not derived.
"""

from __future__ import annotations

import csv
from pathlib import Path

__all__ = ["NOTES", "write_coverage"]

#: (area, scope, status, note, sources)
NOTES: list[tuple[str, str, str, str, str]] = [
    ("territory", "gminy and powiaty of pomorskie and warmińsko-mazurskie", "complete",
     "TERC register 2020-01-01 (123 + 116 gminy, 20 + 21 powiaty); later changes applied with "
     "dates: Kobylnica 2212062 (wiejska) until 2024-12-31, 2212063 (miejsko-wiejska, code "
     "inferred) from 2025-01-01; 2812052 named Bratian from 2026-01-01 (Nowe Miasto Lubawskie "
     "until 2025-12-31); 2212082 Redzikowo (Słupsk in 2020); no TERC file after 2024 read",
     "terc-2020-01-01|inferred-terc-later-changes"),
    ("territory", "NUTS 2021 regions for PL62, PL63 and ERB regions in DK, SE, LT", "complete",
     "NUTS 2024 changes not verified", "nuts2021-hilma-api"),
    ("erb", "members over time", "partial",
     "Kalmar accession year and Latvia's departure date unknown", ""),
    ("erb", "bodies and presidencies", "partial",
     "presidencies known for 2007, 2011-2012, 2014, 2018-2024 (ends partly inferred); "
     "2008-2010, 2013, 2015-2017 and from 2025 missing; founding dates of Executive Board "
     "and Presidium unknown", "inferred-erb-presidency-terms"),
    ("association", "member gminy", "partial",
     "11 of 41 member gminy confirmed by name as of 2024 (the association's count of 41: "
     "Dziennik Elbląski 5 Apr 2024, Portel.pl Apr 2024, elblag.net 24 May 2024, its undated "
     "about pages): Elbląg, Gdynia, Gdańsk, Olsztyn, Braniewo (miasto), Puck (miasto), Malbork "
     "(miasto), Nidzica, Stawiguda (board 23 May 2024), Górowo Iławeckie (gmina wiejska, board "
     "24 Mar 2023), Gronowo Elbląskie (admitted 2024); unconfirmed: the other 30 of 41 are not "
     "named by any source found; 17 more gminy are known only from 1997-2015 (founders 1997, "
     "boards 1998 and 2015; current membership not confirmed) and gmina Ostróda left (2013); "
     "founders Słupsk (town or rural gmina not stated) and Postomino (zachodniopomorskie) not "
     "recorded; target of at least 30 of 41 not met",
     "web-eurobalt-org-en-50th-general-meeting-and-meeting-of-t|"
     "web-dziennikelblaski-1037034-miliony-na-nadbaltyckie-projekty|"
     "web-eurobalt-org-5-strona-historia-stg-html"),
    ("agreements", "Pomorskie agreements", "partial",
     "scope (COVERS) known only for Limousin, Middle Franconia, Small Weimar Triangle, "
     "Storstrøm and Southwest Finland; Warmińsko-Mazurskie agreements not collected", ""),
    ("projects", "Interreg South Baltic 2007-2013", "partial", "3 projects, partners not listed",
     ""),
    ("projects", "Interreg South Baltic 2014-2020", "partial",
     "the 42 projects closed by November 2019 with all their partners (keep.eu layer); "
     "projects still open then only where curated (6 with ERB actors, e.g. INTERCONNECT, "
     "SB-YCGN, UMBRELLA)", ""),
    ("projects", "other Interreg 2014-2020 programmes", "partial",
     "projects closed by November 2019 with a partner in the ERB area (keep.eu layer: "
     "Lithuania-Poland, Latvia-Lithuania, Baltic Sea Region, URBACT III and others); projects "
     "open then are missing, and keep.eu's Baltic Sea Region partner rows are incomplete", ""),
    ("projects", "Interreg South Baltic 2021-2027", "missing", "no project collected yet", ""),
    ("projects", "Interreg Baltic Sea Region", "partial",
     "Seagull devERB, Seagull II, WaterMan (seed money and 2021-2027)", ""),
    ("twinning", "town twinning of gminy in woj. 22 and 28", "partial",
     "2017 Wikidata extract, no start dates; links with Russian/Belarusian towns: 9 ended in "
     "2022 (council resolutions, dated) and 16 'status unverified since 2022'; domestic links "
     "outside the two voivodeships left out",
     "wikidata-sistercities-poland-2017|inferred-twinning-end-2022"),
]  # fmt: skip


#: What each note concerns, by scope or else by area: uids, uid prefixes ending in ``*``,
#: relationship types.
#: An answer carries a note only when it touched one of them (partnergraph.ingest.coverage).
CONCERNS: dict[str, str] = {
    "territory": "teryt:*|nuts:*|PART_OF",
    "members over time": "network:euroregion-baltic",
    "bodies and presidencies": "network:erb-*",
    "association": "org:stowarzyszenie-gmin-rp-euroregion-baltyk|network:stg-erb-*",
    "agreements": "agreement:*|SIGNED_BY|COVERS|priority:pomorskie-priorytety-2008:*",
    "twinning": "TWINNED_WITH",
}
#: Project notes concern their programme, its projects and its priorities (uid prefixes).
PROGRAMMES: dict[str, tuple[str, ...]] = {
    "Interreg South Baltic 2007-2013": ("south-baltic-2007-2013",),
    "Interreg South Baltic 2014-2020": ("interreg-south-baltic-2014-2020",),
    "Interreg South Baltic 2021-2027": ("interreg-south-baltic-2021-2027",),
    "Interreg Baltic Sea Region": ("interreg-bsr-", "interreg-iiib-bsr-2000-2006"),
    "other Interreg 2014-2020 programmes": ("2014-2020-",),
}


def concerns(area: str, scope: str) -> str:
    """The ``concerns`` cell of a note; a project note names its programme's uids."""
    if area != "projects":
        return CONCERNS.get(scope) or CONCERNS[area]
    return "|".join(
        f"{label}:{slug}*"
        for slug in PROGRAMMES[scope]
        for label in ("programme", "project", "priority")
    )


def write_coverage(path: Path, known_sources: set[str]) -> int:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["area", "scope", "status", "note", "sources", "concerns"])
        for area, scope, status, note, sources in NOTES:
            missing = [s for s in sources.split("|") if s and s not in known_sources]
            if missing:
                raise ValueError(f"coverage note cites unknown sources {missing}")
            writer.writerow([area, scope, status, note, sources, concerns(area, scope)])
    return len(NOTES)
