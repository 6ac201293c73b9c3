"""The ``partnergraph`` command.

Exit codes: 0 ok, 1 data or query error (bad rows, unknown uid, backend down), 2 usage.
Every query command takes ``--json`` for machines, ``--lang pl|en`` and ``--store``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from partnergraph.errors import DataError, PartnergraphError
from partnergraph.graph.store import GraphStore
from partnergraph.ingest.coverage import known_gaps, read_coverage
from partnergraph.ingest.csv_source import read_dataset
from partnergraph.ingest.loader import load_dataset
from partnergraph.model import NodeLabel
from partnergraph.queries.audit import audit as audit_graph
from partnergraph.queries.search import search as search_query
from partnergraph.settings import Settings
from partnergraph.stores import open_store

__all__ = ["app"]

app = typer.Typer(
    name="partnergraph",
    help="A knowledge graph of cross-border partnerships around the Euroregion Baltic.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# soft_wrap: long paths and URLs stay on one line when output goes to a file or a pipe.
# emoji=False: uids like "priority:x:1" must not turn into emoji codes.
out = Console(soft_wrap=True, emoji=False)
err = Console(stderr=True, soft_wrap=True, emoji=False)

StoreOpt = Annotated[
    Literal["memory", "neo4j"] | None,
    typer.Option(
        "--store", help="memory (built from data/) or neo4j; default from PARTNERGRAPH_STORE"
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table")]
LangOpt = Annotated[Literal["pl", "en"], typer.Option("--lang", help="Language of names")]
DirArg = Annotated[
    Path | None,
    typer.Argument(help="Dataset folder (default: the bundled data/)", show_default=False),
]


def _settings(store: str | None = None, data_dir: Path | None = None) -> Settings:
    overrides: dict[str, Any] = {}
    if store is not None:
        overrides["store"] = store
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    return Settings(**overrides)


@contextmanager
def _reported() -> Iterator[None]:
    """Turn partnergraph errors into a message on stderr and the documented exit code."""
    try:
        yield
    except DataError as exc:
        for issue in exc.issues:
            err.print(str(issue), markup=False, highlight=False)
        err.print(f"[red]{len(exc.issues)} error(s); nothing was loaded.[/red]")
        raise typer.Exit(exc.exit_code) from None
    except PartnergraphError as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(exc.exit_code) from None


@contextmanager
def _store(settings: Settings, *, load_data: bool = True) -> Iterator[GraphStore]:
    store = open_store(settings, load_data=load_data)
    try:
        yield store
    finally:
        store.close()


def _print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


@app.command()
def validate(directory: DirArg = None) -> None:
    """Check a dataset folder; print every problem as file:line:column and exit 1 if any."""
    with _reported():
        settings = _settings(data_dir=directory)
        dataset = read_dataset(settings.data_dir)
        source_ids = {
            n.uid.removeprefix("source:") for n in dataset.nodes if n.label == NodeLabel.SOURCE
        }
        notes = read_coverage(settings.data_dir, source_ids)
        out.print(
            f"[green]ok[/green]: {settings.data_dir} has {len(dataset.nodes)} nodes and "
            f"{len(dataset.edges)} relationships, all valid and sourced; "
            f"{len(notes)} coverage notes"
        )


@app.command()
def load(directory: DirArg = None, store: StoreOpt = None) -> None:
    """Validate a dataset folder completely, then load it: all or nothing; twice is a no-op."""
    with _reported():
        settings = _settings(store, directory)
        dataset = read_dataset(settings.data_dir)
        with (
            _store(settings, load_data=False) as graph,
            Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                console=err,
                transient=True,
            ) as bar,
        ):
            tasks = {
                "nodes": bar.add_task("nodes", total=len(dataset.nodes)),
                "relationships": bar.add_task("relationships", total=len(dataset.edges)),
            }
            report = load_dataset(
                graph,
                dataset,
                progress=lambda what, done, _: bar.update(tasks[what], completed=done),
            )
        out.print(
            f"loaded {report.nodes_written} nodes and {report.edges_written} relationships "
            f"into the {settings.store} store"
        )
        _print_counts(report.counts.nodes, report.counts.relationships)


def _print_counts(nodes: dict[str, int], relationships: dict[str, int]) -> None:
    for title, counts in (("label", nodes), ("relationship", relationships)):
        table = Table(title=None)
        table.add_column(title)
        table.add_column("count", justify="right")
        for name, count in counts.items():
            table.add_row(name, str(count))
        table.add_row("[bold]total[/bold]", f"[bold]{sum(counts.values())}[/bold]")
        out.print(table)


@app.command()
def stats(store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """Counts per label and relationship type."""
    with _reported(), _store(_settings(store)) as graph:
        counts = graph.counts()
        if as_json:
            _print_json(counts.model_dump())
        else:
            _print_counts(counts.nodes, counts.relationships)


@app.command()
def audit(store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """Counts, facts without a source (must be 0), facts per confidence, coverage per source."""
    with _reported():
        settings = _settings(store)
        notes = read_coverage(settings.data_dir)
        with _store(settings) as graph:
            report = audit_graph(graph, notes)
        if as_json:
            _print_json(report.model_dump(mode="json"))
        else:
            _print_counts(report.counts.nodes, report.counts.relationships)
            table = Table("facts", "verified", "inferred", "unverified", title="confidence")
            for kind, counts in report.confidence.items():
                table.add_row(
                    kind, *(str(counts.get(c, 0)) for c in ("verified", "inferred", "unverified"))
                )
            out.print(table)
            sources = Table("source", "confidence", "retrieved", "facts", "period", title="sources")
            for use in report.sources:
                period = f"{use.period_from or '…'} – {use.period_to or '…'}"
                sources.add_row(use.id, use.confidence, use.retrieved or "", str(use.facts), period)
            out.print(sources)
            notes_table = Table("area", "scope", "status", "note", title="known coverage")
            for note in report.coverage:
                notes_table.add_row(note.area, note.scope, note.status, note.note)
            out.print(notes_table)
            colour = "red" if report.unsourced else "green"
            out.print(f"[{colour}]facts without a source: {len(report.unsourced)}[/{colour}]")
            for ident in report.unsourced[:50]:
                out.print(f"  {ident}", highlight=False)
        if report.unsourced:
            raise typer.Exit(1)


@app.command()
def show(
    uid: Annotated[str, typer.Argument(help="A node uid, e.g. teryt:2261011")],
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "pl",
) -> None:
    """A node's facts, sources and relationships."""
    with _reported(), _store(_settings(store)) as graph:
        node = graph.node(uid)
        neighbours = graph.neighbours(uid)
        sources = graph.get_nodes(f"source:{sid}" for sid in node.sources)
        if as_json:
            _print_json(
                {
                    "uid": node.uid,
                    "labels": node.labels,
                    "name": node.name,
                    "name_en": node.name_en,
                    "valid_from": node.valid_from,
                    "valid_to": node.valid_to,
                    "properties": node.properties,
                    "sources": list(node.sources),
                    "relationships": [
                        {
                            "type": n.edge.type.value,
                            "direction": n.direction,
                            "other": n.node.uid,
                            "other_name": n.node.display_name(lang),
                            "valid_from": n.edge.valid_from,
                            "valid_to": n.edge.valid_to,
                            "properties": n.edge.properties,
                            "sources": list(n.edge.sources),
                        }
                        for n in neighbours
                    ],
                }
            )
            return
        out.print(f"[bold]{node.display_name(lang)}[/bold]  {node.uid}  ({', '.join(node.labels)})")
        if node.name_en and lang == "pl":
            out.print(f"  en: {node.name_en}")
        if node.valid_from or node.valid_to:
            out.print(f"  valid: {node.valid_from or '…'} – {node.valid_to or '…'}")
        for key, value in node.properties.items():
            out.print(
                f"  {key}: {', '.join(value) if isinstance(value, list) else value}",
                highlight=False,
            )
        for source_id in node.sources:
            source = sources.get(f"source:{source_id}")
            where = (
                source.properties.get("url") or source.properties.get("document") if source else ""
            )
            out.print(
                f"  source {source_id}: {source.name if source else '?'} {where or ''}",
                highlight=False,
            )
        table = Table("relationship", "", "node", "name", "valid", "sources")
        for n in neighbours:
            arrow = "→" if n.direction == "out" else "←"
            valid = (
                f"{n.edge.valid_from or ''}–{n.edge.valid_to or ''}"
                if (n.edge.valid_from or n.edge.valid_to)
                else ""
            )
            table.add_row(
                n.edge.type.value,
                arrow,
                n.node.uid,
                n.node.display_name(lang),
                valid,
                ", ".join(n.edge.sources),
            )
        out.print(table)


