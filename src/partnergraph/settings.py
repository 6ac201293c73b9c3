"""Settings from the environment (prefix ``PARTNERGRAPH_``): one class for CLI, API and tests."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "default_data_dir", "repository_root"]


def repository_root() -> Path:
    """The checkout this package runs from (``src/partnergraph`` → two levels up)."""
    return Path(__file__).resolve().parents[2]


def default_data_dir() -> Path:
    """The bundled ``data/`` of the checkout, or ``./data`` when installed elsewhere."""
    bundled = repository_root() / "data"
    return bundled if (bundled / "sources.csv").exists() else Path.cwd() / "data"


class Settings(BaseSettings):
    """Where the graph lives and how to reach it.

    ``store=memory`` builds the graph in this process from ``data_dir`` (plus what was imported
    into ``home``); ``store=neo4j`` talks to the server at ``neo4j_uri``, or, when that is unset,
    to the local server started by ``partnergraph neo4j start``.
    """

    model_config = SettingsConfigDict(env_prefix="PARTNERGRAPH_", extra="ignore")

    store: Literal["memory", "neo4j"] = "memory"
    data_dir: Path = Field(default_factory=default_data_dir)
    home: Path = Field(default_factory=lambda: Path(platformdirs.user_data_dir("partnergraph")))
    #: Also load the bundled layers of ``data_dir`` (``layers/*``: keep.eu's ERB-area
    #: projects); false gives the curated data alone.
    layers: bool = True

    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str = "neo4j"
    neo4j_timeout: float = Field(default=10.0, gt=0)
    #: How many statements of one whole-graph question (the coverage matrix's batches of
    #: priorities, a hub's thousands of candidates) run on the server side by side: Neo4j runs
    #: each on one core. Raise it on a server with more cores than this machine's two.
    neo4j_read_parallelism: int = Field(default=2, ge=1, le=32)

    admin_token: SecretStr | None = None
    cors_origins: list[str] = Field(default_factory=list)
    #: The API computes what the first questions after a load would otherwise wait for
    #: (partner rankings, clusters) in a background thread; see queries/warmup.py.
    warm_up: bool = True
    #: The query cache's budget in MiB (estimated sizes; queries/_cache.py): whole-graph
    #: intermediate results kept per data version. 0 keeps nothing.
    cache_mb: int = Field(default=1024, ge=0)

    @property
    def neo4j_dir(self) -> Path:
        """Data directory, pid and URI files of the locally started Neo4j."""
        return self.home / "neo4j"
