"""The ``partnergraph`` command: one module per area, all registered on one typer app.

Exit codes: 0 ok, 1 data or query error (bad rows, unknown uid, backend down), 2 usage.
Every query command takes ``--json`` for machines, ``--lang pl|en``, ``--at`` and ``--store``.
"""

from partnergraph.cli import (  # register commands
    core,
    export,
    gaps,
    imports,
    neo4j,
    queries,
    regions,
    review,
    site,
)
from partnergraph.cli._common import app

__all__ = ["app"]

_ = (core, export, gaps, imports, neo4j, queries, regions, review, site)
