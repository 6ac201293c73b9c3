"""Commands on the dataset itself: validate, load, stats, audit, show, search, serve."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from partnergraph.cli._common import (
    DirArg,
    JsonOpt,
    LangOpt,
    StoreOpt,
    app,
    err,
    opened_store,
    out,
    print_counts,
    print_json,
    reported,
    settings_for,
)
from partnergraph.ingest.coverage import read_coverage
from partnergraph.ingest.loader import load_dataset
from partnergraph.ingest.workspace import bundled_layers, read_bundle
from partnergraph.model import NodeLabel
from partnergraph.queries.audit import audit as audit_graph
from partnergraph.queries.search import search as search_query


@app.command()
def validate(directory: DirArg = None) -> None:
    """Check a dataset folder; print every problem as file:line:column and exit 1 if any."""
    with reported():
        settings = settings_for(data_dir=directory)
        dataset = read_bundle(settings.data_dir, layers=settings.layers)
        source_ids = {
            n.uid.removeprefix("source:") for n in dataset.nodes if n.label == NodeLabel.SOURCE
        }
        notes = read_coverage(settings.data_dir, source_ids)
        layers = bundled_layers(settings.data_dir) if settings.layers else []
        with_layers = f" (with the layers {', '.join(p.name for p in layers)})" if layers else ""
        out.print(
            f"[green]ok[/green]: {settings.data_dir}{with_layers} has {len(dataset.nodes)} nodes "
            f"and {len(dataset.edges)} relationships, all valid and sourced; "
            f"{len(notes)} coverage notes"
        )


@app.command()
def load(directory: DirArg = None, store: StoreOpt = None) -> None:
    """Validate a dataset folder completely, then load it: all or nothing; twice is a no-op."""
    with reported():
        settings = settings_for(store, directory)
        dataset = read_bundle(settings.data_dir, layers=settings.layers)
        with (
            opened_store(settings, load_data=False) as graph,
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
        print_counts(report.counts.nodes, report.counts.relationships)


@app.command()
def stats(store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """Counts per label and relationship type."""
    with reported(), opened_store(settings_for(store)) as graph:
        counts = graph.counts()
        if as_json:
            print_json(counts.model_dump())
        else:
            print_counts(counts.nodes, counts.relationships)


@app.command()
def audit(store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """Counts, facts without a source (must be 0), facts per confidence, coverage per source."""
    with reported():
        settings = settings_for(store)
        notes = read_coverage(settings.data_dir)
        with opened_store(settings) as graph:
            report = audit_graph(graph, notes)
        if as_json:
            print_json(report.model_dump(mode="json"))
        else:
            print_counts(report.counts.nodes, report.counts.relationships)
            table = Table("facts", "verified", "inferred", "unverified", title="confidence")
            for kind, counts in report.confidence.items():
                table.add_row(
                    kind, *(str(counts.get(c, 0)) for c in ("verified", "inferred", "unverified"))
                )
            out.print(table)
            kinds = Table("kind", "sources", title="sources per kind")
            for kind, n in report.source_kinds.items():
                kinds.add_row(kind, str(n))
            out.print(kinds)
            confidences = Table("confidence", "sources", title="sources per confidence")
            for confidence, n in report.source_confidence.items():
                confidences.add_row(confidence, str(n))
            out.print(confidences)
            sources = Table(
                "source", "kind", "confidence", "retrieved", "facts", "period", title="sources"
            )
            for use in report.sources:
                period = f"{use.period_from or '…'} – {use.period_to or '…'}"
                sources.add_row(
                    use.id,
                    use.kind or "",
                    use.confidence,
                    use.retrieved or "",
                    str(use.facts),
                    period,
                )
            out.print(sources)
            for use in report.sources:
                if use.licence:
                    out.print(f"[bold]{use.id}[/bold] ({use.facts} facts): {use.licence}")
            notes_table = Table("area", "scope", "status", "note", title="known coverage")
            for note in report.coverage:
                notes_table.add_row(note.area, note.scope, note.status, note.note)
            out.print(notes_table)
            colour = "red" if report.unsourced else "green"
            out.print(f"[{colour}]facts without a source: {len(report.unsourced)}[/{colour}]")
            for ident in report.unsourced[:50]:
                out.print(f"  {ident}", highlight=False)
            mirrored = report.verified_on_mirrors_only
            colour = "red" if mirrored else "green"
            out.print(
                f"[{colour}]verified facts resting only on mirrors: {len(mirrored)}[/{colour}]"
            )
            for ident in mirrored:
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
    with reported(), opened_store(settings_for(store)) as graph:
        node = graph.node(uid)
        neighbours = graph.neighbours(uid)
        sources = graph.get_nodes(f"source:{sid}" for sid in node.sources)
        if as_json:
            print_json(
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
    with reported(), opened_store(settings_for(store)) as graph:
        answer = search_query(
            graph, text, labels=[label] if label else None, lang=lang, limit=limit
        )
        if as_json:
            print_json(answer.model_dump(mode="json"))
            return
        if not answer.results:
            out.print(f"nothing matches {text!r}")
            return
        # gminy of one name (the town and the rural gmina around it) differ by their detail
        table = Table("uid", "label", "name", "detail", "matched", "score")
        for hit in answer.results:
            table.add_row(
                hit.node.uid,
                hit.node.label.value,
                hit.display_name,
                hit.detail or "",
                hit.matched,
                str(hit.score),
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
    with reported():
        settings_for(store)  # fail early, with exit 2, on bad settings
        code = run_server(host=host, port=port, workers=workers, access_log=access_log)
    if code:
        raise typer.Exit(code)
