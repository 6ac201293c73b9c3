"""``partnergraph region``: what a region (and everything in it) does in international
projects, counted and broken down (partnergraph.queries.regions holds the logic)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import typer
from rich.markup import escape

from partnergraph.cli._answers import AtOpt, RefOpt, known_gap_notes, print_coverage
from partnergraph.cli._common import (
    JsonOpt,
    LangOpt,
    StoreOpt,
    app,
    folding_table,
    opened_store,
    out,
    print_json,
    reported,
    settings_for,
)
from partnergraph.errors import QueryError
from partnergraph.queries.regions import (
    BREAKDOWNS,
    RegionActivityAnswer,
    region_activity,
    region_activity_csv,
)

__all__ = ["region"]

_DateOpt = Annotated[
    dt.datetime | None,
    typer.Option(formats=["%Y-%m-%d"], help="Start or end of the period (YYYY-MM-DD)"),
]
_HEADERS = (
    ("klucz", "projekty", "udziały partnerów", "partnerzy"),
    ("key", "projects", "partner rows", "partners"),
)
_TITLES = {
    "by_subregion": ("Podregiony", "Sub-regions"),
    "by_country": (
        "Kraje partnerów (wszyscy partnerzy tych projektów)",
        "Partner countries (every partner of these projects)",
    ),
    "by_programme": ("Programy", "Programmes"),
    "by_priority": ("Priorytety", "Priorities"),
    "by_year": ("Rok rozpoczęcia projektu", "Year the project started"),
}


@app.command()
def region(
    uid: Annotated[str, typer.Argument(help="Uid of a region, powiat or gmina, e.g. nuts:PL63")],
    programme: Annotated[
        str | None, typer.Option("--programme", help="Only projects of this Programme uid")
    ] = None,
    start: Annotated[
        dt.datetime | None,
        typer.Option("--from", formats=["%Y-%m-%d"], help="Period start (YYYY-MM-DD)"),
    ] = None,
    end: Annotated[
        dt.datetime | None,
        typer.Option("--to", formats=["%Y-%m-%d"], help="Period end (YYYY-MM-DD)"),
    ] = None,
    at: AtOpt = None,
    reference_date: RefOpt = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            min=1,
            help="List at most this many projects (--json; the table's evidence line)",
        ),
    ] = None,
    offset: Annotated[
        int, typer.Option("--offset", min=0, help="Skip this many projects (--json)")
    ] = 0,
    output: Annotated[
        Literal["table", "csv"], typer.Option("--output", help="table (default) or csv")
    ] = "table",
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "pl",
) -> None:
    """What a region and everything in it does in projects: totals and breakdowns."""
    with reported():
        if (start is None) != (end is None):
            raise QueryError("give both --from and --to for a period")
        period = (start.date(), end.date()) if start and end else None
        settings = settings_for(store)
        notes = known_gap_notes(settings)
        with opened_store(settings) as graph:
            answer = region_activity(
                graph,
                uid,
                at=at.date() if at else None,
                period=period,
                programme=programme,
                reference_date=reference_date.date() if reference_date else None,
                lang=lang,
                known_gaps=notes,
                offset=offset,
                # the CSV holds the counts, not the project list (the table's coverage line
                # counts the evidence of every project, so it asks for them all)
                limit=1 if output == "csv" and not as_json else limit,
            )
        if as_json:
            print_json(answer.model_dump(mode="json"))
        elif output == "csv":
            out.out(region_activity_csv(answer), end="", highlight=False)
        else:
            _print(answer, lang)


def _print(answer: RegionActivityAnswer, lang: Literal["pl", "en"]) -> None:
    totals = answer.totals
    scope = f" · {answer.programme.name}" if answer.programme else ""
    out.print(f"[bold]{escape(answer.region.name)}[/bold]  {answer.region.uid}{escape(scope)}")
    label = (
        "projekty {p}, udziały partnerów {r}, partnerzy {n}"
        if lang == "pl"
        else "projects {p}, partner rows {r}, partners {n}"
    )
    out.print(label.format(p=totals.projects, r=totals.partner_rows, n=totals.partners))
    for section in BREAKDOWNS:
        rows = getattr(answer, section)
        if not rows:
            continue
        title = _TITLES[section][0 if lang == "pl" else 1]
        headers = _HEADERS[0 if lang == "pl" else 1]
        table = folding_table(title, *headers)
        for row in rows:
            # a priority with its framework: programmes share the EU's thematic wording
            name = f"{row.name} ({row.framework.name})" if row.framework else row.name
            table.add_row(
                name, row.key, str(row.projects), str(row.partner_rows), str(row.partners)
            )
        out.print(table)
    print_coverage(answer.coverage)