@app.command()
def search(
    text: Annotated[
        str, typer.Argument(help="Name to look for; case and diacritics do not matter")
    ],
    label: Annotated[NodeLabel | None, typer.Option(help="Only nodes with this label")] = None,
    limit: Annotated[int, typer.Option(min=1, max=200)] = 20,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "pl",
) -> None:
    """Find nodes by name in Polish or English: `elblag` finds Elbląg."""
    with _reported(), _store(_settings(store)) as graph:
        answer = search_query(
            graph, text, labels=[label] if label else None, lang=lang, limit=limit
        )
        if as_json:
            _print_json(answer.model_dump(mode="json"))
            return
        if not answer.results:
            out.print(f"nothing matches {text!r}")
            return
        table = Table("uid", "label", "name", "matched", "score")
        for hit in answer.results:
            table.add_row(
                hit.node.uid, hit.node.label.value, hit.display_name, hit.matched, str(hit.score)
            )
        out.print(table)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=16)] = 1,
    store: StoreOpt = None,
    access_log: Annotated[
        bool, typer.Option("--access-log/--no-access-log", help="Log every request")
    ] = True,
) -> None:
    """Serve the HTTP API (and website) with uvicorn; each worker is a process with its own
    copy of the embedded graph (or its own connection pool to Neo4j)."""
    import os

    from partnergraph.api.serving import serve as run_server

    if store is not None:
        os.environ["PARTNERGRAPH_STORE"] = store  # read by every worker's Settings()
    with _reported():
        _settings(store)  # fail early, with exit 2, on bad settings
        code = run_server(host=host, port=port, workers=workers, access_log=access_log)
    if code:
        raise typer.Exit(code)


