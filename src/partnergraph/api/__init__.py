"""HTTP API: read-only JSON over the query layer (the website is added by partnergraph.web)."""

from partnergraph.api.app import create_api

__all__ = ["create_api"]
