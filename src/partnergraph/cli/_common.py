"""What every command shares: the app, the consoles, the common options and error reporting.

Exit codes: 0 ok, 1 data or query error (bad rows, unknown uid, backend down), 2 usage.
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
from rich.table import Table

from partnergraph.errors import DataError, PartnergraphError
from partnergraph.graph.store import GraphStore
from partnergraph.queries.service import QueryService
from partnergraph.settings import Settings
from partnergraph.stores import open_store

__all__ = [
    "DirArg",
    "JsonOpt",
    "LangOpt",
    "StoreOpt",
    "app",
    "err",
    "folding_table",
    "opened_store",
    "out",
    "print_counts",
    "print_json",
    "reported",
    "settings_for",
]

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


def settings_for(store: str | None = None, data_dir: Path | None = None) -> Settings:
    overrides: dict[str, Any] = {}
    if store is not None:
        overrides["store"] = store
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    return Settings(**overrides)


@contextmanager
def reported() -> Iterator[None]:
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
def opened_store(settings: Settings, *, load_data: bool = True) -> Iterator[GraphStore]:
    """The configured store, with a query service's cache bound for the command (a command
    that asks many questions, such as ``site``, reuses what they share)."""
    store = open_store(settings, load_data=load_data)
    try:
        with QueryService(store, cache_bytes=settings.cache_mb * 1024 * 1024).bound():
            yield store
    finally:
        store.close()


def print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def print_counts(nodes: dict[str, int], relationships: dict[str, int]) -> None:
    for title, counts in (("label", nodes), ("relationship", relationships)):
        table = Table(title=None)
        table.add_column(title)
        table.add_column("count", justify="right")
        for name, count in counts.items():
            table.add_row(name, str(count))
        table.add_row("[bold]total[/bold]", f"[bold]{sum(counts.values())}[/bold]")
        out.print(table)


def folding_table(*headers: str) -> Table:
    """A table whose long uids and names wrap instead of being cut off."""
    table = Table(*headers)
    for column in table.columns:
        column.overflow = "fold"
    return table
