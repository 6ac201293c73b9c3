"""Old NUTS codes and their NUTS 2021 successors, from ``data/nuts_crosswalk.csv``.

keep.eu exports give regions in the NUTS edition of their programming period (2014-2020:
NUTS 2013, sometimes 2010 or 2016), while the graph holds NUTS 2021 regions. Eurostat's
correspondence tables say which old codes were merely *recoded* (same territory, new code:
``LT003`` → ``LT023``); only those are translated, so one region stays one node. A code whose
territory changed (boundary shift, split, merge, discontinued) is kept as its own node with a
note, never merged into a region that is not the same territory.

The file is built by ``tools/data/nuts_crosswalk.py``; see data/README.md for its sources.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from partnergraph.errors import DataError, DataIssue
from partnergraph.settings import Settings, default_data_dir

__all__ = [
    "CHANGES",
    "COLUMNS",
    "CROSSWALK_FILE",
    "Change",
    "Crosswalk",
    "bundled_crosswalk",
    "load_crosswalk",
]

CROSSWALK_FILE = "nuts_crosswalk.csv"
COLUMNS = ("old_code", "edition", "new_code", "change", "eurostat_change", "source")
CHANGES = ("recoded", "boundary changed", "split", "merged", "discontinued")
EDITIONS = ("2010", "2013", "2016")
_CODE = re.compile(r"[A-Z]{2}[0-9A-Z]{0,3}")


@dataclass(frozen=True)
class Change:
    """One row of the crosswalk: what became of ``old_code`` of NUTS ``edition``."""

    old_code: str
    edition: str
    new_code: str
    change: str
    eurostat_change: str
    source: str

    @property
    def one_to_one(self) -> bool:
        """Same territory under a new code: safe to translate."""
        return self.change == "recoded" and bool(self.new_code)

    def note(self) -> str:
        """What an old-code region node says about itself."""
        text = f"NUTS {self.edition} code, not in NUTS 2021: {self.change} (Eurostat: "
        text += f"{self.eurostat_change})"
        if self.new_code:
            text += f"; successor {self.new_code} is not the same territory"
        return text


@dataclass(frozen=True)
class Crosswalk:
    """Old code → its change; empty when no crosswalk file is available."""

    changes: dict[str, Change]

    def get(self, code: str) -> Change | None:
        return self.changes.get(code)

    def successor(self, code: str) -> str:
        """The NUTS 2021 code for ``code`` when it was only recoded, else ``code`` itself."""
        change = self.changes.get(code)
        return change.new_code if change is not None and change.one_to_one else code


def load_crosswalk(path: Path) -> Crosswalk:
    """Read and check a crosswalk file; raise DataError naming every bad cell."""
    issues: list[DataIssue] = []
    changes: dict[str, Change] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        if tuple(header) != COLUMNS:
            raise DataError(
                [
                    DataIssue(
                        str(path),
                        1,
                        None,
                        f"expected the header {','.join(COLUMNS)}",
                        value=",".join(header),
                    )
                ]
            )
        for line, row in enumerate(reader, start=2):
            if len(row) != len(COLUMNS):
                issues.append(
                    DataIssue(
                        str(path), line, None, f"expected {len(COLUMNS)} cells, got {len(row)}"
                    )
                )
                continue
            old, edition, new, change, text, source = row
            bad = _Complaints(path, line, row, issues).bad
            if not _CODE.fullmatch(old):
                bad(0, "expected a NUTS code such as LT003")
            elif old in changes:
                bad(0, f"expected each old code once; {old} is on an earlier line too")
            if edition not in EDITIONS:
                bad(1, f"expected one of {', '.join(EDITIONS)}")
            if new and not _CODE.fullmatch(new):
                bad(2, "expected a NUTS code such as LT023, or nothing")
            if change not in CHANGES:
                bad(3, f"expected one of {', '.join(CHANGES)}")
            elif change == "recoded" and (not new or len(new) != len(old)):
                bad(2, "expected the successor of a recoded code, at the same NUTS level")
            if not source:
                bad(5, "expected the id of the source in data/sources.csv")
            changes[old] = Change(old, edition, new, change, text, source)
    if issues:
        raise DataError(issues)
    return Crosswalk(changes)


@dataclass(frozen=True)
class _Complaints:
    """Collects issues for one crosswalk line, each naming its cell."""

    path: Path
    line: int
    row: list[str]
    issues: list[DataIssue]

    def bad(self, column: int, expected: str) -> None:
        self.issues.append(
            DataIssue(
                str(self.path),
                self.line,
                column + 1,
                expected,
                COLUMNS[column],
                self.row[column],
            )
        )


def bundled_crosswalk() -> Crosswalk:
    """The crosswalk of the data directory in use (``PARTNERGRAPH_DATA_DIR``), else the
    checkout's bundled one: a test or workspace data dir holds graph data, not reference
    tables, and the translation must not depend on which graph is loaded."""
    for folder in (Settings().data_dir, default_data_dir()):
        path = folder / CROSSWALK_FILE
        if path.is_file():
            return _cached(path.resolve(), path.stat().st_mtime_ns)
    return Crosswalk({})


@lru_cache(maxsize=4)
def _cached(path: Path, mtime: int) -> Crosswalk:
    # keyed by mtime too, so an edited file is read again within one process
    del mtime
    return load_crosswalk(path)
