#!/usr/bin/env bash
# Set up everything partnergraph needs on a fresh machine, idempotently.
#   scripts/setup.sh            Python virtual environment in .venv with the package and dev tools
#   scripts/setup.sh --neo4j    also build the Neo4j launcher from Maven Central (tools/neo4j),
#                               with the Graph Data Science + APOC plugins (clusters run in GDS)
#   scripts/setup.sh --neo4j --no-gds   the launcher without the plugins (faster start-up;
#                               clusters then run in Python)
#   scripts/setup.sh --browser  also install Debian's chromium + chromium-driver (browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."

want_neo4j=0
want_browser=0
neo4j_build_args=()
for arg in "$@"; do
  case "$arg" in
    --neo4j) want_neo4j=1 ;;
    --no-gds) neo4j_build_args=(-Dnogds) ;;
    --browser) want_browser=1 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "setup.sh: Python 3.11 or newer is needed ($python is $("$python" --version 2>&1))" >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> creating the virtual environment .venv (a few seconds)"
  "$python" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  started=$SECONDS
  if compgen -G ".venv/.installed-*" >/dev/null; then
    # An earlier install is there: only what pyproject.toml changed is fetched.
    echo "==> pyproject.toml changed: updating partnergraph and its dependencies in .venv (usually under a minute)…"
    quiet=--quiet
  else
    # The first install downloads about 150 packages: show pip's progress, line by line.
    echo "==> installing partnergraph and its dependencies into .venv (first time: about 2 minutes; pip's progress follows)…"
    quiet=
  fi
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install $quiet --progress-bar off -e ".[dev]"
  rm -f .venv/.installed-*
  touch "$stamp"
  echo "==> .venv is ready ($((SECONDS - started)) s); later runs skip this step"
fi

if [ "$want_neo4j" = 1 ]; then
  if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then
    echo "==> installing a JDK and Maven (Debian packages)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
  fi
  echo "==> building the Neo4j launcher (first time: downloads Neo4j, GDS and APOC from Maven Central)"
  bash tools/neo4j/build.sh ${neo4j_build_args[@]+"${neo4j_build_args[@]}"}
  if [ ${#neo4j_build_args[@]} -gt 0 ]; then
    echo "==> note: start it with NEO4J_BUILD_ARGS=-Dnogds so that run.sh keeps this build"
  fi
fi

if [ "$want_browser" = 1 ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    echo "==> installing chromium and chromium-driver (Debian packages)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi
