"""``python -m partnergraph.cli``."""

from partnergraph.cli import app

app()
