"""The OpenAPI document is good enough to use the API from /docs without reading the code:
every operation is described and has examples (a test fails when a route is added without)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from partnergraph.web import create_app
from tests.api.conftest import api_settings


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The document of the app with every optional route mounted (admin included)."""
    home = tmp_path_factory.mktemp("home")
    app = create_app(api_settings(home, admin_token="documented"))
    with TestClient(app) as client:
        document: dict[str, Any] = client.get("/openapi.json").json()
    return document


def operations(spec: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{method.upper()} {path}", operation)
        for path, methods in spec["paths"].items()
        for method, operation in methods.items()
    ]


def resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    found: dict[str, Any] = spec
    for part in ref.removeprefix("#/").split("/"):
        found = found[part]
    return found


def has_example(spec: dict[str, Any], schema: dict[str, Any], depth: int = 0) -> bool:
    schema = resolve(spec, schema)
    if "example" in schema or "examples" in schema:
        return True
    if depth > 1:
        return False
    children = [*schema.get("properties", {}).values(), *schema.get("anyOf", [])]
    return any(has_example(spec, child, depth + 1) for child in children)


def test_the_documented_routes_are_the_public_interface(spec: dict[str, Any]) -> None:
    documented = {name for name, _ in operations(spec)}
    assert documented >= {
        "GET /health",
        "GET /ready",
        "GET /v1/search",
        "GET /v1/nodes/{uid}",
        "GET /v1/nodes/{uid}/neighbours",
        "GET /v1/priorities",
        "GET /v1/priorities/{uid}/partners",
        "GET /v1/paths",
        "GET /v1/graph",
        "GET /v1/meta/coverage",
        "POST /v1/admin/reload",
    }


def test_every_operation_has_a_summary_and_a_description(spec: dict[str, Any]) -> None:
    missing = [
        name
        for name, operation in operations(spec)
        if not operation.get("summary") or len(operation.get("description", "")) < 40
    ]
    assert missing == []


def test_every_parameter_has_a_description_and_an_example(spec: dict[str, Any]) -> None:
    missing = [
        f"{name} {parameter['name']}"
        for name, operation in operations(spec)
        for parameter in operation.get("parameters", [])
        if not parameter.get("description")
        or not (parameter.get("examples") or has_example(spec, parameter.get("schema", {})))
    ]
    assert missing == []


def test_every_operation_has_an_example(spec: dict[str, Any]) -> None:
    def example_somewhere(operation: dict[str, Any]) -> bool:
        if any(p.get("examples") for p in operation.get("parameters", [])):
            return True
        content = operation["responses"].get("200", {}).get("content", {})
        return any(has_example(spec, body.get("schema", {})) for body in content.values())

    missing = [name for name, operation in operations(spec) if not example_somewhere(operation)]
    assert missing == []


def test_every_query_route_takes_lang_and_at(spec: dict[str, Any]) -> None:
    missing = [
        name
        for name, operation in operations(spec)
        if name.startswith("GET /v1/")
        and not {"lang", "at"} <= {p["name"] for p in operation.get("parameters", [])}
    ]
    assert missing == []


def test_every_query_route_documents_its_errors_in_the_error_shape(spec: dict[str, Any]) -> None:
    for name, operation in operations(spec):
        if not name.startswith("GET /v1/"):
            continue
        for status in ("404", "422", "503"):
            schema = operation["responses"][status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (name, status)


def test_docs_page_is_served(tmp_path: Path) -> None:
    with TestClient(create_app(api_settings(tmp_path))) as client:
        response = client.get("/docs")
    assert response.status_code == 200
    assert "swagger" in response.text.lower()
