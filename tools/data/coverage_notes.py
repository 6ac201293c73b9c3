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
     "TERC register 2020-01-01 (123 + 116 gminy, 20 + 21 powiaty), same codes 2024-01-01; "
     "later changes (Kobylnica 2025, Bratian 2026) noted, not recoded",
     "terc-2020-01-01|terc-2024-01-01"),
    ("territory", "NUTS 2021 regions for PL62, PL63 and ERB regions in DK, SE, LT", "complete",
     "NUTS 2024 changes not verified", "nuts2021-hilma-api"),
    ("erb", "members over time", "partial",
     "Kalmar accession year and Latvia's departure date unknown", ""),
    ("erb", "bodies and presidencies", "partial",
     "presidencies 2008-2013, 2015-2017 and since 2024 missing; founding dates of Executive "
     "Board and Presidium unknown", ""),
    ("association", "member gminy", "partial",
     "3 of 41 member gminy confirmed by name (Elbląg, Gronowo Elbląskie, former: gmina Ostróda)",
     ""),
    ("agreements", "Pomorskie agreements", "partial",
     "scope (COVERS) known only for Limousin, Middle Franconia, Small Weimar Triangle, "
     "Storstrøm and Southwest Finland; Warmińsko-Mazurskie agreements not collected", ""),
    ("projects", "Interreg South Baltic 2007-2013", "partial", "3 projects, partners not listed",
     ""),
    ("projects", "Interreg South Baltic 2014-2020", "partial",
     "6 projects with ERB actors; keep.eu export not used", ""),
    ("projects", "Interreg South Baltic 2021-2027", "missing", "no project collected yet", ""),
    ("projects", "Interreg Baltic Sea Region", "partial",
     "Seagull devERB, Seagull II, WaterMan (seed money and 2021-2027)", ""),
    ("twinning", "town twinning of gminy in woj. 22 and 28", "partial",
     "2017 Wikidata extract only, no dates; domestic links outside the two voivodeships left out",
     "wikidata-sistercities-poland-2017"),
]  # fmt: skip


def write_coverage(path: Path, known_sources: set[str]) -> int:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["area", "scope", "status", "note", "sources"])
        for area, scope, status, note, sources in NOTES:
            missing = [s for s in sources.split("|") if s and s not in known_sources]
            if missing:
                raise ValueError(f"coverage note cites unknown sources {missing}")
            writer.writerow([area, scope, status, note, sources])
    return len(NOTES)
