"""``partnergraph import keep FILE...``: the keep.eu importer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from partnergraph.cli._common import (
    StoreOpt,
    app,
    err,
    folding_table,
    opened_store,
    out,
    reported,
    settings_for,
)
from partnergraph.errors import DataError
from partnergraph.ingest.tabular import precheck_file
from partnergraph.ingest.workspace import ImportOutcome
from partnergraph.ingest.workspace import import_keep as run_keep_import

# ``partnergraph import keep FILE...``: the keep.eu importer (ingest/keep_eu.py, resolve.py,
# changes.py, workspace.py). Everything below belongs to the import command.


import_app = typer.Typer(
    help="Import files from other systems: validated completely, then loaded all or nothing.",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")


@import_app.command("keep")
def import_keep(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="keep.eu exports: an xlsx with the projects and partners sheets, or the "
            "projects and partners CSV files",
            show_default=False,
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing")
    ] = False,
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            help="Name of this import in the workspace (default: from the first file name); "
            "importing again under the same name updates it in place",
        ),
    ] = None,
    store: StoreOpt = None,
) -> None:
    """Import keep.eu project and partner exports (xlsx or CSV, old or new layout).

    Every row is checked first; one bad cell and nothing is imported (exit 1, each problem
    as file[sheet]:row:column). Importing the same file again changes nothing; an updated
    export updates in place. With the memory store the import is kept in the workspace
    (PARTNERGRAPH_HOME) and loaded at every start.
    """
    with reported():
        # refused files (missing, .xls, not a zip, a zip bomb) fail before the graph is loaded
        problems = [issue for path in files for issue in precheck_file(path)]
        if problems:
            raise DataError(problems)
        settings = settings_for(store)
        with (
            opened_store(settings) as graph,
            Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=err,
                transient=True,
            ) as bar,
        ):
            tasks: dict[str, Any] = {}

            def progress(what: str, done: int, total: int) -> None:
                if what not in tasks:
                    tasks[what] = bar.add_task(what, total=total)
                bar.update(tasks[what], completed=done, total=total)

            outcome = run_keep_import(
                graph, settings, files, name=name, dry_run=dry_run, progress=progress
            )
        _report_import(outcome, settings.store, dry_run)


def _report_import(outcome: ImportOutcome, store_name: str, dry_run: bool) -> None:
    result, changes = outcome.result, outcome.changes
    for line in result.tables:
        out.print(f"read {line}", highlight=False)
    for note in result.notes:
        out.print(f"note: {note}", highlight=False)
    for warning in result.warnings:
        err.print(f"warning: {warning}", markup=False, highlight=False)
    stats = result.stats
    merged = stats["partner mentions merged into another by resolution"]
    out.print(
        f"{stats['project rows']} project rows → {stats['projects']} projects; "
        f"{stats['partner rows']} partner rows → {stats['participations']} participations of "
        f"{stats['partner rows'] - merged} organisations or territories "
        f"({merged} rows merged by entity resolution); {len(result.review)} uncertain pairs "
        "left unmerged for review",
        highlight=False,
    )
    table = folding_table(
        "label / relationship", "added", "updated", "merged", "unchanged", "stale"
    )
    for kind, added, updated, into, unchanged, stale in changes.rows():
        table.add_row(kind, str(added), str(updated), str(into), str(unchanged), str(stale))
    out.print(table)
    if dry_run:
        out.print("dry run: nothing was written")
        return
    if not outcome.written:
        out.print("nothing changed: the graph already holds this import")
    elif outcome.replaces is not None:
        out.print(
            f"updated the earlier import {outcome.replaces.name!r} in the {store_name} store",
            highlight=False,
        )
    else:
        out.print(f"imported into the {store_name} store", highlight=False)
    if changes.stale_nodes and store_name != "memory":
        out.print(
            f"{len(changes.stale_nodes)} nodes only the earlier version of this import had "
            "remain in the store (it cannot delete); see docs/ingest.md",
            highlight=False,
        )
    if outcome.folder is not None:
        out.print(f"kept in the workspace: {outcome.folder}", highlight=False)
    if outcome.review_file is not None and result.review:
        out.print(f"pairs to review: {outcome.review_file}", highlight=False)