# -- neo4j server ----------------------------------------------------------------------------
# `partnergraph neo4j start|stop|status`: the local Neo4j built from Maven Central
# (tools/neo4j). Exit 0 ok, 1 failure (for `status`: not running).

neo4j_app = typer.Typer(
    help="Run the local Neo4j server (built from Maven Central on first use).",
    no_args_is_help=True,
)
app.add_typer(neo4j_app, name="neo4j")


@neo4j_app.command("start")
def neo4j_start(
    data_dir: Annotated[
        Path | None,
        typer.Option(help="Database folder (default: PARTNERGRAPH_HOME/neo4j/data)"),
    ] = None,
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="Bolt port on 127.0.0.1; 0 picks a free one")
    ] = 7687,
    timeout: Annotated[
        float, typer.Option(min=1, help="Seconds to wait for Bolt to answer")
    ] = 180.0,
) -> None:
    """Build the launcher if needed, start Neo4j in the background and print its Bolt URI."""
    import time

    from partnergraph.graph.server import LocalNeo4j

    with _reported():
        settings = _settings()
        server = LocalNeo4j.from_settings(settings)
        if settings.neo4j_uri:
            err.print(
                f"note: PARTNERGRAPH_NEO4J_URI={settings.neo4j_uri} is set and takes "
                "precedence over the local server for --store neo4j",
                highlight=False,
            )
        running = server.status()
        if running.running and running.uri:
            out.print(f"already running (pid {running.pid}): {running.uri}", highlight=False)
            return
        started = time.monotonic()
        first_build = not server.is_built()
        message = (
            "building the Neo4j launcher (first run: Maven downloads Neo4j from Maven "
            "Central, a few minutes)"
            if first_build
            else "starting Neo4j"
        )
        with err.status(message) as spinner:

            def show(line: str) -> None:
                if line:
                    err.print(f"  {line}", highlight=False, markup=False)
                spinner.update(f"{message} ({time.monotonic() - started:.0f}s)")

            server.build(show)
            spinner.update("starting Neo4j")
            uri = server.start(data_dir=data_dir, port=port, timeout=timeout)
        state = server.status()
        err.print(
            f"Neo4j is up in {time.monotonic() - started:.1f}s (pid {state.pid}, data "
            f"{state.data_dir}, log {state.log_file}); stop it with `partnergraph neo4j stop`",
            highlight=False,
        )
        out.print(uri, highlight=False)


@neo4j_app.command("stop")
def neo4j_stop(
    timeout: Annotated[
        float, typer.Option(min=1, help="Seconds to wait for a clean stop before SIGKILL")
    ] = 30.0,
) -> None:
    """Stop the Neo4j started by `partnergraph neo4j start` (exactly that process)."""
    from partnergraph.graph.server import LocalNeo4j

    with _reported():
        server = LocalNeo4j.from_settings(_settings())
        state = server.status()
        if server.stop(timeout=timeout):
            out.print(f"stopped Neo4j (pid {state.pid})")
        else:
            out.print("Neo4j was not running")


