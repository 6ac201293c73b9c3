"""``partnergraph site build|screenshots``: the website as files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from partnergraph.cli._common import (
    StoreOpt,
    app,
    err,
    opened_store,
    out,
    reported,
    settings_for,
)

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
    from partnergraph.ingest.coverage import gap_notes, read_coverage
    from partnergraph.viz.site import build_site

    settings = settings_for(store)
    with reported(), opened_store(settings) as graph:
        notes = gap_notes(read_coverage(settings.data_dir)) if settings.data_dir.is_dir() else []
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
                notes=notes,
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
    with reported(), opened_store(settings_for(store)) as graph:
        written = take_screenshots(graph, out_dir, langs=("pl", "en") if english else ("pl",))
    for path in written:
        out.print(str(path), highlight=False)
