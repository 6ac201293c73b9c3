#!/usr/bin/env bash
# The main job: set up, check the bundled data, and serve the API + website on the embedded store.
# Stop with Ctrl-C; uvicorn runs in the foreground, so it ends with this script.
set -euo pipefail
cd "$(dirname "$0")/.."
host=${HOST:-127.0.0.1}
port=${PORT:-8000}
bash scripts/setup.sh
echo "==> checking the bundled data in data/ (a few seconds)"
.venv/bin/partnergraph validate data
echo "==> starting the server on http://$host:$port/ (the graph is built from data/ in about a second; Ctrl-C stops it)"
exec .venv/bin/partnergraph serve --host "$host" --port "$port" --store memory
