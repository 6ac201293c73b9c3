"""``partnergraph partners|path|clusters|suggest``: the query layer for people and machines."""

from __future__ import annotations

from typing import Annotated, Literal

import typer
from rich.markup import escape

from partnergraph.cli._answers import (
    AtOpt,
    RefOpt,
    day_of,
    known_gap_notes,
    print_coverage,
    print_evidence,
    shorten,
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
from partnergraph.model import RelType
from partnergraph.queries.answers import Period
from partnergraph.queries.clusters import clusters as clusters_query
from partnergraph.queries.partners import partners_for_priority
from partnergraph.queries.paths import connection_paths
from partnergraph.queries.sentences import held_sentence
from partnergraph.queries.suggest import suggest_partners

# `partnergraph partners|path|gaps|clusters|suggest`: the query layer (partnergraph.queries)
# as tables for people and JSON for machines. Exit 1 on QueryError/NotFound, 2 on bad usage.


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
                at=day_of(at),
                countries=country,
                kinds=kind,
                limit=limit,
                aligned=not direct,
                include_owners=include_owners,
                region=region,
                reference_date=day_of(reference_date),
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
                print_evidence(f"{result.rank}. {result.partner.name}", result.evidence, 3)
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
                at=day_of(at),
                via=via or None,
                historical=historical,
                reference_date=day_of(reference_date),
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


@app.command()
def clusters(
    method: Annotated[
        Literal["auto", "louvain", "leiden", "components"],
        typer.Option(
            help="Community detection; auto: Louvain up to 5,000 actors, Leiden above. "
            "Leiden needs Neo4j with GDS or the optional partnergraph[igraph] (GPL); without "
            "igraph, auto runs Louvain (networkx)"
        ),
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
                at=day_of(at),
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
                "\n".join(f"{shorten(p.name)} ({p.count})" for p in cluster.priorities),
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
                at=day_of(at),
                reference_date=day_of(reference_date),
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
