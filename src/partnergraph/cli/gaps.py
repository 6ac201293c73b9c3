"""``partnergraph gaps``: where co-operation is missing, and where only the data is silent."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Annotated, Literal

import typer

from partnergraph.cli._answers import (
    AtOpt,
    day_of,
    known_gap_notes,
    print_coverage,
    print_evidence,
)
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
from partnergraph.queries.answers import Answer
from partnergraph.queries.gaps import (
    CoverageMatrixAnswer,
    InactivePartnersAnswer,
    LeftOutGminyAnswer,
    PowiatGroup,
    SinglePointsAnswer,
    UncoveredAnswer,
    coverage_matrix,
    inactive_partners,
    left_out_gminy,
    single_points,
    uncovered_priorities,
)

_GMINA_TYPE = {"miejska": "m", "wiejska": "gw", "miejsko-wiejska": "mw"}


def _gminy_names(group: PowiatGroup) -> str:
    """Names, with the TERYT type (m, gw, mw) where an urban and a rural gmina share one."""
    counts = Counter(g.name for g in group.left_out)
    return ", ".join(
        f"{g.name} ({_GMINA_TYPE.get(g.gmina_type or '', '?')})" if counts[g.name] > 1 else g.name
        for g in group.left_out
    )


GapKind = Literal["coverage", "priorities", "partners", "gminy", "single"]


@app.command()
def gaps(
    what: Annotated[
        GapKind,
        typer.Argument(
            help="coverage: priority × country matrix; priorities: no partner; partners: no "
            "recent coverage; gminy: left out, by powiat; single: one-partner priorities"
        ),
    ] = "coverage",
    framework: Annotated[
        str | None, typer.Option(help="Only priorities of this Strategy/Programme uid")
    ] = None,
    by: Annotated[
        Literal["country", "region"], typer.Option(help="coverage: columns by country or region")
    ] = "country",
    years: Annotated[int, typer.Option(min=1, max=50, help="partners: look-back years")] = 5,
    scope: Annotated[
        Literal["agreements", "all"],
        typer.Option(help="partners: agreement signatories, or everyone who co-operates"),
    ] = "agreements",
    region: Annotated[
        str | None,
        typer.Option(
            help="gminy: only in this Region uid; coverage: only partners located in this "
            "region, powiat or gmina"
        ),
    ] = None,
    country: Annotated[
        list[str] | None,
        typer.Option("--country", help="coverage: only partners from this country (ISO); repeat"),
    ] = None,
    since: Annotated[
        dt.datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="A period instead of --at: its first day"),
    ] = None,
    until: Annotated[
        dt.datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="A period instead of --at: its last day"),
    ] = None,
    at: AtOpt = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "pl",
) -> None:
    """Where co-operation is missing: coverage matrix, uncovered priorities, inactive
    partners, left-out gminy, single points of failure."""
    if (since is None) != (until is None):
        raise typer.BadParameter("give both --since and --until", param_hint="--since/--until")
    period = (since.date(), until.date()) if since and until else None
    with reported():
        settings = settings_for(store)
        notes = known_gap_notes(settings)
        with opened_store(settings) as graph:
            answer: Answer
            if what == "coverage":
                answer = coverage_matrix(
                    graph,
                    at=day_of(at),
                    period=period,
                    framework=framework,
                    by=by,
                    lang=lang,
                    known_gaps=notes,
                    region=region,
                    countries=country,
                )
            elif what == "priorities":
                answer = uncovered_priorities(
                    graph,
                    at=day_of(at),
                    period=period,
                    framework=framework,
                    lang=lang,
                    known_gaps=notes,
                )
            elif what == "partners":
                answer = inactive_partners(
                    graph, years=years, at=day_of(at), scope=scope, lang=lang, known_gaps=notes
                )
            elif what == "gminy":
                answer = left_out_gminy(
                    graph, at=day_of(at), period=period, region=region, lang=lang, known_gaps=notes
                )
            else:
                answer = single_points(
                    graph,
                    framework=framework,
                    at=day_of(at),
                    period=period,
                    lang=lang,
                    known_gaps=notes,
                )
        if as_json:
            print_json(answer.model_dump(mode="json"))
            return
        _print_gaps(answer)
        print_coverage(answer.coverage)


def _print_gaps(answer: Answer) -> None:
    if isinstance(answer, CoverageMatrixAnswer):
        table = folding_table("priority", *answer.columns, "total")
        for row in answer.results:
            cells = [
                f"{row.cells[c].evidence} ({row.cells[c].partners})" if c in row.cells else "·"
                for c in answer.columns
            ]
            table.add_row(
                f"{row.priority.name}\n[dim]{row.priority.uid}[/dim]",
                *cells,
                f"{row.total_evidence} ({row.total_partners})",
            )
        out.print(table)
        names = ", ".join(f"{c} = {answer.column_names[c]}" for c in answer.columns)
        out.print(f"[dim]cells: evidence items (partners); {names}[/dim]", highlight=False)
    elif isinstance(answer, UncoveredAnswer):
        if not answer.results:
            out.print("every priority has at least one partner")
        table = folding_table("priority", "uid", "framework", "last covered", "sources")
        for item in answer.results:
            table.add_row(
                item.priority.name,
                item.priority.uid,
                item.framework.name if item.framework else "",
                item.last_covered or "never",
                item.data_coverage.status,
            )
        if answer.results:
            out.print(table)
        for item in answer.results:
            if item.evidence:
                print_evidence(f"{item.priority.name}: earlier evidence", item.evidence, 3)
    elif isinstance(answer, InactivePartnersAnswer):
        out.print(f"window: {answer.window[0]} – {answer.window[1]}")
        if not answer.results:
            out.print("every partner had some co-operation in the window")
            return
        table = folding_table("partner", "uid", "country", "last evidence", "sources")
        for partner in answer.results:
            table.add_row(
                partner.partner.name,
                partner.partner.uid,
                partner.country or "",
                partner.last_evidence or "never",
                partner.data_coverage.status,
            )
        out.print(table)
        for partner in answer.results:
            print_evidence(partner.partner.name, partner.evidence, 4)
    elif isinstance(answer, LeftOutGminyAnswer):
        out.print(
            f"{answer.left_out_total} of {answer.gminy_total} gminy have no project, "
            "membership or agreement"
        )
        table = folding_table("powiat", "left out / all", "gminy", "population", "sources")
        for group in answer.results:
            table.add_row(
                f"{group.county.name}\n[dim]{group.county.uid}[/dim]" if group.county else "?",
                f"{len(group.left_out)} / {group.gminy_total}",
                _gminy_names(group),
                f"{group.population_left_out:,}".replace(",", " ")
                if group.population_left_out is not None
                else "",
                group.data_coverage.status,
            )
        out.print(table)
        if any(group.data_coverage.status != "complete" for group in answer.results):
            out.print(
                "[dim]sources partial or missing: a gmina listed here may take part in what "
                "the data has no source for (see the coverage notes)[/dim]",
                highlight=False,
            )
    elif isinstance(answer, SinglePointsAnswer):
        if not answer.results:
            out.print("no priority rests on a single partner")
            return
        table = folding_table("priority", "uid", "framework", "only partner", "sources")
        for point in answer.results:
            table.add_row(
                point.priority.name,
                point.priority.uid,
                point.framework.name if point.framework else "",
                f"{point.partner.name} ({point.partner.uid})",
                point.data_coverage.status,
            )
        out.print(table)
        for point in answer.results:
            print_evidence(point.priority.name, point.evidence, 3)
