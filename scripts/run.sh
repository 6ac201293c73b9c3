#!/usr/bin/env bash
# The main job: set up, check the bundled data, and serve the API + website on the embedded store.
# Stop with Ctrl-C; uvicorn runs in the foreground, so it ends with this script.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/partnergraph validate data
exec .venv/bin/partnergraph serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}" --store memory