@neo4j_app.command("status")
def neo4j_status(as_json: JsonOpt = False) -> None:
    """Whether the local Neo4j runs, where, and its Bolt URI; exit 1 when it does not run."""
    from partnergraph.graph.server import LocalNeo4j, bolt_answers

    with _reported():
        settings = _settings()
        state = LocalNeo4j.from_settings(settings).status()
        answering = bool(state.uri and bolt_answers(state.uri))
        if as_json:
            _print_json(
                {
                    "running": state.running,
                    "answering": answering,
                    "pid": state.pid,
                    "uri": state.uri,
                    "data_dir": str(state.data_dir) if state.data_dir else None,
                    "log_file": str(state.log_file),
                    "external_uri": settings.neo4j_uri,
                    "note": state.note,
                }
            )
        elif state.running:
            out.print(
                f"running (pid {state.pid}) at {state.uri or '(starting)'}"
                f"{'' if answering else ', Bolt not answering yet'}; data {state.data_dir}; "
                f"log {state.log_file}",
                highlight=False,
            )
        else:
            out.print(f"not running{f' ({state.note})' if state.note else ''}", highlight=False)
        if settings.neo4j_uri and not as_json:
            out.print(
                f"PARTNERGRAPH_NEO4J_URI={settings.neo4j_uri} is set: --store neo4j uses it",
                highlight=False,
            )
        if not (state.running and answering):
            raise typer.Exit(1)


# -- export ----------------------------------------------------------------------------------
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
    with _reported():
        if fmt == "csv" and output is None:
            raise ConfigError("--format csv writes several files: give --output FOLDER or FILE.zip")
        with _store(_settings(store)) as graph:
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


# -- queries ---------------------------------------------------------------------------------
# `partnergraph partners|path|gaps|clusters|suggest`: the query layer (partnergraph.queries)
# as tables for people and JSON for machines. Exit 1 on QueryError/NotFound, 2 on bad usage.
# Imported here, not at the top, so that this section stays one self-contained block.

import datetime as dt  # noqa: E402
from collections import Counter  # noqa: E402

from rich.markup import escape  # noqa: E402

from partnergraph.model import RelType  # noqa: E402
from partnergraph.queries.answers import Answer, Coverage, EvidenceItem  # noqa: E402
from partnergraph.queries.clusters import clusters as clusters_query  # noqa: E402
from partnergraph.queries.gaps import (  # noqa: E402
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
from partnergraph.queries.partners import partners_for_priority  # noqa: E402
from partnergraph.queries.paths import connection_paths  # noqa: E402
from partnergraph.queries.suggest import suggest_partners  # noqa: E402

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


def _known_gaps(settings: Settings) -> list[str]:
    """The curated coverage notes of the data folder, as answers carry them."""
    if not settings.data_dir.is_dir():
        return []
    return known_gaps(read_coverage(settings.data_dir))


def _period_text(start: str | None, end: str | None) -> str:
    if start is None and end is None:
        return ""
    return f"{start or '…'} – {end or '…'}"


def _print_coverage(coverage: Coverage) -> None:
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


def _table(*headers: str) -> Table:
    """A table whose long uids and names wrap instead of being cut off."""
    table = Table(*headers)
    for column in table.columns:
        column.overflow = "fold"
    return table


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
    at: AtOpt = None,
    reference_date: RefOpt = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "pl",
) -> None:
    """Which partners cover a priority: ranked, with the evidence and its sources."""
    with _reported():
        settings = _settings(store)
        notes = _known_gaps(settings)
        with _store(settings) as graph:
            answer = partners_for_priority(
                graph,
                priority,
                at=_day(at),
                countries=country,
                kinds=kind,
                limit=limit,
                aligned=not direct,
                reference_date=_day(reference_date),
                lang=lang,
                known_gaps=notes,
            )
        if as_json:
            _print_json(answer.model_dump(mode="json"))
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
        if not answer.results:
            out.print(
                "no partner has evidence for this priority" + (f" on {at:%Y-%m-%d}" if at else "")
            )
        else:
            table = _table("#", "partner", "uid", "country", "score", "evidence")
            for result in answer.results:
                counts = ", ".join(f"{k} {v}" for k, v in result.evidence_counts.items())
                table.add_row(
                    str(result.rank),
                    result.partner.name,
                    result.partner.uid,
                    result.country or "",
                    f"{result.score:g}",
                    counts,
                )
            out.print(table)
            if answer.total > len(answer.results):
                out.print(f"{answer.total - len(answer.results)} more partner(s); raise --limit")
            for result in answer.results:
                _print_evidence(f"{result.rank}. {result.partner.name}", result.evidence, 3)
        _print_coverage(answer.coverage)


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
    at: AtOpt = None,
    reference_date: RefOpt = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "pl",
) -> None:
    """How two nodes are connected: the shortest chains, each hop explained and sourced."""
    with _reported():
        settings = _settings(store)
        notes = _known_gaps(settings)
        with _store(settings) as graph:
            answer = connection_paths(
                graph,
                from_uid,
                to_uid,
                k=k,
                max_hops=max_hops,
                at=_day(at),
                via=via or None,
                reference_date=_day(reference_date),
                lang=lang,
                known_gaps=notes,
            )
        if as_json:
            _print_json(answer.model_dump(mode="json"))
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
        _print_coverage(answer.coverage)


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
    region: Annotated[str | None, typer.Option(help="gminy: only in this Region uid")] = None,
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
    with _reported():
        settings = _settings(store)
        notes = _known_gaps(settings)
        with _store(settings) as graph:
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
            _print_json(answer.model_dump(mode="json"))
            return
        _print_gaps(answer)
        _print_coverage(answer.coverage)


