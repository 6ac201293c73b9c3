"""One exception tree for the whole package.

Every error a user can meet is a subclass of :class:`PartnergraphError`, so the CLI and the
API can turn any of them into a clear message and a stable exit code or HTTP status::

    PartnergraphError                 CLI exit 1 / HTTP 500
    ├── ConfigError                   CLI exit 2 / HTTP 500  (settings, missing files, bad usage)
    ├── DataError                     CLI exit 1 / HTTP 422  (DataIssues, file:line:column)
    ├── QueryError                    CLI exit 1 / HTTP 400  (a query that cannot be answered)
    ├── NotFound                      CLI exit 1 / HTTP 404  (unknown uid)
    ├── PayloadTooLarge               CLI exit 1 / HTTP 413  (a request body over a route's limit)
    └── BackendUnavailable            CLI exit 1 / HTTP 503  (Neo4j down, unreachable, timed out)
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

__all__ = [
    "BackendUnavailable",
    "ConfigError",
    "DataError",
    "DataIssue",
    "NotFound",
    "PartnergraphError",
    "PayloadTooLarge",
    "QueryError",
]


class PartnergraphError(Exception):
    """Base of every error partnergraph raises on purpose."""

    code = "error"
    http_status = 500
    exit_code = 1

    def details(self) -> dict[str, Any]:
        """Machine-readable details for the API's error body."""
        return {}


class ConfigError(PartnergraphError):
    """The settings or the command line ask for something that cannot work."""

    code = "config_error"
    exit_code = 2


@dataclass(frozen=True)
class DataIssue:
    """One problem in an input file, located as precisely as the format allows.

    ``line`` is the 1-based line (CSV) or row (xlsx) where the record starts; ``column`` the
    1-based column number and ``field`` its header, so an editor can jump to the cell.
    """

    file: str
    line: int | None
    column: int | None
    message: str
    field: str | None = None
    value: str | None = None
    sheet: str | None = None
    extra: dict[str, Any] = dataclass_field(default_factory=dict)

    def location(self) -> str:
        where = self.file if self.sheet is None else f"{self.file}[{self.sheet}]"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        text = f"{self.location()}: "
        if self.field is not None:
            text += f"{self.field}: "
        text += self.message
        if self.value is not None:
            shown = self.value if len(self.value) <= 80 else self.value[:77] + "..."
            text += f" (got {shown!r})"
        return text

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
            "value": None if self.value is None else self.value[:200],
        }


class DataError(PartnergraphError):
    """Input data is invalid; nothing was written. Carries every issue found, not just the first."""

    code = "data_error"
    http_status = 422

    def __init__(self, issues: list[DataIssue]) -> None:
        self.issues = issues
        count = len(issues)
        head = "\n".join(str(issue) for issue in issues[:50])
        more = f"\n... and {count - 50} more" if count > 50 else ""
        super().__init__(f"{count} data error(s); nothing was loaded:\n{head}{more}")

    def details(self) -> dict[str, Any]:
        return {
            "issues": [issue.as_dict() for issue in self.issues[:200]],
            "count": len(self.issues),
        }


class QueryError(PartnergraphError):
    """A query's parameters make no sense (unknown priority text, hop limit too large ...)."""

    code = "bad_query"
    http_status = 400


class NotFound(PartnergraphError):
    """No node has the uid asked for."""

    code = "not_found"
    http_status = 404

    def __init__(self, uid: str, what: str = "node") -> None:
        self.uid = uid
        super().__init__(f"no {what} with uid {uid!r}")

    def details(self) -> dict[str, Any]:
        return {"uid": self.uid}


class PayloadTooLarge(PartnergraphError):
    """A request body is larger than the route takes; it was not read further."""

    code = "payload_too_large"
    http_status = 413

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"the request body is larger than {limit} bytes")

    def details(self) -> dict[str, Any]:
        return {"limit": self.limit}


class BackendUnavailable(PartnergraphError):
    """The graph store cannot be reached; the message says what to do about it."""

    code = "backend_unavailable"
    http_status = 503
