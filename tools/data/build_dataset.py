"""Build data/ (nodes, edges, sources.csv) from the research notes, the seeds and the registers.

Usage (from the repository root)::

    .venv/bin/python tools/data/build_dataset.py [--research ../shared/research] [--out data]

Inputs are read, never copied: the TERC register export and the Wikidata sister-city extract in
``<research>/real-files`` give codes, names and links only, each row citing its source.
The script prints a summary (counts, twinning resolution) and fails on dangling references.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE), str(ROOT / "src")]

from actors import build_actors  # noqa: E402
from coverage_notes import write_coverage  # noqa: E402
from keep_layer import build_keep_layer  # noqa: E402
from nuts_crosswalk import build_nuts_crosswalk  # noqa: E402
from owners import build_owners  # noqa: E402
from priorities import build_priorities  # noqa: E402
from registry import Registry  # noqa: E402
from source_meta import RESEARCH_NOTES_DATE  # noqa: E402
from territory import build_territory, read_terc  # noqa: E402
from twinning import build_twinning  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--research", type=Path, default=ROOT.parent / "shared" / "research")
    parser.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--out", type=Path, default=ROOT / "data")
    parser.add_argument(
        "--nuts-tables",
        type=Path,
        help="folder with Eurostat's NUTS2013-NUTS2016.xlsx and NUTS2016-NUTS2021.xlsx "
        "(default <research>/real-files/nuts; without them data/nuts_crosswalk.csv is kept)",
    )
    parser.add_argument(
        "--keep-export",
        type=Path,
        help="keep.eu's export of closed 2014-2020 projects, for data/layers/keep-eu "
        "(default <research>/real-files/keep_closed_1420.xlsx; without it the layer is kept)",
    )
    parser.add_argument("--report", type=Path, help="write the twinning report (JSON) here")
    args = parser.parse_args(argv)
    data, real = args.research / "data", args.research / "real-files"
    terc_path = real / "TERC_2020-01-01.csv"

    reg = Registry(RESEARCH_NOTES_DATE)
    counts = build_territory(reg, data, terc_path)
    build_priorities(reg, data, args.seeds / "000_a762489246058323.txt")
    twin = build_twinning(reg, real / "sistercities_poland.tsv", read_terc(terc_path))
    build_actors(reg, data)
    build_owners(reg)
    crosswalk = build_nuts_crosswalk(reg, args.nuts_tables or real / "nuts", args.out)
    problems = reg.check()
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    written = reg.write(args.out)
    written["nuts_crosswalk.csv"] = crosswalk
    written["coverage.csv"] = write_coverage(args.out / "coverage.csv", set(reg.sources))
    # The keep.eu layer resolves against the curated files just written, so it comes last.
    keep_export = args.keep_export or real / "keep_closed_1420.xlsx"
    if keep_export.is_file():
        layer = build_keep_layer(keep_export, args.out, args.out / "layers" / "keep-eu")
        written.update({f"layers/keep-eu {key}": n for key, n in sorted(layer.items())})
    else:
        print(f"{keep_export} not found: data/layers/keep-eu kept as it is", file=sys.stderr)
    summary = {
        "gminy_per_voivodeship": counts,
        "files": written,
        "twinning": {k: v for k, v in twin.items() if k != "unresolved"},
        "twinning_unresolved": twin["unresolved"],
    }
    if args.report:
        args.report.write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n")
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
