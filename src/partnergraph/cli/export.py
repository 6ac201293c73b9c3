"""``partnergraph export``: the graph for Gephi, Cytoscape, networkx and pandas."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

import typer

from partnergraph.cli._common import (
    LangOpt,
    StoreOpt,
    app,
    err,
    opened_store,
    reported,
    settings_for,
)

# `partnergraph export`: the graph for Gephi, Cytoscape, networkx and pandas
# (partnergraph.export holds the logic; this only parses options and reports).


@app.command()
def export(
    fmt: Annotated[
        Literal["graphml", "gexf", "json", "csv"],
        typer.Option("--format", "-f", help="graphml, gexf (dynamic), json (node-link) or csv"),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (csv: a folder, or a .zip); default: standard output",
            show_default=False,
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="Only what holds on this day", show_default=False),
    ] = None,
    priority: Annotated[
        list[str] | None,
        typer.Option(
            "--priority",
            metavar="UID",
            help="Only the evidence around this Priority (or all of a Strategy's or "
            "Programme's priorities); repeat for several",
            show_default=False,
        ),
    ] = None,
    with_sources: Annotated[
        bool, typer.Option("--with-sources", help="Also the cited Source nodes")
    ] = False,
    store: StoreOpt = None,
    lang: LangOpt = "pl",
) -> None:
    """Export the graph for Gephi, Cytoscape, networkx or a spreadsheet, sources kept."""
    import datetime as dt

    from partnergraph.errors import ConfigError
    from partnergraph.export import export_graph

    try:
        day = dt.date.fromisoformat(at) if at else None
    except ValueError:
        raise typer.BadParameter(f"{at!r} is not a date YYYY-MM-DD", param_hint="--at") from None
    with reported():
        if fmt == "csv" and output is None:
            raise ConfigError("--format csv writes several files: give --output FOLDER or FILE.zip")
        with opened_store(settings_for(store)) as graph:
            summary = export_graph(
                graph,
                fmt,
                output if output is not None else sys.stdout.buffer,
                at=day,
                priority=priority or None,
                lang=lang,
                include_sources=with_sources,
            )
        if output is None:
            sys.stdout.buffer.flush()
        err.print(
            f"wrote {summary.nodes} nodes, {summary.edges} relationships and "
            f"{summary.sources} sources as {summary.format} to {summary.destination}",
            highlight=False,
        )
