"""``partnergraph neo4j start|stop|status``: the local Neo4j built from Maven Central."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from partnergraph.cli._common import (
    JsonOpt,
    app,
    err,
    out,
    print_json,
    reported,
    settings_for,
)

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
    page_cache: Annotated[
        str | None,
        typer.Option(
            help="Neo4j page cache, e.g. 1g (default 256m); about the size of the store files"
        ),
    ] = None,
) -> None:
    """Build the launcher if needed, start Neo4j in the background and print its Bolt URI."""
    import time

    from partnergraph.graph.server import LocalNeo4j

    with reported():
        settings = settings_for()
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
            uri = server.start(data_dir=data_dir, port=port, timeout=timeout, page_cache=page_cache)
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

    with reported():
        server = LocalNeo4j.from_settings(settings_for())
        state = server.status()
        if server.stop(timeout=timeout):
            out.print(f"stopped Neo4j (pid {state.pid})")
        else:
            out.print("Neo4j was not running")


@neo4j_app.command("status")
def neo4j_status(as_json: JsonOpt = False) -> None:
    """Whether the local Neo4j runs, where, and its Bolt URI; exit 1 when it does not run."""
    from partnergraph.graph.server import LocalNeo4j, bolt_answers

    with reported():
        settings = settings_for()
        state = LocalNeo4j.from_settings(settings).status()
        answering = bool(state.uri and bolt_answers(state.uri))
        if as_json:
            print_json(
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
