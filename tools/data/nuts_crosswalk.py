"""data/nuts_crosswalk.csv: old NUTS codes (editions 2013, 2016) and their NUTS 2021 successor.

Rows are derived from Eurostat's correspondence tables "NUTS2013-NUTS2016.xlsx" (sheet
``NUTS2013-NUTS2016``) and "NUTS2016-NUTS2021.xlsx" (sheet ``Changes detailed NUTS 2016-2021``),
read from ``--nuts-tables`` (the files are not kept in the project: their size and licence
are Eurostat's). Without that folder the committed crosswalk is checked and kept as it is, so
the build still runs on a machine that lacks the tables.

Only countries that matter for the Euroregion Baltic exports are covered (:data:`COUNTRIES`).
A 2013 code is chained through 2016 to 2021; a change that is not a plain recoding (boundary
shift, split, merge, discontinued) keeps Eurostat's successor code, if any, for information only:
the importer maps ``recoded`` rows alone, so a changed territory is never merged silently.
"""

from __future__ import annotations

import csv
from pathlib import Path

from registry import Registry

COUNTRIES = ("DE", "DK", "EE", "FI", "LT", "LV", "PL", "SE")
COLUMNS = ["old_code", "edition", "new_code", "change", "eurostat_change", "source"]
FILE = "nuts_crosswalk.csv"
T1316 = "NUTS2013-NUTS2016.xlsx"
T1621 = "NUTS2016-NUTS2021.xlsx"
SRC_1316 = "eurostat-nuts-2013-2016"
SRC_1621 = "eurostat-nuts-2016-2021"


def _kind(text: str) -> str:
    """Eurostat's free-text change → one of the crosswalk's change kinds."""
    low = text.lower()
    if "split" in low:
        return "split"
    if "merge" in low:
        return "merged"
    if "boundary" in low:
        return "boundary changed"
    if "discontinued" in low:
        return "discontinued"
    if "recoded" in low or "code change" in low:
        return "recoded"
    return ""


def _changes_1316(path: Path) -> dict[str, tuple[str, str]]:
    import openpyxl

    sheet = openpyxl.load_workbook(path, read_only=True)["NUTS2013-NUTS2016"]
    found: dict[str, tuple[str, str]] = {}
    for row in sheet.iter_rows(min_row=3, values_only=True):
        old, new, change = row[1], row[2], row[7]
        # 'relabelled' keeps the code (old == new): nothing to translate
        if isinstance(old, str) and isinstance(change, str) and old[:2] in COUNTRIES and old != new:
            found[old] = (str(new or ""), change.strip())
    return found


def _changes_1621(path: Path) -> dict[str, tuple[str, str]]:
    import openpyxl

    sheet = openpyxl.load_workbook(path, read_only=True)["Changes detailed NUTS 2016-2021"]
    found: dict[str, tuple[str, str]] = {}
    for row in sheet.iter_rows(min_row=2, values_only=True):
        old, new, code, comment = row[0], row[1], row[6], row[7]
        text = " ".join(str(x) for x in (code, comment) if x)
        if isinstance(old, str) and old[:2] in COUNTRIES and text and old != new:
            found[old] = (str(new or ""), text.strip())
    return found


def _rows(tables: Path) -> list[dict[str, str]]:
    c1316 = _changes_1316(tables / T1316)
    c1621 = _changes_1621(tables / T1621)
    rows: list[dict[str, str]] = []
    for old, (new, text) in sorted(c1316.items()):
        kind = _kind(text)
        if not kind:
            continue
        later = c1621.get(new) if new else None
        if later is not None and kind == "recoded":
            # a 2016 code changed again in 2021: the 2021 table decides the outcome
            new, kind, text = later[0], _kind(later[1]), f"{text}; then {later[1]}"
        rows.append(_row(old, "2013", new, kind, text, SRC_1316))
    for old, (new, text) in sorted(c1621.items()):
        kind = _kind(text)
        if kind:
            rows.append(_row(old, "2016", new, kind, text, SRC_1621))
    return rows


def _row(old: str, edition: str, new: str, kind: str, text: str, source: str) -> dict[str, str]:
    return {
        "old_code": old,
        "edition": edition,
        "new_code": new,
        "change": kind,
        "eurostat_change": text,
        "source": source,
    }


def build_nuts_crosswalk(reg: Registry, tables: Path, out: Path) -> int:
    """Register the two Eurostat sources and write ``out/nuts_crosswalk.csv``; return its rows."""
    reg.source(
        SRC_1316,
        "Eurostat, NUTS 2013 - NUTS 2016 correspondence table (NUTS2013-NUTS2016.xlsx)",
        url="https://ec.europa.eu/eurostat/documents/345175/629341/NUTS2013-NUTS2016.xlsx",
        retrieved="2026-12-06",
        kind="official",
        note="Read from the copy shipped by the R package regions (rOpenGov/regions "
        "data-raw/NUTS2013-NUTS2016.xlsx, commit 0890afe9ffd3e0d05372a2b1eb6bfa00d20d7cb5, "
        "version 12 June 2018); used for data/nuts_crosswalk.csv.",
    )
    reg.source(
        SRC_1621,
        "Eurostat, NUTS 2016 - NUTS 2021 changes (NUTS2016-NUTS2021.xlsx)",
        url="https://ec.europa.eu/eurostat/documents/345175/629341/NUTS2016-NUTS2021.xlsx",
        retrieved="2026-12-06",
        kind="official",
        note="Read from the copy shipped by the R package regions (rOpenGov/regions "
        "data-raw/NUTS2016-NUTS2021.xlsx, commit 0890afe9ffd3e0d05372a2b1eb6bfa00d20d7cb5, "
        "version 1.2 of 24 March 2020); used for data/nuts_crosswalk.csv.",
    )
    target = out / FILE
    if (tables / T1316).is_file() and (tables / T1621).is_file():
        rows = _rows(tables)
        with target.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        return len(rows)
    # the tables are not on this machine: keep the committed crosswalk, checking its shape
    with target.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != COLUMNS:
            raise ValueError(f"{target}: columns {reader.fieldnames}, expected {COLUMNS}")
        kept = list(reader)
    unknown = {r["source"] for r in kept} - {SRC_1316, SRC_1621}
    if unknown:
        raise ValueError(f"{target}: unknown sources {sorted(unknown)}")
    return len(kept)
