#!/usr/bin/env bash
# Everything CI checks: set up (including a real Neo4j and Chromium), lint, type-check, test.
# Neo4j is started and stopped by the test session itself (tests/conformance/conftest.py).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --neo4j --browser

# Tests never touch the user's own workspace.
PARTNERGRAPH_HOME=$(mktemp -d)
export PARTNERGRAPH_HOME
trap 'rm -rf "$PARTNERGRAPH_HOME"' EXIT
unset PARTNERGRAPH_NEO4J_URI PARTNERGRAPH_STORE

# A real keep.eu export used by the importer tests; it is never copied into the repository.
keep_export=../shared/research/real-files/keep_closed_1420.xlsx
if [ -z "${PARTNERGRAPH_KEEP_EXPORT:-}" ] && [ -f "$keep_export" ]; then
  export PARTNERGRAPH_KEEP_EXPORT=$(cd "$(dirname "$keep_export")" && pwd)/$(basename "$keep_export")
fi

echo "==> ruff check";  .venv/bin/ruff check src tests bench tools notebooks
echo "==> ruff format"; .venv/bin/ruff format --check src tests bench tools notebooks
echo "==> mypy --strict src"; .venv/bin/mypy src
echo "==> pytest"
.venv/bin/pytest "$@"
