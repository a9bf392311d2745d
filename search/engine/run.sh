#!/usr/bin/env bash
# Single-node OpenSearch 2.19.6 for development and tests, built from Maven Central
# artifacts (search/engine/pom.xml) and run with plain `java` (no tarball, no Docker).
#
# Usage:
#   search/engine/run.sh                 build if needed, then run OpenSearch in the foreground
#   search/engine/run.sh --build-only    build/cache only, then exit 0
#   search/engine/run.sh --port N --data DIR    (same as SEARCH_ENGINE_PORT / SEARCH_ENGINE_DATA)
#   Any other argument is passed on to the launcher (e.g. --cluster-name X, --node-name Y).
#
# Environment:
#   SEARCH_ENGINE_PORT       HTTP port on 127.0.0.1 (default 9200; 0 = any free port)
#   SEARCH_ENGINE_DATA       data directory (default <repo>/.var/search-engine/data)
#   SEARCH_ENGINE_HEAP       heap size for -Xms/-Xmx (default 512m)
#   SEARCH_ENGINE_JAVA_OPTS  extra JVM options
#   SEARCH_ENGINE_LOG_LEVEL  root log level (default WARN; node lifecycle is always INFO)
#   SEARCH_ENGINE_JAVA       java binary (default $JAVA_HOME/bin/java, else `java`); needs Java 17+
#
# Design:
#   * Build once: `mvn compile dependency:build-classpath` into
#     .var/search-engine/build/<hash of pom.xml + src/>, guarded by flock so parallel
#     callers don't race; a change to the pom or the sources gives a new hash and a rebuild.
#   * Run: `exec java ...`, so this script's PID *is* the JVM: SIGTERM/SIGINT go straight to
#     it and its shutdown hook closes the node (data flushed, exits within ~2 s).
#   * Readiness: the launcher prints exactly one stdout line
#         OpenSearch ready on http://127.0.0.1:PORT
#     once the node is started and cluster health is yellow (PORT is the real port, also
#     with --port 0). Logs go to stderr. Callers that cannot read stdout use
#     `search/engine/wait.sh URL [timeout]`, e.g.  run.sh & search/engine/wait.sh http://127.0.0.1:9200
#   * Exit status: 1 if the node cannot start (port in use, data dir used by another node...).
set -euo pipefail

ENGINE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$ENGINE_DIR/../.." && pwd)"
CACHE="$ROOT/.var/search-engine"

build_only=0
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --build-only) build_only=1 ;;
        --no-wait) ;;  # accepted for compatibility: the launcher always runs in the foreground
        --port) SEARCH_ENGINE_PORT="$2"; shift ;;
        --port=*) SEARCH_ENGINE_PORT="${1#*=}" ;;
        --data) SEARCH_ENGINE_DATA="$2"; shift ;;
        --data=*) SEARCH_ENGINE_DATA="${1#*=}" ;;
        -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) args+=("$1") ;;
    esac
    shift
done

# ---- build (cached) -------------------------------------------------------------------
key="$(cd "$ENGINE_DIR" && { echo pom.xml; cat pom.xml; find src -type f | LC_ALL=C sort | while read -r f; do echo "$f"; cat "$f"; done; } | sha256sum | cut -c1-16)"
BUILD="$CACHE/build/$key"

build_ok() {
    [ -f "$BUILD/ok" ] || return 1
    # the cached classpath points into ~/.m2: rebuild if any jar has gone
    local jar
    while IFS= read -r jar; do [ -f "$jar" ] || return 1; done < <(tr ':' '\n' < "$BUILD/classpath.txt")
}

mkdir -p "$CACHE/build"
if ! build_ok; then
    exec 9>"$CACHE/build.lock"
    flock 9
    if ! build_ok; then
        echo "search-engine: building ($BUILD) ..." >&2
        start=$SECONDS
        rm -rf "$BUILD"
        mkdir -p "$BUILD"
        # the first build downloads ~70 MB into ~/.m2 (a few seconds to a minute)
        if ! mvn -B -Dstyle.color=never -f "$ENGINE_DIR/pom.xml" \
            "-Dsearch.engine.build.dir=$BUILD/target" \
            compile dependency:build-classpath "-Dmdep.outputFile=$BUILD/classpath.txt" \
            > "$CACHE/build.log" 2>&1; then
            tail -n 50 "$CACHE/build.log" >&2
            echo "search-engine: build FAILED, full log in $CACHE/build.log" >&2
            exit 1
        fi
        touch "$BUILD/ok"
        # drop builds for older pom/source versions
        find "$CACHE/build" -mindepth 1 -maxdepth 1 -type d ! -name "$key" -exec rm -rf {} +
        echo "search-engine: built in $((SECONDS - start))s" >&2
    fi
    flock -u 9
    exec 9>&-
fi

if [ "$build_only" = 1 ]; then
    exit 0
fi

# ---- run --------------------------------------------------------------------------------
if [ -n "${SEARCH_ENGINE_JAVA:-}" ]; then
    JAVA="$SEARCH_ENGINE_JAVA"
elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    JAVA="$JAVA_HOME/bin/java"
else
    JAVA=java
fi

HEAP="${SEARCH_ENGINE_HEAP:-512m}"
PORT="${SEARCH_ENGINE_PORT:-9200}"
DATA="${SEARCH_ENGINE_DATA:-$CACHE/data}"

# -XX:TieredStopAtLevel=1 (C1 JIT only): on 2 cores startup is ~1.5-2x faster and steadier
# because C2 compiler threads no longer compete with startup; peak query speed is lower,
# which is irrelevant for dev data. Undo with SEARCH_ENGINE_JAVA_OPTS=-XX:TieredStopAtLevel=4.
# -XX:-UsePerfData: no /tmp/hsperfdata_* files. -Djna.nosys: use the JNA bundled in the jar.
# shellcheck disable=SC2086  # SEARCH_ENGINE_JAVA_OPTS is a list of words on purpose
exec "$JAVA" \
    "-Xms$HEAP" "-Xmx$HEAP" \
    -XX:+UseG1GC -XX:TieredStopAtLevel=1 -XX:-UsePerfData \
    -Dfile.encoding=UTF-8 -Djava.awt.headless=true -Djna.nosys=true \
    "-Dsearch.engine.log.level=${SEARCH_ENGINE_LOG_LEVEL:-WARN}" \
    ${SEARCH_ENGINE_JAVA_OPTS:-} \
    -cp "$BUILD/target/classes:$(cat "$BUILD/classpath.txt")" \
    org.deescalation.search.SearchEngineNode \
    --port "$PORT" --data "$DATA" ${args[@]+"${args[@]}"}
