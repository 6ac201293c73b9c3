"""``partnergraph partners|path|gaps|clusters|suggest``: the query layer for people and machines."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Annotated, Literal

import typer
from rich.markup import escape

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
from partnergraph.ingest.coverage import CoverageNote, gap_notes, read_coverage
from partnergraph.model import RelType
from partnergraph.queries.answers import Answer, Coverage, EvidenceItem, Period
from partnergraph.queries.clusters import clusters as clusters_query
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
from partnergraph.queries.partners import partners_for_priority
from partnergraph.queries.paths import connection_paths
from partnergraph.queries.sentences import held_sentence
from partnergraph.queries.suggest import suggest_partners
from partnergraph.settings import Settings

# `partnergraph partners|path|gaps|clusters|suggest`: the query layer (partnergraph.queries)
# as tables for people and JSON for machines. Exit 1 on QueryError/NotFound, 2 on bad usage.


AtOpt = Annotated[
    dt.datetime | None,
    typer.Option(
        "--at",
        formats=["%Y-%m-%d"],
        help="Only facts valid on this day (YYYY-MM-DD)",
        show_default=False,
    ),
]
RefOpt = Annotated[
    dt.datetime | None,
    typer.Option(
        "--reference-date",
        formats=["%Y-%m-%d"],
        help="Day recency and tense are measured from (default: --at, else today)",
        show_default=False,
    ),
]


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def known_gap_notes(settings: Settings) -> list[CoverageNote]:
    """The curated partial/missing coverage notes of the data folder; each answer keeps
    those that concern it."""
    if not settings.data_dir.is_dir():
        return []
    return gap_notes(read_coverage(settings.data_dir))


def _period_text(start: str | None, end: str | None) -> str:
    if start is None and end is None:
        return ""
    return f"{start or '…'} – {end or '…'}"


def print_coverage(coverage: Coverage) -> None:
    """The coverage block under every answer: sources, periods, known gaps."""
    periods = ", ".join(_period_text(p.start, p.end) for p in coverage.periods) or "—"
    sources = ", ".join(source.id for source in coverage.sources) or "—"
    out.print(
        f"[dim]evidence: {coverage.evidence_count} item(s), {coverage.undated_evidence} undated; "
        f"periods: {periods}[/dim]",
        highlight=False,
    )
    out.print(f"[dim]sources: {sources}[/dim]", highlight=False)
    for note in coverage.known_gaps:
        out.print(f"[dim]coverage note: {escape(note)}[/dim]", highlight=False)


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


_GMINA_TYPE = {"miejska": "m", "wiejska": "gw", "miejsko-wiejska": "mw"}


def _gminy_names(group: PowiatGroup) -> str:
    """Names, with the TERYT type (m, gw, mw) where an urban and a rural gmina share one."""
    counts = Counter(g.name for g in group.left_out)
    return ", ".join(
        f"{g.name} ({_GMINA_TYPE.get(g.gmina_type or '', '?')})" if counts[g.name] > 1 else g.name
        for g in group.left_out
    )


def _print_evidence(title: str, items: list[EvidenceItem], limit: int = 5) -> None:
    """A result's evidence under the table: one sentence per item, with its source ids."""
    out.print(f"[bold]{escape(title)}[/bold]", highlight=False)
    for item in items[:limit]:
        sources = escape(f"[{', '.join(item.sources)}]")
        out.print(f"   - {escape(item.explanation)} [dim]{sources}[/dim]", highlight=False)
    if len(items) > limit:
        out.print(f"   … and {len(items) - limit} more (see --json)", highlight=False)


