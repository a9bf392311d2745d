#!/usr/bin/env bash
# OpenSearch 2.19.6 or 3.9.0 for development and tests, built from Maven Central
# artifacts (search/engine/pom.xml) and run with plain `java` (no tarball, no Docker).
# One node, or one node of a cluster on loopback (--seed-hosts).
#
# Usage:
#   search/engine/run.sh                 build if needed, then run OpenSearch in the foreground
#   search/engine/run.sh --build-only    build/cache only, then exit 0
#   search/engine/run.sh --port N --data DIR    (same as SEARCH_ENGINE_PORT / SEARCH_ENGINE_DATA)
#   search/engine/run.sh --version 3     OpenSearch 3.x (same as SEARCH_ENGINE_VERSION=3)
#   Any other argument is passed on to the launcher: --cluster-name X, --node-name Y,
#   --transport-port N, --seed-hosts 127.0.0.1:9300,127.0.0.1:9301,
#   --initial-cluster-manager-nodes node-0,node-1,node-2, --ready-timeout SECONDS.
#
# Environment:
#   SEARCH_ENGINE_VERSION    OpenSearch major: 2 (default, 2.19.6, Java 17+) or 3 (3.9.0, Java 21+)
#   SEARCH_ENGINE_OPENSEARCH_VERSION  exact release of that major instead (e.g. 3.8.0)
#   SEARCH_ENGINE_PORT       HTTP port on 127.0.0.1 (default 9200; 0 = any free port)
#   SEARCH_ENGINE_DATA       data directory (default <repo>/.var/search-engine/data, data-3 for 3.x)
#   SEARCH_ENGINE_HEAP       heap size for -Xms/-Xmx (default 512m)
#   SEARCH_ENGINE_JAVA_OPTS  extra JVM options
#   SEARCH_ENGINE_LOG_LEVEL  root log level (default WARN; node lifecycle is always INFO)
#   SEARCH_ENGINE_JAVA       java binary. Default for 2: $JAVA_HOME/bin/java, else `java`.
#                            For 3: $JAVA_HOME/bin/java or `java` if they are Java 21+, else the
#                            newest JDK 21+ under /usr/lib/jvm, else exit 1. The build (mvn) runs
#                            with that JDK as JAVA_HOME.
#
# Design:
#   * Build once: `mvn compile dependency:build-classpath` into
#     .var/search-engine/build/os<major>-<hash of major, version, pom.xml + src/>, guarded by flock
#     so parallel callers don't race; a change to the pom or the sources gives a new hash and a
#     rebuild. The 2.x and 3.x builds live side by side.
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
        --version) SEARCH_ENGINE_VERSION="$2"; shift ;;
        --version=*) SEARCH_ENGINE_VERSION="${1#*=}" ;;
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

MAJOR="${SEARCH_ENGINE_VERSION:-2}"
case "$MAJOR" in
    2) MIN_JAVA=17 ;;
    3) MIN_JAVA=21 ;;
    *) echo "search-engine: SEARCH_ENGINE_VERSION must be 2 or 3, not '$MAJOR'" >&2; exit 1 ;;
esac
OS_VERSION="${SEARCH_ENGINE_OPENSEARCH_VERSION:-}"
if [ -n "$OS_VERSION" ] && [ "${OS_VERSION%%.*}" != "$MAJOR" ]; then
    echo "search-engine: SEARCH_ENGINE_OPENSEARCH_VERSION=$OS_VERSION is not a $MAJOR.x release" >&2
    exit 1
fi

# ---- java -------------------------------------------------------------------------------
# feature version (17, 21, 25...) of a java binary, empty if it does not run
java_feature() {
    local home
    home="$(dirname "$(dirname "$(readlink -f "$(command -v "$1" || echo "$1")")")")"
    if [ -f "$home/release" ]; then  # a JDK's release file: JAVA_VERSION="25.0.1" (no JVM start)
        sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release"
    else
        "$1" -XshowSettings:properties -version 2>&1 \
            | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
    fi
}

if [ -n "${SEARCH_ENGINE_JAVA:-}" ]; then
    JAVA="$SEARCH_ENGINE_JAVA"
    feature="$(java_feature "$JAVA")"
    if [ -z "$feature" ] || [ "$feature" -lt "$MIN_JAVA" ]; then
        echo "search-engine: SEARCH_ENGINE_JAVA=$JAVA is Java ${feature:-?}; OpenSearch $MAJOR.x needs Java $MIN_JAVA+" >&2
        exit 1
    fi
