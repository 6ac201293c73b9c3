#!/usr/bin/env bash
# Run a Neo4j 5 Community server (embedded, Bolt on 127.0.0.1, auth disabled).
#   tools/neo4j/run.sh --data-dir DIR [--port N|0] [--uri-file FILE] [--pagecache 256m]
#                      [--plugins DIR | --no-plugins]
# Builds the launcher first if needed. Heap: NEO4J_HEAP (default 1g; -Xms is min(512m, heap)).
# Extra JVM options: NEO4J_JAVA_OPTS.
# Plugins: the default build puts GDS + APOC in target/plugins and they are loaded from there;
# --no-plugins starts without them (so does a launcher built with NEO4J_BUILD_ARGS=-Dnogds).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/java-17-openjdk-amd64 ]]; then
    export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# The default build (Maven profile gds, active unless -Dnogds) puts GDS + APOC in
# target/plugins; they are loaded unless --no-plugins is given or another --plugins DIR is.
# Like Neo4j's own server launcher, plugin jars also go on the JVM class path (first): GDS
# registers the components its procedures inject through extension factories found there.
build_args="${NEO4J_BUILD_ARGS-}"
plugins=""
no_plugins=0
prev=""
args=()
for a in "$@"; do
    case "$a" in
        --no-plugins) no_plugins=1; prev="$a"; continue ;;
        --plugins=*) plugins="${a#--plugins=}" ;;
        *) [[ "$prev" == "--plugins" ]] && plugins="$a" ;;
    esac
    args+=("$a")
    prev="$a"
done
# Build output goes to stderr so that stdout carries only the Bolt URI.
# shellcheck disable=SC2086
"$here/build.sh" $build_args >&2
if [[ -z "$plugins" && "$no_plugins" == 0 && -d "$here/target/plugins" ]]; then
    plugins="$here/target/plugins"
    args+=(--plugins "$plugins")
fi

heap="${NEO4J_HEAP:-1g}"
xms="512m"
case "$heap" in
    [0-9]*[mM]) (( ${heap%[mM]} < 512 )) && xms="$heap" ;;
esac

# JVM flags Neo4j needs on Java 17 (a subset of what Neo4j's own launcher passes; see README.md).
# Without the --add-opens, debug.log warns "Reflection access to java.nio.DirectByteBuffer is not
# available, using fallback mode" and "Incorrect file descriptor" for transaction-log preallocation.
jvm_flags=(
    -Xms"$xms" -Xmx"$heap"
    -XX:+UseG1GC
    -XX:+UnlockDiagnosticVMOptions -XX:-OmitStackTraceInFastThrow
    -XX:+DisableExplicitGC
    -Djdk.nio.maxCachedBufferSize=1024
    -Dio.netty.tryReflectionSetAccessible=true
    -Dlog4j2.disable.jmx=true
    -Dfile.encoding=UTF-8
    --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
)
if "$java" --enable-native-access=ALL-UNNAMED -version >/dev/null 2>&1; then
    jvm_flags+=(--enable-native-access=ALL-UNNAMED)
fi

classpath="$here/target/neo4j-launcher.jar:$here/target/lib/*"
if [[ -n "$plugins" ]]; then
    classpath="$(cd "$plugins" && pwd)/*:$classpath"
fi

# shellcheck disable=SC2086
exec "$java" "${jvm_flags[@]}" ${NEO4J_JAVA_OPTS:-} \
    -cp "$classpath" \
    org.partnergraph.neo4j.Launcher ${args[@]+"${args[@]}"}
