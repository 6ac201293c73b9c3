"""Schemathesis drives every operation of the OpenAPI document, in process, and checks each
answer against the document: no server errors, no schema violations, documented statuses and
content types, invalid input refused, valid input accepted.

Two deliberate settings, both documented in the API itself:

* A request refused by the URL limits (414) counts as a refusal of invalid data.
* A well-formed question may be unanswerable (400 ``bad_query``/``no_path``: a `framework`
  that is not a strategy, two nodes with no chain between them, words matching no
  priority); JSON Schema cannot express these, so 400 counts as an acceptable answer to
  schema-valid data.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from partnergraph.graph.memory import MemoryStore
from partnergraph.ingest.loader import load_directory
from partnergraph.web import create_app
from tests.api.conftest import ERB, api_settings

#: Examples per operation and generation phase: enough to find a crash, under a minute in all.
MAX_EXAMPLES = 25


def _app() -> object:
    store = MemoryStore()
    load_directory(store, ERB)
    # The admin route is mounted so that it is checked too; schemathesis has no token, so it
    # only ever meets the 401, and nothing is written to ``home``.
    home = Path(tempfile.gettempdir()) / "partnergraph-schemathesis-home"
    return create_app(api_settings(home, admin_token="not-given-to-schemathesis"), store)


CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "negative_data_rejection": {
                "expected-statuses": [400, 401, 403, 404, 405, 406, 409, 413, 414, 422]
            },
            "positive_data_acceptance": {"expected-statuses": ["2xx", "3xx", 400, 401, 404]},
        },
        "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True},
    }
)
schema = schemathesis.openapi.from_asgi("/openapi.json", _app(), config=CONFIG)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_conforms_to_its_openapi_document(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate()
