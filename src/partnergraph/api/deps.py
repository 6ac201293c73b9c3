"""Request dependencies: each route gets the store opened in the app's lifespan."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Query, Request

from partnergraph.graph.store import GraphStore
from partnergraph.settings import Settings

__all__ = ["Lang", "SettingsDep", "StoreDep", "get_settings", "get_store"]


def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[GraphStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
Lang = Annotated[
    Literal["pl", "en"],
    Query(description="Language of display names: Polish (default) or English."),
]
