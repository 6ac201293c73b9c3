#!/usr/bin/env bash
# Build the Neo4j launcher (tools/neo4j) with Maven if it is missing or out of date.
# Idempotent: does nothing when target/neo4j-launcher*.jar and target/lib are newer than
# pom.xml and every Java source file. Extra arguments are passed to Maven. The default build
# includes GDS + APOC in target/plugins (profile gds); -Dnogds builds without them.
# Set NEO4J_FORCE_BUILD=1 to rebuild unconditionally.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pom="$here/pom.xml"
jar="$here/target/neo4j-launcher.jar"
lib="$here/target/lib"
stamp="$here/target/.build-stamp"

if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/java-17-openjdk-amd64 ]]; then
    export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi

# The arguments (profiles) of the last successful build are part of "up to date".
want_args="$*"

up_to_date() {
    [[ "${NEO4J_FORCE_BUILD:-0}" != 1 ]] || return 1
    compgen -G "$here/target/neo4j-launcher*.jar" >/dev/null || return 1
    [[ -f "$jar" && -d "$lib" && -f "$stamp" ]] || return 1
    # A plain request (GDS by default) is also satisfied by an explicit -Pgds build, but not
    # by one made without GDS (-Dnogds).
    local built
    built="$(cat "$stamp")"
    [[ "$built" == "$want_args" || ( -z "$want_args" && "$built" == "-Pgds" ) ]] || return 1
    # Any input newer than the jar or the lib dir means a rebuild.
    local newer
    newer="$(find "$pom" "$here/src" -type f \( -newer "$jar" -o -newer "$lib" \) -print -quit)"
    [[ -z "$newer" ]]
}

if up_to_date; then
    echo "neo4j launcher: up to date ($jar)"
    exit 0
fi

# Serialise concurrent builds (e.g. several test workers calling run.sh at once).
mkdir -p "$here/target"
if command -v flock >/dev/null 2>&1; then
    exec 9>"$here/target/.build.lock"
    flock 9
    if up_to_date; then
        echo "neo4j launcher: up to date ($jar, built by a concurrent build)"
        exit 0
    fi
fi

if ! command -v mvn >/dev/null 2>&1; then
    echo "neo4j launcher: 'mvn' not found (apt-get install maven openjdk-17-jdk-headless)" >&2
    exit 1
fi

echo "neo4j launcher: building with Maven (JAVA_HOME=${JAVA_HOME:-<unset>}) ..."
start=$(date +%s)
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
rm -f "$stamp" "$here/target/lib.list" "$here/target/plugins.list"
# -q keeps the success path quiet; on failure Maven's own errors are printed.
if ! mvn -B -q -Dstyle.color=never -f "$pom" package -DskipTests "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "neo4j launcher: Maven build FAILED" >&2
    exit 1
fi
# copy-dependencies never deletes, so after a version bump jars of the older version would stay
# on the classpath. Remove every jar Maven did not list for this build. (Jars are not wiped up
# front: a launcher that is already running keeps using the unchanged ones.)
prune() { # dir listfile
    local dir="$1" list="$2" f
    [[ -d "$dir" && -f "$list" ]] || return 0
    local keep
    keep="$(tr ':' '\n' <"$list" | sed 's|.*/||')"
    for f in "$dir"/*; do
        [[ -e "$f" ]] || continue
        case "$(basename "$f")" in neo4j-launcher-*.jar) continue ;; esac  # our own jars
        if ! grep -qxF "$(basename "$f")" <<<"$keep"; then
            echo "neo4j launcher: removing stale $(basename "$dir")/$(basename "$f")"
            rm -f "$f"
        fi
    done
}
prune "$lib" "$here/target/lib.list"
# target/plugins only exists for builds with the gds profile (the default); the list is
# removed first so a build without it (-Dnogds) drops the plugins.
if [[ -f "$here/target/plugins.list" ]]; then
    prune "$here/target/plugins" "$here/target/plugins.list"
else
    rm -rf "$here/target/plugins"
fi
touch "$jar" "$lib"
printf '%s' "$want_args" >"$stamp"
echo "neo4j launcher: built $jar and $lib in $(( $(date +%s) - start ))s"