def _print_gaps(answer: Answer) -> None:
    if isinstance(answer, CoverageMatrixAnswer):
        table = _table("priority", *answer.columns, "total")
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
        table = _table("priority", "uid", "framework", "last covered")
        for item in answer.results:
            table.add_row(
                item.priority.name,
                item.priority.uid,
                item.framework.name if item.framework else "",
                item.last_covered or "never",
            )
        if answer.results:
            out.print(table)
        for item in answer.results:
            if item.evidence:
                _print_evidence(f"{item.priority.name}: earlier evidence", item.evidence, 3)
    elif isinstance(answer, InactivePartnersAnswer):
        out.print(f"window: {answer.window[0]} – {answer.window[1]}")
        if not answer.results:
            out.print("every partner's co-operation covered a priority in the window")
            return
        table = _table("partner", "uid", "country", "last evidence")
        for partner in answer.results:
            table.add_row(
                partner.partner.name,
                partner.partner.uid,
                partner.country or "",
                partner.last_evidence or "never",
            )
        out.print(table)
        for partner in answer.results:
            _print_evidence(partner.partner.name, partner.evidence, 4)
    elif isinstance(answer, LeftOutGminyAnswer):
        out.print(
            f"{answer.left_out_total} of {answer.gminy_total} gminy have no project, "
            "membership or agreement"
        )
        table = _table("powiat", "left out / all", "gminy", "population")
        for group in answer.results:
            table.add_row(
                f"{group.county.name}\n[dim]{group.county.uid}[/dim]" if group.county else "?",
                f"{len(group.left_out)} / {group.gminy_total}",
                _gminy_names(group),
                f"{group.population_left_out:,}".replace(",", " ")
                if group.population_left_out is not None
                else "",
            )
        out.print(table)
    elif isinstance(answer, SinglePointsAnswer):
        if not answer.results:
            out.print("no priority rests on a single partner")
            return
        table = _table("priority", "uid", "framework", "only partner")
        for point in answer.results:
            table.add_row(
                point.priority.name,
                point.priority.uid,
                point.framework.name if point.framework else "",
                f"{point.partner.name} ({point.partner.uid})",
            )
        out.print(table)
        for point in answer.results:
            _print_evidence(point.priority.name, point.evidence, 3)


@app.command()
def clusters(
    method: Annotated[
        Literal["louvain", "leiden", "components"], typer.Option(help="Community detection")
    ] = "louvain",
    resolution: Annotated[float, typer.Option(min=0.01, help="Louvain resolution")] = 1.0,
    seed: Annotated[int, typer.Option(help="Seed: the same seed gives the same clusters")] = 42,
    at: AtOpt = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "pl",
) -> None:
    """Communities of co-operating actors, labelled by priorities and countries; brokers."""
    with _reported():
        settings = _settings(store)
        notes = _known_gaps(settings)
        with _store(settings) as graph:
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
            _print_json(answer.model_dump(mode="json"))
            return
        out.print(
            f"{len(answer.results)} clusters of {answer.actors} actors ({answer.ties} ties, "
            f"{answer.isolated_actors} actors without any tie left out); "
            f"modularity {answer.modularity:.3f} ({answer.method}, seed {seed})",
            highlight=False,
        )
        table = _table("#", "size", "countries", "dominant priorities", "brokers", "members")
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
        _print_coverage(answer.coverage)