else
    JAVA=""
    candidates=()
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then candidates+=("$JAVA_HOME/bin/java"); fi
    if command -v java >/dev/null 2>&1; then candidates+=("$(command -v java)"); fi
    if [ "$MAJOR" = 2 ]; then
        # as before: whatever java the environment gives (Java 17 on this project's machines)
        JAVA="${candidates[0]:-java}"
    else
        for candidate in ${candidates[@]+"${candidates[@]}"}; do
            feature="$(java_feature "$candidate")"
            if [ -n "$feature" ] && [ "$feature" -ge "$MIN_JAVA" ]; then JAVA="$candidate"; break; fi
        done
        if [ -z "$JAVA" ]; then
            # the newest JDK 21+ installed side by side (e.g. /usr/lib/jvm/temurin-25-jdk-amd64)
            for jdk in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
                [ -x "${jdk}bin/java" ] && [ -x "${jdk}bin/javac" ] || continue
                feature="$(java_feature "${jdk}bin/java")"
                if [ -n "$feature" ] && [ "$feature" -ge "$MIN_JAVA" ]; then JAVA="${jdk}bin/java"; break; fi
            done
        fi
        if [ -z "$JAVA" ]; then
            echo "search-engine: OpenSearch 3.x needs Java $MIN_JAVA+, and none was found" \
                "(SEARCH_ENGINE_JAVA, JAVA_HOME, java on PATH, /usr/lib/jvm/*). Install a JDK 21+ or set SEARCH_ENGINE_JAVA." >&2
            exit 1
        fi
    fi
fi
# the JDK that the build uses: the one holding $JAVA, when it has a compiler
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA" || echo "$JAVA")")")")"
if [ -x "$java_home/bin/javac" ]; then
    BUILD_JAVA_HOME="$java_home"
else
    BUILD_JAVA_HOME="${JAVA_HOME:-}"
fi

# ---- build (cached) -------------------------------------------------------------------
key="$(cd "$ENGINE_DIR" && { echo "major=$MAJOR version=$OS_VERSION"; echo pom.xml; cat pom.xml; find src -type f | LC_ALL=C sort | while read -r f; do echo "$f"; cat "$f"; done; } | sha256sum | cut -c1-16)"
BUILD="$CACHE/build/os$MAJOR-$key"

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
        echo "search-engine: building OpenSearch $MAJOR.x ($BUILD) ..." >&2
        start=$SECONDS
        rm -rf "$BUILD"
        mkdir -p "$BUILD"
        mvn_props=("-Dsearch.engine.major=$MAJOR")
        if [ -n "$OS_VERSION" ]; then mvn_props+=("-Dopensearch.version=$OS_VERSION"); fi
        # the first build downloads ~70 MB (2.x) / ~90 MB (3.x) into ~/.m2 (a few seconds to a minute)
        if ! JAVA_HOME="$BUILD_JAVA_HOME" mvn -B -Dstyle.color=never -f "$ENGINE_DIR/pom.xml" \
            "${mvn_props[@]}" "-Dsearch.engine.build.dir=$BUILD/target" \
            compile dependency:build-classpath "-Dmdep.outputFile=$BUILD/classpath.txt" \
            > "$CACHE/build-os$MAJOR.log" 2>&1; then
            tail -n 50 "$CACHE/build-os$MAJOR.log" >&2
            echo "search-engine: build FAILED, full log in $CACHE/build-os$MAJOR.log" >&2
            exit 1
        fi
        touch "$BUILD/ok"
        # drop older builds of this major (and those from before builds were named by major)
        find "$CACHE/build" -mindepth 1 -maxdepth 1 -type d ! -name "$(basename "$BUILD")" \
            \( -name "os$MAJOR-*" -o ! -name "os*-*" \) -exec rm -rf {} +
        echo "search-engine: built in $((SECONDS - start))s" >&2
    fi
    flock -u 9
    exec 9>&-
fi

if [ "$build_only" = 1 ]; then
    exit 0
fi

# ---- run --------------------------------------------------------------------------------
HEAP="${SEARCH_ENGINE_HEAP:-512m}"
PORT="${SEARCH_ENGINE_PORT:-9200}"
if [ "$MAJOR" = 2 ]; then default_data="$CACHE/data"; else default_data="$CACHE/data-$MAJOR"; fi
# a 3.x node upgrades a 2.x data dir in place (no way back), so the majors keep apart by default
DATA="${SEARCH_ENGINE_DATA:-$default_data}"
java_opts=()
if [ "$MAJOR" = 3 ]; then
    # JNA, zstd-jni and Lucene call native code: say so, instead of a warning at each start
    java_opts+=(--enable-native-access=ALL-UNNAMED)
fi

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
    ${java_opts[@]+"${java_opts[@]}"} ${SEARCH_ENGINE_JAVA_OPTS:-} \
    -cp "$BUILD/target/classes:$(cat "$BUILD/classpath.txt")" \
    org.deescalation.search.SearchEngineNode \
    --port "$PORT" --data "$DATA" ${args[@]+"${args[@]}"}
