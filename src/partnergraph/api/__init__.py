"""HTTP API: read-only JSON over the query layer."""

from partnergraph.api.app import create_app

__all__ = ["create_app"]