@app.command()
def suggest(
    uid: Annotated[str, typer.Argument(help="Uid of a region, powiat, gmina or organisation")],
    priority: Annotated[
        str | None, typer.Option(help="Only actors covering this priority (uid or words)")
    ] = None,
    k: Annotated[int, typer.Option("--k", min=1, max=100, help="How many suggestions")] = 10,
    at: AtOpt = None,
    reference_date: RefOpt = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    lang: LangOpt = "pl",
) -> None:
    """Partners an actor is not yet connected to, ranked by common partners (Adamic–Adar)."""
    with _reported():
        settings = _settings(store)
        notes = _known_gaps(settings)
        with _store(settings) as graph:
            answer = suggest_partners(
                graph,
                uid,
                priority=priority,
                k=k,
                at=_day(at),
                reference_date=_day(reference_date),
                lang=lang,
                known_gaps=notes,
            )
        if as_json:
            _print_json(answer.model_dump(mode="json"))
            return
        out.print(f"[bold]{answer.actor.name}[/bold]  {answer.actor.uid}", highlight=False)
        if not answer.results:
            out.print("no candidate: nobody new is near this actor (or covers the priority)")
        else:
            table = _table("#", "actor", "uid", "country", "Adamic–Adar", "common")
            for result in answer.results:
                table.add_row(
                    str(result.rank),
                    result.actor.name,
                    result.actor.uid,
                    result.country or "",
                    f"{result.adamic_adar:.3f}",
                    str(len(result.common_neighbours)),
                )
            out.print(table)
            for result in answer.results:
                out.print(
                    f"[bold]{result.rank}. {result.actor.name}[/bold]: {result.reason}",
                    highlight=False,
                )
        _print_coverage(answer.coverage)


# -- import ------------------------------------------------------------------------------------
# ``partnergraph import keep FILE...``: the keep.eu importer (ingest/keep_eu.py, resolve.py,
# changes.py, workspace.py). Everything below belongs to the import command.

from partnergraph.ingest.workspace import ImportOutcome  # noqa: E402
from partnergraph.ingest.workspace import import_keep as run_keep_import  # noqa: E402

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
    with _reported():
        settings = _settings(store)
        with (
            _store(settings) as graph,
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
    table = _table("label / relationship", "added", "updated", "merged", "unchanged", "stale")
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


# -- site ------------------------------------------------------------------------------------
# The website as files: `site build OUT` (static site, data baked in) and `site screenshots`.

site_app = typer.Typer(help="The website: build it as a static site, take screenshots.")
app.add_typer(site_app, name="site")


@site_app.command("build")
def site_build(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the site into")],
    store: StoreOpt = None,
) -> None:
    """Write the whole website (Polish at the root, English under en/) as static files.

    Every page, every node and every priority, with the data baked in: any web server can
    host the folder, and its pages also open straight from disk, offline.
    """
    from partnergraph.viz.site import build_site

    with _reported(), _store(_settings(store)) as graph:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=err,
            transient=True,
        ) as bar:
            task = bar.add_task("pages", total=None)
            report = build_site(
                graph,
                out_dir,
                progress=lambda _, done, total: bar.update(task, completed=done, total=total),
            )
        out.print(
            f"wrote {report.pages} pages ({report.bytes / 1e6:.1f} MB) to {report.out_dir}; "
            f"open {report.out_dir / 'index.html'}",
            highlight=False,
        )


@site_app.command("screenshots")
def site_screenshots(
    out_dir: Annotated[
        Path, typer.Argument(help="Folder for the PNGs (the repository keeps docs/screenshots)")
    ] = Path("docs/screenshots"),
    store: StoreOpt = None,
    english: Annotated[bool, typer.Option("--english", help="Also the English pages")] = False,
) -> None:
    """Open every page in headless Chromium and save a screenshot of each (needs chromium and
    chromium-driver: scripts/setup.sh --browser)."""
    from partnergraph.viz.browser import browser_available
    from partnergraph.viz.screenshots import take_screenshots

    if not browser_available():
        err.print(
            "[red]error:[/red] Chromium, chromedriver or selenium is missing; run "
            "scripts/setup.sh --browser"
        )
        raise typer.Exit(2)
    with _reported(), _store(_settings(store)) as graph:
        written = take_screenshots(graph, out_dir, langs=("pl", "en") if english else ("pl",))
    for path in written:
        out.print(str(path), highlight=False)


if __name__ == "__main__":  # pragma: no cover
    app()