@app.command()
def partners(
    priority: Annotated[
        str, typer.Argument(help="A priority uid, or words such as 'water' / 'gospodarka wodna'")
    ],
    country: Annotated[
        list[str] | None,
        typer.Option("--country", help="Only partners from this country (ISO code); repeat"),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind", help="Only this partner label (Region, Organisation ...) or organisation kind"
        ),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=500)] = 20,
    direct: Annotated[
        bool, typer.Option("--direct", help="Ignore evidence reached through ALIGNS_WITH")
    ] = False,
    include_owners: Annotated[
        bool,
        typer.Option(
            "--include-owners",
            help="Also rank the framework's owners and the territory they govern",
        ),
    ] = False,
    region: Annotated[
        str | None,
        typer.Option("--region", help="Only partners located in this region/powiat/gmina uid"),
    ] = None,
    at: AtOpt = None,
    reference_date: RefOpt = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "pl",
) -> None:
    """Which partners cover a priority: ranked, with the evidence and its sources."""
    with reported():
        settings = settings_for(store)
        notes = known_gap_notes(settings)
        with opened_store(settings) as graph:
            answer = partners_for_priority(
                graph,
                priority,
                at=_day(at),
                countries=country,
                kinds=kind,
                limit=limit,
                aligned=not direct,
                include_owners=include_owners,
                region=region,
                reference_date=_day(reference_date),
                lang=lang,
                known_gaps=notes,
            )
        if as_json:
            print_json(answer.model_dump(mode="json"))
            return
        for match in answer.priorities:
            matched = "" if len(match.matched_on) > 40 else f"  (matched: {match.matched_on})"
            out.print(
                f"[bold]{escape(match.priority.name)}[/bold]  {match.priority.uid}{matched}",
                highlight=False,
            )
        if answer.aligned:
            names = "; ".join(f"{ref.name} ({ref.uid})" for ref in answer.aligned)
            out.print(f"  + aligned: {names}", highlight=False)
        if answer.excluded_owners:
            names = "; ".join(ref.name for ref in answer.excluded_owners)
            label = (
                "not listed (owners of the framework; --include-owners)"
                if lang == "en"
                else "pominięci (właściciele dokumentu; --include-owners)"
            )
            out.print(f"  {label}: {names}", highlight=False)
        if not answer.results:
            out.print(
                "no partner has evidence for this priority" + (f" on {at:%Y-%m-%d}" if at else "")
            )
        else:
            table = folding_table("#", "partner", "uid", "country", "score", "evidence")
            for result in answer.results:
                counts = ", ".join(f"{k} {v}" for k, v in result.evidence_counts.items())
                table.add_row(
                    str(result.rank),
                    result.partner.name,
                    result.partner.uid,
                    result.country or "",
                    f"{result.score:.2f}",
                    counts,
                )
            out.print(table)
            if answer.total > len(answer.results):
                out.print(f"{answer.total - len(answer.results)} more partner(s); raise --limit")
            for result in answer.results:
                _print_evidence(f"{result.rank}. {result.partner.name}", result.evidence, 3)
        print_coverage(answer.coverage)


@app.command()
def path(
    from_uid: Annotated[str, typer.Argument(help="Uid of one end, e.g. teryt:2814112")],
    to_uid: Annotated[str, typer.Argument(help="Uid of the other end, e.g. nuts:SE213")],
    k: Annotated[int, typer.Option("--k", min=1, max=20, help="How many chains")] = 3,
    max_hops: Annotated[int, typer.Option("--max-hops", min=1, max=8)] = 6,
    via: Annotated[
        list[RelType] | None,
        typer.Option("--via", help="Only this relationship type; repeat for several"),
    ] = None,
    historical: Annotated[
        bool,
        typer.Option(
            "--historical",
            help="Also chains whose links never existed at the same time (labelled as such)",
        ),
    ] = False,
    at: AtOpt = None,
    reference_date: RefOpt = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "pl",
) -> None:
    """How two nodes are connected: the shortest chains, each hop explained and sourced."""
    with reported():
        settings = settings_for(store)
        notes = known_gap_notes(settings)
        with opened_store(settings) as graph:
            answer = connection_paths(
                graph,
                from_uid,
                to_uid,
                k=k,
                max_hops=max_hops,
                at=_day(at),
                via=via or None,
                historical=historical,
                reference_date=_day(reference_date),
                lang=lang,
                known_gaps=notes,
            )
        if as_json:
            print_json(answer.model_dump(mode="json"))
            return
        for result in answer.results:
            chain = " → ".join(node.name for node in result.nodes)
            out.print(
                f"[bold]{result.rank}. {chain}[/bold]  ({result.length} hops)", highlight=False
            )
            for number, hop in enumerate(result.hops, start=1):
                sources = sorted({s for item in hop.evidence for s in item.sources})
                cited = escape(f"[{', '.join(sources)}]")
                out.print(
                    f"   {number}) {escape(hop.explanation)} [dim]{cited}[/dim]", highlight=False
                )
            out.print(f"   {escape(held_sentence(_periods(result.held), lang))}", highlight=False)
        print_coverage(answer.coverage)


def _periods(held: list[Period]) -> list[tuple[str | None, str | None]]:
    return [(period.start, period.end) for period in held]


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
                    at=_day(at),
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
                    at=_day(at),
                    period=period,
                    framework=framework,
                    lang=lang,
                    known_gaps=notes,
                )
            elif what == "partners":
                answer = inactive_partners(
                    graph, years=years, at=_day(at), scope=scope, lang=lang, known_gaps=notes
                )
            elif what == "gminy":
                answer = left_out_gminy(
                    graph, at=_day(at), period=period, region=region, lang=lang, known_gaps=notes
                )
            else:
                answer = single_points(
                    graph,
                    framework=framework,
                    at=_day(at),
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
                _print_evidence(f"{item.priority.name}: earlier evidence", item.evidence, 3)
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
            _print_evidence(partner.partner.name, partner.evidence, 4)
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
            _print_evidence(point.priority.name, point.evidence, 3)


@app.command()
def clusters(
    method: Annotated[
        Literal["auto", "louvain", "leiden", "components"],
        typer.Option(help="Community detection; auto: Louvain up to 5,000 actors, Leiden above"),
    ] = "auto",
    resolution: Annotated[float, typer.Option(min=0.01, help="Louvain/Leiden resolution")] = 1.0,
    seed: Annotated[int, typer.Option(help="Seed: the same seed gives the same clusters")] = 42,
    at: AtOpt = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "pl",
) -> None:
    """Communities of co-operating actors, labelled by priorities and countries; brokers."""
    with reported():
        settings = settings_for(store)
        notes = known_gap_notes(settings)
        with opened_store(settings) as graph:
            answer = clusters_query(
                graph,
                method=method,
                resolution=resolution,
                seed=seed,
                at=_day(at),
                lang=lang,
                known_gaps=notes,
            )
        if as_json:
            print_json(answer.model_dump(mode="json"))
            return
        out.print(
            f"{len(answer.results)} clusters of {answer.actors} actors ({answer.ties} ties, "
            f"{answer.isolated_actors} actors without any tie left out); "
            f"modularity {answer.modularity:.3f} ({answer.method}, seed {seed})",
            highlight=False,
        )
        table = folding_table("#", "size", "countries", "dominant priorities", "brokers", "members")
        for cluster in answer.results:
            table.add_row(
                str(cluster.id),
                str(cluster.size),
                ", ".join(f"{c.id} {c.count}" for c in cluster.countries),
                "\n".join(f"{_short(p.name)} ({p.count})" for p in cluster.priorities),
                "\n".join(f"{b.actor.name} {b.betweenness:.3f}" for b in cluster.brokers),
                ", ".join(m.name for m in cluster.members[:12])
                + (f" … +{cluster.size - 12}" if cluster.size > 12 else ""),
            )
        out.print(table)
        if answer.brokers:
            brokers = ", ".join(f"{b.actor.name} ({b.betweenness:.3f})" for b in answer.brokers)
            out.print(f"brokers: {brokers}", highlight=False)
        print_coverage(answer.coverage)


@app.command()
def suggest(
    uid: Annotated[str, typer.Argument(help="Uid of a region, powiat, gmina or organisation")],
    priority: Annotated[
        str | None, typer.Option(help="Only actors covering this priority (uid or words)")
    ] = None,
    k: Annotated[int, typer.Option("--k", min=1, max=100, help="How many suggestions")] = 10,
    include_inactive: Annotated[
        bool,
        typer.Option(
            "--include-inactive",
            help="Also suggest actors suspended, ended or inactive on the reference day",
        ),
    ] = False,
    at: AtOpt = None,
    reference_date: RefOpt = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "pl",
) -> None:
    """Partners an actor is not yet connected to and still active, ranked by shared
    priorities, recency, programme area and common partners (Adamic–Adar)."""
    with reported():
        settings = settings_for(store)
        notes = known_gap_notes(settings)
        with opened_store(settings) as graph:
            answer = suggest_partners(
                graph,
                uid,
                priority=priority,
                k=k,
                at=_day(at),
                reference_date=_day(reference_date),
                include_inactive=include_inactive,
                lang=lang,
                known_gaps=notes,
            )
        if as_json:
            print_json(answer.model_dump(mode="json"))
            return
        out.print(f"[bold]{answer.actor.name}[/bold]  {answer.actor.uid}", highlight=False)
        if not answer.results:
            out.print("no candidate: nobody new is near this actor (or covers the priority)")
        else:
            table = folding_table(
                "#", "actor", "uid", "country", "score", "priorities", "Adamic–Adar", "common"
            )
            for result in answer.results:
                table.add_row(
                    str(result.rank),
                    result.actor.name,
                    result.actor.uid,
                    result.country or "",
                    f"{result.score:.3f}",
                    str(result.factors.shared_priorities),
                    f"{result.adamic_adar:.3f}",
                    str(len(result.common_neighbours)),
                )
            out.print(table)
            for result in answer.results:
                out.print(
                    f"[bold]{result.rank}. {result.actor.name}[/bold]: {result.reason}",
                    highlight=False,
                )
        if answer.excluded:
            out.print(
                f"left out: {answer.excluded} suspended, ended or inactive candidate(s) "
                "(--include-inactive shows them)",
                highlight=False,
            )
        print_coverage(answer.coverage)
